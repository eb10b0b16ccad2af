use super::read::read;
use super::*;
use crate::corpus::Corpus;
use crate::search::index::Texts;
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
