//! `ciw compare`: one theme side by side, and the councils x themes matrix.
use super::Args;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    _args: &Args,
    _theme: Option<&str>,
    _authorities: &[String],
    _json: bool,
    _width: Option<usize>,
    _matrix: bool,
) -> Result<ExitCode> {
    anyhow::bail!("`ciw compare` is not built yet")
}
