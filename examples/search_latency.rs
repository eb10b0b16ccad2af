//! Times the search index build and per-keystroke searches on generated corpora (10k and 100k
//! paragraphs), as the TUI's search overlay runs them: `cargo run --release --example search_latency`.
use ciw::search::{synth, Query, SearchIndex};
use std::time::Instant;

fn main() {
    for n in [10_000usize, 100_000] {
        let corpus = synth::corpus(n, 42);
        let t = Instant::now();
        let ix = SearchIndex::new(&corpus);
        println!("{n}: build {:?} ({} paragraphs)", t.elapsed(), ix.len());
        let typed = "placement stability";
        let mut worst = (0.0f64, String::new());
        let mut total = 0.0;
        for i in 1..=typed.len() {
            let q = &typed[..i];
            let t = Instant::now();
            let hits = ix.search(&Query::parse(q), 200);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            total += ms;
            if ms > worst.0 {
                worst = (ms, format!("{q:?} ({} hits)", hits.len()));
            }
        }
        println!(
            "{n}: typing {typed:?} one key at a time: mean {:.2} ms, worst {:.2} ms at {}",
            total / typed.len() as f64,
            worst.0,
            worst.1
        );
        for q in ["p", "the", "care", "EOTAS", "plcement stabilty"] {
            let t = Instant::now();
            let _ = ix.search(&Query::parse(q), 200);
            println!("{n}: {q:?} {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
}
