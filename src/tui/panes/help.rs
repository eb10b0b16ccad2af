//! The help overlay: every binding of the app's effective keymap by scope, `[keys]` overrides
//! included (so it cannot drift from the real keys), plus deep links, the clipboard note and the
//! shell twins.

use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::keymap::{keys_label, Scope};
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// The help text wrapped to `width` columns: keys in a column, descriptions hanging.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.palette;
    let ascii = t.symbols.ascii;
    let keymap = &app.keymap;
    let key_w = keymap
        .bindings()
        .iter()
        .map(|b| fit::width(&keys_label(b, ascii)))
        .chain([12])
        .max()
        .unwrap_or(12)
        + 4;
    let text_w = width.saturating_sub(key_w).max(10);
    let entry = |out: &mut Vec<Line<'static>>, keys: String, text: &str| {
        for (i, l) in fit::wrap(text, text_w).into_iter().enumerate() {
            let k = if i == 0 {
                format!("  {keys}")
            } else {
                String::new()
            };
            out.push(Line::from(vec![
                Span::styled(fit::pad(&k, key_w, "~"), t.hint_key),
                Span::raw(l),
            ]));
        }
    };
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let bindings: Vec<_> = keymap.in_scope(scope).collect();
        if bindings.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::from(Span::styled(
            keymap.scope_title(scope, ascii),
            t.section_heading,
        )));
        for b in bindings {
            let text = fit::display(&keymap.fill(b.help, ascii), ascii);
            entry(&mut out, keys_label(b, ascii), &text);
        }
    }
    let notes: [(&str, &str); 6] = [
        (
            "Mouse",
            "wheel scrolls, click selects; hold Shift to select text",
        ),
        (
            "Open at",
            "ciw swansea#3.18 · #R5 · #O3 · #3 · #safeguarding",
        ),
        (
            "Copy",
            "{copy} sends OSC 52; in tmux: set -g set-clipboard on",
        ),
        ("Shell", "ciw list · ciw show swansea#3.18 [--json]"),
        (
            "Small screen",
            "one pane at a time below 64 columns; {zoom} zooms",
        ),
        (
            "Colour",
            "NO_COLOR or --no-color; --ascii for plain borders",
        ),
    ];
    out.push(Line::default());
    out.push(Line::from(Span::styled("Notes", t.section_heading)));
    for (k, v) in notes {
        let v = keymap.fill(v, ascii);
        let v = if ascii {
            fit::display(&v.replace('·', "|"), ascii)
        } else {
            v
        };
        entry(&mut out, k.to_string(), &v);
    }
    out
}

/// The help opened (`?`, by [`Command::PushOverlay`]): from the top, its lines counted.
pub fn opened(app: &mut App) {
    app.help = Default::default();
    measure(app);
}

/// Counts the help's lines at the stored size, so its update scrolls by a number (when it
/// opens and when the size changes).
pub fn measure(app: &mut App) {
    app.help_lines = lines(app, usize::from(inner_width(app.size))).len();
}

/// The popup's inner width on a screen of `size`.
fn inner_width((w, h): (u16, u16)) -> u16 {
    popup(Rect::new(0, 0, w, h), 0).width.saturating_sub(2)
}

/// Keys while the help is open: scroll, close, quit.
pub fn update(app: &mut App, action: Action) -> Commands {
    let total = app.help_lines;
    let page = viewport(app).max(1);
    let max = total.saturating_sub(page);
    let h = &mut app.help;
    match action {
        Action::Down => h.offset = (h.offset + 1).min(max),
        Action::Up => h.offset = h.offset.saturating_sub(1),
        Action::Top => h.offset = 0,
        Action::Bottom => h.offset = max,
        Action::PageDown | Action::HalfPageDown => h.offset = (h.offset + page).min(max),
        Action::PageUp | Action::HalfPageUp => h.offset = h.offset.saturating_sub(page),
        Action::ScrollOverlay(true) => h.offset = (h.offset + 3).min(max),
        Action::ScrollOverlay(false) => h.offset = h.offset.saturating_sub(3),
        Action::Back | Action::ToggleHelp | Action::ClickOverlay { .. } => {
            return Command::PopOverlay.into()
        }
        _ => {}
    }
    Commands::none()
}

/// The popup's rectangle within `area`, and its inner text height.
pub fn popup(area: Rect, lines: usize) -> Rect {
    let w = area.width.saturating_sub(2).min(78);
    let want = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let h = area.height.saturating_sub(2).min(want);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help's text rows at the stored size.
fn viewport(app: &App) -> usize {
    let (w, h) = app.size;
    let r = popup(Rect::new(0, 0, w, h), app.help_lines);
    usize::from(r.height.saturating_sub(2))
}

pub fn render(app: &App, frame: &mut Frame) {
    let t = &app.palette;
    let area = frame.area();
    let all = lines(app, usize::from(inner_width((area.width, area.height))));
    let r = popup(frame.area(), all.len());
    if r.width < 4 || r.height < 3 {
        return;
    }
    let inner_h = usize::from(r.height - 2);
    let max = all.len().saturating_sub(inner_h);
    let off = app.help.offset.min(max);
    let sep = if t.symbols.ascii { "|" } else { "·" };
    let mut block = Block::bordered()
        .border_set(t.symbols.border)
        .border_style(t.border_focused)
        .title(Span::styled(" Help ", t.title_focused));
    let part = |(action, text)| {
        app.keymap
            .foot(Overlay::Help, action, text, t.symbols.ascii)
    };
    let mut parts: Vec<String> = if max > 0 {
        [(Action::Down, "scroll"), (Action::Back, "close")]
    } else {
        [(Action::Back, "close"), (Action::Quit, "quit")]
    }
    .into_iter()
    .filter_map(part)
    .collect();
    if max > 0 {
        parts.push(format!("{}/{}", off + inner_h, all.len()));
    }
    let foot = format!(" {} ", parts.join(&format!(" {sep} ")));
    if usize::from(r.width) > fit::width(&foot) + 2 {
        block =
            block.title_bottom(Line::from(Span::styled(foot, t.muted)).alignment(Alignment::Right));
    }
    frame.render_widget(Clear, r);
    // Where the popup covers the status lines, nothing of them is left beside it.
    let full = frame.area();
    for y in r.y.max(app.areas().status.y)..r.bottom() {
        frame.render_widget(Clear, Rect::new(full.x, y, full.width, 1));
    }
    let visible: Vec<Line> = all.into_iter().skip(off).take(inner_h).collect();
    frame.render_widget(Paragraph::new(visible).block(block), r);
}
