//! `ciw compare`: one theme side by side across councils (plain text sized to the width, or
//! JSON), and with `--matrix` the councils × themes table with the methodology figures.

use super::Args;
use crate::compare::layout::{self, ExpectationsMode, Options};
use crate::compare::{self as core, Matrix};
use crate::corpus::Corpus;
use crate::model::{Report, Theme};
use crate::text::for_terminal;
use anyhow::Result;
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

const USAGE: &str = "usage: ciw compare <THEME> [AUTHORITY...] [--json] [--width N]\n       ciw compare --matrix [THEME] [AUTHORITY...] [--json]";

/// The narrowest `--width` accepted.
const MIN_WIDTH: usize = 20;

fn theme_list() -> String {
    Theme::ALL
        .iter()
        .map(|t| format!("  {:<18}{}", t.key(), t.title()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("ciw: {msg}");
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
    let mut msg = format!("no report for authority `{}`.\n", for_terminal(name));
    if known.is_empty() {
        msg.push_str("No reports are loaded; give some with --reports <FILE|DIR>.");
    } else {
        msg.push_str(&format!(
            "Known authorities: {}\n(or a report id: {})",
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
    json: bool,
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
        (true, Some(t)) => match core::theme_from_arg(t) {
            Some(th) => (Some(th), authorities.to_vec()),
            None => (
                None,
                std::iter::once(t.to_string())
                    .chain(authorities.iter().cloned())
                    .collect(),
            ),
        },
        (false, Some(t)) => match core::theme_from_arg(t) {
            Some(th) => (Some(th), authorities.to_vec()),
            None => {
                return Ok(usage_error(&format!(
                    "unknown theme `{}`. Themes:\n{}\n{USAGE}",
                    for_terminal(t),
                    theme_list()
                )))
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
            None => Theme::ALL.to_vec(),
        };
        let m = core::matrix(&themes, reports.iter().copied());
        if json {
            emit(&format!("{}\n", serde_json::to_string_pretty(&m)?))?;
        } else {
            emit(&matrix_text(&m, width))?;
        }
        return Ok(super::exit_code(failed));
    }

    let Some(theme) = theme else {
        return Ok(ExitCode::from(2));
    };
    let c = core::compare(theme, reports.iter().copied());
    if json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&c)?))?;
        return Ok(super::exit_code(failed));
    }
    let mut opts = Options::new(width);
    opts.ascii = args.ascii;
    opts.expectations = ExpectationsMode::Full;
    let sep = layout::separator_width(args.ascii);
    let n = c.columns.len();
    let fit = layout::columns_that_fit(width, opts.min_column_width, sep, n);
    if fit < n {
        let names: Vec<String> = c
            .columns
            .iter()
            .skip(fit)
            .map(|col| crate::model::slug(&col.authority))
            .collect();
        opts.left_out_hint = format!(
            "All {n} need --width {}; or name the councils to see: ciw compare {} {}",
            layout::width_for(n, opts.min_column_width, sep),
            theme.key(),
            names.join(" ")
        );
    }
    let s = layout::side_by_side(&c, &opts);
    let mut text = s.lines().join("\n");
    text.push('\n');
    emit(&text)?;
    Ok(super::exit_code(failed))
}

/// The matrix as two plain tables: counts per theme, then the methodology figures.
pub fn matrix_text(m: &Matrix, width: usize) -> String {
    let mut s = String::new();
    let council = |r: &core::MatrixRow| for_terminal(&r.authority).into_owned();
    let date = |r: &core::MatrixRow| {
        let i = &r.inspection;
        let month: String = i.month.chars().take(3).collect();
        match (month.is_empty(), i.year) {
            (false, y) if y > 0 => format!("{month} {y}"),
            _ => i.label(),
        }
    };
    let short_title = |t: Theme| match t {
        Theme::Access => "Access",
        Theme::Assessment => "Assessment",
        Theme::CareAndSupport => "Care",
        Theme::Safeguarding => "Safeguarding",
        Theme::Leadership => "Leadership",
    };

    let mut head: Vec<String> = vec!["Council".into(), "Inspected".into()];
    head.extend(m.themes.iter().map(|t| short_title(*t).to_string()));
    let mut rows: Vec<Vec<String>> = vec![head];
    for r in &m.rows {
        let mut row = vec![council(r), date(r)];
        row.extend(r.cells.iter().map(|c| {
            if c.section_title.is_none() {
                format!("{} / –", c.recommendations)
            } else {
                format!("{} / {}", c.recommendations, c.paragraphs)
            }
        }));
        rows.push(row);
    }
    caption(
        &mut s,
        "Areas for development / paragraphs per theme (Access: information, advice and assistance; Care: care and support and pathway planning; – : no such section)",
        width,
    );
    table(&mut s, &rows, width);

    let f = |v: Option<u32>| v.map_or("–".to_string(), |n| n.to_string());
    let mut rows: Vec<Vec<String>> = vec![[
        "Council",
        "Inspected",
        "Days",
        "Case files",
        "Interview",
        "Focus group",
        "Supervision",
    ]
    .iter()
    .map(|x| x.to_string())
    .collect()];
    for r in &m.rows {
        let g = &r.methodology;
        rows.push(vec![
            council(r),
            date(r),
            f(g.fieldwork_days),
            f(g.case_files_reviewed),
            f(g.tracked_by_interview),
            f(g.tracked_by_focus_group),
            f(g.supervision_files),
        ]);
    }
    let _ = writeln!(s);
    caption(
        &mut s,
        "Methodology: fieldwork days, case files reviewed, cases tracked by interview and by focus group, supervision files (– : not given)",
        width,
    );
    table(&mut s, &rows, width);
    s
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

fn caption(s: &mut String, text: &str, width: usize) {
    for l in layout::wrap(text, width) {
        let _ = writeln!(s, "{l}");
    }
}

/// Writes rows as a table: the first two columns (council, date) left-aligned, the rest
/// right-aligned, two spaces apart. Value columns that do not fit in `width` continue in a
/// further table below, which repeats the first two columns.
fn table(s: &mut String, rows: &[Vec<String>], width: usize) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed: usize = widths.iter().take(2).map(|w| w + 2).sum();
    // Split the value columns into chunks that fit beside the fixed ones (at least one each).
    let mut chunks: Vec<Vec<usize>> = Vec::new();
    let mut used = fixed;
    for (c, w) in widths.iter().enumerate().skip(2) {
        let w = w + 2;
        match chunks.last_mut() {
            Some(chunk) if used + w <= width + 2 => chunk.push(c),
            _ => {
                chunks.push(vec![c]);
                used = fixed;
            }
        }
        used += w;
    }
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    for (i, chunk) in chunks.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(s);
        }
        for r in rows {
            let mut line = String::new();
            for c in (0..2.min(cols)).chain(chunk.iter().copied()) {
                let cell = r.get(c).map(String::as_str).unwrap_or("");
                if c > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(widths[c].saturating_sub(cell.width()));
                if c < 2 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            let line = layout::truncate(line.trim_end(), width);
            let _ = writeln!(s, "{line}");
        }
    }
}
