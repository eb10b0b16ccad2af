//! `ciw list`: the reports with their counts.
use super::Args;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(_args: &Args, _json: bool) -> Result<ExitCode> {
    anyhow::bail!("`ciw list` is not built yet")
}
