//! A query's words expanded into corpus words, each with a weight: typos and prefixes through
//! the vocabulary ([`fuzzy`]), singulars of plurals, acronyms and their long forms; stop words
//! marked as not needed for a hit.

use crate::search::fuzzy::{self, Scratch};
use crate::search::{Query, SearchIndex, TermKind};

/// Weight of a short form standing in for a long form the query spells out, and of a long
/// form for a short one.
const ACRONYM_WEIGHT: f32 = 0.95;
/// Weight of the singular of a plural query word.
const STEM_WEIGHT: f32 = 0.75;

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

/// One query word, expanded.
pub(in crate::search) struct Expanded {
    /// Corpus words standing in for it, with weights, best first.
    pub(in crate::search) list: Vec<(u32, f32)>,
    pub(super) idf: f32,
    /// Must be in every hit, partial ones too (`'exact`, `"phrase"`).
    pub(super) required: bool,
    /// A stop word: not needed for a hit.
    pub(super) stop: bool,
    pub(super) phrase: Option<u16>,
    /// The query word is a known short form.
    pub(super) acronym: bool,
    /// Words of `list` that stand in through an acronym (the short form of a long form the
    /// query spells out), with the entry.
    pub(super) via: Vec<(u32, u32)>,
}

impl SearchIndex {
    /// Each query word expanded into corpus words.
    pub(in crate::search) fn expand(&self, q: &Query) -> Vec<Expanded> {
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
}
