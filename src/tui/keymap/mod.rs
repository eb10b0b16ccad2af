//! Keys to actions, as data. One table, [`BINDINGS`], says which key does what in which scope by
//! default; [`Keymap`] is that table with the `[keys]` overrides of `config.toml` applied, built
//! once at start and kept in the [`App`](super::app::App). Key lookups
//! ([`Keymap::action_for`]), the footer hints ([`Keymap::hints`]) and the help overlay all read
//! the same `Keymap`, so what the help shows is what the keys do. A test rejects a key bound
//! twice in a scope.
//!
//! Overrides (`down = "n"`) act on the reader, where the Global and pane scopes apply: the action
//! gets the new key instead of its character keys (named keys like arrows stay), and any other
//! binding there gives the key up. Overlays keep their own keys, but follow the overrides of
//! quit, help, back and of the keys that open them. The details are on [`Keymap`].
//!
//! The module is split by concern: [`key`] (a key and how it is written), [`bindings`] (the
//! default table and the scopes), [`overrides`] (the `[keys]` overrides applied to it) and
//! [`hints`] (what the footer, the help and the messages say about keys).

mod bindings;
mod hints;
mod key;
mod overrides;

pub use bindings::{
    action_name, action_named, overlay_scope, pane_scope, rebindable, scopes, Binding, Scope,
    BINDINGS, OPENERS,
};
pub use hints::{keys_label, Hint};
pub use key::Key;

use super::action::Action;
use super::app::{Overlay, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use key::is_text;

/// One line of the effective keymap: a [`Binding`] of [`BINDINGS`] with the keys it has once
/// the `[keys]` overrides are applied (possibly none: another action took its only key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

/// The keymap in effect: [`BINDINGS`] with the `[keys]` overrides of `config.toml` applied.
/// Built once at start ([`Keymap::new`], [`Keymap::from_config`]); [`Keymap::default`] is the
/// table as it stands. Key lookups, footer hints and the help all read this.
///
/// An override `action = "key"`:
/// - In the reader (the Global scope and the pane scopes, which apply together when no overlay
///   is open), the action's bindings get the new key in place of their character keys (`j`,
///   `G`, `Space`, `Ctrl-d`); named keys (arrows, PgUp/PgDn, Home/End, Tab, Enter, Esc) stay, so
///   `down = "n"` moves down with `n` and `↓`, no longer with `j`. Any other reader binding
///   that had the new key loses it (`n` no longer steps to the next search hit).
/// - Quit, help and back are one layer every overlay shares ([`Scope::Overlays`]), under the
///   overlay's own keys; their overrides act there as in the reader. Where an overlay already
///   uses the new key for something else (or it is a character the search takes as text), that
///   overlay keeps the default keys of that binding ([`Keymap::keys_in`]).
/// - The overlays keep their own keys, except the keys that open an overlay ([`OPENERS`]):
///   where an overlay used the opener's default key (to close itself, or to open another), it
///   uses the new key instead (named keys such as `Esc` stay), unless taken there as above.
///
/// Overrides apply in order; given the same key twice, the later wins (`config.toml`'s
/// validation rejects that case, keeping the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&[])
    }
}

impl Keymap {
    /// Every binding, in [`BINDINGS`] order.
    pub fn bindings(&self) -> &[Bound] {
        &self.bindings
    }

    /// The bindings of one scope, in display order.
    pub fn in_scope(&self, scope: Scope) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(move |bd| bd.scope == scope)
    }

    /// Bindings left without any key by the overrides.
    pub fn unbound(&self) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(|bd| bd.keys.is_empty())
    }

    /// The keys `bd` has in `overlay`. A binding every overlay shares ([`Scope::Overlays`])
    /// gives up the keys the overlay takes itself (its own bindings, and the search's text); if
    /// its override key is one of them, it keeps its default keys there instead. The shared
    /// binding of the action that opens an overlay is left out of it: the overlay's own close
    /// key does that there ([`OPENERS`]).
    pub fn keys_in(&self, overlay: Overlay, bd: &Bound) -> Vec<Key> {
        if bd.scope != Scope::Overlays {
            return bd.keys.clone();
        }
        let own = overlay_scope(overlay);
        // The help's own close key follows the help key; the shared one stays out of it.
        if OPENERS.contains(&(own.unwrap_or(Scope::Overlays), bd.action)) {
            return Vec::new();
        }
        let taken = |k: &Key| {
            (overlay == Overlay::Search && is_text(k))
                || own.is_some_and(|s| self.in_scope(s).any(|o| o.keys.contains(k)))
        };
        let defaults: Vec<Key> = BINDINGS
            .iter()
            .filter(|d| d.scope == bd.scope && d.action == bd.action)
            .flat_map(|d| d.keys.iter().copied())
            .collect();
        let keys = if bd.keys.iter().any(|k| taken(k) && !defaults.contains(k)) {
            &defaults
        } else {
            &bd.keys
        };
        keys.iter().copied().filter(|k| !taken(k)).collect()
    }

    /// The action a key press asks for, if any. Key releases are ignored.
    pub fn action_for(&self, overlay: Overlay, focus: Pane, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        let bound = scopes(overlay, focus).into_iter().find_map(|scope| {
            self.in_scope(scope)
                .find(|bd| self.keys_in(overlay, bd).contains(&key))
                .map(|bd| bd.action)
        });
        // In the search, any other printable character is part of the query.
        match (bound, overlay) {
            (None, Overlay::Search) if is_text(&key) => match key.code {
                KeyCode::Char(c) => Some(Action::Type(c)),
                _ => None,
            },
            _ => bound,
        }
    }
}

#[cfg(test)]
mod tests;
