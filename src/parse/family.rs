//! Which family (layout) a document belongs to, what kind of publication it is and whose
//! services it covers, from its shape, its title and its opening sentences.
//!
//! The 2018 inspection report is told by its shape (numbered theme sections, a contents table
//! listing the themes, numbered paragraphs) and read by [`super::structure`]; every other
//! document is read by [`super::generic`], and its title and opening tell the rest.

use super::line_table::Lines;
use super::lines::{contents_entry, para_marker, section_heading, strip_bullet};
use super::saved_page::Signs;
use crate::model::Theme;
use crate::model::{Family, Kind, Services};

/// Whether the lines have the shape of the 2018 inspection report: two numbered theme
/// headings ("4. Safeguarding"), a contents table listing three themes, or eight numbered
/// paragraphs ("3.18 ...").
pub fn is_report_2018(lines: Lines<'_, '_>) -> bool {
    let (mut headings, mut contents, mut paragraphs) = (0, 0, 0);
    for l in lines.iter() {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        let (_, body) = strip_bullet(t);
        if para_marker(body).is_some() {
            paragraphs += 1;
        } else if t.len() <= 120 {
            if section_heading(t).is_some_and(|(_, title)| Theme::from_title(title).is_some()) {
                headings += 1;
            } else if contents_entry(l.text)
                .is_some_and(|(title, _)| Theme::from_title(&title).is_some())
            {
                contents += 1;
            }
        }
        if headings >= 2 || contents >= 3 || paragraphs >= 8 {
            return true;
        }
    }
    false
}

/// What [`classify`] decided, with the reasons for `ciw check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub family: Family,
    pub kind: Option<Kind>,
    pub about: Option<Kind>,
    pub services: Option<Services>,
    /// One line per decision: "kind: JICPA (the title says \"JICPA\")".
    pub guesses: Vec<String>,
}

/// Phrases naming a kind, most specific first, as words (a hyphen separates words).
const KIND_CUES: [(&str, Kind); 22] = [
    ("joint inspectorate review of child protection", Kind::Jicpa),
    ("joint inspection of child protection", Kind::Jicpa),
    ("jicpa", Kind::Jicpa),
    ("performance evaluation inspection", Kind::Pei),
    ("improvement check", Kind::ImprovementCheck),
    ("assurance check", Kind::AssuranceCheck),
    ("monitoring activity", Kind::MonitoringLetter),
    ("monitoring letter", Kind::MonitoringLetter),
    ("monitoring visit", Kind::MonitoringLetter),
    ("annual performance review", Kind::AnnualLetter),
    ("annual letter", Kind::AnnualLetter),
    ("performance review letter", Kind::AnnualLetter),
    ("annual review letter", Kind::AnnualLetter),
    ("followed up with a further inspection", Kind::FollowUp),
    ("follow up inspection", Kind::FollowUp),
    ("followup inspection", Kind::FollowUp),
    ("further inspection", Kind::FollowUp),
    ("re inspection", Kind::FollowUp),
    ("reinspection", Kind::FollowUp),
    ("risk based inspection", Kind::Inspection),
    ("inspection", Kind::Inspection),
    ("inspected", Kind::Inspection),
];

/// Words just before a cue that make it another activity's: "following the Performance
/// Evaluation Inspection (PEI) in November 2023".
const NOT_THIS: [&str; 4] = ["following", "since", "previous", "last"];

/// A text folded for matching words (lower case, no diacritics).
fn folded(text: &str) -> String {
    text.chars().map(crate::text::fold_char).collect()
}

/// How much of each opening paragraph tells the kind: its opening sentences. A text of short
/// lines with no blank line is one paragraph as long as the text, and its words would be
/// listed whole.
const OPENING_BYTES: usize = 8 << 10;

/// The start of `s`: up to `max` bytes, cut after a whole word.
fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &s[..end];
    cut.rfind(char::is_whitespace).map_or(cut, |i| &cut[..i])
}

/// The words of a folded text: runs of letters and digits.
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `phrase` (words separated by single spaces) starts at `words[i]`.
fn phrase_at(words: &[&str], i: usize, phrase: &str) -> bool {
    let mut parts = phrase.split(' ');
    let first = parts.next().unwrap_or("");
    if words.get(i) != Some(&first) {
        return false;
    }
    parts
        .enumerate()
        .all(|(n, p)| words.get(i + 1 + n) == Some(&p))
}

/// Whether `phrase` is among `words`.
fn has_phrase(words: &[&str], phrase: &str) -> bool {
    (0..words.len()).any(|i| phrase_at(words, i, phrase))
}

/// The kind some words name, and the phrase they used. Plain "inspection" only when `plain`.
fn kind_in(words: &[&str], plain: bool) -> Option<(Kind, &'static str)> {
    let mut best: Option<(usize, Kind, &'static str)> = None;
    for (i, w) in words.iter().enumerate() {
        // Every cue starts with one of these words: most words are passed over here.
        if !matches!(
            *w,
            "joint"
                | "jicpa"
                | "performance"
                | "improvement"
                | "assurance"
                | "monitoring"
                | "annual"
                | "followed"
                | "follow"
                | "followup"
                | "further"
                | "re"
                | "reinspection"
                | "risk"
                | "inspection"
                | "inspected"
        ) {
            continue;
        }
        for (rank, (cue, kind)) in KIND_CUES.iter().enumerate() {
            if best.is_some_and(|(r, _, _)| r <= rank) {
                break;
            }
            if (!plain && *kind == Kind::Inspection) || !phrase_at(words, i, cue) {
                continue;
            }
            let before = &words[i.saturating_sub(3)..i];
            if before.iter().any(|w| NOT_THIS.contains(w)) {
                continue;
            }
            // The most specific cue wins; among equals, the first in the text.
            best = Some((rank, *kind, cue));
        }
    }
    best.map(|(_, k, c)| (k, c))
}

/// Whose services some words speak of.
fn services_in(words: &[&str]) -> Option<Services> {
    let children = words.iter().any(|w| {
        matches!(
            *w,
            "children" | "childrens" | "child" | "jicpa" | "families"
        )
    }) || has_phrase(words, "young people")
        || has_phrase(words, "care leaver")
        || has_phrase(words, "care leavers");
    let adults =
        words.iter().any(|w| matches!(*w, "adult" | "adults")) || has_phrase(words, "older people");
    match (children, adults) {
        (true, true) => Some(Services::Both),
        (true, false) => Some(Services::Children),
        (false, true) => Some(Services::Adults),
        (false, false) => None,
    }
}

/// News releases: how they open.
fn news_in(title: &[&str], opening: &[&str]) -> Option<&'static str> {
    if phrase_at(title, 0, "care inspectorate wales concludes")
        || phrase_at(title, 0, "cssiw concludes")
    {
        return Some("the title announces a conclusion");
    }
    if has_phrase(title, "news") || has_phrase(title, "press release") {
        return Some("the title says news");
    }
    if has_phrase(opening, "we have published") || has_phrase(opening, "we have today published") {
        return Some("it announces a publication");
    }
    if has_phrase(opening, "chief inspector") && has_phrase(opening, "said") {
        return Some("it quotes the Chief Inspector");
    }
    None
}

/// Decides the family, kind and services of a document from its shape, title and opening
/// (its first few paragraphs).
pub fn classify(
    report_2018: bool,
    title: Option<&str>,
    opening: &[&str],
    signs: &Signs,
) -> Classified {
    let mut guesses = Vec::new();
    let opening: Vec<&str> = opening.iter().map(|o| head(o, OPENING_BYTES)).collect();
    let lead = opening.join(" ");
    let (title_folded, lead_folded) = (folded(title.unwrap_or("")), folded(&lead));
    let (title_words, lead_words) = (words(&title_folded), words(&lead_folded));
    let title_kind = kind_in(&title_words, true);
    // A plain "inspection" title says less than a specific kind in the opening.
    let lead_kind = kind_in(&lead_words, title_kind.is_none());
    let (kind, from) = match (title_kind, lead_kind) {
        (Some((Kind::Inspection, _)), Some((k, cue))) if k != Kind::Inspection => {
            (Some(k), format!("the opening says \"{cue}\""))
        }
        (Some((k, cue)), _) => (Some(k), format!("the title says \"{cue}\"")),
        (None, Some((k, cue))) => (Some(k), format!("the opening says \"{cue}\"")),
        (None, None) => (None, String::new()),
    };
    let services = services_in(&title_words)
        .into_iter()
        .chain(services_in(&lead_words))
        .reduce(|a, b| if a == b { a } else { Services::Both })
        .or((report_2018 || kind == Some(Kind::Jicpa)).then_some(Services::Children));
    let opening_text = lead.to_lowercase();
    let news = news_in(&title_words, &lead_words)
        .or(signs.news.then_some("the page sits in the news section"));
    let letter = title.is_some_and(|t| t.to_lowercase().contains("letter"))
        || opening
            .first()
            .is_some_and(|o| o.trim_start().starts_with("Dear "));
    let summary = opening_text.contains("our findings and recommendations")
        || opening_text.contains("read the full report")
        || opening_text.contains("report here");
    let (family, kind, about) = if report_2018 {
        (
            Family::Report2018,
            Some(
                kind.filter(|k| *k == Kind::FollowUp)
                    .unwrap_or(Kind::Inspection),
            ),
            None,
        )
    } else if let Some(why) = news {
        guesses.push(format!("news: {why}"));
        (Family::News, Some(Kind::News), kind)
    } else if letter && kind.is_some() {
        (Family::Letter, kind, None)
    } else if summary && matches!(kind, Some(Kind::Inspection | Kind::FollowUp)) {
        guesses.push("summary page: it gives the findings and points to the report".into());
        (Family::WebSummary, Some(Kind::SummaryPage), kind)
    } else if kind.is_some() {
        (Family::WebReport, kind, None)
    } else {
        (Family::Unknown, None, None)
    };
    let mut lines = vec![format!("family: {}", family.label())];
    match (kind, about) {
        (Some(k), Some(a)) => {
            let article = if a.label().starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            lines.push(format!(
                "kind: {} of {article} {} ({from})",
                k.label(),
                a.label()
            ))
        }
        (Some(k), None) if !from.is_empty() => lines.push(format!("kind: {} ({from})", k.label())),
        (Some(k), None) => lines.push(format!("kind: {} (its layout)", k.label())),
        (None, _) => lines.push("kind: not said".into()),
    }
    lines.push(match services {
        Some(s) => format!("services: {}", s.label()),
        None => "services: not said".into(),
    });
    lines.extend(guesses);
    Classified {
        family,
        kind,
        about,
        services,
        guesses: lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(title: &str, opening: &[&str]) -> (Family, Option<Kind>, Option<Kind>, Option<Services>) {
        let r = classify(false, Some(title), opening, &Signs::default());
        (r.family, r.kind, r.about, r.services)
    }

    #[test]
    fn the_opening_is_read_to_its_first_sentences() {
        assert_eq!(head("short", 8), "short");
        assert_eq!(head("two words here", 9), "two");
        assert_eq!(head("Ŵŵŵŵ", 3), "Ŵ");
        // A cue far into a paragraph as long as a text is not its opening.
        let cue = "This report summarises findings from our performance evaluation inspection.";
        assert!(c("A document", &[cue]).1.is_some());
        let long = format!("{} {cue}", "ab ".repeat(OPENING_BYTES));
        assert_eq!(c("A document", &[&long]).1, None);
    }

    #[test]
    fn kinds_from_titles_and_openings() {
        use Kind::*;
        assert_eq!(
            c("Joint Inspectorate Review of Child Protection Arrangements (JICPA): Neath Port Talbot, 2021", &["Our findings of the effectiveness of partnership working."]),
            (Family::WebReport, Some(Jicpa), None, Some(Services::Children))
        );
        assert_eq!(
            c("Report of performance evaluation inspection: Pembrokeshire County Council", &["This report summarises findings from our inspection of Pembrokeshire adults and children’s services between March and April 2022."]),
            (Family::WebReport, Some(Pei), None, Some(Services::Both))
        );
        assert_eq!(
            c(
                "Local authority monitoring activity letter: Wrexham County Borough Council",
                &["This letter summarises the findings of our monitoring activity."]
            ),
            (Family::Letter, Some(MonitoringLetter), None, None)
        );
        assert_eq!(
            c("Care Inspectorate Wales concludes improvement check of Flintshire children services", &["The inspection, which took place between 14 and 16 July 2025.", "We have recently completed an improvement check of Flintshire children's services, following the Performance Evaluation Inspection (PEI) in November 2023."]),
            (Family::News, Some(News), Some(ImprovementCheck), Some(Services::Children))
        );
        assert_eq!(
            c("Inspection of Children’s Services: Powys County Council", &["Our findings and recommendations for children’s services in Powys County Council.", "We inspected services for children in Powys in July 2017 which identified serious concerns, and followed up with a further inspection in October 2018."]),
            (Family::WebSummary, Some(SummaryPage), Some(FollowUp), Some(Services::Children))
        );
        assert_eq!(
            c(
                "Inspection of Children’s Services: Gwynedd Council",
                &["Our findings and recommendations for children’s services in Gwynedd Council."]
            ),
            (
                Family::WebSummary,
                Some(SummaryPage),
                Some(Inspection),
                Some(Services::Children)
            )
        );
        assert_eq!(
            c("Inspection of children’s social services in City of Cardiff Council", &["We have published our inspection report today of City of Cardiff Council's children's social services."]),
            (Family::News, Some(News), Some(Inspection), Some(Services::Children))
        );
        assert_eq!(
            c("Assurance check 2021: Cardiff", &["Dear Director, this letter sets out the findings of our assurance check of adult services."]),
            (Family::Letter, Some(AssuranceCheck), None, Some(Services::Adults))
        );
        assert_eq!(
            c(
                "Annual performance review letter 2019-20",
                &["Dear Director,"]
            ),
            (Family::Letter, Some(AnnualLetter), None, None)
        );
        assert_eq!(
            c("Quarterly bulletin", &["Hello."]),
            (Family::Unknown, None, None, None)
        );
    }

    #[test]
    fn adulthood_is_not_adults() {
        assert_eq!(
            services_in(&words("care leavers' transition into adulthood")),
            Some(Services::Children)
        );
        assert_eq!(
            services_in(&words("older adults' services")),
            Some(Services::Adults)
        );
    }
}
