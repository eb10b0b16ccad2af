//! Where the reader was, and what they bookmarked, kept between runs: glue between the
//! [`App`] and [`crate::config::State`] (files in the state dir, written atomically). The state
//! is handed in ([`attach`]), so tests use a temporary folder and never the user's.

use super::app::{App, Item};
use crate::config::{Located, Position, State};
use crate::target::Target;

/// Gives the app its state; unless a deep link was given (`restore` false), reopens at the last
/// position, as far as it still exists in the reports at hand.
pub fn attach(app: &mut App, state: State, restore: bool) {
    let last = state.last().and_then(|p| p.locate(&app.corpus));
    app.state = Some(state);
    if restore {
        if let Some(l) = last {
            open(app, l);
        }
    }
}

/// Opens a saved place.
pub fn open(app: &mut App, l: Located) {
    app.open_target(Target {
        report: l.report,
        section: l.section,
        paragraph: l.paragraph,
    });
}

/// The reader's position: report, section shown, paragraph selected.
pub fn position(app: &App) -> Option<Position> {
    let r = app.report()?;
    let s = app.section();
    let paragraph = match app.selected_item() {
        Some(Item::Paragraph(pi)) => s.and_then(|s| s.paragraphs.get(pi)).map(|p| p.id.clone()),
        _ => None,
    };
    Some(Position {
        report: r.id.clone(),
        section: s.map(|s| s.key()),
        paragraph,
    })
}

/// Records the position and writes the state (on quit). Errors are for stderr.
pub fn save(app: &mut App) -> std::io::Result<()> {
    let pos = position(app);
    let Some(state) = app.state.as_mut() else {
        return Ok(());
    };
    if let Some(p) = pos {
        state.set_last(p);
    }
    state.save()
}

/// `m`: bookmarks the selected paragraph, or removes its bookmark, and saves at once.
pub fn toggle_bookmark(app: &mut App) {
    let (Some(r), Some(p)) = (app.report(), app.paragraph()) else {
        app.message = Some("Select a paragraph to bookmark it (Tab to the text pane)".into());
        return;
    };
    let (report, id) = (r.id.clone(), p.id.clone());
    let label = r.citation(&id);
    let short = crate::text::for_terminal(&r.authority.short).into_owned();
    let Some(state) = app.state.as_mut() else {
        app.message = Some("Bookmarks are off: ciw found no folder to keep them in".into());
        return;
    };
    let on = state.toggle_bookmark(&report, &id, &label);
    let saved = state.save();
    let id = crate::text::for_terminal(&id);
    app.message = Some(match (saved, on) {
        (Err(e), _) => format!("Could not save the bookmarks: {e}"),
        (Ok(()), true) => format!("Bookmarked {short} {id} (' lists bookmarks)"),
        (Ok(()), false) => format!("Removed the bookmark on {short} {id}"),
    });
}

/// Whether the paragraph `id` of the selected report is bookmarked.
pub fn is_bookmarked(app: &App, id: &str) -> bool {
    match (app.report(), &app.state) {
        (Some(r), Some(s)) => s.is_bookmarked(&r.id, id),
        _ => false,
    }
}

/// Settings and state read before the terminal is taken over (`ciw [TARGET]`).
#[derive(Debug, Default)]
pub struct Start {
    pub config: crate::config::Config,
    pub state: Option<State>,
    /// What to say on the first frame: config problems, or how to import.
    pub notice: Option<String>,
}

/// Theme names `config.toml` may give.
pub const THEMES: &[&str] = &["default", "monochrome"];

/// The name of an action in `config.toml`'s `[keys]`, for the actions a user would rebind.
pub fn action_name(a: crate::tui::action::Action) -> Option<&'static str> {
    use crate::tui::action::Action as A;
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
        _ => return None,
    })
}

impl Start {
    /// Reads `config.toml` (printing its problems to stderr now, before the explorer takes
    /// the screen) and the state of the library in use.
    pub fn load(args: &crate::cli::Args) -> Start {
        use crate::tui::keymap::{Scope, BINDINGS};
        let paths = match crate::library::Paths::resolve(args.library.as_deref()) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("ciw: {e}; last position and bookmarks will not be kept");
                return Start::default();
            }
        };
        let mut actions: Vec<&str> = Vec::new();
        let mut defaults: Vec<(&str, String)> = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.scope == Scope::Global) {
            if let Some(name) = action_name(b.action) {
                if !actions.contains(&name) {
                    actions.push(name);
                }
                for k in b.keys {
                    let kb = crate::config::KeyBinding::new(k.code, k.mods);
                    defaults.push((name, kb.to_string()));
                }
            }
        }
        let default_keys: Vec<(&str, &str)> =
            defaults.iter().map(|(a, k)| (*a, k.as_str())).collect();
        let known = crate::config::Known {
            actions: &actions,
            default_keys: &default_keys,
            themes: THEMES,
        };
        let (config, errors) = crate::config::Config::load(&paths, &known);
        for e in &errors {
            eprintln!("ciw: {e}");
        }
        if !config.keys.is_empty() {
            eprintln!(
                "ciw: {}: the [keys] overrides are valid but this version does not apply them yet; \
                 `?` lists the keys in use",
                paths.config_file().display()
            );
        }
        let (state, notes) = State::load(&paths);
        for n in &notes {
            eprintln!("ciw: {n}");
        }
        let notice = match errors.first() {
            Some(e) => Some(format!(
                "config.toml: {} problem(s), defaults used; first: line {}: {}",
                errors.len(),
                e.line,
                e.message
            )),
            None if args.reports.is_empty() => crate::library::import_hint(args.library.as_deref()),
            None => None,
        };
        Start {
            config,
            state: Some(state),
            notice,
        }
    }

    /// Whether to draw without colour: `--no-color` always; `color = "never"` or
    /// `theme = "monochrome"` in the config; `NO_COLOR` unless the config says `"always"`.
    pub fn monochrome(&self, flag: bool, no_color_env: bool) -> bool {
        use crate::config::ColorChoice;
        flag || self.config.theme.as_deref() == Some("monochrome")
            || match self.config.color {
                ColorChoice::Never => true,
                ColorChoice::Always => false,
                ColorChoice::Auto => no_color_env,
            }
    }

    /// Hands the state to the app (reopening where the reader was when `restore`), and puts
    /// the notice on the first frame.
    pub fn apply(self, app: &mut App, restore: bool) {
        if let Some(state) = self.state {
            attach(app, state, restore);
        }
        if self.notice.is_some() {
            app.message = self.notice;
        }
    }
}
