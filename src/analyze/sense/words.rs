//! The words of one text as the checks see them: lowercased and stemmed lazily, with a stem
//! cache kept across documents.

use super::compile::{Cue, Word};
use super::Senses;
use crate::analyze::stance::QuoteMarks;
use crate::text::stem::{normalize_into, LangStemmer};
use crate::text::tokens::Tokens;

/// A word of the text as the checks see it.
#[derive(Debug)]
pub(super) struct Tok {
    /// Lowercase, hyphens kept.
    pub(super) lower: String,
    /// Snowball stem (hyphens removed).
    pub(super) stem: String,
    /// Id of the stem among the cue stems, or `u32::MAX`.
    pub(super) sid: u32,
    /// A word that ends the noun phrase after a praise word ([`super::NP_STOP`]).
    pub(super) np_stop: bool,
    /// A copula ([`super::COPULA`]).
    pub(super) copula: bool,
    /// German compound heads among the target cues that the stem ends with (indexes into
    /// the rules' head list).
    pub(super) heads: Box<[u32]>,
}

/// The word forms the checks looked at, lowercased and stemmed once each and kept across
/// documents by the analyzer: a form seen before costs one hash look-up, no allocation.
#[derive(Debug, Default)]
pub(crate) struct FormCache {
    /// Word form as written → index into `toks`.
    index: rustc_hash::FxHashMap<Box<str>, u32>,
    toks: Vec<Tok>,
}

impl FormCache {
    /// Forgets every form.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.toks.clear();
    }
}

/// Cap on cached forms; past it the cache starts over (between documents), so memory stays
/// flat.
pub(super) const STEM_CACHE_CAP: usize = 100_000;

/// Lazily lowercased and stemmed words of one text, shared by the checks of all its hits.
pub(crate) struct Words<'a> {
    pub(super) text: &'a str,
    pub(super) sc: &'a Tokens,
    pub(super) stemmer: &'a LangStemmer,
    pub(super) stem_ids: &'a rustc_hash::FxHashMap<String, u32>,
    pub(super) cache: &'a mut FormCache,
    /// German one-word target cues that also match as compound heads.
    heads: &'a [(String, u32, u32)],
    /// Scratch list of (rule, cue) pairs for the target checks.
    pub(super) scratch: Vec<(u32, u32)>,
    /// The text's quotation marks and line breaks, indexed by the stance rules.
    marks: &'a QuoteMarks,
    /// `slot[i]`: index of token `i` in the cache, or `u32::MAX` before it is first needed.
    pub(super) slot: Vec<u32>,
    pub(super) buf: String,
}

impl<'a> Words<'a> {
    /// Words of `text` (scanned as `sc`), stemmed with the rules' stemmer.
    pub(crate) fn new(
        text: &'a str,
        sc: &'a Tokens,
        senses: &'a Senses,
        cache: &'a mut FormCache,
        marks: &'a QuoteMarks,
    ) -> Self {
        if cache.toks.len() > STEM_CACHE_CAP {
            cache.clear();
        }
        Words {
            text,
            sc,
            stemmer: &senses.stemmer,
            stem_ids: &senses.stem_ids,
            cache,
            heads: &senses.target_heads,
            scratch: Vec::new(),
            marks,
            slot: Vec::new(),
            buf: String::new(),
        }
    }

    /// Byte offset where the line holding byte `at` begins.
    pub(super) fn line_start(&self, at: usize) -> usize {
        self.marks.line_start(at)
    }

    pub(super) fn tok(&mut self, i: usize) -> &Tok {
        if self.slot.is_empty() {
            self.slot = vec![u32::MAX; self.sc.tokens.len()];
        }
        let s = self.slot[i];
        if s != u32::MAX {
            return &self.cache.toks[s as usize];
        }
        let w = self.text.get(self.sc.tokens[i].range()).unwrap_or("");
        let s = match self.cache.index.get(w) {
            Some(&s) => s,
            None => {
                let mut lower = String::with_capacity(w.len());
                if w.is_ascii() {
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                } else {
                    for c in w.chars() {
                        match c {
                            '\u{00AD}' => {}
                            '\u{2019}' | '\u{02BC}' => lower.push('\''),
                            '\u{2010}' | '\u{2011}' => lower.push('-'),
                            c => lower.extend(c.to_lowercase()),
                        }
                    }
                }
                normalize_into(w, &mut self.buf);
                let stem = self.stemmer.stem(&self.buf);
                let sid = self.stem_ids.get(&stem).copied().unwrap_or(u32::MAX);
                let heads = (0u32..)
                    .zip(self.heads)
                    .filter(|(_, (h, _, _))| stem.ends_with(h.as_str()))
                    .map(|(i, _)| i)
                    .collect();
                let s = self.cache.toks.len() as u32;
                self.cache.toks.push(Tok {
                    np_stop: super::NP_STOP.contains(&lower.as_str()),
                    copula: super::COPULA.contains(&lower.as_str()),
                    lower,
                    stem,
                    sid,
                    heads,
                });
                self.cache.index.insert(w.into(), s);
                s
            }
        };
        self.slot[i] = s;
        &self.cache.toks[s as usize]
    }

    pub(super) fn capitalized(&self, i: usize) -> bool {
        self.text
            .get(self.sc.tokens[i].range())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    pub(super) fn is(&mut self, w: &Word, i: usize) -> bool {
        let t = self.tok(i);
        match w {
            Word::Stem(_, id) => t.sid == *id,
            Word::Prefix(p) => t.lower.starts_with(p.as_str()),
            Word::Suffix(p) => t.lower.ends_with(p.as_str()),
        }
    }

    pub(super) fn span_text(&self, a: usize, b: usize) -> String {
        let toks = &self.sc.tokens;
        self.text
            .get(toks[a].start as usize..toks[b].end as usize)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Matches cue `c` with its first word at token `k` (tokens `s0..s1` of one sentence);
    /// returns the last token.
    pub(super) fn match_from(&mut self, c: &Cue, k: usize, s0: usize, s1: usize) -> Option<usize> {
        if k < s0 || k >= s1 || !self.is(&c.words[0], k) {
            return None;
        }
        let mut pos = k;
        for (w, &gap) in c.words.iter().zip(&c.gaps).skip(1) {
            let hi = (pos + 2 + usize::from(gap)).min(s1);
            pos = (pos + 1..hi).find(|&j| self.is(w, j))?;
        }
        Some(pos)
    }

    /// Matches cue `c` so that one of its words falls on a token of the hit `first..=last`;
    /// returns the matched token span.
    pub(super) fn covers(
        &mut self,
        c: &Cue,
        first: usize,
        last: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(usize, usize)> {
        let n = c.words.len();
        for anchor in 0..n {
            for t in first..=last {
                if !self.is(&c.words[anchor], t) {
                    continue;
                }
                // Backwards to the first word.
                let mut start = Some(t);
                let mut pos = t;
                for q in (0..anchor).rev() {
                    let gap = usize::from(c.gaps[q + 1]);
                    let lo = pos.saturating_sub(1 + gap).max(s0);
                    match (lo..pos).rev().find(|&j| self.is(&c.words[q], j)) {
                        Some(j) => pos = j,
                        None => {
                            start = None;
                            break;
                        }
                    }
                }
                let Some(a) = start.map(|_| pos) else {
                    continue;
                };
                // Forwards to the last word.
                let mut pos = t;
                let mut ok = true;
                for q in anchor + 1..n {
                    let hi = (pos + 2 + usize::from(c.gaps[q])).min(s1);
                    match (pos + 1..hi).find(|&j| self.is(&c.words[q], j)) {
                        Some(j) => pos = j,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    return Some((a, pos));
                }
            }
        }
        None
    }
}
