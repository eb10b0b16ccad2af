//! The two sample reports parse to their full structure, lose no word, and every
//! re-extraction of them (other extractors' damage) parses to the same ids and text.

use crate::common;

use ciw::model::{Report, SectionKind, Theme};
use ciw::parse::{parse_bytes, parse_str};
use ciw::text::fold;
use common::*;

fn parse(name: &str, text: &str) -> Report {
    parse_str(text, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn ids(r: &Report, number: u32) -> Vec<String> {
    r.sections
        .iter()
        .find(|s| s.number == Some(number))
        .expect("section")
        .paragraphs
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

fn range(major: u32, last: u32) -> Vec<String> {
    (1..=last).map(|m| format!("{major}.{m}")).collect()
}

fn para<'a>(r: &'a Report, id: &str) -> &'a str {
    &r.find_paragraph(id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .1
        .text
}

#[test]
fn pembrokeshire_structure() {
    let r = parse("pembrokeshire-2018-09.txt", PEMBROKESHIRE);
    assert_eq!(r.id, "pembrokeshire-2018-09");
    assert_eq!(r.authority.name, "Pembrokeshire County Council");
    assert_eq!(r.authority.short, "Pembrokeshire");
    assert_eq!(
        (r.inspection.month.as_str(), r.inspection.year),
        ("September", 2018)
    );
    for (n, last) in [(1, 6), (2, 5), (3, 21), (4, 7), (5, 10)] {
        assert_eq!(ids(&r, n), range(n, last), "section {n}");
    }
    assert_eq!(r.overview.len(), 10);
    assert_eq!(r.recommendations.len(), 10);
    let numbers: Vec<u32> = r.recommendations.iter().map(|x| x.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    let r4 = &r.recommendations[3];
    assert!(r4.inferred && r4.text.starts_with("Further develop the fostering service"));
    use Theme::*;
    let themes: Vec<Theme> = r.recommendations.iter().map(|x| x.theme.unwrap()).collect();
    assert_eq!(
        themes,
        [
            Assessment,
            CareAndSupport,
            CareAndSupport,
            CareAndSupport,
            CareAndSupport,
            CareAndSupport,
            CareAndSupport,
            Safeguarding,
            Leadership,
            Leadership
        ]
    );
    let m = &r.methodology;
    assert_eq!(
        (m.fieldwork_days, m.case_files_reviewed),
        (Some(8), Some(50))
    );
    assert_eq!(
        (
            m.tracked_by_interview,
            m.tracked_by_focus_group,
            m.supervision_files
        ),
        (Some(20), Some(4), None)
    );
    assert_eq!(m.lead_inspector.as_deref(), Some("Ann Rowling"));
    assert_eq!(
        m.inspectors,
        [
            "Mike Holding",
            "Sharon Eastlake",
            "Tracey Shepherd",
            "Sandra Thomas"
        ]
    );
    // Continuations across page breaks, whatever their first character.
    assert!(para(&r, "3.17")
        .ends_with("how they had contributed to reviews and plans to reflect this choice."));
    assert!(para(&r, "3.17")
        .contains("Some young people were aware of arrangements under \"When I am Ready\""));
    assert!(para(&r, "3.5").contains("Corporate Parenting team manager provides an opportunity"));
    assert!(para(&r, "3.10").contains("appropriate advisory services, for example"));
    assert!(para(&r, "1.5").contains("We saw work being undertaken"));
    assert!(
        para(&r, "5.10").contains("in line with Welsh Government guidance on handling complaints.")
    );
    assert!(para(&r, "3.2").starts_with("We saw evidence"));
    assert_eq!(r.contents.len(), 10);
    assert_eq!(r.contents[6].title, "Safeguarding");
    assert_eq!(r.contents[6].page, 16);
    assert!(r.front_matter[0].contains("Mae'r ddogfen yma hefyd ar gael yn Gymraeg"));
    let s3 = r.find_section("3").unwrap();
    assert_eq!(
        s3.subsections,
        [
            "Summary of findings",
            "Care Leavers",
            "Long Term Planning",
            "Placement choice, stability and wellbeing",
            "Participation"
        ]
    );
    assert_eq!(
        r.find_paragraph("3.12").unwrap().1.subsection.as_deref(),
        Some("Long Term Planning")
    );
    assert!(s3
        .expectations
        .as_deref()
        .unwrap()
        .starts_with("People experience timely"));
}

#[test]
fn swansea_structure() {
    let r = parse("swansea-2018-07.txt", SWANSEA);
    assert_eq!(r.id, "swansea-2018-07");
    assert_eq!(r.authority.name, "City and County of Swansea");
    assert_eq!(r.authority.short, "Swansea");
    assert_eq!(
        (r.inspection.month.as_str(), r.inspection.year),
        ("July", 2018)
    );
    for (n, last) in [(1, 9), (2, 7), (3, 23), (4, 10), (5, 11)] {
        assert_eq!(ids(&r, n), range(n, last), "section {n}");
    }
    assert_eq!(r.overview.len(), 14);
    assert!(
        r.overview[7].contains("agencies was generally effective"),
        "{}",
        r.overview[7]
    );
    assert!(r.overview[8].ends_with("in recording strengths and personal outcomes."));
    assert_eq!(r.recommendations.len(), 10);
    assert!(r.recommendations.iter().all(|x| !x.inferred));
    use Theme::*;
    let themes: Vec<Theme> = r.recommendations.iter().map(|x| x.theme.unwrap()).collect();
    assert_eq!(
        themes,
        [
            Access,
            Access,
            Assessment,
            CareAndSupport,
            CareAndSupport,
            CareAndSupport,
            Safeguarding,
            Safeguarding,
            Leadership,
            Leadership
        ]
    );
    assert!(r.recommendations[9].text.ends_with(
        "the take up of 'active offer' in relation to advocacy and staff supervision arrangements."
    ));
    let m = &r.methodology;
    assert_eq!(
        (m.fieldwork_days, m.case_files_reviewed, m.supervision_files),
        (Some(9), Some(69), Some(8))
    );
    assert!(para(&r, "3.9").contains("There was flexibility in terms of hand-over arrangements"));
    assert!(para(&r, "3.4").contains("a copy of their care and support plan"));
    assert!(para(&r, "4.4").contains("risk, and subsequent joint s47"));
    assert!(para(&r, "4.10").starts_with("The regional safeguarding board"));
    // Title variants map to one theme.
    let lead = r.sections.iter().find(|s| s.number == Some(5)).unwrap();
    assert_eq!(lead.theme, Some(Leadership));
    assert_eq!(r.contents[7].title, "Leadership, management & governance");
    assert_eq!(lead.subsections.len(), 0);
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    use SectionKind as K;
    assert_eq!(
        kinds,
        [
            K::Introduction,
            K::Overview,
            K::AreasForDevelopment,
            K::NextSteps,
            K::Theme,
            K::Theme,
            K::Theme,
            K::Theme,
            K::Theme,
            K::Methodology,
            K::Acknowledgements
        ]
    );
}

#[test]
fn json_snapshots() {
    for (name, text) in samples() {
        let r = parse(name, text);
        insta::assert_json_snapshot!(name.trim_end_matches(".txt"), r);
    }
}

/// Every word of the source outside the contents table appears in the parsed report as often
/// as in the source.
#[test]
fn no_word_is_lost() {
    for (name, text) in samples() {
        let r = parse(name, text);
        let start = text.find("\nContents\n").expect("contents");
        let end = text[start..]
            .find("\nIntroduction\n")
            .expect("introduction")
            + start;
        let source = format!("{}{}", &text[..start], &text[end..]);
        let mut parsed = r.front_matter.join(" ");
        for s in &r.sections {
            parsed.push_str(&format!(" {} ", s.title));
            if let Some(e) = &s.expectations {
                parsed.push_str(&format!(" What we expect to see {e} "));
            }
            for sub in &s.subsections {
                parsed.push_str(&format!(" {sub} "));
            }
            for p in &s.paragraphs {
                parsed.push_str(&format!(" {} ", p.text));
            }
        }
        let (want, got) = (words(&source), words(&parsed));
        let lost: Vec<_> = want
            .iter()
            .filter(|(w, n)| got.get(*w) != Some(n))
            .collect();
        let added: Vec<_> = got.iter().filter(|(w, _)| !want.contains_key(*w)).collect();
        assert!(
            lost.is_empty() && added.is_empty(),
            "{name}: lost {lost:?}, added {added:?}"
        );
    }
}

/// What must not change between extractions: every id and every text, folded for matching.
fn fingerprint(r: &Report) -> Vec<String> {
    let mut v = vec![
        r.id.clone(),
        r.authority.name.clone(),
        format!("{:?}", r.methodology),
    ];
    v.extend(r.overview.iter().map(|t| format!("O: {}", fold(t))));
    v.extend(
        r.recommendations
            .iter()
            .map(|x| format!("R{} {:?} {}", x.number, x.theme, fold(&x.text))),
    );
    for s in &r.sections {
        v.push(format!(
            "§ {:?} {} {:?} {:?}",
            s.number,
            fold(&s.title),
            s.theme,
            s.subsections
        ));
        v.extend(s.expectations.iter().map(|e| format!("E: {}", fold(e))));
        v.extend(
            s.paragraphs
                .iter()
                .map(|p| format!("{} [{:?}] {}", p.id, p.subsection, fold(&p.text))),
        );
    }
    v
}

fn assert_same(variant: &str, name: &str, original: &Report, other: &Report) {
    let (a, b) = (fingerprint(original), fingerprint(other));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name} as {variant}");
    }
    assert_eq!(a.len(), b.len(), "{name} as {variant}");
}

#[test]
fn re_extractions_parse_the_same() {
    for (name, text) in samples() {
        let original = parse(name, text);
        let authority = &original.authority.short;
        let wrapped = hard_wrap(text, 76);
        let variants: Vec<(&str, Vec<u8>)> = vec![
            ("CRLF", crlf(text).into_bytes()),
            ("hard-wrapped at 76", wrapped.clone().into_bytes()),
            (
                "paged with running footers",
                paged(&wrapped, 50, authority).into_bytes(),
            ),
            ("typeset quotes and ligatures", typeset(text).into_bytes()),
            ("BOM", format!("\u{feff}{text}").into_bytes()),
            (
                "Windows-1252",
                windows_1252(&typeset(text).replace('\u{fb01}', "fi")),
            ),
            (
                "pdftotext-like (all at once)",
                crlf(&paged(&hard_wrap(&typeset(text), 76), 47, authority)).into_bytes(),
            ),
        ];
        for (variant, bytes) in variants {
            let r =
                parse_bytes(&bytes, name).unwrap_or_else(|e| panic!("{name} as {variant}: {e}"));
            assert_same(variant, name, &original, &r);
        }
    }
}

#[test]
fn page_breaks_at_every_line_change_nothing() {
    // A page break (with furniture) after any line of the report: the structure is the same.
    for (name, text) in samples() {
        let original = parse(name, text);
        let wrapped = hard_wrap(text, 76);
        for lines in 3..=60 {
            let r = parse_str(&paged(&wrapped, lines, &original.authority.short), name).unwrap();
            assert_same(&format!("paged every {lines} lines"), name, &original, &r);
        }
    }
}
