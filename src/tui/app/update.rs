//! [`App::update`]: an action goes to the overlay on top, else to the focused pane (or, for the
//! keys every pane shares, to the app itself); what comes back is applied in order.

use super::*;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::{
    authorities, bookmarks, compare, help, matrix, paragraphs, prompt, search, sections,
};

impl App {
    /// Carries out one action: the overlay on top or the focused pane changes its state and
    /// returns [`Commands`] for the rest, which are applied in order once it has returned.
    pub fn update(&mut self, action: Action) {
        let commands = self.dispatch(action);
        self.apply_all(commands);
    }

    /// Hands `action` to whoever has the keys; returns what they asked for.
    fn dispatch(&mut self, action: Action) -> Commands {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                return Commands::none();
            }
            Action::Resize(w, h) => {
                let top = paragraphs::top_anchor(self);
                self.size = (w, h);
                self.lay_out();
                self.relayout();
                paragraphs::restore_top(self, top);
                return Commands::none();
            }
            _ => {}
        }
        // Walked from the reader, and from the comparison and matrix (which bind them).
        if matches!(
            action,
            Action::JumpToggle | Action::JumpBack | Action::JumpForward
        ) {
            self.walk_jumps(action);
            return Commands::none();
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
            Action::ToggleHelp => return Command::PushOverlay(Overlay::Help).into(),
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
            Action::ToggleZoom => {
                let top = paragraphs::top_anchor(self);
                self.zoom = !self.zoom;
                self.relayout();
                paragraphs::restore_top(self, top);
            }
            Action::Copy => self.copy(),
            Action::Search => return search::open(self),
            Action::NextHit => return search::step(self, 1),
            Action::PrevHit => return search::step(self, -1),
            Action::Bookmark => return self.toggle_bookmark(),
            Action::Bookmarks => return bookmarks::open(self),
            Action::Compare => return compare::open(self),
            Action::Pick => return compare::toggle_pick(self),
            Action::Matrix => return Command::PushOverlay(Overlay::Matrix).into(),
            Action::PreviousTheme | Action::NextTheme => {
                return sections::step_theme(self, action == Action::NextTheme)
            }
            Action::ClickPane(pane, item) => {
                self.focus = pane;
                if let Some(item) = item {
                    return match pane {
                        Pane::Authorities => authorities::click(self, item),
                        Pane::Sections => sections::click(self, item),
                        Pane::Paragraphs => paragraphs::click(self, item),
                    };
                }
            }
            Action::ScrollPane(pane, down) => self.scroll_pane(pane, down),
            crate::tui::action::movement!() | Action::Open => {
                return match self.focus {
                    Pane::Authorities => authorities::update(self, action),
                    Pane::Sections => sections::update(self, action),
                    Pane::Paragraphs => paragraphs::update(self, action),
                }
            }
            // Handled above, or only in an overlay; a click or the wheel outside every pane
            // does nothing.
            Action::Quit
            | Action::Resize(..)
            | Action::JumpBack
            | Action::JumpForward
            | Action::JumpToggle
            | Action::Type(_)
            | Action::DeleteBack
            | Action::ClearQuery
            | Action::ToggleSync
            | Action::ToggleExpectations
            | Action::Export
            | Action::ClickOverlay { .. }
            | Action::ScrollOverlay(_)
            | Action::MouseElsewhere => {}
        }
        Commands::none()
    }

    /// The wheel over `pane`: the text scrolls, a list moves its selection three rows (each
    /// step shown before the next); the focus stays.
    fn scroll_pane(&mut self, pane: Pane, down: bool) {
        let id = match pane {
            Pane::Paragraphs => {
                let commands = paragraphs::scroll_lines(self, if down { 3 } else { -3 });
                return self.apply_all(commands);
            }
            Pane::Authorities => ListId::Councils,
            Pane::Sections => ListId::Sections,
        };
        let a = if down { Action::Down } else { Action::Up };
        for _ in 0..3 {
            let commands = lists::step(self, id, a).unwrap_or_default();
            self.apply_all(commands);
        }
    }
}
