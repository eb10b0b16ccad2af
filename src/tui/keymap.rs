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

use super::action::Action;
use super::app::{Overlay, Pane};
use crate::settings::{self, KeyOverride, KeySpec};
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
    /// Name in the help overlay ([`Keymap::scope_title`] adds the key that opens an overlay).
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Authorities => "Reports pane",
            Scope::Sections => "Sections pane",
            Scope::Paragraphs => "Text pane",
            Scope::Help => "This help",
            Scope::Search => "Search",
            Scope::Bookmarks => "Bookmarks",
            Scope::Compare => "Comparison",
            Scope::Matrix => "Matrix",
        }
    }

    /// The reader's scopes: Global and the panes', which apply together when no overlay is
    /// open. `[keys]` overrides act here; the overlays keep their own keys (see [`Keymap`]).
    pub fn is_reader(self) -> bool {
        matches!(
            self,
            Scope::Global | Scope::Authorities | Scope::Sections | Scope::Paragraphs
        )
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
    pub const fn alt(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::ALT,
        }
    }

    /// The key as the help shows it: `j`, `Ctrl-d`, `Alt-x`, `PgDn`, `Shift-Tab`, `Shift-↑`.
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
        let mut out = String::new();
        for (m, name) in [
            (KeyModifiers::CONTROL, "Ctrl-"),
            (KeyModifiers::ALT, "Alt-"),
            (KeyModifiers::SHIFT, "Shift-"),
        ] {
            if self.mods.contains(m) {
                out.push_str(name);
            }
        }
        out.push_str(&base);
        out
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

/// One line of the default keymap.
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

/// The default keymap ([`Keymap`] applies the overrides). Order matters only for display. A help
/// text names another action's key as `{name}` (its `[keys]` name, [`action_name`]), which
/// [`Keymap::fill`] replaces with the key in effect.
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
    b(S::Global, &[Key::ch(']')], Action::NextTheme, "the report's next theme section", None),
    b(S::Global, &[Key::ch('[')], Action::PreviousTheme, "the report's previous theme section", None),
    b(S::Global, &[Key::ch('z')], Action::ToggleZoom, "zoom the pane to the whole screen, or back", Some("zoom")),
    b(S::Global, &[Key::ch(':')], Action::GoTo, "go to: pembrokeshire#R5, #3.18, R5, swansea", Some("go to")),
    b(S::Global, &[Key::ctrl('o'), Key::plain(K::Backspace)], Action::JumpBack, "back to where you jumped from", Some("back")),
    b(S::Global, &[Key::ctrl('i'), Key::alt('o')], Action::JumpForward, "forward again (Alt-o: Ctrl-i is often Tab)", None),
    b(S::Global, &[Key::ch('/')], Action::Search, "search every report (typos allowed)", Some("search")),
    b(S::Global, &[Key::ch('?')], Action::ToggleHelp, "this help", Some("help")),
    b(S::Global, &[Key::plain(K::Esc)], Action::Back, "close the overlay or leave zoom", None),
    b(S::Global, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", Some("quit")),
    b(S::Authorities, &[Key::plain(K::Enter)], Action::Open, "open the report's sections", Some("open")),
    b(S::Authorities, &[Key::ch('f')], Action::Filter, "filter as you type (fzf-like; Esc clears)", Some("filter")),
    b(S::Authorities, &[Key::ch(' ')], Action::Pick, "pick or unpick the council for {compare} (none: all)", None),
    b(S::Sections, &[Key::plain(K::Enter), Key::ch(' ')], Action::Open, "expand or collapse subsections; read a subsection", Some("fold/read")),
    b(S::Sections, &[Key::ch('f')], Action::Filter, "filter the sections as you type (Esc clears)", None),
    b(S::Paragraphs, &[Key::plain(K::Enter)], Action::Open, "unfold or fold \"What we expect to see\"", Some("expectations")),
    b(S::Compare, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next paragraph (scrolls through long ones)", Some("move")),
    b(S::Compare, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous paragraph", None),
    b(S::Compare, &[Key::ch('h'), Key::plain(K::Left), Key::plain(K::BackTab)], Action::FocusLeft, "council to the left (scrolls sideways)", None),
    b(S::Compare, &[Key::ch('l'), Key::plain(K::Right), Key::plain(K::Tab)], Action::FocusRight, "council to the right (scrolls sideways)", Some("council")),
    b(S::Compare, &[Key::ch(']')], Action::NextTheme, "next theme", Some("theme")),
    b(S::Compare, &[Key::ch('[')], Action::PreviousTheme, "previous theme", None),
    b(S::Compare, &[Key::ch('s')], Action::ToggleSync, "scroll together by subsection, or each column alone", Some("sync")),
    b(S::Compare, &[Key::plain(K::Enter)], Action::Open, "open the paragraph in the reader", Some("read")),
    b(S::Compare, &[Key::ch('y')], Action::Copy, "copy the paragraph with its citation (OSC 52)", Some("copy")),
    b(S::Compare, &[Key::ch('m')], Action::Bookmark, "bookmark the paragraph, or remove its bookmark", None),
    b(S::Compare, &[Key::ch('e')], Action::ToggleExpectations, "unfold or fold \"What we expect to see\"", None),
    b(S::Compare, &[Key::ch('E')], Action::Export, "save the comparison as Markdown in the current folder", None),
    b(S::Compare, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "top", None),
    b(S::Compare, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "bottom", None),
    b(S::Compare, &[Key::ctrl('d')], Action::HalfPageDown, "half a page down", None),
    b(S::Compare, &[Key::ctrl('u')], Action::HalfPageUp, "half a page up", None),
    b(S::Compare, &[Key::plain(K::PageDown)], Action::PageDown, "a page down", None),
    b(S::Compare, &[Key::plain(K::PageUp)], Action::PageUp, "a page up", None),
    b(S::Compare, &[Key::ch('M')], Action::Matrix, "councils × themes matrix", None),
    b(S::Compare, &[Key::ch(' ')], Action::Pick, "pick or unpick a council (in the picks list)", Some("pick")),
    b(S::Compare, &[Key::ch('f')], Action::Filter, "filter the picks list as you type", Some("filter")),
    b(S::Compare, &[Key::ch('/')], Action::Search, "find words in the compared section", Some("find")),
    b(S::Compare, &[Key::ch('n')], Action::NextHit, "next paragraph with the words found", None),
    b(S::Compare, &[Key::ch('N')], Action::PrevHit, "previous paragraph with the words found", None),
    b(S::Compare, &[Key::ch('?')], Action::ToggleHelp, "help", None),
    b(S::Compare, &[Key::plain(K::Esc), Key::ch('c')], Action::Back, "find highlights off, or close", Some("close")),
    b(S::Compare, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit", None),
    b(S::Matrix, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next council", Some("council")),
    b(S::Matrix, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous council", None),
    b(S::Matrix, &[Key::ch('h'), Key::plain(K::Left), Key::plain(K::BackTab)], Action::FocusLeft, "theme to the left", None),
    b(S::Matrix, &[Key::ch('l'), Key::plain(K::Right), Key::plain(K::Tab)], Action::FocusRight, "theme to the right", Some("theme")),
    b(S::Matrix, &[Key::plain(K::Enter)], Action::Open, "read the council's section ({jump_back} back)", Some("read")),
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
    b(S::Search, &[Key::plain(K::Enter)], Action::Open, "read the selected hit (then {next_hit}/{prev_hit} step through the hits)", Some("open")),
    b(S::Search, &[Key::ctrl('n'), Key::ctrl('j')], Action::Down, "next hit (Up/Down: earlier queries)", Some("select")),
    b(S::Search, &[Key::ctrl('p'), Key::ctrl('k')], Action::Up, "previous hit", None),
    b(S::Search, &[Key::plain(K::PageDown)], Action::PageDown, "a page of hits down", None),
    b(S::Search, &[Key::plain(K::PageUp)], Action::PageUp, "a page of hits up", None),
    b(S::Search, &[Key::ctrl('f')], Action::Filter, "filter the hits as you type (Esc clears)", Some("filter")),
    b(S::Search, &[Key::plain(K::Backspace)], Action::DeleteBack, "delete a character (the query edits like readline)", None),
    b(S::Search, &[Key::ctrl('s')], Action::Export, "save the hits as Markdown in the current folder", None),
    b(S::Search, &[Key::plain(K::Esc)], Action::Back, "close the search", Some("close")),
    b(S::Search, &[Key::ctrl('c')], Action::Quit, "quit", None),
    b(S::Bookmarks, &[Key::plain(K::Enter)], Action::Open, "jump to the bookmark", Some("jump")),
    b(S::Bookmarks, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next bookmark", Some("move")),
    b(S::Bookmarks, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous bookmark", None),
    b(S::Bookmarks, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "first bookmark", None),
    b(S::Bookmarks, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "last bookmark", None),
    b(S::Bookmarks, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "a page down", None),
    b(S::Bookmarks, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "a page up", None),
    b(S::Bookmarks, &[Key::ch('d'), Key::plain(K::Delete)], Action::Bookmark, "remove the bookmark", Some("remove")),
    b(S::Bookmarks, &[Key::ch('f')], Action::Filter, "filter the bookmarks as you type (Esc clears)", None),
    b(S::Bookmarks, &[Key::plain(K::Esc), Key::ch('\'')], Action::Back, "close ('' at once: back where the last jump left)", Some("close")),
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

/// The name of an action in `config.toml`'s `[keys]`, for the actions a user would rebind.
pub fn action_name(a: Action) -> Option<&'static str> {
    use Action as A;
    Some(match a {
        A::Quit => "quit",
        A::FocusNext => "focus_next",
        A::FocusPrev => "focus_prev",
        A::FocusLeft => "focus_left",
        A::FocusRight => "focus_right",
        A::Up => "up",
        A::Down => "down",
        A::Top => "top",
        A::Bottom => "bottom",
        A::HalfPageDown => "half_page_down",
        A::HalfPageUp => "half_page_up",
        A::PageDown => "page_down",
        A::PageUp => "page_up",
        A::Open => "open",
        A::ToggleHelp => "help",
        A::Back => "back",
        A::ToggleZoom => "zoom",
        A::Copy => "copy",
        A::Search => "search",
        A::NextHit => "next_hit",
        A::PrevHit => "prev_hit",
        A::Bookmark => "bookmark",
        A::Bookmarks => "bookmarks",
        A::Compare => "compare",
        A::Matrix => "matrix",
        A::Pick => "pick",
        A::GoTo => "goto",
        A::JumpBack => "jump_back",
        A::JumpForward => "jump_forward",
        A::Filter => "filter",
        A::NextTheme => "next_theme",
        A::PreviousTheme => "previous_theme",
        _ => return None,
    })
}

/// The actions `[keys]` may rebind, by name, in the order of the help: the named actions of the
/// reader's bindings ([`Scope::is_reader`]).
pub fn rebindable() -> Vec<&'static str> {
    let mut out = Vec::new();
    for bd in BINDINGS.iter().filter(|bd| bd.scope.is_reader()) {
        if let Some(name) = action_name(bd.action) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The rebindable action called `name` in `[keys]`.
pub fn action_named(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|bd| bd.scope.is_reader())
        .map(|bd| bd.action)
        .find(|a| action_name(*a) == Some(name))
}

/// Actions whose override also reaches the overlays: quit, help and back everywhere, and the keys
/// that open an overlay, which close it again from inside.
const FOLLOW_INTO_OVERLAYS: [Action; 6] = [
    Action::Quit,
    Action::ToggleHelp,
    Action::Back,
    Action::Compare,
    Action::Matrix,
    Action::Bookmarks,
];

/// A character key (`j`, `G`, `Space`, `Ctrl-d`), which an override takes away, as opposed to a
/// named key (arrows, PgUp/PgDn, Home/End, Tab, Enter, Esc), which stays.
fn is_character(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(_))
}

/// A key the search overlay takes as text when nothing there binds it.
fn is_text(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(c) if !c.is_control())
        && !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl From<KeySpec> for Key {
    /// A key as `config.toml` wrote it, as the terminal sends it, normalised as key events are
    /// ([`Key::from_event`]), so that `ctrl-D` matches what the terminal sends for Ctrl-d.
    fn from(spec: KeySpec) -> Key {
        use settings::KeyCode as C;
        let code = match spec.code {
            C::Char(c) => KeyCode::Char(c),
            C::Enter => KeyCode::Enter,
            C::Esc => KeyCode::Esc,
            C::Tab => KeyCode::Tab,
            C::BackTab => KeyCode::BackTab,
            C::Backspace => KeyCode::Backspace,
            C::Up => KeyCode::Up,
            C::Down => KeyCode::Down,
            C::Left => KeyCode::Left,
            C::Right => KeyCode::Right,
            C::Home => KeyCode::Home,
            C::End => KeyCode::End,
            C::PageUp => KeyCode::PageUp,
            C::PageDown => KeyCode::PageDown,
            C::Delete => KeyCode::Delete,
            C::Insert => KeyCode::Insert,
            C::F(n) => KeyCode::F(n),
        };
        let mut mods = KeyModifiers::NONE;
        for (on, m) in [
            (spec.ctrl, KeyModifiers::CONTROL),
            (spec.alt, KeyModifiers::ALT),
            (spec.shift, KeyModifiers::SHIFT),
        ] {
            if on {
                mods |= m;
            }
        }
        Key::from_event(&KeyEvent::new(code, mods))
    }
}

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
/// - The overlays keep their own keys, except for quit, help, back and the keys that open an
///   overlay (compare, matrix, bookmarks): where an overlay used that action's default key, it
///   uses the new key instead (named keys such as `Esc` stay) — unless the overlay already uses
///   the new key for something else, or it is a character the search takes as text; then that
///   overlay keeps the default.
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
            if !FOLLOW_INTO_OVERLAYS.contains(&action) {
                continue;
            }
            let defaults: Vec<Key> = BINDINGS
                .iter()
                .filter(|bd| bd.scope == Scope::Global && bd.action == action)
                .flat_map(|bd| bd.keys.iter().copied())
                .collect();
            for scope in Scope::ALL.into_iter().filter(|s| !s.is_reader()) {
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

    /// The action a key press asks for, if any. Key releases are ignored.
    pub fn action_for(&self, overlay: Overlay, focus: Pane, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        let bound = scopes(overlay, focus).into_iter().find_map(|scope| {
            self.in_scope(scope)
                .find(|bd| bd.keys.contains(&key))
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
                    _ => bd.keys.first().map(|k| k.label(ascii)),
                };
                let Some(keys) = keys else { continue };
                out.push(Hint {
                    keys,
                    text,
                    action: bd.action,
                });
            }
        }
        out
    }

    /// What an overlay's bottom line says about a key: `Esc close`, `q quit`, `j/k scroll`.
    pub fn foot(&self, scope: Scope, action: Action, text: &str, ascii: bool) -> Option<String> {
        let keys = match action {
            Action::Down => self.pair(scope, Action::Down, Action::Up, ascii),
            _ => self.first_key(scope, action, ascii),
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
}

impl Hint {
    /// Whether the footer must keep it however narrow the terminal: how to get help, close an
    /// overlay, search and quit.
    pub fn essential(&self) -> bool {
        matches!(
            self.action,
            Action::ToggleHelp | Action::Quit | Action::Search | Action::Back
        )
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

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(label(&km, Scope::Help, Action::Quit), "Ctrl-q");
        assert_eq!(km.scope_title(Scope::Bookmarks, false), "Bookmarks (b)");
        assert_eq!(km.scope_title(Scope::Search, false), "Search (/)");
        assert_eq!(
            km.fill("{bookmarks} lists, {next_hit}/{prev_hit} step", false),
            "b lists, (no key)/N step"
        );
        assert_eq!(
            km.foot(Scope::Help, Action::Quit, "quit", false).as_deref(),
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
        assert_eq!(label(&km, Scope::Help, Action::Back), "Esc, H, x");
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
                for scope in Scope::ALL.into_iter().filter(|s| !s.is_reader()) {
                    assert!(
                        km.in_scope(scope)
                            .any(|bd| matches!(bd.action, Action::Back | Action::Quit)
                                && !bd.keys.is_empty()),
                        "{name} = {k:?}: no way out of {scope:?}"
                    );
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
}
