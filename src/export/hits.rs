//! `ciw search` exports: hits as cited paragraphs, partial ones marked.

use super::*;

/// The columns of a search hit row: `partial` is `yes` for a hit that lacks some of the words.
pub fn hit_columns() -> Vec<&'static str> {
    let mut v = vec!["rank", "score", "partial"];
    v.extend(PARAGRAPH_COLUMNS);
    v
}

/// A hit as an exported paragraph: cited from its report in `corpus`, or from the hit alone
/// when the corpus lacks it.
fn hit_para<'h>(h: &'h Hit, corpus: &Corpus) -> Para<'h> {
    let cite = match corpus.reports.iter().find(|r| *r.id == *h.report) {
        Some(r) => cite(r, &h.paragraph),
        None => Citation {
            council: h.authority.to_string(),
            council_name: h.authority.to_string(),
            kind: String::new(),
            inspected: String::new(),
            date: String::new(),
            report: h.report.to_string(),
            paragraph: h.paragraph.to_string(),
            pages: h.pages.map(|p| (p.0, p.1)),
            link: format!("{}#{}", h.report, h.paragraph),
            text: match h.pages {
                Some(p) => format!("{}, {}, {}", h.authority, h.paragraph, p.label()),
                None => format!("{}, {}", h.authority, h.paragraph),
            },
        },
    };
    Para {
        cite,
        section: h.section.to_string(),
        subsection: h.subsection.as_deref(),
        theme: h.theme,
        text: &h.text,
    }
}

/// `ciw search --format csv`: one row per hit, best first (those with every word, then those
/// missing some, `partial` saying which).
pub fn hits_csv(hits: &[Hit], corpus: &Corpus) -> String {
    csv_doc(
        &hit_columns(),
        hits.iter().enumerate().map(|(i, h)| {
            let mut row = vec![
                (i + 1).to_string(),
                format!("{:.3}", (f64::from(h.score) * 1000.0).round() / 1000.0),
                if h.partial { "yes" } else { "no" }.to_string(),
            ];
            row.extend(hit_para(h, corpus).csv());
            row
        }),
    )
}

/// A hit's whole paragraph in Markdown with the matched words bold (neighbouring matched words,
/// "placement stability", in one run).
fn md_highlighted(h: &Hit) -> String {
    // Merge matches separated by nothing but spaces.
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for m in &h.matches {
        match runs.last_mut() {
            Some(last)
                if h.text
                    .get(last.end..m.start)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace)) =>
            {
                last.end = m.end
            }
            _ => runs.push(m.clone()),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for m in &runs {
        let (Some(before), Some(word)) = (h.text.get(at..m.start), h.text.get(m.clone())) else {
            continue;
        };
        out.push_str(&md(before));
        if before.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        let word = md(word);
        if !word.is_empty() {
            let _ = write!(out, "**{word}**");
        }
        at = m.end;
        if h.text[at..].starts_with(char::is_whitespace) {
            out.push(' ');
        }
    }
    out.push_str(&md(h.text.get(at..).unwrap_or("")));
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ciw search --format markdown`: a heading with the query, then a numbered list of the hits,
/// each the whole paragraph (matched words bold) followed by its citation and where it sits.
/// Hits that lack some of the words come under their own heading, "N more with some words
/// missing", as the explorer and the plain output divide them.
pub fn hits_markdown(query: &str, hits: &[Hit], corpus: &Corpus) -> String {
    let mut out = String::new();
    let reports: std::collections::HashSet<&str> = hits.iter().map(|h| &*h.report).collect();
    let partial = hits.iter().filter(|h| h.partial).count();
    let _ = writeln!(out, "# Search: {}\n", md(query));
    let _ = writeln!(
        out,
        "{} hit{} in {} report{}, best first{}.\n",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" },
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        match partial {
            0 => String::new(),
            n if n == hits.len() => "; none has every word".to_string(),
            n => format!("; {n} with some words missing"),
        }
    );
    let mut divided = false;
    for (i, h) in hits.iter().enumerate() {
        if h.partial && !divided {
            divided = true;
            let more = if i == 0 { "" } else { " more" };
            let _ = writeln!(out, "## {partial}{more} with some words missing\n");
        }
        let p = hit_para(h, corpus);
        let place = match p.subsection {
            Some(s) => format!("{} › {}", p.section, s),
            None => p.section.clone(),
        };
        let _ = writeln!(
            out,
            "{}. {}\n   — {} ({})\n",
            i + 1,
            md_highlighted(h),
            md_citation(&p.cite),
            md(&place)
        );
    }
    out
}
