//! Finding model mentions in text: tokens, the alias trie and its walk.
//!
//! Text is cut into lower-cased letter runs and version numbers; the registry's aliases, compiled
//! into a trie over those tokens by `load`, are matched longest first at every token. Bare family
//! names are resolved in a second pass (earlier version in the text, else latest by date).

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::{EntryKind, Mention, Model, Registry, Resolution};

/// Tokens that may sit between a family name and its version without being part of the
/// alias: "Kling AI 2.5 Turbo", "Pika Labs 2.2".
const FILLERS: &[&str] = &["ai", "labs"];

/// A token of text: a lower-cased letter run or a version-like number, with its byte span.
/// `norm` borrows from the text when the text is already lower-case, else from the buffer the
/// caller handed to [`tokenize`] (no allocation per token).
#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) norm: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) numeric: bool,
}

/// A token before its `norm` is borrowed: where the normal form lives.
struct Raw {
    start: usize,
    end: usize,
    numeric: bool,
    /// Byte range of the lower-cased form in the buffer; `None` when the text is normal.
    lowered: Option<(usize, usize)>,
}

/// Cuts text into letter runs and numbers (`3.1`, `2.5`, `02`). A lone `v` glued to a number
/// ("v2.1") is folded into the number, so "Kling v2.1" reads as "Kling 2.1".
///
/// A letter run is a run of alphabetic characters, lower-cased; a number is a run of ASCII
/// digits, with a `.` inside when a digit follows it. Everything else separates tokens. The
/// lower-cased forms of runs not already written lower-case are kept in `buf` (cleared first),
/// so the tokens borrow from `text` and `buf`. ASCII is read byte by byte; other characters
/// are decoded.
pub(super) fn tokenize<'a>(text: &'a str, buf: &'a mut String) -> Vec<Token<'a>> {
    tokenize_from(text, 0, buf)
}

/// [`tokenize`] from byte `from` on, which must be where a token of `text` starts (or 0).
pub(super) fn tokenize_from<'a>(text: &'a str, from: usize, buf: &'a mut String) -> Vec<Token<'a>> {
    buf.clear();
    let mut raw: Vec<Raw> = Vec::with_capacity((text.len() - from.min(text.len())) / 5 + 1);
    let mut i = from;
    while let Some(t) = next_raw(text, &mut i, buf) {
        raw.push(t);
    }
    borrow_norms(text, buf, &raw)
}

/// The tokens of `raw` with their normal forms borrowed from `text` and `buf`.
fn borrow_norms<'a>(text: &'a str, buf: &'a str, raw: &[Raw]) -> Vec<Token<'a>> {
    raw.iter()
        .map(|t| Token {
            norm: raw_norm(text, buf, t),
            start: t.start,
            end: t.end,
            numeric: t.numeric,
        })
        .collect()
}

/// The normal form of `t`, borrowed from `text` or `buf`.
fn raw_norm<'a>(text: &'a str, buf: &'a str, t: &Raw) -> &'a str {
    match t.lowered {
        Some((a, z)) => &buf[a..z],
        // A number's norm leaves out a folded "v".
        None if t.numeric && !text.as_bytes()[t.start].is_ascii_digit() => {
            &text[t.start + 1..t.end]
        }
        None => &text[t.start..t.end],
    }
}

/// Reads the next token at or after byte `*i` (a character boundary) and moves `*i` past it;
/// `None` at the end of the text. Lower-cased forms go to the end of `buf`.
fn next_raw(text: &str, i: &mut usize, buf: &mut String) -> Option<Raw> {
    let Span {
        start,
        end,
        numeric,
    } = next_span(text, i)?;
    let run = &text[start..end];
    let lowered = (!numeric && !run.bytes().all(|y| y.is_ascii_lowercase())).then(|| {
        let from = buf.len();
        if run.is_ascii() {
            buf.push_str(run);
            buf[from..].make_ascii_lowercase();
        } else {
            for c in run.chars() {
                if c.is_ascii() {
                    buf.push(c.to_ascii_lowercase());
                } else {
                    buf.extend(c.to_lowercase());
                }
            }
        }
        (from, buf.len())
    });
    Some(Raw {
        start,
        end,
        numeric,
        lowered,
    })
}

/// Where a token lies in the text, and whether it is a number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) numeric: bool,
}

/// The span of the next token at or after byte `*i` (a character boundary); moves `*i` past
/// it. `None` at the end of the text.
///
/// A token depends only on the text from its start on (and, for a folded "v", on the
/// character before it), so reading can start at any token's start and yields the same tokens
/// as reading from the beginning: mention finding reads only the few tokens after a candidate.
fn next_span(text: &str, i: &mut usize) -> Option<Span> {
    let b = text.as_bytes();
    let n = b.len();
    while *i < n {
        let x = b[*i];
        if x.is_ascii_digit() {
            let start = *i;
            *i = number_end(b, start);
            return Some(Span {
                start,
                end: *i,
                numeric: true,
            });
        }
        if x < 0x80 && !x.is_ascii_alphabetic() {
            // ASCII that is no letter nor digit: a separator.
            *i += 1;
            continue;
        }
        // A letter run: ASCII letters and alphabetic non-ASCII characters.
        let start = *i;
        let mut j = start;
        while j < n {
            let y = b[j];
            if y.is_ascii_alphabetic() {
                j += 1;
            } else if y >= 0x80 {
                match text[j..].chars().next() {
                    Some(c) if c.is_alphabetic() => j += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        if j == start {
            // Not a letter: skip the character.
            *i += text[*i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        *i = j;
        // "v2.1": a lone `v` glued to a number is part of the number, unless a letter or
        // digit comes right before it ("Hv2" is not a version marker).
        if j - start == 1
            && (x | 0x20) == b'v'
            && b.get(j).is_some_and(u8::is_ascii_digit)
            && !text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            let end = number_end(b, j);
            *i = end;
            return Some(Span {
                start,
                end,
                numeric: true,
            });
        }
        return Some(Span {
            start,
            end: j,
            numeric: false,
        });
    }
    None
}

/// The end of the number starting at the ASCII digit at `start`: digits, and a `.` where a
/// digit follows it.
fn number_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        if b[i].is_ascii_digit() || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Token sequence of an alias, for the trie and for conflict checks.
pub(super) fn alias_key(alias: &str) -> Vec<String> {
    let mut buf = String::new();
    tokenize(alias, &mut buf)
        .into_iter()
        .map(|t| t.norm.to_owned())
        .collect()
}

/// The first two bytes of every token that starts an alias, one bit each: most tokens of a
/// text start none, and two bit tests say so before the token is hashed for the trie.
#[derive(Debug, Clone)]
pub(super) struct FirstTokens {
    bits: Vec<u64>,
}

impl FirstTokens {
    pub(super) fn new<'a>(firsts: impl Iterator<Item = &'a String>) -> FirstTokens {
        let mut bits = vec![0u64; (1 << 16) / 64];
        for f in firsts {
            let k = Self::key(f);
            bits[k >> 6] |= 1 << (k & 63);
        }
        FirstTokens { bits }
    }

    /// The first two bytes of a token as a number (the second 0 for a one-byte token).
    fn key(token: &str) -> usize {
        let b = token.as_bytes();
        usize::from(b.first().copied().unwrap_or(0)) << 8
            | usize::from(b.get(1).copied().unwrap_or(0))
    }

    /// [`FirstTokens::may_start`] for a token whose normal form starts with these two bytes
    /// (the second 0 for a one-byte token).
    pub(super) fn may_start_bytes(&self, first: u8, second: u8) -> bool {
        let k = usize::from(first) << 8 | usize::from(second);
        self.bits
            .get(k >> 6)
            .is_some_and(|bits| bits >> (k & 63) & 1 == 1)
    }

    /// False when no alias starts with a token of this normal form.
    pub(super) fn may_start(&self, token: &str) -> bool {
        let k = Self::key(token);
        self.bits
            .get(k >> 6)
            .is_some_and(|bits| bits >> (k & 63) & 1 == 1)
    }
}

/// A mention before bare names are resolved: (start, end, family, model, resolution).
pub(super) type RawMention = (usize, usize, usize, Option<usize>, Resolution);

/// Buffers reused from candidate to candidate: the tokens read, and the trie walk's.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    walk: Walk,
}

/// The trie walk's buffers ([`Registry::match_at`]): the aliases found, and the nodes to visit.
#[derive(Default)]
struct Walk {
    found: Vec<(usize, Terminal)>,
    stack: Vec<(usize, usize)>,
}

/// A token read after a candidate: its span, and the number of its normal form among the
/// words of the aliases ([`Candidates::words`]; [`NO_WORD`] for none).
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    numeric: bool,
    word: u32,
}

/// [`Tok::word`] of a token that is no word of any alias.
const NO_WORD: u32 = u32::MAX;

/// The root's child along a word that starts no alias.
const NO_CHILD: u32 = u32::MAX;

/// What finding mentions from their candidate first tokens needs
/// ([`Registry::raw_mentions_at_candidates`]). Built only when every alias and prefix starts
/// with a token of ASCII letters, and every token of them is at most 16 ASCII bytes.
///
/// The words of the aliases are numbered, and the trie's edges are kept by word number too:
/// each token read is looked up once, by its bytes packed into a number ([`word_key`]), and the
/// walk then hashes only numbers.
#[derive(Debug, Clone)]
pub(super) struct Candidates {
    /// Every token of every alias and prefix, and the fillers, by [`word_key`]: the trie walk
    /// reads no token after one that is none of these.
    /// Each with its number and, for a first token of an alias, the root's child along it
    /// ([`NO_CHILD`] for none): a candidate's first token is looked up once.
    words: rustc_hash::FxHashMap<u128, (u32, u32)>,
    /// Word numbers of the fillers.
    fillers: Vec<u32>,
    /// The trie's edges: `node << 32 | word` to the child node.
    edges: rustc_hash::FxHashMap<u64, u32>,
    /// Bytes of the longest first token.
    max_first: usize,
    /// The family entry of each entry, by index.
    family_of: Vec<usize>,
    /// The base model of a family with a version ([`Registry::by_version`]), by family entry
    /// and the version's [`pack_word`]: each spelling that names the same version ("2",
    /// "2.0") has its own key, held by the first such model in file order.
    versions: rustc_hash::FxHashMap<(usize, u128), usize>,
}

impl Candidates {
    pub(super) fn new(
        trie: &[TrieNode],
        entries: &[Model],
        by_id: &HashMap<String, usize>,
    ) -> Option<Candidates> {
        let root = &trie.first()?.children;
        if root
            .keys()
            .any(|k| k.is_empty() || !k.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return None;
        }
        let mut words: rustc_hash::FxHashMap<u128, (u32, u32)> = rustc_hash::FxHashMap::default();
        let mut number = |word: &str| -> Option<u32> {
            let key = pack_word(word.as_bytes())?;
            let next = u32::try_from(words.len()).ok().filter(|&n| n != NO_WORD)?;
            Some(words.entry(key).or_insert((next, NO_CHILD)).0)
        };
        let mut edges = rustc_hash::FxHashMap::default();
        for (node, n) in trie.iter().enumerate() {
            for (word, &child) in &n.children {
                let key = u64::try_from(node).ok()? << 32 | u64::from(number(word)?);
                edges.insert(key, u32::try_from(child).ok()?);
            }
        }
        let fillers = FILLERS.iter().map(|f| number(f)).collect::<Option<_>>()?;
        for (word, &child) in root {
            let entry = words.get_mut(&pack_word(word.as_bytes())?)?;
            entry.1 = u32::try_from(child).ok().filter(|&c| c != NO_CHILD)?;
        }
        let family_of = entries
            .iter()
            .map(|m| by_id.get(&m.family).copied())
            .collect::<Option<Vec<usize>>>()?;
        let mut versions = rustc_hash::FxHashMap::default();
        for (index, m) in entries.iter().enumerate() {
            if !m.is_base() {
                continue;
            }
            // `by_version` takes "2" and "2.0" for the same version.
            let v = m.version.as_str();
            let spellings = [
                Some(v.to_owned()),
                Some(format!("{v}.0")),
                v.strip_suffix(".0").map(str::to_owned),
            ];
            for spelling in spellings.into_iter().flatten() {
                if let Some(key) = pack_word(spelling.as_bytes()) {
                    versions.entry((family_of[index], key)).or_insert(index);
                }
            }
        }
        Some(Candidates {
            words,
            fillers,
            edges,
            max_first: root.keys().map(String::len).max().unwrap_or(0),
            family_of,
            versions,
        })
    }

    /// [`Registry::by_version`] as an entry index, for the family entry `family`.
    pub(super) fn by_version(
        &self,
        registry: &Registry,
        family: usize,
        version: &str,
    ) -> Option<usize> {
        match pack_word(version.as_bytes()) {
            Some(key) => self.versions.get(&(family, key)).copied(),
            // Not short ASCII: no key was made for it.
            None => registry
                .by_version(&registry.entries[family].id, version)
                .and_then(|m| registry.by_id.get(&m.id).copied()),
        }
    }

    /// The child of trie node `node` along word `word`.
    fn child(&self, node: usize, word: u32) -> Option<usize> {
        if word == NO_WORD {
            return None;
        }
        let key = (node as u64) << 32 | u64::from(word);
        self.edges.get(&key).map(|&c| c as usize)
    }

    fn is_filler(&self, word: u32) -> bool {
        word != NO_WORD && self.fillers.contains(&word)
    }

    /// The word number of the token `t` of `text`.
    fn word(&self, text: &str, t: Span) -> u32 {
        word_key(text, t)
            .and_then(|k| self.words.get(&k))
            .map_or(NO_WORD, |&(word, _)| word)
    }

    /// The word number of the token `t` of `text`, and the root's child along it when it is
    /// the first token of an alias.
    fn first_word(&self, text: &str, t: Span) -> Option<(u32, usize)> {
        let &(word, child) = self.words.get(&word_key(text, t)?)?;
        (child != NO_CHILD).then_some((word, child as usize))
    }
}

/// The bytes of a word (at most 16, ASCII, none 0) packed into a number, the first byte
/// lowest; `None` for a longer or non-ASCII word.
pub(super) fn pack_word(bytes: &[u8]) -> Option<u128> {
    if bytes.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    for (n, &x) in bytes.iter().enumerate() {
        if x == 0 || x >= 0x80 {
            return None;
        }
        key |= u128::from(x) << (8 * n);
    }
    Some(key)
}

/// [`pack_word`] of the normal form of the token `t` of `text` (lower-cased; a number without
/// a folded "v"). `None` when the normal form is not short ASCII; given a text without a Kelvin
/// sign, that is exactly when the token is no word packed by [`pack_word`], as only the Kelvin
/// sign lower-cases to ASCII letters.
pub(super) fn word_key(text: &str, t: Span) -> Option<u128> {
    let b = &text.as_bytes()[t.start..t.end];
    let b = if t.numeric && !b[0].is_ascii_digit() {
        &b[1..]
    } else {
        b
    };
    if b.len() > 16 {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..b.len()].copy_from_slice(b);
    let key = u128::from_le_bytes(bytes);
    if key & u128::from_le_bytes([0x80; 16]) != 0 {
        return None;
    }
    // A token's ASCII bytes are letters, digits and dots: setting bit 0x20 lower-cases the
    // letters and keeps the others.
    let case = u128::from_le_bytes([0x20; 16])
        .checked_shr(8 * (16 - b.len() as u32))
        .unwrap_or(0);
    Some(key | case)
}

/// What an alias in the trie stands for.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Terminal {
    /// Entry whose alias ends here (a model, or a family for a bare name).
    pub(super) alias_of: Option<usize>,
    /// Family whose version prefix ends here ("Wan", "Gen").
    pub(super) prefix_of: Option<usize>,
}

#[derive(Debug, Default)]
pub(super) struct TrieNode {
    pub(super) children: HashMap<String, usize>,
    pub(super) terminal: Terminal,
}

impl Registry {
    /// Finds model mentions in `text` without a date: bare family names resolve only to a
    /// version named earlier in the text.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        self.find_mentions_at(text, None)
    }

    /// Finds model mentions in `text` written on `date`: a bare family name with no earlier
    /// version resolves to the family's latest base model released by then.
    pub fn find_mentions_at(&self, text: &str, date: Option<NaiveDate>) -> Vec<Mention> {
        // The Kelvin sign lower-cases to an ASCII `k`: a name written with it is found only by
        // reading every token.
        let raw = match &self.candidates {
            Some(c) if !text.contains('\u{212A}') => self.raw_mentions_at_candidates(c, text),
            _ => self.raw_mentions(text),
        };
        self.resolve(text, raw, date)
    }

    /// [`Registry::find_mentions_at`] for a caller that has found the candidates already:
    /// `starts` (ascending) must hold the start of every run of ASCII letters in `text` (not
    /// preceded or followed by one) that, lower-cased, is the first token of an alias; other
    /// positions are allowed and skipped. `None` when this registry or text needs every token
    /// read (an alias that does not start with ASCII letters, a Kelvin sign in the text): then
    /// call [`Registry::find_mentions_at`].
    pub fn find_mentions_from(
        &self,
        text: &str,
        starts: &[usize],
        date: Option<NaiveDate>,
    ) -> Option<Vec<Mention>> {
        let c = self.candidates.as_ref()?;
        if text.contains('\u{212A}') {
            return None;
        }
        let b = text.as_bytes();
        let mut scratch = Scratch::default();
        let mut raw: Vec<RawMention> = Vec::new();
        let mut free = 0;
        let mut last = None;
        for &start in starts {
            if last.is_some_and(|l| start <= l)
                || start < free
                || !b.get(start).is_some_and(u8::is_ascii_alphabetic)
                || (start > 0 && b[start - 1].is_ascii_alphabetic())
            {
                continue;
            }
            last = Some(start);
            let mut end = start + 1;
            while end < b.len() && b[end].is_ascii_alphabetic() {
                end += 1;
            }
            if let Some(m) = self.candidate(c, text, start, end, &mut scratch) {
                free = m.1;
                raw.push(m);
            }
        }
        Some(self.resolve(text, raw, date))
    }

    /// Resolves the bare family names of `raw` (in text order) and makes the mentions.
    fn resolve(&self, text: &str, raw: Vec<RawMention>, date: Option<NaiveDate>) -> Vec<Mention> {
        // Per family the model of its last explicit mention: a text names few families, so a
        // short list searched in order is cheaper than a hash map.
        let mut last_in_family: Vec<(usize, Option<usize>)> = Vec::new();
        let mut mentions = Vec::with_capacity(raw.len());
        for (start, end, family, model, resolution) in raw {
            let earlier = last_in_family.iter_mut().find(|(f, _)| *f == family);
            let (model, resolution) = match resolution {
                Resolution::Explicit | Resolution::UnknownVersion => {
                    match earlier {
                        Some(last) => last.1 = model,
                        None => last_in_family.push((family, model)),
                    }
                    (model, resolution)
                }
                _ => match earlier {
                    Some(&mut (_, earlier)) => (earlier, Resolution::Nearby),
                    None => {
                        let latest = date.and_then(|d| {
                            self.latest_in_family(&self.entries[family].id, d)
                                .and_then(|m| self.by_id.get(&m.id).copied())
                        });
                        match latest {
                            Some(m) => (Some(m), Resolution::LatestAtDate),
                            None => (None, Resolution::Unresolved),
                        }
                    }
                },
            };
            mentions.push(Mention {
                start,
                end,
                text: text[start..end].to_string(),
                family: self.entries[family].id.clone(),
                model: model.map(|m| self.entries[m].id.clone()),
                resolution,
            });
        }
        mentions
    }

    /// The mentions of `text` before bare names are resolved, found by reading every token.
    pub(super) fn raw_mentions(&self, text: &str) -> Vec<RawMention> {
        let mut buf = String::new();
        let tokens = tokenize(text, &mut buf);
        let mut raw: Vec<RawMention> = Vec::new();
        let mut walk = Walk::default();
        let mut i = 0;
        while i < tokens.len() {
            if !self.firsts.may_start(tokens[i].norm) || glued_before(text, tokens[i].start) {
                i += 1;
                continue;
            }
            match self.match_at(text, &tokens, i, &mut walk) {
                Some((last, family, model, resolution)) => {
                    raw.push((tokens[i].start, tokens[last].end, family, model, resolution));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        raw
    }

    /// The same mentions as [`Registry::raw_mentions`], reading only the tokens that can start
    /// one and the few after them. When every alias starts with ASCII letters (and the text
    /// holds no Kelvin sign), a token that starts an alias is a run of ASCII letters with no
    /// alphabetic character on either side, so a loop over the bytes finds all candidates
    /// without cutting the text into tokens; at each, tokens are read only as far as the
    /// trie walk can look.
    pub(super) fn raw_mentions_at_candidates(&self, c: &Candidates, text: &str) -> Vec<RawMention> {
        let b = text.as_bytes();
        let n = b.len();
        let mut out: Vec<RawMention> = Vec::new();
        let mut scratch = Scratch::default();
        // Tokens before this byte lie inside a mention found already.
        let mut free = 0;
        let mut i = 0;
        while i < n {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if start < free {
                continue;
            }
            if let Some(m) = self.candidate(c, text, start, i, &mut scratch) {
                free = m.1;
                out.push(m);
            }
        }
        out
    }

    /// The mention starting at the run of ASCII letters `start..end` (not preceded or
    /// followed by one), if any.
    fn candidate(
        &self,
        c: &Candidates,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut Scratch,
    ) -> Option<RawMention> {
        let b = text.as_bytes();
        let len = end - start;
        if len > c.max_first {
            return None;
        }
        let lead = b[start] | 0x20;
        let second = if len > 1 { b[start + 1] | 0x20 } else { 0 };
        if !self.firsts.may_start_bytes(lead, second) {
            return None;
        }
        // A whole token: no alphabetic character glued to either side, and not the `v` of a
        // version ("v2.1" is one number token).
        if (start > 0
            && b[start - 1] >= 0x80
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic))
            || (end < b.len()
                && b[end] >= 0x80
                && text[end..].chars().next().is_some_and(char::is_alphabetic))
            || (len == 1 && lead == b'v' && b.get(end).is_some_and(u8::is_ascii_digit))
            || glued_before(text, start)
        {
            return None;
        }
        // The first token is the run itself; the trie walk reads a token after it only
        // after a joinable run of alias tokens and fillers: read until a token that is not
        // joinable (left out: the walk never looks at it) or is no word (kept: it may be the
        // version number).
        let Scratch { toks, walk } = scratch;
        let first = Span {
            start,
            end,
            numeric: false,
        };
        let (word, root_child) = c.first_word(text, first)?;
        toks.clear();
        toks.push(Tok {
            start,
            end,
            numeric: false,
            word,
        });
        let mut at = end;
        while let Some(t) = next_span(text, &mut at) {
            if !joinable_gap(text, toks[toks.len() - 1].end, t.start) {
                break;
            }
            let word = c.word(text, t);
            toks.push(Tok {
                start: t.start,
                end: t.end,
                numeric: t.numeric,
                word,
            });
            if word == NO_WORD {
                break;
            }
        }
        let (last, family, model, resolution) =
            self.match_words(c, text, toks, root_child, walk)?;
        Some((start, toks[last].end, family, model, resolution))
    }

    /// [`Registry::match_at`] for the tokens read at a candidate (the first token starts an
    /// alias, each one after it is joinable to the one before), walking by word numbers.
    fn match_words(
        &self,
        c: &Candidates,
        text: &str,
        toks: &[Tok],
        root_child: usize,
        walk: &mut Walk,
    ) -> Option<(usize, usize, Option<usize>, Resolution)> {
        // Depth-first walk; fillers ("AI", "Labs") may be skipped after the first token.
        let Walk { found, stack } = walk;
        found.clear();
        stack.clear();
        stack.push((0usize, 0usize));
        while let Some((node, j)) = stack.pop() {
            let Some(token) = toks.get(j) else {
                continue;
            };
            // The first token's child of the root is known already.
            let child = if j == 0 {
                Some(root_child)
            } else {
                c.child(node, token.word)
            };
            if let Some(child) = child {
                let t = self.trie[child].terminal;
                if (t.alias_of.is_some() || t.prefix_of.is_some()) && !glued_after(text, token.end)
                {
                    found.push((j, t));
                }
                stack.push((child, j + 1));
            }
            if j > 0 && c.is_filler(token.word) {
                stack.push((node, j + 1));
            }
        }
        self.pick(
            found,
            |e| Some(c.family_of[e]),
            |family, j| {
                version_after_words(c, text, toks, j)
                    .map(|v| (v, c.by_version(self, family, number_norm(text, &toks[v]))))
            },
        )
    }

    /// The mention among the aliases a walk found (token index of the alias's last word, and
    /// what ends there): the longest first, and among equal ends a model alias before a family
    /// name. A model alias names its model (`family_of` gives its family); a family name takes
    /// the version after it (`version`: the version's token and the model it names, if any);
    /// a bare family name stays unresolved. Both walks, the fast one and the reference, choose
    /// this way.
    fn pick(
        &self,
        found: &mut [(usize, Terminal)],
        family_of: impl Fn(usize) -> Option<usize>,
        version: impl Fn(usize, usize) -> Option<(usize, Option<usize>)>,
    ) -> Option<(usize, usize, Option<usize>, Resolution)> {
        found.sort_by_key(|&(j, t)| {
            let is_model = t
                .alias_of
                .is_some_and(|e| self.entries[e].kind == EntryKind::Model);
            std::cmp::Reverse((j, is_model))
        });
        for &(j, t) in found.iter() {
            if let Some(e) = t.alias_of {
                if self.entries[e].kind == EntryKind::Model {
                    return Some((j, family_of(e)?, Some(e), Resolution::Explicit));
                }
            }
            let family = t.alias_of.or(t.prefix_of)?;
            if let Some((v, model)) = version(family, j) {
                let resolution = if model.is_some() {
                    Resolution::Explicit
                } else {
                    Resolution::UnknownVersion
                };
                return Some((v, family, model, resolution));
            }
            if t.alias_of.is_some() {
                return Some((j, family, None, Resolution::Unresolved));
            }
        }
        None
    }

    /// The longest mention starting at token `i`: (last token, family, model, resolution).
    /// Bare family mentions come back as `Unresolved`; resolution happens in a second pass.
    fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        walk: &mut Walk,
    ) -> Option<(usize, usize, Option<usize>, Resolution)> {
        // Most tokens start no alias: leave before anything else.
        if !self.trie[0].children.contains_key(tokens[i].norm) {
            return None;
        }
        // Depth-first walk; fillers ("AI", "Labs") may be skipped after the first token.
        let Walk { found, stack } = walk;
        found.clear();
        stack.clear();
        stack.push((0usize, i));
        while let Some((node, j)) = stack.pop() {
            if j >= tokens.len() || (j > i && !joinable(text, &tokens[j - 1], &tokens[j])) {
                continue;
            }
            let token = &tokens[j];
            if let Some(&child) = self.trie[node].children.get(token.norm) {
                let t = self.trie[child].terminal;
                if (t.alias_of.is_some() || t.prefix_of.is_some()) && !glued_after(text, token.end)
                {
                    found.push((j, t));
                }
                stack.push((child, j + 1));
            }
            if j > i && FILLERS.contains(&token.norm) {
                stack.push((node, j + 1));
            }
        }
        self.pick(
            found,
            |e| self.by_id.get(&self.entries[e].family).copied(),
            |family, j| {
                self.version_after(text, tokens, j).map(|v| {
                    let fam_id = &self.entries[family].id;
                    let model = self
                        .by_version(fam_id, tokens[v].norm)
                        .and_then(|m| self.by_id.get(&m.id).copied());
                    (v, model)
                })
            },
        )
    }

    /// Index of a version-like number token following token `j` (skipping fillers), if any.
    fn version_after(&self, text: &str, tokens: &[Token], j: usize) -> Option<usize> {
        let mut k = j + 1;
        while k < tokens.len() && joinable(text, &tokens[k - 1], &tokens[k]) {
            let t = &tokens[k];
            if t.numeric {
                let major = t.norm.split('.').next().unwrap_or("");
                // "Sora 2025" names a year, not a version.
                let versionish = major.len() <= 2;
                return (versionish && !glued_after(text, t.end)).then_some(k);
            }
            if !FILLERS.contains(&t.norm) {
                return None;
            }
            k += 1;
        }
        None
    }
}

/// [`Registry::version_after`] for the tokens read at a candidate.
fn version_after_words(c: &Candidates, text: &str, toks: &[Tok], j: usize) -> Option<usize> {
    for (k, t) in toks.iter().enumerate().skip(j + 1) {
        if t.numeric {
            let major = number_norm(text, t).split('.').next().unwrap_or("");
            // "Sora 2025" names a year, not a version.
            let versionish = major.len() <= 2;
            return (versionish && !glued_after(text, t.end)).then_some(k);
        }
        if !c.is_filler(t.word) {
            return None;
        }
    }
    None
}

/// The normal form of the number token `t`: its text without a folded "v".
fn number_norm<'a>(text: &'a str, t: &Tok) -> &'a str {
    let s = &text[t.start..t.end];
    if s.as_bytes()[0].is_ascii_digit() {
        s
    } else {
        &s[1..]
    }
}

/// True if the character before byte `at` is a letter or digit, or a hyphen joining the
/// mention to a word before it ("X-Ray 2", "Next-Gen 2" are not Luma Ray 2 or a Runway Gen).
pub(super) fn glued_before(text: &str, at: usize) -> bool {
    // Most text before a name is ASCII: decide without decoding when the bytes looked at are.
    let b = text.as_bytes();
    match at.checked_sub(1).map(|i| b[i]) {
        None => return false,
        Some(b'-') => match at.checked_sub(2).map(|i| b[i]) {
            None => return false,
            Some(x) if x < 0x80 => return x.is_ascii_alphanumeric(),
            Some(_) => {}
        },
        Some(x) if x < 0x80 => return x.is_ascii_alphanumeric(),
        Some(_) => {}
    }
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-') => before.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// True if the character at byte `at` is a letter or digit.
fn glued_after(text: &str, at: usize) -> bool {
    if let Some(&b) = text.as_bytes().get(at).filter(|b| b.is_ascii()) {
        return b.is_ascii_alphanumeric();
    }
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Two tokens may be parts of one name if only a short run of spaces, hyphens or underscores
/// separates them (or nothing, as in "Sora2"); punctuation and paragraph breaks end a name.
fn joinable(text: &str, a: &Token, b: &Token) -> bool {
    joinable_gap(text, a.end, b.start)
}

/// [`joinable`] for the gap between bytes `end` and `start`.
pub(super) fn joinable_gap(text: &str, end: usize, start: usize) -> bool {
    // Most gaps are a space or two written in ASCII: decide those without decoding.
    let bytes = &text.as_bytes()[end..start];
    if bytes.is_ascii() {
        return bytes.len() <= 3 && bytes.iter().all(|&b| b == b' ' || b == b'-' || b == b'_');
    }
    let gap = &text[end..start];
    gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '-' || c == '_' || c == '\u{2011}')
}
