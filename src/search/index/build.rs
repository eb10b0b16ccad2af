//! Building the index from a corpus: every searchable text tokenised (long forms written out
//! filed under their short forms too), the vocabulary sorted, the postings laid out per word
//! (CSR, in paragraph order) for the texts and for their context (council, section and
//! subsection titles).

use super::{corpus_texts, theme_byte, Docs, ReportInfo, SearchIndex, Texts, NONE};
use crate::corpus::Corpus;
use crate::model::slug;
use crate::search::acronym::{Acronyms, TokenBuf};
use crate::search::fuzzy::Vocab;
use crate::search::intern::{Interner, Packed};
use crate::search::table::Blocks;
use crate::search::units::units;
use fuzzy_matcher::skim::SkimMatcherV2;
use rustc_hash::FxHashMap;
use std::ops::Range;

impl SearchIndex {
    /// Indexes every searchable text of every report of `corpus` (front matter, every section's paragraphs, and overview findings and
    /// recommendations no section holds).
    pub fn new(corpus: &Corpus) -> SearchIndex {
        let acronyms =
            Acronyms::learn(corpus_texts(corpus).enumerate().map(|(d, t)| (d as u32, t)));
        let mut words = Interner::default();
        let mut short_count: FxHashMap<String, usize> = FxHashMap::default();
        for r in &corpus.reports {
            *short_count.entry(slug(&r.authority.short)).or_default() += 1;
        }
        let mut reports = Vec::with_capacity(corpus.reports.len());
        let mut docs = DocsBuilder::default();
        let mut texts = Packed::new();
        let mut strings = Packed::new();
        let mut string_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut string_id = |s: &str| -> u32 {
            if let Some(&id) = string_ids.get(s) {
                return id;
            }
            let id = strings.push(s);
            string_ids.insert(s.to_string(), id);
            id
        };
        // Per paragraph: (word, count) pairs, flat.
        let mut pairs: Vec<(u32, u8)> = Vec::new();
        let mut pair_off: Vec<u32> = vec![0];
        let mut ctx_docs: Vec<Range<u32>> = Vec::new();
        let mut ctx_pairs: Vec<u32> = Vec::new();
        let mut ctx_off: Vec<u32> = vec![0];
        let mut scratch: Vec<u32> = Vec::new();
        let mut buf = TokenBuf::default();
        for (ri, r) in corpus.reports.iter().enumerate() {
            let short_slug = slug(&r.authority.short);
            let link = if short_count.get(&short_slug).copied().unwrap_or(0) > 1 {
                r.id.clone()
            } else {
                short_slug.clone()
            };
            reports.push(ReportInfo {
                id: r.id.as_str().into(),
                short: r.authority.short.as_str().into(),
                link,
                slugs: [short_slug, slug(&r.authority.name), r.id.clone()],
            });
            let mut last: Option<(&str, Option<&str>)> = None;
            let mut sub_id = NONE;
            for u in units(r) {
                let doc = docs.len() as u32;
                let title = string_id(u.section);
                if last != Some((u.section, u.subsection)) {
                    last = Some((u.section, u.subsection));
                    sub_id = u.subsection.map_or(NONE, &mut string_id);
                    if let Some(c) = ctx_docs.last_mut() {
                        c.end = doc;
                    }
                    ctx_docs.push(doc..doc);
                    scratch.clear();
                    for part in [
                        r.authority.short.as_str(),
                        u.section,
                        u.subsection.unwrap_or(""),
                    ] {
                        acronyms.tokenize(part, &mut buf, |t, _| {
                            scratch.push(words.intern(t.text));
                        });
                    }
                    scratch.sort_unstable();
                    scratch.dedup();
                    ctx_pairs.extend_from_slice(&scratch);
                    ctx_off.push(ctx_pairs.len() as u32);
                }
                scratch.clear();
                let mut len = 0u32;
                acronyms.tokenize(u.text, &mut buf, |t, _| {
                    len += u32::from(!t.compound);
                    scratch.push(words.intern(t.text));
                });
                scratch.sort_unstable();
                let mut i = 0;
                while i < scratch.len() {
                    let mut j = i + 1;
                    while j < scratch.len() && scratch[j] == scratch[i] {
                        j += 1;
                    }
                    pairs.push((scratch[i], (j - i).min(255) as u8));
                    i = j;
                }
                pair_off.push(pairs.len() as u32);
                texts.push(u.text);
                docs.report.push(ri as u32);
                docs.section.push(title);
                docs.paragraph.push(string_id(&u.id));
                docs.subsection.push(sub_id);
                docs.theme.push(theme_byte(u.theme));
                docs.weight.push(u.weight as u8);
                docs.len.push(len.min(u32::from(u16::MAX)) as u16);
                let pages = u.pages.map_or([0, 0], |p| [p.0, p.1]);
                docs.pages.extend_from_slice(&pages);
            }
        }
        let ndocs = docs.len();
        if let Some(c) = ctx_docs.last_mut() {
            c.end = ndocs as u32;
        }
        // Sort the vocabulary; remap ids.
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_unstable_by(|x, y| words.get(*x).cmp(words.get(*y)));
        let mut remap = vec![0u32; words.len()];
        for (new, old) in order.iter().enumerate() {
            remap[*old as usize] = new as u32;
        }
        let vocab = Vocab::from_sorted(order.iter().map(|o| words.get(*o)));
        drop(words);
        let nwords = vocab.len();
        // Body postings (CSR, in paragraph order).
        let mut df = vec![0u32; nwords];
        for (t, _) in &pairs {
            df[remap[*t as usize] as usize] += 1;
        }
        let mut post_off = Vec::with_capacity(nwords + 1);
        post_off.push(0u32);
        for d in &df {
            post_off.push(post_off.last().copied().unwrap_or(0) + d);
        }
        drop(df);
        let mut fill: Vec<u32> = post_off[..nwords].to_vec();
        let mut post_doc = vec![0u32; pairs.len()];
        let mut post_tf = vec![0u8; pairs.len()];
        for d in 0..ndocs {
            for &(t, tf) in &pairs[pair_off[d] as usize..pair_off[d + 1] as usize] {
                let t = remap[t as usize] as usize;
                let k = fill[t] as usize;
                post_doc[k] = d as u32;
                post_tf[k] = tf;
                fill[t] += 1;
            }
        }
        drop(pairs);
        // Context postings.
        let mut tcount = vec![0u32; nwords];
        for t in &ctx_pairs {
            tcount[remap[*t as usize] as usize] += 1;
        }
        let mut title_off = Vec::with_capacity(nwords + 1);
        title_off.push(0u32);
        for c in &tcount {
            title_off.push(title_off.last().copied().unwrap_or(0) + c);
        }
        let mut fill: Vec<u32> = title_off[..nwords].to_vec();
        let mut title_ctx = vec![0u32; ctx_pairs.len()];
        for c in 0..ctx_docs.len() {
            for &t in &ctx_pairs[ctx_off[c] as usize..ctx_off[c + 1] as usize] {
                let t = remap[t as usize] as usize;
                title_ctx[fill[t] as usize] = c as u32;
                fill[t] += 1;
            }
        }
        let total_len: u64 = docs.len.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if ndocs == 0 {
            1.0
        } else {
            (total_len as f32 / ndocs as f32).max(1.0)
        };
        drop(string_ids);
        SearchIndex {
            docs: Docs {
                report: docs.report.into(),
                section: docs.section.into(),
                paragraph: docs.paragraph.into(),
                subsection: docs.subsection.into(),
                theme: docs.theme.into(),
                weight: docs.weight.into(),
                len: docs.len.into(),
                pages: docs.pages.into(),
            },
            texts: Texts::Packed(texts),
            strings,
            reports,
            vocab,
            post_off: post_off.into(),
            post_doc: post_doc.into(),
            post_tf: post_tf.into(),
            post_blocks: Blocks::default(),
            ctx_start: ctx_docs.iter().map(|r| r.start).collect::<Vec<_>>().into(),
            ctx_end: ctx_docs.iter().map(|r| r.end).collect::<Vec<_>>().into(),
            title_off: title_off.into(),
            title_ctx: title_ctx.into(),
            acronyms,
            avg_len,
            matcher: SkimMatcherV2::default(),
        }
    }
}

/// Columns of [`Docs`] while building.
#[derive(Default)]
struct DocsBuilder {
    report: Vec<u32>,
    section: Vec<u32>,
    paragraph: Vec<u32>,
    subsection: Vec<u32>,
    theme: Vec<u8>,
    weight: Vec<u8>,
    len: Vec<u16>,
    pages: Vec<u32>,
}

impl DocsBuilder {
    fn len(&self) -> usize {
        self.report.len()
    }
}
