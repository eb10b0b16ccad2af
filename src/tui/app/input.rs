//! Raw input to actions, in one place: [`App::handle_event`] takes what the terminal sends
//! (keys, the mouse, resizes, pastes), lets an open prompt take a key first, looks the rest up in
//! the keymap, and hands the action to [`App::update`]. The event loop and the tests both come
//! through here.

use super::*;
use crate::tui::line_edit::Edit;
use crate::tui::panes::{authorities, compare, paragraphs, sections};
use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

impl App {
    /// Raw input, in the one place it becomes an [`Action`]: the event loop and the tests both
    /// come through here. A key goes to an open prompt, else through the keymap; a wheel turn or
    /// a left click over a pane becomes an action on that pane, the item clicked resolved
    /// against the stored layout; over an overlay, an action on the overlay, the column and item
    /// clicked resolved likewise (other mouse events are ignored); a paste goes into the line
    /// editor that is open (`:`, `f`, the search query), without escape sequences or control
    /// characters. Returns whether anything may have changed (the loop redraws then).
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(k) => self.handle_key(k),
            Event::Mouse(m) => match self.mouse_action(m) {
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
        if self.prompt.is_some() {
            self.message = None;
        }
        if self.prompt == Some(prompt::Prompt::Find) {
            compare::find::paste(self, &text);
            return true;
        }
        if let Some(commands) = prompt::paste(self, &text) {
            self.apply_all(commands);
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
        if let Some(commands) = self.intercept_key(key) {
            self.apply_all(commands);
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
    /// to: back where the last jump left from). Returns what the key asked for if it was taken.
    fn intercept_key(&mut self, key: &KeyEvent) -> Option<Commands> {
        if self.prompt.is_some() && key.kind != KeyEventKind::Release {
            // A key at a prompt acts: the last word on the status line goes.
            self.message = None;
        }
        if self.prompt == Some(prompt::Prompt::Find) {
            if key.kind == KeyEventKind::Release {
                return Some(Commands::none());
            }
            return Some(compare::find::key(self, key));
        }
        if let Some(commands) = prompt::handle_key(self, key) {
            return Some(commands);
        }
        match search::handle_key(self, key) {
            Edit::Ignored => {}
            Edit::Moved => return Some(Commands::none()),
            Edit::Changed => {
                self.message = None;
                return Some(Commands::none());
            }
        }
        if self.overlay() == Overlay::Bookmarks
            && self.bookmark_list_fresh
            && self.keymap.action_for(Overlay::None, self.focus, key) == Some(Action::Bookmarks)
            && !self.jumps.is_empty()
        {
            self.bookmark_list_fresh = false;
            self.overlays.clear();
            self.update(Action::JumpToggle);
            return Some(Commands::none());
        }
        self.bookmark_list_fresh = false;
        if self.overlay() == Overlay::None
            && self.keymap.action_for(Overlay::None, self.focus, key) == Some(Action::Bookmarks)
        {
            self.bookmark_list_fresh = true;
        }
        None
    }

    /// The action a mouse event asks for: the wheel and the left button, else nothing. The cell
    /// is resolved against the stored layout: into the open overlay's column and item, else
    /// into the pane under it and the item of it clicked; so no update reads a cell.
    fn mouse_action(&self, m: &MouseEvent) -> Option<Action> {
        let wheel = match m.kind {
            MouseEventKind::ScrollDown => Some(true),
            MouseEventKind::ScrollUp => Some(false),
            MouseEventKind::Down(MouseButton::Left) => None,
            _ => return None,
        };
        if self.overlay() != Overlay::None {
            return Some(match wheel {
                Some(down) => Action::ScrollOverlay(down),
                None => self.overlay_click(m.column, m.row),
            });
        }
        let areas = self.areas();
        let Some((pane, rect)) = areas
            .pane_at(m.column, m.row)
            .and_then(|p| Some((p, areas.pane(p)?)))
        else {
            return Some(Action::MouseElsewhere);
        };
        Some(match wheel {
            Some(down) => Action::ScrollPane(pane, down),
            None => {
                let item = match pane {
                    Pane::Authorities => authorities::item_at(self, rect, m.row),
                    Pane::Sections => sections::item_at(self, rect, m.row),
                    Pane::Paragraphs => paragraphs::item_at(self, rect, m.row),
                };
                Action::ClickPane(pane, item)
            }
        })
    }

    /// A left click on the cell (`column`, `row`) over the open overlay: what of it is there.
    fn overlay_click(&self, column: u16, row: u16) -> Action {
        let (column, item) = match self.overlay() {
            Overlay::Compare if self.compare.picking => (None, compare::picks::item_at(self, row)),
            Overlay::Compare => compare::spot_at(self, column, row),
            _ => (None, None),
        };
        Action::ClickOverlay { column, item }
    }
}
