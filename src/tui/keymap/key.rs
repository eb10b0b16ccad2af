//! A key with its modifiers: as the terminal sends it ([`Key::from_event`]), as `config.toml`
//! writes it (`From<KeySpec>`), and as the help shows it ([`Key::label`]).

use crate::settings::{self, KeySpec};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// A character key (`j`, `G`, `Space`, `Ctrl-d`), which an override takes away, as opposed to a
/// named key (arrows, PgUp/PgDn, Home/End, Tab, Enter, Esc), which stays.
pub fn is_character(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(_))
}

/// A key the search overlay takes as text when nothing there binds it.
pub fn is_text(k: &Key) -> bool {
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
