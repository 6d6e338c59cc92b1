//! The prompt prefilter ([`super::prompt_marks`]) must never reject a prompt: the
//! marks that open one (a colon, an opening quotation mark in any of its forms) in both
//! languages, and generated text written the way news and prompt galleries are written
//! (typographic quotes and apostrophes, soft hyphens, zero-width characters, emoji, line
//! breaks). Debug builds also compare, on every hit, the prefilter with the full scan and the
//! per-form target cue lists with the old filter ([`super::Senses::target_at`]), so the
//! generated texts here check both.
use std::cell::RefCell;
use std::sync::Arc;

use proptest::prelude::*;

use super::{prompt_marks, starts_with_lower};
use crate::analyze::{Analysis, Analyzer, Options};
use crate::text::tokens::tokenize;
use crate::text::Lang::{self, De, En};

thread_local! {
    /// Compiling the lexicons takes a while in a debug build: one analyzer per test thread.
    static ANALYZER: RefCell<Option<Analyzer>> = const { RefCell::new(None) };
}

fn analyze(text: &str, lang: Lang) -> Analysis {
    ANALYZER.with(|a| {
        a.borrow_mut()
            .get_or_insert_with(|| {
                Analyzer::new(Arc::new(
                    crate::lexicon::embedded().expect("shipped lexicons are valid"),
                ))
            })
            .analyze(
                text,
                &Options {
                    lang: Some(lang),
                    ..Options::default()
                },
            )
    })
}

/// The hit `word` is set aside as part of a prompt.
#[track_caller]
fn assert_prompt(text: &str, lang: Lang, word: &str) {
    let a = analyze(text, lang);
    let found = a.ignored.iter().find(|h| &text[h.start..h.end] == word);
    let Some(h) = found else {
        let hits: Vec<_> = a.hits.iter().map(|h| &text[h.start..h.end]).collect();
        panic!("`{word}` is not set aside in {text:?}; hits: {hits:?}");
    };
    assert!(
        h.reason.contains("prompt"),
        "reason for `{word}` in {text:?} is {:?}",
        h.reason
    );
}

/// The hit `word` counts (it is no prompt).
#[track_caller]
fn assert_counts(text: &str, lang: Lang, word: &str) {
    let a = analyze(text, lang);
    assert!(
        a.hits.iter().any(|h| &text[h.start..h.end] == word),
        "`{word}` does not count in {text:?}"
    );
}

/// Whether the prompt marks of the last word of `text` (one line) leave any word to try.
fn marks_any(text: &str) -> bool {
    let sc = tokenize(text);
    let last = sc.tokens.len() - 1;
    !prompt_marks(text, &sc.tokens, last, 0, 1).none()
}

#[test]
fn marks_that_open_a_prompt_pass_the_prefilter() {
    for mid in [
        " prompt: a ",
        " prompt “a ",
        " prompt \"a ",
        " prompt 'a ",
        " prompt ‘a ",
        " Eingabe „ein ",
        " Eingabe ‚ein ",
        " Eingabe »ein ",
        " Eingabe «ein ",
        // An apostrophe may open a quotation as far as the scan is concerned.
        " it's ",
        // A colon anywhere, even after a closed quotation.
        " “prompt”: a ",
    ] {
        let text = format!("We used the{mid}stunning");
        assert!(marks_any(&text), "{text:?}");
    }
    for mid in [
        " ",
        " prompt was short, and the result was ",
        " “prompt” was ",
        // (A German „…“ ends in a mark that also opens English quotations: not ruled out.)
        " Runway’s ",
        " it’s ",
        " – ein … ",
    ] {
        let text = format!("We used the{mid}stunning");
        assert!(!marks_any(&text), "{text:?}");
    }
}

#[test]
fn prompt_marks_windows() {
    // The colon after a cue that opens the line is searched for even when the hit stands
    // more than `PROMPT_REACH` words after it.
    let text = "Prompt: one two three four five six seven eight nine ten eleven twelve \
                thirteen fourteen fifteen sixteen seventeen eighteen stunning";
    let sc = tokenize(text);
    let last = sc.tokens.len() - 1;
    let m = prompt_marks(text, &sc.tokens, last, 0, 1);
    assert!(m.opening_colon && !m.none());
    // No mark on the hit's line: ruled out, whatever came on the line before.
    let text = "Prompt: a sunset\nThe result was stunning";
    let sc = tokenize(text);
    let last = sc.tokens.len() - 1;
    let line_first = sc
        .tokens
        .iter()
        .position(|t| &text[t.range()] == "The")
        .unwrap();
    assert!(prompt_marks(text, &sc.tokens, last, line_first, 1).none());
    assert!(!prompt_marks(text, &sc.tokens, last, 0, 1).none());
    // Only the words a mark follows within reach are tried.
    let text = "one two three four five six seven eight nine ten prompt: stunning";
    let sc = tokenize(text);
    let last = sc.tokens.len() - 1;
    let m = prompt_marks(text, &sc.tokens, last, 0, 1);
    let pos = |w: &str| {
        sc.tokens
            .iter()
            .position(|t| &text[t.range()] == w)
            .unwrap()
    };
    assert!(m.near(&sc.tokens, pos("prompt"), last, 1));
    assert!(m.near(&sc.tokens, pos("ten"), last, 1));
    assert!(!m.near(&sc.tokens, pos("two"), last, 1));
}

/// [`starts_with_lower`] as it was: every character lowercased.
fn starts_with_lower_chars(text: &str, prefix: &str) -> bool {
    let mut lower = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lower.next() == Some(p))
}

#[test]
fn starts_with_lower_agrees_with_lowercasing_every_character() {
    let texts = [
        "",
        "G",
        "Game",
        "Gamechanger",
        "GAMECHANGER-Moment",
        "game\u{AD}changer",
        "İstanbul",
        "ÄRA",
        "Ära",
        "die Zukunft des Kinos",
        "Die ZUKUNFT des",
        "the future",
        "ǅ",
        "Σα",
    ];
    let prefixes = [
        "",
        "g",
        "game",
        "gamechanger",
        "i̇s",
        "är",
        "die zukunft d",
        "the future of",
        "ǆ",
        "σ",
    ];
    for t in texts {
        for p in prefixes {
            assert_eq!(
                starts_with_lower(t, p),
                starts_with_lower_chars(t, p),
                "{t:?} {p:?}"
            );
        }
    }
}

#[test]
fn prompts_after_a_colon_or_an_opening_quote_are_found() {
    assert_prompt("Prompt: a stunning sunset over Tokyo.", En, "stunning");
    assert_prompt(
        "We typed the prompt “a stunning sunset over Tokyo” and waited.",
        En,
        "stunning",
    );
    assert_prompt(
        "We typed the prompt \"a stunning sunset over Tokyo\" and waited.",
        En,
        "stunning",
    );
    assert_prompt(
        "Prompt: a rainy harbour at dusk, the camera glides past the boats and the cranes \
         and the lights of the old city at night, with gorgeous reflections on the water.",
        En,
        "gorgeous",
    );
    assert_prompt(
        "Prompt: Eine atemberaubende Drohnenaufnahme über dem Hafen.",
        De,
        "atemberaubende",
    );
    assert_prompt(
        "Bei der Eingabe „ein spektakulärer Sonnenuntergang am Meer“ rechnete das Modell lange.",
        De,
        "spektakulärer",
    );
    assert_prompt(
        "Prompt: Ein verregneter Hafen in der Dämmerung, die Kamera gleitet an den Booten und \
         den Kränen und den Lichtern der alten Stadt vorbei, atemberaubende Spiegelungen.",
        De,
        "atemberaubende",
    );
}

#[test]
fn hits_without_a_prompt_mark_count() {
    assert_counts(
        "The prompt was short, and the result was stunning.",
        En,
        "stunning",
    );
    assert_counts(
        "Der Prompt war kurz, und das Ergebnis war atemberaubend.",
        De,
        "atemberaubend",
    );
}

/// Pieces of text around prompts and praise; the generator glues them together.
const PIECES: &[&str] = &[
    "Prompt",
    "prompt",
    "prompts",
    "--prompt",
    "text prompt",
    "input",
    "Eingabe",
    "Texteingabe",
    "Anweisung",
    "Prompt-Text",
    "stunning",
    "gorgeous",
    "breathtaking",
    "revolutionary",
    "atemberaubende",
    "spektakulärer",
    "bahnbrechend",
    "the best",
    "the best way",
    "award-winning",
    "renowned",
    "director",
    "renommierte",
    "Regisseur",
    "Filmregisseur",
    "Filmfestival",
    "film",
    "Spot",
    "AI",
    "KI",
    "Sora",
    "is",
    "ist",
    "the",
    "der",
    "a",
    "it's",
    "it’s",
    "future of",
    "die Zukunft des",
    "Kinos",
    "cinema",
    ":",
    "\"",
    "'",
    "“",
    "”",
    "„",
    "‚",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    "\u{AD}",
    "\u{200B}",
    "🎬",
    "–",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(vec![" ", " ", " ", "", "\n", ": "]),
        ),
        0..40,
    )
    .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

proptest! {
    /// Debug builds assert, on every hit, that the prefilter rejects no prompt and that the
    /// target cue lists agree with the old filter.
    #[test]
    fn prefilter_and_target_lists_agree_with_the_scans(text in text()) {
        analyze(&text, En);
        analyze(&text, De);
    }
}
