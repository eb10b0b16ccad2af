use super::*;

fn short(text: &str) -> Option<&'static str> {
    first_in(text).map(|c| c.short)
}

#[test]
fn length_filter_agrees_with_looking_every_word_up() {
    let ix = index();
    let mut texts: Vec<String> = ["ab", "", "a b", "NPT’s", "RCT.", "yng Nghaerdydd", "MÔN"]
        .map(String::from)
        .to_vec();
    texts.push(format!("{} Conwy", "x".repeat(70)));
    for c in &COUNCILS {
        let names = [c.name, c.short, c.welsh].into_iter();
        let all = names
            .chain(c.forms.iter().copied())
            .chain(c.abbreviations.iter().copied());
        texts.extend(all.flat_map(|n| [n.to_string(), n.to_uppercase(), format!("{n}s")]));
    }
    let mut named = 0;
    for t in &texts {
        let ws = Words::of(t);
        for i in 0..ws.len() {
            let (raw, folded) = (ws.raw(i), ws.folded(i));
            let found = (ix.abbreviations.get(raw).copied(), ix.forms.get(folded));
            assert_eq!(ix.abbreviation(raw), found.0, "{t:?}");
            assert_eq!(ix.forms_from(folded), found.1.map(Vec::as_slice), "{t:?}");
            assert!(ix.may_start(raw) || found == (None, None), "{t:?}");
            named += usize::from(found != (None, None));
        }
    }
    assert!(named > 100);
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
