//! The consolidated parse cache (`cache.bin`): a header stamped with the parser and model, then
//! one checksummed postcard entry per content key.

use super::atomic::write_atomic_with;
use crate::parse;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

const CACHE_MAGIC: &[u8; 8] = b"CIWCACHE";
const CACHE_FORMAT: u32 = 1;
/// Per entry: key (16) + payload length (4) + payload checksum (8).
const ENTRY_HEADER: usize = 28;

/// Stamp of everything a cached report depends on besides its source: the parser version and the
/// report model's source text (any change to `model/` rebuilds the cache rather than risk
/// decoding old bytes into new fields). Hashed once per process: listing checks it per entry.
pub(super) fn cache_stamp() -> u64 {
    static STAMP: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *STAMP.get_or_init(|| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&parse::PARSER_VERSION.to_le_bytes());
        h.update(include_str!("../model/mod.rs").as_bytes());
        h.update(include_str!("../model/kind.rs").as_bytes());
        h.update(include_str!("../model/theme.rs").as_bytes());
        h.digest()
    })
}

pub(super) fn cache_header() -> Vec<u8> {
    let mut v = Vec::with_capacity(24);
    v.extend_from_slice(CACHE_MAGIC);
    v.extend_from_slice(&CACHE_FORMAT.to_le_bytes());
    v.extend_from_slice(&parse::PARSER_VERSION.to_le_bytes());
    v.extend_from_slice(&cache_stamp().to_le_bytes());
    v
}

pub(super) enum CacheRead {
    Fresh,
    Missing,
    Stale,
    Truncated,
}

/// One step of [`read_cache`]'s visit of an entry.
pub(super) enum Visit<'a> {
    /// Here is an entry's key: return true to read its payload.
    Offer,
    /// The payload of an entry asked for, its checksum good.
    Payload(&'a [u8]),
    /// The payload of an entry asked for, its checksum bad.
    Corrupt,
}

/// Streams the cache, calling `visit` per entry; entries not asked for are skipped unread.
pub(super) fn read_cache(
    path: &Path,
    mut visit: impl FnMut(&[u8; 16], Visit<'_>) -> bool,
) -> io::Result<CacheRead> {
    let file = match crate::input::open_stored(path) {
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
pub(super) fn write_cache(
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
