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
