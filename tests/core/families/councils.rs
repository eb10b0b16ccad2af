//! The 22 councils by their English and Welsh names, in the title, the opening sentence or only
//! the file name.

use super::parse;
use ciw::parse::councils::COUNCILS;
use ciw::parse::MONTHS;

#[test]
fn the_22_councils_by_their_english_and_welsh_names() {
    for (i, c) in COUNCILS.iter().enumerate() {
        let month = 1 + i % 12;
        let slug = ciw::model::slug(c.short);
        for (how, title) in [
            (
                "english",
                format!("Local authority monitoring activity letter: {}", c.name),
            ),
            (
                "welsh",
                format!("Llythyr gweithgarwch monitro: {}", c.welsh),
            ),
            (
                "short",
                format!("Inspection of Children’s Services: {}", c.short),
            ),
        ] {
            let text = format!(
                "{title}\n\nThis letter summarises the findings of our monitoring activity between 3 and 5 {} 2022.\n\nPriorities for improvement\n\n- Improve things.\n",
                MONTHS[month - 1]
            );
            let r = parse("letter.txt", &text);
            assert_eq!(
                (r.authority.name.as_str(), r.authority.short.as_str()),
                (c.name, c.short),
                "{how}: {title}"
            );
            assert_eq!(r.id, format!("{slug}-2022-{month:02}-monitoring"), "{how}");
        }
        // Only in the opening sentence, in Welsh.
        let r = parse(
            "x.txt",
            &format!(
                "Dear Director,\n\nWe inspected services for children at {} during May 2019.\n",
                c.welsh
            ),
        );
        assert_eq!(r.authority.short, c.short, "{}", c.welsh);
        // Only in the file name, squeezed as people save it: the last resort, with a warning.
        let file = format!("{}-2019-05.txt", c.short.replace(' ', "").to_lowercase());
        let r = parse(
            &file,
            "Notes\n\nWe inspected services for children during May 2019.\n",
        );
        assert_eq!(r.authority.short, c.short, "{file}");
        assert!(r
            .warnings
            .iter()
            .any(|w| w.contains("taken from the file name")));
    }
}
