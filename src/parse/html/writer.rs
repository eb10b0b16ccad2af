//! The text being written: gathered text becomes headings, paragraphs, list items and
//! preformatted blocks, spaced as a page saved as text is.

/// Appends text with runs of whitespace collapsed to one space, as a browser shows it.
pub(super) fn push_collapsed(buf: &mut String, text: &str) {
    for (i, part) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !buf.ends_with([' ', '\n']) && !buf.is_empty() {
            buf.push(' ');
        }
        buf.push_str(part);
    }
}

/// What the text being gathered will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    Heading,
    Para,
    /// A list item: its marker (`• ` or `3. `).
    Item,
    /// Preformatted: lines and spacing kept.
    Pre,
}

#[derive(Default)]
pub(super) struct Writer {
    /// Drop elements by their class names and ids too.
    pub(super) by_class: bool,
    pub(super) out: String,
    /// Text of the block being gathered.
    pub(super) buf: String,
    /// The marker of the list item being gathered.
    pub(super) marker: String,
    pub(super) furniture: usize,
    pub(super) code: usize,
    /// The last block written was a list item (no blank line between items).
    pub(super) in_list: bool,
}

impl Writer {
    /// Writes the gathered text as a block: a heading or paragraph followed by a blank line, a
    /// list item on its own line after its marker.
    pub(super) fn flush(&mut self, kind: Block) {
        let lines: Vec<String> = self
            .buf
            .split('\n')
            .map(|l| match kind {
                Block::Pre => l.trim_end().to_string(),
                _ => l.split_whitespace().collect::<Vec<_>>().join(" "),
            })
            .filter(|l| !l.trim().is_empty())
            .collect();
        self.buf.clear();
        if lines.is_empty() {
            return;
        }
        match kind {
            Block::Item => {
                if !self.in_list && !self.out.is_empty() && !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
                let marker = if self.marker.is_empty() {
                    "• "
                } else {
                    self.marker.as_str()
                };
                self.out.push_str(marker);
                self.out.push_str(&lines.join("\n"));
                self.out.push('\n');
                self.in_list = true;
            }
            Block::Heading | Block::Para | Block::Pre => {
                if self.in_list {
                    self.out.push('\n');
                    self.in_list = false;
                }
                let text = if kind == Block::Heading {
                    lines.join(" ")
                } else {
                    lines.join("\n")
                };
                self.out.push_str(&text);
                self.out.push_str("\n\n");
            }
        }
    }

    pub(super) fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}
