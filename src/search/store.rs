//! The search index on disk, so `ciw search` over a library starts searching at once instead
//! of re-reading every report and indexing it again.
//!
//! Layout (little-endian): the magic `CIWSIDX\0`, the format number (u32), the caller's key
//! (16 bytes: what the index was built from), then the length (u64) and xxh3-64 checksum (u64)
//! of each of the two parts that follow: the paragraph texts, one after another, and the tables,
//! the index's arrays one after another, each as a count (u64) and its elements. Reading checks
//! both checksums, then every offset, id and text boundary (see [`from_bytes`]), so a damaged
//! or hand-made file is refused, never a panic later. The texts come apart from the tables so a
//! reader that holds the corpus can check them against it and skip them ([`from_reader`]).

use super::fuzzy::Vocab;
use super::index::{Doc, ReportInfo, SearchIndex, Texts, NONE};
use super::intern::Packed;
use crate::corpus::Corpus;
use crate::model::Theme;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::Arc;

/// Bump when the layout or the meaning of a field changes.
pub const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"CIWSIDX\0";
/// Magic, format, key, then length and checksum of the texts and of the tables.
const HEADER: usize = 8 + 4 + 16 + 4 * 8;

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

/// The index as bytes, stamped with `key`.
pub fn to_bytes(ix: &SearchIndex, key: [u8; 16]) -> Vec<u8> {
    let n = ix.texts.len();
    let mut text: Vec<u8> = Vec::with_capacity((0..n as u32).map(|d| ix.texts.get(d).len()).sum());
    let mut off = Vec::with_capacity(n + 1);
    off.push(0);
    for d in 0..n as u32 {
        text.extend_from_slice(ix.texts.get(d).as_bytes());
        off.push(text.len());
    }
    let mut p = Writer(Vec::with_capacity(ix.post_doc.len() * 5 + (1 << 20)));
    p.offsets(&off);
    p.str(&ix.strings.text);
    p.offsets(&ix.strings.off);
    p.u64(ix.reports.len() as u64);
    for r in &ix.reports {
        p.str(&r.id);
        p.str(&r.short);
        p.str(&r.link);
        for s in &r.slugs {
            p.str(s);
        }
    }
    p.u32s(ix.docs.iter().map(|d| d.report), ix.docs.len());
    p.u32s(ix.docs.iter().map(|d| d.section), ix.docs.len());
    p.u32s(ix.docs.iter().map(|d| d.paragraph), ix.docs.len());
    p.u32s(ix.docs.iter().map(|d| d.subsection), ix.docs.len());
    p.bytes(
        &ix.docs
            .iter()
            .map(|d| theme_byte(d.theme))
            .collect::<Vec<_>>(),
    );
    p.u32s(ix.docs.iter().map(|d| u32::from(d.len)), ix.docs.len());
    let (vocab_text, vocab_off) = ix.vocab.parts();
    p.str(vocab_text);
    p.u32s(vocab_off.iter().copied(), vocab_off.len());
    p.u32s(ix.df.iter().copied(), ix.df.len());
    p.u32s(ix.post_off.iter().copied(), ix.post_off.len());
    p.u32s(ix.post_doc.iter().copied(), ix.post_doc.len());
    p.bytes(&ix.post_tf);
    p.u32s(ix.ctx_docs.iter().map(|r| r.start), ix.ctx_docs.len());
    p.u32s(ix.ctx_docs.iter().map(|r| r.end), ix.ctx_docs.len());
    p.u32s(ix.title_off.iter().copied(), ix.title_off.len());
    p.u32s(ix.title_ctx.iter().copied(), ix.title_ctx.len());
    p.u32(ix.avg_len.to_bits());
    let tables = p.0;
    let mut out = Vec::with_capacity(HEADER + text.len() + tables.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key);
    for part in [&text, &tables] {
        out.extend_from_slice(&(part.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(part).to_le_bytes());
    }
    out.extend_from_slice(&text);
    out.extend_from_slice(&tables);
    out
}

/// Reads an index written by [`to_bytes`] for `key`. Anything that does not hold together is
/// [`StoreError::Corrupt`]; another key or format is [`StoreError::Stale`].
pub fn from_bytes(bytes: &[u8], key: [u8; 16]) -> Result<SearchIndex, StoreError> {
    from_reader(std::io::Cursor::new(bytes), key, None)
}

/// Reads an index from `input` (a file: see [`from_bytes`]). Only the header is read when the
/// index is stale. With `share`, a corpus whose paragraph texts are the stored ones (same
/// checksum, same lengths), the texts are not read at all: the index reads them from the corpus
/// ([`SearchIndex::share_texts`]). Otherwise they are read straight into their final buffer.
pub fn from_reader(
    mut input: impl Read + Seek,
    key: [u8; 16],
    share: Option<&Arc<Corpus>>,
) -> Result<SearchIndex, StoreError> {
    let truncated = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => corrupt("truncated"),
        _ => StoreError::Corrupt(format!("cannot read it: {e}")),
    };
    let mut header = [0u8; HEADER];
    input.read_exact(&mut header).map_err(truncated)?;
    if &header[..8] != MAGIC {
        return Err(corrupt("not a ciw search index"));
    }
    if header[8..12] != FORMAT.to_le_bytes() || header[12..28] != key {
        return Err(StoreError::Stale);
    }
    let word = |i: usize| u64::from_le_bytes(header[i..i + 8].try_into().expect("8 bytes"));
    let (text_len, text_sum, tables_len, tables_sum) = (word(28), word(36), word(44), word(52));
    // The texts: from the corpus if it has them, else from the file.
    let shared = share.filter(|corpus| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0u64;
        for t in super::index::corpus_texts(corpus) {
            h.update(t.as_bytes());
            len += t.len() as u64;
        }
        len == text_len && h.digest() == text_sum
    });
    let text = match shared {
        Some(corpus) => {
            // Past the end is found out below: the tables come up short.
            let by = i64::try_from(text_len).map_err(|_| corrupt("text longer than the file"))?;
            input.seek(SeekFrom::Current(by)).map_err(truncated)?;
            Text::Shared(corpus)
        }
        None => {
            let mut text = Vec::new();
            text.try_reserve_exact(usize::try_from(text_len).unwrap_or(usize::MAX))
                .map_err(|_| corrupt("text longer than memory"))?;
            (&mut input)
                .take(text_len)
                .read_to_end(&mut text)
                .map_err(truncated)?;
            if text.len() as u64 != text_len {
                return Err(corrupt("truncated"));
            }
            if xxhash_rust::xxh3::xxh3_64(&text) != text_sum {
                return Err(corrupt("checksum mismatch in the texts"));
            }
            Text::Own(String::from_utf8(text).map_err(|_| corrupt("text is not UTF-8"))?)
        }
    };
    let mut rest = Vec::new();
    input.read_to_end(&mut rest).map_err(truncated)?;
    if rest.len() as u64 != tables_len {
        return Err(corrupt("truncated"));
    }
    if xxhash_rust::xxh3::xxh3_64(&rest) != tables_sum {
        return Err(corrupt("checksum mismatch in the tables"));
    }
    let mut r = Reader(&rest);
    let off = r.offsets()?;
    let texts = match text {
        Text::Own(text) => Texts::Packed(Packed::checked(text, off)?),
        Text::Shared(corpus) => {
            let at = super::index::corpus_positions(corpus);
            let lens_agree = off.len() == at.len() + 1
                && off.first() == Some(&0)
                && off
                    .windows(2)
                    .zip(super::index::corpus_texts(corpus))
                    .all(|(w, t)| w[0] <= w[1] && w[1] - w[0] == t.len());
            if !lens_agree {
                return Err(corrupt("text offsets"));
            }
            Texts::Corpus {
                corpus: Arc::clone(corpus),
                at,
            }
        }
    };
    let strings = r.packed()?;
    let nreports = r.count(6 * 8)?;
    let mut reports = Vec::with_capacity(nreports);
    for _ in 0..nreports {
        reports.push(ReportInfo {
            id: r.string()?.into(),
            short: r.string()?.into(),
            link: r.string()?,
            slugs: [r.string()?, r.string()?, r.string()?],
        });
    }
    let report = r.u32s()?;
    let section = r.u32s()?;
    let paragraph = r.u32s()?;
    let subsection = r.u32s()?;
    let themes = r.bytes()?;
    let lens = r.u32s()?;
    let ndocs = report.len();
    if [
        section.len(),
        paragraph.len(),
        subsection.len(),
        themes.len(),
    ]
    .iter()
    .chain([lens.len(), texts.len()].iter())
    .any(|&n| n != ndocs)
    {
        return Err(corrupt("paragraph tables of different lengths"));
    }
    let nstrings = strings.len() as u32;
    let mut docs = Vec::with_capacity(ndocs);
    for i in 0..ndocs {
        let ok = (report[i] as usize) < nreports
            && section[i] < nstrings
            && paragraph[i] < nstrings
            && (subsection[i] < nstrings || subsection[i] == NONE)
            && lens[i] <= u32::from(u16::MAX);
        let theme = theme_of(themes[i]).ok_or_else(|| corrupt("unknown theme"))?;
        if !ok {
            return Err(corrupt("paragraph table out of range"));
        }
        docs.push(Doc {
            report: report[i],
            section: section[i],
            paragraph: paragraph[i],
            subsection: subsection[i],
            theme,
            len: lens[i] as u16,
        });
    }
    let vocab_text = r.string()?;
    let vocab_off = r.u32s()?;
    let vocab = Vocab::from_packed(vocab_text, vocab_off).ok_or_else(|| corrupt("vocabulary"))?;
    let nwords = vocab.len();
    let df = r.u32s()?;
    let post_off = r.u32s()?;
    let post_doc = r.u32s()?;
    let post_tf = r.bytes()?.to_vec();
    let ctx_start = r.u32s()?;
    let ctx_end = r.u32s()?;
    let title_off = r.u32s()?;
    let title_ctx = r.u32s()?;
    let avg_len = f32::from_bits(r.u32()?);
    if !r.0.is_empty() {
        return Err(corrupt("trailing bytes"));
    }
    if df.len() != nwords || post_tf.len() != post_doc.len() {
        return Err(corrupt("posting tables of different lengths"));
    }
    check_offsets(&post_off, nwords, post_doc.len()).ok_or_else(|| corrupt("postings"))?;
    if df
        .iter()
        .zip(post_off.windows(2))
        .any(|(&n, w)| n != w[1] - w[0])
        || post_doc.iter().any(|&d| d as usize >= ndocs)
    {
        return Err(corrupt("postings"));
    }
    if ctx_start.len() != ctx_end.len()
        || ctx_start
            .iter()
            .zip(&ctx_end)
            .any(|(&s, &e)| s > e || e as usize > ndocs)
    {
        return Err(corrupt("contexts"));
    }
    check_offsets(&title_off, nwords, title_ctx.len()).ok_or_else(|| corrupt("titles"))?;
    if title_ctx.iter().any(|&c| c as usize >= ctx_start.len()) {
        return Err(corrupt("titles"));
    }
    if !(avg_len.is_finite() && avg_len >= 1.0) {
        return Err(corrupt("average length"));
    }
    let ctx_docs: Vec<Range<u32>> = ctx_start
        .into_iter()
        .zip(ctx_end)
        .map(|(s, e)| s..e)
        .collect();
    Ok(SearchIndex {
        docs,
        texts,
        strings,
        reports,
        vocab,
        df,
        post_off,
        post_doc,
        post_tf,
        ctx_docs,
        title_off,
        title_ctx,
        avg_len,
        matcher: SkimMatcherV2::default(),
    })
}

/// Where [`from_reader`] takes the paragraph texts from.
enum Text<'a> {
    Own(String),
    Shared(&'a Arc<Corpus>),
}

/// `off` has `n + 1` ascending entries from 0 to `end`.
fn check_offsets(off: &[u32], n: usize, end: usize) -> Option<()> {
    (off.len() == n + 1
        && off.first() == Some(&0)
        && off.last().map(|&l| l as usize) == Some(end)
        && off.windows(2).all(|w| w[0] <= w[1]))
    .then_some(())
}

fn theme_byte(t: Option<Theme>) -> u8 {
    t.and_then(|t| Theme::ALL.iter().position(|x| *x == t))
        .map_or(0, |i| i as u8 + 1)
}

/// `None` for a byte that names no theme; `Some(None)` for "no theme".
fn theme_of(b: u8) -> Option<Option<Theme>> {
    match b {
        0 => Some(None),
        b => Theme::ALL.get(usize::from(b) - 1).map(|t| Some(*t)),
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn u32s(&mut self, it: impl Iterator<Item = u32>, n: usize) {
        self.u64(n as u64);
        self.0.reserve(n * 4);
        for v in it {
            self.u32(v);
        }
    }
    fn offsets(&mut self, off: &[usize]) {
        self.u64(off.len() as u64);
        for &v in off {
            self.u64(v as u64);
        }
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
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, StoreError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
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
    fn bytes(&mut self) -> Result<&'a [u8], StoreError> {
        let n = self.count(1)?;
        self.take(n)
    }
    fn string(&mut self) -> Result<String, StoreError> {
        std::str::from_utf8(self.bytes()?)
            .map(str::to_string)
            .map_err(|_| corrupt("text is not UTF-8"))
    }
    fn u32s(&mut self) -> Result<Vec<u32>, StoreError> {
        let n = self.count(4)?;
        Ok(self
            .take(n * 4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn offsets(&mut self) -> Result<Vec<usize>, StoreError> {
        let n = self.count(8)?;
        Ok(self
            .take(n * 8)?
            .chunks_exact(8)
            .map(|c| {
                usize::try_from(u64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .unwrap_or(usize::MAX)
            })
            .collect())
    }
    fn packed(&mut self) -> Result<Packed, StoreError> {
        let text = self.string()?;
        let off = self.offsets()?;
        Packed::checked(text, off)
    }
}

impl Packed {
    /// `None` unless `off` cuts `text` from its start to its end at character boundaries.
    fn checked(text: String, off: Vec<usize>) -> Result<Packed, StoreError> {
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

    #[test]
    fn round_trip_gives_the_same_hits() {
        let ix = SearchIndex::new(&Corpus::samples());
        let bytes = to_bytes(&ix, key(7));
        let back = from_bytes(&bytes, key(7)).expect("reads back");
        for q in [
            "plcement stabilty",
            "EOTAS",
            "\"care leavers\" council tax",
            "in:swansea theme:safeguarding strategy",
            "'IRO !foster",
        ] {
            let q = Query::parse(q);
            assert_eq!(ix.search(&q, 50), back.search(&q, 50), "{q:?}");
        }
        assert_eq!(ix.authorities(), back.authorities());
        assert_eq!(
            to_bytes(&back, key(7)),
            bytes,
            "writing again gives the same bytes"
        );
    }

    #[test]
    fn a_corpus_with_the_same_texts_is_read_from_not_the_file() {
        let corpus = Arc::new(Corpus::samples());
        let ix = SearchIndex::new(&corpus);
        let bytes = to_bytes(&ix, key(3));
        let read = |c: &Arc<Corpus>| {
            from_reader(std::io::Cursor::new(&bytes), key(3), Some(c)).expect("reads")
        };
        let shared = read(&corpus);
        assert!(matches!(shared.texts, Texts::Corpus { .. }));
        let q = Query::parse("placement stability");
        assert_eq!(shared.search(&q, 30), ix.search(&q, 30));
        // Another corpus: the texts come from the file.
        let mut other = Corpus::samples();
        other.reports[0].sections[4].paragraphs[0]
            .text
            .insert(0, 'x');
        let own = read(&Arc::new(other));
        assert!(matches!(own.texts, Texts::Packed(_)));
        assert_eq!(own.search(&q, 30), ix.search(&q, 30));
        // Damaged or short tables are found out when the texts are skipped too.
        let mut bad = bytes.clone();
        let last = bad.len() - 10;
        bad[last] ^= 1;
        assert!(from_reader(std::io::Cursor::new(&bad), key(3), Some(&corpus)).is_err());
        let short = &bytes[..bytes.len() - 5];
        assert!(from_reader(std::io::Cursor::new(short), key(3), Some(&corpus)).is_err());
    }

    #[test]
    fn another_key_or_format_is_stale() {
        let bytes = to_bytes(&SearchIndex::new(&Corpus::samples()), key(1));
        assert_eq!(from_bytes(&bytes, key(2)).err(), Some(StoreError::Stale));
        let mut other = bytes.clone();
        other[8] ^= 0xff;
        assert_eq!(from_bytes(&other, key(1)).err(), Some(StoreError::Stale));
    }

    #[test]
    fn damage_anywhere_is_refused_never_a_panic() {
        let bytes = to_bytes(&SearchIndex::new(&Corpus::samples()), key(1));
        // Truncations, and a flipped bit at spread-out places (header and payload).
        for cut in [
            0,
            7,
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
        for at in (0..bytes.len())
            .step_by(step)
            .filter(|&i| !(8..28).contains(&i))
        {
            let mut b = bytes.clone();
            b[at] ^= 0x10;
            assert!(from_bytes(&b, key(1)).is_err(), "flip at {at} accepted");
        }
    }

    /// A file whose checksum is right but whose tables lie (made by hand, or a bug) is refused
    /// by the structural checks.
    #[test]
    fn consistent_checksum_but_bad_tables_is_refused() {
        let ix = SearchIndex::new(&Corpus::samples());
        let mut bad = SearchIndex::new(&Corpus::samples());
        bad.post_doc[0] = ix.docs.len() as u32;
        let bytes = to_bytes(&bad, key(1));
        assert!(matches!(
            from_bytes(&bytes, key(1)),
            Err(StoreError::Corrupt(_))
        ));
        let mut bad = SearchIndex::new(&Corpus::samples());
        bad.docs[3].section = 1 << 30;
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
        let mut bad = SearchIndex::new(&Corpus::samples());
        bad.ctx_docs[0] = 5..(ix.docs.len() as u32 + 1);
        assert!(from_bytes(&to_bytes(&bad, key(1)), key(1)).is_err());
        // Offsets of the texts that cut a character in two (checksum made right).
        let mut bytes = to_bytes(&ix, key(1));
        let word = |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let text_len = word(&bytes, 28) as usize;
        let text = String::from_utf8(bytes[HEADER..HEADER + text_len].to_vec()).unwrap();
        let first_off = HEADER + text_len + 8 + 8;
        let mut cut = word(&bytes, first_off);
        while text.is_char_boundary(cut as usize) {
            cut += 1;
        }
        bytes[first_off..first_off + 8].copy_from_slice(&cut.to_le_bytes());
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER + text_len..]);
        bytes[52..60].copy_from_slice(&sum.to_le_bytes());
        assert!(matches!(
            from_bytes(&bytes, key(1)),
            Err(StoreError::Corrupt(_))
        ));
    }

    #[test]
    fn an_empty_index_round_trips() {
        let ix = SearchIndex::new(&Corpus::new(Vec::new()));
        let back = from_bytes(&to_bytes(&ix, key(0)), key(0)).expect("empty reads back");
        assert!(back.is_empty());
        assert!(back.search(&Query::parse("care"), 5).is_empty());
    }
}
