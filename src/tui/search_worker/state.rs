//! The search as the explorer sees it: the query line, its generation, the hits shown and
//! opened, and the words they matched; it sends queries to the [`Engine`] and keeps only the
//! answers to the newest.

use super::{Engine, Request, Response, LIMIT};
use crate::corpus::Corpus;
use crate::search::{Highlighter, Hit, Query, Results};
use crate::tui::app::ListState;
use crate::tui::line_edit::LineEditor;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// singulars, acronyms: [`crate::search::SearchIndex::highlighter`]), once the index is built; `None`
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
    use crate::search::Hit;

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
