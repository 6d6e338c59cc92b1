//! The tokenizer as it was before its hot loop was rewritten for speed (fd8504f), kept only
//! for tests: the differential tests in `tests.rs` check that [`super::tokenize`] returns
//! exactly what this straightforward version returns. It carries its own copies of the word
//! helpers that were rewritten (`is_abbreviation`, `is_contrast`, the byte classes) so that a
//! change there cannot hide from the comparison; the word lists are shared.

use super::words::{
    closer_for, fold16, is_connector, is_word_char, load16, pack_lower, ABBREVIATIONS, CONTRAST,
};
use super::{Sentence, Token, Tokens};

/// Scans `text` the old way.
pub(super) fn tokenize(text: &str) -> Tokens {
    let mut s = Tokenizer::new(text);
    s.run();
    s.finish()
}

const WORD: u8 = 0;
const OTHER: u8 = 1;
const NON_ASCII: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

pub(super) fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

pub(super) fn is_contrast(bytes: &[u8], start: usize, end: usize) -> bool {
    static PACKED: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
        CONTRAST
            .iter()
            .filter_map(|c| pack_lower(c.as_bytes()))
            .collect()
    });
    let len = end - start;
    load16(bytes, start, end).is_some_and(|k| PACKED.contains(&fold16(k, len)))
}

struct Tokenizer<'a> {
    text: &'a str,
    out: Tokens,
    sent_start: usize,
    sent_tok_start: usize,
    clause: u32,
    seg: u32,
    /// Stack of (expected closer, byte offset after the opener).
    quote_stack: Vec<(char, usize)>,
    prev_char: char,
}

impl<'a> Tokenizer<'a> {
    fn new(text: &'a str) -> Self {
        Tokenizer {
            text,
            out: Tokens::default(),
            sent_start: 0,
            sent_tok_start: 0,
            clause: 0,
            seg: 0,
            quote_stack: Vec::new(),
            prev_char: ' ',
        }
    }

    fn boundary_clause(&mut self) {
        self.clause += 1;
        if let Some(t) = self.out.tokens.last_mut() {
            t.clause_end = true;
        }
    }

    fn boundary_segment(&mut self) {
        self.boundary_clause();
        self.seg += 1;
    }

    fn end_sentence(&mut self, end: usize, terminal: char) {
        let tok_end = self.out.tokens.len();
        if tok_end > self.sent_tok_start || end > self.sent_start {
            let trimmed_start = self.sent_start
                + (self.text[self.sent_start..end].len()
                    - self.text[self.sent_start..end].trim_start().len());
            if tok_end > self.sent_tok_start {
                self.out.sentences.push(Sentence {
                    start: trimmed_start as u32,
                    end: end as u32,
                    tok_start: self.sent_tok_start as u32,
                    tok_end: tok_end as u32,
                    terminal,
                });
            }
        }
        self.sent_start = end;
        self.sent_tok_start = tok_end;
        self.boundary_segment();
    }

    fn run(&mut self) {
        let text = if self.text.len() > u32::MAX as usize {
            &self.text[..crate::text::position::floor_char_boundary(self.text, u32::MAX as usize)]
        } else {
            self.text
        };
        let bytes = text.as_bytes();
        // About one word per six bytes in German and English news.
        self.out.tokens.reserve(text.len() / 6);
        let mut i = 0;
        while i < text.len() {
            // Fast path: ASCII letters, digits and blanks are most of any text.
            let b = bytes[i];
            if BYTE_CLASS[usize::from(b)] == WORD {
                let end = self.word_end(text, i);
                self.push_token(i, end);
                self.prev_char = 'a';
                i = end;
                continue;
            }
            if b == b' ' || b == b'\t' || b == b'\r' {
                self.prev_char = ' ';
                i += 1;
                continue;
            }
            let c = if b < 0x80 {
                b as char
            } else {
                match text[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let clen = c.len_utf8();
            if is_word_char(c) {
                let end = self.word_end(text, i);
                self.push_token(i, end);
                self.prev_char = 'a';
                i = end;
                continue;
            }
            match c {
                '.' | '!' | '?' | '…' => {
                    // Run of terminal marks ("?!", "...").
                    let mut j = i;
                    let mut last = c;
                    while let Some(d) = text[j..].chars().next() {
                        if matches!(d, '.' | '!' | '?' | '…') {
                            last = d;
                            j += d.len_utf8();
                        } else {
                            break;
                        }
                    }
                    let run = &text[i..j];
                    let terminal = if run.contains('?') {
                        '?'
                    } else if run.contains('!') {
                        '!'
                    } else if run.len() > 1 || last == '…' {
                        '…'
                    } else {
                        '.'
                    };
                    // Closing quotes and brackets belong to the sentence.
                    let mut k = j;
                    while let Some(d) = text[k..].chars().next() {
                        if matches!(
                            d,
                            '"' | '\''
                                | '“'
                                | '”'
                                | '’'
                                | '‘'
                                | '«'
                                | '»'
                                | '‹'
                                | '›'
                                | ')'
                                | ']'
                        ) {
                            self.handle_quote_char(text, k, d);
                            k += d.len_utf8();
                        } else {
                            break;
                        }
                    }
                    if self.is_sentence_break(text, i, k, terminal) {
                        self.end_sentence(k, terminal);
                    } else if terminal != '.' {
                        self.boundary_clause();
                    }
                    self.prev_char = '.';
                    i = k;
                    continue;
                }
                '\n' => {
                    self.handle_newline(text, i);
                    self.prev_char = '\n';
                    i += 1;
                    continue;
                }
                ',' | '(' | ')' | '[' | ']' => self.boundary_clause(),
                ';' | ':' | '–' | '—' => self.boundary_segment(),
                '-' if self.prev_char.is_whitespace()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace()) =>
                {
                    self.boundary_segment()
                }
                _ => {
                    if closer_for(c).is_some() || matches!(c, '“' | '”' | '’' | '‘' | '«' | '»')
                    {
                        self.handle_quote_char(text, i, c);
                    }
                }
            }
            self.prev_char = c;
            i += clen;
        }
        let end = text.len();
        self.end_sentence(end, '\0');
    }

    fn word_end(&self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = start;
        loop {
            // A run of letters and digits; ASCII without decoding.
            while i < n {
                let class = BYTE_CLASS[usize::from(bytes[i])];
                if class == WORD {
                    i += 1;
                } else if class == OTHER {
                    break;
                } else {
                    match text[i..].chars().next() {
                        Some(c) if is_word_char(c) => i += c.len_utf8(),
                        _ => break,
                    }
                }
            }
            let end = i;
            match bytes.get(i) {
                None => return end,
                Some(b'-' | b'\'' | b'.' | b',' | b'&') => {}
                Some(&b) if b < 0x80 => return end,
                Some(_) => {}
            }
            let Some(c) = text[i..].chars().next() else {
                return end;
            };
            // Internal connectors and decimal points continue a word only between word chars.
            let after = i + c.len_utf8();
            let next = text[after..].chars().next();
            let next_is_word = next.is_some_and(is_word_char);
            let joins = (is_connector(c) && next_is_word)
                || (matches!(c, '.' | ',')
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && next.is_some_and(|d| d.is_ascii_digit()));
            if !joins {
                return end;
            }
            i = after;
        }
    }

    fn push_token(&mut self, start: usize, end: usize) {
        if is_contrast(self.text.as_bytes(), start, end) {
            self.boundary_segment();
        }
        self.out.tokens.push(Token {
            start: start as u32,
            end: end as u32,
            sent: self.out.sentences.len() as u32,
            clause: self.clause,
            seg: self.seg,
            quoted: false,
            clause_end: false,
        });
    }

    fn is_sentence_break(&self, text: &str, mark: usize, after: usize, terminal: char) -> bool {
        let rest = &text[after..];
        let Some(first) = rest.chars().next() else {
            return true;
        };
        if !first.is_whitespace() {
            return false;
        }
        let next = rest.trim_start();
        let Some(n) = next.chars().next() else {
            return true;
        };
        if rest[..rest.len() - next.len()].contains("\n\n") {
            return true;
        }
        let starts_ok = n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(
                n,
                '"' | '\''
                    | '„'
                    | '“'
                    | '‚'
                    | '‘'
                    | '»'
                    | '«'
                    | '-'
                    | '–'
                    | '—'
                    | '•'
                    | '*'
                    | '('
                    | '['
            )
            || !n.is_alphanumeric() && !n.is_ascii_punctuation();
        if !starts_ok {
            return false;
        }
        if terminal == '.' {
            // The word right before the dot.
            let before = &text[..mark];
            let word_start = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_word_char(c))
                .last()
                .map_or(mark, |(o, _)| o);
            let word = &before[word_start..];
            if !word.is_empty() && is_abbreviation(word) {
                return false;
            }
        }
        true
    }

    fn handle_newline(&mut self, text: &str, i: usize) {
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let prev_line = text[line_start..i].trim();
        let rest = &text[i + 1..];
        let next_line_full = rest.split('\n').next().unwrap_or("");
        let next_line = next_line_full.trim();
        // A blank line (this one or the next) ends the paragraph.
        if prev_line.is_empty() || next_line.is_empty() {
            self.quote_stack.clear();
            if self.out.tokens.len() > self.sent_tok_start {
                self.end_sentence(i, '\0');
            }
            return;
        }
        let prev_last = prev_line.chars().next_back().unwrap_or(' ');
        let list_next = next_line.starts_with(['-', '*', '•', '#', '>', '|'])
            || next_line.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
            });
        let heading_like = prev_line.chars().count() < 60 && !matches!(prev_last, ',' | '-' | '(');
        let ends_sentence = matches!(
            prev_last,
            '.' | '!' | '?' | '…' | ':' | ';' | '"' | '“' | '”' | '»' | '«'
        );
        if list_next || heading_like || ends_sentence {
            self.end_sentence(i, '\0');
        }
    }

    fn handle_quote_char(&mut self, text: &str, i: usize, c: char) {
        let prev = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        let prev_word = prev.is_some_and(is_word_char);
        let next_word = next.is_some_and(is_word_char);
        // Apostrophes inside or at the end of words are not quotation marks.
        if matches!(c, '\'' | '’')
            && prev_word
            && (next_word || self.expects('\'').is_none() && self.expects('’').is_none())
        {
            return;
        }
        if let Some(pos) = self.quote_stack.iter().rposition(|&(close, _)| close == c) {
            // A closer only closes after a word or punctuation, not before one ("„X“" vs '“X').
            let can_close = !next_word || prev_word || matches!(c, '“' | '«' | '»' | '‘');
            if can_close && !(c == '\'' && next_word) {
                let (_, open_end) = self.quote_stack[pos];
                self.quote_stack.truncate(pos);
                if open_end < i {
                    self.out.quotes.push(open_end..i);
                }
                return;
            }
        }
        let Some(close) = closer_for(c) else { return };
        // ASCII quotes open only at a word's start; `'` also needs a word right after it.
        if matches!(c, '"' | '\'') && (prev_word || next.is_none_or(|n| n.is_whitespace())) {
            return;
        }
        if c == '\'' && !next_word {
            return;
        }
        if c == '’' {
            return;
        }
        if self.quote_stack.len() < 4 {
            self.quote_stack.push((close, i + c.len_utf8()));
        }
    }

    fn expects(&self, c: char) -> Option<usize> {
        self.quote_stack.iter().rposition(|&(close, _)| close == c)
    }

    fn finish(mut self) -> Tokens {
        // Mark quoted tokens: spans are few and sorted by their end; mark each span's tokens.
        let mut spans = self.out.quotes.clone();
        spans.sort_by_key(|r| r.start);
        for r in &spans {
            let first = self
                .out
                .tokens
                .partition_point(|t| (t.start as usize) < r.start);
            for t in self.out.tokens[first..].iter_mut() {
                if t.end as usize > r.end {
                    break;
                }
                t.quoted = true;
            }
        }
        self.out.quotes = spans;
        self.out
    }
}
