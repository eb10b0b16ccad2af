//! The document's title: its first line when it reads as one, else the line after a letter's
//! address block or a cover that says what the document is.

use super::super::line_table::Lines;
use super::super::lines::contents_entry;
use super::{inline_heading, part_of};

/// A document's first line, when it reads as a title: short, no sentence punctuation at its end.
pub fn title_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    !t.is_empty()
        && t.len() <= 200
        && (2..=25).contains(&words)
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && contents_entry(t).is_none()
        && part_of(t).is_none()
}

/// Words the title of a CIW publication has.
const TITLE_WORDS: [&str; 15] = [
    "llythyr",
    "inspection",
    "inspectorate",
    "report",
    "letter",
    "review",
    "check",
    "jicpa",
    "publishes",
    "concludes",
    "news",
    "summary",
    "evaluation",
    "arolygiad",
    "adroddiad",
];

/// The line that is the document's title: the first line when it reads as one, or, after a
/// letter's address block, a page's banner or a cover (short lines, none a sentence), the first
/// of the first twelve lines that reads as a title and says what the document is.
pub(super) fn find_title(lines: Lines<'_, '_>) -> Option<usize> {
    let is_title = |t: &str| title_like(t) && inline_heading(t).is_none();
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines.at(i).text.trim().is_empty())
        .take(12)
        .collect();
    for &i in &non_blank {
        let t = lines.at(i).text.trim();
        let lower = t.to_lowercase();
        if is_title(t) && TITLE_WORDS.iter().any(|w| lower.contains(w)) {
            return Some(i);
        }
        let header_line = t.split_whitespace().count() <= 10 && !t.ends_with(['.', ':', ';']);
        if !header_line {
            break;
        }
    }
    non_blank
        .first()
        .copied()
        .filter(|&i| is_title(lines.at(i).text))
}
