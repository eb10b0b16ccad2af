//! The explorer on a `TestBackend`: whole-screen snapshots, keys, the search overlay, bookmarks,
//! the comparison view and the matrix.
//!
//! One test binary for the whole group, so the crate is linked once.

#[path = "../common/mod.rs"]
mod common;

mod compare;
mod glyphs;
mod hints;
mod key_path;
mod keys;
mod lists;
mod mouse;
mod navigate;
mod screens;
mod search;
mod workspace;
