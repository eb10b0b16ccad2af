//! Headings: which lines head a section (the top parts, numbered theme sections), a subsection
//! or the "What we expect to see" part, and the sections they open.

use super::super::line_table::Line;
use super::super::lines::*;
use super::{collapse, Builder, Mode};
use crate::model::{Section, SectionKind, Theme};

impl Builder<'_> {
    /// Whether line `i` of a block is a heading that starts a new block: the line before it
    /// ended a sentence (or was a heading), and it is a heading the context expects.
    pub(super) fn heading_inside(&self, block: &[Line<'_>], i: usize) -> bool {
        let t = block[i].text.trim();
        if cannot_be_heading(t) || !looks_like_heading(t) && !is_expectations_heading(t) {
            return false;
        }
        let prev = block[i - 1].text.trim();
        if !finished(prev) && !looks_like_heading(prev) {
            return false;
        }
        let next = block.get(i + 1).map(|l| l.text);
        let key = heading_key(t);
        if top_heading_key(&key).is_some() || is_expectations_heading(t) {
            return true;
        }
        if let Some((n, title)) = section_heading(t) {
            return n == self.last_section_number + 1 && Theme::from_title(title).is_some();
        }
        if self.mode != Mode::Body {
            return false;
        }
        let led = next.is_some_and(|n| self.starts_item(n));
        match self.kind() {
            Some(SectionKind::AreasForDevelopment) => Theme::from_title(t).is_some() && led,
            Some(SectionKind::Overview) | None => false,
            _ => known_subsection_key(&key) || led,
        }
    }

    /// Whether a line starts an item in the current section: its paragraph number, a
    /// recommendation number or a bullet.
    fn starts_item(&self, line: &str) -> bool {
        let (bullet, body) = strip_bullet(line);
        match self.kind() {
            Some(SectionKind::Theme) => {
                let n = self.current().and_then(|s| s.number);
                para_marker(body).is_some_and(|(major, _, _)| Some(major) == n)
            }
            Some(SectionKind::AreasForDevelopment) => bullet || rec_marker(body).is_some(),
            _ => bullet,
        }
    }

    /// Recognises a heading line and acts on it; `next` is the line after it in the block.
    /// Returns how many lines the heading took (a long one wraps onto a second line), or 0.
    pub(super) fn heading(&mut self, line: &Line<'_>, next: Option<&str>) -> usize {
        let t = line.text.trim();
        if cannot_be_heading(t) {
            return 0;
        }
        // A heading stands alone, or is followed straight by the first item under it.
        let alone = next.is_none_or(|n| self.starts_item(n));
        let key = heading_key(t);
        if is_contents_key(&key) && self.mode == Mode::Front && self.doc.sections.is_empty() {
            self.mode = Mode::Contents;
            return 1;
        }
        if let Some(kind) = top_heading_key(&key) {
            // "Summary"-style titles only mean the overview before any theme section.
            let late_overview = kind == SectionKind::Overview
                && (self.last_section_number > 0 || self.kind() == Some(SectionKind::Overview));
            if !late_overview {
                self.open_section(line.no as usize, None, t, kind, None);
                return 1;
            }
        }
        if let Some((n, title)) = section_heading(t) {
            // "1. Access arrangements: Information, Advice and" / "Assistance".
            let tail = next.filter(|n| wraps_on(title, n));
            let full = match tail {
                Some(tail) => format!("{title} {}", tail.trim()),
                None => title.to_string(),
            };
            let title = full.as_str();
            let theme = Theme::from_title(title);
            let listed = self
                .doc
                .contents
                .iter()
                .any(|c| heading_key(&c.title) == heading_key(title));
            let in_order = n == self.last_section_number + 1 && looks_like_heading(title);
            let ahead = n > self.last_section_number && (theme.is_some() || listed);
            let in_recommendations = self.kind() == Some(SectionKind::AreasForDevelopment);
            if (ahead || in_order) && !(in_recommendations && theme.is_none()) {
                if n != self.last_section_number + 1 {
                    self.warn(
                        line.no as usize,
                        format!("section {n} follows section {}", self.last_section_number),
                    );
                }
                self.last_section_number = n;
                self.open_section(line.no as usize, Some(n), title, SectionKind::Theme, theme);
                return 1 + usize::from(tail.is_some());
            }
        }
        if self.mode != Mode::Body {
            return 0;
        }
        let taken = match self.kind() {
            Some(SectionKind::Theme) => {
                if key == "what we expect to see" {
                    self.resolve_orphan(None);
                    self.in_expectations = true;
                    return 1;
                }
                self.subsection_heading(line, alone, &key)
            }
            Some(SectionKind::AreasForDevelopment) => {
                let theme = Theme::from_title(t);
                if theme.is_some() && alone && !finished(t) && t.chars().count() <= 100 {
                    self.rec_theme = Some((theme, collapse(t)));
                    self.set_subsection(t);
                    true
                } else {
                    false
                }
            }
            Some(SectionKind::Overview) | None => false,
            Some(_) => self.subsection_heading(line, alone, &key),
        };
        usize::from(taken)
    }

    fn subsection_heading(&mut self, line: &Line<'_>, alone: bool, key: &str) -> bool {
        let t = line.text.trim();
        let known = known_subsection_key(key);
        let unfinished_before = self.last_paragraph_text().is_some_and(|p| !finished(p));
        if known
            || (alone
                && looks_like_heading(t)
                && !unfinished_before
                && !self.in_expectations_unfinished())
        {
            self.resolve_orphan(None);
            self.in_expectations = false;
            self.set_subsection(t);
            return true;
        }
        false
    }

    fn in_expectations_unfinished(&self) -> bool {
        self.in_expectations
            && self
                .current()
                .and_then(|s| s.expectations.as_deref())
                .is_some_and(|e| !finished(e))
    }

    pub(super) fn set_subsection(&mut self, title: &str) {
        let title = collapse(title.trim().trim_end_matches(':'));
        if let Some(s) = self.doc.sections.last_mut() {
            s.subsections.push(title.clone());
        }
        self.subsection = Some(title);
    }

    fn open_section(
        &mut self,
        no: usize,
        number: Option<u32>,
        title: &str,
        kind: SectionKind,
        theme: Option<Theme>,
    ) {
        self.close_section();
        self.mode = Mode::Body;
        self.subsection = None;
        self.in_expectations = false;
        self.rec_theme = None;
        self.ids.clear();
        self.last_minor = 0;
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if kind == SectionKind::Theme && theme.is_none() {
            self.warn(
                no,
                format!(
                    "section {} \"{title}\" matches no inspection theme",
                    number.unwrap_or(0)
                ),
            );
        }
        self.doc.sections.push(Section {
            number,
            title,
            kind,
            theme,
            expectations: None,
            subsections: Vec::new(),
            paragraphs: Vec::new(),
        });
    }

    pub(super) fn close_section(&mut self) {
        self.resolve_orphan(None);
    }
}

/// Whether `next` carries on a heading cut at the end of its line: the heading ends on a
/// word that cannot end one ("and", "of", a comma), and `next` is short and unpunctuated.
fn wraps_on(title: &str, next: &str) -> bool {
    let n = next.trim();
    let last = title.rsplit(' ').next().unwrap_or("");
    let dangling = title.ends_with([',', ':', '&'])
        || ["and", "of", "the", "for", "to", "in", "&"].contains(&last);
    dangling
        && !n.is_empty()
        && n.chars().count() <= 50
        && !n.ends_with(['.', ';', ':'])
        && !cannot_be_heading(n)
        && !is_expectations_heading(n)
        && top_heading(n).is_none()
}
