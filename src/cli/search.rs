//! `ciw search`: ranked findings across every report, a line per hit (deep link and a snippet
//! around the match, sized to the terminal) or JSON (`--json`, fields as the model names them). Hits with
//! every word come first; those missing some follow a divider line (`"partial": true` in JSON).
//! `ciw search --acronyms` lists the acronyms search knows.

use super::output::Format;
use super::Args;
use crate::library::Library;
use crate::model::{Pages, Theme};
use crate::search::acronym::Source;
use crate::search::{Acronym, Hit, Query, Results, SearchIndex};
use crate::text::for_terminal;
use anyhow::Result;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE_ERROR: u8 = 2;

pub fn run(
    args: &Args,
    query: &str,
    format: Format,
    limit: usize,
    council: Option<&str>,
    theme: Option<&str>,
) -> Result<ExitCode> {
    let mut q = Query::parse(query);
    if let Some(t) = theme {
        match Theme::from_input(t) {
            Some(t) => q.themes.push(t),
            None => {
                return usage(&format!(
                    "unknown theme `{t}`; use one of: {}",
                    Theme::ALL.map(|t| t.key()).join(", ")
                ))
            }
        }
    }
    if q.is_empty() && council.is_none() {
        return usage(
            "empty query; give words to find, e.g. `ciw search \"placement stability\"` \
             (typos are fine; 'exact, \"a phrase\", !exclude, in:COUNCIL, theme:THEME)",
        );
    }
    let (mut index, corpus, failed, lib) = search_index(args);
    if let Some(a) = council {
        q.authorities.push(a.to_string());
    }
    if let Err(e) = index.check(&q) {
        return usage(&e.to_string());
    }
    let results = match index.try_search(&q, limit) {
        Ok(r) => r,
        // A part of the stored index read for this query is damaged: rebuild it, search again.
        Err(why) => {
            let Some(lib) = lib else {
                anyhow::bail!("the search index is damaged: {why}");
            };
            let loaded = lib.rebuild_search_index(&why);
            for n in &loaded.notes {
                eprintln!("ciw: {}", for_terminal(n));
            }
            index = loaded.index;
            index.try_search(&q, limit)?
        }
    };
    let hits = &results.hits;
    let plain = super::output::stdout();
    let terminal = plain.is_terminal();
    // One write for the whole answer, not one a line.
    let mut out = BufWriter::with_capacity(64 << 10, plain);
    if matches!(format, Format::Markdown | Format::Csv) {
        // Citations name the council in full, the date and the page: from the reports.
        let corpus = corpus.unwrap_or_else(|| super::load_corpus(args).0);
        let body = match format {
            Format::Csv => crate::export::hits_csv(hits, &corpus),
            _ => crate::export::hits_markdown(query, hits, &corpus),
        };
        out.write_all(body.as_bytes())?;
        if hits.is_empty() {
            eprintln!("ciw: {}", no_hits(query, &index, &results));
        }
    } else if format == Format::Json {
        let items: Vec<HitJson> = hits.iter().map(HitJson::from).collect();
        writeln!(out, "{}", crate::text::to_json_pretty(&items)?)?;
        if hits.is_empty() {
            eprintln!("ciw: {}", no_hits(query, &index, &results));
        }
    } else if hits.is_empty() {
        writeln!(out, "{}", no_hits(query, &index, &results))?;
    } else {
        let color = terminal && !args.no_color && std::env::var_os("NO_COLOR").is_none();
        print_lines(&mut out, &results, super::terminal_width(), terminal, color)?;
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// `ciw search --acronyms`: the acronyms the index knows, one a line (short form, long form,
/// where it is defined or `built in`), or as JSON.
pub fn acronyms(args: &Args, json: bool) -> Result<ExitCode> {
    let (index, _, failed, _) = search_index(args);
    let table = index.acronyms();
    let entries = table.entries();
    let mut out = BufWriter::new(super::output::stdout());
    if json {
        let items: Vec<AcronymJson> = entries
            .iter()
            .map(|e| AcronymJson::new(e, &index))
            .collect();
        writeln!(out, "{}", crate::text::to_json_pretty(&items)?)?;
    } else {
        let short_w = entries
            .iter()
            .map(|e| e.short.chars().count())
            .max()
            .unwrap_or(0);
        for e in &entries {
            let from = match e.source {
                Source::BuiltIn => "built in".to_string(),
                Source::Corpus => {
                    let first = e.first.and_then(|d| index.link_of(d)).unwrap_or_default();
                    match e.defined {
                        1 => format!("defined in {first}"),
                        n => format!("defined {n} times, first in {first}"),
                    }
                }
            };
            writeln!(
                out,
                "{:short_w$}  {}  ({})",
                for_terminal(&e.short),
                for_terminal(&e.long),
                for_terminal(&from)
            )?;
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// The index to search: the library's stored one (built and stored on first use) when
/// searching the library, so no report is read or indexed per search; else one built from
/// the reports given with `--reports`, or from the samples when the library is empty.
#[allow(clippy::type_complexity)]
fn search_index(
    args: &Args,
) -> (
    SearchIndex,
    Option<crate::corpus::Corpus>,
    bool,
    Option<Library>,
) {
    if args.reports.is_empty() {
        if let Ok(paths) = crate::paths::Paths::resolve(args.library.as_deref()) {
            if let Ok((lib, notes)) = Library::open(&paths.data) {
                if !lib.is_empty() {
                    let loaded = lib.search_index();
                    for n in notes.iter().chain(&loaded.notes) {
                        eprintln!("ciw: {}", for_terminal(n));
                    }
                    if loaded.index.report_count() > 0 {
                        return (loaded.index, None, loaded.left_out > 0, Some(lib));
                    }
                }
            }
        }
    }
    let (corpus, failed) = super::load_corpus(args);
    (SearchIndex::new(&corpus), Some(corpus), failed, None)
}

fn usage(msg: &str) -> Result<ExitCode> {
    eprintln!("ciw: {}", for_terminal(msg));
    Ok(ExitCode::from(USAGE_ERROR))
}

fn no_hits(query: &str, index: &SearchIndex, results: &Results) -> String {
    if let Some(n) = &results.notice {
        return for_terminal(&n.to_string()).into_owned();
    }
    format!(
        "No paragraph matches `{}` in {} paragraphs. Try fewer words, another spelling or an \
         acronym's expansion, or drop a filter (in:, theme:, 'exact, !exclude).",
        for_terminal(query),
        index.len()
    )
}

/// The JSON contract: `{report, authority, paragraph, section, theme, score, text, matches}`,
/// plus `subsection` and `link`; `matches` are `[start, end)` character offsets in `text`.
#[derive(serde::Serialize)]
pub struct HitJson<'a> {
    pub report: &'a str,
    pub authority: &'a str,
    pub paragraph: &'a str,
    pub section: &'a str,
    pub subsection: Option<&'a str>,
    pub theme: Option<Theme>,
    /// `[first, last]` PDF page, when the report came from a PDF (or text with form feeds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
    pub score: f64,
    pub link: &'a str,
    pub text: &'a str,
    pub matches: Vec<[usize; 2]>,
    /// True when the paragraph lacks some of the query's words.
    pub partial: bool,
    /// The acronyms the match went through, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<AcronymUsed<'a>>,
}

/// An acronym a hit matched through.
#[derive(serde::Serialize)]
pub struct AcronymUsed<'a> {
    pub short: &'a str,
    pub long: &'a str,
    pub source: Source,
}

/// One line of `ciw search --acronyms --json`.
#[derive(serde::Serialize)]
pub struct AcronymJson<'a> {
    pub short: &'a str,
    pub long: &'a str,
    pub source: Source,
    /// Paragraphs that define it so (0 for a built-in one).
    pub defined: u32,
    /// Where it is first defined, as a deep link.
    pub first: Option<String>,
}

impl<'a> AcronymJson<'a> {
    fn new(e: &'a Acronym, index: &SearchIndex) -> Self {
        AcronymJson {
            short: &e.short,
            long: &e.long,
            source: e.source,
            defined: e.defined,
            first: e.first.and_then(|d| index.link_of(d)),
        }
    }
}

impl<'a> From<&'a Hit> for HitJson<'a> {
    fn from(h: &'a Hit) -> Self {
        HitJson {
            report: &h.report,
            authority: &h.authority,
            paragraph: &h.paragraph,
            section: &h.section,
            subsection: h.subsection.as_deref(),
            theme: h.theme,
            pages: h.pages,
            score: (f64::from(h.score) * 1000.0).round() / 1000.0,
            link: &h.link,
            text: &h.text,
            matches: h.char_matches(),
            partial: h.partial,
            acronyms: h
                .acronyms
                .iter()
                .map(|a| AcronymUsed {
                    short: &a.short,
                    long: &a.long,
                    source: a.source,
                })
                .collect(),
        }
    }
}

/// A hit's deep link as the plain output shows it: with its page, `swansea#3.18 (p. 17)`.
fn link_label(h: &Hit) -> String {
    match h.pages {
        Some(p) => format!("{} ({})", h.link, p.label()),
        None => h.link.clone(),
    }
}

/// One line per hit: the deep link (with its page), padded, then a snippet filling the rest of the width; a
/// divider line before the hits that miss some words. Matched words are bold (and yellow with
/// `color`) when `bold`.
fn print_lines(
    out: &mut impl Write,
    results: &Results,
    width: usize,
    bold: bool,
    color: bool,
) -> std::io::Result<()> {
    let hits: &[Hit] = &results.hits;
    // Links are padded to a common column, unless one is so long it would starve the snippets.
    let links: Vec<String> = hits.iter().map(link_label).collect();
    let link_w = links
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let (on, off) = match (bold, color) {
        (true, true) => ("\x1b[1;33m", "\x1b[0m"),
        (true, false) => ("\x1b[1m", "\x1b[22m"),
        _ => ("", ""),
    };
    let mut divided = false;
    for (h, link) in hits.iter().zip(&links) {
        if h.partial && !divided {
            divided = true;
            writeln!(out, "{}", divider(results, width, bold))?;
        }
        let snip_w = width
            .saturating_sub(link_w.max(link.chars().count()) + 2)
            .max(12);
        let s = h.snippet(snip_w);
        let mut line = String::with_capacity(width + 32);
        let link = for_terminal(link);
        line.push_str(&link);
        for _ in link.chars().count()..link_w.max(link.chars().count()) + 2 {
            line.push(' ');
        }
        let mut at = 0;
        for m in &s.matches {
            line.push_str(&for_terminal(&s.text[at..m.start]));
            line.push_str(on);
            line.push_str(&for_terminal(&s.text[m.clone()]));
            line.push_str(off);
            at = m.end;
        }
        line.push_str(&for_terminal(&s.text[at..]));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The line between the hits with every word and those without: `── 95 more with some words
/// missing ──`, as wide as the output.
fn divider(results: &Results, width: usize, dim: bool) -> String {
    let label = if results.complete == 0 {
        format!(
            " no paragraph has every word; {} with some ",
            results.partial
        )
    } else {
        format!(" {} more with some words missing ", results.partial)
    };
    let rule = width.saturating_sub(label.chars().count() + 2).clamp(2, 40);
    let line = format!("──{label}{}", "─".repeat(rule));
    if dim {
        format!("\x1b[2m{line}\x1b[22m")
    } else {
        line
    }
}
