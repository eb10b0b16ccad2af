//! The terminal while the explorer runs: raw mode, the alternate screen, a hidden cursor, mouse
//! reporting and bracketed paste on the way in; all of it undone on the way out, whether the
//! explorer quits, panics or is signalled ([`restore_terminal`] is idempotent and safe to call
//! from the panic hook).
//!
//! Mouse reporting asks for buttons and drags only (mode 1002, with SGR 1006 and urxvt 1015
//! coordinates), not every motion (1003, which crossterm's `EnableMouseCapture` asks for), so
//! moving the mouse over the window sends nothing across an SSH link.

use super::backend::GapFilling;
use anyhow::{Context, Result};
use crossterm::{cursor, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

/// Clicks and wheel (1000), drags with a button held (1002), urxvt (1015) and SGR (1006)
/// coordinates, which have no 223-column limit.
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1015h\x1b[?1006h";
/// Every mouse mode off, all-motion (1003) included in case something else turned it on.
pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
/// A paste arrives as one event, not as keys.
const PASTE_ON: &str = "\x1b[?2004h";
const PASTE_OFF: &str = "\x1b[?2004l";

/// Set while the terminal is in raw mode / the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set while mouse reporting is on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: mouse reporting and bracketed paste off, main screen, cursor shown,
/// raw mode off. Idempotent, and safe to call from the panic hook.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = std::io::stdout();
        if MOUSE.swap(false, Ordering::SeqCst) {
            let _ = out.write_all(MOUSE_OFF.as_bytes());
        }
        let _ = out.write_all(PASTE_OFF.as_bytes());
        let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

/// The terminal the explorer draws to.
pub type Screen = Terminal<GapFilling<CrosstermBackend<std::io::Stdout>>>;

/// Owns the terminal while the explorer runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Screen,
}

impl TerminalGuard {
    /// Raw mode, alternate screen, mouse reporting (unless `mouse` is false: then the terminal
    /// keeps its own text selection), bracketed paste, hidden cursor; and a panic hook that
    /// restores the terminal before the panic message is printed.
    pub fn enter(mouse: bool) -> Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode().context("cannot put the terminal in raw mode")?;
        ACTIVE.store(true, Ordering::SeqCst);
        let setup = || -> std::io::Result<Screen> {
            let mut out = std::io::stdout();
            execute!(out, terminal::EnterAlternateScreen)?;
            if mouse {
                MOUSE.store(true, Ordering::SeqCst);
                out.write_all(MOUSE_ON.as_bytes())?;
            }
            out.write_all(PASTE_ON.as_bytes())?;
            execute!(out, cursor::Hide, terminal::Clear(terminal::ClearType::All))?;
            // Not `Terminal::clear`: it asks the terminal for the cursor position, which costs
            // a round trip over SSH and fails on terminals that do not answer.
            Terminal::new(GapFilling::new(CrosstermBackend::new(std::io::stdout())))
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
