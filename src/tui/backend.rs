//! The backend the explorer draws through: ratatui's crossterm backend, writing fewer bytes.
//!
//! ratatui sends the cells that changed since the last frame, and the crossterm backend moves
//! the cursor (`ESC [ row ; col H`, 6 to 8 bytes) over every run of cells that did not. When
//! text scrolls in a pane, most runs between changes are one or two cells long, so the moves
//! cost more than the cells they skip. [`GapFilling`] keeps a copy of what the terminal shows
//! and writes a short unchanged run again instead of moving over it, when that is shorter and
//! needs no change of colours. What reaches the screen is the same; fewer bytes cross the link.
//!
//! A frame in which no cell changed writes nothing at all: no colour reset after an empty
//! diff, and the cursor hidden, shown or moved only when that differs from what this backend
//! last set. So a key that changes nothing (`k` at the top of a list) costs no byte.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// A backend that fills short gaps between changed cells from a copy of the screen.
#[derive(Debug)]
pub struct GapFilling<B: Backend> {
    inner: B,
    /// What the terminal shows: every cell drawn since the last clear.
    screen: Buffer,
    /// Whether the cursor is shown, as this backend last set it (`None`: not known).
    cursor_shown: Option<bool>,
    /// Where this backend last put the cursor (`None`: not known).
    cursor_at: Option<Position>,
    /// Whether this frame wrote cells (which moves the cursor): the cursor is then set again.
    drew: bool,
}

impl<B: Backend> GapFilling<B> {
    pub fn new(inner: B) -> GapFilling<B> {
        let mut b = GapFilling {
            inner,
            screen: Buffer::empty(Rect::default()),
            cursor_shown: None,
            cursor_at: None,
            drew: false,
        };
        b.forget();
        b
    }

    /// The backend drawn to.
    pub fn inner(&self) -> &B {
        &self.inner
    }

    /// The screen was cleared (or resized): blank cells of the current size, and the cursor
    /// not known.
    fn forget(&mut self) {
        let size = self.inner.size().unwrap_or_default();
        self.screen = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.cursor_shown = None;
        self.cursor_at = None;
    }

    /// Whether the cursor must be set to `shown`: cells were drawn, or it is not known to be so.
    fn cursor_differs(&self, shown: bool) -> bool {
        self.drew || self.cursor_shown != Some(shown)
    }
}

/// Bytes of the escape sequence that moves the cursor to (`x`, `y`).
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u32| n.to_string().len();
    4 + digits(u32::from(y) + 1) + digits(u32::from(x) + 1)
}

/// A cell that may be written again as it is: plain, one column wide, in `style`.
fn refillable(c: &Cell, like: &Cell) -> bool {
    c.diff_option == CellDiffOption::None && c.symbol().width() == 1 && c.style() == like.style()
}

/// `updates` with each short gap on a row filled from `screen`, where writing the gap's cells
/// again costs no more than moving the cursor over them: cells in the colours of the cell before
/// the gap, or of the one after it (whose colours are set anyway).
pub fn fill_gaps(screen: &Buffer, updates: &[(u16, u16, Cell)]) -> Vec<(u16, u16, Cell)> {
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(updates.len());
    for (x, y, cell) in updates {
        if let Some((px, py, prev)) = out.last() {
            let (px, py) = (*px, *py);
            if py == *y && *x > px + 1 && refillable(prev, prev) {
                let budget = move_cost(*x, *y);
                let gap = |like: &Cell| -> Option<Vec<(u16, u16, Cell)>> {
                    let mut fill = Vec::new();
                    let mut bytes = 0;
                    for gx in px + 1..*x {
                        let c = screen.cell(Position::new(gx, *y))?;
                        bytes += c.symbol().len();
                        if !refillable(c, like) || bytes > budget {
                            return None;
                        }
                        fill.push((gx, *y, c.clone()));
                    }
                    Some(fill)
                };
                if let Some(fill) = gap(prev).or_else(|| gap(cell)) {
                    out.extend(fill);
                }
            }
        }
        out.push((*x, *y, cell.clone()));
    }
    out
}

impl<B: Backend> Backend for GapFilling<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if updates.is_empty() {
            // Nothing changed: not even the colour reset that ends a diff.
            return Ok(());
        }
        self.drew = true;
        self.cursor_at = None;
        let out = fill_gaps(&self.screen, &updates);
        for (x, y, c) in updates {
            if let Some(s) = self.screen.cell_mut(Position::new(x, y)) {
                *s = c;
            }
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.forget();
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if !self.cursor_differs(false) {
            return Ok(());
        }
        self.inner.hide_cursor()?;
        self.cursor_shown = Some(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if !self.cursor_differs(true) {
            return Ok(());
        }
        self.inner.show_cursor()?;
        self.cursor_shown = Some(true);
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        if !self.drew && self.cursor_at == Some(position) {
            return Ok(());
        }
        self.inner.set_cursor_position(position)?;
        self.cursor_at = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.forget();
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        // Only a whole clear leaves a screen known to be blank; after a partial one, forget
        // everything, so nothing is filled from cells that may be gone.
        self.forget();
        if clear_type != ClearType::All {
            self.screen = Buffer::empty(Rect::default());
        }
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    /// The end of a frame.
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.drew = false;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::style::{Color, Style};
    use ratatui::Terminal;

    fn next(seed: &mut u64) -> u32 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as u32
    }

    /// Changes `n` pseudo-random cells of `buf`: letters, spaces, now and then a colour. (No wide
    /// characters: the test backend does not cover a wide character's second column as a
    /// terminal does; fills never include one, see below.)
    fn scribble(buf: &mut Buffer, seed: &mut u64, n: usize) {
        let area = buf.area;
        for _ in 0..n {
            let r = next(seed);
            let (x, y) = (r % u32::from(area.width), (r >> 8) % u32::from(area.height));
            let (x, y) = (x as u16, y as u16);
            let style = if r.is_multiple_of(11) {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            let s = ["a", " ", "b", "é", "c"][(r % 5) as usize];
            buf.set_string(x, y, s, style);
        }
    }

    #[test]
    fn filled_gaps_leave_the_screen_as_drawn() {
        let mut t = Terminal::new(GapFilling::new(TestBackend::new(30, 8))).unwrap();
        let mut model = Buffer::empty(Rect::new(0, 0, 30, 8));
        let mut seed = 7;
        for step in 0..300 {
            if step == 150 {
                t.backend_mut().inner.resize(20, 5);
                t.autoresize().unwrap();
                model = Buffer::empty(Rect::new(0, 0, 20, 5));
            }
            let n = if step % 9 == 0 { 200 } else { 6 };
            scribble(&mut model, &mut seed, n);
            t.draw(|f| f.buffer_mut().clone_from(&model)).unwrap();
            let shown = t.backend().inner().buffer();
            for y in 0..model.area.height {
                for x in 0..model.area.width {
                    assert_eq!(
                        shown[(x, y)].symbol(),
                        model[(x, y)].symbol(),
                        "step {step} at {x},{y}"
                    );
                    assert_eq!(shown[(x, y)].fg, model[(x, y)].fg, "step {step} at {x},{y}");
                }
            }
        }
    }

    /// What the backend wrote, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Written {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    type Recorded = Terminal<GapFilling<ratatui::backend::CrosstermBackend<Written>>>;

    /// Bytes a frame drawing `text` (and the cursor at `cursor`) writes to the terminal.
    fn frame_bytes(
        t: &mut Recorded,
        out: &Written,
        text: &str,
        cursor: Option<(u16, u16)>,
    ) -> Vec<u8> {
        let before = out.0.borrow().len();
        t.draw(|f| {
            f.buffer_mut().set_string(0, 0, text, Style::new());
            if let Some(c) = cursor {
                f.set_cursor_position(c);
            }
        })
        .unwrap();
        out.0.borrow()[before..].to_vec()
    }

    #[test]
    fn a_frame_like_the_last_writes_nothing() {
        let out = Written::default();
        let backend = GapFilling::new(ratatui::backend::CrosstermBackend::new(out.clone()));
        let viewport = ratatui::Viewport::Fixed(Rect::new(0, 0, 20, 3));
        let mut t = Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
        const HIDE: &[u8] = b"\x1b[?25l";
        const SHOW: &[u8] = b"\x1b[?25h";
        let has = |out: &[u8], what: &[u8]| out.windows(what.len()).any(|w| w == what);
        let first = frame_bytes(&mut t, &out, "abc", None);
        assert!(has(&first, b"abc") && first.ends_with(HIDE), "{first:?}");
        // The same frame again: not a byte.
        assert_eq!(frame_bytes(&mut t, &out, "abc", None), b"");
        // A changed cell is drawn, and the frame still ends by hiding the cursor.
        let changed = frame_bytes(&mut t, &out, "abd", None);
        assert!(
            has(&changed, b"d") && changed.ends_with(HIDE),
            "{changed:?}"
        );
        // A cursor shown is shown and put in place once, then left as it is.
        let cursor = frame_bytes(&mut t, &out, "abd", Some((5, 1)));
        assert!(
            has(&cursor, SHOW) && cursor.ends_with(b"\x1b[2;6H"),
            "{cursor:?}"
        );
        assert_eq!(frame_bytes(&mut t, &out, "abd", Some((5, 1))), b"");
        // Cells drawn move the terminal's cursor: it is put back, though it did not move.
        let typed = frame_bytes(&mut t, &out, "abde", Some((5, 1)));
        assert!(
            has(&typed, b"e") && typed.ends_with(b"\x1b[2;6H"),
            "{typed:?}"
        );
        // Moved, or hidden again: written.
        assert!(frame_bytes(&mut t, &out, "abde", Some((6, 1))).ends_with(b"\x1b[2;7H"));
        assert_eq!(frame_bytes(&mut t, &out, "abde", None), HIDE);
    }

    #[test]
    fn a_gap_is_filled_only_when_shorter_than_a_move() {
        let mut screen = Buffer::empty(Rect::new(0, 0, 40, 2));
        screen.set_string(0, 0, "abcdefghij", Style::new());
        screen.set_string(0, 1, "abcdefghijklmnop", Style::new());
        let c = |s: &str| {
            let mut c = Cell::default();
            c.set_symbol(s);
            c
        };
        // One cell skipped: written again.
        let out = fill_gaps(&screen, &[(0, 0, c("x")), (2, 0, c("y"))]);
        let xs: Vec<u16> = out.iter().map(|(x, _, _)| *x).collect();
        assert_eq!(xs, [0, 1, 2]);
        assert_eq!(out[1].2.symbol(), "b");
        // Twelve skipped: a move is cheaper.
        let out = fill_gaps(&screen, &[(0, 1, c("x")), (13, 1, c("y"))]);
        assert_eq!(out.len(), 2);
        // A gap holding a wide character is moved over.
        screen.set_string(4, 1, "コ", Style::new());
        let out = fill_gaps(&screen, &[(3, 1, c("x")), (6, 1, c("y"))]);
        assert_eq!(out.len(), 2);
        // A gap in another colour than the cells either side is moved over; in the colour of
        // the cell after it, it is written (that colour is set anyway).
        screen.set_string(1, 0, "b", Style::new().fg(Color::Red));
        let out = fill_gaps(&screen, &[(0, 0, c("x")), (2, 0, c("y"))]);
        assert_eq!(out.len(), 2);
        let mut red = c("y");
        red.set_style(Style::new().fg(Color::Red));
        let out = fill_gaps(&screen, &[(0, 0, c("x")), (2, 0, red)]);
        assert_eq!(out.len(), 3);
    }
}
