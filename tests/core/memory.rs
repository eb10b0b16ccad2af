//! The parser's peak memory on hostile text, counted by allocator rather than timed: a text of
//! millions of very short lines once cost thirty times its size.
//!
//! The counting allocator is the whole binary's (Rust allows one), but it counts per thread:
//! the tests running beside this one on other threads do not touch its figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Bytes live on this thread, and the most there have been since the last reset.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // A thread being torn down has no counters left; its frees are not this test's.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: as for `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most bytes `f` had live at once on this thread, above what was live before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    let peak = PEAK.with(Cell::get) - base;
    (out, peak.max(0) as usize)
}

/// `lines` short lines: two or three letters, a blank now and then, a form feed rarely.
fn short_lines(lines: usize) -> String {
    let mut s = String::with_capacity(lines * 3);
    for i in 0..lines {
        match i % 97 {
            0 => s.push('\n'),
            50 if i % 9_700 == 50 => s.push_str("\x0c1\n"),
            n if n % 2 == 0 => s.push_str("ab\n"),
            _ => s.push_str("c\n"),
        }
    }
    s
}

/// The peak of parsing `text`, as a multiple of its size.
fn parse_ratio(text: &str, origin: &str) -> f64 {
    let (report, peak) = peak_of(|| ciw::parse::parse_bytes(text.as_bytes(), origin));
    assert!(report.is_ok(), "{:?}", report.err());
    let ratio = peak as f64 / text.len() as f64;
    println!(
        "{origin}: peak {peak} bytes for {} bytes of text ({ratio:.1}x)",
        text.len()
    );
    ratio
}

#[test]
fn short_lines_cost_a_bounded_multiple_of_the_input() {
    // Every line is a record of 16 bytes; each used to be 32 and copied three times over
    // (pages, kept lines, blocks of lines), and each word of the opening paragraphs (one
    // paragraph as long as the text) took 16 bytes more, before the kind was told from the
    // paragraphs' first sentences only.
    let ratio = parse_ratio(&short_lines(400_000), "short.txt");
    assert!(ratio < 13.0, "{ratio:.1}x");
}

#[test]
fn short_lines_in_a_2018_report_cost_a_bounded_multiple_too() {
    // The 2018 report's reader copies the lines once (markers joined, the contents table
    // taken out), and no more: its blocks are slices of that copy. It used to cost 42x.
    let text = format!("{}\n{}", crate::common::SWANSEA, short_lines(400_000));
    let ratio = parse_ratio(&text, "swansea-2018-07.txt");
    assert!(ratio < 23.0, "{ratio:.1}x");
}

#[test]
fn the_counter_sees_what_is_allocated() {
    let (v, peak) = peak_of(|| vec![0u8; 1 << 20]);
    assert_eq!(v.len(), 1 << 20);
    assert!(peak >= 1 << 20, "{peak}");
}
