//! Text hygiene shared by the parser and the front ends: removing control characters and
//! escape sequences (report text is untrusted), expanding ligatures, and a folded form of text
//! for matching (curly quotes, dashes, case, Welsh diacritics).

pub mod fit;

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// What [`clean`] removed or replaced, for warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CleanStats {
    pub escape_sequences: usize,
    pub control_chars: usize,
    pub bidi_controls: usize,
    pub ligatures: usize,
}

/// Cleans extracted text: CRLF and lone CR become LF; escape sequences (CSI, OSC, DCS, ...),
/// C0/C1 control characters, bidi overrides and zero-width characters are removed; ligatures
/// are expanded; no-break and other odd spaces become plain spaces. Tabs, line feeds and form
/// feeds (page breaks) are kept for the parser. Linear in the input.
pub fn clean(input: &str) -> (String, CleanStats) {
    let mut out = String::with_capacity(input.len());
    let mut stats = CleanStats::default();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Copy the run of plain printable ASCII (and tab, line feed, form feed) in one go.
        let run = bytes[i..]
            .iter()
            .position(|&b| !(matches!(b, 0x20..=0x7e | b'\n' | b'\t' | 0x0c)))
            .unwrap_or(bytes.len() - i);
        out.push_str(&input[i..i + run]);
        i += run;
        if i < bytes.len() {
            let rest = &input[i..];
            let used = clean_one(rest, &mut out, &mut stats);
            i += used.max(1);
            while !input.is_char_boundary(i) {
                i += 1;
            }
        }
    }
    (out, stats)
}

/// Cleans the character (or escape sequence) at the start of `rest`; returns the bytes used.
fn clean_one(rest: &str, out: &mut String, stats: &mut CleanStats) -> usize {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return 0 };
    match c {
        '\r' => {
            if !chars.as_str().starts_with('\n') {
                out.push('\n');
            }
        }
        '\x1b' => {
            stats.escape_sequences += 1;
            skip_escape(&mut chars);
        }
        '\u{9b}' => {
            // 8-bit CSI: skip its parameters and final byte like ESC [.
            stats.escape_sequences += 1;
            skip_csi(&mut chars);
        }
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
            stats.escape_sequences += 1;
            skip_string(&mut chars);
        }
        '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => stats.control_chars += 1,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            stats.bidi_controls += 1
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
        '\u{fb00}'..='\u{fb06}' => {
            stats.ligatures += 1;
            out.push_str(match c {
                '\u{fb00}' => "ff",
                '\u{fb01}' => "fi",
                '\u{fb02}' => "fl",
                '\u{fb03}' => "ffi",
                '\u{fb04}' => "ffl",
                _ => "st",
            });
        }
        _ => out.push(c),
    }
    rest.len() - chars.as_str().len()
}

fn skip_escape(chars: &mut std::str::Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        // Two-byte sequences such as ESC c, ESC 7, ESC ( B: drop the next char (and one more
        // for the charset designators).
        Some('(') | Some(')') | Some('*') | Some('+') | Some('#') | Some('%') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters and intermediates up to and including the final byte.
fn skip_csi(chars: &mut std::str::Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) || !(' '..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Skips an OSC/DCS/APC string up to BEL, ST (ESC \ or U+9C) or a line end.
fn skip_string(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\x07' | '\u{9c}' | '\n' => break,
            '\x1b' => {
                if chars.as_str().starts_with('\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Text safe to hand to a terminal: anything [`clean`] would remove is removed, and tabs, line
/// feeds and form feeds become spaces. Borrowed when nothing needed changing.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_for_terminal) {
        return Cow::Borrowed(s);
    }
    let (cleaned, _) = clean(s);
    Cow::Owned(
        cleaned
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\t' | '\x0c') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A path as it may be shown: [`for_terminal`] over its display form, so a file name cannot
/// drive the terminal or split a line.
pub fn shown_path(p: &std::path::Path) -> String {
    for_terminal(&p.display().to_string()).into_owned()
}

/// True for what must not reach a terminal raw: C0 and C1 control characters (ESC, CSI U+009B,
/// ...) and bidi controls (U+202E, ...). [`for_terminal`] removes them.
fn unsafe_for_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Pretty JSON that is safe to print: as `serde_json::to_string_pretty`, but C1 controls and
/// bidi controls (which JSON allows raw, and a terminal may act on) are written as `\uXXXX`
/// escapes too. The data is unchanged; only its spelling is.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let json = serde_json::to_string_pretty(value)?;
    if !json.chars().any(unsafe_for_terminal) {
        return Ok(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Structure is ASCII and C0 controls are escaped already: these are inside strings.
        if unsafe_for_terminal(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Folds one character for matching: curly quotes to straight, dashes to `-`, Welsh and other
/// Latin diacritics to their base letter, lower case. Returns `None` for characters to skip.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' => 'a',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' => 'i',
        'Ò'..='Ö' | 'ò'..='ö' | 'Ō' | 'ō' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' => 'u',
        'Ŵ' | 'ŵ' | 'Ẁ' | 'ẁ' | 'Ẃ' | 'ẃ' | 'Ẅ' | 'ẅ' => 'w',
        'Ŷ' | 'ŷ' | 'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ỳ' | 'ỳ' => 'y',
        'Ç' | 'ç' => 'c',
        'Ñ' | 'ñ' => 'n',
        _ => {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        }
    }
}

/// The folded form of a text for matching (see [`fold_char`]); `…` becomes `...`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\u{2026}' {
            out.push_str("...");
        } else {
            out.push(fold_char(c));
        }
    }
    out
}

/// Word-wraps `text` to lines of at most `w` cells (a character wider than `w` still gets a
/// line of its own). Runs of whitespace collapse to one space; over-long words are broken.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let ww = UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + ww <= w {
            line.push(' ');
            line.push_str(word);
            used += 1 + ww;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if ww <= w {
            line.push_str(word);
            used = ww;
            continue;
        }
        // Break an over-long word by characters, measuring the line as a whole (sequences such
        // as emoji with variation selectors are wider than their characters).
        for ch in word.chars() {
            let mut candidate = line.clone();
            candidate.push(ch);
            if !line.is_empty() && UnicodeWidthStr::width(candidate.as_str()) > w {
                lines.push(std::mem::take(&mut line));
                line.push(ch);
            } else {
                line = candidate;
            }
            used = UnicodeWidthStr::width(line.as_str());
        }
    }
    if used > 0 || !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_and_controls() {
        let (s, st) =
            clean("a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\x1b]8;;http://x\x1b\\link\u{7}\u{8}\0d");
        assert_eq!(s, "ared bclinkd");
        assert_eq!(st.escape_sequences, 4);
        assert_eq!(st.control_chars, 3);
    }

    #[test]
    fn eight_bit_csi_and_bidi_are_removed() {
        let (s, st) = clean("x\u{9b}2Jy \u{202e}evil\u{202c} z");
        assert_eq!(s, "xy evil z");
        assert_eq!(st.bidi_controls, 2);
    }

    #[test]
    fn line_endings_ligatures_and_spaces() {
        let (s, st) = clean("a\r\nb\rc\u{a0}d \u{fb01}nd e\u{fb02}ow\u{ad}ing\x0cnext");
        assert_eq!(s, "a\nb\nc d find eflowing\x0cnext");
        assert_eq!(st.ligatures, 2);
    }

    #[test]
    fn unterminated_escape_does_not_eat_the_rest_of_the_file() {
        let (s, _) = clean("a\x1b]0;never ends\nnext line");
        assert_eq!(s, "anext line");
    }

    #[test]
    fn terminal_text_is_borrowed_when_clean() {
        assert!(matches!(for_terminal("plain ŵ text"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\x1b[2Jb\tc"), "ab c");
    }

    #[test]
    fn folding() {
        assert_eq!(
            fold("‘What Matters’ – Ŵyn “IRO”…"),
            "'what matters' - wyn \"iro\"..."
        );
    }
}
