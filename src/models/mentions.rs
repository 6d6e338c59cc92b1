//! Finding model mentions in text: tokens, the alias trie and its walk.
//!
//! Text is cut into lower-cased letter runs and version numbers; the registry's aliases, compiled
//! into a trie over those tokens by `load`, are matched longest first at every token. Bare family
//! names are resolved in a second pass (earlier version in the text, else latest by date).

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use chrono::NaiveDate;

use super::{EntryKind, Mention, Registry, Resolution};

/// Tokens that may sit between a family name and its version without being part of the
/// alias: "Kling AI 2.5 Turbo", "Pika Labs 2.2".
const FILLERS: &[&str] = &["ai", "labs"];

/// A token of text: a lower-cased letter run or a version-like number, with its byte span.
/// `norm` borrows from the text when the text is already lower-case (no allocation).
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub(super) norm: Cow<'a, str>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) numeric: bool,
}

/// Cuts text into letter runs and numbers (`3.1`, `2.5`, `02`). A lone `v` glued to a number
/// ("v2.1") is folded into the number, so "Kling v2.1" reads as "Kling 2.1".
pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = i + 1;
                    chars.next();
                } else if d == '.' && text[i + 1..].starts_with(|n: char| n.is_ascii_digit()) {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            }
            let lone_v = tokens.last().is_some_and(|t: &Token| {
                t.end == start && !t.numeric && t.norm == "v" && t.end - t.start == 1
            });
            let begin = if lone_v {
                let v_start = tokens.pop().map_or(start, |t| t.start);
                let glued = text[..v_start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if glued {
                    // "Hv2" is not a version marker; keep the letter token.
                    tokens.push(Token {
                        norm: Cow::Borrowed("v"),
                        start: v_start,
                        end: start,
                        numeric: false,
                    });
                    start
                } else {
                    v_start
                }
            } else {
                start
            };
            tokens.push(Token {
                norm: Cow::Borrowed(&text[start..end]),
                start: begin,
                end,
                numeric: true,
            });
        } else if c.is_alphabetic() {
            let mut end = start;
            let mut lower_ascii = true;
            while let Some(&(i, a)) = chars.peek() {
                if a.is_alphabetic() {
                    lower_ascii &= a.is_ascii_lowercase();
                    end = i + a.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let run = &text[start..end];
            let norm = if lower_ascii {
                Cow::Borrowed(run)
            } else {
                let mut norm = String::with_capacity(run.len());
                norm.extend(run.chars().flat_map(char::to_lowercase));
                Cow::Owned(norm)
            };
            tokens.push(Token {
                norm,
                start,
                end,
                numeric: false,
            });
        } else {
            chars.next();
        }
    }
    tokens
}

/// Token sequence of an alias, for the trie and for conflict checks.
pub(super) fn alias_key(alias: &str) -> Vec<String> {
    tokenize(alias)
        .into_iter()
        .map(|t| t.norm.into_owned())
        .collect()
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
        let tokens = tokenize(text);
        let mut raw: Vec<(usize, usize, usize, Option<usize>, Resolution)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if glued_before(text, tokens[i].start) {
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
        if !self.trie[0].children.contains_key(tokens[i].norm.as_ref()) {
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
            if let Some(&child) = self.trie[node].children.get(token.norm.as_ref()) {
                let t = self.trie[child].terminal;
                if (t.alias_of.is_some() || t.prefix_of.is_some()) && !glued_after(text, token.end)
                {
                    found.push((j, t));
                }
                stack.push((child, j + 1));
            }
            if j > i && FILLERS.contains(&token.norm.as_ref()) {
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
                    .by_version(fam_id, &tokens[v].norm)
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
            if !FILLERS.contains(&t.norm.as_ref()) {
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
