//! Whole-screen snapshots of the explorer on a `TestBackend` at 80x24 and 120x40, plus
//! behaviour checks that need no real terminal: monochrome has no colours, report text never
//! brings escape sequences to the screen, and no key sequence at any size panics.

use crate::common;

use ciw::corpus::Corpus;
use ciw::tui::action::Action;
use ciw::tui::app::{App, Effect, Options, Pane};
use common::tui::{app_at, click, ctrl, draw, key, random_walk, screen, wheel};
use crossterm::event::KeyCode;
use ratatui::style::Color;

#[test]
fn first_frame_80x24() {
    let mut app = app_at(None, false, false);
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn first_frame_120x40() {
    let mut app = app_at(None, false, false);
    let t = draw(&mut app, 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn deep_link_section_open_80x24() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("Swansea › 3 Care and Support"), "{s}");
    assert!(s.contains("3.18 Whilst we found"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn section_with_expectations_open_120x40() {
    let mut app = app_at(Some("pembrokeshire#safeguarding"), false, false);
    assert_eq!(app.focus, Pane::Sections);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    let t = draw(&mut app, 120, 40);
    let s = screen(&t);
    assert!(s.contains("▾ What we expect to see"), "{s}");
    assert!(s.contains("Effective local safeguarding"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_80x24() {
    let mut app = app_at(None, false, false);
    key(&mut app, KeyCode::Char('?'));
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_leaves_nothing_of_the_breadcrumb_beside_it() {
    // A breadcrumb that fills the status line, under the help's bottom border.
    let mut app = common::tui::many(2);
    common::tui::typed(&mut app, ":#1.1");
    key(&mut app, KeyCode::Enter);
    let before = common::tui::rows(&draw(&mut app, 80, 24));
    assert!(
        before[22].trim_end().chars().count() >= 79,
        "{}",
        before[22]
    );
    key(&mut app, KeyCode::Char('?'));
    let r = common::tui::rows(&draw(&mut app, 80, 24));
    let line: Vec<char> = r[22].chars().collect();
    assert_eq!((line[0], line[79]), (' ', ' '), "{}", r[22]);
    assert_eq!((line[1], line[78]), ('╰', '╯'), "{}", r[22]);
}

#[test]
fn help_120x40_lists_every_binding() {
    let mut app = app_at(None, false, false);
    key(&mut app, KeyCode::Char('?'));
    let t = draw(&mut app, 120, 40);
    // The help may be longer than the screen: read it page by page.
    let mut s = screen(&t);
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
        s.push_str(&screen(&draw(&mut app, 120, 40)));
    }
    key(&mut app, KeyCode::Char('g'));
    for b in app
        .keymap
        .bindings()
        .iter()
        .filter(|b| b.scope != ciw::tui::keymap::Scope::Help)
    {
        let text = app.keymap.fill(b.help, false);
        assert!(!text.contains('{'), "unfilled key in {text:?}");
        assert!(s.contains(&text), "help lacks {text:?}");
    }
    insta::assert_snapshot!(t.backend());
    key(&mut app, KeyCode::Esc);
    let t = draw(&mut app, 120, 40);
    assert!(!screen(&t).contains("Everywhere"));
}

#[test]
fn too_small() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let t = draw(&mut app, 24, 6);
    let s = screen(&t);
    assert!(s.contains("Terminal too"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn narrow_40x12_shows_one_pane() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let t = draw(&mut app, 40, 12);
    insta::assert_snapshot!(t.backend());
    key(&mut app, KeyCode::Tab);
    let s = screen(&draw(&mut app, 40, 12));
    assert!(s.contains("Reports 2/2"), "{s}");
}

#[test]
fn no_color_80x24_uses_no_colours() {
    let mut app = app_at(Some("swansea#3.18"), true, false);
    let t = draw(&mut app, 80, 24);
    for cell in t.backend().buffer().content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "coloured cell {cell:?}"
        );
    }
    // The selection is still visible: reversed cells exist.
    assert!(t
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn ascii_80x24_has_no_box_drawing() {
    let mut app = app_at(Some("swansea#3.18"), false, true);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(
        !s.contains('│') && !s.contains('›') && !s.contains('▌'),
        "{s}"
    );
    assert!(s.contains("Swansea > 3 Care"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn copy_sends_paragraph_with_citation() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    key(&mut app, KeyCode::Char('y'));
    let effects = app.take_effects();
    let [Effect::Clipboard(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(text.starts_with("3.18 Whilst we found"), "{text}");
    assert!(text.ends_with(
        "CIW inspection of children's services, City and County of Swansea, July 2018, para 3.18"
    ));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Copied 3.18 with its citation"), "{s}");
}

#[test]
fn escape_sequences_in_report_text_never_reach_the_screen() {
    let mut corpus = Corpus::samples();
    let evil = "\x1b]52;c;SGFja2Vk\x07\x1b[2J\x1b[31mred\u{9b}6n\u{202e}rev";
    for r in &mut corpus.reports {
        r.authority.short.push_str(evil);
        for s in &mut r.sections {
            s.title.push_str(evil);
            s.subsections.iter_mut().for_each(|x| x.push_str(evil));
            for p in &mut s.paragraphs {
                p.text.push_str(evil);
                p.id.push_str(evil);
                if let Some(sub) = &mut p.subsection {
                    sub.push_str(evil);
                }
            }
        }
    }
    let mut app = App::new(corpus, Options::default());
    for _ in 0..3 {
        for code in [
            KeyCode::Tab,
            KeyCode::Char('j'),
            KeyCode::Enter,
            KeyCode::Char('G'),
        ] {
            key(&mut app, code);
            for (w, h) in [(80, 24), (120, 40), (40, 12)] {
                let t = draw(&mut app, w, h);
                for cell in t.backend().buffer().content() {
                    assert!(
                        !cell
                            .symbol()
                            .chars()
                            .any(|c| c.is_control() || c == '\u{202e}'),
                        "control character on screen: {:?}",
                        cell.symbol()
                    );
                }
            }
        }
    }
    key(&mut app, KeyCode::Char('y'));
    for effect in app.take_effects() {
        let Effect::Clipboard(text) = effect else {
            continue;
        };
        assert!(
            !text.contains('\x1b') && !text.contains('\u{9b}'),
            "{text:?}"
        );
    }
}

#[test]
fn walking_every_section_of_both_reports_never_panics() {
    let mut app = app_at(None, false, false);
    for report in 0..2 {
        app.update(Action::Resize(80, 24));
        app.focus = Pane::Authorities;
        key(&mut app, KeyCode::Char('g'));
        for _ in 0..report {
            key(&mut app, KeyCode::Char('j'));
        }
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('g'));
        let rows = app.tree_rows().len();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..rows + 20 {
            key(&mut app, KeyCode::Enter); // unfold subsections where there are any
            app.focus = Pane::Sections;
            seen.insert(app.paragraphs.section);
            key(&mut app, KeyCode::Char('j'));
            draw(&mut app, 80, 24);
        }
        let n = app.report().unwrap().sections.len();
        assert_eq!(seen.len(), n, "visited every section of report {report}");
    }
}

#[test]
fn random_keys_at_any_size_never_panic() {
    let keys = [
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Char('h'),
        KeyCode::Char('l'),
        KeyCode::Enter,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Char('z'),
        KeyCode::Esc,
        KeyCode::Char('?'),
        KeyCode::Char('y'),
        KeyCode::Char(' '),
    ];
    let sizes = [
        (1, 1),
        (0, 0),
        (30, 8),
        (29, 8),
        (40, 12),
        (63, 20),
        (64, 20),
        (80, 24),
        (110, 30),
        (200, 60),
    ];
    let mut app = app_at(Some("swansea#R5"), false, false);
    random_walk(&mut app, &keys, &sizes, 0x5eed, 3000);
}

#[test]
fn resize_keeps_the_selected_paragraph_in_view() {
    let mut app = app_at(Some("swansea#5.11"), false, false);
    for (w, h) in [(200, 60), (40, 12), (80, 24), (64, 14)] {
        let s = screen(&draw(&mut app, w, h));
        assert!(s.contains("5.11"), "{w}x{h}:\n{s}");
    }
}

#[test]
fn paging_down_never_moves_the_selection_backwards() {
    let mut app = app_at(Some("pembrokeshire#R3"), false, false);
    app.update(Action::Resize(80, 24));
    let before = app.paragraph().unwrap().id.clone();
    ctrl(&mut app, 'd');
    let after = app.paragraph().unwrap().id.clone();
    let n = |id: &str| id.trim_start_matches('R').parse::<u32>().unwrap();
    assert!(n(&after) >= n(&before), "{before} -> {after}");
    // Paging to the end reaches the last recommendation.
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
    }
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.paragraph().unwrap().id, "R10");
}

#[test]
fn j_reads_a_tall_paragraph_line_by_line_on_a_small_screen() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    app.update(Action::Resize(40, 12));
    let start = app.paragraphs.scroll;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.paragraph().unwrap().id,
        "3.18",
        "moved on before the end of 3.18"
    );
    assert_eq!(app.paragraphs.scroll, start + 1);
    for _ in 0..60 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_ne!(app.paragraph().unwrap().id, "3.18");
}

#[test]
fn mouse_click_selects_a_report_and_wheel_scrolls_text() {
    let mut app = app_at(None, false, false);
    app.update(Action::Resize(80, 24));
    // Row 3 is Swansea in the reports pane (border, header, Pembrokeshire, Swansea).
    click(&mut app, 5, 3);
    assert_eq!(app.report().unwrap().authority.short, "Swansea");
    assert_eq!(app.focus, Pane::Authorities);
    wheel(&mut app, true, 60, 10);
    assert_eq!(app.paragraphs.scroll, 3);
    click(&mut app, 60, 10);
    assert_eq!(app.focus, Pane::Paragraphs);
}

#[test]
fn moving_between_councils_keeps_the_section() {
    let mut app = app_at(Some("pembrokeshire#4"), false, false);
    app.focus = Pane::Authorities;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.report().unwrap().authority.short, "Swansea");
    assert_eq!(app.section().unwrap().key(), "4");
}

#[test]
fn welsh_combining_and_wide_characters_keep_the_borders_straight() {
    let mut corpus = Corpus::samples();
    let odd = " Gw\u{302}yl “Dewi” Sant – ŵ ŷ Ŵ Ŷ 日本語テキスト e\u{301}\u{301} ";
    for r in &mut corpus.reports {
        r.authority.short = format!("Ynys Môn{odd}");
        for s in &mut r.sections {
            s.title.push_str(odd);
            for p in &mut s.paragraphs {
                p.text = p.text.replace(' ', odd).chars().take(2000).collect();
            }
        }
    }
    // The explorer opened on section `si` of the first report, "What we expect to see" unfolded.
    let at_section = |si: usize| {
        let target = ciw::target::Target {
            report: 0,
            section: Some(si),
            paragraph: None,
            part: None,
        };
        let options = Options {
            target: Some(target),
            ..Options::default()
        };
        let mut app = App::new(corpus.clone(), options);
        app.paragraphs.expectations_open = true;
        app
    };
    let sections = corpus.reports[0].sections.len();
    let mut app = at_section(sections - 1);
    // The paragraph view's own measure agrees with ratatui's: no line is wider than the pane,
    // so nothing is clipped at the right edge.
    for si in 0..sections {
        let app = at_section(si);
        for width in [12usize, 20, 33, 46, 77, 120] {
            let d = ciw::tui::panes::paragraphs::doc(&app, width);
            for l in &d.lines {
                assert!(
                    l.width() <= width,
                    "{width}: {} > {width}: {l:?}",
                    l.width()
                );
            }
        }
    }
    for (w, h) in [(80u16, 24u16), (120, 40), (40, 12)] {
        for code in [
            KeyCode::Tab,
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Tab,
        ] {
            key(&mut app, code);
            let t = draw(&mut app, w, h);
            let buf = t.backend().buffer();
            // Every pane row ends in a right border at the last column.
            for y in 0..h - if h >= 14 { 2 } else { 1 } {
                let sym = buf[(w - 1, y)].symbol();
                assert!(
                    ["│", "╮", "╯"].contains(&sym),
                    "{w}x{h} row {y} ends in {sym:?}:\n{}",
                    t.backend()
                );
            }
        }
    }
}
