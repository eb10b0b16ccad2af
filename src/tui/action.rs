//! Everything the explorer can be asked to do. Keys (through [`super::keymap`]), mouse events
//! and resizes become an [`Action`] in [`super::app::App::handle_event`], mouse cells already
//! resolved into what is under them; [`super::app::App::update`] is the only place that acts on
//! them. New views add variants here and bindings in the keymap.

use super::app::Pane;

/// One user intent, independent of the key that asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Focus the next pane to the right, wrapping round (`Tab`).
    FocusNext,
    /// Focus the previous pane, wrapping round (`Shift-Tab`).
    FocusPrev,
    /// Focus the pane to the left, stopping at the first (`h`).
    FocusLeft,
    /// Focus the pane to the right, stopping at the last (`l`).
    FocusRight,
    /// Move the selection up one item (`k`).
    Up,
    /// Move the selection down one item (`j`).
    Down,
    /// Go to the first item (`g`).
    Top,
    /// Go to the last item (`G`).
    Bottom,
    /// Half a page down (`Ctrl-d`).
    HalfPageDown,
    /// Half a page up (`Ctrl-u`).
    HalfPageUp,
    /// A page down (`PgDn`).
    PageDown,
    /// A page up (`PgUp`).
    PageUp,
    /// Open the selected item: a report, a section (expanding or collapsing its
    /// subsections), a subsection, or the "What we expect to see" fold (`Enter`).
    Open,
    /// Show or hide the help overlay (`?`).
    ToggleHelp,
    /// Close the open overlay, or leave zoom (`Esc`).
    Back,
    /// Give the focused pane the whole screen, or return to the panes (`z`).
    ToggleZoom,
    /// Copy the selected paragraph with its citation to the clipboard via OSC 52 (`y`).
    Copy,
    /// The terminal changed size (columns, rows).
    Resize(u16, u16),
    /// Left click in a pane: on its item (an index into the pane's whole list), or on none (its
    /// border or header). [`super::app::App::handle_event`] resolves the cell against the layout.
    ClickPane(Pane, Option<usize>),
    /// The wheel over a pane: down (true) or up.
    ScrollPane(Pane, bool),
    /// Left click over the open overlay, on what it shows there, resolved by
    /// [`super::app::App::handle_event`] against the overlay's layout: the comparison's column
    /// (an index into its columns) and item (an index into that column's items), the picks
    /// list's council (a corpus index, as `item`); `None` where there is none.
    ClickOverlay {
        column: Option<usize>,
        item: Option<usize>,
    },
    /// The wheel over the open overlay: down (true) or up.
    ScrollOverlay(bool),
    /// A click or a wheel turn outside every pane, with no overlay open: nothing to do.
    MouseElsewhere,
    /// Open the search overlay over every report (`/`).
    Search,
    /// Jump to the next hit of the last search (`n`).
    NextHit,
    /// Jump to the previous hit of the last search (`N`).
    PrevHit,
    /// A character typed into the search query.
    Type(char),
    /// Delete the character before the cursor of the search query (`Backspace`).
    DeleteBack,
    /// Clear the search query (`Ctrl-u` in the search).
    ClearQuery,
    /// Bookmark the selected paragraph, or remove its bookmark (`m`; `d` in the list).
    Bookmark,
    /// Open the list of bookmarks (`'`).
    Bookmarks,
    /// Compare the current section's theme across councils (`c`); in the comparison, close it.
    Compare,
    /// Pick or unpick the selected council for the comparison (`Space` in the reports pane).
    Pick,
    /// Show the councils × themes matrix (`M`), or close it.
    Matrix,
    /// In the comparison: the previous theme (`[`).
    PreviousTheme,
    /// In the comparison: the next theme (`]`).
    NextTheme,
    /// In the comparison: scroll the columns together by subsection, or each on its own (`s`).
    ToggleSync,
    /// In the comparison: unfold or fold "What we expect to see" (`e`).
    ToggleExpectations,
    /// Save the comparison (`E`) or the search's hits (`Ctrl-s`) as Markdown in a new file in
    /// the current folder, every paragraph cited ([`crate::export`]).
    Export,
    /// Open the go-to prompt: a council, paragraph or section (`:`).
    GoTo,
    /// Back to where the last jump left from, through the jump list (`Ctrl-o`).
    JumpBack,
    /// Forward again through the jump list (`Ctrl-i`).
    JumpForward,
    /// Back to where the last jump left from, and again to return (`''`, as in less).
    JumpToggle,
    /// Filter the focused list as you type (`f`); `Esc` clears the filter.
    Filter,
}

/// The pattern of the movement actions (`j`, `k`, `g`, `G`, half pages, PgUp/PgDn), one list
/// for every match on them: `matches!(a, movement!())`, or `movement!() | Action::Open => ...`.
macro_rules! movement {
    () => {
        $crate::tui::action::Action::Up
            | $crate::tui::action::Action::Down
            | $crate::tui::action::Action::Top
            | $crate::tui::action::Action::Bottom
            | $crate::tui::action::Action::HalfPageDown
            | $crate::tui::action::Action::HalfPageUp
            | $crate::tui::action::Action::PageDown
            | $crate::tui::action::Action::PageUp
    };
}
pub(crate) use movement;
