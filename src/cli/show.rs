//! `ciw show`: a report, a section or one paragraph, as plain text or JSON.
use super::Args;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(_args: &Args, _target: &str, _json: bool) -> Result<ExitCode> {
    anyhow::bail!("`ciw show` is not built yet")
}
