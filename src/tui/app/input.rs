//! Raw input to actions, in one place: [`App::handle_event`] takes what the terminal sends
//! (keys, the mouse, resizes, pastes), lets an open prompt take a key first, looks the rest up in
//! the keymap, and hands the action to [`App::update`]. The event loop and the tests both come
//! through here.

use super::*;
use crossterm::event::{Event, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

impl App {
    /// Raw input, in the one place it becomes an [`Action`]: the event loop and the tests both
    /// come through here. A key goes to an open prompt, else through the keymap; a wheel turn or
    /// a left click becomes a mouse action at its cell (other mouse events are ignored); a
    /// paste goes into the line editor that is open (`:`, `f`, the search query), without
    /// escape sequences or control characters. Returns whether anything may have changed (the loop redraws then).
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(k) => self.handle_key(k),
            Event::Mouse(m) => match mouse_action(m) {
                Some(a) => {
                    self.update(a);
                    true
                }
                None => false,
            },
            Event::Resize(w, h) => {
                self.update(Action::Resize(*w, *h));
                true
            }
            Event::Paste(text) => self.paste(text),
            Event::FocusGained | Event::FocusLost => false,
        }
    }

    /// A paste into the open line editor; ignored (returns false) when none is open, so pasted
    /// text never acts as keys.
    fn paste(&mut self, text: &str) -> bool {
        // Escape sequences and control characters go; line breaks within and tabs become
        // spaces (a copied line often ends in one: that one goes).
        let text = text.trim_end_matches(['\r', '\n']);
        let text: String = crate::text::for_terminal(text)
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        if prompt::paste(self, &text) {
            return true;
        }
        if self.overlay() != Overlay::Search {
            return false;
        }
        for c in text.chars() {
            self.update(Action::Type(c));
        }
        true
    }

    /// Looks a key up in the keymap in effect and acts on it. Returns false for unbound keys.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if self.intercept_key(key) {
            self.apply_commands();
            return true;
        }
        match self.keymap.action_for(self.overlay(), self.focus, key) {
            Some(a) => {
                self.update(a);
                true
            }
            None => false,
        }
    }

    /// Keys taken before the keymap is asked: an open prompt's (which takes them all), and
    /// `''` as in less (the bookmark list's key pressed again at once, with a jump to return
    /// to: back where the last jump left from). Returns whether the key was taken.
    pub fn intercept_key(&mut self, key: &KeyEvent) -> bool {
        if prompt::handle_key(self, key) || search::handle_key(self, key) {
            return true;
        }
        if self.overlay() == Overlay::Bookmarks
            && self.bookmark_list_fresh
            && self.keymap.action_for(Overlay::None, self.focus, key) == Some(Action::Bookmarks)
            && !self.jumps.is_empty()
        {
            self.bookmark_list_fresh = false;
            self.overlays.clear();
            self.update(Action::JumpToggle);
            return true;
        }
        self.bookmark_list_fresh = false;
        if self.overlay() == Overlay::None
            && self.keymap.action_for(Overlay::None, self.focus, key) == Some(Action::Bookmarks)
        {
            self.bookmark_list_fresh = true;
        }
        false
    }

    pub(super) fn mouse(&mut self, action: Action, column: u16, row: u16) {
        let areas = self.areas();
        let Some(pane) = areas.pane_at(column, row) else {
            return;
        };
        let Some(rect) = areas.pane(pane) else { return };
        match action {
            Action::ScrollUp(..) | Action::ScrollDown(..) => {
                let down = matches!(action, Action::ScrollDown(..));
                match pane {
                    Pane::Paragraphs => paragraphs::scroll_lines(self, if down { 3 } else { -3 }),
                    Pane::Authorities | Pane::Sections => {
                        // The list under the wheel moves; the focus stays where it is.
                        let id = if pane == Pane::Authorities {
                            ListId::Councils
                        } else {
                            ListId::Sections
                        };
                        let a = if down { Action::Down } else { Action::Up };
                        for _ in 0..3 {
                            lists::step(self, id, a);
                        }
                    }
                }
            }
            Action::Click(..) => {
                self.focus = pane;
                match pane {
                    Pane::Authorities => authorities::click(self, rect, row),
                    Pane::Sections => sections::click(self, rect, row),
                    Pane::Paragraphs => paragraphs::click(self, rect, row),
                }
            }
            _ => {}
        }
    }
}

/// The action a mouse event asks for: the wheel and the left button, at their cell.
fn mouse_action(m: &MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        _ => None,
    }
}
