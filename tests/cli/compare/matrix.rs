//! `ciw compare --matrix`: the themes by council, with methodology and counts, in JSON and as a
//! table that fits its width.

use super::{assert_fits, ciw, json, stdout, strings};
use serde_json::Value;

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
