//! Helpers for the explorer's tests on a `TestBackend`: an [`App`] over the sample reports,
//! drawing it at a size, pressing keys, and reading the screen back as text.

use ciw::corpus::Corpus;
use ciw::target;
use ciw::tui::app::{App, Options};
use ciw::tui::palette::Glyphs;
use ciw::tui::render;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The explorer over the sample reports, opened at a deep link (`swansea#3.18`) if given.
pub fn app_at(link: Option<&str>, monochrome: bool, ascii: bool) -> App {
    let glyphs = if ascii {
        Glyphs::Ascii
    } else {
        Glyphs::Unicode
    };
    app_with_glyphs(link, monochrome, glyphs)
}

/// [`app_at`] with the glyphs of a terminal (`Glyphs::Console` for `TERM=linux`).
pub fn app_with_glyphs(link: Option<&str>, monochrome: bool, glyphs: Glyphs) -> App {
    let corpus = Corpus::samples();
    let target = link.map(|l| target::resolve(&corpus, l).expect("link resolves"));
    App::new(
        corpus,
        Options {
            monochrome,
            glyphs,
            target,
        },
    )
}

/// The sample reports, each also as `count` renamed councils `Testshire 0001`...
pub fn many(count: usize) -> App {
    let samples = Corpus::samples();
    let mut reports = Vec::new();
    for i in 1..=count {
        let mut r = samples.reports[i % 2].clone();
        r.authority.short = format!("Testshire {i:04}");
        r.authority.name = format!("Testshire {i:04} Council");
        r.id = format!("testshire-{i:04}-2018-07");
        reports.push(r);
    }
    reports.extend(samples.reports.iter().cloned());
    App::new(Corpus::new(reports), Options::default())
}

/// Lays the app out for `w`x`h` and draws one frame.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.handle_event(&Event::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| render(app, f)).expect("draws");
    t
}

/// Presses a key with `mods`, as the event loop hands it over.
pub fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
}

/// Presses a key without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    press(app, code, KeyModifiers::NONE);
}

/// Presses Ctrl and a character.
pub fn ctrl(app: &mut App, c: char) {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// A mouse event of `kind` at the cell (`column`, `row`), as the event loop hands it over.
pub fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_event(&Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// A left click on the cell (`column`, `row`).
pub fn click(app: &mut App, column: u16, row: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), column, row);
}

/// A turn of the wheel (down when `down`) over the cell (`column`, `row`).
pub fn wheel(app: &mut App, down: bool, column: u16, row: u16) {
    let kind = if down {
        MouseEventKind::ScrollDown
    } else {
        MouseEventKind::ScrollUp
    };
    mouse(app, kind, column, row);
}

/// A bracketed paste of `text`.
pub fn paste(app: &mut App, text: &str) {
    app.handle_event(&Event::Paste(text.to_string()));
}

/// Types each character of `s`.
pub fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Carries out the effects the app asked for, as the event loop does (files written, the
/// clipboard's bytes thrown away).
pub fn settle(app: &mut App) {
    ciw::tui::event_loop::run_effects(app, &mut std::io::sink()).expect("effects run");
}

/// The screen's rows as text, one string per row.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let w = buf.area.width;
    (0..buf.area.height)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

/// The whole screen as text, rows joined by newlines.
pub fn screen(t: &Terminal<TestBackend>) -> String {
    rows(t).join("\n")
}

/// Drives `app` with `steps` pseudo-random presses of `keys` (from `seed`), with now and then a
/// Ctrl-d, a click or a wheel turn at a random cell, drawing after each at the next of `sizes`.
/// For tests that no sequence of keys and sizes panics.
pub fn random_walk(app: &mut App, keys: &[KeyCode], sizes: &[(u16, u16)], seed: u64, steps: usize) {
    let mut seed = seed;
    for step in 0..steps {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        key(app, keys[(seed >> 33) as usize % keys.len()]);
        if (seed >> 20).is_multiple_of(6) {
            ctrl(app, 'd');
        }
        if (seed >> 40).is_multiple_of(5) {
            let (c, r) = (((seed >> 8) % 200) as u16, ((seed >> 16) % 60) as u16);
            match (seed >> 45) % 3 {
                0 => click(app, c, r),
                n => wheel(app, n == 1, c, r),
            }
        }
        let (w, h) = sizes[step % sizes.len()];
        draw(app, w, h);
    }
}
