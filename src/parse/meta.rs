//! Report metadata: the authority and inspection date from the introduction (or, failing
//! that, the file name), and the methodology figures.

use crate::model::{Authority, Inspection, Methodology, Section, SectionKind};

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
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .map(|i| i as u8 + 1)
}

fn year_of(w: &str) -> Option<u16> {
    let d = w.trim_matches(|c: char| !c.is_ascii_digit());
    (d.len() == 4)
        .then(|| d.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// The first "Month Year" in a text, with the byte offset where the month starts.
fn first_date(text: &str) -> Option<(usize, u8, u16)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    words
        .windows(2)
        .find_map(|p| Some((p[0].0, month_number(p[0].1)?, year_of(p[1].1)?)))
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

/// Authority and date from the opening sentence, e.g. "... services for children in the City
/// and County of Swansea during July 2018."
pub fn authority_and_date(sections: &[Section]) -> (Option<String>, Option<(u8, u16)>) {
    let texts = sections
        .iter()
        .filter(|s| s.kind == SectionKind::Introduction)
        .chain(
            sections
                .iter()
                .filter(|s| s.kind != SectionKind::Introduction),
        )
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str()));
    let mut date = None;
    for text in texts.take(40) {
        let lower = text.to_lowercase();
        if date.is_none() {
            date = first_date(text).map(|(_, m, y)| (m, y));
        }
        for lead in [
            "services for children in ",
            "children's services in ",
            "children’s services in ",
            "inspection of ",
        ] {
            let Some(at) = lower.find(lead) else { continue };
            let start = at + lead.len();
            let rest = &text[start..];
            let end = first_date(rest)
                .map(|(i, _, _)| i)
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
            let capitalised = name.chars().next().is_some_and(char::is_uppercase);
            if capitalised && name.split_whitespace().count() <= 8 {
                let d = first_date(rest).map(|(_, m, y)| (m, y)).or(date);
                return (Some(name.to_string()), d);
            }
        }
    }
    (None, date)
}

/// Authority and date from a file name such as `swansea-2018-07.txt`.
pub fn from_file_name(origin: &str) -> (Option<String>, Option<(u8, u16)>) {
    let stem = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = stem.split('.').next().unwrap_or(stem);
    let parts: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let words: Vec<String> = parts
        .iter()
        .take_while(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    let year = parts.iter().find_map(|p| year_of(p));
    let month = parts
        .iter()
        .skip_while(|p| year_of(p).is_none())
        .nth(1)
        .and_then(|p| p.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
        .or_else(|| parts.iter().find_map(|p| month_number(p)));
    let name = (!words.is_empty()).then(|| words.join(" "));
    (name, year.map(|y| (month.unwrap_or(0), y)))
}

pub fn authority(name: &str) -> Authority {
    Authority {
        name: name.to_string(),
        short: short_name(name),
    }
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
            from_file_name("reports/swansea-2018-07.txt"),
            (Some("Swansea".into()), Some((7, 2018)))
        );
        assert_eq!(
            from_file_name("vale_of_glamorgan_march_2019.txt"),
            (Some("Vale Of Glamorgan March".into()), Some((3, 2019)))
        );
        assert_eq!(from_file_name("x.txt").1, None);
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
