//! The search overlay (`/`): a query line, the hits of every report as you type (authority, id,
//! section, a snippet with the matched words highlighted) and a preview of the selected hit;
//! Enter reads it in the panes, and after closing `n`/`N` step through the hits. The queries run
//! on a worker thread ([`crate::tui::search_worker`]), so typing never waits for a search.

use crate::search::Hit;
use crate::target::Target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::layout::Areas;
use crate::tui::palette::Palette;
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
    app.open_overlay(Overlay::Search);
    // The old query comes back selected: typing replaces it, Backspace clears it.
    app.search.query_selected = !app.search.query.is_empty();
}

/// Keys while the overlay is open.
pub fn update(app: &mut App, action: Action) {
    let s = &mut app.search;
    let len = s.hits.len();
    let page = list_height(app).max(1) as isize;
    let s = &mut app.search;
    let selected = std::mem::take(&mut s.query_selected);
    if selected && matches!(action, Action::Type(_) | Action::DeleteBack) {
        s.query.clear();
        if action == Action::DeleteBack {
            s.submit();
        }
    }
    match action {
        Action::Type(c) => {
            s.query.push(c);
            s.submit();
        }
        Action::DeleteBack if s.query.pop().is_some() => s.submit(),
        Action::ClearQuery if !s.query.is_empty() => {
            s.query.clear();
            s.submit();
        }
        Action::Down | Action::ScrollDown(..) => s.list.step(1, len),
        Action::Up | Action::ScrollUp(..) => s.list.step(-1, len),
        Action::PageDown | Action::HalfPageDown => s.list.step(page, len),
        Action::PageUp | Action::HalfPageUp => s.list.step(-page, len),
        Action::Top => s.list.select(0, len),
        Action::Bottom => s.list.select(len, len),
        // `/R5`, `/pembrokeshire#R5`: a target, not words to search for.
        Action::Open if crate::target::is_target_like(&s.query) => {
            let q = s.query.clone();
            app.close_overlays();
            crate::tui::panes::prompt::go_to(app, &q);
        }
        Action::Open if len > 0 => {
            let i = s.list.selected.min(len - 1);
            app.close_overlays();
            jump(app, i);
        }
        Action::Back | Action::Search => app.close_overlay(),
        Action::Export if s.hits.is_empty() => app.message = Some("No hits to save".into()),
        Action::Export => {
            let stem = crate::export::file_stem(&["search", &s.shown_query]);
            let markdown = crate::export::hits_markdown(&s.shown_query, &s.hits, &app.corpus);
            app.export(stem, markdown);
        }
        _ => {}
    }
    let h = list_height(app);
    app.search.list.keep_visible(h);
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
    // Through the hits with every word; through all once on one that misses some.
    let at = app
        .search
        .current
        .unwrap_or(app.search.list.selected)
        .min(len - 1);
    let complete = app.search.complete_shown();
    let len = if at < complete { complete } else { len };
    let i = match app.search.current {
        None => at,
        Some(c) => (c as isize + delta).rem_euclid(len as isize) as usize,
    };
    let wrapped = match app.search.current {
        Some(c) if delta > 0 => i < c,
        Some(c) if delta < 0 => i > c,
        _ => false,
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
            app.open_target(t);
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

fn list_height(app: &App) -> usize {
    let areas = app.areas();
    let (w, h) = app.size;
    usize::from(parts(overlay_area(&areas, w, h)).list.height)
}

/// Column widths of a hit row: authority, id, section, snippet.
fn columns(width: usize) -> (usize, usize, usize, usize) {
    let a = if width >= 100 { 14 } else { 11 };
    let id = 6;
    let s = if width >= 100 {
        24
    } else if width >= 60 {
        14
    } else {
        0
    };
    let gaps = if s > 0 { 3 } else { 2 };
    let snip = width.saturating_sub(a + id + s + gaps);
    (a, id, s, snip)
}

fn hit_line(t: &Palette, hit: &Hit, width: usize, selected: bool) -> Line<'static> {
    let ascii = t.symbols.ascii;
    let ell = t.symbols.ellipsis;
    let (aw, iw, sw, nw) = columns(width);
    let base = if selected { t.selected } else { t.base };
    let id_style = if selected {
        t.paragraph_id_selected
    } else {
        t.paragraph_id
    };
    let mut out = vec![
        Span::styled(
            format!(
                "{} ",
                fit::pad(&fit::display(&hit.authority, ascii), aw, ell)
            ),
            base,
        ),
        Span::styled(
            fit::pad(&fit::display(&hit.paragraph, ascii), iw, ell),
            id_style,
        ),
        Span::styled(" ", base),
    ];
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
    if s.query.trim().is_empty() {
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
        .title(Span::styled(" Search all reports ", t.title_focused));
    frame.render_widget(block, p.outer);

    // Query line: `/ query█` and, on the right, the count or what is going on.
    let qw = usize::from(p.query.width);
    let st = status(s);
    let st = if ascii { st.replace('…', "...") } else { st };
    let room = qw.saturating_sub(fit::width(&st) + 4);
    let q = fit::display(&s.query, ascii);
    let q = if fit::width(&q) > room {
        let mut tail: Vec<char> = Vec::new();
        let mut used = 1;
        for c in q.chars().rev() {
            used += cell_width(c);
            if used > room {
                break;
            }
            tail.push(c);
        }
        let tail: String = tail.into_iter().rev().collect();
        format!("{}{tail}", t.symbols.ellipsis)
    } else {
        q
    };
    let used = 2 + fit::width(&q) + 1;
    let gap = qw.saturating_sub(used + fit::width(&st));
    let query_line = Line::from(vec![
        Span::styled("/ ", t.hint_key),
        Span::styled(
            q,
            if s.query_selected {
                t.selected
            } else {
                t.breadcrumb
            },
        ),
        Span::styled(" ", Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(" ".repeat(gap)),
        Span::styled(st, t.muted),
    ]);
    frame.render_widget(Paragraph::new(query_line), p.query);

    // Hits, or a note on what to type.
    let lw = usize::from(p.list.width);
    let lh = usize::from(p.list.height);
    if s.hits.is_empty() {
        let note = if let Some(e) = &s.error {
            e.clone()
        } else if let Some(n) = s.notice.as_ref().filter(|_| !s.pending()) {
            n.clone()
        } else if s.query.trim().is_empty() {
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
        // The hits, and a divider before the first that misses some words.
        let off = s.list.visible_offset(lh);
        let first_partial = s.hits.iter().position(|h| h.partial);
        let mut lines: Vec<Line> = Vec::with_capacity(lh + 1);
        let mut selected_row = 0;
        for (i, h) in s.hits.iter().enumerate().skip(off).take(lh) {
            if Some(i) == first_partial {
                lines.push(divider_line(t, s, lw));
            }
            if i == s.list.selected {
                selected_row = lines.len();
            }
            lines.push(hit_line(t, h, lw, i == s.list.selected));
        }
        // The divider may push the selection past the bottom: scroll one more.
        let skip = (selected_row + 1).saturating_sub(lh);
        let lines: Vec<Line> = lines.into_iter().skip(skip).take(lh).collect();
        frame.render_widget(Paragraph::new(lines), p.list);
    }

    // Preview of the selected hit, scrolled to its first match.
    let Some(pr) = p.preview else { return };
    let Some(hit) = s.hits.get(s.list.selected) else {
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
