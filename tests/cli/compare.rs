//! `ciw compare` end to end over the sample reports: the JSON of all five themes, subsection
//! alignment, the plain side-by-side page at several widths, the matrix, and usage errors.

use serde_json::Value;
use std::process::{Command, Output};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_ciw");

/// Runs `ciw` on the built-in samples (no library involved).
fn ciw(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CIW_LIBRARY", "/nonexistent-ciw-library-for-tests")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs ciw")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(args: &[&str]) -> Value {
    let o = ciw(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// `prefix.1` .. `prefix.n`.
fn ids(prefix: u32, range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|i| format!("{prefix}.{i}")).collect()
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| match &x[field] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

fn numbers(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|r| r["number"].as_u64().expect("number"))
        .collect()
}

#[test]
fn json_for_all_five_themes() {
    // (theme, section number, Pembrokeshire paragraphs, recommendations, Swansea paragraphs,
    // recommendations), as the reports print them.
    type Expected = (&'static str, u32, u32, Vec<u64>, u32, Vec<u64>);
    let expected: [Expected; 5] = [
        ("access", 1, 6, vec![], 9, vec![1, 2]),
        ("assessment", 2, 5, vec![1], 7, vec![3]),
        (
            "care-and-support",
            3,
            21,
            (2..=7).collect(),
            23,
            (4..=6).collect(),
        ),
        ("safeguarding", 4, 7, vec![8], 10, vec![7, 8]),
        ("leadership", 5, 10, vec![9, 10], 11, vec![9, 10]),
    ];
    for (theme, n, pem_paras, pem_recs, swa_paras, swa_recs) in expected {
        let v = json(&["compare", theme, "--json"]);
        assert_eq!(v["theme"], theme);
        let cols = v["columns"].as_array().expect("columns");
        assert_eq!(cols.len(), 2, "{theme}");
        let (pem, swa) = (&cols[0], &cols[1]);
        assert_eq!(pem["authority"], "Pembrokeshire");
        assert_eq!(swa["authority"], "Swansea");
        assert_eq!(pem["inspection"]["year"], 2018);
        assert_eq!(swa["inspection"]["month"], "July");
        for (col, count, recs) in [(pem, pem_paras, &pem_recs), (swa, swa_paras, &swa_recs)] {
            let who = col["authority"].as_str().unwrap_or("?");
            assert_eq!(
                strings(&col["paragraphs"], "id"),
                ids(n, 1..=count),
                "{theme} {who}"
            );
            assert_eq!(&numbers(&col["recommendations"]), recs, "{theme} {who}");
            assert_eq!(col["section_number"], n);
            let title = col["section_title"].as_str().expect("section title");
            assert_eq!(
                ciw::Theme::from_title(title).map(|t| t.key()),
                Some(theme),
                "{title}"
            );
            for p in col["paragraphs"].as_array().expect("paragraphs") {
                assert!(p["text"].as_str().is_some_and(|t| t.len() > 40), "{p}");
                assert!(p.get("subsection").is_some());
            }
            for r in col["recommendations"].as_array().expect("recs") {
                assert!(r["text"].as_str().is_some_and(|t| t.len() > 20), "{r}");
            }
        }
        assert!(v["expectations"].as_str().is_some_and(|e| e.len() > 100));
        // The wordings differ only by an apostrophe (carer's / carers) in assessment.
        assert_eq!(v["expectations_differ"], serde_json::json!([]), "{theme}");
    }
}

#[test]
fn care_and_support_subsections_align_summary_with_unheaded_opening() {
    let v = json(&["compare", "care-and-support", "--json"]);
    let rows: Vec<String> = strings(&v["rows"], "label");
    assert_eq!(
        rows,
        [
            "Summary of findings",
            "Care Leavers",
            "Long Term Planning",
            "Placement choice, stability and wellbeing",
            "Participation"
        ]
    );
    let groups = |c: usize| -> Vec<(Value, Vec<String>)> {
        v["columns"][c]["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| {
                (
                    g["heading"].clone(),
                    g["ids"]
                        .as_array()
                        .expect("ids")
                        .iter()
                        .map(|i| i.as_str().unwrap_or_default().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    let pem = groups(0);
    let swa = groups(1);
    // Pembrokeshire heads its opening paragraphs "Summary of findings"; Swansea's are un-headed.
    // Both are the section's opening findings, so they share the first row.
    assert_eq!(pem[0], (Value::from("Summary of findings"), ids(3, 1..=4)));
    assert_eq!(swa[0], (Value::Null, ids(3, 1..=7)));
    assert_eq!(pem[1].1, ids(3, 5..=11));
    assert_eq!(swa[1].1, ids(3, 8..=13));
    assert_eq!(pem[2].1, ids(3, 12..=14));
    assert_eq!(swa[2].1, ids(3, 14..=16));
    assert_eq!(pem[3].1, ids(3, 15..=19));
    assert_eq!(swa[3].1, ids(3, 17..=20));
    assert_eq!(pem[4].1, ids(3, 20..=21));
    assert_eq!(swa[4].1, ids(3, 21..=23));
    assert_eq!(swa[4].0, "Participation");
}

fn assert_fits(text: &str, width: usize) {
    for (i, l) in text.lines().enumerate() {
        assert!(
            l.width() <= width,
            "line {} is {} wide (> {width}): {l:?}",
            i + 1,
            l.width()
        );
    }
}

#[test]
fn plain_at_width_100_is_two_readable_columns() {
    let o = ciw(&["compare", "safeguarding", "--width", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_fits(&text, 100);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Safeguarding: 2 reports side by side");
    assert!(lines[1].starts_with("What we expect to see"));
    let head = lines
        .iter()
        .find(|l| l.starts_with("Pembrokeshire"))
        .expect("a header line");
    assert!(head.contains(" │ Swansea"), "{head}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("September 2018") && l.contains("│ July 2018")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("4. Safeguarding") && l.contains("│ 4. Safeguarding")));
    // Recommendations come before the paragraphs in each column.
    let r8 = text.find("R8 Ensure the policies").expect("R8");
    let p41 = text.find("4.1 There was evidence").expect("4.1");
    assert!(r8 < p41);
    assert!(text.contains("│ R7 Improve analysis"));
    assert!(text.contains("│ 4.10 The regional safeguarding board"));
    // No Pembrokeshire paragraph beyond 4.7.
    assert!(!text.contains("4.8 ") || text.contains("│ 4.8"));
}

#[test]
fn subsections_stay_level_across_columns() {
    let text = stdout(&ciw(&["compare", "care-and-support", "--width", "120"]));
    assert_fits(&text, 120);
    for h in [
        "Care Leavers",
        "Long Term Planning",
        "Placement choice, stability and wellbeing",
        "Participation",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("── {h} ─")))
            .unwrap_or_else(|| panic!("no heading {h}"));
        assert_eq!(line.matches(h).count(), 2, "{h} not level: {line}");
    }
    let opening = text
        .lines()
        .find(|l| l.contains("Summary of findings"))
        .expect("opening row");
    assert!(opening.contains("(before any heading)"), "{opening}");
}

#[test]
fn narrow_width_falls_back_to_one_column_and_says_how_to_see_the_rest() {
    let o = ciw(&["compare", "safeguarding", "--width", "60"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_fits(&text, 60);
    assert!(!text.contains('│'), "one column only");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Not shown at this width: Swansea (July 2018)."),
        "{flat}"
    );
    assert!(flat.contains("--width 79"), "{flat}");
    assert!(flat.contains("ciw compare safeguarding swansea"), "{flat}");
    // The hint works.
    let o = ciw(&["compare", "safeguarding", "swansea", "--width", "60"]);
    let text = stdout(&o);
    assert!(text.contains("\nSwansea\n"), "{text}");
    assert!(!text.contains("Not shown"));
    // At 79 both fit.
    let text = stdout(&ciw(&["compare", "safeguarding", "--width", "79"]));
    assert_fits(&text, 79);
    assert!(text.contains('│'));
}

#[test]
fn every_theme_fits_every_width() {
    for theme in [
        "access",
        "assessment",
        "care-and-support",
        "safeguarding",
        "leadership",
    ] {
        for w in ["20", "38", "80", "100", "160", "250"] {
            let o = ciw(&["compare", theme, "--width", w, "--ascii"]);
            assert!(o.status.success(), "{theme} {w}: {}", stderr(&o));
            let text = stdout(&o);
            assert_fits(&text, w.parse().unwrap_or(0));
            assert!(text.is_ascii() || !text.contains(['│', '─']), "{text}");
        }
    }
}

#[test]
fn authorities_pick_and_order_columns() {
    let v = json(&["compare", "access", "swansea", "pembrokeshire", "--json"]);
    assert_eq!(
        strings(&v["columns"], "authority"),
        ["Swansea", "Pembrokeshire"]
    );
    let v = json(&["compare", "iaa", "Swansea", "swansea-2018-07", "--json"]);
    assert_eq!(strings(&v["columns"], "authority"), ["Swansea"]);
    assert_eq!(v["theme"], "access");
    let v = json(&["compare", "care", "pemb", "--json"]);
    assert_eq!(v["theme"], "care-and-support");
    assert_eq!(strings(&v["columns"], "report"), ["pembrokeshire-2018-09"]);
}

#[test]
fn matrix_over_the_samples() {
    let v = json(&["compare", "--matrix", "--json"]);
    let themes: Vec<&str> = v["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        themes,
        [
            "access",
            "assessment",
            "care-and-support",
            "safeguarding",
            "leadership"
        ]
    );
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    let (pem, swa) = (&rows[0], &rows[1]);
    assert_eq!(pem["authority"], "Pembrokeshire");
    assert_eq!(pem["methodology"]["fieldwork_days"], 8);
    assert_eq!(pem["methodology"]["case_files_reviewed"], 50);
    assert_eq!(pem["methodology"]["supervision_files"], Value::Null);
    assert_eq!(swa["methodology"]["fieldwork_days"], 9);
    assert_eq!(swa["methodology"]["case_files_reviewed"], 69);
    assert_eq!(swa["methodology"]["supervision_files"], 8);
    let counts = |row: &Value, field: &str| -> Vec<u64> {
        row["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .filter_map(|c| c[field].as_u64())
            .collect()
    };
    assert_eq!(counts(pem, "recommendations"), [0, 1, 6, 1, 2]);
    assert_eq!(counts(swa, "recommendations"), [2, 1, 3, 2, 2]);
    assert_eq!(counts(pem, "paragraphs"), [6, 5, 21, 7, 10]);
    assert_eq!(counts(swa, "paragraphs"), [9, 7, 23, 10, 11]);

    let o = ciw(&["compare", "--matrix", "--width", "80"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert_fits(&text, 80);
    let line = |who: &str, nth: usize| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with(who))
            .nth(nth)
            .unwrap_or_default()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        line("Pembrokeshire", 0),
        [
            "Pembrokeshire",
            "Sep 2018",
            "0 / 6",
            "1 / 5",
            "6 / 21",
            "1 / 7",
            "2 / 10"
        ]
    );
    assert_eq!(
        line("Swansea", 1),
        ["Swansea", "Jul 2018", "9", "69", "20", "4", "8"]
    );
    // One theme, one council.
    let v = json(&["compare", "--matrix", "safeguarding", "swansea", "--json"]);
    assert_eq!(v["themes"], serde_json::json!(["safeguarding"]));
    assert_eq!(strings(&v["rows"], "authority"), ["Swansea"]);
    // Only authorities.
    let v = json(&["compare", "--matrix", "pembrokeshire", "--json"]);
    assert_eq!(v["themes"].as_array().map(Vec::len), Some(5));
    assert_eq!(strings(&v["rows"], "authority"), ["Pembrokeshire"]);
    // Narrow: the table continues below rather than being cut.
    let text = stdout(&ciw(&["compare", "--matrix", "--width", "40"]));
    assert_fits(&text, 40);
    assert!(!text.contains('…'), "{text}");
    assert!(text.contains("Supervision"));
}

#[test]
fn usage_errors_exit_2_and_list_what_is_valid() {
    let o = ciw(&["compare", "safegaurding", "--width", "100"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("unknown theme `safegaurding`"), "{e}");
    for k in [
        "access",
        "assessment",
        "care-and-support",
        "safeguarding",
        "leadership",
    ] {
        assert!(e.contains(k), "{e}");
    }
    assert!(o.stdout.is_empty());

    let o = ciw(&["compare", "safeguarding", "cardiff"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("no report for authority `cardiff`"), "{e}");
    assert!(e.contains("pembrokeshire, swansea"), "{e}");
    assert!(o.stdout.is_empty());

    let o = ciw(&["compare", "swansea", "safeguarding", "pembrokeshire"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("the theme comes first: ciw compare safeguarding swansea pembrokeshire"),
        "{}",
        stderr(&o)
    );

    let o = ciw(&["compare"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("which theme?") && e.contains("care-and-support"),
        "{e}"
    );

    let o = ciw(&["compare", "leadership", "--width", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--width 5 is too narrow"));

    let o = ciw(&["compare", "--matrix", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no report for authority `nowhere`"));

    // Escape sequences in arguments are not echoed to the terminal.
    let o = ciw(&["compare", "x\x1b]0;pwned\x07y"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains('\x1b'));
}

#[test]
fn a_report_lacking_the_theme_still_gets_a_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../../sample-reports/swansea-2018-07.txt");
    let start = text.find("\n4. Safeguarding\n").expect("section 4");
    let end = text.find("\n5. Leadership").expect("section 5");
    let cut = format!("{}{}", &text[..start], &text[end..]);
    let path = dir.path().join("swansea-2018-07.txt");
    std::fs::write(&path, cut).expect("write");
    let path = path.to_string_lossy().to_string();

    let v = json(&["-r", &path, "compare", "safeguarding", "--json"]);
    let col = &v["columns"][0];
    assert_eq!(col["section_title"], Value::Null);
    assert_eq!(col["paragraphs"], serde_json::json!([]));
    assert_eq!(numbers(&col["recommendations"]), [7, 8]);

    let o = ciw(&["-r", &path, "compare", "safeguarding", "--width", "80"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("No section on this theme"), "{text}");
    assert!(text.contains("R7 Improve analysis"), "{text}");
}

#[test]
fn plain_snapshot_at_width_100() {
    let text = stdout(&ciw(&["compare", "safeguarding", "--width", "100"]));
    insta::assert_snapshot!("safeguarding_width_100", text);
    let text = stdout(&ciw(&["compare", "care-and-support", "--width", "80"]));
    insta::assert_snapshot!("care_and_support_width_80", text);
}

/// A report shaped as a performance evaluation inspection (PEI), beside the two 2018 samples.
const PEI: &str = "tests/fixtures/ceredigion-2023-05-pei.txt";

#[test]
fn a_pei_report_and_a_2018_report_side_by_side_on_safeguarding() {
    let v = json(&[
        "-r",
        PEI,
        "-r",
        "sample-reports/swansea-2018-07.txt",
        "compare",
        "safeguarding",
        "--json",
    ]);
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

    let o = ciw(&[
        "-r",
        PEI,
        "-r",
        "sample-reports/swansea-2018-07.txt",
        "compare",
        "safeguarding",
        "--width",
        "100",
    ]);
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
