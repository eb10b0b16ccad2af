//! What a pane's update asks of the [`App`](super::app::App) beyond its own state. A pane
//! changes its own state (its selection, scroll, query) and leaves a [`Command`] for anything
//! else: a jump, an overlay to open or close, the focus, a copy, a file. The app applies them
//! in order once the pane's update has returned ([`App::update`](super::app::App::update)), so
//! no update calls back up into the app, and the commands an action leads to can be read in one
//! list.

use super::app::{Overlay, Pane};
use crate::target::Target;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Jump to a deep link, recording where it left from in the jump list.
    Open(Target),
    /// [`Command::Open`], then say where it went and which key comes back (the go-to prompt).
    GoTo(Target),
    /// Open an overlay over what is shown.
    PushOverlay(Overlay),
    /// Close the overlay on top, back to the one under it.
    PopOverlay,
    /// Close every overlay: back to the panes.
    CloseOverlays,
    /// Give a pane the focus.
    Focus(Pane),
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
}
