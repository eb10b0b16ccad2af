//! The layers, checked: each module may import only modules of a lower layer (or its own), the
//! core imports no terminal crate, and `tui` never imports `cli`. The test reads the source
//! files, so it fails on the import itself, whatever the import is for.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Layer of each top-level module, lowest first. A module may import its own layer's modules
/// only where [`SAME_LAYER`] allows it.
const LAYERS: &[(&str, u8)] = &[
    ("model", 0),
    ("paths", 0),
    ("input", 0),
    ("text", 1),
    ("settings", 1),
    ("parse", 2),
    ("corpus", 3),
    ("search", 4),
    ("compare", 4),
    ("target", 4),
    // Keeps the parsed cache and the search index, so it sits above `search`.
    ("library", 5),
    ("state", 6),
    ("export", 6),
    ("cli", 7),
    ("tui", 7),
];

/// Imports between modules of one layer that are allowed: the command line starts the explorer
/// (and never the other way round).
const SAME_LAYER: &[(&str, &str)] = &[("cli", "tui")];

/// Imports that go up today and are on their way out. Each entry is a debt, not a rule.
const KNOWN_UPWARD: &[(&str, &str)] = &[];

/// What the command line may name of the explorer: it resolves the raw arguments into one
/// [`crate::tui::Launch`] and hands it to [`crate::tui::run`].
const CLI_TO_TUI: &[&str] = &["run", "Launch", "Source"];

/// The names code reaches for through `tui::` (`crate::tui::run`, `tui::Launch`).
fn tui_names(code: &str) -> BTreeSet<String> {
    code.match_indices("tui::")
        .filter(|(i, _)| !code[..*i].chars().next_back().is_some_and(is_ident))
        .map(|(i, m)| {
            code[i + m.len()..]
                .chars()
                .take_while(|c| is_ident(*c))
                .collect()
        })
        .collect()
}

fn name_of(file: &Path, src: &Path) -> String {
    file.strip_prefix(src).unwrap_or(file).display().to_string()
}

/// Crates only the front ends may use.
const TERMINAL_CRATES: &[&str] = &["crossterm", "ratatui", "tui_tree_widget", "terminal_size"];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The `.rs` files of a top-level module: `src/NAME.rs` and everything under `src/NAME/`.
fn files_of(src: &Path, module: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        out.push(file);
    }
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The source without comments (line comments, doc comments, block comments); strings stay.
fn code_of(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let b = source.as_bytes();
    let (mut i, mut in_str, mut depth) = (0, false, 0usize);
    while i < b.len() {
        if depth > 0 {
            if b[i..].starts_with(b"*/") {
                depth -= 1;
                i += 2;
            } else if b[i..].starts_with(b"/*") {
                depth += 1;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if in_str {
            if b[i] == b'\\' {
                out.push_str(&source[i..i + 2.min(b.len() - i)]);
                i += 2;
                continue;
            }
            if b[i] == b'"' {
                in_str = false;
            }
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if b[i..].starts_with(b"/*") {
            depth = 1;
            i += 2;
            continue;
        } else if b[i] == b'"' && !(i > 0 && b[i - 1] == b'\'') {
            in_str = true;
        }
        let c = source[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules a piece of code names through `crate::` (also in groups:
/// `crate::{a, b::c}`), and the terminal crates it names.
fn imports(code: &str) -> (BTreeSet<String>, BTreeSet<&'static str>) {
    let mut modules = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(is_ident) {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group.
            let (mut depth, mut name, mut expecting) = (0, String::new(), true);
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => expecting = true,
                    c if depth == 0 && expecting && is_ident(c) => name.push(c),
                    _ if !name.is_empty() => {
                        modules.insert(std::mem::take(&mut name));
                        expecting = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                modules.insert(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            modules.insert(name);
        }
    }
    let crates = TERMINAL_CRATES
        .iter()
        .copied()
        .filter(|krate| {
            code.match_indices(krate).any(|(i, _)| {
                let before = code[..i].chars().next_back();
                let after = code[i + krate.len()..].chars().next();
                !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
            })
        })
        .collect();
    (modules, crates)
}

/// Every import that breaks the layers, as `file: what`.
fn violations(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for &(module, own) in LAYERS {
        for file in files_of(src, module) {
            let text = fs::read_to_string(&file).expect("a source file");
            let (modules, crates) = imports(&code_of(&text));
            let name = file
                .strip_prefix(src)
                .unwrap_or(&file)
                .display()
                .to_string();
            for m in &modules {
                let Some(theirs) = layer(m) else { continue };
                let allowed = m == module
                    || theirs < own
                    || (theirs == own && SAME_LAYER.contains(&(module, m.as_str())))
                    || KNOWN_UPWARD.contains(&(module, m.as_str()));
                if !allowed {
                    found.push(format!("src/{name}: `{module}` imports `{m}`"));
                }
            }
            if module == "cli" {
                for name in tui_names(&code_of(&text)) {
                    if !CLI_TO_TUI.contains(&name.as_str()) {
                        found.push(format!(
                            "src/{name_}: `cli` reaches into `tui::{name}`",
                            name_ = name_of(&file, src)
                        ));
                    }
                }
            }
            if !matches!(module, "cli" | "tui") {
                for c in &crates {
                    found.push(format!("src/{name}: the core module `{module}` uses `{c}`"));
                }
            }
        }
    }
    found
}

#[test]
fn layers_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Every module of the crate has a layer, so a new one cannot slip past.
    for e in fs::read_dir(&src).expect("src").flatten() {
        let p = e.path();
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if ["lib", "main"].contains(&stem) {
            continue;
        }
        assert!(
            layer(stem).is_some(),
            "src/{stem}: give it a layer in LAYERS"
        );
    }
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports that point up:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_imports_however_they_are_written() {
    let (m, c) = imports(&code_of(
        "use crate::{model::Report, tui::{app, keymap}};\nfn f() { crate::cli::run(); }\n\
         use crossterm::event; // crate::search\nlet s = \"not crate::library\";",
    ));
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    // Names inside a string are still named: a string is no place for a path anyway.
    assert_eq!(m, ["cli", "library", "model", "tui"]);
    assert_eq!(c.into_iter().collect::<Vec<_>>(), ["crossterm"]);
    let code = code_of("/* crate::tui */ a // ratatui\n/// crate::cli\nb");
    assert_eq!(imports(&code), (BTreeSet::new(), BTreeSet::new()));
    // A core file that imports the TUI is caught.
    let tmp = tempfile::tempdir().expect("a temp dir");
    fs::write(tmp.path().join("text.rs"), "use crate::tui::app::App;\n").expect("written");
    fs::create_dir(tmp.path().join("model")).expect("a dir");
    fs::write(tmp.path().join("model/x.rs"), "use ratatui::text::Line;\n").expect("written");
    fs::create_dir(tmp.path().join("parse")).expect("a dir");
    fs::write(
        tmp.path().join("parse/y.rs"),
        "use crate::corpus::Corpus;\n",
    )
    .expect("written");
    // The command line names nothing of the explorer but its launch.
    fs::create_dir(tmp.path().join("cli")).expect("a dir");
    let cli = "fn f(l: crate::tui::Launch) { crate::tui::run(l); crate::tui::app::App::new(); }\n";
    fs::write(tmp.path().join("cli/z.rs"), cli).expect("written");
    assert_eq!(
        violations(tmp.path()),
        [
            "src/model/x.rs: the core module `model` uses `ratatui`",
            "src/text.rs: `text` imports `tui`",
            "src/parse/y.rs: `parse` imports `corpus`",
            "src/cli/z.rs: `cli` reaches into `tui::app`",
        ]
    );
}
