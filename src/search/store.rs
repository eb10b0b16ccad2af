//! The search index on disk, so `ciw search` over a library starts searching at once instead
//! of re-reading every report and indexing it again, and reads only what a search touches.
//!
//! Layout (little-endian): the magic `CIWSIDX\0`, the format number (u32), the number of parts
//! (u32), the caller's key (16 bytes: what the index was built from), then a directory with the
//! offset, length and xxh3-64 checksum (u64 each) of every part, and the checksum of all of that.
//! The parts follow, each 8-byte aligned: the index's arrays as they are in memory, so that
//! [`open`] maps the file and reads them in place ([`memmap2`]), plus a few small serialised
//! ones (reports, strings, acronyms).
//!
//! What is checked when: the header, the directory and every part's place in the file when the
//! index is opened; the small parts every search reads (tables per paragraph, the vocabulary,
//! the offsets) there too, checksum and structure (every offset, id and boundary), so a damaged
//! or hand-made file is refused, never a panic later. The two big parts, the postings and the
//! paragraph texts, carry a checksum per block instead, checked the first time a search reads
//! that block ([`SearchIndex::try_search`] then fails, and the caller rebuilds); a file under
//! [`EAGER_BELOW`] is checked whole when opened. A reader that holds the corpus can have the
//! texts read from it instead ([`open`] with `share`).

use super::acronym::{Acronym, Acronyms, Source};
use super::fuzzy::Vocab;
use super::index::{
    blocks_sum, corpus_positions, corpus_texts, theme_of, Docs, ReportInfo, SearchIndex, Texts,
    Weight, NONE, POSTING_BLOCK, TEXT_BLOCK,
};
use super::intern::Packed;
use super::table::{Backing, Blocks, Table};
use crate::corpus::Corpus;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::fs::File;
use std::sync::Arc;

/// Bump when the layout or the meaning of a field changes.
pub const FORMAT: u32 = 5;
const MAGIC: &[u8; 8] = b"CIWSIDX\0";
/// Files smaller than this are checked whole when opened (it costs about a millisecond).
pub const EAGER_BELOW: usize = 8 << 20;

/// The parts, in the order of the directory.
#[derive(Clone, Copy)]
#[repr(usize)]
enum Part {
    Meta,
    Reports,
    StringsText,
    StringsOff,
    DocReport,
    DocSection,
    DocParagraph,
    DocSubsection,
    DocTheme,
    DocWeight,
    DocLen,
    DocPages,
    VocabText,
    VocabOff,
    VocabMask,
    VocabLen,
    PostOff,
    PostDoc,
    PostTf,
    PostSums,
    CtxStart,
    CtxEnd,
    TitleOff,
    TitleCtx,
    Acronyms,
    TextOff,
    Text,
    TextSums,
}
const PARTS: usize = Part::TextSums as usize + 1;
/// Parts checked block by block, not whole.
const BLOCKED: [Part; 3] = [Part::PostDoc, Part::PostTf, Part::Text];
/// Magic, format, part count, key; the directory; its checksum.
const HEADER: usize = 8 + 4 + 4 + 16 + PARTS * 24 + 8;

/// Fields of [`Part::Meta`].
const META: usize = 10;

/// Why a stored index cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Built from other reports, by another parser or in another format: rebuild, quietly.
    #[error("made for other reports or by another version")]
    Stale,
    /// Damaged: rebuild, and say so.
    #[error("damaged: {0}")]
    Corrupt(String),
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

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

/// Reads an index written by [`to_bytes`] for `key`, from a copy of `bytes`. Anything that does
/// not hold together is [`StoreError::Corrupt`]; another key or format is [`StoreError::Stale`].
pub fn from_bytes(bytes: &[u8], key: [u8; 16]) -> Result<SearchIndex, StoreError> {
    let backing = Arc::new(Backing::copy(bytes));
    let eager = bytes.len() < EAGER_BELOW;
    read(backing, key, None, eager)
}

/// Opens the index stored in `file`: maps it into memory and reads it in place (see the module
/// docs for what is checked when). With `share`, a corpus whose texts are the stored ones (same
/// checksum and lengths), the texts are read from the corpus.
pub fn open(
    file: &File,
    key: [u8; 16],
    share: Option<&Arc<Corpus>>,
) -> Result<SearchIndex, StoreError> {
    // SAFETY: the library replaces `search.bin` by renaming a new file over it, never by
    // writing into it, so the mapped bytes do not change under the reader; every table read
    // from them is checked for bounds and alignment first.
    let backing = match unsafe { memmap2::Mmap::map(file) } {
        Ok(map) => Backing::Map(map),
        Err(_) => {
            use std::io::Read;
            let mut bytes = Vec::new();
            (&*file)
                .read_to_end(&mut bytes)
                .map_err(|e| StoreError::Corrupt(format!("cannot read it: {e}")))?;
            Backing::copy(&bytes)
        }
    };
    let eager = backing.bytes().len() < EAGER_BELOW;
    read(Arc::new(backing), key, share, eager)
}

/// Reads an index from `backing`; `eager`: check the postings and texts whole now, not block
/// by block when read.
fn read(
    backing: Arc<Backing>,
    key: [u8; 16],
    share: Option<&Arc<Corpus>>,
    eager: bool,
) -> Result<SearchIndex, StoreError> {
    let bytes = backing.bytes();
    if bytes.len() < 32 {
        return Err(corrupt("truncated"));
    }
    if &bytes[..8] != MAGIC {
        return Err(corrupt("not a ciw search index"));
    }
    if bytes[8..12] != FORMAT.to_le_bytes() || bytes[16..32] != key {
        return Err(StoreError::Stale);
    }
    if bytes.len() < HEADER {
        return Err(corrupt("truncated"));
    }
    if bytes[12..16] != (PARTS as u32).to_le_bytes() {
        return Err(corrupt("directory"));
    }
    let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
    if xxhash_rust::xxh3::xxh3_64(&bytes[..HEADER - 8]) != word(HEADER - 8) {
        return Err(corrupt("checksum mismatch in the directory"));
    }
    // Every part's place: aligned, inside the file.
    let mut dir = [(0usize, 0usize, 0u64); PARTS];
    for (i, slot) in dir.iter_mut().enumerate() {
        let base = 32 + i * 24;
        let (off, len, sum) = (word(base), word(base + 8), word(base + 16));
        let (Ok(off), Ok(len)) = (usize::try_from(off), usize::try_from(len)) else {
            return Err(corrupt("truncated"));
        };
        if off % 8 != 0 || off < HEADER || off.checked_add(len).is_none_or(|e| e > bytes.len()) {
            return Err(corrupt("truncated"));
        }
        *slot = (off, len, sum);
    }
    let raw = |p: Part| -> Result<&[u8], StoreError> {
        let (off, len, sum) = dir[p as usize];
        let b = &bytes[off..off + len];
        let blocked = BLOCKED.iter().any(|x| *x as usize == p as usize);
        if !blocked && xxhash_rust::xxh3::xxh3_64(b) != sum {
            return Err(StoreError::Corrupt(format!(
                "checksum mismatch in part {}",
                p as usize
            )));
        }
        Ok(b)
    };
    fn table<T: bytemuck::Pod>(
        backing: &Arc<Backing>,
        dir: &[(usize, usize, u64); PARTS],
        p: Part,
    ) -> Result<Table<T>, StoreError> {
        let (off, len, _) = dir[p as usize];
        let size = std::mem::size_of::<T>();
        if len % size != 0 {
            return Err(corrupt("table of odd length"));
        }
        match Table::mapped(backing, off, len / size) {
            Some(t) => Ok(t),
            // Big-endian: copy, converting each value.
            None => {
                let b = &backing.bytes()[off..off + len];
                let mut v = vec![T::zeroed(); len / size];
                let out: &mut [u8] = bytemuck::cast_slice_mut(&mut v);
                for (o, c) in out.chunks_exact_mut(size).zip(b.chunks_exact(size)) {
                    o.copy_from_slice(c);
                    if cfg!(target_endian = "big") {
                        o.reverse();
                    }
                }
                Ok(Table::Owned(v))
            }
        }
    }
    // Checked (checksum) before being read.
    let checked = |p: Part| -> Result<(), StoreError> { raw(p).map(|_| ()) };
    let meta_bytes = raw(Part::Meta)?;
    if meta_bytes.len() != META * 8 {
        return Err(corrupt("meta"));
    }
    let meta: Vec<u64> = meta_bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect();
    let count = |v: u64| usize::try_from(v).map_err(|_| corrupt("meta"));
    let (ndocs, nwords, nreports, nctx) = (
        count(meta[0])?,
        count(meta[1])?,
        count(meta[2])?,
        count(meta[3])?,
    );
    let (npost, ntitle, text_len, text_sum) =
        (count(meta[4])?, count(meta[5])?, count(meta[6])?, meta[7]);
    let avg_len = f32::from_bits(u32::try_from(meta[8]).map_err(|_| corrupt("meta"))?);
    let nstrings = count(meta[9])?;
    if !(avg_len.is_finite() && avg_len >= 1.0) {
        return Err(corrupt("average length"));
    }
    // Reports.
    let mut r = Reader(raw(Part::Reports)?);
    if r.count(6 * 8)? != nreports {
        return Err(corrupt("reports"));
    }
    let mut reports = Vec::with_capacity(nreports);
    for _ in 0..nreports {
        reports.push(ReportInfo {
            id: r.string()?.into(),
            short: r.string()?.into(),
            link: r.string()?,
            slugs: [r.string()?, r.string()?, r.string()?],
        });
    }
    // Strings.
    let strings_text = std::str::from_utf8(raw(Part::StringsText)?)
        .map_err(|_| corrupt("strings"))?
        .to_string();
    checked(Part::StringsOff)?;
    let strings_off: Table<u64> = table(&backing, &dir, Part::StringsOff)?;
    let strings = Packed::checked(
        strings_text,
        strings_off.iter().map(|&o| o as usize).collect(),
    )?;
    if strings.len() != nstrings {
        return Err(corrupt("strings"));
    }
    // Per paragraph.
    for p in [
        Part::DocReport,
        Part::DocSection,
        Part::DocParagraph,
        Part::DocSubsection,
        Part::DocTheme,
        Part::DocWeight,
        Part::DocLen,
        Part::DocPages,
    ] {
        checked(p)?;
    }
    let docs = Docs {
        report: table(&backing, &dir, Part::DocReport)?,
        section: table(&backing, &dir, Part::DocSection)?,
        paragraph: table(&backing, &dir, Part::DocParagraph)?,
        subsection: table(&backing, &dir, Part::DocSubsection)?,
        theme: table(&backing, &dir, Part::DocTheme)?,
        weight: table(&backing, &dir, Part::DocWeight)?,
        len: table(&backing, &dir, Part::DocLen)?,
        pages: table(&backing, &dir, Part::DocPages)?,
    };
    let lens = [
        docs.section.len(),
        docs.paragraph.len(),
        docs.subsection.len(),
        docs.theme.len(),
        docs.weight.len(),
        docs.len.len(),
    ];
    if docs.report.len() != ndocs
        || lens.iter().any(|&l| l != ndocs)
        || docs.pages.len() != 2 * ndocs
    {
        return Err(corrupt("paragraph tables of different lengths"));
    }
    let ns = nstrings as u32;
    let (report, section, paragraph, subsection): (&[u32], &[u32], &[u32], &[u32]) = (
        &docs.report,
        &docs.section,
        &docs.paragraph,
        &docs.subsection,
    );
    let (theme, weight): (&[u8], &[u8]) = (&docs.theme, &docs.weight);
    let in_range = (0..ndocs).all(|i| {
        (report[i] as usize) < nreports
            && section[i] < ns
            && paragraph[i] < ns
            && (subsection[i] < ns || subsection[i] == NONE)
            && theme_of(theme[i]).is_some()
            && Weight::from_byte(weight[i]).is_some()
            && (docs.pages[2 * i] == 0) == (docs.pages[2 * i + 1] == 0)
            && docs.pages[2 * i] <= docs.pages[2 * i + 1]
    });
    if !in_range {
        return Err(corrupt("paragraph table out of range"));
    }
    // Vocabulary.
    for p in [
        Part::VocabText,
        Part::VocabOff,
        Part::VocabMask,
        Part::VocabLen,
    ] {
        checked(p)?;
    }
    let vocab = Vocab::from_parts(
        table(&backing, &dir, Part::VocabText)?,
        table(&backing, &dir, Part::VocabOff)?,
        table(&backing, &dir, Part::VocabMask)?,
        table(&backing, &dir, Part::VocabLen)?,
    )
    .ok_or_else(|| corrupt("vocabulary"))?;
    if vocab.len() != nwords {
        return Err(corrupt("vocabulary"));
    }
    // Postings: offsets now, the entries block by block when read.
    checked(Part::PostOff)?;
    checked(Part::PostSums)?;
    let post_off: Table<u32> = table(&backing, &dir, Part::PostOff)?;
    check_offsets(&post_off, nwords, npost).ok_or_else(|| corrupt("postings"))?;
    let post_doc: Table<u32> = table(&backing, &dir, Part::PostDoc)?;
    let post_tf: Table<u8> = table(&backing, &dir, Part::PostTf)?;
    let post_sums: Table<u64> = table(&backing, &dir, Part::PostSums)?;
    if post_doc.len() != npost
        || post_tf.len() != npost
        || post_sums.len() != npost.div_ceil(POSTING_BLOCK)
    {
        return Err(corrupt("posting tables of different lengths"));
    }
    // Contexts.
    for p in [Part::CtxStart, Part::CtxEnd, Part::TitleOff, Part::TitleCtx] {
        checked(p)?;
    }
    let ctx_start: Table<u32> = table(&backing, &dir, Part::CtxStart)?;
    let ctx_end: Table<u32> = table(&backing, &dir, Part::CtxEnd)?;
    if ctx_start.len() != nctx
        || ctx_end.len() != nctx
        || ctx_start
            .iter()
            .zip(ctx_end.iter())
            .any(|(&s, &e)| s > e || e as usize > ndocs)
    {
        return Err(corrupt("contexts"));
    }
    let title_off: Table<u32> = table(&backing, &dir, Part::TitleOff)?;
    let title_ctx: Table<u32> = table(&backing, &dir, Part::TitleCtx)?;
    check_offsets(&title_off, nwords, ntitle).ok_or_else(|| corrupt("titles"))?;
    if title_ctx.len() != ntitle || title_ctx.iter().any(|&c| c as usize >= nctx) {
        return Err(corrupt("titles"));
    }
    // Acronyms.
    let mut r = Reader(raw(Part::Acronyms)?);
    let n = r.count(2 * 8 + 9)?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let short = r.string()?;
        let long = r.string()?;
        let source = match r.take(1)?[0] {
            0 => Source::Corpus,
            1 => Source::BuiltIn,
            _ => return Err(corrupt("acronyms")),
        };
        let defined = r.u32()?;
        let first = Some(r.u32()?).filter(|&d| d != u32::MAX);
        if first.is_some_and(|d| d as usize >= ndocs) {
            return Err(corrupt("acronyms"));
        }
        entries.push(
            Acronyms::entry(short, long, source, defined, first)
                .ok_or_else(|| corrupt("acronyms"))?,
        );
    }
    if !r.0.is_empty() {
        return Err(corrupt("trailing bytes"));
    }
    let acronyms = Acronyms::from_entries(entries);
    // Texts: from the corpus if it has them, else in place, block by block when read.
    checked(Part::TextOff)?;
    checked(Part::TextSums)?;
    let text_off: Table<u64> = table(&backing, &dir, Part::TextOff)?;
    if text_off.len() != ndocs + 1
        || text_off.first() != Some(&0)
        || text_off.last().map(|&l| l as usize) != Some(text_len)
        || text_off.windows(2).any(|w| w[0] > w[1])
    {
        return Err(corrupt("text offsets"));
    }
    let shared = share.filter(|corpus| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0usize;
        let mut n = 0usize;
        let mut lens_agree = true;
        for t in corpus_texts(corpus) {
            h.update(t.as_bytes());
            lens_agree &= n < ndocs && (text_off[n + 1] - text_off[n]) as usize == t.len();
            len += t.len();
            n += 1;
        }
        lens_agree && n == ndocs && len == text_len && h.digest() == text_sum
    });
    let texts = match shared {
        Some(corpus) => Texts::Corpus {
            corpus: Arc::clone(corpus),
            at: corpus_positions(corpus),
        },
        None => {
            let text: Table<u8> = table(&backing, &dir, Part::Text)?;
            let sums: Table<u64> = table(&backing, &dir, Part::TextSums)?;
            if text.len() != text_len || sums.len() != text_len.div_ceil(TEXT_BLOCK) {
                return Err(corrupt("texts"));
            }
            Texts::Stored {
                text,
                off: text_off,
                blocks: Blocks::new(TEXT_BLOCK, sums),
            }
        }
    };
    let ix = SearchIndex {
        docs,
        texts,
        strings,
        reports,
        vocab,
        post_off,
        post_doc,
        post_tf,
        post_blocks: Blocks::new(POSTING_BLOCK, post_sums),
        ctx_start,
        ctx_end,
        title_off,
        title_ctx,
        acronyms,
        avg_len,
        matcher: SkimMatcherV2::default(),
    };
    if eager {
        ix.verify()?;
    }
    Ok(ix)
}

/// `off` has `n + 1` ascending entries from 0 to `end`.
fn check_offsets(off: &[u32], n: usize, end: usize) -> Option<()> {
    (off.len() == n + 1
        && off.first() == Some(&0)
        && off.last().map(|&l| l as usize) == Some(end)
        && off.windows(2).all(|w| w[0] <= w[1]))
    .then_some(())
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

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        if n > self.0.len() {
            return Err(corrupt("truncated table"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn u32(&mut self) -> Result<u32, StoreError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn u64(&mut self) -> Result<u64, StoreError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    /// A count of elements of at least `size` bytes each, checked against what is left.
    fn count(&mut self, size: usize) -> Result<usize, StoreError> {
        let n = self.u64()?;
        match usize::try_from(n).ok().and_then(|n| n.checked_mul(size)) {
            Some(bytes) if bytes <= self.0.len() => Ok(n as usize),
            _ => Err(corrupt("table longer than the file")),
        }
    }
    fn string(&mut self) -> Result<String, StoreError> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?)
            .map(str::to_string)
            .map_err(|_| corrupt("text is not UTF-8"))
    }
}

impl Packed {
    /// An error unless `off` cuts `text` from its start to its end at character boundaries.
    pub(super) fn checked(text: String, off: Vec<usize>) -> Result<Packed, StoreError> {
        let ok = off.first() == Some(&0)
            && off.last() == Some(&text.len())
            && off.windows(2).all(|w| w[0] <= w[1])
            && off.iter().all(|&o| text.is_char_boundary(o));
        if !ok {
            return Err(corrupt("text offsets"));
        }
        Ok(Packed { text, off })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::Query;

    fn key(n: u8) -> [u8; 16] {
        [n; 16]
    }

    const QUERIES: [&str; 6] = [
        "plcement stabilty",
        "EOTAS",
        "CSE",
        "\"care leavers\" council tax",
        "in:swansea theme:safeguarding strategy",
        "'IRO !foster",
    ];

    #[test]
    fn round_trip_gives_the_same_hits() {
        let ix = SearchIndex::new(&Corpus::samples());
        let bytes = to_bytes(&ix, key(7));
        let back = from_bytes(&bytes, key(7)).expect("reads back");
        assert!(matches!(back.texts, Texts::Stored { .. }));
        for q in QUERIES {
            let q = Query::parse(q);
            assert_eq!(ix.try_search(&q, 50), back.try_search(&q, 50), "{q:?}");
        }
        assert_eq!(ix.authorities(), back.authorities());
        assert_eq!(ix.acronyms(), back.acronyms());
        assert_eq!(
            to_bytes(&back, key(7)),
            bytes,
            "writing again gives the same bytes"
        );
    }

    #[test]
    fn a_mapped_file_reads_the_same() {
        let ix = SearchIndex::new(&Corpus::samples());
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("search.bin");
        std::fs::write(&path, to_bytes(&ix, key(2))).unwrap();
        let back = open(&File::open(&path).unwrap(), key(2), None).expect("opens");
        for q in QUERIES {
            let q = Query::parse(q);
            assert_eq!(ix.search(&q, 50), back.search(&q, 50), "{q:?}");
        }
    }

    #[test]
    fn a_corpus_with_the_same_texts_is_read_from_not_the_file() {
        let corpus = Arc::new(Corpus::samples());
        let ix = SearchIndex::new(&corpus);
        let bytes = to_bytes(&ix, key(3));
        let read_with = |c: &Arc<Corpus>| {
            read(Arc::new(Backing::copy(&bytes)), key(3), Some(c), true).expect("reads")
        };
        let shared = read_with(&corpus);
        assert!(matches!(shared.texts, Texts::Corpus { .. }));
        let q = Query::parse("placement stability");
        assert_eq!(shared.search(&q, 30), ix.search(&q, 30));
        // Another corpus: the texts come from the file.
        let mut other = Corpus::samples();
        other.reports[0].sections[4].paragraphs[0]
            .text
            .insert(0, 'x');
        let own = read_with(&Arc::new(other));
        assert!(matches!(own.texts, Texts::Stored { .. }));
        assert_eq!(own.search(&q, 30), ix.search(&q, 30));
    }

    #[test]
    fn another_key_or_format_is_stale() {
        let bytes = to_bytes(&SearchIndex::new(&Corpus::samples()), key(1));
        assert_eq!(from_bytes(&bytes, key(2)).err(), Some(StoreError::Stale));
        let mut other = bytes.clone();
        other[8] ^= 0xff;
        assert_eq!(from_bytes(&other, key(1)).err(), Some(StoreError::Stale));
    }

    /// Opens as a big file would: the postings and texts checked only where read.
    fn lazy(bytes: &[u8]) -> Result<SearchIndex, StoreError> {
        read(Arc::new(Backing::copy(bytes)), key(1), None, false)
    }

    #[test]
    fn damage_anywhere_is_refused_when_read_never_a_panic() {
        let bytes = to_bytes(&SearchIndex::new(&Corpus::samples()), key(1));
        // Truncations, and a flipped bit at spread-out places (header and payload).
        for cut in [
            0,
            7,
            31,
            HEADER - 1,
            HEADER,
            HEADER + 1,
            bytes.len() / 2,
            bytes.len() - 1,
        ] {
            assert!(matches!(
                from_bytes(&bytes[..cut], key(1)),
                Err(StoreError::Corrupt(_))
            ));
        }
        let step = (bytes.len() / 997).max(1);
        let queries: Vec<Query> = [
            "placement",
            "care",
            "the child",
            "in:swansea",
            "safeguarding",
        ]
        .iter()
        .map(|q| Query::parse(q))
        .collect();
        // The zeros that align each part are read by nothing.
        let w = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap()) as usize;
        let padding: Vec<std::ops::Range<usize>> = (0..PARTS)
            .map(|p| {
                let end = w(32 + p * 24) + w(32 + p * 24 + 8);
                end..end.next_multiple_of(8)
            })
            .collect();
        for at in (0..bytes.len())
            .step_by(step)
            .filter(|&i| !(16..32).contains(&i) && !padding.iter().any(|r| r.contains(&i)))
        {
            let mut b = bytes.clone();
            b[at] ^= 0x10;
            // Checked whole when small.
            assert!(from_bytes(&b, key(1)).is_err(), "flip at {at} accepted");
            // Checked where read when big: opening, a search or a full check finds it, and
            // nothing panics.
            match lazy(&b) {
                Err(_) => {}
                Ok(ix) => {
                    for q in &queries {
                        let _ = ix.try_search(q, 20);
                    }
                    assert!(ix.verify().is_err(), "flip at {at} never found");
                }
            }
        }
    }

    #[test]
    fn a_damaged_block_fails_the_search_that_reads_it() {
        let ix = SearchIndex::new(&Corpus::samples());
        let bytes = to_bytes(&ix, key(1));
        // Damage the last byte of the texts: the last report's last paragraph.
        let (off, len) = {
            let base = 32 + Part::Text as usize * 24;
            let w = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap()) as usize;
            (w(base), w(base + 8))
        };
        let mut b = bytes.clone();
        b[off + len - 2] ^= 0x01;
        let lazy_ix = lazy(&b).expect("opens: the texts are checked when read");
        assert!(lazy_ix
            .try_search(&Query::parse("placement stability"), 5)
            .is_ok());
        let last = ix.len() as u32 - 1;
        assert!(lazy_ix.texts.get(last).is_err());
        assert!(lazy_ix.verify().is_err());
        assert!(from_bytes(&b, key(1)).is_err(), "small: checked whole");
    }

    /// A file whose checksums are right but whose tables lie (made by hand, or a bug) is refused
    /// by the structural checks.
    #[test]
    fn consistent_checksum_but_bad_tables_is_refused() {
        let ix = SearchIndex::new(&Corpus::samples());
        let mut bad = SearchIndex::new(&Corpus::samples());
        let mut pd = bad.post_doc.to_vec();
        pd[0] = ix.len() as u32;
        bad.post_doc = pd.into();
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
        let mut bad = SearchIndex::new(&Corpus::samples());
        let mut s = bad.docs.section.to_vec();
        s[3] = 1 << 30;
        bad.docs.section = s.into();
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
        let mut bad = SearchIndex::new(&Corpus::samples());
        let mut e = bad.ctx_end.to_vec();
        e[0] = ix.len() as u32 + 1;
        bad.ctx_end = e.into();
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
        let mut bad = SearchIndex::new(&Corpus::samples());
        let mut w = bad.docs.weight.to_vec();
        w[0] = 9;
        bad.docs.weight = w.into();
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
    }

    #[test]
    fn an_empty_index_round_trips() {
        let ix = SearchIndex::new(&Corpus::new(Vec::new()));
        let back = from_bytes(&to_bytes(&ix, key(0)), key(0)).expect("empty reads back");
        assert!(back.is_empty());
        assert!(back.search(&Query::parse("care"), 5).is_empty());
    }
}
