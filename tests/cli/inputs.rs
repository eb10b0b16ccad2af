//! What `ciw` reads and what it prints about it: FIFOs, devices and oversized files refused
//! without blocking, standard input when asked for, NULs and UTF-16 without a BOM, and hostile
//! file names (escape sequences, C1 controls, bidi overrides, newlines) on every output path.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SWANSEA: &str = include_str!("../../sample-reports/swansea-2018-07.txt");
const PEMBROKESHIRE: &str = include_str!("../../sample-reports/pembrokeshire-2018-09.txt");

fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ciw"));
    c.args(args)
        .env_remove("CIW_LIBRARY")
        .env_remove("CIW_MAX_SIZE")
        .env_remove("CIW_FAULT")
        .stdin(Stdio::null());
    c
}

fn run(c: Command) -> Output {
    crate::common::run_bounded(c)
}

fn ciw(args: &[&str]) -> Output {
    run(cmd(args))
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo on a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("f.txt");
    mkfifo(&fifo);
    let good = tmp.path().join("swansea-2018-07.txt");
    fs::write(&good, SWANSEA).unwrap();
    for command in ["parse", "check"] {
        for (path, what) in [
            (fifo.to_str().unwrap(), "named pipe"),
            ("/dev/zero", "a device"),
        ] {
            let o = ciw(&[command, path, good.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(1), "{command} {path}");
            assert!(err(&o).contains(what), "{command} {path}: {}", err(&o));
            assert!(String::from_utf8_lossy(&o.stdout).contains("Swansea"));
        }
    }
    // `import` too, and it does not keep the library locked: the next import goes through.
    let lib = tmp.path().join("lib");
    let o = ciw(&[
        "--library",
        lib.to_str().unwrap(),
        "import",
        fifo.to_str().unwrap(),
        "/dev/zero",
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("named pipe") && err(&o).contains("a device"),
        "{}",
        err(&o)
    );
    let o = ciw(&[
        "--library",
        lib.to_str().unwrap(),
        "import",
        good.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    // A FIFO inside a folder is not a report file: skipped like any other non-file.
    let o = ciw(&["check", tmp.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
}

#[test]
fn files_over_the_size_limit_are_refused_with_the_way_round() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("swansea-2018-07.txt");
    fs::write(&good, SWANSEA).unwrap();
    let mut c = cmd(&["parse", good.to_str().unwrap()]);
    c.env("CIW_MAX_SIZE", "10k");
    let o = run(c);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("over the 10 KB limit") && e.contains("CIW_MAX_SIZE"),
        "{e}"
    );
    let mut c = cmd(&["parse", good.to_str().unwrap()]);
    c.env("CIW_MAX_SIZE", "1M");
    assert!(run(c).status.success());
}

#[test]
fn the_max_size_flag_wins_over_the_environment_and_spares_the_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let small = tmp.path().join("swansea-2018-07.txt");
    fs::write(&small, SWANSEA).unwrap();
    let big = tmp.path().join("pembrokeshire-2018-09.txt");
    fs::write(&big, PEMBROKESHIRE.repeat(4)).unwrap();
    let limit = (SWANSEA.len() as u64 + 1).to_string();
    let paths = [small.to_str().unwrap(), big.to_str().unwrap()];
    // The environment would read both; the flag, after the subcommand, reads only the small one.
    let mut c = cmd(&["parse", "--json", paths[0], paths[1], "--max-size", &limit]);
    c.env("CIW_MAX_SIZE", "1G");
    let o = run(c);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let e = err(&o);
    let lines: Vec<&str> = e.lines().filter(|l| l.contains("over the")).collect();
    assert_eq!(lines.len(), 1, "{e}");
    assert!(
        lines[0].contains("pembrokeshire-2018-09.txt")
            && lines[0].contains(&format!("over the {} limit", size_label(&limit)))
            && lines[0].contains("--max-size"),
        "{e}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Swansea"), "{out}");
    // Before the subcommand too, and in units; a bad size is a usage error.
    let o = ciw(&["--max-size", "1M", "parse", paths[0], paths[1]]);
    assert!(o.status.success(), "{}", err(&o));
    let o = ciw(&["--max-size", "lots", "parse", paths[0]]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not a size"), "{}", err(&o));
}

/// How the error names a limit of `bytes` bytes.
fn size_label(bytes: &str) -> String {
    ciw::input::size_label(bytes.parse().unwrap())
}

#[test]
fn standard_input_is_read_when_asked_for() {
    let mut child = cmd(&["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SWANSEA.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("[swansea-2018-07]"));
}

#[test]
fn nuls_anywhere_are_removed_with_a_warning_and_utf16_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let mut early = SWANSEA.as_bytes().to_vec();
    early.insert(100, 0);
    let mut late = SWANSEA.as_bytes().to_vec();
    late.insert(20_000, 0);
    let utf16: Vec<u8> = SWANSEA
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let plain = ciw(&[
        "parse",
        "--json",
        write(tmp.path(), "plain.txt", SWANSEA.as_bytes())
            .to_str()
            .unwrap(),
    ]);
    for (name, bytes, warning) in [
        ("early-swansea-2018-07.txt", early, "removed 1 NUL bytes"),
        ("late-swansea-2018-07.txt", late, "removed 1 NUL bytes"),
        ("utf16-swansea-2018-07.txt", utf16, "read as UTF-16LE"),
    ] {
        let p = write(tmp.path(), name, &bytes);
        let o = ciw(&["check", p.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", err(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains(warning),
            "{name}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        // The same report as from the clean file, warnings aside.
        let o = ciw(&["parse", "--json", p.to_str().unwrap()]);
        let strip = |b: &[u8]| {
            let mut v: serde_json::Value = serde_json::from_slice(b).unwrap();
            v.as_object_mut().unwrap().remove("warnings");
            v
        };
        assert_eq!(strip(&o.stdout), strip(&plain.stdout), "{name}");
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// A file name that tries everything: set the window title, colour, clear the screen, reverse
/// the text, an 8-bit CSI, and a newline to forge an output line.
const HOSTILE: &str = "\x1b]0;owned\x07\x1b[31m\x1b[2J\u{202e}\u{9b}31m\nforged line ";

/// No ESC, no C1 control, no bidi control, no line forged by a name.
fn assert_clean(what: &str, bytes: &[u8]) {
    let s = String::from_utf8_lossy(bytes);
    for c in s.chars() {
        assert!(
            !(c == '\x1b'
                || ('\u{80}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{what}: {c:?} reached the terminal:\n{s}"
        );
    }
    assert!(
        !s.lines().any(|l| l.starts_with("forged line")),
        "{what}: a name split a line:\n{s}"
    );
}

#[cfg(unix)]
#[test]
fn hostile_file_names_never_reach_the_terminal_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(format!("in{HOSTILE}"));
    fs::create_dir(&dir).unwrap();
    let swansea = write(
        &dir,
        &format!("{HOSTILE}swansea-2018-07.txt"),
        SWANSEA.as_bytes(),
    );
    // A report that does not name its council: the name comes from the file name.
    let unnamed = PEMBROKESHIRE
        .replace("Pembrokeshire County Council", "the council")
        .replace("Pembrokeshire", "the county");
    let from_name = write(
        &dir,
        &format!("{HOSTILE}ceredigion-2019-05.txt"),
        unnamed.as_bytes(),
    );
    let letter = write(
        &dir,
        &format!("{HOSTILE}letter.txt"),
        b"Dear Sir,\n\nThanks.\n",
    );
    let missing = dir.join(format!("{HOSTILE}missing.txt"));
    let fifo = dir.join(format!("{HOSTILE}fifo.txt"));
    mkfifo(&fifo);
    let lib = tmp.path().join(format!("lib{HOSTILE}"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let files = [
        s(&swansea),
        s(&from_name),
        s(&letter),
        s(&missing),
        s(&fifo),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let with_lib = |args: &[&str]| {
        let mut a = vec!["--library", lib.to_str().unwrap()];
        a.extend(args);
        ciw(&a)
    };
    let mut runs: Vec<(String, Output)> = Vec::new();
    for args in [
        [&["parse"][..], &files].concat(),
        [&["parse", "--json"][..], &files].concat(),
        [&["check"][..], &files].concat(),
        vec!["check", dir.to_str().unwrap()],
    ] {
        runs.push((args.join(" "), ciw(&args)));
    }
    runs.push((
        "import".into(),
        with_lib(&[&["import"][..], &files].concat()),
    ));
    runs.push((
        "import again".into(),
        with_lib(&["import", dir.to_str().unwrap()]),
    ));
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "ceredigion"],
        &["show", "ceredigion", "--json"],
        &["search", "safeguarding"],
        &["search", "safeguarding", "--json"],
        &["compare", "safeguarding"],
        &["compare", "safeguarding", "--json"],
        &["compare", "--matrix"],
        &["remove", "nothing-like-it"],
        &["remove", "ceredigion"],
        &["remove", "swansea"],
    ] {
        runs.push((args.join(" "), with_lib(args)));
    }
    // The library named by the environment, unusable (a file where its folder should be).
    let not_a_dir = tmp.path().join(format!("file{HOSTILE}"));
    fs::write(&not_a_dir, "x").unwrap();
    let mut c = cmd(&["import", files[0]]);
    c.env("CIW_LIBRARY", &not_a_dir);
    runs.push(("CIW_LIBRARY".into(), run(c)));
    assert!(
        runs.iter()
            .any(|(_, o)| String::from_utf8_lossy(&o.stdout).contains("Ceredigion")),
        "the council named by the file name is shown"
    );
    for (what, o) in &runs {
        assert_clean(&format!("{what} (stdout)"), &o.stdout);
        assert_clean(&format!("{what} (stderr)"), &o.stderr);
    }
}

/// A library whose cache was made by another parser: the header's parser version changed.
fn library_after_a_parser_change(dir: &Path) -> PathBuf {
    let lib = dir.join("lib");
    let files = dir.join("in");
    fs::create_dir_all(&files).unwrap();
    fs::write(files.join("swansea-2018-07.txt"), SWANSEA).unwrap();
    fs::write(files.join("pembrokeshire-2018-09.txt"), PEMBROKESHIRE).unwrap();
    let o = ciw(&[
        "--library",
        lib.to_str().unwrap(),
        "import",
        files.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let cache = lib.join(ciw::library::CACHE);
    let mut bytes = fs::read(&cache).unwrap();
    // Magic (8), format (4), then the parser version.
    bytes[12] ^= 0xff;
    fs::write(&cache, bytes).unwrap();
    lib
}

#[test]
fn no_load_progress_reaches_a_stderr_that_is_not_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = library_after_a_parser_change(tmp.path());
    // `show` loads the reports (`list` reads only the summaries).
    let o = ciw(&[
        "--library",
        lib.to_str().unwrap(),
        "show",
        "swansea-2018-07",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let e = err(&o);
    assert!(e.contains("another parser version"), "the note stays: {e}");
    assert!(!e.contains("reading"), "{e}");
    assert!(!e.contains('\r') && !e.contains('\u{1b}'), "{e:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Swansea"));
    // Rebuilt: the next start has nothing to say.
    let o = ciw(&[
        "--library",
        lib.to_str().unwrap(),
        "show",
        "swansea-2018-07",
    ]);
    assert!(err(&o).is_empty(), "{}", err(&o));
}

#[test]
fn the_load_progress_line_counts_to_n_of_n_and_is_safe_and_short() {
    use ciw::cli::output::LoadProgressLine;
    use ciw::library::{LoadProgress, Reparse};
    let tmp = tempfile::tempdir().unwrap();
    let lib = library_after_a_parser_change(tmp.path());
    let paths = ciw::paths::Paths::resolve(Some(&lib)).unwrap();
    let mut seen = Vec::new();
    // Not a terminal: the line draws nothing, whatever it is told.
    let mut line = LoadProgressLine::to_terminal(false);
    let opened = ciw::library::open_reports_with(&paths, &mut |p| {
        line.update(p);
        seen.push(p);
    })
    .unwrap();
    assert_eq!(opened.reports.len(), 2);
    let counts: Vec<(usize, usize)> = seen.iter().map(|p| (p.done, p.total)).collect();
    assert_eq!(counts, [(0, 2), (1, 2), (2, 2)]);
    assert!(seen.iter().all(|p| p.why == Reparse::ParserChanged));

    let p = LoadProgress {
        done: 340,
        total: 1000,
        why: Reparse::ParserChanged,
    };
    assert_eq!(
        LoadProgressLine::text(&p, 120),
        "ciw: reading 340/1000 reports (the parser changed since they were cached)…"
    );
    let cut = LoadProgressLine::text(&p, 30);
    assert_eq!(cut.chars().count(), 29);
    assert!(!cut.chars().any(char::is_control), "{cut:?}");
}
