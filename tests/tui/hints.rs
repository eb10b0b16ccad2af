//! Keys that say what they do where they are: the footer offers a key only where it does
//! something, `]`/`[` step through the report's themes in the reader as the README says, and
//! `z` keeps the paragraph at the top of the text rather than its line offset.

use crate::common;

use ciw::tui::app::{App, Item, Pane};
use ciw::tui::panes::paragraphs;
use common::tui::{app_at, ctrl, draw, key, rows, screen};
use crossterm::event::KeyCode;

/// The footer (the last row) at 120x40.
fn footer(app: &mut App) -> String {
    rows(&draw(app, 120, 40)).pop().unwrap_or_default()
}

#[test]
fn enter_expectations_is_offered_only_where_there_are_some() {
    let mut app = app_at(Some("pembrokeshire#safeguarding"), false, false);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Paragraphs);
    assert!(app.items().contains(&Item::Expectations));
    assert!(footer(&mut app).contains("Enter expectations"));
    // A section without "What we expect to see": no such hint, and the key says why.
    let mut app = app_at(Some("swansea#methodology"), false, false);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Paragraphs);
    assert!(!app.items().is_empty() && !app.items().contains(&Item::Expectations));
    let f = footer(&mut app);
    assert!(!f.contains("expectations"), "{f}");
    assert!(f.contains("y copy") && f.contains("? help"), "{f}");
    key(&mut app, KeyCode::Enter);
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("no \"What we expect to see\""), "{m}");
}

#[test]
fn compare_offers_no_council_or_theme_keys_with_one_council() {
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::Char('c'));
    let f = footer(&mut app);
    assert!(f.contains("h/l council") && f.contains("s sync"), "{f}");
    // One council picked, and the one being read is the same: one column.
    let mut app = app_at(Some("swansea#safeguarding"), false, false);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Authorities);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(
        app.compare.comparison.as_ref().map(|c| c.columns.len()),
        Some(1)
    );
    let f = footer(&mut app);
    assert!(!f.contains("council") && !f.contains("sync"), "{f}");
    assert!(f.contains("[/] theme"), "{f}");
}

#[test]
fn brackets_step_through_the_reports_themes_in_the_reader() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let title = |app: &App| app.section().map(|s| s.title.clone()).unwrap_or_default();
    let start = title(&app);
    assert!(start.starts_with("Care and Support"), "{start}");
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(title(&app), "Safeguarding");
    assert_eq!(app.focus, Pane::Paragraphs, "the focus stays in the text");
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("4 Safeguarding (theme 4 of 5)"), "{m}");
    key(&mut app, KeyCode::Char('['));
    key(&mut app, KeyCode::Char('['));
    assert!(title(&app).starts_with("Assessment"), "{}", title(&app));
    // Wraps round from the first theme to the last.
    key(&mut app, KeyCode::Char('['));
    key(&mut app, KeyCode::Char('['));
    assert!(title(&app).starts_with("Leadership"), "{}", title(&app));
    // From a section that is not a theme, `]` goes to the next theme after it.
    let mut app = app_at(Some("swansea#methodology"), false, false);
    key(&mut app, KeyCode::Char(']'));
    assert!(title(&app).starts_with("Access"), "{}", title(&app));
    // The help lists the keys for the reader.
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("the report's next theme section"), "{s}");
}

/// The index of the item at the top of the text and the first line shown.
fn top(app: &App) -> (usize, usize) {
    let (w, h) = paragraphs::viewport(app);
    let d = paragraphs::doc(app, w);
    let scroll = app.paragraphs.scroll.min(d.max_scroll(h));
    (d.item_at(scroll).unwrap_or(0), scroll)
}

#[test]
fn zoom_keeps_the_paragraph_at_the_top_not_the_line() {
    let mut app = app_at(Some("swansea#3.5"), false, false);
    draw(&mut app, 80, 24);
    assert_eq!(app.focus, Pane::Paragraphs);
    for _ in 0..3 {
        ctrl(&mut app, 'd');
    }
    let (item, line) = top(&app);
    assert!(line > 0);
    key(&mut app, KeyCode::Char('z'));
    assert!(app.zoom);
    let (zoomed_item, zoomed_line) = top(&app);
    assert_eq!(zoomed_item, item, "the same paragraph is at the top");
    assert_ne!(
        zoomed_line, line,
        "wider, the paragraph starts on another line"
    );
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(top(&app).0, item, "and again after leaving zoom");
    // A resize keeps it too.
    draw(&mut app, 120, 40);
    assert_eq!(top(&app).0, item);
}

#[test]
fn empty_lists_offer_no_keys_that_act_on_a_row() {
    // No bookmarks: no "jump" or "remove", but still "close".
    let mut app = app_at(Some("swansea#3.18"), false, false);
    key(&mut app, KeyCode::Char('\''));
    let f = footer(&mut app);
    assert!(!f.contains("jump") && !f.contains("remove"), "{f}");
    assert!(f.contains("Esc close"), "{f}");
    // One bookmark: both.
    let mut app = app_at(Some("swansea#3.18"), false, false);
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, _) = ciw::state::State::load(&ciw::paths::Paths::in_dir(dir.path()));
    ciw::tui::session::attach(&mut app, state, false);
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Char('\''));
    let f = footer(&mut app);
    assert!(f.contains("Enter jump") && f.contains("remove"), "{f}");
    // A search with no query yet: no "open" or "select".
    let mut app = app_at(Some("swansea#3.18"), false, false);
    key(&mut app, KeyCode::Char('/'));
    let f = footer(&mut app);
    assert!(!f.contains("Enter open") && !f.contains("select"), "{f}");
    assert!(f.contains("Esc close"), "{f}");
}

#[test]
fn f_filter_is_offered_in_the_sections_pane_only_with_sections_to_filter() {
    let mut app = app_at(Some("swansea#3"), false, false);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::Sections);
    let f = footer(&mut app);
    assert!(f.contains("f filter"), "{f}");
    // A report of one section: nothing to filter, so no hint.
    let mut corpus = ciw::corpus::Corpus::samples();
    corpus.reports[0].sections.truncate(1);
    let one = ciw::corpus::Corpus::new(vec![corpus.reports[0].clone()]);
    let mut app = App::new(one, ciw::tui::app::Options::default());
    key(&mut app, KeyCode::Enter);
    while app.focus != Pane::Sections {
        key(&mut app, KeyCode::Tab);
    }
    let f = footer(&mut app);
    assert!(!f.contains("filter"), "{f}");
    assert!(f.contains("? help"), "{f}");
}
