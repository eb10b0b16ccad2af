//! The glyphs a terminal can show: snapshots of the Linux console (`TERM=linux`: plain box
//! lines, ASCII for the rest) and of a C locale (ASCII only), and no character outside ASCII on
//! any screen of a C locale except those of the reports' own text.

use crate::common;

use ciw::tui::palette::Glyphs;
use common::report_chars;
use common::tui::{app_with_glyphs, draw, key, screen, typed};
use crossterm::event::KeyCode;
use std::collections::BTreeSet;

/// The screens a reader sees: the three panes with the tree unfolded, the expectations, the
/// help, the search, the bookmarks, the comparison and the matrix.
fn screens(glyphs: Glyphs, w: u16, h: u16) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut shot = |name: &str, app: &mut ciw::tui::app::App| {
        out.push((name.to_string(), screen(&draw(app, w, h))));
    };
    let mut app = app_with_glyphs(Some("swansea#3.18"), false, glyphs);
    shot("reader", &mut app);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Enter);
    shot("tree", &mut app);
    key(&mut app, KeyCode::Char('y'));
    shot("copied", &mut app);
    let mut app = app_with_glyphs(Some("pembrokeshire#safeguarding"), false, glyphs);
    shot("expectations folded", &mut app);
    key(&mut app, KeyCode::Enter);
    shot("expectations open", &mut app);
    key(&mut app, KeyCode::Char('?'));
    shot("help", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    // Two words: the count then has hits with only some of them.
    typed(&mut app, "placement stability");
    assert!(
        app.search.wait(std::time::Duration::from_secs(60)),
        "no hits in time"
    );
    shot("search", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Char('\''));
    shot("bookmarks", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('c'));
    shot("compare", &mut app);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "placement");
    shot("find line", &mut app);
    key(&mut app, KeyCode::Enter);
    shot("found", &mut app);
    key(&mut app, KeyCode::Char('M'));
    shot("matrix", &mut app);
    // The picks list, among more councils than fit.
    let mut app = common::tui::many(30);
    app.palette = ciw::tui::palette::Palette::new(false, glyphs);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char(' '));
    shot("picks", &mut app);
    out
}

#[test]
fn a_c_locale_shows_ascii_apart_from_report_text() {
    let allowed = report_chars();
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        for (name, s) in screens(Glyphs::Ascii, w, h) {
            if name == "picks" && h > 12 {
                assert!(s.contains("Pick councils") && s.contains(" * "), "{s}");
            }
            let stray: BTreeSet<char> = s
                .chars()
                .filter(|c| !c.is_ascii() && !allowed.contains(c))
                .collect();
            assert!(stray.is_empty(), "{name} {w}x{h}: {stray:?}\n{s}");
            // Report text never brings box lines or the Unicode symbols either.
            for c in [
                '│', '─', '╭', '┌', '▸', '▾', '›', '…', '✓', '×', '·', '▌', '↑',
            ] {
                assert!(!s.contains(c), "{name} {w}x{h}: {c}\n{s}");
            }
        }
    }
}

#[test]
fn the_linux_console_gets_plain_box_lines_and_ascii_symbols() {
    for (name, s) in screens(Glyphs::Console, 80, 24) {
        for c in [
            '╭', '╮', '╰', '╯', '▸', '▾', '›', '…', '✓', '×', '·', '▌', '↑', '↓',
        ] {
            assert!(!s.contains(c), "{name}: {c}\n{s}");
        }
    }
    let mut app = app_with_glyphs(Some("swansea#3.18"), false, Glyphs::Console);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains('┌') && s.contains('│') && s.contains('┘'), "{s}");
    assert!(s.contains("Swansea > 3 Care"), "{s}");
}

#[test]
fn console_80x24() {
    let mut app = app_with_glyphs(Some("swansea#3.18"), false, Glyphs::Console);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Enter);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    // The folded and unfolded markers of the tree are not the border's corners.
    assert!(s.contains("v 3 Care"), "{s}");
    assert!(s.contains("> Methodology"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn lang_c_80x24() {
    let mut app = app_with_glyphs(Some("swansea#3.18"), false, Glyphs::Ascii);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Enter);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("v 3 Care") && s.contains("+-"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn lang_c_compare_80x24() {
    let mut app = app_with_glyphs(Some("swansea#safeguarding"), false, Glyphs::Ascii);
    key(&mut app, KeyCode::Char('c'));
    let t = draw(&mut app, 80, 24);
    assert!(screen(&t).contains(" | "), "{}", screen(&t));
    insta::assert_snapshot!(t.backend());
}
