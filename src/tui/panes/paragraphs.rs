//! The paragraph view: the shown section's text wrapped to the pane, paragraph ids in a gutter,
//! subsection headings, and "What we expect to see" folded at the top (Enter unfolds it).
//! j/k move paragraph by paragraph but scroll line by line through a paragraph taller than the
//! pane, so nothing is skipped on a small terminal.

use super::{block, inner, pane_rect};
use crate::model::Section;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{section_label, App, Item, Pane};
use crate::tui::command::Commands;
use crate::tui::keymap::Scope;
use crate::tui::marks;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The section laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// Per item: the first line and one past the last text line (the blank after an item is
    /// not part of it).
    pub spans: Vec<(usize, usize)>,
}

impl Doc {
    /// The last scroll offset that still fills the view.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.lines.len().saturating_sub(height)
    }

    /// The item shown on `line`, or the next one after a gap.
    pub fn item_at(&self, line: usize) -> Option<usize> {
        self.spans
            .iter()
            .position(|(_, end)| *end > line)
            .or_else(|| self.spans.len().checked_sub(1))
    }
}

/// The paragraph view's width and height at the app's size.
pub fn viewport(app: &App) -> (usize, usize) {
    pane_rect(app, Pane::Paragraphs)
        .map(|r| {
            let i = inner(r);
            (usize::from(i.width), usize::from(i.height))
        })
        .unwrap_or((40, 10))
}

/// What the gutter shows for an id: unnumbered sections' `introduction.3` shows as `3`.
fn short_id<'a>(s: &Section, id: &'a str) -> &'a str {
    if s.number.is_none() {
        if let Some((_, tail)) = id.rsplit_once('.') {
            return tail;
        }
    }
    id
}

/// Lays out the shown section at `width` columns.
pub fn doc(app: &App, width: usize) -> Doc {
    let t = &app.palette;
    let sym = t.symbols;
    let mut d = Doc::default();
    let Some(s) = app.section() else {
        return d;
    };
    let width = width.max(1);
    let focused = app.focus == Pane::Paragraphs;
    let items = app.items();
    let id_w = s
        .paragraphs
        .iter()
        .map(|p| fit::width(&fit::display(short_id(s, &p.id), sym.ascii)))
        .max()
        .unwrap_or(0)
        .min(7);
    let text_w = width.saturating_sub(id_w + 2);
    let inline_ids = text_w < 16;
    let marks = app.search.marks();
    let hl = super::search::highlight(t);
    let mut prev_sub: Option<&str> = None;
    for (idx, item) in items.iter().enumerate() {
        let selected = idx == app.paragraphs.selected;
        let bar = if selected {
            Span::styled(sym.bar.to_string(), t.bar)
        } else {
            Span::raw(" ")
        };
        let start = d.lines.len();
        match *item {
            Item::Expectations => {
                let open = app.paragraphs.expectations_open;
                let marker = if open { sym.expanded } else { sym.collapsed };
                let label = format!("{marker} What we expect to see");
                let style = if selected && focused {
                    t.selected
                } else {
                    t.section_heading
                };
                let room = width.saturating_sub(1);
                let label = fit::truncate(&label, room, sym.ellipsis);
                let hint = app
                    .keymap
                    .first_key(Scope::Paragraphs, Action::Open, sym.ascii)
                    .map(|k| format!(" ({k})"))
                    .unwrap_or_default();
                let fits = fit::width(&label) + fit::width(&hint) <= room;
                let mut spans = vec![bar.clone(), Span::styled(label, style)];
                if !open && fits {
                    spans.push(Span::styled(hint, t.muted));
                }
                d.lines.push(Line::from(spans));
                if open {
                    let text = fit::display(s.expectations.as_deref().unwrap_or(""), sym.ascii);
                    for l in fit::wrap(&text, width.saturating_sub(3)) {
                        d.lines.push(Line::from(vec![
                            bar.clone(),
                            Span::raw("  "),
                            Span::styled(l, t.expectations),
                        ]));
                    }
                }
            }
            Item::Paragraph(pi) => {
                let Some(p) = s.paragraphs.get(pi) else {
                    continue;
                };
                let sub = p.subsection.as_deref();
                if sub != prev_sub {
                    if let Some(h) = sub {
                        for l in fit::wrap(&fit::display(h, sym.ascii), width.saturating_sub(1)) {
                            d.lines.push(Line::from(vec![
                                Span::raw(" "),
                                Span::styled(l, t.subsection_heading),
                            ]));
                        }
                    }
                    prev_sub = sub;
                }
                let id = fit::display(short_id(s, &p.id), sym.ascii);
                let id_style = if selected && focused {
                    t.paragraph_id_selected
                } else {
                    t.paragraph_id
                };
                let text = fit::display(&p.text, sym.ascii);
                if inline_ids {
                    let body = format!("{id} {text}");
                    let id_len = id.len();
                    for (n, l) in fit::wrap(&body, width.saturating_sub(1))
                        .into_iter()
                        .enumerate()
                    {
                        if n == 0 && l.len() >= id_len && l.starts_with(id.as_str()) {
                            let rest = l[id_len..].to_string();
                            let mut spans = vec![bar.clone(), Span::styled(id.clone(), id_style)];
                            spans.extend(marks::spans(rest, marks, Style::new(), hl));
                            d.lines.push(Line::from(spans));
                        } else {
                            let mut spans = vec![bar.clone()];
                            spans.extend(marks::spans(l, marks, Style::new(), hl));
                            d.lines.push(Line::from(spans));
                        }
                    }
                } else {
                    let gutter = fit::pad(&id, id_w, sym.ellipsis);
                    let blank = " ".repeat(id_w);
                    for (n, l) in fit::wrap(&text, text_w).into_iter().enumerate() {
                        let g = if n == 0 {
                            Span::styled(gutter.clone(), id_style)
                        } else {
                            Span::raw(blank.clone())
                        };
                        let mut spans = vec![bar.clone(), g, Span::raw(" ")];
                        spans.extend(marks::spans(l, marks, Style::new(), hl));
                        d.lines.push(Line::from(spans));
                    }
                }
            }
        }
        d.spans.push((start, d.lines.len()));
        d.lines.push(Line::default());
    }
    if items.is_empty() {
        d.lines.push(Line::from(Span::styled(
            " This section has no text.",
            t.muted,
        )));
    }
    d
}

fn current_doc(app: &App) -> (Doc, usize) {
    let (w, h) = viewport(app);
    (doc(app, w), h.max(1))
}

/// Scrolls so the selected item starts at the top (as far as the text allows).
pub fn scroll_to_top_of_selected(app: &mut App) {
    let (d, h) = current_doc(app);
    if let Some((start, _)) = d.spans.get(app.paragraphs.selected) {
        app.paragraphs.scroll = (*start).min(d.max_scroll(h));
    }
}

/// Scrolls the least needed to show all of the selected item (its top if it is taller than
/// the view); with `from_bottom`, a tall item shows its last lines instead.
fn reveal(app: &mut App, from_bottom: bool) {
    let (d, h) = current_doc(app);
    let Some(&(start, end)) = d.spans.get(app.paragraphs.selected) else {
        return;
    };
    let p = &mut app.paragraphs;
    if end - start > h {
        p.scroll = if from_bottom { end - h } else { start };
    } else if start < p.scroll {
        p.scroll = start;
    } else if end > p.scroll + h {
        p.scroll = end - h;
    }
    p.scroll = p.scroll.min(d.max_scroll(h));
}

/// The paragraph at the top of the view and how far into it the view starts, as a share of
/// its lines: what a zoom or a resize keeps at the top ([`restore_top`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopAnchor {
    item: usize,
    into: usize,
    lines: usize,
}

/// Where the view starts, in paragraphs rather than lines (see [`TopAnchor`]).
pub fn top_anchor(app: &App) -> Option<TopAnchor> {
    let (d, h) = current_doc(app);
    let scroll = app.paragraphs.scroll.min(d.max_scroll(h));
    if scroll == 0 {
        return None;
    }
    let item = d.item_at(scroll)?;
    let (start, end) = *d.spans.get(item)?;
    Some(TopAnchor {
        item,
        into: scroll.saturating_sub(start),
        lines: end.saturating_sub(start).max(1),
    })
}

/// After the pane changed width (zoom, resize): the paragraph that was at the top is at the top
/// again, as far into it as before; the selection stays in view.
pub fn restore_top(app: &mut App, top: Option<TopAnchor>) {
    let Some(top) = top else { return };
    let (d, h) = current_doc(app);
    let Some(&(start, end)) = d.spans.get(top.item) else {
        return;
    };
    let into = top.into * end.saturating_sub(start) / top.lines;
    app.paragraphs.scroll = (start + into).min(d.max_scroll(h));
    keep_selected_in_view(app);
}

/// After a resize: bring the selection back if none of it is visible, and keep the scroll
/// within the text.
pub fn keep_selected_in_view(app: &mut App) {
    let (d, h) = current_doc(app);
    app.paragraphs.scroll = app.paragraphs.scroll.min(d.max_scroll(h));
    if let Some(&(start, end)) = d.spans.get(app.paragraphs.selected) {
        let s = app.paragraphs.scroll;
        if end <= s || start >= s + h {
            reveal(app, false);
        }
    }
}

/// Scrolls by `delta` lines. The selection stays while any of it is in view; otherwise it
/// moves to the first item in view (scrolling down) or the last (scrolling up).
pub fn scroll_lines(app: &mut App, delta: isize) {
    let (d, h) = current_doc(app);
    let p = &mut app.paragraphs;
    p.scroll = p.scroll.saturating_add_signed(delta).min(d.max_scroll(h));
    let (top, bottom) = (p.scroll, p.scroll + h);
    let in_view = |&(start, end): &(usize, usize)| end > top && start < bottom;
    if !d.spans.get(p.selected).is_some_and(in_view) {
        let pick = if delta >= 0 {
            d.item_at(top)
        } else {
            d.spans.iter().rposition(|sp| sp.0 < bottom)
        };
        if let Some(i) = pick {
            p.selected = i;
        }
    }
    super::sections::follow_paragraph(app);
}

/// Keys while the text has the focus: it changes only the reader's own state (and the section
/// tree's row, which follows the selected paragraph).
pub fn update(app: &mut App, action: Action) -> Commands {
    let (d, h) = current_doc(app);
    let n = d.spans.len();
    if n == 0 {
        return Commands::none();
    }
    let sel = app.paragraphs.selected.min(n - 1);
    let (start, end) = d.spans[sel];
    let scroll = app.paragraphs.scroll;
    match action {
        Action::Down => {
            if end > scroll + h {
                app.paragraphs.scroll = (scroll + 1).min(d.max_scroll(h));
            } else if sel + 1 < n {
                app.paragraphs.selected = sel + 1;
                reveal(app, false);
            }
        }
        Action::Up => {
            if start < scroll {
                app.paragraphs.scroll = scroll - 1;
            } else if sel > 0 {
                app.paragraphs.selected = sel - 1;
                reveal(app, true);
            }
        }
        Action::Top => {
            app.paragraphs.selected = 0;
            app.paragraphs.scroll = 0;
        }
        Action::Bottom => {
            app.paragraphs.selected = n - 1;
            app.paragraphs.scroll = d.max_scroll(h);
        }
        Action::HalfPageDown => scroll_lines(app, (h / 2).max(1) as isize),
        Action::HalfPageUp => scroll_lines(app, -((h / 2).max(1) as isize)),
        Action::PageDown => scroll_lines(app, h.saturating_sub(1).max(1) as isize),
        Action::PageUp => scroll_lines(app, -(h.saturating_sub(1).max(1) as isize)),
        Action::Open => toggle_expectations(app),
        _ => {}
    }
    super::sections::follow_paragraph(app);
    Commands::none()
}

/// Enter: unfold "What we expect to see" (selecting it, at the top) or fold it again.
fn toggle_expectations(app: &mut App) {
    if !app.items().contains(&Item::Expectations) {
        app.message = Some("This section has no \"What we expect to see\"".into());
        return;
    }
    let p = &mut app.paragraphs;
    p.expectations_open = !p.expectations_open;
    if p.expectations_open {
        p.selected = 0;
        p.scroll = 0;
    } else {
        keep_selected_in_view(app);
    }
}

/// The item (paragraph, heading or fold) on `row` of the pane drawn in `rect`, if any.
pub fn item_at(app: &App, rect: Rect, row: u16) -> Option<usize> {
    let i = inner(rect);
    if row < i.y || row >= i.y + i.height {
        return None;
    }
    let line = app.paragraphs.scroll + usize::from(row - i.y);
    let (d, _) = current_doc(app);
    d.spans.iter().position(|(s, e)| (*s..*e).contains(&line))
}

/// A click on item `idx`: selected; on the selected expectations fold, it folds or unfolds.
pub fn click(app: &mut App, idx: usize) -> Commands {
    let was = app.paragraphs.selected;
    app.paragraphs.selected = idx;
    if app.items().get(idx) == Some(&Item::Expectations) && was == idx {
        toggle_expectations(app);
    }
    super::sections::follow_paragraph(app);
    Commands::none()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let t = &app.palette;
    let title = app
        .section()
        .map(|s| section_label(s, t.symbols.ascii))
        .unwrap_or_else(|| "Text".into());
    let mut b = block(app, &title, area, focused);
    let i = inner(area);
    if i.width == 0 || i.height == 0 {
        frame.render_widget(b, area);
        return;
    }
    let d = doc(app, usize::from(i.width));
    let h = usize::from(i.height);
    let scroll = app.paragraphs.scroll.min(d.max_scroll(h));
    let total = d.lines.len();
    if total > h && area.width >= 16 {
        let pos = format!(" {}-{}/{} ", scroll + 1, (scroll + h).min(total), total);
        b = b.title_bottom(Line::from(Span::styled(pos, t.muted)).alignment(Alignment::Right));
    }
    frame.render_widget(b, area);
    let end = (scroll + h).min(total);
    let lines: Vec<Line> = d.lines[scroll.min(end)..end].to_vec();
    frame.render_widget(Paragraph::new(lines), i);
}
