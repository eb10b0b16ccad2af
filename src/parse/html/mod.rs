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
//!
//! The parts, one module each: [`depth`] (the nesting bound, before the tree is built),
//! [`content`] (the content root and the page's title), [`dropped`] (furniture and code left
//! out), [`walk`](mod@walk) (elements to blocks) and [`writer`] (blocks to the text).

mod content;
mod depth;
mod dropped;
#[cfg(test)]
mod tests;
mod walk;
mod writer;

use super::ParseError;
use content::{content_root, has_h1, page_title};
use depth::nesting_depth;
use scraper::node::Element;
use scraper::{Html, Node};
use walk::walk;
use writer::{Block, Writer};

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

/// Element names and classes are compared in lower case (html5ever lower-cases names already).
fn name(e: &Element) -> &str {
    e.name()
}

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

fn element(n: NodeRef<'_>) -> Option<&Element> {
    n.value().as_element()
}
