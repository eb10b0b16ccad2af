//! Two frameworks compared: a performance evaluation inspection (PEI) beside the 2018 reports,
//! and the theme names of either framework, in English and Welsh.

use super::{assert_fits, ciw, json, numbers, stderr, stdout, strings, PEI};
use serde_json::Value;

#[test]
fn a_pei_report_and_a_2018_report_side_by_side_on_safeguarding() {
    // The PEI and Swansea compared on safeguarding, with these flags.
    let safeguarding = |flags: &[&'static str]| {
        let mut args = vec![
            "-r",
            PEI,
            "-r",
            "sample-reports/swansea-2018-07.txt",
            "compare",
            "safeguarding",
        ];
        args.extend_from_slice(flags);
        args
    };
    let v = json(&safeguarding(&["--json"]));
    assert_eq!(
        strings(&v["columns"], "authority"),
        ["Ceredigion", "Swansea"]
    );
    assert_eq!(
        strings(&v["columns"], "framework"),
        ["act-principles", "inspection-2018"]
    );
    assert_eq!(
        strings(&v["columns"], "section_title"),
        ["Safeguarding", "Safeguarding"]
    );
    assert_eq!(numbers(&v["columns"][0]["recommendations"]), [3, 4]);
    assert_eq!(numbers(&v["columns"][1]["recommendations"]), [7, 8]);

    let o = ciw(&safeguarding(&["--width", "100"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_fits(&text, 100);
    let row = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {text}"))
    };
    assert!(row("Ceredigion").contains("│ Swansea"));
    assert!(row("Act principles (PEI)").contains("│ 2018 inspection themes"));
    assert!(row("5. Safeguarding").contains("│ 4. Safeguarding"));
    // Ceredigion's findings sit beside Swansea's, never under "Not in this report".
    assert!(!text.contains("Not in this report"), "{text}");
    assert!(row("── Safeguarding enquiries").contains("│ 4.1"), "{text}");
}

#[test]
fn either_frameworks_theme_names_are_accepted() {
    for (typed, key) in [
        ("voice", "people-voice-and-control"),
        ("People – voice and control", "people-voice-and-control"),
        ("prevention", "prevention"),
        ("partnerships", "partnerships-and-integration"),
        ("wellbeing", "well-being"),
        ("safeguarding", "safeguarding"),
        ("leadership", "leadership"),
        // In Welsh, as CIW's Welsh reports head them.
        ("Diogelu", "safeguarding"),
        ("Llesiant", "well-being"),
        ("atal", "prevention"),
        ("Llais a rheolaeth", "people-voice-and-control"),
        (
            "Partneriaethau ac integreiddio",
            "partnerships-and-integration",
        ),
        ("Arweinyddiaeth", "leadership"),
        ("Gofal a chymorth", "care-and-support"),
        ("Asesu", "assessment"),
        ("Mynediad", "access"),
    ] {
        let v = json(&[
            "-r",
            PEI,
            "-r",
            "sample-reports",
            "compare",
            typed,
            "--json",
        ]);
        assert_eq!(v["theme"], key, "{typed}");
        assert_eq!(v["columns"].as_array().map(Vec::len), Some(3), "{typed}");
        // The council with text on the theme comes first.
        let first = &v["columns"][0];
        assert!(
            first["section_title"].is_string()
                || !first["recommendations"]
                    .as_array()
                    .is_none_or(Vec::is_empty),
            "{typed}: {first}"
        );
    }
    let o = ciw(&["compare", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    for k in [
        "2018 inspection themes",
        "Act principles (PEI)",
        "people-voice-and-control",
        "well-being",
    ] {
        assert!(e.contains(k), "{e}");
    }

    // The matrix of the PEI and the two samples, with these flags.
    let matrix = |flags: &[&str]| {
        let mut args = vec!["-r", PEI, "-r", "sample-reports", "compare", "--matrix"];
        args.extend_from_slice(flags);
        ciw(&args)
    };
    let v: Value = serde_json::from_slice(&matrix(&["--json"]).stdout).expect("JSON");
    assert_eq!(v["themes"].as_array().map(Vec::len), Some(9));
    assert_eq!(
        strings(&v["rows"], "framework"),
        ["act-principles", "inspection-2018", "inspection-2018"]
    );
    // The CSV says which framework each council's report uses.
    let csv = stdout(&matrix(&["--format", "csv"]));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "framework").unwrap();
    let frameworks: Vec<&str> = lines.map(|l| l.split(',').nth(at).unwrap()).collect();
    assert_eq!(
        frameworks,
        ["act-principles", "inspection-2018", "inspection-2018"],
        "{csv}"
    );
    let text = stdout(&matrix(&["--width", "80"]));
    assert_fits(&text, 80);
    assert!(
        text.contains("Framework") && text.contains("Well-being"),
        "{text}"
    );
}
