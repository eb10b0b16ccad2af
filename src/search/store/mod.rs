//! The search index on disk, so `ciw search` over a library starts searching at once instead
//! of re-reading every report and indexing it again, and reads only what a search touches.
//!
//! Layout (little-endian): the magic `CIWSIDX\0`, the format number (u32), the number of parts
//! (u32), the caller's key (16 bytes: what the index was built from), then a directory with the
//! offset, length and xxh3-64 checksum (u64 each) of every part, and the checksum of all of that.
//! The parts follow, each 8-byte aligned: the index's arrays as they are in memory, so that
//! [`open`] maps the file and reads them in place ([`memmap2`]), plus a few small serialised
//! ones (reports, strings, acronyms).
//!
//! What is checked when: the header, the directory and every part's place in the file when the
//! index is opened; the small parts every search reads (tables per paragraph, the vocabulary,
//! the offsets) there too, checksum and structure (every offset, id and boundary), so a damaged
//! or hand-made file is refused, never a panic later. The two big parts, the postings and the
//! paragraph texts, carry a checksum per block instead, checked the first time a search reads
//! that block ([`SearchIndex::try_search`] then fails, and the caller rebuilds); a file under
//! [`EAGER_BELOW`] is checked whole when opened. A reader that holds the corpus can have the
//! texts read from it instead ([`open`] with `share`).
//!
//! The code: this module is the layout (its parts, its errors) and the ways in ([`open`],
//! [`from_bytes`]); `write` sets an index out in it ([`to_bytes`]), `read` checks and reads it.

mod read;
mod write;

pub use write::to_bytes;

use super::index::SearchIndex;
use super::table::Backing;
use crate::corpus::Corpus;
use read::read;
use std::fs::File;
use std::sync::Arc;

/// Bump when the layout or the meaning of a field changes.
pub const FORMAT: u32 = 5;
const MAGIC: &[u8; 8] = b"CIWSIDX\0";
/// Files smaller than this are checked whole when opened (it costs about a millisecond).
pub const EAGER_BELOW: usize = 8 << 20;

/// The parts, in the order of the directory.
#[derive(Clone, Copy)]
#[repr(usize)]
enum Part {
    Meta,
    Reports,
    StringsText,
    StringsOff,
    DocReport,
    DocSection,
    DocParagraph,
    DocSubsection,
    DocTheme,
    DocWeight,
    DocLen,
    DocPages,
    VocabText,
    VocabOff,
    VocabMask,
    VocabLen,
    PostOff,
    PostDoc,
    PostTf,
    PostSums,
    CtxStart,
    CtxEnd,
    TitleOff,
    TitleCtx,
    Acronyms,
    TextOff,
    Text,
    TextSums,
}
const PARTS: usize = Part::TextSums as usize + 1;
/// Parts checked block by block, not whole.
const BLOCKED: [Part; 3] = [Part::PostDoc, Part::PostTf, Part::Text];
/// Magic, format, part count, key; the directory; its checksum.
const HEADER: usize = 8 + 4 + 4 + 16 + PARTS * 24 + 8;

/// Fields of [`Part::Meta`].
const META: usize = 10;

/// Why a stored index cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Built from other reports, by another parser or in another format: rebuild, quietly.
    #[error("made for other reports or by another version")]
    Stale,
    /// Damaged: rebuild, and say so.
    #[error("damaged: {0}")]
    Corrupt(String),
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// Reads an index written by [`to_bytes`] for `key`, from a copy of `bytes`. Anything that does
/// not hold together is [`StoreError::Corrupt`]; another key or format is [`StoreError::Stale`].
pub fn from_bytes(bytes: &[u8], key: [u8; 16]) -> Result<SearchIndex, StoreError> {
    let backing = Arc::new(Backing::copy(bytes));
    let eager = bytes.len() < EAGER_BELOW;
    read(backing, key, None, eager)
}

/// Opens the index stored in `file`: maps it into memory and reads it in place (see the module
/// docs for what is checked when). With `share`, a corpus whose texts are the stored ones (same
/// checksum and lengths), the texts are read from the corpus.
pub fn open(
    file: &File,
    key: [u8; 16],
    share: Option<&Arc<Corpus>>,
) -> Result<SearchIndex, StoreError> {
    // SAFETY: the library replaces `search.bin` by renaming a new file over it, never by
    // writing into it, so the mapped bytes do not change under the reader; every table read
    // from them is checked for bounds and alignment first.
    let backing = match unsafe { memmap2::Mmap::map(file) } {
        Ok(map) => Backing::Map(map),
        Err(_) => {
            use std::io::Read;
            let mut bytes = Vec::new();
            (&*file)
                .read_to_end(&mut bytes)
                .map_err(|e| StoreError::Corrupt(format!("cannot read it: {e}")))?;
            Backing::copy(&bytes)
        }
    };
    let eager = backing.bytes().len() < EAGER_BELOW;
    read(Arc::new(backing), key, share, eager)
}

#[cfg(test)]
mod tests;
