//! The event loop: read input, hand it to [`App::handle_event`], carry out the [`Effect`]s the
//! app asks for, draw. Everything queued is handled before a frame is drawn (up to
//! [`DRAIN_CAP`] events), so a burst of keys, from key repeat or a paste into a terminal without
//! bracketed paste, draws one frame, not one per key.
//!
//! Where the reader is gets written [`SAVE_AFTER`] the last move (and on quit, on SIGTERM and
//! SIGHUP, and when the terminal goes away, by the caller), so a dropped connection reopens
//! where it was.

use super::app::{App, Effect};
use super::{clipboard, hangup, render, session};
use crate::state::Position;
use anyhow::{Context, Result};
use crossterm::event::{self, Event};
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// At most this many queued events are handled before the next frame is drawn.
pub const DRAIN_CAP: usize = 512;

/// How long the loop looks for more queued input before drawing. Not zero: crossterm's
/// terminal source returns at once on a zero timeout without handing over the events it has
/// already read and parsed, so a zero poll would see none of a burst after its first key.
const DRAIN_POLL: Duration = Duration::from_millis(1);

/// How long a frame waits for the hits of a query just typed.
const SEARCH_GRACE: Duration = Duration::from_millis(30);

/// How long after the last move the position is written.
pub const SAVE_AFTER: Duration = Duration::from_secs(1);

/// SIGTERM and SIGHUP (and SIGINT, should it arrive as a signal) end the loop cleanly; a
/// second one ends the process at once.
pub fn watch_signals() -> Result<Arc<AtomicUsize>> {
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

/// Writes the position a while after the last move (debounced): one write per pause, not
/// one per key.
struct PositionSaver {
    saved: Option<Position>,
    due: Option<Instant>,
}

impl PositionSaver {
    fn new(app: &App) -> PositionSaver {
        PositionSaver {
            saved: session::position(app),
            due: None,
        }
    }

    /// After input: a move (re)starts the wait.
    fn after_input(&mut self, app: &App) {
        if session::position(app) != self.saved {
            self.due = Some(Instant::now() + SAVE_AFTER);
        }
    }

    /// How long the loop may wait for input: at most `wait`, and no later than the save.
    fn wait(&self, wait: Duration) -> Duration {
        match self.due {
            Some(due) => wait.min(due.saturating_duration_since(Instant::now())),
            None => wait,
        }
    }

    /// Writes the position once due. Returns whether the app changed (a failure to report).
    fn tick(&mut self, app: &mut App) -> bool {
        match self.due {
            Some(due) if Instant::now() >= due => {}
            _ => return false,
        }
        self.due = None;
        let here = session::position(app);
        match session::save(app) {
            Ok(()) => {
                self.saved = here;
                false
            }
            Err(e) => {
                app.message = Some(format!("Could not save where you were: {e}"));
                true
            }
        }
    }
}

/// Carries out what the app asked for outside itself: terminal output (the clipboard's OSC 52)
/// goes to `out`, files to the current folder and the state dir. What happened is said on the
/// status line.
pub fn run_effects(app: &mut App, out: &mut impl Write) -> std::io::Result<()> {
    for effect in app.take_effects() {
        match effect {
            Effect::Clipboard(text) => {
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
            Effect::SaveState => {
                if let Err(e) = session::save(app) {
                    app.message = Some(format!("Could not save bookmarks and history: {e}"));
                }
            }
        }
    }
    Ok(())
}

/// Runs the explorer until it quits, a signal arrives or the terminal goes away; returns the
/// exit code for that.
pub fn run(
    terminal: &mut super::terminal::Screen,
    app: &mut App,
    signals: &AtomicUsize,
    hangup: &hangup::Hangup,
) -> Result<ExitCode> {
    // What a shell reports for a process ended by SIGHUP.
    let hung_up = || ExitCode::from(128 + 1);
    // crossterm starts listening for SIGWINCH on its first poll: poll once before the size is
    // read and the first frame drawn, so a resize right after start is not lost.
    match event::poll(Duration::ZERO) {
        Ok(_) => {}
        Err(_) if hangup.closed() => return Ok(hung_up()),
        Err(e) => return Err(e).context("cannot read from the terminal"),
    }
    let size = terminal.size()?;
    app.handle_event(&Event::Resize(size.width, size.height));
    let mut saver = PositionSaver::new(app);
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
        if hangup.closed() {
            return Ok(hung_up());
        }
        // While a search is under way, look for its hits often; they arrive from a worker.
        let wait = Duration::from_millis(if app.search.pending() { 10 } else { 250 });
        let ready = match event::poll(saver.wait(wait)) {
            Ok(ready) => ready,
            Err(_) if hangup.closed() => return Ok(hung_up()),
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        if !ready {
            dirty |= saver.tick(app);
            continue;
        }
        // Everything queued now, then one frame.
        for handled in 1.. {
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
            dirty |= app.handle_event(&event);
            run_effects(app, &mut std::io::stdout())?;
            if app.quit {
                return Ok(ExitCode::SUCCESS);
            }
            if handled >= DRAIN_CAP || !matches!(event::poll(DRAIN_POLL), Ok(true)) {
                break;
            }
        }
        saver.after_input(app);
        // A query just typed: give the worker a moment, so a quick answer is drawn in the
        // same frame as the key rather than a "searching…" frame and then the hits.
        if app.search.pending() {
            app.search.wait(SEARCH_GRACE);
        }
    }
}
