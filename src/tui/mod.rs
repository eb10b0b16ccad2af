//! The terminal explorer (issue 3).
use crate::cli::Args;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(_args: &Args) -> Result<ExitCode> {
    anyhow::bail!("the explorer is not built yet")
}
