//! Report metadata: the council (see [`councils`]), the inspection date (the fieldwork's, not
//! the publication's nor an earlier inspection's), the file name as the last resort, and the
//! methodology figures.

use super::councils::{self, Council};
use crate::model::{Inspection, Methodology, Section, SectionKind};

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_number(w: &str) -> Option<u8> {
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(w)
                || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w))
                || (w.eq_ignore_ascii_case("sept") && m.starts_with("Sep"))
        })
        .map(|i| i as u8 + 1)
}

fn year_of(w: &str) -> Option<u16> {
    let d = w.trim_matches(|c: char| !c.is_ascii_digit());
    (d.len() == 4)
        .then(|| d.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// A date written in a text: its month (the first of a range) and year, and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateAt {
    /// Byte offset of the date's first word.
    pub at: usize,
    /// Byte offset just after the year.
    pub end: usize,
    pub month: u8,
    pub year: u16,
}

/// A day of the month as written in a range: `23`, `1st`, `25th`.
fn day_word(w: &str) -> bool {
    let d = w
        .trim_end_matches([',', '.'])
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
}

/// Every date in a text, in order: "July 2018", "between 23 and 25 November 2021" (November
/// 2021), "between March and April 2022" and "April and May 2018" (the first month), "28
/// January to 1 February 2019" (January 2019). A month is a capitalised month name (or its
/// three-letter abbreviation); "may" in running text is not one.
pub fn dates(text: &str) -> Vec<DateAt> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (at, w) = words[i];
        // Every month starts with one of these capitals: most words are passed over here.
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D']);
        let Some(month) = capital
            .then(|| month_number(w))
            .flatten()
            .filter(|_| !w.ends_with(['.', ';', ':', '!', '?']))
        else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut found = None;
        while j < words.len() && j <= i + 6 {
            let (wat, x) = words[j];
            let core = x.trim_end_matches(['.', ',', ')', ';', ':']);
            if let Some(y) = year_of(core).filter(|_| core.len() == 4) {
                found = Some((y, wat + core.len()));
                break;
            }
            let bare = x.trim_end_matches(',').to_ascii_lowercase();
            let joiner = matches!(
                bare.as_str(),
                "and" | "to" | "-" | "–" | "&" | "the" | "until" | "till"
            );
            if !(joiner || day_word(x) || month_number(x).is_some()) {
                break;
            }
            j += 1;
        }
        match found {
            Some((year, end)) => {
                out.push(DateAt {
                    at,
                    end,
                    month,
                    year,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

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

/// A year alone in a title: "JICPA: Neath Port Talbot, 2021".
pub fn year_in(title: &str) -> Option<u16> {
    title
        .split([' ', ',', '(', ')', ':'])
        .rev()
        .find_map(year_of)
}

/// "City and County of Swansea" -> "Swansea"; "Pembrokeshire County Council" -> "Pembrokeshire".
pub fn short_name(name: &str) -> String {
    let mut s = name.trim();
    for p in [
        "the ",
        "The ",
        "City and County of ",
        "City & County of ",
        "County Borough of ",
        "City of ",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.trim();
        }
    }
    for suffix in [
        " County Borough Council",
        " County Council",
        " City Council",
        " Borough Council",
        " Council",
    ] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r.trim();
            break;
        }
    }
    if s.is_empty() {
        name.trim().to_string()
    } else {
        s.to_string()
    }
}

/// Where a council was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouncilFound {
    /// One of the 22, and where it was named.
    Known(&'static Council, &'static str),
    /// A council the text names that is not one of the 22 Welsh councils, as written.
    Named(String),
    None,
}

/// The council a document is about: named in its title, then its opening sentences, its
/// letter header or cover, then the one its text names most. A name that is not one of the
/// 22 (as the text writes it after "services for children in", "inspection of" ...) comes
/// after those.
pub fn council<'a>(title: Option<&str>, opening: &[&'a str], rest: &[&'a str]) -> CouncilFound {
    if let Some(c) = title.and_then(councils::first_in) {
        return CouncilFound::Known(c, "the title");
    }
    for text in opening {
        if let Some(c) = councils::first_in(text) {
            return CouncilFound::Known(c, "the opening sentences");
        }
    }
    if let Some((c, _)) = councils::most_named(rest.iter().copied()) {
        return CouncilFound::Known(c, "the text (the council it names most)");
    }
    match named_authority(opening.iter().chain(rest).copied()) {
        Some(n) => CouncilFound::Named(n),
        None => CouncilFound::None,
    }
}

/// An authority named after a lead phrase, e.g. "... services for children in the City and
/// County of Abertawe during July 2018": capitalised words, at most eight.
fn named_authority<'a>(texts: impl Iterator<Item = &'a str>) -> Option<String> {
    for text in texts.take(40) {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            continue;
        }
        for lead in [
            "services for children in ",
            "children's services in ",
            "children’s services in ",
            "inspection of ",
        ] {
            let Some(at) = lower.find(lead) else { continue };
            let rest = &text[at + lead.len()..];
            let end = dates(rest)
                .first()
                .map(|d| d.at)
                .unwrap_or(rest.find(['.', ',', ';']).unwrap_or(rest.len()));
            let mut name = rest[..end].trim_end();
            for tail in [" during", " in", " on", " between", " from", " throughout"] {
                if let Some(n) = name.strip_suffix(tail) {
                    name = n.trim_end();
                    break;
                }
            }
            let name = name
                .trim_start_matches("the ")
                .trim_start_matches("The ")
                .trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            let proper = !words.is_empty()
                && words.len() <= 8
                && words.iter().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        || matches!(*w, "and" | "of" | "the" | "&")
                })
                && words[0].starts_with(|c: char| c.is_uppercase());
            if proper {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Year and month from a file name such as `swansea-2018-07.txt` or `report_march_2019.txt`.
pub fn date_in_file_name(origin: &str) -> Option<(u8, u16)> {
    let stem = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = stem.split('.').next().unwrap_or(stem);
    let parts: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let year = parts.iter().find_map(|p| year_of(p))?;
    let month = parts
        .iter()
        .skip_while(|p| year_of(p).is_none())
        .nth(1)
        .and_then(|p| p.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
        .or_else(|| parts.iter().find_map(|p| month_number(p)))
        .unwrap_or(0);
    Some((month, year))
}

/// The id stem of a document whose council is unknown: its file name as a slug.
pub fn file_stem_slug(origin: &str) -> String {
    let stem = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    crate::model::slug(stem)
}

pub fn inspection(date: Option<(u8, u16)>) -> Inspection {
    let (m, y) = date.unwrap_or((0, 0));
    Inspection {
        month: if m == 0 {
            String::new()
        } else {
            MONTHS[m as usize - 1].to_string()
        },
        month_number: m,
        year: y,
    }
}

fn number_word(w: &str) -> Option<u32> {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    WORDS.iter().position(|x| *x == w).map(|i| i as u32)
}

/// The number written just before `phrase` (case-insensitive), e.g. `8` in "8 days of fieldwork".
fn number_before(text: &str, lower: &str, phrase: &str) -> Option<u32> {
    let at = lower.find(phrase)?;
    number_word(text[..at].split_whitespace().next_back()?)
}

pub fn methodology(sections: &[Section]) -> Methodology {
    let text: String = sections
        .iter()
        .filter(|s| s.kind == SectionKind::Methodology)
        .flat_map(|s| s.paragraphs.iter())
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_lowercase();
    let mut m = Methodology {
        fieldwork_days: number_before(&text, &lower, "days of fieldwork")
            .or_else(|| number_before(&text, &lower, "days of on-site fieldwork")),
        case_files_reviewed: number_before(&text, &lower, "case files were reviewed")
            .or_else(|| number_before(&text, &lower, "case files")),
        tracked_by_interview: number_before(
            &text,
            &lower,
            "were followed up with tracking interview",
        )
        .or_else(|| number_before(&text, &lower, "were tracked")),
        tracked_by_focus_group: number_before(
            &text,
            &lower,
            "were subject to a tracking focus group",
        )
        .or_else(|| number_before(&text, &lower, "were subject to")),
        supervision_files: number_before(&text, &lower, "staff supervision files")
            .or_else(|| number_before(&text, &lower, "supervision files")),
        ..Methodology::default()
    };
    let field = |label: &str| -> Option<String> {
        let at = lower.find(label)? + label.len();
        let rest = text[at..].trim_start_matches([':', ' ']);
        let end = rest
            .find(". ")
            .into_iter()
            .chain(rest.find(';'))
            .min()
            .unwrap_or(rest.len());
        Some(rest[..end].trim().trim_end_matches('.').to_string()).filter(|s| !s.is_empty())
    };
    m.lead_inspector = field("lead inspector");
    if let Some(list) = field("supporting inspectors").or_else(|| field("inspectors")) {
        m.inspectors = list
            .split([',', '&'])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_name("City and County of Swansea"), "Swansea");
        assert_eq!(short_name("Pembrokeshire County Council"), "Pembrokeshire");
        assert_eq!(
            short_name("Rhondda Cynon Taf County Borough Council"),
            "Rhondda Cynon Taf"
        );
        assert_eq!(short_name("Vale of Glamorgan Council"), "Vale of Glamorgan");
        assert_eq!(short_name("Cardiff Council"), "Cardiff");
        assert_eq!(short_name("Council"), "Council");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            date_in_file_name("reports/swansea-2018-07.txt"),
            Some((7, 2018))
        );
        assert_eq!(
            date_in_file_name("vale_of_glamorgan_march_2019.txt"),
            Some((3, 2019))
        );
        assert_eq!(
            date_in_file_name("neathporttalbot-2021-jicpa.txt"),
            Some((0, 2021))
        );
        assert_eq!(date_in_file_name("x.txt"), None);
        assert_eq!(file_stem_slug("dir/Downloaded Page.txt"), "downloaded-page");
    }

    fn ym(text: &str) -> Option<(u8, u16)> {
        fieldwork_date([text]).map(|f| (f.month, f.year))
    }

    #[test]
    fn dates_and_ranges() {
        let d = |t: &str| {
            dates(t)
                .iter()
                .map(|d| (d.month, d.year))
                .collect::<Vec<_>>()
        };
        assert_eq!(d("during July 2018."), [(7, 2018)]);
        assert_eq!(d("between 23 and 25 November 2021"), [(11, 2021)]);
        assert_eq!(d("between the 15 and 19 November 2021."), [(11, 2021)]);
        assert_eq!(d("between March and April 2022."), [(3, 2022)]);
        assert_eq!(d("April and May 2018"), [(4, 2018)]);
        assert_eq!(d("from 28 January to 1 February 2019"), [(1, 2019)]);
        assert_eq!(d("between 14 and 16 July 2025, assessed"), [(7, 2025)]);
        assert_eq!(d("children may 2018 be"), []);
        assert_eq!(d("during 2014-15 (31%)"), []);
        assert_eq!(d("in Sept 2019"), [(9, 2019)]);
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

    #[test]
    fn councils_by_title_opening_and_lead_phrase() {
        let found = council(
            Some("Inspection of Children's Services: Gwynedd Council"),
            &["We inspected services for children at Gwynedd during May 2018."],
            &[],
        );
        assert!(matches!(found, CouncilFound::Known(c, "the title") if c.short == "Gwynedd"));
        let found = council(None, &["We inspected Wrexham CBC."], &[]);
        assert!(matches!(found, CouncilFound::Known(c, _) if c.short == "Wrexham"));
        let found = council(
            None,
            &["CIW undertook an inspection of services for children in the City and County of Abferlan during July 2018."],
            &[],
        );
        assert_eq!(
            found,
            CouncilFound::Named("City and County of Abferlan".into())
        );
        assert_eq!(
            council(None, &["Dear Sir, thank you."], &[]),
            CouncilFound::None
        );
    }

    #[test]
    fn numbers_before_phrases() {
        let t = "We undertook eight days of fieldwork. In total 69 case files were reviewed";
        let l = t.to_lowercase();
        assert_eq!(number_before(t, &l, "days of fieldwork"), Some(8));
        assert_eq!(number_before(t, &l, "case files were reviewed"), Some(69));
        assert_eq!(number_before(t, &l, "staff supervision files"), None);
    }
}
