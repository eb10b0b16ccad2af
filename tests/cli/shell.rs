//! At home in the shell: completion scripts for each shell, a real `bash` completing councils and
//! paragraphs from a test library, the man page, `--version`, and every command quiet and
//! successful when its output pipe closes early (`| head -1`).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common;

const BIN: &str = env!("CARGO_BIN_EXE_ciw");

fn ciw_in(library: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("COLUMNS", "80")
        .env("CIW_LIBRARY", library)
        .output()
        .expect("runs ciw")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A library holding the Pembrokeshire sample only: what completes must come from it, not
/// from the samples built in.
fn test_library() -> tempfile::TempDir {
    let lib = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("pembrokeshire-2018-09.txt");
    std::fs::write(&file, common::PEMBROKESHIRE).unwrap();
    let o = ciw_in(lib.path(), &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    lib
}

#[test]
fn completion_scripts_generate_for_each_shell() {
    let lib = tempfile::tempdir().unwrap();
    for (shell, needle) in [
        (
            "bash",
            "complete -o nospace -o bashdefault -o nosort -F _clap_complete_ciw ciw",
        ),
        ("zsh", "#compdef ciw"),
        ("fish", "complete --keep-order --exclusive --command ciw"),
        ("elvish", "ciw"),
        ("powershell", "ciw"),
    ] {
        let o = ciw_in(lib.path(), &["completions", shell]);
        assert!(o.status.success(), "{shell}: {o:?}");
        let s = text(&o.stdout);
        assert!(s.contains(needle), "{shell}: {s}");
        assert!(s.contains("COMPLETE"), "{shell} asks ciw itself: {s}");
    }
    // Each script is valid in its shell, where the shell is installed.
    for (shell, check) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
        if !have(shell) {
            continue;
        }
        let script = lib.path().join(format!("ciw.{shell}"));
        let o = ciw_in(lib.path(), &["completions", shell]);
        std::fs::write(&script, &o.stdout).unwrap();
        let st = Command::new(shell)
            .arg(check)
            .arg(&script)
            .output()
            .unwrap();
        assert!(st.status.success(), "{shell}: {st:?}");
    }
    let o = ciw_in(lib.path(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Runs the bash completion function for `line` (completing its last word, or a new word after
/// a trailing space) in a real `bash` with the script sourced, and returns the candidates.
fn bash_complete(library: &Path, line: &str) -> Vec<String> {
    let dir = Path::new(BIN).parent().unwrap();
    let script = r#"
source <(ciw completions bash)
COMP_LINE="$LINE"
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_TYPE=9
_clap_complete_ciw ciw "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env("PATH", path)
        .env("LINE", line)
        .env("CIW_LIBRARY", library)
        .output()
        .expect("runs bash");
    assert!(o.status.success(), "{o:?}");
    assert!(o.stderr.is_empty(), "completion wrote to stderr: {o:?}");
    text(&o.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_councils_and_paragraphs_of_the_library() {
    if !have("bash") {
        return;
    }
    let lib = test_library();
    let l = lib.path();
    // The council, and its name with `#` so bash adds no space and `#4.1` can follow.
    assert_eq!(
        bash_complete(l, "ciw show pem"),
        ["pembrokeshire", "pembrokeshire#"]
    );
    // The library has no Swansea, though the samples built in do.
    assert!(bash_complete(l, "ciw show swan").is_empty());
    assert_eq!(
        bash_complete(l, "ciw pemb"),
        ["pembrokeshire", "pembrokeshire#"]
    );
    let paras = bash_complete(l, "ciw show pembrokeshire#4.");
    assert_eq!(
        paras,
        (1..=7)
            .map(|i| format!("pembrokeshire#4.{i}"))
            .collect::<Vec<_>>()
    );
    let r = bash_complete(l, "ciw show pembrokeshire#R1");
    assert_eq!(r, ["pembrokeshire#R1", "pembrokeshire#R10"]);
    assert!(bash_complete(l, "ciw show pembrokeshire#saf")
        .contains(&"pembrokeshire#safeguarding".to_string()));
    // Subcommands, options and their values, themes.
    assert_eq!(bash_complete(l, "ciw comp"), ["compare", "completions"]);
    assert_eq!(bash_complete(l, "ciw compare saf"), ["safeguarding"]);
    assert_eq!(bash_complete(l, "ciw search x --theme le"), ["leadership"]);
    assert_eq!(
        bash_complete(l, "ciw search x --council p"),
        ["pembrokeshire"]
    );
    assert_eq!(bash_complete(l, "ciw list --format c"), ["csv"]);
    assert_eq!(bash_complete(l, "ciw show swansea --fo"), ["--format"]);
    // --library on the line wins over CIW_LIBRARY.
    let other = test_library();
    let line = format!("ciw --library {} show pem", other.path().display());
    assert_eq!(
        bash_complete(Path::new("/nonexistent"), &line),
        ["pembrokeshire", "pembrokeshire#"]
    );
}

#[test]
fn completion_requests_answer_with_descriptions() {
    let lib = test_library();
    let o = Command::new(BIN)
        .args(["--", "ciw", "show", "pembrokeshire#4.1"])
        .env("COMPLETE", "fish")
        .env("CIW_LIBRARY", lib.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let s = text(&o.stdout);
    let first = s.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("pembrokeshire#4.1\tThere was evidence at a strategic level"),
        "{s}"
    );
}

#[test]
fn man_page_reads() {
    let lib = tempfile::tempdir().unwrap();
    let o = ciw_in(lib.path(), &["man"]);
    assert!(o.status.success(), "{o:?}");
    let roff = text(&o.stdout);
    assert!(roff.contains("\n.TH CIW 1 "), "{roff}");
    for sub in [
        "parse",
        "check",
        "list",
        "show",
        "search",
        "compare",
        "import",
        "remove",
        "completions",
    ] {
        assert!(
            roff.contains(&format!(".SS \"ciw {sub}")),
            "no {sub} in\n{roff}"
        );
    }
    for section in ["OUTPUT FORMATS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES"] {
        assert!(
            roff.contains(&format!(".SH \"{section}\""))
                || roff.contains(&format!(".SH {section}")),
            "no {section}"
        );
    }
    if have("man") {
        let page = lib.path().join("ciw.1");
        std::fs::write(&page, &o.stdout).unwrap();
        let o = Command::new("man")
            .arg("-l")
            .arg(&page)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        let shown = text(&o.stdout);
        assert!(shown.contains("--format"), "{shown}");
        assert!(shown.contains("ciw search"), "{shown}");
    }
}

#[test]
fn version_names_the_parser() {
    let lib = tempfile::tempdir().unwrap();
    let o = ciw_in(lib.path(), &["--version"]);
    assert!(o.status.success());
    assert_eq!(
        text(&o.stdout).trim(),
        format!(
            "ciw {} (parser {})",
            env!("CARGO_PKG_VERSION"),
            ciw::parse::PARSER_VERSION
        )
    );
}

/// A pipe whose reading end is already closed: the first write gets EPIPE, as after `| head -1`
/// has read its line, whatever the length of the output.
#[cfg(unix)]
fn closed_pipe() -> Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe fills both descriptors on success; each is owned exactly once below.
    unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        drop(OwnedFd::from_raw_fd(fds[0]));
        Stdio::from(OwnedFd::from_raw_fd(fds[1]))
    }
}

#[cfg(unix)]
#[test]
fn every_command_is_quiet_when_its_pipe_closes() {
    let lib = test_library();
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("swansea-2018-07.txt");
    std::fs::write(&file, common::SWANSEA).unwrap();
    let f = file.to_str().unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-reports");
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["parse", samples],
        vec!["parse", samples, "--json"],
        vec!["check", samples],
        vec!["import", f],
        vec!["list"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["--version"],
        vec!["remove", "swansea"],
    ];
    for format in ["text", "markdown", "csv", "json"] {
        for base in [
            &["show", "pembrokeshire"][..],
            &["search", "placement stability", "--limit", "20000"],
            &["compare", "safeguarding"],
            &["compare", "--matrix"],
            &["list"],
        ] {
            let mut c = base.to_vec();
            c.extend(["--format", format]);
            commands.push(c);
        }
    }
    for args in &commands {
        let o = Command::new(BIN)
            .args(args)
            .env("CIW_LIBRARY", lib.path())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "ciw {args:?}: {o:?}");
        assert!(
            o.stderr.is_empty(),
            "ciw {args:?} wrote to stderr: {}",
            text(&o.stderr)
        );
    }
    // `2>&1 | head`: stderr's reader gone too, while notes are still to be written.
    for args in [
        &["search", "zzzzqqqq", "--format", "json"][..],
        &["-r", "/nonexistent/report.txt", "list"],
        &["show", "nowhere#3.1"],
    ] {
        let pipe = closed_pipe();
        let o = Command::new(BIN)
            .args(args)
            .env("CIW_LIBRARY", lib.path())
            .stdout(closed_pipe())
            .stderr(pipe)
            .status()
            .unwrap();
        assert_eq!(o.code(), Some(0), "ciw {args:?} 2>&1 | head: {o:?}");
    }
    // The import and the remove still did their work with nobody reading.
    let o = ciw_in(lib.path(), &["list", "--format", "csv"]);
    assert_eq!(text(&o.stdout).lines().count(), 2, "{o:?}");
}

#[cfg(unix)]
#[test]
fn long_output_into_head_exits_zero() {
    if !have("bash") {
        return;
    }
    let lib = tempfile::tempdir().unwrap();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-reports");
    for cmd in [
        format!("'{BIN}' parse '{samples}' --json | head -1"),
        format!("'{BIN}' search 'placement stability' --limit 20000 --format json | head -1"),
        format!("'{BIN}' show swansea --format csv | head -1"),
    ] {
        let o = Command::new("bash")
            .args([
                "--norc",
                "-c",
                &format!("{cmd} >/dev/null; echo \"${{PIPESTATUS[0]}}\""),
            ])
            .env("CIW_LIBRARY", lib.path())
            .output()
            .unwrap();
        assert_eq!(text(&o.stdout).trim(), "0", "{cmd}: {o:?}");
        assert!(o.stderr.is_empty(), "{cmd}: {}", text(&o.stderr));
    }
}

#[test]
fn fish_and_zsh_complete_paragraphs() {
    let lib = test_library();
    let dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    if have("fish") {
        let o = Command::new("fish")
            .args([
                "--no-config",
                "-c",
                "ciw completions fish | source; complete -C 'ciw show pembrokeshire#4.'",
            ])
            .env("PATH", &path)
            .env("CIW_LIBRARY", lib.path())
            .output()
            .unwrap();
        let s = text(&o.stdout);
        assert_eq!(s.lines().count(), 7, "{o:?}");
        assert!(
            s.starts_with("pembrokeshire#4.1\tThere was evidence"),
            "{s}"
        );
    }
    // zsh hands the word over as typed, `#` quoted.
    let o = Command::new(BIN)
        .args(["--", "ciw", "show", "pembrokeshire\\#4.1"])
        .env("COMPLETE", "zsh")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_IFS", "\n")
        .env("CIW_LIBRARY", lib.path())
        .output()
        .unwrap();
    let s = text(&o.stdout);
    assert!(
        s.starts_with("pembrokeshire#4.1:There was evidence"),
        "{o:?}"
    );
}
