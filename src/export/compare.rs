//! `ciw compare` exports: a comparison column by column, and the matrix.

use super::*;

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
