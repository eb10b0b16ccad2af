//! Whole documents written in the shapes of every family: each read with its facts, a PEI's
//! principles as sections, a letter's header and sign-off kept apart.

use super::{all_text, check, load, sections, Want, WRITTEN};
use ciw::model::{Family, Kind, SectionKind, Services};

const WHOLE: [Want; 10] = [
    Want {
        file: "pei-ceredigion-2023-web.txt",
        id: "ceredigion-2023-10-pei",
        name: "Ceredigion County Council",
        short: "Ceredigion",
        month: "October",
        year: 2023,
        kind: Kind::Pei,
        about: None,
        services: Services::Both,
        family: Family::WebReport,
        recommendations: &[
            "Ensure carers are consistently offered an assessment of their own needs.",
            "Improve the timeliness of reviews of care and support plans.",
            "Reduce waiting times for occupational therapy assessments and equipment.",
            "Ensure the voice of the adult at risk is recorded in every safeguarding enquiry.",
        ],
        overview: 5,
    },
    Want {
        file: "jicpa-cardiff-2022-web.txt",
        id: "cardiff-2022-02-jicpa",
        name: "City of Cardiff Council",
        short: "Cardiff",
        month: "February",
        year: 2022,
        kind: Kind::Jicpa,
        about: None,
        services: Services::Children,
        family: Family::WebReport,
        recommendations: &[
            "Information held by health visitors is not always shared",
            "ensuring the missing children panel reviews every child missing three times or more,",
            "recording the outcome of return home interviews in each agency’s records,",
            "Developing a shared dataset of children missing from home.",
        ],
        overview: 3,
    },
    Want {
        file: "monitoring-letter-rct-2021.txt",
        id: "rhondda-cynon-taf-2021-06-monitoring",
        name: "Rhondda Cynon Taf County Borough Council",
        short: "Rhondda Cynon Taf",
        month: "June",
        year: 2021,
        kind: Kind::MonitoringLetter,
        about: None,
        services: Services::Children,
        family: Family::Letter,
        recommendations: &[
            "The local authority must ensure every care leaver",
            "Managers should strengthen their oversight of placement stability for children looked after,",
            "Foster carers must receive their annual reviews",
            "The local authority should improve how it records",
        ],
        overview: 3,
    },
    Want {
        file: "assurance-check-newport-2021.txt",
        id: "newport-2021-03-assurance-check",
        name: "Newport City Council",
        short: "Newport",
        month: "March",
        year: 2021,
        kind: Kind::AssuranceCheck,
        about: None,
        services: Services::Both,
        family: Family::Letter,
        recommendations: &[
            "Ensure that carers’ assessments are offered and completed in a timely manner, including for young carers,",
            "Reduce the number of adults waiting",
            "Continue to develop the range of placements",
        ],
        overview: 3,
    },
    Want {
        file: "annual-letter-denbighshire-2019.txt",
        id: "denbighshire-2018-04-annual-letter",
        name: "Denbighshire County Council",
        short: "Denbighshire",
        month: "April",
        year: 2018,
        kind: Kind::AnnualLetter,
        about: None,
        services: Services::Both,
        family: Family::Letter,
        recommendations: &[
            "Improve the consistency of supervision",
            "Reduce the use of agency social workers",
        ],
        overview: 2,
    },
    Want {
        file: "improvement-check-bridgend-2025.txt",
        id: "bridgend-2025-03-improvement-check",
        name: "Bridgend County Borough Council",
        short: "Bridgend",
        month: "March",
        year: 2025,
        kind: Kind::ImprovementCheck,
        about: None,
        services: Services::Children,
        family: Family::WebReport,
        recommendations: &[
            "The local authority must ensure all children subject to child protection plans",
            "The local authority should improve the consistency of management oversight",
        ],
        overview: 4,
    },
    Want {
        file: "follow-up-merthyr-2019-web.txt",
        id: "merthyr-tydfil-2019-04-summary",
        name: "Merthyr Tydfil County Borough Council",
        short: "Merthyr Tydfil",
        month: "April",
        year: 2019,
        kind: Kind::SummaryPage,
        about: Some(Kind::FollowUp),
        services: Services::Children,
        family: Family::WebSummary,
        recommendations: &[
            "Ensure that care and support plans are outcome focused and reviewed when circumstances change,",
            "Continue to develop the recruitment",
            "Strengthen quality assurance",
        ],
        overview: 2,
    },
    Want {
        file: "older-adults-anglesey-2019-web.txt",
        id: "anglesey-2019-09-summary",
        name: "Isle of Anglesey County Council",
        short: "Anglesey",
        month: "September",
        year: 2019,
        kind: Kind::SummaryPage,
        about: Some(Kind::Inspection),
        services: Services::Adults,
        family: Family::WebSummary,
        recommendations: &[
            "Improve the timeliness of assessments",
            "Develop the range of domiciliary care",
        ],
        overview: 1,
    },
    Want {
        file: "risk-based-vale-2020-web.txt",
        id: "vale-of-glamorgan-2020-11",
        name: "Vale of Glamorgan Council",
        short: "Vale of Glamorgan",
        month: "November",
        year: 2020,
        kind: Kind::Inspection,
        about: None,
        services: Services::Children,
        family: Family::WebReport,
        recommendations: &[
            "Ensure that the views of children are recorded in their assessments and care and support plans.",
            "Improve the timeliness of initial child protection conferences.",
        ],
        overview: 2,
    },
    Want {
        file: "news-torfaen-2017-cssiw.txt",
        id: "torfaen-2017-06-news",
        name: "Torfaen County Borough Council",
        short: "Torfaen",
        month: "June",
        year: 2017,
        kind: Kind::News,
        about: Some(Kind::Inspection),
        services: Services::Children,
        family: Family::News,
        recommendations: &[],
        overview: 0,
    },
];

#[test]
fn whole_documents_of_every_family() {
    for w in &WHOLE {
        let r = check(WRITTEN, w);
        assert!(
            !r.warnings.iter().any(|x| x.contains("unknown layout")),
            "{}: {:#?}",
            w.file,
            r.warnings
        );
    }
}

#[test]
fn a_pei_report_has_the_principles_as_sections_and_their_areas_for_improvement() {
    let r = load(WRITTEN, "pei-ceredigion-2023-web.txt");
    use SectionKind::*;
    assert_eq!(
        sections(&r),
        [
            (Introduction, "Introduction"),
            (Overview, "Summary of findings"),
            (Theme, "People – voice and control"),
            (AreasForDevelopment, "Areas for improvement"),
            (Theme, "Prevention"),
            (AreasForDevelopment, "Areas for improvement"),
            (Theme, "Partnerships and integration"),
            (Theme, "Well-being"),
            (Theme, "Safeguarding"),
            (AreasForDevelopment, "Areas for improvement"),
            (NextSteps, "Next steps"),
            (Methodology, "Methodology"),
        ]
    );
    // "People – voice and control: People are ..." is a heading and its first paragraph.
    let voice = &r.sections[2];
    assert_eq!(voice.paragraphs.len(), 2);
    assert!(voice.paragraphs[0].text.starts_with("People are supported"));
    let partners = r.find_section("partnerships-and-integration").unwrap();
    assert_eq!(
        partners.paragraphs[0].text,
        "Leaders work well with partners in the regional partnership board."
    );
    let under: Vec<&str> = r
        .recommendations
        .iter()
        .map(|x| x.theme_title.as_str())
        .collect();
    assert_eq!(
        under,
        [
            "People – voice and control",
            "People – voice and control",
            "Prevention",
            "Safeguarding"
        ]
    );
    // Ids are unique across the three "Areas for improvement" sections.
    let ids: Vec<&str> = r
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.id.as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert_eq!(
        r.find_paragraph("R3").unwrap().1.subsection.as_deref(),
        Some("Prevention")
    );
    assert_eq!(r.methodology.fieldwork_days, Some(5));
    assert_eq!(r.methodology.case_files_reviewed, Some(52));
    let text = all_text(&r);
    for furniture in [
        "Share this page",
        "Download documents",
        "PDF 612 KB",
        "0300 7900 126",
    ] {
        assert!(!text.contains(furniture), "{furniture}");
    }
}

#[test]
fn a_letter_keeps_its_header_and_sign_off_out_of_the_recommendations() {
    let r = load(WRITTEN, "monitoring-letter-rct-2021.txt");
    assert_eq!(
        r.title.as_deref(),
        Some(
            "Local authority monitoring activity letter: Rhondda Cynon Taf County Borough Council"
        )
    );
    assert_eq!(r.front_matter[0], "Mr Paul Example");
    assert!(r.front_matter.contains(&"14 July 2021".to_string()));
    let afd = r.find_section("areas-for-development").unwrap();
    assert_eq!(
        afd.paragraphs.last().unwrap().text,
        "We will continue to monitor progress through our ongoing performance review activity."
    );
    assert_eq!(r.sections.last().unwrap().title, "Yours sincerely");
    // The inspection month is the fieldwork's (June), not the letter's date (July) nor the
    // earlier inspection's (November 2019).
    assert_eq!(r.inspection.label(), "June 2021");
}
