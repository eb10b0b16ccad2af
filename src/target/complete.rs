//! Completions of a half-typed go-to target (the `:` prompt's Tab).

use super::resolve_report;
use crate::corpus::Corpus;
use crate::model::slug;

/// Completions of a half-typed go-to target, best first, each a whole target the user could
/// type: council names (`pemb` -> `pembrokeshire`; a council's report ids too when it has
/// several reports), and after a `#` the section keys and themes of that council's report (or,
/// for `#...`, of report `here`). At most `limit`.
pub fn complete(corpus: &Corpus, input: &str, here: Option<usize>, limit: usize) -> Vec<String> {
    let input = input.trim_start();
    let input = input.strip_prefix(':').unwrap_or(input);
    let mut out: Vec<String> = Vec::new();
    let add = |s: String, out: &mut Vec<String>| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some((authority, part)) = input.split_once('#') {
        let report = if authority.trim().is_empty() {
            here.and_then(|i| corpus.reports.get(i))
        } else {
            resolve_report(corpus, authority)
                .ok()
                .and_then(|i| corpus.reports.get(i))
        };
        let Some(r) = report else { return out };
        let part = slug(part);
        let mut keys: Vec<String> = Vec::new();
        for s in &r.sections {
            keys.push(s.key());
            if let Some(t) = s.theme {
                keys.push(t.key().to_string());
            }
        }
        for k in keys {
            if k.starts_with(&part) {
                add(format!("{authority}#{k}"), &mut out);
            }
        }
    } else {
        let k = slug(input);
        let mut by_council: Vec<(String, Vec<&str>)> = Vec::new();
        for r in &corpus.reports {
            let name = slug(&r.authority.short);
            match by_council.iter_mut().find(|(n, _)| *n == name) {
                Some((_, ids)) => ids.push(&r.id),
                None => by_council.push((name, vec![&r.id])),
            }
        }
        // Names that start with what was typed first, then names that contain it.
        for pass in 0..2 {
            for (name, ids) in &by_council {
                let hit = if pass == 0 {
                    name.starts_with(&k)
                } else {
                    !name.starts_with(&k) && name.contains(&k)
                };
                if !hit {
                    continue;
                }
                add(name.clone(), &mut out);
                if ids.len() > 1 {
                    for id in ids {
                        add(id.to_string(), &mut out);
                    }
                }
            }
        }
    }
    out.truncate(limit);
    out
}
