//! Parse throughput on a generated corpus of 1,000 reports made from the two samples (renamed
//! councils; a third of them re-extracted with hard wraps, page furniture and CRLF), and the
//! cost of pathological input (one long line with no spaces) at two sizes, to show it is linear.
//! The throughput is timed twice: by the wall clock, and by the thread's CPU time (steady on a
//! busy machine). Run on one core: `taskset -c 0 cargo bench --bench parse -- parse/`. One run
//! on this project's shared 2-core machine (load about 5): 372 ms of CPU time for the 1,000
//! reports, 106 MiB/s (111 MB/s); 580 ms, 68 MiB/s, by the wall clock.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;

const COUNCILS: [&str; 22] = [
    "Blaenau Gwent",
    "Bridgend",
    "Caerphilly",
    "Cardiff",
    "Carmarthenshire",
    "Ceredigion",
    "Conwy",
    "Denbighshire",
    "Flintshire",
    "Gwynedd",
    "Isle of Anglesey",
    "Merthyr Tydfil",
    "Monmouthshire",
    "Neath Port Talbot",
    "Newport",
    "Pembrokeshire",
    "Powys",
    "Rhondda Cynon Taf",
    "Swansea",
    "Torfaen",
    "Vale of Glamorgan",
    "Wrexham",
];

/// 1,000 report texts.
pub fn corpus() -> Vec<String> {
    (0..1000)
        .map(|i| {
            let council = COUNCILS[i % COUNCILS.len()];
            let base = if i % 2 == 0 {
                common::PEMBROKESHIRE.replace("Pembrokeshire", council)
            } else {
                common::SWANSEA.replace("Swansea", council)
            };
            match i % 3 {
                0 => base,
                1 => common::crlf(&common::paged(&common::hard_wrap(&base, 76), 48, council)),
                _ => common::hard_wrap(&base, 80),
            }
        })
        .collect()
}

fn throughput(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    let parse_all = || {
        for (i, t) in texts.iter().enumerate() {
            black_box(ciw::parse::parse_bytes(t.as_bytes(), &format!("r{i}.txt")).expect("parses"));
        }
    };
    g.bench_function("1000 reports", |b| b.iter(parse_all));
    // The same timed by this thread's CPU time: on a machine shared with other work, the time
    // the parser waits for a core is not counted against it.
    #[cfg(unix)]
    g.bench_function("1000 reports, CPU time", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            for _ in 0..iters {
                parse_all();
            }
            thread_cpu_time().saturating_sub(start)
        })
    });
    g.finish();
}

/// The CPU time this thread has used.
#[cfg(unix)]
fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

fn pathological(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse long line");
    g.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        let text = format!("{}{}", common::SWANSEA, "x".repeat(n));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| black_box(ciw::parse::parse_str(t, "long.txt").expect("parses")))
        });
    }
    g.finish();
}

criterion_group!(benches, throughput, pathological);
criterion_main!(benches);
