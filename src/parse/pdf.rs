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
//!
//! ## Which reader, and why
//! Measured on the two sample reports typeset as PDFs (`tests/common/typeset.rs`, CIW's layout,
//! 21 pages; `tests/fixtures/pdf/*-groff.pdf`, groff's, 20 pages), Swansea, release builds, on
//! this project's 2-core machine shared with other builds (so the times are rough):
//!
//! | reader | crates in its tree | structure (theme paragraphs, recommendations with a theme) | time per file |
//! |---|---|---|---|
//! | `pdf-extract` 0.12 (on `lopdf` 0.42), its own plain text | 72 | exact on both layouts (60, 10) | 156 ms / 265 ms |
//! | `pdf_oxide` 0.3.78 (default features off) | 167 (a 62-minute first build here) | CIW layout: 1 of 60 paragraphs, 6 of 10 recommendations (lines of separate boxes glued: "...ISBN 978-1-78964-251-3Contents"); groff: exact | 201 ms / 355 ms |
//! | `lopdf` alone | 65 | (no text layout: fonts, encodings and the content-stream interpreter would be ours to write) | - |
//! | `pdftotext` 22.12 (poppler, C++) | - | exact in each of its three modes, after this parser's layout fixes | about 15 ms of CPU |
//!
//! We read the content streams ourselves on `lopdf` ([`content`], [`fonts`]): each page's
//! stream is decoded once, only the operators that place text are followed, each font (its
//! encoding, `ToUnicode` map and widths) is built once per document, and glyph texts go into one
//! buffer per page. `pdf-extract` rebuilds every font on every page (and, for a standard font,
//! its widths glyph name by glyph name) and allocates per glyph; it stays as the reader of what
//! ours leaves alone (Type3 fonts, CMaps other than Identity, an embedded Type1 font's own
//! encoding), and both give the same text (a unit test below). We lay the lines out ourselves
//! ([`layout::Page::text`]): blank lines at paragraph gaps, a column gap kept as spaces (a
//! contents line's page number, a hanging paragraph number), as `pdftotext -layout` does. That
//! gives the exact structure on both layouts (`tests/core/pdf_layouts.rs`).
//!
//! Against `pdftotext` on one core (`bash benches/pdf_vs_pdftotext.sh`: the four sample PDFs,
//! 78 pages, `taskset -c 0 hyperfine -N`, machine shared, one run): `ciw import` of the folder
//! into a fresh library 72.7 ms (user 22.6), 1,073 pages/s; `ciw parse` of each file 36.0 ms
//! (user 24.5), 2,167 pages/s; `pdftotext` of each file 97.1 ms (user 58.8), 803 pages/s;
//! `pdftotext -layout` 77.0 ms (user 56.9). So importing takes 0.75x the time `pdftotext` takes
//! only to extract the text, and reading and parsing 0.37x. One file (the CIW-layout Swansea,
//! 21 pages, `taskset -c 0 hyperfine -N 'ciw parse
//! X.pdf' 'pdftotext X.pdf /dev/null'`): 8.4 ms (user 5.3) against 16.4 ms (user 9.4), 0.51x;
//! with `pdf-extract` it was 21.0 ms (user 14.8).

mod base14;
mod content;
mod fonts;
mod layout;

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
    /// Set when our own reader left the file to `pdf-extract` (slower, same layout): why.
    pub second_reader: Option<String>,
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
    // An owner password alone (printing or copying restricted) still opens for reading;
    // only a user password keeps the text from us.
    let encrypted = is_encrypted(bytes);
    match in_process(bytes) {
        Ok((pages, second_reader)) => checked(
            PdfText {
                pages: pages.len(),
                text: pages.join("\x0c"),
                fallback: None,
                second_reader,
            },
            None,
        ),
        Err(why) => match pdftotext(bytes) {
            Some(Ok(t)) => checked(t, Some(why)),
            _ if encrypted => Err(ParseError::Pdf(
                "the PDF is encrypted (password-protected); save an unprotected copy first".into(),
            )),
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
fn in_process(bytes: &[u8]) -> Result<Extracted, String> {
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

/// The text of each page, in-process: our own reader ([`content`]) on `lopdf`, which builds each
/// font once per document; for what it does not read (Type3 fonts, CMaps other than Identity,
/// an embedded Type1 font's own encoding), `pdf-extract`, which hands over each glyph with its
/// position. Either way [`layout::Page::text`] lays the glyphs out as lines, the way
/// `pdftotext -layout` would.
fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| damaged(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("the PDF is encrypted (password-protected)".into());
    }
    read(&doc)
}

/// A loaded document's pages: our reader, else `pdf-extract`.
fn read(doc: &lopdf::Document) -> Result<Extracted, String> {
    match content::pages(doc) {
        Ok(pages) => Ok((pages, None)),
        Err(why) => match by_pdf_extract(doc) {
            Ok(pages) => Ok((pages, Some(why.0))),
            Err(e) => Err(format!("{} (read another way: {})", damaged(&e), why.0)),
        },
    }
}

/// Each page's text, and why our own reader left the file to `pdf-extract`, if it did.
type Extracted = (Vec<String>, Option<String>);

/// The text of each page through `pdf-extract`.
fn by_pdf_extract(doc: &lopdf::Document) -> Result<Vec<String>, pdf_extract::OutputError> {
    let mut pages = Pages::default();
    pdf_extract::output_doc(doc, &mut pages)?;
    Ok(pages.done.into_iter().map(layout::Page::text).collect())
}

fn damaged(e: &dyn std::fmt::Debug) -> String {
    let e = format!("{e:?}");
    let e: String = e.chars().take(120).collect();
    format!("the PDF is damaged ({e})")
}

/// Collects the glyphs of each page from `pdf-extract`.
#[derive(Default)]
struct Pages {
    current: Option<layout::Page>,
    done: Vec<layout::Page>,
}

impl pdf_extract::OutputDev for Pages {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.current = Some(layout::Page::new(media_box.ury));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.done.extend(self.current.take());
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        if let Some(page) = self.current.as_mut() {
            let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
            page.push(
                trm.m31,
                trm.m32,
                width * font_size * trm.m11.abs().max(f64::MIN_POSITIVE),
                font_size * scale,
                text,
            );
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// `pdftotext -layout` (which keeps hyphens and columns as printed) on the bytes, if the
/// executable is installed: `None` when it is not. Killed after [`TIME_LIMIT`].
fn pdftotext(bytes: &[u8]) -> Option<Result<PdfText, String>> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let (mut stdin, mut stdout, mut stderr) = (
        child.stdin.take()?,
        child.stdout.take()?,
        child.stderr.take()?,
    );
    let input = bytes.to_vec();
    // Feed and drain on threads so that no full pipe can block us.
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let errors = std::thread::spawn(move || {
        let mut err = String::new();
        let _ = stderr.read_to_string(&mut err);
        err
    });
    let deadline = std::time::Instant::now() + TIME_LIMIT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Some(Err(format!(
                    "pdftotext took longer than {} s",
                    TIME_LIMIT.as_secs()
                )));
            }
            Err(e) => return Some(Err(e.to_string())),
        }
    };
    let _ = feeder.join();
    let out = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let first = err.lines().next().unwrap_or("failed").trim().to_string();
        return Some(Err(first));
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    let text = text.strip_suffix('\x0c').unwrap_or(&text).to_string();
    let pages = text.matches('\x0c').count() + 1;
    Some(Ok(PdfText {
        text,
        pages,
        fallback: None,
        second_reader: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both in-process readers give the same text, page for page, on a second typesetter's PDFs
    /// (custom encodings with differences, a ToUnicode map, listed widths).
    #[test]
    fn own_reader_matches_pdf_extract() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
        for name in [
            "swansea-2018-07-groff.pdf",
            "pembrokeshire-2018-09-groff.pdf",
        ] {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            let ours = content::pages(&doc).unwrap();
            let theirs = by_pdf_extract(&doc).unwrap();
            assert_eq!(ours.len(), theirs.len(), "{name}");
            for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                assert_eq!(a, b, "{name}, page {}", i + 1);
            }
        }
    }
}
