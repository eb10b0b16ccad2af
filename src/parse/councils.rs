//! The 22 Welsh councils: one canonical name and short name each, and every form a CIW text
//! names them by (English and Welsh names, "Wrexham CBC", "NPT", mutated Welsh forms such as
//! "yng Nghaerdydd"), found in running text, titles and file names.
//!
//! Matching works on a folded copy of the text (lower case, diacritics dropped, every run of
//! other characters one space), so "Cyngor Sir Ynys Môn", "cyngor sir ynys mon" and
//! "Castell-nedd Port Talbot" all match; abbreviations are matched as written, case and all.

use crate::text::fold_char;

/// One council.
#[derive(Debug, PartialEq, Eq)]
pub struct Council {
    /// The canonical English name: "Merthyr Tydfil County Borough Council".
    pub name: &'static str,
    /// The short name people use: "Merthyr Tydfil".
    pub short: &'static str,
    /// The council's Welsh name: "Cyngor Bwrdeistref Sirol Merthyr Tudful".
    pub welsh: &'static str,
    /// Other forms, folded (lower case, no diacritics, single spaces): place names in English
    /// and Welsh, mutated forms.
    forms: &'static [&'static str],
    /// Abbreviations, matched case-sensitively as whole words: "NPT", "RCT".
    abbreviations: &'static [&'static str],
}

macro_rules! council {
    ($name:expr, $short:expr, $welsh:expr, [$($f:expr),* $(,)?], [$($a:expr),* $(,)?]) => {
        Council { name: $name, short: $short, welsh: $welsh, forms: &[$($f),*], abbreviations: &[$($a),*] }
    };
}

/// The 22 principal councils of Wales, north to south-east.
pub const COUNCILS: [Council; 22] = [
    council!(
        "Isle of Anglesey County Council",
        "Anglesey",
        "Cyngor Sir Ynys Môn",
        [
            "isle of anglesey",
            "anglesey",
            "ynys mon",
            "sir fon",
            "ynys fon"
        ],
        ["IoACC", "IACC"]
    ),
    council!(
        "Gwynedd Council",
        "Gwynedd",
        "Cyngor Gwynedd",
        ["gwynedd", "ngwynedd"],
        []
    ),
    council!(
        "Conwy County Borough Council",
        "Conwy",
        "Cyngor Bwrdeistref Sirol Conwy",
        ["conwy", "nghonwy"],
        []
    ),
    council!(
        "Denbighshire County Council",
        "Denbighshire",
        "Cyngor Sir Ddinbych",
        ["denbighshire", "sir ddinbych"],
        []
    ),
    council!(
        "Flintshire County Council",
        "Flintshire",
        "Cyngor Sir y Fflint",
        ["flintshire", "sir y fflint"],
        []
    ),
    council!(
        "Wrexham County Borough Council",
        "Wrexham",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        ["wrexham", "wrecsam"],
        ["WCBC"]
    ),
    council!(
        "Powys County Council",
        "Powys",
        "Cyngor Sir Powys",
        ["powys", "mhowys"],
        []
    ),
    council!(
        "Ceredigion County Council",
        "Ceredigion",
        "Cyngor Sir Ceredigion",
        ["ceredigion", "ngheredigion"],
        []
    ),
    council!(
        "Pembrokeshire County Council",
        "Pembrokeshire",
        "Cyngor Sir Penfro",
        ["pembrokeshire", "sir benfro", "sir penfro"],
        []
    ),
    council!(
        "Carmarthenshire County Council",
        "Carmarthenshire",
        "Cyngor Sir Gâr",
        [
            "carmarthenshire",
            "sir gar",
            "sir gaerfyrddin",
            "sir caerfyrddin"
        ],
        []
    ),
    council!(
        "City and County of Swansea",
        "Swansea",
        "Cyngor Dinas a Sir Abertawe",
        ["city and county of swansea", "swansea", "abertawe"],
        []
    ),
    council!(
        "Neath Port Talbot County Borough Council",
        "Neath Port Talbot",
        "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot",
        [
            "neath port talbot",
            "castell nedd port talbot",
            "neath and port talbot"
        ],
        ["NPT", "NPTCBC"]
    ),
    council!(
        "Bridgend County Borough Council",
        "Bridgend",
        "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
        ["bridgend", "pen y bont ar ogwr"],
        ["BCBC"]
    ),
    council!(
        "Vale of Glamorgan Council",
        "Vale of Glamorgan",
        "Cyngor Bro Morgannwg",
        ["vale of glamorgan", "bro morgannwg"],
        ["VoG", "VOG", "VoGC"]
    ),
    council!(
        "Rhondda Cynon Taf County Borough Council",
        "Rhondda Cynon Taf",
        "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
        ["rhondda cynon taf", "rhondda cynon taff"],
        ["RCT", "RCTCBC"]
    ),
    council!(
        "Merthyr Tydfil County Borough Council",
        "Merthyr Tydfil",
        "Cyngor Bwrdeistref Sirol Merthyr Tudful",
        ["merthyr tydfil", "merthyr tudful", "merthyr"],
        ["MTCBC"]
    ),
    council!(
        "Caerphilly County Borough Council",
        "Caerphilly",
        "Cyngor Bwrdeistref Sirol Caerffili",
        ["caerphilly", "caerffili", "nghaerffili"],
        []
    ),
    council!(
        "Blaenau Gwent County Borough Council",
        "Blaenau Gwent",
        "Cyngor Bwrdeistref Sirol Blaenau Gwent",
        ["blaenau gwent"],
        ["BGCBC"]
    ),
    council!(
        "Torfaen County Borough Council",
        "Torfaen",
        "Cyngor Bwrdeistref Sirol Torfaen",
        ["torfaen", "nhorfaen"],
        []
    ),
    council!(
        "Monmouthshire County Council",
        "Monmouthshire",
        "Cyngor Sir Fynwy",
        ["monmouthshire", "sir fynwy"],
        []
    ),
    council!(
        "Newport City Council",
        "Newport",
        "Cyngor Dinas Casnewydd",
        ["newport", "casnewydd", "nghasnewydd"],
        []
    ),
    council!(
        "City of Cardiff Council",
        "Cardiff",
        "Cyngor Caerdydd",
        ["city of cardiff", "cardiff", "caerdydd", "nghaerdydd"],
        []
    ),
];

/// Words after a place name that make it something other than the council: "Swansea Bay
/// University Health Board", "Cardiff and Vale", "Gwent Police".
const NOT_AFTER: [&str; 8] = [
    "bay",
    "university",
    "health",
    "teaching",
    "police",
    "and vale",
    "youth offending",
    "local health",
];

/// Words before a place name that make it something else: "Dyfed-Powys Police".
const NOT_BEFORE: [&str; 1] = ["dyfed"];

/// A council named in a text, and where (the offset in the folded text, for ordering only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub council: &'static Council,
    pub at: usize,
    /// Length of the matched form in the folded text: longer forms win at the same place.
    len: usize,
}

/// `text` folded for matching, with a space at each end so every word is " word ".
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        let f = fold_char(c);
        if f.is_alphanumeric() {
            out.push(f);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Every form of every council, folded and padded (" ynys mon "), built once.
fn patterns() -> &'static [(&'static Council, String)] {
    static PATTERNS: std::sync::OnceLock<Vec<(&'static Council, String)>> =
        std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        let mut v = Vec::new();
        for council in &COUNCILS {
            let mut forms: Vec<String> = council.forms.iter().map(|f| f.to_string()).collect();
            for name in [council.name, council.welsh] {
                forms.push(folded(name).trim().to_string());
            }
            forms.sort_unstable();
            forms.dedup();
            v.extend(forms.into_iter().map(|f| (council, format!(" {f} "))));
        }
        v
    })
}

/// Every council named in `text`, in the order they appear (the longest form at each place,
/// e.g. "Merthyr Tydfil" rather than "Merthyr"; health boards and police forces named after a
/// place are not the council).
pub fn mentions(text: &str) -> Vec<Mention> {
    let f = folded(text);
    let mut found: Vec<Mention> = Vec::new();
    for (council, pat) in patterns() {
        let pat = pat.as_str();
        let form = pat.trim();
        {
            let mut from = 0;
            while let Some(i) = f[from..].find(pat) {
                let at = from + i;
                from = at + 1;
                let after = &f[at + pat.len()..];
                let before = f[..at].trim_end();
                if NOT_AFTER.iter().any(|w| {
                    after.starts_with(w)
                        && after[w.len()..].starts_with(|c: char| c == ' ' || c.is_ascii_digit())
                }) || NOT_BEFORE
                    .iter()
                    .any(|w| before.ends_with(&format!(" {w}")))
                {
                    continue;
                }
                found.push(Mention {
                    council,
                    at: at + 1,
                    len: form.len(),
                });
            }
        }
    }
    for council in &COUNCILS {
        for abbr in council.abbreviations {
            // Abbreviations are matched in the original text, as whole words; their offsets
            // are only used for ordering, so map them onto the folded text proportionally.
            let mut from = 0;
            while let Some(i) = text[from..].find(abbr) {
                let at = from + i;
                from = at + abbr.len();
                let before_ok = !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let after_ok = !text[at + abbr.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if before_ok && after_ok {
                    let scaled =
                        (at as u128 * f.len() as u128 / text.len().max(1) as u128) as usize;
                    found.push(Mention {
                        council,
                        at: scaled,
                        len: abbr.len(),
                    });
                }
            }
        }
    }
    found.sort_by_key(|m| (m.at, std::cmp::Reverse(m.len)));
    // Drop mentions inside a longer one already kept ("Port Talbot" inside "Neath Port Talbot").
    let mut kept: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if kept.last().is_some_and(|k| m.at < k.at + k.len) {
            continue;
        }
        kept.push(m);
    }
    kept
}

/// The first council named in `text`.
pub fn first_in(text: &str) -> Option<&'static Council> {
    mentions(text).first().map(|m| m.council)
}

/// The council most often named in `texts` (ties: the one named first).
pub fn most_named<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<(&'static Council, usize)> {
    let mut counts: Vec<(&'static Council, usize, usize)> = Vec::new();
    let mut order = 0;
    for t in texts {
        for m in mentions(t) {
            order += 1;
            match counts
                .iter_mut()
                .find(|(c, _, _)| std::ptr::eq(*c, m.council))
            {
                Some(e) => e.1 += 1,
                None => counts.push((m.council, 1, order)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n, first)| (*n, std::cmp::Reverse(*first)))
        .map(|(c, n, _)| (c, n))
}

/// The council a file name names, written any way: `merthyrtydfil-2018.txt`,
/// `Vale_of_Glamorgan.txt`, `neathporttalbot-2021-jicpa.txt`. Abbreviations are not
/// trusted here.
pub fn in_file_name(name: &str) -> Option<&'static Council> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let letters: String = folded(stem).chars().filter(|c| c.is_alphabetic()).collect();
    let mut best: Option<(&'static Council, usize, usize)> = None;
    for council in &COUNCILS {
        let welsh = folded(council.welsh);
        for form in council.forms.iter().copied().chain([welsh.trim()]) {
            let squeezed: String = form.chars().filter(|c| c.is_alphabetic()).collect();
            if squeezed.len() < 5 {
                continue;
            }
            if let Some(at) = letters.find(&squeezed) {
                let better = match best {
                    None => true,
                    Some((_, b_at, b_len)) => at < b_at || (at == b_at && squeezed.len() > b_len),
                };
                if better {
                    best = Some((council, at, squeezed.len()));
                }
            }
        }
    }
    best.map(|(c, _, _)| c)
}

/// The council a name is, when the whole name is one of its forms ("Wrexham CBC", "Cyngor
/// Gwynedd", "the City and County of Swansea Council").
pub fn by_name(name: &str) -> Option<&'static Council> {
    let ms = mentions(name);
    (ms.len() == 1).then(|| ms[0].council)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(text: &str) -> Option<&'static str> {
        first_in(text).map(|c| c.short)
    }

    #[test]
    fn every_council_by_its_english_and_welsh_names() {
        for c in &COUNCILS {
            assert_eq!(short(c.name), Some(c.short), "{}", c.name);
            assert_eq!(short(c.welsh), Some(c.short), "{}", c.welsh);
            assert_eq!(short(c.short), Some(c.short), "{}", c.short);
            assert_eq!(short(&c.welsh.to_uppercase()), Some(c.short), "{}", c.welsh);
            assert_eq!(by_name(c.name).map(|c| c.short), Some(c.short));
        }
        let mut shorts: Vec<&str> = COUNCILS.iter().map(|c| c.short).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), 22);
    }

    #[test]
    fn forms_found_in_running_text() {
        for (text, want) in [
            (
                "Inspection of Children's Services: Gwynedd Council",
                "Gwynedd",
            ),
            ("Adroddiad arolygu: Cyngor Sir Ynys Môn", "Anglesey"),
            ("Cyngor Sir Ynys Mon", "Anglesey"),
            (
                "We undertook monitoring of Wrexham CBC children's services",
                "Wrexham",
            ),
            (
                "the core of NPT’s partnership approach",
                "Neath Port Talbot",
            ),
            (
                "Joint Inspectorate Review (JICPA): Neath Port Talbot, 2021",
                "Neath Port Talbot",
            ),
            ("Castell-nedd Port Talbot", "Neath Port Talbot"),
            (
                "services for children in the City and County of Swansea during July",
                "Swansea",
            ),
            (
                "inspection of children's social services in City of Cardiff Council",
                "Cardiff",
            ),
            ("gwasanaethau plant yng Nghaerdydd", "Cardiff"),
            ("Merthyr Tydfil County Borough Council", "Merthyr Tydfil"),
            ("Cyngor Bwrdeistref Sirol Merthyr Tudful", "Merthyr Tydfil"),
            ("services in RCT were", "Rhondda Cynon Taf"),
            ("Rhondda Cynon Taff", "Rhondda Cynon Taf"),
            ("Cyngor Bro Morgannwg", "Vale of Glamorgan"),
            ("Pen-y-bont ar Ogwr", "Bridgend"),
            ("Cyngor Sir Gâr", "Carmarthenshire"),
            ("Cyngor Dinas Casnewydd", "Newport"),
            (
                "improvement check of Flintshire children services",
                "Flintshire",
            ),
        ] {
            assert_eq!(short(text), Some(want), "{text}");
        }
    }

    #[test]
    fn health_boards_and_police_are_not_councils() {
        assert_eq!(
            short("Swansea Bay University Health Board and Dyfed-Powys Police"),
            None
        );
        assert_eq!(short("Cardiff and Vale University Health Board"), None);
        assert_eq!(short("Powys Teaching Health Board"), None);
        assert_eq!(short("in Powys County Council"), Some("Powys"));
        assert_eq!(short("The NPTC group"), None);
        assert_eq!(
            short("Swansea Bay UHB, and Neath Port Talbot"),
            Some("Neath Port Talbot")
        );
    }

    #[test]
    fn the_most_named_council_wins() {
        let texts = [
            "Working with Swansea Bay and Ceredigion, Powys County Council",
            "Powys has improved.",
        ];
        assert_eq!(
            most_named(texts).map(|(c, n)| (c.short, n)),
            Some(("Powys", 2))
        );
    }

    #[test]
    fn file_names_written_any_way() {
        for (name, want) in [
            ("merthyrtydfil-2018-04.txt", Some("Merthyr Tydfil")),
            ("Valeofglamorgan.txt", Some("Vale of Glamorgan")),
            ("neathporttalbot-2021-jicpa.txt", Some("Neath Port Talbot")),
            ("reports/swansea-2018-07.txt", Some("Swansea")),
            ("Isle_of_Anglesey_2019.txt", Some("Anglesey")),
            ("downloaded-page.txt", None),
            ("r0999.txt", None),
            ("npt.txt", None),
        ] {
            assert_eq!(in_file_name(name).map(|c| c.short), want, "{name}");
        }
    }
}
