//! Every family of CIW publication about a council, 2016–2025: the shared real openings, whole
//! documents written in the same shapes, every wording of the headings that carry
//! recommendations and findings, the 22 councils by their English and Welsh names, ids that
//! never collide, and text of no known layout read all the same.
//!
//! This module holds what the groups share: loading and parsing, the expected facts of a
//! document (`Want`) and their check, and a short saved page to parse (`document`).

mod citations;
mod councils;
mod headings;
mod ids;
mod real_openings;
mod unknown_layout;
mod written;

use ciw::model::{Family, Kind, Report, SectionKind, Services};
use ciw::parse::parse_str;

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-openings");
const WRITTEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/families");

fn load(dir: &str, name: &str) -> Report {
    let path = format!("{dir}/{name}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ciw::parse::parse_bytes(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(name: &str, text: &str) -> Report {
    parse_str(text, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn recs(r: &Report) -> Vec<&str> {
    r.recommendations.iter().map(|x| x.text.as_str()).collect()
}

fn sections(r: &Report) -> Vec<(SectionKind, &str)> {
    r.sections
        .iter()
        .map(|s| (s.kind, s.title.as_str()))
        .collect()
}

/// Every text of the report the reader shows: paragraphs and the title.
fn all_text(r: &Report) -> String {
    let mut s = r.title.clone().unwrap_or_default();
    for sec in &r.sections {
        s.push('\n');
        s.push_str(&sec.title);
        for p in &sec.paragraphs {
            s.push('\n');
            s.push_str(&p.text);
        }
    }
    s
}

struct Want {
    file: &'static str,
    id: &'static str,
    name: &'static str,
    short: &'static str,
    month: &'static str,
    year: u16,
    kind: Kind,
    about: Option<Kind>,
    services: Services,
    family: Family,
    /// The areas for development (or priorities for improvement...), one per bullet, as
    /// their first words.
    recommendations: &'static [&'static str],
    overview: usize,
}

fn check(dir: &str, w: &Want) -> Report {
    let r = load(dir, w.file);
    let f = w.file;
    assert_eq!(r.id, w.id, "{f}");
    assert_eq!(
        (r.authority.name.as_str(), r.authority.short.as_str()),
        (w.name, w.short),
        "{f}"
    );
    assert_eq!(
        (r.inspection.month.as_str(), r.inspection.year),
        (w.month, w.year),
        "{f}"
    );
    assert_eq!((r.kind, r.about), (Some(w.kind), w.about), "{f}");
    assert_eq!(r.services, Some(w.services), "{f}");
    assert_eq!(r.family, w.family, "{f}");
    let got = recs(&r);
    assert_eq!(got.len(), w.recommendations.len(), "{f}: {got:#?}");
    for (g, want) in got.iter().zip(w.recommendations) {
        assert!(g.starts_with(want), "{f}: {g:?} should start {want:?}");
    }
    let numbers: Vec<u32> = r.recommendations.iter().map(|x| x.number).collect();
    assert_eq!(numbers, (1..=got.len() as u32).collect::<Vec<_>>(), "{f}");
    assert_eq!(r.overview.len(), w.overview, "{f}: {:#?}", r.overview);
    assert!(
        !r.warnings.iter().any(|w| w.contains("file name")),
        "{f}: nothing comes from the file name: {:#?}",
        r.warnings
    );
    r
}

/// A short saved page: its title, opening sentence, one heading and bulleted items.
fn document(title: &str, opening: &str, heading: &str, items: &[&str]) -> String {
    let mut s = format!("Skip to main content\n\n{title}\n\n{opening}\n\n{heading}\n\n");
    for i in items {
        s.push_str(&format!("  • {i}\n"));
    }
    s
}
