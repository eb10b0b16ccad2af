//! What a pane's update asks of the [`App`](super::app::App) beyond its own state. A pane
//! changes its own state (its selection, scroll, query) and returns [`Commands`] for anything
//! else: a jump, a report or section to show, an overlay to open or close, the focus, a word on
//! the status line, a copy, a file. The app applies them in order once the pane's update has returned
//! ([`App::update`](super::app::App::update)); nothing else in the app is open to a pane (its
//! helpers are private to the app module), so no update calls back up into the app, and the
//! commands an action leads to can be read in one list.

use super::action::Action;
use super::app::{Overlay, Pane};
use super::panes::lists::ListId;
use super::panes::prompt::Prompt;
use crate::target::Target;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Jump to a deep link, recording where it left from in the jump list.
    Open(Target),
    /// [`Command::Open`], then say where it went and which key comes back (the go-to prompt).
    GoTo(Target),
    /// Show a deep link (the report, the section, the paragraph in view), not as a jump.
    Show(Target),
    /// Select this report in the reports pane and show it, on the section of the same kind as
    /// the one shown when the new report has it.
    SelectReport(usize),
    /// Show `section` of the selected report in the reader (from the top unless it already is
    /// shown), and with `paragraph`, select that paragraph and scroll it to the top.
    ShowSection {
        section: usize,
        paragraph: Option<usize>,
    },
    /// Open an overlay over what is shown.
    PushOverlay(Overlay),
    /// Close the overlay on top, back to the one under it.
    PopOverlay,
    /// Close every overlay: back to the panes.
    CloseOverlays,
    /// Give a pane the focus.
    Focus(Pane),
    /// Open a prompt on the status line (`:` go-to, `f` filter, `/` in the comparison).
    OpenPrompt(Prompt),
    /// Close the open prompt.
    ClosePrompt,
    /// Start the search's worker (building its index) if it is not running.
    StartSearch,
    /// The reader's selection moved: select the section tree's row of the paragraph selected.
    FollowParagraph,
    /// Filter this list again (its `f` line changed) and select the best match.
    Refilter(ListId),
    /// End this list's filter: every row again, the selection kept and in view.
    ClearFilter(ListId),
    /// Move through this list's rows shown (a movement key at its `f` line).
    StepList(ListId, Action),
    /// Say this on the status line until the next key (a confirmation, or why nothing
    /// happened).
    Say(String),
    /// Give the focused pane the whole screen (true) or return to the panes.
    Zoom(bool),
    /// Copy paragraph `paragraph` of section `section` of report `report` with its citation.
    CopyParagraph {
        report: usize,
        section: usize,
        paragraph: usize,
    },
    /// Save `markdown` as `<stem>.md` in the current folder (by the event loop).
    Export { stem: String, markdown: String },
    /// Write the state (bookmarks, histories, position) to disk (by the event loop).
    SaveState,
    /// Keep the prompts' histories (search, go-to, the councils last picked) with the state,
    /// and write it.
    SaveHistories,
    /// Bookmark paragraph `paragraph` (its id) of report `report`, or remove its bookmark; say
    /// which, and write the state.
    ToggleBookmark { report: usize, paragraph: String },
    /// Remove the bookmark at this index (in the state's order, as the bookmark list shows
    /// them) and write the state.
    RemoveBookmark(usize),
}

/// The commands an update returns, in the order the app applies them. Marked `must_use`, so
/// commands a helper returns cannot be dropped on the way up by mistake.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "the app applies only the commands an update returns"]
pub struct Commands(Vec<Command>);

impl Commands {
    /// No command: the update changed only its own state.
    pub fn none() -> Commands {
        Commands(Vec::new())
    }

    /// Adds `command` after those already asked for.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// Adds `more` after those already asked for.
    pub fn extend(&mut self, more: Commands) {
        self.0.extend(more.0);
    }

    /// These commands, then `more`.
    pub fn then(mut self, more: impl Into<Commands>) -> Commands {
        self.extend(more.into());
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The commands, first to apply first.
    pub fn as_slice(&self) -> &[Command] {
        &self.0
    }
}

impl Commands {
    /// Just a word on the status line.
    pub fn say(text: impl Into<String>) -> Commands {
        Command::Say(text.into()).into()
    }
}

impl From<Command> for Commands {
    fn from(c: Command) -> Commands {
        Commands(vec![c])
    }
}

impl<const N: usize> From<[Command; N]> for Commands {
    fn from(cs: [Command; N]) -> Commands {
        Commands(cs.into())
    }
}

impl IntoIterator for Commands {
    type Item = Command;
    type IntoIter = std::vec::IntoIter<Command>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
