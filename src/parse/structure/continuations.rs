//! Text without a number: a continuation joined to the paragraph before it (with a warning),
//! or an orphan that waits for the next number to decide whether it is a lost item.

use super::super::lines::*;
use super::{Builder, Item, Orphan};
use crate::model::{Pages, SectionKind};

impl Builder<'_> {
    /// An item with no number: a continuation, an orphan, or the first text of a subsection.
    pub(super) fn unnumbered(&mut self, item: Item, next_id: impl Fn(&Self) -> String) {
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
    pub(super) fn append(&mut self, no: usize, text: &str, guess: bool, pages: Pages) {
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
    pub(super) fn resolve_orphan(&mut self, next: Option<u32>) {
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
}
