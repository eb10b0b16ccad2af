//! The prompts on the status line, which take every key while open: `:` go-to (a council,
//! paragraph or section, [`crate::target::resolve_from`], with `Tab` completing council names)
//! and `f` filter (the focused list narrows as you type, [`crate::tui::list_filter`]). Both edit
//! like readline ([`crate::tui::line_edit`]); `Enter` accepts, `Esc` cancels.

use crate::target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::command::{Command, Commands};
use crate::tui::line_edit::{is_enter, Edit, LineEditor};
use crate::tui::panes::lists::{self, ListId};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Which prompt is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// `:` go to a council, paragraph or section.
    GoTo,
    /// `f` filter this list.
    Filter(ListId),
    /// `/` in the comparison: words to find in the compared section
    /// ([`super::compare::find`]).
    Find,
}

/// Completions offered under the go-to line.
const COMPLETIONS: usize = 12;

/// Opens a prompt; an old go-to or filter query comes back selected, so typing replaces it.
pub fn open(app: &mut App, p: Prompt) {
    app.prompt = Some(p);
    match p {
        Prompt::GoTo => app.goto.reopen(),
        Prompt::Filter(id) => {
            let f = &mut id.state_mut(app).filter;
            f.typing = true;
            f.editor.reopen();
        }
        Prompt::Find => {}
    }
}

/// Closes the open prompt.
pub fn close(app: &mut App) {
    if let Some(Prompt::Filter(id)) = app.prompt {
        id.state_mut(app).filter.typing = false;
    }
    app.prompt = None;
}

/// Gives a key to the open prompt, and returns what it asks for; `None` when no prompt is open
/// (the key is not taken) or it is the comparison's find line, which takes its keys itself
/// ([`super::compare::find::key`]).
pub fn handle_key(app: &mut App, key: &KeyEvent) -> Option<Commands> {
    let p = app.prompt?;
    if key.kind == KeyEventKind::Release {
        return Some(Commands::none());
    }
    let cancel = cancels(key);
    Some(match p {
        Prompt::GoTo => {
            if cancel {
                close(app);
            } else if is_enter(key) {
                let text = app.goto.commit();
                close(app);
                return Some(Commands::from(Command::SaveHistories).then(go_to(app, &text)));
            } else if key.code == KeyCode::Tab {
                complete(app);
            } else {
                app.goto.handle_key(key);
            }
            Commands::none()
        }
        Prompt::Filter(pane) => filter_key(app, pane, key, cancel),
        // The comparison's find line is its own (the app gives it the keys).
        Prompt::Find => return None,
    })
}

/// Whether `key` cancels a prompt: `Esc`, `Ctrl-c` or `Ctrl-g`.
pub fn cancels(key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    key.code == KeyCode::Esc || (ctrl && matches!(key.code, KeyCode::Char('c' | 'g')))
}

/// A paste into the open prompt (control characters dropped, as the line editor drops them),
/// and what it asks for; `None` when no prompt is open or it is the comparison's find line.
pub fn paste(app: &mut App, text: &str) -> Option<Commands> {
    let p = app.prompt?;
    match p {
        Prompt::GoTo => app.goto.insert_str(text),
        Prompt::Filter(id) => {
            id.state_mut(app).filter.editor.insert_str(text);
            return Some(Command::Refilter(id).into());
        }
        Prompt::Find => return None,
    }
    Some(Commands::none())
}

/// `Enter` at the go-to prompt: the overlays close and the reader goes there.
pub fn go_to(app: &App, text: &str) -> Commands {
    if text.trim().is_empty() {
        return Commands::none();
    }
    let here = app.report().map(|_| app.authorities.selected);
    match target::resolve_from(&app.corpus, text, here) {
        Ok(t) => Commands::from([Command::CloseOverlays, Command::GoTo(t)]),
        Err(e) => Commands::say(crate::text::for_terminal(&e.to_string())),
    }
}

/// `Tab`: completes to the longest common beginning of the candidates (the whole name when
/// there is one).
fn complete(app: &mut App) {
    let here = app.report().map(|_| app.authorities.selected);
    let cands = target::complete(&app.corpus, app.goto.text(), here, COMPLETIONS);
    let Some(first) = cands.first() else {
        return;
    };
    let mut common = first.clone();
    for c in &cands[1..] {
        let n = common
            .char_indices()
            .zip(c.chars())
            .find(|((_, a), b)| a != b)
            .map(|((i, _), _)| i)
            .unwrap_or(common.len().min(c.len()));
        common.truncate(n);
    }
    if common.len() >= app.goto.text().trim().len() {
        app.goto.set_text(&common);
    }
}

fn filter_key(app: &mut App, id: ListId, key: &KeyEvent, cancel: bool) -> Commands {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let step = match key.code {
        KeyCode::Down => Some(Action::Down),
        KeyCode::Up => Some(Action::Up),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::Char('n' | 'j') if ctrl => Some(Action::Down),
        KeyCode::Char('p' | 'k') if ctrl => Some(Action::Up),
        _ => None,
    };
    if cancel {
        // Esc: no filter, the selection kept.
        close(app);
        return Command::ClearFilter(id).into();
    } else if key.code == KeyCode::Enter {
        id.state_mut(app).filter.editor.commit();
        close(app);
        if !id.state(app).filter.is_active() {
            return Command::ClearFilter(id).into();
        }
    } else if let Some(a) = step {
        return Command::StepList(id, a).into();
    } else if id.state_mut(app).filter.editor.handle_key(key) == Edit::Changed {
        return Command::Refilter(id).into();
    }
    Commands::none()
}

/// The part of a line being edited that fits `room` columns, scrolled so the cursor stays in
/// view, and the cursor's column in it.
pub fn view(editor: &LineEditor, room: usize, ascii: bool) -> (String, usize) {
    let text = fit::display(editor.text(), ascii);
    let cursor = editor.cursor_column();
    let skip = cursor.saturating_sub(room.saturating_sub(1));
    let mut w = 0;
    let mut out = String::new();
    for c in text.chars() {
        let cw = fit::width(c.encode_utf8(&mut [0; 4]));
        if w >= skip && w + cw <= skip + room {
            out.push(c);
        }
        w += cw;
    }
    (out, cursor - skip)
}

/// Draws the open prompt over the status line (and its completions or keys on the hint line),
/// and puts the terminal cursor in the line.
pub fn render(app: &App, frame: &mut Frame, status: Rect, hints: Option<Rect>) {
    let Some(p) = app.prompt else { return };
    let t = &app.palette;
    let sym = t.symbols;
    let (lead, editor, help) = match p {
        Prompt::GoTo => (
            ":",
            &app.goto,
            "Enter go  Tab complete  Esc cancel  e.g. pembrokeshire#R5, #3.18, R5",
        ),
        Prompt::Filter(id) => (
            "filter: ",
            &id.state(app).filter.editor,
            "Enter keep  Esc clear  Up/Down move  'exact ^start end$ !not",
        ),
        Prompt::Find => (
            "/",
            &app.compare.find.editor,
            "Enter find  Esc cancel  then n/N next/previous paragraph with the words",
        ),
    };
    let width = usize::from(status.width);
    let lead_w = 1 + fit::width(lead);
    let room = width.saturating_sub(lead_w + 1).max(1);
    let (shown, cursor) = view(editor, room, sym.ascii);
    let style = if editor.is_selected() {
        t.selected
    } else {
        t.base
    };
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(lead.to_string(), t.hint_key),
        Span::styled(shown, style),
    ]);
    frame.render_widget(ratatui::widgets::Clear, status);
    frame.render_widget(Paragraph::new(line), status);
    let x = status.x + (lead_w + cursor).min(width.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(x, status.y));
    let Some(h) = hints else { return };
    let below = match p {
        Prompt::GoTo => {
            let here = app.report().map(|_| app.authorities.selected);
            let cands = target::complete(&app.corpus, app.goto.text(), here, COMPLETIONS);
            if app.goto.is_empty() || cands.is_empty() {
                help.to_string()
            } else {
                cands.join("  ")
            }
        }
        Prompt::Filter(id) => {
            let total = lists::total(app, id);
            format!("{} of {total}  {help}", id.state(app).filter.len(total))
        }
        Prompt::Find => help.to_string(),
    };
    let below = fit::truncate(
        &fit::display(&below, sym.ascii),
        usize::from(h.width).saturating_sub(1),
        sym.ellipsis,
    );
    frame.render_widget(ratatui::widgets::Clear, h);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            Span::styled(below, t.hint_text),
        ])),
        h,
    );
}
