//! The manifest (`library.json`): what is imported, each entry's summary and content key, and its
//! recovery from the stored sources when it is missing or damaged.

use super::atomic::{write_atomic_reporting, Renamed};
use super::cache::cache_stamp;
use super::lock::lock;
use super::{io_err, own, LibraryError, MANIFEST, SOURCES};
use crate::input::{self, InputError};
use crate::model::{Authority, Inspection, Kind, Report, Services};
use crate::parse;
use crate::text::{for_terminal, shown_path};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub(super) const MANIFEST_FORMAT: u32 = 1;

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
    pub(super) fn new(
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
    /// What the document is (see [`crate::model::Kind`]).
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub about: Option<Kind>,
    #[serde(default)]
    pub services: Option<Services>,
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
            kind: r.kind,
            about: r.about,
            services: r.services,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) format: u32,
    pub(super) reports: Vec<Entry>,
}

impl Manifest {
    pub(super) fn empty() -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            reports: Vec::new(),
        }
    }

    /// Puts `entry` in: in place of the entry for the same report, if there is one (returned),
    /// else at the end. "The same report" is decided here and nowhere else.
    pub(super) fn upsert(&mut self, entry: Entry) -> Option<Entry> {
        match self.reports.iter().position(|e| e.id == entry.id) {
            Some(i) => Some(std::mem::replace(&mut self.reports[i], entry)),
            None => {
                self.reports.push(entry);
                None
            }
        }
    }
}

/// The most a manifest may weigh (a million reports' worth): anything bigger is damage.
const MANIFEST_LIMIT: u64 = 1 << 30;

/// What is at `DIR/library.json`.
enum OnDisk {
    Good(Manifest),
    Missing,
    Damaged(String),
}

fn read_on_disk(dir: &Path) -> Result<(OnDisk, Option<Vec<u8>>), LibraryError> {
    let path = dir.join(MANIFEST);
    let bytes = match input::read_stored(&path, MANIFEST_LIMIT) {
        Ok(b) => b,
        Err(InputError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((OnDisk::Missing, None))
        }
        Err(InputError::Io(e)) => return Err(io_err(&path)(e)),
        Err(e) => return Ok((OnDisk::Damaged(e.to_string()), None)),
    };
    let state = match serde_json::from_slice::<Manifest>(&bytes) {
        Ok(m) if m.format == MANIFEST_FORMAT => OnDisk::Good(m),
        Ok(m) if m.format > MANIFEST_FORMAT => {
            return Err(LibraryError::NewerFormat {
                path: shown_path(&path),
                format: m.format,
            })
        }
        Ok(m) => OnDisk::Damaged(format!("unknown format {}", m.format)),
        Err(e) => OnDisk::Damaged(e.to_string()),
    };
    Ok((state, Some(bytes)))
}

/// Reads the manifest of the library in `dir`. A folder that is not a library (see
/// [`own::is_library`]) is an empty one, and nothing is written to it. A missing or damaged
/// manifest is rebuilt from the stored sources, and the rebuilt one is written only under the
/// lock, only if the manifest is still the one read (a writer may have committed meanwhile);
/// the damaged one is kept beside it.
pub(super) fn read(dir: &Path, notes: &mut Vec<String>) -> Result<Manifest, LibraryError> {
    if !own::is_library(dir) {
        return Ok(Manifest::empty());
    }
    let (state, seen) = match read_on_disk(dir)? {
        (OnDisk::Good(m), _) => return Ok(m),
        other => other,
    };
    // Only the holder of the lock may write the manifest: without it, recover in memory only.
    let lock = lock(dir).ok();
    let state = if lock.is_some() {
        match read_on_disk(dir)? {
            (OnDisk::Good(m), _) => return Ok(m),
            (again, bytes) if bytes == seen => again,
            // Changed under us and still bad: recover from what is there now.
            (again, _) => again,
        }
    } else {
        state
    };
    if matches!(state, OnDisk::Missing) && !dir.join(SOURCES).exists() {
        return Ok(Manifest::empty());
    }
    let manifest = rebuild(dir, notes);
    let path = dir.join(MANIFEST);
    let shown = shown_path(&path);
    match &state {
        OnDisk::Missing => {
            if !manifest.reports.is_empty() {
                notes.push(format!(
                    "{shown}: the library index was missing; rebuilt it from {} stored sources",
                    manifest.reports.len()
                ));
            }
        }
        OnDisk::Damaged(why) => notes.push(format!(
            "{shown}: the library index is damaged ({}); rebuilt it from the stored sources",
            for_terminal(why)
        )),
        OnDisk::Good(_) => {}
    }
    if lock.is_none() {
        notes.push(format!(
            "{shown}: the rebuilt index is not saved: another ciw is writing to the library"
        ));
        return Ok(manifest);
    }
    if matches!(state, OnDisk::Damaged(_)) {
        // Kept, never overwritten: the first free name of library.json.damaged, .damaged.2, ...
        let aside = (1..1000)
            .map(|i| match i {
                1 => dir.join(format!("{MANIFEST}.damaged")),
                i => dir.join(format!("{MANIFEST}.damaged.{i}")),
            })
            .find(|p| p.symlink_metadata().is_err());
        match aside {
            Some(aside) if fs::rename(&path, &aside).is_ok() => {}
            _ => return Ok(manifest),
        }
    }
    if let Ok(Some(note)) = write(dir, &manifest) {
        notes.push(note);
    }
    Ok(manifest)
}

/// Writes the manifest: the commit point of every change. `Ok(Some(note))` when it was
/// committed but the folder could not be synced (see [`Renamed::NotSynced`]).
pub(super) fn write(dir: &Path, manifest: &Manifest) -> Result<Option<String>, LibraryError> {
    let path = dir.join(MANIFEST);
    let json =
        serde_json::to_vec_pretty(manifest).map_err(|e| io_err(&path)(io::Error::other(e)))?;
    match write_atomic_reporting(&path, |w| w.write_all(&json)).map_err(io_err(&path))? {
        Renamed::Durable => Ok(None),
        Renamed::NotSynced(e) => Ok(Some(format!(
            "{}: written, but the folder could not be synced to disk ({e}); a power cut now could still undo the change",
            shown_path(&path)
        ))),
    }
}

/// Rebuilds a manifest from `sources/`: every stored source (by its name, a regular file, its
/// content matching the hash in its name) is parsed; of two sources with one id, the newer file
/// wins.
fn rebuild(dir: &Path, notes: &mut Vec<String>) -> Manifest {
    let mut manifest = Manifest::empty();
    let sources = dir.join(SOURCES);
    match own::check_own_dir(dir, SOURCES) {
        Ok(true) => {}
        Ok(false) => return manifest,
        Err(e) => {
            notes.push(e.to_string());
            return manifest;
        }
    }
    let Ok(rd) = fs::read_dir(&sources) else {
        return manifest;
    };
    let mut found: Vec<(SystemTime, String, PathBuf)> = rd
        .flatten()
        .filter(|f| f.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|f| {
            let name = f.file_name().into_string().ok()?;
            own::is_source_name(&name).then_some(())?;
            let t = f
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(UNIX_EPOCH);
            Some((t, name, f.path()))
        })
        .collect();
    found.sort();
    for (time, name, path) in found {
        // `<id>-<16 hex>.txt`: the id is the best stand-in for the original file name.
        let id_part = name
            .strip_suffix(".txt")
            .or_else(|| name.strip_suffix(".pdf"))
            .and_then(|s| s.rsplit_once('-'))
            .map_or(name.as_str(), |(id, _)| id);
        let origin = format!("{id_part}.txt");
        let shown = shown_path(&path);
        let bytes = match input::read_stored(&path, stored_limit()) {
            Ok(b) => b,
            Err(e) => {
                notes.push(format!("{shown}: not recovered: {e}"));
                continue;
            }
        };
        let mut r = match parse::parse_bytes(&bytes, &origin) {
            Ok(r) => r,
            Err(e) => {
                notes.push(format!("{shown}: not recovered: {e}"));
                continue;
            }
        };
        // The stored name keeps the id import gave it (`wrexham-2021-11-2`).
        if crate::corpus::is_counted_id(id_part, &r.id) {
            r.id = id_part.to_string();
        }
        // The name's hash was of the content and the original file name, which is gone: the
        // entry gets the key of what is there.
        let key = hex(&source_key(&bytes, &origin));
        let imported_at = time
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        manifest.upsert(Entry::new(&r, origin, shown, name, key, imported_at));
    }
    manifest
}

/// The most a stored source may weigh when read back: the input limit, but never under 1 GB,
/// so a source imported under a raised limit still loads.
pub(super) fn stored_limit() -> u64 {
    input::max_size().max(1 << 30)
}

/// Content key of a source: xxh3-128 of its bytes and its file name (the name is a parser input).
pub fn source_key(bytes: &[u8], origin: &str) -> [u8; 16] {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(bytes);
    h.update(&[0xff]);
    h.update(origin.as_bytes());
    h.digest128().to_be_bytes()
}

pub(super) fn hex(key: &[u8; 16]) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn parse_key(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_hex() {
        let k = source_key(b"text", "a.txt");
        assert_eq!(parse_key(&hex(&k)), Some(k));
        assert_ne!(source_key(b"text", "b.txt"), k);
        assert_eq!(parse_key("zz"), None);
    }
}
