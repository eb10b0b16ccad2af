//! Ranking: a query's words expanded into corpus words, paragraphs scored BM25-style from the
//! postings, the best re-read for proximity and phrases.

use super::fuzzy::Scratch;
use super::index::SearchIndex;
use super::{token, Hit, Query, TermKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Weight of a word found only in the context (council, section and subsection titles).
const TITLE_WEIGHT: f32 = 0.33;
/// Weight of two query words next to each other (in order) in a paragraph, times their idf.
const PAIR_WEIGHT: f32 = 0.7;
/// Extra weight when all query words appear as one phrase, times their mean idf.
const PHRASE_WEIGHT: f32 = 0.6;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

fn bm25_idf(n: usize, df: u32) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl SearchIndex {
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
            self.expand_term(qt, &mut scratch, &mut list);
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
        let mut forms: FxHashMap<&str, Vec<(u8, f32)>> = FxHashMap::default();
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
                let matches = self.match_ranges(d as usize, &forms);
                self.hit(d as usize, score, matches)
            })
            .collect()
    }

    fn match_ranges(&self, d: usize, forms: &FxHashMap<&str, Vec<(u8, f32)>>) -> Vec<Range<usize>> {
        super::highlight::word_ranges(self.texts.get(d as u32), |w| forms.contains_key(w))
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
