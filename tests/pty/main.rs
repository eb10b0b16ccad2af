//! The real binary in a pseudo-terminal: keys, screens, terminal restoration and the bytes it
//! writes.

#![cfg(unix)]

mod event_loop;
mod glyphs;
mod session;
mod terminal;
