//! The 22 Welsh councils: one canonical name and short name each, and every form a CIW text
//! names them by (English and Welsh names, "Wrexham CBC", "NPT", mutated Welsh forms such as
//! "yng Nghaerdydd"), found in running text, titles and file names.
//!
//! Matching works on a folded copy of the text (lower case, diacritics dropped, every run of
//! other characters one space), so "Cyngor Sir Ynys Môn", "cyngor sir ynys mon" and
//! "Castell-nedd Port Talbot" all match; abbreviations are matched as written, case and all.

mod table;
pub use table::{Council, COUNCILS};

use crate::parse::lengths::Lengths;
use crate::text::fold_char;

/// Words after a place name that make it something other than the council: "Swansea Bay
/// University Health Board", "Cardiff and Vale", "Gwent Police".
const NOT_AFTER: [&[&str]; 8] = [
    &["bay"],
    &["university"],
    &["health"],
    &["teaching"],
    &["police"],
    &["and", "vale"],
    &["youth", "offending"],
    &["local", "health"],
];

/// Words before a place name that make it something else: "Dyfed-Powys Police".
const NOT_BEFORE: [&str; 1] = ["dyfed"];

/// A council named in a text, and where (its word's index, for ordering only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub council: &'static Council,
    pub at: usize,
    /// Words in the matched form: longer forms win at the same place.
    len: usize,
}

/// `text` folded for matching: lower case, no diacritics, one space between words.
fn folded(text: &str) -> String {
    let w = Words::of(text);
    (0..w.len())
        .map(|i| w.folded(i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a text (runs of letters and digits): each folded, and as written. One
/// allocation for all the folded words, and 12 bytes a word besides: a text of many short
/// words costs little more than itself.
struct Words<'a> {
    text: &'a str,
    folded: String,
    /// Per word: where it starts in `folded` (it ends where the next starts), and its start and
    /// length in `text`.
    spans: Vec<[u32; 3]>,
}

impl<'a> Words<'a> {
    fn of(text: &'a str) -> Words<'a> {
        let text = within_u32(text);
        let mut folded = String::with_capacity(text.len());
        let mut spans = Vec::new();
        let base = text.as_ptr() as usize;
        for raw in text
            .split(|c: char| !fold_char(c).is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let start = folded.len() as u32;
            folded.extend(raw.chars().map(fold_char));
            let at = (raw.as_ptr() as usize - base) as u32;
            spans.push([start, at, raw.len() as u32]);
        }
        Words {
            text,
            folded,
            spans,
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn folded(&self, i: usize) -> &str {
        let start = self.spans[i][0] as usize;
        let end = self
            .spans
            .get(i + 1)
            .map_or(self.folded.len(), |s| s[0] as usize);
        &self.folded[start..end]
    }

    fn raw(&self, i: usize) -> &'a str {
        let [_, at, len] = self.spans[i];
        &self.text[at as usize..at as usize + len as usize]
    }
}

/// The start of `text` that [`Words`] reads: offsets are 32-bit, so a text past 4 GiB is read
/// for names in its first 4 GiB.
fn within_u32(text: &str) -> &str {
    let mut end = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The forms of every council as words, by their first word, and the abbreviations; built once.
struct Index {
    forms: std::collections::HashMap<String, Vec<(&'static Council, Vec<String>)>>,
    abbreviations: std::collections::HashMap<&'static str, &'static Council>,
    /// The lengths (bytes) of the forms' first words and of the abbreviations: a word of no
    /// such length is not looked up.
    form_lengths: Lengths,
    abbreviation_lengths: Lengths,
}

impl Index {
    /// The council an abbreviation, as written, stands for.
    fn abbreviation(&self, raw: &str) -> Option<&'static Council> {
        if !self.abbreviation_lengths.may_hold(raw.len()) {
            return None;
        }
        self.abbreviations.get(raw).copied()
    }

    /// The forms (as words) whose first word is `folded`, with their councils.
    fn forms_from(&self, folded: &str) -> Option<&[(&'static Council, Vec<String>)]> {
        if !self.form_lengths.may_hold(folded.len()) {
            return None;
        }
        self.forms.get(folded).map(Vec::as_slice)
    }

    /// Whether a word, as written, may be an abbreviation or begin a form.
    fn may_start(&self, raw: &str) -> bool {
        self.abbreviation_lengths.may_hold(raw.len()) || {
            let folded_len = raw.chars().map(|c| fold_char(c).len_utf8()).sum();
            self.form_lengths.may_hold(folded_len)
        }
    }
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut forms: std::collections::HashMap<String, Vec<(&'static Council, Vec<String>)>> =
            std::collections::HashMap::new();
        let mut abbreviations = std::collections::HashMap::new();
        for council in &COUNCILS {
            let mut all: Vec<String> = council.forms.iter().map(|f| f.to_string()).collect();
            all.push(folded(council.name));
            all.push(folded(council.welsh));
            all.sort_unstable();
            all.dedup();
            for form in all {
                let ws: Vec<String> = form.split(' ').map(str::to_string).collect();
                forms.entry(ws[0].clone()).or_default().push((council, ws));
            }
            for a in council.abbreviations {
                abbreviations.insert(*a, council);
            }
        }
        let form_lengths = forms.keys().map(String::len).collect();
        let abbreviation_lengths = abbreviations.keys().map(|a| a.len()).collect();
        Index {
            forms,
            abbreviations,
            form_lengths,
            abbreviation_lengths,
        }
    })
}

/// Every council named in `text`, in the order they appear (the longest form at each place,
/// e.g. "Merthyr Tydfil" rather than "Merthyr"; health boards and police forces named after a
/// place are not the council). One pass over the words.
pub fn mentions(text: &str) -> Vec<Mention> {
    let ix = index();
    // Most lines have no word that could start a name: rejected before anything is allocated.
    if !within_u32(text)
        .split(|c: char| !fold_char(c).is_alphanumeric())
        .any(|raw| !raw.is_empty() && ix.may_start(raw))
    {
        return Vec::new();
    }
    let ws = Words::of(text);
    let n = ws.len();
    let mut kept: Vec<Mention> = Vec::new();
    for i in 0..n {
        if kept.last().is_some_and(|k| i < k.at + k.len) {
            continue;
        }
        if let Some(council) = ix.abbreviation(ws.raw(i)) {
            kept.push(Mention {
                council,
                at: i,
                len: 1,
            });
            continue;
        }
        let Some(candidates) = ix.forms_from(ws.folded(i)) else {
            continue;
        };
        let matches = |form: &[String], at: usize| {
            form.len() <= n - at && form.iter().enumerate().all(|(k, f)| ws.folded(at + k) == f)
        };
        let best = candidates
            .iter()
            .filter(|(_, form)| matches(form, i))
            .max_by_key(|(_, form)| form.len());
        let Some((council, form)) = best else {
            continue;
        };
        let after = i + form.len();
        let named_after = NOT_AFTER.iter().any(|not| {
            not.len() <= n - after
                && not
                    .iter()
                    .enumerate()
                    .all(|(k, w)| ws.folded(after + k) == *w)
        });
        let named_before = i > 0 && NOT_BEFORE.contains(&ws.folded(i - 1));
        if !(named_after || named_before) {
            kept.push(Mention {
                council,
                at: i,
                len: form.len(),
            });
        }
    }
    kept
}

/// The first council named in `text`.
pub fn first_in(text: &str) -> Option<&'static Council> {
    mentions(text).first().map(|m| m.council)
}

/// The council most often named in `texts` (ties: the one named first).
pub fn most_named<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<(&'static Council, usize)> {
    let mut counts: Vec<(&'static Council, usize, usize)> = Vec::new();
    let mut order = 0;
    for t in texts {
        for m in mentions(t) {
            order += 1;
            match counts
                .iter_mut()
                .find(|(c, _, _)| std::ptr::eq(*c, m.council))
            {
                Some(e) => e.1 += 1,
                None => counts.push((m.council, 1, order)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))
        .map(|(c, n, _)| (c, n))
}

/// The council a file name names, written any way: `merthyrtydfil-2018.txt`,
/// `Vale_of_Glamorgan.txt`, `neathporttalbot-2021-jicpa.txt`. Abbreviations are not
/// trusted here.
pub fn in_file_name(name: &str) -> Option<&'static Council> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let letters: String = folded(stem).chars().filter(|c| c.is_alphabetic()).collect();
    let mut best: Option<(&'static Council, usize, usize)> = None;
    for council in &COUNCILS {
        let welsh = folded(council.welsh);
        for form in council.forms.iter().copied().chain([welsh.as_str()]) {
            let squeezed: String = form.chars().filter(|c| c.is_alphabetic()).collect();
            if squeezed.len() < 5 {
                continue;
            }
            if let Some(at) = letters.find(&squeezed) {
                let better = match best {
                    None => true,
                    Some((_, b_at, b_len)) => at < b_at || (at == b_at && squeezed.len() > b_len),
                };
                if better {
                    best = Some((council, at, squeezed.len()));
                }
            }
        }
    }
    best.map(|(c, _, _)| c)
}

/// The council a name is, when the whole name is one of its forms ("Wrexham CBC", "Cyngor
/// Gwynedd", "the City and County of Swansea Council").
pub fn by_name(name: &str) -> Option<&'static Council> {
    let ms = mentions(name);
    (ms.len() == 1).then(|| ms[0].council)
}

#[cfg(test)]
mod tests;
