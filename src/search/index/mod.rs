//! The index itself: what is kept per paragraph and per word, and building it from a corpus.
//!
//! **What is indexed.** Every searchable text a report holds ([`units`]): its front matter, every
//! paragraph of every section (numbered findings `3.18`, overview findings `O3`, areas for
//! development `R5`, introduction, methodology...), and the overview findings and
//! recommendations a report lists but no section holds. A new kind of section, or a new family
//! of report that fills these, is searchable as it is.
//!
//! The code: this module is what is kept and how it is read; `build` makes it from a corpus,
//! `texts` keeps the paragraph texts (built, stored or shared with the corpus).
//!
//! [`units`]: super::units::units

mod build;
mod texts;

pub(super) use texts::{blocks_sum, corpus_positions, corpus_texts, Texts, TEXT_BLOCK};

use super::acronym::Acronyms;
use super::fuzzy::Vocab;
use super::intern::Packed;
use super::store::StoreError;
use super::table::{Blocks, Table};
pub(super) use super::units::Weight;
use super::{Hit, Query, QueryError};
use crate::model::{slug, Pages, Theme};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;
use std::sync::Arc;

/// No string: a paragraph outside any subsection.
pub(super) const NONE: u32 = u32::MAX;

/// Per-paragraph columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Docs {
    pub(super) report: Table<u32>,
    /// Section title, paragraph id and subsection heading: ids in [`SearchIndex::strings`]
    /// (the subsection [`NONE`] when there is none).
    pub(super) section: Table<u32>,
    pub(super) paragraph: Table<u32>,
    pub(super) subsection: Table<u32>,
    /// 0 for none, else 1 + the position in [`Theme::ALL`].
    pub(super) theme: Table<u8>,
    /// [`Weight`] as a byte.
    pub(super) weight: Table<u8>,
    /// Words in the paragraph (joined forms not counted).
    pub(super) len: Table<u16>,
    /// The first and last PDF page of each paragraph, two a paragraph; 0 and 0 when unknown.
    pub(super) pages: Table<u32>,
}

impl Docs {
    pub(super) fn len(&self) -> usize {
        self.report.len()
    }

    pub(super) fn pages(&self, d: usize) -> Option<Pages> {
        match (self.pages.get(2 * d), self.pages.get(2 * d + 1)) {
            (Some(&first), Some(&last)) if first > 0 => Some(Pages(first, last)),
            _ => None,
        }
    }

    pub(super) fn theme(&self, d: usize) -> Option<Theme> {
        theme_of(self.theme[d]).flatten()
    }
}

pub(super) fn theme_byte(t: Option<Theme>) -> u8 {
    t.and_then(|t| Theme::ALL.iter().position(|x| *x == t))
        .map_or(0, |i| i as u8 + 1)
}

/// `None` for a byte that names no theme; `Some(None)` for "no theme".
pub(super) fn theme_of(b: u8) -> Option<Option<Theme>> {
    match b {
        0 => Some(None),
        b => Theme::ALL.get(usize::from(b) - 1).map(|t| Some(*t)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReportInfo {
    pub(super) id: Arc<str>,
    pub(super) short: Arc<str>,
    pub(super) link: String,
    pub(super) slugs: [String; 3],
}

/// The search index over a corpus. See the [module docs](crate::search).
pub struct SearchIndex {
    pub(super) docs: Docs,
    /// Paragraph texts, one per doc, in doc order.
    pub(super) texts: Texts,
    /// Section titles, paragraph ids and subsection headings, each once.
    pub(super) strings: Packed,
    pub(super) reports: Vec<ReportInfo>,
    pub(super) vocab: Vocab,
    /// Postings: for word `t`, `post_doc[post_off[t]..post_off[t+1]]` (ascending) and counts;
    /// the number of paragraphs with `t` is the length of its run.
    pub(super) post_off: Table<u32>,
    pub(super) post_doc: Table<u32>,
    pub(super) post_tf: Table<u8>,
    /// Checksums of the postings, for a stored index.
    pub(super) post_blocks: Blocks,
    /// Contexts: runs of paragraphs sharing council, section and subsection.
    pub(super) ctx_start: Table<u32>,
    pub(super) ctx_end: Table<u32>,
    /// Context postings, like the body ones.
    pub(super) title_off: Table<u32>,
    pub(super) title_ctx: Table<u32>,
    pub(super) acronyms: Acronyms,
    pub(super) avg_len: f32,
    pub(super) matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("paragraphs", &self.docs.len())
            .field("words", &self.vocab.len())
            .finish()
    }
}

/// Postings entries per checksummed block of a stored index.
pub(super) const POSTING_BLOCK: usize = 1 << 12;

impl SearchIndex {
    /// Paragraphs indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the corpus had no paragraphs.
    pub fn is_empty(&self) -> bool {
        self.docs.len() == 0
    }

    /// The acronyms the index knows: learnt from the reports' own definitions, then built in.
    pub fn acronyms(&self) -> &Acronyms {
        &self.acronyms
    }

    /// Deep link of doc `d` (e.g. where an acronym is first defined).
    pub fn link_of(&self, d: u32) -> Option<String> {
        let d = d as usize;
        let r = self.reports.get(*self.docs.report.get(d)? as usize)?;
        Some(format!(
            "{}#{}",
            r.link,
            self.strings.get(self.docs.paragraph[d])
        ))
    }

    /// Doc `d`'s postings for word `t`: paragraphs and counts, checked first if stored.
    pub(super) fn postings(&self, t: u32) -> Result<(&[u32], &[u8]), StoreError> {
        let r = self.post_off[t as usize] as usize..self.post_off[t as usize + 1] as usize;
        self.check_postings(r.clone())?;
        Ok((&self.post_doc[r.clone()], &self.post_tf[r]))
    }

    fn check_postings(&self, r: Range<usize>) -> Result<(), StoreError> {
        let ndocs = self.docs.len() as u32;
        let (post_doc, post_tf): (&[u32], &[u8]) = (&self.post_doc, &self.post_tf);
        self.post_blocks.check(
            r,
            "postings",
            |b, e| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                h.update(bytemuck::cast_slice(&post_doc[e.clone()]));
                h.update(&post_tf[e.clone()]);
                h.digest() == self.post_blocks.sums[b] && post_doc[e].iter().all(|&d| d < ndocs)
            },
            self.post_doc.len(),
        )
    }

    /// Checks every part of a stored index that is otherwise checked when first read (the
    /// postings and the texts); an index built in memory is always good.
    pub fn verify(&self) -> Result<(), StoreError> {
        self.check_postings(0..self.post_doc.len())?;
        if let Texts::Stored { text, blocks, .. } = &self.texts {
            blocks.check_all(text.len(), "texts", |_, r| {
                blocks_sum(&text[r.clone()]) == blocks.sums[r.start / blocks.size]
            })?;
        }
        for d in 0..self.texts.len() as u32 {
            self.texts.get(d)?;
        }
        Ok(())
    }

    /// Reports indexed.
    pub fn report_count(&self) -> usize {
        self.reports.len()
    }

    /// Report ids, in the order of the corpus the index was built from.
    pub fn report_ids(&self) -> impl Iterator<Item = &str> {
        self.reports.iter().map(|r| &*r.id)
    }

    /// Distinct words indexed.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The names `in:` accepts (council short names as slugs), sorted, without repeats.
    pub fn authorities(&self) -> Vec<String> {
        let mut v: Vec<String> = self.reports.iter().map(|r| r.slugs[0].clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Reports a query's `in:` or `theme:` values that name nothing.
    pub fn check(&self, q: &Query) -> Result<(), QueryError> {
        if let Some(t) = q.unknown_themes.first() {
            return Err(QueryError::UnknownTheme { given: t.clone() });
        }
        for a in &q.authorities {
            if self.resolve_authority(a).is_empty() {
                return Err(QueryError::UnknownAuthority {
                    given: a.clone(),
                    known: self.authorities(),
                });
            }
        }
        Ok(())
    }

    /// Reports an `in:` value selects: an exact council name, id or slug; else those starting
    /// with it.
    pub(super) fn resolve_authority(&self, a: &str) -> Vec<usize> {
        let k = slug(a);
        if k.is_empty() {
            return Vec::new();
        }
        let exact: Vec<usize> = (0..self.reports.len())
            .filter(|&i| self.reports[i].slugs.contains(&k))
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let prefixed: Vec<usize> = (0..self.reports.len())
            .filter(|&i| self.reports[i].slugs.iter().any(|s| s.starts_with(&k)))
            .collect();
        if !prefixed.is_empty() {
            return prefixed;
        }
        // An abbreviation (`pembs`, `rct`): the letters in order, starting with the first.
        let abbreviates = |s: &str| {
            let mut it = s.chars();
            s.chars().next() == k.chars().next() && k.chars().all(|c| it.any(|x| x == c))
        };
        (0..self.reports.len())
            .filter(|&i| self.reports[i].slugs[..2].iter().any(|s| abbreviates(s)))
            .collect()
    }

    pub(super) fn hit(
        &self,
        d: usize,
        score: f32,
        matches: Vec<Range<usize>>,
    ) -> Result<Hit, StoreError> {
        let r = &self.reports[self.docs.report[d] as usize];
        let paragraph = self.strings.get(self.docs.paragraph[d]);
        let sub = self.docs.subsection[d];
        Ok(Hit {
            report: r.id.clone(),
            authority: r.short.clone(),
            link: format!("{}#{}", r.link, paragraph),
            paragraph: paragraph.into(),
            section: self.strings.get(self.docs.section[d]).into(),
            subsection: (sub != NONE).then(|| self.strings.get(sub).into()),
            theme: self.docs.theme(d),
            pages: self.docs.pages(d),
            score,
            text: self.texts.get(d as u32)?.into(),
            matches,
            report_index: self.docs.report[d] as usize,
            partial: false,
            weights: Vec::new(),
            acronyms: Vec::new(),
        })
    }
}
