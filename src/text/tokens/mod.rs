//! One pass over plain text: word tokens with byte spans, sentences, clauses and quotations.
//!
//! The analyzer needs, for every word, which sentence, clause and segment it is in and whether
//! it stands inside quotation marks; computing all of it in one linear pass keeps analysis fast
//! on large corpora and linear on pathological input (a 50 MB single line).
//!
//! - A **sentence** ends at `.`, `!`, `?`, `…` followed by space and a capital letter, digit,
//!   quote or dash — unless the word before the dot is an abbreviation (`z. B.`, `Dr.`, `e.g.`)
//!   or a short number (German ordinals, `3. Oktober`); decimal points (`Veo 3.1`, `2.5 Turbo`)
//!   never end one. A blank line always ends one; a single line break ends one after a heading-
//!   like short line, before a list item, or after final punctuation or a colon.
//! - A **clause** ends at `, ; : ( ) [ ] – —` and at contrastive conjunctions (`but`, `aber`,
//!   `sondern`, `however`, `jedoch`, `whereas`, `yet`). Negation does not cross a clause.
//! - A **segment** ends at `; : – —` and contrastive conjunctions. Hedges scope over a segment.
//! - **Quotations**: „…“ ‚…‘ “…” ‘…’ "…" '…' »…« «…» ‹…›, nested up to a small depth; an
//!   unclosed quotation is dropped at the next paragraph break rather than swallowing the rest.
//!
//! [`tokenize`] drives the one pass (`tokenizer.rs`); `words.rs` decides what a word is (byte
//! classes, connectors, abbreviations, contrastive conjunctions) and packs short words into
//! integers for fast comparison. The pass is tuned for speed (see `tokenizer.rs`); for tests,
//! `reference.rs` keeps the earlier straightforward version and `tests.rs` checks that both
//! return exactly the same on hand-picked, real and generated text.
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
mod tokenizer;
mod words;

use std::ops::Range;

#[cfg(test)]
pub(crate) use words::pack_lower;
pub(crate) use words::{ascii_key, load16_pair};

/// A word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset after the last byte.
    pub end: u32,
    /// Index of its sentence in [`Tokens::sentences`].
    pub sent: u32,
    /// Clause number (document-wide, increasing).
    pub clause: u32,
    /// Segment number (document-wide, increasing).
    pub seg: u32,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Followed (before the next token) by a clause boundary.
    pub clause_end: bool,
}

impl Token {
    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of its first character.
    pub start: u32,
    /// Byte offset after its last character.
    pub end: u32,
    /// First token index.
    pub tok_start: u32,
    /// One past the last token index.
    pub tok_end: u32,
    /// The final punctuation mark: `?`, `!`, `.`, `…`, or `\0` for none.
    pub terminal: char,
}

/// Result of scanning one text.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// Word tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Byte ranges inside quotation marks (the marks excluded).
    pub quotes: Vec<Range<usize>>,
    /// Byte offsets of the double quotation marks (`"`, `“`, `”`, `„`, `«`, `»`), in text order.
    pub quote_marks: Vec<u32>,
    /// Byte offsets of the line breaks, in text order.
    pub newlines: Vec<u32>,
}

/// Whether `c` is a double quotation mark as [`Tokens::quote_marks`] lists them.
#[inline]
pub(crate) fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Scans `text`. Offsets are bytes; texts over 4 GiB are cut at 4 GiB.
pub fn tokenize(text: &str) -> Tokens {
    let mut s = tokenizer::Tokenizer::new(text);
    s.run();
    s.finish()
}
