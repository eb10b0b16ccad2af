//! `ciw import` and `ciw remove`: the on-disk library.
use super::Args;
use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn import(_args: &Args, _paths: &[PathBuf]) -> Result<ExitCode> {
    anyhow::bail!("`ciw import` is not built yet")
}

pub fn remove(_args: &Args, _key: &str) -> Result<ExitCode> {
    anyhow::bail!("`ciw remove` is not built yet")
}
