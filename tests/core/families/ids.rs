//! Ids that never collide: two documents of one council, month and kind, and a thousand
//! generated reports of every family imported into a library.

use super::{document, parse};
use ciw::corpus::Corpus;
use ciw::parse::councils::COUNCILS;
use ciw::parse::MONTHS;

#[test]
fn two_documents_never_share_an_id() {
    let a = "Inspection of Children’s Services: Gwynedd Council\n\nWe inspected services for children at Gwynedd during May 2018.\n\nOne text.\n";
    let b = "Inspection of Children’s Services: Gwynedd Council\n\nWe inspected services for children at Gwynedd during May 2018.\n\nAnother text.\n";
    let news = "• NewsNews\n\nInspection of Gwynedd children’s services\n\nWe have published our inspection report today. We undertook the inspection during May 2018.\n";
    let corpus = Corpus::new(vec![
        parse("a.txt", a),
        parse("b.txt", b),
        parse("n.txt", news),
    ]);
    let mut ids: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "gwynedd-2018-05",
            "gwynedd-2018-05-2",
            "gwynedd-2018-05-news"
        ]
    );
    assert!(corpus.reports.iter().any(|r| r.warnings.iter().any(
        |w| w == "another document has the id gwynedd-2018-05; this one is gwynedd-2018-05-2"
    )));
}

/// Generated document `i`: every family, the 22 councils, months and years over ten years;
/// many share council, month and kind, some name their council only in the file name, some
/// name none.
fn generated(i: usize) -> (String, String) {
    let c = &COUNCILS[i % 22];
    let month = MONTHS[(i / 22) % 3];
    let year = 2016 + (i / 66) % 10;
    let finding = format!("Finding number {i} about practice.");
    match i % 5 {
        0 => (
            format!("{}-{i}.txt", ciw::model::slug(c.short)),
            document(
                &format!("Inspection of Children’s Services: {}", c.name),
                &format!("We inspected services for children in {} during {month} {year}.", c.short),
                "Areas for development",
                &[&finding, "Recruit foster carers,", "Review plans."],
            ),
        ),
        1 => (
            format!("letter-{i}.txt"),
            format!(
                "Local authority monitoring activity letter: {}\n\nDear Director,\n\nThis letter summarises the findings of our monitoring activity between 3 and 5 {month} {year}.\n\nPriorities for improvement\n\n1. {finding}\n2. Visit children on time.\n",
                c.welsh
            ),
        ),
        2 => (
            format!("{}-{year}-v{i}.txt", c.short.replace(' ', "").to_lowercase()),
            format!("Notes of a visit\n\nWe inspected services for children during {month} {year}.\n\n{finding}\n"),
        ),
        3 => (
            format!("downloaded-page-{i}.txt"),
            format!("Page of notes\n\n{finding}\n\nNothing else to say.\n"),
        ),
        _ => (
            format!("pei-{i}.txt"),
            document(
                &format!("Report of performance evaluation inspection: {}", c.name),
                &format!("This report summarises findings from our inspection between {month} and December {year}."),
                "Summary of findings",
                &[&finding],
            ),
        ),
    }
}

#[test]
fn a_thousand_generated_reports_import_as_a_thousand() {
    use ciw::library::{ImportEvent, Library};
    // In memory where the system has it: every import syncs each file to disk, which is what
    // a library must do and not what this test measures.
    let shm = std::path::Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    // File names repeat across folders, as downloads do.
    let dirs: Vec<std::path::PathBuf> = (0..4)
        .map(|d| tmp.path().join(format!("batch{d}")))
        .collect();
    let mut files = Vec::new();
    for i in 0..1000 {
        let (name, text) = generated(i);
        let dir = &dirs[i % 4];
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(&name);
        assert!(!path.exists(), "{name}");
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let lib_dir = tmp.path().join("lib");
    let (mut lib, _) = Library::open(&lib_dir).unwrap();
    let events = lib.import(&dirs).unwrap();
    let imported = events
        .iter()
        .filter(|e| matches!(e, ImportEvent::Imported { replaced: None, .. }))
        .count();
    assert_eq!(
        imported,
        1000,
        "{:#?}",
        events
            .iter()
            .find(|e| !matches!(e, ImportEvent::Imported { replaced: None, .. }))
    );
    assert_eq!(lib.entries().len(), 1000);
    let mut ids: Vec<&str> = lib.entries().iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1000);
    // Names come from the text or the file name, never "Downloaded Page" or "Letter".
    for e in lib.entries() {
        assert!(
            COUNCILS.iter().any(|c| c.short == e.authority) || e.authority == "Unknown",
            "{}: {}",
            e.id,
            e.authority
        );
    }
    // The same documents again replace themselves, and say so; nothing else changes.
    let again = lib.import(&files[..10]).unwrap();
    for e in &again {
        match e {
            ImportEvent::Imported {
                entry,
                replaced: Some(old),
                ..
            } => assert_eq!(entry.id, old.id),
            other => panic!("not a replacement: {other:?}"),
        }
    }
    assert_eq!(lib.entries().len(), 1000);
    // A file edited and imported again from the same place replaces its old version, and so
    // does a new version under the same name from elsewhere (its text names the council).
    let replaced = |events: &[ImportEvent]| {
        matches!(
            &events[0],
            ImportEvent::Imported {
                replaced: Some(_),
                ..
            }
        )
    };
    std::fs::write(&files[0], generated(0).1 + "\nA late correction.\n").unwrap();
    assert!(replaced(&lib.import(&files[..1]).unwrap()));
    let elsewhere = tmp.path().join("downloads");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let copy = elsewhere.join(files[0].file_name().unwrap());
    std::fs::write(&copy, generated(0).1 + "\nA later correction.\n").unwrap();
    assert!(replaced(&lib.import(&[copy]).unwrap()));
    assert_eq!(lib.entries().len(), 1000);
    // But two different pages that only their file names identify are both kept.
    let page = elsewhere.join(generated(3).0);
    std::fs::write(&page, "Page of notes\n\nSomething else entirely.\n").unwrap();
    let other = lib.import(&[page]).unwrap();
    match &other[0] {
        ImportEvent::Imported {
            replaced: None,
            entry,
            ..
        } => assert_eq!(entry.id, "downloaded-page-3-2"),
        e => panic!("{e:?}"),
    }
    assert_eq!(lib.entries().len(), 1001);
    // Loaded back from the library, every id is still unique and the counters kept.
    let loaded = lib.load();
    assert_eq!(loaded.reports.len(), 1001);
    let mut back: Vec<&str> = loaded.reports.iter().map(|r| r.id.as_str()).collect();
    back.sort_unstable();
    back.dedup();
    assert_eq!(back.len(), 1001);
    assert!(back.contains(&"downloaded-page-3-2"));
}
