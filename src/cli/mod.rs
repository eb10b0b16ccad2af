//! The command line: argument definitions and one small module per subcommand. Every TUI
//! feature has a scriptable twin here. Exit codes: 0 ok, 1 some input failed, 2 usage error.

mod compare;
pub mod complete;
mod library;
mod list;
pub mod output;
mod parse;
mod search;
mod show;

use crate::corpus::{self, Corpus};
use anyhow::Result;
use clap::{Parser, Subcommand};
use output::Format;
use std::path::PathBuf;
use std::process::ExitCode;

/// Read and compare Care Inspectorate Wales inspections of councils' children's services.
#[derive(Debug, Parser)]
#[command(name = "ciw", version, about, long_about = None)]
pub struct Args {
    /// Use exactly these reports (files or folders of .txt, .pdf, .html and .htm) instead of the library.
    #[arg(short = 'r', long = "reports", global = true, value_name = "FILE|DIR")]
    pub reports: Vec<PathBuf>,
    /// The library folder (imported reports and cache).
    #[arg(long, global = true, env = "CIW_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Monochrome output (also set by NO_COLOR).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// ASCII borders and symbols only.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// The largest input file read: `64M`, `1G`, `500k` or bytes (default 64M, or CIW_MAX_SIZE).
    /// A bigger file is refused with a one-line error; the others still load.
    #[arg(long, global = true, value_name = "SIZE", value_parser = size_arg)]
    pub max_size: Option<u64>,
    /// Open the explorer at a report, section or paragraph: `swansea`, `swansea#3.18`, `swansea#R5`.
    pub target: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse reports and print their structure.
    Parse {
        /// Report files (.txt, .pdf, .html, .htm), or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The JSON contract: one object for one file, an array for several.
        #[arg(long)]
        json: bool,
    },
    /// Parse reports and list what the parser had to guess or repair.
    Check {
        /// Report files (.txt, .pdf, .html, .htm), or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// List the reports: council, inspection date, counts.
    List {
        /// Output format: text, markdown, csv (one row per report) or json.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<Format>,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Print a report, a section (`#safeguarding`, `#3`) or one paragraph (`#3.18`, `#R5`).
    Show {
        /// A deep link: `swansea`, `swansea#3.18`, `swansea#R5`, `swansea#safeguarding`.
        #[arg(value_name = "COUNCIL[#ID]")]
        target: String,
        /// Output format: text, markdown, csv (one row per paragraph) or json.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<Format>,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Search every paragraph, finding and recommendation.
    Search {
        /// Words to find, all of them (typos are fine); 'exact, "a phrase", !exclude,
        /// in:COUNCIL, theme:THEME.
        #[arg(required_unless_present = "acronyms")]
        query: Option<String>,
        /// List the acronyms search knows (learnt from the reports, and built in) instead.
        #[arg(long, conflicts_with_all = ["limit", "council", "theme"])]
        acronyms: bool,
        /// Output format: text, markdown, csv (one row per hit) or json.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<Format>,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only this council's reports (`--authority` is an older name for it).
        #[arg(long, value_name = "COUNCIL", alias = "authority")]
        council: Option<String>,
        /// Only this theme.
        #[arg(long, value_name = "T")]
        theme: Option<String>,
    },
    /// One theme side by side across councils.
    Compare {
        /// access, assessment, care-and-support, safeguarding, leadership
        theme: Option<String>,
        /// The councils (or report ids) to compare; all when none is named.
        #[arg(value_name = "COUNCILS")]
        councils: Vec<String>,
        /// Output format: text, markdown, csv (one row per paragraph, or per council with
        /// --matrix) or json.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<Format>,
        /// The same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output width (default: the terminal's).
        #[arg(long)]
        width: Option<usize>,
        /// Councils x themes table with counts and methodology figures.
        #[arg(long)]
        matrix: bool,
    },
    /// Add reports to the library.
    Import {
        /// Report files (.txt, .pdf, .html, .htm), or folders of them.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Remove a report from the library.
    Remove {
        /// A report id (`swansea-2018-07`), or a council to remove all its reports.
        #[arg(value_name = "COUNCIL|ID")]
        key: String,
    },
    /// Print a shell completion script: `source <(ciw completions bash)`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: complete::Shell,
    },
    /// Print the manual page (roff): `ciw man | man -l -`.
    Man,
}

/// The version `--version` prints: the crate's, and the parser's that the library's caches
/// depend on (a new parser version re-parses every imported report once).
pub fn long_version() -> &'static str {
    static V: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        format!(
            "{} (parser {})",
            env!("CARGO_PKG_VERSION"),
            crate::parse::PARSER_VERSION
        )
    })
}

/// Parses the process's arguments (answering a shell's completion request first, if this run
/// is one).
pub fn parse_args() -> Args {
    use clap::FromArgMatches;
    complete::handle();
    let matches = complete::command().get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// `--max-size`: a size as `CIW_MAX_SIZE` takes it, above 0.
fn size_arg(s: &str) -> Result<u64, String> {
    crate::input::parse_size(s)
        .ok_or_else(|| format!("`{s}` is not a size above 0 (e.g. 64M, 1G, 500k or bytes)"))
}

/// Runs the command line.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(limit) = args.max_size {
        crate::input::set_max_size(limit);
    }
    match &args.command {
        Some(Command::Parse { paths, json }) => parse::parse(paths, *json),
        Some(Command::Check { paths }) => parse::check(paths),
        Some(Command::List { format, json }) => list::run(&args, Format::pick(*format, *json)),
        Some(Command::Show {
            target,
            format,
            json,
        }) => show::run(&args, target, Format::pick(*format, *json)),
        Some(Command::Search {
            acronyms: true,
            format,
            json,
            ..
        }) => search::acronyms(&args, Format::pick(*format, *json) == Format::Json),
        Some(Command::Search {
            query,
            format,
            json,
            limit,
            council,
            theme,
            ..
        }) => search::run(
            &args,
            query.as_deref().unwrap_or_default(),
            Format::pick(*format, *json),
            *limit,
            council.as_deref(),
            theme.as_deref(),
        ),
        Some(Command::Compare {
            theme,
            councils,
            format,
            json,
            width,
            matrix,
        }) => compare::run(
            &args,
            theme.as_deref(),
            councils,
            Format::pick(*format, *json),
            *width,
            *matrix,
        ),
        Some(Command::Import { paths }) => library::import(&args, paths),
        Some(Command::Remove { key }) => library::remove(&args, key),
        Some(Command::Completions { shell }) => {
            complete::print(complete::script(*shell).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            complete::print(&complete::man_page()?)?;
            Ok(ExitCode::SUCCESS)
        }
        None => match launch(&args) {
            Ok(launch) => crate::tui::run(launch),
            Err(code) => Ok(code),
        },
    }
}

/// `ciw [TARGET]` resolved for the explorer: the reports loaded, the deep link resolved. `Err`
/// is the exit code when there is nothing to explore (the reason is on stderr).
pub fn launch(args: &Args) -> Result<crate::tui::Launch, ExitCode> {
    let (corpus, failed) = load_corpus(args);
    if corpus.reports.is_empty() {
        eprintln!("ciw: no reports to show; give report files or folders with --reports");
        return Err(ExitCode::from(if failed { 1 } else { 2 }));
    }
    let target = match args.target.as_deref() {
        None => None,
        Some(link) => match crate::target::resolve(&corpus, link) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("ciw: {}", crate::text::for_terminal(&e.to_string()));
                return Err(ExitCode::from(2));
            }
        },
    };
    let source = if args.reports.is_empty() {
        crate::tui::Source::Library(args.library.clone())
    } else {
        crate::tui::Source::Files
    };
    Ok(crate::tui::Launch {
        corpus,
        failed,
        target,
        source,
        no_color: args.no_color,
        ascii: args.ascii,
    })
}

/// The reports a command works on: `--reports` if given, else the library, else the samples.
/// Load errors are printed to stderr; the returned flag says whether any occurred.
pub fn load_corpus(args: &Args) -> (Corpus, bool) {
    if !args.reports.is_empty() {
        let (loaded, errors) = corpus::load_paths(&args.reports);
        for e in &errors {
            eprintln!("ciw: {}", crate::text::for_terminal(&e.to_string()));
        }
        return (
            Corpus::new(loaded.into_iter().map(|l| l.report).collect()),
            !errors.is_empty(),
        );
    }
    let paths = match crate::paths::Paths::resolve(args.library.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "ciw: {}; showing the sample reports",
                crate::text::for_terminal(&e.to_string())
            );
            return (Corpus::samples(), false);
        }
    };
    let opened = {
        let mut line = output::LoadProgressLine::new();
        crate::library::open_reports_with(&paths, &mut |p| line.update(p))
    };
    match opened {
        Ok(opened) => {
            for n in &opened.notes {
                eprintln!("ciw: {}", crate::text::for_terminal(n));
            }
            let failed = opened.left_out > 0;
            if opened.samples {
                (Corpus::samples(), failed)
            } else {
                (Corpus::new(opened.reports), failed)
            }
        }
        // The library is there but broken: say so, and work on nothing rather than on the
        // samples as if the library were empty.
        Err(e) => {
            eprintln!("ciw: {}", crate::text::for_terminal(&e.to_string()));
            (Corpus::default(), true)
        }
    }
}

/// Width for plain output: the terminal's, else 80.
pub fn terminal_width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| w.0 as usize)
        .filter(|w| *w >= 20)
        .unwrap_or(80)
}

/// Exit code for "some input failed".
pub fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
