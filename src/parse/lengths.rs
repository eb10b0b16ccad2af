//! A set of word lengths, for turning a word away before a look-up: a word of no listed
//! length is none of the listed words.

/// Byte lengths, one bit each. Lengths from 63 up share the last bit, so for them the set can
/// only say "maybe".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lengths(u64);

impl Lengths {
    const fn bit(len: usize) -> u64 {
        1 << if len < 63 { len } else { 63 }
    }

    /// The lengths of `words`.
    pub(crate) const fn of(words: &[&str]) -> Lengths {
        let mut set = Lengths(0);
        let mut i = 0;
        while i < words.len() {
            set = set.with(words[i].len());
            i += 1;
        }
        set
    }

    /// This set and `len`.
    #[must_use]
    pub(crate) const fn with(self, len: usize) -> Lengths {
        Lengths(self.0 | Self::bit(len))
    }

    /// This set and `other`.
    #[must_use]
    pub(crate) const fn union(self, other: Lengths) -> Lengths {
        Lengths(self.0 | other.0)
    }

    /// Whether a word of `len` bytes may be in the set (false: it is not).
    pub(crate) const fn may_hold(self, len: usize) -> bool {
        self.0 & Self::bit(len) != 0
    }
}

impl FromIterator<usize> for Lengths {
    fn from_iter<I: IntoIterator<Item = usize>>(lens: I) -> Lengths {
        lens.into_iter().fold(Lengths::default(), Lengths::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_it_was_given_and_only_that_below_63() {
        let set = Lengths::of(&["and", "findings", ""]);
        for len in 0..63 {
            assert_eq!(set.may_hold(len), [0, 3, 8].contains(&len), "{len}");
        }
        // From 63 up, one bit: a long word given makes every long word "maybe".
        assert!(!set.may_hold(100));
        let long: Lengths = [70].into_iter().collect();
        assert!(long.may_hold(63) && long.may_hold(1000) && !long.may_hold(62));
        assert_eq!(set.union(long), set.with(70));
    }
}
