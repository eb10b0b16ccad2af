//! Atomic file writes: temp file in the same folder, fsync, rename over, fsync the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

pub(super) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

pub(super) fn sync_dir(path: &Path) -> io::Result<()> {
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

/// Syncs the folder `dir` itself (its entries: names created, renamed or removed in it).
pub(super) fn sync_folder(dir: &Path) -> io::Result<()> {
    sync_dir(&dir.join("x"))
}

/// Writes a file so that readers see either the old contents or the new, never a mix, even if
/// the process or machine dies: temp file in the same folder, fsync, rename over, fsync folder.
/// Creates the folder if need be.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] for a file written piece by piece: `fill` writes the new contents.
pub(super) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    match write_atomic_reporting(path, fill)? {
        Renamed::Durable => Ok(()),
        Renamed::NotSynced(e) => Err(e),
    }
}

/// How a write that reached its rename ended.
#[derive(Debug)]
pub(super) enum Renamed {
    /// Renamed, and the folder synced: it survives a power cut.
    Durable,
    /// Renamed (readers see the new contents), but syncing the folder failed, so a power cut
    /// might still undo it. For a commit this is not a failure: the commit happened.
    NotSynced(io::Error),
}

/// [`write_atomic_with`] telling a failure before the rename (`Err`: the old contents stand)
/// from one after it ([`Renamed::NotSynced`]).
pub(super) fn write_atomic_reporting(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<Renamed> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let tmp = temp_path(path);
    let written = (|| {
        // `create_new`: never through a link or file planted under the temp name.
        let file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(match sync_dir(path) {
        Ok(()) => Renamed::Durable,
        Err(e) => Renamed::NotSynced(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("sub").join("f.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }
}
