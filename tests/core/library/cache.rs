//! The parse cache: rebuilt from the sources when damaged or missing, a lost source leaving out
//! one report, a fresh cache parsing nothing, and load progress told only for what is parsed.

use super::imported_library;
use ciw::cli::{load_corpus, Args};
use ciw::library::{Library, CACHE, SOURCES};
use clap::Parser;
use std::fs;

#[test]
fn a_damaged_cache_is_rebuilt_from_the_sources() {
    let (_tmp, lib) = imported_library();
    let want = ciw::corpus::Corpus::samples().reports;
    let cache = lib.join(CACHE);
    let good = fs::read(&cache).unwrap();

    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("flipped bytes", {
            let mut b = good.clone();
            let mid = b.len() / 2;
            for x in &mut b[mid..mid + 64] {
                *x ^= 0x5a;
            }
            b
        }),
        ("cut short", good[..good.len() / 3].to_vec()),
        ("garbage", b"not a cache at all".to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damages {
        fs::write(&cache, &bytes).unwrap();
        let (l, notes) = Library::open(&lib).unwrap();
        assert!(notes.is_empty());
        let loaded = l.load();
        let mut got = loaded.reports.clone();
        got.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(got, want, "{what}");
        assert!(!loaded.notes.is_empty(), "{what}: a note says so");
        assert!(
            loaded.notes[0].contains(CACHE),
            "{what}: {:?}",
            loaded.notes
        );
        // Rewritten: the next load is quiet and parses nothing.
        let again = Library::open(&lib).unwrap().0.load();
        assert!(again.notes.is_empty(), "{what}: {:?}", again.notes);
    }

    fs::remove_file(&cache).unwrap();
    let loaded = Library::open(&lib).unwrap().0.load();
    assert_eq!(loaded.reports.len(), 2);
    assert!(loaded.notes[0].contains("missing"), "{:?}", loaded.notes);
    assert!(Library::open(&lib).unwrap().0.load().notes.is_empty());
}

#[test]
fn a_lost_source_leaves_out_one_report_not_the_library() {
    let (_tmp, lib) = imported_library();
    fs::remove_file(lib.join(CACHE)).unwrap();
    let (l, _) = Library::open(&lib).unwrap();
    let swansea = l
        .entries()
        .iter()
        .find(|e| e.authority == "Swansea")
        .unwrap();
    fs::remove_file(lib.join(SOURCES).join(&swansea.source)).unwrap();
    let loaded = l.load();
    assert_eq!(loaded.reports.len(), 1);
    assert_eq!(loaded.left_out, 1);
    assert!(loaded
        .notes
        .iter()
        .any(|n| n.contains("swansea-2018-07 is left out")));
    let args = Args::parse_from(["ciw", "--library", lib.to_str().unwrap(), "list"]);
    let (corpus, failed) = load_corpus(&args);
    assert!(failed, "exit 1 territory: an input failed");
    assert_eq!(corpus.reports.len(), 1);
}

#[test]
fn loading_a_fresh_library_does_not_parse() {
    // Sources made unparseable after import: a fresh cache means they are never read.
    let (_tmp, lib) = imported_library();
    for f in fs::read_dir(lib.join(SOURCES)).unwrap().flatten() {
        fs::write(f.path(), "not a report").unwrap();
    }
    let loaded = Library::open(&lib).unwrap().0.load();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.reports.len(), 2);
}

#[test]
fn load_progress_is_told_only_for_reports_parsed_again() {
    use ciw::library::{LoadProgress, Reparse};
    let (_tmp, lib) = imported_library();
    let mut seen: Vec<LoadProgress> = Vec::new();
    let loaded = Library::open(&lib)
        .unwrap()
        .0
        .load_with(&mut |p| seen.push(p));
    assert_eq!(loaded.reports.len(), 2);
    assert!(seen.is_empty(), "all from the cache: {seen:?}");

    fs::remove_file(lib.join(CACHE)).unwrap();
    let loaded = Library::open(&lib)
        .unwrap()
        .0
        .load_with(&mut |p| seen.push(p));
    assert_eq!(loaded.reports.len(), 2);
    let counts: Vec<(usize, usize)> = seen.iter().map(|p| (p.done, p.total)).collect();
    assert_eq!(counts, [(0, 2), (1, 2), (2, 2)]);
    assert!(seen.iter().all(|p| p.why == Reparse::NoCache));
}
