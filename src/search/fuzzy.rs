//! The corpus vocabulary and typo-tolerant lookup of one query word in it.
//!
//! Each query word is matched against the distinct words of the corpus (tens of thousands of
//! short strings), never against whole paragraphs. [`expand`] is the one place that decides
//! which corpus words a query word stands for, so the hit list, its snippets and the reader's
//! highlighting ([`super::highlight::Highlighter`]) always mark the same words. A word
//! matches, best first, each with a weight in `(0, 1]` that ranking multiplies in:
//!
//! 1. **Itself** (1.0).
//! 2. **Words it begins**, from two letters (`safeguard` → `safeguarding`): 0.6 to 0.9, more
//!    the more of the word is typed.
//! 3. **Typos**, from four letters. A word of 4 to 7 letters may have one typo, of 8 or more
//!    two (Algolia's thresholds); a typo is an insertion, deletion, substitution or swap of two
//!    neighbours (optimal string alignment), in the whole word or in a word being typed
//!    (`plcem` → `placement`). Typos cost more where they mislead:
//!    - a typo on the **first letter counts as two** (as in Meilisearch): people rarely get the
//!      first letter wrong, and words that differ there are usually other words, so
//!      `stability` never matches `inability`, nor `care` `are`;
//!    - a query word the corpus itself has is taken as **spelt right** and allowed one typo
//!      fewer: `care` is not `core`, `stability` not `suitability`, yet a long word still
//!      finds its own misspelling (`stability` → `stabilty`).
//!
//!    One typo weighs 0.55, two 0.4 (a little less for a word being typed), so exact words and
//!    words begun rank above typos.
//! 4. **Abbreviations**, only when nothing above matched: words with the same first letter
//!    that SkimMatcherV2 scores highly (`sfgrdng` → `safeguarding`), at most 0.35.

use super::query::TermKind;
use super::table::Table;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::ops::Range;

/// At most this many corpus words stand in for one query word.
pub const MAX_EXPANSIONS: usize = 48;

/// Sorted distinct words with a character mask and length each, packed in one string; built in
/// memory or read in place from a stored index.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Vocab {
    text: Table<u8>,
    offsets: Table<u32>,
    masks: Table<u64>,
    lens: Table<u8>,
}

/// A bit per letter/digit present (other characters share one bit).
pub fn char_mask(s: &str) -> u64 {
    let mut m = 0u64;
    for c in s.chars() {
        m |= 1u64
            << match c {
                'a'..='z' => c as u32 - 'a' as u32,
                '0'..='9' => 26 + c as u32 - '0' as u32,
                _ => 63,
            };
    }
    m
}

impl Vocab {
    /// Builds from words already sorted and distinct.
    pub fn from_sorted<'a>(words: impl IntoIterator<Item = &'a str>) -> Vocab {
        let (mut text, mut offsets, mut masks, mut lens) =
            (Vec::new(), vec![0u32], Vec::new(), Vec::new());
        for w in words {
            text.extend_from_slice(w.as_bytes());
            offsets.push(text.len() as u32);
            masks.push(char_mask(w));
            lens.push(w.chars().count().min(255) as u8);
        }
        Vocab {
            text: text.into(),
            offsets: offsets.into(),
            masks: masks.into(),
            lens: lens.into(),
        }
    }

    /// The packed words, their offsets (`offsets[i]..offsets[i + 1]`), masks and lengths, for
    /// storing.
    pub(crate) fn parts(&self) -> (&[u8], &[u32], &[u64], &[u8]) {
        (&self.text, &self.offsets, &self.masks, &self.lens)
    }

    /// Rebuilds from [`Vocab::parts`]; `None` unless the offsets cut `text` into words and
    /// there is a mask and a length per word.
    pub(crate) fn from_parts(
        text: Table<u8>,
        offsets: Table<u32>,
        masks: Table<u64>,
        lens: Table<u8>,
    ) -> Option<Vocab> {
        // What reading needs to be safe: offsets that cut the text from its start to its end
        // (`term` checks each word is UTF-8). Order, masks and lengths only steer matching.
        let n = offsets.len().checked_sub(1)?;
        let ok = offsets.first() == Some(&0)
            && offsets.last().map(|&l| l as usize) == Some(text.len())
            && offsets.windows(2).all(|w| w[0] < w[1])
            && masks.len() == n
            && lens.len() == n;
        if !ok {
            return None;
        }
        Some(Vocab {
            text,
            offsets,
            masks,
            lens,
        })
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    pub fn term(&self, i: u32) -> &str {
        let b =
            &self.text[self.offsets[i as usize] as usize..self.offsets[i as usize + 1] as usize];
        // Checked when made: the words are UTF-8.
        std::str::from_utf8(b).unwrap_or_default()
    }

    fn lower_bound(&self, w: &str) -> u32 {
        let (mut lo, mut hi) = (0u32, self.len() as u32);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid) < w {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The id of a word, if the corpus has it.
    pub fn find(&self, w: &str) -> Option<u32> {
        let i = self.lower_bound(w);
        (i < self.len() as u32 && self.term(i) == w).then_some(i)
    }

    /// Ids of the words starting with `w` (including `w` itself).
    pub fn prefix_range(&self, w: &str) -> Range<u32> {
        let start = self.lower_bound(w);
        let mut end = start;
        while (end as usize) < self.len() && self.term(end).starts_with(w) {
            end += 1;
        }
        start..end
    }
}

/// Optimal string alignment distance between `q` and `t` (both whole), and the least distance
/// between `q` and any prefix of `t`; `None` for a value above `k`.
fn osa(
    q: &[char],
    t: &[char],
    k: usize,
    rows: &mut [Vec<usize>; 3],
) -> (Option<usize>, Option<usize>) {
    let m = t.len();
    for r in rows.iter_mut() {
        r.clear();
        r.resize(m + 1, 0);
    }
    for (j, v) in rows[1].iter_mut().enumerate() {
        *v = j;
    }
    // rows[0]: i-2, rows[1]: i-1, rows[2]: i
    for i in 1..=q.len() {
        rows[2][0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(q[i - 1] != t[j - 1]);
            let mut v = (rows[1][j] + 1)
                .min(rows[2][j - 1] + 1)
                .min(rows[1][j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == t[j - 2] && q[i - 2] == t[j - 1] {
                v = v.min(rows[0][j - 2] + 1);
            }
            rows[2][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return (None, None);
        }
        rows.rotate_left(1);
    }
    // After the last rotation the final row is rows[1].
    let last = &rows[1];
    let full = last[m];
    let prefix = last.iter().copied().min().unwrap_or(full);
    ((full <= k).then_some(full), (prefix <= k).then_some(prefix))
}

/// Reusable buffers for [`expand`].
#[derive(Default)]
pub struct Scratch {
    q: Vec<char>,
    t: Vec<char>,
    rows: [Vec<usize>; 3],
}

/// Typos allowed for a query word of `n` characters; one fewer for a word the corpus has.
fn max_typos(n: usize, known: bool) -> usize {
    let k = match n {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    k - usize::from(known && k > 0)
}

/// Weight of a word `typos` away from the query word.
fn typo_weight(typos: usize) -> f32 {
    if typos <= 1 {
        0.55
    } else {
        0.4
    }
}

/// Paragraphs with word `t`, from the postings offsets.
pub fn df(post_off: &[u32], t: u32) -> u32 {
    let t = t as usize;
    post_off[t + 1] - post_off[t]
}

/// Corpus words standing in for the query word `w`, with weights, best first (at most
/// [`MAX_EXPANSIONS`]), by the rule in the module doc. `post_off` (postings offsets per word)
/// breaks ties toward common words.
pub fn expand(
    vocab: &Vocab,
    post_off: &[u32],
    w: &str,
    kind: TermKind,
    matcher: &SkimMatcherV2,
    scratch: &mut Scratch,
    out: &mut Vec<(u32, f32)>,
) {
    out.clear();
    if w.is_empty() || vocab.is_empty() {
        return;
    }
    let known = vocab.find(w);
    if let Some(i) = known {
        out.push((i, 1.0));
    }
    if kind == TermKind::Whole {
        return;
    }
    scratch.q.clear();
    scratch.q.extend(w.chars());
    let n = scratch.q.len();
    let prefix = vocab.prefix_range(w);
    if n >= 2 {
        for i in prefix.clone() {
            let len = vocab.lens[i as usize] as usize;
            if len > n {
                out.push((i, 0.6 + 0.3 * n as f32 / len as f32));
            }
        }
    }
    if kind == TermKind::Fuzzy && n >= 4 {
        typos(vocab, w, known.is_some(), &prefix, scratch, out);
        if out.is_empty() {
            abbreviations(vocab, w, matcher, out);
        }
    }
    out.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(df(post_off, b.0).cmp(&df(post_off, a.0)))
            .then(a.0.cmp(&b.0))
    });
    out.truncate(MAX_EXPANSIONS);
}

/// Corpus words outside `prefix` (the words `w` begins) a few typos from `w`, whole or as a
/// word being typed, by the rule in the module doc; `known`: the corpus has `w` itself.
fn typos(
    vocab: &Vocab,
    w: &str,
    known: bool,
    prefix: &Range<u32>,
    scratch: &mut Scratch,
    out: &mut Vec<(u32, f32)>,
) {
    let n = scratch.q.len();
    let k = max_typos(n, known);
    if k == 0 {
        return;
    }
    let qmask = char_mask(w);
    let first = scratch.q[0];
    // Read in place from a stored index: take the slices once.
    let (lens, masks): (&[u8], &[u64]) = (&vocab.lens, &vocab.masks);
    for i in 0..vocab.len() as u32 {
        if prefix.contains(&i) {
            continue;
        }
        let len = lens[i as usize] as usize;
        if len + k < n {
            continue;
        }
        let missing = (qmask & !masks[i as usize]).count_ones() as usize;
        if missing > k {
            continue;
        }
        let term = vocab.term(i);
        // A typo on the first letter counts as two.
        let first_typo = usize::from(!term.starts_with(first));
        if first_typo > 0 && (k == 1 || len > n + k) {
            continue;
        }
        let budget = k - first_typo;
        scratch.t.clear();
        scratch.t.extend(term.chars());
        let (full, pre) = osa(&scratch.q, &scratch.t, budget, &mut scratch.rows);
        let weight = match (full, pre) {
            (Some(d), _) => typo_weight(d + first_typo),
            (None, Some(d)) => typo_weight(d + first_typo) * (0.75 + 0.25 * n as f32 / len as f32),
            (None, None) => continue,
        };
        out.push((i, weight));
    }
}

/// Corpus words `w` abbreviates (`sfgrdng` → `safeguarding`): every letter of `w` in them, in
/// order, the same first letter, scored highly by SkimMatcherV2.
fn abbreviations(vocab: &Vocab, w: &str, matcher: &SkimMatcherV2, out: &mut Vec<(u32, f32)>) {
    let n = w.chars().count();
    let qmask = char_mask(w);
    let Some(first) = w.chars().next() else {
        return;
    };
    let perfect = matcher.fuzzy_match(w, w).unwrap_or(1).max(1) as f32;
    for i in 0..vocab.len() as u32 {
        let len = vocab.lens[i as usize] as usize;
        if qmask & !vocab.masks[i as usize] != 0 || len > 3 * n {
            continue;
        }
        let term = vocab.term(i);
        if !term.starts_with(first) {
            continue;
        }
        if let Some(s) = matcher.fuzzy_match(term, w) {
            let ratio = (s as f32 / perfect).min(1.0);
            if ratio >= 0.5 {
                out.push((i, 0.35 * ratio));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut w: Vec<&str> = words.to_vec();
        w.sort();
        w.dedup();
        Vocab::from_sorted(w)
    }

    fn run(v: &Vocab, w: &str, kind: TermKind) -> Vec<(String, f32)> {
        let df: Vec<u32> = (0..=v.len() as u32).collect();
        let mut out = Vec::new();
        expand(
            v,
            &df,
            w,
            kind,
            &SkimMatcherV2::default(),
            &mut Scratch::default(),
            &mut out,
        );
        out.into_iter()
            .map(|(i, w)| (v.term(i).to_string(), w))
            .collect()
    }

    #[test]
    fn distances() {
        let mut rows = Default::default();
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            osa(&c("stabilty"), &c("stability"), 2, &mut rows),
            (Some(1), Some(1))
        );
        assert_eq!(
            osa(&c("palcement"), &c("placement"), 2, &mut rows).0,
            Some(1)
        );
        assert_eq!(
            osa(&c("plcem"), &c("placement"), 1, &mut rows),
            (None, Some(1))
        );
        assert_eq!(osa(&c("abcd"), &c("wxyz"), 1, &mut rows), (None, None));
    }

    #[test]
    fn expansions() {
        let v = vocab(&[
            "placement",
            "placements",
            "place",
            "stability",
            "stable",
            "safeguarding",
            "iro",
            "pro",
            "eotas",
        ]);
        let r = run(&v, "plcement", TermKind::Fuzzy);
        assert_eq!(r[0].0, "placement");
        assert!(r.iter().any(|x| x.0 == "placements"));
        let r = run(&v, "stabilty", TermKind::Fuzzy);
        assert_eq!(r[0].0, "stability");
        let r = run(&v, "safeguard", TermKind::Fuzzy);
        assert_eq!(r[0].0, "safeguarding");
        let r = run(&v, "sfgrdng", TermKind::Fuzzy);
        assert_eq!(r[0].0, "safeguarding");
        // Three letters: no typos, so IRO does not become "pro".
        let r = run(&v, "iro", TermKind::Fuzzy);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0], ("iro".to_string(), 1.0));
        let r = run(&v, "place", TermKind::Whole);
        assert_eq!(r.len(), 1);
        let r = run(&v, "place", TermKind::Exact);
        assert_eq!(r.len(), 3);
        assert!(run(&v, "", TermKind::Fuzzy).is_empty());
    }

    fn words(v: &Vocab, w: &str) -> Vec<String> {
        run(v, w, TermKind::Fuzzy)
            .into_iter()
            .map(|x| x.0)
            .collect()
    }

    #[test]
    fn a_typo_on_the_first_letter_counts_as_two() {
        let v = vocab(&["inability", "stability", "are", "core", "care"]);
        // Two substitutions, one of them the first letter: three typos, over the two allowed.
        assert_eq!(words(&v, "stability"), ["stability"]);
        assert_eq!(words(&v, "inability"), ["inability"]);
        // Four letters allow one typo, never on the first letter.
        assert!(!words(&v, "cxre").contains(&"are".to_string()));
        assert_eq!(words(&vocab(&["are"]), "bare"), Vec::<String>::new());
        // Nine letters allow two: a swap of the first two letters is one typo counted twice.
        assert_eq!(words(&vocab(&["stability"]), "tsability"), ["stability"]);
        assert_eq!(max_typos(3, false), 0);
        assert_eq!((max_typos(4, false), max_typos(7, false)), (1, 1));
        assert_eq!(max_typos(8, false), 2);
    }

    #[test]
    fn a_word_the_corpus_has_is_spelt_right() {
        let v = vocab(&[
            "care",
            "core",
            "case",
            "stability",
            "suitability",
            "stabilty",
        ]);
        assert_eq!(words(&v, "care"), ["care"]);
        // A long word still finds its own misspelling, one typo away, not another word two away.
        let w = words(&v, "stability");
        assert_eq!(w, ["stability", "stabilty"]);
        // Misspelt, it may be two typos from a word.
        let v = vocab(&["care", "core", "suitability", "stability"]);
        assert_eq!(words(&v, "cere"), ["care", "core"]);
        assert!(words(&v, "stabilaty").contains(&"stability".to_string()));
    }

    #[test]
    fn misspellings_find_their_word() {
        let v = vocab(&[
            "safeguarding",
            "safeguard",
            "placement",
            "placements",
            "place",
        ]);
        assert_eq!(words(&v, "safegaurding")[0], "safeguarding");
        assert_eq!(words(&v, "placment")[..2], ["placement", "placements"]);
        assert_eq!(words(&v, "plcem")[..2], ["placement", "placements"]);
    }

    #[test]
    fn exact_then_words_begun_then_typos_then_abbreviations() {
        let v = vocab(&["carer", "carers", "caterer", "career", "cater"]);
        let r = run(&v, "carer", TermKind::Fuzzy);
        assert_eq!(r[0], ("carer".to_string(), 1.0));
        assert_eq!(r[1].0, "carers");
        // "carer" is a corpus word: its typos are not (no `cater`, `career`).
        assert_eq!(r.len(), 2);
        // "care" is not: the words it begins come first, then its typos.
        let r = run(&v, "care", TermKind::Fuzzy);
        let begun = r.iter().take_while(|x| x.0.starts_with("care")).count();
        assert_eq!(begun, 3, "{r:?}");
        assert!(r[..begun].iter().all(|x| x.1 >= 0.6), "{r:?}");
        assert!(r[begun..].iter().all(|x| x.1 < 0.6), "{r:?}");
        assert!(r[begun..].iter().any(|x| x.0 == "cater"), "{r:?}");
        // An abbreviation only when nothing else matches.
        let v = vocab(&["safeguarding", "safeguards"]);
        let r = run(&v, "sfgrdng", TermKind::Fuzzy);
        assert_eq!(r.len(), 1);
        assert!(r[0].1 <= 0.35, "{r:?}");
    }
}
