//! Wall-clock time from starting the explorer to its first frame, as a user sees it: the
//! release binary runs in a pseudo-terminal and the clock stops when the council list is on the
//! screen. `cargo run --release --example first_frame -- LIBRARY [RUNS] [ARGS...]`
//! (e.g. a library of 1,000 imported reports: `ciw import` the output of `gen_reports`).
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let library = args
        .next()
        .expect("usage: first_frame LIBRARY [RUNS] [ARGS...]");
    let runs: usize = args
        .next()
        .map_or(20, |r| r.parse().expect("RUNS is a number"));
    let extra: Vec<String> = args.collect();
    let bin = std::env::current_exe()
        .expect("own path")
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("ciw"))
        .expect("target dir");
    assert!(
        bin.is_file(),
        "build the binary first: cargo build --release"
    );
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        times.push(once(&bin, &library, &extra));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "first frame over {library}: {runs} runs, min {:.1} ms, median {:.1} ms, 90th percentile {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[runs / 2]),
        ms(times[runs * 9 / 10]),
        ms(times[runs - 1])
    );
}

fn once(bin: &std::path::Path, library: &str, extra: &[String]) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(["--library", library]);
    cmd.args(extra);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_GB.UTF-8");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            // The title of the council list, drawn with the first frame.
            if seen.windows(9).any(|w| w == b"Reports (") {
                let _ = tx.send(Instant::now());
                break;
            }
        }
        // Keep draining so the child never blocks on a full pty.
        while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
    });
    let shown = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("no first frame within 30 s");
    writer.write_all(b"q").expect("quit");
    let _ = child.wait();
    shown - start
}
