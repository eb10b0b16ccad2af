//! The user's settings (`config.toml`: theme, colours, keymap overrides, default authorities) and
//! the explorer's state (last position, bookmarks), both in the dirs of [`Paths`].
//!
//! A bad setting never stops `ciw`: each problem is a [`ConfigError`] naming the file, the line
//! and the key, that setting keeps its default and the others still apply. Key overrides are
//! checked against the action names the TUI passes in ([`Known`]), so this module knows nothing
//! of the TUI; two overrides may not share a key. An override may take a key another action has
//! by default: the TUI's keymap (`crate::tui::keymap::Keymap`) moves it. State files are written
//! atomically ([`crate::library::write_atomic`]); a damaged bookmarks file is set aside, never
//! overwritten.
//!
//! ```toml
//! theme = "monochrome"
//! color = "auto"                       # auto | always | never
//! default_authorities = ["swansea", "pembrokeshire"]
//!
//! [keys]                               # action = "key"
//! quit = "ctrl-q"
//! search = "/"
//! ```

use crate::corpus::Corpus;
use crate::library::{write_atomic, Paths};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
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
    pub key: KeyBinding,
    /// Line in `config.toml`.
    pub line: usize,
}

/// The settings, defaults where the file is silent or wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Theme name; `None` means the TUI's default.
    pub theme: Option<String>,
    pub color: ColorChoice,
    /// Valid overrides only, in file order.
    pub keys: Vec<KeyOverride>,
    /// Authorities to open on / pre-select for comparison, as the user wrote them.
    pub default_authorities: Vec<String>,
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
pub struct ConfigError {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// The key as a dotted path (`keys.quit`), or `None` when the line has none.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
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

impl std::error::Error for ConfigError {}

const SETTINGS: &str = "theme, color, mouse, default_authorities, [keys]";

impl Config {
    /// Reads `config.toml` from the config dir; a missing file is all defaults, silently.
    pub fn load(paths: &Paths, known: &Known) -> (Config, Vec<ConfigError>) {
        let path = paths.config_file();
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::parse(&text, &path.display().to_string(), known),
                Err(_) => (
                    Config::default(),
                    vec![ConfigError {
                        path: path.display().to_string(),
                        line: 1,
                        key: None,
                        message: "not UTF-8 text".into(),
                    }],
                ),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![ConfigError {
                    path: path.display().to_string(),
                    line: 1,
                    key: None,
                    message: format!("cannot read it: {e}"),
                }],
            ),
        }
    }

    /// Parses the text of a `config.toml`; `path` names it in errors.
    pub fn parse(text: &str, path: &str, known: &Known) -> (Config, Vec<ConfigError>) {
        let mut cfg = Config::default();
        let mut errors = Vec::new();
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let err = |errors: &mut Vec<ConfigError>, offset: usize, key: &str, message: String| {
            errors.push(ConfigError {
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
                errors.push(ConfigError {
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
                "default_authorities" => {
                    let list = v.get_ref().as_array().and_then(|a| {
                        a.iter()
                            .map(|s| s.get_ref().as_str().map(str::to_string))
                            .collect::<Option<Vec<String>>>()
                    });
                    match list {
                        Some(l) => cfg.default_authorities = l,
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

    /// The key for an action: its override if any, else `default`.
    pub fn key_for(&self, action: &str, default: KeyBinding) -> KeyBinding {
        self.keys
            .iter()
            .find(|o| o.action == action)
            .map(|o| o.key)
            .unwrap_or(default)
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
    let mut parsed: Vec<(usize, String, &str, KeyBinding)> = Vec::new();
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
        match KeyBinding::from_str(text) {
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

/// A key with its modifiers, as written in `config.toml`: `q`, `G`, `/`, `ctrl-d`, `alt-x`,
/// `shift-tab`, `enter`, `esc`, `space`, `pgdn`, `f5`...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    pub code: KeyCode,
    /// Control and Alt only: Shift is folded into the character (`G`) or the code (`BackTab`).
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyBinding {
        normalize(code, modifiers)
    }

    /// Whether a key event from the terminal is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        normalize(event.code, event.modifiers) == *self
    }
}

fn normalize(code: KeyCode, modifiers: KeyModifiers) -> KeyBinding {
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let mut m = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match code {
        // Terminals send Ctrl-d and Ctrl-D alike.
        KeyCode::Char(c) if m.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        KeyCode::Char(c) if shift && c.is_ascii_lowercase() => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        KeyCode::Tab if shift => KeyCode::BackTab,
        c => {
            if shift && !matches!(c, KeyCode::Char(_) | KeyCode::BackTab) {
                m |= KeyModifiers::SHIFT;
            }
            c
        }
    };
    KeyBinding { code, modifiers: m }
}

impl FromStr for KeyBinding {
    type Err = String;

    fn from_str(s: &str) -> Result<KeyBinding, String> {
        let bad = || {
            format!("{s:?} is not a key; write e.g. \"q\", \"G\", \"ctrl-d\", \"shift-tab\", \"enter\", \"pgdn\", \"f5\"")
        };
        let mut rest = s.trim();
        let mut mods = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                ("ctrl-", KeyModifiers::CONTROL),
                ("ctrl+", KeyModifiers::CONTROL),
                ("control-", KeyModifiers::CONTROL),
                ("c-", KeyModifiers::CONTROL),
                ("alt-", KeyModifiers::ALT),
                ("alt+", KeyModifiers::ALT),
                ("meta-", KeyModifiers::ALT),
                ("m-", KeyModifiers::ALT),
                ("shift-", KeyModifiers::SHIFT),
                ("shift+", KeyModifiers::SHIFT),
            ]
            .into_iter()
            .find(|(p, _)| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some((p, m)) => {
                    mods |= m;
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
        Ok(normalize(code, mods))
    }
}

impl fmt::Display for KeyBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
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
            other => write!(f, "{other:?}"),
        }
    }
}

/// Where the reader was: a report, and optionally a section and a paragraph in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Report id, e.g. `swansea-2018-07`.
    pub report: String,
    /// Section key ([`crate::model::Section::key`]), e.g. `3` or `methodology`.
    pub section: Option<String>,
    /// Paragraph id, e.g. `3.18`, `R5`, `O3`.
    pub paragraph: Option<String>,
}

/// A bookmarked paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub report: String,
    pub paragraph: String,
    /// Unix seconds.
    pub created: u64,
    /// What the list shows, e.g. the citation ([`crate::model::Report::citation`]).
    pub label: String,
}

/// A saved place found in the reports at hand: indexes into `corpus.reports`, the report's
/// `sections` and that section's `paragraphs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub report: usize,
    pub section: Option<usize>,
    pub paragraph: Option<usize>,
}

/// Finds a saved place, as far as it still exists: a report removed since gives `None`; a section
/// or paragraph the report no longer has (say, after a parser change) gives the report, or the
/// report and section, so the explorer opens as close as it can.
pub fn locate(
    corpus: &Corpus,
    report: &str,
    section: Option<&str>,
    paragraph: Option<&str>,
) -> Option<Located> {
    let ri = corpus.reports.iter().position(|r| r.id == report)?;
    let r = &corpus.reports[ri];
    if let Some(pid) = paragraph {
        for (si, s) in r.sections.iter().enumerate() {
            if let Some(pi) = s.paragraphs.iter().position(|p| p.id == pid) {
                return Some(Located {
                    report: ri,
                    section: Some(si),
                    paragraph: Some(pi),
                });
            }
        }
    }
    let section = section.and_then(|k| r.sections.iter().position(|s| s.key() == k));
    Some(Located {
        report: ri,
        section,
        paragraph: None,
    })
}

impl Position {
    /// Where this position is in `corpus`, as far as it still exists (see [`locate`]).
    pub fn locate(&self, corpus: &Corpus) -> Option<Located> {
        locate(
            corpus,
            &self.report,
            self.section.as_deref(),
            self.paragraph.as_deref(),
        )
    }
}

impl Bookmark {
    /// Where this bookmark is in `corpus`; `None` if its report is no longer there.
    pub fn locate(&self, corpus: &Corpus) -> Option<Located> {
        locate(corpus, &self.report, None, Some(&self.paragraph))
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct BookmarksFile {
    bookmarks: Vec<Bookmark>,
}

/// The explorer's state: last position and bookmarks. Change it with the methods, then
/// [`State::save`] (writes only what changed, atomically).
#[derive(Debug, Clone, Default)]
pub struct State {
    dir: PathBuf,
    last: Option<Position>,
    bookmarks: Vec<Bookmark>,
    /// The bookmarks as last read or written: what this explorer added and removed since is
    /// the difference, and only that is applied to the file when saving, so two explorers
    /// open at once both keep their bookmarks.
    base: Vec<Bookmark>,
    last_dirty: bool,
    bookmarks_dirty: bool,
}

/// Last position's file in the state dir.
pub const LAST_FILE: &str = "last.json";
/// Bookmarks' file in the state dir.
pub const BOOKMARKS_FILE: &str = "bookmarks.json";

impl State {
    /// Loads the state; missing files are an empty state. A damaged file gives a note (print it
    /// to stderr or the status line) and an empty part; a damaged bookmarks file is renamed to
    /// `bookmarks.json.damaged` first, so the user's bookmarks are never overwritten.
    pub fn load(paths: &Paths) -> (State, Vec<String>) {
        let mut notes = Vec::new();
        let dir = paths.state.clone();
        let last_path = dir.join(LAST_FILE);
        let last = match fs::read(&last_path) {
            Ok(b) => match serde_json::from_slice::<Option<Position>>(&b) {
                Ok(p) => p,
                Err(e) => {
                    notes.push(format!(
                        "{}: damaged ({e}); starting at the top",
                        last_path.display()
                    ));
                    None
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                notes.push(format!("{}: cannot read it: {e}", last_path.display()));
                None
            }
        };
        let bm_path = dir.join(BOOKMARKS_FILE);
        let bookmarks = match fs::read(&bm_path) {
            Ok(b) => match serde_json::from_slice::<BookmarksFile>(&b) {
                Ok(f) => f.bookmarks,
                Err(e) => {
                    let aside = set_aside(&bm_path);
                    notes.push(format!(
                        "{}: damaged ({e}); kept it as {} and started a new list",
                        bm_path.display(),
                        aside.display()
                    ));
                    Vec::new()
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                notes.push(format!("{}: cannot read it: {e}", bm_path.display()));
                Vec::new()
            }
        };
        (
            State {
                dir,
                last,
                base: bookmarks.clone(),
                bookmarks,
                last_dirty: false,
                bookmarks_dirty: false,
            },
            notes,
        )
    }

    /// Writes what changed since the last load or save. On error the state stays dirty.
    pub fn save(&mut self) -> io::Result<()> {
        if self.last_dirty {
            let json = serde_json::to_vec_pretty(&self.last).map_err(io::Error::other)?;
            write_atomic(&self.dir.join(LAST_FILE), &json)?;
            self.last_dirty = false;
        }
        if self.bookmarks_dirty {
            fs::create_dir_all(&self.dir)?;
            // One saver at a time: read, merge and write are one step.
            let _lock = crate::library::lock_dir(&self.dir)?;
            let path = self.dir.join(BOOKMARKS_FILE);
            // What is on disk now (another explorer may have saved since we read it); if it
            // cannot be read, what we read then.
            let on_disk = fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<BookmarksFile>(&b).ok())
                .map_or_else(|| self.base.clone(), |f| f.bookmarks);
            let merged = merge_bookmarks(&self.base, &self.bookmarks, on_disk);
            let file = BookmarksFile { bookmarks: merged };
            let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
            write_atomic(&path, &json)?;
            self.bookmarks = file.bookmarks;
            self.base = self.bookmarks.clone();
            self.bookmarks_dirty = false;
        }
        Ok(())
    }

    /// Where the reader was when last saved.
    pub fn last(&self) -> Option<&Position> {
        self.last.as_ref()
    }

    /// Records where the reader is (call on every move; [`State::save`] on quit).
    pub fn set_last(&mut self, position: Position) {
        if self.last.as_ref() != Some(&position) {
            self.last = Some(position);
            self.last_dirty = true;
        }
    }

    /// Bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn is_bookmarked(&self, report: &str, paragraph: &str) -> bool {
        self.bookmarks
            .iter()
            .any(|b| b.report == report && b.paragraph == paragraph)
    }

    /// Bookmarks a paragraph; false (and nothing changes) if it already is.
    pub fn add_bookmark(&mut self, report: &str, paragraph: &str, label: &str) -> bool {
        if self.is_bookmarked(report, paragraph) {
            return false;
        }
        self.bookmarks.push(Bookmark {
            report: report.to_string(),
            paragraph: paragraph.to_string(),
            created: crate::library::unix_now(),
            label: label.to_string(),
        });
        self.bookmarks_dirty = true;
        true
    }

    /// Removes a bookmark; false if there was none.
    pub fn remove_bookmark(&mut self, report: &str, paragraph: &str) -> bool {
        let before = self.bookmarks.len();
        self.bookmarks
            .retain(|b| !(b.report == report && b.paragraph == paragraph));
        let removed = self.bookmarks.len() != before;
        self.bookmarks_dirty |= removed;
        removed
    }

    /// `m`: bookmarks the paragraph, or removes its bookmark. Returns whether it is now bookmarked.
    pub fn toggle_bookmark(&mut self, report: &str, paragraph: &str, label: &str) -> bool {
        if self.remove_bookmark(report, paragraph) {
            false
        } else {
            self.add_bookmark(report, paragraph, label)
        }
    }

    /// Whether [`State::save`] has anything to write.
    pub fn is_dirty(&self) -> bool {
        self.last_dirty || self.bookmarks_dirty
    }
}

/// `theirs` (the file now) with what changed from `base` to `ours` applied: our removals
/// removed, our additions appended; everything else as they have it.
fn merge_bookmarks(base: &[Bookmark], ours: &[Bookmark], theirs: Vec<Bookmark>) -> Vec<Bookmark> {
    let key = |b: &Bookmark| (b.report.clone(), b.paragraph.clone());
    let has = |list: &[Bookmark], b: &Bookmark| list.iter().any(|x| key(x) == key(b));
    let mut merged: Vec<Bookmark> = theirs
        .into_iter()
        // Kept unless we had it and removed it.
        .filter(|b| !has(base, b) || has(ours, b))
        .collect();
    for b in ours {
        if !has(base, b) && !has(&merged, b) {
            merged.push(b.clone());
        }
    }
    merged
}

/// Renames a damaged file out of the way (`NAME.damaged`, or `NAME.damaged-N` if taken).
fn set_aside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut aside = path.with_file_name(format!("{name}.damaged"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{name}.damaged-{n}"));
        n += 1;
    }
    let _ = fs::rename(path, &aside);
    aside
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
        let text = "theme = \"light\"\ncolor = \"never\"\ndefault_authorities = [\"swansea\"]\n\n[keys]\nquit = \"ctrl-q\"\nsearch = \"s\"\n";
        let (cfg, errors) = Config::parse(text, "config.toml", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.theme.as_deref(), Some("light"));
        assert_eq!(cfg.color, ColorChoice::Never);
        assert_eq!(cfg.default_authorities, ["swansea"]);
        assert_eq!(cfg.keys.len(), 2);
        assert_eq!(cfg.keys[0].line, 6);
        let q = KeyBinding::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(cfg.key_for("quit", "q".parse().unwrap()), q);
        assert_eq!(
            cfg.key_for("bookmark", "m".parse().unwrap()).to_string(),
            "m"
        );
    }

    #[test]
    fn bad_values_name_line_and_key_and_the_rest_applies() {
        let text =
            "theme = \"light\"\ncolour = \"blue\"\nwidth = 3\ndefault_authorities = \"swansea\"\n";
        let (cfg, errors) = Config::parse(text, "/home/u/.config/ciw/config.toml", &known());
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
        let (cfg, errors) = Config::parse(text, "config.toml", &known());
        assert_eq!(cfg, Config::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].key.as_deref(), Some("color"));
        assert!(errors[0].to_string().contains("not valid TOML"));
    }

    #[test]
    fn mouse_is_true_or_false() {
        assert_eq!(Config::parse("", "c", &known()).0.mouse, None);
        assert_eq!(
            Config::parse("mouse = false", "c", &known()).0.mouse,
            Some(false)
        );
        assert_eq!(
            Config::parse("mouse = true", "c", &known()).0.mouse,
            Some(true)
        );
        let (cfg, errors) = Config::parse("\nmouse = \"off\"", "c", &known());
        assert_eq!(cfg.mouse, None);
        assert_eq!(
            (errors[0].line, errors[0].key.as_deref()),
            (2, Some("mouse"))
        );
        assert!(errors[0].message.contains("true"), "{}", errors[0].message);
    }

    #[test]
    fn unknown_theme_is_named() {
        let (cfg, errors) = Config::parse("theme = \"neon\"", "c", &known());
        assert_eq!(cfg.theme, None);
        assert!(errors[0].message.contains("dark, light, mono"));
    }

    #[test]
    fn keymap_overrides_are_validated() {
        let text = "[keys]\nquit = \"x\"\nfly = \"f\"\nsearch = \"x\"\nnext_hit = \"ctrl-\"\nbookmark = \"ctrl-B\"\n";
        let (cfg, errors) = Config::parse(text, "config.toml", &known());
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
        let (cfg, errors) = Config::parse(text, "c", &known());
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
        let (cfg, errors) = Config::parse("[keys]\nbookmark = \"n\"\n", "c", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.keys[0].key.to_string(), "n");
    }

    #[test]
    fn swapping_two_default_keys_is_fine() {
        let text = "[keys]\nquit = \"/\"\nsearch = \"q\"\n";
        let (cfg, errors) = Config::parse(text, "c", &known());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(cfg.keys.len(), 2);
    }

    #[test]
    fn key_syntax() {
        let k = |s: &str| s.parse::<KeyBinding>().unwrap();
        assert_eq!(k("G"), k("shift-g"));
        assert_eq!(k("shift-tab").code, KeyCode::BackTab);
        assert_eq!(k("C-d"), k("ctrl-d"));
        assert_eq!(k("ctrl+d").to_string(), "ctrl-d");
        assert_eq!(k("PgDn").code, KeyCode::PageDown);
        assert_eq!(k("space").code, KeyCode::Char(' '));
        assert_eq!(k("-").code, KeyCode::Char('-'));
        assert_eq!(k("f5").code, KeyCode::F(5));
        assert!("f99".parse::<KeyBinding>().is_err());
        assert!("".parse::<KeyBinding>().is_err());
        assert!("ctrl-".parse::<KeyBinding>().is_err());
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert!(k("G").matches(&ev));
        assert!(!k("g").matches(&ev));
        for s in [
            "ctrl-d",
            "alt-x",
            "enter",
            "shift-tab",
            "pgup",
            "f12",
            "space",
            "/",
        ] {
            assert_eq!(k(s).to_string(), s);
            assert_eq!(k(&k(s).to_string()), k(s));
        }
    }

    #[test]
    fn missing_config_is_defaults_silently() {
        let tmp = tempfile::tempdir().unwrap();
        let (cfg, errors) = Config::load(&Paths::in_dir(tmp.path()), &known());
        assert_eq!(cfg, Config::default());
        assert!(errors.is_empty());
    }

    #[test]
    fn two_explorers_at_once_both_keep_their_bookmarks() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        let (mut first, _) = State::load(&paths);
        first.add_bookmark("swansea-2018-07", "3.18", "kept by both");
        first.add_bookmark("swansea-2018-07", "R5", "removed by a");
        first.save().unwrap();
        // Two explorers open on the same state.
        let (mut a, _) = State::load(&paths);
        let (mut b, _) = State::load(&paths);
        assert!(a.add_bookmark("pembrokeshire-2018-09", "O3", "added by a"));
        assert!(a.remove_bookmark("swansea-2018-07", "R5"));
        assert!(b.add_bookmark("pembrokeshire-2018-09", "4.2", "added by b"));
        a.save().unwrap();
        b.save().unwrap();
        let ids = |s: &State| -> Vec<String> {
            s.bookmarks()
                .iter()
                .map(|b| format!("{}#{}", b.report, b.paragraph))
                .collect()
        };
        let want = [
            "swansea-2018-07#3.18",
            "pembrokeshire-2018-09#O3",
            "pembrokeshire-2018-09#4.2",
        ];
        assert_eq!(ids(&State::load(&paths).0), want);
        assert_eq!(ids(&b), want, "the saver sees the merged list");
        // b removes what a added; a, saving again with nothing new, does not bring it back.
        assert!(b.remove_bookmark("pembrokeshire-2018-09", "O3"));
        b.save().unwrap();
        a.set_last(Position {
            report: "swansea-2018-07".into(),
            section: None,
            paragraph: None,
        });
        a.save().unwrap();
        assert_eq!(
            ids(&State::load(&paths).0),
            ["swansea-2018-07#3.18", "pembrokeshire-2018-09#4.2"]
        );
    }

    #[test]
    fn state_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        let (mut s, notes) = State::load(&paths);
        assert!(notes.is_empty() && s.last().is_none() && s.bookmarks().is_empty());
        assert!(!s.is_dirty());
        let pos = Position {
            report: "swansea-2018-07".into(),
            section: Some("3".into()),
            paragraph: Some("3.18".into()),
        };
        s.set_last(pos.clone());
        assert!(s.add_bookmark("swansea-2018-07", "3.18", "para 3.18"));
        assert!(!s.add_bookmark("swansea-2018-07", "3.18", "again"));
        assert!(s.add_bookmark("pembrokeshire-2018-09", "R5", "area 5"));
        assert!(!s.toggle_bookmark("pembrokeshire-2018-09", "R5", ""));
        assert!(s.toggle_bookmark("pembrokeshire-2018-09", "O3", "finding 3"));
        s.save().unwrap();
        assert!(!s.is_dirty());

        let (back, notes) = State::load(&paths);
        assert!(notes.is_empty());
        assert_eq!(back.last(), Some(&pos));
        let ids: Vec<(&str, &str)> = back
            .bookmarks()
            .iter()
            .map(|b| (b.report.as_str(), b.paragraph.as_str()))
            .collect();
        assert_eq!(
            ids,
            [("swansea-2018-07", "3.18"), ("pembrokeshire-2018-09", "O3")]
        );
        assert!(back.bookmarks()[0].created > 1_600_000_000);
        assert_eq!(back.bookmarks()[0].label, "para 3.18");
    }

    #[test]
    fn positions_are_located_as_far_as_they_still_exist() {
        let corpus = Corpus::samples();
        let at = |report: &str, section: Option<&str>, paragraph: Option<&str>| {
            Position {
                report: report.into(),
                section: section.map(Into::into),
                paragraph: paragraph.map(Into::into),
            }
            .locate(&corpus)
        };
        let l = at("swansea-2018-07", Some("3"), Some("3.2")).unwrap();
        let r = &corpus.reports[l.report];
        assert_eq!(r.id, "swansea-2018-07");
        let s = &r.sections[l.section.unwrap()];
        assert_eq!(s.key(), "3");
        assert_eq!(s.paragraphs[l.paragraph.unwrap()].id, "3.2");
        // A paragraph that is gone: the section still opens.
        let l = at("swansea-2018-07", Some("3"), Some("3.999")).unwrap();
        assert_eq!(r.sections[l.section.unwrap()].key(), "3");
        assert_eq!(l.paragraph, None);
        // A report that is gone: nowhere.
        assert_eq!(at("cardiff-2019-01", Some("3"), Some("3.2")), None);
        let b = Bookmark {
            report: "pembrokeshire-2018-09".into(),
            paragraph: "R1".into(),
            created: 0,
            label: String::new(),
        };
        let l = b.locate(&corpus).unwrap();
        let r = &corpus.reports[l.report];
        assert_eq!(
            r.sections[l.section.unwrap()].paragraphs[l.paragraph.unwrap()].id,
            "R1"
        );
    }

    #[test]
    fn damaged_bookmarks_are_set_aside_not_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        fs::create_dir_all(&paths.state).unwrap();
        fs::write(paths.state.join(BOOKMARKS_FILE), b"{ \"bookmarks\": [ {").unwrap();
        fs::write(paths.state.join(LAST_FILE), b"garbage").unwrap();
        let (mut s, notes) = State::load(&paths);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(s.bookmarks().is_empty() && s.last().is_none());
        let aside = paths.state.join("bookmarks.json.damaged");
        assert_eq!(fs::read(&aside).unwrap(), b"{ \"bookmarks\": [ {");
        s.add_bookmark("a", "1.1", "x");
        s.save().unwrap();
        assert_eq!(fs::read(&aside).unwrap(), b"{ \"bookmarks\": [ {");
        assert_eq!(State::load(&paths).0.bookmarks().len(), 1);
    }
}
