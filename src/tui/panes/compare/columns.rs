//! The comparison laid out for the screen: the columns shown at the app's width, their
//! scrolling lines (padded to bands when they scroll together), the selectable items of each
//! and the offsets that map one scrolling mode onto the other.

use crate::compare::side_by_side::{self as cl, ExpectationsMode, SideBySide, Style as K};
use crate::text::fit;
use crate::tui::app::App;

/// A selectable item of a column: its anchor and its line range `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub anchor: String,
    pub start: usize,
    pub end: usize,
}

/// The comparison laid out for the current size.
#[derive(Debug, Clone)]
pub struct View {
    pub sbs: SideBySide,
    /// Lines above the columns (title, expectations, notes), at most half the body.
    pub preamble: Vec<cl::Line>,
    /// Height of the column headers (council, date, section title), which stay put.
    pub header_height: usize,
    /// Rows left for the scrolling lines.
    pub height: usize,
    /// Per shown column, its scrolling lines in the current mode (padded to bands when
    /// scrolling together).
    pub lines: Vec<Vec<cl::Line>>,
    /// Per shown column, its selectable items in `lines`.
    pub items: Vec<Vec<Item>>,
    /// Per shown column, for each line scrolling together, the line when scrolling alone.
    pub together_to_alone: Vec<Vec<usize>>,
    /// Per shown column, for each line scrolling alone, the line when scrolling together.
    pub alone_to_together: Vec<Vec<usize>>,
    /// Rows of the whole body (everything above the status line).
    pub body_rows: usize,
}

impl View {
    /// The position of the focused column among the shown ones.
    pub fn focused(&self, app: &App) -> Option<usize> {
        self.sbs.shown.iter().position(|&c| c == app.compare.column)
    }

    /// The scroll offset of shown column `i`.
    pub fn offset(&self, app: &App, i: usize) -> usize {
        let s = &app.compare;
        let raw = if s.independent {
            self.sbs
                .shown
                .get(i)
                .and_then(|&c| s.scrolls.get(c))
                .copied()
                .unwrap_or(0)
        } else {
            s.scroll
        };
        raw.min(self.max_scroll(i))
    }

    /// The last useful offset of shown column `i`.
    pub fn max_scroll(&self, i: usize) -> usize {
        self.lines
            .get(i)
            .map_or(0, |l| l.len().saturating_sub(self.height.max(1)))
    }

    /// The paragraph at the top of shown column `i` scrolled to `off`: the one the top line
    /// belongs to, else the first that starts in view.
    pub fn top_item(&self, i: usize, off: usize) -> Option<&Item> {
        let h = self.height.max(1);
        self.items
            .get(i)?
            .iter()
            .find(|it| it.end > off && it.start < off + h)
    }

    /// The top line of shown column `i` scrolled to `off` when it continues a paragraph that
    /// began above: the line with the paragraph's id in its indent, so a scrolled paragraph
    /// keeps its number in view. `None` when the top line needs no pin.
    pub fn pinned(&self, i: usize, off: usize) -> Option<cl::Line> {
        let lines = self.lines.get(i)?;
        let line = lines.get(off)?;
        let anchor = line.anchor.as_deref()?;
        let item = self.items.get(i)?.iter().find(|it| it.anchor == anchor)?;
        if item.start >= off {
            return None;
        }
        let label = lines.get(item.start)?.spans.first()?;
        if !matches!(label.style, K::ParagraphId | K::RecommendationNumber) {
            return None;
        }
        let lead = line.spans.first()?;
        let fits = lead.style == K::Text
            && lead.text.trim().is_empty()
            && fit::width(&lead.text) == fit::width(&label.text);
        if !fits {
            return None;
        }
        let mut out = line.clone();
        out.spans[0] = label.clone();
        Some(out)
    }
}

/// The first column to show at the app's width: the stored one, moved the least needed to
/// keep the focused column in view (the width may have changed since).
pub(super) fn first_shown(app: &App) -> usize {
    let s = &app.compare;
    let n_all = s.comparison.as_ref().map_or(0, |c| c.columns.len());
    let fit = cl::columns_that_fit(
        usize::from(app.size.0),
        cl::MIN_COLUMN_WIDTH,
        cl::separator_width(app.palette.symbols.ascii),
        n_all,
    );
    let mut first = s.first_column;
    if s.column < first {
        first = s.column;
    } else if s.column >= first + fit {
        first = s.column + 1 - fit;
    }
    first.min(n_all.saturating_sub(fit))
}

/// Keeps the focused column among those shown, scrolling sideways as needed.
pub(super) fn keep_column_visible(app: &mut App) {
    app.compare.first_column = first_shown(app);
}

/// Lays the comparison out for the app's size; `None` when closed or too small to draw.
pub fn view(app: &App) -> Option<View> {
    let c = app.compare.comparison.as_ref()?;
    let areas = app.areas();
    let w = app.size.0;
    if areas.too_small {
        return None;
    }
    let body_rows = usize::from(areas.status.y);
    let s = &app.compare;
    let opts = cl::Options {
        width: usize::from(w),
        first_column: first_shown(app),
        min_column_width: cl::MIN_COLUMN_WIDTH,
        expectations: if s.expectations_open {
            ExpectationsMode::Full
        } else {
            ExpectationsMode::Folded
        },
        ascii: app.palette.symbols.ascii,
        left_out_hint: "h/l scrolls to them.".into(),
    };
    let sbs = cl::side_by_side(c, &opts);
    let mut preamble = sbs.preamble.clone();
    while preamble.last().is_some_and(cl::Line::is_blank) {
        preamble.pop();
    }
    preamble.truncate(body_rows / 2);
    let n = sbs.shown.len();
    let (header_height, rest) = match sbs.blocks.split_first() {
        Some((first, rest)) if first.kind == cl::BlockKind::Header => (first.height(), rest),
        _ => (0, &sbs.blocks[..]),
    };
    let mut together: Vec<Vec<cl::Line>> = vec![Vec::new(); n];
    let mut alone: Vec<Vec<cl::Line>> = vec![Vec::new(); n];
    let mut t2a: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut a2t: Vec<Vec<usize>> = vec![Vec::new(); n];
    for b in rest {
        let bh = b.height();
        for i in 0..n {
            let cell = b.cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let base_alone = alone[i].len();
            let base_together = together[i].len();
            for (k, l) in cell.iter().enumerate() {
                alone[i].push(l.clone());
                a2t[i].push(base_together + k);
            }
            for k in 0..bh {
                together[i].push(cell.get(k).cloned().unwrap_or_default());
                t2a[i].push(base_alone + k.min(cell.len().saturating_sub(1)));
            }
        }
    }
    let lines = if s.independent { alone } else { together };
    let items = lines.iter().map(|l| items_of(l)).collect();
    let used = preamble.len() + header_height;
    Some(View {
        height: body_rows.saturating_sub(used),
        sbs,
        preamble,
        header_height,
        lines,
        items,
        together_to_alone: t2a,
        alone_to_together: a2t,
        body_rows,
    })
}

fn items_of(lines: &[cl::Line]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let Some(a) = &l.anchor else { continue };
        match out.last_mut() {
            Some(it) if it.anchor == *a && it.end == n => it.end = n + 1,
            _ => out.push(Item {
                anchor: a.clone(),
                start: n,
                end: n + 1,
            }),
        }
    }
    out
}
