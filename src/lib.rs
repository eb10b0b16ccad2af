//! `ciw`: read and compare Care Inspectorate Wales inspections of councils' children's services.
//!
//! Data flow:
//! ```text
//! report text (.txt, any extractor) --parse--> Report (serde) --corpus--> Library (many reports)
//!        search (fuzzy, ranked hits) <--+-- compare (one theme across councils)
//!                    cli (plain text / --json)   tui (panes, overlays)
//! ```
//! The core ([`model`], [`parse`], [`corpus`], [`search`], [`compare`]) knows nothing of
//! terminals; [`cli`] and [`tui`] are thin front ends over the same calls.

// Errors are typed and reported, never unwrapped: no `unwrap` in the library outside its unit
// tests (clippy.toml allows it there; integration tests and benches may unwrap).
#![warn(clippy::unwrap_used)]

pub mod cli;
pub mod compare;
pub mod corpus;
pub mod export;
pub mod input;
pub mod library;
pub mod model;
pub mod parse;
pub mod paths;
pub mod search;
pub mod settings;
pub mod state;
pub mod target;
pub mod text;
pub mod tui;

pub use model::{Report, Theme};
