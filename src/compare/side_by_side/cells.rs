//! One column's cells: its header (council, date, framework, section title), its areas for
//! development, and its paragraphs for one aligned row, or the gap where it lacks that row.

use super::typeset::{hanging, hanging_indent, heading_lines, wrap_styled};
use super::{Line, Style};
use crate::compare::{Column, Group};
use crate::model::{Framework, Theme};

/// The heading shown over opening paragraphs that no report heads.
const UNHEADED: &str = "Findings";

pub(super) fn header(
    col: &Column,
    theme: Theme,
    framework: bool,
    w: usize,
    rule: char,
) -> Vec<Line> {
    let mut out = wrap_styled(&col.authority, Style::Authority, w);
    out.extend(wrap_styled(&col.inspection.label(), Style::Date, w));
    if framework {
        let label = col.framework.map_or("Themes not stated", Framework::label);
        out.extend(wrap_styled(label, Style::Date, w));
    }
    match &col.section_title {
        Some(t) => {
            let t = match col.section_number {
                Some(n) => format!("{n}. {t}"),
                None => t.clone(),
            };
            out.extend(wrap_styled(&t, Style::SectionTitle, w));
        }
        None if !col.framework_has(theme) => out.extend(wrap_styled(
            "Not a theme of this report's framework",
            Style::Gap,
            w,
        )),
        None => out.extend(wrap_styled(
            "No section on this theme in this report",
            Style::Gap,
            w,
        )),
    }
    out.push(Line::one(rule.to_string().repeat(w), Style::Rule));
    out
}

pub(super) fn recommendations(col: &Column, w: usize) -> Vec<Line> {
    let mut out = Vec::new();
    if col.recommendations.is_empty() {
        out.extend(wrap_styled("Areas for development: none", Style::Label, w));
    } else {
        out.extend(wrap_styled(
            &format!("Areas for development ({})", col.recommendations.len()),
            Style::Label,
            w,
        ));
        let labels: Vec<String> = col
            .recommendations
            .iter()
            .map(|r| format!("R{}", r.number))
            .collect();
        let indent = hanging_indent(&labels, w);
        for (r, label) in col.recommendations.iter().zip(&labels) {
            out.extend(hanging(
                label,
                Style::RecommendationNumber,
                &r.text,
                indent,
                w,
                label,
            ));
            if r.inferred {
                out.extend(
                    wrap_styled(
                        &format!("({label}: number inferred by the parser)"),
                        Style::Note,
                        w,
                    )
                    .into_iter()
                    .map(|l| l.anchored(label)),
                );
            }
        }
    }
    out.push(Line::default());
    out
}

pub(super) fn group(
    col: &Column,
    g: &Group,
    row_label: Option<&str>,
    headed: bool,
    w: usize,
    rule: char,
) -> Vec<Line> {
    let mut out = Vec::new();
    if !col.has_section() {
        return out;
    }
    let mut current = g.heading.as_deref();
    match (g.heading.as_deref(), g.is_gap(), headed) {
        (Some(h), _, _) => out.extend(heading_lines(h, Style::Subsection, w, rule)),
        (None, true, _) => out.extend(heading_lines(
            row_label.unwrap_or(UNHEADED),
            Style::Gap,
            w,
            rule,
        )),
        (None, false, true) => {
            out.extend(heading_lines("(before any heading)", Style::Gap, w, rule))
        }
        (None, false, false) => out.extend(heading_lines(UNHEADED, Style::Subsection, w, rule)),
    }
    if g.is_gap() {
        out.extend(wrap_styled("Not in this report.", Style::Gap, w));
        out.push(Line::default());
        return out;
    }
    let ids: Vec<&str> = col.paragraphs.iter().map(|p| p.id.as_str()).collect();
    let indent = hanging_indent(&ids, w);
    for &i in &g.indices {
        let Some(p) = col.paragraphs.get(i) else {
            continue;
        };
        let sub = p.subsection.as_deref();
        if sub != current && sub.is_some() {
            out.extend(heading_lines(sub.unwrap_or(""), Style::Subsection, w, rule));
        }
        current = sub;
        out.extend(hanging(
            &p.id,
            Style::ParagraphId,
            &p.text,
            indent,
            w,
            &p.id,
        ));
        out.push(Line::default());
    }
    out
}
