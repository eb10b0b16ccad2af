//! Web pages to text: a CIW page saved from a browser (`.html`) or fetched with curl becomes the
//! text the rest of the parser reads, in the shape a page saved as text has.
//!
//! The page is parsed by an HTML parser (`scraper` on `html5ever`, which decodes entities and
//! mends broken markup as browsers do), and its structure is read from the elements themselves:
//! the content root is `main` (or `role="main"`, `article`, a `#main-content`-like element,
//! else `body`); navigation, banners, footers, asides, cookie notices, share and skip links,
//! forms' controls, scripts and styles are dropped by element, role, `hidden`/`aria-hidden` and
//! common class names. Headings and paragraphs become lines with a blank line after them, list
//! items `• ` bullets (`1. ` in ordered lists), `<br>` a line break, table rows one line each.
//!
//! Work is bounded: pages over [`MAX_HTML_BYTES`] or nested deeper than [`MAX_DEPTH`] are
//! refused with a one-line reason before the tree is built, and the walk over the tree is a loop,
//! never recursion.

use super::ParseError;
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// The largest page read (bytes). CIW's pages are a few hundred kilobytes.
pub const MAX_HTML_BYTES: usize = 16 << 20;

/// The deepest nesting of elements read. Real pages nest a few dozen deep; a page nested deeper
/// than this is refused before the tree is built (building it would take time quadratic in the
/// depth).
pub const MAX_DEPTH: usize = 1_000;

/// A page as text, and what was dropped on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    pub text: String,
    /// The element read as the page's content: `main`, `article`, `body`...
    pub root: String,
    /// Elements of page furniture dropped with everything in them (navigation, banners, cookie
    /// notices, footers, share links...).
    pub furniture: usize,
    /// Scripts, styles and other non-text elements dropped.
    pub code: usize,
}

/// Whether a decoded file is a web page: a name ending `.html`/`.htm`/`.xhtml`, or text that
/// opens with markup naming an HTML document (`<!DOCTYPE html>`, `<html`, `<head`, `<body`).
pub fn is_html(text: &str, origin: &str) -> bool {
    let lower_origin = origin.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| lower_origin.ends_with(e))
    {
        return true;
    }
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !head.starts_with('<') {
        return false;
    }
    let mut end = head.len().min(4096);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = head[..end].to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|m| head.contains(m))
}

/// Converts a web page to the text a page saved as text has.
pub fn to_text(html: &str) -> Result<PageText, ParseError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(ParseError::Html(format!(
            "the page is {} MB; at most {} MB is read",
            html.len() >> 20,
            MAX_HTML_BYTES >> 20
        )));
    }
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(ParseError::Html(format!(
            "elements are nested over {MAX_DEPTH} deep"
        )));
    }
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let read = |by_class: bool| {
        let mut w = Writer {
            by_class,
            ..Writer::default()
        };
        // The page title, where the content root does not hold it: the first `h1` outside the
        // furniture, else the document's `<title>`.
        if !has_h1(root) {
            if let Some(title) = page_title(&doc) {
                w.buf.push_str(&title);
                w.flush(Block::Heading);
            }
        }
        walk(root, &mut w);
        w.flush(Block::Para);
        let text = w.finish();
        (text, w)
    };
    let (mut text, mut w) = read(true);
    // A wrapper whose name only looked like furniture ("has-sidebar") held the whole page, and
    // nothing but the title is left: read it again by elements and roles alone.
    if text.lines().filter(|l| !l.trim().is_empty()).count() <= 1 {
        (text, w) = read(false);
    }
    if text.trim().is_empty() {
        return Err(ParseError::Html(
            "the page has no readable text outside navigation, scripts and styles".into(),
        ));
    }
    let root = element(root).map_or("document", name).to_string();
    Ok(PageText {
        text,
        root,
        furniture: w.furniture,
        code: w.code,
    })
}

/// Elements that hold no readable text (or only text for machines).
const CODE: [&str; 20] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "video", "audio", "head", "title", "meta", "link", "button", "select", "textarea",
    "label",
];

/// Elements that are page furniture wherever they are.
const FURNITURE: [&str; 5] = ["nav", "aside", "footer", "dialog", "input"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 10] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Words of class names and ids that mark page furniture on CIW's site and sites like it, matched
/// as whole parts of a name split at `-` and `_` (`eu-cookie-compliance-banner`, `menu--main`).
const FURNITURE_WORDS: [&str; 14] = [
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "newsletter",
    "navbar",
    "menu",
    "pager",
    "pagination",
    "feedback",
    "sidebar",
];

/// Phrases of class names and ids that mark page furniture, matched anywhere in a name.
const FURNITURE_PHRASES: [&str; 13] = [
    "skip-link",
    "skiplink",
    "skip-to",
    "site-header",
    "site-footer",
    "back-to-top",
    "related-links",
    "language-switcher",
    "search-form",
    "published-date",
    "date-published",
    "publish-date",
    "last-updated",
];

/// Whether a class name or id marks page furniture.
fn furniture_name(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    FURNITURE_PHRASES.iter().any(|p| v.contains(p))
        || v.split(['-', '_'])
            .any(|part| FURNITURE_WORDS.contains(&part))
}

/// Elements whose content is a block of its own: text before and after them is not joined.
const BLOCKS: [&str; 33] = [
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Element names and classes are compared in lower case (html5ever lower-cases names already).
fn name(e: &Element) -> &str {
    e.name()
}

fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Whether an element (not the content root itself) is dropped with everything in it, and why:
/// `Some(true)` for furniture, `Some(false)` for code. `by_class`: class names and ids count too
/// (not for the ancestors of the content, whose wrappers' names say little).
fn dropped(e: &Element, in_article: bool, by_class: bool) -> Option<bool> {
    let n = name(e);
    if CODE.contains(&n) {
        return Some(false);
    }
    if FURNITURE.contains(&n) || (n == "header" && !in_article) {
        return Some(true);
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr("style").is_some_and(hidden_by_style)
    {
        return Some(true);
    }
    if let Some(role) = e.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if FURNITURE_ROLES.contains(&role.as_str()) {
            return Some(true);
        }
    }
    if by_class && (e.classes().any(furniture_name) || e.id().is_some_and(furniture_name)) {
        return Some(true);
    }
    None
}

/// `display: none` or `visibility: hidden` in an inline style.
fn hidden_by_style(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

fn element(n: NodeRef<'_>) -> Option<&Element> {
    n.value().as_element()
}

/// The element that holds the page's own content: `main`, `role="main"`, `article`, an element
/// with a main-content id or class, else `body`, else the whole document.
fn content_root(doc: &Html) -> NodeRef<'_> {
    let all = || doc.tree.root().descendants();
    let find = |pred: &dyn Fn(&Element) -> bool| {
        all().find(|n| element(*n).is_some_and(pred) && !in_furniture(*n))
    };
    find(&|e| name(e) == "main")
        .or_else(|| find(&|e| e.attr("role").is_some_and(|r| r.trim() == "main")))
        .or_else(|| find(&|e| name(e) == "article"))
        .or_else(|| {
            find(&|e| {
                e.id().is_some_and(|i| {
                    matches!(
                        i.to_ascii_lowercase().as_str(),
                        "main-content" | "maincontent" | "content" | "main"
                    )
                }) || e.classes().any(|c| c.eq_ignore_ascii_case("main-content"))
            })
        })
        .or_else(|| find(&|e| name(e) == "body"))
        .unwrap_or_else(|| doc.tree.root())
}

/// Whether a node sits inside navigation, a banner, a footer or other furniture.
fn in_furniture(n: NodeRef<'_>) -> bool {
    let mut in_article = false;
    let ancestors: Vec<&Element> = n.ancestors().filter_map(element).collect();
    // From the top down, so a header inside an article counts as the article's.
    for e in ancestors.into_iter().rev() {
        if matches!(name(e), "article" | "main") {
            in_article = true;
        }
        if dropped(e, in_article, false).is_some() {
            return true;
        }
    }
    false
}

fn has_h1(root: NodeRef<'_>) -> bool {
    root.descendants()
        .any(|n| element(n).is_some_and(|e| name(e) == "h1") && !in_furniture(n))
}

/// The page's title where the content root lacks its `h1`.
fn page_title(doc: &Html) -> Option<String> {
    let h1 = doc
        .tree
        .root()
        .descendants()
        .find(|n| element(*n).is_some_and(|e| name(e) == "h1") && !in_furniture(*n))
        .map(text_of);
    let title = || {
        doc.tree
            .root()
            .descendants()
            .find(|n| element(*n).is_some_and(|e| name(e) == "title"))
            .map(text_of)
            // "Inspection of ...: Gwynedd Council | Care Inspectorate Wales".
            .map(|t| t.split(" | ").next().unwrap_or(&t).to_string())
    };
    h1.filter(|t| !t.is_empty())
        .or_else(title)
        .filter(|t| !t.is_empty())
}

/// All the text under a node, space collapsed.
fn text_of(n: NodeRef<'_>) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if let Node::Text(t) = d.value() {
            push_collapsed(&mut s, t);
        }
    }
    s.trim().to_string()
}

/// Appends text with runs of whitespace collapsed to one space, as a browser shows it.
fn push_collapsed(buf: &mut String, text: &str) {
    for (i, part) in text.split(char::is_whitespace).enumerate() {
        if i > 0 && !buf.ends_with([' ', '\n']) && !buf.is_empty() {
            buf.push(' ');
        }
        buf.push_str(part);
    }
}

/// What the text being gathered will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Heading,
    Para,
    /// A list item: its marker (`• ` or `3. `).
    Item,
    /// Preformatted: lines and spacing kept.
    Pre,
}

/// An open element the walk is inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Dropped with everything in it.
    Skip,
    /// A list: ordered ones count their items.
    List { ordered: bool, next: u32 },
    /// A list item or heading: blocks inside it (`<li><p>...`) join its text.
    Container(Block),
    /// A preformatted block: line breaks kept.
    Pre,
    /// A table row: cells on one line.
    Row,
    /// Another block element.
    Block,
    /// An inline element.
    Inline,
}

#[derive(Default)]
struct Writer {
    /// Drop elements by their class names and ids too.
    by_class: bool,
    out: String,
    /// Text of the block being gathered.
    buf: String,
    /// The marker of the list item being gathered.
    marker: String,
    furniture: usize,
    code: usize,
    /// The last block written was a list item (no blank line between items).
    in_list: bool,
}

impl Writer {
    /// Writes the gathered text as a block: a heading or paragraph followed by a blank line, a
    /// list item on its own line after its marker.
    fn flush(&mut self, kind: Block) {
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

    fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

/// The kind of block the text being gathered belongs to: the innermost list item or heading,
/// else a paragraph.
fn gathering(stack: &[Open]) -> Block {
    stack
        .iter()
        .rev()
        .find_map(|o| match o {
            Open::Container(b) => Some(*b),
            Open::List { .. } => Some(Block::Para),
            _ => None,
        })
        .unwrap_or(Block::Para)
}

/// Walks the content root in document order (a loop over open/close edges, so any depth is
/// safe), writing blocks as elements open and close.
fn walk(root: NodeRef<'_>, w: &mut Writer) {
    let mut stack: Vec<Open> = Vec::new();
    let mut articles = 0usize;
    let mut skipping = 0usize;
    let mut first = true;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                let is_root = std::mem::take(&mut first);
                match n.value() {
                    Node::Text(t) if skipping == 0 => {
                        if stack.contains(&Open::Pre) {
                            w.buf.push_str(t);
                        } else {
                            push_collapsed(&mut w.buf, t);
                        }
                    }
                    Node::Element(e) => {
                        let open = if skipping > 0 {
                            Open::Skip
                        } else {
                            open_element(e, is_root, articles > 0, &mut stack, w)
                        };
                        if open == Open::Skip {
                            skipping += 1;
                        } else if matches!(name(e), "article" | "main") {
                            articles += 1;
                        }
                        stack.push(open);
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let Some(open) = stack.pop() else { continue };
                if open == Open::Skip {
                    skipping -= 1;
                    continue;
                }
                if matches!(name(e), "article" | "main") {
                    articles = articles.saturating_sub(1);
                }
                close_element(open, &stack, w);
            }
        }
    }
}

fn open_element(
    e: &Element,
    is_root: bool,
    in_article: bool,
    stack: &mut [Open],
    w: &mut Writer,
) -> Open {
    let n = name(e);
    if !is_root {
        match dropped(e, in_article, w.by_class) {
            Some(true) => {
                w.furniture += 1;
                return Open::Skip;
            }
            Some(false) => {
                w.code += 1;
                return Open::Skip;
            }
            None => {}
        }
    }
    if n == "br" {
        w.buf.push('\n');
        return Open::Inline;
    }
    let inside = gathering(stack);
    let in_container = stack.iter().any(|o| matches!(o, Open::Container(_)));
    match n {
        "ul" | "ol" => {
            w.flush(inside);
            let start = e
                .attr("start")
                .and_then(|s| s.trim().parse::<u32>().ok())
                .unwrap_or(1);
            Open::List {
                ordered: n == "ol",
                next: start,
            }
        }
        "li" => {
            w.flush(inside);
            let list = stack.iter_mut().rev().find_map(|o| match o {
                Open::List { ordered, next } => {
                    let k = *next;
                    *next = next.saturating_add(1);
                    Some((*ordered, k))
                }
                _ => None,
            });
            w.marker = match list {
                Some((true, k)) => format!("{k}. "),
                _ => "• ".to_string(),
            };
            Open::Container(Block::Item)
        }
        _ if is_heading(n) || e.attr("role").is_some_and(|r| r.trim() == "heading") => {
            w.flush(inside);
            Open::Container(Block::Heading)
        }
        "pre" => {
            w.flush(inside);
            Open::Pre
        }
        "tr" => {
            w.flush(inside);
            Open::Row
        }
        "td" | "th" => {
            if !w.buf.trim().is_empty() {
                w.buf.push_str(" | ");
            }
            Open::Inline
        }
        _ if BLOCKS.contains(&n) => {
            // Blocks inside a list item or heading (`<li><p>`) join its text.
            if in_container {
                if !w.buf.ends_with([' ', '\n']) && !w.buf.is_empty() {
                    w.buf.push(' ');
                }
            } else {
                w.flush(inside);
            }
            Open::Block
        }
        _ => Open::Inline,
    }
}

fn close_element(open: Open, stack: &[Open], w: &mut Writer) {
    match open {
        Open::Container(kind) => w.flush(kind),
        Open::Pre => w.flush(Block::Pre),
        Open::List { .. } | Open::Row | Open::Block => {
            let in_container = stack.iter().any(|o| matches!(o, Open::Container(_)));
            if !in_container {
                w.flush(gathering(stack));
            }
            if matches!(open, Open::List { .. }) {
                w.marker.clear();
            }
        }
        Open::Inline | Open::Skip => {}
    }
}

/// The deepest nesting of elements in a page, from html5ever's tokenizer alone (linear in the
/// page): start tags of elements that may hold others add one, their end tags take one away.
/// Elements whose end tag may be left out (`p`, `li`, `td`...) and void elements (`br`, `img`)
/// are not counted, so a page that omits those end tags is not taken as deep. A bound on the
/// work of building the tree, not a reading of the page.
fn nesting_depth(html: &str) -> usize {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;

    const NOT_COUNTED: [&str; 30] = [
        "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup",
        "rt", "rp", "colgroup", "caption", "br", "img", "hr", "meta", "link", "input", "area",
        "base", "col", "embed", "source", "track", "wbr", "param",
    ];

    #[derive(Default)]
    struct Depth {
        now: Cell<usize>,
        max: Cell<usize>,
    }

    impl TokenSink for Depth {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &tag.name;
            if NOT_COUNTED.contains(&name) {
                return TokenSinkResult::Continue;
            }
            if tag.kind == TagKind::EndTag {
                self.now.set(self.now.get().saturating_sub(1));
                return TokenSinkResult::Continue;
            }
            if !tag.self_closing {
                self.now.set(self.now.get() + 1);
                self.max.set(self.max.get().max(self.now.get()));
            }
            // What the tree builder would tell the tokenizer: the text of these is not markup.
            match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }

    let tok = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.max.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_text(html).expect("a readable page").text
    }

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>")
    }

    #[test]
    fn recognises_web_pages_by_name_or_opening() {
        assert!(is_html("anything", "page.HTML"));
        assert!(is_html("anything", "page.htm"));
        assert!(is_html("\u{feff}  <!doctype html><p>x", "downloaded-page"));
        assert!(is_html("<HTML><body>x", "x.txt"));
        assert!(is_html(
            "<!-- saved from url=(0014)about:internet -->\n<html>",
            "x"
        ));
        assert!(!is_html("Introduction\n\n<b>not a page</b>", "x.txt"));
        assert!(!is_html("<p>a fragment names no document</p>", "x.txt"));
        assert!(!is_html("", "x.txt"));
    }

    #[test]
    fn blocks_lists_and_breaks_take_the_shape_of_saved_text() {
        let t = text(&page(
            "<main><h1>Title <br>on two lines</h1><p>One  \n paragraph<br>with a break.</p>\
             <ul><li>first</li><li><p>second</p><p>still second</p></li></ul>\
             <ol start=\"4\"><li>four</li><li>five<ul><li>nested</li></ul></li></ol>\
             <p>after &amp; done</p><div>loose <b>text</b></div>\
             <table><tr><th>Area</th><th>Days</th></tr><tr><td>Fieldwork</td><td>9</td></tr></table>\
             <pre>kept\n  as is</pre></main>",
        ));
        assert_eq!(
            t,
            "Title on two lines\n\nOne paragraph\nwith a break.\n\n• first\n• second still second\n\
             4. four\n5. five\n• nested\n\nafter & done\n\nloose text\n\nArea | Days\n\n\
             Fieldwork | 9\n\nkept\n  as is\n"
        );
    }

    #[test]
    fn furniture_and_code_are_dropped() {
        let html = "<html><head><title>Ignored</title><style>p{color:red}</style></head><body>\
             <a class=\"skip-link\" href=\"#main\">Skip to main content</a>\
             <header role=\"banner\"><p>Care Inspectorate Wales</p><nav><a>Home</a></nav></header>\
             <div id=\"cookie-banner\"><p>We use cookies</p></div>\
             <main id=\"main\"><article><header><h1>Kept title</h1></header>\
             <nav class=\"toc\"><a>On this page</a></nav>\
             <p>Kept <span hidden>hidden</span><span aria-hidden=\"true\">icon</span>text.</p>\
             <p style=\"display: none\">not shown</p><div class=\"share-this-page\">Share</div>\
             <div role=\"navigation\">pager</div><script>alert('x')</script>\
             <noscript>Enable JavaScript</noscript><form><label>Name</label><input value=\"x\">\
             <button>Send</button></form><aside>Related</aside>\
             <footer><p>First published</p></footer></article></main>\
             <footer>Crown copyright</footer><script>document.write('x')</script></body></html>";
        let p = to_text(html).expect("readable");
        assert_eq!(p.text, "Kept title\n\nKept text.\n");
        assert_eq!(p.root, "main");
        assert!(p.furniture >= 7 && p.code >= 3, "{p:?}");
    }

    #[test]
    fn without_main_the_body_is_read_and_the_title_comes_from_the_page() {
        let html = "<html><head><title>Inspection of Children’s Services: Gwynedd Council | \
             Care Inspectorate Wales</title></head><body><header><h1>Site</h1></header>\
             <div><p>We inspected.</p></div><footer>f</footer></body></html>";
        assert_eq!(
            text(html),
            "Inspection of Children’s Services: Gwynedd Council\n\nWe inspected.\n"
        );
        // An h1 outside the content root heads the text.
        let html = "<body><div class=\"page-title\"><h1>Report title</h1></div>\
                    <main><p>Body.</p></main></body>";
        assert_eq!(text(html), "Report title\n\nBody.\n");
    }

    #[test]
    fn hostile_pages_are_bounded_and_refused_in_one_line() {
        let deep = format!(
            "<html><body>{}x</body></html>",
            "<div>".repeat(MAX_DEPTH + 5)
        );
        let e = to_text(&deep).unwrap_err().to_string();
        assert!(
            e.contains("nested over 1000 deep") && !e.contains('\n'),
            "{e}"
        );
        // Deep but within the bound, and end tags left out where HTML allows it.
        let ok = format!("<body>{}x{}", "<div>".repeat(200), "<p>para".repeat(5_000));
        assert!(to_text(&ok).is_ok());
        let huge = format!(
            "<html><body><p>{}</p></body></html>",
            "a".repeat(MAX_HTML_BYTES)
        );
        let e = to_text(&huge).unwrap_err().to_string();
        assert!(e.contains("at most 16 MB"), "{e}");
        let nothing = "<html><head><script>var a = '<p>x</p>';</script></head><body>\
                       <nav>menu</nav><style>p{}</style></body></html>";
        let e = to_text(nothing).unwrap_err().to_string();
        assert!(e.contains("no readable text"), "{e}");
        // Markup in scripts does not count towards the depth.
        let script = format!(
            "<body><script>{}</script><p>x</p></body>",
            "<div>".repeat(5_000)
        );
        assert_eq!(text(&script), "x\n");
        // Broken markup, stray end tags, entities and escapes in text: read, never a panic.
        for bad in [
            "<html><body><p>a</b></i></div></td><p>b &amp &lt;c&gt; &#27;[31mred &#x0; &bogus;",
            "<body><ul><li>one<li>two</ul></li></ol><h2>h</h3>t",
            "<body><table><td>cell<tr><td>next",
            "<<<>>><!--unterminated",
            "<body>\u{0}\u{1b}]0;title\u{7}text",
        ] {
            let _ = to_text(bad);
        }
        let t = text("<body><p>a &amp; b &lt;c&gt; &#8211; d&nbsp;e</p></body>");
        assert_eq!(t, "a & b <c> – d e\n");
    }

    #[test]
    fn depth_counts_elements_not_omitted_end_tags() {
        assert_eq!(nesting_depth("<div><div><span>x</span></div></div>"), 3);
        assert_eq!(nesting_depth(&"<p>x".repeat(100)), 0);
        assert_eq!(nesting_depth(&"<li>x<br><img src=a>".repeat(100)), 0);
        assert_eq!(nesting_depth("<div/><div/>"), 0);
        assert_eq!(nesting_depth("<style><div><div></style><div>"), 1);
    }

    /// CIW's web pages as written here (`tests/fixtures/web/*.html`: the real pages' content in
    /// CIW's page furniture) beside the same pages saved as text (the shared real openings).
    const FIXTURES: [(&str, &str, &str); 5] = [
        (
            "gwynedd-2018-05-ciw-summary",
            include_str!("../../tests/fixtures/web/gwynedd-2018-05-ciw-summary.html"),
            include_str!("../../tests/fixtures/real-openings/gwynedd-2018-05-ciw-summary.txt"),
        ),
        (
            "powys-2018-10-ciw-summary",
            include_str!("../../tests/fixtures/web/powys-2018-10-ciw-summary.html"),
            include_str!("../../tests/fixtures/real-openings/powys-2018-10-ciw-summary.txt"),
        ),
        (
            "wrexham-2021-11-monitoring-letter",
            include_str!("../../tests/fixtures/web/wrexham-2021-11-monitoring-letter.html"),
            include_str!(
                "../../tests/fixtures/real-openings/wrexham-2021-11-monitoring-letter.txt"
            ),
        ),
        (
            "pembrokeshire-2022-03-pei",
            include_str!("../../tests/fixtures/web/pembrokeshire-2022-03-pei.html"),
            include_str!("../../tests/fixtures/real-openings/pembrokeshire-2022-03-pei.txt"),
        ),
        (
            "neathporttalbot-2021-jicpa",
            include_str!("../../tests/fixtures/web/neathporttalbot-2021-jicpa.html"),
            include_str!("../../tests/fixtures/real-openings/neathporttalbot-2021-jicpa.txt"),
        ),
    ];

    /// The non-blank lines of a text, space collapsed: what a page's structure is read from.
    fn lines(text: &str) -> Vec<String> {
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn ciw_pages_read_as_the_same_lines_as_the_pages_saved_as_text() {
        // The site's own furniture, which the saved text keeps and the page reading drops.
        const SITE: [&str; 4] = [
            "Skip to main content",
            "Care Inspectorate Wales",
            "0300 7900 126",
            "Global keyword search",
        ];
        for (name, html, saved) in FIXTURES {
            let page = to_text(html).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(page.root, "main", "{name}");
            let want: Vec<String> = lines(saved)
                .into_iter()
                .filter(|l| !SITE.contains(&l.as_str()))
                .collect();
            assert_eq!(lines(&page.text), want, "{name}");
            for gone in [
                "cookies",
                "Share this page",
                "Related content",
                "First published",
            ] {
                assert!(!page.text.contains(gone), "{name}: {gone}");
            }
            assert!(!page.text.contains("injected"), "{name}");
        }
    }

    #[test]
    fn ciw_pages_and_their_saved_text_parse_to_the_same_structure() {
        use crate::model::Report;
        // Everything but the warnings and the lines before the first heading.
        fn shape(r: Result<Report, crate::parse::ParseError>) -> String {
            match r {
                Ok(mut r) => {
                    r.warnings.clear();
                    r.front_matter.clear();
                    serde_json::to_string_pretty(&r).unwrap_or_default()
                }
                Err(e) => format!("error: {e}"),
            }
        }
        for (name, html, saved) in FIXTURES {
            let from_page = crate::parse::parse_bytes(html.as_bytes(), &format!("{name}.html"));
            if let Ok(r) = &from_page {
                assert!(
                    r.warnings
                        .iter()
                        .any(|w| w.starts_with("read as a web page")),
                    "{name}: {:?}",
                    r.warnings
                );
            }
            let from_text = crate::parse::parse_bytes(saved.as_bytes(), &format!("{name}.txt"));
            assert_eq!(shape(from_page), shape(from_text), "{name}");
        }
    }

    #[test]
    fn a_report_published_as_a_page_reads_as_its_text() {
        // The Swansea sample as a web page: each block a paragraph, its lines kept by `<br>`
        // (a block laid out with tabs, the contents, in `<pre>`), in a site's furniture, with an
        // escape sequence hidden in one paragraph.
        let sample = include_str!("../../sample-reports/swansea-2018-07.txt");
        let escape = |l: &str| {
            l.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut body = String::new();
        for block in sample.split("\n\n").filter(|b| !b.trim().is_empty()) {
            if block.contains('\t') {
                body.push_str(&format!("<pre>{}</pre>\n", escape(block)));
                continue;
            }
            let lines: Vec<String> = block.lines().map(escape).collect();
            body.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
        }
        let body = body.replacen("<p>Introduction</p>", "<h2>Introduction</h2>&#27;[2J", 1);
        let html = format!(
            "<!DOCTYPE html><html><head><title>Swansea</title><script>var x = '<p>';</script>\
             </head><body><a class=\"skip-link\" href=\"#c\">Skip to main content</a>\
             <header role=\"banner\"><p>Care Inspectorate Wales</p><nav><ul><li>Home</li>\
             </ul></nav></header><main id=\"c\"><article>{body}</article></main>\
             <footer><p>Crown copyright</p></footer></body></html>"
        );
        let page = crate::parse::parse_bytes(html.as_bytes(), "swansea.html").expect("page parses");
        let text =
            crate::parse::parse_bytes(sample.as_bytes(), "swansea.txt").expect("text parses");
        assert!(
            page.warnings.iter().any(|w| w.contains("escape sequences")),
            "{:?}",
            page.warnings
        );
        assert_eq!(page.id, text.id);
        assert_eq!(page.contents, text.contents);
        assert_eq!(page.sections, text.sections);
        assert_eq!(page.recommendations, text.recommendations);
        assert_eq!(page.overview, text.overview);
        assert_eq!(page.methodology, text.methodology);
    }

    #[test]
    fn a_wrapper_named_like_furniture_does_not_lose_the_page() {
        let html = "<body><main><h1>Title</h1><div class=\"layout has-sidebar\">\
                    <p>All the text.</p></div></main></body>";
        assert_eq!(text(html), "Title\n\nAll the text.\n");
        // Names are matched by their parts: "shared-services" is not "share".
        let html = "<body><main><p class=\"shared-services\">Kept.</p>\
                    <div class=\"eu-cookie-compliance-banner\">Cookies</div>\
                    <ul class=\"menu--main\"><li>Home</li></ul><p>More.</p></main></body>";
        assert_eq!(text(html), "Kept.\n\nMore.\n");
        // A body or wrapper class never hides the content element.
        let html = "<body class=\"menu-open\"><div class=\"sidebar-layout\"><main>\
                    <p>Read.</p></main></div></body>";
        assert_eq!(text(html), "Read.\n");
    }

    proptest::proptest! {
        #[test]
        fn any_markup_reads_or_is_refused_without_panic(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<div>", "</div>", "<p>", "</p>", "<ul>", "<li>", "</ul>", "<ol start=\"x\">",
                    "<h2>", "</h2>", "<br>", "<pre>", "</pre>", "<main>", "</main>", "<nav>",
                    "<script>", "</script>", "<table><tr><td>", "&amp;", "&#27;", "&#0;", "<!--",
                    "-->", "<b>", "</i>", "text", " ", "\n", "\u{1b}[31m", "ŵ", "<header>",
                    "<article>", "</article>", "<style>", "<li hidden>", "<a href=\"#\">",
                ]),
                0..200,
            ),
        ) {
            let html = format!("<html><body>{}", parts.concat());
            if let Ok(p) = to_text(&html) {
                proptest::prop_assert!(!p.text.trim().is_empty());
                proptest::prop_assert!(p.text.ends_with('\n'));
            }
            let _ = crate::parse::parse_bytes(html.as_bytes(), "page.html");
        }
    }
}
