//! Search speed on generated corpora (the samples, councils renamed, wording varied):
//! index build, and keystroke → ranked top 50 for typical queries and as-you-type prefixes.
//! Target on the 2-core dev machine: ≤ 16 ms a keystroke at 100k paragraphs.
//!
//! `cargo bench --bench search -- --warm-up-time 1 --measurement-time 3`
//!
//! End to end, `ciw search` from a library of 1,000 reports against `rg -i` over the same text:
//! `bash benches/search_vs_rg.sh` (hyperfine, one run).

use ciw::search::{synth, Query, SearchIndex};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

const QUERIES: &[&str] = &[
    "p",
    "pl",
    "plac",
    "placement",
    "placement stab",
    "placement stability",
    "plcement stabilty",
    "council tax care leavers",
    "EOTAS",
    "care",
    "the",
    "safegaurding bord regional",
    "\"care leavers\" housing",
    "care in:swansea theme:care-and-support",
    "missing children",
    "EOTAS mi",
    "CSE",
];

fn bench(c: &mut Criterion) {
    for (label, n) in [("10k", 10_000usize), ("100k", 100_000)] {
        let corpus = synth::corpus(n, 42);
        let paragraphs: usize = corpus
            .reports
            .iter()
            .flat_map(|r| &r.sections)
            .map(|s| s.paragraphs.len())
            .sum();
        let mut g = c.benchmark_group(format!("build_{label}"));
        g.sample_size(10);
        g.bench_function(format!("index {paragraphs} paragraphs"), |b| {
            b.iter(|| SearchIndex::new(black_box(&corpus)))
        });
        g.finish();
        let ix = SearchIndex::new(&corpus);
        eprintln!(
            "{label}: {} paragraphs, {} distinct words",
            ix.len(),
            ix.vocabulary_len()
        );
        let mut g = c.benchmark_group(format!("keystroke_{label}"));
        g.sample_size(20);
        for q in QUERIES {
            g.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
                b.iter(|| ix.search(&Query::parse(black_box(q)), 50))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
