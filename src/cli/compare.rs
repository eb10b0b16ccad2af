//! `ciw compare`: one theme side by side across councils (plain text sized to the width, or
//! JSON), and with `--matrix` the councils × themes table with the methodology figures.

use super::output::Format;
use super::Args;
use crate::compare;
use crate::compare::matrix::matrix_text;
use crate::compare::side_by_side::{self as sbs, ExpectationsMode, Options};
use crate::corpus::Corpus;
use crate::model::{Framework, Report, Theme};
use crate::text::for_terminal;
use anyhow::Result;
use std::process::ExitCode;

const USAGE: &str = "usage: ciw compare <THEME> [COUNCIL...] [--format FORMAT] [--width N]\n       ciw compare --matrix [THEME] [COUNCIL...] [--format FORMAT]";

/// The narrowest `--width` accepted.
const MIN_WIDTH: usize = 20;

/// The themes of each framework, keys and titles (safeguarding under both).
fn theme_list() -> String {
    Framework::ALL
        .iter()
        .map(|f| {
            let themes: Vec<String> = f
                .themes()
                .iter()
                .map(|t| format!("  {:<30}{}", t.key(), t.title()))
                .collect();
            format!("{}:\n{}", f.label(), themes.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("ciw: {}", crate::text::for_terminal(msg));
    ExitCode::from(2)
}

/// Picks the reports named (in the order named, each once), or all of them; an unknown name is
/// returned as the error.
fn pick<'a>(corpus: &'a Corpus, names: &[String]) -> std::result::Result<Vec<&'a Report>, String> {
    if names.is_empty() {
        return Ok(corpus.reports.iter().collect());
    }
    let mut out: Vec<&Report> = Vec::new();
    for n in names {
        let r = corpus.find(n).ok_or_else(|| n.clone())?;
        if !out.iter().any(|x| x.id == r.id) {
            out.push(r);
        }
    }
    Ok(out)
}

fn unknown_authority(corpus: &Corpus, name: &str) -> ExitCode {
    let mut known = corpus.known_names();
    known.dedup();
    let ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    let mut msg = format!("no report for council `{}`.\n", for_terminal(name));
    if known.is_empty() {
        msg.push_str("No reports are loaded; give some with --reports <FILE|DIR>.");
    } else {
        msg.push_str(&format!(
            "Known councils: {}\n(or a report id: {})",
            known.join(", "),
            ids.join(", ")
        ));
    }
    usage_error(&msg)
}

pub fn run(
    args: &Args,
    theme: Option<&str>,
    authorities: &[String],
    format: Format,
    width: Option<usize>,
    matrix: bool,
) -> Result<ExitCode> {
    if let Some(w) = width {
        if w < MIN_WIDTH {
            return Ok(usage_error(&format!(
                "--width {w} is too narrow; give at least {MIN_WIDTH}."
            )));
        }
    }
    // With --matrix every positional may be an authority; a leading theme narrows the table.
    let (theme, authorities): (Option<Theme>, Vec<String>) = match (matrix, theme) {
        (_, None) => (None, authorities.to_vec()),
        (true, Some(t)) => match Theme::from_input(t) {
            Some(th) => (Some(th), authorities.to_vec()),
            None => (
                None,
                std::iter::once(t.to_string())
                    .chain(authorities.iter().cloned())
                    .collect(),
            ),
        },
        (false, Some(t)) => match Theme::from_input(t) {
            Some(th) => (Some(th), authorities.to_vec()),
            None => {
                // `ciw compare swansea safeguarding`: the theme comes first.
                if let Some(th) = authorities.iter().find_map(|a| Theme::from_input(a)) {
                    let rest: Vec<&str> = std::iter::once(t)
                        .chain(
                            authorities
                                .iter()
                                .map(String::as_str)
                                .filter(|a| Theme::from_input(a).is_none()),
                        )
                        .collect();
                    return Ok(usage_error(&format!(
                        "the theme comes first: ciw compare {} {}",
                        th.key(),
                        for_terminal(&rest.join(" "))
                    )));
                }
                return Ok(usage_error(&format!(
                    "unknown theme `{}`. Themes:\n{}\n{USAGE}",
                    for_terminal(t),
                    theme_list()
                )));
            }
        },
    };
    if !matrix && theme.is_none() {
        return Ok(usage_error(&format!(
            "which theme? Give one of:\n{}\n{USAGE}",
            theme_list()
        )));
    }

    let (corpus, failed) = super::load_corpus(args);
    let reports = match pick(&corpus, &authorities) {
        Ok(r) => r,
        Err(name) => return Ok(unknown_authority(&corpus, &name)),
    };
    if reports.is_empty() {
        eprintln!("ciw: no reports to compare; give some with --reports <FILE|DIR>.");
        return Ok(ExitCode::from(1));
    }
    let width = width.unwrap_or_else(super::terminal_width).max(MIN_WIDTH);

    if matrix {
        let themes: Vec<Theme> = match theme {
            Some(t) => vec![t],
            None => compare::themes_for(reports.iter().copied()),
        };
        let m = compare::matrix(&themes, reports.iter().copied());
        let body = match format {
            Format::Json => format!("{}\n", crate::text::to_json_pretty(&m)?),
            Format::Text => matrix_text(&m, width),
            Format::Markdown => crate::export::matrix_markdown(&m),
            Format::Csv => crate::export::matrix_csv(&m),
        };
        super::output::write_stdout(&body)?;
        return Ok(super::exit_code(failed));
    }

    let Some(theme) = theme else {
        return Ok(ExitCode::from(2));
    };
    let c = compare::compare(theme, reports.iter().copied());
    let export = match format {
        Format::Json => Some(format!("{}\n", crate::text::to_json_pretty(&c)?)),
        Format::Markdown => Some(crate::export::compare_markdown(&c, &corpus)),
        Format::Csv => Some(crate::export::compare_csv(&c, &corpus)),
        Format::Text => None,
    };
    if let Some(body) = export {
        super::output::write_stdout(&body)?;
        return Ok(super::exit_code(failed));
    }
    let mut opts = Options::new(width);
    opts.ascii = args.ascii;
    opts.expectations = ExpectationsMode::Full;
    let sep = sbs::separator_width(args.ascii);
    let n = c.columns.len();
    let fit = sbs::columns_that_fit(width, opts.min_column_width, sep, n);
    if fit < n {
        let names: Vec<String> = c
            .columns
            .iter()
            .skip(fit)
            .map(|col| {
                // A council inspected more than once is named by report id.
                let repeated = c
                    .columns
                    .iter()
                    .filter(|o| o.authority == col.authority)
                    .count()
                    > 1;
                if repeated {
                    col.report.clone()
                } else {
                    crate::model::slug(&col.authority)
                }
            })
            .collect();
        opts.left_out_hint = format!(
            "To see all {n} side by side: --width {}; or name the ones to see: ciw compare {} {}",
            sbs::width_for(n, opts.min_column_width, sep),
            theme.key(),
            names.join(" ")
        );
    }
    let s = sbs::side_by_side(&c, &opts);
    let mut text = s.lines().join("\n");
    text.push('\n');
    super::output::write_stdout(&text)?;
    Ok(super::exit_code(failed))
}
