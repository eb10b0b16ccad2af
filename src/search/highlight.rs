//! The words a query matched, for highlighting them in any paragraph a front end shows (the
//! reader after opening a hit, the comparison), not only in the hits themselves — as `less`
//! highlights every match of its pattern.
//!
//! [`SearchIndex::highlighter`] expands the query's words into corpus words exactly as
//! [`SearchIndex::search`] does (typos, prefixes, singulars, acronyms), so the reader highlights
//! the same words the hit list did; [`Highlighter::ranges`] finds them in a text with the same
//! tokenizer (a long form written out is highlighted whole when its short form is one of them).
//! Excluded words (`!foster`) and filters (`in:`, `theme:`) are not highlighted.

use super::acronym::{Acronyms, TokenBuf};
use super::{token, Query, SearchIndex};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::Arc;

/// The folded corpus words a query stands for. Cheap to clone and to send between threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighter {
    words: FxHashSet<String>,
    /// The acronyms among `words`, to find their long forms written out.
    acronyms: Arc<Acronyms>,
}

impl SearchIndex {
    /// What to highlight for `q`: every corpus word its words expand to.
    pub fn highlighter(&self, q: &Query) -> Highlighter {
        let words: FxHashSet<String> = self
            .expand(q)
            .iter()
            .flat_map(|e| e.list.iter())
            .map(|&(t, _)| self.vocab.term(t).to_string())
            .collect();
        let acronyms = Arc::new(self.acronyms.only(|key| words.contains(key)));
        Highlighter { words, acronyms }
    }
}

impl Highlighter {
    /// Highlights exactly these words (folded as [`token`] folds them: `placement`, `iro`).
    pub fn from_words<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Highlighter {
        Highlighter {
            words: words.into_iter().map(|w| w.as_ref().to_string()).collect(),
            acronyms: Arc::default(),
        }
    }

    /// Nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the folded word `w` is one to highlight.
    pub fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// Byte ranges in `text` of the words to highlight, sorted, merged where they touch.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.words.is_empty() {
            return Vec::new();
        }
        if self.acronyms.is_empty() {
            return word_ranges(text, |w| self.words.contains(w));
        }
        let mut ms: Vec<Range<usize>> = Vec::new();
        self.acronyms
            .tokenize(text, &mut TokenBuf::default(), |t, _| {
                if self.words.contains(t.text) {
                    ms.push(t.start..t.end);
                }
            });
        merge(ms)
    }
}

/// Byte ranges of the words of `text` (as [`token::tokenize`] finds them, joined forms
/// included) for which `wanted` holds, sorted, overlapping ones merged.
pub fn word_ranges(text: &str, mut wanted: impl FnMut(&str) -> bool) -> Vec<Range<usize>> {
    let (mut a, mut b) = (String::new(), String::new());
    let mut ms: Vec<Range<usize>> = Vec::new();
    token::tokenize(text, &mut a, &mut b, |t| {
        if wanted(t.text) {
            ms.push(t.start..t.end);
        }
    });
    merge(ms)
}

/// `ms` sorted, overlapping ones merged.
fn merge(mut ms: Vec<Range<usize>>) -> Vec<Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn index() -> SearchIndex {
        SearchIndex::new(&Corpus::samples())
    }

    fn words_of<'t>(text: &'t str, h: &Highlighter) -> Vec<&'t str> {
        h.ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn the_reader_highlights_what_the_hit_list_did() {
        let ix = index();
        let q = Query::parse("placement stability");
        let h = ix.highlighter(&q);
        for hit in ix.search(&q, 20) {
            assert_eq!(h.ranges(&hit.text), hit.matches, "{}", hit.link);
        }
    }

    #[test]
    fn acronyms_highlight_their_long_forms_written_out() {
        let ix = index();
        let q = Query::parse("CSE");
        let h = ix.highlighter(&q);
        for hit in ix.search(&q, 20) {
            assert_eq!(h.ranges(&hit.text), hit.matches, "{}", hit.link);
        }
        let text = "A child sexual exploitation co-ordinator, and CSE panels.";
        assert_eq!(words_of(text, &h), ["child sexual exploitation", "CSE"]);
    }

    #[test]
    fn typos_and_prefixes_highlight_the_words_found() {
        let ix = index();
        let h = ix.highlighter(&Query::parse("plcement stabilty"));
        let text = "Placement stability was poor; placements broke down. Stable homes.";
        let w = words_of(text, &h);
        assert!(
            w.contains(&"Placement") && w.contains(&"stability"),
            "{w:?}"
        );
        assert!(w.contains(&"placements"), "{w:?}");
        assert!(!w.contains(&"poor"), "{w:?}");
    }

    #[test]
    fn a_word_is_not_highlighted_in_another_that_differs_at_its_start() {
        let ix = index();
        let q = Query::parse("stability");
        let h = ix.highlighter(&q);
        let text = "The lack of placement choice, stability and its inability to implement.";
        assert_eq!(words_of(text, &h), ["stability"]);
        for hit in ix.search(&q, 20) {
            assert_eq!(h.ranges(&hit.text), hit.matches, "{}", hit.link);
        }
    }

    #[test]
    fn excludes_and_filters_are_not_highlighted() {
        let ix = index();
        let h = ix.highlighter(&Query::parse("care !foster in:swansea theme:safeguarding"));
        let text = "Foster care in Swansea: safeguarding.";
        assert_eq!(words_of(text, &h), ["care"]);
        assert!(index().highlighter(&Query::parse("")).is_empty());
        assert!(index().highlighter(&Query::parse("in:swansea")).is_empty());
    }

    #[test]
    fn ranges_are_sorted_merged_and_on_char_boundaries() {
        let h = Highlighter::from_words(["well", "being", "wellbeing", "wyn"]);
        let text = "Their well-being, Ŵyn's wellbeing.";
        let r = h.ranges(text);
        assert_eq!(
            r.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["well-being", "Ŵyn", "wellbeing"]
        );
        assert!(r.windows(2).all(|w| w[0].end < w[1].start));
        assert!(Highlighter::default().ranges(text).is_empty());
        assert!(h.contains("wyn") && !h.contains("their"));
    }
}
