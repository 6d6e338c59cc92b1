//! The one linear pass: a state machine over the bytes of the text that emits tokens, ends
//! sentences, clauses and segments, and tracks open quotations (rules in the parent module).
//!
//! The pass reads every byte the analyzer reads, so its common cases are cheap:
//! - a byte table ([`BYTE_CLASS`]) sorts each byte into an ASCII letter or digit, a blank, other
//!   ASCII, or part of a non-ASCII character; only non-ASCII characters are decoded;
//! - runs of ASCII letters and digits are measured eight bytes at a time ([`ascii_word_run`]);
//! - per word there is one push and a table filter for contrastive conjunctions; the word
//!   before a dot is looked up among the abbreviations only where a sentence could end;
//! - a line break knows where its line starts (no search backwards) and reads the next line
//!   only up to its first character.
//!
//! `reference.rs` (tests only) keeps the straightforward version this one must agree with.

use super::words::{
    closer_for, is_abbreviation, is_connector, is_contrast, is_word_char, BLANK, BYTE_CLASS,
    NON_ASCII, WORD,
};
use super::{Sentence, Token, Tokens};

pub(super) struct Tokenizer<'a> {
    text: &'a str,
    out: Tokens,
    sent_start: usize,
    sent_tok_start: usize,
    clause: u32,
    seg: u32,
    /// Stack of (expected closer, byte offset after the opener).
    quote_stack: Vec<(char, usize)>,
    /// Byte offset where the current line starts (after the last `\n` seen).
    line_start: usize,
}

/// The character at byte offset `i` (a character boundary), if any; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..)?.chars().next(),
        None => None,
    }
}

/// The high bit of every byte of `x` that is not an ASCII letter or digit. Each test adds a
/// constant to the low seven bits of every byte: no byte overflows into the next, and the
/// high bit of the sum tells whether the byte reached the constant's threshold.
#[inline]
fn not_alnum8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & !HIGH;
    // Setting bit 5 folds `A..=Z` onto `a..=z` and moves no other byte into that range.
    let folded = low | (0x20 * ONES);
    let letter = (folded + (0x80 - b'a' as u64) * ONES) & !(folded + (0x7F - b'z' as u64) * ONES);
    let digit = (low + (0x80 - b'0' as u64) * ONES) & !(low + (0x7F - b'9' as u64) * ONES);
    // Bytes with the high bit set (non-ASCII) are never letters or digits here.
    !((letter | digit) & !x) & HIGH
}

/// The end of the run of ASCII letters and digits that starts at `i`: eight bytes at a time
/// while eight are left, then byte by byte.
#[inline]
pub(super) fn ascii_word_run(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&bytes[i..i + 8]);
        let stop = not_alnum8(u64::from_le_bytes(eight));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// The end of the word that starts at `start` (a word character): runs of word characters
/// joined by a connector followed by a word character (`KI-Revolution`, `isn't`) or, between
/// digits, by a decimal point or comma (`3.1`, `2,5`).
#[inline(always)]
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        // A run of word characters: ASCII letters and digits in bulk, others one by one.
        // The character after the run: only these ASCII bytes, and non-ASCII characters
        // that are not word characters themselves, can join two runs.
        let c = loop {
            i = ascii_word_run(bytes, i);
            match bytes.get(i) {
                Some(&b @ (b'-' | b'\'' | b'.' | b',' | b'&')) => break char::from(b),
                Some(&b) if b >= 0x80 => match char_at(text, i) {
                    Some(c) if is_word_char(c) => i += c.len_utf8(),
                    Some(c) => break c,
                    None => return i,
                },
                _ => return i,
            }
        };
        let after = i + c.len_utf8();
        let next = char_at(text, after);
        let joins = (is_connector(c) && next.is_some_and(is_word_char))
            || (matches!(c, '.' | ',')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && next.is_some_and(|d| d.is_ascii_digit()));
        if !joins {
            return i;
        }
        i = after;
    }
}

/// Quotation marks of any style, opening or closing.
#[inline]
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '„' | '‚' | '“' | '”' | '‘' | '’' | '»' | '«' | '‹' | '›'
    )
}

/// The first character of the line that starts at `from` that is not whitespace, with its
/// offset; `None` when the line is blank.
fn first_on_line(text: &str, from: usize) -> Option<(usize, char)> {
    let mut j = from;
    loop {
        let c = char_at(text, j)?;
        if c == '\n' {
            return None;
        }
        if !c.is_whitespace() {
            return Some((j, c));
        }
        j += c.len_utf8();
    }
}

/// A numbered list item: one to three digits, then `.` or `)` (`1.`, `12)`).
fn is_numbered_item(line: &[u8]) -> bool {
    let digits = line
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    (1..=3).contains(&digits) && matches!(line.get(digits), Some(b'.' | b')'))
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Tokenizer {
            text,
            out: Tokens::default(),
            sent_start: 0,
            sent_tok_start: 0,
            clause: 0,
            seg: 0,
            quote_stack: Vec::new(),
            line_start: 0,
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
        if let Some(first) = self.out.tokens.get(self.sent_tok_start) {
            // The sentence starts after leading whitespace, which ends at its first word.
            let first_word = first.start as usize;
            let mut start = self.sent_start;
            while start < first_word {
                match char_at(self.text, start) {
                    Some(c) if c.is_whitespace() => start += c.len_utf8(),
                    _ => break,
                }
            }
            self.out.sentences.push(Sentence {
                start: start as u32,
                end: end as u32,
                tok_start: self.sent_tok_start as u32,
                tok_end: tok_end as u32,
                terminal,
            });
        }
        self.sent_start = end;
        self.sent_tok_start = tok_end;
        self.boundary_segment();
    }

    // Never inlined: it runs once per text, and profiles can then count it by its name.
    #[inline(never)]
    pub(super) fn run(&mut self) {
        let text = if self.text.len() > u32::MAX as usize {
            &self.text[..crate::text::position::floor_char_boundary(self.text, u32::MAX as usize)]
        } else {
            self.text
        };
        let bytes = text.as_bytes();
        // About one word per six or seven bytes and one sentence per hundred in German and
        // English news: one allocation each instead of growing step by step (a word per five
        // bytes leaves room for texts denser than the average, whose growth copies them).
        self.out.tokens.reserve(text.len() / 5);
        self.out.sentences.reserve(text.len() / 64 + 1);
        // A line per one or two hundred bytes, a double quotation mark per few hundred.
        self.out.newlines.reserve(text.len() / 128);
        self.out.quote_marks.reserve(text.len() / 256);
        // Whether the character before `i` is whitespace (a spaced `-` is a dash).
        let mut after_space = true;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let class = BYTE_CLASS[usize::from(b)];
            if class == BLANK {
                after_space = true;
                i += 1;
                continue;
            }
            let c = if class == NON_ASCII {
                match char_at(text, i) {
                    Some(c) => c,
                    None => break,
                }
            } else {
                char::from(b)
            };
            if class == WORD || class == NON_ASCII && is_word_char(c) {
                // Words that a single space separates, the bulk of any text, in a loop of
                // their own.
                let mut start = i;
                loop {
                    let end = word_end(text, start);
                    // Read before the push, so the compiler can reuse the load that ended the
                    // word (after the push it must assume the text changed).
                    let after = bytes.get(end).copied();
                    self.push_token(bytes, start, end);
                    if after == Some(b' ') {
                        // A space and the next word's first byte.
                        if let Some(&next) = bytes.get(end + 1) {
                            if BYTE_CLASS[usize::from(next)] == WORD {
                                start = end + 1;
                                continue;
                            }
                        }
                        after_space = true;
                        i = end + 1;
                    } else {
                        after_space = false;
                        i = end;
                    }
                    break;
                }
                continue;
            }
            match c {
                '.' | '!' | '?' | '…' => {
                    i = self.terminal_marks(text, i);
                    after_space = false;
                    continue;
                }
                '\n' => {
                    self.out.newlines.push(i as u32);
                    self.handle_newline(text, i);
                    after_space = true;
                    i += 1;
                    continue;
                }
                ',' | '(' | ')' | '[' | ']' => self.boundary_clause(),
                ';' | ':' | '–' | '—' => self.boundary_segment(),
                '-' if after_space && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) => {
                    self.boundary_segment()
                }
                _ if is_quote_mark(c) => self.handle_quote_char(text, i, c),
                _ => {}
            }
            after_space = c.is_whitespace();
            i += c.len_utf8();
        }
        let end = text.len();
        self.end_sentence(end, '\0');
    }

    /// A run of terminal marks at `i` (`?!`, `...`) and the closing quotation marks and
    /// brackets after it: ends the sentence there, or the clause unless it is a lone dot.
    /// Returns the offset after the run.
    fn terminal_marks(&mut self, text: &str, i: usize) -> usize {
        let bytes = text.as_bytes();
        let (mut j, mut question, mut exclamation, mut last) = (i, false, false, '.');
        loop {
            let c = match bytes.get(j) {
                Some(b'.') => '.',
                Some(b'!') => '!',
                Some(b'?') => '?',
                Some(0xE2) if bytes.get(j + 1..j + 3) == Some(&[0x80, 0xA6]) => '…',
                _ => break,
            };
            question |= c == '?';
            exclamation |= c == '!';
            last = c;
            j += c.len_utf8();
        }
        let terminal = if question {
            '?'
        } else if exclamation {
            '!'
        } else if j - i > 1 || last == '…' {
            '…'
        } else {
            '.'
        };
        // Closing quotes and brackets belong to the sentence.
        let mut k = j;
        while let Some(d) = char_at(text, k) {
            if matches!(
                d,
                '"' | '\'' | '“' | '”' | '’' | '‘' | '«' | '»' | '‹' | '›' | ')' | ']'
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
        k
    }

    /// Adds the word `start..end` of `bytes` (the text's).
    #[inline(always)]
    fn push_token(&mut self, bytes: &[u8], start: usize, end: usize) {
        if is_contrast(bytes, start, end) {
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
        let rb = rest.as_bytes();
        // The blanks after the marks, in the common case ASCII whitespace up to an ASCII
        // character or the end: measured by bytes, without decoding or a substring search.
        let blanks = rb
            .iter()
            .position(|&b| !matches!(b, b' ' | b'\t'..=b'\r'))
            .unwrap_or(rb.len());
        let n = match rb.get(blanks) {
            _ if blanks == 0 => None,
            None => return true,
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => None,
        };
        let n = match n {
            Some(n) => {
                if rb[..blanks].windows(2).any(|w| w == b"\n\n") {
                    return true;
                }
                n
            }
            // Other whitespace (no-break spaces) or none: the general way.
            None => {
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
                n
            }
        };
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
            // The word right before the dot: the word characters that end there.
            let bytes = text.as_bytes();
            let mut word_start = mark;
            loop {
                match word_start.checked_sub(1).map(|p| bytes[p]) {
                    Some(b) if b < 0x80 && b.is_ascii_alphanumeric() => word_start -= 1,
                    Some(b) if b >= 0x80 => match text[..word_start].chars().next_back() {
                        Some(c) if is_word_char(c) => word_start -= c.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            let word = &text[word_start..mark];
            if !word.is_empty() && is_abbreviation(word) {
                return false;
            }
        }
        true
    }

    fn handle_newline(&mut self, text: &str, i: usize) {
        let line_start = std::mem::replace(&mut self.line_start, i + 1);
        let prev_line = text[line_start..i].trim();
        // The next line matters only up to its first character.
        let next = first_on_line(text, i + 1);
        // A blank line (this one or the next) ends the paragraph.
        let Some((next_at, next_first)) = next.filter(|_| !prev_line.is_empty()) else {
            self.quote_stack.clear();
            if self.out.tokens.len() > self.sent_tok_start {
                self.end_sentence(i, '\0');
            }
            return;
        };
        let prev_last = prev_line.chars().next_back().unwrap_or(' ');
        let list_next = matches!(next_first, '-' | '*' | '•' | '#' | '>' | '|')
            || is_numbered_item(&text.as_bytes()[next_at..]);
        // Under 60 characters; a character takes at most four bytes.
        let short = prev_line.len() < 60 || prev_line.len() < 240 && prev_line.chars().count() < 60;
        let heading_like = short && !matches!(prev_last, ',' | '-' | '(');
        let ends_sentence = matches!(
            prev_last,
            '.' | '!' | '?' | '…' | ':' | ';' | '"' | '“' | '”' | '»' | '«'
        );
        if list_next || heading_like || ends_sentence {
            self.end_sentence(i, '\0');
        }
    }

    fn handle_quote_char(&mut self, text: &str, i: usize, c: char) {
        // Every quotation mark passes here once, in text order (from the main loop, or from
        // the closers after terminal marks).
        if super::is_double_quote(c) {
            self.out.quote_marks.push(i as u32);
        }
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

    pub(super) fn finish(mut self) -> Tokens {
        // Mark quoted tokens: spans are few and sorted by their end; mark each span's tokens.
        let mut spans = std::mem::take(&mut self.out.quotes);
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

#[cfg(test)]
mod tests {
    use crate::text::tokens::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let s = tokenize(text);
        s.sentences
            .iter()
            .map(|x| text[x.start as usize..x.end as usize].trim())
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .tokens
            .iter()
            .map(|t| &text[t.range()])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_and_version_numbers_inside_sentences() {
        let t = "Modelle wie z. B. Veo 3.1 und u. a. Kling 2.5 Turbo sind ca. 8 Sekunden lang. Dr. Müller sagt das. Nr. 5 folgt.";
        assert_eq!(
            sentences(t),
            vec![
                "Modelle wie z. B. Veo 3.1 und u. a. Kling 2.5 Turbo sind ca. 8 Sekunden lang.",
                "Dr. Müller sagt das.",
                "Nr. 5 folgt."
            ]
        );
        let e = "Models, e.g. Sora 2, i.e. the app... are popular. Is it a revolution? Yes! Maybe.";
        assert_eq!(
            sentences(e),
            vec![
                "Models, e.g. Sora 2, i.e. the app... are popular.",
                "Is it a revolution?",
                "Yes!",
                "Maybe."
            ]
        );
    }

    #[test]
    fn exclamation_inside_quotes_does_not_split() {
        let t = "Kaum erscheint ein Update, überschlagen sich die Superlative: „Gamechanger!“, „Hollywood kann einpacken!“ Doch die Realität sieht anders aus.";
        let s = sentences(t);
        assert_eq!(s.len(), 2, "{s:?}");
        let sc = tokenize(t);
        let quoted: Vec<&str> = sc
            .tokens
            .iter()
            .filter(|t| t.quoted)
            .map(|x| &t[x.range()])
            .collect();
        assert_eq!(
            quoted,
            vec!["Gamechanger", "Hollywood", "kann", "einpacken"]
        );
    }

    #[test]
    fn quote_styles_of_both_languages() {
        for t in [
            "Er nennt es »bahnbrechend« und gut.",
            "Er nennt es «bahnbrechend» und gut.",
            "He called it “groundbreaking” and good.",
            "He called it \"groundbreaking\" and good.",
            "He called it 'groundbreaking' and good.",
            "Er nennt es ‚bahnbrechend‘ und gut.",
        ] {
            let sc = tokenize(t);
            let q: Vec<&str> = sc
                .tokens
                .iter()
                .filter(|x| x.quoted)
                .map(|x| &t[x.range()])
                .collect();
            assert_eq!(q.len(), 1, "{t}: {q:?}");
        }
        // Apostrophes are not quotes.
        let t = "Sora 2 isn't OpenAI's best, it's Google's Veo 3.1 that wins.";
        assert!(tokenize(t).tokens.iter().all(|x| !x.quoted));
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        let t = "Er sagte: „das ist\n\nEine Revolution ist es nicht.";
        let sc = tokenize(t);
        assert!(sc.tokens.iter().all(|x| !x.quoted));
    }

    #[test]
    fn hyphenated_compounds_and_contractions_are_one_word() {
        assert_eq!(
            words("Die KI-Revolution isn't a game-changer."),
            vec!["Die", "KI-Revolution", "isn't", "a", "game-changer"]
        );
    }

    #[test]
    fn line_breaks_after_headings_and_before_lists_end_sentences() {
        let t = "Inhalte\nDie Fakten: Was Sora 2 wirklich kann\nJa, Sora 2 ist besser:\n- Die Szenen wirken stabiler,\n- Bewegungen sind flüssiger.";
        assert_eq!(sentences(t).len(), 5, "{:?}", sentences(t));
        let wrapped = "This is a long hard-wrapped line of English prose that goes on and on\nuntil it ends here.";
        assert_eq!(sentences(wrapped).len(), 1);
    }

    #[test]
    fn clauses_split_at_commas_and_contrast() {
        let t = "Sora 2 isn't just a leap, it's a revolution but slow";
        let sc = tokenize(t);
        let clause_of = |w: &str| {
            sc.tokens
                .iter()
                .find(|x| &t[x.range()] == w)
                .unwrap()
                .clause
        };
        assert_ne!(clause_of("leap"), clause_of("revolution"));
        assert_ne!(clause_of("revolution"), clause_of("slow"));
    }
}
