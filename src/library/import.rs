//! Writing the library: import, remove, and the commit that both end with.

use super::atomic::{sync_dir, write_atomic};
use super::cache::write_cache;
use super::lock::lock_create;
use super::manifest::{hex, parse_key, source_key, Entry, Manifest};
use super::{io_err, unix_now, ImportEvent, Library, LibraryError, CACHE, MANIFEST, SOURCES};
use crate::corpus::{self, LoadError};
use crate::model::slug;
use crate::parse;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::PathBuf;

impl Library {
    /// Imports files and folders (the `.txt` files of a folder). Each file that parses is stored;
    /// it replaces only the same document imported before (same content, or the same file
    /// imported again), and a different document whose id is taken gets the next free one
    /// (`wrexham-2021-11-2`). Each file that does not parse is a [`ImportEvent::Failed`]
    /// and the rest go on. All of it is committed at once at the end; an `Err` means nothing was
    /// committed and the library is as it was.
    pub fn import(&mut self, paths: &[PathBuf]) -> Result<Vec<ImportEvent>, LibraryError> {
        let _lock = lock_create(&self.dir)?;
        self.reload()?;
        let sources = self.dir.join(SOURCES);
        fs::create_dir_all(&sources).map_err(io_err(&sources))?;
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
        let now = unix_now();
        for file in files {
            let shown = file.display().to_string();
            let bytes = match fs::read(&file) {
                Ok(b) => b,
                Err(source) => {
                    events.push(ImportEvent::Failed(LoadError::Io {
                        path: shown,
                        source,
                    }));
                    continue;
                }
            };
            let origin = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
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
            let (id, same) = place(&manifest, &report.id, |e| {
                e.key == hex
                    || e.imported_from == shown
                    || fs::read(sources.join(&e.source)).is_ok_and(|b| b == bytes)
            });
            report.id = id;
            let source_name = format!("{}-{}.txt", report.id, &hex[..16]);
            let dest = sources.join(&source_name);
            if !dest.exists() {
                write_atomic(&dest, &bytes).map_err(io_err(&dest))?;
            }
            let payload = postcard::to_allocvec(&report).map_err(|e| LibraryError::Io {
                path: shown.clone(),
                source: io::Error::other(e),
            })?;
            new_payloads.insert(key, payload);
            let entry = Entry::new(&report, origin, shown.clone(), source_name, hex, now);
            let replaced = match same {
                Some(i) => Some(std::mem::replace(&mut manifest.reports[i], entry.clone())),
                None => {
                    manifest.reports.push(entry.clone());
                    None
                }
            };
            events.push(ImportEvent::Imported {
                path: shown,
                entry,
                replaced,
            });
        }
        if new_payloads.is_empty() {
            return Ok(events);
        }
        // The cache keeps what the old and the new manifest name, so it serves either one if we
        // are killed before the commit below.
        let mut keep = old_keys;
        keep.extend(manifest.reports.iter().filter_map(|e| parse_key(&e.key)));
        let cache = self.dir.join(CACHE);
        write_cache(&cache, &keep, &new_payloads).map_err(io_err(&cache))?;
        self.commit(manifest)?;
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
        if !self.dir.is_dir() {
            return Err(LibraryError::NotFound {
                key: key.to_string(),
                known: "nothing yet".into(),
            });
        }
        let _lock = lock_create(&self.dir)?;
        self.reload()?;
        let k = slug(key);
        let matches = |e: &Entry| {
            !k.is_empty()
                && (e.id == k
                    || e.id == key.trim()
                    || slug(&e.authority) == k
                    || slug(&e.authority_name) == k)
        };
        if !self.manifest.reports.iter().any(matches) {
            let mut known: Vec<&str> = self
                .manifest
                .reports
                .iter()
                .map(|e| e.id.as_str())
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

    /// Writes the manifest (the commit point), then sweeps sources nothing names and stray temp
    /// files. Caller holds the lock.
    pub(super) fn commit(&mut self, manifest: Manifest) -> Result<(), LibraryError> {
        let path = self.dir.join(MANIFEST);
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| LibraryError::Io {
            path: path.display().to_string(),
            source: io::Error::other(e),
        })?;
        write_atomic(&path, &json).map_err(io_err(&path))?;
        self.manifest = manifest;
        let named: HashSet<&str> = self
            .manifest
            .reports
            .iter()
            .map(|e| e.source.as_str())
            .collect();
        for dir in [self.dir.clone(), self.dir.join(SOURCES)] {
            let Ok(rd) = fs::read_dir(&dir) else { continue };
            for f in rd.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let stray_temp = name.starts_with('.') && name.contains(".tmp-");
                let orphan = dir.ends_with(SOURCES) && !named.contains(name.as_str());
                if stray_temp || orphan {
                    let _ = fs::remove_file(f.path());
                }
            }
        }
        Ok(())
    }
}

/// Where a report with id `base` goes: the entry of the same document (an id `base` or
/// `base-N` whose entry `same` accepts), to be replaced; else the first free id of `base`,
/// `base-2`, `base-3`... Two different documents never share an id.
fn place(
    manifest: &Manifest,
    base: &str,
    same: impl Fn(&Entry) -> bool,
) -> (String, Option<usize>) {
    let of_base = |id: &str| id == base || crate::corpus::is_counted_id(id, base);
    if let Some(i) = manifest
        .reports
        .iter()
        .position(|e| of_base(&e.id) && same(e))
    {
        return (manifest.reports[i].id.clone(), Some(i));
    }
    let taken = |id: &str| manifest.reports.iter().any(|e| e.id == id);
    if !taken(base) {
        return (base.to_string(), None);
    }
    let mut n = 2;
    while taken(&format!("{base}-{n}")) {
        n += 1;
    }
    (format!("{base}-{n}"), None)
}
