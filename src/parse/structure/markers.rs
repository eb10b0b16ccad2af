//! Markers alone on their line ("3.18", "5.", a bullet), as `pdftotext` prints a hanging
//! number, joined to the text they number.

use super::super::line_table::Line;

/// What [`join_lone_markers`] makes of a line it changes.
pub(super) enum Joined {
    /// The marker's line, and the blank lines after it: its text moved to the next line.
    Drop,
    /// The next line of text, with the marker in front.
    Text(String),
}

/// A paragraph number, recommendation number or bullet alone on its line.
fn lone_marker(t: &str) -> bool {
    let t = t.trim();
    // The longest marker is "12.34." (or a bullet's three bytes): anything longer is text.
    if t.len() > 6 {
        return false;
    }
    if matches!(
        t,
        "\u{2022}" | "-" | "\u{2013}" | "\u{25aa}" | "\u{25cf}" | "\u{25e6}" | "*"
    ) {
        return true;
    }
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let t = t.strip_suffix(['.', ')']).unwrap_or(t);
    match t.split_once('.') {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(t) && t != "0",
    }
}

/// Joins each marker alone on its line (as `pdftotext` prints a hanging number: "3.18",
/// a blank line, then the text) to the next line of text on the same page. Only the lines it
/// changes, in order: a text of many lines costs nothing per line.
pub(super) fn join_lone_markers(lines: &[Line<'_>]) -> Vec<(usize, Joined)> {
    let mut out: Vec<(usize, Joined)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text.trim();
        let marker = lone_marker(t) && !t.bytes().all(|b| b.is_ascii_digit());
        if !marker {
            i += 1;
            continue;
        }
        let next = (i + 1..lines.len())
            .take_while(|&j| !lines[j].page_break())
            .find(|&j| !lines[j].text.trim().is_empty());
        match next {
            Some(j) if !lone_marker(lines[j].text) => {
                out.extend((i..j).map(|k| (k, Joined::Drop)));
                out.push((
                    j,
                    Joined::Text(format!("{t} {}", lines[j].text.trim_start())),
                ));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}
