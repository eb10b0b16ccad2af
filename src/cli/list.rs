//! `ciw list`: the reports with their inspection dates and counts, as a table, JSON, Markdown or CSV.
use super::output::Format;
use super::Args;
use crate::library::{Library, Summary};
use crate::model::Kind;
use crate::paths::Paths;
use crate::text::fit;
use crate::text::for_terminal;
use anyhow::Result;
use std::process::ExitCode;

/// One row of `ciw list --json`.
fn json_row(r: &Summary) -> serde_json::Value {
    serde_json::json!({
        "id": r.id,
        "authority": r.authority,
        "inspection": r.inspection,
        "paragraphs": r.paragraphs,
        "recommendations": r.recommendations,
        "overview_findings": r.overview_findings,
        "sections": r.sections,
        "warnings": r.warnings,
        "kind": r.kind,
        "about": r.about,
        "services": r.services,
    })
}

/// The kind as the table shows it, at most 11 columns.
fn kind_cell(kind: Option<Kind>) -> &'static str {
    kind.map_or("-", Kind::short)
}

/// The plain table, fitted to `width` columns (the council name gives way first).
pub fn table(reports: &[Summary], width: usize) -> String {
    // The kind column, when the reports are not all inspections.
    let show_kind = reports.iter().any(|r| r.kind != Some(Kind::Inspection));
    let kind_w = if show_kind { 13 } else { 0 };
    let fixed = 16 + 7 + 5 + 6 + kind_w; // date, paragraphs, AfD, findings (with gaps), kind
    let longest = reports
        .iter()
        .map(|r| fit::width(&for_terminal(&r.authority.short)))
        .max()
        .unwrap_or(0)
        .max(7);
    let id_w = reports
        .iter()
        .map(|r| fit::width(&r.id))
        .max()
        .unwrap_or(2)
        .max(2);
    let show_id = width >= fixed + 14 + id_w + 2;
    let name_w = width
        .saturating_sub(fixed + if show_id { id_w + 2 } else { 0 })
        .clamp(8, longest.max(8));
    let mut out = String::new();
    let row = |name: &str, date: &str, kind: &str, p: &str, afd: &str, o: &str, id: &str| {
        let mut s = format!(
            "{} {}",
            fit::pad(name, name_w, "…"),
            fit::pad(date, 14, "…")
        );
        if show_kind {
            s.push_str("  ");
            s.push_str(&fit::pad(kind, 11, "…"));
        }
        s.push_str(&format!("{p:>7}{afd:>5}{o:>6}"));
        if show_id {
            s.push_str("  ");
            s.push_str(id);
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&row(
        "Council",
        "Inspected",
        "Kind",
        "Paras",
        "AfD",
        "Find.",
        "Id",
    ));
    for r in reports {
        out.push_str(&row(
            &for_terminal(&r.authority.short),
            &for_terminal(&r.inspection.label()),
            kind_cell(r.kind),
            &r.paragraphs.to_string(),
            &r.recommendations.to_string(),
            &r.overview_findings.to_string(),
            &for_terminal(&r.id),
        ));
    }
    out
}

pub fn run(args: &Args, format: Format) -> Result<ExitCode> {
    let (rows, failed) = match library_summaries(args) {
        Some(rows) => (rows, false),
        None => {
            let (corpus, failed) = super::load_corpus(args);
            (corpus.reports.iter().map(Summary::of).collect(), failed)
        }
    };
    let body = match format {
        Format::Json => {
            let rows: Vec<_> = rows.iter().map(json_row).collect();
            crate::text::to_json_pretty(&rows)? + "\n"
        }
        Format::Text => table(&rows, super::terminal_width()),
        Format::Markdown => crate::export::list_markdown(&rows),
        Format::Csv => crate::export::list_csv(&rows),
    };
    super::output::write_stdout(&body)?;
    Ok(super::exit_code(failed))
}

/// The library's rows straight from its manifest, when it has reports and their summaries
/// are fresh; `None` sends the caller to the full load (which refreshes them).
fn library_summaries(args: &Args) -> Option<Vec<Summary>> {
    if !args.reports.is_empty() {
        return None;
    }
    let paths = Paths::resolve(args.library.as_deref()).ok()?;
    let (lib, notes) = Library::open(&paths.data).ok()?;
    // Said now: a recovered manifest is written back, so the next open would not repeat them.
    for n in &notes {
        eprintln!("ciw: {}", crate::text::for_terminal(n));
    }
    if lib.is_empty() {
        return None;
    }
    Some(lib.summaries()?.into_iter().cloned().collect())
}
