//! The library's lock (`flock` on `DIR/.lock`), held while an import or remove writes.

use super::{io_err, LibraryError};
use crate::text::shown_path;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

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
pub(super) fn lock(dir: &Path) -> io::Result<LibraryLock> {
    let f = lock_file(dir, false)?;
    try_flock(&f)?;
    Ok(LibraryLock { _file: f })
}

/// Takes the lock, creating the library folder if need be.
/// Waits for another import or remove on the same library to finish (saying so on stderr).
pub(super) fn lock_create(dir: &Path) -> Result<LibraryLock, LibraryError> {
    let f = lock_file(dir, true).map_err(io_err(dir))?;
    match try_flock(&f) {
        Ok(()) => Ok(LibraryLock { _file: f }),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
            eprintln!(
                "ciw: waiting for another `ciw import` or `ciw remove` on {} to finish",
                shown_path(dir)
            );
            flock(&f, true).map_err(io_err(dir))?;
            Ok(LibraryLock { _file: f })
        }
        Err(e) => Err(io_err(dir)(e)),
    }
}
