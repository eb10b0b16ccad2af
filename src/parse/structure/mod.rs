//! Blocks of lines to sections: headings, numbered paragraphs, overview findings and
//! recommendations, with page-break continuations joined and lost numbers inferred.
//!
//! A *block* is a run of non-blank lines; a page break is a block boundary. Inside a block,
//! wrapped lines join the item above; a new item starts only at a marker the context expects
//! (`3.18` in section 3, `5.` or a bullet among recommendations). A block that starts without a
//! marker is either a heading, a continuation of the paragraph before (its sentence was
//! unfinished, or it starts in lower case) or, when the paragraph before was finished, an
//! *orphan* that the next number decides: a gap in the numbering makes it the missing item,
//! otherwise it continues the paragraph before. Every such decision leaves a warning.
//!
//! The parts, one module each: [`markers`] (markers alone on their line joined to their text),
//! [`contents`](mod@contents) (the contents table), [`wrap`] (the width a text is hard-wrapped at, and
//! whether a break ends a paragraph), [`headings`] (headings, sections and subsections),
//! [`paragraphs`] (a block's items: numbered paragraphs, findings, prose),
//! [`recommendations`] and [`continuations`] (text joined across a break, and orphans).

mod contents;
mod continuations;
mod headings;
mod markers;
mod paragraphs;
mod recommendations;
mod wrap;

use super::line_table::{remove_sorted, Line, Lines};
use super::lines::*;
use contents::contents;
use markers::{join_lone_markers, Joined};
use std::collections::HashSet;
use wrap::{runs_on_over_page, wrap_width};

use crate::model::{ContentsEntry, Pages, Recommendation, Section, SectionKind, Theme};

/// What the structure pass finds.
#[derive(Debug, Default)]
pub struct Doc {
    pub front_matter: Vec<String>,
    pub contents: Vec<ContentsEntry>,
    pub sections: Vec<Section>,
    pub recommendations: Vec<Recommendation>,
}

/// One item: a paragraph, finding or recommendation as its lines were joined.
#[derive(Debug)]
struct Item {
    no: usize,
    text: String,
    bullet: bool,
    block_start: bool,
    pages: Pages,
}

/// An unnumbered block after a finished paragraph, waiting for the next number.
#[derive(Debug)]
struct Orphan {
    no: usize,
    text: String,
    bullet: bool,
    pages: Pages,
}

#[derive(Debug, PartialEq)]
enum Mode {
    Front,
    Contents,
    Body,
}

struct Builder<'w> {
    warnings: &'w mut Vec<String>,
    doc: Doc,
    mode: Mode,
    subsection: Option<String>,
    in_expectations: bool,
    rec_theme: Option<(Option<Theme>, String)>,
    orphan: Option<Orphan>,
    last_section_number: u32,
    /// Ids used in the current section, to keep them unique in constant time.
    ids: HashSet<String>,
    /// The minor number of the last numbered paragraph of the current section.
    last_minor: u32,
    /// Whether the text has page breaks, so that pages are known.
    paged: bool,
    /// The width the text is hard-wrapped at, if it is.
    wrap: Option<usize>,
}

/// Builds the document structure from the page-cleaned lines.
pub fn build(lines: Lines<'_, '_>, warnings: &mut Vec<String>) -> Doc {
    let wrap = wrap_width(lines);
    // This reader works on lines it can change (markers joined, the contents table taken
    // out): one copy of them, and no more.
    let all: Vec<Line<'_>> = lines.iter().collect();
    let mut b = Builder {
        warnings,
        doc: Doc::default(),
        mode: Mode::Front,
        subsection: None,
        in_expectations: false,
        rec_theme: None,
        orphan: None,
        last_section_number: 0,
        ids: HashSet::new(),
        last_minor: 0,
        paged: lines.last().is_some_and(|l| l.page() > 1),
        wrap: None,
    };
    b.wrap = wrap;
    // Markers alone on their line ("3.18", "5.", "•") are joined to the text they number.
    let joins = join_lone_markers(&all);
    let mut lines: Vec<Line<'_>> = all;
    let mut dropped = Vec::new();
    for (i, j) in &joins {
        match j {
            Joined::Drop => dropped.push(*i),
            Joined::Text(t) => lines[*i] = lines[*i].with_text(t),
        }
    }
    remove_sorted(&mut lines, dropped);
    // The contents table, whichever way its page numbers were laid out.
    if let Some((at, end, entries)) = contents(&lines) {
        b.doc.contents = entries;
        // A blank line in its place, so that what came before and after it stay apart.
        let gap = lines[at].with_text("");
        lines.splice(at..end, [gap]);
    }
    // Blocks are runs of non-blank lines; the blank lines of a page break that a paragraph
    // runs on over are dropped, so that every block is a slice of `lines`.
    let mut run_on: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    let mut page_break = false;
    for (i, line) in lines.iter().enumerate() {
        if line.text.trim().is_empty() {
            page_break |= line.page_break();
            continue;
        }
        if let Some(l) = last.filter(|&l| l + 1 < i) {
            if page_break && runs_on_over_page(lines[l].text, line.text, wrap) {
                run_on.extend(l + 1..i);
            }
        }
        (last, page_break) = (Some(i), false);
    }
    remove_sorted(&mut lines, run_on);
    let mut start = 0;
    for end in 0..=lines.len() {
        if lines.get(end).is_some_and(|l| !l.text.trim().is_empty()) {
            continue;
        }
        if start < end {
            b.block(&lines[start..end]);
        }
        start = end + 1;
    }
    b.close_section();
    // Continuations were joined to the paragraphs; the recommendations take their final text.
    let mut doc = b.doc;
    for section in doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::AreasForDevelopment)
    {
        for p in &section.paragraphs {
            if let Some(r) = doc
                .recommendations
                .iter_mut()
                .find(|r| format!("R{}", r.number) == p.id)
            {
                r.text.clone_from(&p.text);
                r.pages = p.pages;
            }
        }
    }
    doc
}

impl Builder<'_> {
    fn warn(&mut self, no: usize, msg: impl AsRef<str>) {
        self.warnings.push(format!("line {no}: {}", msg.as_ref()));
    }

    fn current(&self) -> Option<&Section> {
        self.doc.sections.last()
    }

    fn kind(&self) -> Option<SectionKind> {
        self.current().map(|s| s.kind)
    }

    fn last_paragraph_text(&self) -> Option<&str> {
        let s = self.current()?;
        let p = s.paragraphs.last()?;
        (p.subsection == self.subsection).then_some(p.text.as_str())
    }

    fn block(&mut self, block: &[Line<'_>]) {
        let mut rest = block;
        while let Some(first) = rest.first() {
            let next = rest.get(1).map(|l| l.text);
            match self.heading(first, next) {
                0 => break,
                n => rest = &rest[n..],
            }
        }
        // A heading inside the rest (no blank line around it) splits it.
        if let Some(at) = (1..rest.len()).find(|&i| self.heading_inside(rest, i)) {
            self.body(&rest[..at]);
            self.block(&rest[at..]);
            return;
        }
        self.body(rest);
    }

    /// A block's lines after its headings.
    fn body(&mut self, rest: &[Line<'_>]) {
        if rest.is_empty() {
            return;
        }
        match self.mode {
            Mode::Front => {
                let mut text = String::new();
                for l in rest {
                    join_line(&mut text, l.text);
                }
                self.doc.front_matter.push(text);
            }
            Mode::Contents => self.contents_block(rest),
            Mode::Body => {
                let items = self.split_items(rest);
                for item in items {
                    self.item(item);
                }
            }
        }
    }
}

/// A heading as one line with single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
