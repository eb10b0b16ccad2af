//! The councils × themes matrix (`M`): areas for development and paragraphs per council and
//! theme, and the methodology figures, from [`crate::compare::matrix()`] laid out by
//! [`crate::compare::matrix::matrix_layout`]. Drawn over the whole screen; j/k and h/l move a
//! cursor between councils and themes, g/G and PgUp/PgDn move it to the first or last council
//! or a page on (on the last council PgDn scrolls on to the tables below; the wheel scrolls),
//! Enter opens that council's section in the reader (a jump: `Ctrl-o` comes back), Esc closes
//! it, back to what is under it (the panes or the comparison).

use crate::compare::matrix::{matrix, matrix_layout, CellSpot};
use crate::compare::themes_for;
use crate::model::{Report, Theme};
use crate::target::Target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::layout;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// The matrix opened (`M`, by [`Command::PushOverlay`]) over the councils of the comparison
/// (picked ones, else all): from the top, on the first cell.
pub fn opened(app: &mut App) {
    app.compare.matrix_scroll = 0;
    app.compare.matrix_cell = (0, 0);
}

/// The reports of the matrix: those of the open comparison, else the picked ones, else all.
pub fn reports(app: &App) -> Vec<usize> {
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

/// The matrix laid out for the app's width: its lines (a title, then the tables), where each
/// council × theme cell is in them, and the reports and themes of its rows and columns.
pub struct Laid {
    pub lines: Vec<String>,
    pub spots: Vec<CellSpot>,
    /// Corpus index of each row's report.
    pub reports: Vec<usize>,
    pub themes: Vec<Theme>,
}

/// Lines above the tables' text: the title and a blank line.
const TITLE_LINES: usize = 2;

/// Lays the matrix out for the app's width.
pub fn laid(app: &App) -> Laid {
    let width = usize::from(app.size.0).max(1);
    let ids = reports(app);
    let rs: Vec<&Report> = ids
        .iter()
        .filter_map(|&i| app.corpus.reports.get(i))
        .collect();
    let m = matrix(&themes_for(rs.iter().copied()), rs.iter().copied());
    let title = format!("Councils × themes: {} reports", m.rows.len());
    let mut lines = vec![fit::truncate(
        &fit::display(&title, app.palette.symbols.ascii),
        width,
        app.palette.symbols.ellipsis,
    )];
    lines.push(String::new());
    let (text, spots) = matrix_layout(&m, width);
    lines.extend(
        text.lines()
            .map(|l| fit::display(l, app.palette.symbols.ascii)),
    );
    let spots = spots
        .into_iter()
        .map(|sp| CellSpot {
            line: sp.line + TITLE_LINES,
            ..sp
        })
        .collect();
    Laid {
        lines,
        spots,
        reports: ids
            .into_iter()
            .filter(|&i| i < app.corpus.reports.len())
            .collect(),
        themes: m.themes,
    }
}

/// The matrix as lines for the app's width: a title, then the tables.
pub fn lines(app: &App) -> Vec<String> {
    laid(app).lines
}

/// Rows the matrix has on screen.
fn height(app: &App) -> usize {
    usize::from(app.areas().status.y).max(1)
}

/// The cell under the cursor (clamped to the matrix) and where it is drawn.
fn cursor(app: &App, l: &Laid) -> Option<CellSpot> {
    let (row, theme) = app.compare.matrix_cell;
    let row = row.min(l.reports.len().checked_sub(1)?);
    let theme = theme.min(l.themes.len().checked_sub(1)?);
    // Where the width splits the table, the first place the cell is drawn.
    l.spots
        .iter()
        .find(|sp| sp.row == row && sp.theme == theme)
        .copied()
}

pub fn update(app: &mut App, action: Action) -> Commands {
    let l = laid(app);
    let total = l.lines.len();
    let page = height(app);
    let max = total.saturating_sub(page);
    let (rows, themes) = (l.reports.len(), l.themes.len());
    let (row, theme) = app.compare.matrix_cell;
    let (row, theme) = (
        row.min(rows.saturating_sub(1)),
        theme.min(themes.saturating_sub(1)),
    );
    let last = rows.saturating_sub(1);
    // The page keys move the cursor a page of councils, as in every list; on the last council
    // they scroll on, to the tables below it.
    let step = match action {
        Action::PageDown | Action::PageUp => page.saturating_sub(1).max(1),
        _ => (page / 2).max(1),
    };
    let off = &mut app.compare.matrix_scroll;
    let moved = match action {
        Action::Down => Some(((row + 1).min(last), theme)),
        Action::Up => Some((row.saturating_sub(1), theme)),
        Action::FocusRight | Action::FocusNext => {
            Some((row, (theme + 1).min(themes.saturating_sub(1))))
        }
        Action::FocusLeft | Action::FocusPrev => Some((row, theme.saturating_sub(1))),
        Action::Top => {
            *off = 0;
            Some((0, theme))
        }
        Action::Bottom => {
            *off = max;
            Some((last, theme))
        }
        Action::PageDown | Action::HalfPageDown if row < last => {
            Some(((row + step).min(last), theme))
        }
        Action::PageUp | Action::HalfPageUp if row > 0 => Some((row.saturating_sub(step), theme)),
        Action::PageDown | Action::HalfPageDown => {
            *off = (*off + step).min(max);
            None
        }
        Action::PageUp | Action::HalfPageUp => {
            *off = off.saturating_sub(step);
            None
        }
        Action::ScrollOverlay(true) => {
            *off = (*off + 3).min(max);
            None
        }
        Action::ScrollOverlay(false) => {
            *off = off.saturating_sub(3);
            None
        }
        Action::Open => return open_cell(app, &l, row, theme),
        Action::Back | Action::Matrix => return Command::PopOverlay.into(),
        _ => None,
    };
    let Some(cell) = moved else {
        return Commands::none();
    };
    app.compare.matrix_cell = cell;
    // The cursor moved: keep its line in view, and the tables' heads with the first council.
    if let Some(sp) = cursor(app, &l) {
        let off = &mut app.compare.matrix_scroll;
        if cell.0 == 0 && sp.line < page {
            *off = 0;
        } else if sp.line < *off {
            *off = sp.line;
        } else if sp.line >= *off + page {
            *off = sp.line + 1 - page;
        }
    }
    Commands::none()
}

/// Enter: opens the council's section on the theme in the reader, as a jump (`Ctrl-o` comes
/// back to where the reader was).
fn open_cell(app: &mut App, l: &Laid, row: usize, theme: usize) -> Commands {
    let (Some(&ri), Some(&t)) = (l.reports.get(row), l.themes.get(theme)) else {
        return Commands::none();
    };
    let Some(r) = app.corpus.reports.get(ri) else {
        return Commands::none();
    };
    let council = fit::display(&r.authority.short, app.palette.symbols.ascii);
    let section = r
        .sections
        .iter()
        .position(|s| r.theme_section(t).is_some_and(|x| std::ptr::eq(x, s)));
    let Some(si) = section else {
        return Commands::say(format!("{council} has no section on {}", t.title()));
    };
    let back = app.keymap.key(Action::JumpBack, app.palette.symbols.ascii);
    Commands::say(format!("{council}: {}; {back} goes back", t.title())).then(
        super::read_from_overlay(Target {
            report: ri,
            section: Some(si),
            paragraph: None,
            part: None,
        }),
    )
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
    let laid = laid(app);
    let cur = cursor(app, &laid);
    let all = &laid.lines;
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
            match cur.filter(|c| c.line == n) {
                Some(c) => cursor_line(l, &c, style, t.selected),
                None => Line::from(Span::styled(l.clone(), style)),
            }
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
    // Which council and theme the cursor is on.
    let (row, theme) = app.compare.matrix_cell;
    let council = laid
        .reports
        .get(row.min(laid.reports.len().saturating_sub(1)))
        .and_then(|&i| app.corpus.reports.get(i))
        .map(|r| fit::display(&r.authority.short, t.symbols.ascii));
    let theme = laid
        .themes
        .get(theme.min(laid.themes.len().saturating_sub(1)));
    let crumb = match (council, theme) {
        (Some(c), Some(th)) => format!(" Matrix: {c}, {}", th.short_title()),
        _ => " Matrix: areas for development / paragraphs".to_string(),
    };
    let crumb = fit::truncate(
        &crumb,
        usize::from(area.width).saturating_sub(fit::width(&pos)),
        t.symbols.ellipsis,
    );
    let status = Line::from(vec![
        Span::styled(crumb, t.breadcrumb),
        Span::styled(pos, t.muted),
    ]);
    frame.render_widget(
        Paragraph::new(status),
        Rect::new(area.x, areas.status.y, area.width, 1),
    );
}

/// A line with the cursor's cell in `selected`.
fn cursor_line(l: &str, c: &CellSpot, style: Style, selected: Style) -> Line<'static> {
    let mut spans = Vec::new();
    let (mut before, mut cell, mut after) = (String::new(), String::new(), String::new());
    let mut w = 0;
    for ch in l.chars() {
        let part = if w < c.column {
            &mut before
        } else if w < c.column + c.width {
            &mut cell
        } else {
            &mut after
        };
        part.push(ch);
        w += fit::width(ch.encode_utf8(&mut [0; 4]));
    }
    spans.push(Span::styled(before, style));
    spans.push(Span::styled(cell, style.patch(selected)));
    spans.push(Span::styled(after, style));
    Line::from(spans)
}
