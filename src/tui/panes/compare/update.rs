//! The comparison's keys: moving through paragraphs and councils, scrolling together or
//! alone, stepping through themes, and opening, copying or bookmarking the selected paragraph.

use super::columns::{keep_column_visible, view, Item, View};
use super::show_theme;
use crate::target::{self, Target};
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::command::{Command, Commands};

/// Keys while the comparison is open.
pub fn update(app: &mut App, action: Action) -> Commands {
    if app.compare.picking {
        return super::picks::update(app, action);
    }
    match action {
        Action::Back if app.compare.find.clear() => {
            let esc =
                app.keymap
                    .overlay_key(Overlay::Compare, Action::Back, app.palette.symbols.ascii);
            return Commands::say(format!(
                "Find highlights off ({} again closes the comparison)",
                esc.unwrap_or_default()
            ));
        }
        Action::Back | Action::Compare => return Command::PopOverlay.into(),
        Action::Search => return super::find::open(app),
        Action::NextHit | Action::PrevHit => {
            return super::find::step(app, action == Action::NextHit, false)
        }
        Action::ToggleHelp => return Command::PushOverlay(Overlay::Help).into(),
        Action::Matrix => return Command::PushOverlay(Overlay::Matrix).into(),
        Action::NextTheme | Action::PreviousTheme => {
            if let Some(t) = app.compare.comparison.as_ref().map(|c| c.theme) {
                let themes = crate::compare::themes_for(
                    app.compare
                        .reports
                        .iter()
                        .filter_map(|&i| app.corpus.reports.get(i)),
                );
                let t = if action == Action::NextTheme {
                    t.next_in(&themes)
                } else {
                    t.previous_in(&themes)
                };
                show_theme(app, t);
            }
            return Commands::none();
        }
        Action::Export => {
            if let Some(c) = &app.compare.comparison {
                let mut name = vec!["compare", c.theme.key()];
                if c.columns.len() <= 3 {
                    name.extend(c.columns.iter().map(|col| col.authority.as_str()));
                }
                let stem = crate::export::file_stem(&name);
                let markdown = crate::export::compare_markdown(c, &app.corpus);
                return Command::Export { stem, markdown }.into();
            }
        }
        Action::ToggleExpectations => {
            let has = app
                .compare
                .comparison
                .as_ref()
                .is_some_and(|c| c.expectations.is_some());
            if !has {
                return Commands::say("No \"What we expect to see\" for this theme");
            }
            app.compare.expectations_open = !app.compare.expectations_open;
            return Commands::none();
        }
        Action::ToggleSync => {
            return toggle_sync(app);
        }
        Action::FocusLeft | Action::FocusRight | Action::FocusNext | Action::FocusPrev => {
            move_column(app, action);
            return Commands::none();
        }
        Action::Open => return open_in_reader(app),
        Action::Copy | Action::Bookmark => {
            return match selected_place(app) {
                Some((report, section, paragraph)) if action == Action::Copy => {
                    Command::CopyParagraph {
                        report,
                        section,
                        paragraph,
                    }
                    .into()
                }
                Some((ri, si, pi)) => {
                    let id = app.corpus.reports[ri].sections[si].paragraphs[pi]
                        .id
                        .clone();
                    Command::ToggleBookmark {
                        report: ri,
                        paragraph: id,
                    }
                    .into()
                }
                None => Commands::say("Nothing selected: move to a paragraph with j/k"),
            };
        }
        _ => {}
    }
    let Some(v) = view(app) else {
        return Commands::none();
    };
    let Some(i) = v.focused(app) else {
        return Commands::none();
    };
    let h = v.height.max(1);
    let page = h.saturating_sub(1).max(1) as isize;
    let half = (h / 2).max(1) as isize;
    match action {
        Action::Down => step(app, &v, i, true),
        Action::Up => step(app, &v, i, false),
        Action::Top => set_offset(app, &v, i, 0, true),
        Action::Bottom => set_offset(app, &v, i, v.max_scroll(i), true),
        Action::HalfPageDown => scroll_by(app, &v, i, half),
        Action::HalfPageUp => scroll_by(app, &v, i, -half),
        Action::PageDown => scroll_by(app, &v, i, page),
        Action::PageUp => scroll_by(app, &v, i, -page),
        Action::ScrollOverlay(true) => scroll_by(app, &v, i, 3),
        Action::ScrollOverlay(false) => scroll_by(app, &v, i, -3),
        Action::ClickOverlay {
            column: Some(c),
            item,
        } => click(app, &v, c, item),
        _ => {}
    }
    Commands::none()
}

/// Sets the focused column's offset (all columns' when scrolling together), clamped; with
/// `follow`, the selection moves to the first item in view if it left the view.
fn set_offset(app: &mut App, v: &View, i: usize, off: usize, follow: bool) {
    let off = off.min(v.max_scroll(i));
    let s = &mut app.compare;
    if s.independent {
        if let Some(x) = s.scrolls.get_mut(s.column) {
            *x = off;
        }
    } else {
        s.scroll = off;
    }
    if follow {
        let h = v.height.max(1);
        let items = &v.items[i];
        let visible = |it: &Item| it.end > off && it.start < off + h;
        let still = s
            .selected
            .as_ref()
            .and_then(|a| items.iter().find(|it| it.anchor == *a))
            .is_some_and(visible);
        if !still {
            if let Some(it) = items.iter().find(|it| visible(it)) {
                s.selected = Some(it.anchor.clone());
            }
        }
    }
}

fn scroll_by(app: &mut App, v: &View, i: usize, delta: isize) {
    let off = v.offset(app, i).saturating_add_signed(delta);
    set_offset(app, v, i, off, true);
}

/// j/k: the next or previous item of the focused column, scrolling line by line through an
/// item taller than the view and through other columns' text between items.
fn step(app: &mut App, v: &View, i: usize, down: bool) {
    let h = v.height.max(1);
    let off = v.offset(app, i);
    let items = &v.items[i];
    let cur = app
        .compare
        .selected
        .as_ref()
        .and_then(|a| items.iter().position(|it| it.anchor == *a));
    let Some(cur) = cur else {
        if let Some(it) = items.iter().find(|it| it.end > off && it.start < off + h) {
            app.compare.selected = Some(it.anchor.clone());
        } else {
            scroll_by(app, v, i, if down { 1 } else { -1 });
        }
        return;
    };
    let it = &items[cur];
    if down {
        if it.end > off + h {
            set_offset(app, v, i, off + 1, false);
        } else if let Some(next) = items.get(cur + 1) {
            if next.start < off + h {
                app.compare.selected = Some(next.anchor.clone());
                if next.end > off + h {
                    let to = (next.end - h).min(next.start);
                    set_offset(app, v, i, to, false);
                }
            } else {
                set_offset(app, v, i, off + 1, false);
            }
        } else {
            set_offset(app, v, i, off + 1, false);
        }
    } else if it.start < off {
        set_offset(app, v, i, off - 1, false);
    } else if let Some(prev) = cur.checked_sub(1).and_then(|p| items.get(p)) {
        if prev.end > off {
            app.compare.selected = Some(prev.anchor.clone());
            if prev.start < off {
                let to = prev.start.max(prev.end.saturating_sub(h));
                set_offset(app, v, i, to, false);
            }
        } else {
            set_offset(app, v, i, off - 1, false);
        }
    } else {
        set_offset(app, v, i, off.saturating_sub(1), false);
    }
}

/// h/l: the focused council moves left or right, scrolling sideways past the edge.
fn move_column(app: &mut App, action: Action) {
    let Some(n) = app.compare.comparison.as_ref().map(|c| c.columns.len()) else {
        return;
    };
    if n == 0 {
        return;
    }
    // Keep the selection level: remember the focused column's position on screen.
    let before = view(app);
    let s = &app.compare;
    let row = before.as_ref().and_then(|v| {
        let i = v.focused(app)?;
        let it = s
            .selected
            .as_ref()
            .and_then(|a| v.items[i].iter().find(|it| it.anchor == *a))?;
        Some(it.start.saturating_sub(v.offset(app, i)))
    });
    let c = s.column;
    let to = match action {
        Action::FocusLeft => c.saturating_sub(1),
        Action::FocusRight => (c + 1).min(n - 1),
        Action::FocusNext => (c + 1) % n,
        _ => (c + n - 1) % n,
    };
    if to == c {
        return;
    }
    app.compare.column = to;
    keep_column_visible(app);
    let Some(v) = view(app) else { return };
    let Some(i) = v.focused(app) else { return };
    let off = v.offset(app, i);
    let h = v.height.max(1);
    let line = off + row.unwrap_or(0);
    let items = &v.items[i];
    let pick = items
        .iter()
        .find(|it| it.end > line && it.start < off + h)
        .or_else(|| {
            items
                .iter()
                .rev()
                .find(|it| it.end > off && it.start < off + h)
        })
        // Nothing of this column in view (padding level with a longer column): the item
        // the padding follows.
        .or_else(|| items.iter().rev().find(|it| it.start < off + h))
        .or_else(|| items.first());
    app.compare.selected = pick.map(|it| it.anchor.clone());
}

/// `s`: switches between scrolling together and alone, keeping the view where it is.
fn toggle_sync(app: &mut App) -> Commands {
    let Some(v) = view(app) else {
        app.compare.independent = !app.compare.independent;
        return Commands::none();
    };
    let s = &mut app.compare;
    if s.independent {
        // Alone → together: the focused column's top line decides.
        let i = v.sbs.shown.iter().position(|&c| c == s.column);
        let off = i
            .map(|i| {
                let a = s.scrolls.get(s.column).copied().unwrap_or(0);
                v.alone_to_together[i].get(a).copied().unwrap_or(0)
            })
            .unwrap_or(0);
        s.independent = false;
        s.scroll = off;
        Commands::say("Columns scroll together, subsections level")
    } else {
        for (i, &c) in v.sbs.shown.iter().enumerate() {
            let a = v.together_to_alone[i].get(s.scroll).copied().unwrap_or(0);
            if let Some(x) = s.scrolls.get_mut(c) {
                *x = a;
            }
        }
        s.independent = true;
        Commands::say("Each column scrolls alone (s: together again)")
    }
}

/// The focused column's selected paragraph: report, section and paragraph indices.
fn selected_place(app: &App) -> Option<(usize, usize, usize)> {
    let s = &app.compare;
    let anchor = s.selected.as_deref()?;
    let ri = *s.reports.get(s.column)?;
    let r = app.corpus.reports.get(ri)?;
    let (si, pi) = target::resolve_id(r, anchor)?;
    Some((ri, si, pi?))
}

/// Enter: opens the selected paragraph (or recommendation) in the reader.
fn open_in_reader(app: &mut App) -> Commands {
    let s = &app.compare;
    let Some(anchor) = s.selected.clone() else {
        return Commands::say("Nothing selected: move to a paragraph with j/k");
    };
    let Some(&ri) = s.reports.get(s.column) else {
        return Commands::none();
    };
    let Some(r) = app.corpus.reports.get(ri) else {
        return Commands::none();
    };
    let Some((section, paragraph)) = target::resolve_id(r, &anchor) else {
        return Commands::say(format!("Cannot open {anchor}"));
    };
    crate::tui::panes::read_from_overlay(Target {
        report: ri,
        section: Some(section),
        paragraph,
        part: None,
    })
}

/// A click on column `c` (and on its item `item`, [`spot_at`]): the column has the focus,
/// the item is selected.
fn click(app: &mut App, v: &View, c: usize, item: Option<usize>) {
    let Some(i) = v.sbs.shown.iter().position(|&x| x == c) else {
        return;
    };
    app.compare.column = c;
    if let Some(it) = item.and_then(|k| v.items[i].get(k)) {
        app.compare.selected = Some(it.anchor.clone());
    }
}

/// What is on the cell (`x`, `y`) of the comparison laid out for the app's size: the column
/// (an index into the comparison's columns) and the item of it (an index into that column's
/// items), where there is one.
pub fn spot_at(app: &App, x: u16, y: u16) -> (Option<usize>, Option<usize>) {
    let Some(v) = view(app) else {
        return (None, None);
    };
    let top = v.preamble.len() + v.header_height;
    let cw = v.sbs.column_width;
    let sep = fit::width(&v.sbs.separator);
    let i = usize::from(x) / (cw + sep).max(1);
    let Some(&c) = v.sbs.shown.get(i) else {
        return (None, None);
    };
    let y = usize::from(y);
    if y < top || y >= top + v.height {
        return (Some(c), None);
    }
    let line = v.offset(app, i) + (y - top);
    let item = v.items[i]
        .iter()
        .position(|it| (it.start..it.end).contains(&line));
    (Some(c), item)
}
