//! The words of one text as the checks see them: lowercased and stemmed lazily, with a stem
//! cache kept across documents.

use super::compile::{Cue, Word};
use super::Senses;
use crate::analyze::stance::QuoteMarks;
use crate::text::stem::{normalize_into, LangStemmer};
use crate::text::tokens::{load16_pair, Tokens};

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
    /// The target cues this word can start, in file order: those whose first word it is and
    /// (German) the one-word cues that are the head of its compound. Worked out once per
    /// form, so a candidate head word costs a walk of this (usually empty) list instead of a
    /// filter of every target cue.
    pub(super) targets: Box<[TargetStart]>,
}

/// A target cue (rule, cue) that a word can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct TargetStart {
    pub(super) rule: u32,
    pub(super) cue: u32,
    /// The cue's first word matches the word: the cue matches if its other words follow.
    pub(super) first: bool,
    /// A German one-word cue that is the head of the word's compound: matches outright.
    pub(super) head: bool,
}

/// The word forms the checks looked at, lowercased and stemmed once each and kept across
/// documents by the analyzer: a form seen before costs one hash look-up, no allocation.
#[derive(Debug, Default)]
pub(crate) struct FormCache {
    /// Word form as written, of 1 to 16 bytes, packed (with its length) → index into
    /// `toks`: a look-up hashes two integers and compares them, no string.
    short: rustc_hash::FxHashMap<([u64; 2], u8), u32>,
    /// Longer word forms as written → index into `toks`.
    index: rustc_hash::FxHashMap<Box<str>, u32>,
    toks: Vec<Tok>,
    /// The token slots of the texts ([`Words::slot`]), kept so a text neither allocates nor
    /// clears them: a slot counts only if it holds the text's generation.
    slots: Vec<(u32, u32)>,
    /// The generation of the last text (0 marks a slot never filled).
    generation: u32,
}

impl FormCache {
    /// Forgets every form.
    pub(crate) fn clear(&mut self) {
        self.short.clear();
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
    /// The rules, for the per-form facts ([`Tok`]).
    senses: &'a Senses,
    pub(super) cache: &'a mut FormCache,
    /// `slot[i]`: (generation, index of token `i` in the cache); a generation other than
    /// this text's marks a token not looked at yet. Grown at the first look.
    slot: Vec<(u32, u32)>,
    /// This text's generation.
    generation: u32,
    pub(super) buf: String,
}

impl Drop for Words<'_> {
    fn drop(&mut self) {
        self.cache.slots = std::mem::take(&mut self.slot);
    }
}

impl<'a> Words<'a> {
    /// Words of `text` (scanned as `sc`), stemmed with the rules' stemmer.
    pub(crate) fn new(
        text: &'a str,
        sc: &'a Tokens,
        senses: &'a Senses,
        cache: &'a mut FormCache,
    ) -> Self {
        if cache.toks.len() > STEM_CACHE_CAP {
            cache.clear();
        }
        let mut slot = std::mem::take(&mut cache.slots);
        cache.generation = match cache.generation.checked_add(1) {
            Some(g) => g,
            None => {
                slot.clear();
                1
            }
        };
        let generation = cache.generation;
        Words {
            text,
            sc,
            stemmer: &senses.stemmer,
            senses,
            cache,
            slot,
            generation,
            buf: String::new(),
        }
    }

    /// Byte offset where the line holding byte `at` begins.
    pub(super) fn line_start(&self, at: usize) -> usize {
        QuoteMarks::of(self.sc).line_start(at)
    }

    /// Token `i` as the checks see it. Inline: after the first look a token costs two loads.
    #[inline]
    pub(super) fn tok(&mut self, i: usize) -> &Tok {
        match self.known(i) {
            Some(s) => &self.cache.toks[s as usize],
            None => self.tok_slow(i),
        }
    }

    /// The cache index of token `i` if it was looked at in this text.
    #[inline]
    fn known(&self, i: usize) -> Option<u32> {
        match self.slot.get(i) {
            Some(&(g, s)) if g == self.generation => Some(s),
            _ => None,
        }
    }

    /// The first look at token `i` in this text: its form's cache entry, made if new.
    #[cold]
    #[inline(never)]
    fn tok_slow(&mut self, i: usize) -> &Tok {
        if self.slot.len() < self.sc.tokens.len() {
            self.slot.resize(self.sc.tokens.len(), (0, 0));
        }
        let r = self.sc.tokens[i].range();
        let w = self.text.get(r.clone()).unwrap_or("");
        // Packed from the whole text, so the common case is one 16-byte load.
        let short = if w.is_empty() {
            None
        } else {
            load16_pair(self.text.as_bytes(), r.start, r.end).map(|k| (k, w.len() as u8))
        };
        let known = match short {
            Some(key) => self.cache.short.get(&key),
            None => self.cache.index.get(w),
        };
        let s = match known {
            Some(&s) => s,
            None => {
                let tok = self.new_form(w);
                let s = self.cache.toks.len() as u32;
                self.cache.toks.push(tok);
                match short {
                    Some(key) => self.cache.short.insert(key, s),
                    None => self.cache.index.insert(w.into(), s),
                };
                s
            }
        };
        self.slot[i] = (self.generation, s);
        &self.cache.toks[s as usize]
    }

    /// Lowercases and stems a form not seen before and works out its facts.
    fn new_form(&mut self, w: &str) -> Tok {
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
        let senses = self.senses;
        let sid = senses.stem_ids.get(&stem).copied().unwrap_or(u32::MAX);
        let mut targets: Vec<TargetStart> = Vec::new();
        if sid != u32::MAX {
            if let Some(v) = senses.target_by_sid.get(&sid) {
                targets.extend(v.iter().map(|&(rule, cue)| TargetStart {
                    rule,
                    cue,
                    first: true,
                    head: false,
                }));
            }
        }
        for &(rule, cue) in &senses.target_affix {
            let first = senses.rules[rule as usize].cues[cue as usize]
                .words
                .first()
                .is_some_and(|f| word_is(f, sid, &lower));
            if first {
                targets.push(TargetStart {
                    rule,
                    cue,
                    first: true,
                    head: false,
                });
            }
        }
        for (h, rule, cue) in &senses.target_heads {
            if stem.ends_with(h.as_str()) {
                targets.push(TargetStart {
                    rule: *rule,
                    cue: *cue,
                    first: false,
                    head: true,
                });
            }
        }
        // File order; a cue found twice (by its first word and as a head) once, with both.
        targets.sort_unstable();
        targets.dedup_by(|b, a| {
            let same = (a.rule, a.cue) == (b.rule, b.cue);
            if same {
                a.first |= b.first;
                a.head |= b.head;
            }
            same
        });
        Tok {
            np_stop: super::NP_STOP.contains(&lower.as_str()),
            copula: super::COPULA.contains(&lower.as_str()),
            lower,
            stem,
            sid,
            targets: targets.into_boxed_slice(),
        }
    }

    /// Whether token `i` is a copula ([`super::COPULA`]). An ASCII word not looked at yet is
    /// compared as written, without the cache: most words before a hit are needed for
    /// nothing else.
    pub(super) fn copula(&mut self, i: usize) -> bool {
        if self.known(i).is_none() {
            let w = self.text.get(self.sc.tokens[i].range()).unwrap_or("");
            if let Some(k) = pack_ascii_lower(w) {
                // Most words rule themselves out by their first letter.
                let copula = COPULA_FIRSTS >> (k as u8 & 63) & 1 == 1 && COPULA_KEYS.contains(&k);
                debug_assert_eq!(
                    copula,
                    super::COPULA.contains(&w.to_ascii_lowercase().as_str())
                );
                return copula;
            }
            // An ASCII word of more than seven bytes is none.
            if w.len() > 7 && w.is_ascii() {
                debug_assert!(!super::COPULA.contains(&w.to_ascii_lowercase().as_str()));
                return false;
            }
        }
        self.tok(i).copula
    }

    pub(super) fn capitalized(&self, i: usize) -> bool {
        self.text
            .get(self.sc.tokens[i].range())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    #[inline]
    pub(super) fn is(&mut self, w: &Word, i: usize) -> bool {
        let t = self.tok(i);
        word_is(w, t.sid, &t.lower)
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
        self.match_rest(c, k, s1)
    }

    /// Matches the words of cue `c` after its first, which is token `k`; returns the last
    /// token.
    pub(super) fn match_rest(&mut self, c: &Cue, k: usize, s1: usize) -> Option<usize> {
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

/// Whether cue word `w` matches a word of stem id `sid` and lowercase form `lower`.
#[inline]
pub(super) fn word_is(w: &Word, sid: u32, lower: &str) -> bool {
    match w {
        Word::Stem(_, id) => sid == *id,
        Word::Prefix(p) => lower.starts_with(p.as_str()),
        Word::Suffix(p) => lower.ends_with(p.as_str()),
    }
}

/// [`super::COPULA`] packed by [`pack_ascii_lower`].
const COPULA_KEYS: [u64; super::COPULA.len()] = {
    let mut keys = [0; super::COPULA.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = match crate::text::tokens::ascii_key(super::COPULA[i].as_bytes()) {
            Some(k) => k,
            None => panic!("a copula of more than seven bytes"),
        };
        i += 1;
    }
    keys
};

/// The first bytes of [`super::COPULA`] (modulo 64) as a bit set.
const COPULA_FIRSTS: u64 = {
    let mut set = 0;
    let mut i = 0;
    while i < super::COPULA.len() {
        set |= 1 << (super::COPULA[i].as_bytes()[0] & 63);
        i += 1;
    }
    set
};

/// An ASCII word of at most seven bytes, lowercased, in one integer: its bytes from the low
/// end and its length in the top byte (so equal keys are equal words); `None` for any other.
#[inline]
fn pack_ascii_lower(w: &str) -> Option<u64> {
    w.is_ascii()
        .then(|| crate::text::tokens::ascii_key(w.as_bytes()))
        .flatten()
}
