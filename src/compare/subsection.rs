//! Subsection keys: a heading folded to the key rows align by ([`subsection_key`]), and when two
//! keys name the same subsection (`same_subsection`): word breaks ignored, a plural `s` dropped,
//! a shortened heading matching its longer form, introductory headings ("Summary of findings")
//! read as the opening row ([`OPENING_KEY`]).

use super::OPENING_KEY;
use crate::text::fold;

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
pub(super) fn same_subsection(a: &str, b: &str) -> bool {
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
