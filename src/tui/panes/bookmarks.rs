//! The bookmark list (`'`): every bookmarked paragraph, newest last, with its council, id and
//! the start of its text; Enter jumps to it, `d` removes it. Bookmarks live in the state dir
//! (see [`crate::tui::session`]).

use crate::target::Target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::panes::help::popup;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::prompt;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// One row: the bookmark where it is now, or `None` if its report is not loaded.
struct Row {
    located: Option<Target>,
    /// `Swansea 3.18` or the stored label.
    name: String,
    /// The paragraph's text, or why it cannot be shown.
    text: String,
}

fn rows(app: &App) -> Vec<Row> {
    let Some(state) = &app.state else {
        return Vec::new();
    };
    state
        .bookmarks()
        .iter()
        .map(|b| {
            let located = b.locate(&app.corpus).filter(|l| l.paragraph.is_some());
            let found = located.and_then(|l| {
                let r = app.corpus.reports.get(l.report)?;
                let p = r.sections.get(l.section?)?.paragraphs.get(l.paragraph?)?;
                Some((format!("{} {}", r.authority.short, p.id), p.text.clone()))
            });
            match found {
                Some((name, text)) => Row {
                    located,
                    name,
                    text,
                },
                None => Row {
                    located: None,
                    name: b.label.clone(),
                    text: "(not in the reports loaded)".into(),
                },
            }
        })
        .collect()
}

/// What the filter matches each bookmark by: council, paragraph id and text.
pub fn filter_rows(app: &App) -> Vec<String> {
    rows(app)
        .into_iter()
        .map(|r| format!("{} {}", r.name, r.text))
        .collect()
}

/// `'`: opens the list.
pub fn open(app: &mut App) -> Commands {
    let len = rows(app).len();
    app.bookmark_list.select(app.bookmark_list.selected, len);
    let mut commands = Commands::from(Command::PushOverlay(Overlay::Bookmarks));
    commands.extend(lists::rows_changed(app, ListId::Bookmarks));
    lists::keep_visible(app, ListId::Bookmarks);
    commands
}

/// After bookmark `sel` was removed ([`Command::RemoveBookmark`]): the row after it is
/// selected (the last, if it was), the filter runs again, the selection stays in view.
pub fn removed(app: &mut App, sel: usize) -> Commands {
    let len = rows(app).len();
    app.bookmark_list.select(sel, len);
    let commands = lists::rows_changed(app, ListId::Bookmarks);
    lists::keep_visible(app, ListId::Bookmarks);
    commands
}

/// The popup's area for `rows` bookmarks on a screen of `size`.
fn area(size: (u16, u16), rows: usize) -> Rect {
    popup(Rect::new(0, 0, size.0, size.1), rows.max(1) + 1)
}

/// Bookmarks the popup shows at once.
pub fn list_height(app: &App) -> usize {
    let n = lists::total(app, ListId::Bookmarks);
    usize::from(area(app.size, n).height.saturating_sub(2))
}

/// Keys while the list is open.
pub fn update(app: &mut App, action: Action) -> Commands {
    if let Some(commands) = lists::step(app, ListId::Bookmarks, action) {
        return commands;
    }
    let rows = rows(app);
    let len = rows.len();
    let l = &mut app.bookmark_list;
    match action {
        Action::ScrollOverlay(down) => {
            let a = if down { Action::Down } else { Action::Up };
            return lists::step(app, ListId::Bookmarks, a).unwrap_or_default();
        }
        Action::Filter => {
            return Command::OpenPrompt(prompt::Prompt::Filter(ListId::Bookmarks)).into()
        }
        Action::Open if l.shown(len) == 0 => {}
        Action::Open => {
            let Some(row) = rows.get(l.selected) else {
                return Commands::none();
            };
            match row.located {
                Some(loc) => {
                    let say = format!("Bookmark {}", crate::text::for_terminal(&row.name));
                    return Commands::from([
                        Command::Say(say),
                        Command::CloseOverlays,
                        Command::Open(loc),
                    ]);
                }
                None => {
                    return Commands::say(format!(
                        "{} is not in the reports loaded; d removes the bookmark",
                        crate::text::for_terminal(&row.name)
                    ))
                }
            }
        }
        Action::Bookmark => {
            let sel = l.selected;
            let Some(row) = rows.get(sel) else {
                return Commands::none();
            };
            let say = format!(
                "Removed the bookmark {}",
                crate::text::for_terminal(&row.name)
            );
            return Commands::from([Command::RemoveBookmark(sel), Command::Say(say)]);
        }
        Action::Back if l.filter.is_active() => lists::clear(app, ListId::Bookmarks),
        Action::Back | Action::Bookmarks => return Command::PopOverlay.into(),
        _ => {}
    }
    Commands::none()
}

pub fn render(app: &App, frame: &mut Frame) {
    let t = &app.palette;
    let ascii = t.symbols.ascii;
    let rows = rows(app);
    let r = area((frame.area().width, frame.area().height), rows.len());
    if r.width < 12 || r.height < 3 {
        return;
    }
    let inner = Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let mut block = Block::bordered()
        .border_set(t.symbols.border)
        .border_style(t.border_focused)
        .title(Span::styled(
            format!(
                " Bookmarks {} ",
                app.bookmark_list.title_position(rows.len(), ascii)
            ),
            t.title_focused,
        ));
    let sep = if ascii { "|" } else { "·" };
    let foot = format!(" Enter jump {sep} d remove {sep} f filter {sep} Esc close ");
    if usize::from(r.width) > fit::width(&foot) + 2 {
        block =
            block.title_bottom(Line::from(Span::styled(foot, t.muted)).alignment(Alignment::Right));
    }
    frame.render_widget(Clear, r);
    let lines: Vec<Line> = if rows.is_empty() {
        let note = if app.state.is_some() {
            app.keymap.fill(
                "No bookmarks yet: select a paragraph and press {bookmark} to bookmark it.",
                ascii,
            )
        } else {
            "Bookmarks are off: ciw found no folder to keep them in.".to_string()
        };
        fit::wrap(&note, w.saturating_sub(2))
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), t.muted)))
            .collect()
    } else if app.bookmark_list.shown(rows.len()) == 0 {
        vec![Line::from(Span::styled(
            format!(" {}", lists::no_match(ListId::Bookmarks)),
            t.muted,
        ))]
    } else {
        let sel = app.bookmark_list.selected.min(rows.len() - 1);
        let nw = (w / 3).clamp(10, 24);
        app.bookmark_list
            .visible(h, rows.len())
            .into_iter()
            .filter_map(|(_, i)| rows.get(i).map(|row| (i, row)))
            .map(|(i, row)| {
                let selected = i == sel;
                let base = if selected { t.selected } else { t.base };
                let name = fit::pad(&fit::display(&row.name, ascii), nw, t.symbols.ellipsis);
                let room = w.saturating_sub(nw + 2);
                let text = fit::pad(&fit::display(&row.text, ascii), room, t.symbols.ellipsis);
                let text_style = if row.located.is_some() || selected {
                    base
                } else {
                    t.muted
                };
                Line::from(vec![
                    Span::styled(" ", base),
                    Span::styled(
                        name,
                        if selected {
                            t.paragraph_id_selected
                        } else {
                            t.paragraph_id
                        },
                    ),
                    Span::styled(" ", base),
                    Span::styled(text, text_style),
                ])
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
