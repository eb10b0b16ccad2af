//! The real binary in a pseudo-terminal (portable-pty + vt100): type keys, read the screen,
//! and check the terminal is restored after `q`, SIGTERM and SIGHUP, that escape sequences
//! in report text never reach the bytes written to the terminal, and that `config.toml`'s
//! `[keys]` apply.

#![cfg(unix)]

use super::session::{contains, nz, Session, WAIT};
use portable_pty::PtySize;
use std::time::{Duration, Instant};

#[test]
fn deep_link_walk_copy_help_and_quit_restores_the_terminal() {
    let mut s = Session::start(&["swansea#3.18"], &[], 80, 24);
    s.wait_for("3.18 Whilst we found");
    {
        let p = s.parser.lock().unwrap();
        assert!(p.screen().alternate_screen());
        assert!(p.screen().hide_cursor());
    }
    s.wait_for("Swansea › 3 Care and Support");
    // Help, then close it.
    s.send("?");
    s.wait_for("Everywhere");
    s.send("\x1b");
    s.wait_gone("Everywhere");
    // Copy: the status line confirms and an OSC 52 sequence went out.
    s.send("y");
    s.wait_for("Copied 3.18 with its citation");
    assert!(contains(&s.raw(), b"\x1b]52;c;"), "no OSC 52 written");
    // Walk: to the sections pane, down into section 4.
    s.send("\x1b[Z"); // Shift-Tab
    s.send("G");
    s.wait_for("Acknowledgements");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn resize_to_tiny_and_back() {
    let mut s = Session::start(&["pembrokeshire#O3"], &[], 80, 24);
    s.wait_for("Overview");
    let size = |c, r| PtySize {
        rows: r,
        cols: c,
        pixel_width: 0,
        pixel_height: 0,
    };
    // The screen model first, so a frame drawn at once for the new size lands in it.
    s.parser.lock().unwrap().set_size(nz(6), nz(24));
    s.resize(size(24, 6)).expect("resize");
    s.wait_for("too small");
    s.parser.lock().unwrap().set_size(nz(12), nz(40));
    s.resize(size(40, 12)).expect("resize");
    s.wait_for("O3");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn no_color_writes_no_colours() {
    let mut s = Session::start(&["swansea#4"], &[("NO_COLOR", "1")], 80, 24);
    s.wait_for("4 Safeguarding");
    s.send("jjk");
    // The selection shows without colour: reversed.
    s.wait_until("a reversed cell", |screen| {
        (0..24).any(|r| (0..80).any(|c| screen.cell(r, c).is_some_and(|cell| cell.inverse())))
    });
    {
        let p = s.parser.lock().unwrap();
        let screen = p.screen();
        for r in 0..24 {
            for c in 0..80 {
                if let Some(cell) = screen.cell(r, c) {
                    assert_eq!(cell.fgcolor(), vt100::Color::Default, "fg at {r},{c}");
                    assert_eq!(cell.bgcolor(), vt100::Color::Default, "bg at {r},{c}");
                }
            }
        }
    }
    s.send("q");
    assert!(s.wait_exit().success());
    // Nor did any frame before or after: no foreground or background colour in any byte.
    for sgr in [&b"\x1b[38;"[..], b"\x1b[48;"] {
        assert!(!contains(&s.raw(), sgr), "a colour was written");
    }
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit() {
    for sig in ["-TERM", "-HUP"] {
        let mut s = Session::start(&[], &[], 80, 24);
        s.wait_for("Reports 1/2");
        s.signal(sig);
        let status = s.wait_exit();
        assert!(!status.success(), "{sig}: {status:?}");
        s.assert_restored();
    }
}

/// Seconds of CPU (user + system) the process has used, from /proc.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Some(ticks / hz)
}

#[test]
fn a_closed_terminal_ends_the_process_without_spinning() {
    let mut s = Session::start(&[], &[], 80, 24);
    s.wait_for("Reports 1/2");
    let pid = s.hang_up();
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if s.child.try_wait().expect("try_wait").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let cpu = cpu_seconds(pid);
    let _ = s.child.kill();
    panic!("ciw still running {WAIT:?} after its terminal closed (CPU used: {cpu:?} s)");
}

#[test]
fn a_panic_restores_the_terminal_then_prints_the_message() {
    let mut s = Session::start(&[], &[("CIW_TEST_PANIC", "1")], 80, 24);
    s.wait_for("Reports 1/2");
    s.send("!");
    let status = s.wait_exit();
    assert!(!status.success());
    s.assert_restored();
    // The message comes after leaving the alternate screen, so it is on the main screen.
    let raw = s.raw();
    let leave = raw
        .windows(8)
        .rposition(|w| w == b"\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(
        contains(&raw[leave..], b"test panic requested"),
        "panic message not printed after restoring"
    );
    assert!(
        s.screen().contains("test panic requested"),
        "{}",
        s.screen()
    );
}

#[test]
fn escape_sequences_in_a_report_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../../sample-reports/swansea-2018-07.txt");
    assert!(text.contains("Whilst we found that stability"));
    let evil = text.replacen(
        "Whilst we found that stability",
        "Whilst we \x1b]52;c;SGFja2Vk\x07found \x1b[2J\x1b]0;PWNED\x07\x1b[38;5;196mthat\u{9b}6n stability",
        1,
    );
    std::fs::write(dir.path().join("swansea-2018-07.txt"), evil).expect("write report");
    let dir_s = dir.path().to_str().expect("utf-8 path").to_string();
    let mut s = Session::start(&["--reports", &dir_s, "swansea#3.18"], &[], 80, 24);
    s.wait_for("Whilst we found that stability");
    s.send("y");
    s.wait_for("Copied 3.18");
    s.send("jjjkkk\t\t\tG?");
    s.wait_for("Everywhere");
    s.send("q");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    for bad in [
        &b"SGFja2Vk"[..],
        b"PWNED",
        b"38;5;196",
        b"\xc2\x9b6n",
        b"\x1b]0;",
    ] {
        assert!(
            !contains(&raw, bad),
            "{:?} reached the terminal",
            String::from_utf8_lossy(bad)
        );
    }
    s.assert_restored();
}

#[test]
fn mouse_false_leaves_the_mouse_to_the_terminal() {
    for (config, captured) in [("", true), ("mouse = false\n", false)] {
        let home = tempfile::tempdir().expect("config home");
        std::fs::create_dir_all(home.path().join("ciw")).expect("config dir");
        std::fs::write(home.path().join("ciw/config.toml"), config).expect("write config");
        let home_s = home.path().to_str().expect("utf-8 path").to_string();
        let mut s = Session::start(&[], &[("XDG_CONFIG_HOME", &home_s)], 80, 24);
        s.wait_for("Reports 1/2");
        let mode = s.parser.lock().unwrap().screen().mouse_protocol_mode();
        assert_eq!(
            mode != vt100::MouseProtocolMode::None,
            captured,
            "{config:?}: {mode:?}"
        );
        s.send("q");
        assert!(s.wait_exit().success());
        s.assert_restored();
    }
}

#[test]
fn config_keys_apply_in_the_real_binary() {
    let home = tempfile::tempdir().expect("config home");
    std::fs::create_dir_all(home.path().join("ciw")).expect("config dir");
    std::fs::write(
        home.path().join("ciw/config.toml"),
        "[keys]\nquit = \"Q\"\ndown = \"n\"\nnext_hit = \".\"\n",
    )
    .expect("write config");
    let home_s = home.path().to_str().expect("utf-8 path").to_string();
    let mut s = Session::start(&["swansea#3"], &[("XDG_CONFIG_HOME", &home_s)], 80, 24);
    s.wait_for("Swansea › 3 Care and Support");
    s.send("q"); // no longer quits
    s.send("j"); // no longer moves
    s.send("n"); // moves down the sections, to 4
    s.wait_for("Swansea › 4 Safeguarding");
    assert!(s.child.try_wait().expect("try_wait").is_none(), "q quit");
    s.send("?");
    s.wait_for("n, ↓");
    s.send("\x1b");
    s.wait_gone("n, ↓");
    s.send("Q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    assert!(
        !contains(&s.raw(), b"does not apply"),
        "{}",
        String::from_utf8_lossy(&s.raw())
    );
}

#[test]
fn e_saves_the_comparison_in_the_current_folder_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().to_str().unwrap();
    let mut s = Session::start(&["swansea#safeguarding"], &[("PWD", cwd)], 100, 30);
    s.wait_for("4 Safeguarding");
    s.send("c");
    s.wait_for("side by side");
    s.send("E");
    s.wait_for("Saved compare-safeguarding-pembrokeshire-swansea.md in ");
    // A second save never replaces the first.
    s.send("E");
    s.wait_for("Saved compare-safeguarding-pembrokeshire-swansea-2.md in ");
    s.send("q");
    assert!(s.wait_exit().success());
    let first = dir
        .path()
        .join("compare-safeguarding-pembrokeshire-swansea.md");
    let md = std::fs::read_to_string(&first).expect("the file is there");
    assert!(md.starts_with("# Safeguarding compared"), "{md}");
    assert!(md.contains("| # | Pembrokeshire, September 2018 | Swansea, July 2018 |"));
    let second = dir
        .path()
        .join("compare-safeguarding-pembrokeshire-swansea-2.md");
    assert_eq!(std::fs::read_to_string(second).unwrap(), md);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary left"
    );
}

#[test]
fn hostile_config_keys_and_library_names_never_reach_the_terminal() {
    let home = tempfile::tempdir().expect("config home");
    std::fs::create_dir_all(home.path().join("ciw")).expect("config dir");
    // TOML escapes make control characters of keys and values.
    std::fs::write(
        home.path().join("ciw/config.toml"),
        "\"\\u001b]0;PWNED1\\u0007\" = 1\ntheme = \"\\u001b]0;PWNED2\\u0007\"\n\
         default_authorities = [\"\\u001b]0;PWNED3\\u0007\"]\n[keys]\n\"\\u001b]0;PWNED4\\u0007\" = \"x\"\n",
    )
    .expect("write config");
    let home_s = home.path().to_str().expect("utf-8 path").to_string();
    let lib = tempfile::tempdir().expect("library");
    let evil_lib = lib.path().join("lib\x1b]0;PWNED5\x07\u{9b}6n");
    let lib_s = evil_lib.to_str().expect("utf-8 path").to_string();
    let mut s = Session::start(
        &[],
        &[("XDG_CONFIG_HOME", &home_s), ("CIW_LIBRARY", &lib_s)],
        100,
        24,
    );
    s.wait_for("Reports 1/2");
    s.send("q");
    assert!(s.wait_exit().success());
    let raw = s.raw();
    assert!(
        contains(&raw, b"unknown setting"),
        "the problems are reported"
    );
    for bad in [&b"\x1b]0;PWNED"[..], b"\xc2\x9b6n", b"\x07"] {
        assert!(
            !contains(&raw, bad),
            "{:?} reached the terminal",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn goto_a_paragraph_and_jump_back() {
    let mut s = Session::start(&["swansea#3.18"], &[], 80, 24);
    s.wait_for("3.18 Whilst we found");
    s.send(":pembrokeshire#R5");
    s.wait_for(":pembrokeshire#R5");
    s.send("\r");
    s.wait_for("At Pembrokeshire R5: Ctrl-o goes back");
    s.wait_for("R5  Further development");
    // Ctrl-o returns to Swansea 3.18.
    s.send("\x0f");
    s.wait_for("Swansea › 3 Care and Support");
    s.wait_for("3.18 Whilst we found");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn f_filters_the_council_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../../sample-reports/swansea-2018-07.txt");
    for i in 1..=24 {
        let name = format!("Testshire {i:04}");
        std::fs::write(
            dir.path().join(format!("testshire-{i:04}.txt")),
            text.replace("Swansea", &name),
        )
        .expect("write report");
    }
    let dir_s = dir.path().to_str().expect("utf-8 path").to_string();
    let mut s = Session::start(&["--reports", &dir_s], &[], 80, 24);
    s.wait_for("Reports 1/24");
    s.send("f0017");
    s.wait_for("Reports 1/1 of 24");
    s.wait_for("Testshire 0017");
    assert!(!s.screen().contains("Testshire 0001"), "{}", s.screen());
    // Enter keeps the filter, Esc clears it and keeps the council.
    s.send("\r");
    s.wait_for("f:0017");
    s.send("\x1b");
    s.wait_for("Reports 17/24");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn f_filters_the_sections_and_ctrl_f_the_search_hits() {
    let mut s = Session::start(&["swansea"], &[], 80, 24);
    s.wait_for("Sections: Swansea");
    // The deep link leaves the keys with the section tree.
    s.send("fsafeg");
    s.wait_for("filter: safeg");
    s.wait_for("1/1 of 11");
    s.wait_for("4 Safeguarding");
    s.send("\r");
    s.wait_for("f:safeg");
    // Esc clears it: every section again, Safeguarding still read.
    s.send("\x1b");
    s.wait_for("/11 ");
    s.wait_for("Swansea › 4 Safeguarding");
    // In the search, Ctrl-f filters the hits: only Pembrokeshire's are left.
    s.send("/placement stability");
    s.wait_for("Search all reports: hit 1/");
    s.send("\x06pembs");
    s.wait_for("filter: pembs");
    s.wait_for(" of ");
    // The list may be drawn a moment after the filter line: wait for it too.
    s.wait_until("only Pembrokeshire's hits", |screen| {
        let text = screen.contents();
        let hits: Vec<&str> = text.lines().filter(|l| l.contains(" 2018 ")).collect();
        !hits.is_empty() && hits.iter().all(|l| l.contains("Pembrokeshire"))
    });
    // Esc clears the filter, a second closes the search.
    s.send("\x1b");
    s.wait_gone("filter: pembs");
    s.wait_for("Esc close");
    s.send("\x1b");
    s.wait_for("Sections: Swansea");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn an_opened_search_hit_highlights_its_words_in_the_reader() {
    let mut s = Session::start(&["swansea"], &[], 80, 24);
    s.wait_for("Reports");
    s.send("/placement stability");
    s.wait_for("placement stability");
    s.wait_for("Search all reports: hit 1/");
    s.send("\r");
    s.wait_for("Hit 1 of");
    // Both words are drawn bold and underlined somewhere in the text pane (right of the
    // reports and sections panes); the hit paragraph has both.
    s.wait_until("both words highlighted", |screen| {
        let seen = highlighted(screen);
        seen.iter().any(|w| w.starts_with("placement")) && seen.contains("stability")
    });
    s.send("q");
    assert!(s.wait_exit().success());
}

/// The words drawn bold and underlined in the text pane (from column 32), lower-cased.
fn highlighted(screen: &vt100::Screen) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let (rows, cols) = screen.size();
    for row in 0..u16::from(rows).saturating_sub(2) {
        let mut word = String::new();
        for col in 32..u16::from(cols) {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.bold() && cell.underline() && !cell.contents().trim().is_empty() {
                word.push_str(cell.contents());
            } else if !word.is_empty() {
                seen.insert(std::mem::take(&mut word).to_lowercase());
            }
        }
        if !word.is_empty() {
            seen.insert(word.to_lowercase());
        }
    }
    seen
}
