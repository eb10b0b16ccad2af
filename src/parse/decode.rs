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

/// The decoded text and how many bytes had to be read as Windows-1252.
pub fn decode(bytes: &[u8]) -> Result<(String, usize), ParseError> {
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
        return Ok((text, 0));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let nul = sample.iter().filter(|b| **b == 0).count();
    let controls = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    if nul > 0 || controls * 10 > sample.len() {
        return Err(ParseError::Binary(format!(
            "{} NUL and {} other control bytes in the first {} bytes",
            nul,
            controls,
            sample.len()
        )));
    }
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
    Ok((out, fixed))
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
