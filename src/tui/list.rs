//! A scrolling list's state: the selection, the first row in view and the list's filter (`f`,
//! [`ListFilter`]). Every list of the explorer (councils, sections, search hits, bookmarks) keeps
//! one, so filtering, paging and scrolling work the same everywhere.
//!
//! `selected` is an index into the whole list, whatever the filter shows, so the code that acts
//! on the selection never sees the filter; `offset` counts shown rows. Movements go through the
//! shown rows ([`ListState::moved`]), and scrolling keeps the selection in view with the pane
//! filled ([`ListState::visible_offset`]).

use super::action::Action;
use super::list_filter::{position_label, ListFilter};

/// A selection in a scrolling, filterable list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// Index into the whole list.
    pub selected: usize,
    /// The first visible row, among the rows shown.
    pub offset: usize,
    /// What `f` typed; narrows the rows shown.
    pub filter: ListFilter,
}

impl ListState {
    /// Selects `i`, clamped to a list of `len` rows.
    pub fn select(&mut self, i: usize, len: usize) {
        self.selected = i.min(len.saturating_sub(1));
    }

    /// Moves by `delta` rows of the whole list, clamped (for lists that are never filtered).
    pub fn step(&mut self, delta: isize, len: usize) {
        let i = self.selected.saturating_add_signed(delta);
        self.select(i, len);
    }

    /// How many rows are shown of a list of `total`.
    pub fn shown(&self, total: usize) -> usize {
        self.filter.len(total)
    }

    /// The selection's row among those shown (the first when the filter hides it).
    pub fn row(&self, total: usize) -> usize {
        self.filter.row_of(self.selected, total).unwrap_or(0)
    }

    /// The index into the whole list of shown row `row`.
    pub fn original(&self, row: usize, total: usize) -> Option<usize> {
        self.filter.original(row, total)
    }

    /// Where a movement action (`j`, `k`, `g`, `G`, half pages, PgUp/PgDn of `page` rows)
    /// takes the selection, moving through the rows shown: an index into the whole list, or
    /// `None` for another action or an empty list. The caller selects it (and shows what it
    /// selects).
    pub fn moved(&self, action: Action, total: usize, page: usize) -> Option<usize> {
        let shown = self.shown(total);
        if shown == 0 {
            return None;
        }
        let cur = self.row(total);
        let page = page.max(1);
        let to = match action {
            Action::Down => cur.saturating_add(1),
            Action::Up => cur.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => shown - 1,
            Action::HalfPageDown => cur.saturating_add((page / 2).max(1)),
            Action::HalfPageUp => cur.saturating_sub((page / 2).max(1)),
            Action::PageDown => cur.saturating_add(page),
            Action::PageUp => cur.saturating_sub(page),
            _ => return None,
        };
        self.original(to.min(shown - 1), total)
    }

    /// [`ListState::moved`], selected: returns whether the selection changed.
    pub fn apply(&mut self, action: Action, total: usize, page: usize) -> bool {
        match self.moved(action, total, page) {
            Some(i) if i != self.selected => {
                self.selected = i;
                true
            }
            _ => false,
        }
    }

    /// Adjusts the offset so the selection is within `height` rows and the rows fill them.
    pub fn keep_visible(&mut self, height: usize, total: usize) {
        self.offset = self.visible_offset(height, total);
    }

    /// The offset that shows the selection within `height` rows, with no blank rows below the
    /// last while there are rows above the first (pure, for drawing).
    pub fn visible_offset(&self, height: usize, total: usize) -> usize {
        if height == 0 {
            return self.offset;
        }
        let row = self.row(total);
        let off = if row < self.offset {
            row
        } else if row >= self.offset + height {
            row + 1 - height
        } else {
            self.offset
        };
        off.min(self.shown(total).saturating_sub(height))
    }

    /// The rows in view in `height` rows: (shown row, index into the whole list).
    pub fn visible(&self, height: usize, total: usize) -> Vec<(usize, usize)> {
        let off = self.visible_offset(height, total);
        let end = off.saturating_add(height).min(self.shown(total));
        (off..end)
            .filter_map(|row| self.original(row, total).map(|i| (row, i)))
            .collect()
    }

    /// Filters again with the filter's query (it changed, or the rows did), back to the top.
    /// Returns the best match when the selection is not it: the caller selects it, as fzf
    /// puts the cursor on the best match.
    pub fn refilter<S: AsRef<str>>(&mut self, rows: &[S]) -> Option<usize> {
        self.filter.refresh(rows);
        self.offset = 0;
        let total = rows.len();
        let first = self.filter.original(0, total)?;
        (self.filter.is_active() && self.filter.row_of(self.selected, total) != Some(0))
            .then_some(first)
    }

    /// `n/N` for the list's title, `1/4 of 992` while filtered, and the filter's query once
    /// it is kept (`f:0500`).
    pub fn title_position(&self, total: usize, ascii: bool) -> String {
        let mut s = position_label(self.row(total), self.shown(total), total);
        if self.filter.is_active() && !self.filter.typing {
            s.push_str(&format!(
                " f:{}",
                crate::text::fit::display(self.filter.editor.text(), ascii)
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("row {i:03}")).collect()
    }

    #[test]
    fn pages_move_by_the_height_and_stop_at_the_ends() {
        let rows = names(50);
        let mut l = ListState::default();
        assert!(l.apply(Action::PageDown, 50, 20));
        assert_eq!(l.selected, 20);
        l.apply(Action::PageDown, 50, 20);
        l.apply(Action::PageDown, 50, 20);
        assert_eq!(l.selected, 49);
        assert!(!l.apply(Action::PageDown, 50, 20));
        l.apply(Action::PageUp, 50, 20);
        assert_eq!(l.selected, 29);
        l.apply(Action::Top, 50, 20);
        assert_eq!(l.selected, 0);
        assert_eq!(l.moved(Action::Open, rows.len(), 20), None);
        assert_eq!(ListState::default().moved(Action::Down, 0, 20), None);
    }

    #[test]
    fn the_view_stays_filled_when_it_grows() {
        // At the bottom of a 6-row view, then the view grows to 20 (zoom): no blank rows.
        let mut l = ListState::default();
        l.apply(Action::Bottom, 100, 6);
        l.keep_visible(6, 100);
        assert_eq!(l.offset, 94);
        assert_eq!(l.visible_offset(20, 100), 80);
        let v = l.visible(20, 100);
        assert_eq!(v.len(), 20);
        assert_eq!(v.last(), Some(&(99, 99)));
        // A short list starts at the top.
        assert_eq!(l.visible_offset(20, 5), 0);
    }

    #[test]
    fn moves_go_through_the_rows_shown() {
        let rows = names(300);
        let mut l = ListState::default();
        l.filter.typing = true;
        l.filter.editor.insert_str("'9");
        assert_eq!(l.refilter(&rows), Some(9));
        l.selected = 9;
        assert_eq!(l.refilter(&rows), None);
        let shown = l.shown(rows.len());
        assert!(shown > 10 && shown < 300, "{shown}");
        l.apply(Action::Down, rows.len(), 10);
        assert!(rows[l.selected].contains('9'));
        l.apply(Action::Bottom, rows.len(), 10);
        assert_eq!(l.row(rows.len()), shown - 1);
        assert!(rows[l.selected].contains('9'));
        for (_, i) in l.visible(10, rows.len()) {
            assert!(rows[i].contains('9'), "{}", rows[i]);
        }
        assert_eq!(
            l.title_position(rows.len(), false),
            format!("{shown}/{shown} of 300")
        );
        l.filter.typing = false;
        assert!(l.title_position(rows.len(), false).ends_with(" f:'9"));
        // Cleared: every row again, the selection kept.
        let sel = l.selected;
        l.filter.clear();
        assert_eq!(l.shown(rows.len()), 300);
        assert_eq!(l.row(rows.len()), sel);
    }
}
