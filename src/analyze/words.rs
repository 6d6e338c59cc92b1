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
    pub(super) short: ShortTable,
    /// Longer words.
    pub(super) long: FxHashMap<Box<str>, Word>,
    /// Word forms the sense checks looked at.
    pub(super) forms: sense::FormCache,
    /// The hype entries' texts, shared by every hit of an entry (no copy per hit).
    pub(super) hype_text: Vec<HypeText>,
    /// Marks a later stage asked for, added to each form's class ([`super::TokenMarks`]).
    pub(super) token_marks: Option<Arc<dyn super::TokenMarks>>,
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
    pub(super) class: u32,
}

impl Word {
    pub(super) const NONE: Word = Word {
        info: TokInfo::NONE,
        class: 0,
    };

    /// `key` is the word's lookup form ([`lookup_key`]), `surface` the word as written;
    /// `marks` are added to the class.
    pub(super) fn of(
        matcher: &Matcher,
        key: &str,
        surface: &str,
        marks: Option<&dyn super::TokenMarks>,
    ) -> Word {
        let class = stance::word_class(key, surface);
        debug_assert!(
            class >> super::MARK_SHIFT == 0,
            "stance classes fit in 16 bits"
        );
        Word {
            info: matcher.token_info(key),
            class: class | marks_of(marks, surface),
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
            short: ShortTable::default(),
            long: FxHashMap::default(),
            forms: sense::FormCache::default(),
            token_marks: None,
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

    /// What the lexicon knows about the word at `start..end` of `text` (surface form),
    /// cached; nothing for words over [`MAX_WORD_BYTES`]. The common case, a short word seen
    /// before, is one packed load and one table read, inlined into the caller's loop.
    ///
    /// Returns the lexicon view and writes the word's class to `class`: both parts go
    /// straight to the caller's vectors, where a returned [`Word`] took a detour through
    /// the stack (the cold path returns it through memory).
    ///
    /// `packed` is the word's key as [`Self::prefetch`] returned it.
    #[inline]
    pub(super) fn info(
        &mut self,
        packed: [u64; 2],
        text: &str,
        start: usize,
        end: usize,
        key: &mut String,
        class: &mut u32,
    ) -> TokInfo {
        debug_assert_eq!(packed, pack(text.as_bytes(), start, end).unwrap_or([0, 0]));
        if packed != [0, 0] {
            if let Some(w) = self.short.get(packed) {
                *class = w.class;
                return w.info;
            }
        }
        let w = self.info_slow(text, start, end, key);
        *class = w.class;
        w.info
    }

    /// Asks the CPU to fetch the cache slot of the word at `start..end` of `bytes`, which the
    /// loop will look up a few words later, and returns the word's packed key for that look-up
    /// (all zero for a word that does not pack). Only a hint: it changes no result.
    #[inline(always)]
    pub(super) fn prefetch(&self, bytes: &[u8], start: usize, end: usize) -> [u64; 2] {
        match pack(bytes, start, end) {
            Some(k) => {
                self.short.prefetch(k);
                k
            }
            None => [0, 0],
        }
    }

    /// [`Self::info`] for a long word or one not seen before.
    #[cold]
    #[inline(never)]
    fn info_slow(&mut self, text: &str, start: usize, end: usize, key: &mut String) -> Word {
        let marks = self.token_marks.as_deref();
        // Checked here, off the common path: such words never pack, so never hit above. Not
        // cached (few texts hold any): their marks are computed each time.
        if end - start > MAX_WORD_BYTES {
            return Word {
                class: marks_of(marks, &text[start..end]),
                ..Word::NONE
            };
        }
        let w = &text[start..end];
        if let Some(k) = pack(text.as_bytes(), start, end) {
            lookup_key(w, key);
            let i = Word::of(&self.matcher, key, w, marks);
            self.short.insert(k, i);
            return i;
        }
        if let Some(i) = self.long.get(w) {
            return *i;
        }
        lookup_key(w, key);
        let i = Word::of(&self.matcher, key, w, marks);
        self.long.insert(w.into(), i);
        i
    }
}

/// The marks of `surface`, in the upper half of a class ([`super::MARK_SHIFT`]).
fn marks_of(marks: Option<&dyn super::TokenMarks>, surface: &str) -> u32 {
    marks.map_or(0, |m| u32::from(m.marks(surface)) << super::MARK_SHIFT)
}

/// The short-word table's key: the word's bytes as by [`crate::text::tokens::load16_pair`], for
/// words of 1 to 16 bytes (never all zero: a word has a non-zero byte).
#[inline]
fn pack(bytes: &[u8], start: usize, end: usize) -> Option<[u64; 2]> {
    crate::text::tokens::load16_pair(bytes, start, end).filter(|&k| k != [0, 0])
}

/// The cache of short words: open addressing with linear probing over 32-byte slots that hold
/// the packed word and what is known about it. A look-up is one multiply for the hash and, for
/// a known word, usually one slot read; the general-purpose map cost about three times as many
/// instructions per word, and this look-up runs for every word of every text.
#[derive(Default)]
pub(super) struct ShortTable {
    /// Power-of-two many slots (or none); a key of all zero bytes marks an empty slot (no
    /// word packs to it: a word has at least one non-zero byte).
    slots: Vec<([u64; 2], Word)>,
    len: usize,
}

impl ShortTable {
    #[inline]
    fn slot_of(&self, k: [u64; 2]) -> usize {
        let h = (k[0] ^ k[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // The high bits are the well-mixed ones.
        (h >> 32) as usize & (self.slots.len() - 1)
    }

    #[inline]
    pub(super) fn get(&self, k: [u64; 2]) -> Option<&Word> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(k);
        loop {
            let (key, w) = &self.slots[i];
            if *key == k {
                return Some(w);
            }
            if *key == [0, 0] {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Prefetches the first slot of `k` ([`LangState::prefetch`]).
    #[inline(always)]
    fn prefetch(&self, k: [u64; 2]) {
        if !self.slots.is_empty() {
            prefetch_index::prefetch_index(&self.slots, self.slot_of(k));
        }
    }

    /// Adds a word not yet in the table.
    pub(super) fn insert(&mut self, k: [u64; 2], w: Word) {
        debug_assert!(k != [0, 0]);
        // At most half full, so probe runs stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            let n = (self.slots.len() * 2).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![([0, 0], Word::NONE); n]);
            for (key, w) in old {
                if key != [0, 0] {
                    self.put(key, w);
                }
            }
        }
        self.put(k, w);
        self.len += 1;
    }

    fn put(&mut self, k: [u64; 2], w: Word) {
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(k);
        while self.slots[i].0 != [0, 0] {
            i = (i + 1) & mask;
        }
        self.slots[i] = (k, w);
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn clear(&mut self) {
        self.slots = Vec::new();
        self.len = 0;
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

#[cfg(test)]
mod tests {
    use super::pack;

    #[test]
    fn pack_keeps_exactly_the_word_bytes() {
        // Words at the end of a text (no 16 bytes to read) and inside one pack the same.
        let text = "Gamechanger! unvergleichlich x KI-Revolutionär ü Hollywood-Studios";
        let b = text.as_bytes();
        let mut pos = 0;
        for w in text.split([' ', '!']) {
            let start = text[pos..].find(w).map_or(pos, |i| pos + i);
            let end = start + w.len();
            pos = end;
            let alone = pack(w.as_bytes(), 0, w.len());
            assert_eq!(pack(b, start, end), alone, "{w}");
            match alone {
                Some(k) if w.len() <= 16 => {
                    let mut bytes = [0u8; 16];
                    bytes[..8].copy_from_slice(&k[0].to_le_bytes());
                    bytes[8..].copy_from_slice(&k[1].to_le_bytes());
                    assert_eq!(&bytes[..w.len()], w.as_bytes());
                    assert!(bytes[w.len()..].iter().all(|&x| x == 0));
                }
                _ => assert!(w.is_empty() || w.len() > 16, "{w}"),
            }
        }
        assert_eq!(pack(b, 3, 3), None);
        assert_eq!(pack(b, 0, 17), None);
    }
}
