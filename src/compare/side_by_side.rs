//! The side-by-side layout of a [`Comparison`]: pure, terminal-free, shared by `ciw compare` and
//! the TUI's comparison pane. Columns of at least [`MIN_COLUMN_WIDTH`], as many as fit; blocks
//! (header, recommendations, one per aligned subsection) padded so subsections stay level.
//! Text is measured with `unicode-width` and passed through [`for_terminal`].

use super::{Column, Comparison, Group};
use crate::model::{Framework, Theme};
use crate::text::{fit, for_terminal, wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The narrowest column worth reading.
pub const MIN_COLUMN_WIDTH: usize = 38;

/// The heading shown over opening paragraphs that no report heads.
const UNHEADED: &str = "Findings";

/// The widest "What we expect to see" is set in full, for a readable measure on wide screens.
const EXPECTATIONS_MEASURE: usize = 100;

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

/// How many columns of at least `min_column_width` fit in `width` with `separator_width` between
/// them (at least one, at most `available`).
pub fn columns_that_fit(
    width: usize,
    min_column_width: usize,
    separator_width: usize,
    available: usize,
) -> usize {
    let per = min_column_width.max(1) + separator_width;
    ((width + separator_width) / per).clamp(1, available.max(1))
}

/// The width needed to show `columns` columns of `min_column_width`.
pub fn width_for(columns: usize, min_column_width: usize, separator_width: usize) -> usize {
    columns * min_column_width + columns.saturating_sub(1) * separator_width
}

/// Width of the column separator for the given rule style.
pub fn separator_width(_ascii: bool) -> usize {
    3
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

/// Lays out `c` in columns side by side.
pub fn side_by_side(c: &Comparison, opts: &Options) -> SideBySide {
    let width = opts.width.max(1);
    let sep = if opts.ascii { " | " } else { " │ " };
    let sep_w = separator_width(opts.ascii);
    let n_all = c.columns.len();
    let n = columns_that_fit(width, opts.min_column_width, sep_w, n_all).min(n_all);
    let first = opts.first_column.min(n_all.saturating_sub(n));
    let shown: Vec<usize> = (first..first + n).collect();
    let left_out: Vec<usize> = (0..n_all).filter(|i| !shown.contains(i)).collect();
    let column_width = width
        .saturating_sub(sep_w * n.saturating_sub(1))
        .checked_div(n)
        .unwrap_or(width)
        .max(1);
    let rule = if opts.ascii { '-' } else { '─' };

    let preamble = preamble(c, opts, width, &left_out);

    let cols: Vec<&Column> = shown.iter().map(|&i| &c.columns[i]).collect();
    let mut blocks = Vec::new();
    if !cols.is_empty() {
        // Name each column's framework where the reports are written around different ones.
        let mixed = c
            .columns
            .iter()
            .any(|col| col.framework != c.columns[0].framework);
        blocks.push(Block {
            kind: BlockKind::Header,
            cells: cols
                .iter()
                .map(|col| header(col, c.theme, mixed, column_width, rule))
                .collect(),
        });
        blocks.push(Block {
            kind: BlockKind::Recommendations,
            cells: cols
                .iter()
                .map(|col| recommendations(col, column_width))
                .collect(),
        });
        for (r, row) in c.rows.iter().enumerate() {
            let headed = row.label.is_some();
            blocks.push(Block {
                kind: BlockKind::Row(r),
                cells: cols
                    .iter()
                    .map(|col| match col.groups.get(r) {
                        Some(g) => group(col, g, row.label.as_deref(), headed, column_width, rule),
                        None => Vec::new(),
                    })
                    .collect(),
            });
        }
    }

    SideBySide {
        width,
        column_width,
        separator: sep.to_string(),
        shown,
        left_out,
        preamble,
        blocks,
    }
}

fn preamble(c: &Comparison, opts: &Options, width: usize, left_out: &[usize]) -> Vec<Line> {
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

fn header(col: &Column, theme: Theme, framework: bool, w: usize, rule: char) -> Vec<Line> {
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

fn recommendations(col: &Column, w: usize) -> Vec<Line> {
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

fn group(
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

/// `── Heading ─────` filled to the column width, or wrapped when too long.
fn heading_lines(h: &str, style: Style, w: usize, rule: char) -> Vec<Line> {
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
fn hanging_indent<S: AsRef<str>>(labels: &[S], w: usize) -> usize {
    let widest = labels
        .iter()
        .map(|l| for_terminal(l.as_ref()).width())
        .max()
        .unwrap_or(0);
    (widest + 1).min(w / 3)
}

/// `label text...` with continuation lines indented under the text.
fn hanging(
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

fn wrap_styled(text: &str, style: Style, w: usize) -> Vec<Line> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::corpus::Corpus;
    use crate::model::Theme;

    #[test]
    fn wrap_measures_display_width() {
        let text = "Gwasanaethau ŵyr ŷd “quoted” words and a verylongwordthatmustbreak here";
        for w in [1, 5, 10, 17, 40] {
            for l in wrap(text, w) {
                assert!(l.width() <= w, "{l:?} wider than {w}");
            }
        }
        assert_eq!(wrap("a  b\n c", 10), ["a b c"]);
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(wrap("abcdef", 3), ["abc", "def"]);
        // Curly quotes and ŵ are one cell each: exactly fits.
        assert_eq!(wrap("“ŵŷ” x", 6), ["“ŵŷ” x"]);
        // A wide character wider than the line gets a line of its own rather than a panic.
        assert_eq!(wrap("漢字", 1), ["漢", "字"]);
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("hello world", 7), "hello…");
        assert!(truncate("ŵŵŵŵŵŵŵŵ", 5).width() <= 5);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn column_counts() {
        assert_eq!(columns_that_fit(100, 38, 3, 2), 2);
        assert_eq!(columns_that_fit(78, 38, 3, 2), 1);
        assert_eq!(columns_that_fit(79, 38, 3, 2), 2);
        assert_eq!(columns_that_fit(200, 38, 3, 2), 2);
        assert_eq!(columns_that_fit(10, 38, 3, 5), 1);
        assert_eq!(columns_that_fit(0, 0, 0, 0), 1);
        assert_eq!(width_for(2, 38, 3), 79);
    }

    #[test]
    fn samples_side_by_side_fit_and_stay_level() {
        let corpus = Corpus::samples();
        for theme in Theme::ALL {
            let c = compare(theme, &corpus.reports);
            for width in [1, 20, 40, 79, 100, 160] {
                let s = side_by_side(&c, &Options::new(width));
                for l in s.lines() {
                    assert!(l.width() <= width.max(1), "{theme} at {width}: {l:?}");
                }
                assert_eq!(s.shown.len() + s.left_out.len(), 2);
                // Every row block starts on the same line in every column: blocks are bands.
                let starts = s.block_starts();
                assert_eq!(starts.len(), s.blocks.len());
                for (b, start) in s.blocks.iter().zip(&starts) {
                    if let BlockKind::Row(r) = b.kind {
                        assert_eq!(s.row_start(r), Some(*start));
                    }
                }
            }
        }
    }

    #[test]
    fn many_councils_left_out_take_two_lines_not_a_wall() {
        let corpus = Corpus::samples();
        let many: Vec<crate::model::Report> = (0..60)
            .map(|i| {
                let mut r = corpus.reports[i % 2].clone();
                r.id = format!("testshire-{i:04}");
                r.authority.short = format!("Testshire {i:04}");
                r
            })
            .collect();
        let c = compare(Theme::Safeguarding, &many);
        let mut opts = Options::new(80);
        opts.left_out_hint = "h/l scrolls to them.".into();
        let s = side_by_side(&c, &opts);
        let note: Vec<String> = s
            .preamble
            .iter()
            .map(Line::plain)
            .filter(|l| !l.is_empty())
            .skip_while(|l| !l.starts_with("Not shown"))
            .collect();
        assert!((1..=2).contains(&note.len()), "{note:?}");
        let note = note.join(" ");
        assert!(note.contains(" more. h/l scrolls to them."), "{note}");
        assert!(note.contains("Testshire 0002"), "{note}");
    }

    #[test]
    fn gaps_are_shown_and_first_column_scrolls() {
        let corpus = Corpus::samples();
        let c = compare(Theme::Access, &corpus.reports);
        let s = side_by_side(&c, &Options::new(100));
        let text = s.lines().join("\n");
        assert!(text.contains("Areas for development: none"), "{text}");
        assert!(text.contains("Areas for development (2)"), "{text}");
        let mut o = Options::new(50);
        o.first_column = 1;
        o.left_out_hint = "Use h/l.".into();
        let s = side_by_side(&c, &o);
        assert_eq!(s.shown, [1]);
        assert_eq!(s.left_out, [0]);
        let text = s.lines().join(" ");
        assert!(
            text.contains("Not shown at this width: Pembrokeshire (September 2018). Use h/l."),
            "{text}"
        );
        // Past the end clamps to the last column.
        o.first_column = 99;
        assert_eq!(side_by_side(&c, &o).shown, [1]);
    }

    #[test]
    fn anchors_point_at_paragraphs_and_recommendations() {
        let corpus = Corpus::samples();
        let c = compare(Theme::Safeguarding, &corpus.reports);
        let s = side_by_side(&c, &Options::new(100));
        let col: Vec<Line> = s.column_lines(1);
        let anchors: Vec<&str> = col.iter().filter_map(|l| l.anchor.as_deref()).collect();
        assert!(
            anchors.contains(&"R7") && anchors.contains(&"4.10"),
            "{anchors:?}"
        );
        let body = s.body_lines();
        let at = s.line_of_anchor(1, "4.10").expect("4.10 shown");
        assert!(body[at].contains("│ 4.10 The regional"), "{}", body[at]);
        let at = s.line_of_anchor(0, "r8").expect("R8 shown");
        assert!(body[at].starts_with("R8 Ensure"), "{}", body[at]);
        assert_eq!(s.line_of_anchor(0, "4.10"), None);
        let header = &s.blocks[0].cells[0];
        assert_eq!(header[0].spans[0].style, Style::Authority);
    }

    #[test]
    fn a_missing_subsection_is_a_level_gap() {
        use crate::compare::tests::{para, report};
        let a = report(
            "Aber",
            vec![
                para("3.1", Some("Care Leavers")),
                para("3.2", Some("Long Term Planning")),
                para("3.3", Some("Participation")),
            ],
            Some("We expect “good” care for ŵyr."),
        );
        let b = report(
            "Bryn",
            vec![
                para("3.1", Some("Care leavers")),
                para("3.2", Some("Participation")),
            ],
            Some("Something else."),
        );
        let c = compare(Theme::CareAndSupport, [&a, &b]);
        let s = side_by_side(&c, &Options::new(90));
        let lines = s.lines();
        let at = |needle: &str| {
            lines
                .iter()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("no {needle:?} in {lines:#?}"))
        };
        // The gap sits on the same line as the heading it stands for, and what follows stays level.
        let ltp = &lines[at("Long Term Planning")];
        assert_eq!(ltp.matches("Long Term Planning").count(), 2, "{ltp}");
        assert!(lines[at("Long Term Planning") + 1].contains("│ Not in this report."));
        let part = &lines[at("Participation")];
        assert_eq!(part.matches("Participation").count(), 2, "{part}");
        let expect = at("What we expect to see (as Aber words it; Bryn differently)");
        assert!(lines[expect + 1].contains("“good” care for ŵyr"));
        // Each column's unpadded lines hold its own paragraphs only.
        let bryn: Vec<String> = s.column_lines(1).iter().map(Line::plain).collect();
        assert!(bryn.iter().any(|l| l.starts_with("3.2 ")));
        assert!(!bryn.iter().any(|l| l.starts_with("3.3 ")));
    }

    #[test]
    fn inferred_recommendation_numbers_are_flagged() {
        use crate::compare::tests::{para, report};
        use crate::model::Recommendation;
        let mut a = report("Aber", vec![para("3.1", None)], None);
        for (number, inferred) in [(4, false), (5, true)] {
            a.recommendations.push(Recommendation {
                number,
                theme: Some(Theme::CareAndSupport),
                theme_title: "Care and support".into(),
                text: format!("Do thing {number}."),
                inferred,
                pages: None,
            });
        }
        let c = compare(Theme::CareAndSupport, [&a]);
        let text = side_by_side(&c, &Options::new(60)).lines().join("\n");
        assert!(
            text.contains("R4 Do thing 4.\nR5 Do thing 5.\n(R5: number inferred"),
            "{text}"
        );
    }

    #[test]
    fn folded_expectations_take_one_line() {
        let corpus = Corpus::samples();
        let c = compare(Theme::Leadership, &corpus.reports);
        let mut o = Options::new(80);
        o.expectations = ExpectationsMode::Folded;
        let s = side_by_side(&c, &o);
        assert_eq!(s.preamble.len(), 3, "{:#?}", s.preamble);
        assert!(s.preamble[1].plain().ends_with('…'));
        assert!(s.preamble[1].width() <= 80);
        o.expectations = ExpectationsMode::Hidden;
        assert_eq!(side_by_side(&c, &o).preamble.len(), 2);
    }

    proptest::proptest! {
        #[test]
        fn any_text_any_width_lays_out_within_the_width(
            texts in proptest::collection::vec("[a-zŵŷ“”’ 漢字😀\u{fe0f}\u{301}\u{1b}\t\n.-]{0,80}", 1..8),
            headings in proptest::collection::vec(proptest::option::of("[A-Za-z ŵ&,-]{0,30}"), 1..8),
            width in 0usize..200,
            first in 0usize..4,
        ) {
            use crate::compare::tests::{para, report};
            let mut reports = Vec::new();
            for (k, chunk) in texts.chunks(3).enumerate() {
                let paras = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let mut p = para(&format!("3.{}", i + 1), headings[(i + k) % headings.len()].as_deref());
                        p.text = t.clone();
                        p
                    })
                    .collect();
                reports.push(report(&format!("C{k}{}", texts[0].chars().take(5).collect::<String>()), paras, Some(&texts[k])));
            }
            let c = compare(Theme::CareAndSupport, &reports);
            let mut o = Options::new(width);
            o.first_column = first;
            let s = side_by_side(&c, &o);
            for l in s.lines() {
                proptest::prop_assert!(!l.contains('\x1b'), "escape in {:?}", l);
                if width >= 2 {
                    proptest::prop_assert!(l.width() <= width, "{:?} over {}", l, width);
                }
            }
            proptest::prop_assert_eq!(s.shown.len() + s.left_out.len(), c.columns.len());
        }
    }

    #[test]
    fn columns_of_different_frameworks_say_which_each_uses() {
        use crate::compare::tests::pei;
        let corpus = Corpus::samples();
        let pei = pei();
        let reports: Vec<&crate::model::Report> = corpus.reports.iter().chain([&pei]).collect();
        let c = compare(Theme::Safeguarding, reports.iter().copied());
        let s = side_by_side(&c, &Options::new(130));
        assert_eq!(s.shown.len(), 3);
        let lines = s.lines();
        let frameworks = lines
            .iter()
            .find(|l| l.contains("Act principles (PEI)"))
            .expect("a framework line");
        assert_eq!(
            frameworks.matches("2018 inspection themes").count(),
            2,
            "{frameworks}"
        );
        assert!(
            lines.iter().any(|l| l.contains("5. Safeguarding")),
            "{lines:#?}"
        );
        // Reports of one framework say nothing of it.
        let c = compare(Theme::Safeguarding, &corpus.reports);
        let text = side_by_side(&c, &Options::new(130)).lines().join("\n");
        assert!(!text.contains("2018 inspection themes"), "{text}");
    }

    #[test]
    fn a_narrow_screen_shows_the_council_with_text_first() {
        use crate::compare::tests::pei;
        let corpus = Corpus::samples();
        let pei = pei();
        let reports: Vec<&crate::model::Report> = corpus.reports.iter().chain([&pei]).collect();
        let c = compare(Theme::Prevention, reports.iter().copied());
        let s = side_by_side(&c, &Options::new(60));
        assert_eq!(s.shown, [0]);
        let text = s.lines().join("\n");
        assert!(
            text.starts_with("Prevention: 1 of 3 reports shown"),
            "{text}"
        );
        let text = text.replace('\n', " ");
        assert!(
            text.contains(" Ceredigion May 2023 Act principles (PEI) "),
            "{text}"
        );
        assert!(
            text.contains(
                "Not shown at this width: Pembrokeshire (September 2018), Swansea (July 2018)."
            ),
            "{text}"
        );
        let s = side_by_side(&c, &Options::new(130));
        let header = s.blocks[0].cells[1]
            .iter()
            .map(Line::plain)
            .collect::<Vec<_>>();
        assert!(
            header
                .iter()
                .any(|l| l == "Not a theme of this report's framework"),
            "{header:?}"
        );
    }

    #[test]
    fn empty_comparison_lays_out() {
        let c = compare(Theme::Safeguarding, []);
        let s = side_by_side(&c, &Options::new(80));
        assert!(s.blocks.is_empty());
        assert!(s.lines().iter().any(|l| l.contains("No reports")));
    }
}
