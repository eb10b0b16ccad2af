//! The event loop over a real terminal: a burst of keys draws one frame, the mouse is asked
//! for buttons and drags only, the position is saved as you move and on SIGHUP, and the bytes a
//! keystroke costs (next to `less`, in an ignored test that prints them).

use super::session::{contains, Session, WAIT};
use std::time::{Duration, Instant};

/// Every frame ratatui draws without a text cursor ends by hiding the cursor: one per frame.
const FRAME_END: &[u8] = b"\x1b[?25l";

fn frames(raw: &[u8]) -> usize {
    raw.windows(FRAME_END.len())
        .filter(|w| *w == FRAME_END)
        .count()
}

/// Quiet long enough, once the program has begun to answer, that it has drawn all it will.
const QUIET: Duration = Duration::from_millis(400);

/// Sends `keys` in one write and returns the frames and bytes drawn in answer: everything
/// written from the first byte of the answer until the program goes quiet.
fn answer(s: &mut Session, keys: &[u8]) -> (usize, usize) {
    s.settle(QUIET);
    let before = s.written();
    s.write_raw(keys);
    let start = Instant::now();
    while s.written() == before {
        assert!(start.elapsed() < WAIT, "no answer to {keys:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.settle(QUIET);
    let raw = s.raw();
    (frames(&raw[before..]), raw.len() - before)
}

#[test]
fn a_burst_of_30_keys_draws_one_frame() {
    let mut s = Session::start(&["swansea#3.1"], &[], 80, 24);
    s.wait_for("3.1 ");
    // One key, one frame: the marker counts frames.
    let (one, _) = answer(&mut s, b"j");
    assert_eq!(one, 1, "frames for one j");
    let crumb_before = s.screen();
    let (burst, bytes) = answer(&mut s, &[b'j'; 30]);
    assert_eq!(burst, 1, "30 queued j drew {burst} frames ({bytes} bytes)");
    // And the 30 moves all happened.
    assert_ne!(s.screen(), crumb_before);
    s.wait_for("3.");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Asserts that each of the control sequences `ESC [ <mode>` was written.
fn assert_sent(raw: &[u8], modes: &[&str]) {
    for m in modes {
        let seq = format!("\x1b[{m}");
        assert!(contains(raw, seq.as_bytes()), "ESC [{m} not sent");
    }
}

#[test]
fn the_mouse_is_asked_for_buttons_and_drags_not_every_motion() {
    let mut s = Session::start(&[], &[], 80, 24);
    s.wait_for("Reports 1/2");
    assert_eq!(
        s.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::ButtonMotion
    );
    let raw = s.raw();
    assert_sent(&raw, &["?1000h", "?1002h", "?1006h", "?2004h"]);
    assert!(
        !contains(&raw, b"\x1b[?1003h"),
        "all-motion mouse mode asked for"
    );
    // A click still selects: Swansea's row in the reports pane (SGR: button 0 at column 5,
    // row 4, one-based).
    s.send("\x1b[<0;5;4M\x1b[<0;5;4m");
    s.wait_for("Reports 2/2");
    s.send("q");
    assert!(s.wait_exit().success());
    assert_sent(
        &s.raw(),
        &["?1000l", "?1002l", "?1003l", "?1006l", "?2004l"],
    );
    s.assert_restored();
}

/// The breadcrumb line of the screen (the status line, second from the bottom).
fn crumb(s: &Session) -> String {
    let screen = s.screen();
    let rows: Vec<&str> = screen.lines().collect();
    rows.get(rows.len().saturating_sub(2))
        .map(|r| r.trim().to_string())
        .unwrap_or_default()
}

#[test]
fn the_position_survives_sighup_and_a_kill_after_a_pause() {
    let lib = tempfile::tempdir().expect("library");
    let lib_s = lib.path().to_str().expect("utf-8 path").to_string();
    let env = [("CIW_LIBRARY", lib_s.as_str())];
    // SIGHUP: written on the way out.
    let mut s = Session::start(&["swansea#3.18"], &env, 80, 24);
    s.wait_for("3.18 Whilst we found");
    s.wait_for("Swansea › 3 Care");
    s.settle(QUIET);
    let here = crumb(&s);
    assert!(here.contains("Swansea") && here.contains("3.18"), "{here}");
    s.signal("-HUP");
    assert!(!s.wait_exit().success());
    let mut s = Session::start(&[], &env, 80, 24);
    s.wait_for("3.18 Whilst we found");
    s.wait_for(&here);
    // SIGKILL leaves no way out: what a pause after the last move wrote is what reopens.
    s.send(":pembrokeshire#R5\r");
    s.wait_for("R5  Further development");
    s.wait_for("Pembrokeshire ›");
    s.settle(QUIET);
    let here = crumb(&s);
    assert!(
        here.contains("Pembrokeshire") && here.contains("R5"),
        "{here}"
    );
    // No key for a moment: the position is written (a second after the last move).
    let last = ciw::paths::Paths::resolve(Some(lib.path()))
        .expect("library paths")
        .state
        .join(ciw::state::LAST_FILE);
    let start = Instant::now();
    while !std::fs::read_to_string(&last).is_ok_and(|t| t.contains("\"R5\"")) {
        assert!(start.elapsed() < WAIT, "the position was not written");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.signal("-KILL");
    let _ = s.wait_exit();
    let mut s = Session::start(&[], &env, 80, 24);
    s.wait_for("R5  Further development");
    s.wait_for(&here);
    s.send("q");
    assert!(s.wait_exit().success());
}

/// Mean bytes written in answer to `keys`, sent `times` times one after another.
/// Bytes written in answer to `keys`, which may be none: what is written until the program
/// has been quiet for [`QUIET`].
fn quiet_bytes(s: &mut Session, keys: &[u8]) -> usize {
    s.settle(QUIET);
    let before = s.written();
    s.write_raw(keys);
    s.settle(QUIET);
    s.written() - before
}

#[test]
fn a_key_that_changes_nothing_writes_nothing() {
    let mut s = Session::start(&[], &[], 80, 24);
    s.wait_for("Reports 1/2");
    // Down and up again (the first key also clears the status line's greeting).
    let _ = answer(&mut s, b"j");
    let _ = answer(&mut s, b"k");
    s.wait_for("Reports 1/2");
    // `k` on the first council: nothing moves, nothing is written.
    assert_eq!(quiet_bytes(&mut s, b"k"), 0, "bytes for k at the top");
    // The next key that changes something is drawn as ever.
    let (frames, _) = answer(&mut s, b"j");
    assert_eq!(frames, 1);
    s.wait_for("Reports 2/2");
    s.send("q");
    assert!(s.wait_exit().success());
}

fn mean_bytes(s: &mut Session, keys: &[u8], times: usize) -> usize {
    let total: usize = (0..times).map(|_| answer(s, keys).1).sum();
    total / times.max(1)
}

/// Bytes per keystroke at 80x24 over a pty, next to `less` on the same text (`ciw show
/// swansea`): `j`, PgDn, and one character typed into a search. Prints a table; run with
/// `cargo test --test pty bytes_per_keystroke -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: prints figures, asserts nothing about them"]
fn bytes_per_keystroke_next_to_less() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(["show", "swansea"])
        .output()
        .expect("ciw show runs")
        .stdout;
    let file = dir.path().join("s.txt");
    std::fs::write(&file, text).expect("write the text");
    let file_s = file.to_str().expect("utf-8 path");
    const N: usize = 10;
    const PGDN: &[u8] = b"\x1b[6~";

    let mut ciw = Session::start(&["swansea#3.1"], &[], 80, 24);
    ciw.wait_for("3.1 ");
    let ciw_j = mean_bytes(&mut ciw, b"j", N);
    let ciw_pgdn = mean_bytes(&mut ciw, PGDN, N);
    let (burst_frames, burst) = answer(&mut ciw, &[b'j'; 30]);
    // `g` then `k`: at the top of the text, `k` changes nothing.
    let _ = answer(&mut ciw, b"g");
    let ciw_noop = quiet_bytes(&mut ciw, b"k");
    ciw.write_raw(b"/");
    ciw.wait_for("Search");
    let ciw_type = mean_bytes(&mut ciw, b"e", N);
    ciw.send("\x1b");
    ciw.send("q");
    let _ = ciw.wait_exit();

    let mut less = Session::program(
        "less",
        &[file_s],
        &[("LESS", ""), ("LESSHISTFILE", "-")],
        80,
        24,
    );
    less.wait_for("Swansea");
    let less_j = mean_bytes(&mut less, b"j", N);
    let less_pgdn = mean_bytes(&mut less, PGDN, N);
    let (_, less_burst) = answer(&mut less, &[b'j'; 30]);
    less.write_raw(b"/");
    less.settle(QUIET);
    let less_type = mean_bytes(&mut less, b"e", N);
    less.write_raw(b"\x1b\x1bq");
    less.send("q");

    println!("bytes per keystroke at 80x24 (mean of {N}):");
    println!("{:<28}{:>8}{:>8}", "", "ciw", "less");
    println!("{:<28}{:>8}{:>8}", "j (reader / one line)", ciw_j, less_j);
    println!("{:<28}{:>8}{:>8}", "PgDn", ciw_pgdn, less_pgdn);
    println!("{:<28}{:>8}{:>8}", "30 j in one write", burst, less_burst);
    println!("(ciw drew {burst_frames} frame(s) for the 30 j)");
    println!(
        "{:<28}{:>8}{:>8}",
        "a character typed in /", ciw_type, less_type
    );
    println!("{:<28}{:>8}", "k at the top (no change)", ciw_noop);
}
