//! The real binary in a pseudo-terminal: keys, screens, terminal restoration and the bytes it
//! writes.

mod terminal;
