//! The on-disk library through the real binary (`ciw import`, `ciw remove`, `--library`) and the
//! library API: round trips, replacement, bad files among good ones, cache and index damage,
//! a SIGKILL in the middle of an import, config errors and state.

use ciw::cli::{load_corpus, Args};
use ciw::corpus::SAMPLES;
use ciw::library::{Library, CACHE, MANIFEST, SEARCH_INDEX, SOURCES};
use ciw::paths::Paths;
use ciw::settings::{Known, Settings};
use ciw::state::{Position, State};
use clap::Parser;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn ciw(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("CIW_LIBRARY")
        .output()
        .expect("run ciw")
}

pub(super) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The sample reports written into `dir`.
pub(super) fn samples_in(dir: &Path) -> Vec<PathBuf> {
    fs::create_dir_all(dir).unwrap();
    SAMPLES
        .iter()
        .map(|(name, t)| {
            let p = dir.join(name);
            fs::write(&p, t).unwrap();
            p
        })
        .collect()
}

/// A distinct council's report: the Swansea sample with another name.
fn variant(i: usize) -> (String, String) {
    let mut name = String::from("Test");
    let mut n = i;
    for _ in 0..4 {
        name.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    let t = SAMPLES[1].1.replace("Swansea", &name);
    (format!("{}-2018-07.txt", name.to_lowercase()), t)
}

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

fn imported_library(tmp: &Path) -> PathBuf {
    let files = samples_in(&tmp.join("in"));
    let lib = tmp.join("lib");
    let (mut l, _) = Library::open(&lib).unwrap();
    l.import(&files).unwrap();
    lib
}

#[test]
fn a_damaged_cache_is_rebuilt_from_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
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
fn a_damaged_or_missing_index_is_rebuilt_from_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
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
fn a_lost_source_leaves_out_one_report_not_the_library() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
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

fn big_folder(dir: &Path, n: usize) -> PathBuf {
    let big = dir.join("big");
    fs::create_dir_all(&big).unwrap();
    for i in 0..n {
        let (name, t) = variant(i);
        fs::write(big.join(name), t).unwrap();
    }
    big
}

fn import_child(lib: &Path, what: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .arg("--library")
        .arg(lib)
        .arg("import")
        .arg(what)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn sigkill_during_import_leaves_a_loadable_library() {
    const N: usize = 60;
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    let big = big_folder(tmp.path(), N);
    // How long a whole import takes here, to aim kills at every phase of it.
    let scratch = tmp.path().join("scratch");
    let start = Instant::now();
    assert!(import_child(&scratch, &big).wait().unwrap().success());
    let whole = start.elapsed();

    let mut killed_mid_way = 0;
    // Early kills too: on a loaded machine the timed import may have run slower than these.
    for fraction in [0.05, 0.1, 0.2, 0.5, 0.8, 0.9, 0.95, 0.98, 1.0] {
        let mut child = import_child(&lib, &big);
        std::thread::sleep(whole.mul_f64(fraction));
        if child.try_wait().unwrap().is_none() {
            killed_mid_way += 1;
        }
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();

        let (l, notes) = Library::open(&lib).unwrap();
        let loaded = l.load();
        let n = loaded.reports.len();
        assert_eq!(
            loaded.left_out, 0,
            "at {fraction}: {notes:?} {:?}",
            loaded.notes
        );
        assert!(n == 2 || n == N + 2, "all or nothing, at {fraction}: {n}");
        assert_eq!(n, l.entries().len());
    }
    assert!(killed_mid_way > 0, "no kill landed during the import");
    // Finishing the import afterwards works and sweeps what the killed ones left behind.
    let out = ciw(&lib, &["import", big.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let loaded = Library::open(&lib).unwrap().0.load();
    assert_eq!(loaded.reports.len(), N + 2);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(fs::read_dir(lib.join(SOURCES)).unwrap().count(), N + 2);
    assert_no_temp_files(&lib);
}

fn assert_no_temp_files(lib: &Path) {
    for dir in [lib.to_path_buf(), lib.join(SOURCES)] {
        for f in fs::read_dir(dir).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp-"), "stray {name}");
        }
    }
}

/// The moments a kill can stop an import at, made on purpose: sources and a temp cache
/// written but not renamed; sources and cache written but the index not yet renamed.
#[test]
fn every_crash_point_of_an_import_leaves_the_old_library() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    let old_manifest = fs::read(lib.join(MANIFEST)).unwrap();
    let old_cache = fs::read(lib.join(CACHE)).unwrap();
    let old_sources: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(lib.join(SOURCES))
        .unwrap()
        .flatten()
        .map(|f| (f.path(), fs::read(f.path()).unwrap()))
        .collect();
    let big = big_folder(tmp.path(), 5);
    let (mut l, _) = Library::open(&lib).unwrap();
    // Replace one report too, so the old index names a report the new one does not.
    let fixed = tmp.path().join("swansea-2018-07.txt");
    fs::write(&fixed, SAMPLES[1].1.replace("good quality", "fine quality")).unwrap();
    l.import(&[big.clone(), fixed]).unwrap();
    let new_cache = fs::read(lib.join(CACHE)).unwrap();
    let old_ids = {
        let mut v = ciw::corpus::Corpus::samples().reports;
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };

    // 1. Killed after the cache was renamed, before the index (so before the sweep of the
    // replaced source): the old library, no parsing.
    fs::write(lib.join(MANIFEST), &old_manifest).unwrap();
    for (p, b) in &old_sources {
        fs::write(p, b).unwrap();
    }
    let loaded = Library::open(&lib).unwrap().0.load();
    let mut got = loaded.reports.clone();
    got.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(got, old_ids);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);

    // 2. Killed while writing the cache: a half temp file beside the old cache.
    fs::write(lib.join(CACHE), &old_cache).unwrap();
    fs::write(
        lib.join(".cache.bin.tmp-99999-0"),
        &new_cache[..new_cache.len() / 2],
    )
    .unwrap();
    let loaded = Library::open(&lib).unwrap().0.load();
    assert_eq!(loaded.reports.len(), 2);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);

    // The next import commits and sweeps the orphan sources and the temp file.
    let (mut l, _) = Library::open(&lib).unwrap();
    l.import(&[big]).unwrap();
    assert_eq!(l.load().reports.len(), 7);
    assert_eq!(fs::read_dir(lib.join(SOURCES)).unwrap().count(), 7);
    assert_no_temp_files(&lib);
}

#[test]
fn imports_at_the_same_time_both_land() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for (dir, range) in [(&a, 0..20), (&b, 20..40)] {
        fs::create_dir_all(dir).unwrap();
        for i in range {
            let (name, t) = variant(i);
            fs::write(dir.join(name), t).unwrap();
        }
    }
    let ca = import_child(&lib, &a);
    let cb = import_child(&lib, &b);
    for mut c in [ca, cb] {
        assert!(c.wait().unwrap().success());
    }
    let loaded = Library::open(&lib).unwrap().0.load();
    assert_eq!(loaded.reports.len(), 42, "{:?}", loaded.notes);
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(fs::read_dir(lib.join(SOURCES)).unwrap().count(), 42);
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

#[test]
fn loading_a_fresh_library_does_not_parse() {
    // Sources made unparseable after import: a fresh cache means they are never read.
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    for f in fs::read_dir(lib.join(SOURCES)).unwrap().flatten() {
        fs::write(f.path(), "not a report").unwrap();
    }
    let loaded = Library::open(&lib).unwrap().0.load();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.reports.len(), 2);
}

/// `ciw search --json` over the library, with its stderr.
fn search_json(lib: &Path, query: &str) -> (String, String) {
    let out = ciw(lib, &["search", query, "--json", "--limit", "20"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (text(&out.stdout), text(&out.stderr))
}

#[test]
fn search_uses_the_stored_index_and_answers_as_from_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    let out = ciw(&lib, &["import", tmp.path().join("in").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
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
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    let (want, err) = search_json(&lib, "placement stability");
    assert_eq!(err, "");
    let stored = lib.join(SEARCH_INDEX);
    let good = fs::read(&stored).unwrap();
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
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
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
        text(&out.stderr).contains("unknown authority"),
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

#[test]
fn list_reads_only_the_manifest_and_matches_the_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    assert!(
        ciw(&lib, &["import", tmp.path().join("in").to_str().unwrap()])
            .status
            .success()
    );
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

/// An index written in an older format (before hits carried pages, say) is rebuilt quietly,
/// and its hits then carry what the new format keeps.
#[test]
fn an_index_of_an_older_format_is_rebuilt_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
    let (want, err) = search_json(&lib, "placement stability");
    assert_eq!(err, "");
    let stored = lib.join(SEARCH_INDEX);
    let good = fs::read(&stored).unwrap();
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

#[test]
fn load_progress_is_told_only_for_reports_parsed_again() {
    use ciw::library::{LoadProgress, Reparse};
    let tmp = tempfile::tempdir().unwrap();
    let lib = imported_library(tmp.path());
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
