//! The search's highlight: the matched words of a text, bold and underlined (yellow where
//! colour is allowed), cut into styled spans and word-wrapped, for the hit list, its preview,
//! the reader and the comparison.

use crate::text::fit;
use crate::tui::palette::Palette;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The matched words' style: bold and underlined (so it survives NO_COLOR and the selection's
/// reverse video), yellow where colour is allowed.
pub fn highlight(t: &Palette) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    if t.monochrome {
        s
    } else {
        s.fg(Color::Yellow)
    }
}

/// Cuts `text` at the `matches` (byte ranges), sanitises each piece for the terminal and
/// returns `(char, highlighted)` cells.
pub(super) fn cells(
    text: &str,
    matches: &[std::ops::Range<usize>],
    ascii: bool,
) -> Vec<(char, bool)> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    let push = |piece: &str, hl: bool, out: &mut Vec<(char, bool)>| {
        out.extend(fit::display(piece, ascii).chars().map(|c| (c, hl)));
    };
    for m in matches {
        let (start, end) = (m.start.max(at), m.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        push(&text[at..start], false, &mut out);
        push(&text[start..end], true, &mut out);
        at = end;
    }
    push(&text[at..], false, &mut out);
    out
}

pub(super) fn spans(cells: &[(char, bool)], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let flag = cells[i].1;
        let mut j = i;
        while j < cells.len() && cells[j].1 == flag {
            j += 1;
        }
        let s: String = cells[i..j].iter().map(|c| c.0).collect();
        out.push(Span::styled(s, if flag { base.patch(hl) } else { base }));
        i = j;
    }
    out
}

pub(super) fn cell_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` with `matches` highlighted, word-wrapped to `max` columns. Returns the lines and the
/// index of the first line with a highlight.
pub fn wrap_highlighted(
    text: &str,
    matches: &[std::ops::Range<usize>],
    max: usize,
    base: Style,
    hl: Style,
    ascii: bool,
) -> (Vec<Line<'static>>, Option<usize>) {
    let max = max.max(1);
    let all = cells(text, matches, ascii);
    let mut lines: Vec<Vec<(char, bool)>> = Vec::new();
    let mut line: Vec<(char, bool)> = Vec::new();
    let mut used = 0;
    for word in all.split(|c| c.0 == ' ').filter(|w| !w.is_empty()) {
        let w: usize = word.iter().map(|c| cell_width(c.0)).sum();
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push((' ', false));
            used += 1;
        }
        for &c in word {
            let cw = cell_width(c.0);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let first = lines.iter().position(|l| l.iter().any(|c| c.1));
    (
        lines
            .iter()
            .map(|l| Line::from(spans(l, base, hl)))
            .collect(),
        first,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn highlights_survive_wrapping_and_sanitising() {
        let text = "Placement \u{1b}[31mstability is good";
        let m = vec![0..9, 15..24];
        let (lines, first) =
            wrap_highlighted(text, &m, 12, Style::new(), Style::new().bold(), false);
        let all: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect::<Vec<_>>()
            .join("|");
        assert!(!all.contains('\u{1b}'), "{all}");
        assert_eq!(first, Some(0));
        assert!(lines.iter().all(|l| l.width() <= 12), "{all}");
        let bold: Vec<String> = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(bold, ["Placement", "stability"]);
        // Bad ranges are ignored, never a panic.
        let (l, _) = wrap_highlighted("ab", &[5..9, 2..1], 0, Style::new(), Style::new(), true);
        assert_eq!(l.len(), 2);
    }
}
