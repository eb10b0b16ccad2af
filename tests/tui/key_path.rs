//! The key path in one direction, checked on the sources: updates read the layout stored on
//! resize and zoom (`App::areas`) and never lay the screen out, which only drawing does; and
//! the panes reach the app only through the commands they return (the status line's word
//! included), never through the app's start-side entries; and a pane changes only its own
//! state: no call of another pane's function that changes the app, no write to another pane's
//! fields, no change to a list it does not own.

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

/// The pane a source under `src/tui/panes/` belongs to: its first folder, else its file's name
/// (`compare/find.rs` is the comparison's).
fn pane_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    first
        .unwrap_or_default()
        .trim_end_matches(".rs")
        .to_string()
}

/// The module a source is (`find` for `compare/find.rs`, `compare` for `compare/mod.rs`).
fn module_of(rel: &Path) -> String {
    let stem = rel.file_stem().unwrap_or_default().to_string_lossy();
    if stem == "mod" {
        let parent = rel.parent().and_then(|p| p.file_name());
        parent.unwrap_or_default().to_string_lossy().into_owned()
    } else {
        stem.into_owned()
    }
}

/// The functions a source declares that may change the app (their first argument is
/// `app: &mut App`).
fn mutating_fns(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("(app: &mut App") {
        let name = enclosing_fn(code, at);
        // `enclosing_fn` found the `fn` this argument list opens.
        if code[..at].ends_with(name) && !name.is_empty() {
            out.push(name.to_string());
        }
    }
    out
}

/// The list a pane owns, the one whose state it may change through `lists`.
fn own_list(pane: &str) -> Option<&'static str> {
    Some(match pane {
        "authorities" => "ListId::Councils",
        "sections" => "ListId::Sections",
        "search" => "ListId::Hits",
        "bookmarks" => "ListId::Bookmarks",
        "compare" => "ListId::Picks",
        _ => return None,
    })
}

/// A pane changes only its own state: it calls no other pane's function that takes the app
/// mutably (`sections::follow_paragraph`, `prompt::open`, `help::opened`), and changes a
/// list through the shared `lists` functions only for the list it owns. What it wants of
/// another pane it returns as a command, which the app applies. (Checked on calls written
/// `module::function(`, as the panes write them.)
#[test]
fn a_pane_changes_only_its_own_state() {
    let panes = tui_dir().join("panes");
    let mut files = Vec::new();
    let mut fns: Vec<(String, String, String)> = Vec::new(); // (pane, module, function)
    for file in sources(&panes) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let code = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_string();
        let rel = file.strip_prefix(&panes).unwrap_or(&file).to_path_buf();
        let (pane, module) = (pane_of(&rel), module_of(&rel));
        for f in mutating_fns(&code) {
            fns.push((pane.clone(), module.clone(), f));
        }
        files.push((rel, pane, code));
    }
    assert!(
        fns.iter()
            .any(|(_, m, f)| m == "sections" && f == "follow_paragraph"),
        "the check found no pane function that changes the app"
    );
    for (rel, pane, code) in &files {
        let rel = rel.display();
        for (owner, module, f) in &fns {
            if owner == pane || module == "lists" {
                continue;
            }
            let call = format!("{module}::{f}(");
            assert!(
                !code.contains(&call),
                "src/tui/panes/{rel}: calls `{call}` of the {owner} pane; return a command instead"
            );
        }
        if pane == "lists" {
            continue;
        }
        for f in fns
            .iter()
            .filter(|(_, m, _)| m == "lists")
            .map(|(_, _, f)| f)
        {
            let call = format!("lists::{f}(app, ");
            for (at, _) in code.match_indices(&call) {
                let id = &code[at + call.len()..];
                let own = own_list(pane).is_some_and(|l| id.starts_with(l));
                assert!(
                    own,
                    "src/tui/panes/{rel}: `{call}` changes a list it does not own; return a command instead"
                );
            }
        }
    }
}

/// Whether the text after a place (`app.search` ...) writes to it: an assignment, or a call of
/// a method that changes it, through any fields (`app.search.list.selected = 1`).
fn writes_after(rest: &str) -> bool {
    let mut rest = rest;
    while let Some(r) = rest.strip_prefix('.') {
        let end = r
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(r.len());
        let (name, after) = r.split_at(end);
        if after.starts_with('(') {
            const CHANGES: [&str; 14] = [
                "push",
                "insert",
                "remove",
                "clear",
                "take",
                "select",
                "reopen",
                "commit",
                "set_text",
                "set_history",
                "handle_key",
                "insert_str",
                "start",
                "submit",
            ];
            return CHANGES.contains(&name);
        }
        rest = after;
    }
    let rest = rest.trim_start();
    (rest.starts_with('=') && !rest.starts_with("=="))
        || ["+=", "-=", "|="].iter().any(|op| rest.starts_with(op))
}

/// No pane writes another pane's state directly (the `f` line's text, kept with the list it
/// filters and reached through `ListId::state_mut`, is the one shared place, and it is not
/// written as `app.<field>`).
#[test]
fn a_pane_writes_no_other_panes_fields() {
    // Each field of the app a pane keeps its state in, and the panes that keep it.
    const OWNERS: [(&str, &[&str]); 10] = [
        ("paragraphs", &["paragraphs"]),
        ("sections", &["sections"]),
        ("expanded", &["sections"]),
        ("authorities", &["authorities"]),
        ("search", &["search"]),
        ("bookmark_list", &["bookmarks"]),
        ("compare", &["compare", "matrix"]),
        ("help", &["help"]),
        ("goto", &["prompt"]),
        ("prompt", &["prompt"]),
    ];
    let panes = tui_dir().join("panes");
    let mut seen = 0;
    for file in sources(&panes) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let rel = file.strip_prefix(&panes).unwrap_or(&file).to_path_buf();
        let pane = pane_of(&rel);
        if pane == "lists" {
            // The lists' shared mechanism, which a pane calls for its own list only (checked
            // above).
            continue;
        }
        for (field, owners) in OWNERS {
            let place = format!("app.{field}");
            for (at, _) in code.match_indices(&place) {
                let rest = &code[at + place.len()..];
                if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue; // a longer name (`app.search_x`)
                }
                if !writes_after(rest) {
                    continue;
                }
                seen += 1;
                assert!(
                    owners.contains(&pane.as_str()),
                    "src/tui/panes/{}: writes `{place}`, which the {} pane keeps; return a command instead",
                    rel.display(),
                    owners.join(" and ")
                );
            }
        }
    }
    assert!(seen > 0, "the check found no pane writing its own state");
    assert!(writes_after(".list.selected = 1") && writes_after(".editor.commit()"));
    assert!(!writes_after(".list.selected == 1") && !writes_after(".editor.text()"));
}
