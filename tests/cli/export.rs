//! `--format markdown|csv|json` on `show`, `search`, `compare` and `list`: each format round-trips
//! (CSV parsed back with the `csv` crate, Markdown tables with a constant column count), every
//! exported paragraph carries its citation, and hostile report text breaks neither a CSV row nor
//! a Markdown table.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

fn ciw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(args)
        .env("COLUMNS", "80")
        .env("CIW_LIBRARY", empty_library())
        .env_remove("NO_COLOR")
        .output()
        .expect("runs ciw")
}

/// An empty library folder, so the commands read the samples whatever the machine's library.
fn empty_library() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ciw-export-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{o:?}");
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

/// Parses CSV text: the header and the rows, each checked to have the header's length.
fn parse_csv(s: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(s.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a CSV row")).collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
        for f in row.iter() {
            assert!(
                !f.chars().any(|c| c.is_control()),
                "control character in {f:?}"
            );
        }
    }
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// The cells of a Markdown table line: split at pipes that no backslash escapes.
fn md_cells(line: &str) -> usize {
    let mut n = 0usize;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => n += 1,
            _ => {}
        }
    }
    n.saturating_sub(1)
}

/// Every Markdown table in `s`: its lines, checked to have as many cells as its header.
fn md_tables(s: &str) -> Vec<Vec<String>> {
    let mut tables = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for l in s.lines() {
        if l.starts_with('|') {
            cur.push(l.to_string());
        } else if !cur.is_empty() {
            tables.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        tables.push(cur);
    }
    for t in &tables {
        let n = md_cells(&t[0]);
        assert!(t[1].starts_with("| ---"), "no delimiter row: {t:?}");
        for l in t {
            assert_eq!(
                md_cells(l),
                n,
                "{l:?} has not {n} cells in\n{}",
                t.join("\n")
            );
        }
    }
    tables
}

#[test]
fn show_csv_has_one_cited_row_per_paragraph() {
    let s = ok(&ciw(&["show", "swansea#safeguarding", "--format", "csv"]));
    let (h, rows) = parse_csv(&s);
    assert_eq!(rows.len(), 10, "Swansea's section 4 has 10 paragraphs");
    let (p, c, d, k, council) = (
        col(&h, "paragraph"),
        col(&h, "citation"),
        col(&h, "inspected"),
        col(&h, "kind"),
        col(&h, "council"),
    );
    col(&h, "page");
    assert_eq!(&rows[0][p], "4.1");
    assert_eq!(&rows[9][p], "4.10");
    for r in &rows {
        assert_eq!(&r[council], "Swansea");
        assert_eq!(&r[d], "2018-07");
        assert!(!r[k].is_empty());
        assert!(
            r[c].contains("City and County of Swansea") && r[c].contains("July 2018"),
            "{r:?}"
        );
        assert!(r[c].ends_with(&format!("para {}", &r[p])), "{r:?}");
    }
    assert!(s.contains("\r\n"), "RFC 4180 rows end in CRLF");
}

#[test]
fn show_markdown_cites_every_paragraph() {
    let s = ok(&ciw(&["show", "pembrokeshire#4", "--format", "markdown"]));
    assert!(s.starts_with("# Pembrokeshire County Council"), "{s}");
    assert!(s.contains("## 4 Safeguarding"), "{s}");
    let paras: Vec<&str> = s.lines().filter(|l| l.starts_with("**4.")).collect();
    assert_eq!(paras.len(), 7, "{s}");
    for p in paras {
        assert!(
            p.ends_with(&format!(
                "*CIW inspection of children's services, Pembrokeshire County Council, September 2018, para {}*",
                &p[2..p[2..].find("**").unwrap() + 2]
            )),
            "{p}"
        );
    }
}

#[test]
fn search_csv_round_trips_with_citations() {
    let s = ok(&ciw(&["search", "EOTAS", "--format", "csv"]));
    let (h, rows) = parse_csv(&s);
    assert_eq!(&h[..2], ["rank", "score"]);
    assert!(!rows.is_empty(), "{s}");
    let (rank, text, cite, link) = (
        col(&h, "rank"),
        col(&h, "text"),
        col(&h, "citation"),
        col(&h, "link"),
    );
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[rank], (i + 1).to_string());
        assert!(r[text].contains("EOTAS"), "{r:?}");
        assert!(r[cite].starts_with("CIW inspection of children's services"));
        let target = &r[link];
        let shown = ok(&ciw(&["show", target, "--format", "json"]));
        let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(
            v["text"].as_str().unwrap(),
            &r[text],
            "the link opens the hit"
        );
        assert_eq!(v["citation"].as_str().unwrap(), &r[cite]);
    }
}

#[test]
fn search_markdown_lists_hits_with_citations() {
    let s = ok(&ciw(&[
        "search",
        "placement stability",
        "--limit",
        "5",
        "--format",
        "markdown",
    ]));
    assert!(s.starts_with("# Search: placement stability\n"), "{s}");
    let items: Vec<&str> = s
        .lines()
        .filter(|l| {
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && l[digits..].starts_with(". ")
        })
        .collect();
    assert_eq!(items.len(), 5, "{s}");
    assert!(s.contains("**placement stability**"), "{s}");
    let cites = s
        .lines()
        .filter(|l| l.starts_with("   — *CIW inspection of children's services, "))
        .count();
    assert_eq!(cites, 5, "{s}");
}

#[test]
fn compare_markdown_is_a_table_of_both_councils_recommendations() {
    let s = ok(&ciw(&["compare", "safeguarding", "--format", "markdown"]));
    let tables = md_tables(&s);
    assert_eq!(tables.len(), 1, "{s}");
    let t = &tables[0];
    assert!(
        t[0].contains("Pembrokeshire, September 2018") && t[0].contains("Swansea, July 2018"),
        "{t:?}"
    );
    // Pembrokeshire has one safeguarding area for development (R8), Swansea two (R7, R8).
    assert_eq!(t.len(), 4, "{t:?}");
    assert!(t[2].contains("**R8** Ensure the policies"), "{t:?}");
    assert!(
        t[2].contains("Pembrokeshire County Council, September 2018, area for development 8"),
        "{t:?}"
    );
    assert!(
        t[3].contains("**R8** Improve quality assurance")
            && t[3].contains("City and County of Swansea, July 2018, area for development 8"),
        "{t:?}"
    );
    // Every finding paragraph of both councils, each cited.
    for (council, n) in [
        ("Pembrokeshire County Council, September 2018", 7),
        ("City and County of Swansea, July 2018", 10),
    ] {
        let cited = s
            .lines()
            .filter(|l| l.starts_with("**4.") && l.contains(council))
            .count();
        assert_eq!(cited, n, "{council}\n{s}");
    }
}

#[test]
fn compare_csv_has_a_row_per_recommendation_and_paragraph() {
    let s = ok(&ciw(&[
        "compare",
        "safeguarding",
        "swansea",
        "pembrokeshire",
        "--format",
        "csv",
    ]));
    let (h, rows) = parse_csv(&s);
    let (p, council, theme) = (col(&h, "paragraph"), col(&h, "council"), col(&h, "theme"));
    assert_eq!(rows.len(), 2 + 10 + 1 + 7, "{s}");
    assert_eq!((&rows[0][council], &rows[0][p]), ("Swansea", "R7"));
    assert!(rows.iter().all(|r| &r[theme] == "safeguarding"));
    assert_eq!(rows.last().map(|r| &r[p]), Some("4.7"));
}

#[test]
fn matrix_exports() {
    let s = ok(&ciw(&["compare", "--matrix", "--format", "csv"]));
    let (h, rows) = parse_csv(&s);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][col(&h, "safeguarding_areas_for_development")], "2");
    assert_eq!(&rows[1][col(&h, "fieldwork_days")], "9");
    let s = ok(&ciw(&["compare", "--matrix", "--format", "markdown"]));
    let t = md_tables(&s);
    assert_eq!(t[0].len(), 4, "{s}");
}

#[test]
fn list_exports_one_row_per_report() {
    let s = ok(&ciw(&["list", "--format", "csv"]));
    let (h, rows) = parse_csv(&s);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col(&h, "report")], "pembrokeshire-2018-09");
    assert_eq!(&rows[1][col(&h, "inspected")], "2018-07");
    let s = ok(&ciw(&["list", "--format", "markdown"]));
    let t = md_tables(&s);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].len(), 4);
}

#[test]
fn json_alias_and_conflicts() {
    for args in [
        &["show", "swansea#3.18"][..],
        &["search", "EOTAS"],
        &["compare", "safeguarding"],
        &["list"],
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        let alias = ok(&ciw(&a));
        a.pop();
        a.extend(["--format", "json"]);
        assert_eq!(alias, ok(&ciw(&a)), "{args:?}");
        serde_json::from_str::<serde_json::Value>(&alias).expect("JSON");
        a.push("--json");
        let o = ciw(&a);
        assert_eq!(o.status.code(), Some(2), "--json with --format: {o:?}");
    }
    let o = ciw(&["list", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("markdown"));
}

/// The Swansea sample with hostile text in an area for development and in a paragraph.
fn hostile_report(dir: &Path) -> PathBuf {
    const EVIL: &str = "Evil | pipe `tick` <script>alert(1)</script> <td>cell</td> *star* _u_ \
        [link](http://x) \\| \"quoted, comma\" =HYPERLINK(\"http://x\") \x1b[31mred\x1b[0m \x07bell \
        #hash &amp; end.";
    let text = common::SWANSEA
        .replace(
            "Improve quality assurance of child protection practices.",
            &format!("Improve quality assurance. {EVIL}"),
        )
        .replace(
            "4.10. The regional safeguarding board",
            &format!("4.10. =SUM(A1) {EVIL} The regional safeguarding board"),
        );
    assert!(text.contains("=SUM"));
    let path = dir.join("swansea-2018-07.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hostile_text_breaks_no_csv_row_and_no_markdown_table() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_report(dir.path());
    let f = file.to_str().unwrap();
    let sample = tempfile::tempdir().unwrap();
    let pem = sample.path().join("pembrokeshire-2018-09.txt");
    std::fs::write(&pem, common::PEMBROKESHIRE).unwrap();
    let p = pem.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut a = vec!["-r", f, "-r", p];
        a.extend(args);
        ok(&ciw(&a))
    };
    for args in [
        &["compare", "safeguarding", "--format"][..],
        &["show", "swansea", "--format"],
        &["search", "evil pipe", "--format"],
        &["compare", "--matrix", "--format"],
    ] {
        let mut a = args.to_vec();
        a.push("markdown");
        let md = run(&a);
        md_tables(&md);
        assert!(!md.contains("<script>") && !md.contains("<td>"), "{md}");
        assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
        if args[0] != "compare" || args[1] != "--matrix" {
            assert!(
                md.contains("\\`tick\\` \\<script\\>alert(1)\\</script\\>"),
                "{md}"
            );
        }
        a.pop();
        a.push("csv");
        let csv = run(&a);
        let (h, rows) = parse_csv(&csv);
        if let Some(t) = h.iter().position(|c| c == "text") {
            let evil: Vec<&csv::StringRecord> = rows
                .iter()
                .filter(|r| r[t].contains("Evil | pipe"))
                .collect();
            assert!(!evil.is_empty(), "{args:?}: {csv}");
            for r in evil {
                assert!(r[t].contains("\"quoted, comma\" =HYPERLINK(\"http://x\") red bell"));
            }
            // A cell a spreadsheet would run as a formula is defused.
            assert!(rows.iter().all(|r| !r[t].starts_with('=')), "{csv}");
        }
    }
    // The compare table has both councils and three rows, whatever R8 says.
    let md = run(&["compare", "safeguarding", "--format", "markdown"]);
    let t = &md_tables(&md)[0];
    assert_eq!(t.len(), 4, "{t:?}");
}

#[test]
fn citations_carry_pages_where_the_report_has_them() {
    let pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/swansea-2018-07-groff.pdf"
    );
    let s = ok(&ciw(&["-r", pdf, "show", "swansea#4", "--format", "csv"]));
    let (h, rows) = parse_csv(&s);
    let (page, cite) = (col(&h, "page"), col(&h, "citation"));
    assert!(!rows.is_empty());
    for r in &rows {
        let p = &r[page];
        assert!(
            !p.is_empty() && p.split('-').all(|n| n.parse::<u32>().is_ok()),
            "{r:?}"
        );
        let first = p.split('-').next().unwrap();
        assert!(
            r[cite].contains(&format!("p. {first}")) || r[cite].contains(&format!("pp. {first}")),
            "{r:?}"
        );
    }
    let md = ok(&ciw(&[
        "-r",
        pdf,
        "compare",
        "safeguarding",
        "--format",
        "markdown",
    ]));
    let t = &md_tables(&md)[0];
    assert!(t[2].contains("area for development 7, p. "), "{t:?}");
}
