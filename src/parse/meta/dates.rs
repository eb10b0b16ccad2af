//! Dates as reports write them: month names, years, ranges ("between 23 and 25 November
//! 2021"), a year alone in a title, and the inspection's month and year as the model keeps them.

use crate::model::Inspection;

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(super) fn month_number(w: &str) -> Option<u8> {
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(w)
                || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w))
                || (w.eq_ignore_ascii_case("sept") && m.starts_with("Sep"))
        })
        .map(|i| i as u8 + 1)
}

pub(super) fn year_of(w: &str) -> Option<u16> {
    let d = w.trim_matches(|c: char| !c.is_ascii_digit());
    (d.len() == 4)
        .then(|| d.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// A date written in a text: its month (the first of a range) and year, and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateAt {
    /// Byte offset of the date's first word.
    pub at: usize,
    /// Byte offset just after the year.
    pub end: usize,
    pub month: u8,
    pub year: u16,
}

/// A day of the month as written in a range: `23`, `1st`, `25th`.
fn day_word(w: &str) -> bool {
    let d = w
        .trim_end_matches([',', '.'])
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
}

/// Every date in a text, in order: "July 2018", "between 23 and 25 November 2021" (November
/// 2021), "between March and April 2022" and "April and May 2018" (the first month), "28
/// January to 1 February 2019" (January 2019). A month is a capitalised month name (or its
/// three-letter abbreviation); "may" in running text is not one.
pub fn dates(text: &str) -> Vec<DateAt> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (at, w) = words[i];
        // Every month starts with one of these capitals: most words are passed over here.
        let capital = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D']);
        let Some(month) = capital
            .then(|| month_number(w))
            .flatten()
            .filter(|_| !w.ends_with(['.', ';', ':', '!', '?']))
        else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut found = None;
        while j < words.len() && j <= i + 6 {
            let (wat, x) = words[j];
            let core = x.trim_end_matches(['.', ',', ')', ';', ':']);
            if let Some(y) = year_of(core).filter(|_| core.len() == 4) {
                found = Some((y, wat + core.len()));
                break;
            }
            let bare = x.trim_end_matches(',').to_ascii_lowercase();
            let joiner = matches!(
                bare.as_str(),
                "and" | "to" | "-" | "–" | "&" | "the" | "until" | "till"
            );
            if !(joiner || day_word(x) || month_number(x).is_some()) {
                break;
            }
            j += 1;
        }
        match found {
            Some((year, end)) => {
                out.push(DateAt {
                    at,
                    end,
                    month,
                    year,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A year alone in a title: "JICPA: Neath Port Talbot, 2021".
pub fn year_in(title: &str) -> Option<u16> {
    title
        .split([' ', ',', '(', ')', ':'])
        .rev()
        .find_map(year_of)
}

pub fn inspection(date: Option<(u8, u16)>) -> Inspection {
    let (m, y) = date.unwrap_or((0, 0));
    Inspection {
        month: if m == 0 {
            String::new()
        } else {
            MONTHS[m as usize - 1].to_string()
        },
        month_number: m,
        year: y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ranges() {
        let d = |t: &str| {
            dates(t)
                .iter()
                .map(|d| (d.month, d.year))
                .collect::<Vec<_>>()
        };
        assert_eq!(d("during July 2018."), [(7, 2018)]);
        assert_eq!(d("between 23 and 25 November 2021"), [(11, 2021)]);
        assert_eq!(d("between the 15 and 19 November 2021."), [(11, 2021)]);
        assert_eq!(d("between March and April 2022."), [(3, 2022)]);
        assert_eq!(d("April and May 2018"), [(4, 2018)]);
        assert_eq!(d("from 28 January to 1 February 2019"), [(1, 2019)]);
        assert_eq!(d("between 14 and 16 July 2025, assessed"), [(7, 2025)]);
        assert_eq!(d("children may 2018 be"), []);
        assert_eq!(d("during 2014-15 (31%)"), []);
        assert_eq!(d("in Sept 2019"), [(9, 2019)]);
    }
}
