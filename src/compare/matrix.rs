//! The councils × themes matrix: [`matrix`] counts areas for development and paragraphs per
//! council and theme next to the methodology figures; [`matrix_text`] sets it as plain tables
//! sized to a width, for `ciw compare --matrix` and the TUI's matrix overlay. No terminal code.

use super::side_by_side::truncate;
use crate::model::{Inspection, Report, Theme};
use crate::text::{for_terminal, wrap};
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The councils × themes table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    /// The themes of the cells, in order.
    pub themes: Vec<Theme>,
    /// One row per report.
    pub rows: Vec<MatrixRow>,
}

/// One council (report) in the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub report: String,
    pub authority: String,
    pub inspection: Inspection,
    /// One cell per [`Matrix::themes`] entry.
    pub cells: Vec<Cell>,
    pub methodology: Figures,
}

/// One council's figures for one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub theme: Theme,
    /// The section's own title; `None` when the report has no such section.
    pub section_title: Option<String>,
    /// Number of areas for development for the theme.
    pub recommendations: usize,
    /// Their numbers, e.g. `[2, 3, 4]`.
    pub recommendation_numbers: Vec<u32>,
    /// Number of paragraphs in the theme's section.
    pub paragraphs: usize,
}

/// The methodology figures of one report; `None` where the report does not give one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub fieldwork_days: Option<u32>,
    pub case_files_reviewed: Option<u32>,
    pub tracked_by_interview: Option<u32>,
    pub tracked_by_focus_group: Option<u32>,
    pub supervision_files: Option<u32>,
}

/// Builds the matrix of `reports` (in the order given) over `themes`.
pub fn matrix<'a>(themes: &[Theme], reports: impl IntoIterator<Item = &'a Report>) -> Matrix {
    let rows = reports
        .into_iter()
        .map(|r| {
            let m = &r.methodology;
            MatrixRow {
                report: r.id.clone(),
                authority: r.authority.short.clone(),
                inspection: r.inspection.clone(),
                cells: themes
                    .iter()
                    .map(|&t| {
                        let sec = r.theme_section(t);
                        let numbers: Vec<u32> =
                            r.recommendations_for(t).map(|x| x.number).collect();
                        Cell {
                            theme: t,
                            section_title: sec.map(|s| s.title.clone()),
                            recommendations: numbers.len(),
                            recommendation_numbers: numbers,
                            paragraphs: sec.map_or(0, |s| s.paragraphs.len()),
                        }
                    })
                    .collect(),
                methodology: Figures {
                    fieldwork_days: m.fieldwork_days,
                    case_files_reviewed: m.case_files_reviewed,
                    tracked_by_interview: m.tracked_by_interview,
                    tracked_by_focus_group: m.tracked_by_focus_group,
                    supervision_files: m.supervision_files,
                },
            }
        })
        .collect();
    Matrix {
        themes: themes.to_vec(),
        rows,
    }
}

/// The matrix as two plain tables sized to `width`: areas for development / paragraphs per
/// council and theme, then the methodology figures. Columns that do not fit continue in a
/// further table below rather than being cut.
pub fn matrix_text(m: &Matrix, width: usize) -> String {
    let mut s = String::new();
    let council = |r: &MatrixRow| for_terminal(&r.authority).into_owned();
    let date = |r: &MatrixRow| {
        let i = &r.inspection;
        let month: String = i.month.chars().take(3).collect();
        match (month.is_empty(), i.year) {
            (false, y) if y > 0 => format!("{month} {y}"),
            _ => i.label(),
        }
    };
    let mut head: Vec<String> = vec!["Council".into(), "Inspected".into()];
    head.extend(m.themes.iter().map(|t| t.short_title().to_string()));
    let mut rows: Vec<Vec<String>> = vec![head];
    for r in &m.rows {
        let mut row = vec![council(r), date(r)];
        row.extend(r.cells.iter().map(|c| {
            if c.section_title.is_none() {
                format!("{} / –", c.recommendations)
            } else {
                format!("{} / {}", c.recommendations, c.paragraphs)
            }
        }));
        rows.push(row);
    }
    caption(
        &mut s,
        "Areas for development / paragraphs per theme (Access: information, advice and assistance; Care: care and support and pathway planning; – : no such section)",
        width,
    );
    table(&mut s, &rows, width);

    let f = |v: Option<u32>| v.map_or("–".to_string(), |n| n.to_string());
    let mut rows: Vec<Vec<String>> = vec![[
        "Council",
        "Inspected",
        "Days",
        "Case files",
        "Interview",
        "Focus group",
        "Supervision",
    ]
    .iter()
    .map(|x| x.to_string())
    .collect()];
    for r in &m.rows {
        let g = &r.methodology;
        rows.push(vec![
            council(r),
            date(r),
            f(g.fieldwork_days),
            f(g.case_files_reviewed),
            f(g.tracked_by_interview),
            f(g.tracked_by_focus_group),
            f(g.supervision_files),
        ]);
    }
    let _ = writeln!(s);
    caption(
        &mut s,
        "Methodology: fieldwork days, case files reviewed, cases tracked by interview and by focus group, supervision files (– : not given)",
        width,
    );
    table(&mut s, &rows, width);
    s
}

fn caption(s: &mut String, text: &str, width: usize) {
    for l in wrap(text, width) {
        let _ = writeln!(s, "{l}");
    }
}

/// Writes rows as a table: the first two columns (council, date) left-aligned, the rest
/// right-aligned, two spaces apart. Value columns that do not fit in `width` continue in a
/// further table below, which repeats the first two columns.
fn table(s: &mut String, rows: &[Vec<String>], width: usize) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed: usize = widths.iter().take(2).map(|w| w + 2).sum();
    // Split the value columns into chunks that fit beside the fixed ones (at least one each).
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut used = fixed;
    for (c, w) in widths.iter().enumerate().skip(2) {
        let w = w + 2;
        match chunks.last_mut() {
            Some(chunk) if used + w <= width + 2 => chunk.push(c),
            _ => {
                chunks.push(vec![c]);
                used = fixed;
            }
        }
        used += w;
    }
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(s);
        }
        for r in rows {
            let mut line = String::new();
            for c in (0..2.min(cols)).chain(chunk.iter().copied()) {
                let cell = r.get(c).map(String::as_str).unwrap_or("");
                if c > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
                if c < 2 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            let line = truncate(line.trim_end(), width);
            let _ = writeln!(s, "{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn matrix_marks_missing_sections_and_figures() {
        use crate::compare::tests::{para, report};
        let a = report("Aber", vec![para("3.1", None)], None);
        let m = matrix(&[Theme::CareAndSupport, Theme::Safeguarding], [&a]);
        let text = matrix_text(&m, 80);
        let row = text
            .lines()
            .find(|l| l.starts_with("Aber"))
            .expect("a row for Aber");
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            ["Aber", "Jan", "2020", "0", "/", "1", "0", "/", "–"]
        );
        let figures = text.lines().rfind(|l| l.starts_with("Aber")).unwrap_or("");
        assert_eq!(figures.matches('–').count(), 5, "{figures}");
        let empty = matrix_text(&matrix(&Theme::ALL, []), 10);
        assert!(empty.lines().all(|l| l.width() <= 10), "{empty}");
    }

    #[test]
    fn samples_matrix_figures() {
        let corpus = Corpus::samples();
        let m = matrix(&Theme::ALL, &corpus.reports);
        let swansea = m.rows.iter().find(|r| r.authority == "Swansea").unwrap();
        assert_eq!(swansea.methodology.fieldwork_days, Some(9));
        assert_eq!(swansea.methodology.case_files_reviewed, Some(69));
        assert_eq!(swansea.cells[0].recommendation_numbers, [1, 2]);
        assert_eq!(swansea.cells[0].paragraphs, 9);
    }
}
