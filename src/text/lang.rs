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

/// Detects the language from already scanned word tokens (the analyzer's fast path): the
/// same vote as [`detect`] over the first [`SAMPLE_TOKENS`] words.
pub fn detect_tokens(text: &str, tokens: &[super::tokens::Token]) -> Option<Lang> {
    // The word lists packed into integers once.
    static PACKED: std::sync::LazyLock<rustc_hash::FxHashMap<u128, Lang>> =
        std::sync::LazyLock::new(|| {
            let de = FUNCTION_WORDS_DE.iter().map(|w| (w, Lang::De));
            let en = FUNCTION_WORDS_EN.iter().map(|w| (w, Lang::En));
            de.chain(en)
                .filter_map(|(w, l)| super::tokens::pack_lower(w.as_bytes()).map(|k| (k, l)))
                .collect()
        });
    let (mut de, mut en) = (0usize, 0usize);
    let bytes = text.as_bytes();
    for t in tokens.iter().take(SAMPLE_TOKENS) {
        let (start, end) = (t.start as usize, t.end as usize);
        if !(2..=6).contains(&(end - start)) {
            continue;
        }
        let Some(k) = super::tokens::load16(bytes, start, end) else {
            continue;
        };
        let k = super::tokens::fold16(k, end - start);
        match PACKED.get(&k) {
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

    #[test]
    fn parses_codes() {
        assert_eq!(Lang::parse("de-DE"), Some(Lang::De));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
