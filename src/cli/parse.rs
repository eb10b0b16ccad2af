//! `ciw parse` (the outline, or the JSON contract) and `ciw check` (the warnings).

use crate::corpus::{self, Loaded};
use crate::model::Report;
use anyhow::Result;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Loads every path, printing each failure to stderr as it is met.
fn load(paths: &[PathBuf]) -> (Vec<Loaded>, bool) {
    let (loaded, errors) = corpus::load_paths(paths);
    for e in &errors {
        eprintln!("ciw: {}", crate::text::for_terminal(&e.to_string()));
    }
    (loaded, !errors.is_empty())
}

pub fn parse(paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let (loaded, failed) = load(paths);
    let mut out = super::output::stdout();
    if json {
        let reports: Vec<&Report> = loaded.iter().map(|l| &l.report).collect();
        let text = if paths.len() == 1 && reports.len() == 1 && !paths[0].is_dir() {
            crate::text::to_json_pretty(reports[0])?
        } else {
            crate::text::to_json_pretty(&reports)?
        };
        writeln!(out, "{text}")?;
    } else {
        for (i, l) in loaded.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(outline(&l.report).as_bytes())?;
        }
    }
    Ok(super::exit_code(failed))
}

/// A readable outline: authority, date, counts, then each section with its paragraph ids.
pub fn outline(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}), inspected {}  [{}]",
        r.authority.name,
        r.authority.short,
        r.inspection.label(),
        r.id
    );
    let _ = writeln!(s, "  {} ({})", r.document_label(), r.family.label());
    if let Some(t) = &r.title {
        let _ = writeln!(s, "  title: {t}");
    }
    let _ = writeln!(
        s,
        "  {} overview findings, {} areas for development, {} numbered paragraphs, {} warnings",
        r.overview.len(),
        r.recommendations.len(),
        r.finding_count(),
        r.warnings.len()
    );
    for sec in &r.sections {
        let num = sec.number.map(|n| format!("{n}. ")).unwrap_or_default();
        let theme = sec.theme.map(|t| format!("  [{t}]")).unwrap_or_default();
        let _ = writeln!(s, "  {num}{}{theme}", sec.title);
        let mut sub: Option<&str> = None;
        let mut ids: Vec<&str> = Vec::new();
        let flush = |s: &mut String, sub: Option<&str>, ids: &mut Vec<&str>| {
            if ids.is_empty() {
                return;
            }
            let range = if ids.len() == 1 {
                ids[0].to_string()
            } else {
                format!("{}–{} ({})", ids[0], ids[ids.len() - 1], ids.len())
            };
            match sub {
                Some(t) => {
                    let _ = writeln!(s, "      {t}: {range}");
                }
                None => {
                    let _ = writeln!(s, "      {range}");
                }
            }
            ids.clear();
        };
        for p in &sec.paragraphs {
            if p.subsection.as_deref() != sub {
                flush(&mut s, sub, &mut ids);
                sub = p.subsection.as_deref();
            }
            ids.push(&p.id);
        }
        flush(&mut s, sub, &mut ids);
    }
    let m = &r.methodology;
    if r.family != crate::model::Family::Report2018 && *m == crate::model::Methodology::default() {
        return s;
    }
    let f = |v: Option<u32>| v.map_or("?".to_string(), |n| n.to_string());
    let _ = writeln!(
        s,
        "  methodology: {} days of fieldwork, {} case files reviewed, {} tracked by interview, {} by focus group, {} supervision files",
        f(m.fieldwork_days),
        f(m.case_files_reviewed),
        f(m.tracked_by_interview),
        f(m.tracked_by_focus_group),
        f(m.supervision_files)
    );
    s
}

pub fn check(paths: &[PathBuf]) -> Result<ExitCode> {
    let (loaded, failed) = load(paths);
    let mut out = super::output::stdout();
    for l in &loaded {
        let w = &l.report.warnings;
        writeln!(
            out,
            "{}: {} ({}): {} warning{}",
            l.path,
            l.report.authority.short,
            l.report.inspection.label(),
            w.len(),
            if w.len() == 1 { "" } else { "s" }
        )?;
        // What was recognised and how each piece was found, then what was repaired or guessed.
        for line in &l.report.guesses {
            writeln!(out, "  {}", crate::text::for_terminal(line))?;
        }
        if !w.is_empty() {
            writeln!(out, "  warnings:")?;
        }
        for line in w {
            writeln!(out, "    {}", crate::text::for_terminal(line))?;
        }
    }
    Ok(super::exit_code(failed))
}
