//! Where the page's own content is: its content root (`main`, `article`, ...) and, where that
//! lacks one, the page's title.

use super::dropped::in_furniture;
use super::writer::push_collapsed;
use super::{element, name, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

/// The element that holds the page's own content: `main`, `role="main"`, `article`, an element
/// with a main-content id or class, else `body`, else the whole document.
pub(super) fn content_root(doc: &Html) -> NodeRef<'_> {
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

pub(super) fn has_h1(root: NodeRef<'_>) -> bool {
    root.descendants()
        .any(|n| element(n).is_some_and(|e| name(e) == "h1") && !in_furniture(n))
}

/// The page's title where the content root lacks its `h1`.
pub(super) fn page_title(doc: &Html) -> Option<String> {
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
