//! Applying the [`Command`]s a pane's update leaves: after the update has returned, in order.

use super::*;

impl App {
    /// Asks for `command`, applied when the update under way returns.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Applies the commands asked for, in order (and any they lead to).
    pub fn apply_commands(&mut self) {
        // The update may have left zoom.
        self.lay_out();
        while !self.commands.is_empty() {
            for c in std::mem::take(&mut self.commands) {
                self.apply(c);
            }
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
            Command::PushOverlay(o) => {
                if o != Overlay::None && self.overlay() != o {
                    self.overlays.push(o);
                }
            }
            Command::PopOverlay => {
                self.overlays.pop();
            }
            Command::CloseOverlays => self.overlays.clear(),
            Command::Focus(p) => self.focus = p,
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
