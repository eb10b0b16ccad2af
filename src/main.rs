//! `ciw` entry point: parse arguments, pick the front end, map errors to exit codes.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = ciw::cli::parse_args();
    // `eprintln!` panics when stderr is a pipe whose reader has gone (`ciw ... 2>&1 | head`):
    // that reader stopping early is no more a failure than stdout's.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ciw::cli::run(args)));
    let result = match run {
        Ok(result) => result,
        Err(panic) if ciw::cli::output::is_stderr_gone(&*panic) => return ExitCode::SUCCESS,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    match result {
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
