//! Shell completions and the man page.
//!
//! Completions use `clap_complete`'s dynamic engine: `ciw completions bash` prints a small
//! script that, on each Tab, runs `COMPLETE=bash ciw -- <the words>`; [`handle`] (called first
//! thing in `main`) answers with the candidates and exits. So besides subcommands, options and
//! theme names, a Tab completes what the current library holds: `ciw show swan<Tab>` gives
//! `swansea`, `ciw show swansea#3.1<Tab>` its paragraphs (`3.1`, `3.10`, ...), sections and
//! themes. `--library DIR` and `-r/--reports` on the line being completed are honoured, and
//! nothing is ever written to stderr (the shell would print it over the prompt).
//!
//! `ciw man` prints the roff of `ciw(1)`, every subcommand with its options included.

use super::Args;
use crate::corpus::{self, Corpus};
use crate::library::{self, Library};
use crate::model::{slug, Theme};
use crate::paths::Paths;
use clap::builder::StyledStr;
use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{Bash, CompleteEnv, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::PathBuf;

/// The environment variable the generated scripts set when they ask for candidates.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The shells `ciw completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Elvish => &Elvish,
            Shell::Powershell => &Powershell,
        }
    }
}

/// The command line with the dynamic completers attached.
pub fn command() -> clap::Command {
    let target = || ArgValueCompleter::new(complete_target);
    let council = || ArgValueCompleter::new(complete_council);
    let theme = || ArgValueCompleter::new(complete_theme);
    Args::command()
        .version(super::long_version())
        .mut_arg("target", |a| a.add(target()))
        .mut_subcommand("show", |s| s.mut_arg("target", |a| a.add(target())))
        .mut_subcommand("search", |s| {
            s.mut_arg("council", |a| a.add(council()))
                .mut_arg("theme", |a| a.add(theme()))
        })
        .mut_subcommand("compare", |s| {
            s.mut_arg("theme", |a| {
                a.add(ArgValueCompleter::new(complete_theme_or_matrix))
            })
            .mut_arg("councils", |a| a.add(council()))
        })
        .mut_subcommand("remove", |s| {
            s.mut_arg("key", |a| a.add(ArgValueCompleter::new(complete_report)))
        })
}

/// Answers a completion request from a generated script, and exits; returns at once when this
/// run is not one.
pub fn handle() {
    CompleteEnv::with_factory(command)
        .var(COMPLETE_VAR)
        .bin("ciw")
        .completer("ciw")
        .complete();
}

/// `ciw completions SHELL`: the script to source (or install) in that shell.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = shell
        .completer()
        .write_registration(COMPLETE_VAR, "ciw", "ciw", "ciw", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

// ---------------------------------------------------------------------------------------------
// What the library holds, for the completers

/// The `--library` (else `CIW_LIBRARY`) and `--reports` given on the line being completed (the
/// words after `--`).
fn line_sources() -> (Option<PathBuf>, Vec<PathBuf>) {
    let words: Vec<OsString> = std::env::args_os()
        .skip_while(|a| a != "--")
        .skip(2)
        .collect();
    let (mut library, mut reports) = (None, Vec::new());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_string_lossy();
        let next = words.get(i + 1).map(PathBuf::from);
        if let Some(v) = w.strip_prefix("--library=") {
            library = Some(PathBuf::from(v));
        } else if let Some(v) = w.strip_prefix("--reports=") {
            reports.push(PathBuf::from(v));
        } else if w == "--library" {
            library = next;
            i += 1;
        } else if w == "-r" || w == "--reports" {
            reports.extend(next);
            i += 1;
        }
        i += 1;
    }
    let library = library.or_else(|| {
        std::env::var_os("CIW_LIBRARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    (library, reports)
}

/// A council or report to offer: its name to type and a description.
struct Known {
    /// `swansea` (or the report id when a council has several reports).
    key: String,
    id: String,
    help: String,
}

/// The councils and reports of the library (from its manifest alone, no report read), of the
/// reports named with `--reports`, or of the samples. Nothing goes to stderr.
fn known_reports() -> Vec<Known> {
    let (library, reports) = line_sources();
    let rows: Vec<(String, String, String)> = if !reports.is_empty() {
        let (loaded, _) = corpus::load_paths(&reports);
        loaded
            .into_iter()
            .map(|l| row(&l.report.id, &l.report.authority, &l.report.inspection))
            .collect()
    } else {
        let from_library = Paths::resolve(library.as_deref())
            .ok()
            .and_then(|p| Library::open(&p.data).ok())
            .filter(|(lib, _)| !lib.is_empty())
            .map(|(lib, _)| {
                lib.entries()
                    .iter()
                    .map(|e| {
                        (
                            e.id.clone(),
                            e.authority.clone(),
                            format!("{}, {}", e.authority_name, e.inspection),
                        )
                    })
                    .collect::<Vec<_>>()
            });
        from_library.unwrap_or_else(|| {
            Corpus::samples()
                .reports
                .iter()
                .map(|r| row(&r.id, &r.authority, &r.inspection))
                .collect()
        })
    };
    rows.into_iter()
        .map(|(id, council, help)| Known {
            key: council_key(&id, &council),
            id,
            help,
        })
        .collect()
}

fn row(
    id: &str,
    a: &crate::model::Authority,
    i: &crate::model::Inspection,
) -> (String, String, String) {
    (
        id.to_string(),
        a.short.clone(),
        format!("{}, {}", a.name, i.label()),
    )
}

/// The name to type for a council: the slug of its short name (`swansea`), else the report id.
fn council_key(id: &str, council: &str) -> String {
    let s = slug(council);
    if s.is_empty() {
        id.to_string()
    } else {
        s
    }
}

fn candidate(value: impl Into<OsString>, help: impl Into<String>) -> CompletionCandidate {
    let help: String = help.into();
    CompletionCandidate::new(value).help((!help.is_empty()).then(|| StyledStr::from(help)))
}

/// Councils (and, for councils inspected more than once, report ids) starting with `current`.
fn councils(current: &str, known: &[Known]) -> Vec<CompletionCandidate> {
    let cur = current.to_lowercase();
    let mut out: Vec<CompletionCandidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for k in known {
        if k.key.starts_with(&cur) && seen.insert(k.key.clone()) {
            out.push(candidate(k.key.clone(), k.help.clone()));
        }
    }
    // Report ids: for a council inspected more than once, or once the council's name is typed.
    for k in known {
        let repeated = known.iter().filter(|o| o.key == k.key).count() > 1;
        if (repeated || cur.len() > k.key.len())
            && k.id.starts_with(&cur)
            && seen.insert(k.id.clone())
        {
            out.push(candidate(k.id.clone(), k.help.clone()));
        }
    }
    out
}

/// `swan` -> `swansea` (and `swansea#`); `swansea#3.1` -> `swansea#3.1`, `swansea#3.10`, ...:
/// the paragraphs, sections and themes of that council's report.
fn complete_target(current: &OsStr) -> Vec<CompletionCandidate> {
    // zsh hands over the word as typed, `#` quoted (`swansea\#3.1`); no link has a backslash.
    let current = current.to_string_lossy().replace('\\', "");
    let Some((council, id)) = current.split_once('#') else {
        let mut out = councils(&current, &known_reports());
        // One council left: offer `swansea#` beside `swansea`, so the shell adds no space
        // after the name and `#3.1<Tab>` can follow.
        if let [one] = out.as_slice() {
            let link = format!("{}#", one.get_value().to_string_lossy());
            out.push(candidate(link, "a section or paragraph of this report"));
        }
        return out;
    };
    let Some(report) = load_one(council) else {
        return Vec::new();
    };
    let id = id.to_lowercase();
    let mut out = Vec::new();
    let mut push = |v: &str, help: String| {
        if v.to_lowercase().starts_with(&id) {
            out.push(candidate(format!("{council}#{v}"), help));
        }
    };
    for s in &report.sections {
        let key = s.key();
        push(&key, crate::text::for_terminal(&s.title).into_owned());
        if let Some(t) = s.theme.filter(|t| t.key() != key) {
            push(t.key(), crate::text::for_terminal(&s.title).into_owned());
        }
    }
    for s in &report.sections {
        for p in &s.paragraphs {
            push(&p.id, first_words(&p.text, 60));
        }
    }
    out
}

/// The report a council name or id completes to: from `--reports`, else the library's cache
/// (one report decoded), else the samples.
fn load_one(council: &str) -> Option<crate::model::Report> {
    let (library, reports) = line_sources();
    let corpus = if !reports.is_empty() {
        let (loaded, _) = corpus::load_paths(&reports);
        Corpus::new(loaded.into_iter().map(|l| l.report).collect())
    } else {
        match Paths::resolve(library.as_deref())
            .ok()
            .and_then(|p| library::open_reports(&p).ok())
        {
            Some(o) if !o.samples => Corpus::new(o.reports),
            _ => Corpus::samples(),
        }
    };
    let i = crate::target::resolve_report(&corpus, council).ok()?;
    corpus.reports.into_iter().nth(i)
}

/// The first words of a paragraph, for a candidate's description.
fn first_words(text: &str, max: usize) -> String {
    let clean = crate::text::for_terminal(text);
    let mut s = String::new();
    for w in clean.split_whitespace() {
        if s.chars().count() + w.chars().count() + 1 > max {
            s.push('…');
            break;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

fn complete_council(current: &OsStr) -> Vec<CompletionCandidate> {
    councils(&current.to_string_lossy(), &known_reports())
}

fn themes(current: &str) -> Vec<CompletionCandidate> {
    Theme::ALL
        .iter()
        .filter(|t| t.key().starts_with(&current.to_lowercase()))
        .map(|t| candidate(t.key(), t.title()))
        .collect()
}

fn complete_theme(current: &OsStr) -> Vec<CompletionCandidate> {
    themes(&current.to_string_lossy())
}

/// `ciw compare <Tab>`: a theme; with `--matrix` on the line, councils too.
fn complete_theme_or_matrix(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let mut out = themes(&current);
    if std::env::args_os().any(|a| a == "--matrix") {
        out.extend(councils(&current, &known_reports()));
    }
    out
}

/// `ciw remove <Tab>`: report ids and councils.
fn complete_report(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let known = known_reports();
    let mut out = councils(&current, &known);
    for k in &known {
        if k.id.starts_with(&*current) && !out.iter().any(|c| c.get_value() == k.id.as_str()) {
            out.push(candidate(k.id.clone(), k.help.clone()));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The man page

/// `ciw man`: the roff source of `ciw(1)`.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    use clap_mangen::roff::{bold, italic, roman, Roff};
    let mut cmd = Args::command()
        .version(super::long_version())
        .disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone())
        .title("CIW")
        .section("1")
        .manual("ciw manual")
        .source(format!("ciw {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    let mut roff = Roff::default();
    roff.control("SH", ["DESCRIPTION"]);
    for para in DESCRIPTION {
        roff.text([roman(*para)]);
        roff.control("PP", []);
    }
    roff.to_writer(&mut out)?;
    man.render_options_section(&mut out)?;

    let mut roff = Roff::default();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut usage = sub.clone().bin_name(format!("ciw {}", sub.get_name()));
        let usage = usage.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ").trim();
        roff.control("SS", [usage]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        for a in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
        {
            roff.control("TP", []);
            let mut head = Vec::new();
            if let Some(s) = a.get_short() {
                head.push(bold(format!("-{s}")));
                head.push(roman(", "));
            }
            if let Some(l) = a.get_long() {
                head.push(bold(format!("--{l}")));
                if a.get_action().takes_values() {
                    let name = a
                        .get_value_names()
                        .and_then(|v| v.first())
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                    head.push(roman(" "));
                    head.push(italic(name));
                }
            } else {
                let name = a
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
                head.push(italic(name));
            }
            roff.text(head);
            let mut help = a
                .get_long_help()
                .or(a.get_help())
                .map(|h| h.to_string())
                .unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && a.get_action().takes_values() {
                help.push_str(&format!(" [possible values: {}]", values.join(", ")));
            }
            roff.text([roman(help)]);
        }
    }
    for (title, paras) in SECTIONS {
        roff.control("SH", [*title]);
        for (i, p) in paras.iter().enumerate() {
            if let Some(code) = p.strip_prefix("$ ") {
                roff.control("PP", []);
                roff.control("nf", []);
                roff.text([bold(code)]);
                roff.control("fi", []);
            } else if let Some((term, what)) = p.split_once(" :: ") {
                roff.control("TP", []);
                roff.text([bold(term)]);
                roff.text([roman(what)]);
            } else {
                if i > 0 {
                    roff.control("PP", []);
                }
                roff.text([roman(*p)]);
            }
        }
    }
    roff.to_writer(&mut out)?;
    Ok(out)
}

const DESCRIPTION: &[&str] = &[
    "ciw reads, searches and compares Care Inspectorate Wales (CIW) inspection reports of \
     councils' children's services. Without a command it opens the explorer, a keyboard-driven \
     terminal interface (press ? in it for the keys); the commands below are its scriptable twins.",
    "Reports are plain text extracted from the published PDFs (pdftotext -layout works well). \
     Commands read the library (see ciw import), or exactly the reports given with --reports, or \
     else the two sample reports built into the binary.",
    "A deep link names a report, a section or a paragraph: swansea, swansea#3.18 (paragraph), \
     swansea#R5 (area for development 5), swansea#O3 (overview finding 3), swansea#3 or \
     swansea#safeguarding (a section). A council inspected more than once is named by report id, \
     swansea-2018-07.",
];

const SECTIONS: &[(&str, &[&str])] = &[
    (
        "OUTPUT FORMATS",
        &[
            "show, search, compare and list take --format: text (the default, sized to the \
             terminal), markdown, csv or json (--json is the same as --format json).",
            "markdown :: For documents: headings, paragraphs with their ids, and after every \
             paragraph its citation (council, kind, inspection date, paragraph id, page where \
             known). compare gives the councils' areas for development side by side in a table, \
             then each subsection with every council's paragraphs. Report text is escaped, so it \
             cannot break a table or start markup.",
            "csv :: For spreadsheets: RFC 4180, a header row, then one row per paragraph (show, \
             compare), hit (search) or report (list), each with its citation columns. A cell a \
             spreadsheet would run as a formula starts with a quote (').",
            "json :: The JSON contract, as --json always gave.",
        ],
    ),
    (
        "EXIT STATUS",
        &[
            "0 :: Success, also when the reader of the output stops early (ciw search ... | head).",
            "1 :: Some input failed; the rest was still processed and printed.",
            "2 :: Usage error: an unknown option, theme, council or paragraph.",
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            "CIW_LIBRARY :: The library folder, as --library.",
            "NO_COLOR :: Monochrome output, as --no-color.",
            "COMPLETE :: Set by the completion scripts when they ask ciw for candidates.",
        ],
    ),
    (
        "FILES",
        &[
            "~/.local/share/ciw/ :: The library on Linux (the platform's data folder): the \
             imported sources, a parse cache and a search index.",
            "~/.config/ciw/config.toml :: Configuration: theme, colours, keys, default councils.",
        ],
    ),
    (
        "EXAMPLES",
        &[
            "$ ciw import reports/",
            "$ ciw search 'placement stability' --format csv > hits.csv",
            "$ ciw compare safeguarding swansea pembrokeshire --format markdown > safeguarding.md",
            "$ ciw show swansea#3.18",
            "$ source <(ciw completions bash)",
        ],
    ),
];

/// Writes `bytes` to stdout, quiet on a closed pipe.
pub fn print(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = super::output::stdout();
    out.write_all(bytes)?;
    out.flush()
}
