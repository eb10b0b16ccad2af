//! What is said about keys: the key of an action as messages and the help name it
//! ([`Keymap::key`], [`Keymap::fill`]), the footer hints ([`Keymap::hints`]) and an overlay's
//! bottom line ([`Keymap::foot`]), all read from the keymap in effect.

use super::{action_name, overlay_scope, scopes, Bound, Keymap, Scope, BINDINGS};
use crate::tui::action::Action;
use crate::tui::app::{Overlay, Pane};

impl Keymap {
    /// The first key of `action` in `scope`, as shown; `None` if it has none there.
    pub fn first_key(&self, scope: Scope, action: Action, ascii: bool) -> Option<String> {
        self.in_scope(scope)
            .find(|bd| bd.action == action)
            .and_then(|bd| bd.keys.first())
            .map(|k| k.label(ascii))
    }

    /// The key that does `action` in the reader, as messages name it (`/`, `n`); `(no key)`
    /// when the overrides left it none.
    pub fn key(&self, action: Action, ascii: bool) -> String {
        self.bindings
            .iter()
            .filter(|bd| bd.scope.is_reader() && bd.action == action)
            .find_map(|bd| bd.keys.first())
            .map(|k| k.label(ascii))
            .unwrap_or_else(|| "(no key)".to_string())
    }

    /// `text` with each `{name}` of a rebindable action ([`action_name`]) replaced by its key in
    /// the reader ([`Keymap::key`]), for help lines and messages that name keys.
    pub fn fill(&self, text: &str, ascii: bool) -> String {
        let mut out = text.to_string();
        for bd in BINDINGS.iter().filter(|bd| bd.scope.is_reader()) {
            if let Some(name) = action_name(bd.action) {
                let slot = format!("{{{name}}}");
                if out.contains(&slot) {
                    out = out.replace(&slot, &self.key(bd.action, ascii));
                }
            }
        }
        out
    }

    /// Heading of a scope in the help: its name, and for an overlay the key that opens it.
    pub fn scope_title(&self, scope: Scope, ascii: bool) -> String {
        let opener = match scope {
            Scope::Search => Action::Search,
            Scope::Bookmarks => Action::Bookmarks,
            Scope::Compare => Action::Compare,
            Scope::Matrix => Action::Matrix,
            _ => return scope.name().to_string(),
        };
        match self.first_key(Scope::Global, opener, ascii) {
            Some(k) => format!("{} ({k})", scope.name()),
            None => scope.name().to_string(),
        }
    }

    /// The first keys of two actions of `scope` as one hint: `j/k`, `h/l`, `[/]`.
    fn pair(&self, scope: Scope, a: Action, b: Action, ascii: bool) -> Option<String> {
        match (
            self.first_key(scope, a, ascii),
            self.first_key(scope, b, ascii),
        ) {
            (Some(a), Some(b)) => Some(format!("{a}/{b}")),
            (a, b) => a.or(b),
        }
    }

    /// Footer hints for the current context, most specific first.
    pub fn hints(&self, overlay: Overlay, focus: Pane, ascii: bool) -> Vec<Hint> {
        use Action as A;
        let mut out = Vec::new();
        for scope in scopes(overlay, focus) {
            for bd in self.in_scope(scope) {
                let Some(text) = bd.hint else { continue };
                let keys = match bd.action {
                    A::Down if scope == Scope::Search => self.pair(scope, A::Up, A::Down, ascii),
                    A::Down => self.pair(scope, A::Down, A::Up, ascii),
                    A::FocusRight => self.pair(scope, A::FocusLeft, A::FocusRight, ascii),
                    A::NextTheme => self.pair(scope, A::PreviousTheme, A::NextTheme, ascii),
                    _ => self.keys_in(overlay, bd).first().map(|k| k.label(ascii)),
                };
                let Some(keys) = keys else { continue };
                out.push(Hint {
                    keys,
                    text,
                    action: bd.action,
                    scope,
                });
            }
        }
        out
    }

    /// The first key of `action` in `overlay`, as shown: the key every overlay shares for it
    /// (`Esc` to close, `q` to quit) if it has one there, else the overlay's own.
    pub fn overlay_key(&self, overlay: Overlay, action: Action, ascii: bool) -> Option<String> {
        let shared = self
            .in_scope(Scope::Overlays)
            .filter(|bd| bd.action == action)
            .find_map(|bd| self.keys_in(overlay, bd).first().copied());
        let own = || {
            overlay_scope(overlay)
                .and_then(|s| self.in_scope(s).find(|bd| bd.action == action))
                .and_then(|bd| bd.keys.first().copied())
        };
        shared.or_else(own).map(|k| k.label(ascii))
    }

    /// What an overlay's bottom line says about a key: `Esc close`, `q quit`, `j/k scroll`.
    pub fn foot(
        &self,
        overlay: Overlay,
        action: Action,
        text: &str,
        ascii: bool,
    ) -> Option<String> {
        let keys = match (action, overlay_scope(overlay)) {
            (Action::Down, Some(scope)) => self.pair(scope, Action::Down, Action::Up, ascii),
            _ => self.overlay_key(overlay, action, ascii),
        };
        keys.map(|k| format!("{k} {text}"))
    }
}

/// One footer hint: the keys as shown, what they do, and the action they ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub text: &'static str,
    pub action: Action,
    /// The scope the binding is in.
    pub scope: Scope,
}

impl Hint {
    /// Whether the footer must keep it however narrow the terminal: how to get help, close an
    /// overlay, search, and quit the reader (in an overlay, closing it comes first).
    pub fn essential(&self) -> bool {
        match self.action {
            Action::Quit => self.scope != Scope::Overlays,
            a => matches!(a, Action::ToggleHelp | Action::Search | Action::Back),
        }
    }
}

/// Keys of a binding as the help shows them: `j, ↓`; `(no key)` when the overrides left none.
pub fn keys_label(bd: &Bound, ascii: bool) -> String {
    if bd.keys.is_empty() {
        return "(no key)".to_string();
    }
    bd.keys
        .iter()
        .map(|k| k.label(ascii))
        .collect::<Vec<_>>()
        .join(", ")
}
