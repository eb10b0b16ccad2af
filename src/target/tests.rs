use super::*;

fn corpus() -> Corpus {
    Corpus::samples()
}

fn section_key(c: &Corpus, t: &Target) -> String {
    c.reports[t.report].sections[t.section.unwrap()].key()
}

fn para_id(c: &Corpus, t: &Target) -> String {
    c.reports[t.report].sections[t.section.unwrap()].paragraphs[t.paragraph.unwrap()]
        .id
        .clone()
}

#[test]
fn bare_authority() {
    let c = corpus();
    let t = resolve(&c, "swansea").unwrap();
    assert_eq!(c.reports[t.report].authority.short, "Swansea");
    assert_eq!(t.section, None);
    assert_eq!(t.paragraph, None);
    let t = resolve(&c, "Swansea#").unwrap();
    assert_eq!(t.section, None);
}

#[test]
fn paragraphs_findings_and_recommendations() {
    let c = corpus();
    let t = resolve(&c, "swansea#3.18").unwrap();
    assert_eq!(section_key(&c, &t), "3");
    assert_eq!(para_id(&c, &t), "3.18");
    let t = resolve(&c, "swansea#r5").unwrap();
    assert_eq!(para_id(&c, &t), "R5");
    assert_eq!(section_key(&c, &t), "areas-for-development");
    let t = resolve(&c, "pembrokeshire#O3").unwrap();
    assert_eq!(para_id(&c, &t), "O3");
    assert_eq!(section_key(&c, &t), "overview");
    let t = resolve(&c, "swansea#methodology.4").unwrap();
    assert_eq!(para_id(&c, &t), "methodology.4");
}

#[test]
fn sections_by_number_key_theme_and_alias() {
    let c = corpus();
    let t = resolve(&c, "swansea#3").unwrap();
    assert_eq!(section_key(&c, &t), "3");
    assert_eq!(t.paragraph, None);
    let t = resolve(&c, "swansea#safeguarding").unwrap();
    assert_eq!(section_key(&c, &t), "4");
    let t = resolve(&c, "swansea#Methodology").unwrap();
    assert_eq!(section_key(&c, &t), "methodology");
    let t = resolve(&c, "swansea#recommendations").unwrap();
    assert_eq!(section_key(&c, &t), "areas-for-development");
    let t = resolve(&c, "swansea#care and support").unwrap();
    assert_eq!(section_key(&c, &t), "3");
}

#[test]
fn unknown_authority_lists_the_loaded_ones() {
    let c = corpus();
    let e = resolve(&c, "cardiff#3.1").unwrap_err();
    assert!(matches!(e, TargetError::UnknownAuthority { .. }));
    let msg = e.to_string();
    assert!(msg.contains("cardiff"), "{msg}");
    assert!(msg.contains("pembrokeshire, swansea"), "{msg}");
}

#[test]
fn unknown_id_says_what_exists() {
    let c = corpus();
    let e = resolve(&c, "swansea#3.99").unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("Swansea has no paragraph or section \"3.99\""),
        "{msg}"
    );
    assert!(msg.contains("3.1-3.23"), "{msg}");
    let e = resolve(&c, "swansea#R99").unwrap_err();
    assert!(e.to_string().contains("R1-R10"), "{e}");
    let e = resolve(&c, "swansea#nonsense").unwrap_err();
    assert!(e.to_string().contains("methodology"), "{e}");
}

#[test]
fn empty_authority_is_an_error() {
    let c = corpus();
    assert!(matches!(
        resolve(&c, "#3.18"),
        Err(TargetError::NoAuthority { .. })
    ));
    assert!(resolve(&c, "").is_err());
    assert!(resolve(&c, "   ").is_err());
}

#[test]
fn ambiguous_prefix_names_candidates() {
    let mut c = corpus();
    let mut other = c.reports[0].clone();
    other.authority.short = "Pembroke Dock".into();
    other.id = "pembroke-dock-2018-09".into();
    c = Corpus::new(vec![c.reports[0].clone(), c.reports[1].clone(), other]);
    let e = resolve(&c, "pembr").unwrap_err();
    assert!(matches!(e, TargetError::Ambiguous { .. }), "{e}");
    assert!(e.to_string().contains("pembroke-dock"), "{e}");
}

fn at(c: &Corpus, name: &str) -> Option<usize> {
    c.reports.iter().position(|r| r.authority.short == name)
}

#[test]
fn relative_targets_use_the_report_being_read() {
    let c = corpus();
    let here = at(&c, "Pembrokeshire");
    for (input, want) in [
        ("#R5", "R5"),
        ("R5", "R5"),
        ("r5", "R5"),
        ("3.18", "3.18"),
        ("#3.18", "3.18"),
        (":3.18", "3.18"),
        ("O3", "O3"),
    ] {
        let t = resolve_from(&c, input, here).unwrap();
        assert_eq!(Some(t.report), here, "{input}");
        assert_eq!(para_id(&c, &t), want, "{input}");
    }
    let t = resolve_from(&c, "#safeguarding", here).unwrap();
    assert_eq!(Some(t.report), here);
    assert_eq!(section_key(&c, &t), "4");
    assert_eq!(t.paragraph, None);
    // A bare section name that is not a council.
    let t = resolve_from(&c, "methodology", here).unwrap();
    assert_eq!(section_key(&c, &t), "methodology");
    let t = resolve_from(&c, "3", here).unwrap();
    assert_eq!(section_key(&c, &t), "3");
}

#[test]
fn absolute_targets_ignore_the_current_report() {
    let c = corpus();
    let here = at(&c, "Swansea");
    let t = resolve_from(&c, "pembrokeshire#R5", here).unwrap();
    assert_eq!(Some(t.report), at(&c, "Pembrokeshire"));
    assert_eq!(para_id(&c, &t), "R5");
    let t = resolve_from(&c, "pembrokeshire", here).unwrap();
    assert_eq!(Some(t.report), at(&c, "Pembrokeshire"));
    assert_eq!(t.section, None);
    let t = resolve_from(&c, "  pemb ", here).unwrap();
    assert_eq!(Some(t.report), at(&c, "Pembrokeshire"));
    let t = resolve_from(&c, "pembrokeshire-2018-09#3.1", None).unwrap();
    assert_eq!(para_id(&c, &t), "3.1");
}

#[test]
fn relative_target_errors_are_clear() {
    let c = corpus();
    let e = resolve_from(&c, "#R5", None).unwrap_err();
    assert!(matches!(e, TargetError::NoReportOpen { .. }), "{e}");
    assert!(e.to_string().contains("#R5"), "{e}");
    let e = resolve_from(&c, "R5", None).unwrap_err();
    assert!(matches!(e, TargetError::NoReportOpen { .. }), "{e}");
    let here = at(&c, "Swansea");
    let e = resolve_from(&c, "R99", here).unwrap_err();
    assert!(e.to_string().contains("R1-R10"), "{e}");
    let e = resolve_from(&c, "cardiff", here).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, TargetError::Unknown { .. }), "{msg}");
    assert!(msg.contains("pembrokeshire, swansea"), "{msg}");
    assert!(msg.contains("methodology"), "{msg}");
    assert!(resolve_from(&c, "#", here).is_err());
    assert!(resolve_from(&c, "", here).is_err());
    assert!(resolve_from(&c, ":", here).is_err());
    let e = resolve_from(&c, "cardiff#3.1", here).unwrap_err();
    assert!(matches!(e, TargetError::UnknownAuthority { .. }), "{e}");
}

#[test]
fn ids_and_names_are_told_apart() {
    for id in ["3", "3.18", "R5", "r12", "O3", "methodology.4"] {
        assert!(looks_like_id(id), "{id}");
    }
    for name in ["swansea", "r", "rhondda", "o", "safeguarding", "Oxford"] {
        assert!(!looks_like_id(name), "{name}");
    }
}

#[test]
fn search_queries_that_are_targets() {
    for q in ["R5", "3.18", "pembrokeshire#R5", "#safeguarding", " r5 "] {
        assert!(is_target_like(q), "{q}");
    }
    for q in ["", "placement stability", "swansea", "care #1", "eotas"] {
        assert!(!is_target_like(q), "{q}");
    }
}

#[test]
fn completes_councils_and_sections() {
    let c = corpus();
    assert_eq!(complete(&c, "pem", None, 10), ["pembrokeshire"]);
    assert_eq!(complete(&c, ":sw", None, 10), ["swansea"]);
    // Contained, after prefixes.
    assert_eq!(complete(&c, "shire", None, 10), ["pembrokeshire"]);
    assert_eq!(complete(&c, "", None, 10), ["pembrokeshire", "swansea"]);
    assert_eq!(complete(&c, "", None, 1), ["pembrokeshire"]);
    let s = complete(&c, "swansea#saf", None, 10);
    assert_eq!(s, ["swansea#safeguarding"]);
    let s = complete(&c, "swansea#", None, 20);
    assert!(s.contains(&"swansea#methodology".to_string()), "{s:?}");
    assert!(s.contains(&"swansea#3".to_string()), "{s:?}");
    let s = complete(&c, "#meth", at(&c, "Swansea"), 10);
    assert_eq!(s, ["#methodology"]);
    assert!(complete(&c, "#meth", None, 10).is_empty());
    assert!(complete(&c, "cardiff#", None, 10).is_empty());
    assert!(complete(&c, "zzz", None, 10).is_empty());
}

#[test]
fn completion_offers_report_ids_of_a_council_with_two_reports() {
    let c = corpus();
    let mut later = c.reports[1].clone();
    later.id = format!("{}-2021-03", slug(&later.authority.short));
    let name = slug(&later.authority.short);
    let c = Corpus::new(vec![
        c.reports[0].clone(),
        c.reports[1].clone(),
        later.clone(),
    ]);
    let s = complete(&c, &name[..3], None, 10);
    assert_eq!(s[0], name);
    assert!(s.contains(&later.id), "{s:?}");
    assert_eq!(s.len(), 3, "{s:?}");
}

#[test]
fn never_panics_on_odd_input() {
    let c = corpus();
    for s in [
        "#",
        "##",
        "swansea##",
        "swansea#.",
        "swansea#3.",
        "ŵ#ŷ",
        "\u{1b}[2J#x",
    ] {
        let _ = resolve(&c, s);
    }
    let empty = Corpus::default();
    assert!(resolve(&empty, "swansea").is_err());
    for s in ["#", "##", ":", "R", "3.", "\u{1b}[2J", "ŵ#", "#ŷ", "a#b#c"] {
        let _ = resolve_from(&c, s, Some(0));
        let _ = resolve_from(&c, s, Some(99));
        let _ = resolve_from(&empty, s, None);
        let _ = complete(&c, s, Some(0), 5);
        let _ = complete(&empty, s, None, 5);
    }
}
