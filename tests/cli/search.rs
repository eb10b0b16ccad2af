//! `ciw search` end to end: plain lines with deep links, the JSON contract, filters, errors.

use std::process::{Command, Output};

fn ciw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(args)
        .env_remove("CIW_LIBRARY")
        .env("NO_COLOR", "1")
        .output()
        .expect("run ciw")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn plain_lines_with_deep_links() {
    let o = ciw(&["search", "EOTAS"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    assert!(lines[0].starts_with("swansea#R5") || lines[0].starts_with("swansea#3.6"));
    assert!(lines.iter().all(|l| l.contains("EOTAS")), "{out}");
    // Sized to the (default) 80-column width, no escape sequences when piped.
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{out}");
    assert!(!out.contains('\x1b'));
}

#[test]
fn typos_and_limit() {
    let o = ciw(&["search", "plcement stabilty", "--limit", "3"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.lines().next().unwrap().starts_with("pembrokeshire#3.1"),
        "{out}"
    );
}

#[test]
fn json_contract() {
    let o = ciw(&["search", "B&B", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    let h = &hits[0];
    for key in [
        "report",
        "authority",
        "paragraph",
        "section",
        "theme",
        "score",
        "text",
        "matches",
    ] {
        assert!(h.get(key).is_some(), "missing {key}: {h}");
    }
    assert_eq!(h["report"], "swansea-2018-07");
    assert_eq!(h["authority"], "Swansea");
    assert_eq!(h["paragraph"], "3.11");
    assert_eq!(h["theme"], "care-and-support");
    let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
    let m = &h["matches"][0];
    let (s, e) = (
        m[0].as_u64().unwrap() as usize,
        m[1].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "B&B");
}

#[test]
fn recommendation_and_overview_ids() {
    let o = ciw(&["search", "disruption meetings", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["paragraph"], "R3");
    assert_eq!(v[0]["theme"], "care-and-support");
    let o = ciw(&["search", "culture of openness", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["paragraph"], "O2");
}

#[test]
fn filters() {
    let o = ciw(&[
        "search",
        "advocacy",
        "--council",
        "pembrokeshire",
        "--theme",
        "care and support",
        "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["authority"], "Pembrokeshire");
        assert_eq!(h["theme"], "care-and-support");
    }
}

#[test]
fn unknown_council_or_theme_is_a_usage_error() {
    let o = ciw(&["search", "care", "--council", "cardiff"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown council `cardiff`"), "{err}");
    assert!(err.contains("pembrokeshire") && err.contains("swansea"));
    // `--authority`, the option's older name, still works.
    let o = ciw(&["search", "care", "--authority", "cardiff"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown council `cardiff`"));
    let o = ciw(&["search", "care", "--theme", "housing"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("housing") && err.contains("safeguarding"));
    let o = ciw(&["search", "care in:cardiff"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn no_hits_is_helpful_and_succeeds() {
    let o = ciw(&["search", "xylophone"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No paragraph matches"));
    let o = ciw(&["search", "xylophone", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn odd_queries() {
    for q in ["!", "'", "\"", "界", "\x1b[2J", "!!! ''' \"\"\""] {
        let o = ciw(&["search", q]);
        assert!(matches!(o.status.code(), Some(0) | Some(2)), "{q:?}");
        assert!(!stdout(&o).contains("\x1b[2J"));
    }
    let o = ciw(&["search", ""]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn reports_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-reports/swansea-2018-07.txt"
    );
    std::fs::copy(src, dir.path().join("s.txt")).unwrap();
    let o = ciw(&["search", "SERAF", "--reports", dir.path().to_str().unwrap()]);
    // SERAF is only in Pembrokeshire's report.
    assert!(o.status.success());
    assert!(stdout(&o).contains("No paragraph matches"));
    let o = ciw(&["search", "EOTAS", "-r", dir.path().to_str().unwrap()]);
    assert!(stdout(&o).starts_with("swansea#"));
}

#[test]
fn partial_hits_after_a_divider_and_marked_in_json() {
    let o = ciw(&["search", "missing children", "--limit", "8"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let div = lines
        .iter()
        .position(|l| l.contains("more with some words missing"))
        .unwrap_or_else(|| panic!("no divider: {out}"));
    assert_eq!(div, 3, "{out}");
    assert!(lines.len() == 9 && lines[4].contains('#'), "{out}");
    let o = ciw(&["search", "missing children", "--json", "--limit", "8"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let partial: Vec<bool> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["partial"].as_bool().unwrap())
        .collect();
    assert_eq!(partial, [false, false, false, true, true, true, true, true]);
    // The exports say the same: a `partial` column in CSV, a heading in Markdown.
    let o = ciw(&[
        "search",
        "missing children",
        "--format",
        "csv",
        "--limit",
        "8",
    ]);
    assert!(o.status.success());
    let mut csv = csv::Reader::from_reader(o.stdout.as_slice());
    let col = csv
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "partial")
        .expect("a partial column");
    let marks: Vec<bool> = csv.records().map(|r| &r.unwrap()[col] == "yes").collect();
    assert_eq!(marks, partial);
    let o = ciw(&[
        "search",
        "missing children",
        "--format",
        "markdown",
        "--limit",
        "8",
    ]);
    let md = stdout(&o);
    assert!(
        md.contains("8 hits in 2 reports, best first; 5 with some words missing."),
        "{md}"
    );
    let (complete, rest) = md
        .split_once("## 5 more with some words missing\n")
        .unwrap_or_else(|| panic!("no heading: {md}"));
    assert_eq!(complete.matches("\n   — ").count(), 3, "{md}");
    assert_eq!(rest.matches("\n   — ").count(), 5, "{md}");
    assert!(rest.trim_start().starts_with("4. "), "{md}");
    // Every hit with every word: no heading, no note.
    let o = ciw(&[
        "search",
        "placement",
        "--format",
        "markdown",
        "--limit",
        "3",
    ]);
    let md = stdout(&o);
    assert!(
        !md.contains("words missing") && md.contains("best first."),
        "{md}"
    );
    // The limit filled by hits with every word: no divider, as many lines as asked.
    let o = ciw(&["search", "placement", "--limit", "3"]);
    assert_eq!(stdout(&o).lines().count(), 3);
}

#[test]
fn stop_words_alone_are_refused_with_a_reason() {
    let o = ciw(&["search", "xyzzy and"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("xyzzy") && out.contains("too common"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    let o = ciw(&["search", "the", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]");
    assert!(String::from_utf8_lossy(&o.stderr).contains("too common"));
}

#[test]
fn acronyms_table_and_the_hits_that_use_it() {
    let o = ciw(&["search", "--acronyms"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let cse = out
        .lines()
        .find(|l| l.starts_with("CSE "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        cse.contains("child sexual exploitation") && cse.contains("defined"),
        "{cse}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("LAC ") && l.ends_with("(built in)")),
        "{out}"
    );
    let o = ciw(&["search", "--acronyms", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let iro = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["short"] == "IRO")
        .expect("IRO");
    assert_eq!(iro["source"], "corpus");
    assert!(iro["first"].as_str().unwrap().contains('#'));
    // A hit found through an acronym says which.
    let o = ciw(&["search", "CSE", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let h = v
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["link"] == "swansea#4.1")
        .expect("swansea#4.1");
    assert_eq!(h["acronyms"][0]["short"], "CSE");
    assert_eq!(h["acronyms"][0]["long"], "child sexual exploitation");
    // A query is needed without --acronyms.
    assert_eq!(ciw(&["search"]).status.code(), Some(2));
}

/// A hit in a report read from a PDF carries the pages of its paragraph: in the plain line,
/// the JSON, the CSV export, and from a library's stored index as from files.
#[test]
fn hits_carry_their_pages() {
    let pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/swansea-2018-07-groff.pdf"
    );
    let report = ciw::parse::parse_bytes(&std::fs::read(pdf).unwrap(), "swansea.pdf").unwrap();
    let (_, para) = report.find_paragraph("3.11").unwrap();
    let pages = para.pages.expect("a PDF paragraph has pages");
    let want = serde_json::json!([pages.0, pages.1]);

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(pdf, dir.path().join("swansea.pdf")).unwrap();
    let reports = dir.path().to_str().unwrap();
    let o = ciw(&["search", "B&B", "-r", reports, "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["paragraph"], "3.11");
    assert_eq!(v[0]["pages"], want, "{v}");

    let o = ciw(&["search", "B&B", "-r", reports, "--limit", "1"]);
    let line = stdout(&o);
    assert!(
        line.starts_with(&format!("swansea#3.11 ({})", pages.label())),
        "{line}"
    );

    let o = ciw(&["search", "B&B", "-r", reports, "--format", "csv"]);
    let csv = stdout(&o);
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let col = header.iter().position(|c| *c == "page").unwrap();
    let first = rows.next().unwrap();
    assert!(
        first
            .split(',')
            .nth(col)
            .unwrap()
            .contains(&pages.0.to_string()),
        "{csv}"
    );

    // From a library: the stored index keeps the pages.
    let lib = dir.path().join("lib");
    let lib = lib.to_str().unwrap();
    let o = ciw(&["import", "--library", lib, reports]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = ciw(&["search", "B&B", "--library", lib, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["pages"], want, "{v}");
    // Text without page breaks has none.
    let o = ciw(&["search", "B&B", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v[0].get("pages").is_none(), "{v}");
}
