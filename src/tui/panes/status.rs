//! The status line (breadcrumb `Swansea › 3 Care and support › Placement choice › 3.18`, or a
//! confirmation) and the key hints of the focused pane, built from the app's effective keymap.

use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Item, Overlay, Pane};
use crate::tui::keymap;
use crate::tui::layout::Areas;
use crate::tui::panes::lists::{self, ListId};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Whether `action` does something where the reader is, so its hint is worth showing: no
/// "Enter expectations" in a section without them, no "copy" with nothing selected, no
/// "council" or "theme" in a comparison with only one, no "jump" or "remove" without a
/// bookmark, no "open" or "select" without hits, no "filter" of a report with one section.
fn does_something(app: &App, action: Action) -> bool {
    let s = &app.compare;
    let columns = s.comparison.as_ref().map_or(0, |c| c.columns.len());
    if app.overlay() == Overlay::Compare && app.compare.picking {
        // The picks list: its head line says what Enter does.
        return matches!(
            action,
            Action::Down
                | Action::Pick
                | Action::Filter
                | Action::Back
                | Action::Quit
                | Action::ToggleHelp
        );
    }
    match (app.overlay(), action) {
        (Overlay::None, Action::Open) if app.focus == Pane::Paragraphs => {
            app.items().contains(&Item::Expectations)
        }
        (Overlay::None, Action::Copy) => app.selected_item().is_some(),
        (Overlay::None, Action::Filter) if app.focus == Pane::Sections => {
            shown(app, ListId::Sections) > 1 || ListId::Sections.state(app).filter.is_active()
        }
        (Overlay::Compare, Action::FocusRight | Action::ToggleSync) => columns > 1,
        (Overlay::Compare, Action::NextTheme) => {
            let reports = s.reports.iter().filter_map(|&i| app.corpus.reports.get(i));
            crate::compare::themes_for(reports).len() > 1
        }
        (Overlay::Compare, Action::Open | Action::Copy) => s.selected.is_some(),
        (Overlay::Compare, Action::Pick | Action::Filter) => false,
        (Overlay::Matrix, Action::Down) => super::matrix::reports(app).len() > 1,
        (Overlay::Bookmarks, Action::Open | Action::Bookmark | Action::Down) => {
            let shown = shown(app, ListId::Bookmarks);
            shown > usize::from(action == Action::Down)
        }
        (Overlay::Search, Action::Open) => {
            shown(app, ListId::Hits) > 0 || crate::target::is_target_like(app.search.query())
        }
        (Overlay::Search, Action::Down) => shown(app, ListId::Hits) > 1,
        (Overlay::Search, Action::Filter) => !app.search.hits.is_empty(),
        _ => true,
    }
}

/// Rows list `id` shows.
fn shown(app: &App, id: ListId) -> usize {
    id.state(app).shown(lists::total(app, id))
}

/// The hints that fit in `max` columns. Essential ones (help, close, search, quit) are kept
/// however narrow the line; the others go, last first, to make room for them. Only keys that
/// do something there are offered ([`does_something`]).
fn hint_spans(app: &App, max: usize) -> Vec<Span<'static>> {
    let t = &app.palette;
    let mut hints = app.keymap.hints(app.overlay(), app.focus, t.symbols.ascii);
    hints.retain(|h| does_something(app, h.action));
    let width = |h: &keymap::Hint| fit::width(&h.keys) + 1 + fit::width(h.text) + 2;
    let mut room = max.saturating_sub(1);
    let mut shown = vec![false; hints.len()];
    for pass_essential in [true, false] {
        for (i, h) in hints.iter().enumerate() {
            if h.essential() == pass_essential && width(h) <= room {
                room -= width(h);
                shown[i] = true;
            } else if h.essential() == pass_essential && !pass_essential {
                // Keep the order of the rest: once one does not fit, stop.
                break;
            }
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (h, _) in hints.iter().zip(&shown).filter(|(_, s)| **s) {
        spans.push(Span::styled(h.keys.clone(), t.hint_key));
        spans.push(Span::styled(format!(" {}  ", h.text), t.hint_text));
    }
    spans
}

/// `? help` (or `Esc close` in an overlay), with the keys in effect.
fn short_hint(app: &App) -> Option<String> {
    let want = if app.overlay() == Overlay::None {
        Action::ToggleHelp
    } else {
        Action::Back
    };
    app.keymap
        .hints(app.overlay(), app.focus, app.palette.symbols.ascii)
        .into_iter()
        .find(|h| h.action == want)
        .map(|h| format!("{} {}", h.keys, h.text))
}

/// The one-off message (if any) as a status line `width` columns wide.
pub fn message_line(app: &App, width: usize) -> Option<Line<'static>> {
    let t = &app.palette;
    let sym = t.symbols;
    app.message.as_ref().map(|m| {
        Line::from(vec![
            Span::raw(" "),
            Span::styled(
                fit::truncate(
                    &fit::display(m, sym.ascii),
                    width.saturating_sub(1),
                    sym.ellipsis,
                ),
                t.message,
            ),
        ])
    })
}

pub fn render(app: &App, frame: &mut Frame, areas: &Areas) {
    let t = &app.palette;
    let sym = t.symbols;
    let width = usize::from(areas.status.width);
    // Without a hints line (a short terminal), the status line ends with the one hint a lost
    // user needs: how to get help (or, in an overlay, how to close it).
    let tail = match areas.hints {
        Some(_) => None,
        None => short_hint(app).filter(|h| fit::width(h) + 12 <= width),
    };
    // The hint, two spaces before it at least and one after.
    let tail_w = tail.as_ref().map_or(0, |h| fit::width(h) + 3);
    let crumb = fit::breadcrumb(
        &app.breadcrumb(),
        sym.separator,
        sym.ellipsis,
        width.saturating_sub(1 + tail_w),
    );
    let mut crumb_spans = vec![Span::raw(" ")];
    let gap = width.saturating_sub(1 + fit::width(&crumb) + tail_w.saturating_sub(2));
    crumb_spans.push(Span::styled(crumb, t.breadcrumb));
    if let Some(h) = tail {
        let (keys, text) = h.split_once(' ').unwrap_or((&h, ""));
        crumb_spans.push(Span::raw(" ".repeat(gap)));
        crumb_spans.push(Span::styled(keys.to_string(), t.hint_key));
        crumb_spans.push(Span::styled(format!(" {text}"), t.hint_text));
    }
    let crumb_line = Line::from(crumb_spans);
    let message = message_line(app, width);
    match areas.hints {
        Some(h) => {
            frame.render_widget(Paragraph::new(crumb_line), areas.status);
            let line = message.unwrap_or_else(|| Line::from(hint_spans(app, usize::from(h.width))));
            frame.render_widget(Paragraph::new(line), h);
        }
        None => {
            let line = message.unwrap_or(crumb_line);
            frame.render_widget(Paragraph::new(line), areas.status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_footers_keep_help_search_and_quit() {
        use crate::corpus::Corpus;
        use crate::tui::app::{Options, Pane};
        let mut app = App::new(Corpus::samples(), Options::default());
        for focus in [Pane::Authorities, Pane::Sections, Pane::Paragraphs] {
            app.focus = focus;
            for max in [40, 60, 80] {
                let text: String = hint_spans(&app, max)
                    .iter()
                    .map(|s| s.content.to_string())
                    .collect();
                assert!(fit::width(text.trim_end()) <= max, "{max}: {text}");
                for must in ["? help", "q quit", "/ search"] {
                    assert!(text.contains(must), "{focus:?} at {max}: {text}");
                }
            }
            let wide: String = hint_spans(&app, 200)
                .iter()
                .map(|s| s.content.to_string())
                .collect();
            assert!(wide.contains("y copy") && wide.contains("z zoom"), "{wide}");
        }
    }
}
