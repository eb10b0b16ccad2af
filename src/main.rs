//! `ciw` entry point: parse arguments, pick the front end, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = ciw::cli::Args::parse();
    match ciw::cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            // Names are data: whatever an error quotes is made safe for the terminal.
            eprintln!("ciw: {}", ciw::text::for_terminal(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}
