//! The stored search index: written by `ciw import`, used by `ciw search` with the same answers
//! as from the files, rebuilt when damaged or of an older format, and following imports and
//! removals.

use super::{ciw, imported_by_the_binary, imported_library, text, variant};
use ciw::library::{Library, SEARCH_INDEX};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// `ciw search --json` over the library, with its stderr.
fn search_json(lib: &Path, query: &str) -> (String, String) {
    let out = ciw(lib, &["search", query, "--json", "--limit", "20"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (text(&out.stdout), text(&out.stderr))
}

/// A library of the samples with its search index stored: its folder, the library, the answer
/// to "placement stability" (searched once, quietly), where the index is stored and its bytes.
fn stored_index() -> (TempDir, PathBuf, String, PathBuf, Vec<u8>) {
    let (tmp, lib) = imported_library();
    let (want, err) = search_json(&lib, "placement stability");
    assert_eq!(err, "");
    let stored = lib.join(SEARCH_INDEX);
    let good = fs::read(&stored).unwrap();
    (tmp, lib, want, stored, good)
}

#[test]
fn search_uses_the_stored_index_and_answers_as_from_the_files() {
    let (_tmp, files, lib) = imported_by_the_binary();
    // `ciw import` stored the index for the first search.
    let stored = lib.join(SEARCH_INDEX);
    let bytes = fs::read(&stored).expect("import stores the search index");
    for q in [
        "plcement stabilty",
        "EOTAS",
        "in:swansea safeguarding",
        "\"care leavers\"",
    ] {
        let (from_lib, err) = search_json(&lib, q);
        assert_eq!(err, "", "{q}");
        let mut args = vec!["search", q, "--json", "--limit", "20"];
        let reports: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
        for r in &reports {
            args.extend(["--reports", r]);
        }
        let direct = Command::new(env!("CARGO_BIN_EXE_ciw"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(from_lib, text(&direct.stdout), "{q}");
        assert!(from_lib.contains("\"paragraph\""), "{q}: {from_lib}");
    }
    // Searching did not rewrite it.
    assert_eq!(fs::read(&stored).unwrap(), bytes);
}

#[test]
fn a_damaged_search_index_is_rebuilt_with_a_note() {
    let (_tmp, lib, want, stored, good) = stored_index();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("flipped bytes", {
            let mut b = good.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0x01;
            b
        }),
        ("cut short", good[..good.len() - 100].to_vec()),
        ("garbage", b"not an index".to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damages {
        fs::write(&stored, &bytes).unwrap();
        let (got, err) = search_json(&lib, "placement stability");
        assert_eq!(got, want, "{what}");
        assert!(
            err.contains(SEARCH_INDEX) && err.contains("damaged"),
            "{what}: {err}"
        );
        assert_eq!(fs::read(&stored).unwrap(), good, "{what}: rewritten");
        assert_eq!(search_json(&lib, "placement stability").1, "", "{what}");
    }
    // Missing: rebuilt quietly.
    fs::remove_file(&stored).unwrap();
    assert_eq!(
        search_json(&lib, "placement stability"),
        (want, String::new())
    );
    assert!(stored.is_file());
}

#[test]
fn the_search_index_follows_imports_and_removals() {
    let (tmp, lib) = imported_library();
    let (name, t) = variant(3);
    let council = name.split('-').next().unwrap().to_string();
    let file = tmp.path().join(&name);
    fs::write(&file, t).unwrap();
    assert!(ciw(&lib, &["import", file.to_str().unwrap()])
        .status
        .success());
    let (hits, _) = search_json(&lib, &format!("in:{council} placement stability"));
    assert!(hits.contains("\"paragraph\": \"3.18\""), "{hits}");
    // Removed: no longer found, and the index does not claim otherwise.
    assert!(ciw(&lib, &["remove", &council]).status.success());
    let out = ciw(
        &lib,
        &["search", &format!("in:{council} placement"), "--json"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("unknown council"),
        "{}",
        text(&out.stderr)
    );
    // An index made for other reports (here: before the removal) is never used.
    let (mut l, _) = Library::open(&lib).unwrap();
    l.remove("pembrokeshire").unwrap();
    let (hits, _) = search_json(&lib, "safeguarding");
    assert!(!hits.contains("Pembrokeshire"), "{hits}");
    assert!(hits.contains("Swansea"), "{hits}");
    // Emptied: the stored index goes with the last report.
    assert!(ciw(&lib, &["remove", "swansea"]).status.success());
    assert!(!lib.join(SEARCH_INDEX).exists());
}

/// An index written in an older format (before hits carried pages, say) is rebuilt quietly,
/// and its hits then carry what the new format keeps.
#[test]
fn an_index_of_an_older_format_is_rebuilt_quietly() {
    let (_tmp, lib, want, stored, good) = stored_index();
    // The format number follows the 8-byte magic.
    let mut old = good.clone();
    let format = u32::from_le_bytes(old[8..12].try_into().unwrap());
    old[8..12].copy_from_slice(&(format - 1).to_le_bytes());
    fs::write(&stored, &old).unwrap();
    assert_eq!(
        search_json(&lib, "placement stability"),
        (want, String::new())
    );
    assert_eq!(
        fs::read(&stored).unwrap(),
        good,
        "rewritten in the current format"
    );
}
