//! `y`: the selected paragraph (or "What we expect to see") with its citation, put on the
//! clipboard by the event loop (OSC 52).

use super::*;

impl App {
    pub(super) fn copy(&mut self) {
        let Some(s) = self.section() else { return };
        match self.selected_item() {
            Some(Item::Paragraph(pi)) => {
                if let Some(si) = self.paragraphs.section {
                    self.copy_paragraph(self.authorities.selected, si, pi);
                }
            }
            Some(Item::Expectations) => {
                let Some(r) = self.report() else { return };
                let e = s.expectations.as_deref().unwrap_or_default();
                let text = format!(
                    "What we expect to see: {}\n\nCIW inspection of children's services, {}, {}, {}",
                    crate::text::for_terminal(e),
                    crate::text::for_terminal(&r.authority.name),
                    crate::text::for_terminal(&r.inspection.label()),
                    crate::text::for_terminal(&section_label(s, false)),
                );
                self.copied(text, "the expectations");
            }
            None => {
                self.message = Some("Nothing to copy: select a paragraph first".into());
            }
        }
    }

    /// Copies paragraph `pi` of section `si` of report `ri` with its citation (`y` in the
    /// reader and in the comparison).
    pub(super) fn copy_paragraph(&mut self, ri: usize, si: usize, pi: usize) {
        let Some(r) = self.corpus.reports.get(ri) else {
            return;
        };
        let Some(p) = r.sections.get(si).and_then(|s| s.paragraphs.get(pi)) else {
            return;
        };
        let text = format!(
            "{} {}\n\n{}",
            crate::text::for_terminal(&p.id),
            crate::text::for_terminal(&p.text),
            crate::text::for_terminal(&r.citation(&p.id))
        );
        let what = p.id.clone();
        self.copied(text, &what);
    }

    fn copied(&mut self, text: String, what: &str) {
        let what = crate::text::for_terminal(what).into_owned();
        self.effects.push(Effect::Clipboard(text));
        self.message = Some(format!(
            "Copied {what} with its citation (OSC 52; in tmux: set -g set-clipboard on)"
        ));
    }
}
