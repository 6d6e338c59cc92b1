//! Finding model mentions in text: tokens, the alias trie and its walk.
//!
//! Text is cut into lower-cased letter runs and version numbers; the registry's aliases, compiled
//! into a trie over those tokens by `load`, are matched longest first at every token. Bare family
//! names are resolved in a second pass (earlier version in the text, else latest by date).

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::{EntryKind, Mention, Registry, Resolution};

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
    buf.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut raw: Vec<Raw> = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        let x = b[i];
        if x.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < n {
                if b[i].is_ascii_digit()
                    || (b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let end = i;
            let lone_v = raw.last().is_some_and(|t| {
                t.end == start && !t.numeric && t.end - t.start == 1 && (b[t.start] | 0x20) == b'v'
            });
            let mut begin = start;
            if lone_v {
                let v_start = start - 1;
                let glued = text[..v_start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if !glued {
                    // "v2.1": the letter token becomes part of the number.
                    raw.pop();
                    begin = v_start;
                }
                // "Hv2" is not a version marker; the letter token stays.
            }
            raw.push(Raw {
                start: begin,
                end,
                numeric: true,
                lowered: None,
            });
            continue;
        }
        // A letter run: ASCII letters and alphabetic non-ASCII characters.
        let start = i;
        let mut lower_ascii = true;
        while i < n {
            let y = b[i];
            if y.is_ascii_alphabetic() {
                lower_ascii &= y.is_ascii_lowercase();
                i += 1;
            } else if y >= 0x80 {
                match text[i..].chars().next() {
                    Some(c) if c.is_alphabetic() => {
                        lower_ascii = false;
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if i == start {
            // Not a letter: skip the character.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let lowered = (!lower_ascii).then(|| {
            let from = buf.len();
            let run = &text[start..i];
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
        raw.push(Raw {
            start,
            end: i,
            numeric: false,
            lowered,
        });
    }
    let buf: &'a str = buf.as_str();
    raw.into_iter()
        .map(|t| Token {
            norm: match t.lowered {
                Some((a, z)) => &buf[a..z],
                // A number's norm leaves out a folded "v".
                None if t.numeric && !b[t.start].is_ascii_digit() => &text[t.start + 1..t.end],
                None => &text[t.start..t.end],
            },
            start: t.start,
            end: t.end,
            numeric: t.numeric,
        })
        .collect()
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

    /// False when no alias starts with a token of this normal form.
    pub(super) fn may_start(&self, token: &str) -> bool {
        let k = Self::key(token);
        self.bits
            .get(k >> 6)
            .is_some_and(|bits| bits >> (k & 63) & 1 == 1)
    }
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
        let mut buf = String::new();
        let tokens = tokenize(text, &mut buf);
        let mut raw: Vec<(usize, usize, usize, Option<usize>, Resolution)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !self.firsts.may_start(tokens[i].norm) || glued_before(text, tokens[i].start) {
                i += 1;
                continue;
            }
            match self.match_at(text, &tokens, i) {
                Some((last, family, model, resolution)) => {
                    raw.push((tokens[i].start, tokens[last].end, family, model, resolution));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        let mut last_in_family: HashMap<usize, Option<usize>> = HashMap::default();
        let mut mentions = Vec::with_capacity(raw.len());
        for (start, end, family, model, resolution) in raw {
            let (model, resolution) = match resolution {
                Resolution::Explicit | Resolution::UnknownVersion => {
                    last_in_family.insert(family, model);
                    (model, resolution)
                }
                _ => match last_in_family.get(&family) {
                    Some(&earlier) => (earlier, Resolution::Nearby),
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

    /// The longest mention starting at token `i`: (last token, family, model, resolution).
    /// Bare family mentions come back as `Unresolved`; resolution happens in a second pass.
    fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(usize, usize, Option<usize>, Resolution)> {
        // Most tokens start no alias: leave before allocating anything.
        if !self.trie[0].children.contains_key(tokens[i].norm) {
            return None;
        }
        // Depth-first walk; fillers ("AI", "Labs") may be skipped after the first token.
        let mut found: Vec<(usize, Terminal)> = Vec::new();
        let mut stack = vec![(0usize, i)];
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
        // Longest first; among equal ends a model alias beats a family name.
        found.sort_by_key(|&(j, t)| {
            let is_model = t
                .alias_of
                .is_some_and(|e| self.entries[e].kind == EntryKind::Model);
            std::cmp::Reverse((j, is_model))
        });
        for (j, t) in found {
            if let Some(e) = t.alias_of {
                if self.entries[e].kind == EntryKind::Model {
                    let fam = self.by_id.get(&self.entries[e].family).copied()?;
                    return Some((j, fam, Some(e), Resolution::Explicit));
                }
            }
            let family = t.alias_of.or(t.prefix_of)?;
            if let Some(v) = self.version_after(text, tokens, j) {
                let fam_id = &self.entries[family].id;
                let model = self
                    .by_version(fam_id, tokens[v].norm)
                    .and_then(|m| self.by_id.get(&m.id).copied());
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

/// True if the character before byte `at` is a letter or digit, or a hyphen joining the
/// mention to a word before it ("X-Ray 2", "Next-Gen 2" are not Luma Ray 2 or a Runway Gen).
fn glued_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-') => before.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// True if the character at byte `at` is a letter or digit.
fn glued_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Two tokens may be parts of one name if only a short run of spaces, hyphens or underscores
/// separates them (or nothing, as in "Sora2"); punctuation and paragraph breaks end a name.
fn joinable(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '-' || c == '_' || c == '\u{2011}')
}
