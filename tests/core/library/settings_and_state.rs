//! The settings file's errors, named by line and key, and the explorer's state kept per library.

use ciw::paths::Paths;
use ciw::settings::{Known, Settings};
use ciw::state::{Position, State};
use std::fs;

#[test]
fn config_errors_name_the_line_and_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::in_dir(tmp.path());
    fs::create_dir_all(&paths.config).unwrap();
    fs::write(
        paths.config_file(),
        "theme = \"dark\"\ncolor = \"sometimes\"\n\n[keys]\nquit = \"Q\"\nexplode = \"x\"\nsearch = \"Q\"\n",
    )
    .unwrap();
    let known = Known {
        actions: &["quit", "search"],
        themes: &[],
    };
    let (cfg, errors) = Settings::load(&paths, &known);
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let file = paths.config_file().display().to_string();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(
        shown[0].starts_with(&format!("{file}:2: `color`:")),
        "{shown:?}"
    );
    assert!(shown[1].starts_with(&format!("{file}:6: `keys.explode`: no action")));
    assert!(shown[2].starts_with(&format!("{file}:7: `keys.search`:")));
    assert!(shown[2].contains("already bound to `quit`"));
    // The good settings apply.
    assert_eq!(cfg.theme.as_deref(), Some("dark"));
    assert_eq!(cfg.keys.len(), 1);
    assert_eq!(cfg.keys[0].key.to_string(), "Q");
}

#[test]
fn last_position_and_bookmarks_are_restored_per_library() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let paths = Paths::resolve(Some(&lib)).unwrap();
    assert_eq!(paths.state, lib.join("state"));
    let (mut state, notes) = State::load(&paths);
    assert!(notes.is_empty());
    let pos = Position {
        report: "pembrokeshire-2018-09".into(),
        section: Some("safeguarding".into()),
        paragraph: Some("4.3".into()),
    };
    state.set_last(pos.clone());
    state.add_bookmark("swansea-2018-07", "R5", "area for development 5");
    state.save().unwrap();
    let (state, _) = State::load(&paths);
    assert_eq!(state.last(), Some(&pos));
    assert_eq!(state.bookmarks().len(), 1);
    assert_eq!(state.bookmarks()[0].paragraph, "R5");
    // Another library has its own state.
    let other = Paths::resolve(Some(&tmp.path().join("other"))).unwrap();
    assert!(State::load(&other).0.last().is_none());
}
