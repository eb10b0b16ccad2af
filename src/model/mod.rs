//! The parsed report: what every front end shows and every tool scripts against.
//!
//! Field names are the JSON contract of `--json` output; add fields, never rename them.
//! Everything here is plain data (serde), free of parsing and terminal concerns.

use serde::{Deserialize, Serialize};

mod kind;
mod theme;

pub use kind::{Family, Kind, Services};
pub use theme::{Framework, Theme};

/// One inspection report of a council's children's services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Stable id, `<authority-slug>-<year>-<month>`, e.g. `swansea-2018-07`.
    pub id: String,
    pub authority: Authority,
    pub inspection: Inspection,
    /// Lines before the contents, e.g. the Welsh-language notice.
    #[serde(default)]
    pub front_matter: Vec<String>,
    /// The contents table as printed, with its page numbers.
    #[serde(default)]
    pub contents: Vec<ContentsEntry>,
    /// The overview findings, in order (`O1`, `O2`, ...).
    pub overview: Vec<String>,
    /// The pages each overview finding is printed on, parallel to `overview`; empty when the
    /// text has no page breaks. (Always written: the library cache's format cannot skip it.)
    #[serde(default)]
    pub overview_pages: Vec<Pages>,
    /// The "Areas for development", in order (`R1`, `R2`, ...).
    pub recommendations: Vec<Recommendation>,
    /// Every section in reading order, numbered or not.
    pub sections: Vec<Section>,
    pub methodology: Methodology,
    /// What the parser had to guess or repair, one line each.
    pub warnings: Vec<String>,
    /// The document's title as printed ("Inspection of Children's Services: Gwynedd Council"),
    /// where it has one.
    #[serde(default)]
    pub title: Option<String>,
    /// What the document is; `None` for a document of unknown layout that says nothing of it.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// For a summary page or a news item: the kind of the inspection or review it reports on.
    #[serde(default)]
    pub about: Option<Kind>,
    /// The services it covers; `None` when the text does not say.
    #[serde(default)]
    pub services: Option<Services>,
    /// The layout the parser recognised (its structure follows from it).
    #[serde(default)]
    pub family: Family,
    /// How the family, council, date, kind and services were decided, one line each (what
    /// `ciw check` prints above the warnings).
    #[serde(default)]
    pub guesses: Vec<String>,
}

/// The council inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    /// As the report names it: "City and County of Swansea".
    pub name: String,
    /// The short name people use: "Swansea".
    pub short: String,
}

impl Authority {
    /// The short name of a document's council when neither its text nor its file name names
    /// one (its id then comes from its file name).
    pub const UNKNOWN: &'static str = "Unknown";

    /// Whether the document names its council (or its file name does).
    pub fn is_known(&self) -> bool {
        self.short != Authority::UNKNOWN
    }
}

/// When the inspection took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// Month name in English, e.g. "July"; empty when the report does not say.
    pub month: String,
    /// 1-12, or 0 when unknown.
    pub month_number: u8,
    /// Year, or 0 when unknown.
    pub year: u16,
}

impl Inspection {
    /// "July 2018", or whatever part is known.
    pub fn label(&self) -> String {
        match (self.month.is_empty(), self.year) {
            (false, 0) => self.month.clone(),
            (true, 0) => "date unknown".to_string(),
            (true, y) => y.to_string(),
            (false, y) => format!("{} {}", self.month, y),
        }
    }
}

/// One line of the contents table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentsEntry {
    pub title: String,
    pub page: u32,
}

/// What part of a report a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Introduction,
    Overview,
    AreasForDevelopment,
    NextSteps,
    /// A numbered inspection theme (1-5).
    Theme,
    Methodology,
    Acknowledgements,
    /// Any other heading the parser recognised but could not place.
    Other,
}

/// A section, numbered (`3 Care and support ...`) or not (`Methodology`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: Option<u32>,
    /// The title as this report prints it.
    pub title: String,
    pub kind: SectionKind,
    pub theme: Option<Theme>,
    /// The "What we expect to see" text, where the section has one.
    pub expectations: Option<String>,
    /// Subsection headings in order ("Care Leavers", "Long Term Planning", ...).
    #[serde(default)]
    pub subsections: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
}

impl Section {
    /// The id its "What we expect to see" is cited by: `3.E`, `methodology.E`.
    pub fn expectations_id(&self) -> String {
        format!("{}.{EXPECTATIONS}", self.key())
    }

    /// A short key for deep links: `3` for numbered sections, else a slug (`methodology`).
    pub fn key(&self) -> String {
        if let Some(n) = self.number {
            return n.to_string();
        }
        match self.kind {
            SectionKind::Introduction => "introduction".into(),
            SectionKind::Overview => "overview".into(),
            SectionKind::AreasForDevelopment => "areas-for-development".into(),
            SectionKind::NextSteps => "next-steps".into(),
            SectionKind::Methodology => "methodology".into(),
            SectionKind::Acknowledgements => "acknowledgements".into(),
            SectionKind::Theme | SectionKind::Other => slug(&self.title),
        }
    }
}

/// The first and last page (1-based, as the PDF counts them) a piece of text is printed on;
/// serialised as `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pages(pub u32, pub u32);

impl Pages {
    /// `p. 17`, or `pp. 17-18` across a page break.
    pub fn label(self) -> String {
        if self.0 == self.1 {
            format!("p. {}", self.0)
        } else {
            format!("pp. {}\u{2013}{}", self.0, self.1)
        }
    }
}

/// The suffix of a section's "What we expect to see" id: `3.E`.
pub const EXPECTATIONS: &str = "E";

/// One paragraph with its id: `3.18`, `R5`, `O3`, or `<section-key>.<n>` in unnumbered sections.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Paragraph {
    pub id: String,
    pub subsection: Option<String>,
    pub text: String,
    /// The pages it is printed on; `None` for text without page breaks.
    #[serde(default)]
    pub pages: Option<Pages>,
}

/// An "Area for development".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Recommendation {
    pub number: u32,
    pub theme: Option<Theme>,
    /// The theme heading as this report prints it.
    pub theme_title: String,
    pub text: String,
    /// True when the number was lost in extraction and inferred from its neighbours.
    #[serde(default)]
    pub inferred: bool,
    /// The pages it is printed on; `None` for text without page breaks.
    #[serde(default)]
    pub pages: Option<Pages>,
}

// `pages` is left out of JSON (and other human-readable formats) when unknown, but always
// written to compact binary formats (the library cache), which cannot skip a field.
impl Serialize for Paragraph {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let skip = s.is_human_readable() && self.pages.is_none();
        let mut st = s.serialize_struct("Paragraph", 4 - usize::from(skip))?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("subsection", &self.subsection)?;
        st.serialize_field("text", &self.text)?;
        if skip {
            st.skip_field("pages")?;
        } else {
            st.serialize_field("pages", &self.pages)?;
        }
        st.end()
    }
}

impl Serialize for Recommendation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let skip = s.is_human_readable() && self.pages.is_none();
        let mut st = s.serialize_struct("Recommendation", 6 - usize::from(skip))?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("theme", &self.theme)?;
        st.serialize_field("theme_title", &self.theme_title)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("inferred", &self.inferred)?;
        if skip {
            st.skip_field("pages")?;
        } else {
            st.serialize_field("pages", &self.pages)?;
        }
        st.end()
    }
}

/// The figures of the methodology section; `None` where the report does not give one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Methodology {
    pub fieldwork_days: Option<u32>,
    pub case_files_reviewed: Option<u32>,
    pub tracked_by_interview: Option<u32>,
    pub tracked_by_focus_group: Option<u32>,
    pub supervision_files: Option<u32>,
    pub lead_inspector: Option<String>,
    #[serde(default)]
    pub inspectors: Vec<String>,
}

impl Report {
    /// The numbered section of a theme, if the report has one.
    pub fn theme_section(&self, theme: Theme) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.theme == Some(theme) && s.kind == SectionKind::Theme)
    }

    /// The framework the report is written around, from the themes of its sections and
    /// recommendations ([`Framework::of_themes`]); `None` when no theme tells.
    pub fn framework(&self) -> Option<Framework> {
        Framework::of_themes(
            self.sections
                .iter()
                .filter_map(|s| s.theme)
                .chain(self.recommendations.iter().filter_map(|r| r.theme)),
        )
    }

    /// Recommendations for one theme.
    pub fn recommendations_for(&self, theme: Theme) -> impl Iterator<Item = &Recommendation> {
        self.recommendations
            .iter()
            .filter(move |r| r.theme == Some(theme))
    }

    /// Finds a paragraph by id (`3.18`, `R5`, `O3`, `methodology.2`), case-insensitive.
    pub fn find_paragraph(&self, id: &str) -> Option<(&Section, &Paragraph)> {
        self.sections.iter().find_map(|s| {
            s.paragraphs
                .iter()
                .find(|p| p.id.eq_ignore_ascii_case(id))
                .map(|p| (s, p))
        })
    }

    /// Finds a section by number (`3`), key (`methodology`) or theme (`safeguarding`).
    pub fn find_section(&self, key: &str) -> Option<&Section> {
        let k = key.trim();
        self.sections
            .iter()
            .find(|s| s.key().eq_ignore_ascii_case(k))
            .or_else(|| Theme::from_input(k).and_then(|t| self.theme_section(t)))
    }

    /// The citation used when copying a paragraph: "..., July 2018, para 3.18, p. 17" (the
    /// page where the report's text has page breaks).
    pub fn citation(&self, paragraph_id: &str) -> String {
        let what = if let Some(n) = paragraph_id.strip_prefix('R') {
            format!("area for development {n}")
        } else if let Some(n) = paragraph_id.strip_prefix('O') {
            format!("overview finding {n}")
        } else if let Some(n) = paragraph_id.strip_prefix("front.") {
            format!("front matter, paragraph {n}")
        } else if let Some(s) = paragraph_id
            .strip_suffix(EXPECTATIONS)
            .and_then(|s| s.strip_suffix('.'))
        {
            format!("what we expect to see in section {s}")
        } else {
            format!("para {paragraph_id}")
        };
        let page = self
            .find_paragraph(paragraph_id)
            .and_then(|(_, p)| p.pages)
            .map(|p| format!(", {}", p.label()))
            .unwrap_or_default();
        format!(
            "{}, {}, {}, {what}{page}",
            self.document_label(),
            self.authority.name,
            self.inspection.label(),
        )
    }

    /// What the document is, in words: "CIW inspection of children's services", "CIW
    /// performance evaluation inspection of adults' and children's services", "CIW news
    /// release on the improvement check of children's services".
    pub fn document_label(&self) -> String {
        document_label(self.kind, self.about, self.services, self.title.as_deref())
    }

    /// Total paragraphs in numbered theme sections.
    pub fn finding_count(&self) -> usize {
        self.sections
            .iter()
            .filter(|s| s.kind == SectionKind::Theme)
            .map(|s| s.paragraphs.len())
            .sum()
    }
}

/// Lower-case ASCII slug: "Areas for development" -> "areas-for-development".
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// What a document is, in words, from its kind, what it reports on, the services it covers and
/// its title: "CIW inspection of children's services", "CIW news release on the improvement
/// check of children's services". [`Report::document_label`] and the library's summaries share it.
pub fn document_label(
    kind: Option<Kind>,
    about: Option<Kind>,
    services: Option<Services>,
    title: Option<&str>,
) -> String {
    let services = services.unwrap_or(Services::Children).label();
    match (kind, about) {
        (Some(Kind::Jicpa), _) => "Joint inspection of child protection arrangements".into(),
        (Some(Kind::AnnualLetter), _) => "CIW annual performance review letter".into(),
        (Some(Kind::MonitoringLetter), _) => format!("CIW monitoring letter on {services}"),
        (Some(k @ (Kind::SummaryPage | Kind::News)), about) => {
            let of = if k == Kind::News { "on" } else { "of" };
            match about {
                Some(a) => format!(
                    "CIW {} {of} the {} of {services}",
                    k.activity(),
                    a.activity()
                ),
                None => format!("CIW {} {of} {services}", k.activity()),
            }
        }
        (Some(k), _) => format!("CIW {} of {services}", k.activity()),
        (None, _) => title.map_or_else(|| "Document".into(), str::to_string),
    }
}

#[cfg(test)]
mod tests;
