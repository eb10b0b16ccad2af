//! Acronyms, both ways: a table of short forms and what they stand for, learnt from the corpus
//! itself and filled in from a small built-in list of the field's common terms.
//!
//! **Learnt.** Reports define their acronyms inline, either way round: "child sexual exploitation
//! (CSE)" or "PLO (Public Law Outline)". [`Acronyms::learn`] reads every paragraph for a
//! parenthesis next to a word in capitals and keeps the definition when the long form's words
//! give the short form's letters in order: every word but a short joining word ("and", "of",
//! "the"...) gives its first letter, so "Independent Reviewing Officer (IRO)" and "Information,
//! Advice and Assistance (IAA)" are definitions and "the PARIS (database)" is not.
//!
//! **Built in.** [`BUILT_IN`] names a few dozen terms of Welsh children's services (LAC/CLA, CP,
//! CIN, IRO, EOTAS, IAA, MASH, SSWBA...). One is used only when no report defines its short form,
//! and is marked as such ([`Source::BuiltIn`]).
//!
//! **Used.** Wherever a long form is written out, the index also files the paragraph under the
//! short form ([`Acronyms::tokenize`] adds it as one more word, spanning the long form), so `CSE`
//! finds "child sexual exploitation co-ordinator"; a query that spells a long form out also
//! finds its short form ([`Acronyms::long_forms_in`]).

use super::token::{self, Token};
use crate::text::fold;
use rustc_hash::FxHashMap;

/// Where an entry of the table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Defined in at least one report.
    Corpus,
    /// From [`BUILT_IN`]: no report defines this short form.
    BuiltIn,
}

/// One short form and one thing it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acronym {
    /// As printed, e.g. `CSE`.
    pub short: String,
    /// As first printed, e.g. `child sexual exploitation`.
    pub long: String,
    pub source: Source,
    /// Paragraphs that define it this way (0 for a built-in one).
    pub defined: u32,
    /// Where it is first defined: report index and doc (paragraph) number in the index.
    pub first: Option<u32>,
    /// The short form folded (`cse`), and the long form's words folded.
    pub(crate) key: String,
    pub(crate) words: Vec<String>,
}

/// Common acronyms of Welsh children's services, used where no report defines them.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("ACEs", "adverse childhood experiences"),
    ("ALN", "additional learning needs"),
    ("CAMHS", "child and adolescent mental health services"),
    ("CIN", "children in need"),
    ("CIW", "Care Inspectorate Wales"),
    ("CLA", "children looked after"),
    ("CP", "child protection"),
    ("CPR", "child protection register"),
    ("CSE", "child sexual exploitation"),
    ("CSSIW", "Care and Social Services Inspectorate Wales"),
    ("EDT", "emergency duty team"),
    ("EOTAS", "education other than at school"),
    ("EOTAS", "educated other than at school"),
    ("FGC", "family group conference"),
    ("IAA", "information, advice and assistance"),
    ("IFSS", "integrated family support service"),
    ("IRO", "independent reviewing officer"),
    ("LAC", "looked after children"),
    ("LSCB", "local safeguarding children board"),
    ("MARAC", "multi-agency risk assessment conference"),
    ("MASH", "multi-agency safeguarding hub"),
    ("NEET", "not in education, employment or training"),
    ("NQSW", "newly qualified social worker"),
    ("NYAS", "National Youth Advocacy Service"),
    ("PA", "personal adviser"),
    ("PA", "personal advisor"),
    ("PLO", "public law outline"),
    ("PRU", "pupil referral unit"),
    ("RSB", "regional safeguarding board"),
    ("SGO", "special guardianship order"),
    ("SSWBA", "Social Services and Well-being (Wales) Act"),
    ("TAF", "team around the family"),
    ("UASC", "unaccompanied asylum seeking children"),
    ("YOS", "youth offending service"),
    ("YOT", "youth offending team"),
];

/// Joining words a long form may skip when giving its letters ("Team Around the Family").
const JOINERS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

/// Long forms are at most this many words.
const MAX_LONG_WORDS: usize = 12;

/// The table: short forms and their long forms, and the index of long forms by their last word
/// for [`Acronyms::tokenize`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acronyms {
    entries: Vec<Acronym>,
    /// Entry ids per folded short form.
    by_key: FxHashMap<String, Vec<u32>>,
    /// Entry ids per last word of the long form.
    by_last: FxHashMap<String, Vec<u32>>,
    /// Longest long form, in words.
    longest: usize,
}

/// Is `w` (as printed, plural `s` allowed) written like an acronym: two to eight letters or
/// digits, at least two capitals, no lower case but a final `s`? Returns it without the `s`.
pub fn acronym_shape(w: &str) -> Option<&str> {
    let w = w
        .strip_suffix(['\'', '’'])
        .unwrap_or(w)
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let w = w
        .strip_suffix('s')
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(w);
    let n = w.chars().count();
    let caps = w.chars().filter(|c| c.is_uppercase()).count();
    let first_cap = w.chars().next().is_some_and(|c| c.is_uppercase());
    (first_cap
        && (2..=8).contains(&n)
        && caps >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&'))
    .then_some(w)
}

/// The letters of an acronym, folded (`B&B` → `bb`).
fn letters(short: &str) -> Vec<char> {
    fold(short)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `words` (folded, in order) spell `letters`: each word gives its first letter, or is
/// a joining word and gives nothing; the first word must give one. All of `words` are used.
fn spells(letters: &[char], words: &[String]) -> bool {
    fn go(l: &[char], w: &[String], first: bool) -> bool {
        match (l.first(), w.first()) {
            (None, None) => true,
            (_, None) => false,
            (l0, Some(w0)) => {
                let joiner = !first && JOINERS.contains(&w0.as_str());
                if l0.is_some_and(|c| w0.starts_with(*c)) && go(&l[1..], &w[1..], false) {
                    return true;
                }
                joiner && go(l, &w[1..], false)
            }
        }
    }
    !letters.is_empty() && words.len() >= 2 && go(letters, words, true)
}

/// Folded words of `s` (no joined forms), with their byte ranges.
fn words_of(s: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let (mut a, mut b) = (String::new(), String::new());
    token::tokenize(s, &mut a, &mut b, |t| {
        if !t.compound {
            out.push((t.text.to_string(), t.start, t.end));
        }
    });
    out
}

/// Definitions in one text: (short as printed, long form as printed, long form's words).
pub fn definitions(text: &str) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        from = open + 1;
        let Some(close) = text[open + 1..].find([')', '(']).map(|i| open + 1 + i) else {
            break;
        };
        if text.as_bytes()[close] != b')' {
            continue;
        }
        let inner = text[open + 1..close]
            .trim()
            .trim_matches(['\'', '"', '‘', '’', '“', '”']);
        // "long form (ACR)": the words before, back to a sentence break, that spell it.
        if let Some(short) = acronym_shape(inner) {
            let ls = letters(short);
            let start = text[..open]
                .rfind(['.', ';', ':', '(', ')', '\n'])
                .map_or(0, |i| i + 1);
            let before = words_of(&text[start..open]);
            let lo = before.len().saturating_sub(MAX_LONG_WORDS);
            // The shortest tail that spells it.
            let found = (lo..before.len()).rev().find(|&k| {
                let ws: Vec<String> = before[k..].iter().map(|w| w.0.clone()).collect();
                spells(&ls, &ws)
            });
            if let Some(k) = found {
                let long = &text[start + before[k].1..start + before[before.len() - 1].2];
                let ws = before[k..].iter().map(|w| w.0.clone()).collect();
                out.push((short.to_string(), long.to_string(), ws));
            }
            continue;
        }
        // "ACR (long form)": the word right before the parenthesis.
        let head = text[..open].trim_end();
        let word_start = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '&'))
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
        if let Some(short) = acronym_shape(&head[word_start..]) {
            let ws: Vec<String> = words_of(inner).into_iter().map(|w| w.0).collect();
            if ws.len() <= MAX_LONG_WORDS && spells(&letters(short), &ws) {
                out.push((short.to_string(), inner.to_string(), ws));
            }
        }
    }
    out
}

impl Acronyms {
    /// The table from the definitions in `texts` (doc number and text, in doc order), then
    /// [`BUILT_IN`] for short forms none of them defines.
    pub fn learn<'a>(texts: impl IntoIterator<Item = (u32, &'a str)>) -> Acronyms {
        let mut t = Acronyms::default();
        for (doc, text) in texts {
            if !text.contains('(') {
                continue;
            }
            for (short, long, words) in definitions(text) {
                t.add(short, long, words, Source::Corpus, Some(doc));
            }
        }
        for (short, long) in BUILT_IN {
            let key: String = letters(short).into_iter().collect();
            if t.by_key.get(&key).is_some_and(|ids| {
                ids.iter()
                    .any(|&i| t.entries[i as usize].source == Source::Corpus)
            }) {
                continue;
            }
            let words = words_of(long).into_iter().map(|w| w.0).collect();
            t.add(
                short.to_string(),
                long.to_string(),
                words,
                Source::BuiltIn,
                None,
            );
        }
        t
    }

    fn add(
        &mut self,
        short: String,
        long: String,
        words: Vec<String>,
        source: Source,
        doc: Option<u32>,
    ) {
        let key: String = letters(&short).into_iter().collect();
        if key.is_empty() || words.len() < 2 {
            return;
        }
        if let Some(ids) = self.by_key.get(&key) {
            if let Some(&i) = ids
                .iter()
                .find(|&&i| self.entries[i as usize].words == words)
            {
                let e = &mut self.entries[i as usize];
                e.defined += u32::from(doc.is_some());
                return;
            }
        }
        let id = self.entries.len() as u32;
        self.by_key.entry(key.clone()).or_default().push(id);
        if let Some(last) = words.last() {
            self.by_last.entry(last.clone()).or_default().push(id);
        }
        self.longest = self.longest.max(words.len());
        self.entries.push(Acronym {
            short,
            long,
            source,
            defined: u32::from(doc.is_some()),
            first: doc,
            key,
            words,
        });
    }

    /// Every entry: those defined in the reports first (most often defined first), then the
    /// built-in ones, each group by short form.
    pub fn entries(&self) -> Vec<&Acronym> {
        let mut v: Vec<&Acronym> = self.entries.iter().collect();
        v.sort_by(|a, b| {
            (a.source as u8)
                .cmp(&(b.source as u8))
                .then(a.key.cmp(&b.key))
                .then(b.defined.cmp(&a.defined))
                .then(a.long.cmp(&b.long))
        });
        v
    }

    /// The entry with this id.
    pub fn get(&self, id: u32) -> Option<&Acronym> {
        self.entries.get(id as usize)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry ids for a folded short form (`cse`).
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The entries whose folded short form passes `keep`, as a table of their own.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> Acronyms {
        Acronyms::from_entries(
            self.entries
                .iter()
                .filter(|e| keep(&e.key))
                .cloned()
                .collect(),
        )
    }

    /// The folded short forms.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.by_key.keys().map(String::as_str)
    }

    /// Runs of `words` (folded query words, in order) that spell out a long form: the first
    /// word's position, the number of words and the entry.
    pub fn long_forms_in(&self, words: &[&str]) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for end in 0..words.len() {
            for &id in self.by_last.get(words[end]).map_or(&[][..], Vec::as_slice) {
                let ws = &self.entries[id as usize].words;
                if ws.len() <= end + 1
                    && ws
                        .iter()
                        .zip(&words[end + 1 - ws.len()..=end])
                        .all(|(a, b)| a == b)
                {
                    out.push((end + 1 - ws.len(), ws.len(), id));
                }
            }
        }
        out
    }

    /// [`token::tokenize`], plus the short form of every long form written out, as one more
    /// token right after its last word: the folded short form, spanning the long form, at the
    /// position of its first word, joined (`compound`) so that it counts no length. `f` gets
    /// each token and, for such an added one, its entry.
    pub fn tokenize(
        &self,
        text: &str,
        buf: &mut TokenBuf,
        mut f: impl FnMut(Token<'_>, Option<u32>),
    ) {
        let TokenBuf {
            part,
            joined,
            recent,
        } = buf;
        recent.clear();
        let keep = self.longest.max(1);
        token::tokenize(text, part, joined, |t| {
            f(t, None);
            if t.compound || self.by_last.is_empty() {
                return;
            }
            // Recent words, newest last, at most `keep`.
            if recent.len() == keep {
                recent.rotate_left(1);
                recent.pop();
            }
            recent.push((t.text.to_string(), t.start, t.pos));
            let Some(ids) = self.by_last.get(t.text) else {
                return;
            };
            for &id in ids {
                let e = &self.entries[id as usize];
                let n = e.words.len();
                if n > recent.len() {
                    continue;
                }
                let run = &recent[recent.len() - n..];
                let consecutive = run.windows(2).all(|w| w[1].2 == w[0].2 + 1);
                if consecutive && run.iter().zip(&e.words).all(|(r, w)| r.0 == *w) {
                    f(
                        Token {
                            text: &e.key,
                            start: run[0].1,
                            end: t.end,
                            pos: run[0].2,
                            compound: true,
                        },
                        Some(id),
                    );
                }
            }
        });
    }

    /// The entries as flat strings, for storing: per entry short, long, source and count.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &Acronym> {
        self.entries.iter()
    }

    /// Rebuilds the table from stored entries, in their order.
    pub(crate) fn from_entries(entries: Vec<Acronym>) -> Acronyms {
        let mut t = Acronyms::default();
        for e in entries {
            let id = t.entries.len() as u32;
            t.by_key.entry(e.key.clone()).or_default().push(id);
            if let Some(last) = e.words.last() {
                t.by_last.entry(last.clone()).or_default().push(id);
            }
            t.longest = t.longest.max(e.words.len());
            t.entries.push(e);
        }
        t
    }

    /// An entry from its stored fields; `None` unless they make one.
    pub(crate) fn entry(
        short: String,
        long: String,
        source: Source,
        defined: u32,
        first: Option<u32>,
    ) -> Option<Acronym> {
        let key: String = letters(&short).into_iter().collect();
        let words: Vec<String> = words_of(&long).into_iter().map(|w| w.0).collect();
        (!key.is_empty() && words.len() >= 2).then_some(Acronym {
            short,
            long,
            source,
            defined,
            first,
            key,
            words,
        })
    }
}

/// Reusable buffers for [`Acronyms::tokenize`].
#[derive(Debug, Default)]
pub struct TokenBuf {
    part: String,
    joined: String,
    recent: Vec<(String, usize, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        definitions(text)
            .into_iter()
            .map(|(s, l, _)| (s, l))
            .collect()
    }

    #[test]
    fn definitions_both_ways() {
        assert_eq!(
            defs("at risk of child sexual exploitation (CSE) were"),
            [("CSE".into(), "child sexual exploitation".into())]
        );
        assert_eq!(
            defs("The Independent Reviewing Officer (IRO) service"),
            [("IRO".into(), "Independent Reviewing Officer".into())]
        );
        assert_eq!(
            defs("Access arrangements: Information, Advice and Assistance (IAA)"),
            [("IAA".into(), "Information, Advice and Assistance".into())]
        );
        assert_eq!(
            defs("a Team Around the Family (TAF) approach"),
            [("TAF".into(), "Team Around the Family".into())]
        );
        assert_eq!(
            defs("subject to the PLO (public law outline) process"),
            [("PLO".into(), "public law outline".into())]
        );
        assert_eq!(
            defs("the multi-agency safeguarding hub (MASH)"),
            [("MASH".into(), "multi-agency safeguarding hub".into())]
        );
        assert_eq!(
            defs("Child and Adolescent Mental Health (CAMH's) post"),
            [("CAMH".into(), "Child and Adolescent Mental Health".into())]
        );
        assert_eq!(
            defs("looked after children (LACs) and"),
            [("LAC".into(), "looked after children".into())]
        );
        // Not definitions.
        assert!(defs("recorded on PARIS (the database) each").is_empty());
        assert!(defs("in some cases (see 3.4) the").is_empty());
        assert!(defs("the service (IRO)").is_empty());
        assert!(defs("unbalanced ( (CSE").is_empty());
        assert!(defs("ŵ (ŴŴ) ((()))").is_empty());
    }

    #[test]
    fn table_and_tokens() {
        let t = Acronyms::learn([
            (0, "Work on child sexual exploitation (CSE) is good."),
            (1, "A child sexual exploitation (CSE) panel."),
        ]);
        let cse = t.lookup("cse");
        assert_eq!(cse.len(), 1);
        let e = t.get(cse[0]).unwrap();
        assert_eq!((e.source, e.defined, e.first), (Source::Corpus, 2, Some(0)));
        // Built-in ones fill gaps, marked as such.
        let lac = t.get(t.lookup("lac")[0]).unwrap();
        assert_eq!(lac.source, Source::BuiltIn);
        assert!(t
            .lookup("cse")
            .iter()
            .all(|&i| t.get(i).unwrap().source == Source::Corpus));
        // A long form written out gives the short form too.
        let text = "the child sexual exploitation co-ordinator";
        let mut got = Vec::new();
        t.tokenize(text, &mut TokenBuf::default(), |tok, via| {
            if via.is_some() {
                got.push((tok.text.to_string(), &text[tok.start..tok.end], tok.pos));
            }
        });
        assert_eq!(got, [("cse".to_string(), "child sexual exploitation", 1)]);
        assert_eq!(
            t.long_forms_in(&["risk", "child", "sexual", "exploitation"]),
            [(1, 3, cse[0])]
        );
    }
}
