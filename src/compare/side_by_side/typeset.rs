//! Setting text in a column: wrapped and styled lines, `── Heading ───` rules, labels hung
//! before wrapped text (`R8`, `4.1`), and cutting to a width with an ellipsis. Every text passes
//! [`for_terminal`] and is measured in terminal cells.

use super::{Line, Span, Style};
use crate::text::{for_terminal, wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `── Heading ─────` filled to the column width, or wrapped when too long.
pub(super) fn heading_lines(h: &str, style: Style, w: usize, rule: char) -> Vec<Line> {
    let h = for_terminal(h);
    let lead: String = std::iter::repeat_n(rule, 2).collect();
    let text_w = h.width();
    if text_w + 4 <= w {
        let fill: String = std::iter::repeat_n(rule, w - text_w - 4).collect();
        let tail = if fill.is_empty() {
            String::new()
        } else {
            format!(" {fill}")
        };
        vec![Line::new(vec![
            Span {
                text: format!("{lead} "),
                style: Style::Rule,
            },
            Span {
                text: h.into_owned(),
                style,
            },
            Span {
                text: tail,
                style: Style::Rule,
            },
        ])]
    } else {
        wrap_styled(&h, style, w)
    }
}

/// The indent for labels hung before wrapped text: the widest label plus a space, kept to at
/// most a third of the column.
pub(super) fn hanging_indent<S: AsRef<str>>(labels: &[S], w: usize) -> usize {
    let widest = labels
        .iter()
        .map(|l| for_terminal(l.as_ref()).width())
        .max()
        .unwrap_or(0);
    (widest + 1).min(w / 3)
}

/// `label text...` with continuation lines indented under the text.
pub(super) fn hanging(
    label: &str,
    label_style: Style,
    text: &str,
    indent: usize,
    w: usize,
    anchor: &str,
) -> Vec<Line> {
    let label = for_terminal(label);
    let label_w = label.width();
    let mut out = Vec::new();
    if indent == 0 || label_w >= indent || w <= indent {
        // No room to hang: the label on a line of its own.
        out.extend(
            wrap_styled(&label, label_style, w)
                .into_iter()
                .map(|l| l.anchored(anchor)),
        );
        out.extend(
            wrap_styled(text, Style::Text, w)
                .into_iter()
                .map(|l| l.anchored(anchor)),
        );
        return out;
    }
    let text = for_terminal(text);
    for (i, l) in wrap(&text, w - indent).into_iter().enumerate() {
        let lead = if i == 0 {
            Span {
                text: format!("{label}{}", " ".repeat(indent - label_w)),
                style: label_style,
            }
        } else {
            Span {
                text: " ".repeat(indent),
                style: Style::Text,
            }
        };
        out.push(
            Line::new(vec![
                lead,
                Span {
                    text: l,
                    style: Style::Text,
                },
            ])
            .anchored(anchor),
        );
    }
    if out.is_empty() {
        out.push(Line::one(label.into_owned(), label_style).anchored(anchor));
    }
    out
}

pub(super) fn wrap_styled(text: &str, style: Style, w: usize) -> Vec<Line> {
    wrap(&for_terminal(text), w)
        .into_iter()
        .map(|l| Line::one(l, style))
        .collect()
}

/// Cuts `s` to `w` cells, ending with `…` when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if w > 0 {
        out.push('…');
    }
    out
}
