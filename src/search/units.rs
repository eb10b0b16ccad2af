//! What is searchable in a report: every text it holds ([`units`]), where each sits ([`Place`]),
//! and how much its section weighs against findings ([`Weight`]). A new kind of section, or a
//! new family of report that fills these fields, is searchable as it is; a new field of text
//! goes here.

use crate::model::{Pages, Report, SectionKind, Theme};

/// How much a section's paragraphs weigh against findings for the same score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Weight {
    /// Findings, overview, areas for development, and anything not known to be less.
    Finding = 0,
    /// Introduction: about the inspection more than about the council.
    Context = 1,
    /// Methodology, acknowledgements, next steps, front matter: names and boilerplate.
    Furniture = 2,
}

impl Weight {
    pub(super) fn of(kind: SectionKind) -> Weight {
        match kind {
            SectionKind::Introduction => Weight::Context,
            SectionKind::Methodology | SectionKind::Acknowledgements | SectionKind::NextSteps => {
                Weight::Furniture
            }
            _ => Weight::Finding,
        }
    }

    pub(super) fn from_byte(b: u8) -> Option<Weight> {
        [Weight::Finding, Weight::Context, Weight::Furniture]
            .get(usize::from(b))
            .copied()
    }

    /// The factor a paragraph's score is multiplied by.
    pub(super) fn factor(b: u8) -> f32 {
        match Weight::from_byte(b) {
            Some(Weight::Finding) | None => 1.0,
            Some(Weight::Context) => 0.85,
            Some(Weight::Furniture) => 0.6,
        }
    }
}

/// Where a searchable text sits in its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Section and paragraph positions.
    Section(u32, u32),
    FrontMatter(u32),
    /// The "What we expect to see" of a section (its position).
    Expectations(u32),
    /// An overview finding no section holds.
    Overview(u32),
    /// A recommendation no section holds.
    Recommendation(u32),
}

/// One searchable text of a report and what the index keeps of its place.
pub(super) struct Unit<'a> {
    pub(super) place: Place,
    pub(super) text: &'a str,
    pub(super) id: String,
    pub(super) section: &'a str,
    pub(super) subsection: Option<&'a str>,
    pub(super) theme: Option<Theme>,
    pub(super) weight: Weight,
    /// The PDF pages it is printed on, when known.
    pub(super) pages: Option<Pages>,
}

/// Every searchable text of `r`, in index order: front matter, each section's "What we expect
/// to see" (`4.E`, ranked as the section's paragraphs are) and paragraphs, then the overview
/// findings and recommendations that no section holds.
pub(super) fn units(r: &Report) -> impl Iterator<Item = Unit<'_>> {
    let front = r.front_matter.iter().enumerate().map(|(i, t)| Unit {
        place: Place::FrontMatter(i as u32),
        text: t,
        id: format!("front.{}", i + 1),
        section: "Front matter",
        subsection: None,
        theme: None,
        weight: Weight::Furniture,
        pages: None,
    });
    let sections = r.sections.iter().enumerate().flat_map(move |(si, s)| {
        let expectations = s
            .expectations
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(|e| Unit {
                place: Place::Expectations(si as u32),
                text: e,
                id: s.expectations_id(),
                section: &s.title,
                subsection: Some("What we expect to see"),
                theme: s.theme,
                weight: Weight::of(s.kind),
                pages: None,
            });
        let paragraphs = s.paragraphs.iter().enumerate().map(move |(pi, p)| {
            let theme = if s.kind == SectionKind::AreasForDevelopment {
                p.id.strip_prefix('R')
                    .and_then(|n| n.parse::<u32>().ok())
                    .and_then(|n| r.recommendations.iter().find(|x| x.number == n))
                    .and_then(|x| x.theme)
            } else {
                s.theme
            };
            Unit {
                place: Place::Section(si as u32, pi as u32),
                text: &p.text,
                id: p.id.clone(),
                section: &s.title,
                subsection: p.subsection.as_deref(),
                theme,
                weight: Weight::of(s.kind),
                pages: p.pages,
            }
        });
        expectations.into_iter().chain(paragraphs)
    });
    let holds = |k: SectionKind| {
        r.sections
            .iter()
            .any(|s| s.kind == k && !s.paragraphs.is_empty())
    };
    let overview = (!holds(SectionKind::Overview))
        .then(|| {
            r.overview.iter().enumerate().map(|(i, t)| Unit {
                place: Place::Overview(i as u32),
                text: t,
                id: format!("O{}", i + 1),
                section: "Overview",
                subsection: None,
                theme: None,
                weight: Weight::Finding,
                pages: r.overview_pages.get(i).copied(),
            })
        })
        .into_iter()
        .flatten();
    let recs = (!holds(SectionKind::AreasForDevelopment))
        .then(|| {
            r.recommendations.iter().enumerate().map(|(i, x)| Unit {
                place: Place::Recommendation(i as u32),
                text: &x.text,
                id: format!("R{}", x.number),
                section: "Areas for development",
                subsection: Some(x.theme_title.as_str()).filter(|s| !s.is_empty()),
                theme: x.theme,
                weight: Weight::Finding,
                pages: x.pages,
            })
        })
        .into_iter()
        .flatten();
    front.chain(sections).chain(overview).chain(recs)
}

/// The text at `place` of `r`.
pub(super) fn text_at(r: &Report, place: Place) -> &str {
    let s = match place {
        Place::Section(s, p) => r
            .sections
            .get(s as usize)
            .and_then(|s| s.paragraphs.get(p as usize))
            .map(|p| p.text.as_str()),
        Place::FrontMatter(i) => r.front_matter.get(i as usize).map(String::as_str),
        Place::Expectations(s) => r
            .sections
            .get(s as usize)
            .and_then(|s| s.expectations.as_deref()),
        Place::Overview(i) => r.overview.get(i as usize).map(String::as_str),
        Place::Recommendation(i) => r.recommendations.get(i as usize).map(|x| x.text.as_str()),
    };
    s.unwrap_or_default()
}
