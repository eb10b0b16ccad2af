//! Texts of a report that no section's paragraph list holds, as deep links name them: the
//! front matter (`front.1`), a section's "What we expect to see" (`3.E`), and overview findings
//! (`O3`) or areas for development (`R5`) where no section holds them. [`text`] is what any
//! target opens, [`cited_id`] the id it is cited by.

use super::Target;
use crate::model::Report;

/// A text of a report that no section's paragraph list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Paragraph `i` of the front matter (`front.1` is 0); no section is set.
    Front(usize),
    /// The "What we expect to see" of the target's section (`3.E`).
    Expectations,
    /// Overview finding `i` (`O3` is 2) of a report with no overview section.
    Overview(usize),
    /// Area for development `i` (an index into `recommendations`) of a report with no such
    /// section.
    Recommendation(usize),
}

/// The text a target opens when it names one text: a paragraph, a paragraph of the front
/// matter, an expectations block, an overview finding or an area for development. `None` for
/// a report or a section as a whole, or indices that do not fit `r`.
pub fn text<'r>(r: &'r Report, t: &Target) -> Option<&'r str> {
    let section = t.section.and_then(|si| r.sections.get(si));
    match t.part {
        Some(Part::Front(i)) => r.front_matter.get(i).map(String::as_str),
        Some(Part::Overview(i)) => r.overview.get(i).map(String::as_str),
        Some(Part::Recommendation(i)) => r.recommendations.get(i).map(|x| x.text.as_str()),
        Some(Part::Expectations) => section?.expectations.as_deref(),
        None => section?
            .paragraphs
            .get(t.paragraph?)
            .map(|p| p.text.as_str()),
    }
}

/// Where a text outside the sections' paragraphs sits, as a breadcrumb: "Front matter", or
/// "3 Safeguarding", "What we expect to see". Report text, not yet made safe for a terminal.
pub fn place(r: &Report, t: &Target, part: Part) -> Vec<String> {
    let section = t.section.and_then(|si| r.sections.get(si));
    match (part, section) {
        (Part::Front(_), _) => vec!["Front matter".into()],
        (Part::Overview(_), _) => vec!["Overview".into()],
        (Part::Recommendation(_), _) => vec!["Areas for development".into()],
        (Part::Expectations, Some(s)) => vec![
            match s.number {
                Some(n) => format!("{n} {}", s.title),
                None => s.title.clone(),
            },
            "What we expect to see".into(),
        ],
        (Part::Expectations, None) => vec!["What we expect to see".into()],
    }
}

/// The id the text a target names is cited by (`3.18`, `front.1`, `3.E`, `O3`, `R5`); `None`
/// for a report or a section as a whole.
pub fn cited_id(r: &Report, t: &Target) -> Option<String> {
    let section = t.section.and_then(|si| r.sections.get(si));
    match t.part {
        Some(Part::Front(i)) => Some(format!("front.{}", i + 1)),
        Some(Part::Overview(i)) => Some(format!("O{}", i + 1)),
        Some(Part::Recommendation(i)) => r.recommendations.get(i).map(|x| format!("R{}", x.number)),
        Some(Part::Expectations) => section.map(|s| s.expectations_id()),
        None => section?.paragraphs.get(t.paragraph?).map(|p| p.id.clone()),
    }
}

/// Resolves an id of a text no section's paragraphs hold: `front.2`, `3.E`, and `O3` or `R5`
/// where no section holds the overview or the areas for development. Returns (section index,
/// part).
pub(super) fn resolve_part(r: &Report, id: &str) -> Option<(Option<usize>, Part)> {
    let id = id.trim();
    let (head, tail) = id.rsplit_once('.').unwrap_or(("", id));
    if head.eq_ignore_ascii_case("front") {
        let n: usize = tail.parse().ok()?;
        return (1..=r.front_matter.len())
            .contains(&n)
            .then_some((None, Part::Front(n - 1)));
    }
    if !head.is_empty() && tail.eq_ignore_ascii_case(crate::model::EXPECTATIONS) {
        let si = r
            .sections
            .iter()
            .position(|s| s.key().eq_ignore_ascii_case(head))?;
        return r.sections[si]
            .expectations
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|_| (Some(si), Part::Expectations));
    }
    let mut chars = id.chars();
    let letter = chars.next()?.to_ascii_uppercase();
    let n: usize = chars.as_str().parse().ok()?;
    match letter {
        'O' if (1..=r.overview.len()).contains(&n) => Some((None, Part::Overview(n - 1))),
        'R' => r
            .recommendations
            .iter()
            .position(|x| x.number as usize == n)
            .map(|i| (None, Part::Recommendation(i))),
        _ => None,
    }
}
