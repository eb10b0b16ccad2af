//! Search (issue 4): find the paragraph a user half remembers, in any report, as they type.
//!
//! ```
//! use ciw::corpus::Corpus;
//! use ciw::search::{Query, SearchIndex};
//!
//! let index = SearchIndex::new(&Corpus::samples());        // once; cheap (ms per 1k paragraphs)
//! let hits = index.search(&Query::parse("plcement stabilty"), 50); // per keystroke
//! let top = &hits[0];
//! assert!(top.link.ends_with("#3.15") || top.link.ends_with("#3.17") || top.link.ends_with("#3.16"));
//! let line = top.snippet(60); // one line around the matches, `matches` moved into it
//! assert!(!line.matches.is_empty());
//! ```
//!
//! **What is searched.** Every paragraph of every section of every report: numbered findings
//! (`3.18`), overview findings (`O3`), areas for development (`R5`), introduction, methodology...
//! The council's short name, the section title and the subsection (or the theme heading of an
//! area for development) are weak context: they count, at a third of a word in the text.
//!
//! **How.** [`SearchIndex::new`] folds and splits every paragraph into words ([`token`]) and keeps,
//! per distinct word, the paragraphs that have it (postings). A query word is matched against the
//! distinct words, not the paragraphs ([`fuzzy`]: the word itself, words it begins, words a typo
//! or two away, abbreviations via SkimMatcherV2), each with a weight. Paragraphs are scored
//! BM25-style (rare words like `EOTAS` weigh more than `care`), with a word's best-weighted form;
//! paragraphs with only some of the words rank below those with all (at least half are needed).
//! The best few hundred are then re-read to reward words next to each other in the query's order
//! (phrases) and near each other, and to check quoted phrases. Cost is in the postings of the
//! query's words, never a scan of all text: 1-3 ms of CPU at 10k paragraphs, ≤ 12 ms at 100k.
//!
//! **Stored.** [`store`] writes the index as flat tables and reads it back checked; the library
//! keeps one (`search.bin`), so `ciw search` over 1,000 reports starts searching in ~0.1 s
//! instead of re-reading and re-indexing them. [`SearchIndex::share_texts`] lets a front end
//! that holds the corpus hold the paragraph texts once.
//!
//! **Syntax.** See [`query`]: words in any order, `'exact`, `'whole'`, `"a phrase"`, `!exclude`,
//! `in:swansea`, `theme:safeguarding`.
//!
//! **For the TUI.** [`SearchIndex`] is `Send + Sync` and immutable once built: build it once (or
//! on a worker thread) and call [`SearchIndex::search`] from any thread; the call takes `&self`
//! and allocates only for its scores and the hits. Hits are owned (`Arc<str>` texts), so they can
//! be sent back to the UI thread; drop results whose query is no longer the current one.
//! [`Hit::snippet`] gives a line of a given width around the match with the highlight ranges
//! moved into it.

pub mod fuzzy;
pub mod query;
pub mod snippet;
pub mod store;
#[doc(hidden)]
pub mod synth;
pub mod token;

pub use query::{Query, QueryTerm, TermKind};
pub use snippet::{snippet, Snippet};

use crate::corpus::Corpus;
use crate::model::{slug, SectionKind, Theme};
use fuzzy::{Scratch, Vocab};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// Weight of a word found only in the context (council, section and subsection titles).
const TITLE_WEIGHT: f32 = 0.33;
/// Weight of two query words next to each other (in order) in a paragraph, times their idf.
const PAIR_WEIGHT: f32 = 0.7;
/// Extra weight when all query words appear as one phrase, times their mean idf.
const PHRASE_WEIGHT: f32 = 0.6;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// A paragraph found by a search, with what a front end needs to show and link it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Report id, e.g. `swansea-2018-07`.
    pub report: Arc<str>,
    /// The council's short name, e.g. `Swansea`.
    pub authority: Arc<str>,
    /// Deep link, e.g. `swansea#3.18` (the report id instead of the council when the corpus
    /// holds several inspections of one council).
    pub link: String,
    /// Paragraph id: `3.18`, `O3`, `R5`, `introduction.2`.
    pub paragraph: Arc<str>,
    /// The section title as the report prints it.
    pub section: Arc<str>,
    /// The subsection heading (or, for an area for development, its theme heading).
    pub subsection: Option<Arc<str>>,
    pub theme: Option<Theme>,
    /// Higher is better; comparable within one search only.
    pub score: f32,
    /// The whole paragraph.
    pub text: Arc<str>,
    /// Byte ranges in `text` of the words that matched, sorted, not overlapping.
    pub matches: Vec<Range<usize>>,
    /// Position of the report in the corpus the index was built from.
    pub report_index: usize,
}

impl Hit {
    /// A one-line excerpt at most `width` columns wide around the matches.
    pub fn snippet(&self, width: usize) -> Snippet {
        snippet(&self.text, &self.matches, width)
    }

    /// `matches` as character (Unicode scalar) offsets, as in the JSON output.
    pub fn char_matches(&self) -> Vec<[usize; 2]> {
        let mut out = Vec::with_capacity(self.matches.len());
        let (mut byte, mut chars) = (0usize, 0usize);
        for m in &self.matches {
            chars += self.text[byte..m.start].chars().count();
            let len = self.text[m.start..m.end].chars().count();
            out.push([chars, chars + len]);
            chars += len;
            byte = m.end;
        }
        out
    }
}

/// Why a query cannot be run as given (the CLI exits 2 on these; the TUI shows them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown authority `{given}`; known: {}", known.join(", "))]
    UnknownAuthority { given: String, known: Vec<String> },
    #[error("unknown theme `{given}`; known: {}", Theme::ALL.map(|t| t.key()).join(", "))]
    UnknownTheme { given: String },
}

/// The FxHash function (rustc's): fast for short keys; no DoS concern for local reports.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Distinct words with dense ids, packed in one string: an open-addressing table of ids keyed by
/// a stored hash, so a lookup rarely touches more than one word (building is mostly this).
#[derive(Default)]
struct Interner {
    table: Vec<u32>,
    arena: String,
    starts: Vec<u32>,
    hashes: Vec<u64>,
}

impl Interner {
    fn len(&self) -> usize {
        self.hashes.len()
    }

    fn get(&self, id: u32) -> &str {
        let s = self.starts[id as usize] as usize;
        let e = self
            .starts
            .get(id as usize + 1)
            .map_or(self.arena.len(), |e| *e as usize);
        &self.arena[s..e]
    }

    fn intern(&mut self, w: &str) -> u32 {
        if self.len() * 2 >= self.table.len() {
            self.grow();
        }
        let mut h = FxHasher::default();
        h.write(w.as_bytes());
        let hash = h.finish() | 1;
        let mask = self.table.len() - 1;
        // High bits are the best mixed in FxHash.
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let slot = self.table[i];
            if slot == 0 {
                let id = self.len() as u32;
                self.table[i] = id + 1;
                self.starts.push(self.arena.len() as u32);
                self.arena.push_str(w);
                self.hashes.push(hash);
                return id;
            }
            let id = slot - 1;
            if self.hashes[id as usize] == hash && self.get(id) == w {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let cap = (self.table.len() * 2).max(1024);
        self.table = vec![0; cap];
        let mask = cap - 1;
        for (id, hash) in self.hashes.iter().enumerate() {
            let mut i = (hash >> 32) as usize & mask;
            while self.table[i] != 0 {
                i = (i + 1) & mask;
            }
            self.table[i] = id as u32 + 1;
        }
    }
}

/// No string: a paragraph outside any subsection.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Doc {
    report: u32,
    /// Section title, paragraph id and subsection heading: ids in [`SearchIndex::strings`]
    /// (the subsection [`NONE`] when there is none).
    section: u32,
    paragraph: u32,
    subsection: u32,
    theme: Option<Theme>,
    /// Words in the paragraph (joined forms not counted).
    len: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ReportInfo {
    id: Arc<str>,
    short: Arc<str>,
    link: String,
    slugs: [String; 3],
}

/// Where the paragraph texts are: in the index, or (to hold them once in memory) in the
/// corpus the index was built from or checked against; see [`SearchIndex::share_texts`].
#[derive(Debug, Clone)]
enum Texts {
    Packed(Packed),
    Corpus {
        corpus: Arc<Corpus>,
        /// Per doc: report, section and paragraph positions in `corpus`.
        at: Vec<(u32, u32, u32)>,
    },
}

impl Texts {
    fn get(&self, d: u32) -> &str {
        match self {
            Texts::Packed(p) => p.get(d),
            Texts::Corpus { corpus, at } => {
                let (r, s, p) = at[d as usize];
                &corpus.reports[r as usize].sections[s as usize].paragraphs[p as usize].text
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            Texts::Packed(p) => p.len(),
            Texts::Corpus { at, .. } => at.len(),
        }
    }
}

/// Every paragraph text of `corpus`, in index (doc) order.
fn corpus_texts(corpus: &Corpus) -> impl Iterator<Item = &str> {
    corpus
        .reports
        .iter()
        .flat_map(|r| r.sections.iter())
        .flat_map(|s| s.paragraphs.iter())
        .map(|p| p.text.as_str())
}

/// Report, section and paragraph positions of every paragraph of `corpus`, in doc order.
fn corpus_positions(corpus: &Corpus) -> Vec<(u32, u32, u32)> {
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

/// Strings packed in one buffer: `text[off[i]..off[i + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Packed {
    text: String,
    off: Vec<usize>,
}

impl Packed {
    fn new() -> Packed {
        Packed {
            text: String::new(),
            off: vec![0],
        }
    }

    fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.off.push(self.text.len());
        (self.off.len() - 2) as u32
    }

    fn len(&self) -> usize {
        self.off.len() - 1
    }

    fn get(&self, i: u32) -> &str {
        &self.text[self.off[i as usize]..self.off[i as usize + 1]]
    }
}

/// The search index over a corpus. See the [module docs](self).
pub struct SearchIndex {
    docs: Vec<Doc>,
    /// Paragraph texts, one per doc, in doc order.
    texts: Texts,
    /// Section titles, paragraph ids and subsection headings, each once.
    strings: Packed,
    reports: Vec<ReportInfo>,
    vocab: Vocab,
    /// Paragraphs per word (body text only).
    df: Vec<u32>,
    /// Postings: for word `t`, `post_doc[post_off[t]..post_off[t+1]]` (ascending) and counts.
    post_off: Vec<u32>,
    post_doc: Vec<u32>,
    post_tf: Vec<u8>,
    /// Contexts: runs of paragraphs sharing council, section and subsection.
    ctx_docs: Vec<Range<u32>>,
    /// Context postings, like the body ones.
    title_off: Vec<u32>,
    title_ctx: Vec<u32>,
    avg_len: f32,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("paragraphs", &self.docs.len())
            .field("words", &self.vocab.len())
            .finish()
    }
}

fn bm25_idf(n: usize, df: u32) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl SearchIndex {
    /// Indexes every paragraph of every report of `corpus`.
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let mut words = Interner::default();
        let mut short_count: FxMap<String, usize> = FxMap::default();
        for r in &corpus.reports {
            *short_count.entry(slug(&r.authority.short)).or_default() += 1;
        }
        let mut reports = Vec::with_capacity(corpus.reports.len());
        let mut docs = Vec::new();
        let mut texts = Packed::new();
        let mut strings = Packed::new();
        let mut string_ids: FxMap<String, u32> = FxMap::default();
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
    fn resolve_authority(&self, a: &str) -> Vec<usize> {
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

    /// Finds the best `limit` paragraphs for `q`, best first. An empty query gives no hits; a
    /// query of only filters (`in:swansea`) lists the paragraphs they select in report order.
    /// Unknown `in:`/`theme:` values select nothing (see [`SearchIndex::check`]).
    pub fn search(&self, q: &Query, limit: usize) -> Vec<Hit> {
        if limit == 0 || q.is_empty() || self.docs.is_empty() || !q.unknown_themes.is_empty() {
            return Vec::new();
        }
        // Filters.
        let report_ok: Option<Vec<bool>> = if q.authorities.is_empty() {
            None
        } else {
            let mut ok = vec![false; self.reports.len()];
            for a in &q.authorities {
                let sel = self.resolve_authority(a);
                if sel.is_empty() {
                    return Vec::new();
                }
                for i in sel {
                    ok[i] = true;
                }
            }
            Some(ok)
        };
        let passes = |d: usize| -> bool {
            let doc = &self.docs[d];
            report_ok.as_ref().is_none_or(|ok| ok[doc.report as usize])
                && (q.themes.is_empty() || doc.theme.is_some_and(|t| q.themes.contains(&t)))
        };
        let n = self.docs.len();
        let mut mask = vec![0u32; n];
        const EXCLUDED: u32 = 1 << 31;
        for ex in &q.excludes {
            for t in self.vocab.prefix_range(ex) {
                for k in self.post_off[t as usize]..self.post_off[t as usize + 1] {
                    mask[self.post_doc[k as usize] as usize] |= EXCLUDED;
                }
            }
        }
        if q.terms.is_empty() {
            return (0..n)
                .filter(|&d| mask[d] & EXCLUDED == 0 && passes(d))
                .take(limit)
                .map(|d| self.hit(d, 0.0, Vec::new()))
                .collect();
        }
        // Expand each query word into corpus words.
        let mut scratch = Scratch::default();
        let mut exps: Vec<Expanded> = Vec::with_capacity(q.terms.len());
        for qt in &q.terms {
            let mut list = Vec::new();
            fuzzy::expand(
                &self.vocab,
                &self.df,
                &qt.text,
                qt.kind,
                &self.matcher,
                &mut scratch,
                &mut list,
            );
            if list.is_empty() && qt.kind != TermKind::Fuzzy {
                return Vec::new(); // an exact word the corpus lacks
            }
            let idf = list
                .first()
                .map(|&(t, _)| bm25_idf(n, self.df[t as usize]))
                .unwrap_or(0.0);
            exps.push(Expanded {
                list,
                idf,
                required: qt.kind != TermKind::Fuzzy,
                phrase: qt.phrase,
            });
        }
        let live: Vec<usize> = (0..exps.len())
            .filter(|&i| !exps[i].list.is_empty())
            .collect();
        if live.is_empty() {
            return Vec::new();
        }
        let mut required_bits = 0u32;
        for &i in &live {
            if exps[i].required {
                required_bits |= 1 << i;
            }
        }
        // Score paragraphs word by word: a word's best form per paragraph.
        let mut total = vec![0f32; n];
        let mut best = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut cands: Vec<u32> = Vec::new();
        for &i in &live {
            let e = &exps[i];
            for &(t, w) in &e.list {
                let t = t as usize;
                for k in self.post_off[t] as usize..self.post_off[t + 1] as usize {
                    let d = self.post_doc[k] as usize;
                    let tf = f32::from(self.post_tf[k]);
                    let norm = 1.0 - BM25_B + BM25_B * f32::from(self.docs[d].len) / self.avg_len;
                    let v = w * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm);
                    if v > best[d] {
                        if best[d] == 0.0 {
                            touched.push(d as u32);
                        }
                        best[d] = v;
                    }
                }
                for k in self.title_off[t] as usize..self.title_off[t + 1] as usize {
                    let r = &self.ctx_docs[self.title_ctx[k] as usize];
                    let v = TITLE_WEIGHT * w;
                    for (d, slot) in best[r.start as usize..r.end as usize]
                        .iter_mut()
                        .enumerate()
                    {
                        if v > *slot {
                            if *slot == 0.0 {
                                touched.push(r.start + d as u32);
                            }
                            *slot = v;
                        }
                    }
                }
            }
            for &d in &touched {
                let d = d as usize;
                if mask[d] & !EXCLUDED == 0 && mask[d] & EXCLUDED == 0 {
                    cands.push(d as u32);
                }
                total[d] += e.idf * best[d];
                mask[d] |= 1 << i;
                best[d] = 0.0;
            }
            touched.clear();
        }
        let nlive = live.len() as u32;
        let min_match = nlive.div_ceil(2);
        let coverage = |m: u32| -> f32 {
            let c = m as f32 / nlive as f32;
            c * c
        };
        let mut ranked: Vec<(f32, u32)> = cands
            .iter()
            .filter_map(|&d| {
                let m = mask[d as usize];
                let matched = (m & !EXCLUDED).count_ones();
                (m & EXCLUDED == 0
                    && m & required_bits == required_bits
                    && matched >= min_match
                    && passes(d as usize))
                .then(|| (total[d as usize] * coverage(matched), d))
            })
            .collect();
        let by_score = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let has_phrase = exps.iter().any(|e| e.phrase.is_some());
        let pool = if has_phrase {
            ranked.len()
        } else {
            (limit * 3).max(100)
        };
        if ranked.len() > pool {
            ranked.select_nth_unstable_by(pool, by_score);
            ranked.truncate(pool);
        }
        ranked.sort_unstable_by(by_score);
        // Re-read the best: proximity and phrases.
        let mut forms: FxMap<&str, Vec<(u8, f32)>> = FxMap::default();
        for &i in &live {
            for &(t, w) in &exps[i].list {
                forms
                    .entry(self.vocab.term(t))
                    .or_default()
                    .push((i as u8, w));
            }
        }
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); exps.len()];
        let (mut a, mut b) = (String::new(), String::new());
        let mut out: Vec<(f32, u32)> = Vec::with_capacity(ranked.len());
        for &(_, d) in &ranked {
            for p in &mut positions {
                p.clear();
            }
            token::tokenize(self.texts.get(d), &mut a, &mut b, |t| {
                if let Some(fs) = forms.get(t.text) {
                    for &(i, _) in fs {
                        let p = &mut positions[i as usize];
                        if p.last() != Some(&t.pos) {
                            p.push(t.pos);
                        }
                    }
                }
            });
            if has_phrase && !phrases_present(&exps, &positions) {
                continue;
            }
            let prox = proximity(&exps, &live, &positions);
            let matched = (mask[d as usize] & !EXCLUDED).count_ones();
            out.push(((total[d as usize] + prox) * coverage(matched), d));
            if has_phrase && out.len() >= (limit * 3).max(100) {
                break;
            }
        }
        out.sort_unstable_by(by_score);
        out.truncate(limit);
        out.into_iter()
            .map(|(score, d)| {
                let matches = self.match_ranges(d as usize, &forms, &mut a, &mut b);
                self.hit(d as usize, score, matches)
            })
            .collect()
    }

    fn match_ranges(
        &self,
        d: usize,
        forms: &FxMap<&str, Vec<(u8, f32)>>,
        a: &mut String,
        b: &mut String,
    ) -> Vec<Range<usize>> {
        let mut ms: Vec<Range<usize>> = Vec::new();
        token::tokenize(self.texts.get(d as u32), a, b, |t| {
            if forms.contains_key(t.text) {
                ms.push(t.start..t.end);
            }
        });
        ms.sort_unstable_by_key(|m| m.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ms.len());
        for m in ms {
            match merged.last_mut() {
                Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
                _ => merged.push(m),
            }
        }
        merged
    }

    fn hit(&self, d: usize, score: f32, matches: Vec<Range<usize>>) -> Hit {
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

/// One query word, expanded.
struct Expanded {
    list: Vec<(u32, f32)>,
    idf: f32,
    required: bool,
    phrase: Option<u16>,
}

/// Smallest gap `q - p` > 0 and smallest `p - q` > 0 between sorted position lists.
fn gaps(ps: &[u32], qs: &[u32]) -> (u32, u32) {
    let (mut fwd, mut back) = (u32::MAX, u32::MAX);
    let (mut i, mut j) = (0, 0);
    while i < ps.len() && j < qs.len() {
        let (p, q) = (ps[i], qs[j]);
        if q > p {
            fwd = fwd.min(q - p);
            i += 1;
        } else {
            if p > q {
                back = back.min(p - q);
            }
            j += 1;
        }
    }
    (fwd, back)
}

/// Bonus for query words near each other, in order, and for the whole query as a phrase.
fn proximity(exps: &[Expanded], live: &[usize], pos: &[Vec<u32>]) -> f32 {
    let mut bonus = 0.0;
    let mut chain = live.len() >= 2;
    for w in live.windows(2) {
        let (x, y) = (w[0], w[1]);
        if pos[x].is_empty() || pos[y].is_empty() {
            chain = false;
            continue;
        }
        let (fwd, back) = gaps(&pos[x], &pos[y]);
        let s: f32 = match fwd {
            1 => 1.0,
            2 => 0.6,
            3 => 0.45,
            4..=6 => 0.25,
            _ => 0.0,
        };
        let r: f32 = match back {
            1..=2 => 0.4,
            3..=6 => 0.15,
            _ => 0.0,
        };
        if fwd != 1 {
            chain = false;
        }
        bonus += s.max(r) * PAIR_WEIGHT * (exps[x].idf + exps[y].idf) / 2.0;
    }
    if chain && has_chain(live, pos) {
        let mean = live.iter().map(|&i| exps[i].idf).sum::<f32>() / live.len() as f32;
        bonus += PHRASE_WEIGHT * mean * live.len() as f32;
    }
    bonus
}

/// True when the words `idx` occur at consecutive positions somewhere.
fn has_chain(idx: &[usize], pos: &[Vec<u32>]) -> bool {
    let Some(&first) = idx.first() else {
        return false;
    };
    pos[first].iter().any(|&p| {
        idx.iter()
            .enumerate()
            .skip(1)
            .all(|(k, &i)| pos[i].binary_search(&(p + k as u32)).is_ok())
    })
}

/// True when every quoted phrase occurs as consecutive words.
fn phrases_present(exps: &[Expanded], pos: &[Vec<u32>]) -> bool {
    let mut groups: Vec<u16> = exps.iter().filter_map(|e| e.phrase).collect();
    groups.sort_unstable();
    groups.dedup();
    groups.into_iter().all(|g| {
        let idx: Vec<usize> = (0..exps.len())
            .filter(|&i| exps[i].phrase == Some(g))
            .collect();
        has_chain(&idx, pos)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn index() -> SearchIndex {
        SearchIndex::new(&Corpus::samples())
    }

    fn links(ix: &SearchIndex, q: &str, n: usize) -> Vec<String> {
        ix.search(&Query::parse(q), n)
            .into_iter()
            .map(|h| h.link)
            .collect()
    }

    #[test]
    fn index_is_send_and_sync() {
        fn ok<T: Send + Sync>() {}
        ok::<SearchIndex>();
        ok::<Hit>();
    }

    #[test]
    fn acronyms_and_phrases() {
        let ix = index();
        let top = links(&ix, "EOTAS", 1);
        assert!(["swansea#R5", "swansea#3.6"].contains(&top[0].as_str()));
        let e = links(&ix, "eotas", 5);
        assert!(e.contains(&"swansea#R5".to_string()) && e.contains(&"swansea#3.6".to_string()));
        assert_eq!(links(&ix, "B&B", 1), ["swansea#3.11"]);
        assert_eq!(links(&ix, "seraf", 1), ["pembrokeshire#4.4"]);
    }

    #[test]
    fn matches_are_words_of_the_text() {
        let ix = index();
        let hits = ix.search(&Query::parse("plcement stabilty"), 5);
        assert!(!hits.is_empty());
        for h in &hits {
            assert!(!h.matches.is_empty());
            for m in &h.matches {
                let w = h.text[m.clone()].to_lowercase();
                assert!(w.starts_with("plac") || w.starts_with("stab"), "{w}");
            }
        }
    }

    #[test]
    fn filters_and_excludes() {
        let ix = index();
        for h in ix.search(&Query::parse("care leavers in:pembs"), 50) {
            assert_eq!(&*h.authority, "Pembrokeshire");
        }
        for h in ix.search(&Query::parse("risk theme:safeguarding"), 50) {
            assert_eq!(h.theme, Some(Theme::Safeguarding));
        }
        for h in ix.search(&Query::parse("placement !foster"), 50) {
            assert!(!h.text.to_lowercase().contains("foster"));
        }
        let only = ix.search(&Query::parse("in:swansea"), 500);
        assert!(only.len() > 50 && only.iter().all(|h| &*h.authority == "Swansea"));
        assert!(ix.search(&Query::parse("care in:cardiff"), 5).is_empty());
        assert!(ix.search(&Query::parse("care in:ŵ"), 5).is_empty());
        assert!(!ix.search(&Query::parse("care in:pembs"), 5).is_empty());
        assert!(ix.check(&Query::parse("in:cardiff")).is_err());
        assert!(ix.check(&Query::parse("theme:nope")).is_err());
        assert!(ix.check(&Query::parse("in:swan theme:access")).is_ok());
    }

    #[test]
    fn quoted_phrase_must_be_contiguous() {
        let ix = index();
        let hits = ix.search(&Query::parse("\"placement stability\""), 50);
        assert!(!hits.is_empty());
        for h in hits {
            assert!(
                h.text.to_lowercase().contains("placement stability"),
                "{}",
                h.link
            );
        }
    }

    #[test]
    fn odd_queries_do_not_panic() {
        let ix = index();
        let long = "a".repeat(100_000);
        let words = "care ".repeat(5000);
        for q in [
            "",
            "!",
            "'",
            "\"",
            "in:",
            "theme:",
            "!!!",
            "界",
            "ŵ",
            "'x'",
            &long,
            &words,
            "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        ] {
            let _ = ix.search(&Query::parse(q), 50);
            let _ = ix.search(&Query::parse(q), 0);
        }
        assert!(ix.search(&Query::parse(""), 10).is_empty());
        let empty = SearchIndex::new(&Corpus::default());
        assert!(empty.search(&Query::parse("care"), 10).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_query_any_width(q in "\\PC{0,40}", w in 0usize..120) {
            use unicode_width::UnicodeWidthStr;
            static IX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
            let ix = IX.get_or_init(index);
            for h in ix.search(&Query::parse(&q), 20) {
                for m in &h.matches {
                    proptest::prop_assert!(h.text.get(m.clone()).is_some());
                }
                let s = h.snippet(w);
                proptest::prop_assert!(s.text.width() <= w.max(1));
                for m in &s.matches {
                    proptest::prop_assert!(s.text.get(m.clone()).is_some());
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn real_words_with_syntax(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "care", "leavers", "'iro", "!foster", "\"care", "leavers\"", "plcement",
                    "in:swan", "theme:access", "B&B", "ŵ", "'", "!", "s", "the", "iro's", "in:x",
                ]),
                0..8,
            ),
            w in 0usize..100,
        ) {
            use unicode_width::UnicodeWidthStr;
            static IX: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
            let ix = IX.get_or_init(index);
            let q = Query::parse(&words.join(" "));
            let hits = ix.search(&q, 20);
            proptest::prop_assert!(hits.len() <= 20);
            for pair in hits.windows(2) {
                proptest::prop_assert!(pair[0].score >= pair[1].score);
            }
            for h in hits {
                proptest::prop_assert!(h.snippet(w).text.width() <= w.max(1));
            }
        }
    }

    #[test]
    fn char_matches() {
        let h = Hit {
            report: "r".into(),
            authority: "A".into(),
            link: "a#1".into(),
            paragraph: "1".into(),
            section: "S".into(),
            subsection: None,
            theme: None,
            score: 1.0,
            text: "ŵyn and Ŵyn".into(),
            matches: vec![0..4, 9..13],
            report_index: 0,
        };
        assert_eq!(h.char_matches(), [[0, 3], [8, 11]]);
    }
}
