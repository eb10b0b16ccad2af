//! `ciw list` exports: one row per report.

use super::*;

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
