//! Imports that are killed or run at the same time: the library stays loadable, all or nothing,
//! and the next import sweeps what a killed one left behind.

use super::{ciw, imported_library, text, variant};
use ciw::corpus::SAMPLES;
use ciw::library::{Library, CACHE, MANIFEST, SOURCES};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The variants numbered `range` written into `dir`.
fn variants_in(dir: &Path, range: Range<usize>) {
    fs::create_dir_all(dir).unwrap();
    for i in range {
        let (name, t) = variant(i);
        fs::write(dir.join(name), t).unwrap();
    }
}

/// A folder `big` in `dir` of `n` variants.
fn big_folder(dir: &Path, n: usize) -> PathBuf {
    let big = dir.join("big");
    variants_in(&big, 0..n);
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
    let (tmp, lib) = imported_library();
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
    let (tmp, lib) = imported_library();
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
    let (tmp, lib) = imported_library();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    variants_in(&a, 0..20);
    variants_in(&b, 20..40);
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
