//! Shared test helpers: the sample reports, and re-extractions of them that imitate what other
//! PDF extractors produce (CRLF, hard wraps, running headers and footers with form feeds, curly
//! quotes, ligatures, no-break spaces, Windows-1252 bytes); and in [`tui`], driving the explorer
//! on a `TestBackend`. Each test crate uses a part, hence `dead_code` is allowed here.
#![allow(dead_code)]

pub mod tui;
pub mod typeset;

use std::collections::BTreeMap;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

pub const PEMBROKESHIRE: &str = include_str!("../../sample-reports/pembrokeshire-2018-09.txt");
pub const SWANSEA: &str = include_str!("../../sample-reports/swansea-2018-07.txt");

pub fn samples() -> [(&'static str, &'static str); 2] {
    [
        ("pembrokeshire-2018-09.txt", PEMBROKESHIRE),
        ("swansea-2018-07.txt", SWANSEA),
    ]
}

/// Every character of the sample reports' text (their JSON form holds every field the explorer
/// shows): what a screen may show besides ASCII in a C locale.
pub fn report_chars() -> std::collections::BTreeSet<char> {
    ciw::corpus::Corpus::samples()
        .reports
        .iter()
        .flat_map(|r| {
            serde_json::to_string(r)
                .expect("report serialises")
                .chars()
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

/// Greedy hard wrap of every line at `width` columns, as `pdftotext` does for every paragraph.
pub fn hard_wrap(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / width);
    for line in s.split('\n') {
        let mut col = 0;
        for (i, word) in line.split(' ').filter(|w| !w.is_empty()).enumerate() {
            let n = word.chars().count();
            if i > 0 && col + 1 + n > width {
                out.push('\n');
                col = 0;
            } else if i > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += n;
        }
        out.push('\n');
    }
    out
}

/// Splits into pages of `lines` lines, each with a running header, a footer and a page number,
/// separated by form feeds, the way `pdftotext` lays out a paged report.
pub fn paged(s: &str, lines: usize, authority: &str) -> String {
    let all: Vec<&str> = s.split('\n').collect();
    let pages: Vec<&[&str]> = all.chunks(lines).collect();
    let total = pages.len();
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push('\x0c');
        }
        out.push_str(&format!(
            "Inspection of Children's Services – {authority}\n\n"
        ));
        for l in page.iter() {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!(
            "\nCare Inspectorate Wales      Page {} of {total}\n{}\n",
            i + 1,
            i + 1
        ));
    }
    out
}

/// Typographic quotes, ligatures and no-break spaces, as in text copied from a typeset PDF.
pub fn typeset(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    let mut open_double = true;
    for c in s.chars() {
        match c {
            '\'' => out.push(if prev.is_alphanumeric() { '’' } else { '‘' }),
            '"' => {
                out.push(if open_double { '“' } else { '”' });
                open_double = !open_double;
            }
            _ => out.push(c),
        }
        prev = c;
    }
    out.replace("fi", "\u{fb01}")
        .replace("of the", "of\u{a0}the")
}

/// Encodes as Windows-1252 (every character of the samples is representable).
pub fn windows_1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            '€' => 0x80,
            c if (c as u32) < 0x100 => c as u32 as u8,
            c => panic!("{c:?} is not in Windows-1252"),
        })
        .collect()
}

/// Letter runs and how often each occurs.
pub fn words(text: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

/// Runs `ciw` (or anything) to the end with its output captured; a run that hangs (a FIFO read,
/// say) is killed after a minute and fails the test instead of hanging the suite.
pub fn run_bounded(mut c: Command) -> Output {
    let child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as i32;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            #[cfg(unix)]
            // SAFETY: a signal to our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL)
            };
            panic!("hung: {c:?}");
        }
    }
}
