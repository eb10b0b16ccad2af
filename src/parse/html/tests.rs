//! The page reading, element by element, and CIW's pages against the same pages saved as text.

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
        include_str!("../../../tests/fixtures/web/gwynedd-2018-05-ciw-summary.html"),
        include_str!("../../../tests/fixtures/real-openings/gwynedd-2018-05-ciw-summary.txt"),
    ),
    (
        "powys-2018-10-ciw-summary",
        include_str!("../../../tests/fixtures/web/powys-2018-10-ciw-summary.html"),
        include_str!("../../../tests/fixtures/real-openings/powys-2018-10-ciw-summary.txt"),
    ),
    (
        "wrexham-2021-11-monitoring-letter",
        include_str!("../../../tests/fixtures/web/wrexham-2021-11-monitoring-letter.html"),
        include_str!("../../../tests/fixtures/real-openings/wrexham-2021-11-monitoring-letter.txt"),
    ),
    (
        "pembrokeshire-2022-03-pei",
        include_str!("../../../tests/fixtures/web/pembrokeshire-2022-03-pei.html"),
        include_str!("../../../tests/fixtures/real-openings/pembrokeshire-2022-03-pei.txt"),
    ),
    (
        "neathporttalbot-2021-jicpa",
        include_str!("../../../tests/fixtures/web/neathporttalbot-2021-jicpa.html"),
        include_str!("../../../tests/fixtures/real-openings/neathporttalbot-2021-jicpa.txt"),
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
    let sample = include_str!("../../../sample-reports/swansea-2018-07.txt");
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
    let text = crate::parse::parse_bytes(sample.as_bytes(), "swansea.txt").expect("text parses");
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
