//! Applying what an update returned ([`Commands`]), in order: the one place a pane's wish
//! reaches the rest of the app.

use super::*;
use crate::tui::panes::{help, lists, matrix, sections};

impl App {
    /// Applies `commands` in order.
    pub(super) fn apply_all(&mut self, commands: Commands) {
        // A resize or a zoom may have changed the size the panes are laid out for.
        self.lay_out();
        for c in commands {
            self.apply(c);
        }
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Open(t) => self.open_target(t),
            Command::GoTo(t) => {
                self.open_target(t);
                let back = self
                    .keymap
                    .key(Action::JumpBack, self.palette.symbols.ascii);
                let crumb = self.breadcrumb();
                let place = match (crumb.first(), crumb.last()) {
                    (Some(a), Some(b)) if crumb.len() > 1 => format!("{a} {b}"),
                    (Some(a), _) => a.clone(),
                    _ => String::new(),
                };
                self.message = Some(match outside_sections(&self.corpus, &t) {
                    // The front matter has no place in the panes: the status line reads it out.
                    Some(text) => format!("{text} ({back} goes back)"),
                    None => format!("At {place}: {back} goes back"),
                });
            }
            Command::Show(t) => self.show_target(t),
            Command::SelectReport(i) => self.select_report(i),
            Command::ShowSection { section, paragraph } => self.show_section_at(section, paragraph),
            Command::PushOverlay(o) => {
                if o != Overlay::None && self.overlay() != o {
                    self.overlays.push(o);
                    match o {
                        Overlay::Help => help::opened(self),
                        Overlay::Matrix => matrix::opened(self),
                        _ => {}
                    }
                }
            }
            Command::PopOverlay => {
                self.overlays.pop();
            }
            Command::CloseOverlays => self.overlays.clear(),
            Command::Focus(p) => self.focus = p,
            Command::OpenPrompt(p) => prompt::open(self, p),
            Command::ClosePrompt => prompt::close(self),
            Command::StartSearch => self.search.start(&self.corpus),
            Command::FollowParagraph => sections::follow_paragraph(self),
            Command::Refilter(id) => {
                let more = lists::refilter(self, id);
                self.apply_all(more);
            }
            Command::ClearFilter(id) => lists::clear(self, id),
            Command::StepList(id, a) => {
                let more = lists::step(self, id, a).unwrap_or_default();
                self.apply_all(more);
            }
            Command::Say(text) => self.message = Some(text),
            Command::SaveHistories => {
                let more = self.keep_histories();
                self.apply_all(more);
            }
            Command::RemoveBookmark(i) => {
                let more = self.remove_bookmark(i);
                self.apply_all(more);
            }
            Command::ToggleBookmark { report, paragraph } => {
                let more = self.toggle_bookmark_at(report, &paragraph);
                self.apply_all(more);
            }
            Command::Zoom(z) => {
                self.zoom = z;
                self.lay_out();
            }
            Command::CopyParagraph {
                report,
                section,
                paragraph,
            } => self.copy_paragraph(report, section, paragraph),
            Command::Export { stem, markdown } => {
                self.effects.push(Effect::Export { stem, markdown });
            }
            Command::SaveState => {
                if !self.effects.contains(&Effect::SaveState) {
                    self.effects.push(Effect::SaveState);
                }
            }
        }
    }
}

/// "Swansea front.1: This document is also available in Welsh.", clean for the terminal, for
/// a go-to target that names a text no section holds (the front matter); `None` otherwise.
fn outside_sections(corpus: &crate::corpus::Corpus, t: &Target) -> Option<String> {
    if t.part.is_none() || t.section.is_some() {
        return None;
    }
    let r = corpus.reports.get(t.report)?;
    let id = crate::target::cited_id(r, t)?;
    let text = crate::target::text(r, t)?;
    let line = format!("{} {id}: {text}", r.authority.short);
    Some(crate::text::for_terminal(&line).into_owned())
}
