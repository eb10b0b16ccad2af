//! Filtering a list as you type (`f` in a list pane), the way fzf does: each space-separated
//! term must match; a plain term matches fuzzily (its letters in order, ranked by SkimMatcherV2,
//! which scores like fzf: consecutive letters and word starts first), `'term` as a substring,
//! `^term` at the start, `term$` at the end, and `!term` excludes rows with the substring.
//! Lower case matches either case; a capital makes the term case-sensitive (smart case).
//! Ties keep the shorter row first, then the list's own order, as fzf does.
//!
//! Pure: rows go in as strings, the kept rows come out as indices into them with the character
//! positions that matched (for highlighting). [`ListFilter`] holds a list's query and result.

use super::line_edit::LineEditor;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// A row kept by a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into the rows filtered.
    pub index: usize,
    pub score: i64,
    /// Character (not byte) positions in the row that matched, sorted.
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fuzzy,
    Substring,
    Prefix,
    Suffix,
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    text: String,
    kind: Kind,
    negate: bool,
    case_sensitive: bool,
}

/// A parsed filter query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pattern {
    terms: Vec<Term>,
}

impl Pattern {
    /// Reads a query as fzf does. Never fails: a lone `'`, `^`, `!` or `$` is ignored.
    pub fn parse(query: &str) -> Pattern {
        let mut terms = Vec::new();
        for word in query.split_whitespace() {
            let (negate, w) = match word.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, word),
            };
            let (mut kind, mut w) = match w.strip_prefix('\'') {
                Some(rest) => (Kind::Substring, rest),
                None => (if negate { Kind::Substring } else { Kind::Fuzzy }, w),
            };
            if let Some(rest) = w.strip_prefix('^') {
                kind = Kind::Prefix;
                w = rest;
            }
            if let Some(rest) = w.strip_suffix('$') {
                if !rest.ends_with('\\') {
                    kind = if kind == Kind::Prefix {
                        Kind::Whole
                    } else {
                        Kind::Suffix
                    };
                    w = rest;
                }
            }
            if w.is_empty() {
                continue;
            }
            terms.push(Term {
                text: w.to_string(),
                kind,
                negate,
                case_sensitive: w.chars().any(char::is_uppercase),
            });
        }
        Pattern { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The score and matched character positions of `row`, or `None` when it is left out.
    pub fn matches(&self, matcher: &Matchers, row: &str) -> Option<(i64, Vec<usize>)> {
        let mut score = 0i64;
        let mut positions = Vec::new();
        for t in &self.terms {
            let found = match t.kind {
                Kind::Fuzzy => {
                    let m = if t.case_sensitive {
                        &matcher.respect
                    } else {
                        &matcher.ignore
                    };
                    m.fuzzy_indices(row, &t.text)
                }
                _ => literal(row, t),
            };
            match (found, t.negate) {
                (Some(_), true) | (None, false) => return None,
                (None, true) => {}
                (Some((s, p)), false) => {
                    score += s;
                    positions.extend(p);
                }
            }
        }
        positions.sort_unstable();
        positions.dedup();
        Some((score, positions))
    }
}

/// Scores for a literal (non-fuzzy) term: like fzf, a match at a word start scores more.
fn literal(row: &str, t: &Term) -> Option<(i64, Vec<usize>)> {
    let fold = |s: &str| -> Vec<char> {
        if t.case_sensitive {
            s.chars().collect()
        } else {
            s.chars().flat_map(char::to_lowercase).collect()
        }
    };
    // Lower-casing can change the number of characters (rarely); positions then fall back to
    // the folded row's, which only affects highlighting.
    let hay = fold(row);
    let needle = fold(&t.text);
    let n = needle.len();
    if n == 0 || n > hay.len() {
        return None;
    }
    let at = match t.kind {
        Kind::Prefix => (hay[..n] == needle[..]).then_some(0),
        Kind::Suffix => (hay[hay.len() - n..] == needle[..]).then_some(hay.len() - n),
        Kind::Whole => (hay == needle).then_some(0),
        _ => (0..=hay.len() - n).find(|&i| hay[i..i + n] == needle[..]),
    }?;
    let word_start = at == 0 || !hay[at - 1].is_alphanumeric();
    let score = 16 * n as i64 + if word_start { 8 } else { 0 };
    Some((score, (at..at + n).collect()))
}

/// The fuzzy matchers a filter needs, built once per list.
pub struct Matchers {
    ignore: SkimMatcherV2,
    respect: SkimMatcherV2,
}

impl Default for Matchers {
    fn default() -> Self {
        Matchers {
            ignore: SkimMatcherV2::default().ignore_case(),
            respect: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl Matchers {
    /// One set for every list, built on first use.
    pub fn shared() -> &'static Matchers {
        static SHARED: std::sync::OnceLock<Matchers> = std::sync::OnceLock::new();
        SHARED.get_or_init(Matchers::default)
    }
}

impl std::fmt::Debug for Matchers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matchers")
    }
}

/// The rows of `rows` that `query` keeps, best first; every row, in order, for an empty query.
pub fn filter<S: AsRef<str>>(matchers: &Matchers, query: &str, rows: &[S]) -> Vec<Match> {
    let pattern = Pattern::parse(query);
    if pattern.is_empty() {
        return (0..rows.len())
            .map(|index| Match {
                index,
                score: 0,
                positions: Vec::new(),
            })
            .collect();
    }
    let mut out: Vec<(Match, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let row = row.as_ref();
            pattern.matches(matchers, row).map(|(score, positions)| {
                (
                    Match {
                        index,
                        score,
                        positions,
                    },
                    row.chars().count(),
                )
            })
        })
        .collect();
    out.sort_by(|(a, al), (b, bl)| {
        b.score
            .cmp(&a.score)
            .then(al.cmp(bl))
            .then(a.index.cmp(&b.index))
    });
    out.into_iter().map(|(m, _)| m).collect()
}

/// A list's filter: the query being typed and the rows it keeps. Lives in the list's
/// [`ListState`](super::list::ListState).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// The query line.
    pub editor: LineEditor,
    /// The prompt has the keys (after `f`, until `Enter` or `Esc`).
    pub typing: bool,
    /// Keep the list's own order instead of ranking the matches best first (a tree, or hits
    /// already ranked by the search).
    pub keep_order: bool,
    /// The rows kept; `None` when no filter is in force.
    kept: Option<Vec<Match>>,
}

impl ListFilter {
    /// Whether a non-empty query is narrowing the list.
    pub fn is_active(&self) -> bool {
        self.kept.is_some()
    }

    /// Filters `rows` again with the current query (after a key, or when the rows change).
    pub fn refresh<S: AsRef<str>>(&mut self, rows: &[S]) {
        self.kept = if self.editor.text().trim().is_empty() {
            None
        } else {
            let mut kept = filter(Matchers::shared(), self.editor.text(), rows);
            if self.keep_order {
                kept.sort_by_key(|m| m.index);
            }
            Some(kept)
        };
    }

    /// Ends the filter: every row shown again.
    pub fn clear(&mut self) {
        self.editor.clear();
        self.typing = false;
        self.kept = None;
    }

    /// How many rows are shown out of `total`.
    pub fn len(&self, total: usize) -> usize {
        self.kept.as_ref().map_or(total, Vec::len)
    }

    /// The original index of shown row `row`.
    pub fn original(&self, row: usize, total: usize) -> Option<usize> {
        match &self.kept {
            Some(k) => k.get(row).map(|m| m.index),
            None => (row < total).then_some(row),
        }
    }

    /// The shown row of original index `index`, if it is shown.
    pub fn row_of(&self, index: usize, total: usize) -> Option<usize> {
        match &self.kept {
            Some(k) => k.iter().position(|m| m.index == index),
            None => (index < total).then_some(index),
        }
    }

    /// Matched character positions of shown row `row`, for highlighting.
    pub fn positions(&self, row: usize) -> &[usize] {
        self.kept
            .as_ref()
            .and_then(|k| k.get(row))
            .map_or(&[], |m| &m.positions[..])
    }
}

/// `n/N` for a list's title: the selected row's position among those shown, and (while a
/// filter narrows it) the whole list's length: `3/12`, `1/4 of 992`, `0/0 of 992`.
pub fn position_label(selected: usize, shown: usize, total: usize) -> String {
    let n = if shown == 0 {
        0
    } else {
        selected.min(shown - 1) + 1
    };
    if shown == total {
        format!("{n}/{shown}")
    } else {
        format!("{n}/{shown} of {total}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(query: &str, rows: &[&str]) -> Vec<String> {
        filter(&Matchers::default(), query, rows)
            .into_iter()
            .map(|m| rows[m.index].to_string())
            .collect()
    }

    fn councils() -> Vec<String> {
        (1..=1000).map(|i| format!("Testshire {i:04}")).collect()
    }

    #[test]
    fn digits_narrow_a_thousand_councils_to_one() {
        let rows = councils();
        let m = filter(&Matchers::default(), "0500", &rows);
        assert_eq!(
            m.len(),
            1,
            "{:?}",
            m.iter().map(|m| &rows[m.index]).collect::<Vec<_>>()
        );
        assert_eq!(rows[m[0].index], "Testshire 0500");
        assert_eq!(m[0].positions, [10, 11, 12, 13]);
    }

    #[test]
    fn fuzzy_ranks_like_fzf() {
        let rows = [
            "Vale of Glamorgan",
            "Pembrokeshire",
            "Powys",
            "Neath Port Talbot",
            "Pembroke Dock",
        ];
        // Letters in order; consecutive and word-start matches first.
        assert_eq!(kept("pemb", &rows), ["Pembrokeshire", "Pembroke Dock"]);
        assert_eq!(kept("pt", &rows)[0], "Neath Port Talbot");
        assert!(!kept("pt", &rows).contains(&"Powys".to_string()));
        assert!(kept("xyz", &rows).is_empty());
        // Every term must match.
        assert_eq!(kept("pem dock", &rows), ["Pembroke Dock"]);
    }

    #[test]
    fn fzf_operators() {
        let rows = [
            "Swansea",
            "Newport",
            "Pembrokeshire",
            "Port Talbot",
            "Isle of Anglesey",
        ];
        // A match at a word start ranks first.
        assert_eq!(kept("'port", &rows), ["Port Talbot", "Newport"]);
        assert_eq!(kept("^port", &rows), ["Port Talbot"]);
        assert_eq!(kept("port$", &rows), ["Newport"]);
        assert_eq!(kept("^swansea$", &rows), ["Swansea"]);
        assert_eq!(
            kept("!port 'e", &rows),
            ["Swansea", "Pembrokeshire", "Isle of Anglesey"]
        );
        // Lone operators are ignored; an empty query keeps everything in order.
        assert_eq!(kept("' ^ ! $", &rows).len(), rows.len());
        assert_eq!(kept("", &rows), rows);
    }

    #[test]
    fn smart_case() {
        let rows = ["care leavers", "Care plans"];
        assert_eq!(kept("care", &rows).len(), 2);
        assert_eq!(kept("Care", &rows), ["Care plans"]);
        assert_eq!(kept("'Care", &rows), ["Care plans"]);
    }

    #[test]
    fn ties_keep_shorter_then_list_order() {
        let rows = ["abc x", "abc", "abc y"];
        assert_eq!(kept("'abc", &rows), ["abc", "abc x", "abc y"]);
    }

    #[test]
    fn list_filter_maps_rows_both_ways() {
        let rows = councils();
        let mut f = ListFilter::default();
        assert!(!f.is_active());
        assert_eq!(f.len(rows.len()), 1000);
        assert_eq!(f.original(5, rows.len()), Some(5));
        assert_eq!(f.original(1000, rows.len()), None);
        f.editor.insert_str("099");
        f.refresh(&rows);
        assert!(f.is_active());
        let n = f.len(rows.len());
        assert!(n >= 10, "{n}");
        for row in 0..n {
            let i = f.original(row, rows.len()).unwrap();
            assert!(rows[i].contains('9'));
            assert_eq!(f.row_of(i, rows.len()), Some(row));
            assert!(!f.positions(row).is_empty());
        }
        assert_eq!(f.row_of(0, rows.len()), None);
        f.clear();
        assert!(!f.is_active());
        assert_eq!(f.len(rows.len()), 1000);
        // A blank query is no filter.
        f.editor.insert_str("   ");
        f.refresh(&rows);
        assert!(!f.is_active());
    }

    #[test]
    fn position_labels() {
        assert_eq!(position_label(2, 12, 12), "3/12");
        assert_eq!(position_label(0, 4, 992), "1/4 of 992");
        assert_eq!(position_label(0, 0, 992), "0/0 of 992");
        assert_eq!(position_label(9, 4, 4), "4/4");
        assert_eq!(position_label(0, 0, 0), "0/0");
    }

    #[test]
    fn odd_rows_and_queries() {
        let rows = ["", "ŵ", "İstanbul", "界界", "a\u{1b}b"];
        for q in [
            "", "ŵ", "i", "'i̇", "^", "$", "!", "'", "界", "!界", "^界$", "\u{1b}",
        ] {
            for m in filter(&Matchers::default(), q, &rows) {
                assert!(m.index < rows.len());
            }
        }
    }
}
