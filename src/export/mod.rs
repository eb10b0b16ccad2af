//! Exports for the documents and spreadsheets analysts write: Markdown to paste into a scrutiny
//! report or committee paper, and CSV (RFC 4180, via the `csv` crate) to open in a spreadsheet,
//! of a report, section or paragraph, of search hits, of a comparison (and its matrix) and of the
//! list of reports. The command line (`--format`) and the explorer (`E`) call the same functions.
//!
//! Every exported paragraph carries its [`Citation`] (council, kind, inspection date, paragraph
//! id, page), built in one place, [`cite`]. Report text is untrusted: it is cleaned of control
//! characters and escape sequences ([`for_terminal`]), its line breaks become spaces, and
//! - in Markdown every character that could start markup (`* _ [ ] < > | # \` ...) is
//!   backslash-escaped, so a pipe cannot split a table cell, `<script>` stays text and a
//!   backtick opens no code span ([`md`]);
//! - in CSV every field is quoted as RFC 4180 says when it needs to be, and a cell that a
//!   spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'` ([`cell`]).
//!
//! Pure core: no terminal code.

use crate::compare::{Comparison, Matrix};
use crate::corpus::Corpus;
use crate::library::Summary;
use crate::model::{Report, SectionKind, Theme};
use crate::search::Hit;
use crate::target::Target;
use crate::text::for_terminal;
use std::fmt::Write as _;

mod compare;
mod hits;
mod list;
mod show;

pub use compare::{compare_csv, compare_markdown, matrix_csv, matrix_markdown};
pub use hits::{hit_columns, hits_csv, hits_markdown};
pub use list::{list_csv, list_markdown, REPORT_COLUMNS};
pub use show::{show_csv, show_markdown};

/// Where a paragraph comes from, as every export cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The council's short name, "Swansea".
    pub council: String,
    /// The council's full name, "City and County of Swansea".
    pub council_name: String,
    /// What kind of publication the report is.
    pub kind: String,
    /// "July 2018".
    pub inspected: String,
    /// Sortable: "2018-07", "2018", or empty when unknown.
    pub date: String,
    /// The report id, `swansea-2018-07`.
    pub report: String,
    /// `3.18`, `R5`, `O3`.
    pub paragraph: String,
    /// The first and last page of the published report the paragraph is printed on, where
    /// known.
    pub pages: Option<(u32, u32)>,
    /// A deep link `ciw show` opens: `swansea-2018-07#3.18`.
    pub link: String,
    /// The sentence to quote: [`Report::citation`].
    pub text: String,
}

/// The kind of every report until the model records kinds.
const DEFAULT_KIND: &str = "Inspection of children's services";

/// The kind of publication a report is, as exports name it.
fn kind_of(r: &Report) -> String {
    kind_words(r.document_label())
}

/// "CIW inspection of children's services" as a kind column says it: "Inspection of
/// children's services".
fn kind_words(label: String) -> String {
    let rest = label.strip_prefix("CIW ").unwrap_or(&label);
    let mut c = rest.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => DEFAULT_KIND.to_string(),
    }
}

/// The pages a paragraph is printed on, where the report records them.
fn pages_of(r: &Report, paragraph: &str) -> Option<(u32, u32)> {
    r.find_paragraph(paragraph)
        .and_then(|(_, p)| p.pages)
        .map(|p| (p.0, p.1))
}

/// A page range for a spreadsheet cell: `17`, or `17-18` across a page break.
fn pages_cell(pages: Option<(u32, u32)>) -> String {
    match pages {
        None => String::new(),
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
    }
}

/// The citation of paragraph `paragraph` of `r`: the one place exports take it from.
pub fn cite(r: &Report, paragraph: &str) -> Citation {
    Citation {
        council: r.authority.short.clone(),
        council_name: r.authority.name.clone(),
        kind: kind_of(r),
        inspected: r.inspection.label(),
        date: sortable_date(r.inspection.year, r.inspection.month_number),
        report: r.id.clone(),
        paragraph: paragraph.to_string(),
        pages: pages_of(r, paragraph),
        link: format!("{}#{paragraph}", r.id),
        text: r.citation(paragraph),
    }
}

fn sortable_date(year: u16, month: u8) -> String {
    match (year, month) {
        (0, _) => String::new(),
        (y, 1..=12) => format!("{y}-{month:02}"),
        (y, _) => y.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// Report text made one clean line: controls and escape sequences removed, every run of
/// whitespace one space.
fn one_line(s: &str) -> String {
    for_terminal(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for Markdown, inline: one line, and every ASCII character that could begin markup
/// backslash-escaped (CommonMark allows a backslash before any ASCII punctuation), so report text
/// can neither split a table cell (`|`) nor open emphasis, a link, a code span, raw HTML or a
/// heading.
pub fn md(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '$'
                | '^'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for a CSV field: one line, and a leading `'` where a spreadsheet would otherwise read
/// the cell as a formula (`=`, `+`, `-`, `@`). The `csv` writer adds the quoting.
pub fn cell(s: &str) -> String {
    let line = one_line(s);
    if line.starts_with(['=', '+', '-', '@']) {
        format!("'{line}")
    } else {
        line
    }
}

/// A Markdown pipe table of already-escaped cells.
fn md_table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for c in cells {
            s.push(' ');
            s.push_str(if c.is_empty() { " " } else { c });
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    out.push_str(&line(header));
    out.push_str(&line(&vec!["---".to_string(); header.len()]));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// A CSV document: the header row, then the rows, CRLF-terminated as RFC 4180 has it.
fn csv_doc(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; every row has the header's length.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A paragraph's citation in Markdown, italic.
fn md_citation(c: &Citation) -> String {
    format!("*{}*", md(&c.text))
}

// ---------------------------------------------------------------------------------------------
// Paragraph rows: `show` and `compare`

/// The columns of a paragraph row (`show`, `compare`; `search` puts `rank` and `score` first).
pub const PARAGRAPH_COLUMNS: [&str; 13] = [
    "council",
    "council_name",
    "kind",
    "inspected",
    "report",
    "section",
    "subsection",
    "theme",
    "paragraph",
    "page",
    "text",
    "citation",
    "link",
];

/// One paragraph as exported.
struct Para<'a> {
    cite: Citation,
    section: String,
    subsection: Option<&'a str>,
    theme: Option<Theme>,
    text: &'a str,
}

impl Para<'_> {
    fn csv(&self) -> Vec<String> {
        let c = &self.cite;
        vec![
            cell(&c.council),
            cell(&c.council_name),
            cell(&c.kind),
            cell(&c.date),
            cell(&c.report),
            cell(&self.section),
            cell(self.subsection.unwrap_or("")),
            self.theme.map(|t| t.key().to_string()).unwrap_or_default(),
            cell(&c.paragraph),
            pages_cell(c.pages),
            cell(self.text),
            cell(&c.text),
            cell(&c.link),
        ]
    }

    /// `**3.18** text *citation*`, one Markdown paragraph.
    fn markdown(&self) -> String {
        format!(
            "**{}** {} {}\n",
            md(&self.cite.paragraph),
            md(self.text),
            md_citation(&self.cite)
        )
    }
}

/// A section heading as the report prints it: "3 Care and support ...".
fn section_heading(number: Option<u32>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} {title}"),
        None => title.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// File names for the explorer's `E`

/// A file name for an export, from what it holds: `compare-safeguarding.md`, `search-placement-
/// stability.md`. Lower-case ASCII letters, digits and dashes only, at most 60 characters before
/// the extension.
pub fn file_stem(parts: &[&str]) -> String {
    let mut s = crate::model::slug(&parts.join(" "));
    if s.len() > 60 {
        s.truncate(60);
        while s.ends_with('-') {
            s.pop();
        }
    }
    if s.is_empty() {
        "export".to_string()
    } else {
        s
    }
}

/// Writes `bytes` to a new file `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>`, `-3`... when that
/// exists, never replacing a file: the text goes to a temporary file first (synced), then is
/// linked under the free name, which fails rather than replace one that appeared meanwhile.
/// Returns the path written.
pub fn write_new(
    dir: &std::path::Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> std::io::Result<std::path::PathBuf> {
    use std::io::{ErrorKind, Write};
    let tmp = dir.join(format!(".{stem}.{ext}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let mut result = Err(std::io::Error::new(
        ErrorKind::AlreadyExists,
        format!("{stem}.{ext} and 999 numbered names are taken"),
    ));
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::hard_link(&tmp, &path) {
            Ok(()) => {
                result = Ok(path);
                break;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            // No hard links here (some network and FAT file systems): create the file only if
            // it is new, and write it in place.
            Err(_) => match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    result = f
                        .write_all(bytes)
                        .and_then(|()| f.sync_all())
                        .map(|()| path);
                    break;
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            },
        }
    }
    let _ = std::fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_name_the_kind_of_document() {
        let letter = crate::parse::parse_str(
            include_str!(
                "../../tests/fixtures/real-openings/wrexham-2021-11-monitoring-letter.txt"
            ),
            "wrexham.txt",
        )
        .expect("the letter parses");
        let c = cite(&letter, "R1");
        assert_eq!(c.kind, "Monitoring letter on children's services");
        let sample = crate::corpus::Corpus::samples();
        let c = cite(&sample.reports[0], "3.1");
        assert_eq!(c.kind, "Inspection of children's services");
    }

    #[test]
    fn md_escapes_markup_and_flattens() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("`code` *em* _u_"), "\\`code\\` \\*em\\* \\_u\\_");
        assert_eq!(md("line\none\r\ntwo\tthree"), "line one two three");
        assert_eq!(md("\x1b[31mred\x1b[0m\u{7}"), "red");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("[a](http://x)"), "\\[a\\](http://x)");
        assert_eq!(md("back\\slash"), "back\\\\slash");
        assert_eq!(md("&lt;"), "\\&lt;");
    }

    #[test]
    fn csv_cells_guard_formulas() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("plain, \"quoted\""), "plain, \"quoted\"");
        assert_eq!(cell("two\nlines\x00"), "two lines");
    }

    #[test]
    fn csv_doc_round_trips() {
        let doc = csv_doc(
            &["a", "b"],
            [
                vec![cell("x,\"y\"\nz"), cell("ok")],
                vec![cell(""), cell("é")],
            ],
        );
        let mut r = csv::Reader::from_reader(doc.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "x,\"y\" z");
        assert_eq!(&rows[1][1], "é");
        assert!(doc.ends_with("\r\n"));
    }

    #[test]
    fn citations_come_from_the_report() {
        let c = Corpus::samples();
        let r = c.find("swansea").unwrap();
        let ci = cite(r, "3.18");
        assert_eq!(ci.council, "Swansea");
        assert_eq!(ci.council_name, "City and County of Swansea");
        assert_eq!(ci.inspected, "July 2018");
        assert_eq!(ci.date, "2018-07");
        assert_eq!(ci.link, "swansea-2018-07#3.18");
        assert_eq!(ci.text, r.citation("3.18"));
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "compare-safeguarding", "md", b"one").unwrap();
        let b = write_new(dir.path(), "compare-safeguarding", "md", b"two").unwrap();
        std::fs::write(dir.path().join("compare-safeguarding-3.md"), "mine").unwrap();
        let c = write_new(dir.path(), "compare-safeguarding", "md", b"three").unwrap();
        assert_eq!(a.file_name().unwrap(), "compare-safeguarding.md");
        assert_eq!(b.file_name().unwrap(), "compare-safeguarding-2.md");
        assert_eq!(c.file_name().unwrap(), "compare-safeguarding-4.md");
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
        assert_eq!(read("compare-safeguarding.md"), "one");
        assert_eq!(read("compare-safeguarding-2.md"), "two");
        assert_eq!(read("compare-safeguarding-3.md"), "mine");
        assert_eq!(read("compare-safeguarding-4.md"), "three");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        assert!(write_new(&dir.path().join("missing"), "x", "md", b"").is_err());
    }

    #[test]
    fn file_stems_are_tame() {
        assert_eq!(
            file_stem(&["compare", "safeguarding"]),
            "compare-safeguarding"
        );
        assert_eq!(
            file_stem(&["search", "'placement \"stab\" ../x"]),
            "search-placement-stab-x"
        );
        assert_eq!(file_stem(&["", "/"]), "export");
        assert!(file_stem(&["search", &"x".repeat(200)]).len() <= 60);
    }
}
