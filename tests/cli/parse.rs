//! `ciw parse` and `ciw check` on the built binary: outlines, JSON, and bad input that is named
//! on stderr while the other files are still parsed.

use std::path::Path;
use std::process::{Command, Output};

fn ciw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SWANSEA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-reports/swansea-2018-07.txt"
);
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-reports");

#[test]
fn outline_of_one_report() {
    let o = ciw(&["parse", SWANSEA]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(
        "City and County of Swansea (Swansea), inspected July 2018  [swansea-2018-07]"
    ));
    assert!(out.contains("14 overview findings, 10 areas for development, 60 numbered paragraphs"));
    assert!(out.contains("Placement choice, stability and wellbeing: 3.17–3.20 (4)"));
    assert!(out.contains("9 days of fieldwork, 69 case files reviewed"));
}

#[test]
fn json_is_one_object_for_one_file_and_an_array_for_a_folder() {
    let one: serde_json::Value =
        serde_json::from_slice(&ciw(&["parse", "--json", SWANSEA]).stdout).unwrap();
    assert_eq!(one["id"], "swansea-2018-07");
    assert_eq!(one["authority"]["short"], "Swansea");
    assert_eq!(one["sections"][7]["theme"], "safeguarding");
    assert_eq!(one["sections"][7]["paragraphs"][0]["id"], "4.1");
    assert_eq!(one["recommendations"][4]["number"], 5);
    assert_eq!(one["methodology"]["fieldwork_days"], 9);
    let many: serde_json::Value =
        serde_json::from_slice(&ciw(&["parse", "--json", SAMPLES]).stdout).unwrap();
    assert_eq!(many.as_array().map(Vec::len), Some(2));
}

#[test]
fn check_lists_the_repairs() {
    let o = ciw(&["check", SAMPLES]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("pembrokeshire-2018-09.txt: Pembrokeshire (September 2018): 7 warnings"),
        "{out}"
    );
    assert!(out.contains("R4: number lost in extraction, inferred from its neighbours"));
    assert!(out.contains("3.9: joined continuation \"There was flexibility in ...\" (a guess"));
}

#[test]
fn bad_inputs_are_named_and_the_rest_still_parse() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let empty = write("empty.txt", b"");
    let pdf = write("report.pdf", b"%PDF-1.7\n1 0 obj\n");
    let binary = write(
        "image.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3],
    );
    let symbols = write("symbols.txt", b"### 12 -- 34 ::: %%\n");
    let missing = dir.path().join("nope.txt").display().to_string();
    for cmd in ["parse", "check"] {
        let o = ciw(&[cmd, &empty, &pdf, SWANSEA, &binary, &symbols, &missing]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 5, "{cmd}: one line per bad file:\n{err}");
        for (path, what) in [
            (&empty, "the file is empty"),
            (&pdf, "cannot read this PDF"),
            (&binary, "binary data"),
            (&symbols, "no readable text"),
            (&missing, "no such file or folder"),
        ] {
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains(path.as_str()) && l.contains(what)),
                "{cmd}: {what}\n{err}"
            );
        }
        assert!(
            stdout(&o).contains("Swansea"),
            "{cmd}: the good file is still printed"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = ciw(&["parse"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(Path::new(SWANSEA).exists());
}

#[test]
fn folders_include_web_pages_and_a_hostile_page_is_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read_to_string(SWANSEA).expect("sample");
    // The sample published as a page: one paragraph per block, lines kept by <br>.
    let body: String = sample
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .map(|b| {
            let b = b.replace('&', "&amp;").replace('<', "&lt;");
            if b.contains('\t') {
                format!("<pre>{b}</pre>\n")
            } else {
                format!("<p>{}</p>\n", b.replace('\n', "<br>\n"))
            }
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html><html><head><title>Swansea</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><main>{body}</main><footer>Crown copyright</footer>\
         </body></html>"
    );
    std::fs::write(dir.path().join("swansea-2018-07.HTM"), page).expect("write");
    let deep = format!("<html><body>{}x</body></html>", "<div>".repeat(50_000));
    std::fs::write(dir.path().join("deep.html"), deep).expect("write");
    std::fs::write(dir.path().join("ignored.css"), "p { color: red }").expect("write");

    let path = dir.path().to_string_lossy().to_string();
    let o = ciw(&["parse", &path]);
    let out = stdout(&o);
    assert!(
        out.contains("City and County of Swansea (Swansea), inspected July 2018"),
        "{out}"
    );
    let err = stderr(&o);
    let bad: Vec<&str> = err.lines().filter(|l| l.contains("deep.html")).collect();
    assert_eq!(bad.len(), 1, "{err}");
    assert!(
        bad[0].contains("not a readable web page: elements are nested over 1000 deep"),
        "{err}"
    );
    assert!(!err.contains("ignored.css"), "{err}");
}

#[test]
fn check_names_the_family_and_each_guess_and_an_unknown_layout_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.txt");
    std::fs::write(
        &letter,
        "Dear Sir,\n\nThank you for your letter of 3 May.\n",
    )
    .unwrap();
    let letter = letter.display().to_string();
    let o = ciw(&["check", &letter]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("  family: unknown layout"), "{out}");
    assert!(
        out.contains("unknown layout: read as headings, paragraphs"),
        "{out}"
    );
    assert!(out.contains("  council: not named"), "{out}");
    let o = ciw(&["parse", "--json", &letter]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["family"], "unknown");
    assert_eq!(
        v["sections"][0]["paragraphs"][1]["text"],
        "Thank you for your letter of 3 May."
    );

    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-openings");
    let out = stdout(&ciw(&[
        "check",
        &format!("{real}/powys-2018-10-ciw-summary.txt"),
    ]));
    for line in [
        "Powys (October 2018): 1 warning",
        "  family: CIW web summary page",
        "  kind: summary page of a follow-up inspection (the opening says \"followed up with a further inspection\")",
        "  services: children's services",
        "  council: Powys County Council (named in the title)",
        "  inspected: October 2018, from \"We inspected services for children in Powys in July 2017",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
}

#[test]
fn list_and_json_show_each_document_kind() {
    let real = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-openings");
    let o = Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(["--reports", real, "list"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {out}"))
            .to_string()
    };
    assert!(out.lines().next().unwrap().contains("Kind"), "{out}");
    assert!(row("Neath Port Talbot").contains("JICPA"), "{out}");
    assert!(row("Pembrokeshire").contains("PEI"), "{out}");
    assert!(row("Wrexham").contains("monitoring"), "{out}");
    assert!(row("Flintshire").contains("news"), "{out}");
    let o = Command::new(env!("CARGO_BIN_EXE_ciw"))
        .args(["--reports", real, "list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let powys = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "powys-2018-10-summary")
        .expect("powys");
    assert_eq!(powys["kind"], "summary-page");
    assert_eq!(powys["about"], "follow-up");
    assert_eq!(powys["services"], "children");
    assert_eq!(powys["inspection"]["month"], "October");
}
