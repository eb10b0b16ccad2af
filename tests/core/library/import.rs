//! `ciw import` and `ciw remove` on a library: a round trip, replacement said as such, a failing
//! file named among good ones, and where the library is when `--library` is not given.

use super::{ciw, samples_in, text};
use ciw::cli::{load_corpus, Args};
use ciw::corpus::SAMPLES;
use ciw::library::{Library, MANIFEST, SOURCES};
use clap::Parser;
use std::fs;
use std::path::Path;
use std::process::Command;

fn ids_via_load_corpus(lib: &Path) -> Vec<String> {
    let args = Args::parse_from(["ciw", "--library", lib.to_str().unwrap(), "list"]);
    let (corpus, failed) = load_corpus(&args);
    assert!(!failed);
    corpus.reports.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn import_list_remove_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    samples_in(&input);
    let lib = tmp.path().join("lib");

    // An empty library serves the samples, and says how to import.
    assert!(ciw::library::import_hint(Some(&lib)).is_some());

    let out = ciw(&lib, &["import", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("imported pembrokeshire-2018-09 from"),
        "{stdout}"
    );
    assert!(stdout.contains("imported swansea-2018-07 from"), "{stdout}");
    assert!(
        stdout.contains("warning"),
        "warning counts are shown: {stdout}"
    );
    assert!(
        stdout.contains("2 imported, 0 replaced, 0 failed"),
        "{stdout}"
    );
    assert!(ciw::library::import_hint(Some(&lib)).is_none());

    // What load_corpus serves (and so `ciw list` and the TUI) is the library, parsed as direct.
    let args = Args::parse_from(["ciw", "--library", lib.to_str().unwrap(), "list"]);
    let (corpus, failed) = load_corpus(&args);
    assert!(!failed);
    assert_eq!(corpus.reports, ciw::corpus::Corpus::samples().reports);

    let out = ciw(&lib, &["remove", "Swansea"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("removed swansea-2018-07"));
    assert_eq!(ids_via_load_corpus(&lib), ["pembrokeshire-2018-09"]);
    assert_eq!(fs::read_dir(lib.join(SOURCES)).unwrap().count(), 1);

    let out = ciw(&lib, &["remove", "cardiff"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("\"cardiff\"") && err.contains("pembrokeshire-2018-09"),
        "{err}"
    );

    let out = ciw(&lib, &["remove", "pembrokeshire-2018-09"]);
    assert!(out.status.success());
    // Empty again: the samples are served.
    assert_eq!(ids_via_load_corpus(&lib).len(), 2);
    assert!(ciw::library::import_hint(Some(&lib)).is_some());
}

#[test]
fn the_library_comes_from_the_environment_too() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("envlib");
    let out = Command::new(env!("CARGO_BIN_EXE_ciw"))
        .arg("import")
        .arg(&files[0])
        .env("CIW_LIBRARY", &lib)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(lib.join(MANIFEST).is_file());
}

#[test]
fn reimport_replaces_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    let swansea = files[1].to_str().unwrap();
    assert!(ciw(&lib, &["import", swansea]).status.success());

    let out = ciw(&lib, &["import", swansea]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("replaced swansea-2018-07"), "{stdout}");
    assert!(stdout.contains("same text as before"), "{stdout}");

    // The same file, corrected and imported again from where it was.
    fs::write(
        swansea,
        SAMPLES[1]
            .1
            .replace("good quality practice", "very good quality practice"),
    )
    .unwrap();
    let out = ciw(&lib, &["import", swansea]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("replaced swansea-2018-07"), "{stdout}");
    assert!(!stdout.contains("same text"), "{stdout}");
    assert!(stdout.contains("holds 1 report."), "{stdout}");

    let (l, _) = Library::open(&lib).unwrap();
    let loaded = l.load();
    assert_eq!(loaded.reports.len(), 1);
    assert!(loaded.reports[0].overview[0].contains("very good quality practice"));
    assert_eq!(fs::read_dir(lib.join(SOURCES)).unwrap().count(), 1);

    // Another document that gets the same id (another file of one council and month) is kept
    // beside it, never in its place.
    let other = tmp.path().join("swansea-other.txt");
    fs::write(
        &other,
        SAMPLES[1]
            .1
            .replace("good quality practice", "sound practice"),
    )
    .unwrap();
    let stdout = text(&ciw(&lib, &["import", other.to_str().unwrap()]).stdout);
    assert!(stdout.contains("imported swansea-2018-07-2"), "{stdout}");
    assert!(stdout.contains("holds 2 reports."), "{stdout}");
}

#[test]
fn a_failing_file_is_named_and_the_rest_are_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    samples_in(&input);
    // A table of numbers with no prose: not readable text.
    fs::write(input.join("minutes.txt"), "| 12 | 34 |\n|----|----|\n").unwrap();
    fs::write(input.join("scan.txt"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").unwrap();
    fs::write(input.join("empty.txt"), "").unwrap();
    let lib = tmp.path().join("lib");
    let missing = tmp.path().join("nowhere.txt");
    let out = ciw(
        &lib,
        &["import", input.to_str().unwrap(), missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for name in ["minutes.txt", "scan.txt", "empty.txt", "nowhere.txt"] {
        assert!(err.contains(name), "{name} is named: {err}");
    }
    assert!(err.contains("pdftotext"), "{err}");
    assert!(text(&out.stdout).contains("2 imported, 0 replaced, 4 failed"));
    let mut ids = ids_via_load_corpus(&lib);
    ids.sort();
    assert_eq!(ids, ["pembrokeshire-2018-09", "swansea-2018-07"]);
}

#[test]
fn without_library_the_platform_dirs_are_used() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let out = Command::new(env!("CARGO_BIN_EXE_ciw"))
        .arg("import")
        .arg(&files[0])
        .env_remove("CIW_LIBRARY")
        .env("HOME", tmp.path())
        .env("XDG_DATA_HOME", tmp.path().join("data"))
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(tmp.path().join("data/ciw").join(MANIFEST).is_file());
    let out = Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(["remove", "nowhere"])
        .arg("--library")
        .arg(tmp.path().join("no-such-library"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!tmp.path().join("no-such-library").exists());
}
