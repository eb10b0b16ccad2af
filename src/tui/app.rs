//! The explorer's whole state and its one mutator, [`App::update`]. Raw input becomes an
//! [`Action`] in [`App::handle_event`] (`input`); the overlay on top or the focused pane handles
//! it and returns [`Commands`], which the app applies once it has returned (`update`,
//! `commands`); what needs the world outside (the clipboard, files) is an [`Effect`] the event
//! loop carries out. Drawing is a pure function of an `App` ([`super::render()`]).
//!
//! The module is split by concern: this file holds the state and its constructor; `update`
//! hands an action to whoever has the keys; `commands` applies what the panes asked for;
//! `navigation` shows reports, sections and deep links and walks the jump list (private to the
//! app: a pane asks for it with a [`Command`]); `reading` answers what is selected and shown;
//! `areas` keeps the layout of the last size and zoom for the updates; `state` toggles
//! bookmarks and keeps histories in the saved state; `input` turns raw input into actions;
//! `copy` is `y`.
//!
//! Extension points: an [`Overlay`] variant per overlay (help, search, bookmarks, comparison, matrix),
//! a [`Pane`] per pane module under `panes/`, and bindings in the keymap.

use super::action::Action;
use super::command::{Command, Commands};
use super::jumps::JumpList;
use super::keymap;
use super::layout::Areas;
use super::line_edit::LineEditor;
use super::palette::{Glyphs, Palette};
use super::panes::{compare, prompt, search};
use super::session;
use crate::corpus::Corpus;
use crate::target::Target;
use std::collections::HashSet;
use std::sync::Arc;

mod areas;
mod commands;
mod copy;
mod input;
mod navigation;
mod reading;
mod state;
mod update;

pub use reading::section_label;

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Authorities,
    Sections,
    Paragraphs,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Authorities, Pane::Sections, Pane::Paragraphs];

    pub(crate) fn index(self) -> usize {
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
    /// The councils × themes matrix ([`super::panes::matrix`]).
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
    /// The help's lines at the stored size, counted when it opens and on resize.
    pub help_lines: usize,
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
            help_lines: 0,
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

    /// At start, before the first key (the constructor's side: [`session::attach`] reopening
    /// the last position): jumps to `t` as a go-to does, so `Ctrl-o` comes back to where the
    /// explorer opened. Panes ask for a jump with [`Command::Open`] instead.
    pub fn start_at(&mut self, t: Target) {
        self.apply_all(Command::Open(t).into());
    }

    /// At start, before the first key ([`session::Start::apply`] opening on the first default
    /// council): selects report `i`. Panes ask for it with [`Command::SelectReport`].
    pub fn start_on_report(&mut self, i: usize) {
        self.apply_all(Command::SelectReport(i).into());
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
}
