//! Language detection per document: German or English, from function-word counts.
//!
//! Function words are frequent, short and nearly disjoint between the two languages, so
//! counting them over the first few thousand words is fast and reliable for news prose. The
//! result can always be overridden (`--lang`).
use serde::{Deserialize, Serialize};

/// A language hypecheck analyzes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses `de`/`en` (also `german`, `deutsch`, `english`, `de-DE`, ...).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let head = s.split(['-', '_']).next().unwrap_or("");
        match head {
            "de" | "ger" | "deu" | "german" | "deutsch" => Some(Lang::De),
            "en" | "eng" | "english" | "englisch" => Some(Lang::En),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Function words: frequent, short, and (nearly) exclusive to one language.
const FUNCTION_WORDS_DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "von", "mit", "sich", "auf",
    "für", "den", "dem", "des", "im", "auch", "es", "sind", "wird", "werden", "bei", "noch",
    "nach", "wie", "aber", "oder", "als", "um", "dass", "kein", "keine", "wir", "ich", "hat",
    "haben", "nur", "schon", "einer", "einem", "einen", "über", "vor", "sie",
];
const FUNCTION_WORDS_EN: &[&str] = &[
    "the", "and", "is", "of", "to", "that", "it", "for", "with", "on", "as", "are", "was", "this",
    "be", "by", "not", "an", "at", "from", "has", "have", "its", "but", "or", "which", "will",
    "can", "more", "than", "their", "they", "we", "been", "were", "what", "when", "who", "would",
    "there", "about", "into", "just", "also",
];

/// Words voted on by [`detect_tokens`]: news prose has about 40 % function words, so 300 words
/// give a vote of ~120, far beyond any doubt for German vs English.
const SAMPLE_TOKENS: usize = 300;

/// A lead of this many votes ends the count early.
const DECISIVE_LEAD: usize = 12;

/// A function word's key: its bytes (at most six, so they fit in 64 bits) as by
/// [`super::tokens::load16`], each with bit 5 set ([`super::tokens::fold16`]: folds ASCII
/// letters to lowercase), little-endian. Zero for no word.
const fn function_word_key(word: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < word.len() {
        k |= ((word[i] | 0x20) as u64) << (8 * i);
        i += 1;
    }
    k
}

/// Slots of [`FUNCTION_WORD_TABLE`] (a power of two, about three times the word count).
const FUNCTION_WORD_SLOTS: usize = 256;

/// The slot where probing for `key` starts.
const fn function_word_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % FUNCTION_WORD_SLOTS
}

/// Both lists as an open-addressing table (linear probing) of (key, language) built at
/// compile time: a look-up is one multiply and, nearly always, one slot compared. The general
/// hash map this replaces cost about three times as many instructions per word, for every
/// document the analyzer reads.
static FUNCTION_WORD_TABLE: [(u64, Option<Lang>); FUNCTION_WORD_SLOTS] = {
    let mut t = [(0u64, None); FUNCTION_WORD_SLOTS];
    let lists: [(&[&str], Lang); 2] =
        [(FUNCTION_WORDS_DE, Lang::De), (FUNCTION_WORDS_EN, Lang::En)];
    let mut l = 0;
    while l < lists.len() {
        let (words, lang) = lists[l];
        let mut w = 0;
        while w < words.len() {
            let word = words[w].as_bytes();
            assert!(word.len() >= 2 && word.len() <= 6);
            let key = function_word_key(word);
            let mut i = function_word_slot(key);
            while t[i].0 != 0 && t[i].0 != key {
                i = (i + 1) % FUNCTION_WORD_SLOTS;
            }
            t[i] = (key, Some(lang));
            w += 1;
        }
        l += 1;
    }
    t
};

/// The language whose function word the folded key `key` is, if any.
#[inline]
fn function_word(key: u64) -> Option<Lang> {
    let mut i = function_word_slot(key);
    loop {
        let (k, lang) = FUNCTION_WORD_TABLE[i];
        if k == key {
            return lang;
        }
        if k == 0 {
            return None;
        }
        i = (i + 1) % FUNCTION_WORD_SLOTS;
    }
}

/// Detects the language from already scanned word tokens (the analyzer's fast path): the
/// same vote as [`detect`] over the first [`SAMPLE_TOKENS`] words.
pub fn detect_tokens(text: &str, tokens: &[super::tokens::Token]) -> Option<Lang> {
    let (mut de, mut en) = (0usize, 0usize);
    let bytes = text.as_bytes();
    for t in tokens.iter().take(SAMPLE_TOKENS) {
        let (start, end) = (t.start as usize, t.end as usize);
        if !(2..=6).contains(&(end - start)) {
            continue;
        }
        // At most six bytes: the low half holds the whole word.
        let Some([lo, _]) = super::tokens::load16_pair(bytes, start, end) else {
            continue;
        };
        let len = end - start;
        let fold = 0x2020_2020_2020_2020u64 & ((1u64 << (8 * len)) - 1);
        match function_word(lo | fold) {
            Some(Lang::De) => de += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
        // A clear lead settles it; most documents are decided within a few dozen words.
        if de.abs_diff(en) >= DECISIVE_LEAD {
            break;
        }
    }
    match (de, en) {
        (0, 0) => None,
        (d, e) if d > e => Some(Lang::De),
        _ => Some(Lang::En),
    }
}

/// Detects German or English from function-word counts; `None` when neither has any.
pub fn detect(text: &str) -> Option<Lang> {
    let end = super::position::floor_char_boundary(text, 20_000);
    let sample = &text[..end];
    detect_tokens(sample, &super::tokens::tokenize(sample).tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_and_english_news_sentences() {
        assert_eq!(
            detect("Der Hype um Sora 2 war absehbar – und genau das ist das Problem."),
            Some(Lang::De)
        );
        assert_eq!(
            detect("OpenAI said on Tuesday that the model is now available in the app."),
            Some(Lang::En)
        );
        assert_eq!(detect("12345 !!!"), None);
    }

    /// The compile-time table answers as a hash map of the packed, folded words does (the
    /// way the vote looked words up before), for every word of both lists, their case
    /// variants and near misses, and real words of both languages.
    #[test]
    fn function_word_table_agrees_with_a_map() {
        use crate::text::tokens::pack_lower;
        let map: std::collections::HashMap<u128, Lang> = FUNCTION_WORDS_DE
            .iter()
            .map(|w| (w, Lang::De))
            .chain(FUNCTION_WORDS_EN.iter().map(|w| (w, Lang::En)))
            .filter_map(|(w, l)| pack_lower(w.as_bytes()).map(|k| (k, l)))
            .collect();
        let mut words: Vec<String> = Vec::new();
        for w in FUNCTION_WORDS_DE.iter().chain(FUNCTION_WORDS_EN) {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            words.push(format!("{w}s"));
            words.push(w.chars().skip(1).collect());
        }
        for w in "Über ÜBER über für Für FÜR Müller dass daß Straße ’s it’s isn't KI-Hype 🚀x ab1 the The THE thé Der DER der die Die ein e ü zu ZU to To"
            .split(' ')
        {
            words.push(w.to_string());
        }
        for w in &words {
            let b = w.as_bytes();
            if !(2..=6).contains(&b.len()) {
                continue;
            }
            let k = pack_lower(b).unwrap();
            let lo = k as u64;
            assert_eq!(k >> 64, 0);
            assert_eq!(function_word(lo), map.get(&k).copied(), "{w}");
        }
    }

    #[test]
    fn parses_codes() {
        assert_eq!(Lang::parse("de-DE"), Some(Lang::De));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
