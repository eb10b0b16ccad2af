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
//! reports pane (one pick with the report being read), else all.
//!
//! The module is split by concern: [`picks`] (which councils), [`columns`] (the comparison laid
//! out for the screen: offsets, items, the focused column), [`mod@update`] (the keys) and
//! [`mod@render`] (drawing and the status line).

mod columns;
pub mod find;
pub mod picks;
mod render;
mod update;

pub use columns::{view, Item, View};
pub use picks::{list_height as pick_list_height, toggle_pick};
pub use render::render;
pub use update::{spot_at, update};

use crate::compare::{self as core, Comparison};
use crate::model::Theme;
use crate::text::fit;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::list::ListState;
use columns::keep_column_visible;
use picks::report_set;
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
    /// The matrix's cursor: the council (row) and the theme (column).
    pub matrix_cell: (usize, usize),
    /// The terminal size the offsets were last fitted to.
    pub size: (u16, u16),
    /// `/`: the words found in the comparison.
    pub find: find::Find,
    /// True while the picks list is shown instead of the comparison ([`picks`]).
    pub picking: bool,
    /// The picks list's selection and filter.
    pub pick_list: ListState,
    /// Report ids of the councils last compared from picks, offered again when nothing is
    /// picked (kept with the state).
    pub last_picks: Vec<String>,
}

/// The comparison and matrix as they were when a jump left them (Enter on a paragraph or a
/// cell): the overlays open and where they were, so walking the jump list back reopens them.
/// The comparison itself is worked out again when the councils or theme have changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The comparison and matrix overlays that were open, bottom first.
    pub overlays: Vec<Overlay>,
    theme: Option<Theme>,
    reports: Vec<usize>,
    column: usize,
    first_column: usize,
    independent: bool,
    scroll: usize,
    scrolls: Vec<usize>,
    selected: Option<String>,
    expectations_open: bool,
    matrix_scroll: usize,
    matrix_cell: (usize, usize),
    size: (u16, u16),
}

/// The comparison and matrix open now, to come back to; `None` when neither is.
pub fn save(app: &App) -> Option<Saved> {
    let overlays: Vec<Overlay> = app
        .overlays()
        .iter()
        .copied()
        .filter(|o| matches!(o, Overlay::Compare | Overlay::Matrix))
        .collect();
    if overlays.is_empty() {
        return None;
    }
    let s = &app.compare;
    Some(Saved {
        overlays,
        theme: s.comparison.as_ref().map(|c| c.theme),
        reports: s.reports.clone(),
        column: s.column,
        first_column: s.first_column,
        independent: s.independent,
        scroll: s.scroll,
        scrolls: s.scrolls.clone(),
        selected: s.selected.clone(),
        expectations_open: s.expectations_open,
        matrix_scroll: s.matrix_scroll,
        matrix_cell: s.matrix_cell,
        size: s.size,
    })
}

/// Puts the comparison and matrix state back as [`save`] found it (the caller reopens
/// `saved.overlays`).
pub fn restore(app: &mut App, saved: &Saved) {
    let s = &mut app.compare;
    s.picking = false;
    let same = s.reports == saved.reports && s.comparison.as_ref().map(|c| c.theme) == saved.theme;
    if !same {
        s.reports = saved.reports.clone();
        match saved.theme {
            Some(t) => show_theme(app, t),
            None => app.compare.comparison = None,
        }
    }
    let s = &mut app.compare;
    s.column = saved.column;
    s.first_column = saved.first_column;
    s.independent = saved.independent;
    s.scroll = saved.scroll;
    s.scrolls = saved.scrolls.clone();
    s.selected = saved.selected.clone();
    s.expectations_open = saved.expectations_open;
    s.matrix_scroll = saved.matrix_scroll;
    s.matrix_cell = saved.matrix_cell;
    s.size = saved.size;
    relayout(app);
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
pub fn open(app: &mut App) -> Commands {
    if app.compare.picked.is_empty() && !picks::all_fit(app) {
        return picks::start(app);
    }
    let theme = current_theme(app);
    let reports = report_set(app);
    if reports.is_empty() {
        return Commands::say("No reports to compare");
    }
    let here = app.authorities.selected;
    let s = &mut app.compare;
    s.picking = false;
    s.reports = reports;
    s.column = s.reports.iter().position(|&r| r == here).unwrap_or(0);
    s.first_column = 0;
    s.independent = false;
    s.size = app.size;
    let mut commands = Commands::from(Command::PushOverlay(Overlay::Compare));
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
    commands.extend(picks::remember(app));
    if theme.is_none() {
        let what = app
            .section()
            .map(|s| fit::display(&s.title, app.palette.symbols.ascii))
            .unwrap_or_else(|| "This part".into());
        commands.push(Command::Say(format!(
            "{what} is not a theme; comparing {} (]/[ for the others)",
            first_theme.title()
        )));
    } else if let Some(id) = para {
        scroll_to_anchor(app, &id);
    }
    commands
}

/// Shows `theme` for the same councils, from the top, keeping the focused council.
pub(super) fn show_theme(app: &mut App, theme: Theme) {
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
pub(super) fn scroll_to_anchor(app: &mut App, anchor: &str) {
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
