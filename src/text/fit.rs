//! Text fitted to terminal columns, for both front ends: cleaning report text for display, word
//! wrapping, truncation and breadcrumbs by display width (wide characters count two, combining marks zero), so Welsh
//! `ŵ`/`ŷ` (precomposed or combining) and curly quotes never misalign a pane.

use super::for_terminal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Report text made safe and, in ASCII mode, plain: control characters and escape sequences
/// removed (see [`for_terminal`]); curly quotes, dashes, ellipses, bullets, `×`, `·` and
/// arrows transliterated when `ascii`.
pub fn display(s: &str, ascii: bool) -> String {
    let safe = for_terminal(s);
    if !ascii {
        return safe.into_owned();
    }
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{2022}' | '\u{25cf}' | '\u{25aa}' | '\u{f0b7}' => out.push('*'),
            '\u{a3}' => out.push_str("GBP "),
            '\u{d7}' => out.push('x'),
            '\u{b7}' => out.push('.'),
            '\u{203a}' | '\u{2192}' | '\u{25b8}' => out.push('>'),
            '\u{2039}' | '\u{2190}' => out.push('<'),
            '\u{2713}' | '\u{2714}' => out.push('*'),
            _ => out.push(c),
        }
    }
    out
}

/// Greedy word wrap to `max` columns ([`crate::text::wrap`]); always at least one line.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = crate::text::wrap(s, max);
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The characters of `chars` that fit in `room` columns, from the first.
fn take_width(chars: impl Iterator<Item = char>, room: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in chars {
        let cw = UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    out
}

/// Cuts `s` to at most `max` columns, ending with `ellipsis` when something was cut.
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let ew = width(ellipsis);
    if max < ew {
        return String::new();
    }
    let mut out = take_width(s.chars(), max - ew);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push_str(ellipsis);
    out
}

/// Cuts `s` to at most `max` columns by taking out its middle, so both ends survive:
/// `Testshire 0500` in 10 columns is `Test…0500`.
pub fn truncate_middle(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let ew = width(ellipsis);
    if max <= ew + 1 {
        return truncate(s, max, ellipsis);
    }
    let room = max - ew;
    let tail_room = room / 2;
    let head_room = room - tail_room;
    let head = take_width(s.chars(), head_room);
    let tail: String = take_width(s.chars().rev(), tail_room)
        .chars()
        .rev()
        .collect();
    format!("{}{ellipsis}{}", head.trim_end(), tail.trim_start())
}

/// `s` padded with spaces to exactly `cols` columns (truncated first if wider).
pub fn pad(s: &str, cols: usize, ellipsis: &str) -> String {
    let mut t = truncate(s, cols, ellipsis);
    let w = width(&t);
    t.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    t
}

/// Joins breadcrumb parts, shortening the longest middle parts first so the ends (authority
/// and paragraph id) survive on a narrow line.
pub fn breadcrumb(parts: &[String], sep: &str, ellipsis: &str, max: usize) -> String {
    let mut parts: Vec<String> = parts.to_vec();
    let total = |p: &[String]| {
        p.iter().map(|s| width(s)).sum::<usize>() + width(sep) * p.len().saturating_sub(1)
    };
    let last = parts.len().saturating_sub(1);
    for _ in 0..64 {
        let excess = total(&parts).saturating_sub(max);
        if excess == 0 {
            break;
        }
        let Some((i, w)) = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != last || parts.len() == 1)
            .map(|(i, s)| (i, width(s)))
            .max_by_key(|(_, w)| *w)
        else {
            break;
        };
        if w <= 6 {
            break;
        }
        let target = w.saturating_sub(excess).max(6);
        parts[i] = truncate(&parts[i], target, ellipsis);
    }
    // Still too wide: drop middle parts (section, then subsection), keeping the authority
    // and the paragraph id, which say where you are.
    while total(&parts) > max && parts.len() > 2 {
        parts.remove(1);
    }
    truncate(&parts.join(sep), max, ellipsis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_middle_keeps_both_ends() {
        assert_eq!(truncate_middle("Testshire 0500", 10, "…"), "Tests…0500");
        assert_eq!(truncate_middle("Testshire 0500", 14, "…"), "Testshire 0500");
        assert_eq!(truncate_middle("Neath Port Talbot", 9, "..."), "Nea...bot");
        for max in 0..20 {
            assert!(width(&truncate_middle("Ŵyn 界界 Testshire", max, "…")) <= max);
        }
    }

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        // Combining circumflex: "w\u{302}" is one column.
        let s = "Gw\u{302}yl Dewi Sant";
        for l in wrap(s, 5) {
            assert!(width(&l) <= 5, "{l:?}");
        }
        // Wide characters count two.
        assert_eq!(wrap("日本語 テキスト", 6), vec!["日本語", "テキス", "ト"]);
        assert_eq!(wrap("x", 0), vec!["x"]);
    }

    #[test]
    fn every_line_fits() {
        let text = "“Children’s services” – ŵ ŷ a\u{301}b supercalifragilisticexpialidocious 日本語テキスト";
        for max in 1..40 {
            for l in wrap(text, max) {
                assert!(width(&l) <= max.max(2), "{max}: {l:?}");
            }
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Pembrokeshire", 8, "…"), "Pembrok…");
        assert_eq!(truncate("short", 8, "…"), "short");
        assert_eq!(truncate("abc", 0, "…"), "");
        assert_eq!(pad("ab", 4, "…"), "ab  ");
        assert_eq!(width(&pad("日本語テキスト", 5, "…")), 5);
    }

    #[test]
    fn display_removes_escapes_and_transliterates_in_ascii() {
        assert_eq!(display("a\x1b]52;c;SGk=\x07b\x1b[2Jc", false), "abc");
        assert_eq!(display("“What’s” – next…", true), "\"What's\" - next...");
        assert_eq!(display("ŵ", true), "ŵ");
        assert_eq!(
            display("Councils × themes · a › b ✓", true),
            "Councils x themes . a > b *"
        );
    }

    #[test]
    fn breadcrumb_keeps_its_ends() {
        let parts: Vec<String> = [
            "Swansea",
            "3 Care and Support and Pathway Planning",
            "Placement choice, stability and wellbeing",
            "3.18",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let full = breadcrumb(&parts, " › ", "…", 200);
        assert_eq!(full, "Swansea › 3 Care and Support and Pathway Planning › Placement choice, stability and wellbeing › 3.18");
        let short = breadcrumb(&parts, " › ", "…", 60);
        assert!(width(&short) <= 60, "{short}");
        assert!(short.starts_with("Swansea › 3 Care"), "{short}");
        assert!(short.ends_with(" › 3.18"), "{short}");
        let tiny = breadcrumb(&parts, " › ", "…", 10);
        assert!(width(&tiny) <= 10, "{tiny}");
        let narrow = breadcrumb(&parts, " › ", "…", 20);
        assert!(narrow.ends_with("3.18"), "{narrow}");
        assert_eq!(breadcrumb(&[], " › ", "…", 10), "");
    }
}
