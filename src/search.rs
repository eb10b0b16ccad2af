//! Search (issue 4): query syntax, fuzzy scoring, ranking, highlight positions.
