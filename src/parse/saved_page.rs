//! Web-page furniture in pages saved from CIW's site (or copied from a mirror): "Skip to main
//! content", search boxes, share and download links, cookie banners, menus ("• NewsNews"),
//! posting dates, "(External link)" after link text. Dropped before the structure is read.
//!
//! Two tiers: lines that only ever come from a web page are dropped anywhere, and their
//! presence marks the text as a saved page; lines that could be content elsewhere (the site's
//! banner "Care Inspectorate Wales", its phone number, a lone date, "Home") are dropped only
//! from a saved page, and only before its title or after its text.

use super::meta::MONTHS;
use std::borrow::Cow;

/// What [`strip`] found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Signs {
    /// Lines (or inline link notes) dropped.
    pub dropped: usize,
    /// The text was saved from a web page.
    pub web_page: bool,
    /// The page sat in the site's news section ("• NewsNews", a lone "News" at the top).
    pub news: bool,
}

/// How many lines at the top and at the bottom of a text are looked at for furniture first.
const EDGE_LINES: usize = 40;

/// Lines dropped wherever they are (folded: lower case, single spaces, no bullet).
const PAGE_ONLY: [&str; 30] = [
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "global keyword search",
    "keyword search",
    "share this page",
    "share this",
    "download documents",
    "print this page",
    "back to top",
    "toggle navigation",
    "open menu",
    "close menu",
    "main menu",
    "accept all cookies",
    "reject all cookies",
    "accept additional cookies",
    "reject additional cookies",
    "accept cookies",
    "reject cookies",
    "cookie settings",
    "change your cookie settings",
    "hide this message",
    "hide cookie message",
    "was this page useful?",
    "is this page useful?",
    "report a problem with this page",
    "continue reading",
    "newsnews",
    "news news",
];

/// Starts of lines dropped wherever they are (short lines only).
const PAGE_ONLY_STARTS: [&str; 12] = [
    "we use cookies",
    "we use some essential cookies",
    "we'd like to set additional cookies",
    "we would like to set additional cookies",
    "this site uses cookies",
    "page created by ",
    "published:",
    "first published",
    "last updated",
    "date published",
    "published on ",
    "posted on ",
];

/// Lines dropped from a saved page only, anywhere in it.
const PAGE_WEAK: [&str; 17] = [
    "menu",
    "search",
    "home",
    "cymraeg",
    "english",
    "share",
    "print",
    "download",
    "close",
    "facebook",
    "twitter",
    "x (formerly twitter)",
    "linkedin",
    "email",
    "copy link",
    "yes",
    "no",
];

/// Folds a short line for the lists above: bullets and edge space dropped, lower case, curly
/// apostrophes straight, single spaces.
fn key(line: &str) -> String {
    let mut k = String::new();
    key_into(&mut k, line);
    k
}

/// [`key`] into a buffer the caller reuses.
fn key_into(k: &mut String, line: &str) {
    k.clear();
    let t = line
        .trim()
        .trim_start_matches(['•', '·', '*', '-', '–', '▪', '●'])
        .trim();
    for w in t.split_whitespace() {
        if !k.is_empty() {
            k.push(' ');
        }
        k.extend(w.chars().map(|c| match c {
            '’' | '‘' => '\'',
            c => c.to_ascii_lowercase(),
        }));
    }
}

fn page_only(k: &str) -> bool {
    PAGE_ONLY.contains(&k) || PAGE_ONLY_STARTS.iter().any(|s| k.starts_with(s))
}

/// Whether a line could be in [`PAGE_ONLY`] or start as [`PAGE_ONLY_STARTS`] do: short, or
/// starting as one of those (any case, either apostrophe). Most lines of a report fail this
/// without a copy.
fn may_be_page_only(line: &str) -> bool {
    let t = line
        .trim_start()
        .trim_start_matches(['•', '·', '*', '-', '–', '▪', '●'])
        .trim_start();
    if t.is_empty() || t.len() > 160 {
        return false;
    }
    let starts = |s: &str| {
        let mut tc = t.chars().map(|c| match c {
            '’' | '‘' => '\'',
            c => c.to_ascii_lowercase(),
        });
        s.chars().all(|sc| tc.next() == Some(sc))
    };
    t.len() <= 48 || PAGE_ONLY_STARTS.iter().any(|s| starts(s))
}

/// A line that is nothing but a date ("23 March 2016", "Thursday 23 March 2016", "23/03/2016"):
/// the posting date of a saved page.
fn lone_date(k: &str) -> bool {
    let words: Vec<&str> = k.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let numeric = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if words.len() == 1 {
        let parts: Vec<&str> = words[0].split(['/', '.', '-']).collect();
        return parts.len() == 3 && parts.iter().all(|p| numeric(p));
    }
    let month = |w: &str| MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w));
    let has_month = words.iter().any(|w| month(w));
    let has_year = words.iter().any(|w| w.len() == 4 && numeric(w));
    let rest_ok = words.iter().all(|w| {
        month(w)
            || numeric(w)
            || w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .bytes()
                .all(|b| b.is_ascii_digit())
            || w.ends_with("day")
    });
    has_month && has_year && rest_ok
}

/// A link to a document in a page's download list: "Report ... PDF 612 KB".
fn download_link(k: &str) -> bool {
    let mut w = k.rsplit(' ');
    let (Some(unit), Some(size), Some(format)) = (w.next(), w.next(), w.next()) else {
        return false;
    };
    matches!(unit, "kb" | "mb")
        && size.replace('.', "").bytes().all(|b| b.is_ascii_digit())
        && matches!(format, "pdf" | "doc" | "docx" | "odt" | "xlsx" | "csv")
}

/// The site's banner, phone number and breadcrumbs: furniture before a saved page's title.
fn banner(k: &str) -> bool {
    matches!(
        k,
        "care inspectorate wales" | "arolygiaeth gofal cymru" | "news" | "newyddion" | "cssiw"
    ) || k.starts_with("home >")
        || k.starts_with("home /")
        || k.starts_with("home ›")
        || (k.len() <= 16 && k.bytes().all(|b| b.is_ascii_digit() || b == b' ') && k.len() >= 11)
}

/// Drops web-page furniture. Dropped lines become empty lines, so line numbers in warnings
/// stay those of the file; " (External link)" notes are cut from the text around them.
pub fn strip(text: &str) -> (Cow<'_, str>, Signs) {
    let mut signs = Signs::default();
    // First pass, with no copy: the lines only a web page has. Most texts stop here.
    // A saved page shows its furniture at its top or bottom ("Skip to main content", the menu,
    // "Share this page", the cookie banner): only a text with some there, or with link notes,
    // is read whole for it.
    let mut k = String::new();
    let mut furniture_at = |l: &str| {
        may_be_page_only(l) && {
            key_into(&mut k, l);
            page_only(&k)
        }
    };
    let external = text.contains("(External link)");
    let at_edges = text.split('\n').take(EDGE_LINES).any(&mut furniture_at)
        || text.rsplit('\n').take(EDGE_LINES).any(&mut furniture_at);
    if !at_edges && !external {
        return (Cow::Borrowed(text), signs);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let page_only_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| furniture_at(lines[i]))
        .collect();
    let mut drop = vec![false; lines.len()];
    for &i in &page_only_lines {
        drop[i] = true;
        signs.web_page = true;
        if matches!(key(lines[i]).as_str(), "newsnews" | "news news") {
            signs.news = true;
        }
    }
    signs.web_page |= external;
    if signs.web_page {
        // Second pass: the banner before the title (the first line that is none of these),
        // posting dates near the top, and the weak furniture anywhere.
        let mut before_title = true;
        let mut seen = 0;
        for (i, l) in lines.iter().enumerate() {
            if drop[i] || l.len() > 160 {
                if !drop[i] {
                    before_title = false;
                }
                continue;
            }
            let k = key(l);
            if k.is_empty() {
                continue;
            }
            seen += 1;
            let weak = PAGE_WEAK.contains(&k.as_str()) || download_link(&k);
            let top = before_title && banner(&k);
            let date = seen <= 12 && lone_date(&k);
            if weak || top || date {
                drop[i] = true;
                if before_title && (k == "news" || k == "newyddion") {
                    signs.news = true;
                }
            } else {
                before_title = false;
            }
        }
    }
    signs.dropped = drop.iter().filter(|d| **d).count();
    if signs.dropped == 0 && !external {
        return (Cow::Borrowed(text), signs);
    }
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if drop[i] {
            continue;
        }
        if external && l.contains("(External link)") {
            signs.dropped += l.matches("(External link)").count();
            out.push_str(
                &l.replace(" (External link)", "")
                    .replace("(External link)", ""),
            );
        } else {
            out.push_str(l);
        }
    }
    (Cow::Owned(out), signs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<String> {
        strip(text)
            .0
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn page_furniture_goes_and_line_numbers_stay() {
        let page = "Skip to main content\nCare Inspectorate Wales\n0300 7900 126\n\nInspection of Children’s Services: Gwynedd Council\n\nShare this page\nWe inspected services.\nDownload documents\n";
        let (text, signs) = strip(page);
        assert!(signs.web_page && !signs.news);
        assert_eq!(text.lines().count(), page.lines().count());
        assert_eq!(
            kept(page),
            [
                "Inspection of Children’s Services: Gwynedd Council",
                "We inspected services."
            ]
        );
    }

    #[test]
    fn news_menus_posting_dates_and_link_notes() {
        let page = "• NewsNews\n\n23 March 2016\n\nInspection of children’s social services in City of Cardiff Council\n\nTogether with Estyn (External link) and HIW (External link), we inspected.\n";
        let (_, signs) = strip(page);
        assert!(signs.web_page && signs.news);
        assert_eq!(
            kept(page),
            [
                "Inspection of children’s social services in City of Cardiff Council",
                "Together with Estyn and HIW, we inspected."
            ]
        );
    }

    #[test]
    fn a_report_keeps_its_lines() {
        let report = "Care Inspectorate Wales\n\nIntroduction\n\nSearch and rescue teams were praised.\nHome\n23 March 2016\n";
        let (text, signs) = strip(report);
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(signs, Signs::default());
    }

    #[test]
    fn readkong_mirror_furniture() {
        let page = "Inspection of Children's Services City and County of Swansea Council\n\nPage created by Larry Mclaughlin\n \nCONTINUE READING\nInspection of Children's Services\n";
        assert_eq!(
            kept(page),
            [
                "Inspection of Children's Services City and County of Swansea Council",
                "Inspection of Children's Services"
            ]
        );
    }

    #[test]
    fn lone_dates() {
        for d in [
            "23 march 2016",
            "thursday 23 march 2016",
            "23/03/2016",
            "1st july 2025",
        ] {
            assert!(lone_date(d), "{d}");
        }
        for d in [
            "march 2016 was busy",
            "we inspected in may 2018",
            "2016",
            "28,354 contacts",
        ] {
            assert!(!lone_date(d), "{d}");
        }
    }
}
