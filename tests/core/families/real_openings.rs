//! The shared real openings of each family: council, date, kind and areas for development, and
//! the page furniture they lose.

use super::{all_text, check, load, sections, Want, REAL};
use ciw::model::{Family, Kind, Services};

const REAL_OPENINGS: [Want; 8] = [
    Want {
        file: "swansea-2018-07-readkong-layout.txt",
        id: "swansea-2018-07",
        name: "City and County of Swansea",
        short: "Swansea",
        month: "July",
        year: 2018,
        kind: Kind::Inspection,
        about: None,
        services: Services::Children,
        family: Family::Report2018,
        recommendations: &[],
        overview: 0,
    },
    Want {
        file: "gwynedd-2018-05-ciw-summary.txt",
        id: "gwynedd-2018-05-summary",
        name: "Gwynedd Council",
        short: "Gwynedd",
        month: "May",
        year: 2018,
        kind: Kind::SummaryPage,
        about: Some(Kind::Inspection),
        services: Services::Children,
        family: Family::WebSummary,
        recommendations: &[
            "Address recognised gaps in prevention and early intervention, developing stronger links with community services with improved signposting,",
            "Assessments must be updated following a significant change in",
        ],
        overview: 0,
    },
    Want {
        file: "powys-2018-10-ciw-summary.txt",
        id: "powys-2018-10-summary",
        name: "Powys County Council",
        short: "Powys",
        month: "October",
        year: 2018,
        kind: Kind::SummaryPage,
        about: Some(Kind::FollowUp),
        services: Services::Children,
        family: Family::WebSummary,
        recommendations: &[
            "Ensure there is a clear strategic vision",
            "Develop better commissioning arrangements",
            "Ensure early multi agency involvement",
            "En",
        ],
        overview: 3,
    },
    Want {
        file: "cardiff-2016-01-cssiw-news.txt",
        id: "cardiff-2016-01-news",
        name: "City of Cardiff Council",
        short: "Cardiff",
        month: "January",
        year: 2016,
        kind: Kind::News,
        about: Some(Kind::Inspection),
        services: Services::Children,
        family: Family::News,
        recommendations: &[],
        overview: 0,
    },
    Want {
        file: "wrexham-2021-11-monitoring-letter.txt",
        id: "wrexham-2021-11-monitoring",
        name: "Wrexham County Borough Council",
        short: "Wrexham",
        month: "November",
        year: 2021,
        kind: Kind::MonitoringLetter,
        about: None,
        services: Services::Children,
        family: Family::Letter,
        recommendations: &[
            "Social workers must undertake visits to children within statutory timescales.",
            "The rigour and impact of management oversight must be sufficient",
        ],
        overview: 0,
    },
    Want {
        file: "pembrokeshire-2022-03-pei.txt",
        id: "pembrokeshire-2022-03-pei",
        name: "Pembrokeshire County Council",
        short: "Pembrokeshire",
        month: "March",
        year: 2022,
        kind: Kind::Pei,
        about: None,
        services: Services::Both,
        family: Family::WebReport,
        recommendations: &[],
        overview: 6,
    },
    Want {
        file: "neathporttalbot-2021-jicpa.txt",
        id: "neath-port-talbot-2021-jicpa",
        name: "Neath Port Talbot County Borough Council",
        short: "Neath Port Talbot",
        // The opening names the year only (its title: "... Neath Port Talbot, 2021").
        month: "",
        year: 2021,
        kind: Kind::Jicpa,
        about: None,
        services: Services::Children,
        family: Family::WebReport,
        recommendations: &["Contextual safeguarding is a key concept at the core of NPT’s partnership approach to safeguardin"],
        overview: 4,
    },
    Want {
        file: "flintshire-2025-07-improvement-check-news.txt",
        id: "flintshire-2025-07-news",
        name: "Flintshire County Council",
        short: "Flintshire",
        month: "July",
        year: 2025,
        kind: Kind::News,
        about: Some(Kind::ImprovementCheck),
        services: Services::Children,
        family: Family::News,
        recommendations: &[
            "The local authority must continue efforts",
            "The local authority must adhere to the requirements",
            "The local authority should ensure all relevant agencies",
        ],
        overview: 4,
    },
];

#[test]
fn every_real_opening_loads_with_its_council_date_kind_and_areas_for_development() {
    for w in &REAL_OPENINGS {
        check(REAL, w);
    }
}

#[test]
fn real_openings_lose_their_page_furniture_and_keep_their_words() {
    for w in &REAL_OPENINGS {
        let r = load(REAL, w.file);
        let text = all_text(&r);
        for furniture in [
            "Skip to main content",
            "Global keyword search",
            "NewsNews",
            "(External link)",
            "0300 7900 126",
            "CONTINUE READING",
            "Page created by",
        ] {
            assert!(!text.contains(furniture), "{}: {furniture:?} kept", w.file);
        }
    }
    let npt = load(REAL, "neathporttalbot-2021-jicpa.txt");
    assert!(all_text(&npt).contains(
        "Together with (HMICFRS) Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services, (HIW) Healthcare Inspectorate Wales, Her Majesty’s Inspectorate of Probation and Estyn, we carried out"
    ));
    // The JICPA's key strengths are its findings, one per paragraph.
    assert!(npt.overview[1].starts_with("Practitioners across the partnership"));
    let powys = load(REAL, "powys-2018-10-ciw-summary.txt");
    assert!(powys.guesses.iter().any(|g| g.contains("October 2018")));
    assert_eq!(
        powys.find_paragraph("R4").map(|(s, _)| s.title.as_str()),
        Some("Priority areas for development")
    );
}

#[test]
fn the_readkong_layout_keeps_its_cover_and_contents_apart() {
    let r = load(REAL, "swansea-2018-07-readkong-layout.txt");
    assert_eq!(
        r.title.as_deref(),
        Some("Inspection of Children's Services City and County of Swansea Council")
    );
    let contents: Vec<&str> = r.contents.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(contents.len(), 10, "{contents:?}");
    assert_eq!(
        contents[3],
        "Access arrangements: Information, Advice and Assistance"
    );
    assert!(r.front_matter.iter().any(|f| f.contains("October 2018")));
    // Read by the 2018 report's own reader, the cover and contents apart from its sections.
    assert!(
        !r.warnings.iter().any(|w| w.contains("no section was read")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.sections.len(), 1, "{:?}", sections(&r));
    let intro = r.find_section("introduction").expect("introduction");
    assert_eq!(intro.paragraphs.len(), 2);
    assert!(intro.paragraphs[0]
        .text
        .starts_with("Care Inspectorate Wales (CIW) undertook an inspection"));
}
