//! Typo tolerance over the two sample reports, as a user sees it: which paragraphs a misspelt
//! word finds, and which words the hits highlight. The rule is `ciw::search::fuzzy`'s.

use ciw::corpus::Corpus;
use ciw::search::{Hit, Query, SearchIndex};

/// Every highlighted word of the hits for `q`, lower-cased, sorted and distinct.
fn highlighted(ix: &SearchIndex, q: &str) -> (Vec<Hit>, Vec<String>) {
    let hits = ix.search(&Query::parse(q), 1000);
    let mut words: Vec<String> = hits
        .iter()
        .flat_map(|h| h.matches.iter().map(|m| h.text[m.clone()].to_lowercase()))
        .collect();
    words.sort();
    words.dedup();
    (hits, words)
}

#[test]
fn stability_is_not_inability() {
    let ix = SearchIndex::new(&Corpus::samples());
    let (hits, words) = highlighted(&ix, "stability");
    assert_eq!(words, ["stability"]);
    assert!(hits.iter().all(|h| !h.partial));
    // The paragraph that has both is found for "stability" and marked there only.
    let both = hits
        .iter()
        .find(|h| h.text.contains("inability"))
        .expect("the paragraph with both words");
    assert!(both
        .matches
        .iter()
        .all(|m| &both.text[m.clone()] == "stability"));
    // The reader's highlighter marks the same.
    let h = ix.highlighter(&Query::parse("stability"));
    assert!(!h.contains("inability") && h.contains("stability"));
}

#[test]
fn misspellings_still_find_their_words() {
    let ix = SearchIndex::new(&Corpus::samples());
    for (q, want) in [
        ("safegaurding", "safeguarding"),
        ("placment", "placement"),
        ("stabilty", "stability"),
    ] {
        let (hits, words) = highlighted(&ix, q);
        assert!(!hits.is_empty(), "{q}");
        assert!(words.iter().any(|w| w == want), "{q}: {words:?}");
        assert!(
            words.iter().all(|w| w.starts_with(&want[..4])),
            "{q}: {words:?}"
        );
        assert!(
            ix.highlighter(&Query::parse(q)).contains(want),
            "{q}: highlighter"
        );
    }
}

#[test]
fn a_word_spelt_right_is_not_another_word() {
    let ix = SearchIndex::new(&Corpus::samples());
    // "care" begins "carer" and "carers"; it is not "core", "case" or "are".
    let (_, words) = highlighted(&ix, "care");
    assert!(words.iter().all(|w| w.starts_with("care")), "{words:?}");
    let (_, words) = highlighted(&ix, "plan");
    assert!(words.iter().all(|w| w.starts_with("plan")), "{words:?}");
}
