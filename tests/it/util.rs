//! Shared helpers for the integration tests.
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use hypecheck::analyze::{Analyzer, Options, Stance};
use hypecheck::lexicon::{self, LexiconSet};
use hypecheck::text::{Format, Lang};

pub(crate) fn lexicons() -> Arc<LexiconSet> {
    static SET: OnceLock<Arc<LexiconSet>> = OnceLock::new();
    SET.get_or_init(|| Arc::new(lexicon::embedded().expect("shipped lexicons are valid")))
        .clone()
}

pub(crate) fn analyzer() -> Analyzer {
    Analyzer::new(lexicons())
}

/// (matched text, stance) of every hit in `text`, analyzed as `lang`.
#[track_caller]
pub(crate) fn hits(text: &str, lang: Lang) -> Vec<(String, Stance)> {
    let a = analyzer().analyze(
        text,
        &Options {
            lang: Some(lang),
            ..Options::default()
        },
    );
    a.hits
        .iter()
        .map(|h| (text[h.start..h.end].to_owned(), h.stance))
        .collect()
}

/// Asserts that the hit whose text is `word` has stance `want`.
#[track_caller]
pub(crate) fn assert_stance(text: &str, lang: Lang, word: &str, want: Stance) {
    let hs = hits(text, lang);
    let found: Vec<&(String, Stance)> = hs.iter().filter(|(t, _)| t == word).collect();
    assert!(
        !found.is_empty(),
        "no hit `{word}` in {text:?}; hits: {hs:?}"
    );
    for (_, s) in found {
        assert_eq!(*s, want, "stance of `{word}` in {text:?}; all hits: {hs:?}");
    }
}

/// Runs `check` on `text` and returns the report.
#[track_caller]
pub(crate) fn check(text: &str, format: Format) -> hypecheck::check::FileReport {
    hypecheck::check::check(&mut analyzer(), "t", text.as_bytes(), format, None)
        .expect("text can be checked")
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) fn bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("hypecheck").expect("binary is built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}
