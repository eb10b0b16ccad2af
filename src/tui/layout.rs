//! Pure layout: the terminal area, the focus and the zoom flag in, named rectangles out. The
//! same rectangles serve drawing and mouse hit-testing. Wide terminals get three columns,
//! middling ones a stacked left column beside the text, narrow ones (or zoom) one pane, and
//! anything below [`MIN_WIDTH`] x [`MIN_HEIGHT`] a "too small" notice.

use super::app::Pane;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this many columns the explorer shows only a "terminal too small" notice.
pub const MIN_WIDTH: u16 = 30;
/// Below this many rows likewise.
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, three columns side by side.
pub const THREE_COLUMNS: u16 = 150;
/// Below this width, one pane at a time.
pub const ONE_PANE: u16 = 64;

/// What the layout needs to know besides the area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutInput {
    pub focus: Pane,
    pub zoom: bool,
    /// Number of reports, to size the stacked authorities list.
    pub reports: usize,
}

/// The named areas of one frame. Panes not shown are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub authorities: Option<Rect>,
    pub sections: Option<Rect>,
    pub paragraphs: Option<Rect>,
    /// The breadcrumb line.
    pub status: Rect,
    /// The key hints line (absent on short terminals; hints then share the status line).
    pub hints: Option<Rect>,
    /// True when the terminal is below the minimum size: draw only the notice.
    pub too_small: bool,
    /// True when only one pane is shown (narrow terminal or zoom).
    pub single: bool,
}

impl Areas {
    /// The area of a pane, if shown.
    pub fn pane(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::Authorities => self.authorities,
            Pane::Sections => self.sections,
            Pane::Paragraphs => self.paragraphs,
        }
    }

    /// The pane under a cell, for the mouse.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let hit = |r: Option<Rect>| {
            r.is_some_and(|r| {
                column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
            })
        };
        [Pane::Authorities, Pane::Sections, Pane::Paragraphs]
            .into_iter()
            .find(|p| hit(self.pane(*p)))
    }
}

/// Lays out one frame.
pub fn compute(area: Rect, input: LayoutInput) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            status: area,
            too_small: true,
            ..Areas::default()
        };
    }
    let footer = if area.height >= 14 { 2 } else { 1 };
    let [body, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(footer)]).areas(area);
    let (status, hints) = if footer == 2 {
        let [s, h] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(foot);
        (s, Some(h))
    } else {
        (foot, None)
    };
    let mut out = Areas {
        status,
        hints,
        ..Areas::default()
    };
    if input.zoom || area.width < ONE_PANE {
        out.single = true;
        match input.focus {
            Pane::Authorities => out.authorities = Some(body),
            Pane::Sections => out.sections = Some(body),
            Pane::Paragraphs => out.paragraphs = Some(body),
        }
        return out;
    }
    if area.width >= THREE_COLUMNS {
        let a = (area.width / 6).clamp(24, 34);
        let s = (area.width / 4).clamp(30, 44);
        let [ra, rs, rp] = Layout::horizontal([
            Constraint::Length(a),
            Constraint::Length(s),
            Constraint::Min(1),
        ])
        .areas(body);
        out.authorities = Some(ra);
        out.sections = Some(rs);
        out.paragraphs = Some(rp);
        return out;
    }
    let left_w = (area.width / 5 * 2).clamp(28, 44);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(1)]).areas(body);
    // The authorities list gets its rows plus borders and a header: at most two fifths of the
    // column, three quarters while it has the focus (a long list is being read).
    let want = u16::try_from(input.reports)
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let cap = if input.focus == Pane::Authorities {
        left.height / 4 * 3
    } else {
        left.height / 5 * 2
    };
    let auth_h = want.clamp(4, cap.max(4)).min(left.height.saturating_sub(3));
    let [ra, rs] = Layout::vertical([Constraint::Length(auth_h), Constraint::Min(1)]).areas(left);
    out.authorities = Some(ra);
    out.sections = Some(rs);
    out.paragraphs = Some(right);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(focus: Pane, zoom: bool) -> LayoutInput {
        LayoutInput {
            focus,
            zoom,
            reports: 2,
        }
    }

    #[test]
    fn standard_terminal_has_three_panes_and_two_footer_lines() {
        let a = compute(Rect::new(0, 0, 80, 24), input(Pane::Authorities, false));
        assert!(!a.too_small && !a.single);
        let (au, se, pa) = (
            a.authorities.unwrap(),
            a.sections.unwrap(),
            a.paragraphs.unwrap(),
        );
        assert_eq!(au.x, 0);
        assert_eq!(se.x, 0);
        assert!(pa.width >= 44, "{pa:?}");
        assert_eq!(au.height + se.height, 22);
        assert_eq!(a.status.y, 22);
        assert_eq!(a.hints.unwrap().y, 23);
        assert_eq!(a.pane_at(pa.x + 1, 3), Some(Pane::Paragraphs));
        assert_eq!(a.pane_at(0, 23), None);
    }

    #[test]
    fn a_long_focused_council_list_gets_most_of_the_column() {
        let long = |focus| LayoutInput {
            focus,
            zoom: false,
            reports: 1000,
        };
        let r = Rect::new(0, 0, 80, 24);
        let focused = compute(r, long(Pane::Authorities));
        let other = compute(r, long(Pane::Sections));
        assert_eq!(focused.authorities.unwrap().height, 15);
        assert_eq!(other.authorities.unwrap().height, 8);
        assert!(focused.sections.unwrap().height >= 3);
    }

    #[test]
    fn wide_terminal_has_three_columns() {
        let a = compute(Rect::new(0, 0, 200, 60), input(Pane::Sections, false));
        let (au, se, pa) = (
            a.authorities.unwrap(),
            a.sections.unwrap(),
            a.paragraphs.unwrap(),
        );
        assert!(au.x < se.x && se.x < pa.x);
        assert_eq!(au.width + se.width + pa.width, 200);
    }

    #[test]
    fn narrow_or_zoomed_shows_the_focused_pane_only() {
        let a = compute(Rect::new(0, 0, 40, 12), input(Pane::Sections, false));
        assert!(a.single && !a.too_small);
        assert!(a.authorities.is_none() && a.paragraphs.is_none());
        assert_eq!(a.sections.unwrap().height, 11);
        assert!(a.hints.is_none());
        let z = compute(Rect::new(0, 0, 120, 40), input(Pane::Paragraphs, true));
        assert_eq!(z.paragraphs.unwrap().width, 120);
    }

    #[test]
    fn tiny_and_degenerate_sizes_never_panic() {
        for w in 0..130 {
            for h in 0..30 {
                for focus in [Pane::Authorities, Pane::Sections, Pane::Paragraphs] {
                    for reports in [0, 1, 2, 1000, usize::MAX] {
                        let a = compute(
                            Rect::new(0, 0, w, h),
                            LayoutInput {
                                focus,
                                zoom: false,
                                reports,
                            },
                        );
                        if w < MIN_WIDTH || h < MIN_HEIGHT {
                            assert!(a.too_small);
                        } else {
                            let p = a.pane(focus).unwrap();
                            assert!(p.height >= 3, "{w}x{h} {focus:?} {p:?}");
                        }
                    }
                }
            }
        }
    }
}
