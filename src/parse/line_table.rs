//! The lines of a text as a table of 16-byte records (where the line is in the text, its number
//! and its page), read as [`Line`]s one at a time.
//!
//! A text of nothing but very short lines (`ab`, a newline, and again, 60 MB of it) has a record
//! per 3 bytes, so the record's size is the parser's memory: a `&str` with its number and page
//! would take 24 bytes or more, the offsets into the text take 8. A text over 4 GiB has no table.

use std::ops::{Bound, RangeBounds};

/// A line of the cleaned text, with its 1-based line number in the source and its page: what
/// the readers work with, made from a record when they ask for it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    /// The 1-based line number in the source.
    pub no: u32,
    /// The 1-based page, and [`PAGE_BREAK`] for the blank line that stands for a page break.
    page: u32,
}

/// The bit of [`Rec::page`] and [`Line::page`] that marks a page break.
const PAGE_BREAK: u32 = 1 << 31;

impl Line<'_> {
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

/// A line's place in the text (bytes `start..start + len`), number and page: 16 bytes.
#[derive(Debug, Clone, Copy)]
struct Rec {
    start: u32,
    len: u32,
    no: u32,
    page: u32,
}

/// The lines of a text.
#[derive(Debug)]
pub struct LineTable<'a> {
    text: &'a str,
    recs: Vec<Rec>,
}

impl<'a> LineTable<'a> {
    /// An empty table of the lines of `text`, with room for `lines`; `None` for a text over
    /// 4 GiB.
    pub fn with_capacity(text: &'a str, lines: usize) -> Option<LineTable<'a>> {
        u32::try_from(text.len()).ok()?;
        Some(LineTable {
            text,
            recs: Vec::with_capacity(lines),
        })
    }

    /// Adds `line` (a slice of the text), numbered `no` (0-based) on page `page` (1-based).
    pub fn push(&mut self, line: &str, no: usize, page: usize, page_break: bool) {
        let page = u32::try_from(page).unwrap_or(u32::MAX).min(PAGE_BREAK - 1);
        self.recs.push(Rec {
            start: self.offset(line),
            len: u32::try_from(line.len()).unwrap_or(0),
            no: u32::try_from(no.saturating_add(1)).unwrap_or(u32::MAX),
            page: page | if page_break { PAGE_BREAK } else { 0 },
        });
    }

    /// Where `s`, a slice of the text, starts in it.
    fn offset(&self, s: &str) -> u32 {
        let at = (s.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        u32::try_from(at.min(self.text.len())).unwrap_or(0)
    }

    /// Sets the text of line `i` to `s`, a slice of the text (a part of the line).
    pub fn set_text(&mut self, i: usize, s: &str) {
        let (start, len) = (self.offset(s), u32::try_from(s.len()).unwrap_or(0));
        if let Some(r) = self.recs.get_mut(i) {
            (r.start, r.len) = (start, len);
        }
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    /// Drops the lines at `at` (sorted, distinct), in one pass.
    pub fn remove_sorted(&mut self, at: Vec<usize>) {
        remove_sorted(&mut self.recs, at);
    }

    pub fn lines(&self) -> Lines<'_, 'a> {
        Lines {
            text: self.text,
            recs: &self.recs,
        }
    }
}

/// `items` without those at `at` (sorted, distinct), in one pass.
pub fn remove_sorted<T>(items: &mut Vec<T>, at: Vec<usize>) {
    if at.is_empty() {
        return;
    }
    let mut next = at.into_iter().peekable();
    let mut i = 0;
    items.retain(|_| {
        let keep = next.next_if_eq(&i).is_none();
        i += 1;
        keep
    });
}

/// A run of lines of a [`LineTable`] (all of them, or a part), read as [`Line`]s: a slice that
/// makes each line as it is read.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'l, 'a> {
    text: &'a str,
    recs: &'l [Rec],
}

impl<'l, 'a: 'l> Lines<'l, 'a> {
    fn line(&self, r: &Rec) -> Line<'a> {
        let (start, len) = (r.start as usize, r.len as usize);
        Line {
            text: self.text.get(start..start + len).unwrap_or(""),
            no: r.no,
            page: r.page,
        }
    }

    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Line<'a>> {
        self.recs.get(i).map(|r| self.line(r))
    }

    /// Line `i`, which must be there (as `slice[i]`).
    pub fn at(&self, i: usize) -> Line<'a> {
        self.line(&self.recs[i])
    }

    pub fn first(&self) -> Option<Line<'a>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<Line<'a>> {
        self.recs.last().map(|r| self.line(r))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Line<'a>> + ExactSizeIterator + 'l {
        let me = *self;
        self.recs.iter().map(move |r| me.line(r))
    }

    /// Each line's text, number, page and whether it stands for a page break: for tests.
    #[cfg(test)]
    pub fn described(&self) -> Vec<(&'a str, u32, u32, bool)> {
        self.iter()
            .map(|l| (l.text, l.no, l.page(), l.page_break()))
            .collect()
    }

    /// The lines in `range` (as `&slice[range]`).
    pub fn range(&self, range: impl RangeBounds<usize>) -> Lines<'l, 'a> {
        let bounds: (Bound<usize>, Bound<usize>) =
            (range.start_bound().cloned(), range.end_bound().cloned());
        Lines {
            text: self.text,
            recs: &self.recs[bounds],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_16_bytes_and_a_line_keeps_its_text_number_and_page() {
        assert_eq!(std::mem::size_of::<Rec>(), 16);
        let text = "one\ntwo";
        let mut t = LineTable::with_capacity(text, 3).expect("small");
        t.push(&text[..3], 0, 1, false);
        t.push(&text[4..4], 1, 2, true);
        t.push(&text[4..], 1, usize::MAX, false);
        t.set_text(2, &text[5..]);
        let l = t.lines();
        assert_eq!(
            l.described(),
            [
                ("one", 1, 1, false),
                ("", 2, 2, true),
                ("wo", 2, PAGE_BREAK - 1, false)
            ]
        );
        assert_eq!(l.range(1..).len(), 2);
        assert_eq!(l.range(..1).last().map(|l| l.text), Some("one"));
        t.remove_sorted(vec![0, 2]);
        assert_eq!(t.lines().iter().map(|l| l.no).collect::<Vec<_>>(), [2]);
        assert_eq!(t.lines().at(0).with_text("x").page(), 2);
    }
}
