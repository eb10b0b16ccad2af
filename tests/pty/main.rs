//! The real binary in a pseudo-terminal: keys, screens, terminal restoration and the bytes it
//! writes.

#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;
mod event_loop;
mod glyphs;
mod session;
mod terminal;
