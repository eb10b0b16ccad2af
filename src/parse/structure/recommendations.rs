//! Recommendations: numbered or bulleted items under "Areas for development", their numbers
//! checked and lost ones inferred, each also a paragraph of its section.

use super::super::lines::*;
use super::{Builder, Item};
use crate::model::{Pages, Recommendation};

impl Builder<'_> {
    pub(super) fn recommendation_item(&mut self, item: Item) {
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

    pub(super) fn push_recommendation(
        &mut self,
        number: u32,
        text: String,
        inferred: bool,
        pages: Pages,
    ) {
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
}

/// `unnumbered` only asks for an id when there is no paragraph before; callers that rule
/// that out pass this.
fn unreachable_id() -> String {
    String::from("?")
}
