//! Many reports in display order: loaded from files and folders given on the command line or
//! from the sample reports built into the binary (the on-disk library, `crate::library`, builds
//! one from its parse cache). One bad file never stops the others.

use crate::input::{self, InputError};
use crate::model::{slug, Authority, Inspection, Report};
use crate::parse::{self, ParseError};
use crate::text::shown_path;
use std::path::{Path, PathBuf};

/// The two sample reports shipped with the binary (Crown copyright, OGL v3.0).
pub const SAMPLES: [(&str, &str); 2] = [
    (
        "pembrokeshire-2018-09.txt",
        include_str!("../sample-reports/pembrokeshire-2018-09.txt"),
    ),
    (
        "swansea-2018-07.txt",
        include_str!("../sample-reports/swansea-2018-07.txt"),
    ),
];

/// A file that could not be loaded, with the reason.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Parse { path: String, source: ParseError },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// Not a regular file, or too big (see [`crate::input`]).
    #[error("{path}: {source}")]
    Input { path: String, source: InputError },
    #[error("{path}: no such file or folder")]
    Missing { path: String },
    #[error("{path}: folder holds no reports (.txt, .pdf, .html or .htm files)")]
    EmptyDir { path: String },
}

/// A report with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: String,
    pub report: Report,
}

/// Many reports, in a stable order (by authority, then date).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub reports: Vec<Report>,
}

/// Where a report goes in a corpus: by council (short name, case-insensitively), then by
/// inspection date; reports that tie keep their order.
pub fn order_key(authority: &Authority, inspection: &Inspection) -> (String, u16, u8) {
    (
        authority.short.to_lowercase(),
        inspection.year,
        inspection.month_number,
    )
}

/// Whether `id` is `base` with a counter added to tell it from another document (`base-2`).
pub fn is_counted_id(id: &str, base: &str) -> bool {
    id.strip_prefix(base)
        .and_then(|r| r.strip_prefix('-'))
        .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

impl Corpus {
    /// Orders the reports; two different documents with one id (two files of one council and
    /// month, say) are told apart by a counter, `-2`, `-3`..., in the order given.
    pub fn new(mut reports: Vec<Report>) -> Corpus {
        let mut seen: std::collections::HashSet<String> =
            std::collections::HashSet::with_capacity(reports.len());
        let mut clashes = Vec::new();
        for (i, r) in reports.iter().enumerate() {
            if !seen.insert(r.id.clone()) {
                clashes.push(i);
            }
        }
        for i in clashes {
            let base = reports[i].id.clone();
            let mut n = 2;
            while seen.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            let id = format!("{base}-{n}");
            seen.insert(id.clone());
            reports[i].warnings.push(format!(
                "another document has the id {base}; this one is {id}"
            ));
            reports[i].id = id;
        }
        reports.sort_by_cached_key(|r| order_key(&r.authority, &r.inspection));
        Corpus { reports }
    }

    /// The sample reports built into the binary.
    pub fn samples() -> Corpus {
        Corpus::new(
            SAMPLES
                .iter()
                .map(|(name, text)| parse::parse_str(text, name).expect("sample reports parse"))
                .collect(),
        )
    }

    /// Finds a report by id (`swansea-2018-07`), short name (`swansea`), or a unique prefix of
    /// either, case-insensitive. With several inspections of one council, the latest wins.
    pub fn find(&self, key: &str) -> Option<&Report> {
        let k = slug(key);
        if k.is_empty() {
            return None;
        }
        let exact = |r: &&Report| {
            r.id == k || slug(&r.authority.short) == k || slug(&r.authority.name) == k
        };
        if let Some(r) = self.reports.iter().rev().find(exact) {
            return Some(r);
        }
        let mut prefixed = self
            .reports
            .iter()
            .filter(|r| r.id.starts_with(&k) || slug(&r.authority.short).starts_with(&k));
        let first = prefixed.next()?;
        let same_council = prefixed.all(|r| r.authority.short == first.authority.short);
        if same_council {
            self.reports
                .iter()
                .rev()
                .find(|r| r.authority.short == first.authority.short)
        } else {
            None
        }
    }

    /// The names users can type, for error messages.
    pub fn known_names(&self) -> Vec<String> {
        self.reports
            .iter()
            .map(|r| slug(&r.authority.short))
            .collect()
    }
}

impl LoadError {
    /// An [`InputError`] on `path`, as the right variant.
    pub fn input(path: &Path, e: InputError) -> LoadError {
        let path = shown_path(path);
        match e {
            InputError::Io(source) => LoadError::Io { path, source },
            source => LoadError::Input { path, source },
        }
    }
}

/// The extensions of the files a folder's reports are read from: text, PDFs, and web pages as
/// saved.
pub const READABLE: [&str; 4] = ["txt", "pdf", "html", "htm"];

/// Expands files and folders (the non-recursive [`READABLE`] files of a folder, sorted). `-`
/// stands for standard input.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = shown_path(p);
        if p.as_os_str() == input::STDIN {
            files.push(p.clone());
        } else if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut found: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| {
                            f.is_file()
                                && f.extension().is_some_and(|e| {
                                    READABLE.iter().any(|r| e.eq_ignore_ascii_case(r))
                                })
                        })
                        .collect();
                    found.sort();
                    if found.is_empty() {
                        errors.push(LoadError::EmptyDir { path: shown });
                    }
                    files.extend(found);
                }
                Err(source) => errors.push(LoadError::Io {
                    path: shown,
                    source,
                }),
            }
        } else if p.symlink_metadata().is_ok() {
            // Whatever it is: the reader names a FIFO, a device or a dangling link as such.
            files.push(p.clone());
        } else {
            errors.push(LoadError::Missing { path: shown });
        }
    }
    (files, errors)
}

/// The file name a report came from, as the parser takes it (a fallback for the authority and
/// date); `stdin` for standard input.
pub fn origin_of(path: &Path) -> String {
    if path.as_os_str() == input::STDIN {
        return "stdin".into();
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parses one file (read with [`input::read`]: regular files only, within the size limit).
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let shown = shown_path(path);
    let bytes = input::read(path).map_err(|e| LoadError::input(path, e))?;
    let origin = origin_of(path);
    parse::parse_owned(bytes, &origin)
        .map(|report| Loaded {
            path: shown.clone(),
            report,
        })
        .map_err(|source| LoadError::Parse {
            path: shown,
            source,
        })
}

/// Loads every file and folder given; returns what loaded and what failed, in input order.
pub fn load_paths(paths: &[PathBuf]) -> (Vec<Loaded>, Vec<LoadError>) {
    let (files, mut errors) = expand(paths);
    let mut loaded = Vec::new();
    for r in parallel_map(&files, |f| load_file(f)) {
        match r {
            Ok(l) => loaded.push(l),
            Err(e) => errors.push(e),
        }
    }
    (loaded, errors)
}

/// `f` over `items` on every core (items handed out one at a time, so a long report does not
/// hold up a whole share), the results in the items' order. One core, one item or no thread to
/// be had: in order on this thread.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(item)));
        }
        done
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("ciw-load".into())
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(done) => all.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, r) in all {
            slots[i] = Some(r);
        }
    });
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_load_and_are_found_by_name() {
        let c = Corpus::samples();
        assert_eq!(c.reports.len(), 2);
        assert_eq!(c.find("swansea").unwrap().id, "swansea-2018-07");
        assert_eq!(c.find("Pemb").unwrap().authority.short, "Pembrokeshire");
        assert_eq!(
            c.find("swansea-2018-07").unwrap().authority.short,
            "Swansea"
        );
        assert!(c.find("cardiff").is_none());
        assert!(c.find("").is_none());
    }

    #[test]
    fn parallel_map_keeps_the_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = parallel_map(&items, |&x| {
            // Uneven work, so threads finish out of order.
            (0..(x % 7) * 1000).fold(x, |a, b| a.wrapping_add(b % 3))
                - (0..(x % 7) * 1000).map(|b| b % 3).sum::<u64>()
        });
        assert_eq!(out, items);
        assert!(parallel_map(&Vec::<u8>::new(), |&x| x).is_empty());
        assert_eq!(parallel_map(&[5u8], |&x| x + 1), vec![6]);
    }

    #[test]
    fn missing_paths_are_named() {
        let (loaded, errors) = load_paths(&[PathBuf::from("/no/such/report.txt")]);
        assert!(loaded.is_empty());
        assert_eq!(
            errors[0].to_string(),
            "/no/such/report.txt: no such file or folder"
        );
    }
}
