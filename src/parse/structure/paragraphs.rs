//! A block's items: split at the markers the section expects, then placed as numbered
//! paragraphs of a theme section, overview findings or prose paragraphs, each with a unique id.

use super::super::line_table::Line;
use super::super::lines::*;
use super::wrap::ends_paragraph;
use super::{Builder, Item};
use crate::model::{Pages, Paragraph, SectionKind};

impl Builder<'_> {
    /// Splits a block into items at the markers the current section expects.
    pub(super) fn split_items(&self, lines: &[Line<'_>]) -> Vec<Item> {
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
                    no: l.no as usize,
                    text,
                    bullet,
                    block_start: i == 0,
                    pages: Pages(l.page(), l.page()),
                });
            } else if let Some(last) = items.last_mut() {
                // A wrapped line; a stray bullet on it is page damage, not content.
                join_line(&mut last.text, if bullet { body } else { l.text });
                last.pages.1 = l.page();
            }
        }
        items
    }

    pub(super) fn item(&mut self, item: Item) {
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
    pub(super) fn last_minor(&self) -> u32 {
        self.last_minor
    }

    pub(super) fn push_paragraph(&mut self, id: String, text: String, pages: Pages) {
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
