//! Which councils the comparison shows: those picked with Space in the reports pane (plus the
//! report being read), else all.

use crate::text::fit;
use crate::tui::app::App;

/// Picks or unpicks the selected council (Space in the reports pane).
pub fn toggle_pick(app: &mut App) {
    let i = app.authorities.selected;
    let Some(r) = app.corpus.reports.get(i) else {
        return;
    };
    let name = fit::display(&r.authority.short, app.palette.symbols.ascii);
    let picked = &mut app.compare.picked;
    if !picked.remove(&i) {
        picked.insert(i);
    }
    let n = picked.len();
    app.message = Some(match n {
        0 => "No council picked: c compares all of them".to_string(),
        _ if app.compare.picked.contains(&i) => {
            format!("Picked {name} ({n} picked): c compares the picked councils")
        }
        _ => format!("Unpicked {name} ({n} picked)"),
    });
}

/// The reports to compare: the picked ones plus the one being read, else all.
pub(super) fn report_set(app: &App) -> Vec<usize> {
    let s = &app.compare;
    if s.picked.is_empty() {
        return (0..app.corpus.reports.len()).collect();
    }
    let mut set = s.picked.clone();
    set.insert(app.authorities.selected);
    set.into_iter()
        .filter(|&i| i < app.corpus.reports.len())
        .collect()
}
