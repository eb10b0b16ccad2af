//! The structure of every document that is not a 2018 inspection report: CIW's web pages
//! (summaries, PEI and JICPA reports, improvement checks), letters, news releases, and any text
//! of a layout `ciw` does not know. It reads headings, paragraphs, bulleted and numbered items;
//! headings it knows give the parts their meaning:
//!
//! - headings that introduce what the council is asked to do ("Areas for development",
//!   "Priorities for improvement", "Areas requiring improvement", "Recommendations"...) make
//!   a recommendations section: one recommendation per bullet, number or paragraph, never
//!   merged across bullets;
//! - findings headings ("Key strengths", "Summary of findings", "Areas of improvement
//!   identified"...) make overview findings, one per bullet or paragraph;
//! - the principles of the Social Services and Well-being (Wales) Act ("People – voice and
//!   control", "Prevention", ...) and the 2018 themes make theme sections, also when written
//!   with their text on the same line ("Well-being: People are ...");
//! - any other heading makes a section of its own.
//!
//! Paragraph ids: `R1`... and `O1`... across the whole document, `<section-key>.<n>` elsewhere.
//!
//! The parts, one module each: [`headings`] (the headings `ciw` knows and what they
//! introduce), [`title`] (the document's title), [`units`](mod@units) (lines to headings, items and
//! paragraphs) and [`sections`] (units placed in sections, with their ids).

mod headings;
mod sections;
#[cfg(test)]
mod tests;
mod title;
mod units;

pub use headings::{heading_key, inline_heading, part_of, theme_of, Part};
pub use title::title_like;

use super::furniture;
use super::line_table::Lines;
use super::structure::Doc;
use crate::model::{Pages, Theme};
use std::collections::{HashMap, HashSet};
use title::find_title;
use units::{units, UnitKind};

struct Builder<'w> {
    warnings: &'w mut Vec<String>,
    doc: Doc,
    /// The theme the current part belongs to ("Areas for improvement" under a principle).
    context: Option<(Option<Theme>, String)>,
    /// Paragraph numbers used per section key, and every id used.
    counters: HashMap<String, usize>,
    ids: HashSet<String>,
    findings: usize,
    in_contents: bool,
    /// Text before the first heading is front matter.
    cover: bool,
    /// The current section has had a bulleted or numbered item.
    list_seen: bool,
    /// Whether the text has page breaks, so that pages are known.
    paged: bool,
    /// The pages of the unit being placed.
    pages: Pages,
}

/// Builds the structure of a document read generically. Returns it and its title. With
/// `cover`, text before the first heading is front matter (a report's cover), else it is the
/// document's opening, a section of its own.
pub fn build(
    lines: Lines<'_, '_>,
    cover: bool,
    warnings: &mut Vec<String>,
) -> (Doc, Option<String>) {
    let title_at = find_title(lines);
    let title = title_at.map(|i| collapse(lines.at(i).text));
    let mut b = Builder {
        warnings,
        doc: Doc::default(),
        context: None,
        counters: HashMap::new(),
        ids: HashSet::new(),
        findings: 0,
        in_contents: false,
        cover,
        list_seen: false,
        paged: lines.last().is_some_and(|l| l.page() > 1),
        pages: Pages(1, 1),
    };
    // A letter's address block and date, or a cover, before the title: front matter.
    let body = match title_at {
        Some(t) => {
            b.doc.front_matter.extend(
                lines
                    .range(..t)
                    .iter()
                    .map(|l| collapse(l.text))
                    .filter(|l| !l.is_empty()),
            );
            lines.range(t..)
        }
        None => lines,
    };
    let mut first = true;
    for u in units(body, title_at.map(|_| 0)) {
        // A title's twin in Welsh ("Arolygiad ...: Cyngor Sir Ynys Môn") right after it.
        let subtitle = first
            && title_at.is_some()
            && u.kind == UnitKind::Heading
            && part_of(&u.text).is_none()
            && super::councils::first_in(&u.text).is_some();
        first = false;
        if subtitle {
            b.doc.front_matter.push(u.text);
            continue;
        }
        b.unit(u);
    }
    (b.doc, title)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
