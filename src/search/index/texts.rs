//! Where the paragraph texts are: built here, read in place from a stored index (each block
//! checked when first read), or read from the corpus the index was built from
//! ([`SearchIndex::share_texts`]), so a front end that holds the corpus holds the text once.

use super::SearchIndex;
use crate::corpus::Corpus;
use crate::search::intern::Packed;
use crate::search::store::StoreError;
use crate::search::table::{Blocks, Table};
use crate::search::units::{text_at, units, Place};
use std::sync::Arc;

/// Where the paragraph texts are: built here, read in place from a stored index, or (to hold
/// them once in memory) in the corpus the index was built from or checked against; see
/// [`SearchIndex::share_texts`].
#[derive(Debug, Clone)]
pub(in crate::search) enum Texts {
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
pub(in crate::search) const TEXT_BLOCK: usize = 1 << 12;

impl Texts {
    /// Doc `d`'s text; an error when it is stored and damaged.
    pub(in crate::search) fn get(&self, d: u32) -> Result<&str, StoreError> {
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

    pub(in crate::search) fn len(&self) -> usize {
        match self {
            Texts::Packed(p) => p.len(),
            Texts::Stored { off, .. } => off.len().saturating_sub(1),
            Texts::Corpus { at, .. } => at.len(),
        }
    }
}

/// The checksum of one block.
pub(in crate::search) fn blocks_sum(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// Every searchable text of `corpus`, in index (doc) order.
pub(in crate::search) fn corpus_texts(corpus: &Corpus) -> impl Iterator<Item = &str> {
    corpus.reports.iter().flat_map(|r| units(r).map(|u| u.text))
}

/// Report and place of every searchable text of `corpus`, in doc order.
pub(in crate::search) fn corpus_positions(corpus: &Corpus) -> Vec<(u32, Place)> {
    let mut at = Vec::new();
    for (ri, r) in corpus.reports.iter().enumerate() {
        at.extend(units(r).map(|u| (ri as u32, u.place)));
    }
    at
}

impl SearchIndex {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{store, Query};

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
