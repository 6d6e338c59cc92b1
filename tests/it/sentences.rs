//! Lexicon sentences: one invented sentence per hype family, pattern and sense check, modelled on
//! what real AI-video coverage writes (`eval/dev/`), in `tests/fixtures/sentences/{de,en}.tsv`.
//!
//! Columns: `sentence`, `hit`, `stance` (tab-separated). `hit` is the exact text the analyzer must mark, `stance` its
//! stance (endorsed, hedged, quoted, negated, questioned). `hit` = `-` means the sentence must
//! produce no hit at all (a non-hype sense, a wrong target, a topic use). Every failing row is
//! reported with its line, so a lexicon change shows all the families it breaks at once.
use hypecheck::analyze::Stance;
use hypecheck::text::Lang;

use crate::util::{fixture, hits};

fn stance(s: &str) -> Option<Stance> {
    Some(match s {
        "endorsed" => Stance::Endorsed,
        "hedged" => Stance::Hedged,
        "quoted" => Stance::Quoted,
        "negated" => Stance::Negated,
        "questioned" => Stance::Questioned,
        _ => return None,
    })
}

fn run(lang: Lang, file: &str) {
    let path = fixture("sentences").join(file);
    let text = std::fs::read_to_string(&path).expect("sentence file is readable");
    let mut failures = Vec::new();
    let mut rows = 0;
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header {
            assert_eq!(line, "sentence\thit\tstance", "{file}:{line_no}: header");
            header = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [sentence, want, st] = cols[..] else {
            panic!(
                "{file}:{line_no}: expected 3 tab-separated columns, got {}",
                cols.len()
            );
        };
        rows += 1;
        let got = hits(sentence, lang);
        if want == "-" {
            if !got.is_empty() {
                failures.push(format!(
                    "{file}:{line_no}: {sentence:?}: expected no hit, got {got:?}"
                ));
            }
            continue;
        }
        let Some(want_stance) = stance(st) else {
            panic!("{file}:{line_no}: unknown stance `{st}`");
        };
        match got.iter().find(|(t, _)| t == want) {
            None => failures.push(format!(
                "{file}:{line_no}: {sentence:?}: no hit `{want}`; hits: {got:?}"
            )),
            Some((_, s)) if *s != want_stance => failures.push(format!(
                "{file}:{line_no}: {sentence:?}: `{want}` is {s:?}, expected {want_stance:?}"
            )),
            Some(_) => {}
        }
    }
    assert!(rows > 0, "{file}: no sentences");
    assert!(
        failures.is_empty(),
        "{} of {rows} sentences fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn german_lexicon_sentences() {
    run(Lang::De, "de.tsv");
}

#[test]
fn english_lexicon_sentences() {
    run(Lang::En, "en.tsv");
}
