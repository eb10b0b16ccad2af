//! A page's glyphs laid out as lines of text, the way `pdftotext -layout` would: lines top to
//! bottom, glyphs left to right, a space for a word gap, four for a column gap (a contents
//! line's page number, a hanging paragraph number), a blank line for a gap between paragraphs.

/// One glyph: where it starts and ends on the line, its baseline (from the top of the page) and
/// its size, all in points; its text is `text[start..end]` of its page.
pub(super) struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    start: u32,
    len: u32,
}

/// The glyphs of one page, their texts in one buffer (no allocation per glyph).
#[derive(Default)]
pub(super) struct Page {
    /// The top of the page (its media box), so that `y` counts down from it.
    top: f64,
    glyphs: Vec<Glyph>,
    text: String,
}

impl Page {
    pub(super) fn new(top: f64) -> Self {
        Page {
            top,
            glyphs: Vec::new(),
            text: String::new(),
        }
    }

    /// Adds a glyph whose origin is at (`x`, `y`) in the page's space, `width` points wide and
    /// `size` points tall. Blank glyphs are left out: gaps make the spaces.
    pub(super) fn push(&mut self, x: f64, y: f64, width: f64, size: f64, text: &str) {
        if text.chars().all(char::is_whitespace) {
            return;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(text.len()))
        else {
            return;
        };
        self.text.push_str(text);
        self.glyphs.push(Glyph {
            x,
            end: x + width,
            y: self.top - y,
            size: size.abs().max(1.0),
            start,
            len,
        });
    }

    fn glyph_text(&self, g: &Glyph) -> &str {
        let start = g.start as usize;
        self.text.get(start..start + g.len as usize).unwrap_or("")
    }

    /// The page as lines of text.
    pub(super) fn text(mut self) -> String {
        self.glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
        // Lines: runs of glyphs whose baselines are within 0.4 of a size of the line's first.
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let mut first = 0;
        for i in 1..=self.glyphs.len() {
            let split = match self.glyphs.get(i) {
                None => true,
                Some(g) => {
                    let l = &self.glyphs[first];
                    (g.y - l.y).abs() > l.size.max(g.size) * 0.4
                }
            };
            if split {
                lines.push((first, i));
                first = i;
            }
        }
        let mut out = String::with_capacity(self.text.len() + self.text.len() / 4);
        let mut prev: Option<(f64, f64)> = None;
        for &(from, to) in &lines {
            if from >= to {
                continue;
            }
            self.glyphs[from..to].sort_by(|a, b| a.x.total_cmp(&b.x));
            let line = &self.glyphs[from..to];
            let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
            let y = line[0].y;
            if let Some((py, psize)) = prev {
                if y - py > 1.6 * size.max(psize) {
                    out.push('\n');
                }
            }
            prev = Some((y, size));
            let mut end: Option<f64> = None;
            for g in line {
                if let Some(e) = end {
                    let gap = g.x - e;
                    if gap > 2.5 * g.size {
                        out.push_str("    ");
                    } else if gap > 0.15 * g.size {
                        out.push(' ');
                    }
                }
                out.push_str(self.glyph_text(g));
                end = Some(end.map_or(g.end, |e: f64| e.max(g.end)));
            }
            out.push('\n');
        }
        out
    }
}
