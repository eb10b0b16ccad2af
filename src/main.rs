//! `ciw` entry point: parse arguments, pick the front end, map errors to exit codes.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = ciw::cli::parse_args();
    match ciw::cli::run(args) {
        Ok(code) => code,
        // A reader that stopped early (`| head`) is not a failure.
        Err(e) if ciw::cli::output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Names are data: whatever an error quotes is made safe for the terminal.
            eprintln!("ciw: {}", ciw::text::for_terminal(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}
