use super::*;
use crate::compare::compare;
use crate::corpus::Corpus;
use crate::model::Theme;
use crate::text::wrap;

#[test]
fn wrap_measures_display_width() {
    let text = "Gwasanaethau ŵyr ŷd “quoted” words and a verylongwordthatmustbreak here";
    for w in [1, 5, 10, 17, 40] {
        for l in wrap(text, w) {
            assert!(l.width() <= w, "{l:?} wider than {w}");
        }
    }
    assert_eq!(wrap("a  b\n c", 10), ["a b c"]);
    assert_eq!(wrap("", 10), Vec::<String>::new());
    assert_eq!(wrap("abcdef", 3), ["abc", "def"]);
    // Curly quotes and ŵ are one cell each: exactly fits.
    assert_eq!(wrap("“ŵŷ” x", 6), ["“ŵŷ” x"]);
    // A wide character wider than the line gets a line of its own rather than a panic.
    assert_eq!(wrap("漢字", 1), ["漢", "字"]);
}

#[test]
fn truncation() {
    assert_eq!(truncate("hello world", 20), "hello world");
    assert_eq!(truncate("hello world", 8), "hello w…");
    assert_eq!(truncate("hello world", 7), "hello…");
    assert!(truncate("ŵŵŵŵŵŵŵŵ", 5).width() <= 5);
    assert_eq!(truncate("abc", 0), "");
}

#[test]
fn column_counts() {
    assert_eq!(columns_that_fit(100, 38, 3, 2), 2);
    assert_eq!(columns_that_fit(78, 38, 3, 2), 1);
    assert_eq!(columns_that_fit(79, 38, 3, 2), 2);
    assert_eq!(columns_that_fit(200, 38, 3, 2), 2);
    assert_eq!(columns_that_fit(10, 38, 3, 5), 1);
    assert_eq!(columns_that_fit(0, 0, 0, 0), 1);
    assert_eq!(width_for(2, 38, 3), 79);
}

#[test]
fn samples_side_by_side_fit_and_stay_level() {
    let corpus = Corpus::samples();
    for theme in Theme::ALL {
        let c = compare(theme, &corpus.reports);
        for width in [1, 20, 40, 79, 100, 160] {
            let s = side_by_side(&c, &Options::new(width));
            for l in s.lines() {
                assert!(l.width() <= width.max(1), "{theme} at {width}: {l:?}");
            }
            assert_eq!(s.shown.len() + s.left_out.len(), 2);
            // Every row block starts on the same line in every column: blocks are bands.
            let starts = s.block_starts();
            assert_eq!(starts.len(), s.blocks.len());
            for (b, start) in s.blocks.iter().zip(&starts) {
                if let BlockKind::Row(r) = b.kind {
                    assert_eq!(s.row_start(r), Some(*start));
                }
            }
        }
    }
}

#[test]
fn many_councils_left_out_take_two_lines_not_a_wall() {
    let corpus = Corpus::samples();
    let many: Vec<crate::model::Report> = (0..60)
        .map(|i| {
            let mut r = corpus.reports[i % 2].clone();
            r.id = format!("testshire-{i:04}");
            r.authority.short = format!("Testshire {i:04}");
            r
        })
        .collect();
    let c = compare(Theme::Safeguarding, &many);
    let mut opts = Options::new(80);
    opts.left_out_hint = "h/l scrolls to them.".into();
    let s = side_by_side(&c, &opts);
    let note: Vec<String> = s
        .preamble
        .iter()
        .map(Line::plain)
        .filter(|l| !l.is_empty())
        .skip_while(|l| !l.starts_with("Not shown"))
        .collect();
    assert!((1..=2).contains(&note.len()), "{note:?}");
    let note = note.join(" ");
    assert!(note.contains(" more. h/l scrolls to them."), "{note}");
    assert!(note.contains("Testshire 0002"), "{note}");
}

#[test]
fn gaps_are_shown_and_first_column_scrolls() {
    let corpus = Corpus::samples();
    let c = compare(Theme::Access, &corpus.reports);
    let s = side_by_side(&c, &Options::new(100));
    let text = s.lines().join("\n");
    assert!(text.contains("Areas for development: none"), "{text}");
    assert!(text.contains("Areas for development (2)"), "{text}");
    let mut o = Options::new(50);
    o.first_column = 1;
    o.left_out_hint = "Use h/l.".into();
    let s = side_by_side(&c, &o);
    assert_eq!(s.shown, [1]);
    assert_eq!(s.left_out, [0]);
    let text = s.lines().join(" ");
    assert!(
        text.contains("Not shown at this width: Pembrokeshire (September 2018). Use h/l."),
        "{text}"
    );
    // Past the end clamps to the last column.
    o.first_column = 99;
    assert_eq!(side_by_side(&c, &o).shown, [1]);
}

#[test]
fn anchors_point_at_paragraphs_and_recommendations() {
    let corpus = Corpus::samples();
    let c = compare(Theme::Safeguarding, &corpus.reports);
    let s = side_by_side(&c, &Options::new(100));
    let col: Vec<Line> = s.column_lines(1);
    let anchors: Vec<&str> = col.iter().filter_map(|l| l.anchor.as_deref()).collect();
    assert!(
        anchors.contains(&"R7") && anchors.contains(&"4.10"),
        "{anchors:?}"
    );
    let body = s.body_lines();
    let at = s.line_of_anchor(1, "4.10").expect("4.10 shown");
    assert!(body[at].contains("│ 4.10 The regional"), "{}", body[at]);
    let at = s.line_of_anchor(0, "r8").expect("R8 shown");
    assert!(body[at].starts_with("R8 Ensure"), "{}", body[at]);
    assert_eq!(s.line_of_anchor(0, "4.10"), None);
    let header = &s.blocks[0].cells[0];
    assert_eq!(header[0].spans[0].style, Style::Authority);
}

#[test]
fn a_missing_subsection_is_a_level_gap() {
    use crate::compare::tests::{para, report};
    let a = report(
        "Aber",
        vec![
            para("3.1", Some("Care Leavers")),
            para("3.2", Some("Long Term Planning")),
            para("3.3", Some("Participation")),
        ],
        Some("We expect “good” care for ŵyr."),
    );
    let b = report(
        "Bryn",
        vec![
            para("3.1", Some("Care leavers")),
            para("3.2", Some("Participation")),
        ],
        Some("Something else."),
    );
    let c = compare(Theme::CareAndSupport, [&a, &b]);
    let s = side_by_side(&c, &Options::new(90));
    let lines = s.lines();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in {lines:#?}"))
    };
    // The gap sits on the same line as the heading it stands for, and what follows stays level.
    let ltp = &lines[at("Long Term Planning")];
    assert_eq!(ltp.matches("Long Term Planning").count(), 2, "{ltp}");
    assert!(lines[at("Long Term Planning") + 1].contains("│ Not in this report."));
    let part = &lines[at("Participation")];
    assert_eq!(part.matches("Participation").count(), 2, "{part}");
    let expect = at("What we expect to see (as Aber words it; Bryn differently)");
    assert!(lines[expect + 1].contains("“good” care for ŵyr"));
    // Each column's unpadded lines hold its own paragraphs only.
    let bryn: Vec<String> = s.column_lines(1).iter().map(Line::plain).collect();
    assert!(bryn.iter().any(|l| l.starts_with("3.2 ")));
    assert!(!bryn.iter().any(|l| l.starts_with("3.3 ")));
}

#[test]
fn inferred_recommendation_numbers_are_flagged() {
    use crate::compare::tests::{para, report};
    use crate::model::Recommendation;
    let mut a = report("Aber", vec![para("3.1", None)], None);
    for (number, inferred) in [(4, false), (5, true)] {
        a.recommendations.push(Recommendation {
            number,
            theme: Some(Theme::CareAndSupport),
            theme_title: "Care and support".into(),
            text: format!("Do thing {number}."),
            inferred,
            pages: None,
        });
    }
    let c = compare(Theme::CareAndSupport, [&a]);
    let text = side_by_side(&c, &Options::new(60)).lines().join("\n");
    assert!(
        text.contains("R4 Do thing 4.\nR5 Do thing 5.\n(R5: number inferred"),
        "{text}"
    );
}

#[test]
fn folded_expectations_take_one_line() {
    let corpus = Corpus::samples();
    let c = compare(Theme::Leadership, &corpus.reports);
    let mut o = Options::new(80);
    o.expectations = ExpectationsMode::Folded;
    let s = side_by_side(&c, &o);
    assert_eq!(s.preamble.len(), 3, "{:#?}", s.preamble);
    assert!(s.preamble[1].plain().ends_with('…'));
    assert!(s.preamble[1].width() <= 80);
    o.expectations = ExpectationsMode::Hidden;
    assert_eq!(side_by_side(&c, &o).preamble.len(), 2);
}

proptest::proptest! {
    #[test]
    fn any_text_any_width_lays_out_within_the_width(
        texts in proptest::collection::vec("[a-zŵŷ“”’ 漢字😀\u{fe0f}\u{301}\u{1b}\t\n.-]{0,80}", 1..8),
        headings in proptest::collection::vec(proptest::option::of("[A-Za-z ŵ&,-]{0,30}"), 1..8),
        width in 0usize..200,
        first in 0usize..4,
    ) {
        use crate::compare::tests::{para, report};
        let mut reports = Vec::new();
        for (k, chunk) in texts.chunks(3).enumerate() {
            let paras = chunk
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut p = para(&format!("3.{}", i + 1), headings[(i + k) % headings.len()].as_deref());
                    p.text = t.clone();
                    p
                })
                .collect();
            reports.push(report(&format!("C{k}{}", texts[0].chars().take(5).collect::<String>()), paras, Some(&texts[k])));
        }
        let c = compare(Theme::CareAndSupport, &reports);
        let mut o = Options::new(width);
        o.first_column = first;
        let s = side_by_side(&c, &o);
        for l in s.lines() {
            proptest::prop_assert!(!l.contains('\x1b'), "escape in {:?}", l);
            if width >= 2 {
                proptest::prop_assert!(l.width() <= width, "{:?} over {}", l, width);
            }
        }
        proptest::prop_assert_eq!(s.shown.len() + s.left_out.len(), c.columns.len());
    }
}

#[test]
fn columns_of_different_frameworks_say_which_each_uses() {
    use crate::compare::tests::pei;
    let corpus = Corpus::samples();
    let pei = pei();
    let reports: Vec<&crate::model::Report> = corpus.reports.iter().chain([&pei]).collect();
    let c = compare(Theme::Safeguarding, reports.iter().copied());
    let s = side_by_side(&c, &Options::new(130));
    assert_eq!(s.shown.len(), 3);
    let lines = s.lines();
    let frameworks = lines
        .iter()
        .find(|l| l.contains("Act principles (PEI)"))
        .expect("a framework line");
    assert_eq!(
        frameworks.matches("2018 inspection themes").count(),
        2,
        "{frameworks}"
    );
    assert!(
        lines.iter().any(|l| l.contains("5. Safeguarding")),
        "{lines:#?}"
    );
    // Reports of one framework say nothing of it.
    let c = compare(Theme::Safeguarding, &corpus.reports);
    let text = side_by_side(&c, &Options::new(130)).lines().join("\n");
    assert!(!text.contains("2018 inspection themes"), "{text}");
}

#[test]
fn a_narrow_screen_shows_the_council_with_text_first() {
    use crate::compare::tests::pei;
    let corpus = Corpus::samples();
    let pei = pei();
    let reports: Vec<&crate::model::Report> = corpus.reports.iter().chain([&pei]).collect();
    let c = compare(Theme::Prevention, reports.iter().copied());
    let s = side_by_side(&c, &Options::new(60));
    assert_eq!(s.shown, [0]);
    let text = s.lines().join("\n");
    assert!(
        text.starts_with("Prevention: 1 of 3 reports shown"),
        "{text}"
    );
    let text = text.replace('\n', " ");
    assert!(
        text.contains(" Ceredigion May 2023 Act principles (PEI) "),
        "{text}"
    );
    assert!(
        text.contains(
            "Not shown at this width: Pembrokeshire (September 2018), Swansea (July 2018)."
        ),
        "{text}"
    );
    let s = side_by_side(&c, &Options::new(130));
    let header = s.blocks[0].cells[1]
        .iter()
        .map(Line::plain)
        .collect::<Vec<_>>();
    assert!(
        header
            .iter()
            .any(|l| l == "Not a theme of this report's framework"),
        "{header:?}"
    );
}

#[test]
fn empty_comparison_lays_out() {
    let c = compare(Theme::Safeguarding, []);
    let s = side_by_side(&c, &Options::new(80));
    assert!(s.blocks.is_empty());
    assert!(s.lines().iter().any(|l| l.contains("No reports")));
}
