//! The comparison view (`c`) and the matrix (`M`) on a `TestBackend`: whole-screen snapshots at
//! 80x24 and 160x48, synchronized scrolling keeps subsections level, `]` walks the five themes,
//! Enter opens the paragraph in the reader, Space picks councils, and no size panics.

use crate::common;

use ciw::tui::app::{Overlay, Pane};
use common::tui::{app_at, ctrl, draw, key, press, random_walk, rows, screen};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use ratatui::Terminal;

/// The screen column where the second comparison column starts (after the separator).
fn second_column(t: &Terminal<TestBackend>) -> usize {
    let r = rows(t);
    r.iter()
        .find_map(|l| l.find(" │ ").map(|b| l[..b].chars().count() + 3))
        .expect("two columns")
}

/// Splits a screen row into the two columns' text.
fn halves(row: &str, at: usize) -> (String, String) {
    let left: String = row.chars().take(at.saturating_sub(3)).collect();
    let right: String = row.chars().skip(at).collect();
    (left.trim_end().to_string(), right.trim_end().to_string())
}

#[test]
fn compare_80x24_shows_both_councils_with_recommendations_on_top() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::Compare);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("Safeguarding: 2 reports side by side"), "{s}");
    assert!(s.contains("Pembrokeshire") && s.contains("Swansea"), "{s}");
    assert!(s.contains("What we expect to see: "), "{s}");
    // Both columns' recommendations are on screen, side by side.
    let at = second_column(&t);
    let afd = rows(&t)
        .into_iter()
        .find(|l| l.contains("Areas for development ("))
        .unwrap_or_else(|| panic!("no areas for development:\n{s}"));
    let (l, r) = halves(&afd, at);
    assert!(l.starts_with("Areas for development (1)"), "{afd}");
    assert!(r.starts_with("Areas for development (2)"), "{afd}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn compare_160x48() {
    let mut app = app_at(Some("pembrokeshire#care-and-support"), false, false);
    key(&mut app, KeyCode::Char('c'));
    let t = draw(&mut app, 160, 48);
    let s = screen(&t);
    assert!(
        s.contains("Care and support and pathway planning: 2 reports"),
        "{s}"
    );
    assert!(s.contains("Areas for development (6)"), "{s}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn opening_from_a_paragraph_shows_its_subsection_level_in_both_columns() {
    let mut app = app_at(Some("pembrokeshire#3.5"), false, false);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.compare.selected.as_deref(), Some("3.5"));
    for (w, h) in [(160, 48), (80, 24)] {
        let t = draw(&mut app, w, h);
        let at = second_column(&t);
        let row = rows(&t)
            .into_iter()
            .find(|l| l.contains("── Care Leavers"))
            .unwrap_or_else(|| panic!("{}", screen(&t)));
        let (l, r) = halves(&row, at);
        assert!(
            l.starts_with("── Care Leavers") && r.starts_with("── Care Leavers"),
            "{row}"
        );
        assert!(screen(&t).contains("3.5  Further work"), "{}", screen(&t));
    }
}

#[test]
fn matrix_80x24() {
    let mut app = app_at(Some("swansea"), false, false);
    key(&mut app, KeyCode::Char('M'));
    assert_eq!(app.overlay(), Overlay::Matrix);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("Councils × themes: 2 reports"), "{s}");
    assert!(s.contains("Swansea") && s.contains("Pembrokeshire"), "{s}");
    insta::assert_snapshot!(t.backend());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
    // From the comparison, Esc returns to it.
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('M'));
    assert_eq!(app.overlay(), Overlay::Matrix);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::Compare);
}

/// Every subsection heading on screen sits on the same row in both columns: neither column
/// ever shows a heading the other shows on a different row.
fn assert_headings_level(t: &Terminal<TestBackend>, headings: &[&str]) -> usize {
    let at = second_column(t);
    let mut level = 0;
    for row in rows(t) {
        let (l, r) = halves(&row, at);
        for h in headings {
            let h = format!("── {h}");
            let (hl, hr) = (l.contains(&h), r.contains(&h));
            assert_eq!(hl, hr, "{h:?} not level: {row:?}\n{}", screen(t));
            if hl {
                level += 1;
            }
        }
    }
    level
}

#[test]
fn synchronized_scrolling_keeps_subsections_level() {
    let headings = [
        "Care Leavers",
        "Long Term Planning",
        "Placement choice",
        "Participation",
    ];
    let mut app = app_at(Some("swansea#care-and-support"), false, false);
    key(&mut app, KeyCode::Char('c'));
    let mut seen = 0;
    let mut last = String::new();
    for _ in 0..200 {
        let t = draw(&mut app, 100, 30);
        seen += assert_headings_level(&t, &headings);
        // The end: neither the screen nor the selection moves any more.
        let s = format!("{}{:?}", screen(&t), app.compare.selected);
        if s == last {
            break;
        }
        last = s;
        key(&mut app, KeyCode::Char('j'));
    }
    assert!(seen >= 4, "saw {seen} level headings");
    // Half pages too.
    key(&mut app, KeyCode::Char('g'));
    for _ in 0..30 {
        ctrl(&mut app, 'd');
        assert_headings_level(&draw(&mut app, 100, 30), &headings);
    }
    // Scrolling alone lets one column move on its own; together again re-levels them.
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('s'));
    let before = screen(&draw(&mut app, 100, 30));
    for _ in 0..8 {
        key(&mut app, KeyCode::Char('j'));
    }
    let t = draw(&mut app, 100, 30);
    let at = second_column(&t);
    let (b, a) = (
        before.lines().map(String::from).collect::<Vec<_>>(),
        rows(&t),
    );
    let moved = |pick: fn((String, String)) -> String| {
        b.iter()
            .zip(&a)
            .take(30 - 2) // not the status and hint lines
            .any(|(x, y)| pick(halves(x, at)) != pick(halves(y, at)))
    };
    assert!(moved(|(_, r)| r), "the focused (right) column scrolled");
    assert!(!moved(|(l, _)| l), "the other column stayed");
    key(&mut app, KeyCode::Char('s'));
    for _ in 0..10 {
        ctrl(&mut app, 'd');
        assert_headings_level(&draw(&mut app, 100, 30), &headings);
    }
}

#[test]
fn bracket_walks_all_five_themes_and_back() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    let titles = [
        "Leadership, management and governance",
        "Access arrangements (IAA)",
        "Assessment",
        "Care and support and pathway planning",
        "Safeguarding",
    ];
    for title in titles {
        key(&mut app, KeyCode::Char(']'));
        assert_eq!(app.overlay(), Overlay::Compare);
        let s = screen(&draw(&mut app, 80, 24));
        assert!(
            s.contains(&format!("{title}: 2 reports side by side")),
            "{title}:\n{s}"
        );
        // Each council's own section heads its column.
        assert!(s.contains("Swansea") && s.contains("Pembrokeshire"), "{s}");
        assert!(
            s.contains("Areas for development"),
            "recommendations on top: {s}"
        );
    }
    key(&mut app, KeyCode::Char('['));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("Care and support and pathway planning: 2"),
        "{s}"
    );
}

#[test]
fn ctrl_o_after_enter_reopens_the_comparison_where_it_was_and_alt_o_reads_again() {
    let mut app = app_at(Some("swansea#4.5"), false, false);
    let before = app.here();
    key(&mut app, KeyCode::Char('c'));
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('h'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('j'));
    }
    let (column, scroll, selected) = (
        app.compare.column,
        app.compare.scroll,
        app.compare.selected.clone(),
    );
    assert!(selected.is_some());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    let read = app.here();
    assert_ne!(read, before);

    ctrl(&mut app, 'o');
    assert_eq!(
        app.overlay(),
        Overlay::Compare,
        "Ctrl-o reopens the comparison"
    );
    assert_eq!(app.here(), before, "with the reader where it was under it");
    assert_eq!(app.compare.column, column);
    assert_eq!(app.compare.scroll, scroll);
    assert_eq!(app.compare.selected, selected);
    draw(&mut app, 80, 24);
    assert_eq!(app.compare.selected, selected);

    press(&mut app, KeyCode::Char('o'), KeyModifiers::ALT);
    assert_eq!(app.overlay(), Overlay::None, "Alt-o goes forward again");
    assert_eq!(app.here(), read);
    ctrl(&mut app, 'o');
    assert_eq!(app.overlay(), Overlay::Compare);
    assert_eq!(app.compare.selected, selected);
}

#[test]
fn enter_opens_the_selected_paragraph_in_the_reader() {
    let mut app = app_at(Some("swansea#4.5"), false, false);
    key(&mut app, KeyCode::Char('c'));
    draw(&mut app, 80, 24);
    assert_eq!(app.compare.selected.as_deref(), Some("4.5"));
    // j reads through 4.5 line by line, then selects the next paragraph.
    for _ in 0..40 {
        key(&mut app, KeyCode::Char('j'));
        if app.compare.selected.as_deref() != Some("4.5") {
            break;
        }
    }
    let next = app.compare.selected.clone().expect("a selection");
    assert_eq!(next, "4.6");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.focus, Pane::Paragraphs);
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Swansea")
    );
    assert_eq!(app.paragraph().map(|p| p.id.clone()), Some(next.clone()));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains(&format!("› {next}")), "{s}");

    // The other council's paragraph: h moves to the left column.
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('h'));
    let sel = app.compare.selected.clone().expect("a selection");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Pembrokeshire")
    );
    let p = app.paragraph().map(|p| p.id.clone());
    let r = app.report().and_then(|r| {
        r.recommendations
            .iter()
            .find(|x| format!("R{}", x.number) == sel)
            .map(|x| x.number)
    });
    assert!(
        p.as_deref() == Some(sel.as_str()) || r.is_some(),
        "{sel} vs {p:?}"
    );
}

#[test]
fn space_picks_councils_for_the_comparison() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    app.focus = Pane::Authorities;
    key(&mut app, KeyCode::Char(' '));
    assert!(app.compare.picked.contains(&app.authorities.selected));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("✓Swansea"), "{s}");
    // Only Swansea picked (and being read): one column.
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&draw(&mut app, 160, 48));
    assert!(s.contains("Safeguarding: 1 report"), "{s}");
    key(&mut app, KeyCode::Esc);
    app.focus = Pane::Authorities;
    key(&mut app, KeyCode::Char(' '));
    assert!(app.compare.picked.is_empty());
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&draw(&mut app, 160, 48));
    assert!(s.contains("Safeguarding: 2 reports side by side"), "{s}");
}

#[test]
fn narrow_terminal_shows_one_column_and_h_l_reach_the_other() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&draw(&mut app, 60, 20));
    assert!(s.contains("Safeguarding: 1 of 2 reports shown"), "{s}");
    assert!(s.contains("Not shown at this width: Pembrokeshire"), "{s}");
    key(&mut app, KeyCode::Char('h'));
    let s = screen(&draw(&mut app, 60, 20));
    assert!(s.contains("Not shown at this width: Swansea"), "{s}");
}

#[test]
fn monochrome_comparison_has_no_colours_but_a_visible_selection() {
    let mut app = app_at(Some("swansea#4.10"), true, false);
    key(&mut app, KeyCode::Char('c'));
    let t = draw(&mut app, 80, 24);
    let cells = t.backend().buffer().content();
    assert!(cells
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(cells
        .iter()
        .any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)));
}

#[test]
fn help_from_the_comparison_returns_to_it_and_lists_its_keys() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Overlay::Help);
    // The help is longer than the screen: read it page by page.
    let mut s = screen(&draw(&mut app, 120, 60));
    for _ in 0..6 {
        key(&mut app, KeyCode::PageDown);
        s.push_str(&screen(&draw(&mut app, 120, 60)));
    }
    assert!(s.contains("Comparison (c)"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::Compare);
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let keys = [
        KeyCode::Char('c'),
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('G'),
        KeyCode::Char('g'),
        KeyCode::Char('h'),
        KeyCode::Char('l'),
        KeyCode::Char(']'),
        KeyCode::Char('['),
        KeyCode::Char('s'),
        KeyCode::Char('e'),
        KeyCode::Char('M'),
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Char(' '),
        KeyCode::Tab,
        KeyCode::Char('?'),
    ];
    let sizes = [
        (0, 0),
        (1, 1),
        (29, 7),
        (30, 8),
        (38, 9),
        (40, 12),
        (78, 24),
        (79, 10),
        (80, 24),
        (120, 14),
        (160, 48),
        (300, 20),
    ];
    let mut app = app_at(Some("swansea#4.10"), false, false);
    random_walk(&mut app, &keys, &sizes, 0xc0ffee, 2500);
}

#[test]
fn a_pei_report_beside_the_2018_samples_walks_both_frameworks() {
    let mut reports = ciw::corpus::Corpus::samples().reports;
    let pei = ciw::parse::parse_str(
        include_str!("../fixtures/ceredigion-2023-05-pei.txt"),
        "ceredigion-2023-05-pei.txt",
    )
    .expect("PEI-shaped report parses");
    reports.push(pei);
    let corpus = ciw::corpus::Corpus::new(reports);
    let target = ciw::target::resolve(&corpus, "swansea#safeguarding").expect("link");
    let mut app = ciw::tui::app::App::new(
        corpus,
        ciw::tui::app::Options {
            monochrome: false,
            glyphs: ciw::tui::palette::Glyphs::Unicode,
            target: Some(target),
        },
    );
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&draw(&mut app, 130, 40));
    assert!(s.contains("Safeguarding: 3 reports side by side"), "{s}");
    assert!(
        s.contains("Act principles (PEI)") && s.contains("2018 inspection themes"),
        "{s}"
    );
    // `]` walks the 2018 themes, then the Act's principles; safeguarding comes once.
    let titles = [
        "Leadership, management and governance",
        "People – voice and control",
        "Prevention",
        "Partnerships and integration",
        "Well-being",
        "Access arrangements (IAA)",
        "Assessment",
        "Care and support and pathway planning",
        "Safeguarding",
    ];
    for title in titles {
        key(&mut app, KeyCode::Char(']'));
        let t = draw(&mut app, 80, 24);
        let s = screen(&t);
        let shown = rows(&t)
            .iter()
            .any(|r| r.starts_with("Ceredigion ") || r.contains("│ Ceredigion "));
        assert!(
            s.contains(&format!("{title}: 2 of 3 reports shown")),
            "{title}:\n{s}"
        );
        // At 80 columns two councils show: never one with nothing on the theme in place of one
        // with text. Only the PEI has text on the Act's principles; on safeguarding all three do.
        let pei_theme = matches!(
            title,
            "People – voice and control"
                | "Prevention"
                | "Partnerships and integration"
                | "Well-being"
        );
        if title != "Safeguarding" {
            assert_eq!(shown, pei_theme, "{title}:\n{s}");
        }
    }
}

#[test]
fn e_saves_the_comparison_as_markdown() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('E'));
    assert_eq!(app.overlay(), Overlay::Compare, "the comparison stays open");
    let effects = app.take_effects();
    let [ciw::tui::app::Effect::Export { stem, markdown }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(stem, "compare-safeguarding-pembrokeshire-swansea");
    let c = app.compare.comparison.as_ref().unwrap();
    assert_eq!(*markdown, ciw::export::compare_markdown(c, &app.corpus));
    assert!(markdown.contains("| # | Pembrokeshire, September 2018 | Swansea, July 2018 |"));
    // The help lists the key.
    let help: String = ciw::tui::panes::help::lines(&app, 100)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(help.contains("save the comparison as Markdown"), "{help}");
    assert!(help.contains("save the hits as Markdown"), "{help}");
}
