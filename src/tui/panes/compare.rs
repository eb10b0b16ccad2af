//! The comparison view (`c`): one theme side by side across councils, drawn over the whole
//! screen so two 38-column columns fit an 80-column terminal. The layout comes from
//! [`crate::compare::side_by_side::side_by_side`]; this module keeps the view's state (focused column,
//! scroll, the selected paragraph), draws it with the TUI theme and handles its keys.
//!
//! Columns scroll together by default: the layout pads every column to the tallest in each
//! band (header, areas for development, one band per aligned subsection), so one offset keeps
//! subsections level. `s` lets each column scroll alone (the offsets are mapped across so the
//! view does not jump). j/k move paragraph by paragraph in the focused column; Enter opens the
//! selected paragraph in the reader. The councils come from those picked with Space in the
//! reports pane (plus the report being read), else all.

use crate::compare::side_by_side::{self as cl, ExpectationsMode, SideBySide, Style as K};
use crate::compare::{self as core, Comparison};
use crate::model::Theme;
use crate::target::{self, Target};
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::layout;
use crate::tui::palette::Palette;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use std::collections::BTreeSet;

/// The comparison's (and the matrix's) state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The open comparison (kept while the matrix or help is shown over it).
    pub comparison: Option<Comparison>,
    /// Corpus indices of the reports compared, in column order.
    pub reports: Vec<usize>,
    /// The focused column (index into `comparison.columns`).
    pub column: usize,
    /// The first column shown, for scrolling sideways through many councils.
    pub first_column: usize,
    /// True when each column scrolls on its own (`s`).
    pub independent: bool,
    /// The shared offset into the scrolling lines when columns scroll together.
    pub scroll: usize,
    /// Per column (index into `comparison.columns`), the offset when scrolling alone.
    pub scrolls: Vec<usize>,
    /// The selected paragraph (`4.1`) or recommendation (`R8`) of the focused column.
    pub selected: Option<String>,
    /// "What we expect to see" in full rather than on one line.
    pub expectations_open: bool,
    /// Corpus indices of the councils picked with Space.
    pub picked: BTreeSet<usize>,
    /// Scroll of the matrix.
    pub matrix_scroll: usize,
    /// The terminal size the offsets were last fitted to.
    pub size: (u16, u16),
}

/// After a resize: lines wrap differently, so bring the selected paragraph back into view
/// (level with its subsection) if the old offset no longer shows it.
pub fn relayout(app: &mut App) {
    if app.compare.comparison.is_none() || app.compare.size == app.size {
        return;
    }
    app.compare.size = app.size;
    let Some(anchor) = app.compare.selected.clone() else {
        return;
    };
    let Some(v) = view(app) else { return };
    let Some(i) = v.focused(app) else { return };
    let off = v.offset(app, i);
    let h = v.height.max(1);
    let visible = v.items[i]
        .iter()
        .find(|it| it.anchor == anchor)
        .is_some_and(|it| it.start >= off && it.start < off + h);
    if !visible {
        scroll_to_anchor(app, &anchor);
    }
}

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
}

/// Picks or unpicks the selected council (Space in the reports pane).
pub fn toggle_pick(app: &mut App) {
    let i = app.authorities.selected;
    let Some(r) = app.corpus.reports.get(i) else {
        return;
    };
    let name = fit::display(&r.authority.short, app.palette.symbols.ascii);
    let picked = &mut app.compare.picked;
    if !picked.remove(&i) {
        picked.insert(i);
    }
    let n = picked.len();
    app.message = Some(match n {
        0 => "No council picked: c compares all of them".to_string(),
        _ if app.compare.picked.contains(&i) => {
            format!("Picked {name} ({n} picked): c compares the picked councils")
        }
        _ => format!("Unpicked {name} ({n} picked)"),
    });
}

/// The reports to compare: the picked ones plus the one being read, else all.
fn report_set(app: &App) -> Vec<usize> {
    let s = &app.compare;
    if s.picked.is_empty() {
        return (0..app.corpus.reports.len()).collect();
    }
    let mut set = s.picked.clone();
    set.insert(app.authorities.selected);
    set.into_iter()
        .filter(|&i| i < app.corpus.reports.len())
        .collect()
}

/// The theme of what is being read: the section's, else the selected recommendation's.
fn current_theme(app: &App) -> Option<Theme> {
    if let Some(t) = app.section().and_then(|s| s.theme) {
        return Some(t);
    }
    let id = app.paragraph()?.id.clone();
    let n: u32 = id.strip_prefix(['R', 'r'])?.parse().ok()?;
    app.report()?
        .recommendations
        .iter()
        .find(|r| r.number == n)
        .and_then(|r| r.theme)
}

/// `c`: opens the comparison of the current section's theme, scrolled to the paragraph being
/// read.
pub fn open(app: &mut App) {
    let theme = current_theme(app);
    let reports = report_set(app);
    if reports.is_empty() {
        app.message = Some("No reports to compare".into());
        return;
    }
    let here = app.authorities.selected;
    let s = &mut app.compare;
    s.reports = reports;
    s.column = s.reports.iter().position(|&r| r == here).unwrap_or(0);
    s.first_column = 0;
    s.independent = false;
    s.size = app.size;
    app.open_overlay(Overlay::Compare);
    // From a paragraph further down than the section's first, open level with it; else at
    // the top, where the recommendations are.
    let first = app
        .section()
        .and_then(|s| s.paragraphs.first())
        .map(|p| p.id.clone());
    let para = app
        .paragraph()
        .map(|p| p.id.clone())
        .filter(|id| Some(id) != first.as_ref());
    // Not on a theme: the first theme of the report's framework.
    let first_theme = core::themes_for(app.report())
        .into_iter()
        .next()
        .unwrap_or(Theme::Access);
    show_theme(app, theme.unwrap_or(first_theme));
    if theme.is_none() {
        let what = app
            .section()
            .map(|s| fit::display(&s.title, app.palette.symbols.ascii))
            .unwrap_or_else(|| "This part".into());
        app.message = Some(format!(
            "{what} is not a theme; comparing {} (]/[ for the others)",
            first_theme.title()
        ));
    } else if let Some(id) = para {
        scroll_to_anchor(app, &id);
    }
}

/// Shows `theme` for the same councils, from the top, keeping the focused council.
fn show_theme(app: &mut App, theme: Theme) {
    let reports: Vec<&crate::model::Report> = app
        .compare
        .reports
        .iter()
        .filter_map(|&i| app.corpus.reports.get(i))
        .collect();
    let c = core::compare(theme, reports);
    let n = c.columns.len();
    // The comparison puts councils with text on the theme first: follow its column order, and
    // keep the focus on the same council.
    let focused = app.compare.reports.get(app.compare.column).copied();
    let corpus = &app.corpus.reports;
    let mut left: Vec<usize> = app.compare.reports.clone();
    let in_order: Vec<usize> = c
        .columns
        .iter()
        .filter_map(|col| {
            let at = left
                .iter()
                .position(|&i| corpus.get(i).is_some_and(|r| r.id == col.report))?;
            Some(left.remove(at))
        })
        .collect();
    let s = &mut app.compare;
    if in_order.len() == s.reports.len() {
        s.reports = in_order;
    }
    // A council with nothing on the theme gives the focus up to the first, which has text.
    s.column = focused
        .and_then(|f| s.reports.iter().position(|&i| i == f))
        .filter(|&i| {
            c.columns
                .get(i)
                .is_some_and(|col| col.has_section() || !col.recommendations.is_empty())
        })
        .unwrap_or(0)
        .min(n.saturating_sub(1));
    s.comparison = Some(c);
    s.scroll = 0;
    s.scrolls = vec![0; n];
    s.selected = None;
    keep_column_visible(app);
    if let Some(v) = view(app) {
        if let Some(i) = v.focused(app) {
            app.compare.selected = v.items[i].first().map(|it| it.anchor.clone());
        }
    }
}

/// Selects `anchor` in the focused column and scrolls its aligned subsection to the top.
fn scroll_to_anchor(app: &mut App, anchor: &str) {
    let Some(v) = view(app) else { return };
    let Some(i) = v.focused(app) else { return };
    let Some(it) = v.items[i]
        .iter()
        .find(|it| it.anchor.eq_ignore_ascii_case(anchor))
    else {
        return;
    };
    app.compare.selected = Some(it.anchor.clone());
    // The start of the subsection band, so every column's heading shows, if the paragraph
    // then still fits in the view; else the paragraph itself.
    let c = app.compare.comparison.as_ref();
    let band = c
        .and_then(|c| c.row_of(app.compare.column, anchor))
        .and_then(|row| v.sbs.row_start(row))
        .map(|l| l.saturating_sub(v.header_height));
    let top = match band {
        Some(b) if b <= it.start && (it.end <= b + v.height || it.start - b <= v.height / 2) => b,
        _ => it.start,
    };
    let col = app.compare.column;
    let s = &mut app.compare;
    if s.independent {
        let alone = v.together_to_alone[i].get(top).copied().unwrap_or(top);
        if let Some(x) = s.scrolls.get_mut(col) {
            *x = alone.min(v.max_scroll(i));
        }
    } else {
        s.scroll = top.min(v.max_scroll(i));
    }
}

/// The first column to show at the app's width: the stored one, moved the least needed to
/// keep the focused column in view (the width may have changed since).
fn first_shown(app: &App) -> usize {
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
fn keep_column_visible(app: &mut App) {
    app.compare.first_column = first_shown(app);
}

/// Lays the comparison out for the app's size; `None` when closed or too small to draw.
pub fn view(app: &App) -> Option<View> {
    let c = app.compare.comparison.as_ref()?;
    let (w, h) = app.size;
    let areas = layout::compute(Rect::new(0, 0, w, h), app.layout_input());
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

/// Keys while the comparison is open.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::Back | Action::Compare => {
            app.close_overlay();
            return;
        }
        Action::ToggleHelp => {
            super::help::open(app);
            return;
        }
        Action::Matrix => {
            super::matrix::open(app);
            return;
        }
        Action::NextTheme | Action::PreviousTheme => {
            if let Some(t) = app.compare.comparison.as_ref().map(|c| c.theme) {
                let themes = core::themes_for(
                    app.compare
                        .reports
                        .iter()
                        .filter_map(|&i| app.corpus.reports.get(i)),
                );
                let t = if action == Action::NextTheme {
                    t.next_in(&themes)
                } else {
                    t.previous_in(&themes)
                };
                show_theme(app, t);
            }
            return;
        }
        Action::Export => {
            if let Some(c) = &app.compare.comparison {
                let mut name = vec!["compare", c.theme.key()];
                if c.columns.len() <= 3 {
                    name.extend(c.columns.iter().map(|col| col.authority.as_str()));
                }
                let stem = crate::export::file_stem(&name);
                let markdown = crate::export::compare_markdown(c, &app.corpus);
                app.export(stem, markdown);
            }
            return;
        }
        Action::ToggleExpectations => {
            let has = app
                .compare
                .comparison
                .as_ref()
                .is_some_and(|c| c.expectations.is_some());
            if has {
                app.compare.expectations_open = !app.compare.expectations_open;
            } else {
                app.message = Some("No \"What we expect to see\" for this theme".into());
            }
            return;
        }
        Action::ToggleSync => {
            toggle_sync(app);
            return;
        }
        Action::FocusLeft | Action::FocusRight | Action::FocusNext | Action::FocusPrev => {
            move_column(app, action);
            return;
        }
        Action::Open => {
            open_in_reader(app);
            return;
        }
        Action::Copy | Action::Bookmark => {
            match selected_place(app) {
                Some((ri, si, pi)) if action == Action::Copy => app.copy_paragraph(ri, si, pi),
                Some((ri, si, pi)) => {
                    let id = app.corpus.reports[ri].sections[si].paragraphs[pi]
                        .id
                        .clone();
                    crate::tui::session::toggle_bookmark_at(app, ri, &id);
                }
                None => app.message = Some("Nothing selected: move to a paragraph with j/k".into()),
            }
            return;
        }
        _ => {}
    }
    let Some(v) = view(app) else { return };
    let Some(i) = v.focused(app) else { return };
    let h = v.height.max(1);
    let page = h.saturating_sub(1).max(1) as isize;
    let half = (h / 2).max(1) as isize;
    match action {
        Action::Down => step(app, &v, i, true),
        Action::Up => step(app, &v, i, false),
        Action::Top => set_offset(app, &v, i, 0, true),
        Action::Bottom => set_offset(app, &v, i, v.max_scroll(i), true),
        Action::HalfPageDown => scroll_by(app, &v, i, half),
        Action::HalfPageUp => scroll_by(app, &v, i, -half),
        Action::PageDown => scroll_by(app, &v, i, page),
        Action::PageUp => scroll_by(app, &v, i, -page),
        Action::ScrollDown(..) => scroll_by(app, &v, i, 3),
        Action::ScrollUp(..) => scroll_by(app, &v, i, -3),
        Action::Click(x, y) => click(app, &v, x, y),
        _ => {}
    }
}

/// Sets the focused column's offset (all columns' when scrolling together), clamped; with
/// `follow`, the selection moves to the first item in view if it left the view.
fn set_offset(app: &mut App, v: &View, i: usize, off: usize, follow: bool) {
    let off = off.min(v.max_scroll(i));
    let s = &mut app.compare;
    if s.independent {
        if let Some(x) = s.scrolls.get_mut(s.column) {
            *x = off;
        }
    } else {
        s.scroll = off;
    }
    if follow {
        let h = v.height.max(1);
        let items = &v.items[i];
        let visible = |it: &Item| it.end > off && it.start < off + h;
        let still = s
            .selected
            .as_ref()
            .and_then(|a| items.iter().find(|it| it.anchor == *a))
            .is_some_and(visible);
        if !still {
            if let Some(it) = items.iter().find(|it| visible(it)) {
                s.selected = Some(it.anchor.clone());
            }
        }
    }
}

fn scroll_by(app: &mut App, v: &View, i: usize, delta: isize) {
    let off = v.offset(app, i).saturating_add_signed(delta);
    set_offset(app, v, i, off, true);
}

/// j/k: the next or previous item of the focused column, scrolling line by line through an
/// item taller than the view and through other columns' text between items.
fn step(app: &mut App, v: &View, i: usize, down: bool) {
    let h = v.height.max(1);
    let off = v.offset(app, i);
    let items = &v.items[i];
    let cur = app
        .compare
        .selected
        .as_ref()
        .and_then(|a| items.iter().position(|it| it.anchor == *a));
    let Some(cur) = cur else {
        if let Some(it) = items.iter().find(|it| it.end > off && it.start < off + h) {
            app.compare.selected = Some(it.anchor.clone());
        } else {
            scroll_by(app, v, i, if down { 1 } else { -1 });
        }
        return;
    };
    let it = &items[cur];
    if down {
        if it.end > off + h {
            set_offset(app, v, i, off + 1, false);
        } else if let Some(next) = items.get(cur + 1) {
            if next.start < off + h {
                app.compare.selected = Some(next.anchor.clone());
                if next.end > off + h {
                    let to = (next.end - h).min(next.start);
                    set_offset(app, v, i, to, false);
                }
            } else {
                set_offset(app, v, i, off + 1, false);
            }
        } else {
            set_offset(app, v, i, off + 1, false);
        }
    } else if it.start < off {
        set_offset(app, v, i, off - 1, false);
    } else if let Some(prev) = cur.checked_sub(1).and_then(|p| items.get(p)) {
        if prev.end > off {
            app.compare.selected = Some(prev.anchor.clone());
            if prev.start < off {
                let to = prev.start.max(prev.end.saturating_sub(h));
                set_offset(app, v, i, to, false);
            }
        } else {
            set_offset(app, v, i, off - 1, false);
        }
    } else {
        set_offset(app, v, i, off.saturating_sub(1), false);
    }
}

/// h/l: the focused council moves left or right, scrolling sideways past the edge.
fn move_column(app: &mut App, action: Action) {
    let Some(n) = app.compare.comparison.as_ref().map(|c| c.columns.len()) else {
        return;
    };
    if n == 0 {
        return;
    }
    // Keep the selection level: remember the focused column's position on screen.
    let before = view(app);
    let s = &app.compare;
    let row = before.as_ref().and_then(|v| {
        let i = v.focused(app)?;
        let it = s
            .selected
            .as_ref()
            .and_then(|a| v.items[i].iter().find(|it| it.anchor == *a))?;
        Some(it.start.saturating_sub(v.offset(app, i)))
    });
    let c = s.column;
    let to = match action {
        Action::FocusLeft => c.saturating_sub(1),
        Action::FocusRight => (c + 1).min(n - 1),
        Action::FocusNext => (c + 1) % n,
        _ => (c + n - 1) % n,
    };
    if to == c {
        return;
    }
    app.compare.column = to;
    keep_column_visible(app);
    let Some(v) = view(app) else { return };
    let Some(i) = v.focused(app) else { return };
    let off = v.offset(app, i);
    let h = v.height.max(1);
    let line = off + row.unwrap_or(0);
    let items = &v.items[i];
    let pick = items
        .iter()
        .find(|it| it.end > line && it.start < off + h)
        .or_else(|| {
            items
                .iter()
                .rev()
                .find(|it| it.end > off && it.start < off + h)
        })
        // Nothing of this column in view (padding level with a longer column): the item
        // the padding follows.
        .or_else(|| items.iter().rev().find(|it| it.start < off + h))
        .or_else(|| items.first());
    app.compare.selected = pick.map(|it| it.anchor.clone());
}

/// `s`: switches between scrolling together and alone, keeping the view where it is.
fn toggle_sync(app: &mut App) {
    let Some(v) = view(app) else {
        app.compare.independent = !app.compare.independent;
        return;
    };
    let s = &mut app.compare;
    if s.independent {
        // Alone → together: the focused column's top line decides.
        let i = v.sbs.shown.iter().position(|&c| c == s.column);
        let off = i
            .map(|i| {
                let a = s.scrolls.get(s.column).copied().unwrap_or(0);
                v.alone_to_together[i].get(a).copied().unwrap_or(0)
            })
            .unwrap_or(0);
        s.independent = false;
        s.scroll = off;
        app.message = Some("Columns scroll together, subsections level".into());
    } else {
        for (i, &c) in v.sbs.shown.iter().enumerate() {
            let a = v.together_to_alone[i].get(s.scroll).copied().unwrap_or(0);
            if let Some(x) = s.scrolls.get_mut(c) {
                *x = a;
            }
        }
        s.independent = true;
        app.message = Some("Each column scrolls alone (s: together again)".into());
    }
}

/// The focused column's selected paragraph: report, section and paragraph indices.
fn selected_place(app: &App) -> Option<(usize, usize, usize)> {
    let s = &app.compare;
    let anchor = s.selected.as_deref()?;
    let ri = *s.reports.get(s.column)?;
    let r = app.corpus.reports.get(ri)?;
    let (si, pi) = target::resolve_id(r, anchor)?;
    Some((ri, si, pi?))
}

/// Enter: opens the selected paragraph (or recommendation) in the reader.
fn open_in_reader(app: &mut App) {
    let s = &app.compare;
    let Some(anchor) = s.selected.clone() else {
        app.message = Some("Nothing selected: move to a paragraph with j/k".into());
        return;
    };
    let Some(&ri) = s.reports.get(s.column) else {
        return;
    };
    let Some(r) = app.corpus.reports.get(ri) else {
        return;
    };
    let Some((section, paragraph)) = target::resolve_id(r, &anchor) else {
        app.message = Some(format!("Cannot open {anchor}"));
        return;
    };
    app.close_overlays();
    app.zoom = false;
    app.open_target(Target {
        report: ri,
        section: Some(section),
        paragraph,
    });
    app.focus = Pane::Paragraphs;
}

/// A click focuses the column under the mouse and selects the item under it.
fn click(app: &mut App, v: &View, x: u16, y: u16) {
    let top = v.preamble.len() + v.header_height;
    let cw = v.sbs.column_width;
    let sep = fit::width(&v.sbs.separator);
    let i = usize::from(x) / (cw + sep).max(1);
    let Some(&c) = v.sbs.shown.get(i) else { return };
    app.compare.column = c;
    let y = usize::from(y);
    if y < top || y >= top + v.height {
        return;
    }
    let line = v.offset(app, i) + (y - top);
    if let Some(it) = v.items[i]
        .iter()
        .find(|it| (it.start..it.end).contains(&line))
    {
        app.compare.selected = Some(it.anchor.clone());
    }
}

/// The TUI style for a layout style.
fn style_of(t: &Palette, k: K) -> Style {
    match k {
        K::Title => t.section_heading,
        K::Note => t.muted,
        K::ExpectationsLabel => t.breadcrumb,
        K::Expectations => t.expectations,
        K::Authority => t.section_heading,
        K::Date => t.muted,
        K::SectionTitle => t.breadcrumb,
        K::Label => t.header,
        K::RecommendationNumber | K::ParagraphId => t.paragraph_id,
        K::Text => t.base,
        K::Subsection => t.subsection_heading,
        K::Gap => t.muted,
        K::Rule => t.border,
    }
}

fn to_line(
    t: &Palette,
    l: &cl::Line,
    selected: bool,
    focused_column: bool,
    marks: Option<&crate::search::Highlighter>,
) -> Line<'static> {
    let hl = super::search::highlight(t);
    let spans = l
        .spans
        .iter()
        .flat_map(|s| {
            let mut st = style_of(t, s.style);
            if selected && matches!(s.style, K::ParagraphId | K::RecommendationNumber) {
                st = t.paragraph_id_selected;
            }
            if focused_column && s.style == K::Authority {
                st = t.selected;
            }
            let marks = marks.filter(|_| s.style == K::Text);
            crate::tui::marks::spans(s.text.clone(), marks, st, hl)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(v) = view(app) else { return };
    let t = &app.palette;
    let body = Rect::new(
        area.x,
        area.y,
        area.width,
        u16::try_from(v.body_rows + 1)
            .unwrap_or(u16::MAX)
            .min(area.height),
    );
    frame.render_widget(Clear, body);
    let w = area.width;
    let mut y = area.y;
    let pre: Vec<Line> = v
        .preamble
        .iter()
        .map(|l| to_line(t, l, false, false, None))
        .collect();
    let pre_h = u16::try_from(pre.len()).unwrap_or(0);
    frame.render_widget(Paragraph::new(pre), Rect::new(area.x, y, w, pre_h));
    y += pre_h;
    let focused = v.focused(app);
    let cw = u16::try_from(v.sbs.column_width).unwrap_or(w);
    let sep = &v.sbs.separator;
    let sep_w = u16::try_from(fit::width(sep)).unwrap_or(3);
    let header = v
        .sbs
        .blocks
        .first()
        .filter(|b| b.kind == cl::BlockKind::Header);
    let hh = u16::try_from(v.header_height).unwrap_or(0);
    let h = u16::try_from(v.height).unwrap_or(0);
    for i in 0..v.sbs.shown.len() {
        let x = area.x + u16::try_from(i).unwrap_or(0) * (cw + sep_w);
        if x >= area.x + w {
            break;
        }
        let col_w = cw.min(area.x + w - x);
        let is_focused = focused == Some(i);
        if let Some(hb) = header {
            let lines: Vec<Line> = hb
                .cells
                .get(i)
                .map(|c| {
                    c.iter()
                        .map(|l| to_line(t, l, false, is_focused, None))
                        .collect()
                })
                .unwrap_or_default();
            frame.render_widget(Paragraph::new(lines), Rect::new(x, y, col_w, hh));
        }
        let off = v.offset(app, i);
        let sel = if is_focused {
            app.compare.selected.as_deref()
        } else {
            None
        };
        let lines: Vec<Line> = v.lines[i]
            .iter()
            .skip(off)
            .take(usize::from(h))
            .map(|l| {
                let selected = sel.is_some() && l.anchor.as_deref() == sel;
                to_line(t, l, selected, is_focused, app.search.marks())
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), Rect::new(x, y + hh, col_w, h));
        if i + 1 < v.sbs.shown.len() && x + cw + sep_w <= area.x + w {
            let bar: Vec<Line> = (0..hh + h)
                .map(|_| Line::from(Span::styled(sep.clone(), t.border)))
                .collect();
            frame.render_widget(Paragraph::new(bar), Rect::new(x + cw, y, sep_w, hh + h));
        }
    }
    render_status(app, frame, &v);
}

/// The status line: where we are, how the columns scroll, and the position.
fn render_status(app: &App, frame: &mut Frame, v: &View) {
    let area = frame.area();
    let Some(row) = u16::try_from(v.body_rows).ok().filter(|r| *r < area.height) else {
        return;
    };
    let t = &app.palette;
    let sym = t.symbols;
    let s = &app.compare;
    let Some(c) = &s.comparison else { return };
    let mut parts = vec!["Compare".to_string(), c.theme_title.clone()];
    if let Some(col) = c.columns.get(s.column) {
        parts.push(fit::display(&col.authority, sym.ascii));
    }
    if let Some(a) = &s.selected {
        parts.push(fit::display(a, sym.ascii));
    }
    let mode = if s.independent { "alone" } else { "together" };
    let pos = v
        .focused(app)
        .map(|i| {
            let off = v.offset(app, i);
            let total = v.lines[i].len();
            format!(
                " {mode} {}-{}/{}",
                (off + 1).min(total),
                (off + v.height).min(total),
                total
            )
        })
        .unwrap_or_default();
    let width = usize::from(area.width);
    let room = width.saturating_sub(1 + fit::width(&pos));
    let crumb = fit::breadcrumb(&parts, sym.separator, sym.ellipsis, room);
    let line = match (&app.message, app.layout_input()) {
        (Some(m), _) if layout::compute(area, app.layout_input()).hints.is_none() => {
            Line::from(vec![
                Span::raw(" "),
                Span::styled(
                    fit::truncate(m, width.saturating_sub(1), sym.ellipsis),
                    t.message,
                ),
            ])
        }
        _ => {
            let pad = room.saturating_sub(fit::width(&crumb));
            Line::from(vec![
                Span::raw(" "),
                Span::styled(crumb, t.breadcrumb),
                Span::raw(" ".repeat(pad)),
                Span::styled(pos, t.muted),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line), Rect::new(area.x, row, area.width, 1));
}
