//! The reports pane: one row per report with the council's short name, the inspection month
//! and the counts of numbered paragraphs and areas for development. `f` filters it as you type
//! ([`crate::tui::list_filter`]); the title shows the position, `n/N`. Names too long for the
//! pane are cut in the middle, so `Testshire 0500` stays told apart from `Testshire 0501`.

use super::lists::{self, ListId};
use super::{block, inner, pane_rect};
use crate::model::Report;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::command::{Command, Commands};
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

/// What the filter matches each report by: the council's short name.
pub fn filter_rows(app: &App) -> Vec<String> {
    app.corpus
        .reports
        .iter()
        .map(|r| r.authority.short.clone())
        .collect()
}

/// Scrolls the list so the selected report's row is in view.
pub fn keep_visible(app: &mut App) {
    lists::keep_visible(app, ListId::Councils);
}

pub fn update(app: &mut App, action: Action) -> Commands {
    if action == Action::Open {
        return Command::Focus(Pane::Sections).into();
    }
    lists::step(app, ListId::Councils, action).unwrap_or_default()
}

/// The report on `row` of the pane drawn in `rect`, if a report row is there.
pub fn item_at(app: &App, rect: Rect, row: u16) -> Option<usize> {
    let i = inner(rect);
    let top = i.y + header_rows(i.height);
    if row < top || row >= i.y + i.height {
        return None;
    }
    let n = app.corpus.reports.len();
    let row = app.authorities.visible_offset(viewport_height(app), n) + usize::from(row - top);
    app.authorities.original(row, n)
}

/// A click on report `idx`: it is read.
pub fn click(app: &mut App, idx: usize) -> Commands {
    if idx == app.authorities.selected {
        return Commands::none();
    }
    Command::SelectReport(idx).into()
}

/// "Jul 2018" (the month may be missing, the year too: "?").
pub fn date(r: &Report) -> String {
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

/// A report's name in its row: the council, the kind where it is not the inspection report or
/// where the council has other reports loaded, the date too when there is no date column, and
/// the mark of a council picked for comparison.
fn row_name(app: &App, idx: usize, date_column: bool) -> String {
    let r = &app.corpus.reports[idx];
    let ascii = app.palette.symbols.ascii;
    let mut name = fit::display(&r.authority.short, ascii);
    let sibling = has_sibling(&app.corpus.reports, idx);
    let kind = r
        .kind
        .filter(|k| *k != crate::model::Kind::Inspection || sibling);
    if let Some(k) = kind {
        name = format!("{name} ({})", k.short());
    }
    if !date_column && sibling {
        // No date column: the name says which inspection it is.
        name = format!("{name} {}", date(r));
    }
    if !app.compare.picked.is_empty() {
        // Councils picked for `c` (Space) are marked; the mark shows only once any is.
        let mark = match (app.compare.picked.contains(&idx), ascii) {
            (false, _) => " ",
            (true, false) => "✓",
            (true, true) => "*",
        };
        name = format!("{mark}{name}");
    }
    name
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let t = &app.palette;
    let n = app.corpus.reports.len();
    let shown = app.authorities.shown(n);
    let title = if shown == n && n <= 1 {
        format!("Reports ({n})")
    } else {
        format!(
            "Reports {}",
            app.authorities.title_position(n, t.symbols.ascii)
        )
    };
    frame.render_widget(block(app, &title, area, focused), area);
    let i = inner(area);
    if i.width == 0 || i.height == 0 {
        return;
    }
    let w = usize::from(i.width);
    let header = header_rows(i.height);
    let height = usize::from(i.height - header);
    let visible = app.authorities.visible(height, n);
    // Columns: name, date (8 after a space), numbered paragraphs (4), areas for development
    // (4). The counts give way when the names in view would not fit beside them; with none in
    // view (a filter that keeps none), all the names decide, so the header keeps its columns.
    let show_date = w >= 8 + 9;
    let name_width = |idx: usize| fit::width(&row_name(app, idx, show_date));
    let longest = if visible.is_empty() {
        (0..n).map(name_width).max()
    } else {
        visible.iter().map(|&(_, idx)| name_width(idx)).max()
    }
    .unwrap_or(0);
    let show_counts = show_date && w >= 8 + 9 + 8 && w - 9 - 8 >= longest.min(w - 9);
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
            fit::truncate(&lists::no_match(ListId::Councils), w, ell),
            t.muted,
        )));
    }
    for (_, idx) in visible {
        let r = &app.corpus.reports[idx];
        let name = row_name(app, idx, show_date);
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
