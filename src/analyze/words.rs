//! The analyzer's per-language state: the compiled matcher and sense rules, and the cache of
//! distinct word forms (lexicon view and stance word classes), looked up once per form.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{sense, stance};
use crate::lexicon::matcher::TokInfo;
use crate::lexicon::Matcher;

pub(super) struct LangState {
    pub(super) matcher: Matcher,
    pub(super) senses: sense::Senses,
    /// Words of up to 16 bytes, keyed by their bytes packed into an integer: the key sits in
    /// the table itself, so a look-up is one hash and one integer compare, no pointer chase.
    pub(super) short: FxHashMap<[u64; 2], Word>,
    /// Longer words.
    pub(super) long: FxHashMap<Box<str>, Word>,
    /// Word forms the sense checks looked at.
    pub(super) forms: sense::FormCache,
    /// The hype entries' texts, shared by every hit of an entry (no copy per hit).
    pub(super) hype_text: Vec<HypeText>,
}

/// A hype entry's term, category and sober alternative, shared by its hits.
pub(super) struct HypeText {
    pub(super) term: Arc<str>,
    pub(super) category: Arc<str>,
    pub(super) alternative: Arc<str>,
}

/// What the analyzer knows about one distinct word form: the lexicon's view and the
/// closed-class word lists the stance rules look for ([`stance::word_class`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub(super) info: TokInfo,
    pub(super) class: u16,
}

impl Word {
    pub(super) const NONE: Word = Word {
        info: TokInfo::NONE,
        class: 0,
    };

    /// `key` is the word's lookup form ([`lookup_key`]), `surface` the word as written.
    pub(super) fn of(matcher: &Matcher, key: &str, surface: &str) -> Word {
        Word {
            info: matcher.token_info(key),
            class: stance::word_class(key, surface),
        }
    }
}

impl LangState {
    pub(super) fn new(matcher: Matcher, senses: sense::Senses) -> Self {
        let hype_text = matcher
            .hype
            .iter()
            .map(|h| HypeText {
                term: h.term.as_str().into(),
                category: h.category.as_str().into(),
                alternative: h.alternative.as_str().into(),
            })
            .collect();
        LangState {
            hype_text,
            matcher,
            senses,
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            forms: sense::FormCache::default(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub(super) fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.forms.clear();
    }

    /// What the lexicon knows about word `w` (surface form), cached.
    pub(super) fn info(&mut self, text: &str, start: usize, end: usize, key: &mut String) -> Word {
        if let Some(k) = crate::text::tokens::load16(text.as_bytes(), start, end) {
            // Two 8-byte halves: 8-byte alignment keeps a table slot at 32 bytes.
            let k = [k as u64, (k >> 64) as u64];
            if let Some(i) = self.short.get(&k) {
                return *i;
            }
            lookup_key(&text[start..end], key);
            let i = Word::of(&self.matcher, key, &text[start..end]);
            self.short.insert(k, i);
            return i;
        }
        let w = &text[start..end];
        if let Some(i) = self.long.get(w) {
            return *i;
        }
        lookup_key(w, key);
        let i = Word::of(&self.matcher, key, w);
        self.long.insert(w.into(), i);
        i
    }
}

/// Cap on cached word forms; past it the cache starts over, so memory stays flat over an
/// endless stream of documents.
pub(super) const CACHE_CAP: usize = 400_000;

/// Words longer than this cannot be lexicon terms and are not looked up.
pub(super) const MAX_WORD_BYTES: usize = 64;

/// Lowercase word with typographic apostrophes normalized and soft hyphens removed; hyphens
/// are kept so compound parts can be looked up.
pub(super) fn lookup_key(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{00AD}' => {}
            '\u{2019}' | '\u{02BC}' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}
