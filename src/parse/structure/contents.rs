//! The contents table: found before the first part, whichever way its page numbers were laid
//! out, and its entries when it is read as a part of its own.

use super::super::line_table::Line;
use super::super::lines::*;
use super::{collapse, Builder, Mode};
use crate::model::ContentsEntry;

impl Builder<'_> {
    pub(super) fn contents_block(&mut self, rest: &[Line<'_>]) {
        for (i, l) in rest.iter().enumerate() {
            match contents_entry(l.text) {
                Some((title, page)) => self.doc.contents.push(ContentsEntry { title, page }),
                None => {
                    // The contents ended without a heading we know: read the rest as front matter.
                    self.mode = Mode::Front;
                    self.block(&rest[i..]);
                    return;
                }
            }
        }
    }
}

/// Finds the contents table: the "Contents" heading before any part, then its entries, each
/// a title with its page number on the same line (after spaces, a tab or dot leaders) or on
/// a line of its own after it. Returns the lines it spans and the entries.
pub(super) fn contents(lines: &[Line<'_>]) -> Option<(usize, usize, Vec<ContentsEntry>)> {
    let at = lines.iter().take(400).position(|l| {
        let t = l.text.trim();
        !cannot_be_heading(t) && is_contents_key(&heading_key(t))
    })?;
    let mut entries = Vec::new();
    let mut pending: Option<(usize, &str)> = None;
    let mut end = at + 1;
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        let number = (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten();
        if let Some(page) = number {
            // Without a title before it, it is the contents page's own number.
            if let Some((_, title)) = pending.take() {
                entries.push(ContentsEntry {
                    title: collapse(title),
                    page,
                });
            }
            end = i + 1;
            continue;
        }
        if pending.is_some() {
            break;
        }
        if let Some((title, page)) = contents_entry(t).or_else(|| single_space_entry(t)) {
            entries.push(ContentsEntry { title, page });
            end = i + 1;
            continue;
        }
        if looks_like_heading(t) && !t.ends_with(':') {
            pending = Some((i, t));
            continue;
        }
        break;
    }
    (!entries.is_empty()).then_some((at, end, entries))
}

/// "Introduction 4", as `pdftotext -raw` prints a contents line: a heading-like title, one
/// space, a page number.
fn single_space_entry(t: &str) -> Option<(String, u32)> {
    let (title, n) = t.rsplit_once(' ')?;
    let page = (n.len() <= 3).then(|| n.parse().ok()).flatten()?;
    (looks_like_heading(title)).then(|| (collapse(title), page))
}
