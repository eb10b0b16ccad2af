//! The mouse and paste path, through [`App::handle_event`] as the event loop takes it: a click
//! selects the row under it in each pane and focuses that pane, the wheel scrolls the pane under
//! it, a click reaches the overlay that is open, and a paste goes into the open line editor (and
//! nowhere else), its control characters removed.

use crate::common;

use ciw::tui::app::{App, Overlay, Pane};
use common::tui::{app_at, click, draw, key, paste, rows, typed, wheel};
use crossterm::event::KeyCode;
use std::time::Duration;

/// The cell where `text` first appears on the screen of `app` at 120x40, from column `from`
/// on.
fn cell_of(app: &mut App, text: &str, from: usize) -> (u16, u16) {
    let t = draw(app, 120, 40);
    for (y, row) in rows(&t).iter().enumerate() {
        let chars: Vec<char> = row.chars().collect();
        let line: String = chars[from..].iter().collect();
        if let Some(b) = line.find(text) {
            let x = from + line[..b].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{}", rows(&t).join("\n"));
}

#[test]
fn a_click_selects_the_row_under_it_in_each_pane() {
    let mut app = app_at(None, false, false);
    // Reports pane.
    let (x, y) = cell_of(&mut app, "Swansea", 0);
    click(&mut app, x, y);
    assert_eq!(app.focus, Pane::Authorities);
    assert_eq!(app.report().unwrap().authority.short, "Swansea");
    // Sections pane: a section further down the tree.
    let (x, y) = cell_of(&mut app, "Safeguarding", 0);
    click(&mut app, x, y);
    assert_eq!(app.focus, Pane::Sections);
    assert_eq!(app.section().unwrap().title, "Safeguarding");
    // Text pane: the second paragraph on screen.
    let first = app.paragraph().unwrap().id.clone();
    let second = app.section().unwrap().paragraphs[1].id.clone();
    let (x, y) = cell_of(&mut app, &second, 30);
    click(&mut app, x, y);
    assert_eq!(app.focus, Pane::Paragraphs);
    assert_ne!(app.paragraph().unwrap().id, first);
    assert_eq!(app.paragraph().unwrap().id, second);
}

#[test]
fn the_wheel_scrolls_the_reader_under_it_without_moving_the_focus() {
    let mut app = app_at(Some("swansea#3"), false, false);
    draw(&mut app, 80, 24);
    let focus = app.focus;
    assert_eq!(app.paragraphs.scroll, 0);
    wheel(&mut app, true, 60, 10);
    wheel(&mut app, true, 60, 10);
    assert_eq!(app.paragraphs.scroll, 6);
    wheel(&mut app, false, 60, 10);
    assert_eq!(app.paragraphs.scroll, 3);
    assert_eq!(app.focus, focus);
    // Over the reports pane it moves the report list, and leaves the text where it was.
    let (x, y) = cell_of(&mut app, "Pembrokeshire", 0);
    wheel(&mut app, true, x, y);
    assert_eq!(app.report().unwrap().authority.short, "Swansea");
    assert_eq!(app.focus, focus);
}

#[test]
fn a_click_reaches_the_open_overlay() {
    // The help closes on a click, and the panes under it stay as they were.
    let mut app = app_at(Some("swansea#3.18"), false, false);
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Overlay::Help);
    let (x, y) = cell_of(&mut app, "Everywhere", 0);
    click(&mut app, x, y);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.paragraph().unwrap().id, "3.18");
    // In the comparison a click focuses the column under it.
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::Compare);
    let column = app.compare.column;
    let (x, y) = cell_of(&mut app, "Swansea", 0);
    let other = if x < 40 { 60 } else { 10 };
    click(&mut app, other, y);
    assert_eq!(app.overlay(), Overlay::Compare);
    assert_ne!(app.compare.column, column);
    click(&mut app, x, y);
    assert_eq!(app.compare.column, column);
}

#[test]
fn a_click_on_a_paragraph_in_the_comparison_selects_it() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    let v = ciw::tui::panes::compare::view(&app).expect("the comparison is laid out");
    let i = v.focused(&app).expect("a focused column");
    let first = app
        .compare
        .selected
        .clone()
        .expect("its first item is selected");
    // The second item of the focused column, where it is on screen.
    let second = v.items[i].get(1).expect("two items in view").clone();
    assert_ne!(second.anchor, first);
    let top = v.preamble.len() + v.header_height;
    let row = (top + second.start - v.offset(&app, i)) as u16;
    let x = (i * (v.sbs.column_width + 1) + 2) as u16;
    click(&mut app, x, row);
    assert_eq!(
        app.compare.selected.as_deref(),
        Some(second.anchor.as_str())
    );
    assert_eq!(app.overlay(), Overlay::Compare);
}

/// A wheel turn down over the open overlay moves what `read` reads by `by`, a turn up moves it
/// back, and the overlay stays open.
fn wheel_down_and_up(app: &mut App, read: impl Fn(&App) -> usize, by: usize) {
    let (overlay, before) = (app.overlay(), read(app));
    wheel(app, true, 10, 12);
    assert_eq!(read(app), before + by, "{overlay:?}");
    wheel(app, false, 70, 5);
    assert_eq!(read(app), before, "{overlay:?}");
    assert_eq!(app.overlay(), overlay);
}

#[test]
fn the_wheel_scrolls_the_open_overlay_wherever_it_turns() {
    // The help scrolls three lines a turn.
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('?'));
    wheel_down_and_up(&mut app, |a| a.help.offset, 3);
    // The search's hits: the selection moves a hit a turn.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "placement");
    assert!(app.search.wait(Duration::from_secs(60)), "no hits in time");
    assert!(app.search.hits.len() >= 2);
    wheel_down_and_up(&mut app, |a| a.search.list.selected, 1);
    // The comparison scrolls its columns three lines a turn.
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    wheel_down_and_up(&mut app, |a| a.compare.scroll, 3);
    // The matrix scrolls its tables likewise.
    let mut app = common::tui::many(60);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('M'));
    wheel_down_and_up(&mut app, |a| a.compare.matrix_scroll, 3);
}

#[test]
fn the_wheel_moves_through_the_bookmarks_a_click_leaves_the_list_open_and_d_removes_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(None, false, false);
    let (state, notes) = ciw::state::State::load(&ciw::paths::Paths::in_dir(dir.path()));
    assert!(notes.is_empty(), "{notes:?}");
    ciw::tui::session::attach(&mut app, state, false);
    draw(&mut app, 80, 24);
    for link in ["swansea#3.18", "swansea#R5", "pembrokeshire#4.4"] {
        key(&mut app, KeyCode::Char(':'));
        typed(&mut app, link);
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('m'));
    }
    key(&mut app, KeyCode::Char('\''));
    assert_eq!(app.overlay(), Overlay::Bookmarks);
    wheel_down_and_up(&mut app, |a| a.bookmark_list.selected, 1);
    click(&mut app, 40, 12);
    assert_eq!(app.overlay(), Overlay::Bookmarks);
    // `d` on the second removes it, says so, and selects the one after it.
    wheel(&mut app, true, 40, 12);
    assert_eq!(app.bookmark_list.selected, 1);
    key(&mut app, KeyCode::Char('d'));
    let bookmarks = app.state.as_ref().expect("a state").bookmarks();
    assert_eq!(bookmarks.len(), 2);
    assert_eq!(bookmarks[app.bookmark_list.selected].paragraph, "4.4");
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("Removed the bookmark Swansea R5"), "{said}");
}

#[test]
fn a_paste_goes_into_the_open_line_editor_without_control_characters() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    // No line editor open: the paste does nothing (it is not taken as keys).
    paste(&mut app, "qG");
    assert!(!app.quit);
    assert_eq!(app.paragraph().unwrap().id, "3.18");
    // `:` go-to.
    key(&mut app, KeyCode::Char(':'));
    paste(&mut app, "pembro\x1b[2Jkeshire#R5\r");
    assert_eq!(app.goto.text(), "pembrokeshire#R5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.report().unwrap().authority.short, "Pembrokeshire");
    assert_eq!(app.paragraph().unwrap().id, "R5");
    // `f` filter in the reports pane.
    key(&mut app, KeyCode::Esc);
    app.focus = Pane::Authorities;
    key(&mut app, KeyCode::Char('f'));
    paste(&mut app, "swan\x07sea");
    assert_eq!(app.authorities.filter.editor.text(), "swansea");
    assert_eq!(app.authorities.filter.len(app.corpus.reports.len()), 1);
    key(&mut app, KeyCode::Esc);
    // `/` search query.
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.overlay(), Overlay::Search);
    paste(&mut app, "placement\x07\nstability");
    assert_eq!(app.search.query(), "placement stability");
}

#[test]
fn the_layout_is_stored_on_resize_and_zoom() {
    use ciw::tui::layout;
    use ratatui::layout::Rect;
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let fresh =
        |app: &App| layout::compute(Rect::new(0, 0, app.size.0, app.size.1), app.layout_input());
    for (w, h) in [(120, 40), (50, 20), (80, 24)] {
        draw(&mut app, w, h);
        assert_eq!(app.areas(), fresh(&app), "{w}x{h}");
    }
    key(&mut app, KeyCode::Char('z'));
    assert!(app.areas().single);
    assert_eq!(app.areas(), fresh(&app));
    key(&mut app, KeyCode::Esc);
    assert!(!app.areas().single);
    // A click lands where the stored layout says the pane is.
    let r = app.areas().pane(Pane::Authorities).expect("reports pane");
    click(&mut app, r.x + 2, r.y + r.height / 2);
    assert_eq!(app.focus, Pane::Authorities);
}
