//! What a page's reading leaves out: page furniture (navigation, banners, footers, cookie and
//! share notices, by element, role, hidden state and class name) and elements that hold no
//! readable text (scripts, styles, forms' controls).

use super::{element, name, NodeRef};
use scraper::node::Element;

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

/// Whether an element (not the content root itself) is dropped with everything in it, and why:
/// `Some(true)` for furniture, `Some(false)` for code. `by_class`: class names and ids count too
/// (not for the ancestors of the content, whose wrappers' names say little).
pub(super) fn dropped(e: &Element, in_article: bool, by_class: bool) -> Option<bool> {
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

/// Whether a node sits inside navigation, a banner, a footer or other furniture.
pub(super) fn in_furniture(n: NodeRef<'_>) -> bool {
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
