//! The councils × themes matrix (`M`): areas for development and paragraphs per council and
//! theme, and the methodology figures, from [`crate::compare::matrix()`] laid out by
//! [`crate::compare::matrix::matrix_text`]. Drawn over the whole screen; j/k scroll, Esc
//! closes it, back to what is under it (the panes or the comparison).

use crate::compare::matrix::{matrix, matrix_text};
use crate::compare::themes_for;
use crate::model::Report;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::layout;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// `M`: opens the matrix over the councils of the comparison (picked ones, else all).
pub fn open(app: &mut App) {
    app.compare.matrix_scroll = 0;
    app.open_overlay(Overlay::Matrix);
}

/// The reports of the matrix: those of the open comparison, else the picked ones, else all.
fn reports(app: &App) -> Vec<usize> {
    let s = &app.compare;
    if app.overlays().contains(&Overlay::Compare) && !s.reports.is_empty() {
        return s.reports.clone();
    }
    if s.picked.is_empty() {
        (0..app.corpus.reports.len()).collect()
    } else {
        s.picked.iter().copied().collect()
    }
}

/// The matrix as lines for the app's width: a title, then the tables.
pub fn lines(app: &App) -> Vec<String> {
    let width = usize::from(app.size.0).max(1);
    let rs: Vec<&Report> = reports(app)
        .iter()
        .filter_map(|&i| app.corpus.reports.get(i))
        .collect();
    let m = matrix(&themes_for(rs.iter().copied()), rs.iter().copied());
    let title = format!("Councils × themes: {} reports", m.rows.len());
    let mut out = vec![fit::truncate(
        &fit::display(&title, app.palette.symbols.ascii),
        width,
        app.palette.symbols.ellipsis,
    )];
    out.push(String::new());
    out.extend(
        matrix_text(&m, width)
            .lines()
            .map(|l| fit::display(l, app.palette.symbols.ascii)),
    );
    out
}

/// Rows the matrix has on screen.
fn height(app: &App) -> usize {
    let (w, h) = app.size;
    let areas = layout::compute(Rect::new(0, 0, w, h), app.layout_input());
    usize::from(areas.status.y).max(1)
}

pub fn update(app: &mut App, action: Action) {
    let total = lines(app).len();
    let page = height(app);
    let max = total.saturating_sub(page);
    let off = &mut app.compare.matrix_scroll;
    match action {
        Action::Down => *off = (*off + 1).min(max),
        Action::Up => *off = off.saturating_sub(1),
        Action::Top => *off = 0,
        Action::Bottom => *off = max,
        Action::PageDown | Action::HalfPageDown => *off = (*off + page).min(max),
        Action::PageUp | Action::HalfPageUp => *off = off.saturating_sub(page),
        Action::ScrollDown(..) => *off = (*off + 3).min(max),
        Action::ScrollUp(..) => *off = off.saturating_sub(3),
        Action::Back | Action::Matrix => app.close_overlay(),
        _ => {}
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::compute(area, app.layout_input());
    if areas.too_small {
        return;
    }
    let t = &app.palette;
    let rows = areas.status.y.saturating_sub(area.y);
    let body = Rect::new(area.x, area.y, area.width, rows + 1);
    frame.render_widget(Clear, body);
    let all = lines(app);
    let h = usize::from(rows);
    let off = app.compare.matrix_scroll.min(all.len().saturating_sub(h));
    let text: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(n, l)| {
            let style = if n == 0 {
                t.section_heading
            } else if l.starts_with("Council") {
                t.header
            } else {
                t.base
            };
            Line::from(Span::styled(l.clone(), style))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(text),
        Rect::new(area.x, area.y, area.width, rows),
    );
    let pos = if all.len() > h {
        format!(" {}-{}/{}", off + 1, (off + h).min(all.len()), all.len())
    } else {
        String::new()
    };
    let status = Line::from(vec![
        Span::styled(" Matrix: areas for development / paragraphs", t.breadcrumb),
        Span::styled(pos, t.muted),
    ]);
    frame.render_widget(
        Paragraph::new(status),
        Rect::new(area.x, areas.status.y, area.width, 1),
    );
}
