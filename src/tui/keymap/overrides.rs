//! `config.toml`'s `[keys]` applied to the default table: [`Keymap::new`] and
//! [`Keymap::from_config`] (what an override does is told on [`Keymap`]).

use super::key::{is_character, is_text};
use super::{action_named, Bound, Key, Keymap, Scope, BINDINGS, OPENERS};
use crate::settings::KeyOverride;
use crate::tui::action::Action;

/// The actions of the keys every overlay shares ([`Scope::Overlays`]), which follow their
/// overrides there as in the reader.
const SHARED: [Action; 3] = [Action::Quit, Action::ToggleHelp, Action::Back];

/// Puts `key` in the place of the first of the keys `gone` says must go (after removing them
/// all), or at the end if none went; never twice.
fn replace_keys(keys: &mut Vec<Key>, gone: impl Fn(&Key) -> bool, key: Key) {
    let at = keys.iter().position(&gone);
    keys.retain(|k| !gone(k));
    if keys.contains(&key) {
        return;
    }
    match at {
        Some(i) => keys.insert(i.min(keys.len()), key),
        None => keys.push(key),
    }
}

impl Keymap {
    /// [`BINDINGS`] with `overrides` applied in order (see [`Keymap`] for what one does).
    pub fn new(overrides: &[(Action, Key)]) -> Keymap {
        let mut bindings: Vec<Bound> = BINDINGS
            .iter()
            .map(|bd| Bound {
                scope: bd.scope,
                keys: bd.keys.to_vec(),
                action: bd.action,
                help: bd.help,
                hint: bd.hint,
            })
            .collect();
        for &(action, key) in overrides {
            for bd in bindings.iter_mut().filter(|bd| bd.scope.is_reader()) {
                if bd.action == action {
                    replace_keys(&mut bd.keys, is_character, key);
                } else {
                    bd.keys.retain(|k| *k != key);
                }
            }
            if SHARED.contains(&action) {
                for bd in bindings.iter_mut().filter(|bd| bd.scope == Scope::Overlays) {
                    if bd.action == action {
                        replace_keys(&mut bd.keys, is_character, key);
                    } else {
                        bd.keys.retain(|k| *k != key);
                    }
                }
            }
            // The key that opens an overlay closes it, and opens it from another overlay.
            if !OPENERS.iter().any(|(_, a)| *a == action) {
                continue;
            }
            let defaults: Vec<Key> = BINDINGS
                .iter()
                .filter(|bd| bd.scope == Scope::Global && bd.action == action)
                .flat_map(|bd| bd.keys.iter().copied())
                .collect();
            let overlays = Scope::ALL
                .into_iter()
                .filter(|s| !s.is_reader() && *s != Scope::Overlays);
            for scope in overlays {
                let in_scope = |bd: &&mut Bound| bd.scope == scope;
                let uses_default = |bd: &Bound| bd.keys.iter().any(|k| defaults.contains(k));
                let taken = bindings
                    .iter()
                    .filter(|bd| bd.scope == scope && !uses_default(bd))
                    .any(|bd| bd.keys.contains(&key));
                if taken || (scope == Scope::Search && is_text(&key)) {
                    continue;
                }
                for bd in bindings.iter_mut().filter(in_scope) {
                    if uses_default(bd) {
                        let gone = |k: &Key| is_character(k) && defaults.contains(k);
                        replace_keys(&mut bd.keys, gone, key);
                    }
                }
            }
        }
        Keymap { bindings }
    }

    /// The keymap with `config.toml`'s overrides (already validated: known actions, one key
    /// each) applied.
    pub fn from_config(keys: &[KeyOverride]) -> Keymap {
        let overrides: Vec<(Action, Key)> = keys
            .iter()
            .filter_map(|o| action_named(&o.action).map(|a| (a, Key::from(o.key))))
            .collect();
        Keymap::new(&overrides)
    }
}
