//! One focused test per kind of extraction damage, on small hand-made reports.

use ciw::model::{Report, Theme};
use ciw::parse::{parse_bytes, parse_str, ParseError};

/// A minimal report around the given body of section 3.
fn report_with(section3: &str) -> String {
    format!(
        "Introduction\n\nCare Inspectorate Wales (CIW) undertook an inspection of services for children in Ceredigion County Council in March 2019.\n\n\
         Overview of findings\n\n- The local authority is committed.\n- Staff are proud.\n\n\
         Areas for development\n\nSafeguarding\n\n1. Improve quality assurance.\n\n\
         3. Care and support and pathway planning\n\nWhat we expect to see\n\nPeople experience timely care.\n\n{section3}\n\n\
         4. Safeguarding\n\n4.1 Children were protected.\n\nMethodology\n\nWe undertook 7 days of fieldwork activity.\n"
    )
}

fn parse(text: &str) -> Report {
    parse_str(text, "ceredigion.txt").expect("parses")
}

fn ids(r: &Report, n: u32) -> Vec<&str> {
    r.find_section(&n.to_string())
        .unwrap()
        .paragraphs
        .iter()
        .map(|p| p.id.as_str())
        .collect()
}

fn text<'a>(r: &'a Report, id: &str) -> &'a str {
    &r.find_paragraph(id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .1
        .text
}

#[test]
fn every_numbering_form() {
    let r = parse(&report_with(
        "- 3.1. First.\n3.2 Second.\n3.3Third.\n- 3.4 Fourth.\n3.5. Fifth.\n- 3.6.Sixth.",
    ));
    assert_eq!(ids(&r, 3), ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]);
    assert_eq!(text(&r, "3.3"), "Third.");
    assert_eq!(text(&r, "3.6"), "Sixth.");
    let r = parse(&report_with("3.9 Nine.\n3.10. Ten.\n3.11We eleven."));
    assert_eq!(ids(&r, 3), ["3.9", "3.10", "3.11"]);
    assert!(
        r.warnings.iter().any(|w| w.contains("3.9 follows 3.0")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn continuation_after_a_page_break_in_every_form() {
    // lower case, a stray bullet, a capital after an unfinished sentence.
    let r = parse(&report_with(
        "- 3.1 The plan was\n\nagreed with the family.\n- 3.2 Support was given by a\n\n- specialist team.\n- 3.3 Reviews followed the\n\nWelsh Government guidance.\n- 3.4 Done.",
    ));
    assert_eq!(ids(&r, 3), ["3.1", "3.2", "3.3", "3.4"]);
    assert_eq!(text(&r, "3.1"), "The plan was agreed with the family.");
    assert_eq!(text(&r, "3.2"), "Support was given by a specialist team.");
    assert_eq!(
        text(&r, "3.3"),
        "Reviews followed the Welsh Government guidance."
    );
    let guesses = r
        .warnings
        .iter()
        .filter(|w| w.contains("joined continuation"))
        .count();
    assert_eq!(guesses, 3);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("3.3") && w.contains("a guess")));
}

#[test]
fn a_finished_paragraph_then_capital_text_is_decided_by_the_numbering() {
    // No gap: the text continues 3.1 (like Swansea 3.9). A gap: it is the lost 3.2.
    let r = parse(&report_with("3.1 First.\n\nThere was more.\n\n3.2 Second."));
    assert_eq!(ids(&r, 3), ["3.1", "3.2"]);
    assert_eq!(text(&r, "3.1"), "First. There was more.");
    let r = parse(&report_with("3.1 First.\n\nThere was more.\n\n3.3 Third."));
    assert_eq!(ids(&r, 3), ["3.1", "3.2", "3.3"]);
    assert_eq!(text(&r, "3.2"), "There was more.");
    assert!(r.warnings.iter().any(|w| w.contains("3.2: number lost")));
}

#[test]
fn a_recommendation_whose_number_was_lost_is_inferred() {
    let text = report_with("3.1 x.").replace(
        "1. Improve quality assurance.",
        "- 1. Improve quality assurance.\n- Further develop the fostering service.\n- 3. Review the policy.",
    );
    let r = parse(&text);
    let numbers: Vec<(u32, bool)> = r
        .recommendations
        .iter()
        .map(|x| (x.number, x.inferred))
        .collect();
    assert_eq!(numbers, [(1, false), (2, true), (3, false)]);
    assert_eq!(
        r.recommendations[1].text,
        "Further develop the fostering service."
    );
    assert!(r
        .recommendations
        .iter()
        .all(|x| x.theme == Some(Theme::Safeguarding)));
}

#[test]
fn hard_wrapped_bullets_and_paragraphs_are_joined() {
    let text = report_with(
        "3.1 A long paragraph that was\nwrapped by the extractor at a\n fixed width.\n3.2 Next.",
    )
    .replace(
        "- Staff are proud.",
        "- Staff are proud of\n their work and\n   the results.",
    );
    let r = parse(&text);
    assert_eq!(
        text_of(&r, "3.1"),
        "A long paragraph that was wrapped by the extractor at a fixed width."
    );
    assert_eq!(
        r.overview[1],
        "Staff are proud of their work and the results."
    );
    fn text_of<'a>(r: &'a Report, id: &str) -> &'a str {
        &r.find_paragraph(id).unwrap().1.text
    }
}

#[test]
fn contents_table_with_tabs_dots_or_spaces() {
    let text = format!(
        "Contents\n\nIntroduction\t4\nOverview .......... 5\nSafeguarding      16\n\n{}",
        report_with("3.1 x.")
    );
    let r = parse(&text);
    let got: Vec<(&str, u32)> = r
        .contents
        .iter()
        .map(|c| (c.title.as_str(), c.page))
        .collect();
    assert_eq!(
        got,
        [("Introduction", 4), ("Overview", 5), ("Safeguarding", 16)]
    );
}

#[test]
fn crlf_bom_form_feeds_and_running_footers() {
    let body = report_with("3.1 The first finding runs\n3.2 Second.");
    let mut paged = String::from("\u{feff}");
    for (i, chunk) in body.split("\n\n").collect::<Vec<_>>().chunks(3).enumerate() {
        if i > 0 {
            paged.push('\x0c');
        }
        paged.push_str("CIW Inspection of Ceredigion\n");
        paged.push_str(&chunk.join("\n\n"));
        paged.push_str(&format!("\n\nPage {} of 5\n", i + 1));
    }
    let r = parse_bytes(paged.replace('\n', "\r\n").as_bytes(), "x.txt").unwrap();
    let plain = parse(&body);
    assert_eq!(ids(&r, 3), ids(&plain, 3));
    assert_eq!(r.overview, plain.overview);
    let all: String = r
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.clone()))
        .collect();
    assert!(!all.contains("CIW Inspection of Ceredigion") && !all.contains("Page "));
    assert!(!all.contains('\r') && !all.contains('\x0c') && !all.contains('\u{feff}'));
    assert!(r.warnings.iter().any(|w| w.contains("page furniture")));
}

#[test]
fn curly_quotes_ligatures_and_no_break_spaces() {
    let r = parse(&report_with("3.1 The \u{201c}What\u{a0}Matters\u{201d} conversation was con\u{fb01}dent and e\u{fb03}cient."));
    // Quotes stay readable; ligatures and odd spaces become plain letters and spaces.
    assert_eq!(
        text(&r, "3.1"),
        "The \u{201c}What Matters\u{201d} conversation was confident and efficient."
    );
    assert_eq!(
        ciw::text::fold(text(&r, "3.1")),
        "the \"what matters\" conversation was confident and efficient."
    );
}

#[test]
fn windows_1252_bytes_are_decoded_with_a_warning() {
    let mut bytes = report_with("3.1 The child\u{2019}s voice.").into_bytes();
    let at = bytes
        .windows(3)
        .position(|w| w == "\u{2019}".as_bytes())
        .unwrap();
    bytes.splice(at..at + 3, [0x92]);
    let r = parse_bytes(&bytes, "x.txt").unwrap();
    assert_eq!(text(&r, "3.1"), "The child\u{2019}s voice.");
    assert!(r.warnings.iter().any(|w| w.contains("Windows-1252")));
}

#[test]
fn control_characters_and_escape_sequences_never_reach_the_text() {
    let nasty = "3.1 Safe\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGk=\x1b\\ text\u{7}\u{8}\0 with\r a \u{202e}bidi\u{202c} \u{9b}31m override.";
    let r = parse(&report_with(nasty));
    let json = serde_json::to_string(&r).unwrap();
    let t = text(&r, "3.1");
    assert_eq!(t, "Safe text with a bidi override.");
    for bad in ['\x1b', '\x07', '\x08', '\0', '\r', '\u{202e}', '\u{9b}'] {
        assert!(!json.contains(bad), "{bad:?} survived");
    }
    assert!(r.warnings.iter().any(|w| w.contains("escape sequences")));
}

#[test]
fn theme_title_variants() {
    let text = report_with("3.1 x.")
        .replace("4. Safeguarding", "4. SAFEGUARDING")
        .replace("Safeguarding\n\n1.", "Safeguarding & protection\n\n1.")
        + "\n5. Leadership, management & Governance\n\n5.1 Led well.\n";
    let r = parse(&text);
    assert_eq!(
        r.find_section("4").unwrap().theme,
        Some(Theme::Safeguarding)
    );
    assert_eq!(r.find_section("5").unwrap().theme, Some(Theme::Leadership));
    assert_eq!(r.recommendations[0].theme, Some(Theme::Safeguarding));
    assert_eq!(r.find_section("leadership").unwrap().number, Some(5));
}

#[test]
fn metadata() {
    let r = parse(&report_with("3.1 x."));
    assert_eq!(r.id, "ceredigion-2019-03");
    assert_eq!(r.authority.short, "Ceredigion");
    assert_eq!(r.methodology.fieldwork_days, Some(7));
}

#[test]
fn what_is_not_a_report_is_refused_clearly() {
    assert_eq!(parse_bytes(b"", "a.txt").unwrap_err(), ParseError::Empty);
    // A PDF cut short after its header: damaged, said in one line.
    let e = parse_bytes(b"%PDF-1.5\n%\xe2\xe3", "a.pdf").unwrap_err();
    assert!(matches!(e, ParseError::Pdf(_)), "{e}");
    assert!(!e.to_string().contains('\n'), "{e}");
    assert!(matches!(
        parse_bytes(&[0u8, 1, 2, 3, 0, 0, 200, 13], "a.bin"),
        Err(ParseError::Binary(_))
    ));
    // Readable text of no known layout is read, not refused; only text without prose is.
    let letter = parse_str("Dear Sir,\n\nThank you for your letter.\n", "letter.txt").unwrap();
    assert_eq!(letter.family, ciw::model::Family::Unknown);
    let e = parse_str("### 12 -- 34 ::: %%\n", "symbols.txt").unwrap_err();
    assert_eq!(e, ParseError::NoText, "{e}");
}

#[test]
fn duplicate_numbers_stay_unique() {
    let r = parse(&report_with("3.1 One.\n3.1 Again.\n3.2 Two."));
    assert_eq!(ids(&r, 3), ["3.1", "3.1-2", "3.2"]);
    assert!(r.warnings.iter().any(|w| w.contains("used twice")));
}

/// Areas for development written as "•" bullets are one recommendation each, even when one ends
/// with a comma and the next starts in lower case, in one block or across blank lines; only a
/// wrapped line with no bullet joins the one above. Overview findings the same.
#[test]
fn bullets_are_never_merged_even_after_a_comma() {
    let text = report_with("3.1 x.")
        .replace(
            "1. Improve quality assurance.",
            "• Address recognised gaps in prevention, developing stronger links with community services,\n\
             • improve the quality of assessments,\n\
             • ensure plans are reviewed with children\n  and their families.\n\n\
             • strengthen fostering arrangements,\n\n\
             • Assessments must be updated following a significant change in",
        )
        .replace(
            "- The local authority is committed.\n- Staff are proud.",
            "• The local authority is committed,\n• staff are proud,\n• and partners\nwork well together.",
        );
    let r = parse(&text);
    let recs: Vec<(u32, &str)> = r
        .recommendations
        .iter()
        .map(|x| (x.number, x.text.as_str()))
        .collect();
    assert_eq!(
        recs,
        [
            (1, "Address recognised gaps in prevention, developing stronger links with community services,"),
            (2, "improve the quality of assessments,"),
            (3, "ensure plans are reviewed with children and their families."),
            (4, "strengthen fostering arrangements,"),
            (5, "Assessments must be updated following a significant change in"),
        ],
        "{:?}",
        r.warnings
    );
    assert!(r
        .recommendations
        .iter()
        .all(|x| x.theme == Some(Theme::Safeguarding)));
    assert_eq!(
        r.overview,
        [
            "The local authority is committed,",
            "staff are proud,",
            "and partners work well together."
        ]
    );
}
