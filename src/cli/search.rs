//! `ciw search`: ranked findings across every report, a line per hit (deep link and a snippet
//! around the match, sized to the terminal) or the JSON contract of `DESIGN.md`.

use super::output::Format;
use super::Args;
use crate::model::Theme;
use crate::search::{Hit, Query, SearchIndex};
use crate::text::for_terminal;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

const USAGE_ERROR: u8 = 2;

pub fn run(
    args: &Args,
    query: &str,
    format: Format,
    limit: usize,
    authority: Option<&str>,
    theme: Option<&str>,
) -> Result<ExitCode> {
    let mut q = Query::parse(query);
    if let Some(t) = theme {
        match Theme::from_key(t) {
            Some(t) => q.themes.push(t),
            None => {
                return usage(&format!(
                    "unknown theme `{t}`; use one of: {}",
                    Theme::ALL.map(|t| t.key()).join(", ")
                ))
            }
        }
    }
    if q.is_empty() && authority.is_none() {
        return usage(
            "empty query; give words to find, e.g. `ciw search \"placement stability\"` \
             (typos are fine; 'exact, \"a phrase\", !exclude, in:COUNCIL, theme:THEME)",
        );
    }
    let (index, corpus, failed) = search_index(args);
    if let Some(a) = authority {
        q.authorities.push(a.to_string());
    }
    if let Err(e) = index.check(&q) {
        return usage(&e.to_string());
    }
    let hits = index.search(&q, limit);
    let mut out = super::output::stdout();
    if matches!(format, Format::Markdown | Format::Csv) {
        // Citations name the council in full, the date and the page: from the reports.
        let corpus = corpus.unwrap_or_else(|| super::load_corpus(args).0);
        let body = match format {
            Format::Csv => crate::export::hits_csv(&hits, &corpus),
            _ => crate::export::hits_markdown(query, &hits, &corpus),
        };
        out.write_all(body.as_bytes())?;
        if hits.is_empty() {
            eprintln!("ciw: {}", no_hits(query, &index));
        }
    } else if format == Format::Json {
        let items: Vec<HitJson> = hits.iter().map(HitJson::from).collect();
        writeln!(out, "{}", crate::text::to_json_pretty(&items)?)?;
        if hits.is_empty() {
            eprintln!(
                "ciw: {}",
                crate::text::for_terminal(&no_hits(query, &index))
            );
        }
    } else if hits.is_empty() {
        writeln!(out, "{}", no_hits(query, &index))?;
    } else {
        let color = out.is_terminal() && !args.no_color && std::env::var_os("NO_COLOR").is_none();
        let bold = out.is_terminal();
        print_lines(&mut out, &hits, super::terminal_width(), bold, color)?;
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// The index to search: the library's stored one (built and stored on first use) when
/// searching the library, so no report is read or indexed per search; else one built from
/// the reports given with `--reports`, or from the samples when the library is empty.
fn search_index(args: &Args) -> (SearchIndex, Option<crate::corpus::Corpus>, bool) {
    if args.reports.is_empty() {
        if let Ok(paths) = crate::paths::Paths::resolve(args.library.as_deref()) {
            if let Ok((lib, notes)) = crate::library::Library::open(&paths.data) {
                if !lib.is_empty() {
                    let loaded = lib.search_index();
                    for n in notes.iter().chain(&loaded.notes) {
                        eprintln!("ciw: {}", crate::text::for_terminal(n));
                    }
                    if loaded.index.report_count() > 0 {
                        return (loaded.index, None, loaded.left_out > 0);
                    }
                }
            }
        }
    }
    let (corpus, failed) = super::load_corpus(args);
    (SearchIndex::new(&corpus), Some(corpus), failed)
}

fn usage(msg: &str) -> Result<ExitCode> {
    eprintln!("ciw: {}", crate::text::for_terminal(msg));
    Ok(ExitCode::from(USAGE_ERROR))
}

fn no_hits(query: &str, index: &SearchIndex) -> String {
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
    pub score: f64,
    pub link: &'a str,
    pub text: &'a str,
    pub matches: Vec<[usize; 2]>,
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
            score: (f64::from(h.score) * 1000.0).round() / 1000.0,
            link: &h.link,
            text: &h.text,
            matches: h.char_matches(),
        }
    }
}

/// One line per hit: the deep link, padded, then a snippet filling the rest of the width.
/// Matched words are bold (and yellow with `color`) when `bold`.
fn print_lines(
    out: &mut impl Write,
    hits: &[Hit],
    width: usize,
    bold: bool,
    color: bool,
) -> std::io::Result<()> {
    // Links are padded to a common column, unless one is so long it would starve the snippets.
    let link_w = hits
        .iter()
        .map(|h| h.link.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let (on, off) = match (bold, color) {
        (true, true) => ("\x1b[1;33m", "\x1b[0m"),
        (true, false) => ("\x1b[1m", "\x1b[22m"),
        _ => ("", ""),
    };
    for h in hits {
        let snip_w = width
            .saturating_sub(link_w.max(h.link.chars().count()) + 2)
            .max(12);
        let s = h.snippet(snip_w);
        let mut line = String::with_capacity(width + 32);
        let link = for_terminal(&h.link);
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
