//! The on-disk library: reports imported once and opened in a blink from then on.
//!
//! Layout of the data dir (the platform's, or `--library DIR` / `CIW_LIBRARY`):
//! ```text
//! DIR/ciw-library         the marker: this folder is a library (see `own`)
//! DIR/library.json        the manifest: what is imported (the truth; small, human-readable)
//! DIR/sources/<id>-<key>.txt   each imported file's bytes, exactly as imported (never rewritten)
//! DIR/cache.bin           every parsed report, one consolidated postcard file (disposable)
//! DIR/search.bin          the search index over all of them (disposable; see [`Library::search_index`])
//! DIR/.lock               held (flock) while an import or remove writes
//! DIR/incoming/           an import's new sources until it commits (gone after)
//! DIR/orphans/            sources no manifest names, set aside for the user (rare: after a crash)
//! DIR/state/              last position and bookmarks, when `--library` is given (see [`crate::paths::Paths`])
//! ```
//! The library owns only what it wrote: a folder becomes one only when new, empty or already
//! marked, and nothing is deleted that the library cannot prove it wrote and no longer needs;
//! no symbolic link is followed out of it. Every state on disk is a committed one: a new library
//! starts with its marker and an empty manifest; every write is atomic ([`write_atomic`]: temp
//! file in the same folder, fsync, rename, fsync the folder); an import stages its sources in
//! `incoming/`, rewrites the cache, moves the sources in and commits by renaming the new
//! manifest into place, so a kill at any moment leaves either the old library or the new one.
//! Only the lock holder writes the manifest: a reader that finds it missing or damaged rebuilds
//! it in memory and writes it only under the lock, only if it is still the one it read.
//! A stored source is read only as a regular file named plainly inside `sources/`, and only if
//! its content still has the hash the manifest recorded; anything else is a damaged entry, named.
//! `fault` holds the fault-injection points the crash and race tests use.
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
//! development machine (hyperfine, wall clock): `ciw list` 11 ms; `ciw search` 12 ms, the index
//! memory-mapped (`rg -i` over the same text: 20 ms, `benches/search_vs_rg.sh`); the explorer's
//! first frame 84 ms median, 96 ms 90th percentile (`examples/first_frame.rs`, the binary in a pty). Resident memory: 69 MB at
//! the first frame (1.6x the text), 97 MB with the search open (2.3x), 121 MB at the peak.

//! The code, one concern per file: [`manifest`] (entries, keys,
//! recovery), [`cache`] (the parse cache's format), [`lock`], [`atomic`] (atomic writes), and
//! the library's operations: `load`, `import` (import, remove, commit) and `search_index`.

mod atomic;
mod cache;
pub mod fault;
mod import;
mod load;
mod lock;
mod manifest;
mod own;
mod search_index;

pub use atomic::write_atomic;
pub use lock::{lock_dir, LibraryLock};
pub use manifest::{source_key, Entry, Summary};
pub use own::{is_temp_name, sweep_temps, INCOMING, MARKER, ORPHANS};

use crate::corpus::{self, LoadError};
use crate::model::Report;
use crate::paths::{NoHome, Paths};
use crate::search::SearchIndex;
use crate::text::shown_path;
use manifest::Manifest;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The manifest's file name in the data dir.
pub const MANIFEST: &str = "library.json";
/// The consolidated parse cache's file name in the data dir.
pub const CACHE: &str = "cache.bin";
/// The stored search index's file name in the data dir.
pub const SEARCH_INDEX: &str = "search.bin";
/// The folder of imported sources in the data dir.
pub const SOURCES: &str = "sources";

/// What can go wrong with the library as a whole (single files fail as [`LoadError`]s).
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    NoHome(#[from] NoHome),
    /// `error`, not `source`: the message already says it, and `{:#}` would say it twice.
    #[error("{path}: {error}")]
    Io { path: String, error: io::Error },
    #[error("no report in the library matches {key:?}; it holds: {known}")]
    NotFound { key: String, known: String },
    #[error("{dir} is not a ciw library and not empty (it holds {names}); ciw makes a library only in a new or empty folder: give --library (or CIW_LIBRARY) one")]
    Foreign { dir: String, names: String },
    #[error("{path} {why}; ciw keeps its files only in folders it made, and leaves this as it is")]
    NotOurs { path: String, why: &'static str },
    #[error("{path}: written by a newer ciw (library format {format}); this one reads format 1 and leaves it as it is")]
    NewerFormat { path: String, format: u32 },
    #[error("{dir}: none of the library's {count} reports could be loaded (see above); `ciw import` their originals again, or `ciw remove` them")]
    Unusable { dir: String, count: usize },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> LibraryError + '_ {
    move |error| LibraryError::Io {
        path: shown_path(path),
        error,
    }
}

/// What one file of an import came to.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // a handful per import; boxing would only add noise
pub enum ImportEvent {
    /// Stored. `replaced` is the entry of the same document imported before, if any.
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
    /// Notes of the last import or remove (recoveries, set-aside sources): see [`Library::take_notes`].
    notes: Vec<String>,
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

/// Why a load parses reports from their stored sources rather than reading them from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reparse {
    /// The cache was made by another parser (or model) version: every report is parsed again.
    ParserChanged,
    /// There is no cache yet.
    NoCache,
    /// The cache is damaged.
    Damaged,
    /// The cache is sound but lacks these reports.
    NotCached,
}

impl Reparse {
    /// Why, in words, for a progress line: "reading 3/10 reports (the parser changed since
    /// they were cached)".
    pub fn reason(self) -> &'static str {
        match self {
            Reparse::ParserChanged => "the parser changed since they were cached",
            Reparse::NoCache => "there is no cache yet",
            Reparse::Damaged => "the cache is damaged",
            Reparse::NotCached => "they were not in the cache",
        }
    }
}

/// How far [`Library::load_with`] has got parsing reports from their stored sources: `done` of
/// `total` (a report that fails to parse counts as done). Reported first at `0/total`, then after
/// each report, ending at `total/total`; never reported when every report came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    pub done: usize,
    pub total: usize,
    pub why: Reparse,
}

impl Library {
    /// Opens the library in `dir` (which need not exist: then it is empty; nor be a library:
    /// then it is empty too, and nothing is written to it). Notes tell of any recovery, e.g. a
    /// damaged manifest rebuilt from the stored sources.
    pub fn open(dir: &Path) -> Result<(Library, Vec<String>), LibraryError> {
        let mut notes = Vec::new();
        if dir.metadata().is_ok_and(|m| !m.is_dir()) {
            return Err(LibraryError::NotOurs {
                path: shown_path(dir),
                why: "is not a folder",
            });
        }
        let manifest = manifest::read(dir, &mut notes)?;
        let lib = Library {
            dir: dir.to_path_buf(),
            manifest,
            notes: Vec::new(),
        };
        Ok((lib, notes))
    }

    /// What the last import or remove found worth telling (print each to stderr), emptied.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
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

    /// Every report's summary, in the order the explorer lists them ([`crate::corpus::Corpus::new`]'s), when
    /// all are fresh and every entry is sound (a plain source name, a key): then `ciw list` needs
    /// nothing but the manifest (it reads no source, so a source damaged on disk is named by the
    /// commands that read it). `None` otherwise.
    pub fn summaries(&self) -> Option<Vec<&Summary>> {
        let mut all: Vec<&Summary> = self
            .manifest
            .reports
            .iter()
            .map(|e| {
                // A damaged entry sends the caller to the full load, which names it.
                let sound = own::is_plain_name(&e.source) && manifest::parse_key(&e.key).is_some();
                e.fresh_summary().filter(|_| sound)
            })
            .collect::<Option<_>>()?;
        all.sort_by_cached_key(|s| corpus::order_key(&s.authority, &s.inspection));
        Some(all)
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
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
    open_reports_with(paths, &mut |_| {})
}

/// [`open_reports`], telling `progress` how far the parsing of reports the cache lacks has got
/// (see [`Library::load_with`]).
pub fn open_reports_with(
    paths: &Paths,
    progress: &mut dyn FnMut(LoadProgress),
) -> Result<Opened, LibraryError> {
    let (lib, mut notes) = Library::open(&paths.data)?;
    if let Err(e) = own::check_adoptable(&paths.data) {
        // Someone else's folder: never read as a library, and said so.
        notes.push(format!("{e}; showing the sample reports"));
    }
    if lib.is_empty() {
        return Ok(Opened {
            reports: Vec::new(),
            notes,
            samples: true,
            left_out: 0,
        });
    }
    let loaded = lib.load_with(progress);
    notes.extend(loaded.notes);
    if loaded.reports.is_empty() {
        // Not the samples: the library has reports, and none could be served.
        for n in &notes {
            eprintln!("ciw: {}", crate::text::for_terminal(n));
        }
        return Err(LibraryError::Unusable {
            dir: shown_path(&paths.data),
            count: lib.entries().len(),
        });
    }
    Ok(Opened {
        reports: loaded.reports,
        notes,
        samples: false,
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
            .map(|p| format!(" into {}", shown_path(&p.data)))
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
    use crate::parse;
    use std::fs;

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
}
