//! Exports for the documents and spreadsheets analysts write: Markdown to paste into a scrutiny
//! report or committee paper, and CSV (RFC 4180, via the `csv` crate) to open in a spreadsheet,
//! of a report, section or paragraph, of search hits, of a comparison (and its matrix) and of the
//! list of reports. The command line (`--format`) and the explorer (`E`) call the same functions.
//!
//! Every exported paragraph carries its [`Citation`] (council, kind, inspection date, paragraph
//! id, page), built in one place, [`cite`]. Report text is untrusted: it is cleaned of control
//! characters and escape sequences ([`for_terminal`]), its line breaks become spaces, and
//! - in Markdown every character that could start markup (`* _ [ ] < > | # \` ...) is
//!   backslash-escaped, so a pipe cannot split a table cell, `<script>` stays text and a
//!   backtick opens no code span ([`md`]);
//! - in CSV every field is quoted as RFC 4180 says when it needs to be, and a cell that a
//!   spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'` ([`cell`]).
//!
//! Pure core: no terminal code.

use crate::compare::{Comparison, Matrix};
use crate::corpus::Corpus;
use crate::library::Summary;
use crate::model::{Report, SectionKind, Theme};
use crate::search::Hit;
use crate::target::Target;
use crate::text::for_terminal;
use std::fmt::Write as _;

/// Where a paragraph comes from, as every export cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The council's short name, "Swansea".
    pub council: String,
    /// The council's full name, "City and County of Swansea".
    pub council_name: String,
    /// What kind of publication the report is.
    pub kind: String,
    /// "July 2018".
    pub inspected: String,
    /// Sortable: "2018-07", "2018", or empty when unknown.
    pub date: String,
    /// The report id, `swansea-2018-07`.
    pub report: String,
    /// `3.18`, `R5`, `O3`.
    pub paragraph: String,
    /// The first and last page of the published report the paragraph is printed on, where
    /// known.
    pub pages: Option<(u32, u32)>,
    /// A deep link `ciw show` opens: `swansea-2018-07#3.18`.
    pub link: String,
    /// The sentence to quote: [`Report::citation`].
    pub text: String,
}

/// The kind of every report until the model records kinds.
const DEFAULT_KIND: &str = "Inspection of children's services";

/// The kind of publication a report is, as exports name it.
fn kind_of(r: &Report) -> String {
    kind_words(r.document_label())
}

/// "CIW inspection of children's services" as a kind column says it: "Inspection of
/// children's services".
fn kind_words(label: String) -> String {
    let rest = label.strip_prefix("CIW ").unwrap_or(&label);
    let mut c = rest.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => DEFAULT_KIND.to_string(),
    }
}

/// The pages a paragraph is printed on, where the report records them.
fn pages_of(r: &Report, paragraph: &str) -> Option<(u32, u32)> {
    r.find_paragraph(paragraph)
        .and_then(|(_, p)| p.pages)
        .map(|p| (p.0, p.1))
}

/// A page range for a spreadsheet cell: `17`, or `17-18` across a page break.
fn pages_cell(pages: Option<(u32, u32)>) -> String {
    match pages {
        None => String::new(),
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
    }
}

/// The citation of paragraph `paragraph` of `r`: the one place exports take it from.
pub fn cite(r: &Report, paragraph: &str) -> Citation {
    Citation {
        council: r.authority.short.clone(),
        council_name: r.authority.name.clone(),
        kind: kind_of(r),
        inspected: r.inspection.label(),
        date: sortable_date(r.inspection.year, r.inspection.month_number),
        report: r.id.clone(),
        paragraph: paragraph.to_string(),
        pages: pages_of(r, paragraph),
        link: format!("{}#{paragraph}", r.id),
        text: r.citation(paragraph),
    }
}

fn sortable_date(year: u16, month: u8) -> String {
    match (year, month) {
        (0, _) => String::new(),
        (y, 1..=12) => format!("{y}-{month:02}"),
        (y, _) => y.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// Report text made one clean line: controls and escape sequences removed, every run of
/// whitespace one space.
fn one_line(s: &str) -> String {
    for_terminal(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for Markdown, inline: one line, and every ASCII character that could begin markup
/// backslash-escaped (CommonMark allows a backslash before any ASCII punctuation), so report text
/// can neither split a table cell (`|`) nor open emphasis, a link, a code span, raw HTML or a
/// heading.
pub fn md(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '$'
                | '^'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for a CSV field: one line, and a leading `'` where a spreadsheet would otherwise read
/// the cell as a formula (`=`, `+`, `-`, `@`). The `csv` writer adds the quoting.
pub fn cell(s: &str) -> String {
    let line = one_line(s);
    if line.starts_with(['=', '+', '-', '@']) {
        format!("'{line}")
    } else {
        line
    }
}

/// A Markdown pipe table of already-escaped cells.
fn md_table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for c in cells {
            s.push(' ');
            s.push_str(if c.is_empty() { " " } else { c });
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    out.push_str(&line(header));
    out.push_str(&line(&vec!["---".to_string(); header.len()]));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// A CSV document: the header row, then the rows, CRLF-terminated as RFC 4180 has it.
fn csv_doc(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; every row has the header's length.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A paragraph's citation in Markdown, italic.
fn md_citation(c: &Citation) -> String {
    format!("*{}*", md(&c.text))
}

// ---------------------------------------------------------------------------------------------
// Paragraph rows: `show` and `compare`

/// The columns of a paragraph row (`show`, `compare`; `search` puts `rank` and `score` first).
pub const PARAGRAPH_COLUMNS: [&str; 13] = [
    "council",
    "council_name",
    "kind",
    "inspected",
    "report",
    "section",
    "subsection",
    "theme",
    "paragraph",
    "page",
    "text",
    "citation",
    "link",
];

/// One paragraph as exported.
struct Para<'a> {
    cite: Citation,
    section: String,
    subsection: Option<&'a str>,
    theme: Option<Theme>,
    text: &'a str,
}

impl Para<'_> {
    fn csv(&self) -> Vec<String> {
        let c = &self.cite;
        vec![
            cell(&c.council),
            cell(&c.council_name),
            cell(&c.kind),
            cell(&c.date),
            cell(&c.report),
            cell(&self.section),
            cell(self.subsection.unwrap_or("")),
            self.theme.map(|t| t.key().to_string()).unwrap_or_default(),
            cell(&c.paragraph),
            pages_cell(c.pages),
            cell(self.text),
            cell(&c.text),
            cell(&c.link),
        ]
    }

    /// `**3.18** text *citation*`, one Markdown paragraph.
    fn markdown(&self) -> String {
        format!(
            "**{}** {} {}\n",
            md(&self.cite.paragraph),
            md(self.text),
            md_citation(&self.cite)
        )
    }
}

/// A section heading as the report prints it: "3 Care and support ...".
fn section_heading(number: Option<u32>, title: &str) -> String {
    match number {
        Some(n) => format!("{n} {title}"),
        None => title.to_string(),
    }
}

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

// ---------------------------------------------------------------------------------------------
// Search hits

/// The columns of a search hit row: `partial` is `yes` for a hit that lacks some of the words.
pub fn hit_columns() -> Vec<&'static str> {
    let mut v = vec!["rank", "score", "partial"];
    v.extend(PARAGRAPH_COLUMNS);
    v
}

/// A hit as an exported paragraph: cited from its report in `corpus`, or from the hit alone
/// when the corpus lacks it.
fn hit_para<'h>(h: &'h Hit, corpus: &Corpus) -> Para<'h> {
    let cite = match corpus.reports.iter().find(|r| *r.id == *h.report) {
        Some(r) => cite(r, &h.paragraph),
        None => Citation {
            council: h.authority.to_string(),
            council_name: h.authority.to_string(),
            kind: String::new(),
            inspected: String::new(),
            date: String::new(),
            report: h.report.to_string(),
            paragraph: h.paragraph.to_string(),
            pages: h.pages.map(|p| (p.0, p.1)),
            link: format!("{}#{}", h.report, h.paragraph),
            text: match h.pages {
                Some(p) => format!("{}, {}, {}", h.authority, h.paragraph, p.label()),
                None => format!("{}, {}", h.authority, h.paragraph),
            },
        },
    };
    Para {
        cite,
        section: h.section.to_string(),
        subsection: h.subsection.as_deref(),
        theme: h.theme,
        text: &h.text,
    }
}

/// `ciw search --format csv`: one row per hit, best first (those with every word, then those
/// missing some, `partial` saying which).
pub fn hits_csv(hits: &[Hit], corpus: &Corpus) -> String {
    csv_doc(
        &hit_columns(),
        hits.iter().enumerate().map(|(i, h)| {
            let mut row = vec![
                (i + 1).to_string(),
                format!("{:.3}", (f64::from(h.score) * 1000.0).round() / 1000.0),
                if h.partial { "yes" } else { "no" }.to_string(),
            ];
            row.extend(hit_para(h, corpus).csv());
            row
        }),
    )
}

/// A hit's whole paragraph in Markdown with the matched words bold (neighbouring matched words,
/// "placement stability", in one run).
fn md_highlighted(h: &Hit) -> String {
    // Merge matches separated by nothing but spaces.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for m in &h.matches {
        match runs.last_mut() {
            Some(last)
                if h.text
                    .get(last.end..m.start)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace)) =>
            {
                last.end = m.end
            }
            _ => runs.push(m.clone()),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for m in &runs {
        let (Some(before), Some(word)) = (h.text.get(at..m.start), h.text.get(m.clone())) else {
            continue;
        };
        out.push_str(&md(before));
        if before.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        let word = md(word);
        if !word.is_empty() {
            let _ = write!(out, "**{word}**");
        }
        at = m.end;
        if h.text[at..].starts_with(char::is_whitespace) {
            out.push(' ');
        }
    }
    out.push_str(&md(h.text.get(at..).unwrap_or("")));
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ciw search --format markdown`: a heading with the query, then a numbered list of the hits,
/// each the whole paragraph (matched words bold) followed by its citation and where it sits.
/// Hits that lack some of the words come under their own heading, "N more with some words
/// missing", as the explorer and the plain output divide them.
pub fn hits_markdown(query: &str, hits: &[Hit], corpus: &Corpus) -> String {
    let mut out = String::new();
    let reports: std::collections::HashSet<&str> = hits.iter().map(|h| &*h.report).collect();
    let partial = hits.iter().filter(|h| h.partial).count();
    let _ = writeln!(out, "# Search: {}\n", md(query));
    let _ = writeln!(
        out,
        "{} hit{} in {} report{}, best first{}.\n",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" },
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        match partial {
            0 => String::new(),
            n if n == hits.len() => "; none has every word".to_string(),
            n => format!("; {n} with some words missing"),
        }
    );
    let mut divided = false;
    for (i, h) in hits.iter().enumerate() {
        if h.partial && !divided {
            divided = true;
            let more = if i == 0 { "" } else { " more" };
            let _ = writeln!(out, "## {partial}{more} with some words missing\n");
        }
        let p = hit_para(h, corpus);
        let place = match p.subsection {
            Some(s) => format!("{} › {}", p.section, s),
            None => p.section.clone(),
        };
        let _ = writeln!(
            out,
            "{}. {}\n   — {} ({})\n",
            i + 1,
            md_highlighted(h),
            md_citation(&p.cite),
            md(&place)
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Comparison

fn find_report<'c>(corpus: &'c Corpus, id: &str) -> Option<&'c Report> {
    corpus.reports.iter().find(|r| r.id == id)
}

/// The cited paragraphs of a comparison, column by column: areas for development first, then
/// the section's paragraphs.
fn compare_paras<'c>(c: &'c Comparison, corpus: &Corpus) -> Vec<Para<'c>> {
    let mut out = Vec::new();
    for col in &c.columns {
        let r = find_report(corpus, &col.report);
        let citation = |id: &str| match r {
            Some(r) => cite(r, id),
            None => Citation {
                council: col.authority.clone(),
                council_name: col.authority_name.clone(),
                kind: String::new(),
                inspected: col.inspection.label(),
                date: sortable_date(col.inspection.year, col.inspection.month_number),
                report: col.report.clone(),
                paragraph: id.to_string(),
                pages: None,
                link: format!("{}#{id}", col.report),
                text: format!("{}, {}, {id}", col.authority_name, col.inspection.label()),
            },
        };
        let afd_title = r
            .and_then(|r| {
                r.sections
                    .iter()
                    .find(|s| s.kind == SectionKind::AreasForDevelopment)
            })
            .map(|s| s.title.clone())
            .unwrap_or_else(|| "Areas for development".to_string());
        for rec in &col.recommendations {
            out.push(Para {
                cite: citation(&format!("R{}", rec.number)),
                section: afd_title.clone(),
                subsection: None,
                theme: Some(c.theme),
                text: &rec.text,
            });
        }
        let section = section_heading(
            col.section_number,
            col.section_title.as_deref().unwrap_or(""),
        );
        for p in &col.paragraphs {
            out.push(Para {
                cite: citation(&p.id),
                section: section.clone(),
                subsection: p.subsection.as_deref(),
                theme: Some(c.theme),
                text: &p.text,
            });
        }
    }
    out
}

/// `ciw compare --format csv`: one row per area for development and paragraph, council by
/// council.
pub fn compare_csv(c: &Comparison, corpus: &Corpus) -> String {
    csv_doc(
        &PARAGRAPH_COLUMNS,
        compare_paras(c, corpus).iter().map(Para::csv),
    )
}

/// "Swansea, July 2018".
fn column_name(authority: &str, inspection: &crate::model::Inspection) -> String {
    format!("{authority}, {}", inspection.label())
}

/// `ciw compare --format markdown`: the councils' areas for development side by side in a
/// table (one row per area, each cell with its citation), "What we expect to see", then each
/// aligned subsection with every council's paragraphs under it, cited.
pub fn compare_markdown(c: &Comparison, corpus: &Corpus) -> String {
    let mut out = String::new();
    let names: Vec<String> = c
        .columns
        .iter()
        .map(|col| column_name(&col.authority, &col.inspection))
        .collect();
    let _ = writeln!(
        out,
        "# {} compared: {}\n",
        md(&c.theme_title),
        md(&names.join("; "))
    );
    let kinds: Vec<String> = c
        .columns
        .iter()
        .filter_map(|col| find_report(corpus, &col.report).map(kind_of))
        .collect();
    let kind = kinds
        .first()
        .cloned()
        .unwrap_or_else(|| DEFAULT_KIND.to_string());
    let _ = writeln!(
        out,
        "Care Inspectorate Wales, {}: theme `{}`, {} report{}.\n",
        md(&kind.to_lowercase()),
        c.theme.key(),
        c.columns.len(),
        if c.columns.len() == 1 { "" } else { "s" }
    );

    let paras = compare_paras(c, corpus);
    let _ = writeln!(out, "## Areas for development\n");
    let most = c
        .columns
        .iter()
        .map(|col| col.recommendations.len())
        .max()
        .unwrap_or(0);
    if most == 0 {
        let _ = writeln!(
            out,
            "None of these reports gives an area for development on this theme.\n"
        );
    } else {
        let mut header = vec!["#".to_string()];
        header.extend(names.iter().map(|n| md(n)));
        let mut rows = Vec::new();
        for i in 0..most {
            let mut row = vec![(i + 1).to_string()];
            for col in &c.columns {
                let cell = col
                    .recommendations
                    .get(i)
                    .and_then(|rec| {
                        let id = format!("R{}", rec.number);
                        paras
                            .iter()
                            .find(|p| p.cite.report == col.report && p.cite.paragraph == id)
                    })
                    .map(Para::markdown)
                    .unwrap_or_default();
                row.push(cell.trim_end().to_string());
            }
            rows.push(row);
        }
        out.push_str(&md_table(&header, &rows));
        out.push('\n');
    }

    if let Some(e) = c.expectations.as_deref().filter(|e| !e.trim().is_empty()) {
        let _ = writeln!(out, "## What we expect to see\n\n{}\n", md(e));
        if !c.expectations_differ.is_empty() {
            let _ = writeln!(
                out,
                "*Worded differently in the report{} of {}.*\n",
                if c.expectations_differ.len() == 1 {
                    ""
                } else {
                    "s"
                },
                md(&c.expectations_differ.join(", "))
            );
        }
    }

    let _ = writeln!(out, "## Findings\n");
    for (ri, row) in c.rows.iter().enumerate() {
        let label = row
            .label
            .clone()
            .unwrap_or_else(|| "Opening paragraphs".to_string());
        let _ = writeln!(out, "### {}\n", md(&label));
        for (col, name) in c.columns.iter().zip(&names) {
            let _ = writeln!(out, "#### {}\n", md(name));
            if !col.has_section() {
                let _ = writeln!(out, "*This report has no section on this theme.*\n");
                continue;
            }
            let Some(g) = col.groups.iter().find(|g| g.row == ri) else {
                continue;
            };
            if g.is_gap() {
                let _ = writeln!(out, "*No paragraphs under this heading.*\n");
                continue;
            }
            for id in &g.ids {
                if let Some(p) = paras
                    .iter()
                    .find(|p| p.cite.report == col.report && p.cite.paragraph == *id)
                {
                    out.push_str(&p.markdown());
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The columns of a matrix row (`compare --matrix --format csv`), for `themes`.
fn matrix_columns(themes: &[Theme]) -> Vec<String> {
    let mut v: Vec<String> = ["council", "report", "inspected", "framework"]
        .map(String::from)
        .to_vec();
    for t in themes {
        v.push(format!("{}_areas_for_development", t.key()));
        v.push(format!("{}_paragraphs", t.key()));
    }
    v.extend(
        [
            "fieldwork_days",
            "case_files_reviewed",
            "tracked_by_interview",
            "tracked_by_focus_group",
            "supervision_files",
        ]
        .map(String::from),
    );
    v
}

fn figure(v: Option<u32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// `ciw compare --matrix --format csv`: one row per report.
pub fn matrix_csv(m: &Matrix) -> String {
    let header = matrix_columns(&m.themes);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_doc(
        &header,
        m.rows.iter().map(|r| {
            let mut row = vec![
                cell(&r.authority),
                cell(&r.report),
                sortable_date(r.inspection.year, r.inspection.month_number),
                r.framework.map(|f| f.key().to_string()).unwrap_or_default(),
            ];
            for c in &r.cells {
                let has = c.section_title.is_some();
                row.push(c.recommendations.to_string());
                row.push(if has {
                    c.paragraphs.to_string()
                } else {
                    String::new()
                });
            }
            let f = &r.methodology;
            row.extend([
                figure(f.fieldwork_days),
                figure(f.case_files_reviewed),
                figure(f.tracked_by_interview),
                figure(f.tracked_by_focus_group),
                figure(f.supervision_files),
            ]);
            row
        }),
    )
}

/// `ciw compare --matrix --format markdown`: councils down, themes across (areas for
/// development, with their numbers, and paragraphs), then the methodology figures.
pub fn matrix_markdown(m: &Matrix) -> String {
    let mut header = vec![
        "Council".to_string(),
        "Inspected".to_string(),
        "Framework".to_string(),
    ];
    header.extend(m.themes.iter().map(|t| md(t.title())));
    header.extend(
        [
            "Fieldwork days",
            "Case files",
            "Tracked (interview)",
            "Tracked (focus group)",
            "Supervision files",
        ]
        .map(String::from),
    );
    let rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                md(&r.authority),
                md(&r.inspection.label()),
                r.framework.map(|f| md(f.label())).unwrap_or_default(),
            ];
            for c in &r.cells {
                row.push(match &c.section_title {
                    None if !c.in_framework && c.recommendations == 0 => {
                        "not a theme of its framework".to_string()
                    }
                    None => "no section".to_string(),
                    Some(_) => {
                        let afd = if c.recommendation_numbers.is_empty() {
                            "no AfD".to_string()
                        } else {
                            let ids: Vec<String> = c
                                .recommendation_numbers
                                .iter()
                                .map(|n| format!("R{n}"))
                                .collect();
                            format!("{} AfD ({})", c.recommendations, ids.join(", "))
                        };
                        format!("{afd}; {} paragraphs", c.paragraphs)
                    }
                });
            }
            let f = &r.methodology;
            for v in [
                f.fieldwork_days,
                f.case_files_reviewed,
                f.tracked_by_interview,
                f.tracked_by_focus_group,
                f.supervision_files,
            ] {
                row.push(v.map(|n| n.to_string()).unwrap_or_else(|| "?".into()));
            }
            row
        })
        .collect();
    let mut out = String::from("# Councils and themes\n\n");
    out.push_str(
        "Areas for development (AfD) and paragraphs per theme, and the methodology figures, \
         from Care Inspectorate Wales inspections of children's services.\n\n",
    );
    out.push_str(&md_table(&header, &rows));
    out
}

// ---------------------------------------------------------------------------------------------
// The list of reports

/// The columns of a report row (`list --format csv`).
pub const REPORT_COLUMNS: [&str; 10] = [
    "council",
    "council_name",
    "kind",
    "inspected",
    "report",
    "paragraphs",
    "areas_for_development",
    "overview_findings",
    "sections",
    "warnings",
];

/// The kind of a listed report.
fn summary_kind(s: &Summary) -> String {
    kind_words(crate::model::document_label(
        s.kind, s.about, s.services, None,
    ))
}

/// `ciw list --format csv`: one row per report.
pub fn list_csv(rows: &[Summary]) -> String {
    csv_doc(
        &REPORT_COLUMNS,
        rows.iter().map(|s| {
            vec![
                cell(&s.authority.short),
                cell(&s.authority.name),
                cell(&summary_kind(s)),
                sortable_date(s.inspection.year, s.inspection.month_number),
                cell(&s.id),
                s.paragraphs.to_string(),
                s.recommendations.to_string(),
                s.overview_findings.to_string(),
                s.sections.to_string(),
                s.warnings.to_string(),
            ]
        }),
    )
}

/// `ciw list --format markdown`: a table of the reports.
pub fn list_markdown(rows: &[Summary]) -> String {
    let header = [
        "Council",
        "Kind",
        "Inspected",
        "Paragraphs",
        "Areas for development",
        "Overview findings",
        "Report",
    ]
    .map(String::from);
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            vec![
                md(&s.authority.name),
                md(&summary_kind(s)),
                md(&s.inspection.label()),
                s.paragraphs.to_string(),
                s.recommendations.to_string(),
                s.overview_findings.to_string(),
                md(&s.id),
            ]
        })
        .collect();
    let mut out = format!(
        "# Reports\n\n{} report{} of Care Inspectorate Wales.\n\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    out.push_str(&md_table(&header, &body));
    out
}

// ---------------------------------------------------------------------------------------------
// File names for the explorer's `E`

/// A file name for an export, from what it holds: `compare-safeguarding.md`, `search-placement-
/// stability.md`. Lower-case ASCII letters, digits and dashes only, at most 60 characters before
/// the extension.
pub fn file_stem(parts: &[&str]) -> String {
    let mut s = crate::model::slug(&parts.join(" "));
    if s.len() > 60 {
        s.truncate(60);
        while s.ends_with('-') {
            s.pop();
        }
    }
    if s.is_empty() {
        "export".to_string()
    } else {
        s
    }
}

/// Writes `bytes` to a new file `<stem>.<ext>` in `dir`, or `<stem>-2.<ext>`, `-3`... when that
/// exists, never replacing a file: the text goes to a temporary file first (synced), then is
/// linked under the free name, which fails rather than replace one that appeared meanwhile.
/// Returns the path written.
pub fn write_new(
    dir: &std::path::Path,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> std::io::Result<std::path::PathBuf> {
    use std::io::{ErrorKind, Write};
    let tmp = dir.join(format!(".{stem}.{ext}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let mut result = Err(std::io::Error::new(
        ErrorKind::AlreadyExists,
        format!("{stem}.{ext} and 999 numbered names are taken"),
    ));
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::hard_link(&tmp, &path) {
            Ok(()) => {
                result = Ok(path);
                break;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            // No hard links here (some network and FAT file systems): create the file only if
            // it is new, and write it in place.
            Err(_) => match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    result = f
                        .write_all(bytes)
                        .and_then(|()| f.sync_all())
                        .map(|()| path);
                    break;
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            },
        }
    }
    let _ = std::fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_name_the_kind_of_document() {
        let letter = crate::parse::parse_str(
            include_str!("../tests/fixtures/real-openings/wrexham-2021-11-monitoring-letter.txt"),
            "wrexham.txt",
        )
        .expect("the letter parses");
        let c = cite(&letter, "R1");
        assert_eq!(c.kind, "Monitoring letter on children's services");
        let sample = crate::corpus::Corpus::samples();
        let c = cite(&sample.reports[0], "3.1");
        assert_eq!(c.kind, "Inspection of children's services");
    }

    #[test]
    fn md_escapes_markup_and_flattens() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("`code` *em* _u_"), "\\`code\\` \\*em\\* \\_u\\_");
        assert_eq!(md("line\none\r\ntwo\tthree"), "line one two three");
        assert_eq!(md("\x1b[31mred\x1b[0m\u{7}"), "red");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("[a](http://x)"), "\\[a\\](http://x)");
        assert_eq!(md("back\\slash"), "back\\\\slash");
        assert_eq!(md("&lt;"), "\\&lt;");
    }

    #[test]
    fn csv_cells_guard_formulas() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("plain, \"quoted\""), "plain, \"quoted\"");
        assert_eq!(cell("two\nlines\x00"), "two lines");
    }

    #[test]
    fn csv_doc_round_trips() {
        let doc = csv_doc(
            &["a", "b"],
            [
                vec![cell("x,\"y\"\nz"), cell("ok")],
                vec![cell(""), cell("é")],
            ],
        );
        let mut r = csv::Reader::from_reader(doc.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "x,\"y\" z");
        assert_eq!(&rows[1][1], "é");
        assert!(doc.ends_with("\r\n"));
    }

    #[test]
    fn citations_come_from_the_report() {
        let c = Corpus::samples();
        let r = c.find("swansea").unwrap();
        let ci = cite(r, "3.18");
        assert_eq!(ci.council, "Swansea");
        assert_eq!(ci.council_name, "City and County of Swansea");
        assert_eq!(ci.inspected, "July 2018");
        assert_eq!(ci.date, "2018-07");
        assert_eq!(ci.link, "swansea-2018-07#3.18");
        assert_eq!(ci.text, r.citation("3.18"));
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "compare-safeguarding", "md", b"one").unwrap();
        let b = write_new(dir.path(), "compare-safeguarding", "md", b"two").unwrap();
        std::fs::write(dir.path().join("compare-safeguarding-3.md"), "mine").unwrap();
        let c = write_new(dir.path(), "compare-safeguarding", "md", b"three").unwrap();
        assert_eq!(a.file_name().unwrap(), "compare-safeguarding.md");
        assert_eq!(b.file_name().unwrap(), "compare-safeguarding-2.md");
        assert_eq!(c.file_name().unwrap(), "compare-safeguarding-4.md");
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
        assert_eq!(read("compare-safeguarding.md"), "one");
        assert_eq!(read("compare-safeguarding-2.md"), "two");
        assert_eq!(read("compare-safeguarding-3.md"), "mine");
        assert_eq!(read("compare-safeguarding-4.md"), "three");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        assert!(write_new(&dir.path().join("missing"), "x", "md", b"").is_err());
    }

    #[test]
    fn file_stems_are_tame() {
        assert_eq!(
            file_stem(&["compare", "safeguarding"]),
            "compare-safeguarding"
        );
        assert_eq!(
            file_stem(&["search", "'placement \"stab\" ../x"]),
            "search-placement-stab-x"
        );
        assert_eq!(file_stem(&["", "/"]), "export");
        assert!(file_stem(&["search", &"x".repeat(200)]).len() <= 60);
    }
}
