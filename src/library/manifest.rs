//! The manifest (`library.json`): what is imported, each entry's summary and content key, and its
//! recovery from the stored sources when it is missing or damaged.

use super::atomic::write_atomic;
use super::cache::cache_stamp;
use super::lock::lock;
use super::{MANIFEST, SOURCES};
use crate::model::{Authority, Inspection, Kind, Report, Services};
use crate::parse;
use serde::{Deserialize, Serialize};
use std::fs;
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

/// Rebuilds a manifest from `sources/` when `library.json` is missing or damaged: every stored
/// source is parsed; of two sources with one id, the newer file wins. The damaged manifest is
/// kept beside as `library.json.damaged` and the rebuilt one written (best effort).
pub(super) fn recover_manifest(dir: &Path, notes: &mut Vec<String>) -> Manifest {
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
        let (mut r, bytes) = report;
        // The stored name keeps the id import gave it (`wrexham-2021-11-2`).
        if crate::corpus::is_counted_id(&id_part, &r.id) {
            r.id = id_part.clone();
        }
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
