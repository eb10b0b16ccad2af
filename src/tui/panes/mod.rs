//! One module per pane or overlay: each draws itself from the [`App`] and handles the actions
//! that reach it while it has the focus, changing its own state and returning
//! [`Commands`] for anything else (the app applies them). New views are new modules here.

pub mod authorities;
pub mod bookmarks;
pub mod compare;
pub mod help;
pub mod lists;
pub mod matrix;
pub mod paragraphs;
pub mod prompt;
pub mod search;
pub mod sections;
pub mod status;

use super::app::{App, Pane};
use super::command::{Command, Commands};
use crate::text::fit;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// The area a pane has (or would have, once focused) in the stored layout.
pub fn pane_rect(app: &App, pane: Pane) -> Option<Rect> {
    app.areas_for(pane).pane(pane)
}

/// Reads `t` in the panes from an overlay (comparison, matrix): zoom ends, the overlays close,
/// and the jump is recorded so `Ctrl-o` comes back to the overlay as it was.
pub fn read_from_overlay(t: crate::target::Target) -> Commands {
    Commands::from([
        Command::Zoom(false),
        // Opened before the overlays close, so the jump remembers them.
        Command::Open(t),
        Command::CloseOverlays,
        Command::Focus(Pane::Paragraphs),
    ])
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Block::bordered().inner(r)
}

/// A pane's frame with its title; the focused pane's border and title stand out.
pub fn block<'a>(app: &App, title: &str, area: Rect, focused: bool) -> Block<'a> {
    let t = &app.palette;
    let room = usize::from(area.width).saturating_sub(4);
    let title = fit::truncate(title, room, t.symbols.ellipsis);
    let (bs, ts) = if focused {
        (t.border_focused, t.title_focused)
    } else {
        (t.border, t.title)
    };
    let mut b = Block::bordered()
        .border_set(t.symbols.border)
        .border_style(bs);
    if !title.is_empty() {
        b = b.title(Line::from(Span::styled(format!(" {title} "), ts)));
    }
    b
}
