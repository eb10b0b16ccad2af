//! The reports pane: one row per report with the council's short name, the inspection month
//! and the counts of numbered paragraphs and areas for development.

use super::{block, inner, pane_rect};
use crate::model::Report;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Header rows shown above the list in an area of this inner height.
fn header_rows(inner_height: u16) -> u16 {
    u16::from(inner_height >= 3)
}

/// Rows available for reports.
pub fn viewport_height(app: &App) -> usize {
    pane_rect(app, Pane::Authorities)
        .map(|r| {
            let i = inner(r);
            usize::from(i.height - header_rows(i.height))
        })
        .unwrap_or(1)
        .max(1)
}

pub fn update(app: &mut App, action: Action) {
    let len = app.corpus.reports.len();
    let page = viewport_height(app);
    let cur = app.authorities.selected;
    if action == Action::Open {
        app.focus = Pane::Sections;
        return;
    }
    let Some(to) = super::list_move(action, cur, len, page) else {
        return;
    };
    let to = to.min(len.saturating_sub(1));
    if to != cur {
        app.select_report(to);
    }
}

/// A click on a row selects that report.
pub fn click(app: &mut App, rect: Rect, row: u16) {
    let i = inner(rect);
    let top = i.y + header_rows(i.height);
    if row < top || row >= i.y + i.height {
        return;
    }
    let idx = app.authorities.offset + usize::from(row - top);
    if idx < app.corpus.reports.len() && idx != app.authorities.selected {
        app.select_report(idx);
    }
}

/// "Jul 2018".
fn date(r: &Report) -> String {
    let m: String = r.inspection.month.chars().take(3).collect();
    match (m.is_empty(), r.inspection.year) {
        (false, 0) => m,
        (true, 0) => "?".into(),
        (true, y) => y.to_string(),
        (false, y) => format!("{m} {y}"),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let t = &app.theme;
    let n = app.corpus.reports.len();
    let title = format!("Reports ({n})");
    frame.render_widget(block(app, &title, area, focused), area);
    let i = inner(area);
    if i.width == 0 || i.height == 0 {
        return;
    }
    let w = usize::from(i.width);
    // Columns: name, date (8 after a space), numbered paragraphs (4), areas for development (4).
    let show_counts = w >= 8 + 9 + 8;
    let show_date = w >= 8 + 9;
    let name_w = w
        .saturating_sub(if show_date { 9 } else { 0 })
        .saturating_sub(if show_counts { 8 } else { 0 });
    let ell = t.symbols.ellipsis;
    let row_text = |name: &str, date: &str, paras: &str, recs: &str| {
        let mut s = wrap::pad(name, name_w, ell);
        if show_date {
            s.push(' ');
            s.push_str(&wrap::pad(date, 8, ell));
        }
        if show_counts {
            s.push_str(&format!("{paras:>4}{recs:>4}"));
        }
        s
    };
    let mut lines = Vec::new();
    let header = header_rows(i.height);
    if header == 1 {
        lines.push(Line::from(Span::styled(
            row_text("Council", "Date", "Para", "AfD"),
            t.header,
        )));
    }
    if n == 0 {
        lines.push(Line::from(Span::styled("No reports loaded", t.muted)));
    }
    let height = usize::from(i.height - header);
    let offset = app.authorities.visible_offset(height);
    for (idx, r) in app
        .corpus
        .reports
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let mut name = wrap::display(&r.authority.short, t.symbols.ascii);
        // Other publications than the inspection report say what they are.
        if let Some(k) = r.kind.filter(|k| *k != crate::model::Kind::Inspection) {
            name = format!("{name} ({})", k.short());
        }
        if !app.compare.picked.is_empty() {
            // Councils picked for `c` (Space) are marked; the mark shows only once any is.
            let mark = match (app.compare.picked.contains(&idx), t.symbols.ascii) {
                (false, _) => " ",
                (true, false) => "✓",
                (true, true) => "*",
            };
            name = format!("{mark}{name}");
        }
        let text = row_text(
            &name,
            &date(r),
            &r.finding_count().to_string(),
            &r.recommendations.len().to_string(),
        );
        let style = if idx == app.authorities.selected {
            if focused {
                t.selected
            } else {
                t.selected_unfocused
            }
        } else {
            t.base
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(lines), i);
}
