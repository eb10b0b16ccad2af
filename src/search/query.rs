//! Query syntax, close to fzf's:
//!
//! | you type            | means                                                            |
//! |---------------------|------------------------------------------------------------------|
//! | `placement stabilty`| every word, in any order, typos and unfinished words allowed     |
//! | `'eotas`            | exactly this word or a word starting with it (no typo tolerance) |
//! | `'iro'`             | exactly this whole word                                          |
//! | `"care leavers"`    | these exact words, next to each other                            |
//! | `!fostering`        | leave out paragraphs with a word starting with `fostering`       |
//! | `in:swansea`        | only this council's reports (prefix of name or id; repeatable)   |
//! | `theme:safeguarding`| only this theme (`access`, `assessment`, `care-and-support`, ...) |
//!
//! Parsing never fails: odd input (a lone `!`, unbalanced quotes) is read as leniently as it
//! can be; unknown `theme:` values are kept in [`Query::unknown_themes`] for the caller to report.

use super::token::{query_parts, query_terms};
use crate::model::Theme;

/// At most this many words of a query are searched; the rest are ignored.
pub const MAX_TERMS: usize = 16;
/// Longer words are cut to this many characters.
const MAX_WORD_CHARS: usize = 48;

/// How strictly a query word must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Typo-tolerant: the word, words starting with it, and near spellings.
    Fuzzy,
    /// `'word`: the word or words starting with it; the paragraph must have it.
    Exact,
    /// `'word'` or inside `"..."`: the whole word only; the paragraph must have it.
    Whole,
}

/// One word to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// Folded (see [`crate::text::fold`]) and joined (`b&b` is `bb`).
    pub text: String,
    pub kind: TermKind,
    /// For words of a quoted phrase: the phrase's number.
    pub phrase: Option<u16>,
    /// Typed in capitals (`LAC`, `EOT`): meant as an acronym, never an ordinary word by typo.
    pub upper: bool,
}

/// A parsed query. Build with [`Query::parse`]; the fields may also be set directly (the CLI adds
/// its `--council`/`--theme` options this way).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Words to find, in the order typed.
    pub terms: Vec<QueryTerm>,
    /// `!word`: paragraphs with a word starting with any of these are left out.
    pub excludes: Vec<String>,
    /// `in:` values: only reports of these councils (any of them).
    pub authorities: Vec<String>,
    /// `theme:` values: only paragraphs of these themes (any of them).
    pub themes: Vec<Theme>,
    /// `theme:` values that name no theme.
    pub unknown_themes: Vec<String>,
}

impl Query {
    /// Reads what the user typed. Never fails.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut phrase_no: u16 = 0;
        let mut rest = input;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            // A quoted phrase: up to the closing quote, or the end.
            if let Some(body) = rest.strip_prefix(['"', '“', '”']) {
                let end = body.find(['"', '“', '”']).unwrap_or(body.len());
                let mut words: Vec<String> = body[..end]
                    .split_whitespace()
                    .flat_map(query_parts)
                    .collect();
                if words.len() > 1 && body[..end].split_whitespace().count() == 1 {
                    // One joined word in quotes (`"B&B"`): as the joined word.
                    words = query_terms(&body[..end]);
                }
                if words.len() == 1 {
                    q.push(&words[0], TermKind::Whole, None);
                } else if !words.is_empty() {
                    for w in &words {
                        q.push(w, TermKind::Whole, Some(phrase_no));
                    }
                    phrase_no = phrase_no.saturating_add(1);
                }
                rest = body.get(end + 1..).unwrap_or("");
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            q.word(word);
        }
        q
    }

    fn word(&mut self, word: &str) {
        let lower = word.to_lowercase();
        for (prefix, is_theme) in [
            ("in:", false),
            ("authority:", false),
            ("council:", false),
            ("theme:", true),
        ] {
            if let Some(v) = lower.strip_prefix(prefix) {
                for v in v.split(',').filter(|v| !v.is_empty()) {
                    if !is_theme {
                        self.authorities.push(v.to_string());
                    } else if let Some(t) = Theme::from_input(v) {
                        if !self.themes.contains(&t) {
                            self.themes.push(t);
                        }
                    } else {
                        self.unknown_themes.push(v.to_string());
                    }
                }
                return;
            }
        }
        if let Some(ex) = word.strip_prefix('!') {
            let ex = ex
                .trim_start_matches(['\'', '^'])
                .trim_end_matches(['\'', '$']);
            for t in query_terms(ex) {
                if !self.excludes.contains(&t) {
                    self.excludes.push(t);
                }
            }
            return;
        }
        let (kind, body) = if let Some(b) = word.strip_prefix(['\'', '‘', '’']) {
            match b.strip_suffix(['\'', '‘', '’']) {
                Some(inner) => (TermKind::Whole, inner),
                None => (TermKind::Exact, b),
            }
        } else {
            (TermKind::Fuzzy, word)
        };
        let body = body.trim_start_matches('^').trim_end_matches('$');
        let upper = body.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !body.chars().any(char::is_lowercase);
        for t in query_terms(body) {
            let before = self.terms.len();
            self.push(&t, kind, None);
            if let Some(last) = self.terms.get_mut(before) {
                last.upper = upper;
            }
        }
    }

    fn push(&mut self, text: &str, kind: TermKind, phrase: Option<u16>) {
        if self.terms.len() >= MAX_TERMS {
            return;
        }
        let text: String = text.chars().take(MAX_WORD_CHARS).collect();
        self.terms.push(QueryTerm {
            text,
            kind,
            phrase,
            upper: false,
        });
    }

    /// True when there is nothing to match or filter on.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.excludes.is_empty()
            && self.authorities.is_empty()
            && self.themes.is_empty()
            && self.unknown_themes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &Query) -> Vec<(&str, TermKind, Option<u16>)> {
        q.terms
            .iter()
            .map(|t| (t.text.as_str(), t.kind, t.phrase))
            .collect()
    }

    #[test]
    fn syntax() {
        let q = Query::parse(
            "  Placement 'EOTAS 'iro' !foster \"care   leavers\" in:Swansea theme:safeguarding theme:nope",
        );
        assert_eq!(
            texts(&q),
            [
                ("placement", TermKind::Fuzzy, None),
                ("eotas", TermKind::Exact, None),
                ("iro", TermKind::Whole, None),
                ("care", TermKind::Whole, Some(0)),
                ("leavers", TermKind::Whole, Some(0)),
            ]
        );
        assert_eq!(q.excludes, ["foster"]);
        assert_eq!(q.authorities, ["swansea"]);
        assert_eq!(q.themes, [Theme::Safeguarding]);
        assert_eq!(q.unknown_themes, ["nope"]);
    }

    #[test]
    fn lenient() {
        for s in [
            "",
            "!",
            "'",
            "''",
            "\"",
            "\"a",
            "in:",
            "theme:",
            "!'",
            "'!x",
            "“curly”",
            "^$",
        ] {
            let _ = Query::parse(s);
        }
        assert!(Query::parse("!").is_empty());
        assert_eq!(texts(&Query::parse("\"unclosed phrase")).len(), 2);
        let huge = "word ".repeat(10_000);
        assert_eq!(Query::parse(&huge).terms.len(), MAX_TERMS);
    }
}
