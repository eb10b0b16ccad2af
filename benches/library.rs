//! Opening a library of 1,000 imported reports: what `ciw list` and the explorer do before their
//! first output. The library is built once (the Swansea sample under 1,000 council names) in
//! `target/bench-library-1000`, reused by later runs and by `hyperfine 'ciw list --library ...'`.

use ciw::corpus::{Corpus, SAMPLES};
use ciw::library::{Library, MANIFEST};
use criterion::{criterion_group, criterion_main, Criterion};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const N: usize = 1000;

fn variant(i: usize) -> (String, String) {
    let mut name = String::from("Bench");
    let mut n = i;
    for _ in 0..4 {
        name.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    // Alternate the two samples so the corpus is not one text repeated.
    let (orig, text) = if i.is_multiple_of(2) {
        ("Swansea", SAMPLES[1].1)
    } else {
        ("Pembrokeshire", SAMPLES[0].1)
    };
    let t = text.replace(orig, &name);
    (format!("{}-2018.txt", name.to_lowercase()), t)
}

/// The bench library, imported once.
fn library() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let dir = root.join(format!("bench-library-{N}"));
    if let Ok((lib, _)) = Library::open(&dir) {
        if lib.entries().len() == N && dir.join(MANIFEST).is_file() {
            return dir;
        }
    }
    let _ = fs::remove_dir_all(&dir);
    let input = root.join(format!("bench-input-{N}"));
    let _ = fs::remove_dir_all(&input);
    fs::create_dir_all(&input).unwrap();
    let mut bytes = 0;
    for i in 0..N {
        let (name, t) = variant(i);
        bytes += t.len();
        fs::write(input.join(name), t).unwrap();
    }
    let (mut lib, _) = Library::open(&dir).unwrap();
    let events = lib.import(&[input]).unwrap();
    assert_eq!(lib.entries().len(), N, "{events:?}");
    eprintln!(
        "bench library: {N} reports, {:.1} MB of text, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    dir
}

fn bench(c: &mut Criterion) {
    let dir = library();
    // A library made by an older ciw gets its summaries refreshed by a full load.
    drop(Library::open(&dir).unwrap().0.load());
    let mut g = c.benchmark_group("library");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    g.bench_function("open_and_load_1000", |b| {
        b.iter(|| {
            let (lib, notes) = Library::open(&dir).unwrap();
            let loaded = lib.load();
            assert!(notes.is_empty() && loaded.notes.is_empty());
            assert_eq!(loaded.reports.len(), N);
            Corpus::new(loaded.reports)
        })
    });
    g.bench_function("open_manifest_only_1000", |b| {
        b.iter(|| Library::open(&dir).unwrap().0.entries().len())
    });
    // What `ciw list` does: the manifest's summaries, in corpus order.
    g.bench_function("list_summaries_1000", |b| {
        b.iter(|| {
            let (lib, _) = Library::open(&dir).unwrap();
            lib.summaries().expect("fresh summaries").len()
        })
    });
    // What `ciw search` does before searching: the stored index (stored by the first call).
    let first = Library::open(&dir).unwrap().0.search_index();
    assert!(first.stored && first.notes.is_empty(), "{:?}", first.notes);
    g.bench_function("stored_search_index_1000", |b| {
        b.iter(|| {
            let (lib, _) = Library::open(&dir).unwrap();
            let loaded = lib.search_index();
            assert!(loaded.notes.is_empty());
            loaded.index.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
