//! Arrays that are either built in memory or read in place from a stored index (a memory map),
//! so opening a stored index reads only the parts a search touches.

use bytemuck::Pod;
use std::ops::Deref;
use std::sync::Arc;

/// The bytes a stored index is read from: a memory map of the file, or (tests, and a file that
/// cannot be mapped) a copy in memory aligned for any table.
pub(crate) enum Backing {
    Map(memmap2::Mmap),
    Copy { words: Vec<u64>, len: usize },
}

impl Backing {
    /// A copy of `bytes`, 8-byte aligned.
    pub(crate) fn copy(bytes: &[u8]) -> Backing {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        Backing::Copy {
            words,
            len: bytes.len(),
        }
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Backing::Map(m) => m,
            Backing::Copy { words, len } => &bytemuck::cast_slice(words)[..*len],
        }
    }
}

/// A read-only array of `T`: owned, or a range of a [`Backing`] (checked for alignment and
/// bounds when made, so reading it never fails).
#[derive(Clone)]
pub(crate) enum Table<T: Pod> {
    Owned(Vec<T>),
    Mapped {
        backing: Arc<Backing>,
        start: usize,
        len: usize,
    },
}

impl<T: Pod> Default for Table<T> {
    fn default() -> Self {
        Table::Owned(Vec::new())
    }
}

impl<T: Pod + std::fmt::Debug> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Pod + PartialEq> PartialEq for Table<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Pod> From<Vec<T>> for Table<T> {
    fn from(v: Vec<T>) -> Self {
        Table::Owned(v)
    }
}

impl<T: Pod> Table<T> {
    /// `len` elements at byte `start` of `backing`; `None` when out of bounds or misaligned
    /// (or on a big-endian machine, where the stored little-endian values are copied instead).
    pub(crate) fn mapped(backing: &Arc<Backing>, start: usize, len: usize) -> Option<Table<T>> {
        let size = std::mem::size_of::<T>();
        let end = len.checked_mul(size)?.checked_add(start)?;
        let bytes = backing.bytes().get(start..end)?;
        if cfg!(target_endian = "big") && size > 1 {
            return None;
        }
        bytemuck::try_cast_slice::<u8, T>(bytes).ok()?;
        Some(Table::Mapped {
            backing: Arc::clone(backing),
            start,
            len,
        })
    }
}

impl<T: Pod> Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Table::Owned(v) => v,
            Table::Mapped {
                backing,
                start,
                len,
            } => {
                let size = std::mem::size_of::<T>();
                // Checked in `mapped`: in bounds and aligned.
                bytemuck::cast_slice(&backing.bytes()[*start..*start + *len * size])
            }
        }
    }
}
