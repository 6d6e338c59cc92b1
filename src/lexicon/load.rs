//! Where a lexicon set comes from: the copy embedded in the binary, a directory, or file
//! contents in memory. All three hash the files and hand them to the parser.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{parse, LexiconError, LexiconSet, CATEGORIES};

const LANG_FILES: &[&str] = &[
    "hype.tsv",
    "boosters.tsv",
    "hedges.tsv",
    "negators.tsv",
    "attribution.tsv",
    "answers.tsv",
    "slots.tsv",
    "senses.tsv",
];

macro_rules! embedded_lang {
    ($lang:literal) => {
        [
            include_str!(concat!("../../lexicons/", $lang, "/hype.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/boosters.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/hedges.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/negators.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/attribution.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/answers.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/slots.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/senses.tsv")),
        ]
    };
}

const EMBEDDED_DE: [&str; 8] = embedded_lang!("de");
const EMBEDDED_EN: [&str; 8] = embedded_lang!("en");
const EMBEDDED_CATEGORIES: &str = include_str!("../../lexicons/categories.tsv");
const EMBEDDED_VERSION: &str = include_str!("../../lexicons/VERSION");

/// File contents of a set, in a fixed order, before parsing.
struct Sources {
    origin: String,
    de: Vec<Option<String>>,
    en: Vec<Option<String>>,
    categories: Option<String>,
    version: Option<String>,
}

/// The shipped lexicon set, embedded in the binary.
pub fn embedded() -> Result<LexiconSet, LexiconError> {
    let own = |a: [&str; 8]| a.iter().map(|s| Some((*s).to_owned())).collect();
    parse_sources(Sources {
        origin: "embedded".to_owned(),
        de: own(EMBEDDED_DE),
        en: own(EMBEDDED_EN),
        categories: Some(EMBEDDED_CATEGORIES.to_owned()),
        version: Some(EMBEDDED_VERSION.to_owned()),
    })
}

/// Loads a lexicon set from `dir` (`dir/de/*.tsv`, `dir/en/*.tsv`, `dir/categories.tsv`,
/// `dir/VERSION`). Each language needs `hype.tsv`; the cue files, `slots.tsv` and `senses.tsv` are
/// optional.
pub fn load_dir(dir: &Path) -> Result<LexiconSet, LexiconError> {
    if !dir.is_dir() {
        return Err(LexiconError::NotADirectory(dir.to_owned()));
    }
    let read_opt = |p: PathBuf| -> Result<Option<String>, LexiconError> {
        match std::fs::read(&p) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|e| LexiconError::Io {
                    path: p.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(LexiconError::Io { path: p, source: e }),
        }
    };
    let mut de = Vec::new();
    let mut en = Vec::new();
    for f in LANG_FILES {
        de.push(read_opt(dir.join("de").join(f))?);
        en.push(read_opt(dir.join("en").join(f))?);
    }
    parse_sources(Sources {
        origin: dir.display().to_string(),
        de,
        en,
        categories: read_opt(dir.join("categories.tsv"))?,
        version: read_opt(dir.join("VERSION"))?,
    })
}

/// Builds a lexicon set from file contents given as `(lang, file name, content)`, e.g.
/// `("de", "hype.tsv", "…")`; files not given are absent (each language needs `hype.tsv`).
/// `categories.tsv` and `VERSION` are given with lang `""`. Validation is the same as
/// [`load_dir`]'s, with `origin` in place of the directory in messages.
pub fn from_texts(origin: &str, files: &[(&str, &str, &str)]) -> Result<LexiconSet, LexiconError> {
    let find = |lang: &str, name: &str| {
        files
            .iter()
            .find(|(l, n, _)| *l == lang && *n == name)
            .map(|(_, _, c)| (*c).to_owned())
    };
    parse_sources(Sources {
        origin: origin.to_owned(),
        de: LANG_FILES.iter().map(|f| find("de", f)).collect(),
        en: LANG_FILES.iter().map(|f| find("en", f)).collect(),
        categories: find("", "categories.tsv"),
        version: find("", "VERSION"),
    })
}

fn parse_sources(src: Sources) -> Result<LexiconSet, LexiconError> {
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    for (lang, files) in [("de", &src.de), ("en", &src.en)] {
        for (name, content) in LANG_FILES.iter().zip(files.iter()) {
            if let Some(c) = content {
                hasher.update(format!("{lang}/{name}\0").as_bytes());
                hasher.update(c.as_bytes());
            }
        }
    }
    if let Some(c) = &src.categories {
        hasher.update(b"categories.tsv\0");
        hasher.update(c.as_bytes());
    }
    let digest = hasher.finalize();
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();

    let categories = match &src.categories {
        Some(c) => parse::parse_categories(c, &mut problems),
        None => Vec::new(),
    };
    let known: Vec<&str> = if categories.is_empty() {
        CATEGORIES.to_vec()
    } else {
        categories.iter().map(|c| c.category.as_str()).collect()
    };
    let de = parse::parse_lang("de", &src.de, &known, &mut problems);
    let en = parse::parse_lang("en", &src.en, &known, &mut problems);
    if !problems.is_empty() {
        return Err(LexiconError::Invalid {
            origin: src.origin,
            problems,
        });
    }
    Ok(LexiconSet {
        origin: src.origin,
        version: src
            .version
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "unversioned".to_owned()),
        hash,
        de,
        en,
        categories,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicons_are_valid() {
        let set = embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(!set.de.hype.is_empty());
        assert!(!set.en.hype.is_empty());
        assert_eq!(set.hash.len(), 16);
    }
}
