//! The search worker: a thread that owns the search index and answers queries, and the state
//! of the search as the explorer sees it (the query, its generation, the hits shown).
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
use crate::tui::app::ListState;
use crate::tui::line_edit::LineEditor;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
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

/// The search overlay's state, and the hits `n`/`N` step through after it closes.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query line as typed, with its history (Up/Down, kept with the state).
    pub editor: LineEditor,
    /// Generation of the newest query (bumped on every edit).
    pub generation: u64,
    /// Generation of the hits shown.
    pub shown: u64,
    /// The query the hits shown answer.
    pub shown_query: String,
    pub hits: Vec<Hit>,
    /// Paragraphs with every word, and with only some, in all (the hits hold the best).
    pub complete: usize,
    pub partial: usize,
    /// Why the query lists nothing although its words are everywhere (only stop words).
    pub notice: Option<String>,
    /// Selection in the hit list.
    pub list: ListState,
    /// The hit last opened (Enter, `n`, `N`), index into `hits`.
    pub current: Option<usize>,
    /// Why the query selects nothing, e.g. an unknown `in:` council.
    pub error: Option<String>,
    /// The index is built.
    pub ready: bool,
    /// Paragraphs indexed, once ready.
    pub paragraphs: usize,
    /// How long the index took to build, and the last query to run.
    pub build_time: Option<Duration>,
    pub query_time: Option<Duration>,
    /// Results that arrived for a query no longer current, and were dropped.
    pub dropped: usize,
    /// How many hits of the newest query were asked for (more as the list nears its end).
    pub asked: usize,
    /// The library the explorer's reports come from, if they do: its stored index is used.
    pub library: Option<PathBuf>,
    /// The words the shown hits matched, highlighted in the reader and the comparison once a
    /// hit is opened, until the search is cleared ([`SearchState::marks`]).
    pub highlight: Highlighter,
    engine: Option<Arc<Engine>>,
}

impl SearchState {
    /// The query as typed.
    pub fn query(&self) -> &str {
        self.editor.text()
    }

    /// Starts the worker if it is not running yet.
    pub fn start(&mut self, corpus: &Arc<Corpus>) {
        if self.engine.is_some() {
            return;
        }
        match Engine::start(Arc::clone(corpus), self.library.clone()) {
            Ok(e) => self.engine = Some(Arc::new(e)),
            Err(e) => self.error = Some(format!("search is unavailable: {e}")),
        }
    }

    /// What to highlight in the text: the shown query's words, once a hit has been opened
    /// (Enter, `n`, `N`) and until a new search or [`SearchState::clear_marks`].
    pub fn marks(&self) -> Option<&Highlighter> {
        self.current
            .is_some()
            .then_some(&self.highlight)
            .filter(|h| !h.is_empty())
    }

    /// Stops highlighting (`Esc` in the reader); `n`/`N` still step through the hits.
    pub fn clear_marks(&mut self) -> bool {
        let had = self.marks().is_some();
        if let Some(c) = self.current.take() {
            self.list.selected = c;
        }
        had
    }

    /// The words `text` stands for, expanded as the search expands a query's (typos, prefixes,
    /// singulars, acronyms: [`SearchIndex::highlighter`]), once the index is built; `None`
    /// before, or when no word of it is in the reports.
    pub fn expand(&self, text: &str) -> Option<Highlighter> {
        let engine = self.engine.as_ref()?;
        let index = engine.index.lock().ok()?.clone()?;
        let h = index.highlighter(&Query::parse(text));
        (!h.is_empty()).then_some(h)
    }

    /// Whether a worker is running.
    pub fn started(&self) -> bool {
        self.engine.is_some()
    }

    /// True while the index is being built or the newest query's hits have not arrived.
    pub fn pending(&self) -> bool {
        self.engine.is_some() && (!self.ready || self.shown != self.generation)
    }

    /// The query changed: a new generation, sent to the worker. An empty query clears the
    /// hits at once.
    pub fn submit(&mut self) {
        self.generation += 1;
        // A new query: the hits' filter was for the old hits.
        self.list.filter.clear();
        if self.query().trim().is_empty() {
            self.accept(
                self.generation,
                String::new(),
                Results::default(),
                None,
                None,
            );
            return;
        }
        self.asked = LIMIT;
        self.send(self.query().to_string());
    }

    /// Paragraphs that match the shown query in all, fetched or not.
    pub fn total(&self) -> usize {
        self.complete + self.partial
    }

    /// Asks the worker for the next [`LIMIT`] hits of the shown query, if it has more and they
    /// are not asked for yet. They extend the list, its selection kept, when they arrive.
    /// Returns whether more were asked for.
    pub fn more(&mut self) -> bool {
        let have = self.hits.len();
        if self.pending()
            || have == 0
            || have >= self.total()
            || self.asked > have
            || self.list.filter.is_active()
        {
            return false;
        }
        self.asked = have + LIMIT;
        self.send(self.shown_query.clone());
        self.engine.is_some()
    }

    /// Whether more hits of the shown query have been asked for and not arrived yet.
    pub fn fetching(&self) -> bool {
        self.engine.is_some() && self.asked > self.hits.len() && self.hits.len() < self.total()
    }

    fn send(&mut self, query: String) {
        if let Some(e) = &self.engine {
            let req = Request {
                generation: self.generation,
                query,
                limit: self.asked.max(LIMIT),
            };
            if e.tx.send(req).is_err() {
                self.engine = None;
                self.error = Some("search stopped unexpectedly; restart ciw to search".into());
            }
        }
    }

    fn accept(
        &mut self,
        generation: u64,
        query: String,
        results: Results,
        error: Option<String>,
        took: Option<Duration>,
    ) {
        self.shown = generation;
        self.shown_query = query;
        self.hits = results.hits;
        // Nothing more asked for yet: `fetching` waits for a `more`.
        self.asked = self.hits.len();
        self.complete = results.complete;
        self.partial = results.partial;
        self.notice = results.notice.map(|n| n.to_string());
        self.error = error;
        self.query_time = took;
        // The hits' filter stays (Ctrl-f may have been pressed before these hits arrived).
        let filter = std::mem::take(&mut self.list.filter);
        self.list = ListState {
            filter,
            ..ListState::default()
        };
        self.current = None;
    }

    /// Takes in one answer of the worker. Hits of any query but the newest are dropped.
    /// Returns whether anything shown changed.
    pub fn receive(&mut self, r: Response) -> bool {
        match r {
            Response::Ready { paragraphs, took } => {
                self.ready = true;
                self.paragraphs = paragraphs;
                self.build_time = Some(took);
                true
            }
            Response::Hits {
                generation,
                query,
                hits,
                complete,
                partial,
                notice,
                error,
                took,
                highlight,
            } => {
                if generation != self.generation {
                    self.dropped += 1;
                    return false;
                }
                if generation == self.shown && query == self.shown_query {
                    // More hits of the query shown: the list grows, where it is stays.
                    self.asked = hits.len().max(self.hits.len());
                    if hits.len() <= self.hits.len() {
                        return false;
                    }
                    self.hits = hits;
                    self.complete = complete;
                    self.partial = partial;
                    return true;
                }
                let results = Results {
                    hits,
                    complete,
                    partial,
                    notice: None,
                };
                self.accept(generation, query, results, error, Some(took));
                self.notice = notice;
                self.highlight = highlight;
                true
            }
        }
    }

    /// How many of the hits have every word (they come first).
    pub fn complete_shown(&self) -> usize {
        self.hits.iter().take_while(|h| !h.partial).count()
    }

    /// Takes in whatever the worker has sent, without waiting. Returns whether to redraw.
    pub fn poll(&mut self) -> bool {
        let Some(engine) = self.engine.clone() else {
            return false;
        };
        let mut changed = false;
        loop {
            let next = match engine.rx.lock() {
                Ok(rx) => rx.try_recv(),
                Err(_) => Err(TryRecvError::Disconnected),
            };
            match next {
                Ok(r) => changed |= self.receive(r),
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    self.engine = None;
                    self.error = Some("search stopped unexpectedly; restart ciw to search".into());
                    return true;
                }
            }
        }
    }

    /// Waits up to `timeout` for the newest query's hits, and any more asked for (tests, and
    /// scripted use). Returns
    /// whether they arrived.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.pending() || self.fetching() {
            let Some(engine) = self.engine.clone() else {
                return false;
            };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            let next = match engine.rx.lock() {
                Ok(rx) => rx.recv_timeout(left),
                Err(_) => Err(RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(r) => {
                    self.receive(r);
                }
                Err(RecvTimeoutError::Timeout) => return false,
                Err(RecvTimeoutError::Disconnected) => {
                    self.engine = None;
                    return false;
                }
            }
        }
        true
    }
}

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

    fn hit(text: &str) -> Hit {
        Hit {
            report: "r".into(),
            authority: "A".into(),
            link: "a#1.1".into(),
            paragraph: "1.1".into(),
            section: "S".into(),
            subsection: None,
            theme: None,
            pages: None,
            score: 1.0,
            text: text.into(),
            matches: vec![],
            report_index: 0,
            partial: false,
            weights: vec![],
            acronyms: vec![],
        }
    }

    fn answer(generation: u64, query: &str, hits: Vec<Hit>) -> Response {
        Response::Hits {
            generation,
            query: query.into(),
            complete: hits.len(),
            partial: 0,
            notice: None,
            hits,
            error: None,
            took: Duration::ZERO,
            highlight: Default::default(),
        }
    }

    #[test]
    fn stale_results_are_dropped() {
        let mut s = SearchState::default();
        s.editor.set_text("pl");
        s.submit();
        s.editor.set_text("pla");
        s.submit();
        assert_eq!(s.generation, 2);
        // The answer to "pl" arrives after "pla" was typed: dropped.
        assert!(!s.receive(answer(1, "pl", vec![hit("old")])));
        assert!(s.hits.is_empty());
        assert_eq!(s.dropped, 1);
        assert!(s.receive(answer(2, "pla", vec![hit("new")])));
        assert_eq!(&*s.hits[0].text, "new");
        assert_eq!(s.shown_query, "pla");
        // An answer to an older generation never replaces newer hits.
        assert!(!s.receive(answer(1, "pl", vec![hit("old")])));
        assert_eq!(&*s.hits[0].text, "new");
        // Clearing the query clears the hits at once, and late answers stay out.
        s.editor.clear();
        s.submit();
        assert!(s.hits.is_empty());
        assert!(!s.receive(answer(2, "pla", vec![hit("new")])));
        assert!(s.hits.is_empty());
    }

    #[test]
    fn the_worker_answers_only_the_newest_query() {
        let mut s = SearchState::default();
        s.start(&Arc::new(Corpus::samples()));
        for q in ["E", "EO", "EOT", "EOTA", "EOTAS"] {
            s.editor.set_text(q);
            s.submit();
        }
        assert!(s.wait(Duration::from_secs(30)));
        assert_eq!(s.shown_query, "EOTAS");
        assert_eq!(s.shown, 5);
        assert!(!s.hits.is_empty());
        assert!(s.hits[0].link.ends_with("#R5"), "{}", s.hits[0].link);
    }
}
