//! `ciw show`: a report, a section (`#safeguarding`, `#3`) or one paragraph (`#3.18`, `#R5`),
//! as plain text wrapped to the terminal, as the model's JSON, or exported (Markdown, CSV).
use super::output::Format;
use super::Args;
use crate::model::{Report, Section};
use crate::target::{self, Part, Target};
use crate::text::fit;
use crate::text::for_terminal;
use anyhow::Result;
use std::fmt::Write as _;
use std::process::ExitCode;

fn heading(s: &Section) -> String {
    let title = for_terminal(&s.title);
    match s.number {
        Some(n) => format!("{n} {title}"),
        None => title.into_owned(),
    }
}

/// Text wrapped to `width` with every line indented by `indent` spaces.
fn block(text: &str, indent: usize, width: usize) -> String {
    let pad = " ".repeat(indent);
    let mut s = String::new();
    for l in fit::wrap(&for_terminal(text), width.saturating_sub(indent).max(20)) {
        let _ = writeln!(s, "{pad}{l}");
    }
    s
}

/// A paragraph with its id hanging in a gutter of `gutter` columns.
fn paragraph(id: &str, text: &str, gutter: usize, width: usize) -> String {
    let id = for_terminal(id);
    let gutter = gutter.max(fit::width(&id) + 1);
    let mut s = String::new();
    let lines = fit::wrap(&for_terminal(text), width.saturating_sub(gutter).max(20));
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(s, "{}{l}", fit::pad(&id, gutter, "…"));
        } else {
            let _ = writeln!(s, "{}{l}", " ".repeat(gutter));
        }
    }
    s
}

/// One section as plain text.
pub fn section_text(s: &Section, width: usize) -> String {
    let mut out = String::new();
    let h = heading(s);
    let _ = writeln!(out, "{h}\n{}", "=".repeat(fit::width(&h).min(width)));
    if let Some(e) = s.expectations.as_deref().filter(|e| !e.trim().is_empty()) {
        let _ = writeln!(out, "What we expect to see:");
        out.push_str(&block(e, 2, width));
        out.push('\n');
    }
    let gutter = s
        .paragraphs
        .iter()
        .map(|p| fit::width(&p.id) + 2)
        .max()
        .unwrap_or(0)
        .min(16);
    let mut sub: Option<&str> = None;
    for p in &s.paragraphs {
        if p.subsection.as_deref() != sub {
            sub = p.subsection.as_deref();
            if let Some(t) = sub {
                let t = for_terminal(t);
                let _ = writeln!(out, "{t}\n{}", "-".repeat(fit::width(&t).min(width)));
            }
        }
        out.push_str(&paragraph(&p.id, &p.text, gutter, width));
        out.push('\n');
    }
    out
}

/// The whole report as plain text.
pub fn report_text(r: &Report, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), inspected {}  [{}]\n",
        for_terminal(&r.authority.name),
        for_terminal(&r.authority.short),
        for_terminal(&r.inspection.label()),
        for_terminal(&r.id)
    );
    if r.kind != Some(crate::model::Kind::Inspection) {
        let _ = writeln!(out, "{}\n", for_terminal(&r.document_label()));
    }
    for s in &r.sections {
        out.push_str(&section_text(s, width));
    }
    out
}

/// Plain text for a target naming a text outside the sections' paragraphs (`front.1`, `3.E`).
fn part_text(r: &Report, t: &Target, part: Part, width: usize) -> String {
    let id = target::cited_id(r, t).unwrap_or_default();
    let body = target::text(r, t).unwrap_or_default();
    let mut crumb = vec![for_terminal(&r.authority.short).into_owned()];
    crumb.extend(
        target::place(r, t, part)
            .iter()
            .map(|s| for_terminal(s).into_owned()),
    );
    crumb.push(for_terminal(&id).into_owned());
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", fit::breadcrumb(&crumb, " > ", "...", width));
    out.push_str(&paragraph(&id, body, fit::width(&id) + 2, width));
    out.push('\n');
    out.push_str(&block(&r.citation(&id), 0, width));
    out
}

/// Plain text for a resolved target.
pub fn text(r: &Report, t: &Target, width: usize) -> String {
    if let Some(part) = t.part {
        return part_text(r, t, part, width);
    }
    let Some(s) = t.section.and_then(|si| r.sections.get(si)) else {
        return report_text(r, width);
    };
    let Some(p) = t.paragraph.and_then(|pi| s.paragraphs.get(pi)) else {
        return section_text(s, width);
    };
    let mut out = String::new();
    let mut crumb = vec![for_terminal(&r.authority.short).into_owned(), heading(s)];
    if let Some(sub) = &p.subsection {
        crumb.push(for_terminal(sub).into_owned());
    }
    crumb.push(for_terminal(&p.id).into_owned());
    let line = fit::breadcrumb(&crumb, " > ", "...", width);
    let _ = writeln!(out, "{line}\n");
    out.push_str(&paragraph(&p.id, &p.text, fit::width(&p.id) + 2, width));
    out.push('\n');
    out.push_str(&block(&r.citation(&p.id), 0, width));
    out
}

/// JSON for a resolved target: the Report, the Section, or the Paragraph with its context.
pub fn json(r: &Report, t: &Target) -> Result<String> {
    if let Some(part) = t.part {
        let id = target::cited_id(r, t).unwrap_or_default();
        let section = t.section.and_then(|si| r.sections.get(si));
        let v = serde_json::json!({
            "id": id,
            "text": target::text(r, t),
            "report": r.id,
            "authority": r.authority,
            "inspection": r.inspection,
            "section": section.map(|s| s.key()),
            "section_title": target::place(r, t, part).join(" > "),
            "theme": section.and_then(|s| s.theme),
            "citation": r.citation(&id),
        });
        return Ok(crate::text::to_json_pretty(&v)?);
    }
    let Some(s) = t.section.and_then(|si| r.sections.get(si)) else {
        return Ok(crate::text::to_json_pretty(r)?);
    };
    let Some(p) = t.paragraph.and_then(|pi| s.paragraphs.get(pi)) else {
        return Ok(crate::text::to_json_pretty(s)?);
    };
    let theme = s.theme.or_else(|| {
        let n: u32 = p.id.strip_prefix(['R', 'r'])?.parse().ok()?;
        r.recommendations.iter().find(|x| x.number == n)?.theme
    });
    let v = serde_json::json!({
        "id": p.id,
        "subsection": p.subsection,
        "text": p.text,
        "report": r.id,
        "authority": r.authority,
        "inspection": r.inspection,
        "section": s.key(),
        "section_title": s.title,
        "theme": theme,
        "citation": r.citation(&p.id),
    });
    Ok(crate::text::to_json_pretty(&v)?)
}

pub fn run(args: &Args, link: &str, format: Format) -> Result<ExitCode> {
    let (corpus, failed) = super::load_corpus(args);
    let t = match target::resolve(&corpus, link) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ciw: {}", crate::text::for_terminal(&e.to_string()));
            // Not found because a report could not be loaded (said above): an input failed.
            return Ok(ExitCode::from(if failed { 1 } else { 2 }));
        }
    };
    let r = &corpus.reports[t.report];
    let body = match format {
        Format::Json => json(r, &t)? + "\n",
        Format::Text => text(r, &t, super::terminal_width()),
        Format::Markdown => crate::export::show_markdown(r, &t),
        Format::Csv => crate::export::show_csv(r, &t),
    };
    super::output::write_stdout(&body)?;
    Ok(super::exit_code(failed))
}
