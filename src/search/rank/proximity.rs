//! Proximity and phrases: a bonus for query words close together and in order, and for the
//! whole query as a phrase; whether every quoted phrase occurs as consecutive words.

use super::expand::Expanded;

/// Weight of two query words next to each other (in order) in a paragraph, times their idf.
const PAIR_WEIGHT: f32 = 0.7;
/// Extra weight when all query words appear as one phrase, times their mean idf.
const PHRASE_WEIGHT: f32 = 0.6;
/// Extra weight when all query words appear within a few words of each other.
const SPAN_WEIGHT: f32 = 0.3;

/// Smallest gap `q - p` > 0 and smallest `p - q` > 0 between sorted position lists.
fn gaps(ps: &[u32], qs: &[u32]) -> (u32, u32) {
    let (mut fwd, mut back) = (u32::MAX, u32::MAX);
    let (mut i, mut j) = (0, 0);
    while i < ps.len() && j < qs.len() {
        let (p, q) = (ps[i], qs[j]);
        if q > p {
            fwd = fwd.min(q - p);
            i += 1;
        } else {
            if p > q {
                back = back.min(p - q);
            }
            j += 1;
        }
    }
    (fwd, back)
}

/// The fewest words a stretch of text holding one position of each list spans.
fn min_span(lists: &[&[u32]]) -> Option<u32> {
    if lists.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut idx = vec![0usize; lists.len()];
    let mut best = u32::MAX;
    loop {
        let (mut lo, mut hi, mut lo_k) = (u32::MAX, 0, 0);
        for (k, l) in lists.iter().enumerate() {
            let p = l[idx[k]];
            if p < lo {
                lo = p;
                lo_k = k;
            }
            hi = hi.max(p);
        }
        best = best.min(hi - lo + 1);
        idx[lo_k] += 1;
        if idx[lo_k] >= lists[lo_k].len() {
            return Some(best);
        }
    }
}

/// Bonus for query words near each other, in order, and for the whole query as a phrase.
pub(super) fn proximity(exps: &[Expanded], live: &[usize], pos: &[Vec<u32>]) -> f32 {
    let mut bonus = 0.0;
    let mut chain = live.len() >= 2;
    for w in live.windows(2) {
        let (x, y) = (w[0], w[1]);
        if pos[x].is_empty() || pos[y].is_empty() {
            chain = false;
            continue;
        }
        let (fwd, back) = gaps(&pos[x], &pos[y]);
        let s: f32 = match fwd {
            1 => 1.0,
            2 => 0.6,
            3 => 0.45,
            4..=6 => 0.25,
            _ => 0.0,
        };
        let r: f32 = match back {
            1..=2 => 0.4,
            3..=6 => 0.15,
            _ => 0.0,
        };
        if fwd != 1 {
            chain = false;
        }
        bonus += s.max(r) * PAIR_WEIGHT * (exps[x].idf + exps[y].idf) / 2.0;
    }
    let mean = live.iter().map(|&i| exps[i].idf).sum::<f32>() / live.len().max(1) as f32;
    if chain && has_chain(live, pos) {
        bonus += PHRASE_WEIGHT * mean * live.len() as f32;
    }
    // All the (non-stop) words within a few words of each other.
    let content: Vec<&[u32]> = live
        .iter()
        .filter(|&&i| !exps[i].stop)
        .map(|&i| pos[i].as_slice())
        .collect();
    if content.len() >= 2 {
        if let Some(span) = min_span(&content) {
            let slack = span.saturating_sub(content.len() as u32) as f32;
            bonus += SPAN_WEIGHT * mean * content.len() as f32 / (1.0 + slack / 3.0);
        }
    }
    bonus
}

/// True when the words `idx` occur at consecutive positions somewhere.
fn has_chain(idx: &[usize], pos: &[Vec<u32>]) -> bool {
    let Some(&first) = idx.first() else {
        return false;
    };
    pos[first].iter().any(|&p| {
        idx.iter()
            .enumerate()
            .skip(1)
            .all(|(k, &i)| pos[i].binary_search(&(p + k as u32)).is_ok())
    })
}

/// True when every quoted phrase occurs as consecutive words.
pub(super) fn phrases_present(exps: &[Expanded], pos: &[Vec<u32>]) -> bool {
    let mut groups: Vec<u16> = exps.iter().filter_map(|e| e.phrase).collect();
    groups.sort_unstable();
    groups.dedup();
    groups.into_iter().all(|g| {
        let idx: Vec<usize> = (0..exps.len())
            .filter(|&i| exps[i].phrase == Some(g))
            .collect();
        has_chain(&idx, pos)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(min_span(&[&[1, 10], &[12], &[3, 11]]), Some(3));
        assert_eq!(min_span(&[&[5], &[5]]), Some(1));
        assert_eq!(min_span(&[&[5], &[]]), None);
    }
}
