//! Search words highlighted in the text read (the reader and the comparison), as `less`
//! highlights every match: a displayed line is cut into spans at the words the last search
//! matched ([`crate::search::Highlighter`]), found again in the line with the search's own
//! tokenizer, so wrapping and ASCII display never shift a highlight.

use crate::search::Highlighter;
use ratatui::style::Style;
use ratatui::text::Span;

/// `line` as spans in `base`, its highlighted words patched with `hl`.
pub fn spans(
    line: String,
    marks: Option<&Highlighter>,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let ranges = match marks {
        Some(m) => m.ranges(&line),
        None => Vec::new(),
    };
    if ranges.is_empty() {
        return vec![Span::styled(line, base)];
    }
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push(Span::styled(line[at..r.start].to_string(), base));
        }
        out.push(Span::styled(
            line[r.start..r.end].to_string(),
            base.patch(hl),
        ));
        at = r.end;
    }
    if at < line.len() {
        out.push(Span::styled(line[at..].to_string(), base));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn cuts_at_the_words() {
        let h = Highlighter::from_words(["placement", "stability"]);
        let hl = Style::new().add_modifier(Modifier::BOLD);
        let s = spans(
            "Placement stability, and placements.".into(),
            Some(&h),
            Style::new(),
            hl,
        );
        let shown: Vec<(&str, bool)> = s
            .iter()
            .map(|s| {
                (
                    s.content.as_ref(),
                    s.style.add_modifier.contains(Modifier::BOLD),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Placement", true),
                (" ", false),
                ("stability", true),
                (", and placements.", false)
            ]
        );
        assert_eq!(spans("x".into(), None, Style::new(), hl).len(), 1);
        assert_eq!(spans(String::new(), Some(&h), Style::new(), hl).len(), 1);
    }
}
