//! Deep links: `swansea`, `swansea#3.18`, `swansea#R5`, `swansea#O3`, `swansea#3`,
//! `swansea#safeguarding`, resolved against a [`Corpus`] to indices the front ends can open.
//! Pure core: no terminal, no printing; errors say what the user can type instead.

use crate::corpus::Corpus;
use crate::model::{slug, Report, SectionKind};
use std::fmt;

/// A resolved deep link. Indices point into `corpus.reports`, `report.sections` and
/// `section.paragraphs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub report: usize,
    /// `None`: the report as a whole (no `#ID` given).
    pub section: Option<usize>,
    /// `Some` when the link names one paragraph (`3.18`, `R5`, `O3`, `methodology.2`).
    pub paragraph: Option<usize>,
}

/// Why a deep link did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Nothing before the `#`.
    #[error("no authority given in {given:?}; try e.g. `{example}#3.18`")]
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
        });
    };
    resolve_id(r, id)
        .map(|(section, paragraph)| Target {
            report,
            section: Some(section),
            paragraph,
        })
        .ok_or_else(|| TargetError::UnknownId {
            authority: r.authority.short.clone(),
            id: id.to_string(),
            hint: hint(r, id),
        })
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
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::samples()
    }

    fn section_key(c: &Corpus, t: &Target) -> String {
        c.reports[t.report].sections[t.section.unwrap()].key()
    }

    fn para_id(c: &Corpus, t: &Target) -> String {
        c.reports[t.report].sections[t.section.unwrap()].paragraphs[t.paragraph.unwrap()]
            .id
            .clone()
    }

    #[test]
    fn bare_authority() {
        let c = corpus();
        let t = resolve(&c, "swansea").unwrap();
        assert_eq!(c.reports[t.report].authority.short, "Swansea");
        assert_eq!(t.section, None);
        assert_eq!(t.paragraph, None);
        let t = resolve(&c, "Swansea#").unwrap();
        assert_eq!(t.section, None);
    }

    #[test]
    fn paragraphs_findings_and_recommendations() {
        let c = corpus();
        let t = resolve(&c, "swansea#3.18").unwrap();
        assert_eq!(section_key(&c, &t), "3");
        assert_eq!(para_id(&c, &t), "3.18");
        let t = resolve(&c, "swansea#r5").unwrap();
        assert_eq!(para_id(&c, &t), "R5");
        assert_eq!(section_key(&c, &t), "areas-for-development");
        let t = resolve(&c, "pembrokeshire#O3").unwrap();
        assert_eq!(para_id(&c, &t), "O3");
        assert_eq!(section_key(&c, &t), "overview");
        let t = resolve(&c, "swansea#methodology.4").unwrap();
        assert_eq!(para_id(&c, &t), "methodology.4");
    }

    #[test]
    fn sections_by_number_key_theme_and_alias() {
        let c = corpus();
        let t = resolve(&c, "swansea#3").unwrap();
        assert_eq!(section_key(&c, &t), "3");
        assert_eq!(t.paragraph, None);
        let t = resolve(&c, "swansea#safeguarding").unwrap();
        assert_eq!(section_key(&c, &t), "4");
        let t = resolve(&c, "swansea#Methodology").unwrap();
        assert_eq!(section_key(&c, &t), "methodology");
        let t = resolve(&c, "swansea#recommendations").unwrap();
        assert_eq!(section_key(&c, &t), "areas-for-development");
        let t = resolve(&c, "swansea#care and support").unwrap();
        assert_eq!(section_key(&c, &t), "3");
    }

    #[test]
    fn unknown_authority_lists_the_loaded_ones() {
        let c = corpus();
        let e = resolve(&c, "cardiff#3.1").unwrap_err();
        assert!(matches!(e, TargetError::UnknownAuthority { .. }));
        let msg = e.to_string();
        assert!(msg.contains("cardiff"), "{msg}");
        assert!(msg.contains("pembrokeshire, swansea"), "{msg}");
    }

    #[test]
    fn unknown_id_says_what_exists() {
        let c = corpus();
        let e = resolve(&c, "swansea#3.99").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("Swansea has no paragraph or section \"3.99\""),
            "{msg}"
        );
        assert!(msg.contains("3.1-3.23"), "{msg}");
        let e = resolve(&c, "swansea#R99").unwrap_err();
        assert!(e.to_string().contains("R1-R10"), "{e}");
        let e = resolve(&c, "swansea#nonsense").unwrap_err();
        assert!(e.to_string().contains("methodology"), "{e}");
    }

    #[test]
    fn empty_authority_is_an_error() {
        let c = corpus();
        assert!(matches!(
            resolve(&c, "#3.18"),
            Err(TargetError::NoAuthority { .. })
        ));
        assert!(resolve(&c, "").is_err());
        assert!(resolve(&c, "   ").is_err());
    }

    #[test]
    fn ambiguous_prefix_names_candidates() {
        let mut c = corpus();
        let mut other = c.reports[0].clone();
        other.authority.short = "Pembroke Dock".into();
        other.id = "pembroke-dock-2018-09".into();
        c = Corpus::new(vec![c.reports[0].clone(), c.reports[1].clone(), other]);
        let e = resolve(&c, "pembr").unwrap_err();
        assert!(matches!(e, TargetError::Ambiguous { .. }), "{e}");
        assert!(e.to_string().contains("pembroke-dock"), "{e}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let c = corpus();
        for s in [
            "#",
            "##",
            "swansea##",
            "swansea#.",
            "swansea#3.",
            "ŵ#ŷ",
            "\u{1b}[2J#x",
        ] {
            let _ = resolve(&c, s);
        }
        let empty = Corpus::default();
        assert!(resolve(&empty, "swansea").is_err());
    }
}
