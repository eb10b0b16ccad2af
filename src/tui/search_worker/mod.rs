//! The search worker: a thread that owns the search index and answers queries; the state of the
//! search as the explorer sees it (the query, its generation, the hits shown) is [`SearchState`]
//! (`state.rs`).
//!
//! Typing never waits for a search. The index is built, and every query run, on a worker thread
//! ([`Engine`]): each keystroke bumps a generation number and sends the query; the worker skips
//! to the newest query it has been sent, and the UI keeps a result only if its generation is the
//! current one ([`SearchState::receive`]), so results of a stale query are dropped. Building the
//! index takes about 0.5 s per 10k paragraphs and a query 1-50 ms (10k-100k paragraphs,
//! `examples/search_latency.rs`); neither ever holds up a keystroke or a frame.

use crate::corpus::Corpus;
use crate::library::Library;
use crate::search::{Highlighter, Hit, Query, Results, SearchIndex};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Hits fetched per query at first, and how many more each time the list or `n`/`N` nears the
/// end of those fetched ([`SearchState::more`]), as fzf does.
pub const LIMIT: usize = 100;

/// A query for the worker.
#[derive(Debug, Clone)]
pub struct Request {
    pub generation: u64,
    pub query: String,
    /// How many hits to send back, at most.
    pub limit: usize,
}

/// What the worker sends back.
#[derive(Debug, Clone)]
pub enum Response {
    /// The index is built.
    Ready { paragraphs: usize, took: Duration },
    /// The hits of one query.
    Hits {
        generation: u64,
        query: String,
        hits: Vec<Hit>,
        /// Paragraphs with every word, and with only some, in all.
        complete: usize,
        partial: usize,
        /// Why nothing is listed (only stop words...), if so.
        notice: Option<String>,
        /// Why the query selects nothing (`in:nowhere`), if it does not.
        error: Option<String>,
        took: Duration,
        /// The words to highlight in the text read after opening a hit.
        highlight: Highlighter,
    },
}

/// The worker thread that owns the index: queries in, hits out. Dropping the engine ends it.
pub struct Engine {
    tx: Sender<Request>,
    rx: Mutex<Receiver<Response>>,
    /// The worker's index once built, shared so a front end can expand words with it
    /// ([`SearchState::expand`]) without waiting for the worker.
    index: Arc<Mutex<Option<Arc<SearchIndex>>>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Engine")
    }
}

impl Engine {
    /// Starts the worker: it gets its index (the library's stored one when `library` holds
    /// exactly the reports of `corpus`, else one it builds from `corpus`) and answers queries.
    pub fn start(corpus: Arc<Corpus>, library: Option<PathBuf>) -> std::io::Result<Engine> {
        let (tx, requests) = mpsc::channel::<Request>();
        let (answers, rx) = mpsc::channel::<Response>();
        let shared: Arc<Mutex<Option<Arc<SearchIndex>>>> = Arc::default();
        let slot = Arc::clone(&shared);
        let share = move |index: &Arc<SearchIndex>| {
            if let Ok(mut s) = slot.lock() {
                *s = Some(Arc::clone(index));
            }
        };
        std::thread::Builder::new()
            .name("ciw-search".into())
            .spawn(move || {
                let t = Instant::now();
                let index = Arc::new(index_for(&corpus, library.as_deref()));
                share(&index);
                let ready = Response::Ready {
                    paragraphs: index.len(),
                    took: t.elapsed(),
                };
                if answers.send(ready).is_err() {
                    return;
                }
                let mut index = index;
                while let Ok(mut req) = requests.recv() {
                    // Only the newest query matters: skip those typed over meanwhile.
                    while let Ok(newer) = requests.try_recv() {
                        req = newer;
                    }
                    let t = Instant::now();
                    let q = Query::parse(&req.query);
                    let error = index.check(&q).err().map(|e| e.to_string());
                    let results = match index.try_search(&q, req.limit) {
                        Ok(r) => r,
                        // The stored index is damaged where this query read it: build it
                        // again from the reports (stored for next time), and search that.
                        Err(_) => {
                            index = Arc::new(rebuild(&corpus, library.as_deref()));
                            share(&index);
                            index.try_search(&q, req.limit).unwrap_or_default()
                        }
                    };
                    let highlight = index.highlighter(&q);
                    let Results {
                        hits,
                        complete,
                        partial,
                        notice,
                    } = results;
                    let answer = Response::Hits {
                        generation: req.generation,
                        query: req.query,
                        hits,
                        complete,
                        partial,
                        notice: notice.map(|n| n.to_string()),
                        highlight,
                        error,
                        took: t.elapsed(),
                    };
                    if answers.send(answer).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Engine {
            tx,
            rx: Mutex::new(rx),
            index: shared,
        })
    }
}

/// The index for the explorer's reports. When they are the library's: its stored index if
/// fresh, else one built here and stored for the next start and for `ciw search`. Either way
/// it reads the texts from `corpus` ([`SearchIndex::share_texts`]), so they are held once.
/// Notes are dropped: the terminal belongs to the explorer.
fn index_for(corpus: &Arc<Corpus>, library: Option<&Path>) -> SearchIndex {
    let lib = library
        .and_then(|dir| Library::open(dir).ok())
        .map(|(lib, _)| lib)
        .filter(|lib| same_reports(lib, corpus));
    let stored = lib
        .as_ref()
        .and_then(|lib| lib.stored_search_index(Some(corpus)).0);
    if let Some(index) = stored {
        // Read with `corpus` at hand: its texts were shared if they are the stored ones.
        return index;
    }
    build(corpus, lib.as_ref())
}

/// A new index of `corpus`, stored in `lib` when given, its texts shared with `corpus`.
fn build(corpus: &Arc<Corpus>, lib: Option<&Library>) -> SearchIndex {
    let mut index = SearchIndex::new(corpus);
    if let Some(lib) = lib {
        let _ = lib.store_search_index(&index);
    }
    index.share_texts(Arc::clone(corpus));
    index
}

/// [`build`], for the library's reports when `corpus` is them.
fn rebuild(corpus: &Arc<Corpus>, library: Option<&Path>) -> SearchIndex {
    let lib = library
        .and_then(|dir| Library::open(dir).ok())
        .map(|(lib, _)| lib)
        .filter(|lib| same_reports(lib, corpus));
    build(corpus, lib.as_ref())
}

/// Whether `corpus` is all of `lib`'s reports (so an index of one is an index of the other).
fn same_reports(lib: &Library, corpus: &Corpus) -> bool {
    let mut want: Vec<&str> = lib.entries().iter().map(|e| e.id.as_str()).collect();
    let mut have: Vec<&str> = corpus.reports.iter().map(|r| r.id.as_str()).collect();
    want.sort_unstable();
    have.sort_unstable();
    !want.is_empty() && want == have
}

mod state;
pub use state::SearchState;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_index_serves_only_the_library_reports() {
        let tmp = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = crate::corpus::SAMPLES
            .iter()
            .map(|(name, text)| {
                let p = tmp.path().join(name);
                std::fs::write(&p, text).unwrap();
                p
            })
            .collect();
        let dir = tmp.path().join("lib");
        let (mut lib, _) = Library::open(&dir).unwrap();
        lib.import(&files).unwrap();
        let stored = dir.join(crate::library::SEARCH_INDEX);
        let corpus = Arc::new(Corpus::new(lib.load().reports));
        let built = SearchIndex::new(&corpus);
        let q = Query::parse("placement stability");
        // No index stored yet: built here, stored, texts shared.
        assert!(!stored.exists());
        let index = index_for(&corpus, Some(&dir));
        assert!(stored.is_file(), "stored for next time");
        assert_eq!(index.search(&q, 20), built.search(&q, 20));
        // Stored: read back, the same answers.
        let index = index_for(&corpus, Some(&dir));
        assert_eq!(index.search(&q, 20), built.search(&q, 20));
        // Other reports than the library's: built from them, the library's index untouched.
        let one = Arc::new(Corpus::new(vec![corpus.reports[0].clone()]));
        let before = std::fs::read(&stored).unwrap();
        let index = index_for(&one, Some(&dir));
        assert_eq!(index.report_count(), 1);
        assert_eq!(std::fs::read(&stored).unwrap(), before);
        assert_eq!(index_for(&corpus, None).len(), built.len());
        assert_eq!(
            index_for(&corpus, Some(&tmp.path().join("none"))).len(),
            built.len()
        );
    }
}
