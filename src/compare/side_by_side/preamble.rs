//! The full-width lines above the columns: the title, "What we expect to see" (in full, folded
//! to one line, or hidden) with the councils that word it differently, and the councils left
//! out for lack of width.

use super::typeset::wrap_styled;
use super::{ExpectationsMode, Line, Options, Span, Style};
use crate::compare::Comparison;
use crate::text::{fit, for_terminal, wrap};
use unicode_width::UnicodeWidthStr;

/// The widest "What we expect to see" is set in full, for a readable measure on wide screens.
const EXPECTATIONS_MEASURE: usize = 100;

pub(super) fn preamble(
    c: &Comparison,
    opts: &Options,
    width: usize,
    left_out: &[usize],
) -> Vec<Line> {
    let mut out = Vec::new();
    let n = c.columns.len();
    let title = match (n, left_out.len()) {
        (1, _) => format!("{}: 1 report", c.theme_title),
        (_, 0) => format!("{}: {n} reports side by side", c.theme_title),
        (_, out) => format!("{}: {} of {n} reports shown", c.theme_title, n - out),
    };
    out.extend(wrap_styled(&title, Style::Title, width));
    if let Some(exp) = &c.expectations {
        let label = if c.expectations_differ.is_empty() {
            "What we expect to see".to_string()
        } else {
            format!(
                "What we expect to see (as {} words it; {} differently)",
                for_terminal(&first_with_expectations(c)),
                for_terminal(&c.expectations_differ.join(", ")),
            )
        };
        match opts.expectations {
            ExpectationsMode::Full => {
                out.extend(wrap_styled(&label, Style::ExpectationsLabel, width));
                let indent = if width > 20 { "  " } else { "" };
                let measure = width.min(EXPECTATIONS_MEASURE) - indent.len();
                for l in wrap(&for_terminal(exp), measure) {
                    out.push(Line::one(format!("{indent}{l}"), Style::Expectations));
                }
            }
            ExpectationsMode::Folded => {
                let head = format!("{label}: ");
                let rest = width.saturating_sub(head.width());
                if rest >= 8 {
                    out.push(Line::new(vec![
                        Span {
                            text: head,
                            style: Style::ExpectationsLabel,
                        },
                        Span {
                            text: fit::truncate(&for_terminal(exp), rest, ellipsis(opts)),
                            style: Style::Expectations,
                        },
                    ]));
                } else {
                    let label = fit::truncate(&label, width, ellipsis(opts));
                    out.push(Line::one(label, Style::ExpectationsLabel));
                }
            }
            ExpectationsMode::Hidden => {}
        }
    }
    if n == 0 {
        out.extend(wrap_styled("No reports to compare.", Style::Note, width));
    }
    if !left_out.is_empty() {
        out.extend(wrap_styled(
            &left_out_note(c, opts, width, left_out),
            Style::Note,
            width,
        ));
    }
    out.push(Line::default());
    out
}

/// "Not shown at this width: Swansea (July 2018), ... and 40 more. h/l scrolls to them.", in
/// two lines at most however many councils are left out.
fn left_out_note(c: &Comparison, opts: &Options, width: usize, left_out: &[usize]) -> String {
    let hint = if opts.left_out_hint.is_empty() {
        String::new()
    } else {
        format!(" {}", opts.left_out_hint)
    };
    let room = (2 * width).saturating_sub(12);
    let mut note = String::from("Not shown at this width: ");
    for (k, &i) in left_out.iter().enumerate() {
        let col = &c.columns[i];
        let name = for_terminal(&col.authority);
        let sep = if k == 0 { "" } else { ", " };
        let item = format!("{sep}{name} ({})", col.inspection.label());
        let more = left_out.len() - k - 1;
        let tail = match more {
            0 => format!(".{hint}"),
            n => format!(" and {n} more.{hint}"),
        };
        if k > 0 && note.width() + item.width() + tail.width() > room {
            let n = left_out.len() - k;
            return format!("{note} and {n} more.{hint}");
        }
        note.push_str(&item);
    }
    format!("{note}.{hint}")
}

fn ellipsis(opts: &Options) -> &'static str {
    if opts.ascii {
        "~"
    } else {
        "…"
    }
}

fn first_with_expectations(c: &Comparison) -> String {
    c.columns
        .iter()
        .find(|col| !c.expectations_differ.contains(&col.authority))
        .map(|col| col.authority.clone())
        .unwrap_or_default()
}
