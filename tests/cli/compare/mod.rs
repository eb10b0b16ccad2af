//! `ciw compare` end to end over the sample reports: the JSON of all five themes, subsection
//! alignment, the plain side-by-side page at several widths, the matrix, and usage errors.
//!
//! This module holds what the groups share: running the binary, reading its JSON, and checking
//! that a page fits its width.

mod errors;
mod frameworks;
mod json;
mod matrix;
mod plain;

use serde_json::Value;
use std::process::{Command, Output};
use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_ciw");

/// Runs `ciw` on the built-in samples (no library involved).
fn ciw(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CIW_LIBRARY", "/nonexistent-ciw-library-for-tests")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs ciw")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(args: &[&str]) -> Value {
    let o = ciw(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// `prefix.1` .. `prefix.n`.
fn ids(prefix: u32, range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|i| format!("{prefix}.{i}")).collect()
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| match &x[field] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

fn numbers(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|r| r["number"].as_u64().expect("number"))
        .collect()
}

fn assert_fits(text: &str, width: usize) {
    for (i, l) in text.lines().enumerate() {
        assert!(
            l.width() <= width,
            "line {} is {} wide (> {width}): {l:?}",
            i + 1,
            l.width()
        );
    }
}

/// A report shaped as a performance evaluation inspection (PEI), beside the two 2018 samples.
const PEI: &str = "tests/fixtures/ceredigion-2023-05-pei.txt";
