//! The one way `ciw` reads an input file: reports named on the command line (text, and whatever
//! other formats the parsers take), a library's stored sources, standard input when `-` asks
//! for it. Content-agnostic: it returns bytes.
//!
//! - Only regular files are read. A named pipe (FIFO), a device (`/dev/zero`), a socket or a
//!   folder named as a file is refused with a clear error, without blocking: the path is checked
//!   with `stat` before it is opened (so no device is ever opened), opened with `O_NONBLOCK`, and
//!   the opened descriptor is checked again with `fstat` (the path may have been swapped between).
//! - Nothing larger than a limit is read: [`max_size`], 64 MB unless the command line's
//!   `--max-size` ([`set_max_size`]) or else `CIW_MAX_SIZE` says otherwise (`200M`, `1G`,
//!   `500k` or a number of bytes). The limit is also
//!   enforced while reading, so a file that grows after the check, or standard input, cannot
//!   push past it.
//! - Memory: the returned buffer is allocated once at the file's size (plus one byte to see the
//!   end), so reading costs 1x the input, and [`crate::parse::parse_owned`] turns it into the
//!   text without a copy. Parsing whole (release build, `/usr/bin/time -v ciw parse FILE`): a
//!   60 MB file of report text peaks at 239 MB resident (4.0x); the worst case is text of
//!   nothing but very short lines (60 MB of 3-byte lines: 495 MB, 8.2x), where the parser's one
//!   16-byte record per line dominates, and most of all after the opening of a 2018 report,
//!   whose reader works on one 24-byte copy of each line (962 MB, 16x).
//!
//! [`read_stored`] is the variant for files the library itself wrote: it also refuses a symbolic
//! link in the last component (`O_NOFOLLOW`), so a planted link cannot make the library read
//! outside its folder.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The default [`max_size`]: 64 MB.
pub const DEFAULT_MAX_SIZE: u64 = 64 << 20;
/// The environment variable that sets [`max_size`].
pub const MAX_SIZE_ENV: &str = "CIW_MAX_SIZE";
/// The path that names standard input.
pub const STDIN: &str = "-";

/// Why an input could not be read. The caller adds the path.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("is {0}, not a file; only regular files are read")]
    NotAFile(&'static str),
    #[error("is a symbolic link; the library reads only the files it wrote")]
    Symlink,
    #[error("is {}, over the {} limit; use --max-size (e.g. --max-size 1G) or set {MAX_SIZE_ENV} to read bigger files", size_label(*size), size_label(*limit))]
    TooBig { size: u64, limit: u64 },
}

/// The limit set by [`set_max_size`]; 0 while none is.
static SET_LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Sets [`max_size`] for the rest of the process, over `CIW_MAX_SIZE` (the command line's
/// `--max-size`). A limit of 0 is ignored.
pub fn set_max_size(limit: u64) {
    SET_LIMIT.store(limit, std::sync::atomic::Ordering::Relaxed);
}

/// The most bytes one input may have: what [`set_max_size`] set, else `CIW_MAX_SIZE` if set and
/// valid (read once), else 64 MB.
pub fn max_size() -> u64 {
    let set = SET_LIMIT.load(std::sync::atomic::Ordering::Relaxed);
    if set > 0 {
        return set;
    }
    static LIMIT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var(MAX_SIZE_ENV)
            .ok()
            .and_then(|v| parse_size(&v))
            .unwrap_or(DEFAULT_MAX_SIZE)
    })
}

/// `64M`, `1G`, `500k`, `1000` (bytes); binary units, case-insensitive, an optional `B`/`iB`.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let t = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (num, shift) = match t.char_indices().last()? {
        (i, 'k') => (&t[..i], 10),
        (i, 'm') => (&t[..i], 20),
        (i, 'g') => (&t[..i], 30),
        (i, 't') => (&t[..i], 40),
        _ => (t, 0),
    };
    let n: u64 = num.trim().parse().ok()?;
    n.checked_mul(1 << shift).filter(|&n| n > 0)
}

/// `64 MB`, `1.5 GB`, `900 bytes`: for messages.
pub fn size_label(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    for (unit, name) in UNITS {
        if n >= unit {
            let whole = n / unit;
            let tenth = (n % unit) * 10 / unit;
            return if tenth == 0 || whole >= 100 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{tenth} {name}")
            };
        }
    }
    format!("{n} bytes")
}

/// What a non-regular file is, for the error.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Reads an input file (or standard input for `-`), within [`max_size`].
pub fn read(path: &Path) -> Result<Vec<u8>, InputError> {
    if path.as_os_str() == STDIN {
        return read_stdin(max_size());
    }
    read_file(path, max_size(), true)
}

/// Reads a file the library wrote: as [`read`], but a symbolic link is refused and `-` is a file
/// name like any other. `limit`: the most bytes to read.
pub fn read_stored(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    read_file(path, limit, false)
}

/// Reads a file of the user's own (a config file): as [`read`] with the given `limit`, links
/// followed, `-` a file name like any other.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    read_file(path, limit, true)
}

/// Opens a file the library wrote, to stream it: checked as [`read_stored`] checks (a regular
/// file, not a link, opened without blocking), with no size limit. An `io::Error` either way,
/// `NotFound` when there is none.
pub fn open_stored(path: &Path) -> io::Result<File> {
    let not_a_file = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("is {what}, not a file; only regular files are read"),
        )
    };
    let meta = std::fs::symlink_metadata(path)?;
    if let Some(kind) = kind_of(&meta) {
        return Err(not_a_file(kind));
    }
    let file = open(path, false)?;
    if let Some(kind) = kind_of(&file.metadata()?) {
        return Err(not_a_file(kind));
    }
    Ok(file)
}

/// Reads standard input, within `limit`.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    io::stdin().lock().take(limit + 1).read_to_end(&mut buf)?;
    check_len(buf.len() as u64, limit)?;
    Ok(buf)
}

fn check_len(size: u64, limit: u64) -> Result<(), InputError> {
    if size > limit {
        Err(InputError::TooBig { size, limit })
    } else {
        Ok(())
    }
}

fn read_file(path: &Path, limit: u64, follow: bool) -> Result<Vec<u8>, InputError> {
    // Checked before opening, so no FIFO or device is ever opened.
    let meta = if follow {
        std::fs::metadata(path)?
    } else {
        std::fs::symlink_metadata(path)?
    };
    if meta.file_type().is_symlink() {
        return Err(InputError::Symlink);
    }
    if let Some(kind) = kind_of(&meta) {
        return Err(InputError::NotAFile(kind));
    }
    check_len(meta.len(), limit)?;
    let file = open(path, follow)?;
    // And again on what was opened: the path may have been replaced in between.
    let meta = file.metadata()?;
    if let Some(kind) = kind_of(&meta) {
        return Err(InputError::NotAFile(kind));
    }
    check_len(meta.len(), limit)?;
    let mut buf = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1).read_to_end(&mut buf)?;
    check_len(buf.len() as u64, limit)?;
    Ok(buf)
}

fn open(path: &Path, follow: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if !follow {
            flags |= libc::O_NOFOLLOW;
        }
        o.custom_flags(flags);
    }
    #[cfg(not(unix))]
    let _ = follow;
    match o.open(path) {
        #[cfg(unix)]
        Err(e) if !follow && e.raw_os_error() == Some(libc::ELOOP) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a symbolic link; the library reads only the files it wrote",
        )),
        r => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("1g"), Some(1 << 30));
        assert_eq!(parse_size("500kB"), Some(500 << 10));
        assert_eq!(parse_size("2MiB"), Some(2 << 20));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(size_label(64 << 20), "64 MB");
        assert_eq!(size_label(3 << 29), "1.5 GB");
        assert_eq!(size_label(900), "900 bytes");
    }

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.txt");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read(&p).unwrap(), b"hello");
        assert_eq!(read_file(&p, 5, true).unwrap(), b"hello");
        assert!(matches!(
            read_file(&p, 4, true),
            Err(InputError::TooBig { size: 5, limit: 4 })
        ));
    }

    #[test]
    fn folders_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let e = read(tmp.path()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "is a folder, not a file; only regular files are read"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_refused_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("f.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo on a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(read(&fifo), Err(InputError::NotAFile(k)) if k.contains("FIFO")));
        assert!(matches!(
            read(Path::new("/dev/zero")),
            Err(InputError::NotAFile("a device"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn stored_files_refuse_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("t.txt");
        std::fs::write(&target, b"x").unwrap();
        let link = tmp.path().join("l.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(read_stored(&link, 10), Err(InputError::Symlink)));
        assert_eq!(read(&link).unwrap(), b"x");
    }
}
