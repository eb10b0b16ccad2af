//! Every list filters as you type after `f` (sections, search hits, bookmarks; the councils in
//! `navigate.rs`), pages with PgUp/PgDn, stays filled after zoom; `n`/`N` walk the hits across
//! reports; the search line keeps a history saved with the state.

use crate::common;

use ciw::corpus::Corpus;
use ciw::library::Library;
use ciw::paths::Paths;
use ciw::state::State;
use ciw::tui::action::Action;
use ciw::tui::app::{App, Options, Overlay, Pane};
use ciw::tui::panes::lists::{self, ListId};
use ciw::tui::session;
use common::tui::{app_at, ctrl, draw, key, many, rows, screen, settle, typed};
use crossterm::event::KeyCode;
use std::time::Duration;

fn state_in(dir: &std::path::Path) -> State {
    let (s, notes) = State::load(&Paths::in_dir(dir));
    assert!(notes.is_empty(), "{notes:?}");
    s
}

/// `/`, the query, and its hits.
fn search(app: &mut App, q: &str) {
    key(app, KeyCode::Char('/'));
    assert_eq!(app.overlay(), Overlay::Search);
    typed(app, q);
    assert!(app.search.wait(Duration::from_secs(60)), "no hits in time");
}

/// The rows a list shows, as indices into the whole list.
fn shown(app: &App, id: ListId) -> Vec<usize> {
    let st = id.state(app);
    let total = lists::total(app, id);
    (0..st.shown(total))
        .filter_map(|r| st.original(r, total))
        .collect()
}

#[test]
fn f_filters_the_sections_and_esc_clears() {
    let mut app = app_at(Some("swansea"), false, false);
    draw(&mut app, 80, 24);
    app.focus = Pane::Sections;
    let total = app.tree_rows().len();
    typed(&mut app, "fsafeg");
    assert!(app.prompt.is_some());
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains(&format!("1/1 of {total}")), "{s}");
    assert!(s.contains("filter: safeg"), "{s}");
    // The match is selected and read.
    assert_eq!(
        app.section().map(|s| s.title.as_str()),
        Some("Safeguarding")
    );
    // Enter keeps the filter; Esc in the pane clears it and keeps the section.
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("f:safeg"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert!(!app.sections.filter.is_active());
    assert_eq!(shown(&app, ListId::Sections).len(), total);
    assert_eq!(
        app.section().map(|s| s.title.as_str()),
        Some("Safeguarding")
    );
    // A query nothing matches says so.
    typed(&mut app, "fzzzz");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("No section matches"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app, ListId::Sections).len(), total);
}

#[test]
fn ctrl_f_filters_the_search_hits_and_n_keeps_to_them() {
    let mut app = app_at(None, false, false);
    draw(&mut app, 80, 24);
    search(&mut app, "placement stability");
    let all = app.search.hits.len();
    assert!(
        app.search
            .hits
            .iter()
            .any(|h| &*h.authority == "Pembrokeshire"),
        "hits from both"
    );
    ctrl(&mut app, 'f');
    typed(&mut app, "swansea");
    let kept = shown(&app, ListId::Hits);
    assert!(
        !kept.is_empty() && kept.len() < all,
        "{} of {all}",
        kept.len()
    );
    for &i in &kept {
        assert_eq!(&*app.search.hits[i].authority, "Swansea");
    }
    // The kept hits stay in the search's order.
    assert!(kept.windows(2).all(|w| w[0] < w[1]), "{kept:?}");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains(&format!("of {all}")), "{s}");
    // Enter keeps the filter (the query is still the search's), Enter again opens a hit.
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    assert_eq!(app.search.query(), "placement stability");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    for _ in 0..kept.len() + 1 {
        key(&mut app, KeyCode::Char('n'));
        assert_eq!(
            app.report().map(|r| r.authority.short.as_str()),
            Some("Swansea"),
            "{:?}",
            app.message
        );
    }
    // In the search, Esc first clears the hits' filter, then closes.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::Search);
    assert_eq!(shown(&app, ListId::Hits).len(), all);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
}

/// An app with a state in `dir` and one bookmark per paragraph of `links`.
fn with_bookmarks(dir: &std::path::Path, links: &[&str]) -> App {
    let mut app = app_at(None, false, false);
    session::attach(&mut app, state_in(dir), false);
    for l in links {
        // `:` go-to the link, then `m`.
        key(&mut app, KeyCode::Char(':'));
        typed(&mut app, l);
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('m'));
    }
    app
}

#[test]
fn f_filters_the_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_bookmarks(
        dir.path(),
        &["swansea#3.18", "swansea#R5", "pembrokeshire#4.4"],
    );
    key(&mut app, KeyCode::Char('\''));
    assert_eq!(app.overlay(), Overlay::Bookmarks);
    typed(&mut app, "f'pemb");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Bookmarks 1/1 of 3"), "{s}");
    assert!(
        s.contains("Pembrokeshire 4.4") && !s.contains("Swansea R5"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(app.paragraph().map(|p| p.id.as_str()), Some("4.4"));
    // Back in the list the filter is kept; Esc clears it, Esc again closes.
    key(&mut app, KeyCode::Char('\''));
    assert_eq!(shown(&app, ListId::Bookmarks).len(), 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app, ListId::Bookmarks).len(), 3);
    assert_eq!(app.overlay(), Overlay::Bookmarks);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Overlay::None);
}

#[test]
fn page_keys_move_a_page_in_every_list() {
    // Councils.
    let mut app = many(200);
    draw(&mut app, 80, 24);
    let page = lists::page(&app, ListId::Councils);
    assert!(page > 5, "{page}");
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.authorities.selected, 2 * page);
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.authorities.selected, page);

    // Sections.
    let mut app = app_at(Some("swansea"), false, false);
    draw(&mut app, 80, 24);
    app.focus = Pane::Sections;
    let page = lists::page(&app, ListId::Sections);
    let total = app.tree_rows().len();
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.sections.selected, page.min(total - 1));
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.sections.selected, 0);

    // Search hits.
    search(&mut app, "children");
    let page = lists::page(&app, ListId::Hits);
    assert!(app.search.hits.len() > 2 * page);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.search.list.selected, page);
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.search.list.selected, page);
    key(&mut app, KeyCode::Esc);

    // Bookmarks: more than a popup holds.
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = app.corpus.reports[1]
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .take(40)
        .map(|p| format!("swansea#{}", p.id))
        .collect();
    let links: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut app = with_bookmarks(dir.path(), &links);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('\''));
    let page = lists::page(&app, ListId::Bookmarks);
    assert!(links.len() > page + 1 && page > 5, "{} {page}", links.len());
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.bookmark_list.selected, page);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains(&format!("Bookmarks {}/{}", page + 1, links.len())),
        "{s}"
    );
}

#[test]
fn zoom_after_the_last_council_fills_the_pane() {
    let mut app = many(200);
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('G'));
    draw(&mut app, 80, 24);
    key(&mut app, KeyCode::Char('z'));
    let t = draw(&mut app, 80, 24);
    let page = lists::page(&app, ListId::Councils);
    let names = rows(&t)
        .iter()
        .filter(|r| r.starts_with('│') && r.contains(" 2018 "))
        .count();
    assert_eq!(names, page, "{}", screen(&t));
    let last = app.corpus.reports.len();
    assert!(screen(&t).contains(&format!("Reports {last}/{last}")));
    // And back: the selection still in view.
    key(&mut app, KeyCode::Char('z'));
    let t = draw(&mut app, 80, 24);
    let selected = &app.corpus.reports[last - 1].authority.short;
    assert!(screen(&t).contains(selected.as_str()), "{}", screen(&t));
}

#[test]
fn n_and_shift_n_walk_the_hits_across_reports_with_the_highlight() {
    let mut app = app_at(None, false, false);
    draw(&mut app, 80, 24);
    search(&mut app, "placement stability");
    let complete = app.search.complete_shown();
    assert!(complete > 2);
    key(&mut app, KeyCode::Enter);
    let mut seen = Vec::new();
    for i in 0..complete {
        let hit = &app.search.hits[i];
        let here = (
            app.report().map(|r| r.id.clone()),
            app.paragraph().map(|p| p.id.clone()),
        );
        assert_eq!(
            here,
            (
                Some(hit.report.to_string()),
                Some(hit.paragraph.to_string())
            )
        );
        assert!(app.search.marks().is_some(), "highlight follows");
        seen.push(hit.authority.to_string());
        key(&mut app, KeyCode::Char('n'));
    }
    assert!(seen.contains(&"Swansea".to_string()) && seen.contains(&"Pembrokeshire".to_string()));
    // Past the last: the first again, said so. N goes back round.
    assert_eq!(app.search.current, Some(0));
    assert!(app.message.as_deref().unwrap_or("").contains("wrapped"));
    key(&mut app, KeyCode::Char('N'));
    assert_eq!(app.search.current, Some(complete - 1));
}

#[test]
fn the_search_line_edits_like_readline_and_keeps_a_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(None, false, false);
    session::attach(&mut app, state_in(dir.path()), false);
    draw(&mut app, 80, 24);
    search(&mut app, "stability");
    // Ctrl-a, then type at the start.
    ctrl(&mut app, 'a');
    typed(&mut app, "placement ");
    assert_eq!(app.search.query(), "placement stability");
    key(&mut app, KeyCode::Enter);
    search(&mut app, "eotas");
    key(&mut app, KeyCode::Esc);
    // Reopened, the old query is selected: typing replaces it.
    key(&mut app, KeyCode::Char('/'));
    assert!(app.search.editor.is_selected());
    typed(&mut app, "x");
    assert_eq!(app.search.query(), "x");
    key(&mut app, KeyCode::Esc);
    // The event loop writes what the keys asked for.
    settle(&mut app);
    drop(app);

    // A new explorer on the same state has the history on Up/Down.
    assert!(history_file(dir.path()));
    let mut b = app_at(None, false, false);
    session::attach(&mut b, state_in(dir.path()), false);
    key(&mut b, KeyCode::Char('/'));
    key(&mut b, KeyCode::Up);
    assert_eq!(b.search.query(), "x");
    key(&mut b, KeyCode::Up);
    assert_eq!(b.search.query(), "eotas");
    key(&mut b, KeyCode::Up);
    assert_eq!(b.search.query(), "placement stability");
    key(&mut b, KeyCode::Down);
    assert_eq!(b.search.query(), "eotas");
    // The recalled query is searched.
    assert!(b.search.wait(Duration::from_secs(60)));
    assert_eq!(b.search.shown_query, "eotas");
}

/// Whether a history file was written somewhere under `dir`.
fn history_file(dir: &std::path::Path) -> bool {
    let p = Paths::in_dir(dir);
    p.state.join(ciw::state::HISTORY_FILE).is_file()
}

#[test]
fn goto_history_is_kept_with_the_state_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at(None, false, false);
    session::attach(&mut app, state_in(dir.path()), false);
    typed(&mut app, ":swansea#R5");
    key(&mut app, KeyCode::Enter);
    settle(&mut app);
    drop(app);
    let mut b = app_at(None, false, false);
    session::attach(&mut b, state_in(dir.path()), false);
    typed(&mut b, ":");
    key(&mut b, KeyCode::Up);
    assert_eq!(b.goto.text(), "swansea#R5");
}

/// Report `i`: the Swansea sample as the council `Testshire {i:04}`.
fn generated_report(i: usize) -> String {
    common::SWANSEA.replace("Swansea", &format!("Testshire {i:04}"))
}

#[test]
fn a_thousand_imported_reports_filter_to_one_council_with_0500() {
    // Generated reports, imported into a library and loaded from it as the explorer does.
    const N: usize = 1000;
    // In memory where the system has a tmpfs: the import syncs each file it writes, which on a
    // disk is most of the time this takes.
    let shm = std::path::Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let src = tmp.path().join("reports");
    std::fs::create_dir_all(&src).unwrap();
    let files: Vec<std::path::PathBuf> = (1..=N)
        .map(|i| {
            let p = src.join(format!("testshire-{i:04}.txt"));
            std::fs::write(&p, generated_report(i)).unwrap();
            p
        })
        .collect();
    let (mut lib, _) = Library::open(&tmp.path().join("lib")).unwrap();
    lib.import(&files).unwrap();
    let corpus = Corpus::new(lib.load().reports);
    assert_eq!(corpus.reports.len(), N);
    let mut app = App::new(corpus, Options::default());
    let t = draw(&mut app, 80, 24);
    assert!(
        screen(&t).contains(&format!("Reports 1/{N}")),
        "{}",
        screen(&t)
    );
    assert_eq!(app.focus, Pane::Authorities);
    typed(&mut app, "f0500");
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains(&format!("Reports 1/1 of {N}")), "{s}");
    let councils = rows(&t)
        .iter()
        .filter(|r| r.chars().take(31).collect::<String>().contains("Test"))
        .count();
    assert_eq!(councils, 1, "{s}");
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Testshire 0500")
    );
}

#[test]
fn every_list_filter_survives_random_keys() {
    let mut app = many(40);
    let keys = [
        KeyCode::Char('f'),
        KeyCode::Char('1'),
        KeyCode::Char('j'),
        KeyCode::Tab,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::Char('z'),
        KeyCode::Char('G'),
        KeyCode::Backspace,
        KeyCode::Char('\''),
        KeyCode::Char('m'),
    ];
    common::tui::random_walk(&mut app, &keys, &[(80, 24), (40, 12), (160, 50)], 7, 400);
    app.update(Action::Resize(80, 24));
}

#[test]
fn rows_tell_two_reports_of_one_council_apart() {
    use ciw::model::Kind;
    let samples = Corpus::samples();
    let mut later = samples.reports[1].clone();
    assert_eq!(later.authority.short, "Swansea");
    later.id = "swansea-2021-11-follow-up".into();
    later.kind = Some(Kind::FollowUp);
    later.inspection.month = "November".into();
    later.inspection.month_number = 11;
    later.inspection.year = 2021;
    let mut reports = samples.reports.clone();
    reports.push(later);
    let mut app = App::new(Corpus::new(reports), Options::default());
    let t = draw(&mut app, 80, 24);
    let left: Vec<String> = rows(&t)
        .iter()
        .map(|r| r.chars().take(32).collect())
        .collect();
    let s = left.join("\n");
    // Kind and date on both of Swansea's rows, the names whole; Pembrokeshire's has no kind.
    assert!(
        left.iter()
            .any(|r| r.contains("Swansea (inspection)") && r.contains("Jul 2018")),
        "{s}"
    );
    assert!(
        left.iter()
            .any(|r| r.contains("Swansea (follow-up)") && r.contains("Nov 2021")),
        "{s}"
    );
    assert!(
        left.iter()
            .any(|r| r.contains("Pembrokeshire ") && !r.contains('(')),
        "{s}"
    );
    // Hits from the two reports show council, date and id.
    search(&mut app, "eotas");
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    let hit_rows: Vec<String> = rows(&t).into_iter().filter(|r| r.contains("R5")).collect();
    assert!(
        hit_rows
            .iter()
            .any(|r| r.contains("Swansea") && r.contains("Jul 2018")),
        "{s}"
    );
    assert!(
        hit_rows
            .iter()
            .any(|r| r.contains("Swansea") && r.contains("Nov 2021")),
        "{s}"
    );
}

#[test]
fn long_council_names_stay_whole_when_the_counts_give_way() {
    let mut app = many(30);
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(
        s.contains("Testshire 0001") && s.contains("Testshire 0002"),
        "{s}"
    );
}

#[test]
fn the_council_header_keeps_its_columns_when_no_council_matches() {
    let mut app = many(30);
    let header = |app: &mut App| -> String {
        let t = draw(app, 80, 24);
        rows(&t)
            .into_iter()
            .find(|r| r.contains("Council"))
            .map(|r| {
                r.chars()
                    .take(32)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .unwrap_or_default()
    };
    let before = header(&mut app);
    assert!(before.contains("Date"), "{before}");
    typed(&mut app, "fzzqx");
    let t = draw(&mut app, 80, 24);
    assert!(
        screen(&t).contains(&lists::no_match(ListId::Councils)),
        "{}",
        screen(&t)
    );
    assert_eq!(header(&mut app), before);
}
