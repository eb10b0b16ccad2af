//! The methodology's figures: days of fieldwork, case files, tracking, supervision files and
//! the inspectors, read from the methodology section.

use crate::model::{Methodology, Section, SectionKind};

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
    fn numbers_before_phrases() {
        let t = "We undertook eight days of fieldwork. In total 69 case files were reviewed";
        let l = t.to_lowercase();
        assert_eq!(number_before(t, &l, "days of fieldwork"), Some(8));
        assert_eq!(number_before(t, &l, "case files were reviewed"), Some(69));
        assert_eq!(number_before(t, &l, "staff supervision files"), None);
    }
}
