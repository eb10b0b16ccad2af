//! The councils × themes matrix: [`matrix`] counts areas for development and paragraphs per
//! council and theme next to the methodology figures; [`matrix_text`] sets it as plain tables
//! sized to a width, for `ciw compare --matrix` and the TUI's matrix overlay. No terminal code.

use super::side_by_side::truncate;
use crate::model::{Framework, Inspection, Report, Theme};
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
    /// The framework the report is written around; `None` when its themes do not tell.
    pub framework: Option<Framework>,
    /// One cell per [`Matrix::themes`] entry.
    pub cells: Vec<Cell>,
    pub methodology: Figures,
}

/// One council's figures for one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub theme: Theme,
    /// False when the report is written around a framework without this theme (leadership in
    /// a PEI report): nothing is missing there.
    pub in_framework: bool,
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

/// Builds the matrix of `reports` (in the order given) over `themes` (for a mixed set of
/// reports, [`super::themes_for`]: each framework's themes, safeguarding once).
pub fn matrix<'a>(themes: &[Theme], reports: impl IntoIterator<Item = &'a Report>) -> Matrix {
    let rows = reports
        .into_iter()
        .map(|r| {
            let m = &r.methodology;
            let framework = r.framework();
            MatrixRow {
                report: r.id.clone(),
                authority: r.authority.short.clone(),
                inspection: r.inspection.clone(),
                framework,
                cells: themes
                    .iter()
                    .map(|&t| {
                        let sec = r.theme_section(t);
                        let numbers: Vec<u32> =
                            r.recommendations_for(t).map(|x| x.number).collect();
                        Cell {
                            theme: t,
                            in_framework: framework.is_none_or(|f| t.frameworks().contains(&f)),
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
/// further table below rather than being cut. Where the councils' reports follow different
/// frameworks, a column names each one's, and a theme outside it shows `·`.
pub fn matrix_text(m: &Matrix, width: usize) -> String {
    matrix_layout(m, width).0
}

/// Where a cell of the councils × themes table is in [`matrix_layout`]'s text: its line, and
/// its first display column and width on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellSpot {
    /// Index into [`Matrix::rows`].
    pub row: usize,
    /// Index into [`Matrix::themes`].
    pub theme: usize,
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

/// [`matrix_text`], and where each council × theme cell landed in it (cells cut off by the
/// width have none), so a front end can put a cursor on a cell.
pub fn matrix_layout(m: &Matrix, width: usize) -> (String, Vec<CellSpot>) {
    let mut spots = Vec::new();
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
    let mixed = m.rows.iter().any(|r| r.framework != m.rows[0].framework);
    let mut head: Vec<String> = vec!["Council".into(), "Inspected".into()];
    if mixed {
        head.push("Framework".into());
    }
    head.extend(m.themes.iter().map(|t| t.short_title().to_string()));
    let mut rows: Vec<Vec<String>> = vec![head];
    let mut outside = false;
    for r in &m.rows {
        let mut row = vec![council(r), date(r)];
        if mixed {
            row.push(r.framework.map_or("?", Framework::short_label).to_string());
        }
        row.extend(r.cells.iter().map(|c| {
            if !c.in_framework && c.section_title.is_none() && c.recommendations == 0 {
                outside = true;
                "·".to_string()
            } else if c.section_title.is_none() {
                format!("{} / –", c.recommendations)
            } else {
                format!("{} / {}", c.recommendations, c.paragraphs)
            }
        }));
        rows.push(row);
    }
    let mut legend: Vec<&str> = Vec::new();
    if m.themes.contains(&Theme::Access) {
        legend.push("Access: information, advice and assistance");
    }
    if m.themes.contains(&Theme::CareAndSupport) {
        legend.push("Care: care and support and pathway planning");
    }
    if m.themes.contains(&Theme::VoiceAndControl) {
        legend.push("Voice: people – voice and control");
    }
    legend.push("– : no such section");
    if outside {
        legend.push("· : not a theme of the council's framework");
    }
    caption(
        &mut s,
        &format!(
            "Areas for development / paragraphs per theme ({})",
            legend.join("; ")
        ),
        width,
    );
    table(
        &mut s,
        &rows,
        if mixed { 3 } else { 2 },
        width,
        Some(&mut spots),
    );

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
    table(&mut s, &rows, 2, width, None);
    (s, spots)
}

fn caption(s: &mut String, text: &str, width: usize) {
    for l in wrap(text, width) {
        let _ = writeln!(s, "{l}");
    }
}

/// Writes rows as a table: the first `fixed` columns (council, date, ...) left-aligned, the rest
/// right-aligned, two spaces apart. Value columns that do not fit in `width` continue in a
/// further table below, which repeats the fixed columns. With `spots`, records where each value
/// cell of the rows after the heading is drawn.
fn table(
    s: &mut String,
    rows: &[Vec<String>],
    fixed: usize,
    width: usize,
    mut spots: Option<&mut Vec<CellSpot>>,
) {
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
    let fixed_width: usize = widths.iter().take(fixed).map(|w| w + 2).sum();
    // Split the value columns into chunks that fit beside the fixed ones (at least one each).
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut used = fixed_width;
    for (c, w) in widths.iter().enumerate().skip(fixed) {
        let w = w + 2;
        match chunks.last_mut() {
            Some(chunk) if used + w <= width + 2 => chunk.push(c),
            _ => {
                chunks.push(vec![c]);
                used = fixed_width;
            }
        }
        used += w;
    }
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    // The line being written, counted once and then kept up (counting per row would make a
    // thousand councils quadratic).
    let mut line_no = s.matches('\n').count();
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(s);
            line_no += 1;
        }
        for (ri, r) in rows.iter().enumerate() {
            let mut line = String::new();
            for c in (0..fixed.min(cols)).chain(chunk.iter().copied()) {
                let cell = r.get(c).map(String::as_str).unwrap_or("");
                if c > 0 {
                    line.push_str("  ");
                }
                let at = line.width();
                if let Some(spots) = spots.as_deref_mut() {
                    if ri > 0 && c >= fixed && at + widths[c] <= width {
                        spots.push(CellSpot {
                            row: ri - 1,
                            theme: c - fixed,
                            line: line_no,
                            column: at,
                            width: widths[c],
                        });
                    }
                }
                let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
                if c < fixed {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            let line = truncate(line.trim_end(), width);
            let _ = writeln!(s, "{line}");
            line_no += 1;
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
    fn a_matrix_across_frameworks_names_them_and_marks_themes_outside_each() {
        use crate::compare::{tests::pei, themes_for};
        let corpus = Corpus::samples();
        let pei = pei();
        let reports: Vec<&Report> = corpus.reports.iter().chain([&pei]).collect();
        let themes = themes_for(reports.iter().copied());
        let m = matrix(&themes, reports.iter().copied());
        let cer = m.rows.iter().find(|r| r.authority == "Ceredigion").unwrap();
        assert_eq!(cer.framework, Some(Framework::ActPrinciples));
        let cell = |t: Theme| cer.cells.iter().find(|c| c.theme == t).unwrap();
        assert!(!cell(Theme::Leadership).in_framework);
        assert!(cell(Theme::Safeguarding).in_framework);
        assert_eq!(cell(Theme::Safeguarding).recommendation_numbers, [3, 4]);
        assert_eq!(cell(Theme::Safeguarding).paragraphs, 4);
        let text = matrix_text(&m, 200);
        let head = text.lines().find(|l| l.starts_with("Council")).unwrap();
        let head: Vec<&str> = head.split_whitespace().collect();
        assert_eq!(
            head,
            [
                "Council",
                "Inspected",
                "Framework",
                "Access",
                "Assessment",
                "Care",
                "Safeguarding",
                "Leadership",
                "Voice",
                "Prevention",
                "Partnerships",
                "Well-being"
            ]
        );
        let row = text.lines().find(|l| l.starts_with("Ceredigion")).unwrap();
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            [
                "Ceredigion",
                "May",
                "2023",
                "Act",
                "·",
                "·",
                "·",
                "2",
                "/",
                "4",
                "·",
                "1",
                "/",
                "3",
                "1",
                "/",
                "2",
                "0",
                "/",
                "2",
                "0",
                "/",
                "2"
            ]
        );
        let swansea = text.lines().find(|l| l.starts_with("Swansea")).unwrap();
        assert!(
            swansea.contains(" 2018 ") && swansea.ends_with('·'),
            "{swansea}"
        );
        assert!(
            text.replace('\n', " ")
                .contains("· : not a theme of the council's framework"),
            "{text}"
        );
        for w in [20, 60, 80] {
            assert!(matrix_text(&m, w).lines().all(|l| l.width() <= w));
        }
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
