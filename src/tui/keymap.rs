//! Keys to actions, as data. One table, [`BINDINGS`], says which key does what in which scope;
//! [`action_for`] looks keys up, the help overlay lists the table and the footer hints are
//! built from it, so the three can never disagree. A test rejects a key bound twice in a scope.

use super::action::Action;
use super::app::{Overlay, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every pane, when no overlay is open.
    Global,
    /// Only when the authorities pane has the focus (takes precedence over Global).
    Authorities,
    /// Only when the section tree has the focus.
    Sections,
    /// Only when the paragraph view has the focus.
    Paragraphs,
    /// While the help overlay is open (nothing else applies).
    Help,
    /// While the search overlay is open: other characters go into the query.
    Search,
    /// While the bookmark list is open.
    Bookmarks,
    /// While the comparison is open (nothing else applies).
    Compare,
    /// While the councils × themes matrix is open (nothing else applies).
    Matrix,
}

impl Scope {
    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Authorities => "Reports pane",
            Scope::Sections => "Sections pane",
            Scope::Paragraphs => "Text pane",
            Scope::Help => "This help",
            Scope::Search => "Search (/)",
            Scope::Bookmarks => "Bookmarks (')",
            Scope::Compare => "Comparison (c)",
            Scope::Matrix => "Matrix (M)",
        }
    }

    /// All scopes in the order the help overlay lists them.
    pub const ALL: [Scope; 9] = [
        Scope::Global,
        Scope::Authorities,
        Scope::Sections,
        Scope::Paragraphs,
        Scope::Search,
        Scope::Bookmarks,
        Scope::Compare,
        Scope::Matrix,
        Scope::Help,
    ];
}

/// A key with its modifiers. `Shift` is implied by upper-case characters and `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key as the help shows it: `j`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
    pub fn label(&self, ascii: bool) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => if ascii { "Up" } else { "↑" }.into(),
            KeyCode::Down => if ascii { "Down" } else { "↓" }.into(),
            KeyCode::Left => if ascii { "Left" } else { "←" }.into(),
            KeyCode::Right => if ascii { "Right" } else { "→" }.into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    /// Normalises a key event: Shift is dropped from characters and BackTab (the character
    /// already says it), other modifiers except Control and Alt are ignored.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= ev.modifiers & KeyModifiers::SHIFT;
        }
        let code = match ev.code {
            // Ctrl with an upper-case letter arrives as such from some terminals.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Key { code, mods }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help overlay says.
    pub help: &'static str,
    /// The short footer hint, for the bindings worth a hint.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        hint,
    }
}

use KeyCode as K;
use Scope as S;

/// The keymap. Order matters only for display.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(S::Global, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "move down", Some("move")),
    b(S::Global, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "move up", None),
    b(S::Global, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "go to the first item", None),
    b(S::Global, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "go to the last item", None),
    b(S::Global, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down", None),
    b(S::Global, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up", None),
    b(S::Global, &[Key::plain(K::PageDown)], Action::PageDown, "a page down", None),
    b(S::Global, &[Key::plain(K::PageUp)], Action::PageUp, "a page up", None),
    b(S::Global, &[Key::plain(K::Tab)], Action::FocusNext, "next pane", Some("pane")),
    b(S::Global, &[Key::plain(K::BackTab)], Action::FocusPrev, "previous pane", None),
    b(S::Global, &[Key::ch('h'), Key::plain(K::Left)], Action::FocusLeft, "pane to the left", None),
    b(S::Global, &[Key::ch('l'), Key::plain(K::Right)], Action::FocusRight, "pane to the right", None),
    b(S::Global, &[Key::ch('y')], Action::Copy, "copy the paragraph with its citation (OSC 52)", Some("copy")),
    b(S::Global, &[Key::ch('c')], Action::Compare, "compare this section across councils", Some("compare")),
    b(S::Global, &[Key::ch('M')], Action::Matrix, "councils × themes matrix", None),
    b(S::Global, &[Key::ch('z')], Action::ToggleZoom, "zoom the pane to the whole screen, or back", Some("zoom")),
    b(S::Global, &[Key::ch('/')], Action::Search, "search every report (typos allowed)", Some("search")),
    b(S::Global, &[Key::ch('?')], Action::ToggleHelp, "this help", Some("help")),
    b(S::Global, &[Key::plain(K::Esc)], Action::Back, "close the overlay or leave zoom", None),
    b(S::Global, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", Some("quit")),
    b(S::Authorities, &[Key::plain(K::Enter)], Action::Open, "open the report's sections", Some("open")),
    b(S::Authorities, &[Key::ch(' ')], Action::Pick, "pick or unpick the council for c (none: all)", None),
    b(S::Sections, &[Key::plain(K::Enter), Key::ch(' ')], Action::Open, "expand or collapse subsections; read a subsection", Some("fold/read")),
    b(S::Paragraphs, &[Key::plain(K::Enter)], Action::Open, "unfold or fold \"What we expect to see\"", Some("expectations")),
    b(S::Compare, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next paragraph (scrolls through long ones)", Some("move")),
    b(S::Compare, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous paragraph", None),
    b(S::Compare, &[Key::ch('h'), Key::plain(K::Left), Key::plain(K::BackTab)], Action::FocusLeft, "council to the left (scrolls sideways)", None),
    b(S::Compare, &[Key::ch('l'), Key::plain(K::Right), Key::plain(K::Tab)], Action::FocusRight, "council to the right (scrolls sideways)", Some("council")),
    b(S::Compare, &[Key::ch(']')], Action::NextTheme, "next theme", Some("theme")),
    b(S::Compare, &[Key::ch('[')], Action::PreviousTheme, "previous theme", None),
    b(S::Compare, &[Key::ch('s')], Action::ToggleSync, "scroll together by subsection, or each column alone", Some("sync")),
    b(S::Compare, &[Key::plain(K::Enter)], Action::Open, "open the paragraph in the reader", Some("read")),
    b(S::Compare, &[Key::ch('e')], Action::ToggleExpectations, "unfold or fold \"What we expect to see\"", None),
    b(S::Compare, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "top", None),
    b(S::Compare, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "bottom", None),
    b(S::Compare, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down", None),
    b(S::Compare, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up", None),
    b(S::Compare, &[Key::plain(K::PageDown)], Action::PageDown, "a page down", None),
    b(S::Compare, &[Key::plain(K::PageUp)], Action::PageUp, "a page up", None),
    b(S::Compare, &[Key::ch('M')], Action::Matrix, "councils × themes matrix", None),
    b(S::Compare, &[Key::ch('?')], Action::ToggleHelp, "help", None),
    b(S::Compare, &[Key::plain(K::Esc), Key::ch('c')], Action::Back, "close the comparison", Some("close")),
    b(S::Compare, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", None),
    b(S::Matrix, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "scroll down", Some("scroll")),
    b(S::Matrix, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "scroll up", None),
    b(S::Matrix, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "top", None),
    b(S::Matrix, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "bottom", None),
    b(S::Matrix, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(S::Matrix, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(S::Matrix, &[Key::plain(K::Esc), Key::ch('M')], Action::Back, "close the matrix", Some("close")),
    b(S::Matrix, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", Some("quit")),
    b(S::Help, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "scroll down", None),
    b(S::Help, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "scroll up", None),
    b(S::Help, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "top", None),
    b(S::Help, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "bottom", None),
    b(S::Help, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(S::Help, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(S::Help, &[Key::plain(K::Esc), Key::ch('?')], Action::Back, "close the help", Some("close")),
    b(S::Help, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", Some("quit")),
    b(S::Global, &[Key::ch('n')], Action::NextHit, "next search hit", None),
    b(S::Global, &[Key::ch('N')], Action::PrevHit, "previous search hit", None),
    b(S::Global, &[Key::ch('m')], Action::Bookmark, "bookmark the paragraph, or remove its bookmark", None),
    b(S::Global, &[Key::ch('\'')], Action::Bookmarks, "list bookmarks and jump to one", None),
    b(S::Search, &[Key::plain(K::Enter)], Action::Open, "read the selected hit (then n/N step through the hits)", Some("open")),
    b(S::Search, &[Key::plain(K::Down), Key::ctrl('n'), Key::ctrl('j')], Action::Down, "next hit", Some("select")),
    b(S::Search, &[Key::plain(K::Up), Key::ctrl('p'), Key::ctrl('k')], Action::Up, "previous hit", None),
    b(S::Search, &[Key::plain(K::PageDown)], Action::PageDown, "a page of hits down", None),
    b(S::Search, &[Key::plain(K::PageUp)], Action::PageUp, "a page of hits up", None),
    b(S::Search, &[Key::plain(K::Backspace)], Action::DeleteBack, "delete a character", None),
    b(S::Search, &[Key::ctrl('u')], Action::ClearQuery, "clear the query", Some("clear")),
    b(S::Search, &[Key::plain(K::Esc)], Action::Back, "close the search", Some("close")),
    b(S::Search, &[Key::ctrl('c')], Action::Quit, "quit", None),
    b(S::Bookmarks, &[Key::plain(K::Enter)], Action::Open, "jump to the bookmark", Some("jump")),
    b(S::Bookmarks, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next bookmark", Some("move")),
    b(S::Bookmarks, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous bookmark", None),
    b(S::Bookmarks, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "first bookmark", None),
    b(S::Bookmarks, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "last bookmark", None),
    b(S::Bookmarks, &[Key::ch('d'), Key::plain(K::Delete)], Action::Bookmark, "remove the bookmark", Some("remove")),
    b(S::Bookmarks, &[Key::plain(K::Esc), Key::ch('\'')], Action::Back, "close the list", Some("close")),
    b(S::Bookmarks, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", Some("quit")),
];

/// The pane's own scope.
pub fn pane_scope(p: Pane) -> Scope {
    match p {
        Pane::Authorities => Scope::Authorities,
        Pane::Sections => Scope::Sections,
        Pane::Paragraphs => Scope::Paragraphs,
    }
}

/// The scopes that apply, most specific first.
pub fn scopes(overlay: Overlay, focus: Pane) -> Vec<Scope> {
    match overlay {
        Overlay::Help => vec![Scope::Help],
        Overlay::Search => vec![Scope::Search],
        Overlay::Bookmarks => vec![Scope::Bookmarks],
        Overlay::Compare => vec![Scope::Compare],
        Overlay::Matrix => vec![Scope::Matrix],
        Overlay::None => vec![pane_scope(focus), Scope::Global],
    }
}

/// The action a key press asks for, if any. Key releases and repeats of releases are ignored.
pub fn action_for(overlay: Overlay, focus: Pane, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(ev);
    let bound = scopes(overlay, focus).into_iter().find_map(|scope| {
        BINDINGS
            .iter()
            .find(|bd| bd.scope == scope && bd.keys.contains(&key))
            .map(|bd| bd.action)
    });
    // In the search, any other printable character is part of the query.
    match (bound, overlay, key.code) {
        (None, Overlay::Search, KeyCode::Char(c))
            if !key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && !c.is_control() =>
        {
            Some(Action::Type(c))
        }
        _ => bound,
    }
}

/// One footer hint: the keys as shown, what they do, and whether the footer must keep it
/// however narrow the terminal (how to get help, close an overlay, search and quit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub text: &'static str,
    pub essential: bool,
}

/// Footer hints for the current context, most specific first.
pub fn hints(overlay: Overlay, focus: Pane, ascii: bool) -> Vec<Hint> {
    let mut out = Vec::new();
    for scope in scopes(overlay, focus) {
        for bd in BINDINGS.iter().filter(|bd| bd.scope == scope) {
            if let Some(text) = bd.hint {
                let keys = match bd.action {
                    Action::Down if bd.scope == Scope::Search => {
                        if ascii { "Up/Down" } else { "↑/↓" }.to_string()
                    }
                    Action::Down => "j/k".to_string(),
                    Action::FocusNext => "Tab".to_string(),
                    Action::FocusRight => "h/l".to_string(),
                    Action::NextTheme => "[/]".to_string(),
                    _ => bd.keys[0].label(ascii),
                };
                let essential = matches!(
                    bd.action,
                    Action::ToggleHelp | Action::Quit | Action::Search | Action::Back
                );
                out.push(Hint {
                    keys,
                    text,
                    essential,
                });
            }
        }
    }
    out
}

/// Keys of a binding as the help shows them: `j, ↓`.
pub fn keys_label(bd: &Binding, ascii: bool) -> String {
    bd.keys
        .iter()
        .map(|k| k.label(ascii))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for scope in Scope::ALL {
            let mut seen = HashSet::new();
            for bd in BINDINGS.iter().filter(|bd| bd.scope == scope) {
                for k in bd.keys {
                    assert!(seen.insert(*k), "{k:?} bound twice in {scope:?}");
                }
            }
        }
    }

    #[test]
    fn every_scope_can_quit_or_close() {
        for scope in [
            Scope::Global,
            Scope::Help,
            Scope::Search,
            Scope::Bookmarks,
            Scope::Compare,
            Scope::Matrix,
        ] {
            assert!(BINDINGS
                .iter()
                .any(|bd| bd.scope == scope && bd.action == Action::Quit));
        }
    }

    #[test]
    fn lookups() {
        let n = KeyModifiers::NONE;
        let a = |o, p, c, m| action_for(o, p, &press(c, m));
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
        let mut release = press(K::Char('q'), n);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(Overlay::None, Pane::Authorities, &release), None);
    }

    #[test]
    fn hints_come_from_the_table() {
        let h = hints(Overlay::None, Pane::Sections, false);
        assert_eq!((h[0].keys.as_str(), h[0].text), ("Enter", "fold/read"));
        assert!(h
            .iter()
            .any(|h| h.keys == "y" && h.text == "copy" && !h.essential));
        assert!(h
            .iter()
            .any(|h| h.keys == "q" && h.text == "quit" && h.essential));
        assert!(h
            .iter()
            .any(|h| h.keys == "/" && h.text == "search" && h.essential));
        assert_eq!(Key::ctrl('d').label(false), "Ctrl-d");
    }
}
