//! The index itself: what is stored per paragraph and per word, and building it from a corpus.

use super::fuzzy::Vocab;
use super::intern::{Interner, Packed};
use super::{token, Hit, Query, QueryError};
use crate::corpus::Corpus;
use crate::model::{slug, SectionKind, Theme};
use fuzzy_matcher::skim::SkimMatcherV2;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;

/// No string: a paragraph outside any subsection.
pub(super) const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Doc {
    pub(super) report: u32,
    /// Section title, paragraph id and subsection heading: ids in [`SearchIndex::strings`]
    /// (the subsection [`NONE`] when there is none).
    pub(super) section: u32,
    pub(super) paragraph: u32,
    pub(super) subsection: u32,
    pub(super) theme: Option<Theme>,
    /// Words in the paragraph (joined forms not counted).
    pub(super) len: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ReportInfo {
    pub(super) id: Arc<str>,
    pub(super) short: Arc<str>,
    pub(super) link: String,
    pub(super) slugs: [String; 3],
}

/// Where the paragraph texts are: in the index, or (to hold them once in memory) in the
/// corpus the index was built from or checked against; see [`SearchIndex::share_texts`].
#[derive(Debug, Clone)]
pub(super) enum Texts {
    Packed(Packed),
    Corpus {
        corpus: Arc<Corpus>,
        /// Per doc: report, section and paragraph positions in `corpus`.
        at: Vec<(u32, u32, u32)>,
    },
}

impl Texts {
    pub(super) fn get(&self, d: u32) -> &str {
        match self {
            Texts::Packed(p) => p.get(d),
            Texts::Corpus { corpus, at } => {
                let (r, s, p) = at[d as usize];
                &corpus.reports[r as usize].sections[s as usize].paragraphs[p as usize].text
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Texts::Packed(p) => p.len(),
            Texts::Corpus { at, .. } => at.len(),
        }
    }
}

/// Every paragraph text of `corpus`, in index (doc) order.
pub(super) fn corpus_texts(corpus: &Corpus) -> impl Iterator<Item = &str> {
    corpus
        .reports
        .iter()
        .flat_map(|r| r.sections.iter())
        .flat_map(|s| s.paragraphs.iter())
        .map(|p| p.text.as_str())
}

/// Report, section and paragraph positions of every paragraph of `corpus`, in doc order.
pub(super) fn corpus_positions(corpus: &Corpus) -> Vec<(u32, u32, u32)> {
    let mut at = Vec::new();
    for (ri, r) in corpus.reports.iter().enumerate() {
        for (si, s) in r.sections.iter().enumerate() {
            for pi in 0..s.paragraphs.len() {
                at.push((ri as u32, si as u32, pi as u32));
            }
        }
    }
    at
}

/// The search index over a corpus. See the [module docs](crate::search).
pub struct SearchIndex {
    pub(super) docs: Vec<Doc>,
    /// Paragraph texts, one per doc, in doc order.
    pub(super) texts: Texts,
    /// Section titles, paragraph ids and subsection headings, each once.
    pub(super) strings: Packed,
    pub(super) reports: Vec<ReportInfo>,
    pub(super) vocab: Vocab,
    /// Paragraphs per word (body text only).
    pub(super) df: Vec<u32>,
    /// Postings: for word `t`, `post_doc[post_off[t]..post_off[t+1]]` (ascending) and counts.
    pub(super) post_off: Vec<u32>,
    pub(super) post_doc: Vec<u32>,
    pub(super) post_tf: Vec<u8>,
    /// Contexts: runs of paragraphs sharing council, section and subsection.
    pub(super) ctx_docs: Vec<Range<u32>>,
    /// Context postings, like the body ones.
    pub(super) title_off: Vec<u32>,
    pub(super) title_ctx: Vec<u32>,
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

impl SearchIndex {
    /// Indexes every paragraph of every report of `corpus`.
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let mut words = Interner::default();
        let mut short_count: FxHashMap<String, usize> = FxHashMap::default();
        for r in &corpus.reports {
            *short_count.entry(slug(&r.authority.short)).or_default() += 1;
        }
        let mut reports = Vec::with_capacity(corpus.reports.len());
        let mut docs = Vec::new();
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
        let (mut a, mut b) = (String::new(), String::new());
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
            for s in &r.sections {
                let title = string_id(&s.title);
                let mut last_sub: Option<&str> = None;
                let mut sub_id = NONE;
                for (pi, p) in s.paragraphs.iter().enumerate() {
                    let doc = docs.len() as u32;
                    let sub = p.subsection.as_deref();
                    if pi == 0 || sub != last_sub {
                        last_sub = sub;
                        sub_id = sub.map_or(NONE, &mut string_id);
                        if let Some(c) = ctx_docs.last_mut() {
                            c.end = doc;
                        }
                        ctx_docs.push(doc..doc);
                        scratch.clear();
                        for part in [r.authority.short.as_str(), &s.title, sub.unwrap_or("")] {
                            token::tokenize(part, &mut a, &mut b, |t| {
                                scratch.push(words.intern(t.text));
                            });
                        }
                        scratch.sort_unstable();
                        scratch.dedup();
                        ctx_pairs.extend_from_slice(&scratch);
                        ctx_off.push(ctx_pairs.len() as u32);
                    }
                    let theme = if s.kind == SectionKind::AreasForDevelopment {
                        p.id.strip_prefix('R')
                            .and_then(|n| n.parse::<u32>().ok())
                            .and_then(|n| r.recommendations.iter().find(|x| x.number == n))
                            .and_then(|x| x.theme)
                    } else {
                        s.theme
                    };
                    scratch.clear();
                    let mut len = 0u32;
                    token::tokenize(&p.text, &mut a, &mut b, |t| {
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
                    texts.push(&p.text);
                    docs.push(Doc {
                        report: ri as u32,
                        section: title,
                        paragraph: string_id(&p.id),
                        subsection: sub_id,
                        theme,
                        len: len.min(u32::from(u16::MAX)) as u16,
                    });
                }
            }
        }
        if let Some(c) = ctx_docs.last_mut() {
            c.end = docs.len() as u32;
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
        let mut fill: Vec<u32> = post_off[..nwords].to_vec();
        let mut post_doc = vec![0u32; pairs.len()];
        let mut post_tf = vec![0u8; pairs.len()];
        for d in 0..docs.len() {
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
        let total_len: u64 = docs.iter().map(|d| u64::from(d.len)).sum();
        let avg_len = if docs.is_empty() {
            1.0
        } else {
            (total_len as f32 / docs.len() as f32).max(1.0)
        };
        drop(string_ids);
        SearchIndex {
            docs,
            texts: Texts::Packed(texts),
            strings,
            reports,
            vocab,
            df,
            post_off,
            post_doc,
            post_tf,
            ctx_docs,
            title_off,
            title_ctx,
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
        self.docs.is_empty()
    }

    /// Reads the paragraph texts from `corpus` from now on and drops the index's own copy, so
    /// a front end that holds the corpus holds the text once. Only when `corpus` has exactly
    /// the indexed paragraphs, in order, with the same texts; otherwise nothing changes and the
    /// answer is false.
    pub fn share_texts(&mut self, corpus: Arc<Corpus>) -> bool {
        let mut at = Vec::with_capacity(self.docs.len());
        for (ri, r) in corpus.reports.iter().enumerate() {
            for (si, s) in r.sections.iter().enumerate() {
                for (pi, p) in s.paragraphs.iter().enumerate() {
                    let d = at.len() as u32;
                    if at.len() >= self.docs.len() || self.texts.get(d) != p.text {
                        return false;
                    }
                    at.push((ri as u32, si as u32, pi as u32));
                }
            }
        }
        if at.len() != self.docs.len()
            || !self
                .report_ids()
                .eq(corpus.reports.iter().map(|r| r.id.as_str()))
        {
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

    pub(super) fn hit(&self, d: usize, score: f32, matches: Vec<Range<usize>>) -> Hit {
        let doc = &self.docs[d];
        let r = &self.reports[doc.report as usize];
        Hit {
            report: r.id.clone(),
            authority: r.short.clone(),
            link: format!("{}#{}", r.link, self.strings.get(doc.paragraph)),
            paragraph: self.strings.get(doc.paragraph).into(),
            section: self.strings.get(doc.section).into(),
            subsection: (doc.subsection != NONE).then(|| self.strings.get(doc.subsection).into()),
            theme: doc.theme,
            score,
            text: self.texts.get(d as u32).into(),
            matches,
            report_index: doc.report as usize,
        }
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
