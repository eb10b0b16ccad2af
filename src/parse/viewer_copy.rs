//! Text copied out of a PDF viewer (select all, copy): no form feeds, no blank lines between
//! paragraphs, and each page's printed number (with any running header) in the flow.
//!
//! [`restore_pages`] puts a form feed at each page boundary the printed numbers place, so that
//! pages are counted and page furniture (the numbers, running headers) is found as in an
//! extractor's output. A line is a page number only where the numbers run in sequence, one a
//! page; whether they are printed at the top or the foot of their pages is told by how much
//! text follows the last one (a page's worth, or a few lines).

use super::furniture::is_page_number;

/// No line longer than this (bytes, outer spaces left out) is a page number.
const MAX_PAGE_NUMBER: usize = 24;

/// At least this many page numbers in sequence before the text is taken as paged.
const MIN_PAGES: usize = 3;

/// The text with form feeds at its page boundaries; `None` when it has form feeds already or
/// no run of page numbers.
pub fn restore_pages(text: &str) -> Option<String> {
    if text.contains('\x0c') {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // Page-number lines whose numbers go up by one each time, from the first found.
    let mut numbers: Vec<(usize, u32)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // A page number's line is short ("Page 12 of 30"): most lines are ruled out by length.
        if l.trim().len() > MAX_PAGE_NUMBER || !is_page_number(l) {
            continue;
        }
        let Some(n) = number_of(l) else { continue };
        match numbers.last() {
            None if (1..=9).contains(&n) => numbers.push((i, n)),
            Some(&(_, last)) if n == last + 1 => numbers.push((i, n)),
            _ => {}
        }
    }
    if numbers.len() < MIN_PAGES {
        return None;
    }
    let (first_line, first) = numbers[0];
    let (last_line, _) = *numbers.last()?;
    let text_lines = |from: usize, to: usize| {
        lines[from..to]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count()
    };
    let per_page = text_lines(first_line, last_line) / (numbers.len() - 1);
    if per_page < 5 {
        // Numbers a few lines apart are a list or a table, not pages.
        return None;
    }
    let after_last = text_lines(last_line + 1, lines.len());
    // At the foot of its page, a number ends the page; at the top, it starts one.
    let at_foot = after_last * 4 < per_page;
    let mut out = String::with_capacity(text.len() + numbers.len() + 8);
    // Empty pages before the first found, so that pages count as printed.
    let before = if at_foot {
        first - 1
    } else {
        first.saturating_sub(2)
    };
    for _ in 0..before.min(50) {
        out.push('\x0c');
    }
    let mut cuts = numbers
        .iter()
        .map(|&(i, _)| if at_foot { i + 1 } else { i })
        .peekable();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if cuts.peek() == Some(&i) {
            cuts.next();
            out.push('\x0c');
        }
        out.push_str(l);
    }
    Some(out)
}

/// The number on a page-number line.
fn number_of(line: &str) -> Option<u32> {
    line.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .and_then(|w| w.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: u32, lines: usize) -> String {
        (0..lines)
            .map(|i| format!("Line {i} of the text on page {n}, as printed."))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn numbers_at_the_foot_end_their_pages() {
        let text = format!(
            "{}\n2\n{}\n3\n{}\n4\n{}\n5",
            page(2, 10),
            page(3, 10),
            page(4, 10),
            page(5, 10)
        );
        let paged = restore_pages(&text).unwrap();
        let pages: Vec<&str> = paged.split('\x0c').collect();
        // An empty first page: the text starts on page 2.
        assert_eq!(pages.len(), 5);
        assert!(pages[0].is_empty());
        assert!(pages[1].contains("page 2") && pages[1].trim_end().ends_with("\n2"));
        assert!(pages[4].contains("page 5"));
    }

    #[test]
    fn numbers_at_the_top_start_their_pages() {
        let text = format!(
            "Cover\n-2-\n{}\n-3-\n{}\n-4-\n{}",
            page(2, 10),
            page(3, 10),
            page(4, 10)
        );
        let paged = restore_pages(&text).unwrap();
        let pages: Vec<&str> = paged.split('\x0c').collect();
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[0], "Cover\n");
        assert!(pages[1].starts_with("-2-\n") && pages[1].contains("page 2"));
        assert!(pages[3].starts_with("-4-\n"));
    }

    #[test]
    fn numbers_out_of_sequence_or_too_few_are_text() {
        assert!(restore_pages("a\n12\nb\n7\nc\n40\nd").is_none());
        assert!(restore_pages("a\n2\nb\n3\nc").is_none());
        assert!(restore_pages("a\x0cb\n2\nc\n3\nd\n4").is_none());
    }
}
