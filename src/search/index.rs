//! The index itself: what is kept per paragraph and per word, and building it from a corpus.
//!
//! **What is indexed.** Every searchable text a report holds ([`units`]): its front matter, every
//! paragraph of every section (numbered findings `3.18`, overview findings `O3`, areas for
//! development `R5`, introduction, methodology...), and the overview findings and
//! recommendations a report lists but no section holds. A new kind of section, or a new family
//! of report that fills these, is searchable as it is.

use super::acronym::{Acronyms, TokenBuf};
use super::fuzzy::Vocab;
use super::intern::{Interner, Packed};
use super::store::StoreError;
use super::table::{Blocks, Table};
use super::units::text_at;
pub(super) use super::units::{units, Place, Weight};
use super::{Hit, Query, QueryError};
use crate::corpus::Corpus;
use crate::model::{slug, Pages, Theme};
use fuzzy_matcher::skim::SkimMatcherV2;
use rustc_hash::FxHashMap;
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

/// Where the paragraph texts are: built here, read in place from a stored index, or (to hold
/// them once in memory) in the corpus the index was built from or checked against; see
/// [`SearchIndex::share_texts`].
#[derive(Debug, Clone)]
pub(super) enum Texts {
    Packed(Packed),
    Stored {
        text: Table<u8>,
        /// `text[off[d]..off[d + 1]]` is doc `d`'s text.
        off: Table<u64>,
        blocks: Blocks,
    },
    Corpus {
        corpus: Arc<Corpus>,
        /// Per doc: report and place in `corpus`.
        at: Vec<(u32, Place)>,
    },
}

/// Bytes of text per checksummed block of a stored index.
pub(super) const TEXT_BLOCK: usize = 1 << 12;

impl Texts {
    /// Doc `d`'s text; an error when it is stored and damaged.
    pub(super) fn get(&self, d: u32) -> Result<&str, StoreError> {
        match self {
            Texts::Packed(p) => Ok(p.get(d)),
            Texts::Stored { text, off, blocks } => {
                let bad = || StoreError::Corrupt("text offsets".into());
                let (s, e) = (off[d as usize] as usize, off[d as usize + 1] as usize);
                blocks.check(
                    s..e,
                    "texts",
                    |_, r| blocks_sum(&text[r.clone()]) == blocks.sums[r.start / blocks.size],
                    text.len(),
                )?;
                std::str::from_utf8(text.get(s..e).ok_or_else(bad)?).map_err(|_| bad())
            }
            Texts::Corpus { corpus, at } => {
                let (r, place) = at[d as usize];
                Ok(text_at(&corpus.reports[r as usize], place))
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Texts::Packed(p) => p.len(),
            Texts::Stored { off, .. } => off.len().saturating_sub(1),
            Texts::Corpus { at, .. } => at.len(),
        }
    }
}

/// The checksum of one block.
pub(super) fn blocks_sum(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// Every searchable text of `corpus`, in index (doc) order.
pub(super) fn corpus_texts(corpus: &Corpus) -> impl Iterator<Item = &str> {
    corpus.reports.iter().flat_map(|r| units(r).map(|u| u.text))
}

/// Report and place of every searchable text of `corpus`, in doc order.
pub(super) fn corpus_positions(corpus: &Corpus) -> Vec<(u32, Place)> {
    let mut at = Vec::new();
    for (ri, r) in corpus.reports.iter().enumerate() {
        at.extend(units(r).map(|u| (ri as u32, u.place)));
    }
    at
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
    /// Indexes every searchable text of every report of `corpus` (front matter, every section's paragraphs, and overview findings and
    /// recommendations no section holds).
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let acronyms =
            Acronyms::learn(corpus_texts(corpus).enumerate().map(|(d, t)| (d as u32, t)));
        let mut words = Interner::default();
        let mut short_count: FxHashMap<String, usize> = FxHashMap::default();
        for r in &corpus.reports {
            *short_count.entry(slug(&r.authority.short)).or_default() += 1;
        }
        let mut reports = Vec::with_capacity(corpus.reports.len());
        let mut docs = DocsBuilder::default();
        let mut texts = Packed::new();
        let mut strings = Packed::new();
        let mut string_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut string_id = |s: &str| -> u32 {
            if let Some(&id) = string_ids.get(s) {
                return id;
            }
            let id = strings.push(s);
            string_ids.insert(s.to_string(), id);
            id
        };
        // Per paragraph: (word, count) pairs, flat.
        let mut pairs: Vec<(u32, u8)> = Vec::new();
        let mut pair_off: Vec<u32> = vec![0];
        let mut ctx_docs: Vec<Range<u32>> = Vec::new();
        let mut ctx_pairs: Vec<u32> = Vec::new();
        let mut ctx_off: Vec<u32> = vec![0];
        let mut scratch: Vec<u32> = Vec::new();
        let mut buf = TokenBuf::default();
        for (ri, r) in corpus.reports.iter().enumerate() {
            let short_slug = slug(&r.authority.short);
            let link = if short_count.get(&short_slug).copied().unwrap_or(0) > 1 {
                r.id.clone()
            } else {
                short_slug.clone()
            };
            reports.push(ReportInfo {
                id: r.id.as_str().into(),
                short: r.authority.short.as_str().into(),
                link,
                slugs: [short_slug, slug(&r.authority.name), r.id.clone()],
            });
            let mut last: Option<(&str, Option<&str>)> = None;
            let mut sub_id = NONE;
            for u in units(r) {
                let doc = docs.len() as u32;
                let title = string_id(u.section);
                if last != Some((u.section, u.subsection)) {
                    last = Some((u.section, u.subsection));
                    sub_id = u.subsection.map_or(NONE, &mut string_id);
                    if let Some(c) = ctx_docs.last_mut() {
                        c.end = doc;
                    }
                    ctx_docs.push(doc..doc);
                    scratch.clear();
                    for part in [
                        r.authority.short.as_str(),
                        u.section,
                        u.subsection.unwrap_or(""),
                    ] {
                        acronyms.tokenize(part, &mut buf, |t, _| {
                            scratch.push(words.intern(t.text));
                        });
                    }
                    scratch.sort_unstable();
                    scratch.dedup();
                    ctx_pairs.extend_from_slice(&scratch);
                    ctx_off.push(ctx_pairs.len() as u32);
                }
                scratch.clear();
                let mut len = 0u32;
                acronyms.tokenize(u.text, &mut buf, |t, _| {
                    len += u32::from(!t.compound);
                    scratch.push(words.intern(t.text));
                });
                scratch.sort_unstable();
                let mut i = 0;
                while i < scratch.len() {
                    let mut j = i + 1;
                    while j < scratch.len() && scratch[j] == scratch[i] {
                        j += 1;
                    }
                    pairs.push((scratch[i], (j - i).min(255) as u8));
                    i = j;
                }
                pair_off.push(pairs.len() as u32);
                texts.push(u.text);
                docs.report.push(ri as u32);
                docs.section.push(title);
                docs.paragraph.push(string_id(&u.id));
                docs.subsection.push(sub_id);
                docs.theme.push(theme_byte(u.theme));
                docs.weight.push(u.weight as u8);
                docs.len.push(len.min(u32::from(u16::MAX)) as u16);
                let pages = u.pages.map_or([0, 0], |p| [p.0, p.1]);
                docs.pages.extend_from_slice(&pages);
            }
        }
        let ndocs = docs.len();
        if let Some(c) = ctx_docs.last_mut() {
            c.end = ndocs as u32;
        }
        // Sort the vocabulary; remap ids.
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_unstable_by(|x, y| words.get(*x).cmp(words.get(*y)));
        let mut remap = vec![0u32; words.len()];
        for (new, old) in order.iter().enumerate() {
            remap[*old as usize] = new as u32;
        }
        let vocab = Vocab::from_sorted(order.iter().map(|o| words.get(*o)));
        drop(words);
        let nwords = vocab.len();
        // Body postings (CSR, in paragraph order).
        let mut df = vec![0u32; nwords];
        for (t, _) in &pairs {
            df[remap[*t as usize] as usize] += 1;
        }
        let mut post_off = Vec::with_capacity(nwords + 1);
        post_off.push(0u32);
        for d in &df {
            post_off.push(post_off.last().copied().unwrap_or(0) + d);
        }
        drop(df);
        let mut fill: Vec<u32> = post_off[..nwords].to_vec();
        let mut post_doc = vec![0u32; pairs.len()];
        let mut post_tf = vec![0u8; pairs.len()];
        for d in 0..ndocs {
            for &(t, tf) in &pairs[pair_off[d] as usize..pair_off[d + 1] as usize] {
                let t = remap[t as usize] as usize;
                let k = fill[t] as usize;
                post_doc[k] = d as u32;
                post_tf[k] = tf;
                fill[t] += 1;
            }
        }
        drop(pairs);
        // Context postings.
        let mut tcount = vec![0u32; nwords];
        for t in &ctx_pairs {
            tcount[remap[*t as usize] as usize] += 1;
        }
        let mut title_off = Vec::with_capacity(nwords + 1);
        title_off.push(0u32);
        for c in &tcount {
            title_off.push(title_off.last().copied().unwrap_or(0) + c);
        }
        let mut fill: Vec<u32> = title_off[..nwords].to_vec();
        let mut title_ctx = vec![0u32; ctx_pairs.len()];
        for c in 0..ctx_docs.len() {
            for &t in &ctx_pairs[ctx_off[c] as usize..ctx_off[c + 1] as usize] {
                let t = remap[t as usize] as usize;
                title_ctx[fill[t] as usize] = c as u32;
                fill[t] += 1;
            }
        }
        let total_len: u64 = docs.len.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if ndocs == 0 {
            1.0
        } else {
            (total_len as f32 / ndocs as f32).max(1.0)
        };
        drop(string_ids);
        SearchIndex {
            docs: Docs {
                report: docs.report.into(),
                section: docs.section.into(),
                paragraph: docs.paragraph.into(),
                subsection: docs.subsection.into(),
                theme: docs.theme.into(),
                weight: docs.weight.into(),
                len: docs.len.into(),
                pages: docs.pages.into(),
            },
            texts: Texts::Packed(texts),
            strings,
            reports,
            vocab,
            post_off: post_off.into(),
            post_doc: post_doc.into(),
            post_tf: post_tf.into(),
            post_blocks: Blocks::default(),
            ctx_start: ctx_docs.iter().map(|r| r.start).collect::<Vec<_>>().into(),
            ctx_end: ctx_docs.iter().map(|r| r.end).collect::<Vec<_>>().into(),
            title_off: title_off.into(),
            title_ctx: title_ctx.into(),
            acronyms,
            avg_len,
            matcher: SkimMatcherV2::default(),
        }
    }

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

    /// Reads the paragraph texts from `corpus` from now on and drops the index's own copy, so
    /// a front end that holds the corpus holds the text once. Only when `corpus` has exactly
    /// the indexed texts, in order; otherwise nothing changes and the answer is false.
    pub fn share_texts(&mut self, corpus: Arc<Corpus>) -> bool {
        let at = corpus_positions(&corpus);
        if at.len() != self.docs.len()
            || !self
                .report_ids()
                .eq(corpus.reports.iter().map(|r| r.id.as_str()))
        {
            return false;
        }
        let same = corpus_texts(&corpus)
            .enumerate()
            .all(|(d, t)| self.texts.get(d as u32).is_ok_and(|own| own == t));
        if !same {
            return false;
        }
        self.texts = Texts::Corpus { corpus, at };
        true
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

/// Columns of [`Docs`] while building.
#[derive(Default)]
struct DocsBuilder {
    report: Vec<u32>,
    section: Vec<u32>,
    paragraph: Vec<u32>,
    subsection: Vec<u32>,
    theme: Vec<u8>,
    weight: Vec<u8>,
    len: Vec<u16>,
    pages: Vec<u32>,
}

impl DocsBuilder {
    fn len(&self) -> usize {
        self.report.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::store;

    #[test]
    fn shared_texts_answer_the_same_and_only_for_the_same_corpus() {
        let corpus = Arc::new(Corpus::samples());
        let own = SearchIndex::new(&corpus);
        let mut shared = SearchIndex::new(&corpus);
        assert!(shared.share_texts(Arc::clone(&corpus)));
        assert!(matches!(shared.texts, Texts::Corpus { .. }));
        for q in [
            "plcement stabilty",
            "\"care leavers\"",
            "EOTAS",
            "in:pembs safeguarding",
        ] {
            let q = Query::parse(q);
            assert_eq!(own.search(&q, 30), shared.search(&q, 30));
        }
        assert_eq!(
            store::to_bytes(&own, [0; 16]),
            store::to_bytes(&shared, [0; 16])
        );
        // A corpus that differs in one paragraph, or lacks a report, is refused.
        let mut other = Corpus::samples();
        other.reports[1].sections[5].paragraphs[2].text.push('!');
        let mut ix = SearchIndex::new(&corpus);
        assert!(!ix.share_texts(Arc::new(other)));
        assert!(matches!(ix.texts, Texts::Packed(_)));
        let fewer = Corpus::new(vec![corpus.reports[0].clone()]);
        assert!(!ix.share_texts(Arc::new(fewer)));
        let mut more = Corpus::samples();
        let extra = more.reports[0].sections[0].paragraphs[0].clone();
        more.reports[0].sections[0].paragraphs.push(extra);
        assert!(!ix.share_texts(Arc::new(more)));
    }
}
