//! The bound on a page's nesting, read before the tree is built.

/// The deepest nesting of elements in a page, from html5ever's tokenizer alone (linear in the
/// page): start tags of elements that may hold others add one, their end tags take one away.
/// Elements whose end tag may be left out (`p`, `li`, `td`...) and void elements (`br`, `img`)
/// are not counted, so a page that omits those end tags is not taken as deep. A bound on the
/// work of building the tree, not a reading of the page.
pub(super) fn nesting_depth(html: &str) -> usize {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;

    const NOT_COUNTED: [&str; 30] = [
        "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup",
        "rt", "rp", "colgroup", "caption", "br", "img", "hr", "meta", "link", "input", "area",
        "base", "col", "embed", "source", "track", "wbr", "param",
    ];

    #[derive(Default)]
    struct Depth {
        now: Cell<usize>,
        max: Cell<usize>,
    }

    impl TokenSink for Depth {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let name: &str = &tag.name;
            if NOT_COUNTED.contains(&name) {
                return TokenSinkResult::Continue;
            }
            if tag.kind == TagKind::EndTag {
                self.now.set(self.now.get().saturating_sub(1));
                return TokenSinkResult::Continue;
            }
            if !tag.self_closing {
                self.now.set(self.now.get() + 1);
                self.max.set(self.max.get().max(self.now.get()));
            }
            // What the tree builder would tell the tokenizer: the text of these is not markup.
            match name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }

    let tok = Tokenizer::new(Depth::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.max.get()
}
