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
//!
//! The code: this module scores the candidates and re-ranks the best; `expand` turns the query's
//! words into corpus words, `reader` re-reads a paragraph for positions and highlights,
//! `proximity` scores words close together and checks phrases, `results` is the answer.

mod expand;
mod proximity;
mod reader;
mod results;

pub use results::{Notice, Results};

use super::index::{SearchIndex, Weight};
use super::store::StoreError;
use super::{Hit, Query};
use expand::Expanded;
use proximity::{phrases_present, proximity};
use reader::Reader;

/// Weight of a word found only in the context (council, section and subsection titles).
const TITLE_WEIGHT: f32 = 0.33;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

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
}
