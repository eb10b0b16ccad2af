//! A one-line excerpt of a paragraph around its matches, fitting a given display width, with
//! the match ranges moved into the excerpt for highlighting.

use super::MatchWeight;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// A one-line excerpt: `text` fits the width asked for; `matches` are byte ranges in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub matches: Vec<Range<usize>>,
}

const ELLIPSIS: &str = "…";

fn col(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// An excerpt of `text` at most `width` columns wide, placed to show as many of `matches`
/// (byte ranges in `text`, sorted) as fit, starting a little before the first of them and cut
/// at word boundaries where possible; `…` marks cut ends. Line breaks and tabs become spaces.
/// With no matches, the start of the text.
pub fn snippet(text: &str, matches: &[Range<usize>], width: usize) -> Snippet {
    snippet_weighted(text, matches, &[], width)
}

/// [`snippet`], placed on the window with the most and rarest matched words: each of `matches`
/// stands for the query words in its `weights` entry (a window counts each word once, at its
/// weight, and each further match a little). Without weights every match is a word of its own.
pub fn snippet_weighted(
    text: &str,
    matches: &[Range<usize>],
    weights: &[MatchWeight],
    width: usize,
) -> Snippet {
    let width = width.max(1);
    let total: usize = text.chars().map(col).sum();
    let (start, end) = if total <= width {
        (0, text.len())
    } else if width < 4 {
        // Too narrow for ellipses: the first characters that fit.
        let mut used = 0;
        let mut end = 0;
        for (i, c) in text.char_indices() {
            if used + col(c) > width {
                break;
            }
            used += col(c);
            end = i + c.len_utf8();
        }
        return Snippet {
            text: text[..end]
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
            matches: matches
                .iter()
                .filter(|m| {
                    m.start < m.end
                        && m.end <= end
                        && text.is_char_boundary(m.start)
                        && text.is_char_boundary(m.end)
                })
                .cloned()
                .collect(),
        };
    } else {
        window(text, matches, weights, width)
    };
    let mut out = String::with_capacity(end - start + 8);
    let lead = if start > 0 { ELLIPSIS } else { "" };
    out.push_str(lead);
    for c in text[start..end].chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    let shift = lead.len();
    let ms = matches
        .iter()
        .filter(|m| m.end > start && m.start < end && m.start <= m.end)
        .map(|m| {
            let s = m.start.max(start);
            let e = m.end.min(end);
            s - start + shift..e - start + shift
        })
        .filter(|m| out.is_char_boundary(m.start) && out.is_char_boundary(m.end))
        .collect();
    Snippet {
        text: out,
        matches: ms,
    }
}

/// Byte range of the excerpt window (without ellipses) for a text wider than `width`.
fn window(
    text: &str,
    matches: &[Range<usize>],
    weights: &[MatchWeight],
    width: usize,
) -> (usize, usize) {
    let valid =
        |m: &Range<usize>| m.start < m.end && m.end <= text.len() && text.is_char_boundary(m.start);
    // The match from which the window of about the width (columns ≈ bytes for this) holds the
    // most, rarest words; the earliest of equals.
    let reach = width * 3 / 4;
    let mut best: Option<(f32, usize)> = None;
    for (i, m) in matches.iter().enumerate() {
        if !valid(m) {
            continue;
        }
        let mut per_term = [0f32; 16];
        let mut own = 0f32;
        let mut count = 0usize;
        for (j, o) in matches.iter().enumerate().skip(i) {
            if o.start < m.start || o.end > m.start + reach {
                continue;
            }
            count += 1;
            match weights.get(j) {
                Some(w) if w.terms != 0 => {
                    for (b, slot) in per_term.iter_mut().enumerate() {
                        if w.terms & (1 << b) != 0 {
                            *slot = slot.max(w.weight.max(0.01));
                        }
                    }
                }
                _ => own += 1.0,
            }
        }
        let score = per_term.iter().sum::<f32>() + own + 0.05 * count as f32;
        if best.is_none_or(|(s, _)| score > s + 1e-6) {
            best = Some((score, m.start));
        }
    }
    let anchor = best.map_or(0, |b| b.1);
    // Lead context: up to a quarter of the width, starting at a word.
    let lead_cols = (width / 4).min(24);
    let mut start = anchor;
    let mut cols = 0;
    for (i, c) in text[..anchor].char_indices().rev() {
        let w = col(c);
        if cols + w > lead_cols {
            break;
        }
        cols += w;
        start = i;
    }
    if start > 0 {
        // Snap forward to the start of a word, if one begins inside the lead.
        if let Some(sp) = text[start..anchor].find(' ') {
            start += sp + 1;
        }
    }
    let mut budget = width.saturating_sub(usize::from(start > 0));
    // Take characters up to the budget, keeping one column for a trailing ellipsis.
    let mut end = start;
    let rest_cols: usize = text[start..].chars().map(col).sum();
    if rest_cols <= budget {
        return (start, text.len());
    }
    budget = budget.saturating_sub(1);
    let mut used = 0;
    for (i, c) in text[start..].char_indices() {
        let w = col(c);
        if used + w > budget {
            break;
        }
        used += w;
        end = start + i + c.len_utf8();
    }
    // Cut at a word boundary when that loses little.
    if let Some(sp) = text[start..end].rfind(' ') {
        if end - (start + sp) < budget / 5 {
            end = start + sp;
        }
    }
    (start, end.max(start))
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_text_is_whole() {
        let s = snippet("a short\nline", &[2..7], 40);
        assert_eq!(s.text, "a short line");
        assert_eq!(s.matches, [2..7]);
    }

    #[test]
    fn window_around_match() {
        let text = "The quick brown fox jumps over the lazy dog and then the placement was stable for many months afterwards indeed.";
        let m = text.find("placement").unwrap();
        let s = snippet(text, &[m..m + 9], 40);
        assert!(s.text.width() <= 40, "{:?}", s.text);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let r = s.matches[0].clone();
        assert_eq!(&s.text[r], "placement");
    }

    #[test]
    fn never_panics_and_fits() {
        let texts = [
            "",
            "ŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵ",
            "界界界界界界界界界界界界界界界界",
            "a b c d e f g h i j k l m n o p q r s t",
        ];
        for t in texts {
            for w in [0, 1, 2, 5, 10, 80] {
                let ms = [0..t.len().min(3), 100..200, 5..2];
                let s = snippet(t, &ms, w);
                assert!(
                    s.text.width() <= w.max(1) || t.width() <= w.max(1),
                    "{t:?} {w} {:?}",
                    s.text
                );
            }
        }
    }
}
