//! `ciw show` exports: the paragraphs a target covers, or the one text it names.

use super::*;

/// The one text a target names outside the sections' paragraphs (`front.1`, `3.E`), cited.
fn part_para<'r>(r: &'r Report, t: &Target) -> Option<Para<'r>> {
    let part = t.part?;
    let id = crate::target::cited_id(r, t)?;
    Some(Para {
        cite: cite(r, &id),
        section: crate::target::place(r, t, part).join(" › "),
        subsection: None,
        theme: t
            .section
            .and_then(|si| r.sections.get(si))
            .and_then(|s| s.theme),
        text: crate::target::text(r, t)?,
    })
}

/// The paragraphs a target covers, in reading order.
fn target_paragraphs<'r>(r: &'r Report, t: &Target) -> Vec<Para<'r>> {
    if t.part.is_some() {
        return part_para(r, t).into_iter().collect();
    }
    let mut out = Vec::new();
    for (si, s) in r.sections.iter().enumerate() {
        if t.section.is_some_and(|x| x != si) {
            continue;
        }
        for (pi, p) in s.paragraphs.iter().enumerate() {
            if t.paragraph.is_some_and(|x| x != pi) {
                continue;
            }
            out.push(Para {
                cite: cite(r, &p.id),
                section: section_heading(s.number, &s.title),
                subsection: p.subsection.as_deref(),
                theme: s.theme.or_else(|| recommendation_theme(r, &p.id)),
                text: &p.text,
            });
        }
    }
    out
}

/// The theme of an area for development, from its id (`R5`).
fn recommendation_theme(r: &Report, id: &str) -> Option<Theme> {
    let n: u32 = id.strip_prefix(['R', 'r'])?.parse().ok()?;
    r.recommendations.iter().find(|x| x.number == n)?.theme
}

/// `ciw show --format csv`: one row per paragraph of the report, section or paragraph.
pub fn show_csv(r: &Report, t: &Target) -> String {
    csv_doc(
        &PARAGRAPH_COLUMNS,
        target_paragraphs(r, t).iter().map(Para::csv),
    )
}

/// `ciw show --format markdown`: a heading naming the report, then the sections with their
/// headings, "What we expect to see" and paragraphs, each paragraph with its citation.
pub fn show_markdown(r: &Report, t: &Target) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}, {}\n",
        md(&r.authority.name),
        md(&kind_of(r).to_lowercase()),
        md(&r.inspection.label())
    );
    let _ = writeln!(
        out,
        "Care Inspectorate Wales, report {} (`ciw show {}`)\n",
        md(&r.id),
        md(&r.id)
    );
    if let Some(p) = part_para(r, t) {
        let _ = writeln!(out, "## {}\n", md(&p.section));
        out.push_str(&p.markdown());
        return out;
    }
    for (si, s) in r.sections.iter().enumerate() {
        if t.section.is_some_and(|x| x != si) {
            continue;
        }
        let _ = writeln!(out, "## {}\n", md(&section_heading(s.number, &s.title)));
        if t.paragraph.is_none() {
            if let Some(e) = s.expectations.as_deref().filter(|e| !e.trim().is_empty()) {
                let _ = writeln!(out, "*What we expect to see:* {}\n", md(e));
            }
        }
        let mut sub: Option<&str> = None;
        for (pi, p) in s.paragraphs.iter().enumerate() {
            if t.paragraph.is_some_and(|x| x != pi) {
                continue;
            }
            if p.subsection.as_deref() != sub {
                sub = p.subsection.as_deref();
                if let Some(h) = sub {
                    let _ = writeln!(out, "### {}\n", md(h));
                }
            }
            let para = Para {
                cite: cite(r, &p.id),
                section: String::new(),
                subsection: None,
                theme: None,
                text: &p.text,
            };
            out.push_str(&para.markdown());
            out.push('\n');
        }
    }
    out
}
