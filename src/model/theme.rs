//! Themes and the frameworks they belong to: the 2018 inspection themes and the Act's principles,
//! read from headings and from what users type (English and Welsh).

use serde::{Deserialize, Serialize};
use std::fmt;

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
        let mut w = TitleWords { rest: s };
        // "3.", "1 2" (a number split by the dot), "Principle 1:".
        let first = loop {
            let mut after = w.clone();
            let x = after.next()?;
            let skip = x.text.bytes().all(|b| b.is_ascii_digit())
                || (TITLE_LEADS.iter().any(|l| word_is(x, l)) && after.clone().next().is_some());
            if !skip {
                break x;
            }
            w = after;
        };
        // Most lines start with no theme's first word: rejected with one look-up.
        let (lengths, firsts) = theme_first_words();
        // An ASCII word is as long lower-cased: one of no first word's length is none.
        if first.ascii && (first.text.len() >= 64 || lengths & 1 << first.text.len() == 0) {
            return None;
        }
        if !firsts.iter().any(|f| word_is(first, f)) {
            return None;
        }
        let starts_with = |name: &str| {
            let mut ws = w.clone();
            name.split(' ')
                .all(|n| ws.next().is_some_and(|x| word_is(x, n)))
        };
        let is_whole = |name: &str| {
            let mut ws = w.clone();
            ws.next().is_some_and(|x| word_is(x, name)) && ws.next().is_none()
        };
        Theme::ALL.into_iter().find(|t| {
            t.names().iter().any(|n| starts_with(n)) || t.whole_names().iter().any(|n| is_whole(n))
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

/// The first word of every name [`Theme::from_title`] matches, whole names included, once each;
/// and their lengths in bytes, one bit each.
fn theme_first_words() -> &'static (u64, Vec<&'static str>) {
    static FIRST: std::sync::OnceLock<(u64, Vec<&'static str>)> = std::sync::OnceLock::new();
    FIRST.get_or_init(|| {
        let mut first: Vec<&'static str> = Theme::ALL
            .into_iter()
            .flat_map(|t| t.names().iter().chain(t.whole_names()))
            .filter_map(|n| n.split(' ').next())
            .collect();
        first.sort_unstable();
        first.dedup();
        (first.iter().fold(0, |m, f| m | 1 << f.len()), first)
    })
}

/// The words [`title_words`] makes of a heading, without allocating: each as written (compare
/// with [`word_is`]), or "and" for `&`.
#[derive(Clone)]
struct TitleWords<'a> {
    rest: &'a str,
}

/// A word of a heading as written, and whether it is all ASCII.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> Iterator for TitleWords<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let start = self.rest.find(|c: char| c.is_alphanumeric() || c == '&')?;
        let rest = &self.rest[start..];
        if let Some(after) = rest.strip_prefix('&') {
            self.rest = after;
            return Some(Word {
                text: "and",
                ascii: true,
            });
        }
        let mut ascii = true;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                ascii &= c.is_ascii() || !c.is_alphanumeric();
                !c.is_alphanumeric()
            })
            .map_or(rest.len(), |(i, _)| i);
        self.rest = &rest[end..];
        Some(Word {
            text: &rest[..end],
            ascii,
        })
    }
}

/// Whether a word as written is `lower` (a lower-case word) once lower-cased.
fn word_is(word: Word<'_>, lower: &str) -> bool {
    if word.ascii {
        word.text.eq_ignore_ascii_case(lower)
    } else {
        word.text
            .chars()
            .flat_map(char::to_lowercase)
            .eq(lower.chars())
    }
}

/// Lower-case words of a heading or typed name: letters and digits only, `&` read as "and",
/// every dash, stop and other mark a word break.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Theme::from_title`] as it was written over allocated words: the reference the
    /// allocation-free reading must agree with.
    fn from_title_by_words(s: &str) -> Option<Theme> {
        if s.len() > MAX_TITLE_BYTES || !s.trim_start().starts_with(char::is_alphanumeric) {
            return None;
        }
        let words = title_words(s);
        let mut w: &[String] = &words;
        loop {
            match w.first().map(String::as_str) {
                Some(x) if x.bytes().all(|b| b.is_ascii_digit()) => w = &w[1..],
                Some(x) if TITLE_LEADS.contains(&x) && w.len() > 1 => w = &w[1..],
                _ => break,
            }
        }
        let starts_with = |name: &str| {
            let count = name.split(' ').count();
            w.len() >= count && w[..count].iter().zip(name.split(' ')).all(|(x, n)| x == n)
        };
        Theme::ALL.into_iter().find(|t| {
            t.names().iter().any(|n| starts_with(n))
                || t.whole_names().iter().any(|n| w.len() == 1 && w[0] == *n)
        })
    }

    #[test]
    fn from_title_agrees_with_reading_allocated_words() {
        let titles = [
            "Access arrangements: Information, Advice and Assistance (IAA)",
            "ACCESS",
            "3. Assessment",
            "1 2 Care and support",
            "Principle 1: Prevention",
            "Principle",
            "Theme 4",
            "Theme 4 Safeguarding",
            "Leadership, management & governance",
            "Management & Governance",
            "People - voice and control: people are heard",
            "People – voice and control",
            "People",
            "people",
            "People who need care",
            "PEOPLE: VOICE & CHOICE",
            "Well-being",
            "WELLBEING",
            "Partnership & integration",
            "Partneriaethau ac integreiddio",
            "Trefniadau mynediad",
            "Gwybodaeth, cyngor a chymorth",
            "Asesiadau",
            "Gofal a chymorth",
            "Diogelu",
            "Arweinyddiaeth",
            "Pobl – llais a rheolaeth",
            "Llesiant",
            "Atal",
            "ATALIAD",
            "Áccess",
            "İntegration",
            "Accessible",
            "Assessor",
            "Care",
            "Care and",
            "Well",
            "voice",
            "voice and choice",
            "ab",
            "",
            "   ",
            "12",
            "12 34",
            "- Access",
            "• Safeguarding",
            "&",
            "a&b",
            "Safeguarding&Prevention",
            "2.3 Prevention and early intervention",
            "Leadership1",
            "Ｐrevention",
        ];
        for t in titles {
            assert_eq!(Theme::from_title(t), from_title_by_words(t), "{t:?}");
        }
        let named = titles.iter().filter(|t| Theme::from_title(t).is_some());
        assert!(named.count() > 20);
        let long = format!("Access {}", "x".repeat(MAX_TITLE_BYTES));
        assert_eq!(Theme::from_title(&long), None);
    }
}
