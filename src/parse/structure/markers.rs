//! Markers alone on their line ("3.18", "5.", a bullet), as `pdftotext` prints a hanging
//! number, joined to the text they number.

use super::super::furniture::Line;

/// What [`join_lone_markers`] makes of each line.
pub(super) enum Joined {
    Keep,
    Drop,
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
/// a blank line, then the text) to the next line of text on the same page.
pub(super) fn join_lone_markers(lines: &[Line<'_>]) -> Vec<Joined> {
    let mut out: Vec<Joined> = lines.iter().map(|_| Joined::Keep).collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text.trim();
        // A bare number is a recommendation number only with its dot: "5." not "5".
        let marker = lone_marker(t) && !t.bytes().all(|b| b.is_ascii_digit());
        if !marker {
            i += 1;
            continue;
        }
        let next = (i + 1..lines.len())
            .take_while(|&j| !lines[j].page_break)
            .find(|&j| !lines[j].text.trim().is_empty());
        match next {
            Some(j) if !lone_marker(lines[j].text) => {
                out[j] = Joined::Text(format!("{t} {}", lines[j].text.trim_start()));
                for o in &mut out[i..j] {
                    *o = Joined::Drop;
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}
