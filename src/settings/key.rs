//! A key as `config.toml` writes it (`q`, `G`, `/`, `ctrl-d`, `alt-x`, `shift-tab`, `enter`,
//! `pgdn`, `f5`...), as plain data: the explorer turns it into its terminal's key type.

use std::fmt;
use std::str::FromStr;

/// A key without its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Delete,
    Insert,
    /// `F1` to `F24`.
    F(u8),
}

/// A key with its modifiers, normalised so that two spellings of one key are equal: Control
/// with a letter is the lower-case letter (terminals send Ctrl-d and Ctrl-D alike); Shift is
/// folded into the character (`G`) or the code (`BackTab`) and kept only for named keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeySpec {
    /// The key, normalised.
    pub fn new(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> KeySpec {
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::Char(c) if shift && c.is_ascii_lowercase() => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Tab if shift => KeyCode::BackTab,
            c => c,
        };
        let shift = shift && !matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
        KeySpec {
            code,
            ctrl,
            alt,
            shift,
        }
    }
}

impl FromStr for KeySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<KeySpec, String> {
        let bad = || {
            format!("{s:?} is not a key; write e.g. \"q\", \"G\", \"ctrl-d\", \"shift-tab\", \"enter\", \"pgdn\", \"f5\"")
        };
        #[derive(Clone, Copy)]
        enum Mod {
            Ctrl,
            Alt,
            Shift,
        }
        let mut rest = s.trim();
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                ("ctrl-", Mod::Ctrl),
                ("ctrl+", Mod::Ctrl),
                ("control-", Mod::Ctrl),
                ("c-", Mod::Ctrl),
                ("alt-", Mod::Alt),
                ("alt+", Mod::Alt),
                ("meta-", Mod::Alt),
                ("m-", Mod::Alt),
                ("shift-", Mod::Shift),
                ("shift+", Mod::Shift),
            ]
            .into_iter()
            .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some((p, m)) => {
                    match m {
                        Mod::Ctrl => ctrl = true,
                        Mod::Alt => alt = true,
                        Mod::Shift => shift = true,
                    }
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            (None, _) => return Err(bad()),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "cr" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" | "spc" => KeyCode::Char(' '),
                "backspace" | "bs" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        Ok(KeySpec::new(code, ctrl, alt, shift))
    }
}

impl fmt::Display for KeySpec {
    /// As `config.toml` writes it; reads back as the same key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Delete => f.write_str("del"),
            KeyCode::Insert => f.write_str("ins"),
            KeyCode::F(n) => write!(f, "f{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_syntax() {
        let k = |s: &str| s.parse::<KeySpec>().unwrap();
        assert_eq!(k("G"), k("shift-g"));
        assert_eq!(k("shift-tab").code, KeyCode::BackTab);
        assert!(!k("shift-tab").shift);
        assert_eq!(k("C-d"), k("ctrl-d"));
        assert_eq!(k("ctrl-D"), k("ctrl-d"));
        assert_eq!(k("ctrl+d").to_string(), "ctrl-d");
        assert_eq!(k("PgDn").code, KeyCode::PageDown);
        assert_eq!(k("space").code, KeyCode::Char(' '));
        assert_eq!(k("-").code, KeyCode::Char('-'));
        assert_eq!(k("f5").code, KeyCode::F(5));
        assert!(k("shift-up").shift);
        assert!("f99".parse::<KeySpec>().is_err());
        assert!("".parse::<KeySpec>().is_err());
        assert!("ctrl-".parse::<KeySpec>().is_err());
        for s in [
            "ctrl-d",
            "alt-x",
            "enter",
            "shift-tab",
            "shift-up",
            "pgup",
            "f12",
            "space",
            "/",
        ] {
            assert_eq!(k(s).to_string(), s);
            assert_eq!(k(&k(s).to_string()), k(s));
        }
    }
}
