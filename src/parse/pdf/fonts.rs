//! A PDF font as the text reader needs it: how its string bytes split into character codes,
//! each code's text and advance width. Built once per font of a document and kept
//! ([`Fonts`]), so a font used on every page is read once.
//!
//! Simple fonts (Type1, TrueType, MMType1) with their encoding (a named one, or one with
//! `Differences`), a `ToUnicode` map over it, widths from `Widths` or, for the standard fonts,
//! from [`base14`]; composite fonts (Type0) with the `Identity-H` or
//! `Identity-V` encoding, `W` widths and a `ToUnicode` map. Anything else (Type3 fonts, other
//! CMaps, a standard-less font with no widths) is [`Unsupported`], and the caller reads the file
//! another way.

use super::base14;
use lopdf::{Dictionary, Document, Object, ObjectId};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Why this reader cannot read a file's text (another reader may).
#[derive(Debug)]
pub(super) struct Unsupported(pub String);

/// One font.
pub(super) struct Font {
    /// Two-byte codes (Type0 with an Identity encoding); else one byte a code.
    two_byte: bool,
    /// Simple fonts: the text of each code, as a range of `texts`.
    simple: Vec<(u32, u32)>,
    /// Simple fonts: the width of each code (1/1000 em).
    simple_widths: Vec<f64>,
    /// Composite fonts: the text and width of each code.
    cid_text: FxHashMap<u32, (u32, u32)>,
    cid_widths: FxHashMap<u32, f64>,
    default_width: f64,
    texts: String,
}

impl Font {
    /// Calls `f(code, text, width, single_byte_space)` for each character code of `bytes`.
    pub(super) fn each(&self, bytes: &[u8], mut f: impl FnMut(&str, f64, bool)) {
        if self.two_byte {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                let text = self.cid_text.get(&code).map_or("", |&r| self.slice(r));
                let width = self
                    .cid_widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width);
                f(text, width, false);
            }
        } else {
            for &b in bytes {
                let i = usize::from(b);
                f(self.slice(self.simple[i]), self.simple_widths[i], b == b' ');
            }
        }
    }

    fn slice(&self, (start, end): (u32, u32)) -> &str {
        self.texts.get(start as usize..end as usize).unwrap_or("")
    }

    fn intern(&mut self, s: &str) -> (u32, u32) {
        let start = self.texts.len() as u32;
        self.texts.push_str(s);
        (start, self.texts.len() as u32)
    }
}

/// The fonts of one document, each built when first used.
#[derive(Default)]
pub(super) struct Fonts {
    by_id: FxHashMap<ObjectId, Rc<Font>>,
}

impl Fonts {
    /// The font `name` of these resources.
    pub(super) fn get(
        &mut self,
        doc: &Document,
        resources: &Dictionary,
        name: &[u8],
    ) -> Result<Rc<Font>, Unsupported> {
        let fonts = resources
            .get(b"Font")
            .and_then(|o| deref(doc, o).as_dict())
            .map_err(|_| Unsupported("a page uses a font it does not list".into()))?;
        let entry = fonts
            .get(name)
            .map_err(|_| Unsupported("a page uses a font it does not list".into()))?;
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(font) = id.and_then(|id| self.by_id.get(&id)) {
            return Ok(font.clone());
        }
        let dict = deref(doc, entry)
            .as_dict()
            .map_err(|_| Unsupported("a font is not a dictionary".into()))?;
        let font = Rc::new(build(doc, dict)?);
        if let Some(id) = id {
            self.by_id.insert(id, font.clone());
        }
        Ok(font)
    }
}

/// Follows a reference (one level; lopdf resolves chains).
pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map_or(o, |(_, o)| o)
}

fn name_of<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o).as_name().ok())
}

/// A number object's value.
pub(super) fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn build(doc: &Document, dict: &Dictionary) -> Result<Font, Unsupported> {
    let subtype = name_of(doc, dict, b"Subtype").unwrap_or(b"Type1");
    match subtype {
        b"Type1" | b"TrueType" | b"MMType1" => simple(doc, dict, subtype == b"TrueType"),
        b"Type0" => composite(doc, dict),
        other => Err(Unsupported(format!(
            "{} fonts",
            String::from_utf8_lossy(other)
        ))),
    }
}

/// The base font's name without a subset prefix (`ABCDEF+Arial` is `Arial`).
fn base_name(doc: &Document, dict: &Dictionary) -> String {
    let name = name_of(doc, dict, b"BaseFont").unwrap_or_default();
    let name = String::from_utf8_lossy(name);
    match name.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 => rest.to_string(),
        _ => name.into_owned(),
    }
}

fn empty_font(two_byte: bool) -> Font {
    Font {
        two_byte,
        simple: Vec::new(),
        simple_widths: Vec::new(),
        cid_text: FxHashMap::default(),
        cid_widths: FxHashMap::default(),
        default_width: 0.0,
        texts: String::new(),
    }
}

fn simple(doc: &Document, dict: &Dictionary, truetype: bool) -> Result<Font, Unsupported> {
    let to_unicode = to_unicode(doc, dict)?;
    let has_encoding = dict.get(b"Encoding").is_ok();
    if !has_encoding && !truetype && to_unicode.is_none() && has_font_file(doc, dict) {
        return Err(Unsupported(
            "an embedded Type1 font with its own encoding".into(),
        ));
    }
    // The encoding: a named one, with differences or not; with none, WinAnsi for TrueType,
    // else the standard encoding.
    let default = if truetype {
        "WinAnsiEncoding"
    } else {
        "StandardEncoding"
    };
    let mut table = Vec::with_capacity(256);
    let (base, differences) = match dict.get(b"Encoding").map(|o| deref(doc, o)) {
        Ok(Object::Name(n)) => (String::from_utf8_lossy(n).into_owned(), None),
        Ok(Object::Dictionary(e)) => (
            name_of(doc, e, b"BaseEncoding").map_or(default.to_string(), |n| {
                String::from_utf8_lossy(n).into_owned()
            }),
            e.get(b"Differences")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok()),
        ),
        _ => (default.to_string(), None),
    };
    let named = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Encoding", Object::Name(base.into_bytes())),
    ]);
    let encoding = named.get_font_encoding(doc).ok();
    for b in 0..=255u8 {
        table.push(
            encoding
                .as_ref()
                .and_then(|e| e.bytes_to_string(&[b]).ok())
                .unwrap_or_default(),
        );
    }
    let mut code = 0usize;
    for o in differences.into_iter().flatten() {
        match deref(doc, o) {
            Object::Integer(i) => code = usize::try_from(*i).unwrap_or(256),
            Object::Name(n) => {
                if let (Some(slot), Some(text)) = (table.get_mut(code), glyph(doc, n)) {
                    *slot = text;
                }
                code += 1;
            }
            _ => {}
        }
    }
    simple_with(doc, dict, &base_name(doc, dict), to_unicode, table)
}

/// The text of a glyph name (`bullet`, `uni2022`, `fi`); `None` for one not known.
fn glyph(doc: &Document, name: &[u8]) -> Option<String> {
    if let Some(hex) = name
        .strip_prefix(b"uni")
        .or_else(|| name.strip_prefix(b"u"))
    {
        let hex = std::str::from_utf8(hex).ok()?;
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    // lopdf knows the Adobe glyph list; ask it through an encoding with this one difference.
    let font = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        (
            "Encoding",
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Encoding".to_vec())),
                ("BaseEncoding", Object::Name(b"StandardEncoding".to_vec())),
                (
                    "Differences",
                    Object::Array(vec![Object::Integer(0), Object::Name(name.to_vec())]),
                ),
            ])),
        ),
    ]);
    let text = font
        .get_font_encoding(doc)
        .ok()?
        .bytes_to_string(&[0])
        .ok()?;
    (!text.is_empty()).then_some(text)
}

fn simple_with(
    doc: &Document,
    dict: &Dictionary,
    base: &str,
    to_unicode: Option<FxHashMap<u32, String>>,
    mut chars: Vec<String>,
) -> Result<Font, Unsupported> {
    let mut font = empty_font(false);
    // A ToUnicode map says best what a code stands for.
    for (b, slot) in chars.iter_mut().enumerate() {
        if let Some(s) = to_unicode.as_ref().and_then(|m| m.get(&(b as u32))) {
            slot.clone_from(s);
        }
    }
    font.simple = chars.iter().map(|c| font.intern(c)).collect();
    // Widths: the font's own, else a standard font's.
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(deref(doc, o)));
    let widths = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok());
    let missing = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(number)
        .unwrap_or(0.0);
    font.simple_widths = vec![missing; 256];
    match (first, widths) {
        (Some(first), Some(widths)) => {
            for (i, w) in widths.iter().enumerate() {
                let code = first as i64 + i as i64;
                if let (Ok(code), Some(w)) = (usize::try_from(code), number(deref(doc, w))) {
                    if let Some(slot) = font.simple_widths.get_mut(code) {
                        *slot = w;
                    }
                }
            }
        }
        _ => {
            // No widths: a standard font (or, as other readers do, Helvetica for a font that
            // should have listed them).
            let metrics = base14::widths(base)
                .or_else(|| base14::widths("Helvetica"))
                .ok_or_else(|| Unsupported("no widths".into()))?;
            if base.starts_with("Symbol") || base.starts_with("ZapfDingbats") {
                return Err(Unsupported(format!("the {base} font")));
            }
            for (i, c) in chars.iter().enumerate() {
                if let Some(w) = c.chars().next().and_then(|c| metrics.width(c)) {
                    font.simple_widths[i] = w;
                }
            }
        }
    }
    Ok(font)
}

fn has_font_file(doc: &Document, dict: &Dictionary) -> bool {
    dict.get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o).as_dict().ok())
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile3"))
}

/// The font's `ToUnicode` map, if it has one: code to text.
fn to_unicode(
    doc: &Document,
    dict: &Dictionary,
) -> Result<Option<FxHashMap<u32, String>>, Unsupported> {
    let Ok(o) = dict.get(b"ToUnicode") else {
        return Ok(None);
    };
    let Ok(stream) = deref(doc, o).as_stream() else {
        // A name (`Identity-H`) says nothing more than the encoding does.
        return Ok(None);
    };
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let map = adobe_cmap_parser::get_unicode_map(&content)
        .map_err(|e| Unsupported(format!("a ToUnicode map ({e})")))?;
    let mut out = FxHashMap::default();
    for (code, be) in map {
        let units: Vec<u16> = be
            .chunks(2)
            .map(|p| (u16::from(p[0]) << 8) | u16::from(*p.get(1).unwrap_or(&0)))
            .collect();
        if let Ok(s) = String::from_utf16(&units) {
            out.insert(code, s);
        }
    }
    Ok(Some(out))
}

fn composite(doc: &Document, dict: &Dictionary) -> Result<Font, Unsupported> {
    match name_of(doc, dict, b"Encoding") {
        Some(b"Identity-H" | b"Identity-V") => {}
        _ => {
            return Err(Unsupported(
                "a composite font with a CMap other than Identity".into(),
            ))
        }
    }
    let mut font = empty_font(true);
    if let Some(map) = to_unicode(doc, dict)? {
        for (code, s) in map {
            let r = font.intern(&s);
            font.cid_text.insert(code, r);
        }
    }
    let cid = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok())
        .ok_or_else(|| Unsupported("a composite font with no descendant font".into()))?;
    font.default_width = cid
        .get(b"DW")
        .ok()
        .and_then(|o| number(deref(doc, o)))
        .unwrap_or(1000.0);
    let w = cid
        .get(b"W")
        .ok()
        .and_then(|o| deref(doc, o).as_array().ok());
    let mut i = 0;
    while let Some(w) = w {
        let Some(first) = w.get(i).and_then(|o| number(deref(doc, o))) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (j, x) in list.iter().enumerate() {
                    if let Some(x) = number(deref(doc, x)) {
                        font.cid_widths.insert(first as u32 + j as u32, x);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(x)) = (
                    number(last),
                    w.get(i + 2).and_then(|o| number(deref(doc, o))),
                ) else {
                    break;
                };
                // A range is bounded so that a hostile file cannot make us fill memory.
                let (first, last) = (first as u32, (last as u32).min(first as u32 + 0xffff));
                for c in first..=last {
                    font.cid_widths.insert(c, x);
                }
                i += 3;
            }
            None => break,
        }
    }
    Ok(font)
}
