//! Glue between the [`App`] and what lives outside it. Where the reader was, and what they
//! bookmarked, kept between runs in [`crate::state::State`] (files in the state dir, written
//! atomically); the state is handed in ([`attach`]), so tests use a temporary folder and never
//! the user's. And the settings read at start ([`Start`]): `config.toml`, whose `[keys]` become
//! the app's [`Keymap`] ([`keymap_for`]).

use super::app::{App, Item};
use super::keymap::{self, Key, Keymap};
use super::launch::Source;
use crate::state::{Histories, Position, State};
use crate::target::Target;
use crate::text::{for_terminal, shown_path};

/// Gives the app its state; unless a deep link was given (`restore` false), reopens at the last
/// position, as far as it still exists in the reports at hand.
/// Returns whether it reopened the last position.
pub fn attach(app: &mut App, state: State, restore: bool) -> bool {
    let last = state.last().and_then(|p| p.locate(&app.corpus));
    let h = state.histories();
    app.search.editor.set_history(h.search.clone());
    app.goto.set_history(h.goto.clone());
    app.compare.find.editor.set_history(h.find.clone());
    app.compare.last_picks = h.picks.clone();
    app.state = Some(state);
    match last {
        Some(l) if restore => {
            open(app, l);
            true
        }
        _ => false,
    }
}

/// Corpus indices of the councils `names` (as `config.toml` gives them) name, in their order,
/// without repeats (a council inspected more than once: its latest report); and the names that
/// name no report.
fn default_councils<'a>(app: &App, names: &'a [String]) -> (Vec<usize>, Vec<&'a str>) {
    let mut picked = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        let found = app
            .corpus
            .find(name)
            .and_then(|r| app.corpus.reports.iter().position(|x| x.id == r.id));
        match found {
            Some(i) if !picked.contains(&i) => picked.push(i),
            Some(_) => {}
            None => unknown.push(name.as_str()),
        }
    }
    (picked, unknown)
}

/// Opens a saved place (at start: a jump from where the explorer opened).
pub fn open(app: &mut App, place: Target) {
    app.start_at(place);
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

/// The prompts' histories as the app has them now.
pub fn histories(app: &App) -> Histories {
    Histories {
        search: app.search.editor.history().to_vec(),
        goto: app.goto.history().to_vec(),
        find: app.compare.find.editor.history().to_vec(),
        picks: app.compare.last_picks.clone(),
    }
}

/// Records the position and writes the state (on quit). Errors are for stderr.
pub fn save(app: &mut App) -> std::io::Result<()> {
    let pos = position(app);
    let h = histories(app);
    let Some(state) = app.state.as_mut() else {
        return Ok(());
    };
    if let Some(p) = pos {
        state.set_last(p);
    }
    state.set_histories(h);
    state.save()
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
    pub config: crate::settings::Settings,
    /// The keymap with the config's `[keys]` applied.
    pub keymap: Keymap,
    pub state: Option<State>,
    /// What to say on the first frame: config problems, or how to import.
    pub notice: Option<String>,
}

/// Theme names `config.toml` may give.
pub const THEMES: &[&str] = &["default", "monochrome"];

/// What `config.toml`'s validation must know of the TUI: the actions `[keys]` may rebind
/// ([`keymap::rebindable`]) and the themes.
pub fn known<'a>(actions: &'a [&'a str]) -> crate::settings::Known<'a> {
    crate::settings::Known {
        actions,
        themes: THEMES,
    }
}

/// The keymap a config asks for, and a note for each action its `[keys]` leave without a key
/// (another action took its only key): ``` `next_hit` has no key left (`down` took "n") ```.
pub fn keymap_for(config: &crate::settings::Settings) -> (Keymap, Vec<String>) {
    let map = Keymap::from_config(&config.keys);
    let mut notes: Vec<String> = Vec::new();
    for bd in map.unbound() {
        let Some(name) = keymap::action_name(bd.action) else {
            continue;
        };
        let takers: Vec<String> = keymap::BINDINGS
            .iter()
            .filter(|d| d.scope == bd.scope && d.action == bd.action)
            .flat_map(|d| d.keys.iter())
            .filter_map(|k| config.keys.iter().find(|o| Key::from(o.key) == *k))
            .map(|o| format!("`{}` took \"{}\"", o.action, o.key))
            .collect();
        let note = format!(
            "`{name}` has no key left ({}); give it one in [keys]",
            takers.join(", ")
        );
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    (map, notes)
}

impl Start {
    /// Reads `config.toml` (printing its problems to stderr now, before the explorer takes
    /// the screen), builds the keymap it asks for, and reads the state of the library in use.
    pub fn load(source: &Source) -> Start {
        match crate::paths::Paths::resolve(source.library_dir()) {
            Ok(paths) => Start::read(&paths, source),
            Err(e) => {
                eprintln!(
                    "ciw: {}; last position and bookmarks will not be kept",
                    for_terminal(&e.to_string())
                );
                Start::default()
            }
        }
    }

    /// [`Start::load`] with the folders given (tests use a temporary one).
    pub fn read(paths: &crate::paths::Paths, source: &Source) -> Start {
        let actions = keymap::rebindable();
        let (config, errors) = crate::settings::Settings::load(paths, &known(&actions));
        // Names are data: a key, a value or a path in a message is made safe to print.
        for e in &errors {
            eprintln!("ciw: {}", for_terminal(&e.to_string()));
        }
        let (keymap, key_notes) = keymap_for(&config);
        for n in &key_notes {
            eprintln!(
                "ciw: {}: {}",
                shown_path(&paths.config_file()),
                for_terminal(n)
            );
        }
        let (state, notes) = State::load(paths);
        for n in &notes {
            eprintln!("ciw: {}", for_terminal(n));
        }
        let notice = match (errors.first(), key_notes.first()) {
            (Some(e), _) => Some(format!(
                "config.toml: {} problem(s), defaults used; first: line {}: {}",
                errors.len(),
                e.line,
                e.message
            )),
            (None, Some(n)) => Some(format!("config.toml: {n}")),
            (None, None) => match source {
                Source::Library(dir) => crate::library::import_hint(dir.as_deref()),
                Source::Files => None,
            },
        }
        .map(|n| for_terminal(&n).into_owned());
        Start {
            config,
            keymap,
            state: Some(state),
            notice,
        }
    }

    /// Whether to draw without colour: `--no-color` always; `color = "never"` or
    /// `theme = "monochrome"` in the config; `NO_COLOR` unless the config says `"always"`.
    pub fn monochrome(&self, flag: bool, no_color_env: bool) -> bool {
        use crate::settings::ColorChoice;
        flag || self.config.theme.as_deref() == Some("monochrome")
            || match self.config.color {
                ColorChoice::Never => true,
                ColorChoice::Always => false,
                ColorChoice::Auto => no_color_env,
            }
    }

    /// Hands the keymap and the state to the app (reopening where the reader was when
    /// `restore`), and puts the notice on the first frame.
    ///
    /// `default_councils` of the config are picked for comparison (as with Space), and the
    /// explorer opens on the first of them when it has no deep link and no last position.
    pub fn apply(self, app: &mut App, restore: bool) {
        app.keymap = self.keymap;
        let reopened = match self.state {
            Some(state) => attach(app, state, restore),
            None => false,
        };
        let (picked, unknown) = default_councils(app, &self.config.default_councils);
        if let Some(&first) = picked.first() {
            app.compare.picked = picked.iter().copied().collect();
            if restore && !reopened {
                app.start_on_report(first);
            }
        }
        let unknown = (!unknown.is_empty()).then(|| {
            let shown: Vec<String> = unknown
                .iter()
                .map(|n| format!("`{}`", for_terminal(n)))
                .collect();
            format!(
                "config.toml: default_councils: no report for {}",
                shown.join(", ")
            )
        });
        if let Some(u) = &unknown {
            eprintln!("ciw: {u}");
        }
        if let Some(m) = self.notice.or(unknown) {
            app.message = Some(m);
        }
    }
}
