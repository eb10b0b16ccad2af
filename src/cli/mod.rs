//! The command line: argument definitions and one small module per subcommand. Every TUI
//! feature has a scriptable twin here. Exit codes: 0 ok, 1 some input failed, 2 usage error.

mod compare;
mod library;
mod list;
mod parse;
mod search;
mod show;

use crate::corpus::{self, Corpus};
use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Read and compare Care Inspectorate Wales inspections of councils' children's services.
#[derive(Debug, Parser)]
#[command(name = "ciw", version, about, long_about = None)]
pub struct Args {
    /// Use exactly these reports (files or folders of .txt, .html and .htm) instead of the library.
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
    /// Open the explorer at a report, section or paragraph: `swansea`, `swansea#3.18`, `swansea#R5`.
    pub target: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse reports and print their structure.
    Parse {
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// The JSON contract: one object for one file, an array for several.
        #[arg(long)]
        json: bool,
    },
    /// Parse reports and list what the parser had to guess or repair.
    Check {
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// List the reports: authority, inspection date, counts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Print a report, a section (`#safeguarding`, `#3`) or one paragraph (`#3.18`, `#R5`).
    Show {
        #[arg(value_name = "AUTHORITY[#ID]")]
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Search every paragraph, finding and recommendation.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_name = "A")]
        authority: Option<String>,
        #[arg(long, value_name = "T")]
        theme: Option<String>,
    },
    /// One theme side by side across councils.
    Compare {
        /// access, assessment, care-and-support, safeguarding, leadership
        theme: Option<String>,
        authorities: Vec<String>,
        #[arg(long)]
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
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Remove a report from the library.
    Remove {
        #[arg(value_name = "AUTHORITY|ID")]
        key: String,
    },
}

/// Runs the command line.
pub fn run(args: Args) -> Result<ExitCode> {
    match &args.command {
        Some(Command::Parse { paths, json }) => parse::parse(paths, *json),
        Some(Command::Check { paths }) => parse::check(paths),
        Some(Command::List { json }) => list::run(&args, *json),
        Some(Command::Show { target, json }) => show::run(&args, target, *json),
        Some(Command::Search {
            query,
            json,
            limit,
            authority,
            theme,
        }) => search::run(
            &args,
            query,
            *json,
            *limit,
            authority.as_deref(),
            theme.as_deref(),
        ),
        Some(Command::Compare {
            theme,
            authorities,
            json,
            width,
            matrix,
        }) => compare::run(&args, theme.as_deref(), authorities, *json, *width, *matrix),
        Some(Command::Import { paths }) => library::import(&args, paths),
        Some(Command::Remove { key }) => library::remove(&args, key),
        None => crate::tui::run(&args),
    }
}

/// The reports a command works on: `--reports` if given, else the library, else the samples.
/// Load errors are printed to stderr; the returned flag says whether any occurred.
pub fn load_corpus(args: &Args) -> (Corpus, bool) {
    if !args.reports.is_empty() {
        let (loaded, errors) = corpus::load_paths(&args.reports);
        for e in &errors {
            eprintln!("ciw: {e}");
        }
        return (
            Corpus::new(loaded.into_iter().map(|l| l.report).collect()),
            !errors.is_empty(),
        );
    }
    let paths = match crate::library::Paths::resolve(args.library.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ciw: {e}; showing the sample reports");
            return (Corpus::samples(), false);
        }
    };
    match crate::library::open_reports(&paths) {
        Ok(opened) => {
            for n in &opened.notes {
                eprintln!("ciw: {n}");
            }
            let failed = opened.left_out > 0;
            if opened.samples {
                (Corpus::samples(), failed)
            } else {
                (Corpus::new(opened.reports), failed)
            }
        }
        Err(e) => {
            eprintln!("ciw: {e}; showing the sample reports");
            (Corpus::samples(), true)
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
