//! The explorer's [`Palette`]: styles and symbols (not to be confused with the report themes of
//! [`crate::model::Theme`]). The default palette uses only the 16 ANSI colours plus modifiers, so
//! it reads the same in any terminal's colours; the monochrome one (NO_COLOR, `--no-color`,
//! `theme = "monochrome"`) uses modifiers only, so highlights survive when colours are stripped.
//!
//! The glyphs follow what the terminal can show ([`Glyphs::detect`]): rounded corners, arrows and
//! ticks in a UTF-8 terminal; on the Linux console (`TERM=linux`), whose fonts have the plain box
//! lines `┌┐└┘─│` but no rounded corners, arrows, ticks or ellipsis, plain box borders and ASCII
//! for the rest; ASCII only on a VT100-like terminal, in a locale that is not UTF-8, or with
//! `--ascii`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The glyphs the explorer draws besides report text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub border: border::Set<'static>,
    /// Between breadcrumb parts.
    pub separator: &'static str,
    pub expanded: &'static str,
    pub collapsed: &'static str,
    pub ellipsis: &'static str,
    /// Marks the lines of the selected paragraph.
    pub bar: &'static str,
    pub ascii: bool,
}

/// Which glyphs the terminal can show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Glyphs {
    /// A UTF-8 terminal with a full font: rounded corners, `▸ › … ✓`.
    #[default]
    Unicode,
    /// The Linux console: plain box lines (`┌┐└┘─│`, in every console font), ASCII for the rest.
    Console,
    /// ASCII only: a VT100-like terminal, a locale that is not UTF-8, `--ascii`.
    Ascii,
}

impl Glyphs {
    /// From `--ascii` and the environment (`TERM`, `LC_ALL`, `LC_CTYPE`, `LANG`).
    pub fn detect(ascii_flag: bool) -> Glyphs {
        Glyphs::detect_from(ascii_flag, |k| std::env::var(k).ok())
    }

    /// [`Glyphs::detect`] over any environment, for tests.
    pub fn detect_from(ascii_flag: bool, get: impl Fn(&str) -> Option<String>) -> Glyphs {
        if ascii_flag || !locale_is_utf8_from(&get) {
            return Glyphs::Ascii;
        }
        let term = get("TERM").unwrap_or_default().to_ascii_lowercase();
        // vt100, vt102, vt220, vt52...: no UTF-8 at all.
        if term.starts_with("vt") || term == "dumb" {
            Glyphs::Ascii
        } else if term == "linux" || term.starts_with("linux-") {
            Glyphs::Console
        } else {
            Glyphs::Unicode
        }
    }

    /// The symbols to draw with.
    pub fn symbols(self) -> Symbols {
        match self {
            Glyphs::Unicode => Symbols::UNICODE,
            Glyphs::Console => Symbols::CONSOLE,
            Glyphs::Ascii => Symbols::ASCII,
        }
    }
}

/// An ASCII border: `+--+`, `|  |`.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Symbols {
    pub const UNICODE: Symbols = Symbols {
        border: border::ROUNDED,
        separator: " › ",
        expanded: "▾",
        collapsed: "▸",
        ellipsis: "…",
        bar: "▌",
        ascii: false,
    };
    /// ASCII everywhere. The tree's markers (`>` folded, `v` unfolded) differ from the
    /// border's `+` corners.
    pub const ASCII: Symbols = Symbols {
        border: ASCII_BORDER,
        separator: " > ",
        expanded: "v",
        collapsed: ">",
        ellipsis: "~",
        bar: ">",
        ascii: true,
    };
    /// The Linux console. Glyph by glyph, what its fonts (the kernel's VGA font, `default8x16`,
    /// `Lat2-Terminus16`) all have:
    /// - `┌┐└┘─│` (borders, the comparison's rules): yes, so the borders are plain box lines;
    /// - `╭╮╰╯` (rounded corners): no;
    /// - `▸▾` (tree markers), `›` (breadcrumb), `…`, `✓`, `↑↓←→`: no, so `>`/`v`, `>`, `~`,
    ///   `*` and the key names;
    /// - `▌` (selection bar), `×`, `·`: not in every one, so `>`, `x`, `.` or `|`.
    ///
    /// The comparison's rules and separators stay ASCII too: they come from the same `ascii`
    /// flag as the rest of the report layout, shared with `ciw compare`.
    pub const CONSOLE: Symbols = Symbols {
        border: border::PLAIN,
        ..Symbols::ASCII
    };
}

/// Every style the explorer uses, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane without focus.
    pub selected_unfocused: Style,
    pub header: Style,
    pub paragraph_id: Style,
    pub paragraph_id_selected: Style,
    pub bar: Style,
    pub section_heading: Style,
    pub subsection_heading: Style,
    pub expectations: Style,
    pub muted: Style,
    /// Subsection rows of the tree.
    pub muted_tree: Style,
    pub breadcrumb: Style,
    pub hint_key: Style,
    pub hint_text: Style,
    pub message: Style,
    pub warning: Style,
    pub symbols: Symbols,
    /// True for the monochrome theme.
    pub monochrome: bool,
}

impl Palette {
    /// The default: 16-colour safe, readable on dark and light backgrounds.
    pub fn color(symbols: Symbols) -> Palette {
        let bold = Modifier::BOLD;
        Palette {
            base: Style::new(),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            title: Style::new(),
            title_focused: Style::new().fg(Color::Cyan).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            selected_unfocused: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            header: Style::new().add_modifier(Modifier::UNDERLINED),
            paragraph_id: Style::new().fg(Color::Yellow),
            paragraph_id_selected: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::REVERSED | bold),
            bar: Style::new().fg(Color::Cyan),
            section_heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            subsection_heading: Style::new().fg(Color::Magenta).add_modifier(bold),
            expectations: Style::new().add_modifier(Modifier::ITALIC),
            muted: Style::new().fg(Color::DarkGray),
            muted_tree: Style::new().fg(Color::Magenta),
            breadcrumb: Style::new().add_modifier(bold),
            hint_key: Style::new().fg(Color::Cyan).add_modifier(bold),
            hint_text: Style::new(),
            message: Style::new().fg(Color::Green).add_modifier(bold),
            warning: Style::new().fg(Color::Yellow).add_modifier(bold),
            symbols,
            monochrome: false,
        }
    }

    /// NO_COLOR: modifiers only, never a colour, so nothing vanishes when colours are stripped.
    pub fn monochrome(symbols: Symbols) -> Palette {
        let bold = Modifier::BOLD;
        Palette {
            base: Style::new(),
            border: Style::new(),
            border_focused: Style::new().add_modifier(bold),
            title: Style::new(),
            title_focused: Style::new().add_modifier(bold | Modifier::REVERSED),
            selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            selected_unfocused: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            header: Style::new().add_modifier(Modifier::UNDERLINED),
            paragraph_id: Style::new().add_modifier(bold),
            paragraph_id_selected: Style::new().add_modifier(Modifier::REVERSED | bold),
            bar: Style::new().add_modifier(bold),
            section_heading: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            subsection_heading: Style::new().add_modifier(bold),
            expectations: Style::new().add_modifier(Modifier::ITALIC),
            muted: Style::new().add_modifier(Modifier::DIM),
            muted_tree: Style::new(),
            breadcrumb: Style::new().add_modifier(bold),
            hint_key: Style::new().add_modifier(bold),
            hint_text: Style::new(),
            message: Style::new().add_modifier(bold),
            warning: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            symbols,
            monochrome: true,
        }
    }

    /// Picks the theme from the options.
    pub fn new(monochrome: bool, glyphs: Glyphs) -> Palette {
        let symbols = glyphs.symbols();
        if monochrome {
            Palette::monochrome(symbols)
        } else {
            Palette::color(symbols)
        }
    }
}

/// True when NO_COLOR is set to anything non-empty (<https://no-color.org>).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// True when the locale (LC_ALL, then LC_CTYPE, then LANG, read with `get`) names UTF-8.
pub fn locale_is_utf8_from(get: impl Fn(&str) -> Option<String>) -> bool {
    for k in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Some(v) = get(k).filter(|v| !v.is_empty()) {
            let v = v.to_ascii_lowercase();
            return v.contains("utf-8") || v.contains("utf8");
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(locale_is_utf8_from(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(locale_is_utf8_from(env(&[
            ("LC_CTYPE", "C.utf8"),
            ("LANG", "C")
        ])));
        assert!(!locale_is_utf8_from(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_GB.UTF-8")
        ])));
        assert!(!locale_is_utf8_from(env(&[])));
        assert!(locale_is_utf8_from(env(&[
            ("LC_ALL", ""),
            ("LANG", "cy_GB.UTF-8")
        ])));
    }

    #[test]
    fn glyphs_follow_the_terminal_and_the_locale() {
        fn d(flag: bool, pairs: &[(&str, &str)]) -> Glyphs {
            Glyphs::detect_from(flag, |k| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            })
        }
        let utf8 = ("LANG", "en_GB.UTF-8");
        assert_eq!(
            d(false, &[utf8, ("TERM", "xterm-256color")]),
            Glyphs::Unicode
        );
        assert_eq!(d(false, &[utf8, ("TERM", "linux")]), Glyphs::Console);
        assert_eq!(d(false, &[utf8, ("TERM", "vt100")]), Glyphs::Ascii);
        assert_eq!(d(false, &[utf8, ("TERM", "vt220")]), Glyphs::Ascii);
        assert_eq!(d(true, &[utf8, ("TERM", "xterm")]), Glyphs::Ascii);
        assert_eq!(d(false, &[("LANG", "C"), ("TERM", "xterm")]), Glyphs::Ascii);
        assert_eq!(
            d(false, &[("LC_ALL", "C"), ("TERM", "linux"), utf8]),
            Glyphs::Ascii
        );
        // The tree's markers never look like a border's corners.
        for s in [Symbols::ASCII, Symbols::CONSOLE, Symbols::UNICODE] {
            for m in [s.expanded, s.collapsed] {
                assert!(![
                    s.border.top_left,
                    s.border.bottom_left,
                    s.border.vertical_left
                ]
                .contains(&m));
            }
        }
        let console = Glyphs::Console.symbols();
        assert_eq!(console.border.top_left, "┌");
        for g in [
            console.separator,
            console.expanded,
            console.collapsed,
            console.ellipsis,
            console.bar,
        ] {
            assert!(g.is_ascii(), "{g}");
        }
    }

    #[test]
    fn monochrome_has_no_colours() {
        let t = Palette::new(true, Glyphs::Unicode);
        for s in [
            t.base,
            t.border,
            t.border_focused,
            t.title,
            t.title_focused,
            t.selected,
            t.selected_unfocused,
            t.header,
            t.paragraph_id,
            t.paragraph_id_selected,
            t.bar,
            t.section_heading,
            t.subsection_heading,
            t.expectations,
            t.muted,
            t.muted_tree,
            t.breadcrumb,
            t.hint_key,
            t.hint_text,
            t.message,
            t.warning,
        ] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
        // The selection stays visible without colour.
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
