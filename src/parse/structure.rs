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

use super::furniture::Line;
use super::lines::*;
use std::collections::HashSet;

use crate::model::{ContentsEntry, Pages, Paragraph, Recommendation, Section, SectionKind, Theme};

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
pub fn build(lines: &[Line<'_>], warnings: &mut Vec<String>) -> Doc {
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
        paged: lines.last().is_some_and(|l| l.page > 1),
        wrap: None,
    };
    let wrap = wrap_width(lines);
    b.wrap = wrap;
    // Markers alone on their line ("3.18", "5.", "•") are joined to the text they number.
    let storage = join_lone_markers(lines);
    let mut lines: Vec<Line<'_>> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match &storage[i] {
            Joined::Keep => Some(*l),
            Joined::Drop => None,
            Joined::Text(t) => Some(Line { text: t, ..*l }),
        })
        .collect();
    // The contents table, whichever way its page numbers were laid out.
    if let Some((at, end, entries)) = contents(&lines) {
        b.doc.contents = entries;
        // A blank line in its place, so that what came before and after it stay apart.
        let gap = Line {
            text: "",
            ..lines[at]
        };
        lines.splice(at..end, [gap]);
    }
    let mut block: Vec<Line<'_>> = Vec::new();
    // Blank lines since the last text line, and whether a page break is among them.
    let (mut gap, mut page_break) = (false, false);
    for line in &lines {
        if line.text.trim().is_empty() {
            gap = true;
            page_break |= line.page_break;
            continue;
        }
        if gap && !block.is_empty() {
            let last = block.last().expect("a line").text;
            if !(page_break && runs_on_over_page(last, line.text, wrap)) {
                b.block(&block);
                block.clear();
            }
        }
        (gap, page_break) = (false, false);
        block.push(*line);
    }
    if !block.is_empty() {
        b.block(&block);
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

    fn contents_block(&mut self, rest: &[Line<'_>]) {
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

    /// Whether line `i` of a block is a heading that starts a new block: the line before it
    /// ended a sentence (or was a heading), and it is a heading the context expects.
    fn heading_inside(&self, block: &[Line<'_>], i: usize) -> bool {
        let t = block[i].text.trim();
        if cannot_be_heading(t) || !looks_like_heading(t) && !is_expectations_heading(t) {
            return false;
        }
        let prev = block[i - 1].text.trim();
        if !finished(prev) && !looks_like_heading(prev) {
            return false;
        }
        let next = block.get(i + 1).map(|l| l.text);
        let key = heading_key(t);
        if top_heading_key(&key).is_some() || is_expectations_heading(t) {
            return true;
        }
        if let Some((n, title)) = section_heading(t) {
            return n == self.last_section_number + 1 && Theme::from_title(title).is_some();
        }
        if self.mode != Mode::Body {
            return false;
        }
        let led = next.is_some_and(|n| self.starts_item(n));
        match self.kind() {
            Some(SectionKind::AreasForDevelopment) => Theme::from_title(t).is_some() && led,
            Some(SectionKind::Overview) | None => false,
            _ => known_subsection_key(&key) || led,
        }
    }

    /// Whether a line starts an item in the current section: its paragraph number, a
    /// recommendation number or a bullet.
    fn starts_item(&self, line: &str) -> bool {
        let (bullet, body) = strip_bullet(line);
        match self.kind() {
            Some(SectionKind::Theme) => {
                let n = self.current().and_then(|s| s.number);
                para_marker(body).is_some_and(|(major, _, _)| Some(major) == n)
            }
            Some(SectionKind::AreasForDevelopment) => bullet || rec_marker(body).is_some(),
            _ => bullet,
        }
    }

    /// Recognises a heading line and acts on it; `next` is the line after it in the block.
    /// Returns how many lines the heading took (a long one wraps onto a second line), or 0.
    fn heading(&mut self, line: &Line<'_>, next: Option<&str>) -> usize {
        let t = line.text.trim();
        if cannot_be_heading(t) {
            return 0;
        }
        // A heading stands alone, or is followed straight by the first item under it.
        let alone = next.is_none_or(|n| self.starts_item(n));
        let key = heading_key(t);
        if is_contents_key(&key) && self.mode == Mode::Front && self.doc.sections.is_empty() {
            self.mode = Mode::Contents;
            return 1;
        }
        if let Some(kind) = top_heading_key(&key) {
            // "Summary"-style titles only mean the overview before any theme section.
            let late_overview = kind == SectionKind::Overview
                && (self.last_section_number > 0 || self.kind() == Some(SectionKind::Overview));
            if !late_overview {
                self.open_section(line.no, None, t, kind, None);
                return 1;
            }
        }
        if let Some((n, title)) = section_heading(t) {
            // "1. Access arrangements: Information, Advice and" / "Assistance".
            let tail = next.filter(|n| wraps_on(title, n));
            let full = match tail {
                Some(tail) => format!("{title} {}", tail.trim()),
                None => title.to_string(),
            };
            let title = full.as_str();
            let theme = Theme::from_title(title);
            let listed = self
                .doc
                .contents
                .iter()
                .any(|c| heading_key(&c.title) == heading_key(title));
            let in_order = n == self.last_section_number + 1 && looks_like_heading(title);
            let ahead = n > self.last_section_number && (theme.is_some() || listed);
            let in_recommendations = self.kind() == Some(SectionKind::AreasForDevelopment);
            if (ahead || in_order) && !(in_recommendations && theme.is_none()) {
                if n != self.last_section_number + 1 {
                    self.warn(
                        line.no,
                        format!("section {n} follows section {}", self.last_section_number),
                    );
                }
                self.last_section_number = n;
                self.open_section(line.no, Some(n), title, SectionKind::Theme, theme);
                return 1 + usize::from(tail.is_some());
            }
        }
        if self.mode != Mode::Body {
            return 0;
        }
        let taken = match self.kind() {
            Some(SectionKind::Theme) => {
                if key == "what we expect to see" {
                    self.resolve_orphan(None);
                    self.in_expectations = true;
                    return 1;
                }
                self.subsection_heading(line, alone, &key)
            }
            Some(SectionKind::AreasForDevelopment) => {
                let theme = Theme::from_title(t);
                if theme.is_some() && alone && !finished(t) && t.chars().count() <= 100 {
                    self.rec_theme = Some((theme, collapse(t)));
                    self.set_subsection(t);
                    true
                } else {
                    false
                }
            }
            Some(SectionKind::Overview) | None => false,
            Some(_) => self.subsection_heading(line, alone, &key),
        };
        usize::from(taken)
    }

    fn subsection_heading(&mut self, line: &Line<'_>, alone: bool, key: &str) -> bool {
        let t = line.text.trim();
        let known = known_subsection_key(key);
        let unfinished_before = self.last_paragraph_text().is_some_and(|p| !finished(p));
        if known
            || (alone
                && looks_like_heading(t)
                && !unfinished_before
                && !self.in_expectations_unfinished())
        {
            self.resolve_orphan(None);
            self.in_expectations = false;
            self.set_subsection(t);
            return true;
        }
        false
    }

    fn in_expectations_unfinished(&self) -> bool {
        self.in_expectations
            && self
                .current()
                .and_then(|s| s.expectations.as_deref())
                .is_some_and(|e| !finished(e))
    }

    fn set_subsection(&mut self, title: &str) {
        let title = collapse(title.trim().trim_end_matches(':'));
        if let Some(s) = self.doc.sections.last_mut() {
            s.subsections.push(title.clone());
        }
        self.subsection = Some(title);
    }

    fn open_section(
        &mut self,
        no: usize,
        number: Option<u32>,
        title: &str,
        kind: SectionKind,
        theme: Option<Theme>,
    ) {
        self.close_section();
        self.mode = Mode::Body;
        self.subsection = None;
        self.in_expectations = false;
        self.rec_theme = None;
        self.ids.clear();
        self.last_minor = 0;
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if kind == SectionKind::Theme && theme.is_none() {
            self.warn(
                no,
                format!(
                    "section {} \"{title}\" matches no inspection theme",
                    number.unwrap_or(0)
                ),
            );
        }
        self.doc.sections.push(Section {
            number,
            title,
            kind,
            theme,
            expectations: None,
            subsections: Vec::new(),
            paragraphs: Vec::new(),
        });
    }

    fn close_section(&mut self) {
        self.resolve_orphan(None);
    }

    /// Splits a block into items at the markers the current section expects.
    fn split_items(&self, lines: &[Line<'_>]) -> Vec<Item> {
        let kind = self.kind();
        let section_no = self.current().and_then(|s| s.number);
        let mut items: Vec<Item> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let (bullet, body) = strip_bullet(l.text);
            let starts_item = i == 0
                || match kind {
                    Some(SectionKind::Theme) => {
                        para_marker(body).is_some_and(|(major, _, _)| Some(major) == section_no)
                    }
                    // A bullet always starts an item, whatever the one before ended with.
                    Some(SectionKind::AreasForDevelopment) => rec_marker(body).is_some() || bullet,
                    Some(SectionKind::Overview) => bullet,
                    // Prose: a bullet, or a line after one that ended its paragraph short.
                    _ => bullet || ends_paragraph(lines[i - 1].text, l.text, self.wrap),
                };
            if starts_item {
                let mut text = String::new();
                join_line(&mut text, l.text);
                items.push(Item {
                    no: l.no,
                    text,
                    bullet,
                    block_start: i == 0,
                    pages: Pages(l.page, l.page),
                });
            } else if let Some(last) = items.last_mut() {
                // A wrapped line; a stray bullet on it is page damage, not content.
                join_line(&mut last.text, if bullet { body } else { l.text });
                last.pages.1 = l.page;
            }
        }
        items
    }

    fn item(&mut self, item: Item) {
        match self.kind() {
            Some(SectionKind::Theme) => self.theme_item(item),
            Some(SectionKind::AreasForDevelopment) => self.recommendation_item(item),
            Some(SectionKind::Overview) => self.overview_item(item),
            _ => self.prose_item(item),
        }
    }

    fn theme_item(&mut self, item: Item) {
        let (_, body) = strip_bullet(&item.text);
        let number = self.current().and_then(|s| s.number).unwrap_or(0);
        if let Some((major, minor, rest)) = para_marker(body) {
            if major == number || item.block_start {
                if major != number {
                    self.warn(
                        item.no,
                        format!("paragraph {major}.{minor} found in section {number}"),
                    );
                }
                let rest = rest.to_string();
                self.resolve_orphan(Some(minor));
                self.in_expectations = false;
                let last = self.last_minor();
                if major == number && minor != last + 1 {
                    self.warn(
                        item.no,
                        format!("paragraph {major}.{minor} follows {major}.{last}"),
                    );
                }
                self.push_paragraph(format!("{major}.{minor}"), rest, item.pages);
                return;
            }
        }
        if self.in_expectations {
            let s = self.doc.sections.last_mut().expect("a section");
            let e = s.expectations.get_or_insert_with(String::new);
            join_line(e, strip_bullet(&item.text).1);
            return;
        }
        self.unnumbered(item, |b| format!("{number}.{}", b.last_minor() + 1));
    }

    /// The minor number of the last numbered paragraph of the current section.
    /// The minor number of the last numbered paragraph of the current section.
    fn last_minor(&self) -> u32 {
        self.last_minor
    }

    /// An item with no number: a continuation, an orphan, or the first text of a subsection.
    fn unnumbered(&mut self, item: Item, next_id: impl Fn(&Self) -> String) {
        let (bullet, body) = strip_bullet(&item.text);
        let body = body.to_string();
        if let Some(o) = self.orphan.as_mut() {
            // The waiting orphan was itself cut by a page break: this is its tail.
            if !finished(&o.text) || starts_lower(&body) {
                join_line(&mut o.text, &body);
                o.pages.1 = item.pages.1;
                let words: Vec<&str> = body.split_whitespace().take(4).collect();
                self.warn(
                    item.no,
                    format!(
                        "joined continuation \"{} ...\" to the unnumbered text above",
                        words.join(" ")
                    ),
                );
                return;
            }
        }
        let prev = self.last_paragraph_text().map(|p| (finished(p), p.len()));
        match prev {
            Some((false, _)) | Some((true, _)) if !item.block_start && !bullet => {
                self.append(item.no, &body, false, item.pages);
            }
            Some((false, _)) => {
                let lower = starts_lower(&body);
                self.append(item.no, &body, !lower, item.pages);
            }
            Some((true, _)) if starts_lower(&body) => {
                self.append(item.no, &body, false, item.pages)
            }
            Some((true, _)) => {
                self.resolve_orphan(None);
                self.orphan = Some(Orphan {
                    no: item.no,
                    text: body,
                    bullet,
                    pages: item.pages,
                });
            }
            None => {
                let id = next_id(self);
                self.warn(
                    item.no,
                    format!("{id}: text with no number, numbered after the paragraph before"),
                );
                self.push_paragraph(id, body, item.pages);
            }
        }
    }

    /// Joins text to the last paragraph, warning that it was joined across a break.
    fn append(&mut self, no: usize, text: &str, guess: bool, pages: Pages) {
        let section = self.doc.sections.last_mut().expect("a section");
        let p = section.paragraphs.last_mut().expect("a paragraph");
        join_line(&mut p.text, text);
        if let Some(p) = p.pages.as_mut() {
            p.1 = pages.1;
        }
        let id = p.id.clone();
        let words: Vec<&str> = text.split_whitespace().take(4).collect();
        let how = if guess {
            " (a guess: it starts a new sentence)"
        } else {
            ""
        };
        self.warn(
            no,
            format!("{id}: joined continuation \"{} ...\"{how}", words.join(" ")),
        );
    }

    /// Decides a waiting orphan. `next`: the number that follows it, if any.
    fn resolve_orphan(&mut self, next: Option<u32>) {
        let Some(o) = self.orphan.take() else { return };
        let kind = self.kind();
        let last = match kind {
            Some(SectionKind::AreasForDevelopment) => {
                self.doc.recommendations.last().map_or(0, |r| r.number)
            }
            _ => self.last_minor(),
        };
        let gap = match next {
            Some(n) => n == last + 2,
            None => o.bullet && kind == Some(SectionKind::AreasForDevelopment),
        };
        if gap {
            let n = last + 1;
            match kind {
                Some(SectionKind::AreasForDevelopment) => {
                    self.warn(
                        o.no,
                        format!("R{n}: number lost in extraction, inferred from its neighbours"),
                    );
                    self.push_recommendation(n, o.text, true, o.pages);
                }
                _ => {
                    let number = self.current().and_then(|s| s.number).unwrap_or(0);
                    self.warn(
                        o.no,
                        format!(
                            "{number}.{n}: number lost in extraction, inferred from its neighbours"
                        ),
                    );
                    self.push_paragraph(format!("{number}.{n}"), o.text, o.pages);
                }
            }
        } else {
            self.append(o.no, &o.text, true, o.pages);
        }
    }

    fn push_paragraph(&mut self, id: String, text: String, pages: Pages) {
        if let Some(minor) = id.split_once('.').and_then(|(_, m)| m.parse().ok()) {
            self.last_minor = minor;
        }
        let id = if self.ids.contains(&id) {
            // Suffixes count up from the number of ids already used: constant work per paragraph.
            let mut k = self.ids.len() + 1;
            while self.ids.contains(&format!("{id}-{k}")) {
                k += 1;
            }
            let unique = format!("{id}-{k}");
            self.warnings
                .push(format!("{id}: number used twice; the second is {unique}"));
            unique
        } else {
            id
        };
        self.ids.insert(id.clone());
        let subsection = self.subsection.clone();
        let pages = self.paged.then_some(pages);
        let section = self.doc.sections.last_mut().expect("a section");
        section.paragraphs.push(Paragraph {
            id,
            subsection,
            text,
            pages,
        });
    }

    fn recommendation_item(&mut self, item: Item) {
        let (_, body) = strip_bullet(&item.text);
        if let Some((n, rest)) = rec_marker(body) {
            let rest = rest.to_string();
            self.resolve_orphan(Some(n));
            let last = self.doc.recommendations.last().map_or(0, |r| r.number);
            if n != last + 1 {
                self.warn(item.no, format!("R{n} follows R{last}"));
            }
            self.push_recommendation(n, rest, false, item.pages);
            return;
        }
        let bulleted_list = self.doc.recommendations.last().is_some_and(|r| r.inferred);
        if self.last_paragraph_text().is_none() || (item.bullet && bulleted_list) {
            // Text before any number under this heading, or the next bullet of a list with no
            // numbers: the next recommendation, its number inferred.
            let n = self.doc.recommendations.last().map_or(0, |r| r.number) + 1;
            self.warn(
                item.no,
                format!("R{n}: number lost in extraction, inferred from its neighbours"),
            );
            self.push_recommendation(n, strip_bullet(&item.text).1.to_string(), true, item.pages);
            return;
        }
        self.unnumbered(item, |_| unreachable_id());
    }

    fn push_recommendation(&mut self, number: u32, text: String, inferred: bool, pages: Pages) {
        let (theme, theme_title) = self.rec_theme.clone().unwrap_or((None, String::new()));
        self.push_paragraph(format!("R{number}"), text.clone(), pages);
        let id = self
            .current()
            .and_then(|s| s.paragraphs.last())
            .map(|p| p.id.clone());
        if id.as_deref() == Some(&format!("R{number}")) {
            self.doc.recommendations.push(Recommendation {
                number,
                theme,
                theme_title,
                text,
                inferred,
                pages: self.paged.then_some(pages),
            });
        }
    }

    fn overview_item(&mut self, item: Item) {
        let (bullet, body) = strip_bullet(&item.text);
        let prev_unfinished = self.last_paragraph_text().is_some_and(|p| !finished(p));
        let new_finding = self.last_paragraph_text().is_none() || bullet;
        if new_finding {
            let n = self.current().map_or(0, |s| s.paragraphs.len()) + 1;
            self.push_paragraph(format!("O{n}"), body.to_string(), item.pages);
        } else {
            let guess = !prev_unfinished && !starts_lower(body);
            let body = body.to_string();
            self.append(item.no, &body, guess, item.pages);
        }
    }

    fn prose_item(&mut self, item: Item) {
        let key = self.current().map(|s| s.key()).unwrap_or_default();
        let continues = item.block_start
            && self.last_paragraph_text().is_some_and(|p| !finished(p))
            && !item.bullet;
        if continues
            || (item.block_start
                && starts_lower(&item.text)
                && !item.bullet
                && self.last_paragraph_text().is_some())
        {
            let guess = !starts_lower(&item.text);
            self.append(item.no, &item.text, guess, item.pages);
        } else {
            let n = self.current().map_or(0, |s| s.paragraphs.len()) + 1;
            let text = match strip_bullet(&item.text) {
                (true, body) => format!("- {body}"),
                (false, _) => item.text,
            };
            self.push_paragraph(format!("{key}.{n}"), text, item.pages);
        }
    }
}

/// The width a hard-wrapped extraction wraps at, or `None` when paragraphs are not
/// hard-wrapped (the 95th percentile of line lengths is over 130 columns).
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| {
            let t = l.text.trim_end();
            // A line of more bytes than a wrap width has characters is not counted out:
            // only whether it is over the width matters for it.
            if t.len() > 4 * 130 {
                t.len()
            } else {
                t.chars().count()
            }
        })
        .collect();
    if lengths.len() < 20 {
        return None;
    }
    let at = lengths.len() * 95 / 100;
    let (_, p95, _) = lengths.select_nth_unstable(at);
    let p95 = *p95;
    if p95 > 130 {
        return None;
    }
    lengths.into_iter().filter(|n| *n * 10 <= p95 * 11).max()
}

/// Whether a page break falls inside a paragraph. The reflow test: the first word after the
/// break would not have fitted on the line before it, so that line was wrapped, not ended.
/// A heading after the break always starts a new block.
fn runs_on_over_page(before: &str, after: &str, wrap: Option<usize>) -> bool {
    let Some(width) = wrap else { return false };
    let t = after.trim();
    let first_word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    let wrapped = before.trim_end().chars().count() + 1 + first_word > width;
    let heading = !cannot_be_heading(t) && top_heading(t).is_some()
        || section_heading(t).is_some()
        || known_subsection(t)
        || is_expectations_heading(t)
        || looks_like_heading(t);
    wrapped && !heading
}

/// Whether a hard-wrapped line ended its paragraph: it finished a sentence and the next
/// line's first word would have fitted on it with room to spare.
fn ends_paragraph(line: &str, next: &str, wrap: Option<usize>) -> bool {
    let Some(width) = wrap else { return false };
    let first_word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    let used = line.trim_end().chars().count() + 1 + first_word;
    finished(line) && !starts_lower(next) && used * 100 < width * 85
}

/// Whether `next` carries on a heading cut at the end of its line: the heading ends on a
/// word that cannot end one ("and", "of", a comma), and `next` is short and unpunctuated.
fn wraps_on(title: &str, next: &str) -> bool {
    let n = next.trim();
    let last = title.rsplit(' ').next().unwrap_or("");
    let dangling = title.ends_with([',', ':', '&'])
        || ["and", "of", "the", "for", "to", "in", "&"].contains(&last);
    dangling
        && !n.is_empty()
        && n.chars().count() <= 50
        && !n.ends_with(['.', ';', ':'])
        && !cannot_be_heading(n)
        && !is_expectations_heading(n)
        && top_heading(n).is_none()
}

/// What [`join_lone_markers`] makes of each line.
enum Joined {
    Keep,
    Drop,
    Text(String),
}

/// A paragraph number, recommendation number or bullet alone on its line.
fn lone_marker(t: &str) -> bool {
    let t = t.trim();
    // The longest marker is "12.34." (or a bullet's three bytes): anything longer is text.
    if t.len() > 6 {
        return false;
    }
    if matches!(
        t,
        "\u{2022}" | "-" | "\u{2013}" | "\u{25aa}" | "\u{25cf}" | "\u{25e6}" | "*"
    ) {
        return true;
    }
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let t = t.strip_suffix(['.', ')']).unwrap_or(t);
    match t.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(t) && t != "0",
    }
}

/// Joins each marker alone on its line (as `pdftotext` prints a hanging number: "3.18",
/// a blank line, then the text) to the next line of text on the same page.
fn join_lone_markers(lines: &[Line<'_>]) -> Vec<Joined> {
    let mut out: Vec<Joined> = lines.iter().map(|_| Joined::Keep).collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text.trim();
        // A bare number is a recommendation number only with its dot: "5." not "5".
        let marker = lone_marker(t) && !t.bytes().all(|b| b.is_ascii_digit());
        if !marker {
            i += 1;
            continue;
        }
        let next = (i + 1..lines.len())
            .take_while(|&j| !lines[j].page_break)
            .find(|&j| !lines[j].text.trim().is_empty());
        match next {
            Some(j) if !lone_marker(lines[j].text) => {
                out[j] = Joined::Text(format!("{t} {}", lines[j].text.trim_start()));
                for o in &mut out[i..j] {
                    *o = Joined::Drop;
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Finds the contents table: the "Contents" heading before any part, then its entries, each
/// a title with its page number on the same line (after spaces, a tab or dot leaders) or on
/// a line of its own after it. Returns the lines it spans and the entries.
fn contents(lines: &[Line<'_>]) -> Option<(usize, usize, Vec<ContentsEntry>)> {
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

/// `unnumbered` only asks for an id when there is no paragraph before; callers that rule
/// that out pass this.
fn unreachable_id() -> String {
    String::from("?")
}

/// A heading as one line with single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
