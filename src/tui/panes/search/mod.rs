//! The search overlay (`/`): a query line, the hits of every report as you type (authority, id,
//! section, a snippet with the matched words highlighted) and a preview of the selected hit;
//! Enter reads it in the panes, and after closing `n`/`N` step through the hits. The queries run
//! on a worker thread ([`crate::tui::search_worker`]), so typing never waits for a search.

use crate::search::Hit;
use crate::target::Target;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::line_edit::Edit;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::prompt;
use crossterm::event::KeyEvent;

pub use crate::tui::search_worker::{SearchState, LIMIT};

/// `/`: opens the overlay with the last query (so it can be refined), starting the worker.
pub fn open(app: &mut App) -> Commands {
    app.search.start(&app.corpus);
    // The old query comes back selected: typing replaces it, Backspace clears it.
    app.search.editor.reopen();
    Command::PushOverlay(Overlay::Search).into()
}

/// Closes the overlay (`all`: and those under it, to read a hit), keeping the query in the
/// history (saved with the state).
fn close(app: &mut App, all: bool) -> Commands {
    Commands::from(if all {
        Command::CloseOverlays
    } else {
        Command::PopOverlay
    })
    .then(remember(app))
}

/// Adds the query to the search history and saves it with the state.
fn remember(app: &mut App) -> Commands {
    if app.search.query().trim().is_empty() {
        return Commands::none();
    }
    app.search.editor.commit();
    Command::SaveHistories.into()
}

/// Keys the query line takes before the keymap: editing (readline keys) and the history
/// (Up/Down). Returns what the key did to the query: [`Edit::Ignored`] when it was not taken.
pub fn handle_key(app: &mut App, key: &KeyEvent) -> Edit {
    if app.overlay() != Overlay::Search || app.prompt.is_some() {
        return Edit::Ignored;
    }
    if !matches!(
        app.keymap.action_for(Overlay::Search, app.focus, key),
        None | Some(Action::Type(_))
    ) {
        return Edit::Ignored;
    }
    let edit = app.search.editor.handle_key(key);
    if edit == Edit::Changed {
        app.search.submit();
    }
    edit
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
pub(super) fn hit_date(app: &App, hit: &Hit) -> String {
    locate(app, hit)
        .and_then(|t| app.corpus.reports.get(t.report))
        .map(super::authorities::date)
        .unwrap_or_default()
}

/// Keys while the overlay is open.
pub fn update(app: &mut App, action: Action) -> Commands {
    if let Some(commands) = lists::step(app, ListId::Hits, action) {
        more_near(app, app.search.list.selected);
        return commands;
    }
    let s = &mut app.search;
    let len = s.hits.len();
    let mut commands = Commands::none();
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
        Action::ScrollOverlay(true) => {
            commands = lists::step(app, ListId::Hits, Action::Down).unwrap_or_default();
            more_near(app, app.search.list.selected);
        }
        Action::ScrollOverlay(false) => {
            commands = lists::step(app, ListId::Hits, Action::Up).unwrap_or_default();
        }
        Action::Filter => return Command::OpenPrompt(prompt::Prompt::Filter(ListId::Hits)).into(),
        // `/R5`, `/pembrokeshire#R5`: a target, not words to search for.
        Action::Open if crate::target::is_target_like(s.query()) => {
            let q = s.query().to_string();
            commands = close(app, true).then(prompt::go_to(app, &q));
        }
        Action::Open if len > 0 && s.list.shown(len) > 0 => {
            let i = s.list.selected.min(len - 1);
            commands = close(app, true).then(jump(app, i, ""));
        }
        Action::Back if s.list.filter.is_active() => lists::clear(app, ListId::Hits),
        Action::Back | Action::Search => commands = close(app, false),
        Action::Export if s.hits.is_empty() => commands = Commands::say("No hits to save"),
        Action::Export => {
            let stem = crate::export::file_stem(&["search", &s.shown_query]);
            let markdown = crate::export::hits_markdown(&s.shown_query, &s.hits, &app.corpus);
            commands.push(Command::Export { stem, markdown });
        }
        _ => {}
    }
    lists::keep_visible(app, ListId::Hits);
    commands
}

/// Asks for the next hits once `at` is within a page of the end of those fetched, so the list
/// and `n` go on past them without waiting.
fn more_near(app: &mut App, at: usize) {
    let page = render::list_height(app).max(10);
    if at + page >= app.search.hits.len() {
        app.search.more();
    }
}

/// `n` (`delta` 1) and `N` (-1): the next or previous hit of the last search, wrapping round.
pub fn step(app: &mut App, delta: isize) -> Commands {
    app.search.poll();
    let len = app.search.hits.len();
    if len == 0 {
        let search = app.keymap.key(Action::Search, app.palette.symbols.ascii);
        return Commands::say(if app.search.shown_query.is_empty() {
            format!("No search yet: press {search} to search every report")
        } else {
            format!(
                "No hits for \"{}\": press {search} to search again",
                crate::text::for_terminal(&app.search.shown_query)
            )
        });
    }
    // The hits the filter shows (all without one), in order.
    let list = &app.search.list;
    let shown: Vec<usize> = (0..list.shown(len))
        .filter_map(|row| list.original(row, len))
        .collect();
    if shown.is_empty() {
        return Commands::say("No hit passes the filter: Esc in the search clears it");
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
    // At the last hit fetched with more to come: fetch them rather than wrap.
    let last = order.last().copied();
    let wraps_in_complete = at < complete && complete < len;
    if delta > 0
        && app.search.current.is_some()
        && last == Some(at)
        && !wraps_in_complete
        && (app.search.fetching() || app.search.more())
    {
        let next = app.keymap.key(Action::NextHit, app.palette.symbols.ascii);
        return Commands::say(format!(
            "Hit {} of {}: fetching more, press {next} again",
            at + 1,
            app.search.total()
        ));
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
    let note = match (wrapped, delta > 0) {
        (false, _) => "",
        (true, true) => " (wrapped to the first)",
        (true, false) => " (wrapped to the last)",
    };
    let commands = jump(app, i, note);
    more_near(app, i);
    commands
}

/// Where a hit is in the app's corpus: the text it cites (`3.18`, `3.E`, `front.1`), else the
/// report itself.
pub fn locate(app: &App, hit: &Hit) -> Option<Target> {
    let reports = &app.corpus.reports;
    let ri = match reports.get(hit.report_index) {
        Some(r) if *r.id == *hit.report => hit.report_index,
        _ => reports.iter().position(|r| *r.id == *hit.report)?,
    };
    let at = format!("#{}", hit.paragraph);
    Some(
        crate::target::resolve_from(&app.corpus, &at, Some(ri)).unwrap_or(Target {
            report: ri,
            section: None,
            paragraph: None,
            part: None,
        }),
    )
}

/// Opens hit `i` in the panes and says which it is, `note` after. A hit in the front matter,
/// which has no place in the panes, is read out on the status line as `:` with its id reads it.
fn jump(app: &mut App, i: usize, note: &str) -> Commands {
    let Some(hit) = app.search.hits.get(i).cloned() else {
        return Commands::none();
    };
    app.search.current = Some(i);
    app.search.list.selected = i;
    match locate(app, &hit) {
        Some(t) if t.section.is_none() && t.part.is_some() => Command::GoTo(t).into(),
        Some(t) => {
            let keys = app
                .keymap
                .fill("{next_hit}/{prev_hit}", app.palette.symbols.ascii);
            let (of, missing) = if hit.partial {
                (app.search.total(), " (some words missing)")
            } else {
                (app.search.complete, "")
            };
            let say = format!(
                "Hit {} of {of} for \"{}\": {}{missing} · {keys} next/previous{note}",
                i + 1,
                crate::text::for_terminal(&app.search.shown_query),
                crate::text::for_terminal(&hit.link),
            );
            Commands::from([Command::Say(say), Command::Open(t)])
        }
        None => Commands::say(format!(
            "{} is no longer loaded{note}",
            crate::text::for_terminal(&hit.link)
        )),
    }
}

mod highlight;
mod render;

pub use highlight::{highlight, wrap_highlighted};
pub use render::{list_height, render};
