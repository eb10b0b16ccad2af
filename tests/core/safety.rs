//! The library never destroys, adopts or serves what it should not, each failure reproduced
//! through the real binary: foreign folders and symlinked `sources`, a reader racing a first
//! import and `kill -9` at every write step (driven by the `CIW_FAULT` hook, see
//! `ciw::library::fault`), damaged and lying manifests, FIFOs and devices, hostile file names.

use super::library::{samples_in, text};
use ciw::corpus::SAMPLES;
use ciw::library::{Library, CACHE, INCOMING, MANIFEST, MARKER, ORPHANS, SEARCH_INDEX, SOURCES};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn cmd(lib: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ciw"));
    c.arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("CIW_LIBRARY")
        .env_remove("CIW_FAULT")
        .env_remove("CIW_MAX_SIZE")
        .stdin(Stdio::null());
    c
}

fn run(c: Command) -> Output {
    crate::common::run_bounded(c)
}

fn ciw(lib: &Path, args: &[&str]) -> Output {
    run(cmd(lib, args))
}

/// The two samples imported into `DIR/lib`: their files and the library.
fn imported_samples(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let files = samples_in(&dir.join("in"));
    let lib = dir.join("lib");
    let both = [files[0].to_str().unwrap(), files[1].to_str().unwrap()];
    let out = ciw(&lib, &["import", both[0], both[1]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (files, lib)
}

/// `n` distinct councils' reports in `dir`.
fn many_in(dir: &Path, n: usize) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let name = format!(
            "Test{}{}",
            (b'a' + (i / 26) as u8) as char,
            (b'a' + (i % 26) as u8) as char
        );
        let t = SAMPLES[1].1.replace("Swansea", &name);
        fs::write(dir.join(format!("{}-2018-07.txt", name.to_lowercase())), t).unwrap();
    }
    dir.to_path_buf()
}

fn list_ids(lib: &Path) -> Vec<String> {
    let out = ciw(lib, &["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|f| f.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_folder_holding_other_files_is_not_made_a_library() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    // `mkdir -p P/sources; echo x > P/sources/main.c; ciw --library P import ...`
    let p = tmp.path().join("project");
    fs::create_dir_all(p.join(SOURCES)).unwrap();
    fs::write(p.join(SOURCES).join("main.c"), "int main;").unwrap();
    fs::write(p.join("README"), "mine").unwrap();
    let out = ciw(&p, &["import", files[0].to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("not a ciw library") && err.contains("README"),
        "{err}"
    );
    assert_eq!(
        fs::read(p.join(SOURCES).join("main.c")).unwrap(),
        b"int main;"
    );
    assert_eq!(
        names_in(&p),
        ["README", "sources"],
        "nothing written into it"
    );
    // Readers neither adopt nor write it either.
    assert_eq!(list_ids(&p), ["pembrokeshire-2018-09", "swansea-2018-07"]); // the samples
    assert_eq!(names_in(&p), ["README", "sources"]);
    assert!(ciw(&p, &["remove", "swansea"]).status.code() == Some(1));
    assert_eq!(names_in(&p), ["README", "sources"]);

    // A new or empty folder is made one, and marked.
    let fresh = tmp.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    let out = ciw(&fresh, &["import", files[0].to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(fresh.join(MARKER).is_file());
}

#[test]
fn a_library_keeps_foreign_files_and_follows_no_link_out() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    assert!(ciw(&lib, &["import", files[0].to_str().unwrap()])
        .status
        .success());
    // A file of the user's in the library's own folders is never deleted.
    fs::write(lib.join(SOURCES).join("main.c"), "x").unwrap();
    fs::write(lib.join("notes.txt"), "y").unwrap();
    assert!(ciw(&lib, &["import", files[1].to_str().unwrap()])
        .status
        .success());
    assert!(ciw(&lib, &["remove", "swansea"]).status.success());
    assert_eq!(fs::read(lib.join(SOURCES).join("main.c")).unwrap(), b"x");
    assert_eq!(fs::read(lib.join("notes.txt")).unwrap(), b"y");

    // `sources -> elsewhere`: refused, and the link's target is untouched.
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("precious.txt"), "z").unwrap();
    fs::write(elsewhere.join("swansea-2018-07-0123456789abcdef.txt"), "w").unwrap();
    let real = tmp.path().join("real-sources");
    fs::rename(lib.join(SOURCES), &real).unwrap();
    std::os::unix::fs::symlink(&elsewhere, lib.join(SOURCES)).unwrap();
    let out = ciw(&lib, &["import", files[1].to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    let out = ciw(&lib, &["remove", "pembrokeshire"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        names_in(&elsewhere),
        ["precious.txt", "swansea-2018-07-0123456789abcdef.txt"]
    );
    // Reading through it: the cache (checked by its checksums) still serves what was
    // imported; without it, the report is named as not served, nothing read out there.
    assert!(ciw(&lib, &["show", "pembrokeshire"]).status.success());
    fs::remove_file(lib.join(CACHE)).unwrap();
    let out = ciw(&lib, &["show", "pembrokeshire"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));

    // A fresh folder holding only a link named `sources` is someone else's folder.
    let other = tmp.path().join("other");
    fs::create_dir(&other).unwrap();
    std::os::unix::fs::symlink(&elsewhere, other.join(SOURCES)).unwrap();
    assert_eq!(
        ciw(&other, &["import", files[0].to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(names_in(&elsewhere).len(), 2);
}

/// Starts an import that stops itself (SIGSTOP) at `step`; returns once it has stopped.
fn import_stopped_at(lib: &Path, what: &Path, step: &str) -> Child {
    let mut child = cmd(lib, &["import", what.to_str().unwrap()])
        .env("CIW_FAULT", format!("{step}:stop"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            err.read_line(&mut line).unwrap() > 0,
            "never reached {step}"
        );
        if line.contains("stopped at") {
            break;
        }
    }
    // Wait for the stop itself (state T in /proc).
    let stat = format!("/proc/{}/stat", child.id());
    while !fs::read_to_string(&stat)
        .map(|s| {
            s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('T')
        })
        .unwrap_or(true)
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    // Keep draining stderr so the child never blocks on it.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut err, &mut std::io::sink());
    });
    child
}

fn resume(child: &Child) {
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGCONT) };
}

#[cfg(target_os = "linux")]
#[test]
fn a_reader_during_a_first_import_changes_nothing() {
    const N: usize = 12;
    let tmp = tempfile::tempdir().unwrap();
    let big = many_in(&tmp.path().join("big"), N);
    for step in ["import:staged", "import:cache", "import:moved"] {
        let lib = tmp.path().join(step.replace(':', "-"));
        let mut child = import_stopped_at(&lib, &big, step);
        let manifest = fs::read(lib.join(MANIFEST)).unwrap();
        // Readers see the committed state (empty: the samples), and write no manifest.
        let out = ciw(&lib, &["list", "--json"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(list_ids(&lib), ["pembrokeshire-2018-09", "swansea-2018-07"]);
        assert!(ciw(&lib, &["search", "safeguarding"]).status.success());
        assert_eq!(fs::read(lib.join(MANIFEST)).unwrap(), manifest, "{step}");
        resume(&child);
        assert!(child.wait().unwrap().success());
        assert_eq!(list_ids(&lib).len(), N, "{step}: nothing lost");
        assert!(!lib.join(format!("{MANIFEST}.damaged")).exists());
        assert_eq!(names_in(&lib.join(SOURCES)).len(), N);
    }
}

/// Runs an import that kills itself (SIGKILL) at `step`.
fn import_killed_at(lib: &Path, what: &Path, step: &str) {
    let out = run({
        let mut c = cmd(lib, &["import", what.to_str().unwrap()]);
        c.env("CIW_FAULT", format!("{step}:kill"));
        c
    });
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGKILL),
        "{step}: {}",
        text(&out.stderr)
    );
}

const STEPS: [&str; 6] = [
    "adopt:marker",
    "adopt:manifest",
    "import:staged",
    "import:cache",
    "import:moved",
    "import:committed",
];

#[cfg(unix)]
#[test]
fn kill_9_at_every_step_of_a_first_import_leaves_before_or_after() {
    const N: usize = 6;
    let tmp = tempfile::tempdir().unwrap();
    let big = many_in(&tmp.path().join("big"), N);
    for step in STEPS {
        let lib = tmp.path().join(step.replace(':', "-"));
        import_killed_at(&lib, &big, step);
        let ids = list_ids(&lib);
        let after = step == "import:committed";
        if after {
            assert_eq!(ids.len(), N, "{step}");
        } else {
            // Before: an empty library, so the samples; nothing of the import adopted.
            assert_eq!(ids, ["pembrokeshire-2018-09", "swansea-2018-07"], "{step}");
        }
        let (l, notes) = Library::open(&lib).unwrap();
        assert!(notes.is_empty(), "{step}: {notes:?}");
        assert_eq!(l.entries().len(), if after { N } else { 0 }, "{step}");
        // The next import completes the job and loses nothing.
        let out = ciw(&lib, &["import", big.to_str().unwrap()]);
        assert!(out.status.success(), "{step}: {}", text(&out.stderr));
        assert_eq!(list_ids(&lib).len(), N, "{step}");
        assert_eq!(names_in(&lib.join(SOURCES)).len(), N, "{step}");
        assert!(!lib.join(INCOMING).exists(), "{step}: staging rolled back");
        let loaded = Library::open(&lib).unwrap().0.load();
        assert_eq!((loaded.reports.len(), loaded.left_out), (N, 0), "{step}");
    }
}

#[cfg(unix)]
#[test]
fn kill_9_at_every_step_of_a_later_import_leaves_before_or_after() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let more = many_in(&tmp.path().join("more"), 3);
    // Replace one report too, so a source is retired by the commit.
    let fixed = more.join("swansea-2018-07.txt");
    fs::write(&fixed, SAMPLES[1].1.replace("good quality", "fine quality")).unwrap();
    for step in [
        "import:staged",
        "import:cache",
        "import:moved",
        "import:committed",
    ] {
        let lib = tmp.path().join(step.replace(':', "-"));
        assert!(ciw(
            &lib,
            &[
                "import",
                files[0].to_str().unwrap(),
                files[1].to_str().unwrap()
            ]
        )
        .status
        .success());
        let before = list_ids(&lib);
        import_killed_at(&lib, &more, step);
        let ids = list_ids(&lib);
        if step == "import:committed" {
            assert_eq!(ids.len(), 5, "{step}");
        } else {
            assert_eq!(ids, before, "{step}");
        }
        let loaded = Library::open(&lib).unwrap().0.load();
        assert_eq!(loaded.left_out, 0, "{step}: {:?}", loaded.notes);
        let out = ciw(&lib, &["import", more.to_str().unwrap()]);
        assert!(out.status.success(), "{step}");
        assert_eq!(list_ids(&lib).len(), 5);
        assert_eq!(names_in(&lib.join(SOURCES)).len(), 5, "{step}");
        // Whatever was set aside is in orphans/, never deleted on a guess.
        let aside = names_in(&lib.join(ORPHANS));
        assert!(aside.len() <= 4, "{step}: {aside:?}");
    }
}

#[test]
fn a_damaged_source_is_named_not_served_smaller() {
    let tmp = tempfile::tempdir().unwrap();
    let (files, lib) = imported_samples(tmp.path());
    let full = ciw(&lib, &["show", "swansea#3.18"]);
    assert!(full.status.success());
    let (l, _) = Library::open(&lib).unwrap();
    let swansea = l
        .entries()
        .iter()
        .find(|e| e.authority == "Swansea")
        .unwrap();
    let src = lib.join(SOURCES).join(&swansea.source);
    let bytes = fs::read(&src).unwrap();
    fs::write(&src, &bytes[..bytes.len() * 2 / 3]).unwrap();
    fs::remove_file(lib.join(CACHE)).unwrap();
    let out = ciw(&lib, &["show", "swansea#3.18"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("swansea-2018-07 is left out")
            && err.contains("damaged")
            && err.contains(&swansea.source),
        "{err}"
    );
    // The stored search index, built from what was imported, still answers; rebuilt, it
    // would be smaller, and says so.
    assert!(ciw(&lib, &["search", "safeguarding"]).status.success());
    fs::remove_file(lib.join(SEARCH_INDEX)).unwrap();
    let out = ciw(&lib, &["search", "safeguarding"]);
    assert_eq!(out.status.code(), Some(1));
    // Re-importing the original repairs it.
    assert!(ciw(&lib, &["import", files[1].to_str().unwrap()])
        .status
        .success());
    let out = ciw(&lib, &["show", "swansea#3.18"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, full.stdout);
}

#[cfg(unix)]
#[test]
fn a_lying_manifest_reads_nothing_outside_and_never_hangs() {
    let tmp = tempfile::tempdir().unwrap();
    let (files, lib) = imported_samples(tmp.path());
    let outside = tmp.path().join("outside.txt");
    fs::write(&outside, SAMPLES[1].1).unwrap();
    let fifo = lib.join(SOURCES).join("fifo-0123456789abcdef.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let manifest = fs::read_to_string(lib.join(MANIFEST)).unwrap();
    let lie = |source: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        for r in v["reports"].as_array_mut().unwrap() {
            if r["authority"] == "Swansea" {
                r["source"] = source.into();
            }
        }
        fs::write(lib.join(MANIFEST), serde_json::to_vec(&v).unwrap()).unwrap();
        let _ = fs::remove_file(lib.join(CACHE));
        let _ = fs::remove_file(lib.join(SEARCH_INDEX));
    };
    for (source, what) in [
        (outside.to_str().unwrap(), "absolute"),
        ("../../outside.txt", "relative"),
        ("/dev/zero", "device"),
        ("fifo-0123456789abcdef.txt", "fifo"),
    ] {
        lie(source);
        // (`list` reads only the manifest: it names the entries that point out of the library,
        // and leaves reading the sources to the commands that serve them.)
        let readers: &[&[&str]] = if what == "fifo" {
            &[&["show", "swansea"], &["search", "safeguarding"]]
        } else {
            &[&["show", "swansea"], &["search", "safeguarding"], &["list"]]
        };
        for args in readers {
            let out = ciw(&lib, args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{what} {args:?}: {err}");
            assert!(err.contains("swansea-2018-07 is left out"), "{what}: {err}");
        }
        // Writers neither hang nor touch what the lie points at.
        let out = ciw(&lib, &["remove", "pembrokeshire"]);
        assert!(out.status.success(), "{what}: {}", text(&out.stderr));
        let out = ciw(&lib, &["import", files[0].to_str().unwrap()]);
        assert!(out.status.success(), "{what}: {}", text(&out.stderr));
    }
    assert_eq!(fs::read(&outside).unwrap(), SAMPLES[1].1.as_bytes());
    // Re-importing the original repairs the entry.
    lie("../../outside.txt");
    assert!(ciw(&lib, &["import", files[1].to_str().unwrap()])
        .status
        .success());
    assert!(ciw(&lib, &["show", "swansea"]).status.success());
}

/// Readers racing writers, not paused but as they come: every answer a reader gets is the library
/// before or after a write, never a mix, and nothing is lost at the end.
#[test]
fn readers_racing_imports_and_removes_see_whole_states() {
    const N: usize = 10;
    let tmp = tempfile::tempdir().unwrap();
    let big = many_in(&tmp.path().join("big"), N);
    let lib = tmp.path().join("lib");
    for round in 0..3 {
        let before = list_ids(&lib);
        let mut writer = cmd(&lib, &["import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut seen = 0;
        while writer.try_wait().unwrap().is_none() || seen == 0 {
            let ids = list_ids(&lib);
            assert!(ids == before || ids.len() == N, "round {round}: {ids:?}");
            seen += 1;
        }
        assert!(writer.wait().unwrap().success());
        assert_eq!(list_ids(&lib).len(), N);
        let ids = list_ids(&lib);
        let mut remover = cmd(&lib, &["remove", &ids[0]])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while remover.try_wait().unwrap().is_none() {
            let n = list_ids(&lib).len();
            assert!(n == N || n == N - 1, "round {round}: {n}");
        }
        assert!(remover.wait().unwrap().success());
        assert_eq!(list_ids(&lib).len(), N - 1);
        let (_, notes) = Library::open(&lib).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert!(!lib.join(format!("{MANIFEST}.damaged")).exists());
    }
}

#[cfg(unix)]
#[test]
fn kill_9_after_a_remove_commits_keeps_the_removal_and_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    let both = [files[0].to_str().unwrap(), files[1].to_str().unwrap()];
    assert!(ciw(&lib, &["import", both[0], both[1]]).status.success());
    let out = run({
        let mut c = cmd(&lib, &["remove", "swansea"]);
        c.env("CIW_FAULT", "remove:committed:kill");
        c
    });
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(libc::SIGKILL));
    assert_eq!(list_ids(&lib), ["pembrokeshire-2018-09"]);
    // The removed report's source, never deleted, is set aside by the next write, not lost.
    assert!(ciw(&lib, &["import", both[1]]).status.success());
    assert_eq!(list_ids(&lib).len(), 2);
    assert_eq!(names_in(&lib.join(SOURCES)).len(), 2);
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// A FIFO where the library, the config or the state keeps a file: refused or rebuilt, never
/// waited on (each run is bounded: a hang fails the test).
#[cfg(unix)]
#[test]
fn fifos_in_place_of_our_files_never_hang() {
    let tmp = tempfile::tempdir().unwrap();
    let (files, lib) = imported_samples(tmp.path());
    for name in [CACHE, SEARCH_INDEX] {
        fs::remove_file(lib.join(name)).unwrap();
        mkfifo(&lib.join(name));
    }
    for args in [
        &["show", "swansea#3.18"][..],
        &["search", "safeguarding"],
        &["list"],
    ] {
        let out = ciw(&lib, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    assert!(ciw(&lib, &["import", files[0].to_str().unwrap()])
        .status
        .success());
    // The manifest itself: damaged, rebuilt from the sources, the FIFO set aside.
    fs::remove_file(lib.join(MANIFEST)).unwrap();
    mkfifo(&lib.join(MANIFEST));
    let out = ciw(&lib, &["list"]);
    assert!(
        text(&out.stderr).contains("damaged"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(list_ids(&lib).len(), 2);
    // config.toml and the state files.
    let paths = ciw::paths::Paths::in_dir(&tmp.path().join("p"));
    fs::create_dir_all(&paths.config).unwrap();
    fs::create_dir_all(&paths.state).unwrap();
    mkfifo(&paths.config_file());
    mkfifo(&paths.state.join(ciw::state::BOOKMARKS_FILE));
    mkfifo(&paths.state.join(ciw::state::LAST_FILE));
    let known = ciw::settings::Known {
        actions: &[],
        themes: &[],
    };
    let (_, errors) = ciw::settings::Settings::load(&paths, &known);
    assert!(errors[0].to_string().contains("named pipe"), "{errors:?}");
    let (_, notes) = ciw::state::State::load(&paths);
    assert_eq!(notes.len(), 2, "{notes:?}");
}
