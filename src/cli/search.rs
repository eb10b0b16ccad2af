//! `ciw search`: ranked findings across every report.
use super::Args;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    _args: &Args,
    _query: &str,
    _json: bool,
    _limit: usize,
    _authority: Option<&str>,
    _theme: Option<&str>,
) -> Result<ExitCode> {
    anyhow::bail!("`ciw search` is not built yet")
}
