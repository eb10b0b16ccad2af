//! Where the reader goes: a report selected, a section shown, a deep link shown or jumped to,
//! the jump list walked. Private to the app: a pane asks for these with a
//! [`Command`] ([`App::apply_all`]).

use super::*;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::{authorities, paragraphs};

impl App {
    /// Where the reader is, as a target: the report, the section shown and the paragraph
    /// selected.
    pub fn here(&self) -> Target {
        Target {
            report: self.authorities.selected,
            section: self.paragraphs.section,
            paragraph: match self.selected_item() {
                Some(Item::Paragraph(pi)) => Some(pi),
                _ => None,
            },
            part: None,
        }
    }

    /// Where the reader is and the comparison or matrix open over it: what the jump list
    /// keeps.
    pub fn place(&self) -> Place {
        Place {
            target: self.here(),
            view: compare::save(self),
        }
    }

    /// Jumps to a deep link (go-to, search hit, bookmark, compare Enter), recording where it
    /// left from in the jump list so `Ctrl-o` comes back (to the comparison or matrix, if
    /// the jump left from one).
    pub(super) fn open_target(&mut self, t: Target) {
        if t.report >= self.corpus.reports.len() {
            return;
        }
        let from = self.place();
        if (from.target != t || from.view.is_some()) && self.report().is_some() {
            self.jumps.record(from);
        }
        self.show_target(t);
    }

    /// `Ctrl-o`, `Ctrl-i` and `''`: walks the jump list.
    pub(super) fn walk_jumps(&mut self, action: Action) {
        let here = self.place();
        let to = match action {
            Action::JumpBack => self.jumps.back(here),
            Action::JumpForward => self.jumps.forward(here),
            _ => self.jumps.toggle(here),
        };
        match to {
            Some(Place { target: t, view }) if t.report < self.corpus.reports.len() => {
                self.overlays.clear();
                self.show_target(t);
                if t.paragraph.is_none() && t.section.is_none() {
                    self.focus = Pane::Authorities;
                }
                if let Some(v) = view {
                    compare::restore(self, &v);
                    self.overlays = v.overlays;
                }
            }
            _ => {
                let ascii = self.palette.symbols.ascii;
                self.message = Some(match action {
                    Action::JumpForward => "No later jump to go forward to".to_string(),
                    _ => format!(
                        "No earlier jump to go back to: {} goes to a council or paragraph",
                        self.keymap.key(Action::GoTo, ascii)
                    ),
                });
            }
        }
    }

    /// Shows a deep link: the report, the section (expanded to the paragraph's subsection)
    /// and the paragraph, in view, with the focus where the reading happens. Not a jump
    /// (see [`App::open_target`]).
    pub(super) fn show_target(&mut self, t: Target) {
        if t.report >= self.corpus.reports.len() {
            return;
        }
        if self
            .authorities
            .filter
            .row_of(t.report, self.corpus.reports.len())
            .is_none()
        {
            // The filter would hide where we are going.
            self.authorities.filter.clear();
        }
        self.select_report(t.report);
        self.focus = Pane::Sections;
        let Some(si) = t.section else { return };
        let Some(section) = self.corpus.reports[t.report].sections.get(si) else {
            return;
        };
        let sub_idx = t
            .paragraph
            .and_then(|pi| section.paragraphs.get(pi))
            .and_then(|p| p.subsection.as_deref())
            .and_then(|s| section.subsections.iter().position(|x| x == s));
        if sub_idx.is_some() {
            self.expanded.insert((t.report, si));
        }
        let rows = self.tree_rows();
        let row = rows
            .iter()
            .position(|r| r.section == si && r.subsection == sub_idx)
            .or_else(|| rows.iter().position(|r| r.section == si))
            .unwrap_or(0);
        self.sections.select(row, rows.len());
        lists::keep_visible(self, ListId::Sections);
        self.show_section(Some(si));
        if t.part == Some(crate::target::Part::Expectations) {
            self.focus = Pane::Paragraphs;
            self.paragraphs.selected = 0;
        }
        if let Some(pi) = t.paragraph {
            self.focus = Pane::Paragraphs;
            let items = self.items();
            if let Some(i) = items.iter().position(|it| *it == Item::Paragraph(pi)) {
                self.paragraphs.selected = i;
                paragraphs::scroll_to_top_of_selected(self);
            }
        }
    }

    /// Selects report `i`: keeps the same section (by key) when the new report has it, so
    /// moving between councils keeps your place.
    pub(super) fn select_report(&mut self, i: usize) {
        let key = self.section().map(|s| s.key());
        let len = self.corpus.reports.len();
        self.authorities.select(i, len);
        authorities::keep_visible(self);
        let si = match (key, self.report()) {
            (Some(k), Some(r)) => r.sections.iter().position(|s| s.key() == k).unwrap_or(0),
            _ => 0,
        };
        let rows = self.tree_rows();
        let row = rows.iter().position(|r| r.section == si).unwrap_or(0);
        self.sections = ListState::default();
        self.sections.select(row, rows.len());
        lists::keep_visible(self, ListId::Sections);
        self.paragraphs = ParagraphsState::default();
        let shown = self.report().filter(|r| !r.sections.is_empty()).map(|_| si);
        self.show_section(shown);
    }

    /// Shows section `si` in the paragraph view, from the top, first paragraph selected.
    pub(super) fn show_section(&mut self, si: Option<usize>) {
        if self.paragraphs.section == si {
            return;
        }
        self.paragraphs = ParagraphsState {
            section: si,
            ..ParagraphsState::default()
        };
        let first_paragraph = self
            .items()
            .iter()
            .position(|it| matches!(it, Item::Paragraph(_)))
            .unwrap_or(0);
        self.paragraphs.selected = first_paragraph;
    }

    /// Shows section `si` (see [`App::show_section`]) and with `paragraph`, selects that
    /// paragraph and scrolls it to the top, unless it already is selected: a row of the section
    /// tree followed in the reader.
    pub(super) fn show_section_at(&mut self, si: usize, paragraph: Option<usize>) {
        self.show_section(Some(si));
        let Some(pi) = paragraph else { return };
        if let Some(i) = self
            .items()
            .iter()
            .position(|it| *it == Item::Paragraph(pi))
        {
            if self.paragraphs.selected != i {
                self.paragraphs.selected = i;
                paragraphs::scroll_to_top_of_selected(self);
            }
        }
    }
}
