//! The search overlay, bookmarks and the last position: whole-screen snapshots of the overlay,
//! Enter landing on the right paragraph, `n`/`N`, and state kept across two App lifetimes in a
//! temporary state dir (never the user's).

use crate::common;

use ciw::paths::Paths;
use ciw::state::State;
use ciw::tui::app::{App, Overlay, Pane};
use ciw::tui::session;
use common::tui::{app_at, ctrl, draw, key, rows, screen, settle, typed};
use crossterm::event::KeyCode;
use std::time::Duration;

/// The explorer over the sample reports, at its first report.
fn app() -> App {
    app_at(None, false, false)
}

/// `/`, the query, and the hits of its last keystroke.
fn search(app: &mut App, q: &str) {
    key(app, KeyCode::Char('/'));
    assert_eq!(app.overlay(), Overlay::Search);
    typed(app, q);
    assert!(app.search.wait(Duration::from_secs(60)), "no hits in time");
}

fn crumb(app: &App) -> String {
    app.breadcrumb().join(" › ")
}

#[test]
fn overlay_80x24() {
    let mut a = app();
    search(&mut a, "placement stability");
    let t = draw(&mut a, 80, 24);
    let s = screen(&t);
    assert!(
        s.contains("Search all reports") && s.contains("/ placement stability"),
        "{s}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn overlay_120x40() {
    let mut a = app();
    search(&mut a, "EOTAS");
    ctrl(&mut a, 'n');
    let t = draw(&mut a, 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn empty_query_no_hits_and_tiny_terminals_never_panic() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    for (w, h) in [(80, 24), (20, 5), (1, 1), (0, 0), (31, 8), (200, 60)] {
        draw(&mut a, w, h);
    }
    let s = screen(&draw(&mut a, 80, 24));
    assert!(s.contains("Type to search every paragraph"), "{s}");
    key(&mut a, KeyCode::Enter); // nothing to open: stays
    assert_eq!(a.overlay(), Overlay::Search);
    typed(&mut a, "zzqqxxvv");
    assert!(a.search.wait(Duration::from_secs(60)));
    assert!(a.search.hits.is_empty());
    let s = screen(&draw(&mut a, 80, 24));
    assert!(s.contains("No paragraph matches"), "{s}");
    for (w, h) in [(20, 5), (30, 8), (0, 3)] {
        draw(&mut a, w, h);
    }
    // Backspace past the start, then Esc; n with no hits says so.
    for _ in 0..20 {
        key(&mut a, KeyCode::Backspace);
    }
    assert_eq!(a.search.query(), "");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay(), Overlay::None);
    key(&mut a, KeyCode::Char('n'));
    assert!(a.message.as_deref().unwrap_or("").contains("press /"));
}

#[test]
fn typed_letters_go_to_the_query_not_the_keymap() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "q?jn/");
    assert!(!a.quit);
    assert_eq!(a.overlay(), Overlay::Search);
    assert_eq!(a.search.query(), "q?jn/");
    ctrl(&mut a, 'u');
    assert_eq!(a.search.query(), "");
}

#[test]
fn enter_lands_on_the_hit_and_n_steps_through_the_hits() {
    let mut a = app();
    search(&mut a, "EOTAS");
    let first = a.search.hits[0].link.clone();
    assert_eq!(first, "swansea#R5");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay(), Overlay::None);
    assert_eq!(a.focus, Pane::Paragraphs);
    let p = a.paragraph().expect("a paragraph is selected");
    assert_eq!(p.id, "R5");
    assert!(p.text.contains("EOTAS"));
    assert_eq!(a.report().unwrap().authority.short, "Swansea");
    assert!(a.message.as_deref().unwrap().contains("Hit 1 of"));
    let n = a.search.hits.len();
    assert!(n >= 2, "EOTAS has more than one hit");
    let links: Vec<String> = a.search.hits.iter().map(|h| h.link.clone()).collect();
    key(&mut a, KeyCode::Char('n'));
    let here = |a: &App| {
        format!(
            "{}#{}",
            a.report().unwrap().authority.short.to_lowercase(),
            a.paragraph().unwrap().id
        )
    };
    assert_eq!(here(&a), links[1]);
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(here(&a), links[0]);
    // N from the first wraps to the last.
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(here(&a), links[n - 1]);
    assert!(
        a.message.as_deref().unwrap().contains("wrapped"),
        "{:?}",
        a.message
    );
}

#[test]
fn typing_fast_shows_only_the_last_querys_hits() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "plcement stabilty");
    assert!(a.search.wait(Duration::from_secs(60)));
    assert_eq!(a.search.shown_query, "plcement stabilty");
    assert_eq!(a.search.shown, a.search.generation);
    let top = &a.search.hits[0];
    assert!(
        top.text.to_lowercase().contains("placement"),
        "{}",
        top.text
    );
}

fn state_in(dir: &std::path::Path) -> State {
    let (s, notes) = State::load(&Paths::in_dir(dir));
    assert!(notes.is_empty(), "{notes:?}");
    s
}

#[test]
fn last_position_is_restored_in_a_second_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    session::attach(&mut a, state_in(dir.path()), true);
    search(&mut a, "EOTAS");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('j'));
    let want = crumb(&a);
    assert!(want.starts_with("Swansea"), "{want}");
    session::save(&mut a).unwrap();
    drop(a);

    let mut b = app();
    assert!(!crumb(&b).starts_with("Swansea"));
    session::attach(&mut b, state_in(dir.path()), true);
    assert_eq!(crumb(&b), want);
    assert_eq!(b.focus, Pane::Paragraphs);
    // A deep link wins over the last position.
    let mut c = app();
    session::attach(&mut c, state_in(dir.path()), false);
    assert!(!crumb(&c).starts_with("Swansea"), "{}", crumb(&c));
}

#[test]
fn bookmarks_toggle_list_and_jump() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    session::attach(&mut a, state_in(dir.path()), true);
    // Bookmark swansea R5 via the search, and Pembrokeshire's first introduction paragraph.
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('m'));
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("Bookmarked Pembrokeshire"),
        "{:?}",
        a.message
    );
    search(&mut a, "EOTAS");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('m'));
    assert!(
        a.message.as_deref().unwrap().contains("Swansea R5"),
        "{:?}",
        a.message
    );
    assert_eq!(a.state.as_ref().unwrap().bookmarks().len(), 2);
    // Toggle off and on again.
    key(&mut a, KeyCode::Char('m'));
    assert_eq!(a.state.as_ref().unwrap().bookmarks().len(), 1);
    key(&mut a, KeyCode::Char('m'));
    assert_eq!(a.state.as_ref().unwrap().bookmarks().len(), 2);
    settle(&mut a);
    drop(a);

    // A new App reads them from the state dir; the list jumps.
    let mut b = app();
    session::attach(&mut b, state_in(dir.path()), false);
    key(&mut b, KeyCode::Char('\''));
    assert_eq!(b.overlay(), Overlay::Bookmarks);
    let t = draw(&mut b, 80, 24);
    let s = screen(&t);
    assert!(
        s.contains("Bookmarks 1/2") && s.contains("Swansea R5"),
        "{s}"
    );
    insta::assert_snapshot!(t.backend());
    key(&mut b, KeyCode::Char('j'));
    key(&mut b, KeyCode::Enter);
    assert_eq!(b.overlay(), Overlay::None);
    assert_eq!(b.paragraph().unwrap().id, "R5");
    assert_eq!(b.report().unwrap().authority.short, "Swansea");
    // d removes, and it stays removed.
    key(&mut b, KeyCode::Char('\''));
    key(&mut b, KeyCode::Char('d'));
    assert_eq!(b.state.as_ref().unwrap().bookmarks().len(), 1);
    key(&mut b, KeyCode::Esc);
    settle(&mut b);
    assert_eq!(state_in(dir.path()).bookmarks().len(), 1);
}

#[test]
fn without_a_state_dir_bookmarks_say_so() {
    let mut a = app();
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Char('m'));
    assert!(a.message.as_deref().unwrap().contains("Bookmarks are off"));
    key(&mut a, KeyCode::Char('\''));
    let s = screen(&draw(&mut a, 80, 24));
    assert!(s.contains("Bookmarks are off"), "{s}");
}

#[test]
fn ctrl_s_saves_the_hits_as_markdown() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    ctrl(&mut app, 's');
    assert_eq!(app.message.as_deref(), Some("No hits to save"));
    assert!(app.take_effects().is_empty());
    typed(&mut app, "placement stability");
    assert!(app.search.wait(Duration::from_secs(60)), "no hits in time");
    ctrl(&mut app, 's');
    assert_eq!(app.overlay(), Overlay::Search, "the search stays open");
    assert_eq!(
        app.search.query(),
        "placement stability",
        "ctrl-s types nothing"
    );
    let effects = app.take_effects();
    let [ciw::tui::app::Effect::Export { stem, markdown }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(stem, "search-placement-stability");
    assert_eq!(
        *markdown,
        ciw::export::hits_markdown("placement stability", &app.search.hits, &app.corpus)
    );
    assert!(markdown.contains("**placement stability**"), "{markdown}");
}

#[test]
fn a_bookmark_is_written_by_the_loop_not_by_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_at(Some("swansea#3.18"), false, false);
    session::attach(&mut a, state_in(dir.path()), false);
    key(&mut a, KeyCode::Char('m'));
    assert_eq!(a.state.as_ref().unwrap().bookmarks().len(), 1);
    // The update asked for the write; nothing is on disk until the loop carries it out.
    assert_eq!(state_in(dir.path()).bookmarks().len(), 0);
    settle(&mut a);
    assert_eq!(state_in(dir.path()).bookmarks().len(), 1);
}

/// The explorer over the viewer-copy fixtures: the sample reports with their page breaks.
fn paged_app() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/viewer-copy");
    let (loaded, errors) = ciw::corpus::load_paths(&[dir]);
    assert!(errors.is_empty(), "{errors:?}");
    let reports = loaded.into_iter().map(|l| l.report).collect();
    App::new(ciw::corpus::Corpus::new(reports), Default::default())
}

#[test]
fn hits_and_the_preview_show_the_page_and_so_does_the_reader() {
    let mut a = paged_app();
    search(&mut a, "EOTAS");
    let hit = a.search.hits[0].clone();
    let pages = hit.pages.expect("the viewer copy knows its pages");
    let t = draw(&mut a, 100, 30);
    let s = screen(&t);
    // The row: a compact page cell after the id.
    let cell = if pages.0 == pages.1 {
        format!("p.{}", pages.0)
    } else {
        format!("pp.{}\u{2013}{}", pages.0, pages.1)
    };
    let row = rows(&t)
        .into_iter()
        .find(|r| r.contains(&format!(" {} ", hit.paragraph)))
        .unwrap_or_default();
    assert!(row.contains(&cell), "{cell:?} not in {row:?}\n{s}");
    // The preview's title: the id and the page, as the reader's breadcrumb has it.
    let title = format!("{} {}", hit.paragraph, pages.label());
    assert!(s.contains(&title), "{title:?} not in\n{s}");
    // Opened: the reader's breadcrumb says the page too.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.paragraph().map(|p| p.pages), Some(Some(pages)));
    assert!(crumb(&a).ends_with(&title), "{}", crumb(&a));
    let s = screen(&draw(&mut a, 100, 30));
    assert!(s.contains(&title), "{s}");
    // Narrow: no page column, but the preview keeps it; ASCII folds the dash.
    let mut a = paged_app();
    search(&mut a, "EOTAS");
    let s = screen(&draw(&mut a, 50, 30));
    assert!(
        s.contains(&title) || s.contains(&title.replace('\u{2013}', "-")),
        "{s}"
    );
    // Reports without pages (the plain samples): no page column at all.
    let mut a = app();
    search(&mut a, "EOTAS");
    let s = screen(&draw(&mut a, 100, 30));
    assert!(!s.contains(" p.") && !s.contains("pp."), "{s}");
}

#[test]
fn n_and_the_list_go_on_past_the_first_hundred_hits() {
    let mut a = common::tui::many(150);
    draw(&mut a, 80, 24);
    search(&mut a, "eotas");
    let total = a.search.complete;
    assert!(total > 120, "{total}");
    assert_eq!(a.search.hits.len(), ciw::tui::panes::search::LIMIT);
    let t = draw(&mut a, 80, 24);
    assert!(screen(&t).contains("hit 1/100+"), "{}", screen(&t));
    // Scrolling the list near the end of the hits fetched brings the next ones.
    for _ in 0..95 {
        ctrl(&mut a, 'n');
    }
    assert!(a.search.wait(Duration::from_secs(60)));
    assert!(a.search.hits.len() > 100, "{}", a.search.hits.len());
    assert_eq!(a.search.list.selected, 95, "the selection stays");
    // `n` steps on past hit 100 without wrapping.
    key(&mut a, KeyCode::Enter);
    for _ in 0..20 {
        key(&mut a, KeyCode::Char('n'));
        assert!(a.search.wait(Duration::from_secs(60)));
    }
    assert_eq!(a.search.current, Some(115));
    let m = a.message.clone().unwrap_or_default();
    assert!(m.starts_with(&format!("Hit 116 of {total}")), "{m}");
}

#[test]
fn the_count_says_what_partial_means_and_shortens_when_narrow() {
    let mut a = app();
    search(&mut a, "placement stability");
    assert!(a.search.partial > 0 && a.search.complete > 0);
    let t = draw(&mut a, 80, 24);
    let s = screen(&t);
    let want = format!(
        "{} hits · {} with some words missing",
        a.search.complete, a.search.partial
    );
    assert!(s.contains(&want), "{s}");
    let t = draw(&mut a, 44, 20);
    let s = screen(&t);
    assert!(
        s.contains(&format!("· {} partial", a.search.partial)),
        "{s}"
    );
    assert!(!s.contains("with some words missing ·"), "{s}");
}

#[test]
fn enter_on_a_front_matter_hit_reads_it_out_as_goto_does() {
    let mut a = app();
    draw(&mut a, 80, 24);
    search(&mut a, "also available in Welsh");
    let first = a.search.hits.first().map(|h| h.link.clone());
    assert_eq!(first.as_deref(), Some("pembrokeshire#front.1"));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.overlay(), Overlay::None);
    let by_hit = a.message.clone().unwrap_or_default();
    let front = a
        .report()
        .map(|r| r.front_matter[0].clone())
        .unwrap_or_default();
    assert!(
        by_hit.contains("Pembrokeshire front.1: ") && by_hit.contains(&front[..20]),
        "{by_hit}"
    );
    // What `:` with the same id says.
    typed(&mut a, ":pembrokeshire#front.1");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.message.as_deref(), Some(by_hit.as_str()));
    // `n` reads the next one out too.
    key(&mut a, KeyCode::Char('n'));
    let next = a.message.clone().unwrap_or_default();
    assert!(next.contains("Swansea front.1: Mae'r ddogfen"), "{next}");
}
