//! The command line end to end on the built binary: `parse`, `check`, `search`, `list`, `show`
//! and `compare`, their JSON contracts, and bad input named on stderr; the exports
//! (`--format markdown|csv`), completions, the man page and closed pipes.
//!
//! One test binary for the whole group, so the crate is linked once.

#[path = "../common/mod.rs"]
mod common;

mod compare;
mod export;
mod inputs;
mod parse;
mod search;
mod shell;
mod show;
