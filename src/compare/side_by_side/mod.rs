//! The side-by-side layout of a [`Comparison`]: pure, terminal-free, shared by `ciw compare` and
//! the TUI's comparison pane. Columns of at least [`MIN_COLUMN_WIDTH`], as many as fit; blocks
//! (header, recommendations, one per aligned subsection) padded so subsections stay level.
//! Text is measured with `unicode-width` and passed through [`for_terminal`].
//!
//! This module is the view model: [`SideBySide`], its blocks, lines and styles, and how a front
//! end reads them (plain lines, where a row or an anchor starts, one column on its own).
//! `layout` fits the columns and builds it ([`side_by_side`]), `preamble` sets the lines above
//! the columns, `cells` each column's header, recommendations and rows, and `typeset` the
//! wrapped, hung and ruled text they are made of.
//!
//! [`for_terminal`]: crate::text::for_terminal

mod cells;
mod layout;
mod preamble;
mod typeset;

pub use layout::{columns_that_fit, separator_width, side_by_side, width_for};
pub use typeset::truncate;

#[cfg(doc)]
use super::Comparison;
use unicode_width::UnicodeWidthStr;

/// The narrowest column worth reading.
pub const MIN_COLUMN_WIDTH: usize = 38;

/// How "What we expect to see" is shown above the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectationsMode {
    /// Wrapped in full.
    Full,
    /// One line, cut with an ellipsis.
    Folded,
    /// Not at all.
    Hidden,
}

/// What to lay out and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Total width in terminal cells.
    pub width: usize,
    /// The first column shown (for scrolling sideways through many councils).
    pub first_column: usize,
    /// The narrowest column allowed; as many columns as fit at this width are shown.
    pub min_column_width: usize,
    pub expectations: ExpectationsMode,
    /// ASCII rules and separators only.
    pub ascii: bool,
    /// Appended to the note naming the councils left out, e.g. how to see them.
    pub left_out_hint: String,
}

impl Options {
    /// Defaults for a width: start at the first column, [`MIN_COLUMN_WIDTH`], expectations in
    /// full, Unicode rules, no hint.
    pub fn new(width: usize) -> Options {
        Options {
            width,
            first_column: 0,
            min_column_width: MIN_COLUMN_WIDTH,
            expectations: ExpectationsMode::Full,
            ascii: false,
            left_out_hint: String::new(),
        }
    }
}

/// What a span of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The page title ("Safeguarding: 2 councils").
    Title,
    /// Notes about the page (councils left out, wordings that differ).
    Note,
    /// "What we expect to see".
    ExpectationsLabel,
    Expectations,
    /// The council's name heading a column.
    Authority,
    /// The inspection date, and the framework where the columns differ in it.
    Date,
    /// The section's own title.
    SectionTitle,
    /// "Areas for development".
    Label,
    /// `R8`.
    RecommendationNumber,
    /// `4.1`.
    ParagraphId,
    Text,
    /// A subsection heading.
    Subsection,
    /// Where a council lacks something the others have.
    Gap,
    /// Rules and separators.
    Rule,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One line of a column (or of the preamble), never wider than its column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    /// The deep-link id of the paragraph (`4.1`) or recommendation (`R8`) the line belongs to.
    pub anchor: Option<String>,
}

impl Line {
    fn new(spans: Vec<Span>) -> Line {
        Line {
            spans,
            anchor: None,
        }
    }

    fn one(text: impl Into<String>, style: Style) -> Line {
        Line::new(vec![Span {
            text: text.into(),
            style,
        }])
    }

    fn anchored(mut self, anchor: &str) -> Line {
        self.anchor = Some(anchor.to_string());
        self
    }

    /// Display width in terminal cells.
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| s.text.width()).sum()
    }

    /// The text without styles.
    pub fn plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// True for a line holding no text.
    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }
}

/// What a block shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Council, date, section title.
    Header,
    /// The areas for development for the theme.
    Recommendations,
    /// One aligned subsection: index into [`Comparison::rows`].
    Row(usize),
}

/// A band across all shown columns; joined lines pad every column to the tallest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// One list of lines per shown column (unpadded).
    pub cells: Vec<Vec<Line>>,
}

impl Block {
    /// The height of the block: its tallest cell.
    pub fn height(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A laid-out comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideBySide {
    pub width: usize,
    pub column_width: usize,
    /// Between columns, e.g. `" │ "`.
    pub separator: String,
    /// Indices into [`Comparison::columns`] of the columns shown, left to right.
    pub shown: Vec<usize>,
    /// Indices of the columns left out for lack of width.
    pub left_out: Vec<usize>,
    /// Full-width lines above the columns: title, expectations, notes.
    pub preamble: Vec<Line>,
    pub blocks: Vec<Block>,
}

impl SideBySide {
    /// The body (blocks) as plain lines of `width` at most, columns padded and separated.
    pub fn body_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.blocks {
            for i in 0..b.height() {
                let mut line = String::new();
                for (c, cell) in b.cells.iter().enumerate() {
                    if c > 0 {
                        line.push_str(&self.separator);
                    }
                    let text = cell.get(i).map(Line::plain).unwrap_or_default();
                    let w = text.width();
                    line.push_str(&text);
                    if c + 1 < b.cells.len() {
                        line.extend(std::iter::repeat_n(
                            ' ',
                            self.column_width.saturating_sub(w),
                        ));
                    }
                }
                out.push(line.trim_end().to_string());
            }
        }
        out
    }

    /// Preamble then body, as plain lines.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.preamble.iter().map(Line::plain).collect();
        out.extend(self.body_lines());
        out
    }

    /// For each block, the index of its first line in [`SideBySide::body_lines`]: where each
    /// subsection starts when scrolling together.
    pub fn block_starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.blocks
            .iter()
            .map(|b| {
                let start = at;
                at += b.height();
                start
            })
            .collect()
    }

    /// The line in [`SideBySide::body_lines`] where aligned row `row` starts, if shown.
    pub fn row_start(&self, row: usize) -> Option<usize> {
        self.blocks
            .iter()
            .zip(self.block_starts())
            .find(|(b, _)| b.kind == BlockKind::Row(row))
            .map(|(_, s)| s)
    }

    /// The first line in [`SideBySide::body_lines`] of the paragraph or recommendation `anchor`
    /// (`4.1`, `R8`) in shown column `i`.
    pub fn line_of_anchor(&self, i: usize, anchor: &str) -> Option<usize> {
        self.blocks
            .iter()
            .zip(self.block_starts())
            .find_map(|(b, start)| {
                b.cells
                    .get(i)?
                    .iter()
                    .position(|l| {
                        l.anchor
                            .as_deref()
                            .is_some_and(|a| a.eq_ignore_ascii_case(anchor))
                    })
                    .map(|p| start + p)
            })
    }

    /// One shown column's lines, unpadded, for scrolling it on its own (`i` indexes
    /// [`SideBySide::shown`]).
    pub fn column_lines(&self, i: usize) -> Vec<Line> {
        self.blocks
            .iter()
            .filter_map(|b| b.cells.get(i))
            .flat_map(|c| c.iter().cloned())
            .collect()
    }
}

#[cfg(test)]
mod tests;
