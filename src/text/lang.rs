//! Language detection per document: German or English, from function-word counts.
//!
//! Function words are frequent, short and nearly disjoint between the two languages, so
//! counting them over the first few thousand words is fast and reliable for news prose. The
//! result can always be overridden (`--lang`).
use serde::{Deserialize, Serialize};

/// A language hypecheck analyzes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
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

const DE_WORDS: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "von", "mit", "sich", "auf",
    "für", "den", "dem", "des", "im", "auch", "es", "sind", "wird", "werden", "bei", "noch",
    "nach", "wie", "aber", "oder", "als", "um", "dass", "kein", "keine", "wir", "ich", "hat",
    "haben", "nur", "schon", "einer", "einem", "einen", "über", "vor", "sie",
];
const EN_WORDS: &[&str] = &[
    "the", "and", "is", "of", "to", "in", "that", "it", "for", "with", "on", "as", "are", "was",
    "this", "be", "by", "not", "an", "at", "from", "has", "have", "its", "but", "or", "which",
    "will", "can", "more", "than", "their", "they", "we", "been", "were", "what", "when", "who",
    "would", "there", "about", "into", "just", "also",
];

/// How many words to look at: enough for a stable vote, bounded so huge inputs stay cheap.
const SAMPLE_WORDS: usize = 5_000;

/// Detects German or English from function-word counts; `None` when neither has any.
pub fn detect(text: &str) -> Option<Lang> {
    let (mut de, mut en) = (0usize, 0usize);
    let mut buf = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 6)
        .take(SAMPLE_WORDS)
    {
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        if DE_WORDS.contains(&buf.as_str()) {
            de += 1;
        }
        if EN_WORDS.contains(&buf.as_str()) {
            en += 1;
        }
    }
    match (de, en) {
        (0, 0) => None,
        (d, e) if d > e => Some(Lang::De),
        _ => Some(Lang::En),
    }
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
