//! Bytes to text: sniffing what is not text at all (PDF, ZIP/DOCX, binary), UTF-16 and UTF-8
//! with or without BOM, and Windows-1252 bytes inside otherwise UTF-8 text (decoded, warned).

use super::ParseError;

/// Windows-1252 code points for bytes 0x80-0x9F (0 where the code page leaves a hole).
const CP1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

fn cp1252(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => Some(CP1252_HIGH[(b - 0x80) as usize]).filter(|c| *c != '\0'),
        _ => Some(b as char),
    }
}

/// Decoded text and what decoding had to do to get it, for the report's warnings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Bytes that were not UTF-8 and were read as Windows-1252.
    pub cp1252: usize,
    /// NUL bytes removed.
    pub nul: usize,
    /// `Some("UTF-16LE")` when the text was UTF-16 without a byte-order mark.
    pub utf16_without_bom: Option<&'static str>,
}

impl Decoded {
    /// One line per thing worth a warning.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if let Some(enc) = self.utf16_without_bom {
            w.push(format!("read as {enc} (the file has no byte-order mark)"));
        }
        if self.nul > 0 {
            w.push(format!("removed {} NUL bytes", self.nul));
        }
        if self.cp1252 > 0 {
            w.push(format!(
                "{} bytes were not UTF-8 and were read as Windows-1252",
                self.cp1252
            ));
        }
        w
    }
}

/// NUL and other control bytes (not tab, line feed, carriage return, form feed or ESC) in `b`.
fn bad_bytes(b: &[u8]) -> (usize, usize) {
    // One pass without branches (it vectorises): text is mostly letters.
    let (mut nul, mut controls) = (0usize, 0usize);
    for &c in b {
        nul += usize::from(c == 0);
        controls += usize::from(CONTROL[usize::from(c)]);
    }
    (nul, controls)
}

/// Control bytes that do not belong in text: below 0x20 except NUL (counted apart), newline,
/// carriage return, tab, form feed and escape.
const CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 1;
    while c < 0x20 {
        t[c] = !matches!(c as u8, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b);
        c += 1;
    }
    t
};

/// Bytes to text. Not text at all (a PDF, a ZIP, binary data) is an error; "binary" is decided by
/// proportion: more than a tenth of the file, or a third of its first 8 KB, NUL or control
/// bytes. UTF-16 is read with or without a byte-order mark; NUL bytes in text are removed
/// wherever they are (and counted); bytes that are not UTF-8 are read as Windows-1252.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, ParseError> {
    match classify(bytes)? {
        Class::Decoded(d) => Ok(d),
        Class::Bytes { nul } => Ok(decode_8bit(bytes, nul)),
    }
}

/// [`decode_text`] for bytes the caller is done with: UTF-8 (the usual case) becomes the text
/// without a copy, so decoding costs no memory beyond the input.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<Decoded, ParseError> {
    match classify(&bytes)? {
        Class::Decoded(d) => Ok(d),
        Class::Bytes { nul: 0 } if std::str::from_utf8(&bytes).is_ok() => {
            if bytes.starts_with(b"\xef\xbb\xbf") {
                bytes.drain(..3);
            }
            let text = String::from_utf8(bytes).unwrap_or_default();
            Ok(Decoded {
                text,
                ..Decoded::default()
            })
        }
        Class::Bytes { nul } => Ok(decode_8bit(&bytes, nul)),
    }
}

/// What [`classify`] found: text decoded already (UTF-16), or 8-bit text with this many NULs.
enum Class {
    Decoded(Decoded),
    Bytes { nul: usize },
}

/// Not text (an error), UTF-16 (decoded), or 8-bit text to decode.
fn classify(bytes: &[u8]) -> Result<Class, ParseError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    if start == bytes.len() {
        return Err(ParseError::Empty);
    }
    let head = &bytes[start..];
    if head.starts_with(b"%PDF") {
        return Err(ParseError::Pdf("not a PDF the reader accepts".into()));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Err(ParseError::Binary(
            "a ZIP archive (a .docx or .odt?); save the report as plain text first".into(),
        ));
    }
    if let Some(text) = decode_utf16(bytes) {
        return Ok(Class::Decoded(Decoded {
            text,
            ..Decoded::default()
        }));
    }
    if let Some((text, enc)) = decode_utf16_without_bom(bytes) {
        return Ok(Class::Decoded(Decoded {
            text,
            utf16_without_bom: Some(enc),
            ..Decoded::default()
        }));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let (s_nul, s_controls) = bad_bytes(sample);
    let (nul, controls) = bad_bytes(bytes);
    if (s_nul + s_controls) * 3 > sample.len() || (nul + controls) * 10 > bytes.len() {
        return Err(ParseError::Binary(format!(
            "{} NUL and {} other control bytes in its {} bytes",
            nul,
            controls,
            bytes.len()
        )));
    }
    Ok(Class::Bytes { nul })
}

/// UTF-8 with Windows-1252 bytes mixed in; `nul` NUL bytes removed.
fn decode_8bit(bytes: &[u8], nul: usize) -> Decoded {
    let without_nul: Vec<u8>;
    let bytes = if nul > 0 {
        without_nul = bytes.iter().copied().filter(|&b| b != 0).collect();
        &without_nul[..]
    } else {
        bytes
    };
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut fixed = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // SAFETY-free: `good` is valid UTF-8 by the error's own account.
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                for b in &bad[..n] {
                    if let Some(c) = cp1252(*b) {
                        out.push(c);
                    }
                    fixed += 1;
                }
                rest = &bad[n..];
            }
        }
    }
    Decoded {
        text: out,
        cp1252: fixed,
        nul,
        utf16_without_bom: None,
    }
}

/// UTF-16 without a byte-order mark, told by its zero bytes: in text that is mostly Latin, every
/// other byte is zero (the high byte of each unit), at odd offsets for little-endian and even
/// ones for big-endian. Decoded only if it decodes cleanly.
fn decode_utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zero_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let le = if odd * 10 >= pairs * 6 && even * 10 < pairs {
        true
    } else if even * 10 >= pairs * 6 && odd * 10 < pairs {
        false
    } else {
        return None;
    };
    let units = bytes.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut bad = 0usize;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{fffd}'
            })
        })
        .filter(|&c| c != '\0')
        .collect();
    (bad * 100 <= pairs).then_some((text, if le { "UTF-16LE" } else { "UTF-16BE" }))
}

/// UTF-16 with a byte-order mark.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let le = bytes.starts_with(b"\xff\xfe");
    if !le && !bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    let units = bytes[2..].chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and how many bytes were read as Windows-1252.
    fn decode(bytes: &[u8]) -> Result<(String, usize), ParseError> {
        decode_text(bytes).map(|d| (d.text, d.cp1252))
    }

    #[test]
    fn utf8_with_bom() {
        assert_eq!(
            decode(b"\xef\xbb\xbfhello").unwrap(),
            ("hello".to_string(), 0)
        );
    }

    #[test]
    fn windows_1252_bytes_are_decoded() {
        let (s, n) = decode(b"care leaver\x92s \x93voice\x94 \x96 caf\xe9").unwrap();
        assert_eq!(s, "care leaver’s “voice” – café");
        assert_eq!(n, 5);
    }

    #[test]
    fn mixed_utf8_and_cp1252() {
        let (s, n) = decode(
            "Ŵ ok \u{2019}"
                .as_bytes()
                .iter()
                .copied()
                .chain(*b" \x92")
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(s, "Ŵ ok ’ ’");
        assert_eq!(n, 1);
    }

    #[test]
    fn utf16() {
        let mut b = vec![0xff, 0xfe];
        for u in "Hi ŵ".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().0, "Hi ŵ");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let text = "Overview\nThe council ŵ works well.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode_text(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.utf16_without_bom),
            (text, Some("UTF-16LE"))
        );
        assert!(d.warnings()[0].contains("UTF-16LE"));
        let d = decode_text(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.utf16_without_bom),
            (text, Some("UTF-16BE"))
        );
    }

    #[test]
    fn sparse_nuls_are_removed_with_a_warning_wherever_they_are() {
        let text = "Overview\n".repeat(4000);
        for at in [5, 20_000, text.len() - 1] {
            let mut b = text.clone().into_bytes();
            b.insert(at, 0);
            let d = decode_text(&b).unwrap();
            assert_eq!(d.text, text, "at {at}");
            assert_eq!(d.nul, 1);
            assert_eq!(d.warnings(), ["removed 1 NUL bytes"]);
        }
        // Dense ones anywhere are binary data.
        let mut b = text.into_bytes();
        b.extend(std::iter::repeat_n(0u8, 10_000));
        assert!(matches!(decode_text(&b), Err(ParseError::Binary(_))));
    }

    #[test]
    fn not_text() {
        assert!(matches!(decode(b""), Err(ParseError::Empty)));
        assert!(matches!(decode(b" \n\t\n"), Err(ParseError::Empty)));
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(ParseError::Pdf(_))));
        assert!(matches!(
            decode(b"PK\x03\x04...."),
            Err(ParseError::Binary(_))
        ));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0"),
            Err(ParseError::Binary(_))
        ));
    }
}
