//! The layout the updates read: laid out when the size or the zoom changes, one per pane
//! given the focus, and kept ([`App::areas`], [`App::areas_for`]). An update never lays the
//! screen out itself; drawing may (`tui::render`).

use super::*;
use crate::tui::layout::{self, LayoutInput};
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::{authorities, help, paragraphs};
use ratatui::layout::Rect;

impl App {
    /// The layout of the last frame's size, for the focus the app has now.
    pub fn areas(&self) -> Areas {
        self.areas_for(self.focus)
    }

    /// The layout with `pane` focused: where that pane is (or would be, once focused: a
    /// narrow terminal shows only the focused pane).
    pub fn areas_for(&self, pane: Pane) -> Areas {
        self.layouts[pane.index()]
    }

    /// Lays the panes out again if the size or the zoom changed since the last time.
    pub(super) fn lay_out(&mut self) {
        let key = (self.size, self.zoom);
        if self.laid_out == Some(key) {
            return;
        }
        let (w, h) = self.size;
        for pane in Pane::ALL {
            let input = LayoutInput {
                focus: pane,
                ..self.layout_input()
            };
            self.layouts[pane.index()] = layout::compute(Rect::new(0, 0, w, h), input);
        }
        self.laid_out = Some(key);
    }

    pub fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            focus: self.focus,
            zoom: self.zoom,
            reports: self.corpus.reports.len(),
        }
    }

    /// Re-fits scroll offsets after a resize or zoom.
    pub(super) fn relayout(&mut self) {
        self.lay_out();
        authorities::keep_visible(self);
        lists::keep_visible(self, ListId::Sections);
        paragraphs::keep_selected_in_view(self);
        compare::relayout(self);
        help::measure(self);
    }
}
