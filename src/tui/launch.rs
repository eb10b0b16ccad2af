//! What the explorer starts with, resolved once by the command line from its raw arguments:
//! the reports, the deep link, where the reports come from and the display flags. The explorer
//! reads nothing else of the command line.

use crate::corpus::Corpus;
use crate::target::Target;
use std::path::PathBuf;

/// Where the explorer's reports come from; says where its state lives and whether to tell the
/// user how to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Files and folders named on the command line (`--reports`).
    Files,
    /// The library: in `--library DIR` (or `CIW_LIBRARY`) if given, else the platform's.
    Library(Option<PathBuf>),
}

impl Source {
    /// `--library DIR`, if given.
    pub fn library_dir(&self) -> Option<&std::path::Path> {
        match self {
            Source::Library(dir) => dir.as_deref(),
            Source::Files => None,
        }
    }
}

/// A resolved `ciw [TARGET]`.
#[derive(Debug)]
pub struct Launch {
    /// The reports to show (never empty).
    pub corpus: Corpus,
    /// Some input failed to load: a clean quit still exits 1.
    pub failed: bool,
    /// The deep link, resolved; `None` reopens where the reader was.
    pub target: Option<Target>,
    pub source: Source,
    /// `--no-color`.
    pub no_color: bool,
    /// `--ascii`.
    pub ascii: bool,
}
