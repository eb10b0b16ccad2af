//! The section tree of the selected report: every section (numbered themes, Overview, Areas for
//! development, Methodology...) with its subsections, expanded and collapsed with Enter. Moving
//! the selection shows that section (or subsection) in the paragraph view at once.

use super::lists::{self, ListId};
use super::{block, inner, pane_rect};
use crate::model::SectionKind;
use crate::target::Target;
use crate::text::fit;
use crate::tui::action::Action;
use crate::tui::app::{section_label, App, Pane};
use crate::tui::command::{Command, Commands};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// Rows visible in the tree.
pub fn viewport_height(app: &App) -> usize {
    pane_rect(app, Pane::Sections)
        .map(|r| usize::from(inner(r).height))
        .unwrap_or(1)
        .max(1)
}

pub fn update(app: &mut App, action: Action) -> Commands {
    if action == Action::Open {
        return open(app);
    }
    lists::step(app, ListId::Sections, action).unwrap_or_default()
}

/// What the filter matches each tree row by: the section's number and title, or the
/// subsection's title after its section's.
pub fn filter_rows(app: &App) -> Vec<String> {
    let Some(r) = app.report() else {
        return Vec::new();
    };
    app.tree_rows()
        .iter()
        .map(|row| {
            let Some(s) = r.sections.get(row.section) else {
                return String::new();
            };
            let label = section_label(s, false);
            match row.subsection.and_then(|k| s.subsections.get(k)) {
                Some(sub) => format!("{label} {sub}"),
                None => label,
            }
        })
        .collect()
}

/// Enter: a section with subsections folds or unfolds; anything else is read.
fn open(app: &mut App) -> Commands {
    let Some(row) = app.tree_row() else {
        return Commands::none();
    };
    let ri = app.authorities.selected;
    let has_subs = app
        .report()
        .and_then(|r| r.sections.get(row.section))
        .is_some_and(|s| !s.subsections.is_empty());
    if row.subsection.is_none() && has_subs {
        let key = (ri, row.section);
        if !app.expanded.remove(&key) {
            app.expanded.insert(key);
        }
        let len = app.tree_rows().len();
        app.sections.select(app.sections.selected, len);
        let commands = lists::rows_changed(app, ListId::Sections);
        lists::keep_visible(app, ListId::Sections);
        commands
    } else {
        Command::Focus(Pane::Paragraphs).into()
    }
}

/// Asks to show the selected row's section; a subsection row selects its first paragraph.
pub fn follow_tree(app: &App) -> Commands {
    let Some(row) = app.tree_row() else {
        return Commands::none();
    };
    // The first paragraph of the row's subsection.
    let paragraph = row.subsection.and_then(|k| {
        let s = app.report()?.sections.get(row.section)?;
        let sub = s.subsections.get(k)?;
        s.paragraphs
            .iter()
            .position(|p| p.subsection.as_deref() == Some(sub.as_str()))
    });
    Command::ShowSection {
        section: row.section,
        paragraph,
    }
    .into()
}

/// After the paragraph selection moved: select the tree row of its subsection (when the
/// section is unfolded), else the section's row.
pub fn follow_paragraph(app: &mut App) {
    let Some(si) = app.paragraphs.section else {
        return;
    };
    let sub = app
        .paragraph()
        .and_then(|p| p.subsection.clone())
        .and_then(|s| app.section()?.subsections.iter().position(|x| *x == s));
    let rows = app.tree_rows();
    let row = rows
        .iter()
        .position(|r| r.section == si && r.subsection == sub && sub.is_some())
        .or_else(|| {
            rows.iter()
                .position(|r| r.section == si && r.subsection.is_none())
        });
    if let Some(row) = row {
        if app.sections.filter.row_of(row, rows.len()).is_none() {
            // The filter hides the section being read: show them all.
            app.sections.filter.clear();
        }
        app.sections.select(row, rows.len());
        lists::keep_visible(app, ListId::Sections);
    }
}

/// The row of the tree on `row` of the pane drawn in `rect`, if any.
pub fn item_at(app: &App, rect: Rect, row: u16) -> Option<usize> {
    let i = inner(rect);
    if row < i.y || row >= i.y + i.height {
        return None;
    }
    let len = app.tree_rows().len();
    let shown = app.sections.visible_offset(usize::from(i.height), len) + usize::from(row - i.y);
    app.sections.original(shown, len)
}

/// A click on row `idx` of the tree: selected, or opened if it already was.
pub fn click(app: &mut App, idx: usize) -> Commands {
    let len = app.tree_rows().len();
    if idx == app.sections.selected {
        open(app)
    } else {
        app.sections.select(idx, len);
        follow_tree(app)
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
    let t = &app.palette;
    let sym = t.symbols;
    let total = app.tree_rows().len();
    let pos = app.sections.title_position(total, sym.ascii);
    // The council's name when there is room for it and the position.
    let title = app
        .report()
        .map(|r| {
            format!(
                "Sections: {} {pos}",
                fit::display(&r.authority.short, sym.ascii)
            )
        })
        .filter(|t| fit::width(t) + 4 <= usize::from(area.width))
        .unwrap_or_else(|| format!("Sections {pos}"));
    frame.render_widget(block(app, &title, area, focused), area);
    let i = inner(area);
    if i.width == 0 || i.height == 0 {
        return;
    }
    let Some(r) = app.report() else { return };
    let rows = app.tree_rows();
    let height = usize::from(i.height);
    let w = usize::from(i.width);
    let ri = app.authorities.selected;
    let mut lines = Vec::with_capacity(height);
    if app.sections.shown(rows.len()) == 0 && !rows.is_empty() {
        lines.push(Line::from(Span::styled(
            fit::truncate(&lists::no_match(ListId::Sections), w, sym.ellipsis),
            t.muted,
        )));
    }
    for (_, idx) in app.sections.visible(height, rows.len()) {
        let Some(row) = rows.get(idx) else { continue };
        let Some(s) = r.sections.get(row.section) else {
            continue;
        };
        let text = match row.subsection {
            None => {
                let marker = if s.subsections.is_empty() {
                    " "
                } else if app.expanded.contains(&(ri, row.section)) {
                    sym.expanded
                } else {
                    sym.collapsed
                };
                format!("{marker} {}", section_label(s, sym.ascii))
            }
            Some(k) => format!(
                "    {}",
                fit::display(s.subsections.get(k).map_or("", |x| x.as_str()), sym.ascii)
            ),
        };
        let selected = idx == app.sections.selected;
        let style = match (selected, focused) {
            (true, true) => t.selected,
            (true, false) => t.selected_unfocused,
            _ if row.subsection.is_some() => t.muted_tree,
            _ => t.base,
        };
        let text = if selected {
            fit::pad(&text, w, sym.ellipsis)
        } else {
            fit::truncate(&text, w, sym.ellipsis)
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(lines), i);
}

/// `]` and `[` in the reader: the report's next or previous theme section (wrapping round),
/// as `]`/`[` step through the themes in the comparison. The focus stays in the text if it
/// was there.
pub fn step_theme(app: &mut App, forward: bool) -> Commands {
    let Some(r) = app.report() else {
        return Commands::none();
    };
    let themed: Vec<usize> = r
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.theme.is_some() && s.kind == SectionKind::Theme)
        .map(|(i, _)| i)
        .collect();
    let (Some(&first), Some(&last)) = (themed.first(), themed.last()) else {
        return Commands::say("This report has no theme sections");
    };
    let cur = app.paragraphs.section;
    let to = if forward {
        themed
            .iter()
            .copied()
            .find(|&i| cur.is_none_or(|c| i > c))
            .unwrap_or(first)
    } else {
        themed
            .iter()
            .rev()
            .copied()
            .find(|&i| cur.is_some_and(|c| i < c))
            .unwrap_or(last)
    };
    let k = themed.iter().position(|&i| i == to).map_or(0, |k| k + 1);
    let ascii = app.palette.symbols.ascii;
    let label = app
        .report()
        .and_then(|r| r.sections.get(to))
        .map(|s| section_label(s, ascii));
    let mut commands = Commands::none();
    if let Some(label) = label {
        commands.push(Command::Say(format!(
            "{label} (theme {k} of {})",
            themed.len()
        )));
    }
    commands.push(Command::Show(Target {
        report: app.authorities.selected,
        section: Some(to),
        paragraph: None,
        part: None,
    }));
    if app.focus == Pane::Paragraphs {
        commands.push(Command::Focus(Pane::Paragraphs));
    }
    commands
}
