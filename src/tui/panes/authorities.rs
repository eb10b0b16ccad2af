//! The reports pane: one row per report with the council's short name, the inspection month
//! and the counts of numbered paragraphs and areas for development. `f` filters it as you type
//! ([`crate::tui::list_filter`]); the title shows the position, `n/N`. Names too long for the
//! pane are cut in the middle, so `Testshire 0500` stays told apart from `Testshire 0501`.

use super::{block, inner, pane_rect};
use crate::model::Report;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
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

/// What the filter matches a report by: the council's short name.
fn filter_text(r: &Report) -> &str {
    &r.authority.short
}

/// Runs the council filter again (its query changed) and selects the best match.
pub fn refilter(app: &mut App) {
    let rows: Vec<&str> = app.corpus.reports.iter().map(filter_text).collect();
    app.council_filter.refresh(&rows);
    app.authorities.offset = 0;
    let total = rows.len();
    if let Some(first) = app.council_filter.original(0, total) {
        if app.council_filter.row_of(app.authorities.selected, total) != Some(0) {
            app.select_report(first);
        }
    }
    keep_visible(app);
}

/// The selected report's row among those shown (0 when the filter hides it).
pub fn selected_row(app: &App) -> usize {
    app.council_filter
        .row_of(app.authorities.selected, app.corpus.reports.len())
        .unwrap_or(0)
}

/// Scrolls the list so the selected report's row is in view.
pub fn keep_visible(app: &mut App) {
    let h = viewport_height(app);
    let mut rows = crate::tui::app::ListState {
        selected: selected_row(app),
        offset: app.authorities.offset,
    };
    rows.keep_visible(h);
    app.authorities.offset = rows.offset;
}

pub fn update(app: &mut App, action: Action) {
    let total = app.corpus.reports.len();
    let len = app.council_filter.len(total);
    let page = viewport_height(app);
    let cur = selected_row(app);
    if action == Action::Open {
        app.focus = Pane::Sections;
        return;
    }
    let Some(to) = super::list_move(action, cur, len, page) else {
        return;
    };
    let to = to.min(len.saturating_sub(1));
    let Some(report) = app.council_filter.original(to, total) else {
        return;
    };
    if report != app.authorities.selected {
        app.select_report(report);
    }
}

/// A click on a row selects that report.
pub fn click(app: &mut App, rect: Rect, row: u16) {
    let i = inner(rect);
    let top = i.y + header_rows(i.height);
    if row < top || row >= i.y + i.height {
        return;
    }
    let row = app.authorities.offset + usize::from(row - top);
    let Some(idx) = app.council_filter.original(row, app.corpus.reports.len()) else {
        return;
    };
    if idx != app.authorities.selected {
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

/// Whether more than one report of `r`'s council is loaded (its rows then say which).
fn has_sibling(reports: &[Report], idx: usize) -> bool {
    let short = &reports[idx].authority.short;
    let same = |i: usize| reports.get(i).is_some_and(|o| o.authority.short == *short);
    // The corpus is ordered by council, so a sibling is next to it.
    (idx > 0 && same(idx - 1)) || same(idx + 1)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let t = &app.palette;
    let n = app.corpus.reports.len();
    let shown = app.council_filter.len(n);
    let sel_row = selected_row(app);
    let mut title = if shown == n && n <= 1 {
        format!("Reports ({n})")
    } else {
        format!(
            "Reports {}",
            crate::tui::list_filter::position_label(sel_row, shown, n)
        )
    };
    if app.council_filter.is_active() && !app.council_filter.typing {
        title.push_str(&format!(
            " f:{}",
            fit::display(app.council_filter.editor.text(), t.symbols.ascii)
        ));
    }
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
        let mut s = fit::pad(&fit::truncate_middle(name, name_w, ell), name_w, ell);
        if show_date {
            s.push(' ');
            s.push_str(&fit::pad(date, 8, ell));
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
    } else if shown == 0 {
        lines.push(Line::from(Span::styled(
            fit::truncate("No council matches", w, ell),
            t.muted,
        )));
    }
    let height = usize::from(i.height - header);
    let offset = crate::tui::app::ListState {
        selected: sel_row,
        offset: app.authorities.offset,
    }
    .visible_offset(height);
    for row in offset..(offset + height).min(shown) {
        let Some(idx) = app.council_filter.original(row, n) else {
            break;
        };
        let r = &app.corpus.reports[idx];
        let mut name = fit::display(&r.authority.short, t.symbols.ascii);
        // Other publications than the inspection report say what they are.
        if let Some(k) = r.kind.filter(|k| *k != crate::model::Kind::Inspection) {
            name = format!("{name} ({})", k.short());
        }
        if !show_date && has_sibling(&app.corpus.reports, idx) {
            // No date column: the name says which inspection it is.
            name = format!("{name} {}", date(r));
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
