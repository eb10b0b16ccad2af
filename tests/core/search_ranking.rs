//! Ranking quality on realistic lookups over the two sample reports: each query is what a user
//! might type (a phrase, words in another order, an acronym, a misspelling, a filter) with the
//! paragraphs that are a right answer. The first hit must be right for at least 95% of them and a
//! right hit must be in the top 5 for all.
//!
//! `cargo test --test core -- --ignored --nocapture fzf` scores `fzf --filter` on the
//! same queries (one paragraph a line), for comparison.

use ciw::corpus::Corpus;
use ciw::search::{Query, SearchIndex};

/// (query, right answers as deep links)
pub const CASES: &[(&str, &[&str])] = &[
    // Phrases and their words in another order.
    (
        "placement stability",
        &[
            "pembrokeshire#3.15",
            "pembrokeshire#3.17",
            "pembrokeshire#3.16",
        ],
    ),
    (
        "stability placement",
        &[
            "pembrokeshire#3.15",
            "pembrokeshire#3.17",
            "pembrokeshire#3.16",
        ],
    ),
    (
        "council tax care leavers",
        &["pembrokeshire#5.4", "swansea#5.3"],
    ),
    (
        "care leavers council tax exemption",
        &["pembrokeshire#5.4", "swansea#5.3"],
    ),
    (
        "educated other than at school",
        &["swansea#3.6", "swansea#R5"],
    ),
    ("five hours home tuition", &["swansea#3.6"]),
    // "What we expect to see" is searched as body text.
    (
        "preventative and protective elements",
        &["pembrokeshire#4.E", "swansea#4.E"],
    ),
    ("reduced timetables pupil referral unit", &["swansea#3.6"]),
    (
        "public law outline",
        &["swansea#3.14", "pembrokeshire#3.12", "pembrokeshire#4.5"],
    ),
    (
        "sexual exploitation risk assessment",
        &["pembrokeshire#4.4"],
    ),
    (
        "when I'm ready",
        &[
            "swansea#3.10",
            "swansea#3.15",
            "pembrokeshire#3.11",
            "pembrokeshire#3.17",
        ],
    ),
    ("signs of safety newly qualified staff", &["swansea#4.2"]),
    ("three houses", &["pembrokeshire#2.2", "swansea#3.21"]),
    ("bright spots", &["swansea#3.22"]),
    ("junior safeguardians", &["pembrokeshire#3.21"]),
    (
        "emergency duty team",
        &["pembrokeshire#4.7", "pembrokeshire#R8"],
    ),
    ("out of hours service", &["pembrokeshire#4.7"]),
    ("paris database difficult to navigate", &["swansea#3.4"]),
    ("maternity leave sickness", &["swansea#5.9"]),
    ("geographical location lower pay", &["pembrokeshire#5.7"]),
    ("personal advisor age of 25", &["pembrokeshire#3.6"]),
    (
        "supervision files timeliness",
        &["swansea#O7", "swansea#5.10"],
    ),
    ("easy read complaints", &["pembrokeshire#5.10"]),
    (
        "welsh language active offer",
        &["swansea#1.9", "pembrokeshire#1.6"],
    ),
    ("more than just words", &["pembrokeshire#1.6"]),
    ("domestic abuse hub", &["swansea#1.6"]),
    (
        "disruption meetings placement breakdown",
        &["pembrokeshire#R3", "pembrokeshire#3.18"],
    ),
    ("virtual school learning coaches", &["pembrokeshire#3.9"]),
    ("team around the family schools", &["swansea#1.4"]),
    ("special guardianship orders", &["swansea#3.15"]),
    ("connected carers weekly support group", &["swansea#3.20"]),
    ("hidden ambitions", &["pembrokeshire#3.5"]),
    ("tros gynnal plant advocacy", &["pembrokeshire#3.20"]),
    ("fostering inspection 2016", &["pembrokeshire#3.15"]),
    ("families first flying start", &["pembrokeshire#1.5"]),
    (
        "housing care leavers",
        &[
            "pembrokeshire#3.6",
            "pembrokeshire#3.7",
            "pembrokeshire#3.8",
            "swansea#3.11",
        ],
    ),
    ("regional safeguarding board", &["swansea#4.10"]),
    ("multi agency placement support service", &["swansea#3.19"]),
    ("pre conference brief interventions", &["pembrokeshire#3.3"]),
    ("wellbeing of future generations", &["pembrokeshire#5.2"]),
    ("interpreters delayed response", &["swansea#1.9"]),
    ("sibling groups on one plan", &["swansea#3.4"]),
    ("supported lodgings", &["swansea#3.11"]),
    ("case files reviewed 69", &["swansea#methodology.2"]),
    // Acronyms.
    ("EOTAS", &["swansea#3.6", "swansea#R5"]),
    (
        "PLO",
        &["swansea#3.14", "pembrokeshire#3.12", "pembrokeshire#4.5"],
    ),
    ("SERAF", &["pembrokeshire#4.4"]),
    ("B&B", &["swansea#3.11"]),
    ("MAPSS", &["swansea#3.19"]),
    ("PCBI", &["pembrokeshire#3.3"]),
    ("MACSE", &["pembrokeshire#4.6"]),
    ("CAMHS", &["swansea#1.3", "swansea#3.13"]),
    ("IRO escalation", &["swansea#3.16", "pembrokeshire#3.14"]),
    ("TAF schools", &["swansea#1.4"]),
    ("SGO", &["swansea#3.15"]),
    // Misspellings and unfinished words.
    (
        "plcement stabilty",
        &[
            "pembrokeshire#3.15",
            "pembrokeshire#3.17",
            "pembrokeshire#3.16",
        ],
    ),
    ("safegaurdians", &["pembrokeshire#3.21"]),
    (
        "advocasy active offer",
        &["swansea#3.23", "pembrokeshire#3.20", "swansea#R10"],
    ),
    (
        "corprate parenting board",
        &["swansea#3.22", "swansea#3.18"],
    ),
    ("regional safegarding bord", &["swansea#4.10"]),
    ("apprenticeship", &["swansea#5.3", "pembrokeshire#3.6"]),
    ("apprentice", &["swansea#5.3", "pembrokeshire#3.6"]),
    ("matrnity leave", &["swansea#5.9", "pembrokeshire#5.7"]),
    ("interpretors", &["swansea#1.9"]),
    ("disrupton meetngs", &["pembrokeshire#R3"]),
    ("brght spots", &["swansea#3.22"]),
    ("domestc abuse", &["swansea#1.6"]),
    ("emergncy duty", &["pembrokeshire#4.7", "pembrokeshire#R8"]),
    (
        "saftey plan",
        &[
            "swansea#4.6",
            "swansea#4.7",
            "swansea#O10",
            "pembrokeshire#4.6",
            "pembrokeshire#3.3",
        ],
    ),
    ("accomodation", &["swansea#3.11", "pembrokeshire#3.7"]),
    ("commisioning residential services", &["pembrokeshire#5.6"]),
    ("abuse neglect or harm", &["pembrokeshire#1.3"]),
    (
        "wishes and feelings",
        &["swansea#3.21", "pembrokeshire#2.1", "pembrokeshire#2.2"],
    ),
    ("conference reports in advance", &["swansea#4.9"]),
    ("staff survey exit interviews", &["pembrokeshire#5.7"]),
    ("agency staff over recruitment", &["swansea#5.9"]),
    // Filters and syntax.
    ("advocacy in:swansea", &["swansea#3.23", "swansea#R10"]),
    (
        "quality assurance theme:leadership in:pembrokeshire",
        &["pembrokeshire#5.5"],
    ),
    (
        "when i am ready in:pembs",
        &["pembrokeshire#3.11", "pembrokeshire#3.17"],
    ),
    (
        "'escalation theme:care-and-support in:swansea",
        &["swansea#3.16"],
    ),
    (
        "fostering !inspection in:pembrokeshire theme:care-and-support",
        &["pembrokeshire#R4", "pembrokeshire#3.16"],
    ),
    (
        "\"what matters\" conversation in:pembrokeshire",
        &["pembrokeshire#1.2"],
    ),
];

fn rank(ix: &SearchIndex, q: &str, right: &[&str]) -> (Option<usize>, Vec<String>) {
    let hits = ix.search(&Query::parse(q), 10);
    let links: Vec<String> = hits.iter().map(|h| h.link.clone()).collect();
    (
        links.iter().position(|l| right.contains(&l.as_str())),
        links,
    )
}

#[test]
fn ranking_quality() {
    let ix = SearchIndex::new(&Corpus::samples());
    let mut first = 0;
    let mut top5 = 0;
    let mut report = String::new();
    for (q, right) in CASES {
        let (pos, links) = rank(&ix, q, right);
        match pos {
            Some(0) => {
                first += 1;
                top5 += 1;
            }
            Some(p) if p < 5 => {
                top5 += 1;
                report += &format!(
                    "  #{}: {q:?} -> {:?} (want {right:?})\n",
                    p + 1,
                    &links[..5]
                );
            }
            _ => {
                report += &format!(
                    "  MISS: {q:?} -> {:?} (want {right:?})\n",
                    &links[..links.len().min(5)]
                )
            }
        }
    }
    let n = CASES.len();
    println!(
        "ciw search: first hit right {first}/{n} ({:.1}%), right hit in top 5 {top5}/{n} ({:.1}%)\n{report}",
        100.0 * first as f64 / n as f64,
        100.0 * top5 as f64 / n as f64
    );
    assert!(n >= 30);
    assert!(
        first * 100 >= n * 95,
        "first hit right for only {first}/{n}\n{report}"
    );
    assert_eq!(top5, n, "a right hit not in the top 5\n{report}");
}

/// The same queries through `fzf --filter` over one paragraph a line (`link<TAB>text`), fzf's
/// own ranking. Skipped unless run with `--ignored`; needs `fzf` on PATH. Filters (`in:`,
/// `theme:`) become what an fzf user would type: the council name as one more word.
#[test]
#[ignore]
fn fzf_baseline() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let corpus = Corpus::samples();
    let ix = SearchIndex::new(&corpus);
    let lines: Vec<String> = ix
        .search(&Query::parse("in:swansea"), 100_000)
        .into_iter()
        .chain(ix.search(&Query::parse("in:pembrokeshire"), 100_000))
        .map(|h| {
            let text = format!(
                "{} {} {}",
                h.section,
                h.subsection.as_deref().unwrap_or(""),
                h.text
            );
            format!("{}\t{}", h.link, text.replace(['\n', '\t'], " "))
        })
        .collect();
    let input = lines.join("\n");
    let (mut first, mut top5) = (0, 0);
    for (q, right) in CASES {
        // What an fzf user would type: the council as a word (the line starts with its link),
        // no theme filter (the section title is on the line), a phrase as escaped spaces.
        let mut fq: Vec<String> = Vec::new();
        let mut phrase: Option<String> = None;
        for w in q.split_whitespace() {
            if let Some(p) = phrase.as_mut() {
                p.push_str("\\ ");
                p.push_str(w.trim_end_matches('"'));
                if w.ends_with('"') {
                    fq.extend(phrase.take());
                }
            } else if let Some(a) = w.strip_prefix("in:") {
                fq.push(a.to_string());
            } else if w.starts_with("theme:") {
            } else if let Some(p) = w.strip_prefix('"') {
                phrase = Some(format!("'{}", p.trim_end_matches('"')));
            } else {
                fq.push(w.to_string());
            }
        }
        let fq = fq.join(" ");
        let mut child = Command::new("fzf")
            .args(["--filter", &fq])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("fzf on PATH");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let links: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        let pos = links.iter().position(|l| right.contains(&l.as_str()));
        if pos == Some(0) {
            first += 1;
        }
        if pos.is_some_and(|p| p < 5) {
            top5 += 1;
        } else {
            println!("  fzf miss: {q:?} -> {:?}", &links[..links.len().min(5)]);
        }
    }
    let n = CASES.len();
    println!(
        "fzf --filter: first hit right {first}/{n} ({:.1}%), right hit in top 5 {top5}/{n} ({:.1}%)",
        100.0 * first as f64 / n as f64,
        100.0 * top5 as f64 / n as f64
    );
}

// ---- What a person means (issue: all words, acronyms both ways, the right snippet) ----

use ciw::search::acronym::Source;
use ciw::search::{Notice, Results};

fn results(ix: &SearchIndex, q: &str, limit: usize) -> Results {
    ix.try_search(&Query::parse(q), limit)
        .expect("built in memory")
}

fn links_of(hits: &[ciw::search::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.link.as_str()).collect()
}

/// The snippet's highlighted words, lower-cased.
fn snippet_words(h: &ciw::search::Hit, width: usize) -> Vec<String> {
    let s = h.snippet(width);
    s.matches
        .iter()
        .map(|m| s.text[m.clone()].to_lowercase())
        .collect()
}

#[test]
fn all_words_first_then_a_divider_then_the_partial_ones() {
    let ix = SearchIndex::new(&Corpus::samples());
    let r = results(&ix, "missing children", 100);
    let complete = links_of(r.complete_hits());
    let mut sorted = complete.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["pembrokeshire#4.4", "swansea#4.1", "swansea#5.3"],
        "the paragraphs with both words (child or children), and only they"
    );
    assert_eq!(r.complete, 3);
    assert!(r.partial > 50, "{}", r.partial);
    // Never a partial hit above a complete one; every later one lacks a word.
    let first_partial = r.hits.iter().position(|h| h.partial).expect("partial ones");
    assert_eq!(first_partial, 3);
    assert!(r.hits[first_partial..].iter().all(|h| h.partial));
    for h in &r.hits[first_partial..] {
        let t = h.text.to_lowercase();
        assert!(
            !(t.contains("missing") && t.contains("child")),
            "{}",
            h.link
        );
    }
    // The snippet of each complete hit shows "missing", the rarer word.
    for h in r.complete_hits() {
        assert!(
            snippet_words(h, 60).iter().any(|w| w == "missing"),
            "{}: {:?}",
            h.link,
            h.snippet(60).text
        );
    }
}

#[test]
fn stop_words_alone_say_so_instead_of_listing_everything() {
    let ix = SearchIndex::new(&Corpus::samples());
    let r = results(&ix, "xyzzy and", 100);
    assert!(r.hits.is_empty(), "{:?}", links_of(&r.hits));
    assert_eq!(
        r.notice,
        Some(Notice::OnlyStopWordsMatch {
            unmatched: vec!["xyzzy".into()],
            stop: vec!["and".into()],
        })
    );
    for q in ["the", "and of the", "The And"] {
        let r = results(&ix, q, 100);
        assert!(r.hits.is_empty(), "{q}");
        assert!(matches!(r.notice, Some(Notice::OnlyStopWords(_))), "{q}");
        assert!(r.notice.unwrap().to_string().contains("too common"));
    }
    // A stop word next to a real one is not needed, and a quoted one is.
    let r = results(&ix, "the fostering", 100);
    assert!(r.complete > 5 && r.notice.is_none());
    assert!(!results(&ix, "\"when I'm ready\"", 10).hits.is_empty());
}

#[test]
fn acronyms_both_ways_from_the_reports() {
    let ix = SearchIndex::new(&Corpus::samples());
    // Learnt: "child sexual exploitation (CSE)".
    let cse: Vec<_> = ix
        .acronyms()
        .entries()
        .into_iter()
        .filter(|e| e.short == "CSE")
        .collect();
    assert_eq!(cse.len(), 1);
    assert_eq!(cse[0].source, Source::Corpus);
    assert_eq!(cse[0].long.to_lowercase(), "child sexual exploitation");
    // The short form finds the long form written out, in every report.
    let r = results(&ix, "CSE", 20);
    let links = links_of(&r.hits);
    assert!(links.contains(&"swansea#4.1"), "{links:?}");
    assert!(links.contains(&"pembrokeshire#4.4"), "{links:?}");
    let h = r.hits.iter().find(|h| h.link == "swansea#4.1").unwrap();
    assert_eq!(h.acronyms.len(), 1, "the hit says it went through CSE");
    assert!(h
        .matches
        .iter()
        .any(|m| h.text[m.clone()].eq_ignore_ascii_case("child sexual exploitation")));
    // The long form spelt out finds them too.
    let links: Vec<String> = ix
        .search(&Query::parse("child sexual exploitation"), 10)
        .into_iter()
        .map(|h| h.link)
        .collect();
    assert!(links.contains(&"swansea#4.1".to_string()));
    assert!(links.contains(&"pembrokeshire#4.4".to_string()));
    // An acronym never matches an ordinary word by typo or prefix.
    for q in ["LAC", "lac", "CP", "IRO"] {
        for h in ix.search(&Query::parse(q), 100) {
            let words: Vec<String> = h
                .matches
                .iter()
                .map(|m| h.text[m.clone()].to_lowercase())
                .collect();
            assert!(
                !words
                    .iter()
                    .any(|w| w.starts_with("lack") || w == "pro" || w == "cps"),
                "{q}: {} {words:?}",
                h.link
            );
        }
    }
    assert!(
        !ix.search(&Query::parse("LAC"), 5).is_empty(),
        "looked after children"
    );
    // Built-in ones fill the gaps, marked as such.
    let builtin = ix.acronyms().entries();
    assert!(builtin
        .iter()
        .any(|e| e.short == "LAC" && e.source == Source::BuiltIn));
    assert!(!builtin
        .iter()
        .any(|e| e.short == "CSE" && e.source == Source::BuiltIn));
}

/// A generated report: the samples with paragraphs rewritten.
fn with_texts(edits: &[(&str, &str)]) -> Corpus {
    let mut c = Corpus::samples();
    for (id, text) in edits {
        let p = c.reports[0]
            .sections
            .iter_mut()
            .flat_map(|s| s.paragraphs.iter_mut())
            .find(|p| p.id == *id)
            .expect("paragraph");
        p.text = text.to_string();
    }
    c
}

#[test]
fn acronyms_defined_either_way_round() {
    let c = with_texts(&[
        (
            "1.1",
            "Cases subject to the PLO (Public Law Outline) were tracked by the zorbing team.",
        ),
        ("1.2", "The Zorbing Quality Panel (ZQP) met monthly."),
        ("1.3", "Minutes of the zorbing quality panel were kept."),
        ("1.4", "The ZQP reviewed three cases."),
    ]);
    let ix = SearchIndex::new(&c);
    let zqp = ix.acronyms().lookup("zqp");
    assert_eq!(zqp.len(), 1);
    // Short form → long form, and long form → short form.
    let got: Vec<String> = ix
        .search(&Query::parse("ZQP"), 10)
        .into_iter()
        .map(|h| h.paragraph.to_string())
        .collect();
    assert!(
        got.contains(&"1.3".into()) && got.contains(&"1.4".into()),
        "{got:?}"
    );
    let got: Vec<String> = ix
        .search(&Query::parse("zorbing quality panel"), 10)
        .into_iter()
        .filter(|h| !h.partial)
        .map(|h| h.paragraph.to_string())
        .collect();
    assert!(got.contains(&"1.4".into()), "{got:?}");
    assert!(ix
        .acronyms()
        .entries()
        .iter()
        .any(|e| e.short == "PLO" && e.long == "Public Law Outline" && e.source == Source::Corpus));
}

#[test]
fn methodology_and_acknowledgements_rank_below_findings() {
    // The same sentence in a finding and in the methodology: the finding first.
    let text = "The frobnication of quarterly widgets was reviewed.";
    let mut c = Corpus::samples();
    for r in &mut c.reports[..1] {
        for s in &mut r.sections {
            let first = s.paragraphs.first_mut().unwrap();
            if s.title == "Methodology"
                || s.title == "Acknowledgements"
                || s.title.starts_with("Safeguarding")
            {
                first.text = text.into();
            }
        }
    }
    let ix = SearchIndex::new(&c);
    let hits = ix.search(&Query::parse("frobnication widgets"), 10);
    assert_eq!(hits.len(), 3);
    assert!(hits[0].link.ends_with("#4.1"), "{:?}", links_of(&hits));
    // While typing `EOTAS mi…`, the EOTAS findings come before names in the methodology.
    let ix = SearchIndex::new(&Corpus::samples());
    for q in ["EOTAS mi", "EOTAS m"] {
        let hits = ix.search(&Query::parse(q), 10);
        assert!(
            ["swansea#R5", "swansea#3.6"].contains(&hits[0].link.as_str()),
            "{q}: {:?}",
            links_of(&hits)
        );
        let method = hits.iter().position(|h| h.link.contains("methodology"));
        let eotas = hits.iter().rposition(|h| h.text.contains("EOTAS")).unwrap();
        assert!(
            method.is_none_or(|m| m > eotas),
            "{q}: {:?}",
            links_of(&hits)
        );
    }
}

#[test]
fn snippets_show_the_most_and_rarest_words() {
    let ix = SearchIndex::new(&Corpus::samples());
    for (q, want) in [
        ("plcement stabilty", ["plac", "stab"]),
        ("council tax care leavers", ["council", "tax"]),
    ] {
        let h = &ix.search(&Query::parse(q), 1)[0];
        let words = snippet_words(h, 60);
        for w in want {
            assert!(
                words.iter().any(|x| x.starts_with(w)),
                "{q}: {:?}",
                h.snippet(60).text
            );
        }
    }
}

#[test]
fn front_matter_is_searchable_like_every_paragraph() {
    let ix = SearchIndex::new(&Corpus::samples());
    let hits = ix.search(&Query::parse("ddogfen Gymraeg"), 5);
    assert!(!hits.is_empty());
    assert!(hits[0].link.ends_with("#front.1"), "{:?}", links_of(&hits));
    assert_eq!(&*hits[0].section, "Front matter");
}

#[test]
fn what_we_expect_to_see_is_found_cited_and_opens() {
    let c = Corpus::samples();
    let idx = SearchIndex::new(&c);
    let hits = idx.search(
        &Query::parse("multi-agency care support help protection"),
        10,
    );
    let top = &hits[0];
    assert!(top.link.ends_with("#3.E"), "{}", top.link);
    assert_eq!(top.subsection.as_deref(), Some("What we expect to see"));
    assert_eq!(top.theme, Some(ciw::model::Theme::CareAndSupport));
    assert!(!top.partial);
    // The link opens that very text.
    let t = ciw::target::resolve(&c, &top.link).expect("the hit's link resolves");
    assert_eq!(
        ciw::target::text(&c.reports[t.report], &t),
        Some(&*top.text)
    );
    // Ranked as body text: the same words in a finding would score no higher.
    let e = c.reports[t.report].sections[t.section.unwrap()]
        .expectations
        .clone()
        .unwrap();
    let mut twin = c.reports[t.report].clone();
    twin.id = "twin-2018-07".into();
    twin.authority.short = "Twin".into();
    for s in &mut twin.sections {
        s.expectations = None;
    }
    let si = t.section.unwrap();
    twin.sections[si].paragraphs[0].text = e;
    let c2 = Corpus::new(vec![c.reports[t.report].clone(), twin]);
    let hits = SearchIndex::new(&c2).search(
        &Query::parse("multi-agency care support help protection"),
        10,
    );
    let score = |link: &str| {
        hits.iter()
            .find(|h| h.link.ends_with(link))
            .map(|h| h.score)
    };
    let (exp, para) = (score("#3.E"), score("twin#3.1"));
    assert!(
        exp.is_some() && para.is_some(),
        "{:?}",
        hits.iter().map(|h| &h.link).collect::<Vec<_>>()
    );
    assert!(
        (exp.unwrap() - para.unwrap()).abs() < 0.01 * para.unwrap(),
        "{exp:?} vs {para:?}"
    );
}
