//! The explorer's state: the last position, the bookmarks and the prompts' histories, in the
//! state dir
//! ([`crate::paths::Paths`]). Files are written atomically ([`crate::library::write_atomic`]); a
//! damaged bookmarks file is set aside, never overwritten; two explorers open at once both keep
//! their bookmarks.

use crate::corpus::Corpus;
use crate::library::write_atomic;
use crate::paths::Paths;
use crate::target::Target;
use crate::text::shown_path;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where the reader was: a report, and optionally a section and a paragraph in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Report id, e.g. `swansea-2018-07`.
    pub report: String,
    /// Section key ([`crate::model::Section::key`]), e.g. `3` or `methodology`.
    pub section: Option<String>,
    /// Paragraph id, e.g. `3.18`, `R5`, `O3`.
    pub paragraph: Option<String>,
}

/// A bookmarked paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub report: String,
    pub paragraph: String,
    /// Unix seconds.
    pub created: u64,
    /// What the list shows, e.g. the citation ([`crate::model::Report::citation`]).
    pub label: String,
}

/// Finds a saved place, as far as it still exists: a report removed since gives `None`; a section
/// or paragraph the report no longer has (say, after a parser change) gives the report, or the
/// report and section, so the explorer opens as close as it can.
pub fn locate(
    corpus: &Corpus,
    report: &str,
    section: Option<&str>,
    paragraph: Option<&str>,
) -> Option<Target> {
    let ri = corpus.reports.iter().position(|r| r.id == report)?;
    let r = &corpus.reports[ri];
    if let Some(pid) = paragraph {
        for (si, s) in r.sections.iter().enumerate() {
            if let Some(pi) = s.paragraphs.iter().position(|p| p.id == pid) {
                return Some(Target {
                    report: ri,
                    section: Some(si),
                    paragraph: Some(pi),
                    part: None,
                });
            }
        }
    }
    let section = section.and_then(|k| r.sections.iter().position(|s| s.key() == k));
    Some(Target {
        report: ri,
        section,
        paragraph: None,
        part: None,
    })
}

impl Position {
    /// Where this position is in `corpus`, as far as it still exists (see [`locate`]).
    pub fn locate(&self, corpus: &Corpus) -> Option<Target> {
        locate(
            corpus,
            &self.report,
            self.section.as_deref(),
            self.paragraph.as_deref(),
        )
    }
}

impl Bookmark {
    /// Where this bookmark is in `corpus`; `None` if its report is no longer there.
    pub fn locate(&self, corpus: &Corpus) -> Option<Target> {
        locate(corpus, &self.report, None, Some(&self.paragraph))
    }
}

/// The earlier queries of the explorer's prompts, oldest first: the search (`/`), the go-to
/// line (`:`) and the comparison's find line (`/` in the comparison).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histories {
    #[serde(default)]
    pub search: Vec<String>,
    #[serde(default)]
    pub goto: Vec<String>,
    #[serde(default)]
    pub find: Vec<String>,
    /// Report ids of the councils last compared from picks, offered again when nothing is
    /// picked.
    #[serde(default)]
    pub picks: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct BookmarksFile {
    bookmarks: Vec<Bookmark>,
}

/// The explorer's state: last position and bookmarks. Change it with the methods, then
/// [`State::save`] (writes only what changed, atomically).
#[derive(Debug, Clone, Default)]
pub struct State {
    dir: PathBuf,
    last: Option<Position>,
    bookmarks: Vec<Bookmark>,
    /// The bookmarks as last read or written: what this explorer added and removed since is
    /// the difference, and only that is applied to the file when saving, so two explorers
    /// open at once both keep their bookmarks.
    base: Vec<Bookmark>,
    history: Histories,
    last_dirty: bool,
    bookmarks_dirty: bool,
    history_dirty: bool,
}

/// The prompts' histories' file in the state dir.
pub const HISTORY_FILE: &str = "history.json";
/// Last position's file in the state dir.
pub const LAST_FILE: &str = "last.json";
/// Bookmarks' file in the state dir.
pub const BOOKMARKS_FILE: &str = "bookmarks.json";

impl State {
    /// Loads the state; missing files are an empty state. A damaged file gives a note (print it
    /// to stderr or the status line) and an empty part; a damaged bookmarks file is renamed to
    /// `bookmarks.json.damaged` first, so the user's bookmarks are never overwritten.
    pub fn load(paths: &Paths) -> (State, Vec<String>) {
        let mut notes = Vec::new();
        let dir = paths.state.clone();
        // Temp files of saves that were killed half-way (their process is gone).
        crate::library::sweep_temps(&dir);
        let last_path = dir.join(LAST_FILE);
        let last = match read_state_file(&last_path) {
            Ok(b) => match serde_json::from_slice::<Option<Position>>(&b) {
                Ok(p) => p,
                Err(e) => {
                    notes.push(format!(
                        "{}: damaged ({e}); starting at the top",
                        shown_path(&last_path)
                    ));
                    None
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                notes.push(format!("{}: cannot read it: {e}", shown_path(&last_path)));
                None
            }
        };
        let bm_path = dir.join(BOOKMARKS_FILE);
        let bookmarks = match read_state_file(&bm_path) {
            Ok(b) => match serde_json::from_slice::<BookmarksFile>(&b) {
                Ok(f) => f.bookmarks,
                Err(e) => {
                    let aside = set_aside(&bm_path);
                    notes.push(format!(
                        "{}: damaged ({e}); kept it as {} and started a new list",
                        shown_path(&bm_path),
                        shown_path(&aside)
                    ));
                    Vec::new()
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                notes.push(format!("{}: cannot read it: {e}", shown_path(&bm_path)));
                Vec::new()
            }
        };
        let history_path = dir.join(HISTORY_FILE);
        let history = match read_state_file(&history_path) {
            Ok(b) => serde_json::from_slice::<Histories>(&b).unwrap_or_else(|e| {
                notes.push(format!(
                    "{}: damaged ({e}); starting with no earlier queries",
                    shown_path(&history_path)
                ));
                Histories::default()
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Histories::default(),
            Err(e) => {
                notes.push(format!(
                    "{}: cannot read it: {e}",
                    shown_path(&history_path)
                ));
                Histories::default()
            }
        };
        (
            State {
                dir,
                last,
                base: bookmarks.clone(),
                bookmarks,
                history,
                last_dirty: false,
                bookmarks_dirty: false,
                history_dirty: false,
            },
            notes,
        )
    }

    /// Writes what changed since the last load or save. On error the state stays dirty.
    pub fn save(&mut self) -> io::Result<()> {
        if self.last_dirty {
            let json = serde_json::to_vec_pretty(&self.last).map_err(io::Error::other)?;
            write_atomic(&self.dir.join(LAST_FILE), &json)?;
            self.last_dirty = false;
        }
        if self.history_dirty {
            let json = serde_json::to_vec_pretty(&self.history).map_err(io::Error::other)?;
            write_atomic(&self.dir.join(HISTORY_FILE), &json)?;
            self.history_dirty = false;
        }
        if self.bookmarks_dirty {
            fs::create_dir_all(&self.dir)?;
            // One saver at a time: read, merge and write are one step.
            let _lock = crate::library::lock_dir(&self.dir)?;
            let path = self.dir.join(BOOKMARKS_FILE);
            // What is on disk now (another explorer may have saved since we read it); if it
            // cannot be read, what we read then.
            let on_disk = read_state_file(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<BookmarksFile>(&b).ok())
                .map_or_else(|| self.base.clone(), |f| f.bookmarks);
            let merged = merge_bookmarks(&self.base, &self.bookmarks, on_disk);
            let file = BookmarksFile { bookmarks: merged };
            let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
            write_atomic(&path, &json)?;
            self.bookmarks = file.bookmarks;
            self.base = self.bookmarks.clone();
            self.bookmarks_dirty = false;
        }
        Ok(())
    }

    /// Where the reader was when last saved.
    pub fn last(&self) -> Option<&Position> {
        self.last.as_ref()
    }

    /// Records where the reader is (call on every move; [`State::save`] on quit).
    pub fn set_last(&mut self, position: Position) {
        if self.last.as_ref() != Some(&position) {
            self.last = Some(position);
            self.last_dirty = true;
        }
    }

    /// The prompts' earlier queries, as last saved or set.
    pub fn histories(&self) -> &Histories {
        &self.history
    }

    /// Records the prompts' histories ([`State::save`] writes them).
    pub fn set_histories(&mut self, history: Histories) {
        if self.history != history {
            self.history = history;
            self.history_dirty = true;
        }
    }

    /// Bookmarks, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn is_bookmarked(&self, report: &str, paragraph: &str) -> bool {
        self.bookmarks
            .iter()
            .any(|b| b.report == report && b.paragraph == paragraph)
    }

    /// Bookmarks a paragraph; false (and nothing changes) if it already is.
    pub fn add_bookmark(&mut self, report: &str, paragraph: &str, label: &str) -> bool {
        if self.is_bookmarked(report, paragraph) {
            return false;
        }
        self.bookmarks.push(Bookmark {
            report: report.to_string(),
            paragraph: paragraph.to_string(),
            created: crate::library::unix_now(),
            label: label.to_string(),
        });
        self.bookmarks_dirty = true;
        true
    }

    /// Removes a bookmark; false if there was none.
    pub fn remove_bookmark(&mut self, report: &str, paragraph: &str) -> bool {
        let before = self.bookmarks.len();
        self.bookmarks
            .retain(|b| !(b.report == report && b.paragraph == paragraph));
        let removed = self.bookmarks.len() != before;
        self.bookmarks_dirty |= removed;
        removed
    }

    /// `m`: bookmarks the paragraph, or removes its bookmark. Returns whether it is now bookmarked.
    pub fn toggle_bookmark(&mut self, report: &str, paragraph: &str, label: &str) -> bool {
        if self.remove_bookmark(report, paragraph) {
            false
        } else {
            self.add_bookmark(report, paragraph, label)
        }
    }

    /// Whether [`State::save`] has anything to write.
    pub fn is_dirty(&self) -> bool {
        self.last_dirty || self.bookmarks_dirty || self.history_dirty
    }
}

/// `theirs` (the file now) with what changed from `base` to `ours` applied: our removals
/// removed, our additions appended; everything else as they have it.
/// Linear in the number of bookmarks (sets of keys, not a scan per bookmark).
fn merge_bookmarks(base: &[Bookmark], ours: &[Bookmark], theirs: Vec<Bookmark>) -> Vec<Bookmark> {
    fn keys(list: &[Bookmark]) -> HashSet<(&str, &str)> {
        list.iter()
            .map(|b| (b.report.as_str(), b.paragraph.as_str()))
            .collect()
    }
    let key = |b: &Bookmark| (b.report.clone(), b.paragraph.clone());
    let (in_base, in_ours) = (keys(base), keys(ours));
    let has = |set: &HashSet<(&str, &str)>, b: &Bookmark| {
        set.contains(&(b.report.as_str(), b.paragraph.as_str()))
    };
    let mut merged: Vec<Bookmark> = theirs
        .into_iter()
        // Kept unless we had it and removed it.
        .filter(|b| !has(&in_base, b) || has(&in_ours, b))
        .collect();
    let mut in_merged: HashSet<(String, String)> = merged.iter().map(key).collect();
    for b in ours {
        if !has(&in_base, b) && in_merged.insert(key(b)) {
            merged.push(b.clone());
        }
    }
    merged
}

/// Reads a state file with the one input reader (a FIFO or device in its place is refused, not
/// waited on), as an `io::Result` so that a missing file is told apart.
fn read_state_file(path: &Path) -> io::Result<Vec<u8>> {
    crate::input::read_limited(path, STATE_LIMIT).map_err(|e| match e {
        crate::input::InputError::Io(e) => e,
        e => io::Error::other(e.to_string()),
    })
}

/// The most a state file may weigh (10,000 bookmarks are about 2 MB).
const STATE_LIMIT: u64 = 64 << 20;

/// Renames a damaged file out of the way (`NAME.damaged`, or `NAME.damaged-N` if taken).
fn set_aside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut aside = path.with_file_name(format!("{name}.damaged"));
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{name}.damaged-{n}"));
        n += 1;
    }
    let _ = fs::rename(path, &aside);
    aside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histories_are_saved_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        let (mut s, notes) = State::load(&paths);
        assert!(notes.is_empty());
        assert_eq!(s.histories(), &Histories::default());
        let h = Histories {
            search: vec!["eotas".into(), "placement stability".into()],
            goto: vec!["swansea#R5".into()],
            find: vec!["IRO".into()],
            picks: vec!["swansea-2018-07".into(), "pembrokeshire-2018-09".into()],
        };
        s.set_histories(h.clone());
        assert!(s.is_dirty());
        s.save().unwrap();
        assert!(!s.is_dirty());
        let (again, _) = State::load(&paths);
        assert_eq!(again.histories(), &h);
        // A damaged file is a note and an empty history, never a failure to start.
        std::fs::write(paths.state.join(HISTORY_FILE), b"{ not json").unwrap();
        let (damaged, notes) = State::load(&paths);
        assert_eq!(damaged.histories(), &Histories::default());
        assert!(notes[0].contains("history.json: damaged"), "{notes:?}");
    }

    #[test]
    fn two_explorers_at_once_both_keep_their_bookmarks() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        let (mut first, _) = State::load(&paths);
        first.add_bookmark("swansea-2018-07", "3.18", "kept by both");
        first.add_bookmark("swansea-2018-07", "R5", "removed by a");
        first.save().unwrap();
        // Two explorers open on the same state.
        let (mut a, _) = State::load(&paths);
        let (mut b, _) = State::load(&paths);
        assert!(a.add_bookmark("pembrokeshire-2018-09", "O3", "added by a"));
        assert!(a.remove_bookmark("swansea-2018-07", "R5"));
        assert!(b.add_bookmark("pembrokeshire-2018-09", "4.2", "added by b"));
        a.save().unwrap();
        b.save().unwrap();
        let ids = |s: &State| -> Vec<String> {
            s.bookmarks()
                .iter()
                .map(|b| format!("{}#{}", b.report, b.paragraph))
                .collect()
        };
        let want = [
            "swansea-2018-07#3.18",
            "pembrokeshire-2018-09#O3",
            "pembrokeshire-2018-09#4.2",
        ];
        assert_eq!(ids(&State::load(&paths).0), want);
        assert_eq!(ids(&b), want, "the saver sees the merged list");
        // b removes what a added; a, saving again with nothing new, does not bring it back.
        assert!(b.remove_bookmark("pembrokeshire-2018-09", "O3"));
        b.save().unwrap();
        a.set_last(Position {
            report: "swansea-2018-07".into(),
            section: None,
            paragraph: None,
        });
        a.save().unwrap();
        assert_eq!(
            ids(&State::load(&paths).0),
            ["swansea-2018-07#3.18", "pembrokeshire-2018-09#4.2"]
        );
    }

    #[test]
    fn state_round_trip() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        let (mut s, notes) = State::load(&paths);
        assert!(notes.is_empty() && s.last().is_none() && s.bookmarks().is_empty());
        assert!(!s.is_dirty());
        let pos = Position {
            report: "swansea-2018-07".into(),
            section: Some("3".into()),
            paragraph: Some("3.18".into()),
        };
        s.set_last(pos.clone());
        assert!(s.add_bookmark("swansea-2018-07", "3.18", "para 3.18"));
        assert!(!s.add_bookmark("swansea-2018-07", "3.18", "again"));
        assert!(s.add_bookmark("pembrokeshire-2018-09", "R5", "area 5"));
        assert!(!s.toggle_bookmark("pembrokeshire-2018-09", "R5", ""));
        assert!(s.toggle_bookmark("pembrokeshire-2018-09", "O3", "finding 3"));
        s.save().unwrap();
        assert!(!s.is_dirty());

        let (back, notes) = State::load(&paths);
        assert!(notes.is_empty());
        assert_eq!(back.last(), Some(&pos));
        let ids: Vec<(&str, &str)> = back
            .bookmarks()
            .iter()
            .map(|b| (b.report.as_str(), b.paragraph.as_str()))
            .collect();
        assert_eq!(
            ids,
            [("swansea-2018-07", "3.18"), ("pembrokeshire-2018-09", "O3")]
        );
        assert!(back.bookmarks()[0].created > 1_600_000_000);
        assert_eq!(back.bookmarks()[0].label, "para 3.18");
    }

    #[test]
    fn positions_are_located_as_far_as_they_still_exist() {
        let corpus = Corpus::samples();
        let at = |report: &str, section: Option<&str>, paragraph: Option<&str>| {
            Position {
                report: report.into(),
                section: section.map(Into::into),
                paragraph: paragraph.map(Into::into),
            }
            .locate(&corpus)
        };
        let l = at("swansea-2018-07", Some("3"), Some("3.2")).unwrap();
        let r = &corpus.reports[l.report];
        assert_eq!(r.id, "swansea-2018-07");
        let s = &r.sections[l.section.unwrap()];
        assert_eq!(s.key(), "3");
        assert_eq!(s.paragraphs[l.paragraph.unwrap()].id, "3.2");
        // A paragraph that is gone: the section still opens.
        let l = at("swansea-2018-07", Some("3"), Some("3.999")).unwrap();
        assert_eq!(r.sections[l.section.unwrap()].key(), "3");
        assert_eq!(l.paragraph, None);
        // A report that is gone: nowhere.
        assert_eq!(at("cardiff-2019-01", Some("3"), Some("3.2")), None);
        let b = Bookmark {
            report: "pembrokeshire-2018-09".into(),
            paragraph: "R1".into(),
            created: 0,
            label: String::new(),
        };
        let l = b.locate(&corpus).unwrap();
        let r = &corpus.reports[l.report];
        assert_eq!(
            r.sections[l.section.unwrap()].paragraphs[l.paragraph.unwrap()].id,
            "R1"
        );
    }

    #[test]
    fn damaged_bookmarks_are_set_aside_not_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        fs::create_dir_all(&paths.state).unwrap();
        fs::write(paths.state.join(BOOKMARKS_FILE), b"{ \"bookmarks\": [ {").unwrap();
        fs::write(paths.state.join(LAST_FILE), b"garbage").unwrap();
        let (mut s, notes) = State::load(&paths);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(s.bookmarks().is_empty() && s.last().is_none());
        let aside = paths.state.join("bookmarks.json.damaged");
        assert_eq!(fs::read(&aside).unwrap(), b"{ \"bookmarks\": [ {");
        s.add_bookmark("a", "1.1", "x");
        s.save().unwrap();
        assert_eq!(fs::read(&aside).unwrap(), b"{ \"bookmarks\": [ {");
        assert_eq!(State::load(&paths).0.bookmarks().len(), 1);
    }

    #[test]
    fn temp_files_of_killed_saves_are_swept_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(tmp.path());
        fs::create_dir_all(&paths.state).unwrap();
        // A save killed half-way (a process long gone), one in flight (this one), a user file.
        let dead = paths.state.join(".bookmarks.json.tmp-999999999-0");
        let live = paths
            .state
            .join(format!(".last.json.tmp-{}-7", std::process::id()));
        let mine = paths.state.join("notes.tmp-1-2");
        for p in [&dead, &live, &mine] {
            fs::write(p, "x").unwrap();
        }
        let _ = State::load(&paths);
        assert!(!dead.exists());
        assert!(live.exists() && mine.exists());
    }

    #[test]
    fn merging_ten_thousand_bookmarks_keeps_each_change_once() {
        let mark = |i: usize| Bookmark {
            report: format!("r{}", i % 100),
            paragraph: format!("{i}"),
            created: 0,
            label: String::new(),
        };
        let base: Vec<Bookmark> = (0..10_000).map(mark).collect();
        // Ours: one removed, one added; theirs: another added meanwhile, and ours too.
        let mut ours = base.clone();
        ours.remove(5);
        ours.push(mark(10_001));
        let mut theirs = base.clone();
        theirs.push(mark(10_002));
        theirs.push(mark(10_001));
        let merged = merge_bookmarks(&base, &ours, theirs);
        assert_eq!(merged.len(), 10_001);
        assert!(!merged.iter().any(|b| b.paragraph == "5"));
        assert_eq!(merged.iter().filter(|b| b.paragraph == "10001").count(), 1);
        assert!(merged.iter().any(|b| b.paragraph == "10002"));
    }
}
