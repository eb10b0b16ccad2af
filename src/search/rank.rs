//! Ranking: a query's words expanded into corpus words, paragraphs scored BM25-style from the
//! postings, the best re-read for proximity and phrases.
//!
//! **All words.** A hit has every word of the query (or an accepted typo, longer form or
//! acronym of it), as in fzf. Paragraphs that lack some come after every one that has them all,
//! marked [`Hit::partial`], and only when they have at least half of the words. Stop words
//! (`the`, `and`...) are not needed for a hit, only counted when there; a query of nothing but
//! stop words, or whose only matching words are stop words, lists nothing and says why
//! ([`Notice`]).
//!
//! **Acronyms.** A query word that is a known short form (or is typed in capitals) matches that
//! word, its plural and, through the index, its long forms written out; never an ordinary word
//! by typo (`LAC` is not "lack"). Query words that spell out a long form also match its short
//! form.
//!
//! **Order.** By score: BM25 (rare words weigh more), a bonus for query words close together
//! and in order, and a smaller weight for methodology, acknowledgements and the like.

use super::acronym::TokenBuf;
use super::fuzzy::{self, Scratch};
use super::index::{SearchIndex, Weight};
use super::store::StoreError;
use super::{Hit, MatchWeight, Query, TermKind};
use rustc_hash::FxHashMap;
use std::fmt;
use std::ops::Range;

/// Weight of a word found only in the context (council, section and subsection titles).
const TITLE_WEIGHT: f32 = 0.33;
/// Weight of two query words next to each other (in order) in a paragraph, times their idf.
const PAIR_WEIGHT: f32 = 0.7;
/// Extra weight when all query words appear as one phrase, times their mean idf.
const PHRASE_WEIGHT: f32 = 0.6;
/// Extra weight when all query words appear within a few words of each other.
const SPAN_WEIGHT: f32 = 0.3;
/// Weight of a short form standing in for a long form the query spells out, and of a long
/// form for a short one.
const ACRONYM_WEIGHT: f32 = 0.95;
/// Weight of the singular of a plural query word.
const STEM_WEIGHT: f32 = 0.75;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

/// Words too common to find anything by: not needed for a hit, and not searched alone.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is",
    "it", "its", "m", "more", "not", "of", "on", "or", "our", "s", "she", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// Whether `w` (folded) is a stop word.
pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// Singulars a plural (folded) may stand for: `children` → `child`, `families` → `family`,
/// `boxes` → `box`, `plans` → `plan`. Words of four letters or fewer are left alone.
fn singulars(w: &str) -> Vec<String> {
    const IRREGULAR: &[(&str, &str)] = &[
        ("children", "child"),
        ("people", "person"),
        ("women", "woman"),
        ("men", "man"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return vec![s.to_string()];
    }
    let mut out = Vec::new();
    if w.chars().count() <= 4 || w.ends_with("ss") {
        return out;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    } else if let Some(stem) = w.strip_suffix("es") {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
    } else if let Some(stem) = w.strip_suffix('s') {
        out.push(stem.to_string());
    }
    out
}

fn bm25_idf(n: usize, df: u32) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Best first: the hits with every word, then (marked `partial`) those missing some.
    pub hits: Vec<Hit>,
    /// Paragraphs with every word, in all (some may be past the limit).
    pub complete: usize,
    /// Paragraphs with only some of the words, in all.
    pub partial: usize,
    /// Why nothing is listed, when it is not just that nothing matches.
    pub notice: Option<Notice>,
}

impl Results {
    /// The hits with every word.
    pub fn complete_hits(&self) -> &[Hit] {
        let n = self.hits.iter().take_while(|h| !h.partial).count();
        &self.hits[..n]
    }
}

/// Why a query lists nothing although words of it are everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Every word is a stop word.
    OnlyStopWords(Vec<String>),
    /// No paragraph has `unmatched`; the `stop` words alone would list every paragraph.
    OnlyStopWordsMatch {
        unmatched: Vec<String>,
        stop: Vec<String>,
    },
}

fn quoted(ws: &[String]) -> String {
    ws.iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::OnlyStopWords(ws) => write!(
                f,
                "{} {} too common to search for on {}: add a word that says what you want, \
                 or quote a phrase (\"when I'm ready\")",
                quoted(ws),
                if ws.len() == 1 { "is" } else { "are" },
                if ws.len() == 1 {
                    "its own"
                } else {
                    "their own"
                },
            ),
            Notice::OnlyStopWordsMatch { unmatched, stop } => write!(
                f,
                "No paragraph has a word like {}, and {} alone {} too common to list",
                quoted(unmatched),
                quoted(stop),
                if stop.len() == 1 { "is" } else { "are" },
            ),
        }
    }
}

/// One query word, expanded.
pub(super) struct Expanded {
    /// Corpus words standing in for it, with weights, best first.
    pub(super) list: Vec<(u32, f32)>,
    idf: f32,
    /// Must be in every hit, partial ones too (`'exact`, `"phrase"`).
    required: bool,
    /// A stop word: not needed for a hit.
    stop: bool,
    phrase: Option<u16>,
    /// The query word is a known short form.
    acronym: bool,
    /// Words of `list` that stand in through an acronym (the short form of a long form the
    /// query spells out), with the entry.
    via: Vec<(u32, u32)>,
}

/// A candidate paragraph: score so far, doc, and query words matched.
#[derive(Clone, Copy)]
struct Cand {
    /// Query words matched, for partial hits (more first); 0 for complete ones.
    tier: u32,
    score: f32,
    doc: u32,
}

const EXCLUDED: u32 = 1 << 31;

impl SearchIndex {
    /// Finds the best `limit` paragraphs for `q`, best first: those with every word, then
    /// those with some ([`Hit::partial`]). An empty query gives no hits; a query of only
    /// filters (`in:swansea`) lists the paragraphs they select in report order. Unknown
    /// `in:`/`theme:` values select nothing (see [`SearchIndex::check`]). A damaged part of a
    /// stored index gives no hits; [`SearchIndex::try_search`] says so.
    pub fn search(&self, q: &Query, limit: usize) -> Vec<Hit> {
        self.try_search(q, limit)
            .map(|r| r.hits)
            .unwrap_or_default()
    }

    /// [`SearchIndex::search`], with the counts and notice, or the error of a stored index
    /// found damaged where the query read it (the caller rebuilds it).
    pub fn try_search(&self, q: &Query, limit: usize) -> Result<Results, StoreError> {
        let mut res = Results::default();
        let n = self.docs.len();
        if limit == 0 || q.is_empty() || n == 0 || !q.unknown_themes.is_empty() {
            return Ok(res);
        }
        // Filters.
        let report_ok: Option<Vec<bool>> = if q.authorities.is_empty() {
            None
        } else {
            let mut ok = vec![false; self.reports.len()];
            for a in &q.authorities {
                let sel = self.resolve_authority(a);
                if sel.is_empty() {
                    return Ok(res);
                }
                for i in sel {
                    ok[i] = true;
                }
            }
            Some(ok)
        };
        let passes = |d: usize| -> bool {
            report_ok
                .as_ref()
                .is_none_or(|ok| ok[self.docs.report[d] as usize])
                && (q.themes.is_empty()
                    || self.docs.theme(d).is_some_and(|t| q.themes.contains(&t)))
        };
        let mut mask = vec![0u32; n];
        for ex in &q.excludes {
            for t in self.vocab.prefix_range(ex) {
                for &d in self.postings(t)?.0 {
                    mask[d as usize] |= EXCLUDED;
                }
            }
        }
        if q.terms.is_empty() {
            let all: Vec<usize> = (0..n)
                .filter(|&d| mask[d] & EXCLUDED == 0 && passes(d))
                .collect();
            res.complete = all.len();
            for d in all.into_iter().take(limit) {
                res.hits.push(self.hit(d, 0.0, Vec::new())?);
            }
            return Ok(res);
        }
        let exps = self.expand(q);
        if exps.iter().all(|e| e.stop) {
            res.notice = Some(Notice::OnlyStopWords(
                q.terms.iter().map(|t| t.text.clone()).collect(),
            ));
            return Ok(res);
        }
        if exps.iter().any(|e| e.required && e.list.is_empty()) {
            return Ok(res); // an exact word the corpus lacks
        }
        let live: Vec<usize> = (0..exps.len())
            .filter(|&i| !exps[i].list.is_empty())
            .collect();
        let (mut needed, mut required) = (0u32, 0u32);
        for (i, e) in exps.iter().enumerate() {
            if !e.stop {
                needed |= 1 << i;
            }
            if e.required {
                required |= 1 << i;
            }
        }
        let nneeded = needed.count_ones();
        if live.is_empty() {
            return Ok(res);
        }
        if live.iter().all(|&i| exps[i].stop) {
            res.notice = Some(Notice::OnlyStopWordsMatch {
                unmatched: (0..exps.len())
                    .filter(|&i| !exps[i].stop)
                    .map(|i| q.terms[i].text.clone())
                    .collect(),
                stop: (0..exps.len())
                    .filter(|&i| exps[i].stop)
                    .map(|i| q.terms[i].text.clone())
                    .collect(),
            });
            return Ok(res);
        }
        // Score paragraphs word by word: a word's best form per paragraph.
        let mut total = vec![0f32; n];
        let mut best = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut cands: Vec<u32> = Vec::new();
        // Read in place from a stored index: take the slices once.
        let doc_len: &[u16] = &self.docs.len;
        let (title_off, title_ctx): (&[u32], &[u32]) = (&self.title_off, &self.title_ctx);
        let (ctx_start, ctx_end): (&[u32], &[u32]) = (&self.ctx_start, &self.ctx_end);
        for &i in &live {
            let e = &exps[i];
            for &(t, w) in &e.list {
                let (docs, tfs) = self.postings(t)?;
                for (&d, &tf) in docs.iter().zip(tfs) {
                    let d = d as usize;
                    let tf = f32::from(tf);
                    let norm = 1.0 - BM25_B + BM25_B * f32::from(doc_len[d]) / self.avg_len;
                    let v = w * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm);
                    if v > best[d] {
                        if best[d] == 0.0 {
                            touched.push(d as u32);
                        }
                        best[d] = v;
                    }
                }
                let t = t as usize;
                for &c in &title_ctx[title_off[t] as usize..title_off[t + 1] as usize] {
                    let c = c as usize;
                    let (start, end) = (ctx_start[c] as usize, ctx_end[c] as usize);
                    let v = TITLE_WEIGHT * w;
                    for (d, slot) in best[start..end].iter_mut().enumerate() {
                        if v > *slot {
                            if *slot == 0.0 {
                                touched.push((start + d) as u32);
                            }
                            *slot = v;
                        }
                    }
                }
            }
            for &d in &touched {
                let d = d as usize;
                if mask[d] == 0 {
                    cands.push(d as u32);
                }
                total[d] += e.idf * best[d];
                mask[d] |= 1 << i;
                best[d] = 0.0;
            }
            touched.clear();
        }
        // Complete: every needed word; partial: the required ones and at least half the
        // needed ones (at least one).
        let min_partial = nneeded.div_ceil(2).max(1);
        let mut complete: Vec<Cand> = Vec::new();
        let mut partial: Vec<Cand> = Vec::new();
        for &d in &cands {
            let m = mask[d as usize];
            if m & EXCLUDED != 0 || m & required != required || !passes(d as usize) {
                continue;
            }
            let c = Cand {
                tier: 0,
                score: total[d as usize] * Weight::factor(self.docs.weight[d as usize]),
                doc: d,
            };
            let matched = (m & needed).count_ones();
            if m & needed == needed {
                complete.push(c);
            } else if matched >= min_partial && nneeded > 1 {
                partial.push(Cand { tier: matched, ..c });
            }
        }
        drop(total);
        let has_phrase = exps.iter().any(|e| e.phrase.is_some());
        let reader = Reader::new(self, &exps, &live);
        let (complete, complete_total) =
            self.rerank(complete, limit, has_phrase, &reader, &exps)?;
        res.complete = complete_total;
        let room = limit.saturating_sub(complete.len());
        let (mut partial, partial_total) =
            self.rerank(partial, room.max(1), has_phrase, &reader, &exps)?;
        res.partial = partial_total;
        partial.truncate(room);
        for (c, is_partial) in complete
            .into_iter()
            .map(|c| (c, false))
            .chain(partial.into_iter().map(|c| (c, true)))
        {
            let mut h = reader.hit(c.doc, c.score)?;
            h.partial = is_partial;
            res.hits.push(h);
        }
        Ok(res)
    }

    /// The best `limit` of `cands`, re-read for proximity and phrases, best first, and how
    /// many there are in all (those without a quoted phrase left out, as far as read).
    fn rerank(
        &self,
        mut cands: Vec<Cand>,
        limit: usize,
        has_phrase: bool,
        reader: &Reader<'_>,
        exps: &[Expanded],
    ) -> Result<(Vec<Cand>, usize), StoreError> {
        let by_score = |a: &Cand, b: &Cand| {
            b.tier
                .cmp(&a.tier)
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        };
        let mut total = cands.len();
        let pool = (limit * 3).max(100);
        if !has_phrase && cands.len() > pool {
            cands.select_nth_unstable_by(pool, by_score);
            cands.truncate(pool);
        }
        cands.sort_unstable_by(by_score);
        let mut out: Vec<Cand> = Vec::with_capacity(cands.len().min(pool));
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); exps.len()];
        for c in &cands {
            if has_phrase && out.len() >= pool {
                break;
            }
            reader.positions(c.doc, &mut positions)?;
            if has_phrase && !phrases_present(exps, &positions) {
                total -= 1;
                continue;
            }
            let prox = proximity(exps, &reader.live, &positions);
            out.push(Cand {
                score: c.score + prox * Weight::factor(self.docs.weight[c.doc as usize]),
                ..*c
            });
        }
        out.sort_unstable_by(by_score);
        out.truncate(limit);
        Ok((out, total))
    }

    /// Each query word expanded into corpus words.
    pub(super) fn expand(&self, q: &Query) -> Vec<Expanded> {
        let n = self.docs.len();
        let mut scratch = Scratch::default();
        let texts: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        let long_forms = self.acronyms.long_forms_in(&texts);
        let mut exps = Vec::with_capacity(q.terms.len());
        for (i, qt) in q.terms.iter().enumerate() {
            let acronym = qt.kind == TermKind::Fuzzy && !self.acronyms.lookup(&qt.text).is_empty();
            let mut list = Vec::new();
            if acronym {
                // The short form and its plural (its long forms are filed under it), and short
                // forms one letter longer or shorter (`CAMH` for `CAMHS`): never other words.
                list.extend(self.vocab.find(&qt.text).map(|t| (t, 1.0)));
                list.extend(self.vocab.find(&format!("{}s", qt.text)).map(|t| (t, 0.9)));
                let n = qt.text.len();
                for k in self.acronyms.keys() {
                    let near = (k.len() + 1 == n && qt.text.starts_with(k))
                        || (k.len() == n + 1 && k.starts_with(qt.text.as_str()));
                    if near && n >= 3 {
                        if let Some(t) = self.vocab.find(k) {
                            if !list.iter().any(|x| x.0 == t) {
                                list.push((t, 0.8));
                            }
                        }
                    }
                }
            } else if qt.kind == TermKind::Fuzzy && qt.upper {
                // Capitals: a short form being typed, else the word without typos.
                let prefix = self.vocab.prefix_range(&qt.text);
                let len = qt.text.chars().count() as f32;
                list.extend(
                    prefix
                        .filter(|&t| !self.acronyms.lookup(self.vocab.term(t)).is_empty())
                        .map(|t| {
                            (
                                t,
                                0.6 + 0.3 * len / self.vocab.term(t).chars().count() as f32,
                            )
                        }),
                );
                if list.is_empty() {
                    fuzzy::expand(
                        &self.vocab,
                        &self.post_off,
                        &qt.text,
                        TermKind::Exact,
                        &self.matcher,
                        &mut scratch,
                        &mut list,
                    );
                }
            } else {
                fuzzy::expand(
                    &self.vocab,
                    &self.post_off,
                    &qt.text,
                    qt.kind,
                    &self.matcher,
                    &mut scratch,
                    &mut list,
                );
                // The singular of a plural (`children` finds `child`).
                if qt.kind == TermKind::Fuzzy {
                    for stem in singulars(&qt.text) {
                        if let Some(t) = self.vocab.find(&stem) {
                            if !list.iter().any(|x| x.0 == t) {
                                list.push((t, STEM_WEIGHT));
                            }
                        }
                    }
                }
            }
            // Part of a long form the query spells out: its short form stands in.
            let mut via = Vec::new();
            if qt.kind == TermKind::Fuzzy {
                for &(start, len, id) in &long_forms {
                    if (start..start + len).contains(&i) {
                        let Some(e) = self.acronyms.get(id) else {
                            continue;
                        };
                        if let Some(t) = self.vocab.find(&e.key) {
                            if !list.iter().any(|x| x.0 == t) {
                                list.push((t, ACRONYM_WEIGHT));
                                via.push((t, id));
                            }
                        }
                    }
                }
            }
            let idf = list
                .first()
                .map(|&(t, _)| bm25_idf(n, fuzzy::df(&self.post_off, t)))
                .unwrap_or(0.0);
            exps.push(Expanded {
                list,
                idf,
                required: qt.kind != TermKind::Fuzzy,
                stop: qt.kind == TermKind::Fuzzy && !acronym && !qt.upper && is_stop_word(&qt.text),
                phrase: qt.phrase,
                acronym,
                via,
            });
        }
        exps
    }
}

/// Re-reads paragraphs for where the query's words are.
struct Reader<'a> {
    ix: &'a SearchIndex,
    /// Corpus word → (query word, weight) for every form of every query word.
    forms: FxHashMap<&'a str, Vec<(u8, f32)>>,
    /// Corpus words that stand in through an acronym, with the entry.
    via: FxHashMap<&'a str, u32>,
    /// Query words that are short forms.
    acronym_terms: u32,
    idf: Vec<f32>,
    live: Vec<usize>,
    buf: std::cell::RefCell<TokenBuf>,
}

impl<'a> Reader<'a> {
    fn new(ix: &'a SearchIndex, exps: &[Expanded], live: &[usize]) -> Reader<'a> {
        let mut forms: FxHashMap<&str, Vec<(u8, f32)>> = FxHashMap::default();
        let mut via = FxHashMap::default();
        let mut acronym_terms = 0;
        for &i in live {
            for &(t, w) in &exps[i].list {
                forms
                    .entry(ix.vocab.term(t))
                    .or_default()
                    .push((i as u8, w));
            }
            for &(t, id) in &exps[i].via {
                via.insert(ix.vocab.term(t), id);
            }
            if exps[i].acronym {
                acronym_terms |= 1 << i;
            }
        }
        Reader {
            ix,
            forms,
            via,
            acronym_terms,
            idf: exps.iter().map(|e| e.idf).collect(),
            live: live.to_vec(),
            buf: Default::default(),
        }
    }

    /// Word positions of each query word in doc `d`.
    fn positions(&self, d: u32, positions: &mut [Vec<u32>]) -> Result<(), StoreError> {
        for p in positions.iter_mut() {
            p.clear();
        }
        let text = self.ix.texts.get(d)?;
        let mut buf = self.buf.borrow_mut();
        self.ix.acronyms.tokenize(text, &mut buf, |t, _| {
            if let Some(fs) = self.forms.get(t.text) {
                for &(i, _) in fs {
                    let p = &mut positions[i as usize];
                    if p.last() != Some(&t.pos) {
                        p.push(t.pos);
                    }
                }
            }
        });
        for p in positions.iter_mut() {
            p.sort_unstable();
            p.dedup();
        }
        Ok(())
    }

    /// The hit for doc `d`: highlights, what each stands for, and the acronyms used.
    fn hit(&self, d: u32, score: f32) -> Result<Hit, StoreError> {
        let text = self.ix.texts.get(d)?;
        let mut ms: Vec<(Range<usize>, MatchWeight)> = Vec::new();
        let mut used: Vec<u32> = Vec::new();
        let mut buf = self.buf.borrow_mut();
        self.ix.acronyms.tokenize(text, &mut buf, |t, synthetic| {
            let Some(fs) = self.forms.get(t.text) else {
                return;
            };
            let mut w = MatchWeight {
                terms: 0,
                weight: 0.0,
            };
            for &(i, form) in fs {
                w.terms |= 1 << i;
                w.weight = w.weight.max(self.idf[i as usize] * form);
            }
            // A long form written out for a short form asked for; a short form written for
            // a long form spelt out.
            match synthetic {
                Some(id) if u32::from(w.terms) & self.acronym_terms != 0 => used.push(id),
                None => used.extend(self.via.get(t.text)),
                _ => {}
            }
            ms.push((t.start..t.end, w));
        });
        drop(buf);
        ms.sort_unstable_by_key(|m| m.0.start);
        let mut matches: Vec<Range<usize>> = Vec::with_capacity(ms.len());
        let mut weights: Vec<MatchWeight> = Vec::with_capacity(ms.len());
        for (m, w) in ms {
            match (matches.last_mut(), weights.last_mut()) {
                (Some(last), Some(lw)) if m.start <= last.end => {
                    last.end = last.end.max(m.end);
                    lw.terms |= w.terms;
                    lw.weight = lw.weight.max(w.weight);
                }
                _ => {
                    matches.push(m);
                    weights.push(w);
                }
            }
        }
        used.sort_unstable();
        used.dedup();
        let mut h = self.ix.hit(d as usize, score, matches)?;
        h.weights = weights;
        h.acronyms = used
            .into_iter()
            .filter_map(|id| self.ix.acronyms.get(id).cloned())
            .collect();
        Ok(h)
    }
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

/// The fewest words a stretch of text holding one position of each list spans.
fn min_span(lists: &[&[u32]]) -> Option<u32> {
    if lists.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut idx = vec![0usize; lists.len()];
    let mut best = u32::MAX;
    loop {
        let (mut lo, mut hi, mut lo_k) = (u32::MAX, 0, 0);
        for (k, l) in lists.iter().enumerate() {
            let p = l[idx[k]];
            if p < lo {
                lo = p;
                lo_k = k;
            }
            hi = hi.max(p);
        }
        best = best.min(hi - lo + 1);
        idx[lo_k] += 1;
        if idx[lo_k] >= lists[lo_k].len() {
            return Some(best);
        }
    }
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
    let mean = live.iter().map(|&i| exps[i].idf).sum::<f32>() / live.len().max(1) as f32;
    if chain && has_chain(live, pos) {
        bonus += PHRASE_WEIGHT * mean * live.len() as f32;
    }
    // All the (non-stop) words within a few words of each other.
    let content: Vec<&[u32]> = live
        .iter()
        .filter(|&&i| !exps[i].stop)
        .map(|&i| pos[i].as_slice())
        .collect();
    if content.len() >= 2 {
        if let Some(span) = min_span(&content) {
            let slack = span.saturating_sub(content.len() as u32) as f32;
            bonus += SPAN_WEIGHT * mean * content.len() as f32 / (1.0 + slack / 3.0);
        }
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
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn plurals() {
        assert_eq!(singulars("children"), ["child"]);
        assert_eq!(singulars("families"), ["family"]);
        assert_eq!(singulars("services"), ["servic", "service"]);
        assert_eq!(singulars("plans"), ["plan"]);
        assert!(singulars("process").is_empty());
        assert!(singulars("bus").is_empty());
    }

    #[test]
    fn spans() {
        assert_eq!(min_span(&[&[1, 10], &[12], &[3, 11]]), Some(3));
        assert_eq!(min_span(&[&[5], &[5]]), Some(1));
        assert_eq!(min_span(&[&[5], &[]]), None);
    }
}
