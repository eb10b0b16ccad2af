//! The keymap's tests: lookups, hints, and what each kind of override does.

use super::*;
use crate::settings::KeySpec;
use crossterm::event::KeyCode as K;
use crossterm::event::KeyModifiers;
use std::collections::HashSet;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

const NONE: KeyModifiers = KeyModifiers::NONE;

/// The keymap with `action = "key"` overrides, keys as `config.toml` writes them.
fn with(overrides: &[(&str, &str)]) -> Keymap {
    let o: Vec<(Action, Key)> = overrides
        .iter()
        .map(|(a, k)| {
            let kb: KeySpec = k.parse().expect("a key");
            (action_named(a).expect("an action"), Key::from(kb))
        })
        .collect();
    Keymap::new(&o)
}

/// What `code` (with `mods`) does in the reader with `focus`, or in `overlay`.
fn does(km: &Keymap, overlay: Overlay, focus: Pane, code: KeyCode) -> Option<Action> {
    km.action_for(overlay, focus, &press(code, NONE))
}

fn in_reader(km: &Keymap, code: KeyCode, mods: KeyModifiers) -> Vec<Option<Action>> {
    Pane::ALL
        .iter()
        .map(|p| km.action_for(Overlay::None, *p, &press(code, mods)))
        .collect()
}

fn label(km: &Keymap, scope: Scope, action: Action) -> String {
    let bd = km
        .in_scope(scope)
        .find(|bd| bd.action == action)
        .expect("bound");
    keys_label(bd, false)
}

fn no_key_twice(km: &Keymap) -> Result<(), String> {
    for scope in Scope::ALL {
        let mut seen = HashSet::new();
        for bd in km.in_scope(scope) {
            for k in &bd.keys {
                if !seen.insert(*k) {
                    return Err(format!("{k:?} bound twice in {scope:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn no_key_is_bound_twice_in_a_scope() {
    no_key_twice(&Keymap::default()).unwrap();
}

/// Every overlay.
const OVERLAYS: [Overlay; 5] = [
    Overlay::Help,
    Overlay::Search,
    Overlay::Bookmarks,
    Overlay::Compare,
    Overlay::Matrix,
];

#[test]
fn every_scope_can_quit_or_close() {
    // The reader has its quit; every overlay shares one, and Esc to close.
    for scope in [Scope::Global, Scope::Overlays] {
        assert!(BINDINGS
            .iter()
            .any(|bd| bd.scope == scope && bd.action == Action::Quit));
    }
    let km = Keymap::default();
    let esc = press(K::Esc, NONE);
    let ctrl_c = press(K::Char('c'), KeyModifiers::CONTROL);
    for o in OVERLAYS {
        assert_eq!(
            km.action_for(o, Pane::Sections, &esc),
            Some(Action::Back),
            "{o:?}"
        );
        assert_eq!(
            km.action_for(o, Pane::Sections, &ctrl_c),
            Some(Action::Quit),
            "{o:?}"
        );
    }
}

#[test]
fn lookups() {
    let km = Keymap::default();
    let n = NONE;
    let a = |o, p, c, m| km.action_for(o, p, &press(c, m));
    assert_eq!(
        a(Overlay::None, Pane::Sections, K::Char('j'), n),
        Some(Action::Down)
    );
    assert_eq!(
        a(
            Overlay::None,
            Pane::Sections,
            K::Char('G'),
            KeyModifiers::SHIFT
        ),
        Some(Action::Bottom)
    );
    assert_eq!(
        a(
            Overlay::None,
            Pane::Sections,
            K::BackTab,
            KeyModifiers::SHIFT
        ),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        a(
            Overlay::None,
            Pane::Paragraphs,
            K::Char('d'),
            KeyModifiers::CONTROL
        ),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        a(
            Overlay::None,
            Pane::Paragraphs,
            K::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT
        ),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        a(Overlay::None, Pane::Authorities, K::Enter, n),
        Some(Action::Open)
    );
    assert_eq!(a(Overlay::Help, Pane::Authorities, K::Char('y'), n), None);
    assert_eq!(
        a(Overlay::Help, Pane::Authorities, K::Esc, n),
        Some(Action::Back)
    );
    assert_eq!(a(Overlay::None, Pane::Authorities, K::Char('x'), n), None);
    assert_eq!(
        a(Overlay::Search, Pane::Authorities, K::Char('q'), n),
        Some(Action::Type('q'))
    );
    let mut release = press(K::Char('q'), n);
    release.kind = KeyEventKind::Release;
    assert_eq!(
        km.action_for(Overlay::None, Pane::Authorities, &release),
        None
    );
}

#[test]
fn hints_come_from_the_table() {
    let h = Keymap::default().hints(Overlay::None, Pane::Sections, false);
    assert_eq!((h[0].keys.as_str(), h[0].text), ("Enter", "fold/read"));
    assert!(h
        .iter()
        .any(|h| h.keys == "j/k" && h.text == "move" && !h.essential()));
    assert!(h
        .iter()
        .any(|h| h.keys == "y" && h.text == "copy" && !h.essential()));
    assert!(h
        .iter()
        .any(|h| h.keys == "q" && h.text == "quit" && h.essential()));
    assert!(h
        .iter()
        .any(|h| h.keys == "/" && h.text == "search" && h.essential()));
    let h = Keymap::default().hints(Overlay::Search, Pane::Sections, true);
    assert!(h
        .iter()
        .any(|h| h.keys == "Ctrl-p/Ctrl-n" && h.text == "select"));
    let h = Keymap::default().hints(Overlay::Compare, Pane::Sections, false);
    assert!(h.iter().any(|h| h.keys == "h/l" && h.text == "council"));
    assert!(h.iter().any(|h| h.keys == "[/]" && h.text == "theme"));
    assert_eq!(Key::ctrl('d').label(false), "Ctrl-d");
}

#[test]
fn rebindable_actions_are_the_readers_named_ones() {
    let names = rebindable();
    for name in [
        "down", "quit", "help", "back", "open", "pick", "compare", "next_hit",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // Overlay-only actions are not rebindable.
    assert_eq!(action_named("toggle_sync"), None);
    assert!(names.iter().all(|n| action_named(n).is_some()));
}

#[test]
fn an_override_replaces_the_letter_and_keeps_the_arrow() {
    let km = with(&[("down", "n")]);
    assert_eq!(
        in_reader(&km, K::Char('n'), NONE),
        [Some(Action::Down); 3],
        "n moves down in every pane"
    );
    assert_eq!(in_reader(&km, K::Char('j'), NONE), [None; 3]);
    assert_eq!(in_reader(&km, K::Down, NONE), [Some(Action::Down); 3]);
    // The rest of the reader is untouched.
    assert_eq!(in_reader(&km, K::Char('k'), NONE), [Some(Action::Up); 3]);
    // The overlays keep their own j.
    for o in [
        Overlay::Help,
        Overlay::Bookmarks,
        Overlay::Compare,
        Overlay::Matrix,
    ] {
        assert_eq!(
            does(&km, o, Pane::Sections, K::Char('j')),
            Some(Action::Down)
        );
    }
    assert_eq!(
        does(&km, Overlay::Search, Pane::Sections, K::Char('n')),
        Some(Action::Type('n'))
    );
    no_key_twice(&km).unwrap();
}

#[test]
fn a_key_taken_from_another_action_moves() {
    // `n` was next_hit's only key: it moves to `down` and next_hit is left without one.
    let km = with(&[("down", "n")]);
    let unbound: Vec<(Scope, Action)> = km.unbound().map(|b| (b.scope, b.action)).collect();
    assert_eq!(unbound, [(Scope::Global, Action::NextHit)]);
    assert_eq!(label(&km, Scope::Global, Action::NextHit), "(no key)");
    // Giving next_hit another key fills the gap.
    let km = with(&[("down", "n"), ("next_hit", "j")]);
    assert_eq!(km.unbound().count(), 0);
    assert_eq!(
        in_reader(&km, K::Char('j'), NONE),
        [Some(Action::NextHit); 3]
    );
    // A pane's own binding gives the key up too, so the override works in every pane:
    // Space picks councils in the reports pane and folds sections by default.
    let km = with(&[("zoom", "space")]);
    assert_eq!(
        in_reader(&km, K::Char(' '), NONE),
        [Some(Action::ToggleZoom); 3]
    );
    assert_eq!(label(&km, Scope::Sections, Action::Open), "Enter");
    assert_eq!(label(&km, Scope::Authorities, Action::Pick), "(no key)");
    // A named key moves the same way: Tab leaves focus_next with nothing.
    let km = with(&[("copy", "tab")]);
    assert_eq!(in_reader(&km, K::Tab, NONE), [Some(Action::Copy); 3]);
    assert_eq!(in_reader(&km, K::Char('y'), NONE), [None; 3]);
    assert_eq!(label(&km, Scope::Global, Action::FocusNext), "(no key)");
}

#[test]
fn swapped_keys_work_in_either_order() {
    for pair in [
        [("quit", "/"), ("search", "q")],
        [("search", "q"), ("quit", "/")],
    ] {
        let km = with(&pair);
        assert_eq!(in_reader(&km, K::Char('/'), NONE), [Some(Action::Quit); 3]);
        assert_eq!(
            in_reader(&km, K::Char('q'), NONE),
            [Some(Action::Search); 3]
        );
        assert_eq!(km.unbound().count(), 0);
        no_key_twice(&km).unwrap();
    }
}

#[test]
fn the_new_key_shows_in_hints_help_and_messages() {
    let km = with(&[("down", "n"), ("quit", "ctrl-q"), ("bookmarks", "b")]);
    let h = km.hints(Overlay::None, Pane::Paragraphs, false);
    assert!(
        h.iter().any(|h| h.keys == "n/k" && h.text == "move"),
        "{h:?}"
    );
    assert!(h
        .iter()
        .any(|h| h.keys == "Ctrl-q" && h.text == "quit" && h.essential()));
    assert_eq!(label(&km, Scope::Global, Action::Down), "n, ↓");
    assert_eq!(label(&km, Scope::Global, Action::Quit), "Ctrl-q");
    assert_eq!(label(&km, Scope::Overlays, Action::Quit), "Ctrl-q");
    assert_eq!(km.scope_title(Scope::Bookmarks, false), "Bookmarks (b)");
    assert_eq!(km.scope_title(Scope::Search, false), "Search (/)");
    assert_eq!(
        km.fill("{bookmarks} lists, {next_hit}/{prev_hit} step", false),
        "b lists, (no key)/N step"
    );
    assert_eq!(
        km.foot(Overlay::Help, Action::Quit, "quit", false)
            .as_deref(),
        Some("Ctrl-q quit")
    );
    let d = Keymap::default();
    assert_eq!(d.scope_title(Scope::Bookmarks, false), "Bookmarks (')");
    assert_eq!(d.key(Action::Search, false), "/");
}

#[test]
fn overlays_follow_quit_help_and_back() {
    let km = with(&[("quit", "ctrl-q"), ("help", "H"), ("back", "x")]);
    let ctrl_q = press(K::Char('q'), KeyModifiers::CONTROL);
    let ctrl_c = press(K::Char('c'), KeyModifiers::CONTROL);
    for o in [
        Overlay::None,
        Overlay::Help,
        Overlay::Search,
        Overlay::Bookmarks,
        Overlay::Compare,
        Overlay::Matrix,
    ] {
        let p = Pane::Paragraphs;
        assert_eq!(km.action_for(o, p, &ctrl_q), Some(Action::Quit), "{o:?}");
        assert_eq!(km.action_for(o, p, &ctrl_c), None, "{o:?}");
        assert_eq!(does(&km, o, p, K::Esc), Some(Action::Back), "{o:?}");
        let q = does(&km, o, p, K::Char('q'));
        assert!(q.is_none() || q == Some(Action::Type('q')), "{o:?}: {q:?}");
    }
    let s = Pane::Sections;
    // The help key opens and closes the help, and opens it from the comparison.
    assert_eq!(
        does(&km, Overlay::None, s, K::Char('H')),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        does(&km, Overlay::Help, s, K::Char('H')),
        Some(Action::Back)
    );
    assert_eq!(does(&km, Overlay::Help, s, K::Char('?')), None);
    assert_eq!(
        does(&km, Overlay::Compare, s, K::Char('H')),
        Some(Action::ToggleHelp)
    );
    // Back's new key closes every overlay but the search, where it is text.
    for o in [
        Overlay::Help,
        Overlay::Bookmarks,
        Overlay::Compare,
        Overlay::Matrix,
    ] {
        assert_eq!(does(&km, o, s, K::Char('x')), Some(Action::Back), "{o:?}");
    }
    assert_eq!(
        does(&km, Overlay::Search, s, K::Char('x')),
        Some(Action::Type('x'))
    );
    // The help's own close key is the help key; Esc and back's key are every overlay's.
    assert_eq!(label(&km, Scope::Help, Action::Back), "H");
    assert_eq!(label(&km, Scope::Overlays, Action::Back), "Esc, x");
    no_key_twice(&km).unwrap();
}

#[test]
fn the_key_that_opens_an_overlay_closes_it() {
    let km = with(&[("compare", "C"), ("matrix", "X"), ("bookmarks", "b")]);
    let s = Pane::Sections;
    assert_eq!(
        does(&km, Overlay::None, s, K::Char('C')),
        Some(Action::Compare)
    );
    assert_eq!(
        does(&km, Overlay::Compare, s, K::Char('C')),
        Some(Action::Back)
    );
    assert_eq!(does(&km, Overlay::Compare, s, K::Char('c')), None);
    assert_eq!(
        does(&km, Overlay::Compare, s, K::Char('X')),
        Some(Action::Matrix)
    );
    assert_eq!(
        does(&km, Overlay::Matrix, s, K::Char('X')),
        Some(Action::Back)
    );
    assert_eq!(does(&km, Overlay::Matrix, s, K::Char('M')), None);
    assert_eq!(
        does(&km, Overlay::Bookmarks, s, K::Char('b')),
        Some(Action::Back)
    );
    assert_eq!(does(&km, Overlay::Bookmarks, s, K::Char('\'')), None);
    // The reports pane names the new compare key.
    assert_eq!(
        km.fill(
            "pick or unpick the council for {compare} (none: all)",
            false
        ),
        "pick or unpick the council for C (none: all)"
    );
}

#[test]
fn an_overlay_keeps_a_key_it_already_uses() {
    // `j` scrolls in the overlays, so there `?` stays the help key and `q` stays quit.
    let km = with(&[("help", "j"), ("quit", "k")]);
    let s = Pane::Sections;
    assert_eq!(
        does(&km, Overlay::None, s, K::Char('j')),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        does(&km, Overlay::None, s, K::Char('k')),
        Some(Action::Quit)
    );
    assert_eq!(
        does(&km, Overlay::Compare, s, K::Char('j')),
        Some(Action::Down)
    );
    assert_eq!(
        does(&km, Overlay::Compare, s, K::Char('?')),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        does(&km, Overlay::Help, s, K::Char('?')),
        Some(Action::Back)
    );
    assert_eq!(
        does(&km, Overlay::Help, s, K::Char('q')),
        Some(Action::Quit)
    );
    assert_eq!(does(&km, Overlay::Help, s, K::Char('k')), Some(Action::Up));
    // In the search a letter is text, and Backspace deletes whatever back is bound to.
    let km = with(&[("quit", "Q"), ("back", "backspace")]);
    assert_eq!(
        does(&km, Overlay::Search, s, K::Char('Q')),
        Some(Action::Type('Q'))
    );
    assert_eq!(
        km.action_for(
            Overlay::Search,
            s,
            &press(K::Char('c'), KeyModifiers::CONTROL)
        ),
        Some(Action::Quit)
    );
    assert_eq!(
        does(&km, Overlay::Search, s, K::Backspace),
        Some(Action::DeleteBack)
    );
    assert_eq!(
        does(&km, Overlay::Help, s, K::Backspace),
        Some(Action::Back)
    );
}

#[test]
fn any_single_override_takes_its_key_everywhere_in_the_reader() {
    let keys = [
        "n",
        "j",
        "q",
        "?",
        "c",
        "x",
        "G",
        "space",
        "enter",
        "esc",
        "tab",
        "shift-tab",
        "backspace",
        "pgdn",
        "ctrl-c",
        "ctrl-u",
        "alt-x",
        "f5",
        "/",
    ];
    for name in rebindable() {
        let action = action_named(name).unwrap();
        for k in keys {
            let key = Key::from(k.parse::<KeySpec>().unwrap());
            let km = Keymap::new(&[(action, key)]);
            no_key_twice(&km).unwrap_or_else(|e| panic!("{name} = {k}: {e}"));
            let ev = KeyEvent::new(key.code, key.mods);
            // In every pane where the action applies (`pick` is the reports pane's only).
            for p in Pane::ALL {
                let applies = [pane_scope(p), Scope::Global]
                    .into_iter()
                    .any(|s| km.in_scope(s).any(|bd| bd.action == action));
                assert_eq!(
                    km.action_for(Overlay::None, p, &ev),
                    applies.then_some(action),
                    "{name} = {k:?} in {p:?}"
                );
            }
            // The search still takes every letter it does not bind as text.
            for c in ['a', 'q', 'n', 'N', '?', '/', ' ', 'x', 'G', 'j'] {
                assert_eq!(
                    km.action_for(Overlay::Search, Pane::Sections, &press(K::Char(c), NONE)),
                    Some(Action::Type(c)),
                    "{name} = {k:?}: typing {c:?}"
                );
            }
            // Every overlay can still be closed or quit.
            for o in OVERLAYS {
                let out = scopes(o, Pane::Sections).into_iter().any(|s| {
                    km.in_scope(s).any(|bd| {
                        matches!(bd.action, Action::Back | Action::Quit)
                            && !km.keys_in(o, bd).is_empty()
                    })
                });
                assert!(out, "{name} = {k:?}: no way out of {o:?}");
            }
        }
    }
}

#[test]
fn every_key_the_help_shows_can_be_written_in_config_toml() {
    // Round trip: a key's ASCII label, read as `config.toml` reads keys, is that key.
    for bd in BINDINGS {
        for k in bd.keys {
            let written = k.label(true);
            let read: KeySpec = written
                .parse()
                .unwrap_or_else(|e| panic!("{written:?} does not parse: {e}"));
            assert_eq!(Key::from(read), *k, "{written:?}");
            assert_eq!(Key::from(read.to_string().parse::<KeySpec>().unwrap()), *k);
        }
    }
}

#[test]
fn config_keys_are_normalised_like_key_events() {
    let k = |s: &str| Key::from(s.parse::<KeySpec>().unwrap());
    assert_eq!(k("ctrl-D"), Key::ctrl('d'));
    assert_eq!(k("G"), Key::ch('G'));
    assert_eq!(k("shift-g"), Key::ch('G'));
    assert_eq!(k("shift-tab"), Key::plain(K::BackTab));
    assert_eq!(k("alt-x").label(false), "Alt-x");
    assert_eq!(k("shift-up").label(true), "Shift-Up");
    // What a terminal sends for them is what they bind.
    let km = with(&[("down", "ctrl-D"), ("up", "shift-K")]);
    let ev = press(K::Char('D'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
    assert_eq!(
        km.action_for(Overlay::None, Pane::Sections, &ev),
        Some(Action::Down)
    );
    let ev = press(K::Char('K'), KeyModifiers::SHIFT);
    assert_eq!(
        km.action_for(Overlay::None, Pane::Sections, &ev),
        Some(Action::Up)
    );
}
