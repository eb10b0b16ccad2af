//! A typesetter that lays a parsed report out as a PDF the way Care Inspectorate Wales does:
//! a cover page (title, council, Welsh notice, publication month, Crown copyright and ISBN), a
//! second page with the notice again, a contents page whose page numbers are aligned at the
//! right margin, each part on a new page, numbered paragraphs with the number in a hanging
//! column, "•" bullets, headings in bold (long ones wrap onto a second line), sub-headings
//! followed directly by their text, and the page number in the footer.
//!
//! The PDF is written by hand (no dependency): base-14 Helvetica in WinAnsiEncoding, one text
//! object per line, uncompressed content streams. Tests parse the sample texts, typeset the
//! result, read the PDF back (in-process and through `pdftotext`) and check the structure is
//! the same; `cargo run --example typeset_reports` writes the PDFs to disk.

use ciw::model::{Report, SectionKind};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 72.0;
const HANG: f32 = 108.0;
const RIGHT: f32 = 523.0;
const TOP: f32 = 770.0;
const BOTTOM: f32 = 80.0;

#[derive(Clone, Copy, PartialEq)]
enum Font {
    Regular,
    Bold,
}

struct Run {
    x: f32,
    y: f32,
    font: Font,
    size: f32,
    text: String,
}

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

fn width(s: &str, font: Font, size: f32) -> f32 {
    let em: u32 = s
        .chars()
        .map(|c| match c as u32 {
            32..=126 => u32::from(HELVETICA[c as usize - 32]),
            _ => 556,
        })
        .sum();
    let bold = if font == Font::Bold { 1.06 } else { 1.0 };
    em as f32 * size / 1000.0 * bold
}

/// Greedy word wrap to `max` points.
fn wrap(text: &str, font: Font, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && width(&format!("{line} {word}"), font, size) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

struct Layout {
    pages: Vec<Vec<Run>>,
    y: f32,
}

impl Layout {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// The cover's notice that the report is also in Welsh, in both languages; leaves `y` on
    /// its second line.
    fn welsh_notice(&mut self) {
        self.y = 200.0;
        self.put(
            LEFT,
            Font::Regular,
            11.0,
            "Mae\u{2019}r ddogfen yma hefyd ar gael yn Gymraeg.",
        );
        self.y = 186.0;
        self.put(
            LEFT,
            Font::Regular,
            11.0,
            "This document is also available in Welsh.",
        );
    }

    fn put(&mut self, x: f32, font: Font, size: f32, text: &str) {
        let y = self.y;
        self.pages.last_mut().expect("a page").push(Run {
            x,
            y,
            font,
            size,
            text: text.to_string(),
        });
    }

    fn gap(&mut self, pts: f32) {
        if self.y < TOP {
            self.y -= pts;
        }
    }

    /// A heading: kept with at least three lines of what follows.
    fn heading(&mut self, text: &str, size: f32, after: f32) {
        let leading = size * 1.25;
        let lines = wrap(text, Font::Bold, size, RIGHT - LEFT);
        if self.y - leading * (lines.len() as f32 + 3.0) < BOTTOM {
            self.new_page();
        }
        for l in &lines {
            self.y -= leading;
            self.put(LEFT, Font::Bold, size, l);
        }
        self.y -= after;
    }

    /// A block of body text; `label` is printed in the hanging column left of the first line.
    fn block(&mut self, label: Option<(f32, &str)>, x: f32, text: &str) {
        let (size, leading) = (11.0, 14.0);
        let lines = wrap(text, Font::Regular, size, RIGHT - x);
        for (i, l) in lines.iter().enumerate() {
            if self.y - leading < BOTTOM {
                self.new_page();
            }
            self.y -= leading;
            if i == 0 {
                if let Some((lx, label)) = label {
                    self.put(lx, Font::Regular, size, label);
                }
            }
            self.put(x, Font::Regular, size, l);
        }
        self.y -= 8.0;
    }

    fn prose(&mut self, text: &str) {
        match text.strip_prefix("- ") {
            Some(item) => self.block(Some((90.0, "\u{2022}")), HANG, item),
            None => self.block(None, LEFT, text),
        }
    }
}

/// The month the report was published: three months after the inspection.
fn published(r: &Report) -> (String, u16) {
    use ciw::parse::MONTHS;
    let m = (r.inspection.month_number as usize + 2) % 12;
    let y = r.inspection.year + u16::from(r.inspection.month_number > 9);
    (MONTHS[m].to_string(), y)
}

/// Typesets a report as CIW lays its reports out.
pub fn report_pdf(r: &Report) -> Vec<u8> {
    let mut l = Layout {
        pages: Vec::new(),
        y: TOP,
    };
    let (month, year) = published(r);
    // Cover.
    l.new_page();
    l.y = 700.0;
    l.put(
        LEFT,
        Font::Bold,
        26.0,
        "Inspection of Children\u{2019}s Services",
    );
    l.y = 640.0;
    let council = format!("{} Council", r.authority.name.trim_end_matches(" Council"));
    l.put(
        RIGHT - width(&council, Font::Bold, 20.0),
        Font::Bold,
        20.0,
        &council,
    );
    l.welsh_notice();
    let date = format!("{month} {year}");
    l.put(
        RIGHT - width(&date, Font::Regular, 11.0),
        Font::Regular,
        11.0,
        &date,
    );
    let copyright =
        format!("\u{a9} Crown copyright {year}    WG36112    Digital ISBN 978-1-78964-251-3");
    l.y = 120.0;
    l.put(LEFT + 20.0, Font::Regular, 9.0, &copyright);
    // The notice again.
    l.new_page();
    l.welsh_notice();
    l.y = 120.0;
    l.put(LEFT + 20.0, Font::Regular, 9.0, &copyright);
    // Contents: filled in once the parts know their pages.
    l.new_page();
    let contents_page = l.pages.len() - 1;
    let mut starts: Vec<(String, usize)> = Vec::new();
    for s in &r.sections {
        let follows_on =
            s.kind == SectionKind::Acknowledgements || s.kind == SectionKind::NextSteps;
        if follows_on {
            l.gap(10.0);
        } else {
            l.new_page();
        }
        let title = match s.number {
            Some(n) => format!("{n}. {}", s.title),
            None => s.title.clone(),
        };
        if s.kind != SectionKind::NextSteps {
            starts.push((s.title.clone(), l.pages.len()));
        }
        l.heading(&title, if follows_on { 14.0 } else { 16.0 }, 10.0);
        if let Some(e) = &s.expectations {
            l.heading("What we expect to see", 12.0, 4.0);
            l.block(None, LEFT, e);
        }
        let mut sub: Option<&str> = None;
        for p in &s.paragraphs {
            if p.subsection.as_deref() != sub {
                sub = p.subsection.as_deref();
                if let Some(t) = sub {
                    l.gap(4.0);
                    // Sub-headings run straight into their text: no blank line after them.
                    l.heading(t, 12.0, 2.0);
                }
            }
            match s.kind {
                SectionKind::Theme => l.block(Some((LEFT, &p.id)), HANG, &p.text),
                SectionKind::AreasForDevelopment => {
                    let n = p.id.trim_start_matches('R');
                    l.block(Some((LEFT, &format!("{n}."))), HANG, &p.text)
                }
                SectionKind::Overview => l.block(Some((90.0, "\u{2022}")), HANG, &p.text),
                // CIW prints the fieldwork as a list (the sample texts lost the bullets).
                SectionKind::Methodology if p.subsection.as_deref() == Some("Fieldwork") => {
                    l.block(Some((90.0, "\u{2022}")), HANG, &p.text)
                }
                _ => l.prose(&p.text),
            }
        }
    }
    // The contents page, entries aligned at the right margin.
    l.pages[contents_page].clear();
    l.y = TOP;
    let saved = l.pages.split_off(contents_page + 1);
    l.y -= 20.0;
    l.put(LEFT, Font::Bold, 16.0, "Contents");
    l.y -= 16.0;
    for (title, page) in &starts {
        let page = page.to_string();
        l.y -= 22.0;
        l.put(LEFT, Font::Regular, 11.0, title);
        l.put(
            RIGHT - width(&page, Font::Regular, 11.0),
            Font::Regular,
            11.0,
            &page,
        );
    }
    l.pages.extend(saved);
    // Footers: the page number, centred, from the contents page on.
    for (i, page) in l.pages.iter_mut().enumerate().skip(contents_page) {
        let n = (i + 1).to_string();
        page.push(Run {
            x: PAGE_W / 2.0 - width(&n, Font::Regular, 10.0) / 2.0,
            y: 40.0,
            font: Font::Regular,
            size: 10.0,
            text: n,
        });
    }
    write_pdf(&l.pages)
}

/// A PDF of `pages` pages with nothing to extract: what a scanner makes (its images aside).
pub fn image_only_pdf(pages: usize) -> Vec<u8> {
    let pages: Vec<Vec<Run>> = (0..pages).map(|_| Vec::new()).collect();
    write_pdf(&pages)
}

/// WinAnsiEncoding of a string inside a PDF literal string, with `(`, `)` and `\` escaped.
fn pdf_string(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'(');
    for c in s.chars() {
        let b = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u8
            }
            ' '..='~' => c as u8,
            '\u{2022}' => 0x95,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{a0}'..='\u{ff}' => c as u8,
            _ => b'?',
        };
        out.push(b);
    }
    out.push(b')');
    out
}

/// Writes the pages as a PDF 1.4 file.
fn write_pdf(pages: &[Vec<Run>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1 catalog, 2 pages, 3 and 4 fonts, then a page and its content per page.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 5 + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    for name in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    for (i, page) in pages.iter().enumerate() {
        let mut content = Vec::new();
        for run in page {
            let font = match run.font {
                Font::Regular => "F1",
                Font::Bold => "F2",
            };
            content.extend(
                format!(
                    "BT /{font} {} Tf 1 0 0 1 {:.2} {:.2} Tm ",
                    run.size, run.x, run.y
                )
                .bytes(),
            );
            content.extend(pdf_string(&run.text));
            content.extend(b" Tj ET\n");
        }
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}
