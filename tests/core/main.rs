//! The core without a terminal: the parser on the samples, on extraction damage and on arbitrary
//! input; search ranking; the on-disk library (through its API and the real binary).
//!
//! One test binary for the whole group, so the crate is linked once.

#[path = "../common/mod.rs"]
mod common;

mod deep_links;
mod families;
mod layers;
mod library;
mod memory;
mod parse_artifacts;
mod parse_properties;
mod parse_samples;
mod pdf_layouts;
mod safety;
mod search_ranking;
mod typos;
