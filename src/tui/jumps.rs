//! The jump list, as in vim and less: every jump (go-to, search hit, bookmark, link, compare
//! `Enter`) records where it left from, `Ctrl-o` walks back, `Ctrl-i` forward again, and `''`
//! returns to where the last jump left from (twice: back where you were).
//!
//! Pure and generic over the position type, so it is tested without an explorer.

/// At most this many positions are kept; the oldest go first.
pub const MAX_JUMPS: usize = 100;

/// Positions jumped from, oldest first, and where `Ctrl-o`/`Ctrl-i` are in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpList<T> {
    entries: Vec<T>,
    /// Index of the entry `Ctrl-i` would return to next; `entries.len()` at the newest end.
    cursor: usize,
}

impl<T> Default for JumpList<T> {
    fn default() -> Self {
        JumpList {
            entries: Vec::new(),
            cursor: 0,
        }
    }
}

impl<T: Clone + PartialEq> JumpList<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a jump away from `from`. As in vim, `from` moves to the newest end (an older copy
    /// of it is dropped), and walking back starts again from there.
    pub fn record(&mut self, from: T) {
        self.entries.retain(|e| *e != from);
        self.entries.push(from);
        if self.entries.len() > MAX_JUMPS {
            let extra = self.entries.len() - MAX_JUMPS;
            self.entries.drain(..extra);
        }
        self.cursor = self.entries.len();
    }

    /// `Ctrl-o`: the position before `current` in the list, or `None` at the oldest. Leaving
    /// the newest end keeps `current`, so `Ctrl-i` can come back to it.
    pub fn back(&mut self, current: T) -> Option<T> {
        if self.cursor == self.entries.len() {
            if self.entries.last() == Some(&current) {
                // Already recorded (jumped back here before): step past it.
                self.cursor = self.entries.len() - 1;
            } else {
                self.entries.push(current.clone());
                if self.entries.len() > MAX_JUMPS {
                    self.entries.remove(0);
                }
                self.cursor = self.entries.len() - 1;
            }
        }
        // Skip entries equal to where we are (a jump that went nowhere).
        while self.cursor > 0 {
            self.cursor -= 1;
            if self.entries[self.cursor] != current {
                return Some(self.entries[self.cursor].clone());
            }
        }
        // Nothing older: stay put.
        self.cursor = self.entries.iter().position(|e| *e == current).unwrap_or(0);
        None
    }

    /// `Ctrl-i`: the position after the current one, or `None` at the newest.
    pub fn forward(&mut self, current: T) -> Option<T> {
        while self.cursor + 1 < self.entries.len() {
            self.cursor += 1;
            if self.entries[self.cursor] != current {
                return Some(self.entries[self.cursor].clone());
            }
        }
        None
    }

    /// `''`: back to where the last jump left from, recording `current` so that `''` again
    /// returns here.
    pub fn toggle(&mut self, current: T) -> Option<T> {
        let target = self
            .entries
            .iter()
            .rev()
            .find(|e| **e != current)
            .cloned()?;
        self.record(current);
        Some(target)
    }

    /// Positions recorded, oldest first.
    pub fn entries(&self) -> &[T] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `Ctrl-o` from `current` would move.
    pub fn can_go_back(&self, current: &T) -> bool {
        let end = if self.cursor == self.entries.len() {
            self.entries.len()
        } else {
            self.cursor
        };
        self.entries[..end].iter().any(|e| e != current)
    }

    /// Whether `Ctrl-i` from `current` would move.
    pub fn can_go_forward(&self, current: &T) -> bool {
        self.entries
            .get(self.cursor + 1..)
            .is_some_and(|rest| rest.iter().any(|e| e != current))
    }

    /// Forgets positions `keep` says no longer exist (a report removed from the library).
    pub fn retain(&mut self, keep: impl Fn(&T) -> bool) {
        let before = self.entries[..self.cursor.min(self.entries.len())]
            .iter()
            .filter(|e| keep(e))
            .count();
        self.entries.retain(|e| keep(e));
        self.cursor = before.min(self.entries.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut j = JumpList::new();
        // At 1, jump to 2; at 2, jump to 3; now at 3.
        j.record(1);
        j.record(2);
        assert_eq!(j.back(3), Some(2));
        assert_eq!(j.back(2), Some(1));
        assert_eq!(j.back(1), None);
        assert_eq!(j.forward(1), Some(2));
        assert_eq!(j.forward(2), Some(3));
        assert_eq!(j.forward(3), None);
        // And back again from the newest.
        assert_eq!(j.back(3), Some(2));
    }

    #[test]
    fn a_new_jump_after_going_back_starts_from_there() {
        let mut j = JumpList::new();
        j.record(1);
        j.record(2);
        assert_eq!(j.back(3), Some(2));
        // At 2, jump to 9.
        j.record(2);
        assert_eq!(j.back(9), Some(2));
        assert_eq!(j.back(2), Some(3));
        assert_eq!(j.back(3), Some(1));
        assert_eq!(j.back(1), None);
    }

    #[test]
    fn nothing_recorded_means_nowhere_to_go() {
        let mut j: JumpList<u32> = JumpList::new();
        assert!(!j.can_go_back(&5));
        assert_eq!(j.back(5), None);
        assert_eq!(j.forward(5), None);
        assert_eq!(j.toggle(5), None);
    }

    #[test]
    fn quote_quote_toggles_between_two_places() {
        let mut j = JumpList::new();
        j.record(1); // at 1, jumped to 2
        assert_eq!(j.toggle(2), Some(1));
        assert_eq!(j.toggle(1), Some(2));
        assert_eq!(j.toggle(2), Some(1));
        assert_eq!(j.entries(), [1, 2]);
    }

    #[test]
    fn a_jump_to_where_you_are_is_skipped() {
        let mut j = JumpList::new();
        j.record(1);
        j.record(2);
        // Went from 2 to 2 (go-to the paragraph already shown) and then jumped again from 2.
        j.record(2);
        assert_eq!(j.entries(), [1, 2]);
        assert_eq!(j.back(2), Some(1));
    }

    #[test]
    fn can_go_reflects_the_walk() {
        let mut j = JumpList::new();
        j.record(1);
        assert!(j.can_go_back(&2));
        assert!(!j.can_go_back(&1));
        assert!(!j.can_go_forward(&2));
        assert_eq!(j.back(2), Some(1));
        assert!(j.can_go_forward(&1));
        assert!(!j.can_go_back(&1));
    }

    #[test]
    fn bounded() {
        let mut j = JumpList::new();
        for i in 0..(MAX_JUMPS + 50) {
            j.record(i);
        }
        assert_eq!(j.entries().len(), MAX_JUMPS);
        assert_eq!(j.entries()[0], 50);
        let mut at = MAX_JUMPS + 50;
        let mut steps = 0;
        while let Some(p) = j.back(at) {
            at = p;
            steps += 1;
        }
        assert_eq!(
            at,
            50 + 1,
            "the oldest kept after the current position was added"
        );
        assert!(steps <= MAX_JUMPS);
    }

    #[test]
    fn retain_drops_gone_positions() {
        let mut j = JumpList::new();
        j.record(1);
        j.record(2);
        j.record(3);
        j.retain(|&e| e != 2);
        assert_eq!(j.back(4), Some(3));
        assert_eq!(j.back(3), Some(1));
    }
}
