//! The file name as the last resort: the year and month it names, and the id stem of a
//! document whose council is unknown.

use super::dates::{month_number, year_of};

/// Year and month from a file name such as `swansea-2018-07.txt` or `report_march_2019.txt`.
pub fn date_in_file_name(origin: &str) -> Option<(u8, u16)> {
    let stem = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = stem.split('.').next().unwrap_or(stem);
    let parts: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let year = parts.iter().find_map(|p| year_of(p))?;
    let month = parts
        .iter()
        .skip_while(|p| year_of(p).is_none())
        .nth(1)
        .and_then(|p| p.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
        .or_else(|| parts.iter().find_map(|p| month_number(p)))
        .unwrap_or(0);
    Some((month, year))
}

/// The id stem of a document whose council is unknown: its file name as a slug.
pub fn file_stem_slug(origin: &str) -> String {
    let stem = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    crate::model::slug(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            date_in_file_name("reports/swansea-2018-07.txt"),
            Some((7, 2018))
        );
        assert_eq!(
            date_in_file_name("vale_of_glamorgan_march_2019.txt"),
            Some((3, 2019))
        );
        assert_eq!(
            date_in_file_name("neathporttalbot-2021-jicpa.txt"),
            Some((0, 2021))
        );
        assert_eq!(date_in_file_name("x.txt"), None);
        assert_eq!(file_stem_slug("dir/Downloaded Page.txt"), "downloaded-page");
    }
}
