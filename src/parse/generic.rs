//! The structure of every document that is not a 2018 inspection report: CIW's web pages
//! (summaries, PEI and JICPA reports, improvement checks), letters, news releases, and any text
//! of a layout `ciw` does not know. It reads headings, paragraphs, bulleted and numbered items;
//! headings it knows give the parts their meaning:
//!
//! - headings that introduce what the council is asked to do ("Areas for development",
//!   "Priorities for improvement", "Areas requiring improvement", "Recommendations"...) make
//!   a recommendations section: one recommendation per bullet, number or paragraph, never
//!   merged across bullets;
//! - findings headings ("Key strengths", "Summary of findings", "Areas of improvement
//!   identified"...) make overview findings, one per bullet or paragraph;
//! - the principles of the Social Services and Well-being (Wales) Act ("People – voice and
//!   control", "Prevention", ...) and the 2018 themes make theme sections, also when written
//!   with their text on the same line ("Well-being: People are ...");
//! - any other heading makes a section of its own.
//!
//! Paragraph ids: `R1`... and `O1`... across the whole document, `<section-key>.<n>` elsewhere.

use super::furniture::Line;
use super::lines::{
    contents_entry, finished, join_line, looks_like_heading, rec_marker, starts_lower, strip_bullet,
};
use super::structure::Doc;
use crate::model::{Pages, Paragraph, Recommendation, Section, SectionKind, Theme};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// What a known heading introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Actions asked of the council: recommendations.
    Recommendations,
    /// Findings: the overview.
    Findings,
    Introduction,
    NextSteps,
    Methodology,
    Acknowledgements,
    Contents,
    /// A principle of the Act or a 2018 theme.
    Theme,
    /// A letter's sign-off: "Yours sincerely,".
    Closing,
}

const RECOMMENDATIONS: [&str; 27] = [
    "areas for development",
    "priority areas for development",
    "key areas for development",
    "areas for further development",
    "areas for development and improvement",
    "areas for improvement and development",
    "priorities for improvement",
    "priorities for development",
    "key priorities for improvement",
    "priority areas for improvement",
    "areas requiring improvement",
    "areas requiring further improvement",
    "areas for improvement",
    "areas identified for improvement",
    "areas identified for development",
    "areas where improvement is required",
    "areas where improvement is needed",
    "improvement required",
    "improvements required",
    "recommendations",
    "key recommendations",
    "our recommendations",
    "recommendations for improvement",
    "what needs to improve",
    "areas for action",
    "actions required",
    "priority actions",
];

const FINDINGS: [&str; 24] = [
    "key strengths",
    "strengths",
    "areas of strength",
    "key improvements identified",
    "improvements identified",
    "areas of improvement identified",
    "key improvements",
    "findings",
    "summary of findings",
    "key findings",
    "main findings",
    "our findings",
    "what we found",
    "overview",
    "overview of findings",
    "overview of key findings",
    "summary",
    "executive summary",
    "progress made",
    "progress since the last inspection",
    "what is working well",
    "what's working well",
    "positive practice",
    "areas of good practice",
];

/// The principles of the Social Services and Well-being (Wales) Act, as PEI reports title
/// their sections (keys as [`heading_key`] makes them).
const PRINCIPLES: [&str; 12] = [
    "people voice and control",
    "people voice choice and control",
    "voice and control",
    "people",
    "prevention",
    "prevention and early intervention",
    "partnerships and integration",
    "partnership and integration",
    "partnerships",
    "well being",
    "wellbeing",
    "safeguarding",
];

/// Lower case, dashes and slashes as spaces, `&` as `and`, curly apostrophes straight, one
/// space between words, trailing `:` and `.` dropped: the form headings are compared in.
pub fn heading_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for c in s.chars() {
        let f = crate::text::fold_char(c);
        let f = match f {
            '-' | '/' | '_' => ' ',
            c => c,
        };
        if f.is_whitespace() {
            if !k.is_empty() && !k.ends_with(' ') {
                k.push(' ');
            }
        } else if f == '&' {
            k.push_str("and");
        } else {
            k.push(f);
        }
    }
    let t = k.trim_end().trim_end_matches([':', '.', ' ']);
    t.to_string()
}

/// What a heading introduces, if it is one `ciw` knows.
pub fn part_of(heading: &str) -> Option<Part> {
    if heading.len() > 100 {
        return None;
    }
    let k = heading_key(heading);
    let k = k.as_str();
    if RECOMMENDATIONS.contains(&k) {
        Some(Part::Recommendations)
    } else if FINDINGS.contains(&k) {
        Some(Part::Findings)
    } else if PRINCIPLES.contains(&k) || theme_of(heading).is_some() {
        Some(Part::Theme)
    } else {
        match k {
            "introduction"
            | "background"
            | "about this report"
            | "about the inspection"
            | "purpose of the inspection"
            | "scope of the inspection" => Some(Part::Introduction),
            "next steps" | "what happens next" => Some(Part::NextSteps),
            "methodology" | "method" | "how we inspected" | "our approach" => {
                Some(Part::Methodology)
            }
            "acknowledgements" | "acknowledgments" => Some(Part::Acknowledgements),
            "contents" | "table of contents" => Some(Part::Contents),
            "yours sincerely," | "yours faithfully," | "yours sincerely" | "yours faithfully"
            | "kind regards," | "kind regards" | "yn gywir," | "yn gywir" => Some(Part::Closing),
            _ => None,
        }
    }
}

/// The theme a section heading names: a 2018 theme, or (once the model knows them) a principle
/// of the Act.
pub fn theme_of(heading: &str) -> Option<Theme> {
    if heading.len() > 100 {
        return None;
    }
    crate::model::Theme::from_title(heading).filter(|_| {
        // Only a heading that is the theme's name, not a sentence that starts with it.
        heading.split_whitespace().count() <= 10
    })
}

/// "People – voice and control: People are ..." split into the heading and its text, when the
/// part before the colon is a heading `ciw` knows.
pub fn inline_heading(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let colon = t.find(':')?;
    if colon > 60 {
        return None;
    }
    let (head, rest) = (&t[..colon], t[colon + 1..].trim());
    if rest.is_empty() || head.trim().is_empty() {
        return None;
    }
    let part = part_of(head)?;
    matches!(
        part,
        Part::Theme | Part::Recommendations | Part::Findings | Part::NextSteps
    )
    .then_some((head.trim(), rest))
}

/// A document's first line, when it reads as a title: short, no sentence punctuation at its end.
pub fn title_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    !t.is_empty()
        && t.len() <= 200
        && (2..=25).contains(&words)
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && contents_entry(t).is_none()
        && part_of(t).is_none()
}

#[derive(Debug, Clone, PartialEq)]
enum UnitKind {
    Heading,
    /// A line of a contents table: `Safeguarding      18`.
    Contents,
    Bullet,
    Numbered,
    Text,
}

#[derive(Debug)]
struct Unit {
    no: usize,
    kind: UnitKind,
    text: String,
    /// First unit of its block (after a blank line or a page break).
    block_start: bool,
    /// The pages its lines are on.
    pages: Pages,
}

/// Whether the text is hard-wrapped (paragraphs broken into lines at a width), as extracted
/// from a PDF: then every line of a block continues its paragraph.
fn hard_wrapped(blocks: &[Cow<'_, [Line<'_>]>]) -> bool {
    let (mut wrapped, mut lines) = (0usize, 0usize);
    for b in blocks {
        lines += b.len();
        for w in b.windows(2) {
            let (a, next) = (w[0].text.trim(), w[1].text.trim());
            if !finished(a) && !strip_bullet(next).0 && starts_lower(next) {
                wrapped += 1;
            }
        }
    }
    wrapped >= 3 && wrapped * 10 >= lines
}

/// The runs of non-blank lines, without the title's line: slices of `lines`, so a text of
/// many short lines is not copied (only the run the title is in is).
fn blocks<'l, 'a>(lines: &'l [Line<'a>], title_at: Option<usize>) -> Vec<Cow<'l, [Line<'a>]>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for end in 0..=lines.len() {
        if lines.get(end).is_some_and(|l| !l.text.trim().is_empty()) {
            continue;
        }
        if start < end {
            let run = &lines[start..end];
            match title_at.filter(|t| (start..end).contains(t)) {
                Some(t) => {
                    let mut rest = run.to_vec();
                    rest.remove(t - start);
                    if !rest.is_empty() {
                        blocks.push(Cow::Owned(rest));
                    }
                }
                None => blocks.push(Cow::Borrowed(run)),
            }
        }
        start = end + 1;
    }
    blocks
}

/// Lines to units: headings, bulleted and numbered items, and paragraphs of text.
fn units(lines: &[Line<'_>], title_at: Option<usize>) -> Vec<Unit> {
    let blocks = blocks(lines, title_at);
    let wrapped = hard_wrapped(&blocks);
    let mut out: Vec<Unit> = Vec::new();
    for (bi, block) in blocks.iter().enumerate() {
        let first_unit = out.len();
        for (j, l) in block.iter().enumerate() {
            let t = l.text.trim();
            // The first unit of the block (a page number skipped before it does not count).
            let block_start = out.len() == first_unit;
            let push = |out: &mut Vec<Unit>, kind: UnitKind, text: &str, start: bool| {
                let mut s = String::new();
                if kind == UnitKind::Contents {
                    s.push_str(text);
                } else {
                    join_line(&mut s, text);
                }
                out.push(Unit {
                    no: l.no,
                    kind,
                    text: s,
                    block_start: start,
                    pages: Pages(l.page, l.page),
                });
            };
            if super::furniture::is_page_number(t) {
                // A page number left mid-text by the extraction: alone, set far in, or just
                // before a heading.
                let before_heading = block.get(j + 1).is_some_and(|n| {
                    part_of(n.text.trim()).is_some() || looks_like_heading(n.text)
                });
                if block.len() == 1 || l.text.starts_with("          ") || before_heading {
                    continue;
                }
            }
            if contents_entry(l.text).is_some() {
                push(&mut out, UnitKind::Contents, t, block_start);
                continue;
            }
            if let Some((head, rest)) = inline_heading(t) {
                push(&mut out, UnitKind::Heading, head, block_start);
                push(&mut out, UnitKind::Text, rest, true);
                continue;
            }
            if part_of(t).is_some() {
                push(&mut out, UnitKind::Heading, t, block_start);
                continue;
            }
            let (bullet, body) = strip_bullet(t);
            if bullet && !body.is_empty() {
                // Every bullet is an item of its own, whatever the one before ends with.
                push(&mut out, UnitKind::Bullet, body, block_start);
                continue;
            }
            if rec_marker(t).is_some() {
                push(&mut out, UnitKind::Numbered, t, block_start);
                continue;
            }
            let prev_open = !block_start && out.last().is_some_and(|u| u.kind != UnitKind::Heading);
            if prev_open {
                let prev = out.last().map(|u| u.text.as_str()).unwrap_or("");
                if wrapped || !finished(prev) || starts_lower(t) {
                    if let Some(u) = out.last_mut() {
                        join_line(&mut u.text, t);
                        u.pages.1 = l.page;
                    }
                    continue;
                }
            }
            // A short line that reads as a heading: alone in its block, or (in text that is not
            // hard-wrapped) first in its block and followed by prose; never the last line, which
            // may be cut short.
            let next_is_prose = block
                .get(j + 1)
                .is_some_and(|n| n.text.split_whitespace().count() >= 6 || strip_bullet(n.text).0);
            // A heading is followed by a new sentence, not by the rest of one.
            let alone = block.len() == 1
                && blocks
                    .get(bi + 1)
                    .and_then(|b| b.first())
                    .is_some_and(|n| !starts_lower(n.text));
            let prev_finished = out
                .last()
                .is_none_or(|u| u.kind == UnitKind::Heading || finished(&u.text));
            if looks_like_heading(t)
                && !t.ends_with(':')
                && prev_finished
                && (alone || (!wrapped && block_start && next_is_prose))
            {
                push(&mut out, UnitKind::Heading, t, block_start);
                continue;
            }
            push(&mut out, UnitKind::Text, t, block_start);
        }
    }
    out
}

struct Builder<'w> {
    warnings: &'w mut Vec<String>,
    doc: Doc,
    /// The theme the current part belongs to ("Areas for improvement" under a principle).
    context: Option<(Option<Theme>, String)>,
    /// Paragraph numbers used per section key, and every id used.
    counters: HashMap<String, usize>,
    ids: HashSet<String>,
    findings: usize,
    in_contents: bool,
    /// Text before the first heading is front matter.
    cover: bool,
    /// The current section has had a bulleted or numbered item.
    list_seen: bool,
    /// Whether the text has page breaks, so that pages are known.
    paged: bool,
    /// The pages of the unit being placed.
    pages: Pages,
}

/// Builds the structure of a document read generically. Returns it and its title. With
/// `cover`, text before the first heading is front matter (a report's cover), else it is the
/// document's opening, a section of its own.
pub fn build(lines: &[Line<'_>], cover: bool, warnings: &mut Vec<String>) -> (Doc, Option<String>) {
    let title_at = find_title(lines);
    let title = title_at.map(|i| collapse(lines[i].text));
    let mut b = Builder {
        warnings,
        doc: Doc::default(),
        context: None,
        counters: HashMap::new(),
        ids: HashSet::new(),
        findings: 0,
        in_contents: false,
        cover,
        list_seen: false,
        paged: lines.last().is_some_and(|l| l.page > 1),
        pages: Pages(1, 1),
    };
    // A letter's address block and date, or a cover, before the title: front matter.
    let body = match title_at {
        Some(t) => {
            b.doc.front_matter.extend(
                lines[..t]
                    .iter()
                    .map(|l| collapse(l.text))
                    .filter(|l| !l.is_empty()),
            );
            &lines[t..]
        }
        None => lines,
    };
    let mut first = true;
    for u in units(body, title_at.map(|_| 0)) {
        // A title's twin in Welsh ("Arolygiad ...: Cyngor Sir Ynys Môn") right after it.
        let subtitle = first
            && title_at.is_some()
            && u.kind == UnitKind::Heading
            && part_of(&u.text).is_none()
            && super::councils::first_in(&u.text).is_some();
        first = false;
        if subtitle {
            b.doc.front_matter.push(u.text);
            continue;
        }
        b.unit(u);
    }
    (b.doc, title)
}

/// Words the title of a CIW publication has.
const TITLE_WORDS: [&str; 15] = [
    "llythyr",
    "inspection",
    "inspectorate",
    "report",
    "letter",
    "review",
    "check",
    "jicpa",
    "publishes",
    "concludes",
    "news",
    "summary",
    "evaluation",
    "arolygiad",
    "adroddiad",
];

/// The line that is the document's title: the first line when it reads as one, or, after a
/// letter's address block, a page's banner or a cover (short lines, none a sentence), the first
/// of the first twelve lines that reads as a title and says what the document is.
fn find_title(lines: &[Line<'_>]) -> Option<usize> {
    let is_title = |t: &str| title_like(t) && inline_heading(t).is_none();
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.trim().is_empty())
        .take(12)
        .collect();
    for &i in &non_blank {
        let t = lines[i].text.trim();
        let lower = t.to_lowercase();
        if is_title(t) && TITLE_WORDS.iter().any(|w| lower.contains(w)) {
            return Some(i);
        }
        let header_line = t.split_whitespace().count() <= 10 && !t.ends_with(['.', ':', ';']);
        if !header_line {
            break;
        }
    }
    non_blank
        .first()
        .copied()
        .filter(|&i| is_title(lines[i].text))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Builder<'_> {
    fn kind(&self) -> Option<SectionKind> {
        self.doc.sections.last().map(|s| s.kind)
    }

    fn unit(&mut self, mut u: Unit) {
        self.pages = u.pages;
        if u.kind == UnitKind::Heading {
            self.heading(&u.text);
            return;
        }
        if u.kind == UnitKind::Contents {
            if self.in_contents {
                if let Some((title, page)) = contents_entry(&u.text) {
                    self.doc
                        .contents
                        .push(crate::model::ContentsEntry { title, page });
                    return;
                }
            }
            u.kind = UnitKind::Text;
            u.text = collapse(&u.text);
        } else {
            self.in_contents = false;
        }
        if self.doc.sections.is_empty() {
            if self.cover {
                self.doc.front_matter.push(u.text);
                return;
            }
            self.open("Introduction", SectionKind::Introduction, None);
        }
        // Text cut by a page break carries on the paragraph before it.
        if u.kind == UnitKind::Text && u.block_start && starts_lower(&u.text) {
            let paged = self.paged;
            if let Some(p) = self.last_paragraph_mut().filter(|p| !finished(&p.text)) {
                join_line(&mut p.text, &u.text);
                if let Some(pages) = p.pages.as_mut().filter(|_| paged) {
                    pages.1 = u.pages.1;
                }
                let id = p.id.clone();
                self.sync_recommendation(&id);
                let words: Vec<&str> = u.text.split_whitespace().take(4).collect();
                self.warnings.push(format!(
                    "line {}: {id}: joined continuation \"{} ...\"",
                    u.no,
                    words.join(" ")
                ));
                return;
            }
        }
        let lead_in = u.kind == UnitKind::Text && u.text.trim_end().ends_with(':');
        let listed = matches!(u.kind, UnitKind::Bullet | UnitKind::Numbered);
        // After a list of recommendations, plain text is a remark, not one more of them.
        let after_list = u.kind == UnitKind::Text && self.list_seen;
        self.list_seen |= listed;
        match self.kind() {
            Some(SectionKind::AreasForDevelopment) if !lead_in && !after_list => {
                self.recommendation(u.text)
            }
            Some(SectionKind::Overview) if !lead_in => {
                self.findings += 1;
                let id = format!("O{}", self.findings);
                let text = match rec_marker(&u.text) {
                    Some((_, rest)) if u.kind == UnitKind::Numbered => rest.to_string(),
                    _ => u.text,
                };
                self.push(id, text);
            }
            _ => {
                let text = match u.kind {
                    UnitKind::Bullet => format!("- {}", u.text),
                    _ => u.text,
                };
                let key = self
                    .doc
                    .sections
                    .last()
                    .map(Section::key)
                    .unwrap_or_default();
                let n = self.counters.entry(key.clone()).or_insert(0);
                *n += 1;
                let id = format!("{key}.{n}");
                self.push(id, text);
            }
        }
    }

    fn heading(&mut self, text: &str) {
        let title = collapse(text.trim().trim_end_matches(':'));
        let part = part_of(&title);
        self.in_contents = false;
        match part {
            Some(Part::Contents) => {
                self.in_contents = true;
            }
            Some(Part::Recommendations) => {
                self.open(&title, SectionKind::AreasForDevelopment, None);
            }
            Some(Part::Findings) => {
                self.open(&title, SectionKind::Overview, None);
            }
            Some(Part::Theme) => {
                let theme = theme_of(&title);
                self.open(&title, SectionKind::Theme, theme);
                self.context = Some((theme, title));
            }
            Some(Part::Introduction) => {
                self.context = None;
                self.open(&title, SectionKind::Introduction, None);
            }
            Some(Part::NextSteps) => {
                self.context = None;
                self.open(&title, SectionKind::NextSteps, None);
            }
            Some(Part::Methodology) => {
                self.context = None;
                self.open(&title, SectionKind::Methodology, None);
            }
            Some(Part::Acknowledgements) => {
                self.context = None;
                self.open(&title, SectionKind::Acknowledgements, None);
            }
            Some(Part::Closing) => {
                self.context = None;
                self.open(title.trim_end_matches(','), SectionKind::Other, None);
            }
            None => {
                self.context = None;
                self.open(&title, SectionKind::Other, None);
            }
        }
    }

    fn open(&mut self, title: &str, kind: SectionKind, theme: Option<Theme>) {
        self.list_seen = false;
        // Two headings in a row: the first had nothing under it. Keep it, empty.
        let subsections = match (&self.context, kind) {
            (Some((_, t)), SectionKind::AreasForDevelopment | SectionKind::Overview) => {
                vec![t.clone()]
            }
            _ => Vec::new(),
        };
        self.doc.sections.push(Section {
            number: None,
            title: title.to_string(),
            kind,
            theme,
            expectations: None,
            subsections,
            paragraphs: Vec::new(),
        });
    }

    fn last_paragraph_mut(&mut self) -> Option<&mut Paragraph> {
        self.doc.sections.last_mut()?.paragraphs.last_mut()
    }

    /// Keeps a recommendation's text the same as its paragraph's after a join.
    fn sync_recommendation(&mut self, id: &str) {
        let Some(n) = id.strip_prefix('R').and_then(|n| n.parse::<u32>().ok()) else {
            return;
        };
        let text = self
            .doc
            .sections
            .iter()
            .rev()
            .find_map(|s| s.paragraphs.iter().find(|p| p.id == id))
            .map(|p| (p.text.clone(), p.pages));
        if let (Some(r), Some((t, pages))) = (
            self.doc.recommendations.iter_mut().find(|r| r.number == n),
            text,
        ) {
            r.text = t;
            r.pages = pages;
        }
    }

    fn recommendation(&mut self, text: String) {
        let number = self.doc.recommendations.len() as u32 + 1;
        let (theme, theme_title) = self.context.clone().unwrap_or((None, String::new()));
        let body = match rec_marker(&text) {
            Some((_, rest)) => rest.to_string(),
            None => text,
        };
        self.doc.recommendations.push(Recommendation {
            number,
            theme,
            theme_title,
            text: body.clone(),
            inferred: false,
            pages: self.paged.then_some(self.pages),
        });
        self.push(format!("R{number}"), body);
    }

    fn push(&mut self, id: String, text: String) {
        let id = if self.ids.contains(&id) {
            let mut k = 2;
            while self.ids.contains(&format!("{id}-{k}")) {
                k += 1;
            }
            format!("{id}-{k}")
        } else {
            id
        };
        self.ids.insert(id.clone());
        let subsection = match self.kind() {
            Some(SectionKind::AreasForDevelopment | SectionKind::Overview) => {
                self.context.as_ref().map(|(_, t)| t.clone())
            }
            _ => None,
        };
        let pages = self.paged.then_some(self.pages);
        if let Some(s) = self.doc.sections.last_mut() {
            s.paragraphs.push(Paragraph {
                id,
                subsection,
                text,
                pages,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::furniture;

    fn doc(text: &str) -> (Doc, Option<String>, Vec<String>) {
        let (lines, _) = furniture::strip(text);
        let mut w = Vec::new();
        let (d, t) = build(&lines, false, &mut w);
        (d, t, w)
    }

    fn recs(d: &Doc) -> Vec<&str> {
        d.recommendations.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn every_wording_of_recommendations_and_findings() {
        for h in [
            "Areas for development",
            "Priority areas for development",
            "Priorities for improvement",
            "Areas requiring improvement",
            "Areas for improvement",
            "Recommendations",
            "AREAS FOR DEVELOPMENT:",
        ] {
            assert_eq!(part_of(h), Some(Part::Recommendations), "{h}");
        }
        for h in [
            "Key strengths",
            "Key improvements identified",
            "Areas of improvement identified",
            "Findings",
            "Summary of findings",
            "Key findings",
        ] {
            assert_eq!(part_of(h), Some(Part::Findings), "{h}");
        }
        for h in [
            "People – voice and control",
            "People - voice and control",
            "Prevention",
            "Partnerships and integration",
            "Well-being",
            "Wellbeing",
            "Safeguarding",
        ] {
            assert_eq!(part_of(h), Some(Part::Theme), "{h}");
        }
        assert_eq!(part_of("Next steps"), Some(Part::NextSteps));
        assert_eq!(part_of("The local authority"), None);
    }

    #[test]
    fn bullets_are_never_merged_even_after_a_comma() {
        let (d, title, _) = doc("Inspection of Children's Services: Gwynedd Council\n\nWe inspected.\n\nAreas for development\n\n  • Address recognised gaps in prevention, with improved signposting,\n  • Assessments must be updated following a significant change in circumstances.\n  • Ensure care and support plans are\n    outcome focused.\n  • Strengthen fostering arrangements\n");
        assert_eq!(
            title.as_deref(),
            Some("Inspection of Children's Services: Gwynedd Council")
        );
        assert_eq!(
            recs(&d),
            [
                "Address recognised gaps in prevention, with improved signposting,",
                "Assessments must be updated following a significant change in circumstances.",
                "Ensure care and support plans are outcome focused.",
                "Strengthen fostering arrangements"
            ]
        );
        let afd = d
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::AreasForDevelopment)
            .unwrap();
        let ids: Vec<&str> = afd.paragraphs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["R1", "R2", "R3", "R4"]);
    }

    #[test]
    fn headings_without_blank_lines_and_dash_bullets() {
        let (d, title, _) = doc("Care Inspectorate Wales concludes improvement check of Flintshire children services\nThe inspection, which took place between 14 and 16 July 2025, assessed progress.\nKey findings\nOur improvement check found a mixed picture.\nAreas requiring improvement\n- The local authority must continue efforts.\n- The local authority must adhere to the procedures.\nAreas of improvement identified\n- Leaders promote a positive culture.\nNext steps\nWe expect the local authority to act.\n");
        assert!(title
            .unwrap()
            .starts_with("Care Inspectorate Wales concludes"));
        let kinds: Vec<(SectionKind, &str)> = d
            .sections
            .iter()
            .map(|s| (s.kind, s.title.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (SectionKind::Introduction, "Introduction"),
                (SectionKind::Overview, "Key findings"),
                (
                    SectionKind::AreasForDevelopment,
                    "Areas requiring improvement"
                ),
                (SectionKind::Overview, "Areas of improvement identified"),
                (SectionKind::NextSteps, "Next steps"),
            ]
        );
        assert_eq!(recs(&d).len(), 2);
        let o: Vec<&str> = d
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(
            o,
            ["introduction.1", "O1", "R1", "R2", "O2", "next-steps.1"]
        );
    }

    #[test]
    fn principles_written_inline_are_sections() {
        let (d, _, _) = doc("Report of performance evaluation inspection: Example County Council\n\nPeople – voice and control: People are treated with dignity.\n\nMore about voice.\n\nPrevention: Early help is improving.\n\nAreas for improvement\n\n- Reduce waiting lists.\n\nWell-being: Outcomes are good.\n");
        let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "People – voice and control",
                "Prevention",
                "Areas for improvement",
                "Well-being"
            ]
        );
        assert_eq!(d.sections[0].paragraphs.len(), 2);
        assert_eq!(d.sections[0].kind, SectionKind::Theme);
        assert_eq!(d.recommendations[0].theme_title, "Prevention");
        assert_eq!(
            d.sections[2].paragraphs[0].subsection.as_deref(),
            Some("Prevention")
        );
    }

    #[test]
    fn unknown_layouts_get_headings_paragraphs_and_lists() {
        let (d, title, _) = doc("Quarterly bulletin\n\nThis is the opening paragraph of a document.\n\nWhat we did\n\nWe looked at things:\n\n1. First item of a numbered list.\n2. Second item.\n\n- A bullet.\n- Another bullet,\n- and a lower-case bullet.\n\nClosing words\n\nThe end of the\nparagraph wrapped here.\n");
        assert_eq!(title.as_deref(), Some("Quarterly bulletin"));
        let s: Vec<(&str, Vec<&str>)> = d
            .sections
            .iter()
            .map(|s| {
                (
                    s.title.as_str(),
                    s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            s,
            [
                (
                    "Introduction",
                    vec!["This is the opening paragraph of a document."]
                ),
                (
                    "What we did",
                    vec![
                        "We looked at things:",
                        "1. First item of a numbered list.",
                        "2. Second item.",
                        "- A bullet.",
                        "- Another bullet,",
                        "- and a lower-case bullet."
                    ]
                ),
                (
                    "Closing words",
                    vec!["The end of the paragraph wrapped here."]
                ),
            ]
        );
        assert!(d.recommendations.is_empty());
    }

    #[test]
    fn paragraphs_under_a_recommendations_heading_are_one_each() {
        let (d, _, _) = doc("JICPA: Neath Port Talbot, 2021\n\nAreas for development\n\nContextual safeguarding is a key concept.\n\nInformation sharing should be\n\nimproved across agencies.\n\nThe partnership should:\n\n- review its strategy\n");
        assert_eq!(
            recs(&d),
            [
                "Contextual safeguarding is a key concept.",
                "Information sharing should be improved across agencies.",
                "review its strategy"
            ]
        );
    }
}
