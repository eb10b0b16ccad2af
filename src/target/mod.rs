//! Deep links: `swansea`, `swansea#3.18`, `swansea#R5`, `swansea#O3`, `swansea#3`,
//! `swansea#safeguarding`, `swansea#front.1` (the front matter), `swansea#3.E` (a section's "What
//! we expect to see"), resolved against a [`Corpus`] to indices the front ends can open. Every
//! id a search hit cites resolves here ([`crate::search::cited_texts`]); [`text`] is what a
//! target opens.
//! [`resolve_from`] also reads go-to targets relative to the report being read (`#3.18`, `R5`,
//! `3.18`, `#safeguarding`), and [`complete()`] offers what could follow a half-typed target.
//! Pure core: no terminal, no printing; errors say what the user can type instead.

use crate::corpus::Corpus;
use crate::model::{slug, Report, SectionKind};
use std::fmt;

mod complete;
mod part;
pub use complete::complete;
use part::resolve_part;
pub use part::{cited_id, place, text, Part};

/// A resolved deep link. Indices point into `corpus.reports`, `report.sections` and
/// `section.paragraphs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub report: usize,
    /// `None`: the report as a whole (no `#ID` given).
    pub section: Option<usize>,
    /// `Some` when the link names one paragraph (`3.18`, `R5`, `O3`, `methodology.2`).
    pub paragraph: Option<usize>,
    /// `Some` when the link names a text that is not one of a section's paragraphs.
    pub part: Option<Part>,
}

/// Why a deep link did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Nothing before the `#`.
    #[error("no council given in {given:?}; try e.g. `{example}#3.18`")]
    NoAuthority { given: String, example: String },
    /// No report matches the authority part.
    #[error("no report for {given:?}; the reports loaded are: {}", list(known))]
    UnknownAuthority { given: String, known: Vec<String> },
    /// The authority part is a prefix of several councils.
    #[error("{given:?} could mean {}; type more of the name", list(candidates))]
    Ambiguous {
        given: String,
        candidates: Vec<String>,
    },
    /// A target relative to the current report (`#3.18`, `R5`) with no report open.
    #[error(
        "no report is open to find {given:?} in; give a council too, e.g. `{example}#{given}`"
    )]
    NoReportOpen { given: String, example: String },
    /// A bare word that names neither a council nor a part of the report being read.
    #[error("{given:?} is neither a council ({councils}) nor a paragraph or section of {authority} ({hint})")]
    Unknown {
        given: String,
        authority: String,
        councils: String,
        hint: String,
    },
    /// The report has no such paragraph or section.
    #[error("{authority} has no paragraph or section {id:?}; {hint}")]
    UnknownId {
        authority: String,
        id: String,
        hint: String,
    },
}

fn list(names: &[String]) -> String {
    const MAX: usize = 12;
    if names.is_empty() {
        return "(none)".into();
    }
    let mut s = names
        .iter()
        .take(MAX)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX {
        s.push_str(&format!(
            " and {} more (`ciw list` shows all)",
            names.len() - MAX
        ));
    }
    s
}

impl Target {
    /// The report a target points at.
    pub fn report<'c>(&self, corpus: &'c Corpus) -> Option<&'c Report> {
        corpus.reports.get(self.report)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "report {}", self.report)?;
        if let Some(s) = self.section {
            write!(f, ", section {s}")?;
        }
        if let Some(p) = self.paragraph {
            write!(f, ", paragraph {p}")?;
        }
        Ok(())
    }
}

/// Splits `swansea#3.18` into `("swansea", Some("3.18"))`. An empty id (`swansea#`) is `None`.
pub fn split(link: &str) -> (&str, Option<&str>) {
    match link.split_once('#') {
        Some((a, id)) => {
            let id = id.trim();
            (a.trim(), (!id.is_empty()).then_some(id))
        }
        None => (link.trim(), None),
    }
}

/// Resolves a deep link against the corpus.
pub fn resolve(corpus: &Corpus, link: &str) -> Result<Target, TargetError> {
    let (authority, id) = split(link);
    let report = resolve_report(corpus, authority)?;
    let r = &corpus.reports[report];
    let Some(id) = id else {
        return Ok(Target {
            report,
            section: None,
            paragraph: None,
            part: None,
        });
    };
    in_report(report, r, id)
}

/// Resolves `id` within report `r` (at index `report`), or says what it has instead.
fn in_report(report: usize, r: &Report, id: &str) -> Result<Target, TargetError> {
    resolve_id(r, id)
        .map(|(section, paragraph)| Target {
            report,
            section: Some(section),
            paragraph,
            part: None,
        })
        .or_else(|| {
            resolve_part(r, id).map(|(section, part)| Target {
                report,
                section,
                paragraph: None,
                part: Some(part),
            })
        })
        .ok_or_else(|| TargetError::UnknownId {
            authority: r.authority.short.clone(),
            id: id.to_string(),
            hint: hint(r, id),
        })
}

/// Resolves a go-to target typed while reading report `here` (an index into `corpus.reports`):
///
/// - `council#id` and `council` as [`resolve`] does;
/// - `#id` (`#3.18`, `#R5`, `#safeguarding`): within the report being read;
/// - a bare `R5`, `O3`, `3.18` or `3`: a paragraph or section of the report being read;
/// - any other bare word: a council (`swansea`), else a section of the report being read
///   (`safeguarding`, `methodology`).
///
/// A leading `:` (as typed at the `:` prompt) is ignored.
pub fn resolve_from(
    corpus: &Corpus,
    input: &str,
    here: Option<usize>,
) -> Result<Target, TargetError> {
    let input = input.trim();
    let input = input.strip_prefix(':').unwrap_or(input).trim();
    let current = here.and_then(|i| corpus.reports.get(i).map(|r| (i, r)));
    let example = || {
        current
            .map(|(_, r)| r)
            .or(corpus.reports.first())
            .map(|r| slug(&r.authority.short))
            .unwrap_or_else(|| "swansea".into())
    };
    let within = |id: &str| -> Result<Target, TargetError> {
        let Some((ri, r)) = current else {
            return Err(TargetError::NoReportOpen {
                given: id.to_string(),
                example: example(),
            });
        };
        in_report(ri, r, id)
    };
    if let Some(id) = input.strip_prefix('#') {
        let id = id.trim();
        if id.is_empty() {
            return Err(TargetError::NoAuthority {
                given: input.to_string(),
                example: example(),
            });
        }
        return within(id);
    }
    if input.contains('#') {
        return resolve(corpus, input);
    }
    if looks_like_id(input) && current.is_some() {
        return within(input);
    }
    match resolve(corpus, input) {
        Ok(t) => Ok(t),
        Err(e @ TargetError::Ambiguous { .. }) => Err(e),
        Err(council_err) => {
            let Some((_, r)) = current else {
                return if looks_like_id(input) {
                    within(input)
                } else {
                    Err(council_err)
                };
            };
            within(input).map_err(|_| {
                let mut names = corpus.known_names();
                names.dedup();
                TargetError::Unknown {
                    given: input.to_string(),
                    authority: r.authority.short.clone(),
                    councils: list(&names),
                    hint: hint(r, input),
                }
            })
        }
    }
}

/// Whether a bare word reads as a paragraph or section id rather than a council name:
/// `3`, `3.18`, `R5`, `O3`, `methodology.4`.
pub fn looks_like_id(s: &str) -> bool {
    let s = s.trim();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let mut chars = s.chars();
    if matches!(chars.next(), Some('r' | 'R' | 'o' | 'O')) {
        let rest = chars.as_str();
        if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    s.rsplit_once('.')
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a search query is rather a go-to target: `council#id`, `#id`, or a bare id
/// (`R5`, `3.18`) — what `/` then goes to instead of searching the words.
pub fn is_target_like(query: &str) -> bool {
    let q = query.trim();
    !q.is_empty() && !q.contains(char::is_whitespace) && (q.contains('#') || looks_like_id(q))
}

/// The index of the report an authority name (or id, or unique prefix) names.
pub fn resolve_report(corpus: &Corpus, authority: &str) -> Result<usize, TargetError> {
    if slug(authority).is_empty() {
        return Err(TargetError::NoAuthority {
            given: authority.to_string(),
            example: corpus
                .reports
                .first()
                .map(|r| slug(&r.authority.short))
                .unwrap_or_else(|| "swansea".into()),
        });
    }
    if let Some(found) = corpus.find(authority) {
        if let Some(i) = corpus.reports.iter().position(|r| std::ptr::eq(r, found)) {
            return Ok(i);
        }
    }
    let k = slug(authority);
    let mut candidates: Vec<String> = corpus
        .reports
        .iter()
        .filter(|r| r.id.starts_with(&k) || slug(&r.authority.short).starts_with(&k))
        .map(|r| slug(&r.authority.short))
        .collect();
    candidates.dedup();
    if candidates.len() > 1 {
        return Err(TargetError::Ambiguous {
            given: authority.to_string(),
            candidates,
        });
    }
    let mut known = corpus.known_names();
    known.dedup();
    Err(TargetError::UnknownAuthority {
        given: authority.to_string(),
        known,
    })
}

/// Resolves the part after `#` within one report: a paragraph id first, then a section
/// (number, key, theme, or a few aliases). Returns (section index, paragraph index).
pub fn resolve_id(r: &Report, id: &str) -> Option<(usize, Option<usize>)> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    for (si, s) in r.sections.iter().enumerate() {
        if let Some(pi) = s
            .paragraphs
            .iter()
            .position(|p| p.id.eq_ignore_ascii_case(id))
        {
            return Some((si, Some(pi)));
        }
    }
    let alias = match slug(id).as_str() {
        "recommendations" | "areas" | "afd" | "r" => Some(SectionKind::AreasForDevelopment),
        "overview-of-findings" | "findings" | "o" => Some(SectionKind::Overview),
        "intro" => Some(SectionKind::Introduction),
        _ => None,
    };
    if let Some(kind) = alias {
        return r
            .sections
            .iter()
            .position(|s| s.kind == kind)
            .map(|si| (si, None));
    }
    let found = r.find_section(id).or_else(|| r.find_section(&slug(id)))?;
    r.sections
        .iter()
        .position(|s| std::ptr::eq(s, found))
        .map(|si| (si, None))
}

/// What the user could type instead of an unknown id.
fn hint(r: &Report, id: &str) -> String {
    // `3.99`: name the range of section 3.
    if let Some((num, _)) = id.split_once('.') {
        if let Some(s) = r.find_section(num) {
            if let (Some(first), Some(last)) = (s.paragraphs.first(), s.paragraphs.last()) {
                return format!(
                    "section {} has paragraphs {}-{}",
                    s.key(),
                    first.id,
                    last.id
                );
            }
        }
    }
    let mut parts = Vec::new();
    if !r.recommendations.is_empty() {
        parts.push(format!("R1-R{}", r.recommendations.len()));
    }
    if !r.overview.is_empty() {
        parts.push(format!("O1-O{}", r.overview.len()));
    }
    let keys: Vec<String> = r.sections.iter().map(|s| s.key()).collect();
    format!(
        "try a paragraph such as 3.1{}, or a section: {} (or a theme such as safeguarding)",
        if parts.is_empty() {
            String::new()
        } else {
            format!(", {}", parts.join(", "))
        },
        keys.join(", ")
    )
}

#[cfg(test)]
mod tests;
