//! The default keymap as data: the scopes a binding applies in ([`Scope`]), the table
//! ([`BINDINGS`]) with each binding's help text and hint, which scopes apply when
//! ([`scopes`]), and the names `config.toml`'s `[keys]` gives actions ([`action_name`]).

use super::Key;
use crate::tui::action::Action;
use crate::tui::app::{Overlay, Pane};
use crossterm::event::KeyCode;

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
    /// Every overlay, under the overlay's own scope: quit, help and close, the same keys in
    /// each (an overlay's own binding of a key wins).
    Overlays,
}

impl Scope {
    /// Name in the help overlay ([`Keymap::scope_title`](super::Keymap::scope_title) adds the key that opens an overlay).
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
            Scope::Overlays => "Every overlay",
        }
    }

    /// The reader's scopes: Global and the panes', which apply together when no overlay is
    /// open. `[keys]` overrides act here; the overlays keep their own keys (see [`Keymap`](super::Keymap)).
    pub fn is_reader(self) -> bool {
        matches!(
            self,
            Scope::Global | Scope::Authorities | Scope::Sections | Scope::Paragraphs
        )
    }

    /// All scopes in the order the help overlay lists them.
    pub const ALL: [Scope; 10] = [
        Scope::Global,
        Scope::Authorities,
        Scope::Sections,
        Scope::Paragraphs,
        Scope::Search,
        Scope::Bookmarks,
        Scope::Compare,
        Scope::Matrix,
        Scope::Overlays,
        Scope::Help,
    ];
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

/// The default keymap ([`Keymap`](super::Keymap) applies the overrides). Order matters only for display. A help
/// text names another action's key as `{name}` (its `[keys]` name, [`action_name`]), which
/// [`Keymap::fill`](super::Keymap::fill) replaces with the key in effect.
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
    b(S::Sections, &[Key::ch('f')], Action::Filter, "filter the sections as you type (Esc clears)", Some("filter")),
    b(S::Paragraphs, &[Key::plain(K::Enter)], Action::Open, "unfold or fold \"What we expect to see\"", Some("expectations")),
    b(S::Paragraphs, &[Key::ch(' '), Key::ch('f')], Action::PageDown, "a page down, as in less", None),
    b(S::Paragraphs, &[Key::ch('b')], Action::PageUp, "a page up, as in less", None),
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
    b(S::Compare, &[Key::ctrl('o')], Action::JumpBack, "back to where you jumped from", None),
    b(S::Compare, &[Key::ctrl('i'), Key::alt('o')], Action::JumpForward, "forward again, to where Enter read", None),
    b(S::Compare, &[Key::ch('c')], Action::Back, "find highlights off, or close (so does {back})", None),
    b(S::Matrix, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next council", Some("council")),
    b(S::Matrix, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous council", None),
    b(S::Matrix, &[Key::ch('h'), Key::plain(K::Left), Key::plain(K::BackTab)], Action::FocusLeft, "theme to the left", None),
    b(S::Matrix, &[Key::ch('l'), Key::plain(K::Right), Key::plain(K::Tab)], Action::FocusRight, "theme to the right", Some("theme")),
    b(S::Matrix, &[Key::plain(K::Enter)], Action::Open, "read the council's section ({jump_back} back)", Some("read")),
    b(S::Matrix, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "first council", None),
    b(S::Matrix, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "last council", None),
    b(S::Matrix, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "a page of councils down, then scroll", None),
    b(S::Matrix, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "a page of councils up", None),
    b(S::Matrix, &[Key::ctrl('o')], Action::JumpBack, "back to where you jumped from", None),
    b(S::Matrix, &[Key::ctrl('i'), Key::alt('o')], Action::JumpForward, "forward again, to where Enter read", None),
    b(S::Matrix, &[Key::ch('M')], Action::Back, "close the matrix", None),
    b(S::Help, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "scroll down", None),
    b(S::Help, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "scroll up", None),
    b(S::Help, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "top", None),
    b(S::Help, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "bottom", None),
    b(S::Help, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(S::Help, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(S::Help, &[Key::ch('?')], Action::Back, "close the help", None),
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
    b(S::Bookmarks, &[Key::plain(K::Enter)], Action::Open, "jump to the bookmark", Some("jump")),
    b(S::Bookmarks, &[Key::ch('j'), Key::plain(K::Down)], Action::Down, "next bookmark", Some("move")),
    b(S::Bookmarks, &[Key::ch('k'), Key::plain(K::Up)], Action::Up, "previous bookmark", None),
    b(S::Bookmarks, &[Key::ch('g'), Key::plain(K::Home)], Action::Top, "first bookmark", None),
    b(S::Bookmarks, &[Key::ch('G'), Key::plain(K::End)], Action::Bottom, "last bookmark", None),
    b(S::Bookmarks, &[Key::plain(K::PageDown), Key::ctrl('d')], Action::PageDown, "a page down", None),
    b(S::Bookmarks, &[Key::plain(K::PageUp), Key::ctrl('u')], Action::PageUp, "a page up", None),
    b(S::Bookmarks, &[Key::ch('d'), Key::plain(K::Delete)], Action::Bookmark, "remove the bookmark", Some("remove")),
    b(S::Bookmarks, &[Key::ch('f')], Action::Filter, "filter the bookmarks as you type (Esc clears)", None),
    b(S::Bookmarks, &[Key::ch('\'')], Action::Back, "close ('' at once: back where the last jump left)", None),
    b(S::Overlays, &[Key::plain(K::Esc)], Action::Back, "close, back to what is under it", Some("close")),
    b(S::Overlays, &[Key::ch('?')], Action::ToggleHelp, "help (not in the search, where ? is text)", None),
    b(S::Overlays, &[Key::ch('q'), Key::ctrl('c')], Action::Quit, "quit (Ctrl-c in the search)", Some("quit")),
];

/// The pane's own scope.
pub fn pane_scope(p: Pane) -> Scope {
    match p {
        Pane::Authorities => Scope::Authorities,
        Pane::Sections => Scope::Sections,
        Pane::Paragraphs => Scope::Paragraphs,
    }
}

/// The scope of an overlay's own keys (`None`: no overlay, the reader).
pub fn overlay_scope(overlay: Overlay) -> Option<Scope> {
    match overlay {
        Overlay::Help => Some(Scope::Help),
        Overlay::Search => Some(Scope::Search),
        Overlay::Bookmarks => Some(Scope::Bookmarks),
        Overlay::Compare => Some(Scope::Compare),
        Overlay::Matrix => Some(Scope::Matrix),
        Overlay::None => None,
    }
}

/// The scopes that apply, most specific first: an overlay's own, then the keys every overlay
/// shares; with no overlay, the focused pane's, then the global ones.
pub fn scopes(overlay: Overlay, focus: Pane) -> Vec<Scope> {
    match overlay_scope(overlay) {
        Some(own) => vec![own, Scope::Overlays],
        None => vec![pane_scope(focus), Scope::Global],
    }
}

/// Each overlay's scope and the action that opens it from the reader: in the overlay, the key
/// that opened it closes it (its `Back` binding follows the opener's `[keys]` override).
pub const OPENERS: [(Scope, Action); 4] = [
    (Scope::Help, Action::ToggleHelp),
    (Scope::Bookmarks, Action::Bookmarks),
    (Scope::Compare, Action::Compare),
    (Scope::Matrix, Action::Matrix),
];

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
