//! `ciw import` and `ciw remove`: the on-disk library (see [`crate::library`]).
use super::Args;
use crate::library::{ImportEvent, Library};
use crate::paths::Paths;
use crate::text::{for_terminal, shown_path};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Imports files and folders; prints one line per file; exit 1 if any failed (the rest are
/// imported all the same).
pub fn import(args: &Args, paths: &[PathBuf]) -> Result<ExitCode> {
    let lib_paths = Paths::resolve(args.library.as_deref())?;
    let (mut lib, notes) = Library::open(&lib_paths.data)?;
    for n in &notes {
        eprintln!("ciw: {}", for_terminal(n));
    }
    let result = lib.import(paths);
    for n in lib.take_notes() {
        eprintln!("ciw: {}", for_terminal(&n));
    }
    let events = result?;
    let mut out = super::output::stdout();
    let (mut added, mut replaced, mut failed) = (0, 0, 0);
    for ev in &events {
        match ev {
            ImportEvent::Imported {
                path,
                entry,
                replaced: old,
            } => {
                let warnings = match entry.warnings {
                    0 => "no warnings".to_string(),
                    1 => "1 warning".to_string(),
                    n => format!("{n} warnings"),
                };
                let (id, path) = (for_terminal(&entry.id), for_terminal(path));
                match old {
                    None => {
                        added += 1;
                        writeln!(out, "imported {id} from {path} ({warnings})")?;
                    }
                    Some(old) => {
                        replaced += 1;
                        let same = if old.key == entry.key {
                            ", same text as before"
                        } else {
                            ""
                        };
                        writeln!(
                            out,
                            "replaced {id} (imported before from {}) with {path} ({warnings}{same})",
                            for_terminal(&old.imported_from)
                        )?;
                    }
                }
            }
            ImportEvent::Failed(e) => {
                failed += 1;
                eprintln!("ciw: {}: not imported", for_terminal(&e.to_string()));
            }
        }
    }
    let total = lib.entries().len();
    writeln!(
        out,
        "{added} imported, {replaced} replaced, {failed} failed; the library ({}) holds {total} report{}.",
        shown_path(lib.dir()),
        if total == 1 { "" } else { "s" }
    )?;
    if added + replaced > 0 {
        index_for_search(&lib);
    }
    if events.iter().any(|e| match e {
        ImportEvent::Imported { entry, .. } => entry.warnings > 0,
        _ => false,
    }) {
        writeln!(out, "`ciw check FILE` lists a file's warnings.")?;
    }
    Ok(super::exit_code(failed > 0))
}

/// Builds and stores the search index now, so the next `ciw search` or `/` need not; drops it
/// when the library is empty.
fn index_for_search(lib: &Library) {
    if lib.is_empty() {
        let _ = std::fs::remove_file(lib.dir().join(crate::library::SEARCH_INDEX));
        return;
    }
    for n in lib.search_index().notes {
        eprintln!("ciw: {}", for_terminal(&n));
    }
}

/// Removes a report by id, or all reports of a council.
pub fn remove(args: &Args, key: &str) -> Result<ExitCode> {
    let lib_paths = Paths::resolve(args.library.as_deref())?;
    let (mut lib, notes) = Library::open(&lib_paths.data)?;
    for n in &notes {
        eprintln!("ciw: {}", for_terminal(n));
    }
    let result = lib.remove(key);
    for n in lib.take_notes() {
        eprintln!("ciw: {}", for_terminal(&n));
    }
    match result {
        Ok(removed) => {
            let mut out = super::output::stdout();
            for e in &removed {
                writeln!(
                    out,
                    "removed {} ({}, {})",
                    for_terminal(&e.id),
                    for_terminal(&e.authority_name),
                    for_terminal(&e.inspection)
                )?;
            }
            if !removed.is_empty() {
                index_for_search(&lib);
            }
            let total = lib.entries().len();
            writeln!(
                out,
                "the library ({}) holds {total} report{}.",
                shown_path(lib.dir()),
                if total == 1 { "" } else { "s" }
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("ciw: {}", for_terminal(&e.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}
