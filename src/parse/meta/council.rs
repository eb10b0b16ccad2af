//! The council a document is about: one of the 22 (see [`councils`]) named in its title, its
//! opening or most often in its text, else a name the text gives after a lead phrase.

use super::super::councils::{self, Council};
use super::dates::dates;

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
}
