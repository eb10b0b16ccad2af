//! Drawing the comparison: the preamble, the column headers that stay put, the scrolling
//! columns with the selection and search words marked, and the status line.

use super::columns::{view, View};
use crate::compare::side_by_side::{self as cl, Style as K};
use crate::text::fit;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::palette::Palette;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// The TUI style for a layout style.
fn style_of(t: &Palette, k: K) -> Style {
    match k {
        K::Title => t.section_heading,
        K::Note => t.muted,
        K::ExpectationsLabel => t.breadcrumb,
        K::Expectations => t.expectations,
        K::Authority => t.section_heading,
        K::Date => t.muted,
        K::SectionTitle => t.breadcrumb,
        K::Label => t.header,
        K::RecommendationNumber | K::ParagraphId => t.paragraph_id,
        K::Text => t.base,
        K::Subsection => t.subsection_heading,
        K::Gap => t.muted,
        K::Rule => t.border,
    }
}

fn to_line(
    t: &Palette,
    l: &cl::Line,
    selected: bool,
    focused_column: bool,
    marks: Option<&crate::search::Highlighter>,
) -> Line<'static> {
    let hl = crate::tui::panes::search::highlight(t);
    let spans = l
        .spans
        .iter()
        .flat_map(|s| {
            let mut st = style_of(t, s.style);
            if selected && matches!(s.style, K::ParagraphId | K::RecommendationNumber) {
                st = t.paragraph_id_selected;
            }
            if focused_column && s.style == K::Authority {
                st = t.selected;
            }
            let marks = marks.filter(|_| s.style == K::Text);
            crate::tui::marks::spans(s.text.clone(), marks, st, hl)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame) {
    if app.compare.picking {
        super::picks::render(app, frame);
        return;
    }
    let area = frame.area();
    let Some(v) = view(app) else { return };
    let t = &app.palette;
    let body = Rect::new(
        area.x,
        area.y,
        area.width,
        u16::try_from(v.body_rows + 1)
            .unwrap_or(u16::MAX)
            .min(area.height),
    );
    frame.render_widget(Clear, body);
    let w = area.width;
    let mut y = area.y;
    let pre: Vec<Line> = v
        .preamble
        .iter()
        .map(|l| to_line(t, l, false, false, None))
        .collect();
    let pre_h = u16::try_from(pre.len()).unwrap_or(0);
    frame.render_widget(Paragraph::new(pre), Rect::new(area.x, y, w, pre_h));
    y += pre_h;
    let focused = v.focused(app);
    let cw = u16::try_from(v.sbs.column_width).unwrap_or(w);
    let sep = &v.sbs.separator;
    let sep_w = u16::try_from(fit::width(sep)).unwrap_or(3);
    let header = v
        .sbs
        .blocks
        .first()
        .filter(|b| b.kind == cl::BlockKind::Header);
    let hh = u16::try_from(v.header_height).unwrap_or(0);
    let h = u16::try_from(v.height).unwrap_or(0);
    for i in 0..v.sbs.shown.len() {
        let x = area.x + u16::try_from(i).unwrap_or(0) * (cw + sep_w);
        if x >= area.x + w {
            break;
        }
        let col_w = cw.min(area.x + w - x);
        let is_focused = focused == Some(i);
        if let Some(hb) = header {
            let lines: Vec<Line> = hb
                .cells
                .get(i)
                .map(|c| {
                    c.iter()
                        .map(|l| to_line(t, l, false, is_focused, None))
                        .collect()
                })
                .unwrap_or_default();
            frame.render_widget(Paragraph::new(lines), Rect::new(x, y, col_w, hh));
        }
        let off = v.offset(app, i);
        let sel = if is_focused {
            app.compare.selected.as_deref()
        } else {
            None
        };
        let marks = app.compare.find.marks().or(app.search.marks());
        let pinned = v.pinned(i, off);
        let lines: Vec<Line> = v.lines[i]
            .iter()
            .skip(off)
            .take(usize::from(h))
            .enumerate()
            .map(|(n, l)| {
                let selected = sel.is_some() && l.anchor.as_deref() == sel;
                match pinned.as_ref().filter(|_| n == 0) {
                    // The id of a paragraph that began above, in italics.
                    Some(p) => {
                        let mut line = to_line(t, p, selected, is_focused, marks);
                        if let Some(s) = line.spans.first_mut() {
                            s.style = s.style.add_modifier(Modifier::ITALIC);
                        }
                        line
                    }
                    None => to_line(t, l, selected, is_focused, marks),
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), Rect::new(x, y + hh, col_w, h));
        if i + 1 < v.sbs.shown.len() && x + cw + sep_w <= area.x + w {
            let bar: Vec<Line> = (0..hh + h)
                .map(|_| Line::from(Span::styled(sep.clone(), t.border)))
                .collect();
            frame.render_widget(Paragraph::new(bar), Rect::new(x + cw, y, sep_w, hh + h));
        }
    }
    render_status(app, frame, &v);
}

/// The status line: where we are, how the columns scroll, and the position.
fn render_status(app: &App, frame: &mut Frame, v: &View) {
    let area = frame.area();
    let Some(row) = u16::try_from(v.body_rows).ok().filter(|r| *r < area.height) else {
        return;
    };
    let t = &app.palette;
    let sym = t.symbols;
    let s = &app.compare;
    let Some(c) = &s.comparison else { return };
    // What is on screen: the focused council, and the subsection and paragraph at the top of
    // its column.
    let mut parts = vec!["Compare".to_string(), c.theme_title.clone()];
    if let Some(col) = c.columns.get(s.column) {
        parts.push(fit::display(&col.authority, sym.ascii));
    }
    let top = v.focused(app).and_then(|i| v.top_item(i, v.offset(app, i)));
    if let Some(it) = top {
        // The subsection as this council heads it.
        let label = c.columns.get(s.column).and_then(|col| {
            col.groups
                .iter()
                .find(|g| g.ids.iter().any(|id| id.eq_ignore_ascii_case(&it.anchor)))
                .and_then(|g| g.heading.as_deref())
        });
        if let Some(l) = label {
            parts.push(fit::display(l, sym.ascii));
        }
        parts.push(fit::display(&it.anchor, sym.ascii));
    }
    let mode = if s.independent { "alone" } else { "together" };
    let pos = v
        .focused(app)
        .map(|i| {
            let off = v.offset(app, i);
            let total = v.lines[i].len();
            format!(
                " {mode} {}-{}/{}",
                (off + 1).min(total),
                (off + v.height).min(total),
                total
            )
        })
        .unwrap_or_default();
    let width = usize::from(area.width);
    let room = width.saturating_sub(1 + fit::width(&pos));
    let crumb = fit::breadcrumb(&parts, sym.separator, sym.ellipsis, room);
    let message = crate::tui::panes::status::message_line(app, width)
        .filter(|_| layout::compute(area, app.layout_input()).hints.is_none());
    let line = match message {
        Some(m) => m,
        None => {
            let pad = room.saturating_sub(fit::width(&crumb));
            Line::from(vec![
                Span::raw(" "),
                Span::styled(crumb, t.breadcrumb),
                Span::raw(" ".repeat(pad)),
                Span::styled(pos, t.muted),
            ])
        }
    };
    frame.render_widget(Paragraph::new(line), Rect::new(area.x, row, area.width, 1));
}
