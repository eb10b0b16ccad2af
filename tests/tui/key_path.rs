//! The key path in one direction, checked on the sources: updates read the layout stored on
//! resize and zoom (`App::areas`) and never lay the screen out, which only drawing does; and
//! the panes reach the app only through the commands they return (the status line's word
//! included), never through the app's start-side entries.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("source dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The name of the function `text[..at]` ends inside (the last `fn ` before it).
fn enclosing_fn(text: &str, at: usize) -> &str {
    let Some(start) = text[..at].rfind("fn ") else {
        return "";
    };
    let name = &text[start + 3..];
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    &name[..end]
}

fn tui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui")
}

#[test]
fn only_drawing_and_the_stored_layout_lay_the_screen_out() {
    let root = tui_dir();
    let mut found = 0;
    for file in sources(&root) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (at, _) in text.match_indices("layout::compute(") {
            found += 1;
            let f = enclosing_fn(&text, at);
            let stored = rel.ends_with("areas.rs") && f == "lay_out";
            assert!(
                f.starts_with("render") || stored,
                "src/tui/{rel}: `{f}` lays the screen out; read `App::areas` instead"
            );
        }
    }
    assert!(found > 0, "the check found no layout at all");
}

/// Whether `text` assigns to `place` (`place = ...`, not `place == ...`).
fn assigns(text: &str, place: &str) -> bool {
    let pattern = format!("{place} =");
    text.match_indices(&pattern)
        .any(|(at, _)| !text[at + pattern.len()..].starts_with('='))
}

#[test]
fn panes_reach_the_app_only_through_commands() {
    let panes = tui_dir().join("panes");
    for file in sources(&panes) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        // The code, not its unit tests (which set the app up as they need).
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for call in [
            ".start_at(",
            ".start_on_report(",
            ".update(",
            ".handle_event(",
            "&mut app.message",
            "app.state.as_mut()",
        ] {
            assert!(
                !code.contains(call),
                "{}: `{call}` reaches past the pane; return a command instead",
                file.display()
            );
        }
        for place in [
            "app.message",
            "app.focus",
            "app.zoom",
            "app.quit",
            "app.size",
        ] {
            assert!(
                !assigns(code, place),
                "{}: sets `{place}`; return a command instead",
                file.display()
            );
        }
    }
    assert!(assigns("app.focus = x", "app.focus") && !assigns("app.focus == x", "app.focus"));
}
