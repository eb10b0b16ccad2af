//! The command line end to end on the built binary: `parse`, `check`, `search`, `list`, `show`
//! and `compare`, their JSON contracts, and bad input named on stderr.
//!
//! One test binary for the whole group, so the crate is linked once.

mod compare;
mod parse;
mod search;
mod show;
