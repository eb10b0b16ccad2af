//! Page furniture: running headers and footers (lines that repeat at the edges of pages) and
//! page numbers, as `pdftotext` and similar extractors leave them around form feeds.

use std::collections::HashMap;

/// A line of the cleaned text, with its 1-based line number in the source and its page.
///
/// 24 bytes: a text of nothing but very short lines costs a record per line, so the line
/// number and the page are `u32` (saturating past four billion), and the page-break flag is the
/// page's top bit.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    /// The 1-based line number in the source.
    pub no: u32,
    /// The 1-based page, and [`PAGE_BREAK`] for the blank line that stands for a page break.
    page: u32,
}

/// The bit of [`Line::page`] that marks a page break.
const PAGE_BREAK: u32 = 1 << 31;

impl<'a> Line<'a> {
    /// A line of text numbered `no` (0-based) on page `page` (1-based).
    fn new(text: &'a str, no: usize, page: usize, page_break: bool) -> Line<'a> {
        let page = u32::try_from(page).unwrap_or(u32::MAX).min(PAGE_BREAK - 1);
        Line {
            text,
            no: u32::try_from(no.saturating_add(1)).unwrap_or(u32::MAX),
            page: page | if page_break { PAGE_BREAK } else { 0 },
        }
    }

    /// The same line with another text (a marker joined to it, a blank in its place).
    pub fn with_text<'b>(self, text: &'b str) -> Line<'b> {
        Line {
            text,
            no: self.no,
            page: self.page,
        }
    }

    /// The 1-based page it is on, counted from form feeds.
    pub fn page(&self) -> u32 {
        self.page & !PAGE_BREAK
    }

    /// The blank line that stands for a page break.
    pub fn page_break(&self) -> bool {
        self.page & PAGE_BREAK != 0
    }
}

/// How many non-blank lines at each edge of a page may be furniture.
const EDGE: usize = 3;

/// Splits into lines, drops page furniture, and turns page breaks into blank lines.
/// Returns the kept lines and how many furniture lines were dropped.
///
/// One vector of lines, sized once, with the page breaks in it: furniture is marked and then
/// dropped in place, so a text of many short lines costs one record per line, not two.
pub fn strip(text: &str) -> (Vec<Line<'_>>, usize) {
    let breaks = text.bytes().filter(|&b| b == b'\n' || b == b'\x0c').count();
    let mut lines: Vec<Line<'_>> = Vec::with_capacity(breaks + 1 + text.matches('\x0c').count());
    // Where each page's lines start in `lines` (after its page-break line).
    let mut starts: Vec<usize> = vec![0];
    for (i, raw) in text.split('\n').enumerate() {
        for (j, part) in raw.split('\x0c').enumerate() {
            if j > 0 {
                lines.push(Line::new("", i, starts.len() + 1, true));
                starts.push(lines.len());
            }
            lines.push(Line::new(part, i, starts.len(), false));
        }
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|s| s - 1)
        .chain([lines.len()])
        .collect();
    for (n, (&s, &e)) in starts.iter().zip(&ends).enumerate() {
        if let Some(first) = lines[s..e].iter_mut().find(|l| !l.text.trim().is_empty()) {
            first.text = strip_glued_page_number(first.text, n as u32 + 1);
        }
    }
    let pages = starts.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    if pages > 1 {
        for (&s, &e) in starts.iter().zip(&ends) {
            let mut distinct: Vec<String> = edge_indices(&lines[s..e])
                .into_iter()
                .map(|i| key(lines[s + i].text))
                .collect();
            distinct.sort_unstable();
            distinct.dedup();
            for k in distinct {
                *seen.entry(k).or_default() += 1;
            }
        }
    }
    let threshold = (pages / 2).max(2);
    // The furniture lines' places in `lines`, in order.
    let mut furniture: Vec<usize> = Vec::new();
    for (n, (&s, &e)) in starts.iter().zip(&ends).enumerate() {
        let page = &lines[s..e];
        let idx = edge_indices(page);
        for (at, &i) in idx.iter().enumerate() {
            let line = page[i].text;
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
    remove_sorted(&mut lines, furniture);
    (lines, dropped)
}

/// `lines` without the lines at `at` (sorted, distinct), in one pass.
pub(super) fn remove_sorted<T>(lines: &mut Vec<T>, at: Vec<usize>) {
    if at.is_empty() {
        return;
    }
    let mut next = at.into_iter().peekable();
    let mut i = 0;
    lines.retain(|_| {
        let keep = next.next_if_eq(&i).is_none();
        i += 1;
        keep
    });
}

fn edge_indices(page: &[Line<'_>]) -> Vec<usize> {
    let non_blank = |i: &usize| !page[*i].text.trim().is_empty();
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
    if t.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[Line<'_>]) -> Vec<String> {
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
    fn running_footers_are_dropped_at_page_edges_only() {
        let text = "Inspection of Swansea\nfirst text\n\nCIW report 2018\n1\n\x0cInspection of Swansea\nsecond\nCIW report 2018\n2\n\x0cInspection of Swansea\nthird mentions CIW report 2018\nCIW report 2018\n3\n";
        let (kept, dropped) = strip(text);
        assert_eq!(dropped, 9);
        let t = texts(&kept);
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
    fn a_line_is_24_bytes_and_keeps_its_page_and_number() {
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Line<'_>>(), 24);
        let (kept, _) = strip("one\ntwo\x0cthree\n");
        let seen: Vec<(&str, u32, u32, bool)> = kept
            .iter()
            .map(|l| (l.text, l.no, l.page(), l.page_break()))
            .collect();
        assert_eq!(
            seen,
            [
                ("one", 1, 1, false),
                ("two", 2, 1, false),
                ("", 2, 2, true),
                ("three", 2, 2, false),
                ("", 3, 2, false)
            ]
        );
        let far = Line::new("x", usize::MAX, usize::MAX, true);
        assert_eq!(
            (far.no, far.page(), far.page_break()),
            (u32::MAX, (1 << 31) - 1, true)
        );
    }

    #[test]
    fn single_page_keeps_repeated_headings() {
        let (kept, dropped) = strip("What we expect to see\nx\nWhat we expect to see\n");
        assert_eq!(dropped, 0);
        assert_eq!(kept.len(), 4);
    }
}
