//! Page furniture: running headers and footers (lines that repeat at the edges of pages) and
//! page numbers, as `pdftotext` and similar extractors leave them around form feeds.

use super::line_table::{LineTable, Lines};
use std::collections::HashMap;

/// How many non-blank lines at each edge of a page may be furniture.
const EDGE: usize = 3;

/// Splits into lines, drops page furniture, and turns page breaks into blank lines.
/// Returns the kept lines and how many furniture lines were dropped; `None` for a text over
/// 4 GiB.
///
/// One table of lines, sized once, with the page breaks in it: furniture is marked and then
/// dropped in place, so a text of many short lines costs one 16-byte record per line.
pub fn strip(text: &str) -> Option<(LineTable<'_>, usize)> {
    let breaks = text.bytes().filter(|&b| b == b'\n' || b == b'\x0c').count();
    let mut table = LineTable::with_capacity(text, breaks + 1 + text.matches('\x0c').count())?;
    // Where each page's lines start in the table (after its page-break line).
    let mut starts: Vec<usize> = vec![0];
    for (i, raw) in text.split('\n').enumerate() {
        for (j, part) in raw.split('\x0c').enumerate() {
            if j > 0 {
                table.push(&part[..0], i, starts.len() + 1, true);
                starts.push(table.len());
            }
            table.push(part, i, starts.len(), false);
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s - 1)
        .chain([table.len()])
        .collect();
    for (n, (&s, &e)) in starts.iter().zip(&ends).enumerate() {
        let lines = table.lines();
        if let Some(i) = (s..e).find(|&i| !lines.at(i).text.trim().is_empty()) {
            let glued = strip_glued_page_number(lines.at(i).text, n as u32 + 1);
            table.set_text(i, glued);
        }
    }
    let lines = table.lines();
    let pages = starts.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    if pages > 1 {
        for (&s, &e) in starts.iter().zip(&ends) {
            let mut distinct: Vec<String> = edge_indices(lines.range(s..e))
                .into_iter()
                .map(|i| key(lines.at(s + i).text))
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            for k in distinct {
                *seen.entry(k).or_default() += 1;
            }
        }
    }
    let threshold = (pages / 2).max(2);
    // The furniture lines' places in the table, in order.
    let mut furniture: Vec<usize> = Vec::new();
    for (n, (&s, &e)) in starts.iter().zip(&ends).enumerate() {
        let page = lines.range(s..e);
        let idx = edge_indices(page);
        for (at, &i) in idx.iter().enumerate() {
            let line = page.at(i).text;
            let outermost = at == 0 || at == idx.len() - 1;
            // A page number is the first or last line of its page, or its own number
            // (a contents page's first entries end in numbers too).
            let dropped = (is_page_number(line)
                && (outermost || line.trim() == (n + 1).to_string()))
                || (pages > 1
                    && !is_page_number(line)
                    && line.trim().len() <= 120
                    && seen.get(&key(line)).is_some_and(|c| *c >= threshold));
            if dropped {
                furniture.push(s + i);
            }
        }
    }
    let dropped = furniture.len();
    table.remove_sorted(furniture);
    Some((table, dropped))
}

fn edge_indices(page: Lines<'_, '_>) -> Vec<usize> {
    let non_blank = |i: &usize| !page.at(*i).text.trim().is_empty();
    let mut idx: Vec<usize> = (0..page.len()).filter(non_blank).take(EDGE).collect();
    idx.extend((0..page.len()).rev().filter(non_blank).take(EDGE));
    idx.sort_unstable();
    idx.dedup();
    idx
}

/// Digits folded, space collapsed, lower case: "Page 3 of 24" and "Page 4 of 24" share a key.
fn key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    let mut digit = false;
    for w in s.split_whitespace() {
        if !k.is_empty() {
            k.push(' ');
        }
        for c in w.chars() {
            if c.is_ascii_digit() {
                if !digit {
                    k.push('#');
                }
                digit = true;
            } else {
                digit = false;
                if c.is_ascii() {
                    k.push(c.to_ascii_lowercase());
                } else {
                    k.extend(c.to_lowercase());
                }
            }
        }
    }
    k
}

/// A running header "- 12 -" that an extractor glued to the first line of text on page 12
/// ("-12 3.6 We heard", "-5management"): the line without it.
fn strip_glued_page_number(line: &str, page: u32) -> &str {
    let t = line.trim_start();
    let Some(rest) = t.strip_prefix(['-', '\u{2013}']) else {
        return line;
    };
    let rest = rest.trim_start();
    // The number may run into a paragraph number as well: "-71.6 The" on page 7.
    let Some(rest) = rest.strip_prefix(page.to_string().as_str()) else {
        return line;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(['-', '\u{2013}'])
        .map_or(rest, str::trim_start);
    if rest.is_empty() {
        line
    } else {
        rest
    }
}

/// `12`, `- 12 -`, `Page 12`, `Page 12 of 30`, `12 | Page`.
pub fn is_page_number(s: &str) -> bool {
    let t = s
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c == ' ');
    if t.is_empty() || !t.bytes().all(may_be_in_page_number) {
        return false;
    }
    let mut saw_number = false;
    for w in t.split_whitespace().filter(|w| *w != "|") {
        if w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            saw_number = true;
        } else if !["page", "of", "tudalen"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
        {
            return false;
        }
    }
    saw_number
}

/// Whether a byte may be part of a page number line (as trimmed): a digit, a letter of
/// "page", "of" or "tudalen", `|`, a space; or any byte past ASCII (a space of another kind).
/// A line with any other byte is rejected before it is split into words.
fn may_be_in_page_number(b: u8) -> bool {
    !b.is_ascii()
        || b.is_ascii_digit()
        || char::from(b).is_whitespace()
        || b == b'|'
        || matches!(
            b.to_ascii_lowercase(),
            b'p' | b'a' | b'g' | b'e' | b'o' | b'f' | b't' | b'u' | b'd' | b'l' | b'n'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: Lines<'_, '_>) -> Vec<String> {
        v.iter().map(|l| l.text.to_string()).collect()
    }

    #[test]
    fn page_numbers() {
        for s in ["12", " - 3 - ", "Page 4", "Page 4 of 24", "4 | Page"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["", "2018 was a year", "3.1", "Page", "12345"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn page_numbers_rejected_by_byte_as_when_read_by_words() {
        // The reading before any byte was looked at.
        let by_words = |s: &str| {
            let t = s.trim().trim_matches(['-', '–', '|', ' ']);
            let mut words = t.split_whitespace().filter(|w| *w != "|").peekable();
            words.peek().is_some()
                && words.clone().all(|w| {
                    (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
                        || ["page", "of", "tudalen"]
                            .iter()
                            .any(|k| w.eq_ignore_ascii_case(k))
                })
                && words.any(|w| w.bytes().all(|b| b.is_ascii_digit()))
        };
        let mut lines: Vec<String> = (0..=127u8)
            .flat_map(|b| {
                let c = char::from(b);
                [
                    format!("{c}"),
                    format!("12{c}"),
                    format!("Page {c}4 of 9"),
                    format!("-{c}3-"),
                ]
            })
            .collect();
        let more = [
            "ab",
            "PAGE 4 OF 24",
            "Tudalen 7",
            "Page\u{a0}4",
            "4\u{2003}of 9",
            "- 3 –",
        ];
        lines.extend(more.map(String::from));
        lines.extend(
            [
                "12 | Page 3 of 40 | Tudalen 3",
                "page of",
                "| 12 |",
                "Page 4\x0bof 5",
            ]
            .map(String::from),
        );
        for l in &lines {
            assert_eq!(is_page_number(l), by_words(l), "{l:?}");
        }
        assert!(lines.iter().filter(|l| is_page_number(l)).count() > 20);
    }

    #[test]
    fn running_footers_are_dropped_at_page_edges_only() {
        let text = "Inspection of Swansea\nfirst text\n\nCIW report 2018\n1\n\x0cInspection of Swansea\nsecond\nCIW report 2018\n2\n\x0cInspection of Swansea\nthird mentions CIW report 2018\nCIW report 2018\n3\n";
        let (kept, dropped) = strip(text).expect("small");
        assert_eq!(dropped, 9);
        let kept = kept.lines();
        let t = texts(kept);
        assert_eq!(
            t,
            vec![
                "first text",
                "",
                "",
                "",
                "second",
                "",
                "",
                "third mentions CIW report 2018",
                ""
            ]
        );
        assert_eq!(kept.iter().filter(|l| l.page_break()).count(), 2);
    }

    #[test]
    fn page_numbers_glued_to_text_are_cut() {
        assert_eq!(
            strip_glued_page_number("-5management oversight.", 5),
            "management oversight."
        );
        assert_eq!(strip_glued_page_number("- 12 3.6", 12), "3.6");
        assert_eq!(strip_glued_page_number("- 12 - 3.6 We", 12), "3.6 We");
        assert_eq!(strip_glued_page_number("-71.6 The", 7), "1.6 The");
        assert_eq!(strip_glued_page_number("-5management", 6), "-5management");
        assert_eq!(strip_glued_page_number("- 5 -", 5), "- 5 -");
        assert_eq!(strip_glued_page_number("5 Leadership", 5), "5 Leadership");
    }

    #[test]
    fn lines_keep_their_number_and_page() {
        let (kept, _) = strip("one\ntwo\x0cthree\n").expect("small");
        assert_eq!(
            kept.lines().described(),
            [
                ("one", 1, 1, false),
                ("two", 2, 1, false),
                ("", 2, 2, true),
                ("three", 2, 2, false),
                ("", 3, 2, false)
            ]
        );
    }

    #[test]
    fn single_page_keeps_repeated_headings() {
        let (kept, dropped) =
            strip("What we expect to see\nx\nWhat we expect to see\n").expect("small");
        assert_eq!(dropped, 0);
        assert_eq!(kept.lines().len(), 4);
    }
}
