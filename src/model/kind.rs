//! What a publication is: its kind, the services it covers, and the layout family it was read as.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::slug;

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
