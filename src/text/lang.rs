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

/// Function word (lowercase bytes) → language: frequent, short, and (nearly) exclusive to
/// one language.
fn vote_bytes(word: &[u8]) -> Option<Lang> {
    // The same words as `vote`, matched on lowercase bytes without UTF-8 validation.
    Some(match word {
        b"der" | b"die" | b"das" | b"und" | b"ist" | b"nicht" | b"ein" | b"eine" | b"zu"
        | b"von" | b"mit" | b"sich" | b"auf" | b"f\xc3\xbcr" | b"den" | b"dem" | b"des" | b"im"
        | b"auch" | b"es" | b"sind" | b"wird" | b"werden" | b"bei" | b"noch" | b"nach" | b"wie"
        | b"aber" | b"oder" | b"als" | b"um" | b"dass" | b"kein" | b"keine" | b"wir" | b"ich"
        | b"hat" | b"haben" | b"nur" | b"schon" | b"einer" | b"einem" | b"einen"
        | b"\xc3\xbcber" | b"vor" | b"sie" => Lang::De,
        b"the" | b"and" | b"is" | b"of" | b"to" | b"that" | b"it" | b"for" | b"with" | b"on"
        | b"as" | b"are" | b"was" | b"this" | b"be" | b"by" | b"not" | b"an" | b"at" | b"from"
        | b"has" | b"have" | b"its" | b"but" | b"or" | b"which" | b"will" | b"can" | b"more"
        | b"than" | b"their" | b"they" | b"we" | b"been" | b"were" | b"what" | b"when" | b"who"
        | b"would" | b"there" | b"about" | b"into" | b"just" | b"also" => Lang::En,
        _ => return None,
    })
}

/// Words voted on by [`detect_tokens`]: news prose has about 40 % function words, so 300 words
/// give a vote of ~120, far beyond any doubt for German vs English.
const SAMPLE_TOKENS: usize = 300;

/// Detects the language from already scanned word tokens (the analyzer's fast path): the
/// same vote as [`detect`] over the first [`SAMPLE_TOKENS`] words.
pub fn detect_tokens(text: &str, tokens: &[super::scan::Token]) -> Option<Lang> {
    let (mut de, mut en) = (0usize, 0usize);
    let mut buf = [0u8; 6];
    for t in tokens.iter().take(SAMPLE_TOKENS) {
        let w = &text.as_bytes()[t.start as usize..t.end as usize];
        if w.len() > 6 || w.len() < 2 {
            continue;
        }
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w);
        lower.make_ascii_lowercase();
        match vote_bytes(lower) {
            Some(Lang::De) => de += 1,
            Some(Lang::En) => en += 1,
            None => {}
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
    detect_tokens(sample, &super::scan::scan(sample).tokens)
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
