//! Reading at speed: the `:` go-to prompt, the jump list (`Ctrl-o`, `Ctrl-i`, `''`),
//! filtering the council list with `f`, and the positions `n/N` in list titles.

use crate::common;

use ciw::tui::action::Action;
use ciw::tui::app::{App, Item, Overlay, Pane};
use common::tui::{app_at, ctrl, draw, key, many, press, rows, screen, typed};
use crossterm::event::{KeyCode, KeyModifiers};

/// The paragraph id the reader has selected, and its council.
fn at(app: &App) -> (String, String) {
    (
        app.report()
            .map(|r| r.authority.short.clone())
            .unwrap_or_default(),
        app.paragraph().map(|p| p.id.clone()).unwrap_or_default(),
    )
}

fn alt(app: &mut App, c: char) {
    press(app, KeyCode::Char(c), KeyModifiers::ALT);
}

#[test]
fn goto_a_paragraph_of_another_council_and_back() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, ":");
    assert!(app.prompt.is_some());
    typed(&mut app, "pembrokeshire#R5");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains(":pembrokeshire#R5"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    assert_eq!(at(&app), ("Pembrokeshire".into(), "R5".into()));
    assert_eq!(app.focus, Pane::Paragraphs);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("R5"), "{s}");
    assert!(s.contains("At Pembrokeshire R5: Ctrl-o goes back"), "{s}");
    // Ctrl-o returns, Ctrl-i (Alt-o) goes forward again.
    ctrl(&mut app, 'o');
    assert_eq!(at(&app), ("Swansea".into(), "3.18".into()));
    alt(&mut app, 'o');
    assert_eq!(at(&app), ("Pembrokeshire".into(), "R5".into()));
    ctrl(&mut app, 'i');
    assert_eq!(
        at(&app),
        ("Pembrokeshire".into(), "R5".into()),
        "nothing later"
    );
    // Backspace is back too.
    key(&mut app, KeyCode::Backspace);
    assert_eq!(at(&app), ("Swansea".into(), "3.18".into()));
}

#[test]
fn goto_relative_targets_and_errors() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    for (typed_text, want) in [("R5", "R5"), ("#3.2", "3.2"), ("O3", "O3"), ("4.1", "4.1")] {
        typed(&mut app, ":");
        typed(&mut app, typed_text);
        key(&mut app, KeyCode::Enter);
        assert_eq!(at(&app), ("Swansea".into(), want.into()), "{typed_text}");
    }
    typed(&mut app, ":");
    typed(&mut app, "#safeguarding");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.section().map(|s| s.key()), Some("4".into()));
    // A target that does not exist says so and stays put.
    let before = at(&app);
    typed(&mut app, ":");
    typed(&mut app, "R99");
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), before);
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("R99") && msg.contains("R1-R10"), "{msg}");
    typed(&mut app, ":");
    typed(&mut app, "cardiff");
    key(&mut app, KeyCode::Enter);
    let msg = app.message.clone().unwrap_or_default();
    assert!(
        msg.contains("cardiff") && msg.contains("pembrokeshire"),
        "{msg}"
    );
    // Esc cancels without moving.
    typed(&mut app, ":pembrokeshire");
    key(&mut app, KeyCode::Esc);
    assert!(app.prompt.is_none());
    assert_eq!(at(&app), before);
}

#[test]
fn goto_completes_and_remembers() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, ":pem");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("pembrokeshire"), "completions shown: {s}");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.goto.text(), "pembrokeshire");
    typed(&mut app, "#R2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), ("Pembrokeshire".into(), "R2".into()));
    // Reopened, the old target is selected: typing replaces it; Up brings it back.
    typed(&mut app, ":");
    assert!(app.goto.is_selected());
    typed(&mut app, "R1");
    assert_eq!(app.goto.text(), "R1");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.goto.text(), "pembrokeshire#R2");
    // Readline keys: Ctrl-w deletes a word, Ctrl-a goes to the start.
    ctrl(&mut app, 'w');
    assert_eq!(app.goto.text(), "");
    key(&mut app, KeyCode::Esc);
}

#[test]
fn quote_quote_in_the_bookmark_list_returns_as_in_less() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, ":pembrokeshire#O3");
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app).1, "O3");
    typed(&mut app, "''");
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(at(&app), ("Swansea".into(), "3.18".into()));
    typed(&mut app, "''");
    assert_eq!(at(&app), ("Pembrokeshire".into(), "O3".into()));
}

#[test]
fn jumps_from_search_hits_are_recorded() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, "/");
    typed(&mut app, "seraf");
    assert!(app.search.wait(std::time::Duration::from_secs(60)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), ("Pembrokeshire".into(), "4.4".into()));
    ctrl(&mut app, 'o');
    assert_eq!(at(&app), ("Swansea".into(), "3.18".into()));
}

#[test]
fn nothing_to_go_back_to_says_so() {
    let mut app = app_at(None, false, false);
    draw(&mut app, 80, 24);
    ctrl(&mut app, 'o');
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("No earlier jump"), "{msg}");
}

#[test]
fn filter_a_thousand_councils_down_to_one() {
    let mut app = many(1000);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Reports 1/1002"), "{s}");
    assert_eq!(app.focus, Pane::Authorities);
    typed(&mut app, "f");
    typed(&mut app, "0500");
    let t = draw(&mut app, 80, 24);
    let s = screen(&t);
    assert!(s.contains("Reports 1/1 of 1002"), "{s}");
    assert!(s.contains("filter: 0500"), "{s}");
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Testshire 0500")
    );
    let names = rows(&t)
        .iter()
        .filter(|r| r.contains("Testshire") || r.contains("Test…"))
        .count();
    assert_eq!(names, 1, "{s}");
    // Enter keeps the filter and gives the keys back; Esc in the pane clears it, keeping the
    // selection.
    key(&mut app, KeyCode::Enter);
    assert!(app.prompt.is_none());
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("f:0500"), "{s}");
    key(&mut app, KeyCode::Esc);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("Reports 502/1002"), "{s}");
    assert_eq!(
        app.report().map(|r| r.authority.short.as_str()),
        Some("Testshire 0500")
    );
}

#[test]
fn filter_moves_within_the_matches() {
    let mut app = many(30);
    draw(&mut app, 80, 24);
    typed(&mut app, "f");
    typed(&mut app, "'002");
    let first = app.report().map(|r| r.authority.short.clone());
    key(&mut app, KeyCode::Down);
    let second = app.report().map(|r| r.authority.short.clone());
    assert_ne!(first, second);
    for name in [first, second].into_iter().flatten() {
        assert!(name.contains("002"), "{name}");
    }
    // A query nothing matches shows so; Esc clears it.
    typed(&mut app, "zzz");
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("No council matches"), "{s}");
    key(&mut app, KeyCode::Esc);
    assert!(!app.authorities.filter.is_active());
    // After the filter is gone j moves through every council again.
    let before = app.authorities.selected;
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.authorities.selected, before + 1);
}

#[test]
fn long_council_names_are_cut_in_the_middle() {
    let mut app = many(12);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("0001") && s.contains("0002"), "ends kept: {s}");
}

#[test]
fn page_down_in_the_council_list_moves_a_page() {
    let mut app = many(200);
    draw(&mut app, 80, 24);
    let h = ciw::tui::panes::authorities::viewport_height(&app);
    app.update(Action::PageDown);
    assert_eq!(app.authorities.selected, h);
}

/// The words drawn in the search highlight (bold, underlined, yellow), lower-cased.
fn highlighted_words(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    use ratatui::style::Modifier;
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut word = String::new();
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let m = c.style().add_modifier;
            let hl = m.contains(Modifier::BOLD | Modifier::UNDERLINED)
                && c.style().fg == Some(ratatui::style::Color::Yellow);
            if hl && c.symbol() != " " {
                word.push_str(c.symbol());
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word).to_lowercase());
            }
        }
        if !word.is_empty() {
            out.push(word.to_lowercase());
        }
    }
    out
}

#[test]
fn an_opened_hit_shows_its_words_highlighted_in_the_reader_until_cleared() {
    let mut app = app_at(None, false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, "/placement stability");
    assert!(app.search.wait(std::time::Duration::from_secs(60)));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    let t = draw(&mut app, 80, 24);
    let words = highlighted_words(&t);
    assert!(
        words.iter().any(|w| w.starts_with("placement")) && words.iter().any(|w| w == "stability"),
        "{words:?}\n{}",
        screen(&t)
    );
    // Esc in the reader turns the highlights off; n still steps to the next hit (and
    // highlights again).
    key(&mut app, KeyCode::Esc);
    let t = draw(&mut app, 80, 24);
    assert!(
        highlighted_words(&t).is_empty(),
        "{:?} {:?}\n{}",
        highlighted_words(&t),
        app.message,
        screen(&t)
    );
    assert!(app
        .message
        .as_deref()
        .unwrap_or("")
        .contains("highlights off"));
    key(&mut app, KeyCode::Char('n'));
    let t = draw(&mut app, 80, 24);
    assert!(!highlighted_words(&t).is_empty(), "{}", screen(&t));
    // A new search clears them until a hit is opened.
    typed(&mut app, "/eotas");
    assert!(app.search.wait(std::time::Duration::from_secs(60)));
    key(&mut app, KeyCode::Esc);
    let t = draw(&mut app, 80, 24);
    assert!(highlighted_words(&t).is_empty(), "{}", screen(&t));
}

#[test]
fn the_comparison_copies_and_bookmarks_the_focused_paragraph_and_highlights() {
    use ciw::tui::app::Effect;
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, "/placement stability");
    assert!(app.search.wait(std::time::Duration::from_secs(60)));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('c'));
    assert_eq!(app.overlay(), Overlay::Compare);
    let t = draw(&mut app, 80, 24);
    assert!(!highlighted_words(&t).is_empty(), "{}", screen(&t));
    key(&mut app, KeyCode::Char('j'));
    app.take_effects();
    key(&mut app, KeyCode::Char('y'));
    let effects = app.take_effects();
    let [Effect::Clipboard(text)] = effects.as_slice() else {
        panic!("y in compare copied nothing: {effects:?} {:?}", app.message);
    };
    assert!(text.contains("CIW"), "a citation: {text}");
    assert!(app.message.as_deref().unwrap_or("").starts_with("Copied "));
    key(&mut app, KeyCode::Char('m'));
    let msg = app.message.clone().unwrap_or_default();
    assert!(msg.contains("Bookmark"), "{msg}");
    assert_eq!(app.overlay(), Overlay::Compare);
}

#[test]
fn a_search_for_a_target_goes_there() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    typed(&mut app, "/R5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), Overlay::None);
    assert_eq!(at(&app), ("Swansea".into(), "R5".into()));
    typed(&mut app, "/pembrokeshire#3.2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(at(&app), ("Pembrokeshire".into(), "3.2".into()));
    ctrl(&mut app, 'o');
    assert_eq!(at(&app), ("Swansea".into(), "R5".into()));
}

#[test]
fn goto_the_front_matter_and_a_sections_expectations() {
    let mut app = app_at(Some("swansea#3.18"), false, false);
    draw(&mut app, 80, 24);
    // The front matter: no place in the sections, so the report opens and the status reads it.
    typed(&mut app, ":");
    typed(&mut app, "pembrokeshire#front.1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.report().map(|r| r.authority.short.clone()),
        Some("Pembrokeshire".into())
    );
    let m = app.message.clone().unwrap_or_default();
    let front = &app.report().unwrap().front_matter[0];
    assert!(m.contains("front.1") && m.contains(&front[..20]), "{m}");
    // A section's "What we expect to see": that section, its expectations selected.
    typed(&mut app, ":");
    typed(&mut app, "#4.E");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.section().map(|s| s.key()), Some("4".into()));
    assert_eq!(app.selected_item(), Some(Item::Expectations));
    assert!(app.breadcrumb().join(" ").contains("What we expect to see"));
}

#[test]
fn space_f_and_b_page_the_reader_as_in_less() {
    let paged = |keys: &[KeyCode]| {
        let mut app = app_at(Some("swansea#3.18"), false, false);
        assert_eq!(app.focus, Pane::Paragraphs);
        draw(&mut app, 80, 24);
        for &k in keys {
            key(&mut app, k);
        }
        screen(&draw(&mut app, 80, 24))
    };
    let start = paged(&[]);
    let down = paged(&[KeyCode::PageDown]);
    assert_ne!(down, start, "PgDn moves");
    assert_eq!(paged(&[KeyCode::Char(' ')]), down, "Space is PgDn");
    assert_eq!(paged(&[KeyCode::Char('f')]), down, "f is PgDn");
    assert_eq!(
        paged(&[KeyCode::PageDown, KeyCode::Char('b')]),
        paged(&[KeyCode::PageDown, KeyCode::PageUp]),
        "b is PgUp"
    );
}
