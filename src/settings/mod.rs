//! The user's settings, from `config.toml` in the config dir ([`crate::paths::Paths`]): theme,
//! colours, mouse, keymap overrides, default councils.
//!
//! A bad setting never stops `ciw`: each problem is a [`SettingsError`] naming the file, the
//! line and the key, that setting keeps its default and the others still apply. Key overrides
//! are plain data ([`KeySpec`]), checked against the action names the explorer passes in
//! ([`Known`]), so this module knows nothing of the terminal; two overrides may not share a key.
//! An override may take a key another action has by default: the explorer's keymap moves it.
//!
//! ```toml
//! theme = "monochrome"
//! color = "auto"                       # auto | always | never
//! default_councils = ["swansea", "pembrokeshire"]
//!
//! [keys]                               # action = "key"
//! quit = "ctrl-q"
//! search = "/"
//! ```

mod key;

pub use key::{KeyCode, KeySpec};

use crate::paths::Paths;
use std::fmt;
use std::io;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// When to use colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour unless `NO_COLOR` or `--no-color`.
    #[default]
    Auto,
    Always,
    Never,
}

/// One keymap override: `action = "key"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: String,
    pub key: KeySpec,
    /// Line in `config.toml`.
    pub line: usize,
}

/// The settings, defaults where the file is silent or wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Theme name; `None` means the TUI's default.
    pub theme: Option<String>,
    pub color: ColorChoice,
    /// Valid overrides only, in file order.
    pub keys: Vec<KeyOverride>,
    /// Authorities to open on / pre-select for comparison, as the user wrote them.
    pub default_councils: Vec<String>,
    /// `mouse = false`: leave the mouse to the terminal (its own text selection) instead of
    /// the explorer's wheel and clicks. `None`: on.
    pub mouse: Option<bool>,
}

/// What the TUI knows, for validation: the actions `[keys]` may rebind and its themes. Empty
/// lists switch the corresponding check off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub actions: &'a [&'a str],
    pub themes: &'a [&'a str],
}

/// A problem in `config.toml`: file, line, key and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// The key as a dotted path (`keys.quit`), or `None` when the line has none.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(k) => write!(
                f,
                "{}:{}: `{k}`: {}; using the default",
                self.path, self.line, self.message
            ),
            None => write!(
                f,
                "{}:{}: {}; using the defaults",
                self.path, self.line, self.message
            ),
        }
    }
}

impl std::error::Error for SettingsError {}

const SETTINGS: &str = "theme, color, mouse, default_councils, [keys]";

/// The most `config.toml` may weigh: a few lines in practice.
const CONFIG_LIMIT: u64 = 1 << 20;

impl Settings {
    /// Reads `config.toml` from the config dir; a missing file is all defaults, silently.
    pub fn load(paths: &Paths, known: &Known) -> (Settings, Vec<SettingsError>) {
        let path = paths.config_file();
        // The one input reader: a FIFO or a device named config.toml is refused, not waited on.
        match crate::input::read_limited(&path, CONFIG_LIMIT) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Settings::parse(&text, &path.display().to_string(), known),
                Err(_) => (
                    Settings::default(),
                    vec![SettingsError {
                        path: path.display().to_string(),
                        line: 1,
                        key: None,
                        message: "not UTF-8 text".into(),
                    }],
                ),
            },
            Err(crate::input::InputError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                (Settings::default(), Vec::new())
            }
            Err(e) => (
                Settings::default(),
                vec![SettingsError {
                    path: path.display().to_string(),
                    line: 1,
                    key: None,
                    message: format!("cannot read it: {e}"),
                }],
            ),
        }
    }

    /// Parses the text of a `config.toml`; `path` names it in errors.
    pub fn parse(text: &str, path: &str, known: &Known) -> (Settings, Vec<SettingsError>) {
        let mut cfg = Settings::default();
        let mut errors = Vec::new();
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let err = |errors: &mut Vec<SettingsError>, offset: usize, key: &str, message: String| {
            errors.push(SettingsError {
                path: path.to_string(),
                line: line_of(offset),
                key: Some(key.to_string()),
                message,
            })
        };
        let table = match DeTable::parse(text) {
            Ok(t) => t.into_inner(),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                let line = line_of(offset);
                let key = text
                    .lines()
                    .nth(line - 1)
                    .and_then(|l| l.split_once('='))
                    .map(|(k, _)| k.trim().trim_matches('"').to_string())
                    .filter(|k| !k.is_empty() && !k.starts_with('['));
                errors.push(SettingsError {
                    path: path.to_string(),
                    line,
                    key,
                    message: format!("not valid TOML: {}", e.message().trim()),
                });
                return (cfg, errors);
            }
        };
        let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue>)> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in entries {
            let at = k.span().start;
            let name: &str = k.get_ref();
            match name {
                "theme" => match v.get_ref().as_str() {
                    Some(t) if known.themes.is_empty() || known.themes.contains(&t) => {
                        cfg.theme = Some(t.to_string())
                    }
                    Some(t) => err(
                        &mut errors,
                        at,
                        name,
                        format!("no theme {t:?}; the themes are {}", known.themes.join(", ")),
                    ),
                    None => err(
                        &mut errors,
                        at,
                        name,
                        "expected a theme name in quotes".into(),
                    ),
                },
                "color" | "colour" => match v.get_ref().as_str() {
                    Some("auto") => cfg.color = ColorChoice::Auto,
                    Some("always") => cfg.color = ColorChoice::Always,
                    Some("never") => cfg.color = ColorChoice::Never,
                    _ => err(
                        &mut errors,
                        at,
                        name,
                        "expected \"auto\", \"always\" or \"never\"".into(),
                    ),
                },
                "mouse" => match v.get_ref().as_bool() {
                    Some(b) => cfg.mouse = Some(b),
                    None => err(
                        &mut errors,
                        at,
                        name,
                        "expected true (the explorer takes the mouse) or false (the terminal keeps it)".into(),
                    ),
                },
                // `default_authorities` is the older name, still read.
                "default_councils" | "default_authorities" => {
                    let list = v.get_ref().as_array().and_then(|a| {
                        a.iter()
                            .map(|s| s.get_ref().as_str().map(str::to_string))
                            .collect::<Option<Vec<String>>>()
                    });
                    match list {
                        Some(l) => cfg.default_councils = l,
                        None => err(
                            &mut errors,
                            at,
                            name,
                            "expected a list of names, e.g. [\"swansea\", \"cardiff\"]".into(),
                        ),
                    }
                }
                "keys" => match v.get_ref().as_table() {
                    Some(keys) => {
                        cfg.keys = parse_keys(keys, known, &line_of, &mut |offset, key, message| {
                            err(&mut errors, offset, key, message)
                        })
                    }
                    None => err(
                        &mut errors,
                        at,
                        name,
                        "expected a table: [keys] then lines like quit = \"q\"".into(),
                    ),
                },
                _ => err(
                    &mut errors,
                    at,
                    name,
                    format!("unknown setting; the settings are {SETTINGS}"),
                ),
            }
        }
        errors.sort_by_key(|e| e.line);
        (cfg, errors)
    }
}

fn parse_keys(
    keys: &DeTable,
    known: &Known,
    line_of: &dyn Fn(usize) -> usize,
    err: &mut dyn FnMut(usize, &str, String),
) -> Vec<KeyOverride> {
    let mut entries: Vec<_> = keys.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    // Pass 1: each override on its own (known action, a key).
    let mut parsed: Vec<(usize, String, &str, KeySpec)> = Vec::new();
    for (k, v) in entries {
        let action: &str = k.get_ref();
        let dotted = format!("keys.{action}");
        let at = k.span().start;
        if !known.actions.is_empty() && !known.actions.contains(&action) {
            err(
                at,
                &dotted,
                format!(
                    "no action {action:?}; the actions are {}",
                    known.actions.join(", ")
                ),
            );
            continue;
        }
        let Some(text) = v.get_ref().as_str() else {
            err(
                at,
                &dotted,
                "expected a key in quotes, e.g. \"ctrl-d\"".into(),
            );
            continue;
        };
        match text.parse::<KeySpec>() {
            Ok(key) => parsed.push((at, action.to_string(), text, key)),
            Err(e) => err(at, &dotted, e),
        }
    }
    // Pass 2: two overrides with one key: the first keeps it, the later ones are rejected (their
    // actions keep their defaults). A key another action has by default is no conflict: the
    // keymap takes it from that action.
    let mut kept: Vec<KeyOverride> = Vec::new();
    for (at, action, text, key) in parsed {
        match kept.iter().find(|o| o.key == key) {
            Some(first) => err(
                at,
                &format!("keys.{action}"),
                format!(
                    "{text:?} is already bound to `{}` (line {})",
                    first.action, first.line
                ),
            ),
            None => kept.push(KeyOverride {
                action,
                key,
                line: line_of(at),
            }),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: &[&str] = &["quit", "search", "next_hit", "bookmark"];

    fn known() -> Known<'static> {
        Known {
            actions: ACTIONS,
            themes: &["dark", "light", "mono"],
        }
    }

    #[test]
    fn good_config_applies() {
        let text = "theme = \"light\"\ncolor = \"never\"\ndefault_councils = [\"swansea\"]\n\n[keys]\nquit = \"ctrl-q\"\nsearch = \"s\"\n";
        let (cfg, errors) = Settings::parse(text, "config.toml", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.theme.as_deref(), Some("light"));
        assert_eq!(cfg.color, ColorChoice::Never);
        assert_eq!(cfg.default_councils, ["swansea"]);
        // The older name is still read.
        let (old, errors) = Settings::parse(
            "default_authorities = [\"cardiff\"]\n",
            "config.toml",
            &known(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(old.default_councils, ["cardiff"]);
        assert_eq!(cfg.keys.len(), 2);
        assert_eq!(cfg.keys[0].line, 6);
        let q = KeySpec::new(KeyCode::Char('q'), true, false, false);
        assert_eq!((cfg.keys[0].action.as_str(), cfg.keys[0].key), ("quit", q));
        assert_eq!(cfg.keys[1].key.to_string(), "s");
    }

    #[test]
    fn bad_values_name_line_and_key_and_the_rest_applies() {
        let text =
            "theme = \"light\"\ncolour = \"blue\"\nwidth = 3\ndefault_authorities = \"swansea\"\n";
        let (cfg, errors) = Settings::parse(text, "/home/u/.config/ciw/config.toml", &known());
        assert_eq!(cfg.theme.as_deref(), Some("light"));
        assert_eq!(cfg.color, ColorChoice::Auto);
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].starts_with("/home/u/.config/ciw/config.toml:2: `colour`: expected"));
        assert!(shown[1].starts_with("/home/u/.config/ciw/config.toml:3: `width`: unknown setting"));
        assert!(shown[2].contains(":4: `default_authorities`"));
        assert!(shown[2].ends_with("using the default"));
    }

    #[test]
    fn syntax_error_names_line_and_key_then_defaults() {
        let text = "theme = \"light\"\ncolor = never\n";
        let (cfg, errors) = Settings::parse(text, "config.toml", &known());
        assert_eq!(cfg, Settings::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].key.as_deref(), Some("color"));
        assert!(errors[0].to_string().contains("not valid TOML"));
    }

    #[test]
    fn mouse_is_true_or_false() {
        assert_eq!(Settings::parse("", "c", &known()).0.mouse, None);
        assert_eq!(
            Settings::parse("mouse = false", "c", &known()).0.mouse,
            Some(false)
        );
        assert_eq!(
            Settings::parse("mouse = true", "c", &known()).0.mouse,
            Some(true)
        );
        let (cfg, errors) = Settings::parse("\nmouse = \"off\"", "c", &known());
        assert_eq!(cfg.mouse, None);
        assert_eq!(
            (errors[0].line, errors[0].key.as_deref()),
            (2, Some("mouse"))
        );
        assert!(errors[0].message.contains("true"), "{}", errors[0].message);
    }

    #[test]
    fn unknown_theme_is_named() {
        let (cfg, errors) = Settings::parse("theme = \"neon\"", "c", &known());
        assert_eq!(cfg.theme, None);
        assert!(errors[0].message.contains("dark, light, mono"));
    }

    #[test]
    fn keymap_overrides_are_validated() {
        let text = "[keys]\nquit = \"x\"\nfly = \"f\"\nsearch = \"x\"\nnext_hit = \"ctrl-\"\nbookmark = \"ctrl-B\"\n";
        let (cfg, errors) = Settings::parse(text, "config.toml", &known());
        // `fly` is no action, `search` takes quit's new key, `next_hit` is no key.
        let kept: Vec<(&str, String)> = cfg
            .keys
            .iter()
            .map(|o| (o.action.as_str(), o.key.to_string()))
            .collect();
        assert_eq!(kept, [("quit", "x".into()), ("bookmark", "ctrl-b".into())]);
        let by_line: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.key.as_deref().unwrap()))
            .collect();
        assert_eq!(
            by_line,
            [(3, "keys.fly"), (4, "keys.search"), (5, "keys.next_hit")]
        );
        assert!(errors[0].message.contains("no action \"fly\""));
        assert!(errors[1]
            .message
            .contains("already bound to `quit` (line 2)"));
        assert!(errors[2].message.contains("is not a key"));
    }

    #[test]
    fn one_key_for_two_actions_keeps_the_first_even_spelt_differently() {
        // Terminals send Ctrl-d and Ctrl-D alike, so they are one key.
        let text = "[keys]\nquit = \"ctrl-D\"\nsearch = \"C-d\"\n";
        let (cfg, errors) = Settings::parse(text, "c", &known());
        assert_eq!(cfg.keys.len(), 1);
        assert_eq!(cfg.keys[0].action, "quit");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 3);
        assert!(errors[0]
            .message
            .contains("already bound to `quit` (line 2)"));
    }

    #[test]
    fn taking_another_actions_default_key_is_no_conflict() {
        // `n` is next_hit's key by default; the keymap moves it, validation lets it through.
        let (cfg, errors) = Settings::parse("[keys]\nbookmark = \"n\"\n", "c", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.keys[0].key.to_string(), "n");
    }

    #[test]
    fn swapping_two_default_keys_is_fine() {
        let text = "[keys]\nquit = \"/\"\nsearch = \"q\"\n";
        let (cfg, errors) = Settings::parse(text, "c", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.keys.len(), 2);
    }

    #[test]
    fn missing_config_is_defaults_silently() {
        let tmp = tempfile::tempdir().unwrap();
        let (cfg, errors) = Settings::load(&Paths::in_dir(tmp.path()), &known());
        assert_eq!(cfg, Settings::default());
        assert!(errors.is_empty());
    }
}
