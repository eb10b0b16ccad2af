//! Drawing: [`render`] draws an [`App`] into a ratatui frame, the panes, the status and hint
//! lines, the prompt and then every open overlay, bottom first. Pure: the same App at the same
//! size gives the same frame, so tests draw into a `TestBackend`.

use super::action::Action;
use super::app::{App, Overlay, Pane};
use super::{layout, panes};
use crate::text::fit;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Draws the whole screen for `app`. Pure: the same App and size give the same frame.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::compute(area, app.layout_input());
    if areas.too_small {
        too_small(app, frame, area);
        return;
    }
    for pane in Pane::ALL {
        if let Some(r) = areas.pane(pane) {
            let focused = app.focus == pane;
            match pane {
                Pane::Authorities => panes::authorities::render(app, frame, r, focused),
                Pane::Sections => panes::sections::render(app, frame, r, focused),
                Pane::Paragraphs => panes::paragraphs::render(app, frame, r, focused),
            }
        }
    }
    panes::status::render(app, frame, &areas);
    for overlay in app.overlays() {
        match overlay {
            Overlay::Help => panes::help::render(app, frame),
            Overlay::Search => panes::search::render(app, frame, &areas),
            Overlay::Bookmarks => panes::bookmarks::render(app, frame),
            Overlay::Compare => panes::compare::render(app, frame),
            Overlay::Matrix => panes::matrix::render(app, frame),
            Overlay::None => {}
        }
    }
    // Over the overlays: the comparison's find line sits on its status line.
    panes::prompt::render(app, frame, areas.status, areas.hints);
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "Terminal too small: {}x{}. ciw needs at least {}x{}. Enlarge the window, or press {} to quit.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT,
        app.keymap.key(Action::Quit, app.palette.symbols.ascii)
    );
    let lines: Vec<Line> = fit::wrap(&text, usize::from(area.width))
        .into_iter()
        .take(usize::from(area.height))
        .map(|l| Line::from(Span::styled(l, app.palette.warning)))
        .collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let r = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(Paragraph::new(lines), r);
}
