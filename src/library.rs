//! The on-disk library: reports imported once and opened in a blink from then on, plus where
//! `config.toml` and the explorer's state (last position, bookmarks) live.
//!
//! Layout of the data dir (the platform's, or `--library DIR` / `CIW_LIBRARY`):
//! ```text
//! DIR/library.json        the manifest: what is imported (the truth; small, human-readable)
//! DIR/sources/<id>-<key>.txt   each imported file's bytes, exactly as imported (never rewritten)
//! DIR/cache.bin           every parsed report, one consolidated postcard file (disposable)
//! DIR/search.bin          the search index over all of them (disposable; see [`Library::search_index`])
//! DIR/.lock               held (flock) while an import or remove writes
//! DIR/state/              last position and bookmarks, when `--library` is given (see [`Paths`])
//! ```
//! Every write is atomic ([`write_atomic`]: temp file in the same folder, fsync, rename, fsync the
//! folder). An import writes its sources first, then the cache, and commits by renaming the new
//! manifest into place, so a kill at any moment leaves either the old library or the new one:
//! stray sources of an uncommitted import are ignored and swept by the next import.
//!
//! The cache is keyed by each source's content key (xxh3-128 of its bytes and file name) and
//! stamped with [`crate::parse::PARSER_VERSION`] and a fingerprint of the report model's source,
//! so a parser or model change rebuilds it. A stale, missing or corrupt entry (each entry carries
//! a checksum) is rebuilt from its stored source, with a note on stderr, never a crash. With a
//! fresh cache, loading does no parsing at all: it streams the cache, decoding only the entries the
//! manifest names (on two threads).
//!
//! Each manifest entry also keeps its report's [`Summary`] (names, date, counts), so `ciw list`
//! reads the manifest and nothing else; and `search.bin` keeps the search index, keyed by the
//! manifest's entries and the parser and indexing code, so `ciw search` reads no report at all.
//!
//! Speed, 1,000 generated reports (42 MB of text, cache 48 MB, search index 60 MB), on the 2-core
//! development machine (hyperfine, wall clock): `ciw list` 11 ms; `ciw search` 103 ms (`fzf
//! --filter` over the same paragraphs: 2.5 s); the explorer's first frame 84 ms median, 96 ms
//! 90th percentile (`examples/first_frame.rs`, the binary in a pty). Resident memory: 69 MB at
//! the first frame (1.6x the text), 97 MB with the search open (2.3x), 121 MB at the peak.

use crate::corpus::{self, Corpus, LoadError};
use crate::model::{slug, Authority, Inspection, Report};
use crate::parse;
use crate::search::store::{self, StoreError};
use crate::search::SearchIndex;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The manifest's file name in the data dir.
pub const MANIFEST: &str = "library.json";
/// The consolidated parse cache's file name in the data dir.
pub const CACHE: &str = "cache.bin";
/// The stored search index's file name in the data dir.
pub const SEARCH_INDEX: &str = "search.bin";
/// The folder of imported sources in the data dir.
pub const SOURCES: &str = "sources";
/// The config file's name in the config dir.
pub const CONFIG_FILE: &str = "config.toml";

const MANIFEST_FORMAT: u32 = 1;
const CACHE_MAGIC: &[u8; 8] = b"CIWCACHE";
const CACHE_FORMAT: u32 = 1;
/// Per entry: key (16) + payload length (4) + payload checksum (8).
const ENTRY_HEADER: usize = 28;

/// Where `ciw` keeps things.
///
/// Without `--library`: the platform's project dirs (on Linux `~/.local/share/ciw`,
/// `~/.config/ciw`, `~/.local/state/ciw`; where the platform has no state dir, such as macOS and
/// Windows, state goes to `<local data dir>/state`).
///
/// With `--library DIR` (or `CIW_LIBRARY`): the data dir is `DIR` and the state dir is
/// `DIR/state`, because last position and bookmarks point at reports of that library and would
/// dangle in another one. The config stays in the platform's config dir: theme, colours and keys
/// are the user's preferences, whichever library they open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Imported sources, manifest and cache.
    pub data: PathBuf,
    /// Holds `config.toml`.
    pub config: PathBuf,
    /// Holds `last.json` and `bookmarks.json`.
    pub state: PathBuf,
}

impl Paths {
    /// The paths for `--library DIR` if given, else the platform's.
    pub fn resolve(library: Option<&Path>) -> Result<Paths, LibraryError> {
        let dirs = directories::ProjectDirs::from("", "", "ciw");
        let config = dirs.as_ref().map(|d| d.config_dir().to_path_buf());
        match (library, dirs) {
            (Some(dir), _) => Ok(Paths {
                data: dir.to_path_buf(),
                state: dir.join("state"),
                config: config.unwrap_or_else(|| dir.join("config")),
            }),
            (None, Some(d)) => Ok(Paths {
                data: d.data_dir().to_path_buf(),
                config: d.config_dir().to_path_buf(),
                state: d
                    .state_dir()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| d.data_local_dir().join("state")),
            }),
            (None, None) => Err(LibraryError::NoHome),
        }
    }

    /// Everything under one folder (`DIR`, `DIR/config`, `DIR/state`): for tests and portable use.
    pub fn in_dir(dir: &Path) -> Paths {
        Paths {
            data: dir.to_path_buf(),
            config: dir.join("config"),
            state: dir.join("state"),
        }
    }

    /// `config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config.join(CONFIG_FILE)
    }
}

/// What can go wrong with the library as a whole (single files fail as [`LoadError`]s).
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("cannot find your home folder to keep the library in; pass --library DIR or set CIW_LIBRARY")]
    NoHome,
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("no report in the library matches {key:?}; it holds: {known}")]
    NotFound { key: String, known: String },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> LibraryError + '_ {
    move |source| LibraryError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// One imported report, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The report id, e.g. `swansea-2018-07`; unique in the library.
    pub id: String,
    /// Short authority name, e.g. `Swansea`.
    pub authority: String,
    /// Full authority name, e.g. `City and County of Swansea`.
    pub authority_name: String,
    /// "July 2018".
    pub inspection: String,
    /// The imported file's name (the parser's fallback for authority and date).
    pub origin: String,
    /// Where it was imported from, as given.
    pub imported_from: String,
    /// The stored source's file name in `sources/`.
    pub source: String,
    /// Content key: xxh3-128 (hex) of the source bytes and `origin`.
    pub key: String,
    /// Unix seconds.
    pub imported_at: u64,
    /// How many parser warnings the report has.
    pub warnings: usize,
    /// What `ciw list` shows of the report, so listing reads nothing but the manifest.
    /// Absent in libraries made before it existed; refreshed by the next full load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

impl Entry {
    fn new(
        r: &Report,
        origin: String,
        imported_from: String,
        source: String,
        key: String,
        imported_at: u64,
    ) -> Entry {
        Entry {
            id: r.id.clone(),
            authority: r.authority.short.clone(),
            authority_name: r.authority.name.clone(),
            inspection: r.inspection.label(),
            origin,
            imported_from,
            source,
            key,
            imported_at,
            warnings: r.warnings.len(),
            summary: Some(Summary::of(r)),
        }
    }

    /// The summary, if this parser and report model made it.
    pub fn fresh_summary(&self) -> Option<&Summary> {
        self.summary.as_ref().filter(|s| s.stamp == cache_stamp())
    }
}

/// A report's identity and counts, as `ciw list` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Stamp of the parser and model that counted (see the cache): other counts are stale.
    pub stamp: u64,
    pub id: String,
    pub authority: Authority,
    pub inspection: Inspection,
    /// Numbered findings in the theme sections.
    pub paragraphs: usize,
    pub recommendations: usize,
    pub overview_findings: usize,
    pub sections: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(r: &Report) -> Summary {
        Summary {
            stamp: cache_stamp(),
            id: r.id.clone(),
            authority: r.authority.clone(),
            inspection: r.inspection.clone(),
            paragraphs: r.finding_count(),
            recommendations: r.recommendations.len(),
            overview_findings: r.overview.len(),
            sections: r.sections.len(),
            warnings: r.warnings.len(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    reports: Vec<Entry>,
}

/// What one file of an import came to.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // a handful per import; boxing would only add noise
pub enum ImportEvent {
    /// Stored. `replaced` is the entry it took the place of (same report id), if any.
    Imported {
        path: String,
        entry: Entry,
        replaced: Option<Entry>,
    },
    /// Not stored; the rest of the import went on.
    Failed(LoadError),
}

/// The on-disk library.
#[derive(Debug)]
pub struct Library {
    dir: PathBuf,
    manifest: Manifest,
}

/// A library's search index plus anything worth telling the user.
#[derive(Debug)]
pub struct SearchLoad {
    pub index: SearchIndex,
    /// Rebuilds and recoveries: print each to stderr.
    pub notes: Vec<String>,
    /// Reports that could not be loaded, so are not in the index.
    pub left_out: usize,
    /// True when the index is (now) stored in the library.
    pub stored: bool,
}

/// Loaded reports plus anything worth telling the user (rebuilt cache entries, recoveries).
#[derive(Debug, Default)]
pub struct LoadedLibrary {
    pub reports: Vec<Report>,
    pub notes: Vec<String>,
    /// Reports the manifest names that could not be loaded (their notes say why).
    pub left_out: usize,
}

impl Library {
    /// Opens the library in `dir` (which need not exist: then it is empty). Notes tell of any
    /// recovery, e.g. a corrupt manifest rebuilt from the stored sources.
    pub fn open(dir: &Path) -> Result<(Library, Vec<String>), LibraryError> {
        let mut notes = Vec::new();
        let path = dir.join(MANIFEST);
        let manifest = match fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<Manifest>(&bytes) {
                Ok(m) if m.format == MANIFEST_FORMAT => m,
                Ok(m) => {
                    notes.push(format!(
                        "{}: written by a newer ciw (format {}); rebuilding the index from the stored sources",
                        path.display(),
                        m.format
                    ));
                    recover_manifest(dir, &mut notes)
                }
                Err(e) => {
                    notes.push(format!(
                        "{}: the library index is damaged ({e}); rebuilt it from the stored sources",
                        path.display()
                    ));
                    recover_manifest(dir, &mut notes)
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if dir.join(SOURCES).is_dir() {
                    let m = recover_manifest(dir, &mut notes);
                    if !m.reports.is_empty() {
                        notes.push(format!(
                            "{}: the library index was missing; rebuilt it from {} stored sources",
                            path.display(),
                            m.reports.len()
                        ));
                    }
                    m
                } else {
                    Manifest {
                        format: MANIFEST_FORMAT,
                        reports: Vec::new(),
                    }
                }
            }
            Err(e) => return Err(io_err(&path)(e)),
        };
        let lib = Library {
            dir: dir.to_path_buf(),
            manifest,
        };
        Ok((lib, notes))
    }

    /// The data dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What is imported, in manifest order.
    pub fn entries(&self) -> &[Entry] {
        &self.manifest.reports
    }

    pub fn is_empty(&self) -> bool {
        self.manifest.reports.is_empty()
    }

    /// Every report's summary, in the order the explorer lists them ([`Corpus::new`]'s), when
    /// all are fresh: then `ciw list` needs nothing but the manifest. `None` otherwise.
    pub fn summaries(&self) -> Option<Vec<&Summary>> {
        let mut all: Vec<&Summary> = self
            .manifest
            .reports
            .iter()
            .map(Entry::fresh_summary)
            .collect::<Option<_>>()?;
        all.sort_by_cached_key(|s| corpus::order_key(&s.authority, &s.inspection));
        Some(all)
    }

    /// Stores fresh summaries of the reports just loaded (`slots`, in manifest order) in the
    /// manifest, if some were stale or missing. Best effort: skipped when another process
    /// holds the library or has changed the manifest since it was read.
    fn refresh_summaries(&self, slots: &[Option<Report>]) {
        let stale = |(e, r): (&Entry, &Option<Report>)| {
            r.as_ref()
                .is_some_and(|r| e.fresh_summary() != Some(&Summary::of(r)))
        };
        if !self.manifest.reports.iter().zip(slots).any(stale) {
            return;
        }
        let Ok(_lock) = lock(&self.dir) else { return };
        let path = self.dir.join(MANIFEST);
        let Some(mut on_disk) = fs::read(&path)
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
        if let Ok(json) = serde_json::to_vec_pretty(&on_disk) {
            let _ = write_atomic(&path, &json);
        }
    }

    /// Every imported report: from the cache where it is fresh, else parsed from its stored
    /// source (and the cache rewritten, best effort). A report whose source is gone or unreadable
    /// is left out with a note; nothing here panics or fails the whole load.
    pub fn load(&self) -> LoadedLibrary {
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
        match read {
            Ok(CacheRead::Fresh) => {}
            Ok(CacheRead::Missing) => {
                cache_ok = false;
                if !self.manifest.reports.is_empty() {
                    notes.push(format!(
                        "{}: missing; parsing the reports from their stored sources",
                        cache_path.display()
                    ));
                }
            }
            Ok(CacheRead::Stale) => {
                cache_ok = false;
                if !self.manifest.reports.is_empty() {
                    notes.push(format!(
                        "{}: made by another parser version; rebuilding from the stored sources",
                        cache_path.display()
                    ));
                }
            }
            Ok(CacheRead::Truncated) | Err(_) => {
                cache_ok = false;
                notes.push(format!(
                    "{}: the cache is damaged; rebuilding what it lacks from the stored sources",
                    cache_path.display()
                ));
            }
        }
        if damaged > 0 {
            cache_ok = false;
            notes.push(format!(
                "{}: {damaged} damaged entries; rebuilding them from the stored sources",
                cache_path.display()
            ));
        }
        let mut rebuilt: HashMap<[u8; 16], Vec<u8>> = HashMap::new();
        let mut left_out = 0usize;
        for (i, e) in self.manifest.reports.iter().enumerate() {
            if slots[i].is_some() {
                continue;
            }
            let src = self.dir.join(SOURCES).join(&e.source);
            match fs::read(&src)
                .map_err(|err| format!("cannot read it: {err}"))
                .and_then(|b| {
                    parse::parse_bytes(&b, &e.origin)
                        .map_err(|err| format!("it no longer parses: {err}"))
                }) {
                Ok(r) => {
                    if let (Some(k), Ok(p)) = (parse_key(&e.key), postcard::to_allocvec(&r)) {
                        rebuilt.insert(k, p);
                    }
                    slots[i] = Some(r);
                }
                Err(why) => {
                    left_out += 1;
                    notes.push(format!(
                        "{}: {} is left out: {why}; `ciw import` its original again, or `ciw remove {}`",
                        src.display(),
                        e.id,
                        e.id
                    ));
                }
            }
        }
        if !rebuilt.is_empty() && cache_ok {
            // The cache was readable but lacked entries: say which were parsed again.
            notes.push(format!(
                "{}: {} reports were not in the cache and were parsed from their sources",
                cache_path.display(),
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
                        cache_path.display()
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

    /// What a stored search index must have been built from: these reports (each entry's key
    /// and id, in order), this parser and report model, and this indexing code.
    fn search_key(&self) -> [u8; 16] {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&cache_stamp().to_le_bytes());
        h.update(include_str!("search/mod.rs").as_bytes());
        h.update(include_str!("search/token.rs").as_bytes());
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
    /// reads its texts from them instead of holding a copy ([`store::from_reader`]).
    pub fn stored_search_index(
        &self,
        share: Option<&Arc<Corpus>>,
    ) -> (Option<SearchIndex>, Option<String>) {
        let path = self.dir.join(SEARCH_INDEX);
        match File::open(&path) {
            Ok(file) => match store::from_reader(file, self.search_key(), share) {
                Ok(index) => (Some(index), None),
                Err(StoreError::Stale) => (None, None),
                Err(StoreError::Corrupt(why)) => (
                    None,
                    Some(format!(
                        "{}: the search index is damaged ({why}); rebuilding it",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => (None, None),
            Err(e) => (
                None,
                Some(format!(
                    "{}: cannot read the search index ({e}); rebuilding it",
                    path.display()
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
            .map_err(|e| format!("{}: could not store the search index: {e}", path.display()))
    }

    /// The search index over every imported report: the stored one when it is fresh, else
    /// built from the loaded reports and stored for next time (only when every report loaded).
    /// Its reports are in [`Corpus::new`] order, as the explorer's are.
    pub fn search_index(&self) -> SearchLoad {
        let (stored, note) = self.stored_search_index(None);
        let mut notes: Vec<String> = note.into_iter().collect();
        if let Some(index) = stored {
            return SearchLoad {
                index,
                notes,
                left_out: 0,
                stored: true,
            };
        }
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

    /// Imports files and folders (the `.txt` files of a folder). Each file that parses is stored
    /// and replaces any report with the same id; each that does not is a [`ImportEvent::Failed`]
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
            let report = match parse::parse_bytes(&bytes, &origin) {
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
            // A PDF is kept as the PDF it is.
            let ext = if parse::pdf::is_pdf(&bytes) {
                "pdf"
            } else {
                "txt"
            };
            let source_name = format!("{}-{}.{ext}", report.id, &hex[..16]);
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
            let replaced = match manifest.reports.iter().position(|e| e.id == entry.id) {
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
    fn reload(&mut self) -> Result<(), LibraryError> {
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
    fn commit(&mut self, manifest: Manifest) -> Result<(), LibraryError> {
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

/// Rebuilds a manifest from `sources/` when `library.json` is missing or damaged: every stored
/// source is parsed; of two sources with one id, the newer file wins. The damaged manifest is
/// kept beside as `library.json.damaged` and the rebuilt one written (best effort).
fn recover_manifest(dir: &Path, notes: &mut Vec<String>) -> Manifest {
    let mut manifest = Manifest {
        format: MANIFEST_FORMAT,
        reports: Vec::new(),
    };
    let sources = dir.join(SOURCES);
    let Ok(rd) = fs::read_dir(&sources) else {
        return manifest;
    };
    let mut found: Vec<(SystemTime, PathBuf)> = rd
        .flatten()
        .filter(|f| !f.file_name().to_string_lossy().starts_with('.'))
        .map(|f| {
            let t = f
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(UNIX_EPOCH);
            (t, f.path())
        })
        .collect();
    found.sort();
    for (time, path) in found {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // `<id>-<16 hex>.txt`: the id is the best stand-in for the original file name.
        let id_part = name
            .strip_suffix(".txt")
            .or_else(|| name.strip_suffix(".pdf"))
            .and_then(|s| s.rsplit_once('-'))
            .map(|(id, _)| id.to_string())
            .unwrap_or_else(|| name.clone());
        let origin = format!("{id_part}.txt");
        let report = match fs::read(&path).map(|b| (parse::parse_bytes(&b, &origin), b)) {
            Ok((Ok(r), bytes)) => (r, bytes),
            Ok((Err(e), _)) => {
                notes.push(format!("{}: not recovered: {e}", path.display()));
                continue;
            }
            Err(e) => {
                notes.push(format!("{}: not recovered: {e}", path.display()));
                continue;
            }
        };
        let (r, bytes) = report;
        let key = hex(&source_key(&bytes, &origin));
        let imported_at = time
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let entry = Entry::new(
            &r,
            origin,
            path.display().to_string(),
            name,
            key,
            imported_at,
        );
        match manifest.reports.iter().position(|e| e.id == entry.id) {
            Some(i) => manifest.reports[i] = entry,
            None => manifest.reports.push(entry),
        }
    }
    if let Ok(_lock) = lock(dir) {
        let path = dir.join(MANIFEST);
        if path.exists() {
            let _ = fs::rename(&path, dir.join(format!("{MANIFEST}.damaged")));
        }
        if let Ok(json) = serde_json::to_vec_pretty(&manifest) {
            let _ = write_atomic(&path, &json);
        }
    }
    manifest
}

/// Content key of a source: xxh3-128 of its bytes and its file name (the name is a parser input).
pub fn source_key(bytes: &[u8], origin: &str) -> [u8; 16] {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(bytes);
    h.update(&[0xff]);
    h.update(origin.as_bytes());
    h.digest128().to_be_bytes()
}

fn hex(key: &[u8; 16]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_key(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Stamp of everything a cached report depends on besides its source: the parser version and the
/// report model's source text (any change to `model.rs` rebuilds the cache rather than risk
/// decoding old bytes into new fields). Hashed once per process: listing checks it per entry.
fn cache_stamp() -> u64 {
    static STAMP: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *STAMP.get_or_init(|| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&parse::PARSER_VERSION.to_le_bytes());
        h.update(include_str!("model.rs").as_bytes());
        h.digest()
    })
}

fn cache_header() -> Vec<u8> {
    let mut v = Vec::with_capacity(24);
    v.extend_from_slice(CACHE_MAGIC);
    v.extend_from_slice(&CACHE_FORMAT.to_le_bytes());
    v.extend_from_slice(&parse::PARSER_VERSION.to_le_bytes());
    v.extend_from_slice(&cache_stamp().to_le_bytes());
    v
}

enum CacheRead {
    Fresh,
    Missing,
    Stale,
    Truncated,
}

/// One step of [`read_cache`]'s visit of an entry.
enum Visit<'a> {
    /// Here is an entry's key: return true to read its payload.
    Offer,
    /// The payload of an entry asked for, its checksum good.
    Payload(&'a [u8]),
    /// The payload of an entry asked for, its checksum bad.
    Corrupt,
}

/// Streams the cache, calling `visit` per entry; entries not asked for are skipped unread.
fn read_cache(
    path: &Path,
    mut visit: impl FnMut(&[u8; 16], Visit<'_>) -> bool,
) -> io::Result<CacheRead> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(CacheRead::Missing),
        Err(e) => return Err(e),
    };
    let end = file.metadata()?.len();
    // A small buffer: payloads (tens of KB) bypass it and are read straight into `buf`.
    let mut r = BufReader::with_capacity(8 << 10, file);
    let want = cache_header();
    let mut head = vec![0u8; want.len()];
    if r.read_exact(&mut head).is_err() || head != want {
        return Ok(CacheRead::Stale);
    }
    let mut pos = want.len() as u64;
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let mut eh = [0u8; ENTRY_HEADER];
        match read_full(&mut r, &mut eh)? {
            0 => return Ok(CacheRead::Fresh),
            n if n < ENTRY_HEADER => return Ok(CacheRead::Truncated),
            _ => {}
        }
        let key: [u8; 16] = eh[..16].try_into().expect("16 bytes");
        let len = u32::from_le_bytes(eh[16..20].try_into().expect("4 bytes")) as usize;
        let sum = u64::from_le_bytes(eh[20..28].try_into().expect("8 bytes"));
        pos += (ENTRY_HEADER + len) as u64;
        if pos > end {
            return Ok(CacheRead::Truncated);
        }
        if visit(&key, Visit::Offer) {
            buf.resize(len, 0);
            r.read_exact(&mut buf)?;
            if xxhash_rust::xxh3::xxh3_64(&buf) == sum {
                visit(&key, Visit::Payload(&buf));
            } else {
                visit(&key, Visit::Corrupt);
            }
        } else {
            r.seek_relative(len as i64)?;
        }
    }
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Rewrites the cache atomically: entries of the old cache whose key is in `keep` (and whose
/// checksum holds), then `new` ones. Caller holds the lock.
fn write_cache(
    path: &Path,
    keep: &HashSet<[u8; 16]>,
    new: &HashMap<[u8; 16], Vec<u8>>,
) -> io::Result<()> {
    write_atomic_with(path, |w| {
        w.write_all(&cache_header())?;
        let mut seen: HashSet<[u8; 16]> = HashSet::new();
        let write_entry = |w: &mut BufWriter<File>, key: &[u8; 16], p: &[u8]| {
            w.write_all(key)?;
            w.write_all(&(p.len() as u32).to_le_bytes())?;
            w.write_all(&xxhash_rust::xxh3::xxh3_64(p).to_le_bytes())?;
            w.write_all(p)
        };
        let mut err: Option<io::Error> = None;
        let _ = read_cache(path, |key, visit| match visit {
            Visit::Offer => {
                err.is_none() && !new.contains_key(key) && keep.contains(key) && !seen.contains(key)
            }
            Visit::Payload(p) => {
                seen.insert(*key);
                if let Err(e) = write_entry(w, key, p) {
                    err = Some(e);
                }
                false
            }
            Visit::Corrupt => false,
        });
        if let Some(e) = err {
            return Err(e);
        }
        let mut keys: Vec<&[u8; 16]> = new.keys().collect();
        keys.sort();
        for k in keys {
            write_entry(w, k, &new[k])?;
        }
        Ok(())
    })
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

fn sync_dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Writes a file so that readers see either the old contents or the new, never a mix, even if
/// the process or machine dies: temp file in the same folder, fsync, rename over, fsync folder.
/// Creates the folder if need be.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] for a file written piece by piece: `fill` writes the new contents.
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let tmp = temp_path(path);
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 16, File::create(&tmp)?);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// An exclusive lock on a library, released when dropped (or when the process dies, however).
#[derive(Debug)]
pub struct LibraryLock {
    _file: File,
}

fn lock_file(dir: &Path, create: bool) -> io::Result<File> {
    if create {
        fs::create_dir_all(dir)?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".lock"))
}

fn flock(file: &File, wait: bool) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let op = if wait {
            libc::LOCK_EX
        } else {
            libc::LOCK_EX | libc::LOCK_NB
        };
        loop {
            // SAFETY: flock on a valid, owned file descriptor; no memory is involved.
            let r = unsafe { libc::flock(file.as_raw_fd(), op) };
            if r == 0 {
                break;
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (file, wait);
    Ok(())
}

fn try_flock(file: &File) -> io::Result<()> {
    flock(file, false)
}

/// Waits for and takes the lock of any folder of ours (a library, a state folder), creating
/// its lock file. For short read-modify-write steps.
pub fn lock_dir(dir: &Path) -> io::Result<LibraryLock> {
    let f = lock_file(dir, false)?;
    flock(&f, true)?;
    Ok(LibraryLock { _file: f })
}

/// Takes the lock of an existing library folder (creating only the lock file).
fn lock(dir: &Path) -> io::Result<LibraryLock> {
    let f = lock_file(dir, false)?;
    try_flock(&f)?;
    Ok(LibraryLock { _file: f })
}

/// Takes the lock, creating the library folder if need be.
/// Waits for another import or remove on the same library to finish (saying so on stderr).
fn lock_create(dir: &Path) -> Result<LibraryLock, LibraryError> {
    let f = lock_file(dir, true).map_err(io_err(dir))?;
    match try_flock(&f) {
        Ok(()) => Ok(LibraryLock { _file: f }),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
            eprintln!(
                "ciw: waiting for another `ciw import` or `ciw remove` on {} to finish",
                dir.display()
            );
            flock(&f, true).map_err(io_err(dir))?;
            Ok(LibraryLock { _file: f })
        }
        Err(e) => Err(io_err(dir)(e)),
    }
}

/// What `ciw` opens on: the library's reports, or the samples when the library is empty.
#[derive(Debug)]
pub struct Opened {
    pub reports: Vec<Report>,
    /// Rebuilds, recoveries and reports left out: print each to stderr.
    pub notes: Vec<String>,
    /// True when the library had no reports and these are the built-in samples.
    pub samples: bool,
    /// Imported reports that could not be loaded.
    pub left_out: usize,
}

/// Loads the library at `paths.data`, or returns `samples: true` (and no reports) when it is
/// empty. Errors only when the library cannot be read at all.
pub fn open_reports(paths: &Paths) -> Result<Opened, LibraryError> {
    let (lib, mut notes) = Library::open(&paths.data)?;
    if lib.is_empty() {
        return Ok(Opened {
            reports: Vec::new(),
            notes,
            samples: true,
            left_out: 0,
        });
    }
    let loaded = lib.load();
    notes.extend(loaded.notes);
    let samples = loaded.reports.is_empty();
    Ok(Opened {
        reports: loaded.reports,
        notes,
        samples,
        left_out: loaded.left_out,
    })
}

/// For an interactive start: `Some(message)` saying how to import when the library at
/// `library` (`--library`, else the platform's) holds no reports; `None` when it has some.
/// Cheap: reads only the manifest.
pub fn import_hint(library: Option<&Path>) -> Option<String> {
    let paths = Paths::resolve(library).ok();
    let empty = paths
        .as_ref()
        .map(|p| {
            Library::open(&p.data)
                .map(|(l, _)| l.is_empty())
                .unwrap_or(true)
        })
        .unwrap_or(true);
    empty.then(|| {
        let where_ = paths
            .map(|p| format!(" into {}", p.data.display()))
            .unwrap_or_default();
        format!(
            "Showing the built-in sample reports. Import yours once with `ciw import FOLDER`{where_}; \
             ciw opens on them from then on."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SAMPLES;

    fn write_samples(dir: &Path) -> Vec<PathBuf> {
        SAMPLES
            .iter()
            .map(|(name, text)| {
                let p = dir.join(name);
                fs::write(&p, text).unwrap();
                p
            })
            .collect()
    }

    #[test]
    fn keys_round_trip_through_hex() {
        let k = source_key(b"text", "a.txt");
        assert_eq!(parse_key(&hex(&k)), Some(k));
        assert_ne!(source_key(b"text", "b.txt"), k);
        assert_eq!(parse_key("zz"), None);
    }

    #[test]
    fn import_load_remove() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("in");
        fs::create_dir(&src).unwrap();
        let files = write_samples(&src);
        let lib_dir = tmp.path().join("lib");
        let (mut lib, notes) = Library::open(&lib_dir).unwrap();
        assert!(notes.is_empty() && lib.is_empty());
        let events = lib.import(std::slice::from_ref(&src)).unwrap();
        assert_eq!(events.len(), 2);
        assert!(events
            .iter()
            .all(|e| matches!(e, ImportEvent::Imported { replaced: None, .. })));
        let (lib2, _) = Library::open(&lib_dir).unwrap();
        let loaded = lib2.load();
        assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
        assert_eq!(loaded.reports.len(), 2);
        let direct = parse::parse_str(SAMPLES[1].1, SAMPLES[1].0).unwrap();
        assert!(loaded.reports.contains(&direct));

        // Re-import replaces.
        let events = lib.import(&files[1..]).unwrap();
        match &events[0] {
            ImportEvent::Imported {
                replaced: Some(old),
                entry,
                ..
            } => assert_eq!(old.id, entry.id),
            e => panic!("{e:?}"),
        }
        assert_eq!(lib.entries().len(), 2);

        let removed = lib.remove("Swansea").unwrap();
        assert_eq!(removed.len(), 1);
        assert!(matches!(
            lib.remove("swansea"),
            Err(LibraryError::NotFound { .. })
        ));
        let (lib3, _) = Library::open(&lib_dir).unwrap();
        assert_eq!(lib3.entries().len(), 1);
        assert_eq!(lib3.load().reports[0].id, "pembrokeshire-2018-09");
        let left: Vec<_> = fs::read_dir(lib_dir.join(SOURCES)).unwrap().collect();
        assert_eq!(left.len(), 1, "the removed source is swept");
    }

    #[test]
    fn stale_stamp_rebuilds_from_sources() {
        let tmp = tempfile::tempdir().unwrap();
        let files = write_samples(tmp.path());
        let lib_dir = tmp.path().join("lib");
        let (mut lib, _) = Library::open(&lib_dir).unwrap();
        lib.import(&files).unwrap();
        // Pretend another parser version wrote the cache.
        let cache = lib_dir.join(CACHE);
        let mut bytes = fs::read(&cache).unwrap();
        bytes[12] ^= 0xff;
        fs::write(&cache, &bytes).unwrap();
        let loaded = lib.load();
        assert_eq!(loaded.reports.len(), 2);
        assert!(loaded.notes[0].contains("another parser version"));
        // And the cache is fresh again.
        assert!(lib.load().notes.is_empty());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("sub").join("f.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn paths_under_library_keep_state_with_it() {
        let p = Paths::resolve(Some(Path::new("/tmp/lib"))).unwrap();
        assert_eq!(p.data, Path::new("/tmp/lib"));
        assert_eq!(p.state, Path::new("/tmp/lib/state"));
        assert!(p.config_file().ends_with("config.toml"));
    }
}
