//! What is selected and shown, read from the state: the report, the section tree's rows, the
//! section and its items, the paragraph, the breadcrumb.

use super::*;
use crate::model::{Paragraph, Report, Section};
use crate::text::fit;

impl App {
    /// The selected report.
    pub fn report(&self) -> Option<&Report> {
        self.corpus.reports.get(self.authorities.selected)
    }

    /// The rows of the section tree of the selected report.
    pub fn tree_rows(&self) -> Vec<TreeRow> {
        let ri = self.authorities.selected;
        let Some(r) = self.report() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for (si, s) in r.sections.iter().enumerate() {
            rows.push(TreeRow {
                section: si,
                subsection: None,
            });
            if self.expanded.contains(&(ri, si)) {
                rows.extend((0..s.subsections.len()).map(|k| TreeRow {
                    section: si,
                    subsection: Some(k),
                }));
            }
        }
        rows
    }

    /// The selected tree row.
    pub fn tree_row(&self) -> Option<TreeRow> {
        self.tree_rows().get(self.sections.selected).copied()
    }

    /// The section shown in the paragraph view.
    pub fn section(&self) -> Option<&Section> {
        self.report()?.sections.get(self.paragraphs.section?)
    }

    /// The selectable items of the shown section.
    pub fn items(&self) -> Vec<Item> {
        let Some(s) = self.section() else {
            return Vec::new();
        };
        let mut items = Vec::with_capacity(s.paragraphs.len() + 1);
        if s.expectations
            .as_deref()
            .is_some_and(|e| !e.trim().is_empty())
        {
            items.push(Item::Expectations);
        }
        items.extend((0..s.paragraphs.len()).map(Item::Paragraph));
        items
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.items().get(self.paragraphs.selected).copied()
    }

    /// The selected paragraph, if a paragraph (not the fold) is selected.
    pub fn paragraph(&self) -> Option<&Paragraph> {
        match self.selected_item()? {
            Item::Paragraph(pi) => self.section()?.paragraphs.get(pi),
            Item::Expectations => None,
        }
    }

    /// Breadcrumb parts: authority, section, subsection, paragraph id.
    pub fn breadcrumb(&self) -> Vec<String> {
        let ascii = self.palette.symbols.ascii;
        let mut parts = Vec::new();
        let Some(r) = self.report() else {
            return parts;
        };
        parts.push(fit::display(&r.authority.short, ascii));
        let Some(s) = self.section() else {
            return parts;
        };
        parts.push(section_label(s, ascii));
        match self.selected_item() {
            Some(Item::Expectations) => parts.push("What we expect to see".into()),
            Some(Item::Paragraph(pi)) => {
                if let Some(p) = s.paragraphs.get(pi) {
                    if let Some(sub) = &p.subsection {
                        parts.push(fit::display(sub, ascii));
                    }
                    // The page, quietly: "3.18 p. 17".
                    let id = match p.pages {
                        Some(pages) => format!("{} {}", p.id, pages.label()),
                        None => p.id.clone(),
                    };
                    parts.push(fit::display(&id, ascii));
                }
            }
            None => {}
        }
        parts
    }
}

/// "3 Care and Support and Pathway Planning", or the title of an unnumbered section.
pub fn section_label(s: &Section, ascii: bool) -> String {
    let title = fit::display(&s.title, ascii);
    match s.number {
        Some(n) => format!("{n} {title}"),
        None => title,
    }
}
