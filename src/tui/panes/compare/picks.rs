//! Which councils the comparison shows: those picked with Space in the reports pane (one pick
//! is compared with the report being read), else all of them when two screens of columns hold them. When they do not
//! (a library of hundreds of reports), `c` opens the picks list instead of a wall of names: every council,
//! Space picks, `f` filters as you type ([`crate::tui::panes::lists`]), Enter compares. The
//! councils compared last time come back picked (kept with the state between runs).

use crate::compare::side_by_side as cl;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};
use crate::tui::layout;
use crate::tui::panes::authorities;
use crate::tui::panes::lists::{self, ListId};
use crate::tui::panes::prompt::Prompt;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Picks or unpicks the selected council (Space in the reports pane).
pub fn toggle_pick(app: &mut App) -> Commands {
    toggle(app, app.authorities.selected)
}

/// Picks or unpicks council `i` and says so.
fn toggle(app: &mut App, i: usize) -> Commands {
    let Some(r) = app.corpus.reports.get(i) else {
        return Commands::none();
    };
    let ascii = app.palette.symbols.ascii;
    let name = fit::display(&r.authority.short, ascii);
    let picked = &mut app.compare.picked;
    if !picked.remove(&i) {
        picked.insert(i);
    }
    let n = picked.len();
    // The key that compares: Enter in the picks list, `c` in the reports pane.
    let compare = if app.compare.picking {
        app.keymap
            .first_key(crate::tui::keymap::Scope::Compare, Action::Open, ascii)
            .unwrap_or_default()
    } else {
        app.keymap.key(Action::Compare, ascii)
    };
    let what = if n == 1 && i != app.authorities.selected {
        "it with the report being read"
    } else {
        "the picked councils"
    };
    Commands::say(match n {
        0 if app.compare.picking => "No council picked".to_string(),
        0 if all_fit(app) => format!("No council picked: {compare} compares all of them"),
        0 => format!("No council picked: {compare} lists the councils to pick"),
        _ if app.compare.picked.contains(&i) => {
            format!("Picked {name} ({n} picked): {compare} compares {what}")
        }
        _ => format!("Unpicked {name} ({n} picked)"),
    })
}

/// The reports to compare: exactly the picked ones, as the hints say (one pick with the report
/// being read, since one column compares nothing), else all.
pub(super) fn report_set(app: &App) -> Vec<usize> {
    let s = &app.compare;
    if s.picked.is_empty() {
        return (0..app.corpus.reports.len()).collect();
    }
    let mut set = s.picked.clone();
    if set.len() == 1 {
        set.insert(app.authorities.selected);
    }
    set.into_iter()
        .filter(|&i| i < app.corpus.reports.len())
        .collect()
}

/// Whether all councils can be compared without picks: at most two screens of columns side by
/// side at the app's width, reached with h/l (else `c` with nothing picked asks for picks).
pub(super) fn all_fit(app: &App) -> bool {
    let n = app.corpus.reports.len();
    let fit = cl::columns_that_fit(
        usize::from(app.size.0),
        cl::MIN_COLUMN_WIDTH,
        cl::separator_width(app.palette.symbols.ascii),
        n,
    );
    n <= 2 * fit
}

/// The councils last compared, as corpus indices (those still loaded).
fn last_picked(app: &App) -> Vec<usize> {
    app.compare
        .last_picks
        .iter()
        .filter_map(|id| app.corpus.reports.iter().position(|r| r.id == *id))
        .collect()
}

/// `c` with nothing picked among more councils than fit: the picks list, with last time's
/// councils picked again.
pub(super) fn start(app: &mut App) -> Commands {
    let last = last_picked(app);
    let s = &mut app.compare;
    s.picking = true;
    s.comparison = None;
    s.picked = last.iter().copied().collect();
    s.pick_list.selected = last.first().copied().unwrap_or(app.authorities.selected);
    lists::keep_visible(app, ListId::Picks);
    Command::PushOverlay(Overlay::Compare).into()
}

/// Remembers the councils of the comparison just opened from picks, for the next time nothing
/// is picked; the event loop writes them with the state.
pub(super) fn remember(app: &mut App) -> Commands {
    if app.compare.picked.is_empty() {
        return Commands::none();
    }
    let ids: Vec<String> = app
        .compare
        .reports
        .iter()
        .filter_map(|&i| app.corpus.reports.get(i))
        .map(|r| r.id.clone())
        .collect();
    if ids == app.compare.last_picks {
        return Commands::none();
    }
    app.compare.last_picks = ids;
    Command::SaveHistories.into()
}

/// Keys while picking.
pub(super) fn update(app: &mut App, action: Action) -> Commands {
    match action {
        Action::Pick => return toggle(app, app.compare.pick_list.selected),
        Action::Filter => return Command::OpenPrompt(Prompt::Filter(ListId::Picks)).into(),
        Action::Open if app.compare.picked.is_empty() => {
            let space = app
                .keymap
                .first_key(
                    crate::tui::keymap::Scope::Compare,
                    Action::Pick,
                    app.palette.symbols.ascii,
                )
                .unwrap_or_default();
            return Commands::say(format!("Pick a council with {space} first"));
        }
        Action::Open => {
            app.compare.picking = false;
            return super::open(app);
        }
        Action::Back if app.compare.pick_list.filter.is_active() => {
            lists::clear(app, ListId::Picks)
        }
        Action::Back | Action::Compare => {
            app.compare.picking = false;
            return Command::PopOverlay.into();
        }
        Action::ToggleHelp => return Command::PushOverlay(Overlay::Help).into(),
        // A click selects the row under it; a second click on it picks it.
        Action::ClickOverlay { item: Some(i), .. } => {
            let mut commands = Commands::none();
            if app.compare.pick_list.selected == i {
                commands = toggle(app, i);
            }
            return commands.then(lists::select(app, ListId::Picks, i));
        }
        Action::ScrollOverlay(down) => {
            let step = if down { Action::Down } else { Action::Up };
            let mut commands = Commands::none();
            for _ in 0..3 {
                commands.extend(lists::step(app, ListId::Picks, step).unwrap_or_default());
            }
            return commands;
        }
        a => return lists::step(app, ListId::Picks, a).unwrap_or_default(),
    }
    Commands::none()
}

/// Rows the picks list has on screen, in the layout stored for the app's size.
pub fn list_height(app: &App) -> usize {
    usize::from(app.areas().status.y)
        .saturating_sub(HEAD_ROWS)
        .max(1)
}

/// The council (a corpus index) on screen row `row` of the picks list, if one is there.
pub fn item_at(app: &App, row: u16) -> Option<usize> {
    let row = usize::from(row).checked_sub(HEAD_ROWS)?;
    let (h, n) = (list_height(app), app.corpus.reports.len());
    let visible = app.compare.pick_list.visible(h, n);
    visible.get(row).map(|&(_, i)| i)
}

/// Lines above the list: what to do, what is picked, a blank.
const HEAD_ROWS: usize = 3;

/// The picks list over the whole screen, with its status line.
pub(super) fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let areas = layout::compute(area, app.layout_input());
    if areas.too_small {
        return;
    }
    let t = &app.palette;
    let sym = t.symbols;
    let ascii = sym.ascii;
    let width = usize::from(area.width);
    let rows = areas.status.y.saturating_sub(area.y);
    frame.render_widget(Clear, Rect::new(area.x, area.y, area.width, rows + 1));
    let s = &app.compare;
    let n = app.corpus.reports.len();
    let key = |a| {
        app.keymap
            .first_key(crate::tui::keymap::Scope::Compare, a, ascii)
            .unwrap_or_default()
    };
    let head = format!(
        "Pick councils with {}; {} compares them ({n} are too many side by side)",
        key(Action::Pick),
        key(Action::Open),
    );
    let picked: Vec<String> = s
        .picked
        .iter()
        .filter_map(|&i| app.corpus.reports.get(i))
        .map(|r| fit::display(&r.authority.short, ascii))
        .collect();
    let reading = app
        .report()
        .map(|r| fit::display(&r.authority.short, ascii))
        .unwrap_or_default();
    let mut note = if picked.is_empty() {
        "Nothing picked yet".to_string()
    } else if picked.len() == s.last_picks.len()
        && last_picked(app).iter().all(|i| s.picked.contains(i))
    {
        format!("Picked as last time: {}", picked.join(", "))
    } else {
        format!("Picked: {}", picked.join(", "))
    };
    if !reading.is_empty() && s.picked.len() == 1 && !s.picked.contains(&app.authorities.selected) {
        note.push_str(&format!("; {reading}, being read, is compared too"));
    }
    let mut lines = vec![
        Line::from(Span::styled(
            fit::truncate(&head, width, sym.ellipsis),
            t.section_heading,
        )),
        Line::from(Span::styled(
            fit::truncate(&note, width, sym.ellipsis),
            t.muted,
        )),
        Line::default(),
    ];
    let height = usize::from(rows).saturating_sub(HEAD_ROWS);
    let l = &s.pick_list;
    if l.shown(n) == 0 {
        lines.push(Line::from(Span::styled(
            lists::no_match(ListId::Picks),
            t.muted,
        )));
    }
    for (_, i) in l.visible(height, n) {
        let Some(r) = app.corpus.reports.get(i) else {
            continue;
        };
        let mark = match (s.picked.contains(&i), ascii) {
            (false, _) => " ",
            (true, false) => "✓",
            (true, true) => "*",
        };
        let mut name = fit::display(&r.authority.short, ascii);
        if let Some(k) = r.kind.filter(|k| *k != crate::model::Kind::Inspection) {
            name = format!("{name} ({})", k.short());
        }
        let date = authorities::date(r);
        let name_w = width.saturating_sub(4 + 9);
        let text = format!(
            " {mark} {} {}",
            fit::pad(
                &fit::truncate_middle(&name, name_w, sym.ellipsis),
                name_w,
                sym.ellipsis
            ),
            fit::pad(&date, 8, sym.ellipsis)
        );
        let style = if i == l.selected { t.selected } else { t.base };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, area.y, area.width, rows),
    );
    let crumb = format!(
        " Compare {} pick councils  {}",
        sym.separator.trim(),
        l.title_position(n, ascii)
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit::truncate(&crumb, width, sym.ellipsis),
            t.breadcrumb,
        ))),
        Rect::new(area.x, areas.status.y, area.width, 1),
    );
}
