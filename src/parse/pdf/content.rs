//! The glyphs of a PDF's pages, read straight from their content streams with `lopdf`: each
//! page's stream is decoded once, only the operators that place text are followed (the text
//! state, `cm`, `q`/`Q` and form XObjects), and fonts are built once per document
//! ([`Fonts`]). Each glyph goes to a [`Page`] with its position, width and size; nothing is
//! allocated per glyph.

use super::fonts::{deref, number, Font, Fonts, Unsupported};
use super::layout::Page;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::rc::Rc;

/// An affine matrix `[a b c d e f]`, as PDF writes them (row vectors).
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Form XObjects drawn inside one another at most this deep.
const MAX_FORM_DEPTH: usize = 8;

/// The text of each page, laid out as lines.
pub(super) fn pages(doc: &Document) -> Result<Vec<String>, Unsupported> {
    let mut fonts = Fonts::default();
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc
            .get_dictionary(id)
            .map_err(|_| Unsupported("a page is not a dictionary".into()))?;
        let top = inherited(doc, page, b"MediaBox")
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| a.get(3))
            .and_then(|o| number(deref(doc, o)))
            .unwrap_or(792.0);
        let empty = Dictionary::new();
        let resources = inherited(doc, page, b"Resources")
            .and_then(|o| deref(doc, o).as_dict().ok())
            .unwrap_or(&empty);
        let content = doc
            .get_page_content(id)
            .map_err(|e| Unsupported(format!("a page's content ({e})")))?;
        let mut reader = Reader {
            doc,
            fonts: &mut fonts,
            page: Page::new(top),
            forms: Vec::new(),
        };
        reader.run(&content, resources, IDENTITY)?;
        out.push(reader.page.text());
    }
    Ok(out)
}

/// A page attribute, from the page or the nearest page-tree node above it that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(o) = node.get(key) {
            return Some(o);
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| deref(doc, p).as_dict().ok())?;
    }
    None
}

/// The graphics state that placing text depends on.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
}

struct Reader<'a, 'f> {
    doc: &'a Document,
    fonts: &'f mut Fonts,
    page: Page,
    /// The forms being drawn, innermost last (a form that draws itself is drawn once).
    forms: Vec<ObjectId>,
}

impl Reader<'_, '_> {
    /// Follows one content stream.
    fn run(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        ctm: Matrix,
    ) -> Result<(), Unsupported> {
        let content =
            Content::decode(content).map_err(|e| Unsupported(format!("a content stream ({e})")))?;
        let mut gs = State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut saved: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for op in &content.operations {
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => saved.push(gs.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        gs.font = Some(self.fonts.get(self.doc, resources, name)?);
                    }
                    gs.size = num(1);
                }
                "Tc" => gs.char_spacing = num(0),
                "Tw" => gs.word_spacing = num(0),
                "Tz" => gs.scaling = num(0) / 100.0,
                "TL" => gs.leading = num(0),
                "Ts" => gs.rise = num(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.leading = -num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => self.show(&gs, &mut tm, args.first()),
                "'" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    self.show(&gs, &mut tm, args.first());
                }
                "\"" => {
                    gs.word_spacing = num(0);
                    gs.char_spacing = num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    self.show(&gs, &mut tm, args.get(2));
                }
                "TJ" => {
                    let Some(Ok(items)) = args.first().map(Object::as_array) else {
                        continue;
                    };
                    for item in items {
                        match number(item) {
                            Some(n) => {
                                let tx = -n / 1000.0 * gs.size * gs.scaling;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                            }
                            None => self.show(&gs, &mut tm, Some(item)),
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        self.form(resources, name, &gs.ctm)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Draws the form XObject `name` (images and other XObjects hold no text).
    fn form(
        &mut self,
        resources: &Dictionary,
        name: &[u8],
        ctm: &Matrix,
    ) -> Result<(), Unsupported> {
        let doc = self.doc;
        let Some(Object::Reference(id)) = resources
            .get(b"XObject")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        if self.forms.len() >= MAX_FORM_DEPTH || self.forms.contains(id) {
            return Ok(());
        }
        let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .map(|a| {
                let v: Vec<f64> = a.iter().filter_map(number).collect();
                if v.len() == 6 {
                    [v[0], v[1], v[2], v[3], v[4], v[5]]
                } else {
                    IDENTITY
                }
            })
            .unwrap_or(IDENTITY);
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok());
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        self.forms.push(*id);
        let r = self.run(&content, own.unwrap_or(resources), mul(&matrix, ctm));
        self.forms.pop();
        r
    }

    /// Shows one string in the current font, moving the text matrix past each glyph.
    fn show(&mut self, gs: &State, tm: &mut Matrix, s: Option<&Object>) {
        let (Some(font), Some(Object::String(bytes, _))) = (gs.font.as_ref(), s) else {
            return;
        };
        let page = &mut self.page;
        font.each(bytes, |text, width, space| {
            let trm = mul(
                &mul(&[gs.scaling, 0.0, 0.0, 1.0, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let w0 = width / 1000.0;
            let scale = (trm[0] * trm[3] - trm[1] * trm[2]).abs().sqrt();
            page.push(
                trm[4],
                trm[5],
                w0 * gs.size * trm[0].abs().max(f64::MIN_POSITIVE),
                gs.size * scale,
                text,
            );
            let spacing = gs.char_spacing + if space { gs.word_spacing } else { 0.0 };
            let tx = gs.scaling * (w0 * gs.size + spacing);
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        });
    }
}
