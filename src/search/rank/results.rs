//! The answer to a query: the hits, how many had every word and how many some, and why nothing
//! is listed when only stop words matched ([`Notice`]).

use crate::search::Hit;
use std::fmt;

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Best first: the hits with every word, then (marked `partial`) those missing some.
    pub hits: Vec<Hit>,
    /// Paragraphs with every word, in all (some may be past the limit).
    pub complete: usize,
    /// Paragraphs with only some of the words, in all.
    pub partial: usize,
    /// Why nothing is listed, when it is not just that nothing matches.
    pub notice: Option<Notice>,
}

impl Results {
    /// The hits with every word.
    pub fn complete_hits(&self) -> &[Hit] {
        let n = self.hits.iter().take_while(|h| !h.partial).count();
        &self.hits[..n]
    }
}

/// Why a query lists nothing although words of it are everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Every word is a stop word.
    OnlyStopWords(Vec<String>),
    /// No paragraph has `unmatched`; the `stop` words alone would list every paragraph.
    OnlyStopWordsMatch {
        unmatched: Vec<String>,
        stop: Vec<String>,
    },
}

fn quoted(ws: &[String]) -> String {
    ws.iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::OnlyStopWords(ws) => write!(
                f,
                "{} {} too common to search for on {}: add a word that says what you want, \
                 or quote a phrase (\"when I'm ready\")",
                quoted(ws),
                if ws.len() == 1 { "is" } else { "are" },
                if ws.len() == 1 {
                    "its own"
                } else {
                    "their own"
                },
            ),
            Notice::OnlyStopWordsMatch { unmatched, stop } => write!(
                f,
                "No paragraph has a word like {}, and {} alone {} too common to list",
                quoted(unmatched),
                quoted(stop),
                if stop.len() == 1 { "is" } else { "are" },
            ),
        }
    }
}
