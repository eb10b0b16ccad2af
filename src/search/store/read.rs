//! Reading a stored index in place: the header and directory, then every part checked (checksum
//! and structure: every offset, id and boundary) before it is used, so a damaged or hand-made
//! file is refused, never a panic later. Tables are read where they lie in the file when it is
//! little-endian and aligned, else copied.

use super::{corrupt, Part, StoreError, BLOCKED, FORMAT, HEADER, MAGIC, META, PARTS};
use crate::corpus::Corpus;
use crate::search::acronym::{Acronyms, Source};
use crate::search::fuzzy::Vocab;
use crate::search::index::{
    corpus_positions, corpus_texts, theme_of, Docs, ReportInfo, SearchIndex, Texts, Weight, NONE,
    POSTING_BLOCK, TEXT_BLOCK,
};
use crate::search::intern::Packed;
use crate::search::table::{Backing, Blocks, Table};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

/// Reads an index from `backing`; `eager`: check the postings and texts whole now, not block
/// by block when read.
pub(super) fn read(
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
