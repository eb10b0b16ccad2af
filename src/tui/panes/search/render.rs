//! Drawing the search overlay: the query line (the terminal's cursor in it), the hits as rows of
//! council, inspection date, paragraph id, page, section and snippet (the hits' filter applied,
//! a divider before those with words missing), and a preview of the selected hit whose title
//! ends with the paragraph's id and page.

use super::highlight::{cell_width, cells, highlight, spans, wrap_highlighted};
use super::{hit_date, prompt, SearchState};
use crate::model::Pages;
use crate::search::Hit;
use crate::text::fit;
use crate::tui::app::App;
use crate::tui::layout::Areas;
use crate::tui::palette::Palette;
use crate::tui::panes::lists::{self, ListId};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// The overlay's parts: query line, hit list, preview (with its top rule).
struct Parts {
    outer: Rect,
    query: Rect,
    list: Rect,
    preview: Option<Rect>,
}

fn parts(area: Rect) -> Parts {
    let inner = Block::bordered().inner(area);
    let rest = inner.height.saturating_sub(1);
    // The preview gets about half of what is left below the query line, when there is room.
    let preview_h = if rest >= 8 { rest / 2 } else { 0 };
    let [query, list, preview] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(preview_h),
    ])
    .areas(inner);
    Parts {
        outer: area,
        query,
        list,
        preview: (preview_h > 0).then_some(preview),
    }
}

/// The overlay covers the panes and leaves the status and hint lines.
fn overlay_area(areas: &Areas, w: u16, h: u16) -> Rect {
    let bottom = areas.status.y.min(h);
    Rect::new(0, 0, w, bottom)
}

/// Rows of hits the overlay shows.
pub fn list_height(app: &App) -> usize {
    let areas = app.areas();
    let (w, h) = app.size;
    usize::from(parts(overlay_area(&areas, w, h)).list.height)
}

/// Column widths of a hit row: council, date, id, page, section, snippet.
struct Columns {
    council: usize,
    date: usize,
    id: usize,
    page: usize,
    section: usize,
    snippet: usize,
}

/// The widest page label a row shows: `pp.17–18`.
const PAGE: usize = 8;

/// The columns of a row `width` wide; a page column only when some hit has pages (`paged`).
fn columns(width: usize, paged: bool) -> Columns {
    let council = match width {
        110.. => 16,
        50.. => 14,
        _ => 10,
    };
    let date = if width >= 40 { 8 } else { 0 };
    let id = 6;
    let page = if paged && width >= 60 { PAGE } else { 0 };
    let section = match width {
        110.. => 24,
        90.. => 14,
        _ => 0,
    };
    let gaps = 2 + usize::from(date > 0) + usize::from(page > 0) + usize::from(section > 0);
    let snippet = width.saturating_sub(council + date + id + page + section + gaps);
    Columns {
        council,
        date,
        id,
        page,
        section,
        snippet,
    }
}

/// A page label short enough for a row: `p.17`, `pp.17–18`.
fn page_cell(pages: Option<Pages>) -> String {
    match pages {
        Some(Pages(a, b)) if a == b => format!("p.{a}"),
        Some(Pages(a, b)) => format!("pp.{a}\u{2013}{b}"),
        None => String::new(),
    }
}

/// One hit: council (cut in the middle), inspection date, paragraph id, page (when some hit
/// has pages: `paged`), section, snippet.
fn hit_line(
    t: &Palette,
    hit: &Hit,
    date: &str,
    (width, paged): (usize, bool),
    selected: bool,
) -> Line<'static> {
    let ascii = t.symbols.ascii;
    let ell = t.symbols.ellipsis;
    let c = columns(width, paged);
    let (sw, nw) = (c.section, c.snippet);
    let base = if selected { t.selected } else { t.base };
    let id_style = if selected {
        t.paragraph_id_selected
    } else {
        t.paragraph_id
    };
    let council = fit::truncate_middle(&fit::display(&hit.authority, ascii), c.council, ell);
    let mut out = vec![Span::styled(
        format!("{} ", fit::pad(&council, c.council, ell)),
        base,
    )];
    if c.date > 0 {
        out.push(Span::styled(
            format!("{} ", fit::pad(&fit::display(date, ascii), c.date, ell)),
            if selected { base } else { t.muted },
        ));
    }
    out.push(Span::styled(
        fit::pad(&fit::display(&hit.paragraph, ascii), c.id, ell),
        id_style,
    ));
    out.push(Span::styled(" ", base));
    if c.page > 0 {
        out.push(Span::styled(
            format!(
                "{} ",
                fit::pad(&fit::display(&page_cell(hit.pages), ascii), c.page, ell)
            ),
            if selected { base } else { t.muted },
        ));
    }
    if sw > 0 {
        out.push(Span::styled(
            format!("{} ", fit::pad(&fit::display(&hit.section, ascii), sw, ell)),
            if selected { base } else { t.muted },
        ));
    }
    if nw > 0 {
        let sn = hit.snippet(nw);
        let mut c = cells(&sn.text, &sn.matches, ascii);
        // Sanitising or ASCII folding may widen the excerpt; keep it in its column.
        let mut used = 0;
        c.retain(|x| {
            used += cell_width(x.0);
            used <= nw
        });
        let w: usize = c.iter().map(|x| cell_width(x.0)).sum();
        out.extend(spans(&c, base, highlight(t)));
        if selected && w < nw {
            out.push(Span::styled(" ".repeat(nw - w), base));
        }
    }
    Line::from(out)
}

/// `── 95 more with some words missing ──` across the list.
fn divider_line(t: &Palette, s: &SearchState, width: usize) -> Line<'static> {
    let rule = if t.symbols.ascii { "-" } else { "─" };
    let label = if s.complete == 0 {
        format!(" no hit has every word; {} with some ", s.partial)
    } else {
        format!(" {} more with some words missing ", s.partial)
    };
    let rest = width.saturating_sub(2 + fit::width(&label));
    let mut text = format!("{}{label}{}", rule.repeat(2), rule.repeat(rest));
    if fit::width(&text) > width {
        text = fit::display(&text, t.symbols.ascii)
            .chars()
            .scan(0, |w, c| {
                *w += cell_width(c);
                (*w <= width).then_some(c)
            })
            .collect();
    }
    Line::from(Span::styled(text, t.muted))
}

/// Columns the query itself keeps on the query line before the count is said shortly.
const QUERY_ROOM: usize = 20;

/// The hit count or what the search is doing, for a query line `width` wide: in words
/// (`9 hits · 14 with some words missing`), shortly (`9 hits · 14 partial`) only when the
/// words would leave the query too little room.
fn status(s: &SearchState, width: usize) -> String {
    if !s.started() {
        return String::new();
    }
    if !s.ready {
        return "indexing…".into();
    }
    if s.pending() {
        return "searching…".into();
    }
    if s.query().trim().is_empty() {
        return format!("{} paragraphs", s.paragraphs);
    }
    let hits = |n: usize| {
        if n == 1 {
            "1 hit".to_string()
        } else {
            format!("{n} hits")
        }
    };
    let (long, short) = match (s.complete, s.partial) {
        (0, 0) => return "no hits".into(),
        (c, 0) => return hits(c),
        (0, p) => (
            format!("no hit has every word · {p} with some"),
            format!("{p} partial"),
        ),
        (c, p) => (
            format!("{} · {p} with some words missing", hits(c)),
            format!("{} · {p} partial", hits(c)),
        ),
    };
    if fit::width(&long) + 4 + QUERY_ROOM <= width {
        long
    } else {
        short
    }
}

pub fn render(app: &App, frame: &mut Frame, areas: &Areas) {
    let t = &app.palette;
    let ascii = t.symbols.ascii;
    let full = frame.area();
    let area = overlay_area(areas, full.width, full.height);
    if area.width < 10 || area.height < 5 {
        return;
    }
    let p = parts(area);
    let s = &app.search;
    frame.render_widget(Clear, p.outer);
    let block = Block::bordered()
        .border_set(t.symbols.border)
        .border_style(t.border_focused)
        .title(Span::styled(
            if s.hits.is_empty() {
                " Search all reports ".to_string()
            } else {
                // `+`: more hits than those fetched, fetched as the list nears its end.
                let more = s.hits.len() < s.total() && !s.list.filter.is_active();
                format!(
                    " Search all reports: hit {}{} ",
                    s.list.title_position(s.hits.len(), ascii),
                    if more { "+" } else { "" }
                )
            },
            t.title_focused,
        ));
    frame.render_widget(block, p.outer);

    // Query line: `/ query█` and, on the right, the count or what is going on.
    let qw = usize::from(p.query.width);
    let st = status(s, qw);
    let st = fit::display(&st, ascii);
    let room = qw.saturating_sub(fit::width(&st) + 4).max(1);
    let (q, cursor) = prompt::view(&s.editor, room, ascii);
    let used = 2 + fit::width(&q) + 1;
    let gap = qw.saturating_sub(used + fit::width(&st));
    let query_line = Line::from(vec![
        Span::styled("/ ", t.hint_key),
        Span::styled(
            q,
            if s.editor.is_selected() {
                t.selected
            } else {
                t.breadcrumb
            },
        ),
        Span::raw(" ".repeat(gap + 1)),
        Span::styled(st, t.muted),
    ]);
    if app.prompt.is_none() {
        frame.set_cursor_position(ratatui::layout::Position::new(
            p.query.x + (2 + cursor).min(qw.saturating_sub(1)) as u16,
            p.query.y,
        ));
    }
    frame.render_widget(Paragraph::new(query_line), p.query);

    // Hits, or a note on what to type.
    let lw = usize::from(p.list.width);
    let lh = usize::from(p.list.height);
    if s.hits.is_empty() {
        let note = if let Some(e) = &s.error {
            e.clone()
        } else if let Some(n) = s.notice.as_ref().filter(|_| !s.pending()) {
            n.clone()
        } else if s.query().trim().is_empty() {
            format!(
                "Type to search every paragraph of {} reports: words in any order, typos allowed. \
                 'exact  !exclude  \"a phrase\"  in:swansea  theme:safeguarding",
                app.corpus.reports.len()
            )
        } else if s.pending() {
            String::new()
        } else {
            format!(
                "No paragraph matches \"{}\". Try fewer words, or check in: and theme:.",
                s.shown_query
            )
        };
        let lines: Vec<Line> = fit::wrap(&fit::display(&note, ascii), lw.saturating_sub(2))
            .into_iter()
            .take(lh)
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.muted)))
            .collect();
        frame.render_widget(Paragraph::new(lines), p.list);
    } else {
        // The hits the filter shows, and a divider before the first that misses some words.
        let total = s.hits.len();
        let first_partial = (0..s.list.shown(total))
            .filter_map(|row| s.list.original(row, total))
            .find(|&i| s.hits[i].partial);
        let mut lines: Vec<Line> = Vec::with_capacity(lh + 1);
        let mut selected_row = 0;
        let paged = s.hits.iter().any(|h| h.pages.is_some());
        if s.list.shown(total) == 0 {
            lines.push(Line::from(Span::styled(
                format!(" {}", lists::no_match(ListId::Hits)),
                t.muted,
            )));
        }
        for (_, i) in s.list.visible(lh, total) {
            let Some(h) = s.hits.get(i) else { continue };
            if Some(i) == first_partial {
                lines.push(divider_line(t, s, lw));
            }
            if i == s.list.selected {
                selected_row = lines.len();
            }
            let selected = i == s.list.selected;
            lines.push(hit_line(t, h, &hit_date(app, h), (lw, paged), selected));
        }
        // The divider may push the selection past the bottom: scroll one more.
        let skip = (selected_row + 1).saturating_sub(lh);
        let lines: Vec<Line> = lines.into_iter().skip(skip).take(lh).collect();
        frame.render_widget(Paragraph::new(lines), p.list);
    }

    // Preview of the selected hit, scrolled to its first match.
    let Some(pr) = p.preview else { return };
    let hit = s.hits.get(s.list.selected);
    // Nothing previewed when the hits' filter keeps none.
    let Some(hit) = hit.filter(|_| s.list.shown(s.hits.len()) > 0) else {
        let rule = Block::new()
            .borders(Borders::TOP)
            .border_set(t.symbols.border)
            .border_style(t.border);
        frame.render_widget(rule, pr);
        return;
    };
    let mut crumb = vec![
        fit::display(&hit.authority, ascii),
        fit::display(&hit.section, ascii),
    ];
    if let Some(sub) = &hit.subsection {
        crumb.push(fit::display(sub, ascii));
    }
    // The page, quietly, as in the reader's breadcrumb: "3.18 p. 17".
    let id = match hit.pages {
        Some(pages) => format!("{} {}", hit.paragraph, pages.label()),
        None => hit.paragraph.to_string(),
    };
    crumb.push(fit::display(&id, ascii));
    let title = fit::breadcrumb(
        &crumb,
        t.symbols.separator,
        t.symbols.ellipsis,
        usize::from(pr.width).saturating_sub(4),
    );
    let rule = Block::new()
        .borders(Borders::TOP)
        .border_set(t.symbols.border)
        .border_style(t.border)
        .title(Span::styled(format!(" {title} "), t.title));
    let inner = rule.inner(pr);
    frame.render_widget(rule, pr);
    let (lines, first) = wrap_highlighted(
        &hit.text,
        &hit.matches,
        usize::from(inner.width).saturating_sub(2),
        t.base,
        highlight(t),
        ascii,
    );
    let h = usize::from(inner.height);
    let top = first
        .unwrap_or(0)
        .saturating_sub(1)
        .min(lines.len().saturating_sub(h));
    let lines: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(h)
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
