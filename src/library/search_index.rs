//! The stored search index (`search.bin`), keyed by the manifest's entries and the indexing code.

use super::atomic::write_atomic;
use super::cache::cache_stamp;
use super::lock::lock;
use super::{Library, SearchLoad, SEARCH_INDEX};
use crate::corpus::Corpus;
use crate::search::store::{self, StoreError};
use crate::search::SearchIndex;
use crate::text::shown_path;
use std::io;
use std::sync::Arc;

impl Library {
    /// What a stored search index must have been built from: these reports (each entry's key
    /// and id, in order), this parser and report model, and this indexing code.
    pub(super) fn search_key(&self) -> [u8; 16] {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&cache_stamp().to_le_bytes());
        h.update(include_str!("../search/mod.rs").as_bytes());
        h.update(include_str!("../search/index/mod.rs").as_bytes());
        h.update(include_str!("../search/index/build.rs").as_bytes());
        h.update(include_str!("../search/index/texts.rs").as_bytes());
        h.update(include_str!("../search/units.rs").as_bytes());
        h.update(include_str!("../search/acronym.rs").as_bytes());
        h.update(include_str!("../search/store/mod.rs").as_bytes());
        h.update(include_str!("../search/store/read.rs").as_bytes());
        h.update(include_str!("../search/store/write.rs").as_bytes());
        h.update(include_str!("../search/token.rs").as_bytes());
        for e in &self.manifest.reports {
            h.update(e.key.as_bytes());
            h.update(&[0xff]);
            h.update(e.id.as_bytes());
            h.update(&[0xff]);
        }
        h.digest128().to_be_bytes()
    }

    /// The stored search index, if `search.bin` was built from exactly these reports by this
    /// version. A damaged or unreadable one is `None` with a note; a stale or missing one is
    /// `None`, quietly. `share`: the loaded reports, if the caller holds them; the index then
    /// reads its texts from them instead of holding a copy ([`store::open`]).
    pub fn stored_search_index(
        &self,
        share: Option<&Arc<Corpus>>,
    ) -> (Option<SearchIndex>, Option<String>) {
        let path = self.dir.join(SEARCH_INDEX);
        match crate::input::open_stored(&path) {
            Ok(file) => match store::open(&file, self.search_key(), share) {
                Ok(index) => (Some(index), None),
                Err(StoreError::Stale) => (None, None),
                Err(StoreError::Corrupt(why)) => (
                    None,
                    Some(format!(
                        "{}: the search index is damaged ({why}); rebuilding it",
                        shown_path(&path)
                    )),
                ),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (None, None),
            Err(e) => (
                None,
                Some(format!(
                    "{}: cannot read the search index ({e}); rebuilding it",
                    shown_path(&path)
                )),
            ),
        }
    }

    /// Stores `index` as this library's search index. The caller vouches that it was built
    /// from all of this library's reports, in [`Corpus::new`] order. Best effort: `Ok(false)`
    /// when another process holds the library.
    pub fn store_search_index(&self, index: &SearchIndex) -> Result<bool, String> {
        let path = self.dir.join(SEARCH_INDEX);
        let Ok(_lock) = lock(&self.dir) else {
            return Ok(false);
        };
        write_atomic(&path, &store::to_bytes(index, self.search_key()))
            .map(|()| true)
            .map_err(|e| {
                format!(
                    "{}: could not store the search index: {e}",
                    shown_path(&path)
                )
            })
    }

    /// The search index over every imported report: the stored one when it is fresh, else
    /// built from the loaded reports and stored for next time (only when every report loaded).
    /// Its reports are in [`Corpus::new`] order, as the explorer's are.
    pub fn search_index(&self) -> SearchLoad {
        let (stored, note) = self.stored_search_index(None);
        let notes: Vec<String> = note.into_iter().collect();
        if let Some(index) = stored {
            return SearchLoad {
                index,
                notes,
                left_out: 0,
                stored: true,
            };
        }
        self.build_search_index(notes)
    }

    /// The search index built again from the reports, after a search found the stored one
    /// damaged where it read it (`why`); stored for next time, with a note saying so.
    pub fn rebuild_search_index(&self, why: &StoreError) -> SearchLoad {
        let note = format!(
            "{}: the search index is damaged ({}); rebuilding it",
            shown_path(&self.dir.join(SEARCH_INDEX)),
            match why {
                StoreError::Corrupt(w) => w.as_str(),
                StoreError::Stale => "made for other reports",
            }
        );
        self.build_search_index(vec![note])
    }

    fn build_search_index(&self, mut notes: Vec<String>) -> SearchLoad {
        let loaded = self.load();
        notes.extend(loaded.notes);
        let index = SearchIndex::new(&Corpus::new(loaded.reports));
        let mut stored = false;
        if loaded.left_out == 0 {
            match self.store_search_index(&index) {
                Ok(done) => stored = done,
                Err(e) => notes.push(e),
            }
        }
        SearchLoad {
            index,
            notes,
            left_out: loaded.left_out,
            stored,
        }
    }
}
