//! The explorer's saved state as keys change it: a bookmark toggled, the prompts' histories
//! kept. Private to the app: a pane asks with [`Command::ToggleBookmark`] and
//! [`Command::SaveHistories`]; the event loop writes the state ([`Effect::SaveState`]).

use super::*;
use crate::tui::panes::bookmarks;

impl App {
    /// Keeps the prompts' histories with the state and asks for it to be written at once (a
    /// query was just added), so a dropped connection loses none.
    pub(super) fn keep_histories(&mut self) -> Commands {
        let h = session::histories(self);
        let Some(state) = self.state.as_mut() else {
            return Commands::none();
        };
        state.set_histories(h);
        Command::SaveState.into()
    }

    /// `d` in the bookmark list: removes bookmark `i` (in the state's order); the list then
    /// selects the next ([`bookmarks::removed`]).
    pub(super) fn remove_bookmark(&mut self, i: usize) -> Commands {
        let Some(state) = self.state.as_mut() else {
            return Commands::none();
        };
        let Some(b) = state.bookmarks().get(i).cloned() else {
            return Commands::none();
        };
        state.remove_bookmark(&b.report, &b.paragraph);
        Commands::from(Command::SaveState).then(bookmarks::removed(self, i))
    }

    /// `m` in the reader: bookmarks the selected paragraph, or removes its bookmark.
    pub(super) fn toggle_bookmark(&mut self) -> Commands {
        let (Some(_), Some(p)) = (self.report(), self.paragraph()) else {
            return Commands::say(self.keymap.fill(
                "Select a paragraph to bookmark it ({focus_next} to the text pane)",
                self.palette.symbols.ascii,
            ));
        };
        let id = p.id.clone();
        self.toggle_bookmark_at(self.authorities.selected, &id)
    }

    /// Bookmarks paragraph `id` of report `ri` (`m` in the reader and in the comparison), or
    /// removes its bookmark, and says which; the state is then written.
    pub(super) fn toggle_bookmark_at(&mut self, ri: usize, id: &str) -> Commands {
        let Some(r) = self.corpus.reports.get(ri) else {
            return Commands::none();
        };
        let (report, id) = (r.id.clone(), id.to_string());
        let label = r.citation(&id);
        let list_key = self
            .keymap
            .key(Action::Bookmarks, self.palette.symbols.ascii);
        let short = crate::text::for_terminal(&r.authority.short).into_owned();
        let Some(state) = self.state.as_mut() else {
            return Commands::say("Bookmarks are off: ciw found no folder to keep them in");
        };
        let on = state.toggle_bookmark(&report, &id, &label);
        let id = crate::text::for_terminal(&id);
        let say = if on {
            format!("Bookmarked {short} {id} ({list_key} lists bookmarks)")
        } else {
            format!("Removed the bookmark on {short} {id}")
        };
        Commands::from([Command::SaveState, Command::Say(say)])
    }
}
