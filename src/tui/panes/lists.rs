//! The lists `f` filters, as one mechanism: each list ([`ListId`]) says where its
//! [`ListState`] is, what text a row is matched by, how many rows a page has and what selecting
//! a row shows; filtering, moving through the rows shown, paging and clearing are written once,
//! here and in [`ListState`]. The `f` prompt ([`super::prompt`]) drives it.
//!
//! A new list gets a variant and an arm in each `match` below; its pane draws the rows
//! [`ListState::visible`] gives and its title with [`ListState::title_position`].

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Pane};
use crate::tui::command::{Command, Commands};
use crate::tui::list::ListState;

/// A list that filters as you type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListId {
    /// The reports pane.
    Councils,
    /// The section tree.
    Sections,
    /// The search's hits.
    Hits,
    /// The bookmark list.
    Bookmarks,
    /// The councils to pick for the comparison, when there are too many to compare them all.
    Picks,
}

impl ListId {
    pub fn state(self, app: &App) -> &ListState {
        match self {
            ListId::Councils => &app.authorities,
            ListId::Sections => &app.sections,
            ListId::Hits => &app.search.list,
            ListId::Bookmarks => &app.bookmark_list,
            ListId::Picks => &app.compare.pick_list,
        }
    }

    pub fn state_mut(self, app: &mut App) -> &mut ListState {
        match self {
            ListId::Councils => &mut app.authorities,
            ListId::Sections => &mut app.sections,
            ListId::Hits => &mut app.search.list,
            ListId::Bookmarks => &mut app.bookmark_list,
            ListId::Picks => &mut app.compare.pick_list,
        }
    }

    /// Whether the matches keep the list's order (a tree; hits the search ranked; bookmarks
    /// oldest first) rather than best first, as the council list does.
    fn keeps_order(self) -> bool {
        !matches!(self, ListId::Councils | ListId::Picks)
    }

    /// What a row is, for "No section matches".
    pub fn noun(self) -> &'static str {
        match self {
            ListId::Councils => "council",
            ListId::Sections => "section",
            ListId::Hits => "hit",
            ListId::Bookmarks => "bookmark",
            ListId::Picks => "council",
        }
    }
}

/// The list of the focused pane or the open overlay, if it has one.
pub fn focused(app: &App) -> Option<ListId> {
    match app.overlay() {
        Overlay::None => match app.focus {
            Pane::Authorities => Some(ListId::Councils),
            Pane::Sections => Some(ListId::Sections),
            Pane::Paragraphs => None,
        },
        Overlay::Search => Some(ListId::Hits),
        Overlay::Bookmarks => Some(ListId::Bookmarks),
        Overlay::Compare if app.compare.picking => Some(ListId::Picks),
        _ => None,
    }
}

/// The text each row of the whole list is matched by.
pub fn rows(app: &App, id: ListId) -> Vec<String> {
    match id {
        ListId::Councils | ListId::Picks => super::authorities::filter_rows(app),
        ListId::Sections => super::sections::filter_rows(app),
        ListId::Hits => super::search::filter_rows(app),
        ListId::Bookmarks => super::bookmarks::filter_rows(app),
    }
}

/// Rows in the whole list.
pub fn total(app: &App, id: ListId) -> usize {
    match id {
        ListId::Councils | ListId::Picks => app.corpus.reports.len(),
        ListId::Sections => app.tree_rows().len(),
        ListId::Hits => app.search.hits.len(),
        ListId::Bookmarks => app.state.as_ref().map_or(0, |s| s.bookmarks().len()),
    }
}

/// Rows a page has: what the list shows at once.
pub fn page(app: &App, id: ListId) -> usize {
    match id {
        ListId::Councils => super::authorities::viewport_height(app),
        ListId::Sections => super::sections::viewport_height(app),
        ListId::Hits => super::search::list_height(app),
        ListId::Bookmarks => super::bookmarks::list_height(app),
        ListId::Picks => super::compare::pick_list_height(app),
    }
    .max(1)
}

/// Selects row `i` of the whole list and asks to show what it selects (a council's report, a
/// section's text).
pub fn select(app: &mut App, id: ListId, i: usize) -> Commands {
    let commands = match id {
        // Selecting the report keeps it in view.
        ListId::Councils => return Command::SelectReport(i).into(),
        ListId::Sections => {
            app.sections.selected = i;
            super::sections::follow_tree(app)
        }
        ListId::Hits | ListId::Bookmarks | ListId::Picks => {
            id.state_mut(app).selected = i;
            Commands::none()
        }
    };
    keep_visible(app, id);
    commands
}

/// Scrolls the list so the selection is in view and the rows fill the list.
pub fn keep_visible(app: &mut App, id: ListId) {
    let (h, n) = (page(app, id), total(app, id));
    id.state_mut(app).keep_visible(h, n);
}

/// A movement (`j`, `k`, `g`, `G`, half pages, PgUp/PgDn) through the rows shown, and what it
/// asks for. `None` for any other action.
pub fn step(app: &mut App, id: ListId, action: Action) -> Option<Commands> {
    let (h, n) = (page(app, id), total(app, id));
    let st = id.state(app);
    if !matches!(action, crate::tui::action::movement!()) {
        return None;
    }
    Some(match st.moved(action, n, h) {
        Some(i) if i != st.selected => select(app, id, i),
        _ => {
            keep_visible(app, id);
            Commands::none()
        }
    })
}

/// Filters the list again (its query or its rows changed) and selects the best match.
pub fn refilter(app: &mut App, id: ListId) -> Commands {
    let rows = rows(app, id);
    let st = id.state_mut(app);
    st.filter.keep_order = id.keeps_order();
    if let Some(best) = st.refilter(&rows) {
        select(app, id, best)
    } else {
        keep_visible(app, id);
        Commands::none()
    }
}

/// Filters again only if a filter is in force (after the rows changed).
pub fn rows_changed(app: &mut App, id: ListId) -> Commands {
    if id.state(app).filter.is_active() {
        refilter(app, id)
    } else {
        Commands::none()
    }
}

/// Ends the list's filter: every row again, the selection kept and in view.
pub fn clear(app: &mut App, id: ListId) {
    id.state_mut(app).filter.clear();
    keep_visible(app, id);
}

/// `Esc` in a list: clears its filter if one is in force. Returns whether it did.
pub fn clear_focused(app: &mut App) -> bool {
    match focused(app) {
        Some(id) if id.state(app).filter.is_active() => {
            clear(app, id);
            true
        }
        _ => false,
    }
}

/// The note a list shows when its filter keeps nothing.
pub fn no_match(id: ListId) -> String {
    format!("No {} matches", id.noun())
}
