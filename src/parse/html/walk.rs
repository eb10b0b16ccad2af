//! The walk over the content root: elements open and close blocks, lists count their items,
//! table rows become lines, and what is dropped is skipped with everything in it.

use super::dropped::dropped;
use super::writer::{push_collapsed, Block, Writer};
use super::{name, NodeRef};
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::Node;

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

fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
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
pub(super) fn walk(root: NodeRef<'_>, w: &mut Writer) {
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
