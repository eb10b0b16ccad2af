//! Aligning one theme across reports: each report's section grouped by subsection key, the keys
//! merged into one order of rows, every report a column with one group per row, and which
//! councils word "What we expect to see" differently. The rules are in the [module
//! docs](super).

use super::subsection::{same_subsection, subsection_key};
use super::{Column, ComparedRecommendation, Comparison, Group, Row, OPENING_KEY};
use crate::model::{Framework, Paragraph, Report, Theme};
use crate::text::fold;

/// Words of a text for comparing wordings: folded, punctuation and apostrophes dropped.
fn wording(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w: String = w.chars().filter(|c| *c != '\'').collect();
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    out
}

/// Whether a report says anything on a theme: paragraphs in its section, or areas for
/// development.
fn has_text(r: &Report, theme: Theme) -> bool {
    r.theme_section(theme)
        .is_some_and(|s| !s.paragraphs.is_empty())
        || r.recommendations_for(theme).next().is_some()
}

/// Aligns one theme across `reports`: those with text on the theme first, each set in the
/// order given, so a council with text is never left out for lack of width in favour of one
/// with none. Reports lacking the theme's section (one written around the other framework,
/// say) still get a column (with their recommendations, if any) and gaps in every row.
pub fn compare<'a>(theme: Theme, reports: impl IntoIterator<Item = &'a Report>) -> Comparison {
    let mut reports: Vec<&Report> = reports.into_iter().collect();
    reports.sort_by_key(|r| !has_text(r, theme));

    // Each report's paragraphs grouped by subsection key, keys in first-appearance order.
    struct Partial<'r> {
        keys: Vec<(String, Option<&'r str>, Vec<usize>)>,
    }
    let mut partials = Vec::with_capacity(reports.len());
    for r in &reports {
        let mut keys: Vec<(String, Option<&str>, Vec<usize>)> = Vec::new();
        if let Some(sec) = r.theme_section(theme) {
            for (i, p) in sec.paragraphs.iter().enumerate() {
                let key = subsection_key(p.subsection.as_deref());
                match keys.iter_mut().find(|(k, _, _)| same_subsection(k, &key)) {
                    Some((_, heading, idx)) => {
                        idx.push(i);
                        if heading.is_none() {
                            *heading = p.subsection.as_deref();
                        }
                    }
                    None => keys.push((key, p.subsection.as_deref(), vec![i])),
                }
            }
            // Headings with no paragraphs of their own still make a row.
            for h in &sec.subsections {
                let key = subsection_key(Some(h));
                if !keys.iter().any(|(k, _, _)| same_subsection(k, &key)) {
                    keys.push((key, Some(h.as_str()), Vec::new()));
                }
            }
        }
        partials.push(Partial { keys });
    }
    // A report whose subsections share none with the others' (another framework's headings,
    // say) is read in one run beside the others' opening paragraphs, its headings inline,
    // rather than row by row below a gap that would say it has nothing.
    let shared = |i: usize, key: &str| {
        key != OPENING_KEY
            && partials
                .iter()
                .enumerate()
                .any(|(j, p)| j != i && p.keys.iter().any(|(k, _, _)| same_subsection(k, key)))
    };
    let alone: Vec<bool> = (0..partials.len())
        .map(|i| {
            let keys = &partials[i].keys;
            partials.len() > 1
                && keys
                    .iter()
                    .any(|(k, _, idx)| k != OPENING_KEY && !idx.is_empty())
                && !keys.iter().any(|(k, _, _)| shared(i, k))
        })
        .collect();
    for (p, alone) in partials.iter_mut().zip(alone) {
        if alone {
            let mut all: Vec<usize> = p.keys.iter().flat_map(|(_, _, idx)| idx.clone()).collect();
            all.sort_unstable();
            p.keys = vec![(OPENING_KEY.to_string(), None, all)];
        }
    }

    // Merge the key orders: each report's keys keep their order; a key new to the merged list
    // goes just before the next key of the same report already listed (so it sits between the
    // same neighbours as in its report, after other reports' extras there), else at the end.
    let mut rows: Vec<Row> = Vec::new();
    if partials
        .iter()
        .any(|p| p.keys.iter().any(|(k, _, _)| k == OPENING_KEY))
    {
        rows.push(Row {
            key: OPENING_KEY.to_string(),
            label: None,
        });
    }
    let find = |rows: &[Row], key: &str| rows.iter().position(|r| same_subsection(&r.key, key));
    for p in &partials {
        let mut cursor = 0;
        for (j, (key, heading, _)) in p.keys.iter().enumerate() {
            match find(&rows, key) {
                Some(i) => {
                    cursor = cursor.max(i + 1);
                    if rows[i].label.is_none() {
                        rows[i].label = heading.map(str::to_string);
                    }
                }
                None => {
                    let next_known = p.keys[j + 1..]
                        .iter()
                        .find_map(|(k, _, _)| find(&rows, k).filter(|&i| i >= cursor));
                    let at = next_known.unwrap_or(rows.len());
                    rows.insert(
                        at,
                        Row {
                            key: key.clone(),
                            label: heading.map(str::to_string),
                        },
                    );
                    cursor = at + 1;
                }
            }
        }
    }

    let mut columns = Vec::with_capacity(reports.len());
    for (r, p) in reports.iter().zip(&partials) {
        let sec = r.theme_section(theme);
        let paragraphs: Vec<Paragraph> = sec.map(|s| s.paragraphs.clone()).unwrap_or_default();
        let groups = rows
            .iter()
            .enumerate()
            .map(|(row, rk)| {
                let found = p.keys.iter().find(|(k, _, _)| same_subsection(k, &rk.key));
                let (heading, indices) = match found {
                    Some((_, h, idx)) => (h.map(str::to_string), idx.clone()),
                    None => (None, Vec::new()),
                };
                Group {
                    row,
                    heading,
                    ids: indices.iter().map(|&i| paragraphs[i].id.clone()).collect(),
                    indices,
                }
            })
            .collect();
        columns.push(Column {
            report: r.id.clone(),
            authority: r.authority.short.clone(),
            authority_name: r.authority.name.clone(),
            inspection: r.inspection.clone(),
            framework: r.framework(),
            section_number: sec.and_then(|s| s.number),
            section_title: sec.map(|s| s.title.clone()),
            recommendations: r
                .recommendations_for(theme)
                .map(|rec| ComparedRecommendation {
                    number: rec.number,
                    text: rec.text.clone(),
                    inferred: rec.inferred,
                })
                .collect(),
            paragraphs,
            groups,
        });
    }

    // "What we expect to see": the first report's wording; note the councils that differ. A
    // report of another framework (a PEI report has no such text) is not counted as differing.
    let all_expectations: Vec<(&str, Option<Framework>, Option<&str>)> = columns
        .iter()
        .zip(&reports)
        .map(|(col, r)| {
            (
                r.authority.short.as_str(),
                col.framework,
                r.theme_section(theme)
                    .and_then(|s| s.expectations.as_deref()),
            )
        })
        .collect();
    let shown = all_expectations
        .iter()
        .find_map(|&(_, f, e)| e.map(|e| (f, e)));
    let expectations_differ = match shown {
        Some((framework, text)) => {
            let w = wording(text);
            all_expectations
                .iter()
                .filter(|(_, f, e)| match e {
                    Some(e) => wording(e) != w,
                    None => *f == framework,
                })
                .map(|(a, _, _)| a.to_string())
                .collect()
        }
        None => Vec::new(),
    };

    Comparison {
        theme,
        theme_title: theme.title().to_string(),
        expectations: shown.map(|(_, e)| e.to_string()),
        expectations_differ,
        rows,
        columns,
    }
}
