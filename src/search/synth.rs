//! Generated corpora for benchmarks: the sample reports, councils renamed and wording varied
//! deterministically (word swaps, typos, made-up names), so vocabulary and postings grow like a
//! real collection's. Not part of the public API.

use crate::corpus::{Corpus, SAMPLES};
use crate::model::Report;

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: [&str; 16] = [
    "ab", "er", "lan", "dy", "fed", "gwy", "nant", "mor", "tre", "cae", "llan", "bryn", "pen",
    "rhos", "ty", "wen",
];

/// A made-up word (place or person name) from the generator.
pub fn made_up(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// Varies a paragraph: about one word in twelve swapped for a word from `pool`, one in fifty
/// misspelt, one in forty replaced by a made-up name.
pub fn vary(text: &str, pool: &[&str], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let r = rng.below(600);
        if r < 50 && !pool.is_empty() {
            out.push_str(pool[rng.below(pool.len())]);
        } else if r < 62 && w.len() > 4 && w.is_ascii() {
            let cut = 1 + rng.below(w.len() - 2);
            out.push_str(&w[..cut]);
            out.push_str(&w[cut + 1..]);
        } else if r < 77 {
            out.push_str(&made_up(rng));
        } else {
            out.push_str(w);
        }
    }
    out
}

fn sample_reports() -> Vec<Report> {
    Corpus::samples().reports
}

/// About `paragraphs` paragraphs (whole reports, so slightly more) of generated reports.
pub fn corpus(paragraphs: usize, seed: u64) -> Corpus {
    let samples = sample_reports();
    let texts: Vec<&str> = samples
        .iter()
        .flat_map(|r| r.sections.iter())
        .flat_map(|s| s.paragraphs.iter())
        .flat_map(|p| p.text.split(' '))
        .collect();
    let mut pool: Vec<&str> = texts.clone();
    pool.sort_unstable();
    pool.dedup();
    let mut rng = Rng::new(seed);
    let mut reports = Vec::new();
    let mut count = 0;
    let mut k = 0usize;
    while count < paragraphs {
        let mut r = samples[k % samples.len()].clone();
        let name = format!("{}{}", made_up(&mut rng), k);
        let mut short = name.clone();
        if let Some(c) = short.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        r.id = format!("{}-{}-{:02}", name, 2015 + k % 10, 1 + k % 12);
        r.authority.name = format!("{short} Council");
        r.authority.short = short;
        for s in &mut r.sections {
            for p in &mut s.paragraphs {
                p.text = vary(&p.text, &pool, &mut rng);
                count += 1;
            }
        }
        reports.push(r);
        k += 1;
    }
    Corpus::new(reports)
}

/// The text of generated report file `i` (parseable like the samples), for end-to-end runs.
pub fn report_text(i: usize) -> String {
    let (name, text) = SAMPLES[i % SAMPLES.len()];
    let council = if name.starts_with("swansea") {
        "Swansea"
    } else {
        "Pembrokeshire"
    };
    let mut rng = Rng::new(i as u64 + 7);
    let town = format!("{}{}", made_up(&mut rng), i);
    let mut town_cap = town.clone();
    if let Some(c) = town_cap.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    let pool: Vec<&str> = text.split_whitespace().filter(|w| w.len() > 3).collect();
    let mut out = String::with_capacity(text.len() + 1024);
    for line in text.replace(council, &town_cap).lines() {
        if line.len() > 90 && !line.starts_with(char::is_numeric) {
            out.push_str(&vary(line, &pool, &mut rng));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}
