//! `ciw compare --json`: every theme's columns, the subsections aligned across columns, and the
//! councils that pick and order the columns.

use super::{ids, json, numbers, strings};
use serde_json::Value;

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
