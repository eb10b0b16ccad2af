//! One module per pane or overlay: each draws itself from the [`App`] and handles the actions
//! that reach it while it has the focus. New views (search, compare) are new modules here.

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
use super::layout::{self, LayoutInput};
use crate::text::fit;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// The area a pane has (or would have, once focused) at the app's current size.
pub fn pane_rect(app: &App, pane: Pane) -> Option<Rect> {
    let (w, h) = app.size;
    let areas = layout::compute(
        Rect::new(0, 0, w, h),
        LayoutInput {
            focus: pane,
            ..app.layout_input()
        },
    );
    areas.pane(pane)
}

/// Reads `t` in the panes from an overlay (comparison, matrix): the overlays close, zoom ends,
/// and the jump is recorded so `Ctrl-o` comes back.
pub fn read_from_overlay(app: &mut App, t: crate::target::Target) {
    app.close_overlays();
    app.zoom = false;
    app.open_target(t);
    app.focus = Pane::Paragraphs;
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
