//! Every wording of the known headings, bullets and numbers kept apart, inline principles and
//! unknown layouts.

use super::*;
use crate::model::SectionKind;
use crate::parse::furniture;

fn doc(text: &str) -> (Doc, Option<String>, Vec<String>) {
    let (lines, _) = furniture::strip(text).expect("small");
    let mut w = Vec::new();
    let (d, t) = build(lines.lines(), false, &mut w);
    (d, t, w)
}

fn recs(d: &Doc) -> Vec<&str> {
    d.recommendations.iter().map(|r| r.text.as_str()).collect()
}

#[test]
fn every_wording_of_recommendations_and_findings() {
    for h in [
        "Areas for development",
        "Priority areas for development",
        "Priorities for improvement",
        "Areas requiring improvement",
        "Areas for improvement",
        "Recommendations",
        "AREAS FOR DEVELOPMENT:",
    ] {
        assert_eq!(part_of(h), Some(Part::Recommendations), "{h}");
    }
    for h in [
        "Key strengths",
        "Key improvements identified",
        "Areas of improvement identified",
        "Findings",
        "Summary of findings",
        "Key findings",
    ] {
        assert_eq!(part_of(h), Some(Part::Findings), "{h}");
    }
    for h in [
        "People – voice and control",
        "People - voice and control",
        "Prevention",
        "Partnerships and integration",
        "Well-being",
        "Wellbeing",
        "Safeguarding",
    ] {
        assert_eq!(part_of(h), Some(Part::Theme), "{h}");
    }
    assert_eq!(part_of("Next steps"), Some(Part::NextSteps));
    assert_eq!(part_of("The local authority"), None);
}

#[test]
fn bullets_are_never_merged_even_after_a_comma() {
    let (d, title, _) = doc("Inspection of Children's Services: Gwynedd Council\n\nWe inspected.\n\nAreas for development\n\n  • Address recognised gaps in prevention, with improved signposting,\n  • Assessments must be updated following a significant change in circumstances.\n  • Ensure care and support plans are\n    outcome focused.\n  • Strengthen fostering arrangements\n");
    assert_eq!(
        title.as_deref(),
        Some("Inspection of Children's Services: Gwynedd Council")
    );
    assert_eq!(
        recs(&d),
        [
            "Address recognised gaps in prevention, with improved signposting,",
            "Assessments must be updated following a significant change in circumstances.",
            "Ensure care and support plans are outcome focused.",
            "Strengthen fostering arrangements"
        ]
    );
    let afd = d
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::AreasForDevelopment)
        .unwrap();
    let ids: Vec<&str> = afd.paragraphs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R4"]);
}

#[test]
fn headings_without_blank_lines_and_dash_bullets() {
    let (d, title, _) = doc("Care Inspectorate Wales concludes improvement check of Flintshire children services\nThe inspection, which took place between 14 and 16 July 2025, assessed progress.\nKey findings\nOur improvement check found a mixed picture.\nAreas requiring improvement\n- The local authority must continue efforts.\n- The local authority must adhere to the procedures.\nAreas of improvement identified\n- Leaders promote a positive culture.\nNext steps\nWe expect the local authority to act.\n");
    assert!(title
        .unwrap()
        .starts_with("Care Inspectorate Wales concludes"));
    let kinds: Vec<(SectionKind, &str)> = d
        .sections
        .iter()
        .map(|s| (s.kind, s.title.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (SectionKind::Introduction, "Introduction"),
            (SectionKind::Overview, "Key findings"),
            (
                SectionKind::AreasForDevelopment,
                "Areas requiring improvement"
            ),
            (SectionKind::Overview, "Areas of improvement identified"),
            (SectionKind::NextSteps, "Next steps"),
        ]
    );
    assert_eq!(recs(&d).len(), 2);
    let o: Vec<&str> = d
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        o,
        ["introduction.1", "O1", "R1", "R2", "O2", "next-steps.1"]
    );
}

#[test]
fn principles_written_inline_are_sections() {
    let (d, _, _) = doc("Report of performance evaluation inspection: Example County Council\n\nPeople – voice and control: People are treated with dignity.\n\nMore about voice.\n\nPrevention: Early help is improving.\n\nAreas for improvement\n\n- Reduce waiting lists.\n\nWell-being: Outcomes are good.\n");
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "People – voice and control",
            "Prevention",
            "Areas for improvement",
            "Well-being"
        ]
    );
    assert_eq!(d.sections[0].paragraphs.len(), 2);
    assert_eq!(d.sections[0].kind, SectionKind::Theme);
    assert_eq!(d.recommendations[0].theme_title, "Prevention");
    assert_eq!(
        d.sections[2].paragraphs[0].subsection.as_deref(),
        Some("Prevention")
    );
}

#[test]
fn unknown_layouts_get_headings_paragraphs_and_lists() {
    let (d, title, _) = doc("Quarterly bulletin\n\nThis is the opening paragraph of a document.\n\nWhat we did\n\nWe looked at things:\n\n1. First item of a numbered list.\n2. Second item.\n\n- A bullet.\n- Another bullet,\n- and a lower-case bullet.\n\nClosing words\n\nThe end of the\nparagraph wrapped here.\n");
    assert_eq!(title.as_deref(), Some("Quarterly bulletin"));
    let s: Vec<(&str, Vec<&str>)> = d
        .sections
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        s,
        [
            (
                "Introduction",
                vec!["This is the opening paragraph of a document."]
            ),
            (
                "What we did",
                vec![
                    "We looked at things:",
                    "1. First item of a numbered list.",
                    "2. Second item.",
                    "- A bullet.",
                    "- Another bullet,",
                    "- and a lower-case bullet."
                ]
            ),
            (
                "Closing words",
                vec!["The end of the paragraph wrapped here."]
            ),
        ]
    );
    assert!(d.recommendations.is_empty());
}

#[test]
fn paragraphs_under_a_recommendations_heading_are_one_each() {
    let (d, _, _) = doc("JICPA: Neath Port Talbot, 2021\n\nAreas for development\n\nContextual safeguarding is a key concept.\n\nInformation sharing should be\n\nimproved across agencies.\n\nThe partnership should:\n\n- review its strategy\n");
    assert_eq!(
        recs(&d),
        [
            "Contextual safeguarding is a key concept.",
            "Information sharing should be improved across agencies.",
            "review its strategy"
        ]
    );
}
