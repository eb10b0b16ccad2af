//! The terminal explorer: reports, their section trees and paragraphs, keyboard-driven and at
//! home over SSH in an 80x24 pane.
//!
//! A key travels one way: [`event_loop`] reads a terminal event and hands it to
//! [`app::App::handle_event`], the one place raw input (key, mouse, resize, paste) becomes an
//! [`action::Action`] (through the [`keymap`], after any open prompt has had the key);
//! [`app::App::update`] gives the action to the overlay on top of the stack, else to the focused
//! pane; the pane changes its own state and returns [`command::Commands`] (a jump, a report or
//! section to show, an overlay to open or close, a copy, a file, a save), which the app applies
//! in order once the pane has returned (nothing else of the app is open to a pane); what
//! must happen outside the app (the clipboard's bytes, files written) is an [`app::Effect`] the
//! loop carries out; then the loop draws with [`render()`], which is pure, so tests draw into a
//! `TestBackend`. Updates read the layout stored when the size or zoom last changed
//! ([`app::App::areas`]); they never lay the screen out themselves.
//!
//! The keymap is data: the default table [`keymap::BINDINGS`] with the `[keys]` overrides of
//! `config.toml` applied at start ([`session::Start`]); lookups, the footer hints and the help
//! read the same [`keymap::Keymap`]. [`terminal`] owns the terminal (raw mode, the alternate
//! screen, mouse mode 1002, bracketed paste) and restores it on quit, on panic and on
//! SIGTERM/SIGHUP.
//!
//! Adding a view (an overlay): a module under `panes/` with `render(app, frame)` and
//! `update(app, action) -> Commands`; a variant of [`app::Overlay`] (drawn over what is under it in
//! [`render()`], given the keys first in [`app::App::update`]); new [`action::Action`] variants;
//! and bindings with a new [`keymap::Scope`] in [`keymap::BINDINGS`], which the help and hints
//! pick up by themselves.

pub mod action;
pub mod app;
pub mod backend;
pub mod clipboard;
pub mod command;
pub mod event_loop;
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
mod render;
pub mod search_worker;
pub mod session;
mod terminal;

pub use launch::{Launch, Source};
pub use render::render;
pub use terminal::{restore_terminal, TerminalGuard};

use anyhow::Result;
use app::{App, Options};
use std::io::IsTerminal;
use std::process::ExitCode;

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
            "ciw: the explorer needs a terminal; in scripts use `ciw list` or `ciw show <COUNCIL>[#ID]`"
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
    let signals = event_loop::watch_signals()?;
    let mut guard = TerminalGuard::enter(mouse)?;
    let hangup = hangup::Hangup::watch();
    let code = event_loop::run(&mut guard.terminal, &mut app, &signals, &hangup);
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
