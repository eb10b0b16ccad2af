//! Search: find the paragraph a user half remembers, in any report, as they type.
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
//! **What is searched.** Every searchable text of every report (`units`): front matter, every
//! section's "What we expect to see" (`4.E`, ranked as body text), every paragraph of every
//! section (numbered findings `3.18`, overview findings `O3`, areas for development `R5`,
//! introduction, methodology...), and overview findings and recommendations no section holds. The council's short name, the section title and the subsection (or the
//! theme heading of an area for development) are weak context: they count, at a third of a word
//! in the text.
//!
//! **What matches** (`rank`). Every word of the query, as in fzf: the word, words it begins,
//! words a typo or two away (by its length; a typo on the first letter counts as two, and a
//! word the corpus has is allowed one fewer: [`fuzzy`] has the rule, which the hits and the
//! reader's [`Highlighter`] share), its singular, and its acronym or long form ([`acronym`]: learnt from the
//! reports' own "long form (ACR)" and "ACR (long form)", plus a small built-in list). Hits that
//! lack a word come after all those that have them all, marked [`Hit::partial`]. Stop words are
//! never needed; a query of only stop words says so ([`Notice`]). An acronym never matches an
//! ordinary word by typo (`LAC` is not "lack").
//!
//! **How.** [`SearchIndex::new`] folds and splits every paragraph into words ([`token`]), adds the
//! short form of every long form written out, and keeps, per distinct word, the paragraphs that
//! have it (postings). A query word is matched against the distinct words, not the paragraphs
//! ([`fuzzy`]), each with a weight. Paragraphs are scored BM25-style (rare words like `EOTAS`
//! weigh more than `care`), with a word's best-weighted form, times a smaller weight for
//! methodology, acknowledgements and the like. The best few hundred are then re-read to reward
//! words close together and in the query's order, and to check quoted phrases. Cost is in the
//! postings of the query's words, never a scan of all text: at 100k paragraphs 0.1-6 ms of CPU
//! per keystroke (`examples/search_latency.rs`, `benches/search.rs`).
//!
//! **Pages.** A hit carries the PDF pages of its paragraph ([`Hit::pages`]), kept in the index
//! (and the stored file) beside the paragraph's other columns.
//!
//! **Snippets.** [`Hit::snippet`] shows the window with the most and rarest matched words
//! ([`Hit::weights`]), cut to a width, the highlight ranges moved into it.
//!
//! **Stored.** [`store`] writes the index as flat tables; the library keeps one (`search.bin`)
//! and maps it into memory, reading only what a search touches and checking each part when first
//! read, so `ciw search` over 1,000 reports takes about 10 ms of CPU, less than `rg -i` over the
//! same text (`benches/search_vs_rg.sh`). [`SearchIndex::share_texts`] lets a front end that holds
//! the corpus hold the paragraph texts once.
//!
//! **Syntax.** See [`query`]: words in any order, `'exact`, `'whole'`, `"a phrase"`, `!exclude`,
//! `in:swansea`, `theme:safeguarding`.
//!
//! **For the TUI.** [`SearchIndex`] is `Send + Sync` and immutable once built: build it once (or
//! on a worker thread) and call [`SearchIndex::try_search`] from any thread; the call takes
//! `&self` and allocates only for its scores and the hits. Hits are owned (`Arc<str>` texts), so
//! they can be sent back to the UI thread; drop results whose query is no longer the current one.
//!
//! The code, one concern per file: `index` (what is kept; `index/build` builds it, `index/texts`
//! holds the paragraph texts), `rank` (scoring and ordering; `rank/expand` expands the query's
//! words, `rank/reader` re-reads a paragraph, `rank/proximity` rewards words close together and
//! checks phrases, `rank/results` is the answer), [`acronym`], [`fuzzy`] (the vocabulary and
//! typo-tolerant lookup), [`token`], [`query`], [`snippet`](mod@snippet), `units` (what is
//! searchable in a report), [`store`] (the file: its layout, `store/write` and `store/read`),
//! `intern` and `table` (storage helpers).

pub mod acronym;
pub mod fuzzy;
pub mod highlight;
mod index;
mod intern;
pub mod query;
mod rank;
pub mod snippet;
pub mod store;
#[doc(hidden)]
pub mod synth;
mod table;
pub mod token;
mod units;

pub use acronym::{Acronym, Acronyms};
pub use highlight::Highlighter;
pub use index::SearchIndex;
pub use query::{Query, QueryTerm, TermKind};
pub use rank::{Notice, Results};
pub use snippet::{snippet, snippet_weighted, Snippet};

use crate::model::{Pages, Report, Theme};

/// Every searchable text of `r` with the id its hits cite (`3.18`, `front.1`, `O3`), in index
/// order: each is what `ciw show <report>#<id>` opens.
pub fn cited_texts(r: &Report) -> impl Iterator<Item = (String, &str)> {
    units::units(r).map(|u| (u.id, u.text))
}
use std::ops::Range;
use std::sync::Arc;

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
    /// Paragraph id: `3.18`, `O3`, `R5`, `introduction.2`, `4.E` (a section's "What we expect
    /// to see"), `front.1`.
    pub paragraph: Arc<str>,
    /// The section title as the report prints it.
    pub section: Arc<str>,
    /// The subsection heading (or, for an area for development, its theme heading).
    pub subsection: Option<Arc<str>>,
    pub theme: Option<Theme>,
    /// The PDF pages the paragraph is printed on; `None` for text without page breaks.
    pub pages: Option<Pages>,
    /// Higher is better; comparable within one search only.
    pub score: f32,
    /// The whole paragraph.
    pub text: Arc<str>,
    /// Byte ranges in `text` of the words that matched, sorted, not overlapping.
    pub matches: Vec<Range<usize>>,
    /// Position of the report in the corpus the index was built from.
    pub report_index: usize,
    /// True when the paragraph lacks one of the query's words (such hits come after all those
    /// that have every word).
    pub partial: bool,
    /// Per range of `matches`: which query words it stands for and how rare they are, so the
    /// snippet can show the most and rarest of them. Empty: every match counts the same.
    pub weights: Vec<MatchWeight>,
    /// Acronyms the match went through: the query's short form found written out, or its long
    /// form found as the short form.
    pub acronyms: Vec<Acronym>,
}

/// What one highlighted range of a hit stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchWeight {
    /// Query words matched, a bit each (query word `i` is bit `i`).
    pub terms: u16,
    /// The rarest of them: its inverse document frequency.
    pub weight: f32,
}

impl Hit {
    /// A one-line excerpt at most `width` columns wide around the matches.
    pub fn snippet(&self, width: usize) -> Snippet {
        snippet_weighted(&self.text, &self.matches, &self.weights, width)
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
    #[error("unknown council `{given}`; known: {}", known.join(", "))]
    UnknownAuthority { given: String, known: Vec<String> },
    #[error("unknown theme `{given}`; known: {}", Theme::ALL.map(|t| t.key()).join(", "))]
    UnknownTheme { given: String },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

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
            // Every hit with all the words first, best first; then those missing some.
            for pair in hits.windows(2) {
                proptest::prop_assert!(!pair[0].partial || pair[1].partial);
                if !pair[1].partial {
                    proptest::prop_assert!(pair[0].score >= pair[1].score);
                }
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
            pages: None,
            score: 1.0,
            text: "ŵyn and Ŵyn".into(),
            matches: vec![0..4, 9..13],
            report_index: 0,
            partial: false,
            weights: Vec::new(),
            acronyms: Vec::new(),
        };
        assert_eq!(h.char_matches(), [[0, 3], [8, 11]]);
    }
}
