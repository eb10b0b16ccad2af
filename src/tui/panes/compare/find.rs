//! `/` in the comparison: finds words in the compared section, as `less` finds a pattern in
//! its file. The words are highlighted in every column as they are typed, expanded as the
//! reader's highlighting expands a search's (typos, prefixes, acronyms: the search's index,
//! [`crate::tui::search_worker::SearchState::expand`], once built; the words as typed before).
//! The line keeps a readline history, saved with the state. Enter selects the first paragraph
//! after the selection that has one, and `n`/`N` step through those paragraphs across the
//! councils.
//! `Esc` turns the highlights off, a second `Esc` closes the comparison.

use super::columns::keep_column_visible;
use super::scroll_to_anchor;
use crate::compare::Comparison;
use crate::search::token;
use crate::search::Highlighter;
use crate::text::for_terminal;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::command::{Command, Commands};
use crate::tui::keymap::Scope;
use crate::tui::line_edit::{is_enter, Edit, LineEditor};
use crate::tui::panes::prompt::{self, Prompt};
use crossterm::event::KeyEvent;

/// The find line and the words it highlights.
#[derive(Debug, Clone, Default)]
pub struct Find {
    /// The line typed after `/`, with its history.
    pub editor: LineEditor,
    /// The query last accepted with Enter.
    query: String,
    /// The words highlighted: those being typed while the line is open, else the query's.
    marks: Option<Highlighter>,
}

impl Find {
    /// The words to highlight in the columns, if any.
    pub fn marks(&self) -> Option<&Highlighter> {
        self.marks.as_ref()
    }

    /// Turns the highlights off; false when there were none.
    pub fn clear(&mut self) -> bool {
        self.query.clear();
        self.marks.take().is_some()
    }
}

/// What `text` highlights: its words as the search expands them (so "IRO" also finds
/// "Independent Reviewing Officer", as in the reader) once the index is built, else its words
/// as typed; `None` for no words.
fn highlighter(app: &App, text: &str) -> Option<Highlighter> {
    app.search.expand(text).or_else(|| literal(text))
}

/// The folded words of `text`, as the search tokenizer folds them; `None` for no words.
fn literal(text: &str) -> Option<Highlighter> {
    let mut words: Vec<String> = Vec::new();
    let (mut a, mut b) = (String::new(), String::new());
    token::tokenize(text, &mut a, &mut b, |t| words.push(t.text.to_string()));
    (!words.is_empty()).then(|| Highlighter::from_words(words))
}

/// `/`: opens the find line on the status line; the last query comes back selected.
pub fn open(app: &mut App) -> Commands {
    app.compare.find.editor.reopen();
    // The search's index expands the words; its worker starts if it has not.
    Commands::from([Command::StartSearch, Command::OpenPrompt(Prompt::Find)])
}

/// A paste into the find line.
pub fn paste(app: &mut App, text: &str) {
    app.compare.find.editor.insert_str(text);
}

/// A key at the find line, and what it asks for.
pub fn key(app: &mut App, key: &KeyEvent) -> Commands {
    if prompt::cancels(key) {
        app.compare.find.marks = highlighter(app, &app.compare.find.query);
        return Command::ClosePrompt.into();
    } else if is_enter(key) {
        let text = app.compare.find.editor.commit();
        let marks = highlighter(app, &text);
        let f = &mut app.compare.find;
        f.query = text.clone();
        f.marks = marks;
        let mut close = Commands::from(Command::ClosePrompt);
        if !text.trim().is_empty() {
            close.push(Command::SaveHistories);
        }
        if f.marks.is_some() {
            return close.then(step(app, true, true));
        }
        return close;
    } else if app.compare.find.editor.handle_key(key) == Edit::Changed {
        app.compare.find.marks = highlighter(app, app.compare.find.editor.text());
    }
    Commands::none()
}

/// Every paragraph and area for development of the comparison in reading order, column by
/// column: (column, anchor, whether it has a highlighted word).
fn places(c: &Comparison, marks: &Highlighter) -> Vec<(usize, String, bool)> {
    let hit = |text: &str| !marks.ranges(&for_terminal(text)).is_empty();
    let mut out = Vec::new();
    for (ci, col) in c.columns.iter().enumerate() {
        for r in &col.recommendations {
            out.push((ci, format!("R{}", r.number), hit(&r.text)));
        }
        for g in &col.groups {
            for &pi in &g.indices {
                if let Some(p) = col.paragraphs.get(pi) {
                    out.push((ci, p.id.clone(), hit(&p.text)));
                }
            }
        }
    }
    out
}

/// `n` (`forward`) or `N`: selects the next or previous paragraph with a found word, across
/// the councils, wrapping round. With `here`, the selected paragraph itself counts (Enter).
pub fn step(app: &mut App, forward: bool, here: bool) -> Commands {
    let s = &app.compare;
    let (Some(c), Some(marks)) = (&s.comparison, &s.find.marks) else {
        let find = app
            .keymap
            .first_key(Scope::Compare, Action::Search, app.palette.symbols.ascii)
            .unwrap_or_default();
        return Commands::say(format!(
            "Nothing to find yet: {find} finds words in the comparison"
        ));
    };
    let all = places(c, marks);
    let total = all.iter().filter(|p| p.2).count();
    if total == 0 {
        return Commands::say(format!(
            "No paragraph here has \"{}\"",
            for_terminal(&s.find.query)
        ));
    }
    let n = all.len();
    let at = all
        .iter()
        .position(|(ci, a, _)| *ci == s.column && Some(a) == s.selected.as_ref())
        .or_else(|| all.iter().position(|(ci, _, _)| *ci >= s.column))
        .unwrap_or(0);
    let order: Vec<usize> = if forward {
        let first = if here { 0 } else { 1 };
        (first..=n).map(|k| (at + k) % n).collect()
    } else {
        (1..=n).map(|k| (at + n - k) % n).collect()
    };
    let Some(&to) = order.iter().find(|&&k| all[k].2) else {
        return Commands::none();
    };
    let (ci, anchor, _) = all[to].clone();
    let wrapped = if forward { to < at } else { to > at };
    let rank = all[..=to].iter().filter(|p| p.2).count();
    app.compare.column = ci;
    keep_column_visible(app);
    scroll_to_anchor(app, &anchor);
    let ascii = app.palette.symbols.ascii;
    let key = |a| {
        app.keymap
            .first_key(Scope::Compare, a, ascii)
            .unwrap_or_default()
    };
    let keys = format!("{}/{}", key(Action::NextHit), key(Action::PrevHit));
    let council = app
        .compare
        .comparison
        .as_ref()
        .and_then(|c| c.columns.get(ci))
        .map(|col| for_terminal(&col.authority).into_owned())
        .unwrap_or_default();
    let mut m = format!("{rank} of {total}: {council} {anchor} · {keys} next/previous");
    if wrapped {
        m.push_str(if forward {
            " (wrapped to the first)"
        } else {
            " (wrapped to the last)"
        });
    }
    Commands::say(m)
}
