//! The on-disk library through the real binary (`ciw import`, `ciw remove`, `--library`) and the
//! library API: round trips, replacement, bad files among good ones, cache and index damage,
//! a SIGKILL in the middle of an import, config errors and state.
//!
//! This module holds what the groups share: running the binary on a library, the samples and
//! variants of them written to files, and a library with the samples imported.

mod cache;
mod crashes;
mod import;
mod manifest;
mod search_index;
mod settings_and_state;

use ciw::corpus::SAMPLES;
use ciw::library::Library;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn ciw(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ciw"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("CIW_LIBRARY")
        .output()
        .expect("run ciw")
}

pub(super) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The sample reports written into `dir`.
pub(super) fn samples_in(dir: &Path) -> Vec<PathBuf> {
    fs::create_dir_all(dir).unwrap();
    SAMPLES
        .iter()
        .map(|(name, t)| {
            let p = dir.join(name);
            fs::write(&p, t).unwrap();
            p
        })
        .collect()
}

/// A distinct council's report: the Swansea sample with another name.
fn variant(i: usize) -> (String, String) {
    let mut name = String::from("Test");
    let mut n = i;
    for _ in 0..4 {
        name.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    let t = SAMPLES[1].1.replace("Swansea", &name);
    (format!("{}-2018-07.txt", name.to_lowercase()), t)
}

/// A library in a temporary folder with the samples imported through the API.
fn imported_library() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    let (mut l, _) = Library::open(&lib).unwrap();
    l.import(&files).unwrap();
    (tmp, lib)
}

/// A library in a temporary folder with the samples imported by `ciw import`, and the sample
/// files.
fn imported_by_the_binary() -> (TempDir, Vec<PathBuf>, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples_in(&tmp.path().join("in"));
    let lib = tmp.path().join("lib");
    let out = ciw(&lib, &["import", tmp.path().join("in").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (tmp, files, lib)
}
