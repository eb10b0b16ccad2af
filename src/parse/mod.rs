//! Text to [`Report`]: any readable text becomes one structured report, and no word of it is
//! lost.
//!
//! The passes, one module each: [`pdf`] (a PDF's text, page by page, pages separated by form
//! feeds), [`decode`] (bytes to text), [`crate::text::clean`] (controls, escapes, ligatures, odd
//! spaces), [`saved_page`] (web-page furniture), [`furniture`] (page headers, footers,
//! numbers; the lines it keeps are a [`line_table`] of 16-byte records), then the structure by family: [`family`] tells the 2018 inspection report, which
//! [`structure`] reads (blocks to sections, paragraphs, findings, recommendations), from every
//! other document, which [`generic`] reads (CIW's web pages, letters and news, and any unknown
//! layout as headings, paragraphs and lists). Last, [`meta`] and [`councils`] find the council
//! and the inspection date, and [`family`] the kind and services. Every repair or guess is
//! reported in `Report::warnings`, every decision about the document in `Report::guesses`.

pub mod councils;
mod decode;
mod family;
mod furniture;
pub mod generic;
pub mod html;
mod lengths;
mod line_table;
mod lines;
mod meta;
pub mod pdf;
pub mod saved_page;
mod structure;
mod viewer_copy;

pub use furniture::is_page_number;
/// The English month names, January first, as reports and inspection dates write them.
pub use meta::MONTHS;

use crate::model::{slug, Authority, Family, Kind, Report, SectionKind};

/// Bumped whenever the parser's output changes, so caches rebuild.
pub const PARSER_VERSION: u32 = 5;

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
    #[error("not a readable web page: {0}")]
    Html(String),
    #[error("no readable text: fewer than three words, or more symbols than letters")]
    NoText,
    #[error("the text is over 4 GiB; split it into smaller files")]
    TooLong,
}

/// Parses a file's bytes. `origin` (the file name) is a fallback for the authority and date.
/// PDF bytes are read as a PDF (see [`pdf`]).
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<Report, ParseError> {
    if pdf::is_pdf(bytes) {
        return parse_pdf(bytes, origin);
    }
    let decoded = decode::decode_text(bytes)?;
    let warnings = decoded.warnings();
    parse_text(&decoded.text, origin, warnings)
}

/// [`parse_bytes`] for bytes the caller is done with: they become the text without a copy, so
/// a big input costs one copy less.
pub fn parse_owned(bytes: Vec<u8>, origin: &str) -> Result<Report, ParseError> {
    if pdf::is_pdf(&bytes) {
        return parse_pdf(&bytes, origin);
    }
    let decoded = decode::decode_owned(bytes)?;
    let warnings = decoded.warnings();
    parse_text(&decoded.text, origin, warnings)
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
    if let Some(why) = t.second_reader {
        warnings.push(format!(
            "read with pdf-extract: the fast PDF reader stopped at {why}"
        ));
    }
    parse_with(&t.text, origin, warnings)
}

/// Parses text already in memory.
pub fn parse_str(text: &str, origin: &str) -> Result<Report, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    parse_text(text, origin, Vec::new())
}

/// Decoded text to a report: a web page is first read into the text a page saved as text has
/// ([`html::to_text`]), so both give the same structure.
fn parse_text(text: &str, origin: &str, mut warnings: Vec<String>) -> Result<Report, ParseError> {
    if !html::is_html(text, origin) {
        return parse_with(text, origin, warnings);
    }
    let page = html::to_text(text)?;
    warnings.push(format!(
        "read as a web page: the text of its <{}>, without navigation, banners, footers, \
         cookie and share notices, scripts and styles ({} such elements dropped inside it)",
        page.root,
        page.furniture + page.code
    ));
    parse_with(&page.text, origin, warnings)
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
    if !readable(&clean) {
        return Err(ParseError::NoText);
    }
    let (page, signs) = saved_page::strip(&clean);
    if signs.dropped > 0 {
        warnings.push(format!(
            "dropped {} pieces of web-page furniture (menus, search, share and download links, posting dates, link notes)",
            signs.dropped
        ));
    }
    // Copied from a PDF viewer: no form feeds, the printed page numbers in the flow.
    let restored = viewer_copy::restore_pages(&page);
    if let Some(r) = &restored {
        warnings.push(format!(
            "no page breaks in the text: {} pages counted from the page numbers printed on them",
            r.matches('\x0c').count() + 1
        ));
    }
    let (table, dropped) =
        furniture::strip(restored.as_deref().unwrap_or(&page)).ok_or(ParseError::TooLong)?;
    let lines = table.lines();
    if dropped > 0 {
        warnings.push(format!(
            "dropped {dropped} lines of page furniture (running headers, footers, page numbers)"
        ));
    }
    let report_2018 = family::is_report_2018(lines);
    let (doc, title) = if report_2018 {
        let title = lines
            .iter()
            .find(|l| !l.text.trim().is_empty())
            .filter(|l| generic::title_like(l.text))
            .map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" "));
        let doc = structure::build(lines, &mut warnings);
        if doc.sections.is_empty() {
            // Recognised but not read (a cover and contents cut short, say): the generic
            // reading keeps its headings and paragraphs.
            warnings.push(
                "the 2018 report layout was recognised but no section was read; read as headings, paragraphs and lists".into(),
            );
            generic::build(lines, true, &mut warnings)
        } else {
            (doc, title)
        }
    } else {
        generic::build(lines, false, &mut warnings)
    };

    // The lines are done with: a text of many short lines holds a record for each.
    drop(table);

    // The texts metadata is looked for in: the opening (introduction first in a 2018 report),
    // then the rest in reading order, the cover last (its date is the publication's).
    let mut ordered: Vec<&str> = Vec::new();
    let intro_first = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Introduction)
        .chain(
            doc.sections
                .iter()
                .filter(|s| s.kind != SectionKind::Introduction),
        );
    for s in intro_first {
        ordered.extend(s.paragraphs.iter().map(|p| p.text.as_str()));
        if ordered.len() >= 40 {
            break;
        }
    }
    ordered.truncate(40);
    let opening: Vec<&str> = ordered.iter().take(3).copied().collect();
    let mut rest: Vec<&str> = ordered.iter().skip(3).copied().collect();
    rest.extend(doc.front_matter.iter().map(String::as_str));

    let classified = family::classify(report_2018, title.as_deref(), &opening, &signs);
    let mut guesses = classified.guesses;
    if classified.family == Family::Unknown {
        warnings.push(
            "unknown layout: read as headings, paragraphs, bulleted and numbered items".into(),
        );
    }

    let (authority, known) = match meta::council(title.as_deref(), &opening, &rest) {
        meta::CouncilFound::Known(c, from) => {
            guesses.push(format!("council: {} (named in {from})", c.name));
            (authority_of(c), true)
        }
        meta::CouncilFound::Named(name) => {
            warnings.push(format!(
                "the council {name:?} is not one of the 22 Welsh councils; kept as the text writes it"
            ));
            guesses.push(format!("council: {name} (as the text names it)"));
            (
                Authority {
                    short: meta::short_name(&name),
                    name,
                },
                true,
            )
        }
        meta::CouncilFound::None => match councils::in_file_name(origin) {
            Some(c) => {
                warnings.push(format!(
                    "the council is not named in the text; taken from the file name {origin:?}"
                ));
                guesses.push(format!("council: {} (from the file name)", c.name));
                (authority_of(c), true)
            }
            None => {
                warnings.push("no council is named in the text or the file name".to_string());
                guesses.push("council: not named".into());
                (
                    Authority {
                        name: "Council not named".into(),
                        short: Authority::UNKNOWN.into(),
                    },
                    false,
                )
            }
        },
    };

    let date_texts = title
        .iter()
        .map(String::as_str)
        .chain(ordered.iter().copied())
        .chain(doc.front_matter.iter().map(String::as_str));
    let date = match meta::fieldwork_date(date_texts) {
        Some(f) => {
            let how = if f.stated {
                ""
            } else {
                " (the first date it gives)"
            };
            guesses.push(format!(
                "inspected: {} {}{how}, from \"{}\"",
                meta::MONTHS[f.month as usize - 1],
                f.year,
                f.sentence
            ));
            Some((f.month, f.year))
        }
        None => match title.as_deref().and_then(meta::year_in) {
            Some(y) => {
                warnings.push(format!(
                    "only the year of the inspection is given ({y}, in the title)"
                ));
                guesses.push(format!("inspected: {y} (from the title)"));
                Some((0, y))
            }
            None => match meta::date_in_file_name(origin) {
                Some((m, y)) => {
                    warnings.push(format!(
                        "no inspection date in the text; taken from the file name {origin:?}"
                    ));
                    guesses.push("inspected: from the file name".into());
                    Some((m, y))
                }
                None => {
                    warnings.push("no inspection date in the text or the file name".into());
                    guesses.push("inspected: not said".into());
                    None
                }
            },
        },
    };
    let inspection = meta::inspection(date);
    let stem = if known {
        slug(&authority.short)
    } else {
        Some(meta::file_stem_slug(origin))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "document".into())
    };
    let mut id = match (known, inspection.year, inspection.month_number) {
        (false, _, _) | (true, 0, _) => stem,
        (true, y, 0) => format!("{stem}-{y}"),
        (true, y, m) => format!("{stem}-{y}-{m:02}"),
    };
    if let Some(suffix) = classified.kind.and_then(id_suffix) {
        id.push('-');
        id.push_str(suffix);
    }
    if report_2018 {
        let framework =
            crate::model::Framework::of_themes(doc.sections.iter().filter_map(|s| s.theme))
                .unwrap_or(crate::model::Framework::Inspection2018);
        for &t in framework.themes() {
            if !doc.sections.iter().any(|s| s.theme == Some(t)) {
                warnings.push(format!("no section for the theme {t}"));
            }
        }
    }
    let findings = doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Overview)
        .flat_map(|s| s.paragraphs.iter())
        .filter(|p| report_2018 || p.id.starts_with('O'));
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
        title,
        kind: classified.kind,
        about: classified.about,
        services: classified.services,
        family: classified.family,
        guesses,
    })
}

fn authority_of(c: &councils::Council) -> Authority {
    Authority {
        name: c.name.to_string(),
        short: c.short.to_string(),
    }
}

/// What a kind adds to a report id, so that two documents of one council and month differ:
/// `wrexham-2021-11-monitoring`. The inspection report itself adds nothing.
pub fn id_suffix(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Inspection => return None,
        Kind::FollowUp => "follow-up",
        Kind::Jicpa => "jicpa",
        Kind::Pei => "pei",
        Kind::AssuranceCheck => "assurance-check",
        Kind::ImprovementCheck => "improvement-check",
        Kind::MonitoringLetter => "monitoring",
        Kind::AnnualLetter => "annual-letter",
        Kind::SummaryPage => "summary",
        Kind::News => "news",
    })
}

/// Whether a text has readable prose: words of two letters or more, and letters a good part of
/// what is not space. Decided on the first 16 KB, and as soon as fifty such words are seen.
fn readable(text: &str) -> bool {
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut words = 0usize;
    let (mut letters, mut visible) = (0usize, 0usize);
    for w in text[..end].split_ascii_whitespace() {
        let l = if w.is_ascii() {
            visible += w.len();
            w.bytes().filter(u8::is_ascii_alphabetic).count()
        } else {
            visible += w.chars().count();
            w.chars().filter(|c| c.is_alphabetic()).count()
        };
        letters += l;
        if l >= 2 {
            words += 1;
        }
        if words >= 50 && letters * 10 >= visible * 3 {
            return true;
        }
    }
    words >= 3 && letters * 10 >= visible * 3
}
