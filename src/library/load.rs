//! Loading the reports: from the cache where it is fresh, else from the stored sources.

use super::cache::{read_cache, write_cache, CacheRead, Visit};
use super::lock::lock;
use super::manifest::{parse_key, source_key, stored_limit, Entry, Manifest, Summary};
use super::{own, Library, LoadProgress, LoadedLibrary, Reparse, CACHE, MANIFEST, SOURCES};
use crate::input;
use crate::model::Report;
use crate::parse;
use crate::text::{for_terminal, shown_path};
use std::collections::{HashMap, HashSet};

impl Library {
    /// Stores fresh summaries of the reports just loaded (`slots`, in manifest order) in the
    /// manifest, if some were stale or missing. Best effort: skipped when another process
    /// holds the library or has changed the manifest since it was read.
    pub(super) fn refresh_summaries(&self, slots: &[Option<Report>]) {
        let stale = |(e, r): (&Entry, &Option<Report>)| {
            r.as_ref()
                .is_some_and(|r| e.fresh_summary() != Some(&Summary::of(r)))
        };
        if !self.manifest.reports.iter().zip(slots).any(stale) {
            return;
        }
        let Ok(_lock) = lock(&self.dir) else { return };
        let path = self.dir.join(MANIFEST);
        let Some(mut on_disk) = input::read_stored(&path, stored_limit())
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        else {
            return;
        };
        let same = on_disk.reports.len() == self.manifest.reports.len()
            && on_disk
                .reports
                .iter()
                .zip(&self.manifest.reports)
                .all(|(a, b)| a.id == b.id && a.key == b.key);
        if !same {
            return;
        }
        for (e, r) in on_disk.reports.iter_mut().zip(slots) {
            if let Some(r) = r {
                e.summary = Some(Summary::of(r));
            }
        }
        let _ = super::manifest::write(&self.dir, &on_disk);
    }

    /// The stored source of `e`, as imported: its name a plain file name in `sources/` (not a
    /// path out of the library), a regular file (not a link, FIFO or device), its content the
    /// one the manifest's key was made from. Anything else is a damaged entry, and says so.
    fn read_source(&self, e: &Entry) -> Result<Vec<u8>, String> {
        if !own::is_plain_name(&e.source) {
            return Err(format!(
                "the library index names its source as {:?}, which is not a file in {SOURCES}/ (a damaged entry)",
                for_terminal(&e.source)
            ));
        }
        let Some(key) = parse_key(&e.key) else {
            return Err("its content key in the library index is damaged".into());
        };
        own::check_own_dir(&self.dir, SOURCES).map_err(|err| err.to_string())?;
        let bytes = input::read_stored(&self.dir.join(SOURCES).join(&e.source), stored_limit())
            .map_err(|err| format!("cannot read it: {err}"))?;
        if source_key(&bytes, &e.origin) != key {
            return Err(
                "its stored source is damaged (its content is not what was imported)".into(),
            );
        }
        Ok(bytes)
    }

    /// Every imported report: from the cache where it is fresh, else parsed from its stored
    /// source (and the cache rewritten, best effort). A report whose source is gone or unreadable
    /// is left out with a note; nothing here panics or fails the whole load.
    pub fn load(&self) -> LoadedLibrary {
        self.load_with(&mut |_| {})
    }

    /// [`Library::load`], telling `progress` how far the parsing of the reports the cache lacks
    /// has got: the slow part after a parser change, when every report is parsed again.
    pub fn load_with(&self, progress: &mut dyn FnMut(LoadProgress)) -> LoadedLibrary {
        let mut notes = Vec::new();
        let wanted: HashMap<[u8; 16], usize> = self
            .manifest
            .reports
            .iter()
            .enumerate()
            .filter_map(|(i, e)| parse_key(&e.key).map(|k| (k, i)))
            .collect();
        let mut slots: Vec<Option<Report>> = vec![None; self.manifest.reports.len()];
        let cache_path = self.dir.join(CACHE);
        let mut extra = 0usize;
        let mut damaged = 0usize;
        let mut cache_ok = true;
        let entries = &self.manifest.reports;
        // No check of the id against the manifest's: after a parser change a report may be
        // re-parsed under a new id, and its content key (checked by checksum) is what counts.
        let decode = |_i: usize, bytes: &[u8]| -> Option<Report> {
            postcard::from_bytes::<Report>(bytes).ok()
        };
        // Decoding is most of the work: every other entry goes to a second thread while this
        // one reads on (bounded channel, so little extra memory). No thread, no matter: all
        // entries are then decoded here.
        let mut requested = vec![false; entries.len()];
        let read = std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(8);
            let worker = std::thread::Builder::new()
                .name("ciw-cache".into())
                .spawn_scoped(scope, move || {
                    rx.into_iter()
                        .map(|(i, b)| (i, decode(i, &b)))
                        .collect::<Vec<_>>()
                })
                .ok();
            let mut tx = worker.is_some().then_some(tx);
            let mut turn = false;
            let read = read_cache(&cache_path, |key, visit| {
                let Some(&i) = wanted.get(key).filter(|&&i| !requested[i]) else {
                    extra += 1;
                    return false;
                };
                match visit {
                    Visit::Offer => return true,
                    Visit::Payload(bytes) => {
                        requested[i] = true;
                        turn = !turn;
                        let sent = turn
                            && tx
                                .as_ref()
                                .is_some_and(|tx| tx.send((i, bytes.to_vec())).is_ok());
                        if !sent {
                            match decode(i, bytes) {
                                Some(r) => slots[i] = Some(r),
                                None => damaged += 1,
                            }
                        }
                    }
                    Visit::Corrupt => damaged += 1,
                }
                false
            });
            tx.take();
            if let Some(w) = worker {
                match w.join() {
                    Ok(done) => {
                        for (i, r) in done {
                            match r {
                                Some(r) => slots[i] = Some(r),
                                None => damaged += 1,
                            }
                        }
                    }
                    Err(_) => damaged += 1,
                }
            }
            read
        });
        let reason = match (&read, damaged) {
            (Ok(CacheRead::Stale), _) => Reparse::ParserChanged,
            (Ok(CacheRead::Missing), _) => Reparse::NoCache,
            (Ok(CacheRead::Fresh), 0) => Reparse::NotCached,
            _ => Reparse::Damaged,
        };
        match read {
            Ok(CacheRead::Fresh) => {}
            Ok(CacheRead::Missing) => {
                cache_ok = false;
                if !self.manifest.reports.is_empty() {
                    notes.push(format!(
                        "{}: missing; parsing the reports from their stored sources",
                        shown_path(&cache_path)
                    ));
                }
            }
            Ok(CacheRead::Stale) => {
                cache_ok = false;
                if !self.manifest.reports.is_empty() {
                    notes.push(format!(
                        "{}: made by another parser version; rebuilding from the stored sources",
                        shown_path(&cache_path)
                    ));
                }
            }
            Ok(CacheRead::Truncated) | Err(_) => {
                cache_ok = false;
                notes.push(format!(
                    "{}: the cache is damaged; rebuilding what it lacks from the stored sources",
                    shown_path(&cache_path)
                ));
            }
        }
        if damaged > 0 {
            cache_ok = false;
            notes.push(format!(
                "{}: {damaged} damaged entries; rebuilding them from the stored sources",
                shown_path(&cache_path)
            ));
        }
        let mut rebuilt: HashMap<[u8; 16], Vec<u8>> = HashMap::new();
        let mut left_out = 0usize;
        let total = slots.iter().filter(|s| s.is_none()).count();
        let mut done = 0usize;
        if total > 0 {
            progress(LoadProgress {
                done,
                total,
                why: reason,
            });
        }
        for (i, e) in self.manifest.reports.iter().enumerate() {
            if slots[i].is_some() {
                continue;
            }
            // Where the trouble is: the stored source, or the manifest naming a bad one.
            let src = if own::is_plain_name(&e.source) {
                self.dir.join(SOURCES).join(&e.source)
            } else {
                self.dir.join(MANIFEST)
            };
            match self.read_source(e).and_then(|b| {
                parse::parse_owned(b, &e.origin)
                    .map_err(|err| format!("it no longer parses: {err}"))
            }) {
                Ok(mut r) => {
                    // The library's id stands: a counter import added (`-2`) is kept.
                    if crate::corpus::is_counted_id(&e.id, &r.id) {
                        r.id.clone_from(&e.id);
                    }
                    if let (Some(k), Ok(p)) = (parse_key(&e.key), postcard::to_allocvec(&r)) {
                        rebuilt.insert(k, p);
                    }
                    slots[i] = Some(r);
                }
                Err(why) => {
                    left_out += 1;
                    let id = for_terminal(&e.id);
                    notes.push(format!(
                        "{}: {id} is left out: {why}; `ciw import` its original again, or `ciw remove {id}`",
                        shown_path(&src),
                    ));
                }
            }
            done += 1;
            progress(LoadProgress {
                done,
                total,
                why: reason,
            });
        }
        if !rebuilt.is_empty() && cache_ok {
            // The cache was readable but lacked entries: say which were parsed again.
            notes.push(format!(
                "{}: {} reports were not in the cache and were parsed from their sources",
                shown_path(&cache_path),
                rebuilt.len()
            ));
        }
        if !rebuilt.is_empty() || (extra > 0 && extra >= wanted.len()) {
            // Best effort: a read-only library or a running import just means no rewrite.
            if let Ok(_lock) = lock(&self.dir) {
                let keep: HashSet<[u8; 16]> = wanted.keys().copied().collect();
                if let Err(e) = write_cache(&cache_path, &keep, &rebuilt) {
                    notes.push(format!(
                        "{}: could not rewrite the cache: {e}",
                        shown_path(&cache_path)
                    ));
                }
            }
        }
        self.refresh_summaries(&slots);
        LoadedLibrary {
            reports: slots.into_iter().flatten().collect(),
            notes,
            left_out,
        }
    }
}
