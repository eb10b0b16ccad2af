//! Text to [`Report`]: any text extraction of a CIW inspection report becomes one structured
//! report, and no word of it is lost.
//!
//! The passes, one module each: [`pdf`] (a PDF's text, page by page, pages separated by form
//! feeds), [`decode`] (bytes to text), [`crate::text::clean`] (controls,
//! escapes, ligatures, odd spaces), [`furniture`] (page headers, footers, numbers), [`structure`]
//! (blocks to sections, paragraphs, findings, recommendations) and [`meta`] (authority, date,
//! methodology). Every repair or guess is reported in `Report::warnings`.

mod decode;
mod furniture;
mod lines;
mod meta;
pub mod pdf;
mod structure;

pub use furniture::is_page_number;
pub use lines::theme_of_title;

use crate::model::{slug, Report, SectionKind};

/// Bumped whenever the parser's output changes, so caches rebuild.
pub const PARSER_VERSION: u32 = 2;

/// Why a file is not a report we can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("cannot read this PDF: {0}")]
    Pdf(String),
    #[error("binary data, not text: {0}")]
    Binary(String),
    #[error("not a CIW inspection report: {0}")]
    NotAReport(String),
}

/// Parses a file's bytes. `origin` (the file name) is a fallback for the authority and date.
/// PDF bytes are read as a PDF (see [`pdf`]).
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<Report, ParseError> {
    if pdf::is_pdf(bytes) {
        return parse_pdf(bytes, origin);
    }
    let decoded = decode::decode_text(bytes)?;
    let warnings = decoded.warnings();
    parse_with(&decoded.text, origin, warnings)
}

/// [`parse_bytes`] for bytes the caller is done with: they become the text without a copy, so
/// a big input costs one copy less.
pub fn parse_owned(bytes: Vec<u8>, origin: &str) -> Result<Report, ParseError> {
    if pdf::is_pdf(&bytes) {
        return parse_pdf(&bytes, origin);
    }
    let decoded = decode::decode_owned(bytes)?;
    let warnings = decoded.warnings();
    parse_with(&decoded.text, origin, warnings)
}

/// A PDF's text, page by page (see [`pdf`]), parsed.
fn parse_pdf(bytes: &[u8], origin: &str) -> Result<Report, ParseError> {
    let t = pdf::text(bytes)?;
    let mut warnings = Vec::new();
    if let Some(why) = t.fallback {
        warnings.push(format!(
            "read with pdftotext: the built-in PDF reader could not ({why})"
        ));
    }
    parse_with(&t.text, origin, warnings)
}

/// Parses text already in memory.
pub fn parse_str(text: &str, origin: &str) -> Result<Report, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    parse_with(text, origin, Vec::new())
}

fn parse_with(text: &str, origin: &str, mut warnings: Vec<String>) -> Result<Report, ParseError> {
    // The file name is data too: what is taken from it (an authority's name) is made safe.
    let origin = &*crate::text::for_terminal(origin);
    let (clean, stats) = crate::text::clean(text);
    if stats.escape_sequences > 0 || stats.control_chars > 0 || stats.bidi_controls > 0 {
        warnings.push(format!(
            "removed {} escape sequences, {} control characters and {} bidi controls",
            stats.escape_sequences, stats.control_chars, stats.bidi_controls
        ));
    }
    if stats.ligatures > 0 {
        warnings.push(format!("expanded {} ligatures", stats.ligatures));
    }
    let (lines, dropped) = furniture::strip(&clean);
    if dropped > 0 {
        warnings.push(format!(
            "dropped {dropped} lines of page furniture (running headers, footers, page numbers)"
        ));
    }
    let doc = structure::build(&lines, &mut warnings);

    let themed = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Theme)
        .count();
    let known = doc
        .sections
        .iter()
        .filter(|s| s.kind != SectionKind::Other)
        .count();
    if themed == 0 && doc.recommendations.is_empty() && known < 3 {
        return Err(ParseError::NotAReport(
            "none of its headings are those of a CIW inspection (Overview, Areas for development, \
             1. Access arrangements ... 5. Leadership)"
                .into(),
        ));
    }

    let (name, date) = meta::authority_and_date(&doc.sections);
    let (file_name, file_date) = meta::from_file_name(origin);
    let name = match name.or_else(|| {
        warnings.push(format!(
            "the authority is not named in the introduction; taken from the file name {origin:?}"
        ));
        file_name
    }) {
        Some(n) => n,
        None => return Err(ParseError::NotAReport("it names no authority".into())),
    };
    let date = date.or_else(|| {
        warnings.push(
            "no inspection date in the introduction; taken from the file name where it has one"
                .into(),
        );
        file_date
    });
    let authority = meta::authority(&name);
    let inspection = meta::inspection(date);
    let id = match (inspection.year, inspection.month_number) {
        (0, _) => slug(&authority.short),
        (y, 0) => format!("{}-{y}", slug(&authority.short)),
        (y, m) => format!("{}-{y}-{m:02}", slug(&authority.short)),
    };
    for t in crate::model::Theme::ALL {
        if !doc.sections.iter().any(|s| s.theme == Some(t)) {
            warnings.push(format!("no section for the theme {t}"));
        }
    }
    let findings = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Overview)
        .flat_map(|s| s.paragraphs.iter());
    let overview = findings.clone().map(|p| p.text.clone()).collect();
    let overview_pages = findings.filter_map(|p| p.pages).collect();
    let methodology = meta::methodology(&doc.sections);
    Ok(Report {
        id,
        authority,
        inspection,
        front_matter: doc.front_matter,
        contents: doc.contents,
        overview,
        overview_pages,
        recommendations: doc.recommendations,
        sections: doc.sections,
        methodology,
        warnings,
    })
}
