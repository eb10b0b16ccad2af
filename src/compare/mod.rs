//! Comparison: one theme across councils, and the councils × themes matrix.
//!
//! [`compare`] aligns the sections of one [`Theme`] across reports whatever their printed titles,
//! and aligns their subsections by a normalised key in a merged order, so a subsection one council
//! lacks leaves a visible gap rather than shifting the rest. [`side_by_side`] lays a
//! [`Comparison`] out in columns for any front end; [`mod@matrix`] counts recommendations and
//! paragraphs per council and theme next to the methodology figures, and sets them as tables.
//! No terminal code here. The code: this module holds the comparison's data, `align` builds it
//! (merging the rows), `subsection` says which headings name the same subsection.
//!
//! Alignment rules:
//! - Sections align by [`Theme`] (the parser assigns it from the title).
//! - Subsection headings compare folded (case, quotes, Welsh diacritics), `&` as "and", word
//!   breaks ignored ("well-being" = "wellbeing"), a plural `s` ignored, and a shortened heading of
//!   two or more words matches its longer form ("Placement choice" = "Placement choice,
//!   stability and wellbeing").
//! - Paragraphs before any heading and those under an introductory heading ("Summary of
//!   findings", "Summary", "Overview", "Introduction") share one opening row, [`OPENING_KEY`]:
//!   Pembrokeshire's "Summary of findings" (3.1–3.4) sits level with Swansea's un-headed
//!   3.1–3.7. Each column keeps its own heading ([`Group::heading`]).
//! - A report whose subsections share none with the other reports' (written around another
//!   framework, say) puts all its paragraphs in the opening row, its headings inline, so its
//!   text sits beside the others' and no gap says it has none.
//! - Rows follow the first report's order; a subsection new to the list goes before the next
//!   subsection its own report shares with the list, else at the end.
//!
//! For a front end: `compare(theme, reports)` → [`Comparison`] (serialisable; `rows`, and per
//! column `groups[row]`), [`Comparison::row_of`] to scroll to a paragraph's row,
//! [`themes_for`] for the themes `]`/`[` step through ([`Theme::next_in`]), and
//! [`side_by_side::side_by_side`] → [`SideBySide`] with styled, anchored lines per column in
//! bands that keep subsections level ([`SideBySide::block_starts`],
//! [`SideBySide::column_lines`] for independent scrolling).

mod align;
pub mod matrix;
pub mod side_by_side;
mod subsection;

pub use align::compare;
pub use matrix::{matrix, Matrix};
pub use side_by_side::SideBySide;
pub use subsection::subsection_key;

use crate::model::{Framework, Inspection, Paragraph, Report, Theme};
use serde::Serialize;

/// The key of the row that holds a section's opening paragraphs: those before any subsection
/// heading, and those under a summary-like heading ("Summary of findings").
pub const OPENING_KEY: &str = "opening";

/// One theme across several reports, ready to show side by side or serialise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub theme: Theme,
    /// The theme's common title ("Care and support and pathway planning").
    pub theme_title: String,
    /// "What we expect to see", shown once: the first report's wording.
    pub expectations: Option<String>,
    /// Councils (short names) whose "What we expect to see" differs in its words from the one
    /// shown, or lacks one while others have it. Differences of punctuation, case and spacing
    /// (carer's / carers) are not counted.
    pub expectations_differ: Vec<String>,
    /// The aligned subsections, in merged order; every column has one group per row.
    pub rows: Vec<Row>,
    /// One column per report, in the order asked for.
    pub columns: Vec<Column>,
}

/// An aligned subsection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The normalised key ([`OPENING_KEY`] for the opening paragraphs).
    pub key: String,
    /// The heading as first printed by a report that has it; `None` for opening paragraphs that
    /// no report heads.
    pub label: Option<String>,
}

/// One report's side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The report id, `swansea-2018-07`.
    pub report: String,
    /// The council's short name, "Swansea".
    pub authority: String,
    /// The council's full name, "City and County of Swansea".
    pub authority_name: String,
    pub inspection: Inspection,
    /// The framework the report is written around; `None` when its themes do not tell.
    pub framework: Option<Framework>,
    pub section_number: Option<u32>,
    /// The section's own title in this report; `None` when the report has no such section.
    pub section_title: Option<String>,
    /// The areas for development this report gives for the theme.
    pub recommendations: Vec<ComparedRecommendation>,
    /// The section's paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// One group per [`Comparison::rows`] entry, in the same order; empty where this report
    /// lacks that subsection.
    pub groups: Vec<Group>,
}

/// An area for development as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedRecommendation {
    pub number: u32,
    pub text: String,
    /// True when the number was inferred by the parser.
    pub inferred: bool,
}

/// A column's paragraphs for one aligned subsection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Index into [`Comparison::rows`].
    pub row: usize,
    /// The heading as this report prints it, if it heads this group.
    pub heading: Option<String>,
    /// Paragraph ids, in order.
    pub ids: Vec<String>,
    /// Indices into [`Column::paragraphs`], in order.
    #[serde(skip)]
    pub indices: Vec<usize>,
}

impl Group {
    /// True when this report lacks the subsection.
    pub fn is_gap(&self) -> bool {
        self.indices.is_empty()
    }
}

impl Comparison {
    /// The index of the column of report `report` (an id such as `swansea-2018-07`).
    pub fn column_of(&self, report: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.report == report)
    }

    /// The aligned row holding paragraph `id` of column `column`: where to scroll to when the
    /// comparison opens from a paragraph.
    pub fn row_of(&self, column: usize, id: &str) -> Option<usize> {
        self.columns
            .get(column)?
            .groups
            .iter()
            .find(|g| g.ids.iter().any(|i| i.eq_ignore_ascii_case(id)))
            .map(|g| g.row)
    }
}

impl Column {
    /// True when the report has a section for the theme.
    pub fn has_section(&self) -> bool {
        self.section_title.is_some()
    }

    /// False when the report is written around a framework that lacks `theme` (leadership in a
    /// PEI report); true when it has it or its framework is not known.
    pub fn framework_has(&self, theme: Theme) -> bool {
        self.framework
            .is_none_or(|f| theme.frameworks().contains(&f))
    }
}

/// The themes to offer across `reports`, in order: those of every framework the reports are
/// written around (the 2018 themes first; safeguarding, which both share, once), or the 2018
/// themes when no report says.
pub fn themes_for<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<Theme> {
    let mut frameworks: Vec<Framework> =
        reports.into_iter().filter_map(Report::framework).collect();
    if frameworks.is_empty() {
        frameworks.push(Framework::Inspection2018);
    }
    let mut out: Vec<Theme> = Vec::new();
    for f in Framework::ALL {
        if frameworks.contains(&f) {
            for &t in f.themes() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
