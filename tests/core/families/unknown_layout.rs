//! Text of no known layout, read all the same: headings, paragraphs and lists, never refused.

use super::{load, parse, sections, WRITTEN};
use ciw::corpus::Corpus;
use ciw::model::{Family, SectionKind};
use ciw::parse::parse_str;

#[test]
fn a_document_of_no_known_layout_is_read_as_headings_paragraphs_and_lists() {
    let r = load(WRITTEN, "minutes-unknown-layout.txt");
    assert_eq!(r.family, Family::Unknown);
    assert_eq!(r.kind, None);
    assert!(r.warnings.iter().any(|w| w.starts_with("unknown layout")));
    assert!(r.guesses.iter().any(|g| g == "family: unknown layout"));
    use SectionKind::*;
    assert_eq!(
        sections(&r),
        [
            (Introduction, "Introduction"),
            (Other, "Matters arising"),
            (Other, "Discussion"),
            (Other, "Any other business"),
        ]
    );
    let discussion: Vec<&str> = r.sections[2]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        discussion,
        [
            "- Members shared examples of good practice,",
            "- and the chair thanked them.",
            "- A new sub-group will look at recruitment."
        ]
    );
    // Named by its file, not given a council the file name does not name.
    assert_eq!(r.id, "minutes-unknown-layout");
    assert_eq!(r.authority.short, "Unknown");
    // It is searchable like any other report.
    let corpus = Corpus::new(vec![r]);
    let index = ciw::search::SearchIndex::new(&corpus);
    let hits = index.search(&ciw::search::Query::parse("recruitment"), 5);
    assert_eq!(hits.len(), 1);
}

#[test]
fn readable_text_is_never_refused() {
    let letter = parse(
        "letter.txt",
        "Dear Sir,\n\nThank you for your letter of 3 May.\n",
    );
    assert_eq!(letter.family, Family::Unknown);
    assert_eq!(letter.sections[0].paragraphs.len(), 2);
    let page = parse(
        "downloaded-page.txt",
        "Some notes\n\nA paragraph of text about nothing.\n",
    );
    assert_ne!(page.authority.short, "Downloaded Page");
    assert_eq!(page.id, "downloaded-page");
    assert!(parse_str("\x1b]0;x\x07 ... ### 12 34", "x.txt").is_err());
}
