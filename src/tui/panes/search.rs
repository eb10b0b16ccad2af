//! The search overlay (`/`): a query line, the hits of every report as you type (authority, id,
//! section, a snippet with the matched words highlighted) and a preview of the selected hit;
//! Enter reads it in the panes, and after closing `n`/`N` step through the hits. The queries run
//! on a worker thread ([`crate::tui::search_worker`]), so typing never waits for a search.

use crate::search::Hit;
use crate::target::Target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::Command;
use crate::tui::layout::Areas;
use crate::tui::line_edit::Edit;
use crate::tui::palette::Palette;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::prompt;
use crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

pub use crate::tui::search_worker::{SearchState, LIMIT};

/// `/`: opens the overlay with the last query (so it can be refined), starting the worker.
pub fn open(app: &mut App) {
    app.search.start(&app.corpus);
    app.command(Command::PushOverlay(Overlay::Search));
    // The old query comes back selected: typing replaces it, Backspace clears it.
    app.search.editor.reopen();
}

/// Closes the overlay (`all`: and those under it, to read a hit), keeping the query in the
/// history (saved with the state).
fn close(app: &mut App, all: bool) {
    app.command(if all {
        Command::CloseOverlays
    } else {
        Command::PopOverlay
    });
    remember(app);
}

/// Adds the query to the search history and saves it with the state.
fn remember(app: &mut App) {
    if app.search.query().trim().is_empty() {
        return;
    }
    app.search.editor.commit();
    crate::tui::session::save_histories(app);
}

/// Keys the query line takes before the keymap: editing (readline keys) and the history
/// (Up/Down). Returns whether the key was taken.
pub fn handle_key(app: &mut App, key: &KeyEvent) -> bool {
    if app.overlay() != Overlay::Search || app.prompt.is_some() {
        return false;
    }
    if !matches!(
        app.keymap.action_for(Overlay::Search, app.focus, key),
        None | Some(Action::Type(_))
    ) {
        return false;
    }
    match app.search.editor.handle_key(key) {
        Edit::Changed => {
            app.message = None;
            app.search.submit();
            true
        }
        Edit::Moved => true,
        Edit::Ignored => false,
    }
}

/// What the hits' filter matches each hit by: council, date, paragraph id and section.
pub fn filter_rows(app: &App) -> Vec<String> {
    app.search
        .hits
        .iter()
        .map(|h| {
            format!(
                "{} {} {} {}",
                h.authority,
                hit_date(app, h),
                h.paragraph,
                h.section
            )
        })
        .collect()
}

/// The inspection date of a hit's report, `Jul 2018`.
fn hit_date(app: &App, hit: &Hit) -> String {
    locate(app, hit)
        .and_then(|t| app.corpus.reports.get(t.report))
        .map(super::authorities::date)
        .unwrap_or_default()
}

/// Keys while the overlay is open.
pub fn update(app: &mut App, action: Action) {
    if lists::step(app, ListId::Hits, action) {
        return;
    }
    let s = &mut app.search;
    let len = s.hits.len();
    match action {
        Action::Type(c) => {
            s.editor.insert(c);
            s.submit();
        }
        Action::DeleteBack if s.editor.backspace() == Edit::Changed => s.submit(),
        Action::ClearQuery if !s.editor.is_empty() => {
            s.editor.clear();
            s.submit();
        }
        Action::ScrollDown(..) => {
            lists::step(app, ListId::Hits, Action::Down);
        }
        Action::ScrollUp(..) => {
            lists::step(app, ListId::Hits, Action::Up);
        }
        Action::Filter => prompt::open(app, prompt::Prompt::Filter(ListId::Hits)),
        // `/R5`, `/pembrokeshire#R5`: a target, not words to search for.
        Action::Open if crate::target::is_target_like(s.query()) => {
            let q = s.query().to_string();
            close(app, true);
            prompt::go_to(app, &q);
        }
        Action::Open if len > 0 && s.list.shown(len) > 0 => {
            let i = s.list.selected.min(len - 1);
            close(app, true);
            jump(app, i);
        }
        Action::Back if s.list.filter.is_active() => lists::clear(app, ListId::Hits),
        Action::Back | Action::Search => close(app, false),
        Action::Export if s.hits.is_empty() => app.message = Some("No hits to save".into()),
        Action::Export => {
            let stem = crate::export::file_stem(&["search", &s.shown_query]);
            let markdown = crate::export::hits_markdown(&s.shown_query, &s.hits, &app.corpus);
            app.command(Command::Export { stem, markdown });
        }
        _ => {}
    }
    lists::keep_visible(app, ListId::Hits);
}

/// `n` (`delta` 1) and `N` (-1): the next or previous hit of the last search, wrapping round.
pub fn step(app: &mut App, delta: isize) {
    app.search.poll();
    let len = app.search.hits.len();
    if len == 0 {
        let search = app.keymap.key(Action::Search, app.palette.symbols.ascii);
        app.message = Some(if app.search.shown_query.is_empty() {
            format!("No search yet: press {search} to search every report")
        } else {
            format!(
                "No hits for \"{}\": press {search} to search again",
                crate::text::for_terminal(&app.search.shown_query)
            )
        });
        return;
    }
    // The hits the filter shows (all without one), in order.
    let list = &app.search.list;
    let shown: Vec<usize> = (0..list.shown(len))
        .filter_map(|row| list.original(row, len))
        .collect();
    if shown.is_empty() {
        app.message = Some("No hit passes the filter: Esc in the search clears it".into());
        return;
    }
    // Through the hits with every word; through all once on one that misses some.
    let at = app.search.current.unwrap_or(list.selected).min(len - 1);
    let complete = app.search.complete_shown();
    let mut order: Vec<usize> = shown.clone();
    if at < complete {
        order.retain(|&i| i < complete);
    }
    if order.is_empty() {
        order = shown;
    }
    let n = order.len() as isize;
    let (i, wrapped) = match (app.search.current, order.iter().position(|&i| i == at)) {
        (None, Some(_)) => (at, false),
        (None, None) => (order[0], false),
        (Some(_), Some(p)) => {
            let q = (p as isize + delta).rem_euclid(n) as usize;
            (order[q], (delta > 0 && q < p) || (delta < 0 && q > p))
        }
        (Some(_), None) => (
            if delta > 0 {
                order[0]
            } else {
                order[order.len() - 1]
            },
            false,
        ),
    };
    jump(app, i);
    if wrapped {
        if let Some(m) = &mut app.message {
            m.push_str(if delta > 0 {
                " (wrapped to the first)"
            } else {
                " (wrapped to the last)"
            });
        }
    }
}

/// Where a hit is in the app's corpus.
pub fn locate(app: &App, hit: &Hit) -> Option<Target> {
    let reports = &app.corpus.reports;
    let ri = match reports.get(hit.report_index) {
        Some(r) if *r.id == *hit.report => hit.report_index,
        _ => reports.iter().position(|r| *r.id == *hit.report)?,
    };
    let found = reports[ri].sections.iter().enumerate().find_map(|(si, s)| {
        s.paragraphs
            .iter()
            .position(|p| *p.id == *hit.paragraph)
            .map(|pi| Target {
                report: ri,
                section: Some(si),
                paragraph: Some(pi),
            })
    });
    // Text outside the sections (front matter): the report itself.
    Some(found.unwrap_or(Target {
        report: ri,
        section: None,
        paragraph: None,
    }))
}

/// Opens hit `i` in the panes and says which it is.
fn jump(app: &mut App, i: usize) {
    let Some(hit) = app.search.hits.get(i).cloned() else {
        return;
    };
    app.search.current = Some(i);
    app.search.list.selected = i;
    match locate(app, &hit) {
        Some(t) => {
            app.command(Command::Open(t));
            let keys = app
                .keymap
                .fill("{next_hit}/{prev_hit}", app.palette.symbols.ascii);
            let (of, missing) = if hit.partial {
                (app.search.hits.len(), " (some words missing)")
            } else {
                (app.search.complete_shown(), "")
            };
            app.message = Some(format!(
                "Hit {} of {of} for \"{}\": {}{missing} · {keys} next/previous",
                i + 1,
                crate::text::for_terminal(&app.search.shown_query),
                crate::text::for_terminal(&hit.link),
            ));
        }
        None => {
            app.message = Some(format!(
                "{} is no longer loaded",
                crate::text::for_terminal(&hit.link)
            ))
        }
    }
}

/// The matched words' style: bold and underlined (so it survives NO_COLOR and the selection's
/// reverse video), yellow where colour is allowed.
pub fn highlight(t: &Palette) -> Style {
    let s = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    if t.monochrome {
        s
    } else {
        s.fg(Color::Yellow)
    }
}

/// Cuts `text` at the `matches` (byte ranges), sanitises each piece for the terminal and
/// returns `(char, highlighted)` cells.
fn cells(text: &str, matches: &[std::ops::Range<usize>], ascii: bool) -> Vec<(char, bool)> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    let push = |piece: &str, hl: bool, out: &mut Vec<(char, bool)>| {
        out.extend(fit::display(piece, ascii).chars().map(|c| (c, hl)));
    };
    for m in matches {
        let (start, end) = (m.start.max(at), m.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        push(&text[at..start], false, &mut out);
        push(&text[start..end], true, &mut out);
        at = end;
    }
    push(&text[at..], false, &mut out);
    out
}

fn spans(cells: &[(char, bool)], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let flag = cells[i].1;
        let mut j = i;
        while j < cells.len() && cells[j].1 == flag {
            j += 1;
        }
        let s: String = cells[i..j].iter().map(|c| c.0).collect();
        out.push(Span::styled(s, if flag { base.patch(hl) } else { base }));
        i = j;
    }
    out
}

fn cell_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` with `matches` highlighted, word-wrapped to `max` columns. Returns the lines and the
/// index of the first line with a highlight.
pub fn wrap_highlighted(
    text: &str,
    matches: &[std::ops::Range<usize>],
    max: usize,
    base: Style,
    hl: Style,
    ascii: bool,
) -> (Vec<Line<'static>>, Option<usize>) {
    let max = max.max(1);
    let all = cells(text, matches, ascii);
    let mut lines: Vec<Vec<(char, bool)>> = Vec::new();
    let mut line: Vec<(char, bool)> = Vec::new();
    let mut used = 0;
    for word in all.split(|c| c.0 == ' ').filter(|w| !w.is_empty()) {
        let w: usize = word.iter().map(|c| cell_width(c.0)).sum();
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push((' ', false));
            used += 1;
        }
        for &c in word {
            let cw = cell_width(c.0);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let first = lines.iter().position(|l| l.iter().any(|c| c.1));
    (
        lines
            .iter()
            .map(|l| Line::from(spans(l, base, hl)))
            .collect(),
        first,
    )
}

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

/// Column widths of a hit row: council, date, id, section, snippet.
struct Columns {
    council: usize,
    date: usize,
    id: usize,
    section: usize,
    snippet: usize,
}

fn columns(width: usize) -> Columns {
    let council = match width {
        110.. => 16,
        50.. => 14,
        _ => 10,
    };
    let date = if width >= 40 { 8 } else { 0 };
    let id = 6;
    let section = match width {
        110.. => 24,
        90.. => 14,
        _ => 0,
    };
    let gaps = 2 + usize::from(date > 0) + usize::from(section > 0);
    let snippet = width.saturating_sub(council + date + id + section + gaps);
    Columns {
        council,
        date,
        id,
        section,
        snippet,
    }
}

/// One hit: council (cut in the middle), inspection date, paragraph id, section, snippet.
fn hit_line(t: &Palette, hit: &Hit, date: &str, width: usize, selected: bool) -> Line<'static> {
    let ascii = t.symbols.ascii;
    let ell = t.symbols.ellipsis;
    let c = columns(width);
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

/// The hit count or what the search is doing, for the query line.
fn status(s: &SearchState) -> String {
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
    let complete = match s.complete {
        0 if s.partial > 0 => "no hit has every word".to_string(),
        0 => "no hits".into(),
        1 => "1 hit".into(),
        n if n > LIMIT => format!("top {LIMIT} of {n} hits"),
        n => format!("{n} hits"),
    };
    if s.partial > 0 {
        format!("{complete} · {} partial", s.partial)
    } else {
        complete
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
                format!(
                    " Search all reports: hit {} ",
                    s.list.title_position(s.hits.len(), ascii)
                )
            },
            t.title_focused,
        ));
    frame.render_widget(block, p.outer);

    // Query line: `/ query█` and, on the right, the count or what is going on.
    let qw = usize::from(p.query.width);
    let st = status(s);
    let st = if ascii { st.replace('…', "...") } else { st };
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
            lines.push(hit_line(t, h, &hit_date(app, h), lw, i == s.list.selected));
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
    crumb.push(fit::display(&hit.paragraph, ascii));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn highlights_survive_wrapping_and_sanitising() {
        let text = "Placement \u{1b}[31mstability is good";
        let m = vec![0..9, 15..24];
        let (lines, first) =
            wrap_highlighted(text, &m, 12, Style::new(), Style::new().bold(), false);
        let all: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect::<Vec<_>>()
            .join("|");
        assert!(!all.contains('\u{1b}'), "{all}");
        assert_eq!(first, Some(0));
        assert!(lines.iter().all(|l| l.width() <= 12), "{all}");
        let bold: Vec<String> = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style.add_modifier.contains(Modifier::BOLD))
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(bold, ["Placement", "stability"]);
        // Bad ranges are ignored, never a panic.
        let (l, _) = wrap_highlighted("ab", &[5..9, 2..1], 0, Style::new(), Style::new(), true);
        assert_eq!(l.len(), 2);
    }
}
