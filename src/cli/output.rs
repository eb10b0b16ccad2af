//! Standard output for every command, quiet when its reader goes away: `ciw search ... | head -1`
//! exits 0 with nothing on stderr, as `rg`, `gh` and `cat` do. A closed pipe is not an error the
//! user made; the command finishes its own work (an import still indexes) and writes nothing more.

use std::io::{self, Write};

/// Stdout that swallows a broken pipe: after the first `EPIPE` every write is dropped.
pub struct Out {
    inner: io::StdoutLock<'static>,
    closed: bool,
}

/// The locked stdout, quiet on a closed pipe.
pub fn stdout() -> Out {
    Out {
        inner: io::stdout().lock(),
        closed: false,
    }
}

impl Out {
    /// Whether stdout is a terminal (colour and bold only then).
    pub fn is_terminal(&self) -> bool {
        io::IsTerminal::is_terminal(&io::stdout())
    }

    fn settle(&mut self, r: io::Result<()>) -> io::Result<()> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.write_all(buf);
        self.settle(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.settle(r)
    }
}

/// Writes all of `body` to stdout and flushes; a closed pipe is not an error.
pub fn write_stdout(body: &str) -> io::Result<()> {
    let mut out = stdout();
    out.write_all(body.as_bytes())?;
    out.flush()
}

/// True when an error is (caused by) a write to a closed pipe: `main` exits 0 quietly on one,
/// whichever writer met it.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe))
    })
}

/// What `show`, `search`, `compare` and `list` write (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text sized to the terminal.
    Text,
    /// Markdown for documents, every paragraph cited.
    #[value(alias = "md")]
    Markdown,
    /// CSV (RFC 4180) for spreadsheets, one row per paragraph, hit or report.
    Csv,
    /// The JSON contract (the same as --json).
    Json,
}

impl Format {
    /// The format asked for: `--format`, or `--json`, else text.
    pub fn pick(format: Option<Format>, json: bool) -> Format {
        match format {
            Some(f) => f,
            None if json => Format::Json,
            None => Format::Text,
        }
    }
}

/// True for the panic of `eprintln!` writing to a closed pipe (stderr piped into `head` with
/// stdout, `2>&1 | head`).
pub fn is_stderr_gone(panic: &(dyn std::any::Any + Send)) -> bool {
    let msg = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    msg.starts_with("failed printing to stderr") && msg.contains("Broken pipe")
}

/// The library load's progress on stderr, one line rewritten in place ("ciw: reading 340/1000
/// reports (the parser changed since they were cached)…") and cleared when dropped. Silent when
/// stderr is not a terminal, so logs and pipes get none of it.
pub struct LoadProgressLine {
    tty: bool,
    shown: bool,
}

impl LoadProgressLine {
    /// Writes to stderr only if it is a terminal.
    pub fn new() -> Self {
        use std::io::IsTerminal;
        Self::to_terminal(io::stderr().is_terminal())
    }

    /// Writes to stderr only if `tty`.
    pub fn to_terminal(tty: bool) -> Self {
        LoadProgressLine { tty, shown: false }
    }

    /// The line for `p`, sanitised and cut to `width` columns (so it never wraps, and `\r`
    /// rewrites all of it).
    pub fn text(p: &crate::library::LoadProgress, width: usize) -> String {
        let line = format!(
            "ciw: reading {}/{} reports ({})…",
            p.done,
            p.total,
            p.why.reason()
        );
        crate::text::for_terminal(&line)
            .chars()
            .take(width.saturating_sub(1))
            .collect()
    }

    /// Shows `p`, over the line shown before.
    pub fn update(&mut self, p: crate::library::LoadProgress) {
        if !self.tty {
            return;
        }
        if p.done >= p.total {
            // Done: cleared now, before any note the load prints.
            self.clear();
            return;
        }
        let width = terminal_size::terminal_size_of(io::stderr())
            .map_or(80, |(w, _)| usize::from(w.0))
            .max(20);
        let line = Self::text(&p, width);
        let mut err = io::stderr().lock();
        // Best effort: a progress line that cannot be written is no reason to stop loading.
        let _ = write!(err, "\r\x1b[K{line}").and_then(|()| err.flush());
        self.shown = true;
    }

    fn clear(&mut self) {
        if std::mem::take(&mut self.shown) {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[K").and_then(|()| err.flush());
        }
    }
}

impl Default for LoadProgressLine {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for LoadProgressLine {
    fn drop(&mut self) {
        self.clear();
    }
}
