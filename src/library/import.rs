//! Writing the library: import, remove, and the commit that both end with.

use super::atomic::{sync_dir, sync_folder, write_atomic};
use super::cache::write_cache;
use super::lock::lock_create;
use super::manifest::{hex, parse_key, source_key, Entry, Manifest};
use super::own::{self, INCOMING};
use super::{fault, io_err, unix_now, ImportEvent, Library, LibraryError, CACHE, SOURCES};
use crate::corpus::{self, LoadError};
use crate::input;
use crate::model::slug;
use crate::parse;
use crate::text::{for_terminal, shown_path};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::PathBuf;

impl Library {
    /// Imports files and folders (the `.txt` files of a folder). Each file that parses is stored;
    /// it replaces only the same document imported before (same content, the same file imported
    /// again, or a new version under the same file name), and a different document whose id is
    /// taken gets the next free one (`wrexham-2021-11-2`). Each file that does not parse is a [`ImportEvent::Failed`]
    /// and the rest go on. All of it is committed at once at the end; an `Err` means nothing was
    /// committed and the library is as it was. Notes (recoveries, set-aside orphans) wait in
    /// [`Library::take_notes`].
    ///
    /// The folder must be a library already, or new, or empty ([`LibraryError::Foreign`]
    /// otherwise). The steps, each a committed state if the process dies after it (see
    /// [`super::fault`]): a new library gets its marker and an empty manifest; the new sources
    /// are written to `incoming/`; the cache is rewritten to hold the old and the new reports;
    /// the sources move into `sources/`; the manifest is renamed into place (the commit); the
    /// sources it no longer names are deleted.
    pub fn import(&mut self, paths: &[PathBuf]) -> Result<Vec<ImportEvent>, LibraryError> {
        own::check_adoptable(&self.dir)?;
        let _lock = lock_create(&self.dir)?;
        own::adopt(&self.dir)?;
        self.reload()?;
        let tidied = own::tidy(&self.dir, &self.manifest)?;
        self.notes.extend(tidied);
        let sources = own::own_dir(&self.dir, SOURCES)?;
        // Make the folders themselves durable (their entries in their parents).
        sync_dir(&sources)
            .and_then(|_| sync_dir(&self.dir))
            .map_err(io_err(&self.dir))?;
        let (files, errors) = corpus::expand(paths);
        let mut events: Vec<ImportEvent> = errors.into_iter().map(ImportEvent::Failed).collect();
        let old_keys: HashSet<[u8; 16]> = self
            .manifest
            .reports
            .iter()
            .filter_map(|e| parse_key(&e.key))
            .collect();
        let mut manifest = self.manifest.clone();
        let mut new_payloads: HashMap<[u8; 16], Vec<u8>> = HashMap::new();
        // Sources written to `incoming/`, by name; deleted again if the import fails.
        let mut staging = Staging::default();
        let now = unix_now();
        for file in files {
            let shown = shown_path(&file);
            let bytes = match input::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    events.push(ImportEvent::Failed(LoadError::input(&file, e)));
                    continue;
                }
            };
            let origin = corpus::origin_of(&file);
            let mut report = match parse::parse_bytes(&bytes, &origin) {
                Ok(r) => r,
                Err(source) => {
                    events.push(ImportEvent::Failed(LoadError::Parse {
                        path: shown,
                        source,
                    }));
                    continue;
                }
            };
            let key = source_key(&bytes, &origin);
            let hex = hex(&key);
            // The same document imported before keeps its id (and is replaced): the same
            // content, the same file, or a file of the same name whose text names its council
            // (a new version of it). Another document with the same id gets the next free one.
            let named = report.authority.is_known();
            report.id = place(&manifest, &report.id, |e| {
                e.key == hex
                    || e.imported_from == shown
                    || (named && e.origin == origin)
                    || input::read_stored(&sources.join(&e.source), bytes.len() as u64)
                        .is_ok_and(|b| b == bytes)
            });
            // A PDF is kept as the PDF it is.
            let ext = if parse::pdf::is_pdf(&bytes) {
                "pdf"
            } else {
                "txt"
            };
            let source_name = format!("{}-{}.{ext}", slug(&report.id), &hex[..16]);
            // Already stored with these very bytes: nothing to write. Otherwise (new, or the
            // stored copy damaged) staged, and moved in at the commit.
            let stored = input::read_stored(&sources.join(&source_name), bytes.len() as u64)
                .is_ok_and(|b| b == bytes);
            if !stored && !staging.names.contains(&source_name) {
                let dir = match &staging.dir {
                    Some(d) => d.clone(),
                    None => staging
                        .dir
                        .insert(own::own_dir(&self.dir, INCOMING)?)
                        .clone(),
                };
                let dest = dir.join(&source_name);
                staging.names.insert(source_name.clone());
                write_atomic(&dest, &bytes).map_err(io_err(&dest))?;
            }
            let payload =
                postcard::to_allocvec(&report).map_err(|e| io_err(&file)(io::Error::other(e)))?;
            new_payloads.insert(key, payload);
            let entry = Entry::new(&report, origin, shown.clone(), source_name, hex, now);
            let replaced = manifest.upsert(entry.clone());
            events.push(ImportEvent::Imported {
                path: shown,
                entry,
                replaced,
            });
        }
        if new_payloads.is_empty() {
            return Ok(events);
        }
        fault::point("import:staged");
        // The cache keeps what the old and the new manifest name, so it serves either one if we
        // are killed before the commit below.
        let mut keep = old_keys;
        keep.extend(manifest.reports.iter().filter_map(|e| parse_key(&e.key)));
        let cache = self.dir.join(CACHE);
        write_cache(&cache, &keep, &new_payloads).map_err(io_err(&cache))?;
        fault::point("import:cache");
        if let Some(dir) = &staging.dir {
            let named: HashSet<&str> = manifest.reports.iter().map(|e| e.source.as_str()).collect();
            for name in std::mem::take(&mut staging.names) {
                let from = dir.join(&name);
                if named.contains(name.as_str()) {
                    let to = sources.join(&name);
                    fs::rename(&from, &to).map_err(io_err(&to))?;
                } else {
                    // Staged, then replaced by a later file of the same import.
                    let _ = fs::remove_file(&from);
                }
            }
            sync_folder(&sources).map_err(io_err(&sources))?;
        }
        fault::point("import:moved");
        self.commit(manifest)?;
        fault::point("import:committed");
        Ok(events)
    }

    /// Re-reads the manifest (under the lock: another process may have committed since `open`).
    pub(super) fn reload(&mut self) -> Result<(), LibraryError> {
        let (fresh, _) = Library::open(&self.dir)?;
        self.manifest = fresh.manifest;
        Ok(())
    }

    /// Removes the report with this id, or every report of this authority (short or full name,
    /// any case). Returns what was removed. No match removes nothing: [`LibraryError::NotFound`].
    pub fn remove(&mut self, key: &str) -> Result<Vec<Entry>, LibraryError> {
        if !own::is_library(&self.dir) {
            return Err(LibraryError::NotFound {
                key: key.to_string(),
                known: "nothing yet".into(),
            });
        }
        let _lock = lock_create(&self.dir)?;
        self.reload()?;
        let tidied = own::tidy(&self.dir, &self.manifest)?;
        self.notes.extend(tidied);
        let k = slug(key);
        let matches = |e: &Entry| {
            !k.is_empty()
                && (e.id == k
                    || e.id == key.trim()
                    || slug(&e.authority) == k
                    || slug(&e.authority_name) == k)
        };
        if !self.manifest.reports.iter().any(matches) {
            let mut known: Vec<std::borrow::Cow<str>> = self
                .manifest
                .reports
                .iter()
                .map(|e| for_terminal(&e.id))
                .collect();
            known.sort_unstable();
            return Err(LibraryError::NotFound {
                key: key.to_string(),
                known: if known.is_empty() {
                    "nothing yet".into()
                } else {
                    known.join(", ")
                },
            });
        }
        let mut manifest = self.manifest.clone();
        let (removed, kept): (Vec<Entry>, Vec<Entry>) =
            manifest.reports.into_iter().partition(|e| matches(e));
        manifest.reports = kept;
        self.commit(manifest)?;
        fault::point("remove:committed");
        let keep: HashSet<[u8; 16]> = self
            .manifest
            .reports
            .iter()
            .filter_map(|e| parse_key(&e.key))
            .collect();
        // After the commit: a failure here only leaves unused entries behind.
        let _ = write_cache(&self.dir.join(CACHE), &keep, &HashMap::new());
        Ok(removed)
    }

    /// Writes the manifest (the commit point), then deletes the sources the old manifest named
    /// and the new one does not. Caller holds the lock.
    pub(super) fn commit(&mut self, manifest: Manifest) -> Result<(), LibraryError> {
        if let Some(note) = super::manifest::write(&self.dir, &manifest)? {
            self.notes.push(note);
        }
        let before = std::mem::replace(&mut self.manifest, manifest);
        own::delete_replaced(&self.dir, &before, &self.manifest);
        own::sweep_temps(&self.dir);
        Ok(())
    }
}

/// The id a report with id `base` gets: that of the same document imported before (an id
/// `base` or `base-N` whose entry `same` accepts), which it then replaces; else the first free
/// one of `base`, `base-2`, `base-3`... Two different documents never share an id.
fn place(manifest: &Manifest, base: &str, same: impl Fn(&Entry) -> bool) -> String {
    let of_base = |id: &str| id == base || crate::corpus::is_counted_id(id, base);
    if let Some(e) = manifest.reports.iter().find(|e| of_base(&e.id) && same(e)) {
        return e.id.clone();
    }
    let taken = |id: &str| manifest.reports.iter().any(|e| e.id == id);
    if !taken(base) {
        return base.to_string();
    }
    let mut n = 2;
    while taken(&format!("{base}-{n}")) {
        n += 1;
    }
    format!("{base}-{n}")
}

/// An import's staged sources: on drop (the import done, or failed), whatever is still staged is
/// deleted and `incoming/` removed. Nothing else ever named these files.
#[derive(Default)]
struct Staging {
    dir: Option<PathBuf>,
    names: HashSet<String>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        let Some(dir) = &self.dir else { return };
        for name in &self.names {
            let _ = fs::remove_file(dir.join(name));
        }
        let _ = fs::remove_dir(dir);
    }
}
