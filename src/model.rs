//! The parsed report: what every front end shows and every tool scripts against.
//!
//! Field names are the JSON contract of `--json` output; add fields, never rename them.
//! Everything here is plain data (serde), free of parsing and terminal concerns.

use serde::{Deserialize, Serialize};
use std::fmt;

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

/// What a CIW publication about a council is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An inspection (CSSIW 2016-17, CIW 2018-19, the 2020 risk-based inspections).
    Inspection,
    /// A follow-up inspection.
    FollowUp,
    /// A joint inspection of child protection arrangements.
    Jicpa,
    /// A performance evaluation inspection (2022-2025).
    Pei,
    AssuranceCheck,
    ImprovementCheck,
    MonitoringLetter,
    /// An annual performance review letter.
    AnnualLetter,
    /// The web page that summarises a report.
    SummaryPage,
    /// A news release.
    News,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Inspection,
        Kind::FollowUp,
        Kind::Jicpa,
        Kind::Pei,
        Kind::AssuranceCheck,
        Kind::ImprovementCheck,
        Kind::MonitoringLetter,
        Kind::AnnualLetter,
        Kind::SummaryPage,
        Kind::News,
    ];

    /// The key used in JSON and ids: `follow-up`, `jicpa`, `monitoring-letter`...
    pub fn key(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::FollowUp => "follow-up",
            Kind::Jicpa => "jicpa",
            Kind::Pei => "pei",
            Kind::AssuranceCheck => "assurance-check",
            Kind::ImprovementCheck => "improvement-check",
            Kind::MonitoringLetter => "monitoring-letter",
            Kind::AnnualLetter => "annual-letter",
            Kind::SummaryPage => "summary-page",
            Kind::News => "news",
        }
    }

    /// How people name it: "follow-up inspection", "JICPA", "monitoring letter".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::FollowUp => "follow-up inspection",
            Kind::Jicpa => "JICPA",
            Kind::Pei => "PEI",
            Kind::AssuranceCheck => "assurance check",
            Kind::ImprovementCheck => "improvement check",
            Kind::MonitoringLetter => "monitoring letter",
            Kind::AnnualLetter => "annual letter",
            Kind::SummaryPage => "summary page",
            Kind::News => "news",
        }
    }

    /// At most 11 columns, for tables and lists: "follow-up", "JICPA", "improvement".
    pub fn short(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::FollowUp => "follow-up",
            Kind::Jicpa => "JICPA",
            Kind::Pei => "PEI",
            Kind::AssuranceCheck => "assurance",
            Kind::ImprovementCheck => "improvement",
            Kind::MonitoringLetter => "monitoring",
            Kind::AnnualLetter => "annual",
            Kind::SummaryPage => "summary",
            Kind::News => "news",
        }
    }

    /// The activity in words, for citations: "performance evaluation inspection".
    pub fn activity(self) -> &'static str {
        match self {
            Kind::Inspection => "inspection",
            Kind::FollowUp => "follow-up inspection",
            Kind::Jicpa => "joint inspection of child protection arrangements",
            Kind::Pei => "performance evaluation inspection",
            Kind::AssuranceCheck => "assurance check",
            Kind::ImprovementCheck => "improvement check",
            Kind::MonitoringLetter => "monitoring activity",
            Kind::AnnualLetter => "annual performance review",
            Kind::SummaryPage => "summary",
            Kind::News => "news release",
        }
    }

    /// Parses a key or a label, any case: `pei`, `follow-up`, "monitoring letter".
    pub fn from_key(s: &str) -> Option<Kind> {
        let k = slug(s);
        Kind::ALL
            .into_iter()
            .find(|x| x.key() == k || slug(x.label()) == k)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Whose services a document covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Services {
    Children,
    Adults,
    Both,
}

impl Services {
    /// "children's services", "adults' services", "adults' and children's services".
    pub fn label(self) -> &'static str {
        match self {
            Services::Children => "children's services",
            Services::Adults => "adults' services",
            Services::Both => "adults' and children's services",
        }
    }

    /// Short form for tables: "children", "adults", "both".
    pub fn key(self) -> &'static str {
        match self {
            Services::Children => "children",
            Services::Adults => "adults",
            Services::Both => "both",
        }
    }
}

/// The layout (family) of a document, which decides how its structure is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// The CIW inspection report of 2018-19 as published in PDF: contents, numbered theme
    /// sections with numbered paragraphs, overview, areas for development, methodology.
    #[serde(rename = "report-2018")]
    Report2018,
    /// A CIW web page summarising a report (2018-19): findings and areas for development.
    WebSummary,
    /// A report published as a CIW web page (2020 on: JICPA, PEI, checks): title, lead
    /// paragraphs, findings, areas for development or improvement, next steps.
    WebReport,
    /// A CIW letter (monitoring activity, assurance check, annual performance review).
    Letter,
    /// A CIW or CSSIW news release.
    News,
    /// Not a layout `ciw` knows: read as headings, paragraphs, bulleted and numbered items.
    #[default]
    Unknown,
}

impl Family {
    /// How `ciw check` names it.
    pub fn label(self) -> &'static str {
        match self {
            Family::Report2018 => "CIW inspection report (2018 layout)",
            Family::WebSummary => "CIW web summary page",
            Family::WebReport => "CIW report web page",
            Family::Letter => "CIW letter",
            Family::News => "CIW news release",
            Family::Unknown => "unknown layout",
        }
    }
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

/// A set of themes a report is written around.
///
/// CIW's 2018-2019 inspections (and their follow-ups) report on five inspection themes; the
/// performance evaluation inspections (PEI, 2022-2025) are written around the principles of the
/// Social Services and Well-being (Wales) Act 2014. Safeguarding belongs to both, so a 2018
/// report and a PEI report line up on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// Access, assessment, care and support, safeguarding, leadership.
    #[serde(rename = "inspection-2018")]
    Inspection2018,
    /// People – voice and control, prevention, partnerships and integration, well-being,
    /// safeguarding.
    #[serde(rename = "act-principles")]
    ActPrinciples,
}

impl Framework {
    /// Both frameworks, older first.
    pub const ALL: [Framework; 2] = [Framework::Inspection2018, Framework::ActPrinciples];

    /// The key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Framework::Inspection2018 => "inspection-2018",
            Framework::ActPrinciples => "act-principles",
        }
    }

    /// A short label for a column or a list: "2018 inspection themes".
    pub fn label(self) -> &'static str {
        match self {
            Framework::Inspection2018 => "2018 inspection themes",
            Framework::ActPrinciples => "Act principles (PEI)",
        }
    }

    /// One word for a narrow table column: "2018", "Act".
    pub fn short_label(self) -> &'static str {
        match self {
            Framework::Inspection2018 => "2018",
            Framework::ActPrinciples => "Act",
        }
    }

    /// The framework's themes in the order reports print them.
    pub fn themes(self) -> &'static [Theme] {
        match self {
            Framework::Inspection2018 => &Theme::ALL[..5],
            Framework::ActPrinciples => &[
                Theme::VoiceAndControl,
                Theme::Prevention,
                Theme::Partnerships,
                Theme::WellBeing,
                Theme::Safeguarding,
            ],
        }
    }

    /// The framework a set of themes belongs to: the Act's principles when any theme is theirs
    /// alone, else the 2018 themes when any is theirs alone; `None` for safeguarding only or
    /// no theme at all.
    pub fn of_themes(themes: impl IntoIterator<Item = Theme>) -> Option<Framework> {
        let mut found = None;
        for t in themes {
            match t.frameworks() {
                [Framework::ActPrinciples] => return Some(Framework::ActPrinciples),
                [f] => found = Some(*f),
                _ => {}
            }
        }
        found
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A theme of a [`Framework`]; sections and recommendations align across councils by it.
///
/// Parsing lives here, one function for each kind of input, so every command accepts the same
/// names: [`Theme::from_key`] (the JSON key), [`Theme::from_title`] (a heading as a report prints
/// it), [`Theme::from_input`] (what a user types); and [`Theme::next_in`] /
/// [`Theme::previous_in`] step through a list of themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    Access,
    Assessment,
    CareAndSupport,
    /// Shared by both frameworks.
    Safeguarding,
    Leadership,
    /// "People – voice and control".
    #[serde(rename = "people-voice-and-control")]
    VoiceAndControl,
    Prevention,
    /// "Partnerships and integration".
    #[serde(rename = "partnerships-and-integration")]
    Partnerships,
    WellBeing,
}

/// Words that may stand before a theme's name in a heading ("Principle 1: Prevention").
const TITLE_LEADS: [&str; 2] = ["principle", "theme"];

/// Longest heading [`Theme::from_title`] reads (bytes): the work per line stays bounded.
const MAX_TITLE_BYTES: usize = 400;

impl Theme {
    /// All themes: the 2018 themes in report order, then the Act's principles not already there.
    pub const ALL: [Theme; 9] = [
        Theme::Access,
        Theme::Assessment,
        Theme::CareAndSupport,
        Theme::Safeguarding,
        Theme::Leadership,
        Theme::VoiceAndControl,
        Theme::Prevention,
        Theme::Partnerships,
        Theme::WellBeing,
    ];

    /// The key used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Access => "access",
            Theme::Assessment => "assessment",
            Theme::CareAndSupport => "care-and-support",
            Theme::Safeguarding => "safeguarding",
            Theme::Leadership => "leadership",
            Theme::VoiceAndControl => "people-voice-and-control",
            Theme::Prevention => "prevention",
            Theme::Partnerships => "partnerships-and-integration",
            Theme::WellBeing => "well-being",
        }
    }

    /// A human title, the same for every council.
    pub fn title(self) -> &'static str {
        match self {
            Theme::Access => "Access arrangements (IAA)",
            Theme::Assessment => "Assessment",
            Theme::CareAndSupport => "Care and support and pathway planning",
            Theme::Safeguarding => "Safeguarding",
            Theme::Leadership => "Leadership, management and governance",
            Theme::VoiceAndControl => "People – voice and control",
            Theme::Prevention => "Prevention",
            Theme::Partnerships => "Partnerships and integration",
            Theme::WellBeing => "Well-being",
        }
    }

    /// One word for a narrow table column: "Care", "Voice".
    pub fn short_title(self) -> &'static str {
        match self {
            Theme::Access => "Access",
            Theme::Assessment => "Assessment",
            Theme::CareAndSupport => "Care",
            Theme::Safeguarding => "Safeguarding",
            Theme::Leadership => "Leadership",
            Theme::VoiceAndControl => "Voice",
            Theme::Prevention => "Prevention",
            Theme::Partnerships => "Partnerships",
            Theme::WellBeing => "Well-being",
        }
    }

    /// The frameworks the theme belongs to: one, or both for safeguarding.
    pub fn frameworks(self) -> &'static [Framework] {
        match self {
            Theme::Safeguarding => &Framework::ALL,
            Theme::Access | Theme::Assessment | Theme::CareAndSupport | Theme::Leadership => {
                &[Framework::Inspection2018]
            }
            Theme::VoiceAndControl | Theme::Prevention | Theme::Partnerships | Theme::WellBeing => {
                &[Framework::ActPrinciples]
            }
        }
    }

    /// The names a theme goes by, as lower-case words, in English and then in Welsh (as CIW's
    /// Welsh reports head them): the first is its key's words. A heading names the theme when it
    /// starts with one of these (whole words).
    fn names(self) -> &'static [&'static str] {
        match self {
            Theme::Access => &[
                "access",
                "information advice",
                "iaa",
                "access arrangements",
                "mynediad",
                "trefniadau mynediad",
                "gwybodaeth cyngor a chymorth",
            ],
            Theme::Assessment => &["assessment", "assessments", "asesu", "asesiad", "asesiadau"],
            Theme::CareAndSupport => &["care and support", "pathway planning", "gofal a chymorth"],
            Theme::Safeguarding => &["safeguarding", "diogelu"],
            Theme::Leadership => &[
                "leadership",
                "management and governance",
                "governance",
                "arweinyddiaeth",
            ],
            Theme::VoiceAndControl => &[
                "people voice and control",
                "voice and control",
                "people voice and choice",
                "pobl llais a rheolaeth",
                "llais a rheolaeth",
            ],
            Theme::Prevention => &["prevention", "atal"],
            Theme::Partnerships => &[
                "partnerships and integration",
                "partnership and integration",
                "partnerships",
                "partnership",
                "integration",
                "partneriaethau ac integreiddio",
                "partneriaeth ac integreiddio",
                "partneriaethau",
            ],
            Theme::WellBeing => &["well being", "wellbeing", "llesiant"],
        }
    }

    /// Names that only mean the theme on their own, never as the start of a longer heading:
    /// "People" heads a PEI section, but "People who need care" is not one.
    fn whole_names(self) -> &'static [&'static str] {
        match self {
            Theme::VoiceAndControl => &["people"],
            _ => &[],
        }
    }

    /// The theme of a JSON key exactly (`care-and-support`), ignoring case and surrounding space.
    pub fn from_key(s: &str) -> Option<Theme> {
        let k = s.trim();
        Theme::ALL
            .into_iter()
            .find(|t| t.key().eq_ignore_ascii_case(k))
    }

    /// The theme a section or recommendation heading names, as reports print it: any case or
    /// dash, `&` for "and", a section number or "Principle 2:" before it, and text after it
    /// ("Access arrangements: Information, Advice and Assistance (IAA)", "Leadership,
    /// management & governance", "People - voice and control: people are ..."). Bounded: a line
    /// longer than any heading names no theme.
    pub fn from_title(s: &str) -> Option<Theme> {
        // A heading starts with its number or its first word; a bulleted line is an item.
        if s.len() > MAX_TITLE_BYTES || !s.trim_start().starts_with(char::is_alphanumeric) {
            return None;
        }
        let words = title_words(s);
        let mut w: &[String] = &words;
        // "3.", "1 2" (a number split by the dot), "Principle 1:".
        loop {
            match w.first().map(String::as_str) {
                Some(x) if x.bytes().all(|b| b.is_ascii_digit()) => w = &w[1..],
                Some(x) if TITLE_LEADS.contains(&x) && w.len() > 1 => w = &w[1..],
                _ => break,
            }
        }
        // Most lines start with no theme's first word: rejected with one look-up.
        if !w
            .first()
            .is_some_and(|f| theme_first_words().contains(f.as_str()))
        {
            return None;
        }
        let starts_with = |name: &str| {
            let mut n = name.split(' ');
            let count = name.split(' ').count();
            w.len() >= count && w[..count].iter().all(|x| n.next() == Some(x.as_str()))
        };
        Theme::ALL.into_iter().find(|t| {
            t.names().iter().any(|n| starts_with(n))
                || t.whole_names().iter().any(|n| w.len() == 1 && w[0] == *n)
        })
    }

    /// A theme as a user types it, the same for every command: a key, a name or heading
    /// [`Theme::from_title`] knows ("Care and support", "iaa", "wellbeing"), or the start of a
    /// key or name that fits one theme only ("care", "safe", "lead", "voice", "partner").
    pub fn from_input(s: &str) -> Option<Theme> {
        if let Some(t) = Theme::from_key(s).or_else(|| Theme::from_title(s)) {
            return Some(t);
        }
        let typed = title_words(s).join(" ");
        if typed.is_empty() || typed.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
            return None;
        }
        let mut found = Theme::ALL.into_iter().filter(|t| {
            std::iter::once(t.key())
                .chain(t.names().iter().copied())
                .chain(t.whole_names().iter().copied())
                .any(|n| n.replace('-', " ").starts_with(&typed))
        });
        match (found.next(), found.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    }

    /// The theme after this one in `within`, wrapping round (`]` in a comparison); the first
    /// of `within` when this one is not in it, and itself when `within` is empty.
    pub fn next_in(self, within: &[Theme]) -> Theme {
        match within.iter().position(|x| *x == self) {
            Some(i) => within[(i + 1) % within.len()],
            None => within.first().copied().unwrap_or(self),
        }
    }

    /// The theme before this one in `within`, wrapping round (`[`); the last of `within` when
    /// this one is not in it, and itself when `within` is empty.
    pub fn previous_in(self, within: &[Theme]) -> Theme {
        match within.iter().position(|x| *x == self) {
            Some(i) => within[(i + within.len() - 1) % within.len()],
            None => within.last().copied().unwrap_or(self),
        }
    }
}

/// Lower-case words of a heading or typed name: letters and digits only, `&` read as "and",
/// every dash, stop and other mark a word break.
/// The first word of every name [`Theme::from_title`] matches, whole names included.
fn theme_first_words() -> &'static std::collections::HashSet<&'static str> {
    static FIRST: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        Theme::ALL
            .into_iter()
            .flat_map(|t| t.names().iter().chain(t.whole_names()))
            .filter_map(|n| n.split(' ').next())
            .collect()
    })
}

fn title_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c == '&' {
            words.push("and".to_string());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
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
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Areas for development"), "areas-for-development");
        assert_eq!(slug("  Inspection Team: "), "inspection-team");
        assert_eq!(
            slug("City and County of Swansea"),
            "city-and-county-of-swansea"
        );
    }

    #[test]
    fn theme_keys_round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::from_key(t.key()), Some(t));
            assert_eq!(Theme::from_input(t.key()), Some(t));
            assert_eq!(Theme::from_title(t.title()), Some(t), "{t}");
            assert_eq!(Theme::from_input(t.title()), Some(t), "{t}");
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.key()));
        }
        // The JSON keys of the 2018 themes stay as they were.
        let keys: Vec<&str> = Framework::Inspection2018
            .themes()
            .iter()
            .map(|t| t.key())
            .collect();
        assert_eq!(
            keys,
            [
                "access",
                "assessment",
                "care-and-support",
                "safeguarding",
                "leadership"
            ]
        );
        for f in Framework::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.key()));
            for t in f.themes() {
                assert!(t.frameworks().contains(&f), "{t} in {f}");
            }
        }
    }

    #[test]
    fn every_theme_is_in_its_frameworks_and_safeguarding_in_both() {
        for t in Theme::ALL {
            for f in t.frameworks() {
                assert!(f.themes().contains(&t), "{t} in {f}");
            }
        }
        assert_eq!(Theme::Safeguarding.frameworks(), Framework::ALL);
        assert_eq!(Framework::ActPrinciples.themes().len(), 5);
        assert_eq!(
            Framework::of_themes([Theme::Safeguarding, Theme::WellBeing]),
            Some(Framework::ActPrinciples)
        );
        assert_eq!(
            Framework::of_themes([Theme::Safeguarding, Theme::Access]),
            Some(Framework::Inspection2018)
        );
        assert_eq!(Framework::of_themes([Theme::Safeguarding]), None);
    }

    #[test]
    fn theme_titles_as_reports_print_them() {
        use Theme::*;
        for (t, want) in [
            ("Leadership, management & governance", Leadership),
            ("Leadership, Management and Governance", Leadership),
            (
                "Access arrangements: Information, Advice and Assistance (IAA)",
                Access,
            ),
            ("Care and Support and Pathway Planning", CareAndSupport),
            ("care and support and pathway planning", CareAndSupport),
            ("4. Safeguarding", Safeguarding),
            ("Assessment", Assessment),
            ("IAA", Access),
            ("People – voice and control", VoiceAndControl),
            ("People - Voice and Control", VoiceAndControl),
            ("People — voice & control", VoiceAndControl),
            (
                "People - voice and control: people are supported to",
                VoiceAndControl,
            ),
            ("1. People", VoiceAndControl),
            ("Principle 2: Prevention", Prevention),
            ("PREVENTION", Prevention),
            ("Partnerships and integration", Partnerships),
            ("Partnership & Integration", Partnerships),
            ("Well-being", WellBeing),
            ("Wellbeing", WellBeing),
            ("Well‐being", WellBeing),
            ("5 Safeguarding:", Safeguarding),
            // Welsh, as CIW's Welsh reports print them.
            ("4. Diogelu", Safeguarding),
            ("Pobl – llais a rheolaeth", VoiceAndControl),
            ("Llesiant", WellBeing),
            ("Atal", Prevention),
            ("Partneriaethau ac integreiddio", Partnerships),
            ("Arweinyddiaeth, rheolaeth a llywodraethu", Leadership),
            ("Trefniadau mynediad: Gwybodaeth, Cyngor a Chymorth", Access),
            ("Gofal a Chymorth a Chynllunio Llwybrau", CareAndSupport),
            ("Asesu", Assessment),
        ] {
            assert_eq!(Theme::from_title(t), Some(want), "{t}");
        }
        for none in [
            "Methodology",
            "Participation",
            "People who need care and support",
            "Peoples",
            "",
            "1.",
            "Accessible information",
            "• Safeguarding arrangements are robust.",
            "- Assessments must be updated",
            "(Prevention)",
        ] {
            assert_eq!(Theme::from_title(none), None, "{none}");
        }
        let long = format!("Safeguarding {}", "word ".repeat(100));
        assert_eq!(Theme::from_title(&long), None);
    }

    #[test]
    fn themes_as_users_type_them() {
        use Theme::*;
        for (typed, want) in [
            ("care", CareAndSupport),
            ("Care and Support", CareAndSupport),
            ("SAFE", Safeguarding),
            ("iaa", Access),
            ("lead", Leadership),
            ("voice", VoiceAndControl),
            ("people", VoiceAndControl),
            ("voice and control", VoiceAndControl),
            ("prev", Prevention),
            ("partner", Partnerships),
            ("integration", Partnerships),
            ("wellbeing", WellBeing),
            ("well", WellBeing),
            ("well-being", WellBeing),
            (" Prevention ", Prevention),
        ] {
            assert_eq!(Theme::from_input(typed), Some(want), "{typed}");
        }
        for none in ["a", "p", "swansea", "", "3", "--"] {
            assert_eq!(Theme::from_input(none), None, "{none}");
        }
    }

    #[test]
    fn themes_step_within_a_list() {
        let five = Framework::Inspection2018.themes();
        let mut t = Theme::Access;
        let mut seen = vec![];
        for _ in 0..5 {
            seen.push(t);
            t = t.next_in(five);
        }
        assert_eq!(seen, five);
        assert_eq!(t, Theme::Access);
        assert_eq!(Theme::Access.previous_in(five), Theme::Leadership);
        assert_eq!(
            Theme::Safeguarding.next_in(five).previous_in(five),
            Theme::Safeguarding
        );
        let act = Framework::ActPrinciples.themes();
        assert_eq!(Theme::Access.next_in(act), Theme::VoiceAndControl);
        assert_eq!(Theme::Access.previous_in(act), Theme::Safeguarding);
        assert_eq!(Theme::Safeguarding.next_in(act), Theme::VoiceAndControl);
        assert_eq!(Theme::Prevention.next_in(&[]), Theme::Prevention);
    }

    #[test]
    fn kind_keys_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_key(k.key()), Some(k));
            assert_eq!(Kind::from_key(k.label()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.key())
            );
            assert!(k.short().chars().count() <= 11);
        }
        assert_eq!(
            serde_json::to_string(&Family::Report2018).unwrap(),
            "\"report-2018\""
        );
    }

    #[test]
    fn inspection_labels() {
        let i = Inspection {
            month: "July".into(),
            month_number: 7,
            year: 2018,
        };
        assert_eq!(i.label(), "July 2018");
        let u = Inspection {
            month: String::new(),
            month_number: 0,
            year: 0,
        };
        assert_eq!(u.label(), "date unknown");
    }
}
