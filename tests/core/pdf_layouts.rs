//! The sample reports typeset as CIW publishes them (PDF, see `common/typeset.rs`) and as a
//! second typesetter lays them out (`tests/fixtures/pdf/`, made by groff), read back in-process
//! and through `pdftotext` in each of its modes: every way gives the structure of the text
//! samples, word for word, and every paragraph knows its pages.

use crate::common;

use ciw::model::Report;
use ciw::parse::{parse_bytes, parse_str};
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

/// Everything a reader relies on, one line each: sections, subsections, expectations, every
/// paragraph's id, subsection and text, the recommendations with their themes, the overview
/// and the methodology figures.
fn structure(r: &Report) -> String {
    // Typesetters curl quotes: the same words either way.
    let norm = |s: &str| {
        s.replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    writeln!(
        out,
        "{} | {} | {}",
        r.id,
        r.authority.name,
        r.inspection.label()
    )
    .unwrap();
    for s in &r.sections {
        writeln!(
            out,
            "section {:?} {:?} {:?} {:?} subsections {:?}",
            s.number, s.kind, s.theme, s.title, s.subsections
        )
        .unwrap();
        if let Some(e) = &s.expectations {
            writeln!(out, "  expect: {}", norm(e)).unwrap();
        }
        for p in &s.paragraphs {
            // CIW prints the fieldwork as a list; the sample texts lost its bullets.
            let text = p.text.strip_prefix("- ").unwrap_or(&p.text);
            writeln!(out, "  {} [{:?}] {}", p.id, p.subsection, norm(text)).unwrap();
        }
    }
    for rec in &r.recommendations {
        writeln!(
            out,
            "R{} {:?} {:?} {}",
            rec.number,
            rec.theme,
            rec.theme_title,
            norm(&rec.text)
        )
        .unwrap();
    }
    writeln!(out, "overview {}", r.overview.len()).unwrap();
    writeln!(out, "{:?}", r.methodology).unwrap();
    out
}

fn expected() -> Vec<Report> {
    common::samples()
        .iter()
        .map(|(name, text)| parse_str(text, name).unwrap())
        .collect()
}

/// The first line that differs, and the lines before it; `None` when the same.
fn difference(what: &str, want: &Report, got: &Report) -> Option<String> {
    let (w, g) = (structure(want), structure(got));
    if w == g {
        return None;
    }
    let (wl, gl): (Vec<&str>, Vec<&str>) = (w.lines().collect(), g.lines().collect());
    let at = wl
        .iter()
        .zip(&gl)
        .position(|(a, b)| a != b)
        .unwrap_or(wl.len().min(gl.len()));
    Some(format!(
        "{what}: structure differs at line {at}\n want: {}\n  got: {}\n got before: {:?}\n warnings: {:?}\n",
        wl.get(at).unwrap_or(&"<end>"),
        gl.get(at).unwrap_or(&"<end>"),
        gl.get(at.saturating_sub(2)..at),
        got.warnings.iter().filter(|w| !w.contains("joined continuation")).collect::<Vec<_>>()
    ))
}

fn pdftotext(pdf: &[u8], mode: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new("pdftotext");
    if !mode.is_empty() {
        cmd.arg(mode);
    }
    let out = cmd.arg(&path).arg("-").output().ok()?;
    assert!(out.status.success(), "pdftotext {mode} failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Checks one PDF in-process and through every `pdftotext` mode; returns what failed.
fn check_pdf(label: &str, pdf: &[u8], want: &Report) -> Vec<String> {
    let mut failed = Vec::new();
    let got = parse_bytes(pdf, &format!("{label}.pdf"))
        .unwrap_or_else(|e| panic!("{label} in-process: {e}"));
    failed.extend(difference(&format!("{label} read in-process"), want, &got));
    if let Some(p) = got
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .find(|p| p.pages.is_none())
    {
        failed.push(format!("{label}: {} has no pages", p.id));
    }
    for mode in ["", "-layout", "-raw"] {
        let Some(text) = pdftotext(pdf, mode) else {
            eprintln!("pdftotext is not installed: {label} checked in-process only");
            break;
        };
        let got = parse_str(&text, &format!("{label}.txt"))
            .unwrap_or_else(|e| panic!("{label} pdftotext {mode}: {e}"));
        failed.extend(difference(
            &format!("{label} via pdftotext {mode}"),
            want,
            &got,
        ));
    }
    failed
}

#[test]
fn ciw_layout_round_trips() {
    let mut failed = Vec::new();
    for want in expected() {
        let pdf = common::typeset::report_pdf(&want);
        failed.extend(check_pdf(&format!("{} (CIW layout)", want.id), &pdf, &want));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn groff_layout_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let mut failed = Vec::new();
    for want in expected() {
        let pdf = std::fs::read(dir.join(format!("{}-groff.pdf", want.id))).unwrap();
        failed.extend(check_pdf(
            &format!("{} (groff layout)", want.id),
            &pdf,
            &want,
        ));
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn swansea_3_18_cites_its_page() {
    let want = &expected()[1];
    let pdf = common::typeset::report_pdf(want);
    let r = parse_bytes(&pdf, "swansea.pdf").unwrap();
    let (_, p) = r.find_paragraph("3.18").unwrap();
    let pages = p.pages.expect("pages");
    assert!(r
        .citation("3.18")
        .ends_with(&format!("July 2018, para 3.18, {}", pages.label())));
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(name),
    )
    .unwrap()
}

/// One line, naming why.
fn pdf_error(bytes: &[u8]) -> String {
    let e = parse_bytes(bytes, "x.pdf").unwrap_err();
    assert!(matches!(e, ciw::parse::ParseError::Pdf(_)), "{e}");
    let s = e.to_string();
    assert!(!s.contains('\n'), "{s}");
    s
}

#[test]
fn unreadable_pdfs_say_why_in_one_line() {
    assert!(pdf_error(&fixture("encrypted.pdf")).contains("encrypted"));
    // A scan: pages with an image and no text layer.
    let scan = common::typeset::image_only_pdf(3);
    assert!(pdf_error(&scan).contains("no text layer"));
    // Damaged: cut short, or garbage after the header.
    let good = common::typeset::report_pdf(&expected()[1]);
    let e = pdf_error(&good[..good.len() / 3]);
    assert!(e.contains("damaged") || e.contains("cannot read"), "{e}");
    pdf_error(b"%PDF-1.7\n\x00\x01\x02garbage");
}

#[test]
fn an_owner_password_alone_does_not_stop_reading() {
    // Printing and copying restricted, but no password to open: the text is read.
    let r = parse_bytes(&fixture("restricted.pdf"), "swansea-2018-07.pdf").unwrap();
    // Four pages (cover to the introduction) are no whole report, but they were read.
    assert_eq!(r.authority.short, "Swansea");
    assert_eq!(r.inspection.label(), "July 2018");
    assert!(r
        .find_section("introduction")
        .is_some_and(|s| !s.paragraphs.is_empty()));
}

/// Text copied out of a PDF viewer (`tests/fixtures/viewer-copy/`, made from the groff PDFs by
/// its `make.sh`): no blank lines between paragraphs, numbers inline, the printed page numbers
/// and a running header in the flow. It gives the samples' structure, and pages from the
/// printed numbers.
#[test]
fn text_copied_from_a_pdf_viewer_gives_the_same_structure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/viewer-copy");
    let mut failed = Vec::new();
    for want in expected() {
        let name = format!("{}.txt", want.id);
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert!(!text.contains("\n\n") && !text.contains('\x0c'), "{name}");
        let got = parse_str(&text, &name).unwrap();
        failed.extend(difference(&format!("{name} (viewer copy)"), &want, &got));
        // The same pages as the PDF the text was copied from.
        let pdf = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/pdf")
                .join(format!("{}-groff.pdf", want.id)),
        )
        .unwrap();
        let from_pdf = parse_bytes(&pdf, "r.pdf").unwrap();
        for (s, t) in got.sections.iter().zip(&from_pdf.sections) {
            for (p, q) in s.paragraphs.iter().zip(&t.paragraphs) {
                if p.pages != q.pages {
                    failed.push(format!(
                        "{name} {}: pages {:?}, the PDF {:?}",
                        p.id, p.pages, q.pages
                    ));
                }
            }
        }
    }
    // The CIW layout prints its page numbers at the foot of each page: copied the same way.
    for want in expected() {
        let pdf = common::typeset::report_pdf(&want);
        let text = viewer_copy(&ciw::parse::pdf::text(&pdf).unwrap().text);
        let got = parse_str(&text, "copied.txt").unwrap();
        failed.extend(difference(
            &format!("{} (CIW layout, viewer copy)", want.id),
            &want,
            &got,
        ));
        let from_pdf = parse_bytes(&pdf, "r.pdf").unwrap();
        let pages = |r: &Report| -> Vec<_> {
            r.sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(|p| p.pages))
                .collect()
        };
        if pages(&got) != pages(&from_pdf) {
            failed.push(format!(
                "{} (CIW layout, viewer copy): pages differ",
                want.id
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A PDF's text (pages separated by form feeds) as a viewer copies it: every printed line on a
/// line of its own, spaces collapsed, no blank lines, no form feeds, and the report's title as
/// a running header at the top of each page after the first two.
fn viewer_copy(pages: &str) -> String {
    let lines = |page: &str| -> Vec<String> {
        page.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let pages: Vec<&str> = pages.split('\x0c').collect();
    let title = lines(pages[0])[..2].join(" - ");
    let mut out: Vec<String> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if n >= 2 {
            out.push(title.clone());
        }
        out.extend(lines(page));
    }
    out.join("\n")
}
