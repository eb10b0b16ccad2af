//! The terminal explorer: reports, their section trees and paragraphs, keyboard-driven and at
//! home over SSH in an 80x24 pane.
//!
//! Architecture: [`app::App`] holds all state and changes only in [`app::App::update`], which
//! takes an [`action::Action`]. [`keymap`] turns keys into actions (and drives the help and the
//! hints): the app holds a [`keymap::Keymap`], the default table [`keymap::BINDINGS`] with the
//! `[keys]` overrides of `config.toml` applied at start ([`session::Start`]). An override gives
//! an action its new key in the reader (Global and pane scopes) in place of its character keys
//! (arrows and other named keys stay) and takes that key from any other reader binding; the
//! overlays keep their own keys but follow quit, help, back and the keys that open them.
//! [`layout`] turns the terminal size into named areas; [`render`] draws an `App` into a frame
//! and is pure, so tests draw into a `TestBackend`. This module owns the terminal: a guard that
//! restores it on quit, on panic and on SIGTERM/SIGHUP, and the event loop.
//!
//! Adding a view (search overlay, comparison): a module under `panes/` with `render(app, frame)`
//! and `update(app, action)`; a variant of [`app::Overlay`] (drawn last in [`render`], given the
//! keys first in [`app::App::update`]); new [`action::Action`] variants; and bindings with a
//! new [`keymap::Scope`] in [`keymap::BINDINGS`], which the help and hints pick up by themselves.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod hangup;
pub mod jumps;
pub mod keymap;
pub mod launch;
pub mod layout;
pub mod line_edit;
pub mod list;
pub mod list_filter;
pub mod marks;
pub mod palette;
pub mod panes;
pub mod search_worker;
pub mod session;

use crate::text::fit;
pub use launch::{Launch, Source};

use action::Action;
use anyhow::{Context, Result};
use app::{App, Effect, Options, Overlay, Pane};
use crossterm::event::{self, Event};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::{Frame, Terminal};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::Duration;

/// Draws the whole screen for `app`. Pure: the same App and size give the same frame.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::compute(area, app.layout_input());
    if areas.too_small {
        too_small(app, frame, area);
        return;
    }
    for pane in Pane::ALL {
        if let Some(r) = areas.pane(pane) {
            let focused = app.focus == pane;
            match pane {
                Pane::Authorities => panes::authorities::render(app, frame, r, focused),
                Pane::Sections => panes::sections::render(app, frame, r, focused),
                Pane::Paragraphs => panes::paragraphs::render(app, frame, r, focused),
            }
        }
    }
    panes::status::render(app, frame, &areas);
    for overlay in app.overlays() {
        match overlay {
            Overlay::Help => panes::help::render(app, frame),
            Overlay::Search => panes::search::render(app, frame, &areas),
            Overlay::Bookmarks => panes::bookmarks::render(app, frame),
            Overlay::Compare => panes::compare::render(app, frame),
            Overlay::Matrix => panes::matrix::render(app, frame),
            Overlay::None => {}
        }
    }
    // Over the overlays: the comparison's find line sits on its status line.
    panes::prompt::render(app, frame, areas.status, areas.hints);
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "Terminal too small: {}x{}. ciw needs at least {}x{}. Enlarge the window, or press {} to quit.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        app.keymap.key(Action::Quit, app.palette.symbols.ascii)
    );
    let lines: Vec<Line> = fit::wrap(&text, usize::from(area.width))
        .into_iter()
        .take(usize::from(area.height))
        .map(|l| Line::from(Span::styled(l, app.palette.warning)))
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let r = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(Paragraph::new(lines), r);
}

/// Set while the terminal is in raw mode / the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: mouse reporting off, main screen, cursor shown, raw mode off.
/// Idempotent, and safe to call from the panic hook.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = std::io::stdout();
        let _ = execute!(
            out,
            event::DisableMouseCapture,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

/// Owns the terminal while the explorer runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<std::io::Stdout>>,
}

impl TerminalGuard {
    /// Raw mode, alternate screen, mouse reporting (unless `mouse` is false: then the terminal
    /// keeps its own text selection), hidden cursor; and a panic hook that restores the
    /// terminal before the panic message is printed.
    pub fn enter(mouse: bool) -> Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode().context("cannot put the terminal in raw mode")?;
        ACTIVE.store(true, Ordering::SeqCst);
        let setup = || -> std::io::Result<Terminal<CrosstermBackend<std::io::Stdout>>> {
            let mut out = std::io::stdout();
            execute!(out, terminal::EnterAlternateScreen)?;
            if mouse {
                execute!(out, event::EnableMouseCapture)?;
            }
            execute!(out, cursor::Hide, terminal::Clear(terminal::ClearType::All))?;
            // Not `Terminal::clear`: it asks the terminal for the cursor position, which costs
            // a round trip over SSH and fails on terminals that do not answer.
            Terminal::new(CrosstermBackend::new(std::io::stdout()))
        };
        match setup() {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore_terminal();
                Err(e).context("cannot set up the terminal")
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}

/// SIGTERM and SIGHUP (and SIGINT, should it arrive as a signal) end the loop cleanly; a
/// second one ends the process at once.
fn watch_signals() -> Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let caught = Arc::new(AtomicUsize::new(0));
    let any = Arc::new(AtomicBool::new(false));
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&any))?;
        signal_hook::flag::register(sig, Arc::clone(&any))?;
        signal_hook::flag::register_usize(sig, Arc::clone(&caught), sig as usize)?;
    }
    Ok(caught)
}

/// `ciw [TARGET]`: the explorer, on what the command line resolved.
pub fn run(launch: Launch) -> Result<ExitCode> {
    let Launch {
        corpus,
        failed,
        target,
        source,
        no_color,
        ascii,
    } = launch;
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "ciw: the explorer needs a terminal; in scripts use `ciw list` or `ciw show <AUTHORITY>[#ID]`"
        );
        return Ok(ExitCode::from(2));
    }
    let start = session::Start::load(&source);
    let options = Options {
        monochrome: start.monochrome(no_color, palette::no_color_env()),
        glyphs: palette::Glyphs::detect(ascii),
        target,
    };
    let restore = options.target.is_none();
    let mut app = App::new(corpus, options);
    if let Source::Library(dir) = &source {
        app.search.library = crate::paths::Paths::resolve(dir.as_deref())
            .ok()
            .map(|p| p.data);
    }
    let mouse = start.config.mouse.unwrap_or(true);
    start.apply(&mut app, restore);
    // Reopening where the reader was is not a jump.
    app.jumps = jumps::JumpList::new();
    let signals = watch_signals()?;
    let mut guard = TerminalGuard::enter(mouse)?;
    let hangup = hangup::Hangup::watch();
    let code = event_loop(&mut guard.terminal, &mut app, &signals, &hangup);
    drop(guard);
    if let Err(e) = session::save(&mut app) {
        eprintln!(
            "ciw: could not save where you were: {}",
            crate::text::for_terminal(&e.to_string())
        );
    }
    let code = code?;
    if failed && code == ExitCode::SUCCESS {
        return Ok(ExitCode::from(1));
    }
    Ok(code)
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    app: &mut App,
    signals: &AtomicUsize,
    hangup: &hangup::Hangup,
) -> Result<ExitCode> {
    // What a shell reports for a process ended by SIGHUP.
    let hung_up = || ExitCode::from(128 + 1);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    loop {
        dirty |= app.search.poll();
        if dirty {
            terminal.draw(|f| render(app, f))?;
            dirty = false;
        }
        let sig = signals.load(Ordering::SeqCst);
        if sig != 0 {
            return Ok(ExitCode::from(128u8.saturating_add(sig as u8)));
        }
        // While a search is under way, look for its hits often; they arrive from a worker.
        let wait = if app.search.pending() { 10 } else { 250 };
        if hangup.closed() {
            return Ok(hung_up());
        }
        let ready = match event::poll(Duration::from_millis(wait)) {
            Ok(ready) => ready,
            Err(_) if hangup.closed() => return Ok(hung_up()),
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        if !ready {
            continue;
        }
        let event = match event::read() {
            Ok(event) => event,
            Err(_) if hangup.closed() => return Ok(hung_up()),
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        // Lets the pty tests check that a panic restores the terminal (debug builds).
        if let Event::Key(k) = &event {
            if cfg!(debug_assertions)
                && k.code == event::KeyCode::Char('!')
                && std::env::var_os("CIW_TEST_PANIC").is_some()
            {
                panic!("test panic requested with CIW_TEST_PANIC");
            }
        }
        if !app.handle_event(&event) {
            continue;
        }
        dirty = true;
        for effect in app.take_effects() {
            match effect {
                Effect::Clipboard(text) => {
                    let mut out = std::io::stdout();
                    out.write_all(clipboard::osc52(&text).as_bytes())?;
                    out.flush()?;
                }
                Effect::Export { stem, markdown } => {
                    let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                    let shown = crate::text::for_terminal(&dir.display().to_string()).into_owned();
                    app.message = Some(
                        match crate::export::write_new(&dir, &stem, "md", markdown.as_bytes()) {
                            Ok(path) => format!(
                                "Saved {} in {shown}",
                                path.file_name().unwrap_or_default().to_string_lossy()
                            ),
                            Err(e) => format!("Could not save {stem}.md in {shown}: {e}"),
                        },
                    );
                }
            }
        }
        if app.quit {
            return Ok(ExitCode::SUCCESS);
        }
    }
}
