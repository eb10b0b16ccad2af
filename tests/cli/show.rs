//! `ciw list` and `ciw show`: the shell twins of the explorer, on the built-in samples.

use std::process::{Command, Output};

fn ciw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(args)
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs ciw")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

#[test]
fn list_plain_has_both_samples_with_counts() {
    let o = ciw(&["list"]);
    assert!(o.status.success(), "{o:?}");
    let s = stdout(&o);
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].starts_with("Council"), "{s}");
    assert!(
        lines[1].starts_with("Pembrokeshire") && lines[1].contains("September 2018"),
        "{s}"
    );
    assert!(
        lines[2].starts_with("Swansea") && lines[2].contains("July 2018"),
        "{s}"
    );
    assert!(
        lines[2].contains(" 60 ") && lines[2].contains(" 10 "),
        "{s}"
    );
    for l in &lines {
        assert!(l.chars().count() <= 80, "too wide: {l:?}");
    }
}

#[test]
fn list_json_is_an_array_of_summaries() {
    let o = ciw(&["list", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let a = v.as_array().expect("array");
    assert_eq!(a.len(), 2);
    assert_eq!(a[1]["id"], "swansea-2018-07");
    assert_eq!(a[1]["authority"]["short"], "Swansea");
    assert_eq!(a[1]["paragraphs"], 60);
    assert_eq!(a[1]["recommendations"], 10);
}

#[test]
fn show_paragraph_plain_and_json() {
    let o = ciw(&["show", "swansea#3.18"]);
    assert!(o.status.success(), "{o:?}");
    let s = stdout(&o);
    assert!(
        s.starts_with("Swansea > 3 Care and Support and Pathway Planning > Placement"),
        "{s}"
    );
    assert!(s.lines().next().unwrap().ends_with(" > 3.18"), "{s}");
    assert!(s.contains("3.18  Whilst we found that stability"), "{s}");
    assert!(s.trim_end().replace('\n', " ").ends_with(
        "CIW inspection of children's services, City and County of Swansea, July 2018, para 3.18"
    ), "{s}");
    for l in s.lines() {
        assert!(l.chars().count() <= 80, "too wide: {l:?}");
    }
    let o = ciw(&["show", "Swansea#r5", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["id"], "R5");
    assert_eq!(v["theme"], "care-and-support");
    assert!(v["citation"]
        .as_str()
        .unwrap()
        .ends_with("area for development 5"));
}

#[test]
fn show_section_by_theme_and_number() {
    let o = ciw(&["show", "pembrokeshire#safeguarding"]);
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(s.starts_with("4 Safeguarding\n=============="), "{s}");
    assert!(s.contains("What we expect to see:"), "{s}");
    assert!(s.contains("\n4.7 "), "{s}");
    assert!(!s.contains("\n5.1 "), "{s}");
    let o = ciw(&["show", "pembrokeshire#4", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["number"], 4);
    assert_eq!(v["theme"], "safeguarding");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 7);
}

#[test]
fn show_whole_report() {
    let o = ciw(&["show", "swansea"]);
    let s = stdout(&o);
    assert!(
        s.starts_with("City and County of Swansea (Swansea), inspected July 2018"),
        "{s}"
    );
    for needle in [
        "Overview of Findings",
        "O14 ",
        "R10 ",
        "5.11 ",
        "Methodology",
    ] {
        assert!(s.contains(needle), "missing {needle}");
    }
    let o = ciw(&["show", "swansea", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["id"], "swansea-2018-07");
}

#[test]
fn unknown_targets_are_usage_errors() {
    let o = ciw(&["show", "cardiff#3.1"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("no report for \"cardiff\"") && e.contains("pembrokeshire, swansea"),
        "{e}"
    );
    assert!(o.stdout.is_empty());
    let o = ciw(&["show", "swansea#9.9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Swansea has no paragraph or section"));
}

#[test]
fn tui_rejects_unknown_deep_link_before_touching_the_terminal() {
    let o = ciw(&["swansea#3.99"]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("3.1-3.23"), "{e}");
    assert!(o.stdout.is_empty(), "wrote to the terminal: {:?}", o.stdout);
}

#[test]
fn tui_without_a_terminal_says_what_to_use() {
    let o = ciw(&["swansea#3.18"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ciw show"));
    assert!(o.stdout.is_empty());
}

#[test]
fn show_opens_the_front_matter_and_a_sections_expectations() {
    let o = ciw(&["show", "swansea#front.1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.starts_with("Swansea > Front matter > front.1"), "{out}");
    assert!(out.contains("available in Welsh"), "{out}");
    let o = ciw(&["show", "swansea#front.1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["id"], "front.1");
    assert!(v["text"].as_str().unwrap().contains("Welsh"));
    let o = ciw(&["show", "swansea#front.1", "--format", "csv"]);
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("front.1") && csv.contains("Welsh"), "{csv}");
    let o = ciw(&["show", "swansea#4.E", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(
        md.contains("What we expect to see") && md.contains("**4.E**"),
        "{md}"
    );
    assert!(md.contains("what we expect to see in section 4*"), "{md}");
    // Past the end: the usual error, naming what exists.
    let o = ciw(&["show", "swansea#front.9"]);
    assert_eq!(o.status.code(), Some(2));
    let o = ciw(&["show", "swansea#methodology.E"]);
    assert_eq!(o.status.code(), Some(2), "methodology has no expectations");
}
