//! Comparison: one theme across councils, and the councils × themes matrix.
//!
//! [`compare`] aligns the sections of one [`Theme`] across reports whatever their printed titles,
//! and aligns their subsections by a normalised key in a merged order, so a subsection one council
//! lacks leaves a visible gap rather than shifting the rest. [`side_by_side`] lays a
//! [`Comparison`] out in columns for any front end; [`mod@matrix`] counts recommendations and
//! paragraphs per council and theme next to the methodology figures, and sets them as tables.
//! No terminal code here.
//!
//! Alignment rules:
//! - Sections align by [`Theme`] (the parser assigns it from the title).
//! - Subsection headings compare folded (case, quotes, Welsh diacritics), `&` as "and", word
//!   breaks ignored ("well-being" = "wellbeing"), a plural `s` ignored, and a shortened heading of
//!   two or more words matches its longer form ("Placement choice" = "Placement choice,
//!   stability and wellbeing").
//! - Paragraphs before any heading and those under an introductory heading ("Summary of
//!   findings", "Summary", "Overview", "Introduction") share one opening row, [`OPENING_KEY`]:
//!   Pembrokeshire's "Summary of findings" (3.1–3.4) sits level with Swansea's un-headed
//!   3.1–3.7. Each column keeps its own heading ([`Group::heading`]).
//! - A report whose subsections share none with the other reports' (written around another
//!   framework, say) puts all its paragraphs in the opening row, its headings inline, so its
//!   text sits beside the others' and no gap says it has none.
//! - Rows follow the first report's order; a subsection new to the list goes before the next
//!   subsection its own report shares with the list, else at the end.
//!
//! For a front end: `compare(theme, reports)` → [`Comparison`] (serialisable; `rows`, and per
//! column `groups[row]`), [`Comparison::row_of`] to scroll to a paragraph's row,
//! [`themes_for`] for the themes `]`/`[` step through ([`Theme::next_in`]), and
//! [`side_by_side::side_by_side`] → [`SideBySide`] with styled, anchored lines per column in
//! bands that keep subsections level ([`SideBySide::block_starts`],
//! [`SideBySide::column_lines`] for independent scrolling).

pub mod matrix;
pub mod side_by_side;

pub use matrix::{matrix, Matrix};
pub use side_by_side::SideBySide;

use crate::model::{Framework, Inspection, Paragraph, Report, Theme};
use crate::text::fold;
use serde::Serialize;

/// The key of the row that holds a section's opening paragraphs: those before any subsection
/// heading, and those under a summary-like heading ("Summary of findings").
pub const OPENING_KEY: &str = "opening";

/// One theme across several reports, ready to show side by side or serialise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub theme: Theme,
    /// The theme's common title ("Care and support and pathway planning").
    pub theme_title: String,
    /// "What we expect to see", shown once: the first report's wording.
    pub expectations: Option<String>,
    /// Councils (short names) whose "What we expect to see" differs in its words from the one
    /// shown, or lacks one while others have it. Differences of punctuation, case and spacing
    /// (carer's / carers) are not counted.
    pub expectations_differ: Vec<String>,
    /// The aligned subsections, in merged order; every column has one group per row.
    pub rows: Vec<Row>,
    /// One column per report, in the order asked for.
    pub columns: Vec<Column>,
}

/// An aligned subsection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The normalised key ([`OPENING_KEY`] for the opening paragraphs).
    pub key: String,
    /// The heading as first printed by a report that has it; `None` for opening paragraphs that
    /// no report heads.
    pub label: Option<String>,
}

/// One report's side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// The report id, `swansea-2018-07`.
    pub report: String,
    /// The council's short name, "Swansea".
    pub authority: String,
    /// The council's full name, "City and County of Swansea".
    pub authority_name: String,
    pub inspection: Inspection,
    /// The framework the report is written around; `None` when its themes do not tell.
    pub framework: Option<Framework>,
    pub section_number: Option<u32>,
    /// The section's own title in this report; `None` when the report has no such section.
    pub section_title: Option<String>,
    /// The areas for development this report gives for the theme.
    pub recommendations: Vec<ComparedRecommendation>,
    /// The section's paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// One group per [`Comparison::rows`] entry, in the same order; empty where this report
    /// lacks that subsection.
    pub groups: Vec<Group>,
}

/// An area for development as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedRecommendation {
    pub number: u32,
    pub text: String,
    /// True when the number was inferred by the parser.
    pub inferred: bool,
}

/// A column's paragraphs for one aligned subsection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Index into [`Comparison::rows`].
    pub row: usize,
    /// The heading as this report prints it, if it heads this group.
    pub heading: Option<String>,
    /// Paragraph ids, in order.
    pub ids: Vec<String>,
    /// Indices into [`Column::paragraphs`], in order.
    #[serde(skip)]
    pub indices: Vec<usize>,
}

impl Group {
    /// True when this report lacks the subsection.
    pub fn is_gap(&self) -> bool {
        self.indices.is_empty()
    }
}

impl Comparison {
    /// The index of the column of report `report` (an id such as `swansea-2018-07`).
    pub fn column_of(&self, report: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.report == report)
    }

    /// The aligned row holding paragraph `id` of column `column`: where to scroll to when the
    /// comparison opens from a paragraph.
    pub fn row_of(&self, column: usize, id: &str) -> Option<usize> {
        self.columns
            .get(column)?
            .groups
            .iter()
            .find(|g| g.ids.iter().any(|i| i.eq_ignore_ascii_case(id)))
            .map(|g| g.row)
    }
}

impl Column {
    /// True when the report has a section for the theme.
    pub fn has_section(&self) -> bool {
        self.section_title.is_some()
    }

    /// False when the report is written around a framework that lacks `theme` (leadership in a
    /// PEI report); true when it has it or its framework is not known.
    pub fn framework_has(&self, theme: Theme) -> bool {
        self.framework
            .is_none_or(|f| theme.frameworks().contains(&f))
    }
}

/// The tokens of a subsection heading for matching: folded (case, quotes, Welsh diacritics),
/// `&` read as "and", split on anything not alphanumeric, plural `s` dropped from long words.
fn heading_tokens(heading: &str) -> Vec<String> {
    let folded = fold(heading).replace('&', " and ");
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// True for headings that introduce a section rather than name a topic ("Summary of findings",
/// "Summary", "Overview", "Introduction"): their paragraphs align with other reports' un-headed
/// opening paragraphs.
fn is_opening_heading(tokens: &[String]) -> bool {
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    matches!(
        t.as_slice(),
        ["summary"]
            | ["summary", "of", "finding"]
            | ["summary", "of", "the", "finding"]
            | ["key", "finding"]
            | ["overview"]
            | ["overview", "of", "finding"]
            | ["introduction"]
    )
}

/// The normalised key of a subsection heading (`None` for paragraphs before any heading):
/// [`OPENING_KEY`] for opening paragraphs, else the heading's tokens joined by `-`.
pub fn subsection_key(heading: Option<&str>) -> String {
    let Some(h) = heading else {
        return OPENING_KEY.to_string();
    };
    let tokens = heading_tokens(h);
    if tokens.is_empty() || is_opening_heading(&tokens) {
        return OPENING_KEY.to_string();
    }
    tokens.join("-")
}

/// Whether two subsection keys name the same subsection: equal, equal once word breaks are
/// ignored ("well-being" / "wellbeing"), or one a shortened form of the other of at least two
/// words ("Placement choice" / "Placement choice, stability and wellbeing").
fn same_subsection(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a == OPENING_KEY || b == OPENING_KEY {
        return false;
    }
    if a.replace('-', "") == b.replace('-', "") {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.contains('-') && long.starts_with(short) && long[short.len()..].starts_with('-')
}

/// The themes to offer across `reports`, in order: those of every framework the reports are
/// written around (the 2018 themes first; safeguarding, which both share, once), or the 2018
/// themes when no report says.
pub fn themes_for<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Vec<Theme> {
    let mut frameworks: Vec<Framework> =
        reports.into_iter().filter_map(Report::framework).collect();
    if frameworks.is_empty() {
        frameworks.push(Framework::Inspection2018);
    }
    let mut out: Vec<Theme> = Vec::new();
    for f in Framework::ALL {
        if frameworks.contains(&f) {
            for &t in f.themes() {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }
    out
}

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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::model::{Authority, Methodology, Section, SectionKind};

    pub(crate) fn para(id: &str, sub: Option<&str>) -> Paragraph {
        Paragraph {
            id: id.into(),
            subsection: sub.map(str::to_string),
            text: format!("text of {id}"),
            pages: None,
        }
    }

    pub(crate) fn report(short: &str, paras: Vec<Paragraph>, expectations: Option<&str>) -> Report {
        let mut subsections: Vec<String> = Vec::new();
        for p in &paras {
            if let Some(s) = &p.subsection {
                if !subsections.contains(s) {
                    subsections.push(s.clone());
                }
            }
        }
        Report {
            id: format!("{}-2020-01", short.to_lowercase()),
            authority: Authority {
                name: format!("{short} Council"),
                short: short.into(),
            },
            inspection: Inspection {
                month: "January".into(),
                month_number: 1,
                year: 2020,
            },
            front_matter: vec![],
            contents: vec![],
            overview: vec![],
            overview_pages: vec![],
            recommendations: vec![],
            sections: vec![Section {
                number: Some(3),
                title: "Care and support".into(),
                kind: SectionKind::Theme,
                theme: Some(Theme::CareAndSupport),
                expectations: expectations.map(str::to_string),
                subsections,
                paragraphs: paras,
            }],
            methodology: Methodology::default(),
            warnings: vec![],
            title: None,
            kind: Some(crate::model::Kind::Inspection),
            about: None,
            services: Some(crate::model::Services::Children),
            family: crate::model::Family::Report2018,
            guesses: vec![],
        }
    }

    /// A report shaped as a performance evaluation inspection (PEI): the Act's principles as
    /// numbered sections, areas for improvement under principle headings.
    pub(crate) fn pei() -> Report {
        crate::parse::parse_str(
            include_str!("../tests/fixtures/ceredigion-2023-05-pei.txt"),
            "ceredigion-2023-05-pei.txt",
        )
        .expect("the PEI-shaped report parses")
    }

    fn sample(short: &str) -> Report {
        Corpus::samples()
            .reports
            .into_iter()
            .find(|r| r.authority.short == short)
            .expect("a sample report")
    }

    #[test]
    fn a_pei_report_compares_with_a_2018_report_on_safeguarding() {
        let swansea = sample("Swansea");
        let pei = pei();
        assert_eq!(swansea.framework(), Some(Framework::Inspection2018));
        assert_eq!(pei.framework(), Some(Framework::ActPrinciples));
        let c = compare(Theme::Safeguarding, [&swansea, &pei]);
        let who: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
        assert_eq!(who, ["Swansea", "Ceredigion"]);
        let (swa, cer) = (&c.columns[0], &c.columns[1]);
        assert!(swa.has_section() && cer.has_section());
        assert_eq!(
            (swa.framework, cer.framework),
            (
                Some(Framework::Inspection2018),
                Some(Framework::ActPrinciples)
            )
        );
        assert_eq!((swa.section_number, cer.section_number), (Some(4), Some(5)));
        let numbers = |col: &Column| {
            col.recommendations
                .iter()
                .map(|r| r.number)
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(swa), [7, 8]);
        assert_eq!(numbers(cer), [3, 4]);
        // Every paragraph of each column sits in exactly one aligned row.
        for col in &c.columns {
            let n: usize = col.groups.iter().map(|g| g.ids.len()).sum();
            assert_eq!(n, col.paragraphs.len(), "{}", col.authority);
        }
        // Its subsections share none with the 2018 report's: its findings sit beside Swansea's
        // in the opening row, their headings inline, and no row says it has none.
        let opening = c.rows.iter().position(|r| r.key == OPENING_KEY).unwrap();
        assert_eq!(cer.groups[opening].ids, ["5.1", "5.2", "5.3", "5.4"]);
        assert_eq!(swa.groups[opening].ids.len(), swa.paragraphs.len());
        assert!(c
            .columns
            .iter()
            .all(|col| col.groups.iter().all(|g| !g.is_gap())));
        // The PEI has no "What we expect to see": it is not counted as wording it differently.
        assert!(c.expectations.is_some());
        assert!(
            c.expectations_differ.is_empty(),
            "{:?}",
            c.expectations_differ
        );
    }

    #[test]
    fn a_council_with_text_on_the_theme_comes_before_one_without() {
        let (swansea, pembrokeshire, pei) = (sample("Swansea"), sample("Pembrokeshire"), pei());
        let c = compare(Theme::Leadership, [&pei, &swansea]);
        assert_eq!(c.columns[0].authority, "Swansea");
        let cer = &c.columns[1];
        assert!(!cer.has_section() && !cer.framework_has(Theme::Leadership));
        assert!(cer.groups.iter().all(Group::is_gap));
        let c = compare(Theme::Prevention, [&swansea, &pembrokeshire, &pei]);
        let who: Vec<&str> = c.columns.iter().map(|c| c.authority.as_str()).collect();
        assert_eq!(who, ["Ceredigion", "Swansea", "Pembrokeshire"]);
        assert_eq!(c.column_of("ceredigion-2023-05"), Some(0));
        assert!(c.columns[1].framework_has(Theme::Safeguarding));
        assert!(!c.columns[1].framework_has(Theme::Prevention));
    }

    #[test]
    fn themes_offered_follow_the_reports_frameworks() {
        let corpus = Corpus::samples();
        let pei = pei();
        let five = Framework::Inspection2018.themes();
        assert_eq!(themes_for(&corpus.reports), five);
        assert_eq!(themes_for([&pei]), Framework::ActPrinciples.themes());
        assert_eq!(themes_for([]), five);
        let both = themes_for(corpus.reports.iter().chain([&pei]));
        assert_eq!(both, Theme::ALL);
        assert_eq!(
            both.iter().filter(|t| **t == Theme::Safeguarding).count(),
            1
        );
    }

    #[test]
    fn keys_normalise_headings() {
        assert_eq!(subsection_key(None), OPENING_KEY);
        assert_eq!(subsection_key(Some("Summary of findings")), OPENING_KEY);
        assert_eq!(subsection_key(Some("  SUMMARY  ")), OPENING_KEY);
        assert_eq!(subsection_key(Some("Care Leavers")), "care-leaver");
        assert_eq!(subsection_key(Some("care leavers:")), "care-leaver");
        assert!(same_subsection(
            &subsection_key(Some("Placement choice, stability and wellbeing")),
            &subsection_key(Some("Placement Choice, Stability & Well-being"))
        ));
        assert!(same_subsection(
            &subsection_key(Some("Placement choice")),
            &subsection_key(Some("Placement choice, stability and wellbeing"))
        ));
        assert!(!same_subsection(
            &subsection_key(Some("Care")),
            &subsection_key(Some("Care Leavers"))
        ));
        assert!(!same_subsection(
            &subsection_key(Some("Participation")),
            &subsection_key(Some("Long Term Planning"))
        ));
    }

    #[test]
    fn a_missing_subsection_is_a_gap_not_a_shift() {
        let a = report(
            "A",
            vec![
                para("3.1", None),
                para("3.2", Some("Care Leavers")),
                para("3.3", Some("Long Term Planning")),
                para("3.4", Some("Participation")),
            ],
            None,
        );
        let b = report(
            "B",
            vec![
                para("3.1", Some("Summary of findings")),
                para("3.2", Some("Care leavers")),
                para("3.3", Some("Placement choice")),
                para("3.4", Some("Participation")),
            ],
            None,
        );
        let c = compare(Theme::CareAndSupport, [&a, &b]);
        let keys: Vec<&str> = c.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                OPENING_KEY,
                "care-leaver",
                "long-term-planning",
                "placement-choice",
                "participation"
            ]
        );
        // Opening row takes the one heading printed.
        assert_eq!(c.rows[0].label.as_deref(), Some("Summary of findings"));
        let ids = |col: usize| -> Vec<Vec<String>> {
            c.columns[col]
                .groups
                .iter()
                .map(|g| g.ids.clone())
                .collect()
        };
        assert_eq!(
            ids(0),
            [vec!["3.1"], vec!["3.2"], vec!["3.3"], vec![], vec!["3.4"]]
        );
        assert_eq!(
            ids(1),
            [vec!["3.1"], vec!["3.2"], vec![], vec!["3.3"], vec!["3.4"]]
        );
        assert!(c.columns[0].groups[3].is_gap());
        assert_eq!(c.column_of("b-2020-01"), Some(1));
        assert_eq!(c.row_of(1, "3.3"), Some(3));
        assert_eq!(c.row_of(0, "3.4"), Some(4));
        assert_eq!(c.row_of(0, "9.9"), None);
        assert_eq!(c.row_of(7, "3.1"), None);
        assert_eq!(
            c.columns[1].groups[0].heading.as_deref(),
            Some("Summary of findings")
        );
        assert_eq!(c.columns[0].groups[0].heading, None);
        assert_eq!(
            c.columns[1].groups[1].heading.as_deref(),
            Some("Care leavers")
        );
    }

    #[test]
    fn expectations_shown_once_and_real_differences_noted() {
        let a = report("A", vec![para("3.1", None)], Some("A carer's needs, met."));
        let b = report("B", vec![para("3.1", None)], Some("a carers needs met"));
        let d = report(
            "D",
            vec![para("3.1", None)],
            Some("Something else entirely."),
        );
        let c = compare(Theme::CareAndSupport, [&a, &b]);
        assert_eq!(c.expectations.as_deref(), Some("A carer's needs, met."));
        assert!(c.expectations_differ.is_empty());
        let c = compare(Theme::CareAndSupport, [&a, &b, &d]);
        assert_eq!(c.expectations_differ, ["D"]);
    }

    #[test]
    fn no_reports_one_report_and_a_missing_theme_do_not_panic() {
        let none = compare(Theme::Safeguarding, []);
        assert!(none.columns.is_empty() && none.rows.is_empty());
        assert_eq!(none.expectations, None);
        let a = report("A", vec![para("3.1", None)], Some("x"));
        let one = compare(Theme::Safeguarding, [&a]);
        assert_eq!(one.columns.len(), 1);
        assert!(!one.columns[0].has_section());
        assert!(one.rows.is_empty());
        let both = compare(Theme::CareAndSupport, [&a, &report("B", vec![], None)]);
        assert_eq!(both.rows.len(), 1);
        assert!(both.columns[1].groups[0].is_gap());
        assert_eq!(both.expectations_differ, ["B"]);
        let m = matrix(&Theme::ALL, []);
        assert!(m.rows.is_empty());
    }

    #[test]
    fn samples_care_and_support_align_summary_with_unheaded_opening() {
        let corpus = Corpus::samples();
        let c = compare(Theme::CareAndSupport, &corpus.reports);
        let labels: Vec<Option<&str>> = c.rows.iter().map(|r| r.label.as_deref()).collect();
        assert_eq!(
            labels,
            [
                Some("Summary of findings"),
                Some("Care Leavers"),
                Some("Long Term Planning"),
                Some("Placement choice, stability and wellbeing"),
                Some("Participation"),
            ]
        );
        for col in &c.columns {
            assert_eq!(col.groups.len(), c.rows.len());
            assert!(col.groups.iter().all(|g| !g.is_gap()), "{}", col.authority);
            let n: usize = col.groups.iter().map(|g| g.ids.len()).sum();
            assert_eq!(n, col.paragraphs.len());
        }
    }
}
