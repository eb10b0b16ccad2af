//! The glyphs the real binary picks from the environment: `TERM=linux` gets plain box lines and
//! ASCII symbols, `LANG=C` gets ASCII only (report text apart), in every byte written.

use super::common::report_chars;
use super::session::Session;
use std::collections::BTreeSet;

/// The reader, the tree unfolded, the comparison and the matrix, then quit; every byte written.
fn walk(env: &[(&str, &str)]) -> String {
    let mut s = Session::start(&["swansea#3.18"], env, 80, 24);
    s.wait_for("3.18");
    s.send("\x1b[Z"); // Shift-Tab: the sections pane
    s.send("\r");
    s.wait_for("Care Leavers");
    s.send("c");
    s.wait_for("side by side");
    s.send("M");
    s.wait_for("Matrix:");
    s.send("q");
    assert!(s.wait_exit().success());
    String::from_utf8_lossy(&s.raw()).into_owned()
}

#[test]
fn a_c_locale_writes_ascii_apart_from_report_text() {
    let out = walk(&[("LANG", "C")]);
    let allowed = report_chars();
    let stray: BTreeSet<char> = out
        .chars()
        .filter(|c| !c.is_ascii() && !allowed.contains(c))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
    for c in ['│', '─', '╭', '▸', '›', '…', '✓', '×', '·'] {
        assert!(!out.contains(c), "{c}");
    }
}

#[test]
fn the_linux_console_gets_plain_box_lines() {
    let out = walk(&[("TERM", "linux")]);
    assert!(out.contains('┌') && out.contains('│'));
    for c in ['╭', '╮', '╰', '╯', '▸', '▾', '›', '…', '✓', '×', '·', '▌'] {
        assert!(!out.contains(c), "{c}");
    }
}
