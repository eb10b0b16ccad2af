use super::subsection::same_subsection;
use super::*;
use crate::corpus::Corpus;
use crate::model::{Authority, Methodology, Section, SectionKind};

pub(crate) fn para(id: &str, sub: Option<&str>) -> Paragraph {
    Paragraph {
        id: id.into(),
        subsection: sub.map(str::to_string),
        text: format!("text of {id}"),
        pages: None,
    }
}

pub(crate) fn report(short: &str, paras: Vec<Paragraph>, expectations: Option<&str>) -> Report {
    let mut subsections: Vec<String> = Vec::new();
    for p in &paras {
        if let Some(s) = &p.subsection {
            if !subsections.contains(s) {
                subsections.push(s.clone());
            }
        }
    }
    Report {
        id: format!("{}-2020-01", short.to_lowercase()),
        authority: Authority {
            name: format!("{short} Council"),
            short: short.into(),
        },
        inspection: Inspection {
            month: "January".into(),
            month_number: 1,
            year: 2020,
        },
        front_matter: vec![],
        contents: vec![],
        overview: vec![],
        overview_pages: vec![],
        recommendations: vec![],
        sections: vec![Section {
            number: Some(3),
            title: "Care and support".into(),
            kind: SectionKind::Theme,
            theme: Some(Theme::CareAndSupport),
            expectations: expectations.map(str::to_string),
            subsections,
            paragraphs: paras,
        }],
        methodology: Methodology::default(),
        warnings: vec![],
        title: None,
        kind: Some(crate::model::Kind::Inspection),
        about: None,
        services: Some(crate::model::Services::Children),
        family: crate::model::Family::Report2018,
        guesses: vec![],
    }
}

/// A report shaped as a performance evaluation inspection (PEI): the Act's principles as
/// numbered sections, areas for improvement under principle headings.
pub(crate) fn pei() -> Report {
    crate::parse::parse_str(
        include_str!("../../tests/fixtures/ceredigion-2023-05-pei.txt"),
        "ceredigion-2023-05-pei.txt",
    )
    .expect("the PEI-shaped report parses")
}

fn sample(short: &str) -> Report {
    Corpus::samples()
        .reports
        .into_iter()
        .find(|r| r.authority.short == short)
        .expect("a sample report")
}

#[test]
fn a_pei_report_compares_with_a_2018_report_on_safeguarding() {
    let swansea = sample("Swansea");
    let pei = pei();
    assert_eq!(swansea.framework(), Some(Framework::Inspection2018));
    assert_eq!(pei.framework(), Some(Framework::ActPrinciples));
    let c = compare(Theme::Safeguarding, [&swansea, &pei]);
    let who: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
    assert_eq!(who, ["Swansea", "Ceredigion"]);
    let (swa, cer) = (&c.columns[0], &c.columns[1]);
    assert!(swa.has_section() && cer.has_section());
    assert_eq!(
        (swa.framework, cer.framework),
        (
            Some(Framework::Inspection2018),
            Some(Framework::ActPrinciples)
        )
    );
    assert_eq!((swa.section_number, cer.section_number), (Some(4), Some(5)));
    let numbers = |col: &Column| {
        col.recommendations
            .iter()
            .map(|r| r.number)
            .collect::<Vec<_>>()
    };
    assert_eq!(numbers(swa), [7, 8]);
    assert_eq!(numbers(cer), [3, 4]);
    // Every paragraph of each column sits in exactly one aligned row.
    for col in &c.columns {
        let n: usize = col.groups.iter().map(|g| g.ids.len()).sum();
        assert_eq!(n, col.paragraphs.len(), "{}", col.authority);
    }
    // Its subsections share none with the 2018 report's: its findings sit beside Swansea's
    // in the opening row, their headings inline, and no row says it has none.
    let opening = c.rows.iter().position(|r| r.key == OPENING_KEY).unwrap();
    assert_eq!(cer.groups[opening].ids, ["5.1", "5.2", "5.3", "5.4"]);
    assert_eq!(swa.groups[opening].ids.len(), swa.paragraphs.len());
    assert!(c
        .columns
        .iter()
        .all(|col| col.groups.iter().all(|g| !g.is_gap())));
    // The PEI has no "What we expect to see": it is not counted as wording it differently.
    assert!(c.expectations.is_some());
    assert!(
        c.expectations_differ.is_empty(),
        "{:?}",
        c.expectations_differ
    );
}

#[test]
fn a_council_with_text_on_the_theme_comes_before_one_without() {
    let (swansea, pembrokeshire, pei) = (sample("Swansea"), sample("Pembrokeshire"), pei());
    let c = compare(Theme::Leadership, [&pei, &swansea]);
    assert_eq!(c.columns[0].authority, "Swansea");
    let cer = &c.columns[1];
    assert!(!cer.has_section() && !cer.framework_has(Theme::Leadership));
    assert!(cer.groups.iter().all(Group::is_gap));
    let c = compare(Theme::Prevention, [&swansea, &pembrokeshire, &pei]);
    let who: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
    assert_eq!(who, ["Ceredigion", "Swansea", "Pembrokeshire"]);
    assert_eq!(c.column_of("ceredigion-2023-05"), Some(0));
    assert!(c.columns[1].framework_has(Theme::Safeguarding));
    assert!(!c.columns[1].framework_has(Theme::Prevention));
}

#[test]
fn themes_offered_follow_the_reports_frameworks() {
    let corpus = Corpus::samples();
    let pei = pei();
    let five = Framework::Inspection2018.themes();
    assert_eq!(themes_for(&corpus.reports), five);
    assert_eq!(themes_for([&pei]), Framework::ActPrinciples.themes());
    assert_eq!(themes_for([]), five);
    let both = themes_for(corpus.reports.iter().chain([&pei]));
    assert_eq!(both, Theme::ALL);
    assert_eq!(
        both.iter().filter(|t| **t == Theme::Safeguarding).count(),
        1
    );
}

#[test]
fn keys_normalise_headings() {
    assert_eq!(subsection_key(None), OPENING_KEY);
    assert_eq!(subsection_key(Some("Summary of findings")), OPENING_KEY);
    assert_eq!(subsection_key(Some("  SUMMARY  ")), OPENING_KEY);
    assert_eq!(subsection_key(Some("Care Leavers")), "care-leaver");
    assert_eq!(subsection_key(Some("care leavers:")), "care-leaver");
    assert!(same_subsection(
        &subsection_key(Some("Placement choice, stability and wellbeing")),
        &subsection_key(Some("Placement Choice, Stability & Well-being"))
    ));
    assert!(same_subsection(
        &subsection_key(Some("Placement choice")),
        &subsection_key(Some("Placement choice, stability and wellbeing"))
    ));
    assert!(!same_subsection(
        &subsection_key(Some("Care")),
        &subsection_key(Some("Care Leavers"))
    ));
    assert!(!same_subsection(
        &subsection_key(Some("Participation")),
        &subsection_key(Some("Long Term Planning"))
    ));
}

#[test]
fn a_missing_subsection_is_a_gap_not_a_shift() {
    let a = report(
        "A",
        vec![
            para("3.1", None),
            para("3.2", Some("Care Leavers")),
            para("3.3", Some("Long Term Planning")),
            para("3.4", Some("Participation")),
        ],
        None,
    );
    let b = report(
        "B",
        vec![
            para("3.1", Some("Summary of findings")),
            para("3.2", Some("Care leavers")),
            para("3.3", Some("Placement choice")),
            para("3.4", Some("Participation")),
        ],
        None,
    );
    let c = compare(Theme::CareAndSupport, [&a, &b]);
    let keys: Vec<&str> = c.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            OPENING_KEY,
            "care-leaver",
            "long-term-planning",
            "placement-choice",
            "participation"
        ]
    );
    // Opening row takes the one heading printed.
    assert_eq!(c.rows[0].label.as_deref(), Some("Summary of findings"));
    let ids = |col: usize| -> Vec<Vec<String>> {
        c.columns[col]
            .groups
            .iter()
            .map(|g| g.ids.clone())
            .collect()
    };
    assert_eq!(
        ids(0),
        [vec!["3.1"], vec!["3.2"], vec!["3.3"], vec![], vec!["3.4"]]
    );
    assert_eq!(
        ids(1),
        [vec!["3.1"], vec!["3.2"], vec![], vec!["3.3"], vec!["3.4"]]
    );
    assert!(c.columns[0].groups[3].is_gap());
    assert_eq!(c.column_of("b-2020-01"), Some(1));
    assert_eq!(c.row_of(1, "3.3"), Some(3));
    assert_eq!(c.row_of(0, "3.4"), Some(4));
    assert_eq!(c.row_of(0, "9.9"), None);
    assert_eq!(c.row_of(7, "3.1"), None);
    assert_eq!(
        c.columns[1].groups[0].heading.as_deref(),
        Some("Summary of findings")
    );
    assert_eq!(c.columns[0].groups[0].heading, None);
    assert_eq!(
        c.columns[1].groups[1].heading.as_deref(),
        Some("Care leavers")
    );
}

#[test]
fn expectations_shown_once_and_real_differences_noted() {
    let a = report("A", vec![para("3.1", None)], Some("A carer's needs, met."));
    let b = report("B", vec![para("3.1", None)], Some("a carers needs met"));
    let d = report(
        "D",
        vec![para("3.1", None)],
        Some("Something else entirely."),
    );
    let c = compare(Theme::CareAndSupport, [&a, &b]);
    assert_eq!(c.expectations.as_deref(), Some("A carer's needs, met."));
    assert!(c.expectations_differ.is_empty());
    let c = compare(Theme::CareAndSupport, [&a, &b, &d]);
    assert_eq!(c.expectations_differ, ["D"]);
}

#[test]
fn no_reports_one_report_and_a_missing_theme_do_not_panic() {
    let none = compare(Theme::Safeguarding, []);
    assert!(none.columns.is_empty() && none.rows.is_empty());
    assert_eq!(none.expectations, None);
    let a = report("A", vec![para("3.1", None)], Some("x"));
    let one = compare(Theme::Safeguarding, [&a]);
    assert_eq!(one.columns.len(), 1);
    assert!(!one.columns[0].has_section());
    assert!(one.rows.is_empty());
    let both = compare(Theme::CareAndSupport, [&a, &report("B", vec![], None)]);
    assert_eq!(both.rows.len(), 1);
    assert!(both.columns[1].groups[0].is_gap());
    assert_eq!(both.expectations_differ, ["B"]);
    let m = matrix(&Theme::ALL, []);
    assert!(m.rows.is_empty());
}

#[test]
fn samples_care_and_support_align_summary_with_unheaded_opening() {
    let corpus = Corpus::samples();
    let c = compare(Theme::CareAndSupport, &corpus.reports);
    let labels: Vec<Option<&str>> = c.rows.iter().map(|r| r.label.as_deref()).collect();
    assert_eq!(
        labels,
        [
            Some("Summary of findings"),
            Some("Care Leavers"),
            Some("Long Term Planning"),
            Some("Placement choice, stability and wellbeing"),
            Some("Participation"),
        ]
    );
    for col in &c.columns {
        assert_eq!(col.groups.len(), c.rows.len());
        assert!(col.groups.iter().all(|g| !g.is_gap()), "{}", col.authority);
        let n: usize = col.groups.iter().map(|g| g.ids.len()).sum();
        assert_eq!(n, col.paragraphs.len());
    }
}
