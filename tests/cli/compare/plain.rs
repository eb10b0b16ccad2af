//! The plain side-by-side page: two readable columns, subsections level across them, one column
//! when narrow, every width fitted, a report lacking the theme, and the page as a snapshot.

use super::{assert_fits, ciw, json, numbers, stderr, stdout};
use serde_json::Value;

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
fn a_report_lacking_the_theme_still_gets_a_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = crate::common::SWANSEA;
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
