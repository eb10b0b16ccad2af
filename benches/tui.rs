//! Explorer benchmarks: time to the first frame over 1,000 reports, and the render time of one
//! 200x60 frame, on ratatui's TestBackend (no terminal I/O).

use ciw::corpus::Corpus;
use ciw::target;
use ciw::tui::action::Action;
use ciw::tui::app::{App, Options};
use ciw::tui::render;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;

/// 1,000 reports: the two samples parsed once, cloned under varied authority names and ids.
fn corpus_of(n: usize) -> Corpus {
    let base = Corpus::samples();
    let reports = (0..n)
        .map(|i| {
            let mut r = base.reports[i % base.reports.len()].clone();
            r.authority.short = format!("{} {i:04}", r.authority.short);
            r.authority.name = format!("{} {i:04}", r.authority.name);
            r.id = format!("{}-{i:04}", r.id);
            r
        })
        .collect();
    Corpus::new(reports)
}

/// From the loaded reports to the first frame at `size`, opened at `link` if given.
fn first_frame(
    c: &mut Criterion,
    name: &str,
    corpus: &Corpus,
    size: (u16, u16),
    link: Option<&str>,
) {
    let (w, h) = size;
    c.bench_function(name, |b| {
        b.iter_batched(
            || {
                (
                    corpus.clone(),
                    Terminal::new(TestBackend::new(w, h)).expect("terminal"),
                )
            },
            |(corpus, mut term)| {
                let target = link.map(|l| target::resolve(&corpus, l).expect("link"));
                let mut app = App::new(
                    corpus,
                    Options {
                        target,
                        ..Options::default()
                    },
                );
                app.update(Action::Resize(w, h));
                term.draw(|f| render(&app, f)).expect("draw");
                // Returned, so the 1,000 reports are dropped outside the timing.
                black_box((app, term))
            },
            BatchSize::SmallInput,
        )
    });
}

fn benches(c: &mut Criterion) {
    let corpus = corpus_of(1000);
    first_frame(c, "first_frame_1000_reports_80x24", &corpus, (80, 24), None);
    first_frame(
        c,
        "first_frame_1000_reports_deep_link_200x60",
        &corpus,
        (200, 60),
        Some("swansea-2018-07-0999#3.18"),
    );
    let t = target::resolve(&corpus, "swansea-2018-07-0501#3.18").expect("link");
    let mut app = App::new(
        corpus,
        Options {
            target: Some(t),
            ..Options::default()
        },
    );
    app.update(Action::Resize(200, 60));
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    c.bench_function("render_frame_200x60", |b| {
        b.iter(|| {
            term.draw(|f| render(&app, f)).expect("draw");
        })
    });
    c.bench_function("key_j_then_render_200x60", |b| {
        b.iter(|| {
            app.update(Action::Down);
            term.draw(|f| render(&app, f)).expect("draw");
        })
    });
    filter_keystrokes(c);
    compare_keystrokes(c);
}

/// The comparison and the matrix over 1,000 reports at 80x24: `c` with nothing picked (the
/// picks list) and drawn; `j` then a frame in a comparison of eight picked councils; `j` then a
/// frame of the matrix of all 1,000.
fn compare_keystrokes(c: &mut Criterion) {
    let corpus = corpus_of(1000);
    let at = |app: &mut App| {
        app.update(Action::Resize(80, 24));
        Terminal::new(TestBackend::new(80, 24)).expect("terminal")
    };
    let t = target::resolve(&corpus, "swansea-2018-07-0501#3.18").expect("link");
    let mut app = App::new(
        corpus.clone(),
        Options {
            target: Some(t),
            ..Options::default()
        },
    );
    let mut term = at(&mut app);
    c.bench_function("compare_c_picks_list_1000_reports_80x24", |b| {
        b.iter(|| {
            app.update(Action::Compare);
            term.draw(|f| render(&app, f)).expect("draw");
            app.update(Action::Back);
        })
    });
    app.compare.picked = (0..1000).step_by(125).collect();
    app.update(Action::Compare);
    c.bench_function("compare_j_8_councils_80x24", |b| {
        b.iter(|| {
            app.update(Action::Down);
            term.draw(|f| render(&app, f)).expect("draw");
        })
    });
    let mut app = App::new(corpus, Options::default());
    let mut term = at(&mut app);
    app.update(Action::Matrix);
    c.bench_function("matrix_j_1000_reports_80x24", |b| {
        b.iter(|| {
            app.update(Action::Down);
            term.draw(|f| render(&app, f)).expect("draw");
        })
    });
}

/// `f` in the council pane over 1,000 reports: one keystroke of the filter (typing `0500`
/// and deleting it again, eight keystrokes, each filtering and drawing at 80x24).
fn filter_keystrokes(c: &mut Criterion) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = App::new(corpus_of(1000), Options::default());
    app.update(Action::Resize(80, 24));
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let press = |app: &mut App, code: KeyCode| {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    };
    press(&mut app, KeyCode::Char('f'));
    c.bench_function("filter_1000_councils_8_keys_80x24", |b| {
        b.iter(|| {
            for ch in "0500".chars() {
                press(&mut app, KeyCode::Char(ch));
                term.draw(|f| render(&app, f)).expect("draw");
            }
            for _ in 0..4 {
                press(&mut app, KeyCode::Backspace);
                term.draw(|f| render(&app, f)).expect("draw");
            }
        })
    });
}

criterion_group!(tui, benches);
criterion_main!(tui);
