//! Shared helpers for the integration tests.
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use hypecheck::analyze::{Analysis, Analyzer, Options, Stance};
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

thread_local! {
    /// One compiled analyzer per test thread: compiling the lexicons takes over a second in
    /// a debug build, and the sentence tests analyze hundreds of sentences each.
    static ANALYZER: RefCell<Option<Analyzer>> = const { RefCell::new(None) };
}

/// This thread's compiled analyzer (a new one if it has none); give it back with
/// [`put_analyzer`].
pub(crate) fn take_analyzer() -> Analyzer {
    ANALYZER
        .with(|a| a.borrow_mut().take())
        .unwrap_or_else(analyzer)
}

/// Keeps `an` as this thread's analyzer.
pub(crate) fn put_analyzer(an: Analyzer) {
    ANALYZER.with(|a| *a.borrow_mut() = Some(an));
}

/// Runs `f` with this thread's analyzer (its word cache changes no result).
pub(crate) fn with_analyzer<R>(f: impl FnOnce(&mut Analyzer) -> R) -> R {
    ANALYZER.with(|a| f(a.borrow_mut().get_or_insert_with(analyzer)))
}

/// `text` analyzed as `lang` by this thread's analyzer.
pub(crate) fn analyze_as(text: &str, lang: Lang) -> Analysis {
    with_analyzer(|an| {
        an.analyze(
            text,
            &Options {
                lang: Some(lang),
                ..Options::default()
            },
        )
    })
}

/// (matched text, stance) of every hit in `text`, analyzed as `lang`.
#[track_caller]
pub(crate) fn hits(text: &str, lang: Lang) -> Vec<(String, Stance)> {
    let a = analyze_as(text, lang);
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
    with_analyzer(|an| hypecheck::check::check(an, "t", text.as_bytes(), format, None))
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
