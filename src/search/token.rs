//! Splitting text into folded words, the same way for the index, the query and highlighting.
//!
//! A word is a run of letters and digits after [`crate::text::fold_char`] (so `Ŵ` is `w`, `IRO` is
//! `iro`). Words joined by `-`, `&` or an apostrophe also yield their joined form, so
//! `well-being` gives `well`, `being` and `wellbeing`, and `B&B` gives `b`, `b` and `bb`. A
//! possessive `'s` is dropped (`IRO's` is `iro`).

use crate::text::fold_char;

/// One word found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The folded word (lower case, no diacritics).
    pub text: &'a str,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// Word position; a joined form shares the position of its first part.
    pub pos: u32,
    /// True for the joined form of a hyphenated (or `&`, `'`) word.
    pub compound: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '&' | '\'')
}

/// Calls `f` for every token of `text`, in order (a joined form comes right after its last
/// part). `part` and `joined` are scratch buffers the caller may reuse between calls.
pub fn tokenize(text: &str, part: &mut String, joined: &mut String, mut f: impl FnMut(Token<'_>)) {
    part.clear();
    joined.clear();
    let mut part_start = 0usize;
    let mut joined_start = 0usize;
    let mut parts_in_group = 0u32;
    let mut group_pos = 0u32;
    let mut pos = 0u32;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i <= text.len() {
        // ASCII fast path; other characters are folded (diacritics, curly quotes, case).
        let (fc, len, word) = match bytes.get(i) {
            None => (' ', 1, false),
            Some(&b) if b < 0x80 => {
                let c = if b == b'`' {
                    '\''
                } else {
                    (b as char).to_ascii_lowercase()
                };
                (c, 1, b.is_ascii_alphanumeric())
            }
            Some(_) => {
                let c = text[i..].chars().next().unwrap_or(' ');
                let fc = fold_char(c);
                (fc, c.len_utf8(), is_word_char(fc))
            }
        };
        if word {
            if part.is_empty() {
                part_start = i;
                if parts_in_group == 0 {
                    joined_start = i;
                    group_pos = pos;
                }
            }
            if fc.is_ascii() {
                part.push(fc);
            } else {
                part.extend(fc.to_lowercase());
            }
            i += len;
            continue;
        }
        if part.is_empty() {
            i += len;
            continue;
        }
        // A word ends at i. Is this a joiner between two words?
        let next = i + len;
        let next_is_word = next < text.len()
            && text[next..]
                .chars()
                .next()
                .is_some_and(|n| is_word_char(fold_char(n)));
        let joiner = i < text.len() && is_joiner(fc) && next_is_word;
        // Possessive 's: "IRO's", "children’s".
        let possessive = joiner
            && fc == '\''
            && matches!(bytes.get(next), Some(b's') | Some(b'S'))
            && !text[next + 1..]
                .chars()
                .next()
                .is_some_and(|n| is_word_char(fold_char(n)));
        f(Token {
            text: part,
            start: part_start,
            end: i,
            pos,
            compound: false,
        });
        pos += 1;
        parts_in_group += 1;
        joined.push_str(part);
        part.clear();
        if joiner && !possessive {
            i += len;
            continue;
        }
        if parts_in_group >= 2 {
            f(Token {
                text: joined,
                start: joined_start,
                end: i,
                pos: group_pos,
                compound: true,
            });
        }
        joined.clear();
        parts_in_group = 0;
        i += if possessive { len + 1 } else { len };
    }
}

/// Terms of one query word: each group of joined parts becomes one term (its joined form);
/// words separated by other punctuation become separate terms. `IRO's` → `["iro"]`,
/// `B&B` → `["bb"]`, `children/young` → `["children", "young"]`.
pub fn query_terms(word: &str) -> Vec<String> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let (mut a, mut b) = (String::new(), String::new());
    tokenize(word, &mut a, &mut b, |t| {
        if t.compound {
            while out.last().is_some_and(|(_, s)| *s >= t.start) {
                out.pop();
            }
        }
        out.push((t.text.to_string(), t.start));
    });
    out.into_iter().map(|(t, _)| t).collect()
}

/// The words of a query word one by one, joined ones apart: `I'm` → `["i", "m"]`. For phrases,
/// where the words must follow each other as written.
pub fn query_parts(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut a, mut b) = (String::new(), String::new());
    tokenize(word, &mut a, &mut b, |t| {
        if !t.compound {
            out.push(t.text.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, &str, u32, bool)> {
        let mut v = Vec::new();
        let (mut a, mut b) = (String::new(), String::new());
        tokenize(s, &mut a, &mut b, |t| {
            v.push((t.text.to_string(), &s[t.start..t.end], t.pos, t.compound))
        });
        v
    }

    #[test]
    fn words_and_positions() {
        let t = toks("The IRO’s role, Ŵyn!");
        let words: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(words, ["the", "iro", "role", "wyn"]);
        assert_eq!(t[1].1, "IRO");
        assert_eq!(t[3].1, "Ŵyn");
        assert_eq!(t[3].2, 3);
    }

    #[test]
    fn joined_words() {
        let t = toks("no B&B; well-being");
        let words: Vec<_> = t.iter().map(|x| (x.0.as_str(), x.1, x.2, x.3)).collect();
        assert_eq!(
            words,
            [
                ("no", "no", 0, false),
                ("b", "B", 1, false),
                ("b", "B", 2, false),
                ("bb", "B&B", 1, true),
                ("well", "well", 3, false),
                ("being", "being", 4, false),
                ("wellbeing", "well-being", 3, true),
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "", "'", "-", "a-", "-a", "'s", "a's", "x'S", "é'ŝ", "a--b", "&&", "s'",
        ] {
            let _ = toks(s);
            let _ = query_terms(s);
        }
    }

    #[test]
    fn query_words() {
        assert_eq!(query_terms("IRO's"), ["iro"]);
        assert_eq!(query_terms("B&B"), ["bb"]);
        assert_eq!(query_terms("co-production"), ["coproduction"]);
        assert_eq!(query_terms("children/young"), ["children", "young"]);
        assert_eq!(query_terms("a-b/c"), ["ab", "c"]);
        assert!(query_terms("!!").is_empty());
    }
}
