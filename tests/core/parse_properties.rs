//! Properties of the parser on arbitrary input: it never panics, never lets a control
//! character through, and stays linear on pathological lines.

use crate::common;

use proptest::prelude::*;

fn report_like() -> impl Strategy<Value = String> {
    // Fragments of real reports mixed with damage, so the structure code is exercised.
    let pieces = prop::sample::select(vec![
        "Introduction",
        "Overview of findings",
        "Areas for development",
        "Safeguarding",
        "3. Care and support",
        "4. Safeguarding",
        "What we expect to see",
        "- 3.1 We saw",
        "3.2We found",
        "- 4.10. The",
        "- Further develop",
        "1. Improve",
        "Care Leavers",
        "young people were",
        "- manager provides",
        "Methodology",
        "Contents",
        "Introduction\t4",
        "\x0c",
        "Page 3 of 20",
        "\x1b[31m",
        "\u{202e}",
        "\r\n",
        "\u{feff}",
        "ﬁ",
        "“",
        "’",
        "\t",
        "",
        " ",
        ".",
        "-",
        "3.",
        "99.99",
        "The",
        "and",
        "of the",
        "\u{a0}",
    ]);
    prop::collection::vec((pieces, any::<bool>()), 0..120).prop_map(|v| {
        v.into_iter()
            .map(|(p, nl)| {
                if nl {
                    format!("{p}\n")
                } else {
                    format!("{p} ")
                }
            })
            .collect()
    })
}

fn no_controls(r: &ciw::Report) {
    let json = serde_json::to_string(r).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn walk(v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => assert!(
                !s.chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "control character in {s:?}"
            ),
            serde_json::Value::Array(a) => a.iter().for_each(walk),
            serde_json::Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    walk(&value);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(r) = ciw::parse::parse_bytes(&bytes, "fuzz.txt") {
            no_controls(&r);
        }
    }

    #[test]
    fn report_like_text_never_panics(text in report_like()) {
        if let Ok(r) = ciw::parse::parse_str(&text, "fuzz-2020-01.txt") {
            no_controls(&r);
        }
    }

}

proptest! {
    // Each case parses a whole 45 KB report: fewer cases, same reach.
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn damaged_samples_never_panic(cut in 0usize..45_000, len in 0usize..3000, junk in "[\\x00-\\x7f]{0,40}") {
        let s = common::SWANSEA;
        let a = s.char_indices().map(|(i, _)| i).find(|i| *i >= cut.min(s.len())).unwrap_or(s.len());
        let b = s.char_indices().map(|(i, _)| i).find(|i| *i >= (a + len).min(s.len())).unwrap_or(s.len());
        let text = format!("{}{junk}{}", &s[..a], &s[b..]);
        if let Ok(r) = ciw::parse::parse_str(&text, "swansea.txt") {
            no_controls(&r);
        }
    }
}

/// A 100,000-character line with no spaces, and 20,000 one-character lines: both must parse
/// quickly (a quadratic step would take minutes here). Speed itself is measured in the
/// `parse` benchmark; this only guards against blow-ups.
#[test]
fn pathological_inputs_finish() {
    let long = format!("{}{}", common::SWANSEA, "x".repeat(100_000));
    assert!(ciw::parse::parse_str(&long, "a.txt").is_ok());
    // 20,000 copies of one paragraph number in section 4: every id stays unique.
    let many = common::SWANSEA.replacen(
        "4.10. The regional",
        &format!("{}4.10. The regional", "- 4.1 X.\n".repeat(20_000)),
        1,
    );
    let r = ciw::parse::parse_str(&many, "b.txt").unwrap();
    let s4 = r.find_section("4").unwrap();
    assert_eq!(s4.paragraphs.len(), 20_010);
    let unique: std::collections::HashSet<&str> =
        s4.paragraphs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(unique.len(), 20_010);
    let escapes = "\x1b]".repeat(50_000);
    assert!(ciw::parse::parse_str(&escapes, "c.txt").is_err());
}
