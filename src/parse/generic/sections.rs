//! Units placed in sections: a known heading opens a section of its kind, text becomes
//! paragraphs, findings or recommendations with unique ids, and text cut by a page break
//! carries on the paragraph before it.

use super::super::lines::{contents_entry, finished, join_line, rec_marker, starts_lower};
use super::units::{Unit, UnitKind};
use super::{collapse, part_of, theme_of, Builder, Part};
use crate::model::{Paragraph, Recommendation, Section, SectionKind, Theme};

impl Builder<'_> {
    fn kind(&self) -> Option<SectionKind> {
        self.doc.sections.last().map(|s| s.kind)
    }

    pub(super) fn unit(&mut self, mut u: Unit) {
        self.pages = u.pages;
        if u.kind == UnitKind::Heading {
            self.heading(&u.text);
            return;
        }
        if u.kind == UnitKind::Contents {
            if self.in_contents {
                if let Some((title, page)) = contents_entry(&u.text) {
                    self.doc
                        .contents
                        .push(crate::model::ContentsEntry { title, page });
                    return;
                }
            }
            u.kind = UnitKind::Text;
            u.text = collapse(&u.text);
        } else {
            self.in_contents = false;
        }
        if self.doc.sections.is_empty() {
            if self.cover {
                self.doc.front_matter.push(u.text);
                return;
            }
            self.open("Introduction", SectionKind::Introduction, None);
        }
        // Text cut by a page break carries on the paragraph before it.
        if u.kind == UnitKind::Text && u.block_start && starts_lower(&u.text) {
            let paged = self.paged;
            if let Some(p) = self.last_paragraph_mut().filter(|p| !finished(&p.text)) {
                join_line(&mut p.text, &u.text);
                if let Some(pages) = p.pages.as_mut().filter(|_| paged) {
                    pages.1 = u.pages.1;
                }
                let id = p.id.clone();
                self.sync_recommendation(&id);
                let words: Vec<&str> = u.text.split_whitespace().take(4).collect();
                self.warnings.push(format!(
                    "line {}: {id}: joined continuation \"{} ...\"",
                    u.no,
                    words.join(" ")
                ));
                return;
            }
        }
        let lead_in = u.kind == UnitKind::Text && u.text.trim_end().ends_with(':');
        let listed = matches!(u.kind, UnitKind::Bullet | UnitKind::Numbered);
        // After a list of recommendations, plain text is a remark, not one more of them.
        let after_list = u.kind == UnitKind::Text && self.list_seen;
        self.list_seen |= listed;
        match self.kind() {
            Some(SectionKind::AreasForDevelopment) if !lead_in && !after_list => {
                self.recommendation(u.text)
            }
            Some(SectionKind::Overview) if !lead_in => {
                self.findings += 1;
                let id = format!("O{}", self.findings);
                let text = match rec_marker(&u.text) {
                    Some((_, rest)) if u.kind == UnitKind::Numbered => rest.to_string(),
                    _ => u.text,
                };
                self.push(id, text);
            }
            _ => {
                let text = match u.kind {
                    UnitKind::Bullet => format!("- {}", u.text),
                    _ => u.text,
                };
                let key = self
                    .doc
                    .sections
                    .last()
                    .map(Section::key)
                    .unwrap_or_default();
                let n = self.counters.entry(key.clone()).or_insert(0);
                *n += 1;
                let id = format!("{key}.{n}");
                self.push(id, text);
            }
        }
    }

    fn heading(&mut self, text: &str) {
        let title = collapse(text.trim().trim_end_matches(':'));
        let part = part_of(&title);
        self.in_contents = false;
        match part {
            Some(Part::Contents) => {
                self.in_contents = true;
            }
            Some(Part::Recommendations) => {
                self.open(&title, SectionKind::AreasForDevelopment, None);
            }
            Some(Part::Findings) => {
                self.open(&title, SectionKind::Overview, None);
            }
            Some(Part::Theme) => {
                let theme = theme_of(&title);
                self.open(&title, SectionKind::Theme, theme);
                self.context = Some((theme, title));
            }
            Some(Part::Introduction) => {
                self.context = None;
                self.open(&title, SectionKind::Introduction, None);
            }
            Some(Part::NextSteps) => {
                self.context = None;
                self.open(&title, SectionKind::NextSteps, None);
            }
            Some(Part::Methodology) => {
                self.context = None;
                self.open(&title, SectionKind::Methodology, None);
            }
            Some(Part::Acknowledgements) => {
                self.context = None;
                self.open(&title, SectionKind::Acknowledgements, None);
            }
            Some(Part::Closing) => {
                self.context = None;
                self.open(title.trim_end_matches(','), SectionKind::Other, None);
            }
            None => {
                self.context = None;
                self.open(&title, SectionKind::Other, None);
            }
        }
    }

    fn open(&mut self, title: &str, kind: SectionKind, theme: Option<Theme>) {
        self.list_seen = false;
        // Two headings in a row: the first had nothing under it. Keep it, empty.
        let subsections = match (&self.context, kind) {
            (Some((_, t)), SectionKind::AreasForDevelopment | SectionKind::Overview) => {
                vec![t.clone()]
            }
            _ => Vec::new(),
        };
        self.doc.sections.push(Section {
            number: None,
            title: title.to_string(),
            kind,
            theme,
            expectations: None,
            subsections,
            paragraphs: Vec::new(),
        });
    }

    fn last_paragraph_mut(&mut self) -> Option<&mut Paragraph> {
        self.doc.sections.last_mut()?.paragraphs.last_mut()
    }

    /// Keeps a recommendation's text the same as its paragraph's after a join.
    fn sync_recommendation(&mut self, id: &str) {
        let Some(n) = id.strip_prefix('R').and_then(|n| n.parse::<u32>().ok()) else {
            return;
        };
        let text = self
            .doc
            .sections
            .iter()
            .rev()
            .find_map(|s| s.paragraphs.iter().find(|p| p.id == id))
            .map(|p| (p.text.clone(), p.pages));
        if let (Some(r), Some((t, pages))) = (
            self.doc.recommendations.iter_mut().find(|r| r.number == n),
            text,
        ) {
            r.text = t;
            r.pages = pages;
        }
    }

    fn recommendation(&mut self, text: String) {
        let number = self.doc.recommendations.len() as u32 + 1;
        let (theme, theme_title) = self.context.clone().unwrap_or((None, String::new()));
        let body = match rec_marker(&text) {
            Some((_, rest)) => rest.to_string(),
            None => text,
        };
        self.doc.recommendations.push(Recommendation {
            number,
            theme,
            theme_title,
            text: body.clone(),
            inferred: false,
            pages: self.paged.then_some(self.pages),
        });
        self.push(format!("R{number}"), body);
    }

    fn push(&mut self, id: String, text: String) {
        let id = if self.ids.contains(&id) {
            let mut k = 2;
            while self.ids.contains(&format!("{id}-{k}")) {
                k += 1;
            }
            format!("{id}-{k}")
        } else {
            id
        };
        self.ids.insert(id.clone());
        let subsection = match self.kind() {
            Some(SectionKind::AreasForDevelopment | SectionKind::Overview) => {
                self.context.as_ref().map(|(_, t)| t.clone())
            }
            _ => None,
        };
        let pages = self.paged.then_some(self.pages);
        if let Some(s) = self.doc.sections.last_mut() {
            s.paragraphs.push(Paragraph {
                id,
                subsection,
                text,
                pages,
            });
        }
    }
}
