//! Snowball stemming (rust-stemmers) for German and English.
use rust_stemmers::{Algorithm, Stemmer};

use super::Lang;

/// A stemmer for one language.
pub struct LangStemmer {
    inner: Stemmer,
}

impl LangStemmer {
    /// The Snowball stemmer for `lang`.
    pub fn new(lang: Lang) -> Self {
        let algo = match lang {
            Lang::De => Algorithm::German,
            Lang::En => Algorithm::English,
        };
        LangStemmer {
            inner: Stemmer::create(algo),
        }
    }

    /// Stems one lowercase word.
    pub fn stem(&self, word: &str) -> String {
        self.inner.stem(word).into_owned()
    }
}

/// Normalizes a word for lookup: lowercase, typographic apostrophes as `'`, hyphens and soft
/// hyphens removed (so `Game-Changer`, `Gamechanger` and `game­changer` meet), into `out`.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        for b in word.bytes() {
            if b != b'-' {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
        return;
    }
    for c in word.chars() {
        match c {
            '-' | '\u{00AD}' | '\u{2010}' | '\u{2011}' => {}
            '\u{2019}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_hyphens_and_apostrophes() {
        let mut s = String::new();
        normalize_into("Game-Changer", &mut s);
        assert_eq!(s, "gamechanger");
        normalize_into("isn\u{2019}t", &mut s);
        assert_eq!(s, "isn't");
        normalize_into("Übermäßig", &mut s);
        assert_eq!(s, "übermäßig");
    }

    #[test]
    fn stems_inflections_to_one_form() {
        let de = LangStemmer::new(Lang::De);
        assert_eq!(de.stem("revolutionäre"), de.stem("revolutionären"));
        let en = LangStemmer::new(Lang::En);
        assert_eq!(en.stem("revolutions"), en.stem("revolution"));
    }
}
