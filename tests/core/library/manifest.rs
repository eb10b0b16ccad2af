//! The manifest (the library's index of reports): rebuilt when damaged or missing, and all that
//! `ciw list` reads.

use super::{ciw, imported_by_the_binary, imported_library, text};
use ciw::library::{Library, CACHE, MANIFEST, SOURCES};
use std::fs;

#[test]
fn a_damaged_or_missing_index_is_rebuilt_from_the_sources() {
    let (_tmp, lib) = imported_library();
    fs::write(lib.join(MANIFEST), "{ \"format\": 1, \"repo").unwrap();
    let (l, notes) = Library::open(&lib).unwrap();
    assert!(notes[0].contains("damaged"), "{notes:?}");
    assert_eq!(l.entries().len(), 2);
    assert_eq!(l.load().reports.len(), 2);
    assert!(lib.join(format!("{MANIFEST}.damaged")).is_file());
    // The rebuilt index was written: the next open is quiet.
    assert!(Library::open(&lib).unwrap().1.is_empty());

    fs::remove_file(lib.join(MANIFEST)).unwrap();
    let (l, notes) = Library::open(&lib).unwrap();
    assert!(notes[0].contains("missing"), "{notes:?}");
    assert_eq!(l.entries().len(), 2);
}

#[test]
fn list_reads_only_the_manifest_and_matches_the_reports() {
    let (tmp, files, lib) = imported_by_the_binary();
    let list = |args: &[&str]| {
        let out = ciw(&lib, args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        (text(&out.stdout), text(&out.stderr))
    };
    let mut direct = vec!["list", "--json"];
    for f in &files {
        direct.extend(["--reports", f.to_str().unwrap()]);
    }
    let (want, _) = list(&direct);
    assert!(want.contains("\"paragraphs\": 49"), "{want}");
    assert_eq!(list(&["list", "--json"]), (want.clone(), String::new()));
    let plain = list(&["list"]).0;
    assert!(
        plain.contains("Swansea") && plain.contains("Pembrokeshire"),
        "{plain}"
    );

    // Only the manifest is read: with the cache and the sources moved away, the same answer.
    fs::rename(lib.join(CACHE), tmp.path().join("cache")).unwrap();
    fs::rename(lib.join(SOURCES), tmp.path().join("sources")).unwrap();
    assert_eq!(list(&["list", "--json"]).0, want);
    fs::rename(tmp.path().join("cache"), lib.join(CACHE)).unwrap();
    fs::rename(tmp.path().join("sources"), lib.join(SOURCES)).unwrap();

    // A manifest from before summaries (or with another parser's): the reports are loaded,
    // the answer is the same, and the summaries are stored for next time.
    let manifest = lib.join(MANIFEST);
    let mut m: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
    let entries = m["reports"].as_array_mut().unwrap();
    entries[0].as_object_mut().unwrap().remove("summary");
    entries[1]["summary"]["stamp"] = serde_json::json!(1);
    entries[1]["summary"]["paragraphs"] = serde_json::json!(999);
    fs::write(&manifest, serde_json::to_vec_pretty(&m).unwrap()).unwrap();
    assert_eq!(list(&["list", "--json"]).0, want);
    let m: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
    for e in m["reports"].as_array().unwrap() {
        assert!(e["summary"]["paragraphs"].as_u64().unwrap() < 999, "{e}");
        assert_ne!(e["summary"]["stamp"], serde_json::json!(1), "{e}");
    }
    fs::rename(lib.join(SOURCES), tmp.path().join("sources")).unwrap();
    assert_eq!(
        list(&["list", "--json"]).0,
        want,
        "refreshed: manifest only again"
    );
}
