//! The comparison as a place to work: a scrolled paragraph keeps its id at the top of its
//! column, the breadcrumb names what is on screen, `/` finds words in the compared section
//! (highlighted in the columns as the reader highlights them, `n`/`N` step through them, the
//! line's history kept with the state), no picks among many councils asks
//! for picks (offering last time's), the picks list filters with `f`, and Enter on a matrix
//! cell opens that council's section with a jump to come back (g, G and the page keys move the
//! matrix's cursor, never off screen).

use crate::common;

use ciw::paths::Paths;
use ciw::state::State;
use ciw::tui::app::{App, Overlay};
use ciw::tui::panes::compare;
use ciw::tui::session;
use common::tui::{app_at, ctrl, draw, key, rows, settle, typed};
use crossterm::event::KeyCode;
use ratatui::style::Modifier;
use std::time::Duration;

/// The screen row of the first scrolling line (below the preamble and the column headers).
fn top_row(app: &App) -> usize {
    let v = compare::view(app).expect("comparison laid out");
    v.preamble.len() + v.header_height
}

#[test]
fn a_scrolled_paragraph_keeps_its_id_at_the_top_and_the_breadcrumb_follows() {
    let mut app = app_at(Some("pembrokeshire#care-and-support"), false, false);
    key(&mut app, KeyCode::Char('c'));
    draw(&mut app, 80, 24);
    let mut pinned = None;
    for _ in 0..120 {
        key(&mut app, KeyCode::Char('j'));
        draw(&mut app, 80, 24);
        let v = compare::view(&app).expect("laid out");
        let i = v.focused(&app).expect("focused column shown");
        let off = v.offset(&app, i);
        if let Some(line) = v.pinned(i, off) {
            let id = v
                .top_item(i, off)
                .expect("a paragraph on top")
                .anchor
                .clone();
            pinned = Some((line, id));
            break;
        }
    }
    let (line, id) = pinned.expect("some paragraph continued past the top");
    assert!(line.plain().starts_with(&id), "{line:?}");
    let t = draw(&mut app, 80, 24);
    let r = rows(&t);
    let top = &r[top_row(&app)];
    assert!(top.contains(&format!("{id} ")), "{top}\n{}", r.join("\n"));
    // The id on top is set apart (italic).
    let x = top.find(&id).expect("id on top") as u16;
    let cell = &t.backend().buffer()[(x, top_row(&app) as u16)];
    assert!(cell.modifier.contains(Modifier::ITALIC), "{cell:?}");
    // The breadcrumb names the council and the paragraph on top, not one scrolled away.
    let status = &r[22];
    assert!(status.contains("Compare › Care and support"), "{status}");
    assert!(status.contains(&format!("› {id}")), "{status}");
}

#[test]
fn breadcrumb_names_the_paragraph_at_the_top_after_paging() {
    let mut app = app_at(Some("swansea#care-and-support"), false, false);
    key(&mut app, KeyCode::Char('c'));
    for _ in 0..4 {
        ctrl(&mut app, 'd');
    }
    let t = draw(&mut app, 80, 24);
    let v = compare::view(&app).expect("laid out");
    let i = v.focused(&app).expect("focused");
    let top = v
        .top_item(i, v.offset(&app, i))
        .expect("top")
        .anchor
        .clone();
    let status = rows(&t)[22].clone();
    assert!(status.trim_end().contains(&format!("› {top} ")), "{status}");
}

/// Cells drawn with the search highlight (bold and underlined) as text.
fn highlighted(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buf = t.backend().buffer();
    buf.content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn slash_finds_words_in_the_compared_section_and_n_steps_through_them() {
    let mut app = app_at(Some("pembrokeshire#care-and-support"), false, false);
    key(&mut app, KeyCode::Char('c'));
    draw(&mut app, 100, 30);
    assert!(highlighted(&draw(&mut app, 100, 30)).is_empty());
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "placement");
    // Highlighted as typed, before Enter.
    assert!(app.compare.find.marks().is_some());
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::Compare);
    let t = draw(&mut app, 100, 30);
    let h = highlighted(&t).to_lowercase();
    assert!(h.contains("placement"), "{h}");
    let m = app.message.clone().unwrap_or_default();
    assert!(m.starts_with("1 of "), "{m}");
    // The selection is on a paragraph with the word.
    let first = (app.compare.column, app.compare.selected.clone());
    let text_of = |app: &App| {
        let c = app.compare.comparison.as_ref().expect("open");
        let col = &c.columns[app.compare.column];
        let id = app.compare.selected.clone().unwrap_or_default();
        col.paragraphs
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.text.clone())
            .or_else(|| {
                col.recommendations
                    .iter()
                    .find(|r| format!("R{}", r.number) == id)
                    .map(|r| r.text.clone())
            })
            .unwrap_or_default()
    };
    assert!(
        text_of(&app).to_lowercase().contains("placement"),
        "{first:?}"
    );
    key(&mut app, KeyCode::Char('n'));
    assert_ne!((app.compare.column, app.compare.selected.clone()), first);
    assert!(text_of(&app).to_lowercase().contains("placement"));
    let m = app.message.clone().unwrap_or_default();
    assert!(m.starts_with("2 of "), "{m}");
    key(&mut app, KeyCode::Char('N'));
    assert_eq!((app.compare.column, app.compare.selected.clone()), first);
    // Esc turns the highlights off and keeps the comparison; a second Esc closes it.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::Compare);
    assert!(highlighted(&draw(&mut app, 100, 30)).is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn find_with_no_match_says_so() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('n'));
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("Nothing to find yet: / finds words"), "{m}");
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "zzyzx");
    key(&mut app, KeyCode::Enter);
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("No paragraph here has \"zzyzx\""), "{m}");
}

#[test]
fn enter_on_a_matrix_cell_opens_that_councils_section_and_ctrl_o_comes_back() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let before = app.here();
    key(&mut app, KeyCode::Char('M'));
    assert_eq!(app.overlay(), Overlay::Matrix);
    let laid = ciw::tui::panes::matrix::laid(&app);
    let pembrokeshire = laid
        .reports
        .iter()
        .position(|&i| app.corpus.reports[i].authority.short == "Pembrokeshire")
        .expect("a row for Pembrokeshire");
    let safeguarding = laid
        .themes
        .iter()
        .position(|t| *t == ciw::model::Theme::Safeguarding)
        .expect("a safeguarding column");
    key(&mut app, KeyCode::Char('g'));
    for _ in 0..pembrokeshire {
        key(&mut app, KeyCode::Char('j'));
    }
    for _ in 0..safeguarding {
        key(&mut app, KeyCode::Char('l'));
    }
    let t = draw(&mut app, 80, 24);
    let r = rows(&t);
    // The cursor's cell is drawn selected, and the status line names it.
    assert!(
        r[22].contains("Matrix: Pembrokeshire, Safeguarding"),
        "{}",
        r[22]
    );
    let reversed: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect();
    assert!(reversed.contains(" / "), "{reversed:?}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Pembrokeshire")
    );
    assert_eq!(
        app.section().map(|s| s.title.as_str()),
        Some("Safeguarding")
    );
    let read = app.here();
    let cell = app.compare.matrix_cell;
    ctrl(&mut app, 'o');
    assert_eq!(app.overlay(), Overlay::Matrix, "Ctrl-o reopens the matrix");
    assert_eq!(app.compare.matrix_cell, cell, "on the cell Enter read");
    assert_eq!(app.here(), before, "over where the reader was");
    ctrl(&mut app, 'i');
    assert_eq!(app.overlay(), Overlay::None, "Ctrl-i goes forward again");
    assert_eq!(app.here(), read);
}

#[test]
fn matrix_cell_positions_match_the_cells_at_any_width() {
    let mut app = app_at(Some("swansea"), false, false);
    key(&mut app, KeyCode::Char('M'));
    for w in [40, 60, 80, 120] {
        draw(&mut app, w, 24);
        let laid = ciw::tui::panes::matrix::laid(&app);
        assert!(!laid.spots.is_empty(), "{w}");
        for sp in &laid.spots {
            let line: String = laid.lines[sp.line]
                .chars()
                .skip(sp.column)
                .take(sp.width)
                .collect();
            assert!(
                line.contains(" / ") || line.trim() == "·",
                "{w}: {line:?} {sp:?}"
            );
        }
    }
}

#[test]
fn no_picks_among_many_councils_asks_for_picks_and_offers_last_times() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = ciw::paths::Paths::in_dir(dir.path());
    let mut app = common::tui::many(60);
    let (state, notes) = ciw::state::State::load(&paths);
    assert!(notes.is_empty(), "{notes:?}");
    ciw::tui::session::attach(&mut app, state, false);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::Compare);
    assert!(app.compare.picking);
    let t = draw(&mut app, 80, 24);
    let s = common::tui::screen(&t);
    assert!(
        s.contains("Pick councils with Space; Enter compares them"),
        "{s}"
    );
    assert!(s.contains("Nothing picked yet"), "{s}");
    assert!(!s.contains("Not shown at this width"), "{s}");
    // The footer offers the picks list's keys, not the comparison's.
    let footer = rows(&t).pop().unwrap_or_default();
    assert!(
        footer.contains("Space pick") && footer.contains("f filter"),
        "{footer}"
    );
    assert!(
        !footer.contains("council") && !footer.contains("theme"),
        "{footer}"
    );
    // Enter with nothing picked says what to do.
    key(&mut app, KeyCode::Enter);
    assert!(app.compare.picking);
    // `f` filters the list as you type; Enter keeps the filter.
    key(&mut app, KeyCode::Char('f'));
    typed(&mut app, "0042");
    key(&mut app, KeyCode::Enter);
    let shown = {
        let st = &app.compare.pick_list;
        let n = app.corpus.reports.len();
        (0..st.shown(n))
            .filter_map(|r| st.original(r, n))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown.len(), 1, "{shown:?}");
    let s = common::tui::screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("Testshire 0042") && !s.contains("Testshire 0041"),
        "{s}"
    );
    key(&mut app, KeyCode::Char(' '));
    // Esc clears the filter first, and the pick stays.
    key(&mut app, KeyCode::Esc);
    assert!(app.compare.picking);
    assert_eq!(app.compare.picked.len(), 1);
    key(&mut app, KeyCode::Enter);
    assert!(!app.compare.picking);
    let c = app.compare.comparison.as_ref().expect("a comparison");
    let councils: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
    assert!(councils.contains(&"Testshire 0042"), "{councils:?}");
    assert_eq!(councils.len(), 2, "the pick and the report being read");
    // Saved with the state, and offered again next time nothing is picked.
    common::tui::settle(&mut app);
    ciw::tui::session::save(&mut app).expect("state saved");
    let (state, _) = ciw::state::State::load(&paths);
    assert_eq!(state.histories().picks.len(), 2, "{:?}", state.histories());
    let mut app = common::tui::many(60);
    ciw::tui::session::attach(&mut app, state, false);
    key(&mut app, KeyCode::Char('c'));
    assert!(app.compare.picking);
    assert_eq!(app.compare.picked.len(), 2);
    let s = common::tui::screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Picked as last time: "), "{s}");
    assert!(s.contains("Testshire 0042"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.compare.comparison.as_ref().map(|c| c.columns.len()),
        Some(2)
    );
}

#[test]
fn random_keys_in_the_picks_list_find_and_matrix_never_panic() {
    let keys = [
        KeyCode::Char('c'),
        KeyCode::Char(' '),
        KeyCode::Char('f'),
        KeyCode::Char('0'),
        KeyCode::Char('/'),
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('M'),
        KeyCode::Char('j'),
        KeyCode::Char('l'),
        KeyCode::Char('k'),
        KeyCode::Char(']'),
        KeyCode::Char('z'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::PageDown,
    ];
    let sizes = [(80, 24), (40, 12), (160, 48), (25, 7), (64, 20)];
    for seed in 0..4 {
        let mut app = common::tui::many(30);
        common::tui::random_walk(&mut app, &keys, &sizes, seed, 300);
    }
}

#[test]
fn a_click_in_the_picks_list_selects_and_a_second_picks() {
    let mut app = common::tui::many(30);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    assert!(app.compare.picking);
    let r = rows(&draw(&mut app, 80, 24));
    // The fourth row of the list (below the two head lines and a blank).
    let name = r[6]
        .trim()
        .split("  ")
        .next()
        .unwrap_or_default()
        .to_string();
    common::tui::click(&mut app, 10, 6);
    let i = app.compare.pick_list.selected;
    assert_eq!(app.corpus.reports[i].authority.short, name);
    assert!(app.compare.picked.is_empty());
    common::tui::click(&mut app, 10, 6);
    assert!(app.compare.picked.contains(&i));
    common::tui::wheel(&mut app, true, 10, 6);
    assert!(app.compare.pick_list.selected > i);
}

/// The council the matrix's status line names, and whether its selected cell is on screen.
fn matrix_cursor(app: &mut App) -> (String, bool) {
    let t = draw(app, 80, 24);
    let crumb = rows(&t)[22].clone();
    let on_screen = t
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.modifier.contains(Modifier::REVERSED));
    (crumb, on_screen)
}

#[test]
fn g_shift_g_and_the_page_keys_move_the_matrix_cursor_and_keep_it_on_screen() {
    let mut app = common::tui::many(60);
    key(&mut app, KeyCode::Char('M'));
    draw(&mut app, 80, 24);
    let laid = ciw::tui::panes::matrix::laid(&app);
    let name = |row: usize| {
        app.corpus.reports[laid.reports[row]]
            .authority
            .short
            .clone()
    };
    let (first, last) = (name(0), name(laid.reports.len() - 1));
    key(&mut app, KeyCode::Char('G'));
    let (crumb, seen) = matrix_cursor(&mut app);
    assert!(crumb.contains(&format!("Matrix: {last},")), "{crumb}");
    assert!(seen, "G leaves the cursor on screen");
    key(&mut app, KeyCode::Char('g'));
    let (crumb, seen) = matrix_cursor(&mut app);
    assert!(crumb.contains(&format!("Matrix: {first},")), "{crumb}");
    assert!(seen);
    // A page down moves the cursor a page of councils, on screen; a page up comes back.
    key(&mut app, KeyCode::PageDown);
    let (crumb, seen) = matrix_cursor(&mut app);
    assert!(!crumb.contains(&format!("Matrix: {first},")), "{crumb}");
    assert!(seen, "PgDn leaves the cursor on screen: {crumb}");
    key(&mut app, KeyCode::PageUp);
    let (crumb, seen) = matrix_cursor(&mut app);
    assert!(crumb.contains(&format!("Matrix: {first},")), "{crumb}");
    assert!(seen);
    // And the table's head shows with the first council.
    let t = draw(&mut app, 80, 24);
    assert!(
        rows(&t).iter().any(|r| r.starts_with("Council")),
        "{:?}",
        rows(&t)
    );
    // Enter opens the council the cursor is on.
    key(&mut app, KeyCode::Char('G'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.report().map(|r| r.authority.short.clone()), Some(last));
}

#[test]
fn three_picked_councils_are_compared_without_the_one_being_read_and_the_hints_name_the_keys() {
    let mut app = common::tui::many(60);
    // Reading Testshire 0001 (the first row), pick three others in the picks list.
    key(&mut app, KeyCode::Char('c'));
    assert!(app.compare.picking);
    for (n, says) in [
        ("0010", "Enter compares it with the report being read"),
        ("0020", "Enter compares the picked councils"),
        ("0030", "Enter compares the picked councils"),
    ] {
        key(&mut app, KeyCode::Char('f'));
        typed(&mut app, n);
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char(' '));
        let m = app.message.clone().unwrap_or_default();
        assert!(m.contains(says), "{m}");
    }
    let s = common::tui::screen(&draw(&mut app, 80, 24));
    assert!(!s.contains("being read"), "{s}");
    key(&mut app, KeyCode::Enter);
    let c = app.compare.comparison.as_ref().expect("a comparison");
    let councils: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
    assert_eq!(
        councils,
        ["Testshire 0010", "Testshire 0020", "Testshire 0030"],
        "exactly the picks"
    );
    // In the reports pane the hint names c; one pick is compared with the report being read.
    key(&mut app, KeyCode::Esc);
    app.compare.picked.clear();
    app.focus = ciw::tui::app::Pane::Authorities;
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("c compares the picked councils"), "{m}");
    key(&mut app, KeyCode::Char(' '));
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("c lists the councils to pick"), "{m}");
}

#[test]
fn find_expands_words_as_the_reader_does_and_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let state = |dir: &std::path::Path| {
        let (s, notes) = State::load(&Paths::in_dir(dir));
        assert!(notes.is_empty(), "{notes:?}");
        s
    };
    let mut app = app_at(Some("pembrokeshire#3.13"), false, false);
    session::attach(&mut app, state(dir.path()), false);
    // What the reader highlights for "IRO" after a search.
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "IRO");
    assert!(app.search.wait(Duration::from_secs(60)), "no hits in time");
    let reader = app.search.highlight.clone();
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "IRO");
    key(&mut app, KeyCode::Enter);
    // The comparison's find highlights the same words: the long form written out too.
    assert_eq!(app.compare.find.marks(), Some(&reader));
    let h = highlighted(&draw(&mut app, 100, 30)).to_lowercase();
    assert!(h.contains("iro") && h.contains("reviewing"), "{h}");
    settle(&mut app);
    drop(app);

    // A new explorer on the same state has the find line's history on Up.
    let mut b = app_at(Some("pembrokeshire#3.13"), false, false);
    session::attach(&mut b, state(dir.path()), false);
    key(&mut b, KeyCode::Char('c'));
    key(&mut b, KeyCode::Char('/'));
    key(&mut b, KeyCode::Up);
    assert_eq!(b.compare.find.editor.text(), "IRO");
}
