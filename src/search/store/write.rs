//! Writing the index in the stored layout (see the [module docs](super)): the arrays as they are
//! in memory, the small parts serialised, a checksum per part (per block for the postings and
//! the texts), each part 8-byte aligned after the directory.

use super::{BLOCKED, FORMAT, HEADER, MAGIC, PARTS};
use crate::search::acronym::{Acronym, Source};
use crate::search::index::{blocks_sum, SearchIndex, POSTING_BLOCK, TEXT_BLOCK};

fn u64s_bytes(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn u32s_bytes(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The index as bytes, stamped with `key`. Infallible for an index built in memory; a stored
/// one found damaged while writing it again gives what could be read (the caller only writes
/// indexes it built).
pub fn to_bytes(ix: &SearchIndex, key: [u8; 16]) -> Vec<u8> {
    let n = ix.texts.len();
    let mut text: Vec<u8> = Vec::new();
    let mut text_off = Vec::with_capacity(n + 1);
    text_off.push(0u64);
    for d in 0..n as u32 {
        text.extend_from_slice(ix.texts.get(d).unwrap_or_default().as_bytes());
        text_off.push(text.len() as u64);
    }
    let text_sums: Vec<u64> = text.chunks(TEXT_BLOCK).map(blocks_sum).collect();
    let post_sums: Vec<u64> = ix
        .post_doc
        .chunks(POSTING_BLOCK)
        .zip(ix.post_tf.chunks(POSTING_BLOCK))
        .map(|(d, t)| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&u32s_bytes(d));
            h.update(t);
            h.digest()
        })
        .collect();
    let meta = [
        ix.docs.len() as u64,
        ix.vocab.len() as u64,
        ix.reports.len() as u64,
        ix.ctx_start.len() as u64,
        ix.post_doc.len() as u64,
        ix.title_ctx.len() as u64,
        text.len() as u64,
        xxhash_rust::xxh3::xxh3_64(&text),
        u64::from(ix.avg_len.to_bits()),
        ix.strings.len() as u64,
    ];
    let mut reports = Writer::default();
    reports.u64(ix.reports.len() as u64);
    for r in &ix.reports {
        for s in [
            &*r.id,
            &*r.short,
            &r.link,
            &r.slugs[0],
            &r.slugs[1],
            &r.slugs[2],
        ] {
            reports.str(s);
        }
    }
    let mut acr = Writer::default();
    let entries: Vec<&Acronym> = ix.acronyms.parts().collect();
    acr.u64(entries.len() as u64);
    for e in entries {
        acr.str(&e.short);
        acr.str(&e.long);
        acr.0.push(match e.source {
            Source::Corpus => 0,
            Source::BuiltIn => 1,
        });
        acr.0.extend_from_slice(&e.defined.to_le_bytes());
        acr.0
            .extend_from_slice(&e.first.unwrap_or(u32::MAX).to_le_bytes());
    }
    let (vt, vo, vm, vl) = ix.vocab.parts();
    let strings_off: Vec<u64> = ix.strings.off.iter().map(|&o| o as u64).collect();
    let docs = &ix.docs;
    let lens: Vec<u8> = docs.len.iter().flat_map(|l| l.to_le_bytes()).collect();
    let parts: [Vec<u8>; PARTS] = [
        u64s_bytes(&meta),
        reports.0,
        ix.strings.text.as_bytes().to_vec(),
        u64s_bytes(&strings_off),
        u32s_bytes(&docs.report),
        u32s_bytes(&docs.section),
        u32s_bytes(&docs.paragraph),
        u32s_bytes(&docs.subsection),
        docs.theme.to_vec(),
        docs.weight.to_vec(),
        lens,
        u32s_bytes(&docs.pages),
        vt.to_vec(),
        u32s_bytes(vo),
        u64s_bytes(vm),
        vl.to_vec(),
        u32s_bytes(&ix.post_off),
        u32s_bytes(&ix.post_doc),
        ix.post_tf.to_vec(),
        u64s_bytes(&post_sums),
        u32s_bytes(&ix.ctx_start),
        u32s_bytes(&ix.ctx_end),
        u32s_bytes(&ix.title_off),
        u32s_bytes(&ix.title_ctx),
        acr.0,
        u64s_bytes(&text_off),
        text,
        u64s_bytes(&text_sums),
    ];
    let mut out = Vec::with_capacity(HEADER + parts.iter().map(|p| p.len() + 8).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(PARTS as u32).to_le_bytes());
    out.extend_from_slice(&key);
    let mut at = HEADER;
    for (i, p) in parts.iter().enumerate() {
        let sum = if BLOCKED.iter().any(|b| *b as usize == i) {
            0
        } else {
            xxhash_rust::xxh3::xxh3_64(p)
        };
        for v in [at as u64, p.len() as u64, sum] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        at = (at + p.len()).next_multiple_of(8);
    }
    let sum = xxhash_rust::xxh3::xxh3_64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    for p in &parts {
        out.extend_from_slice(p);
        out.resize(out.len().next_multiple_of(8), 0);
    }
    out
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}
