//! Line-level recognisers: bullets, paragraph and recommendation numbers, headings,
//! and whether a sentence is finished. All are pure functions over one line.

use crate::model::SectionKind;

/// Strips a leading bullet (`- `, `• `, `– `, ...); says whether there was one.
pub fn strip_bullet(s: &str) -> (bool, &str) {
    let t = s.trim_start();
    for b in ["- ", "-\t", "• ", "●", "▪", "◦", "– ", "— ", "* ", "•"] {
        if let Some(rest) = t.strip_prefix(b) {
            return (true, rest.trim_start());
        }
    }
    (false, t)
}

/// Leading 1-2 digit number and the rest.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    Some((s[..digits].parse().ok()?, &s[digits..]))
}

/// A paragraph number such as `3.18`, `3.18.`, `3.2We` (no space): `(3, 18, "We ...")`.
pub fn para_marker(s: &str) -> Option<(u32, u32, &str)> {
    let (major, rest) = leading_number(s)?;
    let rest = rest.strip_prefix('.')?;
    let (minor, rest) = leading_number(rest)?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    match rest.chars().next() {
        None => Some((major, minor, "")),
        // A paragraph starts a sentence: "2.5 million" is a number in running text.
        Some(c) if c.is_whitespace() => {
            let rest = rest.trim_start();
            (!starts_lower(rest)).then_some((major, minor, rest))
        }
        Some(c) if c.is_uppercase() => Some((major, minor, rest)),
        _ => None,
    }
    .filter(|_| major > 0 && minor > 0)
}

/// A recommendation number such as `5.` or `5)` followed by text: `(5, "Further ...")`.
pub fn rec_marker(s: &str) -> Option<(u32, &str)> {
    let (n, rest) = leading_number(s)?;
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    let c = rest.chars().next()?;
    if !c.is_whitespace() {
        return None;
    }
    let rest = rest.trim_start();
    (n > 0 && !rest.is_empty()).then_some((n, rest))
}

/// A numbered section heading such as `3. Care and support and pathway planning`.
pub fn section_heading(s: &str) -> Option<(u32, &str)> {
    if s.len() > MAX_HEADING_BYTES {
        return None;
    }
    let (n, rest) = leading_number(s.trim())?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let title = rest.trim();
    let first = title.chars().next()?;
    let ok = first.is_uppercase()
        && title.chars().count() <= 90
        && !title.ends_with(['.', ',', ';'])
        && !title.contains(". ");
    (ok && n > 0).then_some((n, title))
}

/// No heading is longer than this (bytes); longer lines are rejected before any folding,
/// which keeps the recognisers O(1) on paragraph-length lines.
const MAX_HEADING_BYTES: usize = 400;

/// Lower case, `&` as `and`, space collapsed, trailing `:`/`.` dropped: for comparing headings.
pub fn heading_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !k.is_empty() {
            k.push(' ');
        }
        if w == "&" {
            k.push_str("and");
        } else if w.is_ascii() {
            k.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            k.extend(w.chars().map(crate::text::fold_char));
        }
    }
    while k.ends_with([':', '.']) {
        k.pop();
    }
    k
}

/// Unnumbered top-level headings.
pub fn top_heading(s: &str) -> Option<SectionKind> {
    if s.len() > 80 {
        return None;
    }
    top_heading_key(&heading_key(s))
}

/// [`top_heading`] of a [`heading_key`].
pub fn top_heading_key(k: &str) -> Option<SectionKind> {
    Some(match k {
        "introduction" => SectionKind::Introduction,
        "overview"
        | "overview of findings"
        | "overview of key findings"
        | "summary"
        | "key findings" => SectionKind::Overview,
        "areas for development"
        | "areas for improvement"
        | "recommendations"
        | "areas for development and improvement" => SectionKind::AreasForDevelopment,
        "next steps" => SectionKind::NextSteps,
        "methodology" => SectionKind::Methodology,
        "acknowledgements" | "acknowledgments" => SectionKind::Acknowledgements,
        _ => return None,
    })
}

/// Subsection headings known from CIW reports; recognised even after an unfinished sentence.
pub fn known_subsection(s: &str) -> bool {
    s.len() <= 80 && known_subsection_key(&heading_key(s))
}

/// [`known_subsection`] of a [`heading_key`].
pub fn known_subsection_key(k: &str) -> bool {
    matches!(
        k,
        "summary of findings"
            | "care leavers"
            | "long term planning"
            | "long-term planning"
            | "placement choice, stability and wellbeing"
            | "placement choice, stability and well-being"
            | "participation"
            | "fieldwork"
            | "inspection team"
    )
}

pub fn is_expectations_heading(s: &str) -> bool {
    s.len() <= 40 && heading_key(s) == "what we expect to see"
}

pub fn is_contents_key(k: &str) -> bool {
    matches!(k, "contents" | "table of contents")
}

/// Whether a line is too long or has too many words to be any kind of heading: the cheap
/// test that lets most lines of a report skip the heading recognisers.
pub fn cannot_be_heading(s: &str) -> bool {
    s.len() > MAX_HEADING_BYTES || s.bytes().filter(|b| *b == b' ').count() > 14
}

/// A line that reads as a heading: short, capitalised, no sentence punctuation.
pub fn looks_like_heading(s: &str) -> bool {
    let t = s.trim();
    // Cheapest tests first: most lines of a report fail on their first letter or their length.
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !first.is_uppercase() || t.len() > 4 * 70 || (t.len() > 70 && t.chars().count() > 70) {
        return false;
    }
    let words = t.split_whitespace().count();
    if words > 9 || t.contains(". ") || t.contains('\t') {
        return false;
    }
    if t.ends_with(':') {
        return words <= 4;
    }
    // A line cut at a page break mid-sentence often ends on a small word; headings never do.
    const DANGLING: [&str; 16] = [
        "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "by", "on", "at", "from",
        "that", "their",
    ];
    let last = t.rsplit(' ').next().unwrap_or("");
    !t.ends_with(['.', ',', ';', '!', '?']) && !strip_bullet(t).0 && !DANGLING.contains(&last)
}

/// One contents line: `Safeguarding<TAB>16`, `Safeguarding ........ 16`, `Safeguarding    16`.
pub fn contents_entry(s: &str) -> Option<(String, u32)> {
    let t = s.trim_end();
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let (head, num) = t.split_at(t.len() - digits);
    let sep_ok = head.ends_with('\t') || head.ends_with("  ") || head.trim_end().ends_with("..");
    if !sep_ok {
        return None;
    }
    let title = head.trim_end().trim_end_matches(['.', '…']).trim();
    if title.is_empty() || title.chars().count() > 100 {
        return None;
    }
    Some((
        title.split_whitespace().collect::<Vec<_>>().join(" "),
        num.parse().ok()?,
    ))
}

/// Whether a text ends a sentence (or a list lead-in): `.`, `!`, `?`, `:`, `;`, possibly
/// followed by closing quotes or brackets.
pub fn finished(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']']);
    t.ends_with(['.', '!', '?', ':', ';'])
}

/// Whether the first letter is lower case (a sentence carrying on).
pub fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// Appends a wrapped line to a text: one space, none after a word broken with a hyphen.
pub fn join_line(buf: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    if !buf.is_empty() {
        let hyphen_break = buf.ends_with('-')
            && buf[..buf.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && line.chars().next().is_some_and(char::is_lowercase);
        if !hyphen_break {
            buf.push(' ');
        }
    }
    // Most lines have single spaces only: copy them whole.
    if !line.contains('\t') && !line.contains("  ") && !line.contains('\u{b}') {
        buf.push_str(line);
        return;
    }
    let mut first = true;
    for w in line.split_whitespace() {
        if !first {
            buf.push(' ');
        }
        buf.push_str(w);
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbering_forms() {
        assert_eq!(para_marker("1.1. We saw"), Some((1, 1, "We saw")));
        assert_eq!(para_marker("2.1 The local"), Some((2, 1, "The local")));
        assert_eq!(para_marker("3.2We saw"), Some((3, 2, "We saw")));
        assert_eq!(
            para_marker("4.10. The regional"),
            Some((4, 10, "The regional"))
        );
        assert_eq!(para_marker("4.7The Out"), Some((4, 7, "The Out")));
        assert_eq!(para_marker("2.5 million"), None);
        assert_eq!(para_marker("3.123 x"), None);
        assert_eq!(para_marker("2018 was"), None);
        assert_eq!(para_marker("3."), None);
        assert_eq!(strip_bullet("- 1.1. We"), (true, "1.1. We"));
        assert_eq!(strip_bullet("• 1.1. We"), (true, "1.1. We"));
    }

    #[test]
    fn recommendation_numbers() {
        assert_eq!(
            rec_marker("5. Further development"),
            Some((5, "Further development"))
        );
        assert_eq!(rec_marker("10) Review"), Some((10, "Review")));
        assert_eq!(rec_marker("3.2 We"), None);
        assert_eq!(rec_marker("Further develop"), None);
    }

    #[test]
    fn section_headings() {
        assert_eq!(
            section_heading("4. Safeguarding"),
            Some((4, "Safeguarding"))
        );
        assert_eq!(
            section_heading("5 Leadership, Management and Governance"),
            Some((5, "Leadership, Management and Governance"))
        );
        assert_eq!(
            section_heading("1. Continue to embed quality assurance systems."),
            None
        );
        assert_eq!(section_heading("3.2 We saw"), None);
    }

    #[test]
    fn contents_lines() {
        assert_eq!(
            contents_entry("Safeguarding\t16"),
            Some(("Safeguarding".into(), 16))
        );
        assert_eq!(
            contents_entry("Methodology .......... 21"),
            Some(("Methodology".into(), 21))
        );
        assert_eq!(
            contents_entry("Assessment      10"),
            Some(("Assessment".into(), 10))
        );
        assert_eq!(contents_entry("aged 16 18"), None);
        assert_eq!(contents_entry("We undertook 8"), None);
    }

    #[test]
    fn sentences() {
        assert!(finished("positive outcomes."));
        assert!(finished("included:"));
        assert!(finished("the 'what matters' conversation.’"));
        assert!(!finished("in line with"));
        assert!(starts_lower("- manager provides"));
        assert!(!starts_lower("Welsh Government"));
        assert!(looks_like_heading("Care Leavers"));
        assert!(looks_like_heading("Inspection Team:"));
        assert!(!looks_like_heading("The scope of the inspection included:"));
        assert!(!looks_like_heading(
            "We undertook 8 days of fieldwork activity."
        ));
    }

    #[test]
    fn joining_wrapped_lines() {
        let mut s = String::from("co-");
        join_line(&mut s, "production of  plans");
        assert_eq!(s, "co-production of plans");
        join_line(&mut s, " - and more");
        assert_eq!(s, "co-production of plans - and more");
    }
}
