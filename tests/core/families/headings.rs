//! Every wording of the headings that carry recommendations and findings, and principles
//! written with their text on one line.

use super::{document, parse, recs};
use ciw::model::SectionKind;

#[test]
fn every_wording_of_recommendations_becomes_one_per_bullet() {
    for heading in [
        "Areas for development",
        "Priority areas for development",
        "Priorities for improvement",
        "Areas requiring improvement",
        "Areas for improvement",
        "Recommendations",
        "Key areas for development",
    ] {
        let text = document(
            "Inspection of Children’s Services: Conwy County Borough Council",
            "We inspected services for children in Conwy during June 2019.",
            heading,
            &[
                "Improve assessments,",
                "and reviews of plans.",
                "Recruit foster carers",
            ],
        );
        let r = parse("x.txt", &text);
        assert_eq!(
            recs(&r),
            [
                "Improve assessments,",
                "and reviews of plans.",
                "Recruit foster carers"
            ],
            "{heading}"
        );
        assert_eq!(
            r.sections.last().unwrap().kind,
            SectionKind::AreasForDevelopment
        );
        assert_eq!(r.id, "conwy-2019-06", "{heading}");
    }
}

#[test]
fn every_wording_of_findings_becomes_the_overview() {
    for heading in [
        "Key strengths",
        "Key improvements identified",
        "Areas of improvement identified",
        "Findings",
        "Summary of findings",
        "Key findings",
    ] {
        let text = document(
            "Report of performance evaluation inspection: Torfaen County Borough Council",
            "This report summarises findings from our inspection of Torfaen adults' and children's services between 23 and 25 November 2021.",
            heading,
            &["Leaders are visible.", "Staff feel supported."],
        );
        let r = parse("x.txt", &text);
        assert_eq!(
            r.overview,
            ["Leaders are visible.", "Staff feel supported."],
            "{heading}"
        );
        assert_eq!(r.inspection.label(), "November 2021");
        assert_eq!(r.id, "torfaen-2021-11-pei");
    }
}

#[test]
fn principles_written_with_their_text_on_one_line_are_sections() {
    let text = "Report of performance evaluation inspection: Powys County Council\n\nWe undertook this inspection between March and April 2023.\n\nPeople – voice and control: People are listened to.\nPrevention: Early help is growing.\nPartnerships and integration: Work with health is strong.\nWell-being: People achieve what matters to them.\nSafeguarding: Enquiries are timely.\n";
    let r = parse("powys.txt", text);
    let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Introduction",
            "People – voice and control",
            "Prevention",
            "Partnerships and integration",
            "Well-being",
            "Safeguarding"
        ]
    );
    assert!(r.sections[1..]
        .iter()
        .all(|s| s.kind == SectionKind::Theme && s.paragraphs.len() == 1));
    assert_eq!(r.inspection.label(), "March 2023");
}
