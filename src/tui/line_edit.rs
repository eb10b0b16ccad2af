//! A one-line editor for the `/` search, the `:` go-to and the `f` filter prompts, with the
//! readline keys users' fingers know: `Left`/`Right`, `Home`/`End`, `Ctrl-a`/`Ctrl-e`,
//! `Ctrl-b`/`Ctrl-f`, `Alt-b`/`Alt-f` (word), `Backspace`/`Ctrl-h`, `Delete`/`Ctrl-d`,
//! `Ctrl-w`/`Alt-Backspace` (word back), `Alt-d` (word forward), `Ctrl-k` (to the end),
//! `Ctrl-u` (to the start), `Ctrl-t` (transpose) and a history on `Up`/`Down` (`Ctrl-p`/`Ctrl-n`).
//! [`is_enter`] takes `Ctrl-j` and `Ctrl-m` as `Enter`, for the prompts that use it.
//!
//! Reopening a prompt on an old query selects it ([`LineEditor::reopen`]): typing replaces it,
//! any movement keeps it for editing, as in a browser's address bar.
//!
//! Pure: no drawing. The keys are fixed (they are not in the keymap) because they only edit.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// At most this many queries are kept in a history.
pub const MAX_HISTORY: usize = 100;

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed (run the search again).
    Changed,
    /// Only the cursor or selection moved.
    Moved,
    /// Not an editing key: the caller decides (Enter, Esc, Tab...).
    Ignored,
}

/// The text being typed, the cursor (a byte offset at a character boundary) and the history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
    /// The whole text is selected: the next typed character replaces it.
    selected: bool,
    /// Older queries, oldest first.
    history: Vec<String>,
    /// Where `Up`/`Down` are in the history; `None` when editing the new line.
    browsing: Option<usize>,
    /// The line being typed before `Up` was first pressed.
    draft: String,
}

/// `Enter`, or `Ctrl-j` / `Ctrl-m` as readline takes them: a line feed or carriage return. An
/// Enter typed before the explorer took the terminal arrives as `Ctrl-j` (the terminal had
/// already turned its carriage return into a line feed).
pub fn is_enter(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers == KeyModifiers::CONTROL
            && matches!(key.code, KeyCode::Char('j' | 'm' | 'J' | 'M')))
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl LineEditor {
    pub fn new() -> Self {
        Self::default()
    }

    /// An editor with this history (oldest first), e.g. as saved with the state.
    pub fn with_history(history: Vec<String>) -> Self {
        let mut e = LineEditor::new();
        e.set_history(history);
        e
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`LineEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The cursor as a display column from the start of the text.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor]
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum()
    }

    /// Whether the whole text is selected (drawn reversed; typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected && !self.text.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn history(&self) -> &[String] {
        &self.history
    }

    pub fn set_history(&mut self, mut history: Vec<String>) {
        history.retain(|h| !h.trim().is_empty());
        if history.len() > MAX_HISTORY {
            history.drain(..history.len() - MAX_HISTORY);
        }
        self.history = history;
        self.browsing = None;
    }

    /// Replaces the text, cursor at the end, nothing selected.
    pub fn set_text(&mut self, text: &str) {
        self.text = sanitize(text);
        self.cursor = self.text.len();
        self.selected = false;
        self.browsing = None;
    }

    /// Empties the line.
    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// Opens the prompt again on the old text: cursor at the end, the whole text selected so
    /// typing replaces it.
    pub fn reopen(&mut self) {
        self.cursor = self.text.len();
        self.selected = !self.text.is_empty();
        self.browsing = None;
    }

    /// Adds the current text to the history (a repeat moves to the newest end) and returns it.
    pub fn commit(&mut self) -> String {
        let t = self.text.clone();
        if !t.trim().is_empty() {
            self.history.retain(|h| *h != t);
            self.history.push(t.clone());
            if self.history.len() > MAX_HISTORY {
                self.history.remove(0);
            }
        }
        self.browsing = None;
        self.selected = false;
        t
    }

    /// Types one character (replacing the selection).
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.take_selection();
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Types a string, e.g. a paste (control characters dropped).
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(c);
        }
    }

    /// A typed character with a selection replaces the whole text.
    fn take_selection(&mut self) {
        if self.selected {
            self.text.clear();
            self.cursor = 0;
            self.selected = false;
        }
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .chars()
            .next()
            .map(|c| at + c.len_utf8())
            .unwrap_or(at)
    }

    /// Start of the word before `at` (readline's `backward-word`).
    fn word_start(&self, at: usize) -> usize {
        let mut i = at;
        // Skip non-word characters, then the word.
        while i > 0 {
            let p = self.prev_boundary(i);
            if self.text[p..i].chars().all(is_word) {
                break;
            }
            i = p;
        }
        while i > 0 {
            let p = self.prev_boundary(i);
            if !self.text[p..i].chars().all(is_word) {
                break;
            }
            i = p;
        }
        i
    }

    /// End of the word after `at` (readline's `forward-word`).
    fn word_end(&self, at: usize) -> usize {
        let mut i = at;
        while i < self.text.len() {
            let n = self.next_boundary(i);
            if self.text[i..n].chars().all(is_word) {
                break;
            }
            i = n;
        }
        while i < self.text.len() {
            let n = self.next_boundary(i);
            if !self.text[i..n].chars().all(is_word) {
                break;
            }
            i = n;
        }
        i
    }

    /// Start of the whitespace-separated word before `at` (readline's `unix-word-rubout`).
    fn unix_word_start(&self, at: usize) -> usize {
        let before = &self.text[..at];
        let trimmed = before.trim_end_matches(char::is_whitespace);
        trimmed
            .rfind(char::is_whitespace)
            .map(|i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0)
    }

    fn delete_range(&mut self, from: usize, to: usize) -> Edit {
        if from == to {
            return Edit::Moved;
        }
        self.text.replace_range(from..to, "");
        self.cursor = from;
        Edit::Changed
    }

    /// Moves the cursor, keeping the text (a selection is dropped, not deleted).
    fn move_to(&mut self, at: usize) -> Edit {
        self.selected = false;
        self.cursor = at;
        Edit::Moved
    }

    /// Steps through the history: `-1` older (`Up`), `+1` newer (`Down`).
    pub fn history_step(&mut self, delta: isize) -> Edit {
        if self.history.is_empty() {
            return Edit::Moved;
        }
        let next = match (self.browsing, delta < 0) {
            (None, true) => {
                self.draft = self.text.clone();
                Some(self.history.len() - 1)
            }
            (None, false) => return Edit::Moved,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < self.history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        let text = match next {
            Some(i) => self.history[i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        let changed = text != self.text;
        self.text = text;
        self.cursor = self.text.len();
        self.selected = false;
        self.browsing = next;
        if changed {
            Edit::Changed
        } else {
            Edit::Moved
        }
    }

    /// Applies one key. Enter, Esc, Tab and other keys the prompt owns are [`Edit::Ignored`].
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let len = self.text.len();
        match key.code {
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'a' => self.move_to(0),
                'e' => self.move_to(len),
                'b' => self.move_to(self.prev_boundary(self.cursor)),
                'f' => self.move_to(self.next_boundary(self.cursor)),
                'h' => self.backspace(),
                'd' => self.delete(),
                'w' => {
                    self.selected = false;
                    self.delete_range(self.unix_word_start(self.cursor), self.cursor)
                }
                'k' => {
                    if self.selected {
                        self.selected = false;
                        return self.delete_range(0, len);
                    }
                    self.delete_range(self.cursor, len)
                }
                'u' => {
                    if self.selected {
                        self.selected = false;
                        return self.delete_range(0, len);
                    }
                    self.delete_range(0, self.cursor)
                }
                't' => self.transpose(),
                'p' => self.history_step(-1),
                'n' => self.history_step(1),
                _ => Edit::Ignored,
            },
            KeyCode::Char(c) if alt && !ctrl => match c {
                'b' => self.move_to(self.word_start(self.cursor)),
                'f' => self.move_to(self.word_end(self.cursor)),
                'd' => {
                    self.selected = false;
                    self.delete_range(self.cursor, self.word_end(self.cursor))
                }
                _ => Edit::Ignored,
            },
            KeyCode::Char(c) if !ctrl && !alt => {
                self.insert(c);
                Edit::Changed
            }
            KeyCode::Backspace if alt || ctrl => {
                self.selected = false;
                self.delete_range(self.word_start(self.cursor), self.cursor)
            }
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left if ctrl || alt => self.move_to(self.word_start(self.cursor)),
            KeyCode::Right if ctrl || alt => self.move_to(self.word_end(self.cursor)),
            KeyCode::Left => self.move_to(self.prev_boundary(self.cursor)),
            KeyCode::Right => self.move_to(self.next_boundary(self.cursor)),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(len),
            KeyCode::Up => self.history_step(-1),
            KeyCode::Down => self.history_step(1),
            _ => Edit::Ignored,
        }
    }

    /// `Backspace`: the character before the cursor, or the selected text.
    pub fn backspace(&mut self) -> Edit {
        if self.selected {
            self.selected = false;
            let len = self.text.len();
            return self.delete_range(0, len);
        }
        self.delete_range(self.prev_boundary(self.cursor), self.cursor)
    }

    /// `Delete`: the character under the cursor, or the selected text.
    pub fn delete(&mut self) -> Edit {
        if self.selected {
            self.selected = false;
            let len = self.text.len();
            return self.delete_range(0, len);
        }
        self.delete_range(self.cursor, self.next_boundary(self.cursor))
    }

    /// `Ctrl-t`: swaps the characters before and at the cursor (the last two at the end).
    fn transpose(&mut self) -> Edit {
        self.selected = false;
        if self.text.chars().count() < 2 || self.cursor == 0 {
            return Edit::Moved;
        }
        let mid = if self.cursor == self.text.len() {
            self.prev_boundary(self.cursor)
        } else {
            self.cursor
        };
        let start = self.prev_boundary(mid);
        let end = self.next_boundary(mid);
        let a: String = self.text[start..mid].into();
        let b: String = self.text[mid..end].into();
        self.text.replace_range(start..end, &format!("{b}{a}"));
        self.cursor = end;
        Edit::Changed
    }
}

/// Control characters never enter the line (a pasted escape sequence, a newline).
fn sanitize(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    fn typed(s: &str) -> LineEditor {
        let mut e = LineEditor::new();
        for c in s.chars() {
            assert_eq!(e.handle_key(&k(KeyCode::Char(c))), Edit::Changed);
        }
        e
    }

    /// The text with `|` at the cursor.
    fn shown(e: &LineEditor) -> String {
        format!("{}|{}", &e.text()[..e.cursor()], &e.text()[e.cursor()..])
    }

    #[test]
    fn moves_and_edits_like_readline() {
        let mut e = typed("placement stabilty");
        assert_eq!(shown(&e), "placement stabilty|");
        e.handle_key(&k(KeyCode::Left));
        e.handle_key(&k(KeyCode::Left));
        assert_eq!(shown(&e), "placement stabil|ty");
        e.handle_key(&k(KeyCode::Char('i')));
        assert_eq!(e.text(), "placement stability");
        e.handle_key(&ctrl('a'));
        assert_eq!(shown(&e), "|placement stability");
        e.handle_key(&alt('f'));
        assert_eq!(shown(&e), "placement| stability");
        e.handle_key(&ctrl('e'));
        assert_eq!(shown(&e), "placement stability|");
        e.handle_key(&alt('b'));
        assert_eq!(shown(&e), "placement |stability");
        e.handle_key(&ctrl('k'));
        assert_eq!(shown(&e), "placement |");
        e.handle_key(&ctrl('w'));
        assert_eq!(shown(&e), "|");
    }

    #[test]
    fn word_kills() {
        let mut e = typed("in:swansea care leavers  ");
        e.handle_key(&ctrl('w'));
        assert_eq!(shown(&e), "in:swansea care |");
        e.handle_key(&alt('b'));
        e.handle_key(&alt('b'));
        assert_eq!(shown(&e), "in:|swansea care ");
        e.handle_key(&alt('d'));
        assert_eq!(shown(&e), "in:| care ");
        e.handle_key(&ctrl('u'));
        assert_eq!(shown(&e), "| care ");
        e.handle_key(&ctrl('e'));
        e.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT));
        assert_eq!(shown(&e), " |");
        e.handle_key(&ctrl('a'));
        e.handle_key(&ctrl('d'));
        assert_eq!(shown(&e), "|");
        assert_eq!(e.handle_key(&ctrl('d')), Edit::Moved);
        assert_eq!(e.handle_key(&k(KeyCode::Backspace)), Edit::Moved);
    }

    #[test]
    fn multibyte_characters() {
        let mut e = typed("Ŵyn 界x");
        e.handle_key(&k(KeyCode::Left));
        e.handle_key(&k(KeyCode::Left));
        assert_eq!(shown(&e), "Ŵyn |界x");
        assert_eq!(e.cursor_column(), 4);
        e.handle_key(&k(KeyCode::Right));
        assert_eq!(e.cursor_column(), 6);
        e.handle_key(&k(KeyCode::Backspace));
        assert_eq!(shown(&e), "Ŵyn |x");
        e.handle_key(&ctrl('a'));
        e.handle_key(&k(KeyCode::Delete));
        assert_eq!(shown(&e), "|yn x");
        e.handle_key(&ctrl('e'));
        e.handle_key(&ctrl('t'));
        assert_eq!(shown(&e), "ynx |");
    }

    #[test]
    fn reopening_selects_so_typing_replaces() {
        let mut e = typed("care");
        e.commit();
        e.reopen();
        assert!(e.is_selected());
        e.handle_key(&k(KeyCode::Char('r')));
        assert_eq!(shown(&e), "r|");
        assert!(!e.is_selected());

        // A movement keeps the old text for editing.
        let mut e = typed("care");
        e.reopen();
        e.handle_key(&k(KeyCode::End));
        e.handle_key(&k(KeyCode::Char('s')));
        assert_eq!(e.text(), "cares");

        // Backspace clears the selection.
        let mut e = typed("care");
        e.reopen();
        assert_eq!(e.handle_key(&k(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(e.text(), "");

        // An empty line is never "selected".
        let mut e = LineEditor::new();
        e.reopen();
        assert!(!e.is_selected());
    }

    #[test]
    fn history_up_and_down() {
        let mut e = LineEditor::new();
        for q in ["care", "eotas", "care"] {
            e.set_text(q);
            e.commit();
        }
        assert_eq!(e.history(), ["eotas", "care"]);
        e.set_text("dra");
        assert_eq!(e.handle_key(&k(KeyCode::Up)), Edit::Changed);
        assert_eq!(e.text(), "care");
        e.handle_key(&k(KeyCode::Up));
        assert_eq!(e.text(), "eotas");
        e.handle_key(&k(KeyCode::Up));
        assert_eq!(e.text(), "eotas", "stops at the oldest");
        e.handle_key(&k(KeyCode::Down));
        assert_eq!(e.text(), "care");
        e.handle_key(&k(KeyCode::Down));
        assert_eq!(e.text(), "dra", "back to what was being typed");
        assert_eq!(e.handle_key(&k(KeyCode::Down)), Edit::Moved);
        e.handle_key(&ctrl('p'));
        assert_eq!(e.text(), "care");
        e.handle_key(&ctrl('n'));
        assert_eq!(e.text(), "dra");
    }

    #[test]
    fn history_is_bounded_and_skips_blanks() {
        let mut e = LineEditor::with_history(vec!["".into(), " ".into(), "a".into()]);
        assert_eq!(e.history(), ["a"]);
        for i in 0..(MAX_HISTORY + 10) {
            e.set_text(&i.to_string());
            e.commit();
        }
        assert_eq!(e.history().len(), MAX_HISTORY);
        assert_eq!(e.history().last().map(String::as_str), Some("109"));
        e.set_text("   ");
        e.commit();
        assert_eq!(e.history().last().map(String::as_str), Some("109"));
    }

    #[test]
    fn control_characters_never_enter() {
        let mut e = LineEditor::new();
        e.insert_str("a\u{1b}[2Jb\nc\t");
        assert_eq!(e.text(), "a[2Jbc");
        e.set_text("x\u{7}y");
        assert_eq!(e.text(), "xy");
    }

    #[test]
    fn prompt_keys_are_left_to_the_prompt() {
        let mut e = typed("x");
        for code in [KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::F(1)] {
            assert_eq!(e.handle_key(&k(code)), Edit::Ignored);
        }
        assert_eq!(e.handle_key(&ctrl('c')), Edit::Ignored);
        assert_eq!(e.text(), "x");
    }

    #[test]
    fn ctrl_j_and_ctrl_m_are_enter() {
        assert!(is_enter(&k(KeyCode::Enter)));
        assert!(is_enter(&ctrl('j')));
        assert!(is_enter(&ctrl('m')));
        assert!(!is_enter(&ctrl('k')));
        assert!(!is_enter(&k(KeyCode::Char('j'))));
        let mut e = typed("x");
        assert_eq!(e.handle_key(&ctrl('j')), Edit::Ignored);
        assert_eq!(e.handle_key(&ctrl('m')), Edit::Ignored);
        assert_eq!(e.text(), "x");
    }
}
