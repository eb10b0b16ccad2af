//! The paragraph view: the shown section's text wrapped to the pane, paragraph ids in a gutter,
//! subsection headings, and "What we expect to see" folded at the top (Enter unfolds it).
//! j/k move paragraph by paragraph but scroll line by line through a paragraph taller than the
//! pane, so nothing is skipped on a small terminal.
//!
//! The text is wrapped once ([`wrapped`], with the core's `text::fit::wrap`), then either
//! measured ([`measure`]: where each item's lines are, what the updates scroll by, read from
//! the width stored with the layout) or styled for drawing ([`doc`]); so the updates never
//! draw, and both agree line for line.

use super::{block, inner, pane_rect};
use crate::model::Section;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{section_label, App, Item, Pane};
use crate::tui::command::{Command, Commands};
use crate::tui::keymap::Scope;
use crate::tui::marks;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Where each item of the shown section is among its lines at one width: what the updates
/// scroll by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measure {
    /// Lines in all.
    pub len: usize,
    /// Per item: the first line and one past the last text line (the blank after an item is
    /// not part of it).
    pub spans: Vec<(usize, usize)>,
}

impl Measure {
    /// The last scroll offset that still fills the view.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.len.saturating_sub(height)
    }

    /// The item shown on `line`, or the next one after a gap.
    pub fn item_at(&self, line: usize) -> Option<usize> {
        self.spans
            .iter()
            .position(|(_, end)| *end > line)
            .or_else(|| self.spans.len().checked_sub(1))
    }
}

/// The section laid out at one width, styled for drawing.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// Where each item's lines are (as [`measure`] finds them).
    pub measure: Measure,
}

impl Doc {
    /// The last scroll offset that still fills the view.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.measure.max_scroll(height)
    }

    /// The item shown on `line`, or the next one after a gap.
    pub fn item_at(&self, line: usize) -> Option<usize> {
        self.measure.item_at(line)
    }
}

/// The paragraph view's width and height at the app's size, from the stored layout.
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

/// One item of the shown section, wrapped but not styled.
struct Block {
    /// Its index in [`App::items`].
    index: usize,
    item: Item,
    /// A subsection heading shown above a paragraph (the first of its subsection).
    heading: Vec<String>,
    /// The paragraph's id as the gutter shows it.
    id: String,
    /// The text's lines: a paragraph's (its id first, when ids are inline), or the unfolded
    /// "What we expect to see" under its label line.
    body: Vec<String>,
}

impl Block {
    /// Lines the item takes: the fold's label line, the heading, the text.
    fn lines(&self) -> usize {
        usize::from(self.item == Item::Expectations) + self.heading.len() + self.body.len()
    }
}

/// The shown section's items wrapped to `width` columns.
struct Wrapped {
    /// The gutter's width.
    id_w: usize,
    /// Too narrow for a gutter: ids start the text.
    inline_ids: bool,
    blocks: Vec<Block>,
}

/// Wraps the shown section to `width` columns (`None` with no section shown): no styles, no
/// keys.
fn wrapped(app: &App, width: usize) -> Option<Wrapped> {
    let s = app.section()?;
    let ascii = app.palette.symbols.ascii;
    let width = width.max(1);
    let id_w = s
        .paragraphs
        .iter()
        .map(|p| fit::width(&fit::display(short_id(s, &p.id), ascii)))
        .max()
        .unwrap_or(0)
        .min(7);
    let text_w = width.saturating_sub(id_w + 2);
    let inline_ids = text_w < 16;
    let mut prev_sub: Option<&str> = None;
    let mut blocks = Vec::new();
    for (index, item) in app.items().into_iter().enumerate() {
        let mut b = Block {
            index,
            item,
            heading: Vec::new(),
            id: String::new(),
            body: Vec::new(),
        };
        match item {
            Item::Expectations => {
                if app.paragraphs.expectations_open {
                    let text = fit::display(s.expectations.as_deref().unwrap_or(""), ascii);
                    b.body = fit::wrap(&text, width.saturating_sub(3));
                }
            }
            Item::Paragraph(pi) => {
                let Some(p) = s.paragraphs.get(pi) else {
                    continue;
                };
                let sub = p.subsection.as_deref();
                if sub != prev_sub {
                    if let Some(h) = sub {
                        b.heading = fit::wrap(&fit::display(h, ascii), width.saturating_sub(1));
                    }
                    prev_sub = sub;
                }
                b.id = fit::display(short_id(s, &p.id), ascii);
                let text = fit::display(&p.text, ascii);
                b.body = if inline_ids {
                    fit::wrap(&format!("{} {text}", b.id), width.saturating_sub(1))
                } else {
                    fit::wrap(&text, text_w)
                };
            }
        }
        blocks.push(b);
    }
    Some(Wrapped {
        id_w,
        inline_ids,
        blocks,
    })
}

impl Wrapped {
    /// Where each block's lines are: a blank line after each, one line ("no text") for none.
    fn measure(&self) -> Measure {
        let mut m = Measure::default();
        for b in &self.blocks {
            let start = m.len;
            m.len += b.lines();
            m.spans.push((start, m.len));
            m.len += 1;
        }
        if self.blocks.is_empty() {
            m.len = 1;
        }
        m
    }
}

/// Where the shown section's items are at `width` columns: what the updates scroll by, with no
/// drawing and no key looked up.
pub fn measure(app: &App, width: usize) -> Measure {
    wrapped(app, width).map(|w| w.measure()).unwrap_or_default()
}

/// Lays out the shown section at `width` columns, styled for drawing.
pub fn doc(app: &App, width: usize) -> Doc {
    let t = &app.palette;
    let sym = t.symbols;
    let mut d = Doc::default();
    let Some(w) = wrapped(app, width) else {
        return d;
    };
    let width = width.max(1);
    let focused = app.focus == Pane::Paragraphs;
    let marks = app.search.marks();
    let hl = super::search::highlight(t);
    for b in &w.blocks {
        let selected = b.index == app.paragraphs.selected;
        let bar = if selected {
            Span::styled(sym.bar.to_string(), t.bar)
        } else {
            Span::raw(" ")
        };
        match b.item {
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
                for l in &b.body {
                    d.lines.push(Line::from(vec![
                        bar.clone(),
                        Span::raw("  "),
                        Span::styled(l.clone(), t.expectations),
                    ]));
                }
            }
            Item::Paragraph(_) => {
                for l in &b.heading {
                    d.lines.push(Line::from(vec![
                        Span::raw(" "),
                        Span::styled(l.clone(), t.subsection_heading),
                    ]));
                }
                let id_style = if selected && focused {
                    t.paragraph_id_selected
                } else {
                    t.paragraph_id
                };
                let id = &b.id;
                for (n, l) in b.body.iter().enumerate() {
                    let mut spans = vec![bar.clone()];
                    if w.inline_ids {
                        if n == 0 && l.len() >= id.len() && l.starts_with(id.as_str()) {
                            spans.push(Span::styled(id.clone(), id_style));
                            let rest = l[id.len()..].to_string();
                            spans.extend(marks::spans(rest, marks, Style::new(), hl));
                        } else {
                            spans.extend(marks::spans(l.clone(), marks, Style::new(), hl));
                        }
                    } else {
                        spans.push(if n == 0 {
                            Span::styled(fit::pad(id, w.id_w, sym.ellipsis), id_style)
                        } else {
                            Span::raw(" ".repeat(w.id_w))
                        });
                        spans.push(Span::raw(" "));
                        spans.extend(marks::spans(l.clone(), marks, Style::new(), hl));
                    }
                    d.lines.push(Line::from(spans));
                }
            }
        }
        d.lines.push(Line::default());
    }
    if w.blocks.is_empty() {
        d.lines.push(Line::from(Span::styled(
            " This section has no text.",
            t.muted,
        )));
    }
    d.measure = w.measure();
    debug_assert_eq!(d.lines.len(), d.measure.len, "drawn as measured");
    d
}

/// The shown section measured at the paragraph view's stored width, and the view's height.
fn current(app: &App) -> (Measure, usize) {
    let (w, h) = viewport(app);
    (measure(app, w), h.max(1))
}

/// Scrolls so the selected item starts at the top (as far as the text allows).
pub fn scroll_to_top_of_selected(app: &mut App) {
    let (d, h) = current(app);
    if let Some((start, _)) = d.spans.get(app.paragraphs.selected) {
        app.paragraphs.scroll = (*start).min(d.max_scroll(h));
    }
}

/// Scrolls the least needed to show all of the selected item (its top if it is taller than
/// the view); with `from_bottom`, a tall item shows its last lines instead.
fn reveal(app: &mut App, from_bottom: bool) {
    let (d, h) = current(app);
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
    let (d, h) = current(app);
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
    let (d, h) = current(app);
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
    let (d, h) = current(app);
    app.paragraphs.scroll = app.paragraphs.scroll.min(d.max_scroll(h));
    if let Some(&(start, end)) = d.spans.get(app.paragraphs.selected) {
        let s = app.paragraphs.scroll;
        if end <= s || start >= s + h {
            reveal(app, false);
        }
    }
}

/// Scrolls by `delta` lines. The selection stays while any of it is in view; otherwise it
/// moves to the first item in view (scrolling down) or the last (scrolling up); the section
/// tree's row follows it.
pub fn scroll_lines(app: &mut App, delta: isize) -> Commands {
    let (d, h) = current(app);
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
    Command::FollowParagraph.into()
}

/// Keys while the text has the focus: it changes only the reader's own state, and asks the
/// section tree's row to follow the selected paragraph.
pub fn update(app: &mut App, action: Action) -> Commands {
    let (d, h) = current(app);
    let n = d.spans.len();
    if n == 0 {
        return Commands::none();
    }
    let sel = app.paragraphs.selected.min(n - 1);
    let (start, end) = d.spans[sel];
    let scroll = app.paragraphs.scroll;
    let mut commands = Commands::none();
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
        Action::HalfPageDown => return scroll_lines(app, (h / 2).max(1) as isize),
        Action::HalfPageUp => return scroll_lines(app, -((h / 2).max(1) as isize)),
        Action::PageDown => return scroll_lines(app, h.saturating_sub(1).max(1) as isize),
        Action::PageUp => return scroll_lines(app, -(h.saturating_sub(1).max(1) as isize)),
        Action::Open => commands = toggle_expectations(app),
        _ => {}
    }
    commands.then(Command::FollowParagraph)
}

/// Enter: unfold "What we expect to see" (selecting it, at the top) or fold it again.
fn toggle_expectations(app: &mut App) -> Commands {
    if !app.items().contains(&Item::Expectations) {
        return Commands::say("This section has no \"What we expect to see\"");
    }
    let p = &mut app.paragraphs;
    p.expectations_open = !p.expectations_open;
    if p.expectations_open {
        p.selected = 0;
        p.scroll = 0;
    } else {
        keep_selected_in_view(app);
    }
    Commands::none()
}

/// The item (paragraph, heading or fold) on `row` of the pane drawn in `rect`, if any.
pub fn item_at(app: &App, rect: Rect, row: u16) -> Option<usize> {
    let i = inner(rect);
    if row < i.y || row >= i.y + i.height {
        return None;
    }
    let line = app.paragraphs.scroll + usize::from(row - i.y);
    let (d, _) = current(app);
    d.spans.iter().position(|(s, e)| (*s..*e).contains(&line))
}

/// A click on item `idx`: selected; on the selected expectations fold, it folds or unfolds.
pub fn click(app: &mut App, idx: usize) -> Commands {
    let was = app.paragraphs.selected;
    app.paragraphs.selected = idx;
    let mut commands = Commands::none();
    if app.items().get(idx) == Some(&Item::Expectations) && was == idx {
        commands = toggle_expectations(app);
    }
    commands.then(Command::FollowParagraph)
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
