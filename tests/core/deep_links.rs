//! Every id a report's paragraphs are cited by (what `ciw show` prints, what the JSON and the
//! search hits carry) opens with `ciw show <report>#<id>` and in the explorer's `:`, at that
//! very text: over both samples and a few report families.

use ciw::corpus::{self, Corpus};
use ciw::target;
use std::path::PathBuf;

fn corpus() -> Corpus {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("sample-reports")];
    for f in [
        "follow-up-merthyr-2019-web.txt",
        "improvement-check-bridgend-2025.txt",
        "monitoring-letter-rct-2021.txt",
        "pei-ceredigion-2023-web.txt",
        "annual-letter-denbighshire-2019.txt",
    ] {
        paths.push(root.join("tests/fixtures/families").join(f));
    }
    let (loaded, errors) = corpus::load_paths(&paths);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(loaded.len() >= 7, "{}", loaded.len());
    Corpus::new(loaded.into_iter().map(|l| l.report).collect())
}

#[test]
fn every_cited_id_resolves_to_its_text() {
    let c = corpus();
    let mut checked = 0;
    let mut front = 0;
    for (ri, r) in c.reports.iter().enumerate() {
        // What the search cites, and every paragraph id `show` and the JSON print.
        let mut ids: Vec<(String, String)> = ciw::search::cited_texts(r)
            .map(|(id, t)| (id, t.to_string()))
            .collect();
        for s in &r.sections {
            for p in &s.paragraphs {
                ids.push((p.id.clone(), p.text.clone()));
            }
        }
        for (id, text) in ids {
            front += usize::from(id.starts_with("front."));
            for link in [
                format!("{}#{id}", r.id),
                format!("{}#{}", r.id, id.to_lowercase()),
            ] {
                let t = target::resolve(&c, &link)
                    .unwrap_or_else(|e| panic!("{link} does not resolve: {e}"));
                assert_eq!(t.report, ri, "{link}");
                assert_eq!(target::text(r, &t), Some(text.as_str()), "{link}");
            }
            // The explorer's `:` reading the same report, and from another one.
            for input in [format!("#{id}"), id.clone()] {
                let t = target::resolve_from(&c, &input, Some(ri))
                    .unwrap_or_else(|e| panic!("{}: `:{input}` fails: {e}", r.id));
                assert_eq!(target::text(r, &t), Some(text.as_str()), ":{input}");
            }
            let other = (ri + 1) % c.reports.len();
            let t = target::resolve_from(&c, &format!("{}#{id}", r.id), Some(other)).unwrap();
            assert_eq!(t.report, ri);
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked}");
    assert!(front >= 2, "{front}");
}
