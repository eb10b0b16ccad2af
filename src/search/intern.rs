//! Interning while indexing: distinct words get dense ids ([`Interner`]), and strings are packed
//! in one buffer each ([`Packed`]).

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Distinct words with dense ids, packed in one string: an open-addressing table of ids keyed by
/// a stored hash, so a lookup rarely touches more than one word (building is mostly this).
#[derive(Default)]
pub(super) struct Interner {
    table: Vec<u32>,
    arena: String,
    starts: Vec<u32>,
    hashes: Vec<u64>,
}

impl Interner {
    pub(super) fn len(&self) -> usize {
        self.hashes.len()
    }

    pub(super) fn get(&self, id: u32) -> &str {
        let s = self.starts[id as usize] as usize;
        let e = self
            .starts
            .get(id as usize + 1)
            .map_or(self.arena.len(), |e| *e as usize);
        &self.arena[s..e]
    }

    pub(super) fn intern(&mut self, w: &str) -> u32 {
        if self.len() * 2 >= self.table.len() {
            self.grow();
        }
        let mut h = FxHasher::default();
        h.write(w.as_bytes());
        let hash = h.finish() | 1;
        let mask = self.table.len() - 1;
        // High bits are the best mixed in FxHash.
        let mut i = (hash >> 32) as usize & mask;
        loop {
            let slot = self.table[i];
            if slot == 0 {
                let id = self.len() as u32;
                self.table[i] = id + 1;
                self.starts.push(self.arena.len() as u32);
                self.arena.push_str(w);
                self.hashes.push(hash);
                return id;
            }
            let id = slot - 1;
            if self.hashes[id as usize] == hash && self.get(id) == w {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let cap = (self.table.len() * 2).max(1024);
        self.table = vec![0; cap];
        let mask = cap - 1;
        for (id, hash) in self.hashes.iter().enumerate() {
            let mut i = (hash >> 32) as usize & mask;
            while self.table[i] != 0 {
                i = (i + 1) & mask;
            }
            self.table[i] = id as u32 + 1;
        }
    }
}

/// Strings packed in one buffer: `text[off[i]..off[i + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Packed {
    pub(super) text: String,
    pub(super) off: Vec<usize>,
}

impl Packed {
    pub(super) fn new() -> Packed {
        Packed {
            text: String::new(),
            off: vec![0],
        }
    }

    pub(super) fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.off.push(self.text.len());
        (self.off.len() - 2) as u32
    }

    pub(super) fn len(&self) -> usize {
        self.off.len() - 1
    }

    pub(super) fn get(&self, i: u32) -> &str {
        &self.text[self.off[i as usize]..self.off[i as usize + 1]]
    }
}
