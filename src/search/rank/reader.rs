//! Re-reading a candidate paragraph: where each query word occurs (for proximity and phrases),
//! and the hit a front end shows (highlights, what each stands for, the acronyms used).

use super::expand::Expanded;
use crate::search::acronym::TokenBuf;
use crate::search::store::StoreError;
use crate::search::{Hit, MatchWeight, SearchIndex};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Re-reads paragraphs for where the query's words are.
pub(super) struct Reader<'a> {
    ix: &'a SearchIndex,
    /// Corpus word → (query word, weight) for every form of every query word.
    forms: FxHashMap<&'a str, Vec<(u8, f32)>>,
    /// Corpus words that stand in through an acronym, with the entry.
    via: FxHashMap<&'a str, u32>,
    /// Query words that are short forms.
    acronym_terms: u32,
    idf: Vec<f32>,
    pub(super) live: Vec<usize>,
    buf: std::cell::RefCell<TokenBuf>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(ix: &'a SearchIndex, exps: &[Expanded], live: &[usize]) -> Reader<'a> {
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
    pub(super) fn positions(&self, d: u32, positions: &mut [Vec<u32>]) -> Result<(), StoreError> {
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
    pub(super) fn hit(&self, d: u32, score: f32) -> Result<Hit, StoreError> {
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
