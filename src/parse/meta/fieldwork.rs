//! The inspection date of a document: the date a sentence about the fieldwork gives, not the
//! publication's nor an earlier inspection's.

use super::dates::dates;

/// Phrases that say a sentence tells when the inspection (or check, or visit) was done.
const FIELDWORK: [&str; 30] = [
    "we inspected",
    "inspected services",
    "undertook an inspection",
    "undertook the inspection",
    "undertook a ",
    "undertook our",
    "undertook monitoring",
    "we undertook",
    "was undertaken",
    "were undertaken",
    "carried out an",
    "carried out a ",
    "carried out the",
    "carried out our",
    "we carried out",
    "took place",
    "fieldwork",
    "on site",
    "on-site",
    "we visited",
    "conducted",
    "our inspection of",
    "inspection of services",
    "monitoring activity between",
    "monitoring activity in",
    "monitoring visit",
    "inspection during",
    "inspection between",
    "we completed",
    "further inspection",
];

/// Phrases just before a date that make it some other event's: an earlier inspection, the
/// publication.
const NOT_FIELDWORK: [&str; 14] = [
    "following the",
    "following our",
    "following a",
    "following its",
    "follows on from",
    "findings of our",
    "since the",
    "since our",
    "previous",
    "last inspection",
    "published",
    "publication",
    "dated",
    "report of",
];

/// After these, the date that follows is the later (follow-up) inspection's.
const FOLLOW_UP: [&str; 6] = [
    "followed up with",
    "further inspection",
    "follow-up inspection",
    "follow up inspection",
    "re-inspection",
    "reinspection",
];

/// The inspection date found in a text, with the sentence it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fieldwork {
    pub month: u8,
    pub year: u16,
    /// The sentence, shortened, for `ciw check`.
    pub sentence: String,
    /// True when a sentence said the inspection was done then; false for the first date met.
    pub stated: bool,
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .match_indices(['.', '!', '?'])
            .map(|(i, _)| i + 1)
            .find(|&i| {
                rest[i..].starts_with(' ')
                    && rest[i..]
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase())
            })
            .unwrap_or(rest.len());
        let (s, r) = rest.split_at(end);
        rest = r.trim_start();
        Some(s.trim())
    })
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 120 {
        return s.to_string();
    }
    let cut: String = s.chars().take(117).collect();
    format!("{}...", cut.trim_end())
}

/// The inspection date of a document: the date of its fieldwork, not of its publication nor of
/// an earlier inspection it mentions. Texts are read in order (title and opening first); the
/// date a fieldwork sentence gives wins ("We inspected ... in July 2017 ... and followed up
/// with a further inspection in October 2018" gives October 2018), the first paragraph with one
/// deciding; else the first date met.
pub fn fieldwork_date<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Fieldwork> {
    let mut best: Option<(i32, Fieldwork)> = None;
    let mut first: Option<Fieldwork> = None;
    for text in texts {
        // The first paragraph that says when the fieldwork was done decides.
        if best.is_some() {
            break;
        }
        if text.len() > 20_000 {
            continue;
        }
        // A date has a year: text without a digit has none.
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        for sentence in sentences(text) {
            if !sentence.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let found = dates(sentence);
            if found.is_empty() {
                continue;
            }
            let lower = sentence.to_lowercase();
            let fieldwork = FIELDWORK.iter().any(|p| lower.contains(p));
            let follow = FOLLOW_UP.iter().filter_map(|p| lower.find(p)).min();
            let mut from = 0;
            for d in &found {
                let before = &lower[from.min(d.at)..d.at];
                from = d.end;
                let tail = before.len().saturating_sub(40);
                let tail = (tail..before.len())
                    .find(|&i| before.is_char_boundary(i))
                    .map_or(before, |i| &before[i..]);
                let mut score = if fieldwork { 3 } else { 0 };
                if NOT_FIELDWORK.iter().any(|p| tail.contains(p)) {
                    score -= 5;
                }
                // "our October 2020 inspection": a date naming another event.
                let after = lower[d.end..].trim_start();
                if ["inspection", "report", "review", "pei", "visit"]
                    .iter()
                    .any(|w| after.starts_with(w))
                    && ["our ", "the ", "its "]
                        .iter()
                        .any(|w| tail.trim_end().ends_with(w.trim_end()))
                {
                    score -= 3;
                }
                if let Some(f) = follow {
                    score += if d.at > f { 2 } else { -2 };
                }
                let hit = Fieldwork {
                    month: d.month,
                    year: d.year,
                    sentence: shorten(sentence),
                    stated: score > 0,
                };
                if first.is_none() && score >= 0 {
                    first = Some(hit.clone());
                }
                if score > 0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
                    best = Some((score, hit));
                }
            }
        }
    }
    best.map(|(_, f)| f).or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> Option<(u8, u16)> {
        fieldwork_date([text]).map(|f| (f.month, f.year))
    }

    #[test]
    fn the_fieldwork_date_not_publication_nor_an_earlier_inspection() {
        assert_eq!(
            ym("We inspected services for children in Powys in July 2017 which identified serious concerns, and followed up with a further inspection in October 2018."),
            Some((10, 2018))
        );
        assert_eq!(
            ym("The inspection, which took place between 14 and 16 July 2025, assessed the progress made. We have recently completed an improvement check, following the Performance Evaluation Inspection (PEI) in November 2023."),
            Some((7, 2025))
        );
        assert_eq!(
            ym("We have recently completed an improvement check of Flintshire children's services, following the Performance Evaluation Inspection (PEI) in November 2023. The inspection, which took place between 14 and 16 July 2025, assessed progress."),
            Some((7, 2025))
        );
        assert_eq!(
            ym("This document is also available in Welsh. October 2018. Care Inspectorate Wales (CIW) undertook an inspection of services for children in the City and County of Swansea during July 2018."),
            Some((7, 2018))
        );
        assert_eq!(
            ym("We undertook monitoring of Wrexham CBC children's services to follow up on the findings of our October 2020 inspection. This letter summarises the findings of our monitoring activity between the 15 and 19 November 2021."),
            Some((11, 2021))
        );
        assert_eq!(
            ym("This report summarises findings from our inspection of Pembrokeshire adults and children's services between March and April 2022."),
            Some((3, 2022))
        );
        assert_eq!(
            ym("We undertook the inspection during January 2016."),
            Some((1, 2016))
        );
        assert_eq!(ym("Nothing dated here."), None);
        // No sentence says when: the first date will do.
        assert_eq!(ym("A report about March 2019 events."), Some((3, 2019)));
    }
}
