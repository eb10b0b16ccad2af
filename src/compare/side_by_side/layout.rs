//! How a comparison is laid out: how many columns fit and how wide ([`columns_that_fit`]), and
//! [`side_by_side`], which sets the preamble and one block per band (header, recommendations,
//! each aligned row) across the columns shown.

use super::cells::{group, header, recommendations};
use super::preamble::preamble;
use super::{Block, BlockKind, Options, SideBySide};
use crate::compare::{Column, Comparison};

/// How many columns of at least `min_column_width` fit in `width` with `separator_width` between
/// them (at least one, at most `available`).
pub fn columns_that_fit(
    width: usize,
    min_column_width: usize,
    separator_width: usize,
    available: usize,
) -> usize {
    let per = min_column_width.max(1) + separator_width;
    ((width + separator_width) / per).clamp(1, available.max(1))
}

/// The width needed to show `columns` columns of `min_column_width`.
pub fn width_for(columns: usize, min_column_width: usize, separator_width: usize) -> usize {
    columns * min_column_width + columns.saturating_sub(1) * separator_width
}

/// Width of the column separator for the given rule style.
pub fn separator_width(_ascii: bool) -> usize {
    3
}

/// Lays out `c` in columns side by side.
pub fn side_by_side(c: &Comparison, opts: &Options) -> SideBySide {
    let width = opts.width.max(1);
    let sep = if opts.ascii { " | " } else { " │ " };
    let sep_w = separator_width(opts.ascii);
    let n_all = c.columns.len();
    let n = columns_that_fit(width, opts.min_column_width, sep_w, n_all).min(n_all);
    let first = opts.first_column.min(n_all.saturating_sub(n));
    let shown: Vec<usize> = (first..first + n).collect();
    let left_out: Vec<usize> = (0..n_all).filter(|i| !shown.contains(i)).collect();
    let column_width = width
        .saturating_sub(sep_w * n.saturating_sub(1))
        .checked_div(n)
        .unwrap_or(width)
        .max(1);
    let rule = if opts.ascii { '-' } else { '─' };

    let preamble = preamble(c, opts, width, &left_out);

    let cols: Vec<&Column> = shown.iter().map(|&i| &c.columns[i]).collect();
    let mut blocks = Vec::new();
    if !cols.is_empty() {
        // Name each column's framework where the reports are written around different ones.
        let mixed = c
            .columns
            .iter()
            .any(|col| col.framework != c.columns[0].framework);
        blocks.push(Block {
            kind: BlockKind::Header,
            cells: cols
                .iter()
                .map(|col| header(col, c.theme, mixed, column_width, rule))
                .collect(),
        });
        blocks.push(Block {
            kind: BlockKind::Recommendations,
            cells: cols
                .iter()
                .map(|col| recommendations(col, column_width))
                .collect(),
        });
        for (r, row) in c.rows.iter().enumerate() {
            let headed = row.label.is_some();
            blocks.push(Block {
                kind: BlockKind::Row(r),
                cells: cols
                    .iter()
                    .map(|col| match col.groups.get(r) {
                        Some(g) => group(col, g, row.label.as_deref(), headed, column_width, rule),
                        None => Vec::new(),
                    })
                    .collect(),
            });
        }
    }

    SideBySide {
        width,
        column_width,
        separator: sep.to_string(),
        shown,
        left_out,
        preamble,
        blocks,
    }
}
