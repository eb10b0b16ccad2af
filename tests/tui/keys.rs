//! `config.toml`'s `[keys]` as the explorer starts with them: read from a file in a temporary
//! config folder (never the user's) through [`session::Start`], then keys pressed in the `App`.
//! The keys do what the config says, and the footer and the help show the keys that work.

use crate::common;

use ciw::paths::Paths;
use ciw::tui::app::{App, Overlay, Pane};
use ciw::tui::session::Start;
use ciw::tui::Source;
use common::tui::{app_at, ctrl, draw, key, screen};
use crossterm::event::KeyCode;

/// The explorer at `link`, started with `config` as its `config.toml`.
fn app_with_config(config: &str, link: &str) -> App {
    let tmp = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(tmp.path());
    std::fs::create_dir_all(&paths.config).expect("config dir");
    std::fs::write(paths.config_file(), config).expect("config written");
    let start = Start::read(&paths, &Source::Files);
    let mut app = app_at(Some(link), false, false);
    start.apply(&mut app, false);
    app
}

#[test]
fn down_n_moves_with_n_and_not_with_j() {
    let mut app = app_with_config("[keys]\ndown = \"n\"\n", "swansea#3");
    assert_eq!(app.focus, Pane::Sections);
    // `n` was next_hit's key: the first frame says next_hit has none now.
    let notice = app.message.clone().unwrap_or_default();
    assert!(
        notice.contains("`next_hit` has no key left (`down` took \"n\")"),
        "{notice}"
    );
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("config.toml: `next_hit` has no key left"), "{s}");
    let at = app.sections.selected;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.sections.selected, at, "j no longer moves");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.sections.selected, at + 1, "n moves down");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.sections.selected, at + 2, "the arrow still moves down");
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.sections.selected, at + 1, "k still moves up");
    // The footer and the help show the keys that work.
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("n/k move"), "{s}");
    assert!(!s.contains("j/k move"), "{s}");
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Overlay::Help);
    let s = screen(&draw(&mut app, 120, 40));
    let line = |s: &str, what: &str| {
        s.lines()
            .find(|l| l.contains(what))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line(&s, "move down").contains("  n, ↓ "), "{s}");
    assert!(line(&s, "next search hit").contains("(no key)"), "{s}");
    // Inside the help, j still scrolls: the overlays keep their own keys.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.help.offset, 1);
    let mut all = s;
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
        all.push_str(&screen(&draw(&mut app, 120, 40)));
    }
    assert!(all.contains("(then (no key)/N step"), "{all}");
}

#[test]
fn rejected_overrides_leave_the_defaults_working() {
    // Two actions given one key: the first gets it, the second keeps its default and the
    // first frame says so.
    let mut app = app_with_config("[keys]\nquit = \"x\"\nsearch = \"x\"\n", "swansea#3");
    let notice = app.message.clone().unwrap_or_default();
    assert!(notice.contains("1 problem(s)"), "{notice}");
    assert!(notice.contains("line 3"), "{notice}");
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.overlay(), Overlay::Search, "search keeps /");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "q is no longer quit");
    key(&mut app, KeyCode::Char('x'));
    assert!(app.quit, "x quits");
}

#[test]
fn quit_help_and_back_follow_into_the_overlays() {
    let mut app = app_with_config(
        "[keys]\nquit = \"ctrl-q\"\nhelp = \"H\"\nback = \"x\"\n",
        "swansea#3",
    );
    assert_eq!(app.message, None, "no problems to report");
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("H help") && s.contains("Ctrl-q quit"), "{s}");
    key(&mut app, KeyCode::Char('H'));
    assert_eq!(app.overlay(), Overlay::Help);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("Esc close"), "{s}");
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay(), Overlay::None, "x closes the help");
    // In the search, x is text; Esc still closes it; Ctrl-q quits from anywhere.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.search.query(), "x");
    ctrl(&mut app, 'c');
    assert!(!app.quit, "Ctrl-c gave way to Ctrl-q");
    ctrl(&mut app, 'q');
    assert!(app.quit);
}

#[test]
fn the_readme_names_every_rebindable_action() {
    let readme = include_str!("../../README.md");
    for name in ciw::tui::keymap::rebindable() {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md's [keys] section lacks `{name}`"
        );
    }
}

/// The explorer without a deep link (so it may reopen or open on a default), started with
/// `config`.
fn app_started(config: &str) -> App {
    let tmp = tempfile::tempdir().expect("temp dir");
    let paths = Paths::in_dir(tmp.path());
    std::fs::create_dir_all(&paths.config).expect("config dir");
    std::fs::write(paths.config_file(), config).expect("config written");
    let start = Start::read(&paths, &Source::Files);
    let mut app = app_at(None, false, false);
    start.apply(&mut app, true);
    app
}

#[test]
fn default_councils_are_picked_and_opened_on() {
    let app = app_started("default_councils = [\"swansea\", \"pembroke\", \"cardiff\"]\n");
    let names = |app: &App| -> Vec<String> {
        app.compare
            .picked
            .iter()
            .map(|&i| app.corpus.reports[i].authority.short.clone())
            .collect()
    };
    // Opened on the first named (Swansea is second in the list), both picked for `c`.
    assert_eq!(app.report().expect("a report").authority.short, "Swansea");
    assert_eq!(names(&app), ["Pembrokeshire", "Swansea"]);
    let notice = app.message.clone().unwrap_or_default();
    assert!(
        notice.contains("default_councils: no report for `cardiff`"),
        "{notice}"
    );
    // Without the setting: the first council, nothing picked, nothing said.
    let plain = app_started("");
    assert_eq!(
        plain.report().expect("a report").authority.short,
        "Pembrokeshire"
    );
    assert!(plain.compare.picked.is_empty() && plain.message.is_none());
    // A deep link wins over the default council; the picks stay.
    let linked = app_with_config("default_councils = [\"swansea\"]\n", "pembrokeshire#4");
    assert_eq!(
        linked.report().expect("a report").authority.short,
        "Pembrokeshire"
    );
    assert_eq!(names(&linked), ["Swansea"]);
}

#[test]
fn overlays_stack_and_each_closes_back_to_the_one_under_it() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('M'));
    assert_eq!(app.overlays(), [Overlay::Compare, Overlay::Matrix]);
    // The matrix over the comparison covers the comparison's councils.
    let t = draw(&mut app, 100, 30);
    assert!(screen(&t).contains("2 reports"), "{}", screen(&t));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlays(), [Overlay::Compare]);
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlays(), [Overlay::Compare, Overlay::Help]);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::Compare);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
    assert!(app.overlays().is_empty());
    // Help from the reader closes back to the reader.
    key(&mut app, KeyCode::Char('?'));
    key(&mut app, KeyCode::Char('?'));
    assert!(app.overlays().is_empty());
}
