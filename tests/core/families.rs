//! Every family of CIW publication about a council, 2016–2025: the shared real openings, whole
//! documents written in the same shapes, every wording of the headings that carry
//! recommendations and findings, the 22 councils by their English and Welsh names, ids that
//! never collide, and text of no known layout read all the same.

use ciw::corpus::Corpus;
use ciw::model::{Family, Kind, Report, SectionKind, Services};
use ciw::parse::councils::COUNCILS;
use ciw::parse::{parse_str, MONTHS};

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

/// A short saved page: its title, opening sentence, one heading and bulleted items.
fn document(title: &str, opening: &str, heading: &str, items: &[&str]) -> String {
    let mut s = format!("Skip to main content\n\n{title}\n\n{opening}\n\n{heading}\n\n");
    for i in items {
        s.push_str(&format!("  • {i}\n"));
    }
    s
}

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

#[test]
fn the_22_councils_by_their_english_and_welsh_names() {
    for (i, c) in COUNCILS.iter().enumerate() {
        let month = 1 + i % 12;
        let slug = ciw::model::slug(c.short);
        for (how, title) in [
            (
                "english",
                format!("Local authority monitoring activity letter: {}", c.name),
            ),
            (
                "welsh",
                format!("Llythyr gweithgarwch monitro: {}", c.welsh),
            ),
            (
                "short",
                format!("Inspection of Children’s Services: {}", c.short),
            ),
        ] {
            let text = format!(
                "{title}\n\nThis letter summarises the findings of our monitoring activity between 3 and 5 {} 2022.\n\nPriorities for improvement\n\n- Improve things.\n",
                MONTHS[month - 1]
            );
            let r = parse("letter.txt", &text);
            assert_eq!(
                (r.authority.name.as_str(), r.authority.short.as_str()),
                (c.name, c.short),
                "{how}: {title}"
            );
            assert_eq!(r.id, format!("{slug}-2022-{month:02}-monitoring"), "{how}");
        }
        // Only in the opening sentence, in Welsh.
        let r = parse(
            "x.txt",
            &format!(
                "Dear Director,\n\nWe inspected services for children at {} during May 2019.\n",
                c.welsh
            ),
        );
        assert_eq!(r.authority.short, c.short, "{}", c.welsh);
        // Only in the file name, squeezed as people save it: the last resort, with a warning.
        let file = format!("{}-2019-05.txt", c.short.replace(' ', "").to_lowercase());
        let r = parse(
            &file,
            "Notes\n\nWe inspected services for children during May 2019.\n",
        );
        assert_eq!(r.authority.short, c.short, "{file}");
        assert!(r
            .warnings
            .iter()
            .any(|w| w.contains("taken from the file name")));
    }
}

#[test]
fn two_documents_never_share_an_id() {
    let a = "Inspection of Children’s Services: Gwynedd Council\n\nWe inspected services for children at Gwynedd during May 2018.\n\nOne text.\n";
    let b = "Inspection of Children’s Services: Gwynedd Council\n\nWe inspected services for children at Gwynedd during May 2018.\n\nAnother text.\n";
    let news = "• NewsNews\n\nInspection of Gwynedd children’s services\n\nWe have published our inspection report today. We undertook the inspection during May 2018.\n";
    let corpus = Corpus::new(vec![
        parse("a.txt", a),
        parse("b.txt", b),
        parse("n.txt", news),
    ]);
    let mut ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "gwynedd-2018-05",
            "gwynedd-2018-05-2",
            "gwynedd-2018-05-news"
        ]
    );
    assert!(corpus.reports.iter().any(|r| r.warnings.iter().any(
        |w| w == "another document has the id gwynedd-2018-05; this one is gwynedd-2018-05-2"
    )));
}

/// Generated document `i`: every family, the 22 councils, months and years over ten years;
/// many share council, month and kind, some name their council only in the file name, some
/// name none.
fn generated(i: usize) -> (String, String) {
    let c = &COUNCILS[i % 22];
    let month = MONTHS[(i / 22) % 3];
    let year = 2016 + (i / 66) % 10;
    let finding = format!("Finding number {i} about practice.");
    match i % 5 {
        0 => (
            format!("{}-{i}.txt", ciw::model::slug(c.short)),
            document(
                &format!("Inspection of Children’s Services: {}", c.name),
                &format!("We inspected services for children in {} during {month} {year}.", c.short),
                "Areas for development",
                &[&finding, "Recruit foster carers,", "Review plans."],
            ),
        ),
        1 => (
            format!("letter-{i}.txt"),
            format!(
                "Local authority monitoring activity letter: {}\n\nDear Director,\n\nThis letter summarises the findings of our monitoring activity between 3 and 5 {month} {year}.\n\nPriorities for improvement\n\n1. {finding}\n2. Visit children on time.\n",
                c.welsh
            ),
        ),
        2 => (
            format!("{}-{year}-v{i}.txt", c.short.replace(' ', "").to_lowercase()),
            format!("Notes of a visit\n\nWe inspected services for children during {month} {year}.\n\n{finding}\n"),
        ),
        3 => (
            format!("downloaded-page-{i}.txt"),
            format!("Page of notes\n\n{finding}\n\nNothing else to say.\n"),
        ),
        _ => (
            format!("pei-{i}.txt"),
            document(
                &format!("Report of performance evaluation inspection: {}", c.name),
                &format!("This report summarises findings from our inspection between {month} and December {year}."),
                "Summary of findings",
                &[&finding],
            ),
        ),
    }
}

#[test]
fn a_thousand_generated_reports_import_as_a_thousand() {
    use ciw::library::{ImportEvent, Library};
    // In memory where the system has it: every import syncs each file to disk, which is what
    // a library must do and not what this test measures.
    let shm = std::path::Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    // File names repeat across folders, as downloads do.
    let dirs: Vec<std::path::PathBuf> = (0..4)
        .map(|d| tmp.path().join(format!("batch{d}")))
        .collect();
    let mut files = Vec::new();
    for i in 0..1000 {
        let (name, text) = generated(i);
        let dir = &dirs[i % 4];
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(&name);
        assert!(!path.exists(), "{name}");
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let lib_dir = tmp.path().join("lib");
    let (mut lib, _) = Library::open(&lib_dir).unwrap();
    let events = lib.import(&dirs).unwrap();
    let imported = events
        .iter()
        .filter(|e| matches!(e, ImportEvent::Imported { replaced: None, .. }))
        .count();
    assert_eq!(
        imported,
        1000,
        "{:#?}",
        events
            .iter()
            .find(|e| !matches!(e, ImportEvent::Imported { replaced: None, .. }))
    );
    assert_eq!(lib.entries().len(), 1000);
    let mut ids: Vec<&str> = lib.entries().iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1000);
    // Names come from the text or the file name, never "Downloaded Page" or "Letter".
    for e in lib.entries() {
        assert!(
            COUNCILS.iter().any(|c| c.short == e.authority) || e.authority == "Unknown",
            "{}: {}",
            e.id,
            e.authority
        );
    }
    // The same documents again replace themselves, and say so; nothing else changes.
    let again = lib.import(&files[..10]).unwrap();
    for e in &again {
        match e {
            ImportEvent::Imported {
                entry,
                replaced: Some(old),
                ..
            } => assert_eq!(entry.id, old.id),
            other => panic!("not a replacement: {other:?}"),
        }
    }
    assert_eq!(lib.entries().len(), 1000);
    // A file edited and imported again from the same place replaces its old version, and so
    // does a new version under the same name from elsewhere (its text names the council).
    let replaced = |events: &[ImportEvent]| {
        matches!(
            &events[0],
            ImportEvent::Imported {
                replaced: Some(_),
                ..
            }
        )
    };
    std::fs::write(&files[0], generated(0).1 + "\nA late correction.\n").unwrap();
    assert!(replaced(&lib.import(&files[..1]).unwrap()));
    let elsewhere = tmp.path().join("downloads");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let copy = elsewhere.join(files[0].file_name().unwrap());
    std::fs::write(&copy, generated(0).1 + "\nA later correction.\n").unwrap();
    assert!(replaced(&lib.import(&[copy]).unwrap()));
    assert_eq!(lib.entries().len(), 1000);
    // But two different pages that only their file names identify are both kept.
    let page = elsewhere.join(generated(3).0);
    std::fs::write(&page, "Page of notes\n\nSomething else entirely.\n").unwrap();
    let other = lib.import(&[page]).unwrap();
    match &other[0] {
        ImportEvent::Imported {
            replaced: None,
            entry,
            ..
        } => assert_eq!(entry.id, "downloaded-page-3-2"),
        e => panic!("{e:?}"),
    }
    assert_eq!(lib.entries().len(), 1001);
    // Loaded back from the library, every id is still unique and the counters kept.
    let loaded = lib.load();
    assert_eq!(loaded.reports.len(), 1001);
    let mut back: Vec<&str> = loaded.reports.iter().map(|r| r.id.as_str()).collect();
    back.sort_unstable();
    back.dedup();
    assert_eq!(back.len(), 1001);
    assert!(back.contains(&"downloaded-page-3-2"));
}

#[test]
fn citations_say_what_the_document_is() {
    let sample = Corpus::samples().reports.remove(0);
    assert_eq!(
        sample.document_label(),
        "CIW inspection of children's services"
    );
    let mut r = sample.clone();
    (r.kind, r.about, r.services) = (Some(Kind::Pei), None, Some(Services::Both));
    assert_eq!(
        r.document_label(),
        "CIW performance evaluation inspection of adults' and children's services"
    );
    (r.kind, r.about, r.services) = (
        Some(Kind::SummaryPage),
        Some(Kind::FollowUp),
        Some(Services::Children),
    );
    assert_eq!(
        r.document_label(),
        "CIW summary of the follow-up inspection of children's services"
    );
    (r.kind, r.about) = (Some(Kind::News), Some(Kind::ImprovementCheck));
    assert_eq!(
        r.document_label(),
        "CIW news release on the improvement check of children's services"
    );
    assert!(r
        .citation("R2")
        .starts_with("CIW news release on the improvement check of children's services, Pembrokeshire County Council, September 2018, area for development 2"));
}
