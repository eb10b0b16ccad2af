//! Hard-wrapped text: the width it is wrapped at, and whether a line break or a page break
//! ends a paragraph or falls inside one.

use super::super::line_table::Lines;
use super::super::lines::*;

/// The width a hard-wrapped extraction wraps at, or `None` when paragraphs are not
/// hard-wrapped (the 95th percentile of line lengths is over 130 columns).
pub(super) fn wrap_width(lines: Lines<'_, '_>) -> Option<usize> {
    // Four bytes a line: a text may have millions.
    let mut lengths: Vec<u32> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| {
            let t = l.text.trim_end();
            // A line of more bytes than a wrap width has characters is not counted out:
            // only whether it is over the width matters for it.
            let n = if t.len() > 4 * 130 {
                t.len()
            } else {
                t.chars().count()
            };
            u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect();
    if lengths.len() < 20 {
        return None;
    }
    let at = lengths.len() * 95 / 100;
    let (_, p95, _) = lengths.select_nth_unstable(at);
    let p95 = *p95;
    if p95 > 130 {
        return None;
    }
    let p95 = u64::from(p95);
    lengths
        .into_iter()
        .filter(|&n| u64::from(n) * 10 <= p95 * 11)
        .max()
        .map(|n| n as usize)
}

/// Whether a page break falls inside a paragraph. The reflow test: the first word after the
/// break would not have fitted on the line before it, so that line was wrapped, not ended.
/// A heading after the break always starts a new block.
pub(super) fn runs_on_over_page(before: &str, after: &str, wrap: Option<usize>) -> bool {
    let Some(width) = wrap else { return false };
    let t = after.trim();
    let first_word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    let wrapped = before.trim_end().chars().count() + 1 + first_word > width;
    let heading = !cannot_be_heading(t) && top_heading(t).is_some()
        || section_heading(t).is_some()
        || known_subsection(t)
        || is_expectations_heading(t)
        || looks_like_heading(t);
    wrapped && !heading
}

/// Whether a hard-wrapped line ended its paragraph: it finished a sentence and the next
/// line's first word would have fitted on it with room to spare.
pub(super) fn ends_paragraph(line: &str, next: &str, wrap: Option<usize>) -> bool {
    let Some(width) = wrap else { return false };
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let used = line.trim_end().chars().count() + 1 + first_word;
    finished(line) && !starts_lower(next) && used * 100 < width * 85
}
