//! The explorer's whole state and its one mutator, [`App::update`]. Raw input becomes an
//! [`Action`] in [`App::handle_event`]; the overlay on top or the focused pane handles it and
//! leaves [`Command`]s, applied when it returns; what needs the world outside (the clipboard,
//! files) is an [`Effect`] the event loop carries out. Drawing is a pure function of an `App`
//! ([`super::render()`]).
//!
//! Extension points: an [`Overlay`] variant per overlay (help, search, bookmarks, comparison, matrix),
//! a [`Pane`] per pane module under `panes/`, and bindings in the keymap.

use super::action::Action;
use super::command::Command;
use super::jumps::JumpList;
use super::keymap;
use super::layout::{self, Areas, LayoutInput};
use super::line_edit::LineEditor;
use super::palette::{Glyphs, Palette};
use super::panes::lists::{self, ListId};
use super::panes::{
    authorities, bookmarks, compare, help, matrix, paragraphs, prompt, search, sections,
};
use super::session;
use crate::corpus::Corpus;
use crate::model::{Paragraph, Report, Section};
use crate::target::Target;
use crate::text::fit;
use ratatui::layout::Rect;
use std::collections::HashSet;
use std::sync::Arc;

mod commands;
mod copy;
mod input;

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Authorities,
    Sections,
    Paragraphs,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Authorities, Pane::Sections, Pane::Paragraphs];

    fn index(self) -> usize {
        match self {
            Pane::Authorities => 0,
            Pane::Sections => 1,
            Pane::Paragraphs => 2,
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 3]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 2) % 3]
    }
}

/// What is drawn over the panes and takes the keys first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    /// The search over every report (`/`).
    Search,
    /// The bookmark list (`'`).
    Bookmarks,
    /// One theme side by side across councils ([`compare`]).
    Compare,
    /// The councils × themes matrix ([`matrix`]).
    Matrix,
}

/// An entry of the jump list: where the reader was, and the comparison or matrix open over
/// it then (reopened as they were when `Ctrl-o` comes back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub target: Target,
    pub view: Option<compare::Saved>,
}

/// How the explorer looks and where it opens.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Modifiers only, no colours (NO_COLOR, `--no-color`).
    pub monochrome: bool,
    /// The glyphs the terminal can show (ASCII for a non-UTF-8 locale, `TERM=vt100` or
    /// `--ascii`; plain box lines on the Linux console).
    pub glyphs: Glyphs,
    /// Open at this report, section or paragraph.
    pub target: Option<Target>,
}

/// Something the event loop must do outside the App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the user's clipboard (OSC 52).
    Clipboard(String),
    /// Write this Markdown to a new file `<stem>.md` (or `<stem>-2.md`...) in the current
    /// folder, and say where in the status line.
    Export { stem: String, markdown: String },
    /// Write the state (bookmarks, histories, where the reader is) to the state dir, atomically; say so
    /// on the status line if that fails.
    SaveState,
}

pub use super::list::ListState;

/// The paragraph view's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParagraphsState {
    /// The section shown (index into the report's sections).
    pub section: Option<usize>,
    /// Index into [`App::items`].
    pub selected: usize,
    /// The first visible line.
    pub scroll: usize,
    /// Whether "What we expect to see" is unfolded.
    pub expectations_open: bool,
}

/// A row of the section tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow {
    pub section: usize,
    /// Index into `section.subsections` for a subsection row.
    pub subsection: Option<usize>,
}

/// A selectable item of the paragraph view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The "What we expect to see" fold.
    Expectations,
    /// A paragraph, by index into `section.paragraphs`.
    Paragraph(usize),
}

/// The explorer's state.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared with the search worker, which indexes it.
    pub corpus: Arc<Corpus>,
    pub palette: Palette,
    pub focus: Pane,
    /// The overlays open, bottom first: the one on top has the keys, and closing it shows
    /// the one under it (the help over the comparison, the matrix over the comparison).
    overlays: Vec<Overlay>,
    pub zoom: bool,
    /// The terminal size the state was last laid out for (columns, rows).
    pub size: (u16, u16),
    pub quit: bool,
    /// A one-off confirmation or notice for the status line, cleared by the next key.
    pub message: Option<String>,
    pub authorities: ListState,
    pub sections: ListState,
    /// Expanded sections as (report, section) pairs.
    pub expanded: HashSet<(usize, usize)>,
    pub paragraphs: ParagraphsState,
    /// Scroll of the help overlay.
    pub help: ListState,
    /// The search overlay: query, hits, the worker that finds them; `n`/`N` step its hits.
    pub search: search::SearchState,
    /// Selection in the bookmark list.
    pub bookmark_list: ListState,
    /// Last position and bookmarks ([`session`]); `None` when there is nowhere to keep them.
    pub state: Option<crate::state::State>,
    /// The comparison and matrix views, and the councils picked for them.
    pub compare: compare::State,
    /// The keys in effect: the default keymap, or `config.toml`'s overrides applied to it
    /// ([`session::Start::apply`]). Key lookups, hints and the help all read it.
    pub keymap: keymap::Keymap,
    /// The prompt on the status line that has the keys, if one is open ([`prompt`]).
    pub prompt: Option<prompt::Prompt>,
    /// The `:` go-to line, with its history.
    pub goto: LineEditor,
    /// Where jumps (go-to, search hits, bookmarks, compare Enter) left from: `Ctrl-o`/`Ctrl-i`.
    pub jumps: JumpList<Place>,
    /// The bookmark list was opened by the key just pressed (for `''`).
    bookmark_list_fresh: bool,
    effects: Vec<Effect>,
    /// What the update under way asked for ([`Command`]), applied when it returns.
    commands: Vec<Command>,
    /// The layout at the current size and zoom, one per pane given the focus (a narrow
    /// terminal shows only the focused pane): laid out when the size or zoom changes
    /// ([`App::lay_out`]), read by updates ([`App::areas`], [`App::areas_for`]).
    layouts: [Areas; 3],
    /// The size and zoom `layouts` were laid out for.
    laid_out: Option<((u16, u16), bool)>,
}

impl App {
    /// A new explorer over `corpus`, laid out for 80x24 until told the real size
    /// ([`Action::Resize`]).
    pub fn new(corpus: Corpus, options: Options) -> App {
        let mut app = App {
            corpus: Arc::new(corpus),
            palette: Palette::new(options.monochrome, options.glyphs),
            focus: Pane::Authorities,
            overlays: Vec::new(),
            zoom: false,
            size: (80, 24),
            quit: false,
            message: None,
            authorities: ListState::default(),
            sections: ListState::default(),
            expanded: HashSet::new(),
            paragraphs: ParagraphsState::default(),
            help: ListState::default(),
            search: search::SearchState::default(),
            bookmark_list: ListState::default(),
            state: None,
            compare: compare::State::default(),
            keymap: keymap::Keymap::default(),
            prompt: None,
            goto: LineEditor::new(),
            jumps: JumpList::new(),
            bookmark_list_fresh: false,
            effects: Vec::new(),
            commands: Vec::new(),
            layouts: [Areas::default(); 3],
            laid_out: None,
        };
        app.lay_out();
        app.select_report(0);
        if let Some(t) = options.target {
            app.show_target(t);
        }
        app
    }

    /// Where the reader is, as a target: the report, the section shown and the paragraph
    /// selected.
    pub fn here(&self) -> Target {
        Target {
            report: self.authorities.selected,
            section: self.paragraphs.section,
            paragraph: match self.selected_item() {
                Some(Item::Paragraph(pi)) => Some(pi),
                _ => None,
            },
            part: None,
        }
    }

    /// Where the reader is and the comparison or matrix open over it: what the jump list
    /// keeps.
    pub fn place(&self) -> Place {
        Place {
            target: self.here(),
            view: compare::save(self),
        }
    }

    /// Jumps to a deep link (go-to, search hit, bookmark, compare Enter), recording where it
    /// left from in the jump list so `Ctrl-o` comes back (to the comparison or matrix, if
    /// the jump left from one).
    pub fn open_target(&mut self, t: Target) {
        if t.report >= self.corpus.reports.len() {
            return;
        }
        let from = self.place();
        if (from.target != t || from.view.is_some()) && self.report().is_some() {
            self.jumps.record(from);
        }
        self.show_target(t);
    }

    /// `Ctrl-o`, `Ctrl-i` and `''`: walks the jump list.
    fn walk_jumps(&mut self, action: Action) {
        let here = self.place();
        let to = match action {
            Action::JumpBack => self.jumps.back(here),
            Action::JumpForward => self.jumps.forward(here),
            _ => self.jumps.toggle(here),
        };
        match to {
            Some(Place { target: t, view }) if t.report < self.corpus.reports.len() => {
                self.overlays.clear();
                self.show_target(t);
                if t.paragraph.is_none() && t.section.is_none() {
                    self.focus = Pane::Authorities;
                }
                if let Some(v) = view {
                    compare::restore(self, &v);
                    self.overlays = v.overlays;
                }
            }
            _ => {
                let ascii = self.palette.symbols.ascii;
                self.message = Some(match action {
                    Action::JumpForward => "No later jump to go forward to".to_string(),
                    _ => format!(
                        "No earlier jump to go back to: {} goes to a council or paragraph",
                        self.keymap.key(Action::GoTo, ascii)
                    ),
                });
            }
        }
    }

    /// Shows a deep link: the report, the section (expanded to the paragraph's subsection)
    /// and the paragraph, in view, with the focus where the reading happens. Not a jump
    /// (see [`App::open_target`]).
    pub fn show_target(&mut self, t: Target) {
        if t.report >= self.corpus.reports.len() {
            return;
        }
        if self
            .authorities
            .filter
            .row_of(t.report, self.corpus.reports.len())
            .is_none()
        {
            // The filter would hide where we are going.
            self.authorities.filter.clear();
        }
        self.select_report(t.report);
        self.focus = Pane::Sections;
        let Some(si) = t.section else { return };
        let Some(section) = self.corpus.reports[t.report].sections.get(si) else {
            return;
        };
        let sub_idx = t
            .paragraph
            .and_then(|pi| section.paragraphs.get(pi))
            .and_then(|p| p.subsection.as_deref())
            .and_then(|s| section.subsections.iter().position(|x| x == s));
        if sub_idx.is_some() {
            self.expanded.insert((t.report, si));
        }
        let rows = self.tree_rows();
        let row = rows
            .iter()
            .position(|r| r.section == si && r.subsection == sub_idx)
            .or_else(|| rows.iter().position(|r| r.section == si))
            .unwrap_or(0);
        self.sections.select(row, rows.len());
        lists::keep_visible(self, ListId::Sections);
        self.show_section(Some(si));
        if t.part == Some(crate::target::Part::Expectations) {
            self.focus = Pane::Paragraphs;
            self.paragraphs.selected = 0;
        }
        if let Some(pi) = t.paragraph {
            self.focus = Pane::Paragraphs;
            let items = self.items();
            if let Some(i) = items.iter().position(|it| *it == Item::Paragraph(pi)) {
                self.paragraphs.selected = i;
                paragraphs::scroll_to_top_of_selected(self);
            }
        }
    }

    /// Carries out one action: the overlay on top or the focused pane changes its state and
    /// leaves [`Command`]s for the rest, which are applied once it returns.
    pub fn update(&mut self, action: Action) {
        self.dispatch(action);
        self.apply_commands();
    }

    /// Hands `action` to whoever has the keys.
    fn dispatch(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Resize(w, h) => {
                let top = paragraphs::top_anchor(self);
                self.size = (w, h);
                self.lay_out();
                self.relayout();
                paragraphs::restore_top(self, top);
                return;
            }
            _ => {}
        }
        // Walked from the reader, and from the comparison and matrix (which bind them).
        if matches!(
            action,
            Action::JumpToggle | Action::JumpBack | Action::JumpForward
        ) {
            self.walk_jumps(action);
            return;
        }
        match self.overlay() {
            Overlay::Help => return help::update(self, action),
            Overlay::Search => return search::update(self, action),
            Overlay::Bookmarks => return bookmarks::update(self, action),
            Overlay::Compare => return compare::update(self, action),
            Overlay::Matrix => return matrix::update(self, action),
            Overlay::None => {}
        }
        match action {
            Action::Quit | Action::Resize(..) => {}
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::FocusLeft => {
                if self.focus != Pane::Authorities {
                    self.focus = self.focus.prev();
                }
            }
            Action::FocusRight => {
                if self.focus != Pane::Paragraphs {
                    self.focus = self.focus.next();
                }
            }
            Action::ToggleHelp => help::open(self),
            Action::Back => {
                if lists::clear_focused(self) {
                    // A filter was in force: Esc ends it first.
                } else if self.zoom {
                    self.zoom = false;
                } else if self.search.clear_marks() {
                    let ascii = self.palette.symbols.ascii;
                    self.message = Some(self.keymap.fill(
                        "Search highlights off ({next_hit}/{prev_hit} still step through the hits)",
                        ascii,
                    ));
                }
                self.relayout();
            }
            Action::GoTo => prompt::open(self, prompt::Prompt::GoTo),
            Action::Filter => {
                if let Some(id) = lists::focused(self) {
                    prompt::open(self, prompt::Prompt::Filter(id));
                }
            }
            Action::JumpBack | Action::JumpForward | Action::JumpToggle => self.walk_jumps(action),
            Action::ToggleZoom => {
                let top = paragraphs::top_anchor(self);
                self.zoom = !self.zoom;
                self.relayout();
                paragraphs::restore_top(self, top);
            }
            Action::Copy => self.copy(),
            Action::Search => search::open(self),
            Action::NextHit => search::step(self, 1),
            Action::PrevHit => search::step(self, -1),
            Action::Bookmark => session::toggle_bookmark(self),
            Action::Bookmarks => bookmarks::open(self),
            Action::Type(_) | Action::DeleteBack | Action::ClearQuery => {}
            Action::Compare => compare::open(self),
            Action::Pick => compare::toggle_pick(self),
            Action::Matrix => matrix::open(self),
            Action::PreviousTheme | Action::NextTheme => {
                sections::step_theme(self, action == Action::NextTheme)
            }
            Action::ToggleSync | Action::ToggleExpectations | Action::Export => {}
            // Outside every pane: nothing to do.
            Action::ScrollUp(..) | Action::ScrollDown(..) | Action::Click(..) => {}
            Action::ClickPane(pane, item) => {
                self.focus = pane;
                if let Some(item) = item {
                    match pane {
                        Pane::Authorities => authorities::click(self, item),
                        Pane::Sections => sections::click(self, item),
                        Pane::Paragraphs => paragraphs::click(self, item),
                    }
                }
            }
            Action::ScrollPane(pane, down) => self.scroll_pane(pane, down),
            crate::tui::action::movement!() | Action::Open => match self.focus {
                Pane::Authorities => authorities::update(self, action),
                Pane::Sections => sections::update(self, action),
                Pane::Paragraphs => paragraphs::update(self, action),
            },
        }
    }

    /// The overlay on top, which has the keys (`Overlay::None`: the panes have them).
    pub fn overlay(&self) -> Overlay {
        self.overlays.last().copied().unwrap_or_default()
    }

    /// The overlays open, bottom first (drawn in this order).
    pub fn overlays(&self) -> &[Overlay] {
        &self.overlays
    }

    /// The effects asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The layout of the last frame's size, for the focus the app has now.
    pub fn areas(&self) -> Areas {
        self.areas_for(self.focus)
    }

    /// The layout with `pane` focused: where that pane is (or would be, once focused: a
    /// narrow terminal shows only the focused pane).
    pub fn areas_for(&self, pane: Pane) -> Areas {
        self.layouts[pane.index()]
    }

    /// Lays the panes out again if the size or the zoom changed since the last time.
    fn lay_out(&mut self) {
        let key = (self.size, self.zoom);
        if self.laid_out == Some(key) {
            return;
        }
        let (w, h) = self.size;
        for pane in Pane::ALL {
            let input = LayoutInput {
                focus: pane,
                ..self.layout_input()
            };
            self.layouts[pane.index()] = layout::compute(Rect::new(0, 0, w, h), input);
        }
        self.laid_out = Some(key);
    }

    pub fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            focus: self.focus,
            zoom: self.zoom,
            reports: self.corpus.reports.len(),
        }
    }

    /// The selected report.
    pub fn report(&self) -> Option<&Report> {
        self.corpus.reports.get(self.authorities.selected)
    }

    /// The rows of the section tree of the selected report.
    pub fn tree_rows(&self) -> Vec<TreeRow> {
        let ri = self.authorities.selected;
        let Some(r) = self.report() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for (si, s) in r.sections.iter().enumerate() {
            rows.push(TreeRow {
                section: si,
                subsection: None,
            });
            if self.expanded.contains(&(ri, si)) {
                rows.extend((0..s.subsections.len()).map(|k| TreeRow {
                    section: si,
                    subsection: Some(k),
                }));
            }
        }
        rows
    }

    /// The selected tree row.
    pub fn tree_row(&self) -> Option<TreeRow> {
        self.tree_rows().get(self.sections.selected).copied()
    }

    /// The section shown in the paragraph view.
    pub fn section(&self) -> Option<&Section> {
        self.report()?.sections.get(self.paragraphs.section?)
    }

    /// The selectable items of the shown section.
    pub fn items(&self) -> Vec<Item> {
        let Some(s) = self.section() else {
            return Vec::new();
        };
        let mut items = Vec::with_capacity(s.paragraphs.len() + 1);
        if s.expectations
            .as_deref()
            .is_some_and(|e| !e.trim().is_empty())
        {
            items.push(Item::Expectations);
        }
        items.extend((0..s.paragraphs.len()).map(Item::Paragraph));
        items
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.items().get(self.paragraphs.selected).copied()
    }

    /// The selected paragraph, if a paragraph (not the fold) is selected.
    pub fn paragraph(&self) -> Option<&Paragraph> {
        match self.selected_item()? {
            Item::Paragraph(pi) => self.section()?.paragraphs.get(pi),
            Item::Expectations => None,
        }
    }

    /// Breadcrumb parts: authority, section, subsection, paragraph id.
    pub fn breadcrumb(&self) -> Vec<String> {
        let ascii = self.palette.symbols.ascii;
        let mut parts = Vec::new();
        let Some(r) = self.report() else {
            return parts;
        };
        parts.push(fit::display(&r.authority.short, ascii));
        let Some(s) = self.section() else {
            return parts;
        };
        parts.push(section_label(s, ascii));
        match self.selected_item() {
            Some(Item::Expectations) => parts.push("What we expect to see".into()),
            Some(Item::Paragraph(pi)) => {
                if let Some(p) = s.paragraphs.get(pi) {
                    if let Some(sub) = &p.subsection {
                        parts.push(fit::display(sub, ascii));
                    }
                    // The page, quietly: "3.18 p. 17".
                    let id = match p.pages {
                        Some(pages) => format!("{} {}", p.id, pages.label()),
                        None => p.id.clone(),
                    };
                    parts.push(fit::display(&id, ascii));
                }
            }
            None => {}
        }
        parts
    }

    /// Selects report `i`: keeps the same section (by key) when the new report has it, so
    /// moving between councils keeps your place.
    pub fn select_report(&mut self, i: usize) {
        let key = self.section().map(|s| s.key());
        let len = self.corpus.reports.len();
        self.authorities.select(i, len);
        authorities::keep_visible(self);
        let si = match (key, self.report()) {
            (Some(k), Some(r)) => r.sections.iter().position(|s| s.key() == k).unwrap_or(0),
            _ => 0,
        };
        let rows = self.tree_rows();
        let row = rows.iter().position(|r| r.section == si).unwrap_or(0);
        self.sections = ListState::default();
        self.sections.select(row, rows.len());
        lists::keep_visible(self, ListId::Sections);
        self.paragraphs = ParagraphsState::default();
        let shown = self.report().filter(|r| !r.sections.is_empty()).map(|_| si);
        self.show_section(shown);
    }

    /// Shows section `si` in the paragraph view, from the top, first paragraph selected.
    pub fn show_section(&mut self, si: Option<usize>) {
        if self.paragraphs.section == si {
            return;
        }
        self.paragraphs = ParagraphsState {
            section: si,
            ..ParagraphsState::default()
        };
        let first_paragraph = self
            .items()
            .iter()
            .position(|it| matches!(it, Item::Paragraph(_)))
            .unwrap_or(0);
        self.paragraphs.selected = first_paragraph;
    }

    /// Re-fits scroll offsets after a resize or zoom.
    fn relayout(&mut self) {
        self.lay_out();
        authorities::keep_visible(self);
        lists::keep_visible(self, ListId::Sections);
        paragraphs::keep_selected_in_view(self);
        compare::relayout(self);
    }
}

/// "3 Care and Support and Pathway Planning", or the title of an unnumbered section.
pub fn section_label(s: &Section, ascii: bool) -> String {
    let title = fit::display(&s.title, ascii);
    match s.number {
        Some(n) => format!("{n} {title}"),
        None => title,
    }
}

/// "Swansea front.1: This document is also available in Welsh.", clean for the terminal, for
/// a go-to target that names a text no section holds (the front matter); `None` otherwise.
fn outside_sections(corpus: &crate::corpus::Corpus, t: &Target) -> Option<String> {
    if t.part.is_none() || t.section.is_some() {
        return None;
    }
    let r = corpus.reports.get(t.report)?;
    let id = crate::target::cited_id(r, t)?;
    let text = crate::target::text(r, t)?;
    let line = format!("{} {id}: {text}", r.authority.short);
    Some(crate::text::for_terminal(&line).into_owned())
}
