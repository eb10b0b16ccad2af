//! What the library owns, and nothing else: a folder becomes a library only when it is new, empty
//! or already one (its [`MARKER`] or manifest); clean-up touches only names the library itself
//! makes ([`is_source_name`], [`is_temp_name`]) in the folders it made, and never follows a
//! symbolic link.
//!
//! Uncommitted and unnamed sources are set aside, never deleted on a guess: the sources of an
//! import that never committed live in `incoming/` (deleted: nothing ever named them), and a file
//! in `sources/` with a source's name that the manifest does not name is moved to `orphans/` for
//! the user to look at. Only a commit proves a source garbage: the sources that the manifest
//! before it named and the one after it does not are deleted by that commit.

use super::atomic::{sync_dir, sync_folder, write_atomic};
use super::manifest::{Manifest, MANIFEST_FORMAT};
use super::{fault, io_err, LibraryError, MANIFEST, SOURCES};
use crate::input;
use crate::text::shown_path;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a ciw library.
pub const MARKER: &str = "ciw-library";
/// Where an import stages its new sources until it commits.
pub const INCOMING: &str = "incoming";
/// Where sources that no manifest names are set aside.
pub const ORPHANS: &str = "orphans";

const MARKER_TEXT: &str = "This folder is a ciw library: library.json names the imported reports, \
sources/ holds their text as imported, cache.bin and search.bin are rebuilt when lost.\n\
ciw writes and deletes only its own files here. Use `ciw import` and `ciw remove` to change it.\n";

/// Names ciw may have made in a folder before it became a library: its lock, the explorer's
/// state and config folders (`--library DIR` keeps them there), the marker.
const MADE_BEFORE: &[&str] = &[".lock", "state", "config", MARKER];

/// True when `dir` is a library: it has the marker or a manifest (libraries made before the
/// marker have only the manifest).
pub(super) fn is_library(dir: &Path) -> bool {
    dir.join(MARKER).symlink_metadata().is_ok() || dir.join(MANIFEST).symlink_metadata().is_ok()
}

/// `<id>-<16 hex>.txt`: the name of a stored source, as the import makes them.
pub(super) fn is_source_name(name: &str) -> bool {
    let stem = name
        .strip_suffix(".txt")
        .or_else(|| name.strip_suffix(".pdf"));
    let Some((id, hex)) = stem.and_then(|s| s.rsplit_once('-')) else {
        return false;
    };
    hex.len() == 16
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && is_plain_name(id)
}

/// A name that stays in its folder: not empty, not `.` or `..`, no separator, no NUL, no
/// control character.
pub(super) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

/// `.<name>.tmp-<pid>-<n>`: an atomic write's temp file ([`super::atomic`]).
pub fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((_, tail)) = rest.rsplit_once(".tmp-") else {
        return false;
    };
    let Some((pid, n)) = tail.split_once('-') else {
        return false;
    };
    !pid.is_empty()
        && !n.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// Refuses a folder that is neither a library nor empty, before anything is written into it.
/// Names the first few foreign entries.
pub(super) fn check_adoptable(dir: &Path) -> Result<(), LibraryError> {
    if is_library(dir) {
        return Ok(());
    }
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(dir)(e)),
    };
    let mut foreign: Vec<String> = rd
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .filter(|n| !MADE_BEFORE.contains(&n.as_str()) && !is_temp_name(n))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let more = foreign.len().saturating_sub(3);
    foreign.truncate(3);
    let mut names: Vec<String> = foreign.iter().map(|n| shown_path(Path::new(n))).collect();
    if more > 0 {
        names.push(format!("{more} more"));
    }
    Err(LibraryError::Foreign {
        dir: shown_path(dir),
        names: names.join(", "),
    })
}

/// Makes `dir` a library if it is not one yet (marker, then an empty manifest: from then on
/// every state on disk is a committed one), or marks a library made before the marker. Caller
/// holds the lock and has called [`check_adoptable`]; this checks again under the lock.
pub(super) fn adopt(dir: &Path) -> Result<(), LibraryError> {
    check_adoptable(dir)?;
    let marker = dir.join(MARKER);
    if marker.symlink_metadata().is_err() {
        write_atomic(&marker, MARKER_TEXT.as_bytes()).map_err(io_err(&marker))?;
        fault::point("adopt:marker");
    }
    let manifest = dir.join(MANIFEST);
    if manifest.symlink_metadata().is_err() && !dir.join(SOURCES).exists() {
        let empty = Manifest {
            format: MANIFEST_FORMAT,
            reports: Vec::new(),
        };
        super::manifest::write(dir, &empty)?;
        fault::point("adopt:manifest");
    }
    Ok(())
}

/// A folder of the library's own (`sources/`, `incoming/`, `orphans/`), created if need be:
/// refused if it is a symbolic link or not a folder, so nothing is written or deleted through
/// a link out of the library.
pub(super) fn own_dir(dir: &Path, name: &str) -> Result<PathBuf, LibraryError> {
    let path = dir.join(name);
    match path.symlink_metadata() {
        Ok(m) if m.is_dir() => Ok(path),
        Ok(m) => Err(LibraryError::NotOurs {
            path: shown_path(&path),
            why: if m.file_type().is_symlink() {
                "is a symbolic link"
            } else {
                "is not a folder"
            },
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(&path).map_err(io_err(&path))?;
            sync_dir(&path).map_err(io_err(&path))?;
            Ok(path)
        }
        Err(e) => Err(io_err(&path)(e)),
    }
}

/// Checks that an existing folder of the library's own is a real folder (see [`own_dir`]);
/// `Ok(false)` when it does not exist.
pub(super) fn check_own_dir(dir: &Path, name: &str) -> Result<bool, LibraryError> {
    let path = dir.join(name);
    match path.symlink_metadata() {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => own_dir(dir, name).map(|_| true),
        Err(_) => Ok(false),
    }
}

/// Regular files (not links) in `dir` whose names pass `ours`.
fn own_files(dir: &Path, ours: impl Fn(&str) -> bool) -> Vec<(String, PathBuf)> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.flatten()
        .filter(|f| f.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|f| {
            let name = f.file_name().into_string().ok()?;
            ours(&name).then(|| (name, f.path()))
        })
        .collect()
}

/// The process id in a temp file's name ([`is_temp_name`]).
fn temp_pid(name: &str) -> Option<u32> {
    let (_, tail) = name.rsplit_once(".tmp-")?;
    tail.split_once('-')?.0.parse().ok()
}

/// Whether the process that wrote a temp file may still be writing it: it is this process, or
/// one that is still running (a reused id only means the file waits for a later sweep).
fn writer_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is sent.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    true
}

/// Deletes the temp files that killed writes left in `dir` (ours by name, regular files, their
/// writer gone), and nothing else. Safe without a lock: a live writer's temp file is left alone.
pub fn sweep_temps(dir: &Path) {
    let dead = |n: &str| is_temp_name(n) && temp_pid(n).is_some_and(|p| !writer_alive(p));
    for (_, path) in own_files(dir, dead) {
        let _ = fs::remove_file(path);
    }
}

/// Before a write, under the lock: rolls back what a killed import left (its staged sources in
/// `incoming/`, temp files) and sets aside sources that `manifest` does not name. Returns notes
/// for the user.
pub(super) fn tidy(dir: &Path, manifest: &Manifest) -> Result<Vec<String>, LibraryError> {
    let mut notes = Vec::new();
    sweep_temps(dir);
    if check_own_dir(dir, INCOMING)? {
        let incoming = dir.join(INCOMING);
        // Nothing ever named these: an import was stopped before it committed.
        for (_, path) in own_files(&incoming, |n| is_source_name(n) || is_temp_name(n)) {
            let _ = fs::remove_file(path);
        }
        let _ = fs::remove_dir(&incoming);
    }
    if check_own_dir(dir, SOURCES)? {
        let sources = dir.join(SOURCES);
        sweep_temps(&sources);
        let named: HashSet<&str> = manifest.reports.iter().map(|e| e.source.as_str()).collect();
        let unnamed = own_files(&sources, |n| is_source_name(n) && !named.contains(n));
        if !unnamed.is_empty() {
            let orphans = own_dir(dir, ORPHANS)?;
            let mut moved = 0;
            for (name, path) in unnamed {
                let dest = orphans.join(&name);
                if dest.symlink_metadata().is_ok() {
                    // The same name is the same content (the name holds its hash): a copy.
                    let read =
                        |p: &Path| input::read_stored(p, super::manifest::stored_limit()).ok();
                    let kept = read(&dest);
                    let same = kept.is_some() && kept == read(&path);
                    if same {
                        let _ = fs::remove_file(&path);
                    }
                    continue;
                }
                if fs::rename(&path, &dest).is_ok() {
                    moved += 1;
                }
            }
            let _ = sync_folder(&orphans).and_then(|_| sync_folder(&sources));
            if moved > 0 {
                notes.push(format!(
                    "{}: {moved} stored source{} that no report names (left by an interrupted \
                     import or remove) moved to {}; delete them once you have no use for them",
                    shown_path(&sources),
                    if moved == 1 { "" } else { "s" },
                    shown_path(&orphans),
                ));
            }
        }
    }
    Ok(notes)
}

/// After a commit from `before` to `after`: deletes the sources `before` named and `after` does
/// not (the commit proved them garbage), only if they are plain regular files of ours.
pub(super) fn delete_replaced(dir: &Path, before: &Manifest, after: &Manifest) {
    let kept: HashSet<&str> = after.reports.iter().map(|e| e.source.as_str()).collect();
    let sources = dir.join(SOURCES);
    if !matches!(check_own_dir(dir, SOURCES), Ok(true)) {
        return;
    }
    for e in &before.reports {
        if kept.contains(e.source.as_str()) || !is_source_name(&e.source) {
            continue;
        }
        let path = sources.join(&e.source);
        if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_our_own() {
        assert!(is_source_name("swansea-2018-07-0123456789abcdef.txt"));
        assert!(!is_source_name("swansea-2018-07-0123456789ABCDEF.txt"));
        assert!(!is_source_name("main.c"));
        assert!(!is_source_name("notes-0123456789abcdef.md"));
        assert!(!is_source_name("../x-0123456789abcdef.txt"));
        assert!(is_temp_name(".library.json.tmp-123-0"));
        assert_eq!(temp_pid(".library.json.tmp-123-0"), Some(123));
        assert!(writer_alive(std::process::id()));
        assert!(!is_temp_name(".library.json.tmp-123"));
        assert!(!is_temp_name("library.json.tmp-1-2"));
        assert!(!is_temp_name(".bashrc"));
        assert!(is_plain_name("a.txt"));
        for bad in ["", ".", "..", "a/b", "a\\b", "/etc/passwd", "a\nb"] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
    }
}
