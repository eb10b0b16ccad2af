//! Lines to units: headings, contents lines, bulleted and numbered items and paragraphs of
//! text, with wrapped lines joined and stray page numbers dropped.

use super::super::line_table::{Line, Lines};
use super::super::lines::{
    contents_entry, finished, join_line, looks_like_heading, rec_marker, starts_lower, strip_bullet,
};
use super::{inline_heading, part_of};
use crate::model::Pages;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum UnitKind {
    Heading,
    /// A line of a contents table: `Safeguarding      18`.
    Contents,
    Bullet,
    Numbered,
    Text,
}

#[derive(Debug)]
pub(super) struct Unit {
    pub(super) no: usize,
    pub(super) kind: UnitKind,
    pub(super) text: String,
    /// First unit of its block (after a blank line or a page break).
    pub(super) block_start: bool,
    /// The pages its lines are on.
    pub(super) pages: Pages,
}

/// A run of non-blank lines, without the title's line if it is in it.
#[derive(Clone, Copy)]
struct Block<'l, 'a> {
    lines: Lines<'l, 'a>,
    /// The title's place in `lines`, left out.
    title: Option<usize>,
}

impl<'l, 'a: 'l> Block<'l, 'a> {
    fn len(&self) -> usize {
        self.lines.len() - usize::from(self.title.is_some())
    }

    fn get(&self, j: usize) -> Option<Line<'a>> {
        match self.title {
            Some(t) if j >= t => self.lines.get(j + 1),
            _ => self.lines.get(j),
        }
    }

    fn first(&self) -> Option<Line<'a>> {
        self.get(0)
    }

    fn iter(&self) -> impl Iterator<Item = Line<'a>> + 'l {
        let title = self.title;
        self.lines
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != title)
            .map(|(_, l)| l)
    }
}

/// Whether the text is hard-wrapped (paragraphs broken into lines at a width), as extracted
/// from a PDF: then every line of a block continues its paragraph.
fn hard_wrapped(blocks: &[Block<'_, '_>]) -> bool {
    let (mut wrapped, mut lines) = (0usize, 0usize);
    for b in blocks {
        lines += b.len();
        for (a, next) in b.iter().zip(b.iter().skip(1)) {
            let (a, next) = (a.text.trim(), next.text.trim());
            if !finished(a) && !strip_bullet(next).0 && starts_lower(next) {
                wrapped += 1;
            }
        }
    }
    wrapped >= 3 && wrapped * 10 >= lines
}

/// The runs of non-blank lines, without the title's line: parts of `lines`, so a text of many
/// short lines is not copied.
fn blocks<'l, 'a: 'l>(lines: Lines<'l, 'a>, title_at: Option<usize>) -> Vec<Block<'l, 'a>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for end in 0..=lines.len() {
        if lines.get(end).is_some_and(|l| !l.text.trim().is_empty()) {
            continue;
        }
        if start < end {
            let title = title_at
                .filter(|t| (start..end).contains(t))
                .map(|t| t - start);
            let block = Block {
                lines: lines.range(start..end),
                title,
            };
            if block.len() > 0 {
                blocks.push(block);
            }
        }
        start = end + 1;
    }
    blocks
}

/// Lines to units: headings, bulleted and numbered items, and paragraphs of text.
pub(super) fn units(lines: Lines<'_, '_>, title_at: Option<usize>) -> Vec<Unit> {
    let blocks = blocks(lines, title_at);
    let wrapped = hard_wrapped(&blocks);
    let mut out: Vec<Unit> = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        let first_unit = out.len();
        for (j, l) in block.iter().enumerate() {
            let t = l.text.trim();
            // The first unit of the block (a page number skipped before it does not count).
            let block_start = out.len() == first_unit;
            let push = |out: &mut Vec<Unit>, kind: UnitKind, text: &str, start: bool| {
                let mut s = String::new();
                if kind == UnitKind::Contents {
                    s.push_str(text);
                } else {
                    join_line(&mut s, text);
                }
                out.push(Unit {
                    no: l.no as usize,
                    kind,
                    text: s,
                    block_start: start,
                    pages: Pages(l.page(), l.page()),
                });
            };
            if super::furniture::is_page_number(t) {
                // A page number left mid-text by the extraction: alone, set far in, or just
                // before a heading.
                let before_heading = block.get(j + 1).is_some_and(|n| {
                    part_of(n.text.trim()).is_some() || looks_like_heading(n.text)
                });
                if block.len() == 1 || l.text.starts_with("          ") || before_heading {
                    continue;
                }
            }
            if contents_entry(l.text).is_some() {
                push(&mut out, UnitKind::Contents, t, block_start);
                continue;
            }
            if let Some((head, rest)) = inline_heading(t) {
                push(&mut out, UnitKind::Heading, head, block_start);
                push(&mut out, UnitKind::Text, rest, true);
                continue;
            }
            if part_of(t).is_some() {
                push(&mut out, UnitKind::Heading, t, block_start);
                continue;
            }
            let (bullet, body) = strip_bullet(t);
            if bullet && !body.is_empty() {
                // Every bullet is an item of its own, whatever the one before ends with.
                push(&mut out, UnitKind::Bullet, body, block_start);
                continue;
            }
            if rec_marker(t).is_some() {
                push(&mut out, UnitKind::Numbered, t, block_start);
                continue;
            }
            let prev_open = !block_start && out.last().is_some_and(|u| u.kind != UnitKind::Heading);
            if prev_open {
                let prev = out.last().map(|u| u.text.as_str()).unwrap_or("");
                if wrapped || !finished(prev) || starts_lower(t) {
                    if let Some(u) = out.last_mut() {
                        join_line(&mut u.text, t);
                        u.pages.1 = l.page();
                    }
                    continue;
                }
            }
            // A short line that reads as a heading: alone in its block, or (in text that is not
            // hard-wrapped) first in its block and followed by prose; never the last line, which
            // may be cut short.
            let next_is_prose = block
                .get(j + 1)
                .is_some_and(|n| n.text.split_whitespace().count() >= 6 || strip_bullet(n.text).0);
            // A heading is followed by a new sentence, not by the rest of one.
            let alone = block.len() == 1
                && blocks
                    .get(bi + 1)
                    .and_then(|b| b.first())
                    .is_some_and(|n| !starts_lower(n.text));
            let prev_finished = out
                .last()
                .is_none_or(|u| u.kind == UnitKind::Heading || finished(&u.text));
            if looks_like_heading(t)
                && !t.ends_with(':')
                && prev_finished
                && (alone || (!wrapped && block_start && next_is_prose))
            {
                push(&mut out, UnitKind::Heading, t, block_start);
                continue;
            }
            push(&mut out, UnitKind::Text, t, block_start);
        }
    }
    out
}
