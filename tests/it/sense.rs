//! Sense and target checks (`src/analyze/sense/`, `lexicons/<lang>/senses.tsv`): a praise
//! word counts only when it praises the AI, "the future of X" only with a change predicate,
//! and listed non-evaluative senses never count. Each check has invented sentences in both
//! languages: one where the hit still counts and one where the check sets it aside.
use hypecheck::analyze::Stance;
use hypecheck::text::Lang::{self, De, En};

use crate::util::analyze_as;

/// Counted hits as (text, stance) and set-aside hits as (text, reason).
type Outcome = (Vec<(String, Stance)>, Vec<(String, String)>);

fn analyze(text: &str, lang: Lang) -> Outcome {
    let a = analyze_as(text, lang);
    let hits = a
        .hits
        .iter()
        .map(|h| (text[h.start..h.end].to_owned(), h.stance))
        .collect();
    let ignored = a
        .ignored
        .iter()
        .map(|h| {
            assert_eq!(h.counted, 0.0, "a set-aside hit never counts");
            (text[h.start..h.end].to_owned(), h.reason.clone())
        })
        .collect();
    (hits, ignored)
}

/// The hit `word` is set aside, with a reason containing `why`.
#[track_caller]
fn assert_ignored(text: &str, lang: Lang, word: &str, why: &str) {
    let (hits, ignored) = analyze(text, lang);
    assert!(
        !hits.iter().any(|(t, _)| t == word),
        "`{word}` still counts in {text:?}: {hits:?}"
    );
    let found = ignored.iter().find(|(t, _)| t == word);
    let Some((_, reason)) = found else {
        panic!("`{word}` is not set aside in {text:?}; ignored: {ignored:?}, hits: {hits:?}");
    };
    assert!(
        reason.contains(why),
        "reason for `{word}` in {text:?} is {reason:?}, expected it to mention {why:?}"
    );
}

/// The hit `word` still counts (endorsed or hedged).
#[track_caller]
fn assert_counts(text: &str, lang: Lang, word: &str) {
    let (hits, ignored) = analyze(text, lang);
    assert!(
        hits.iter().any(|(t, s)| t == word && s.counts()),
        "`{word}` does not count in {text:?}; hits: {hits:?}, ignored: {ignored:?}"
    );
}

#[test]
fn praise_of_a_person_does_not_count() {
    assert_ignored(
        "The award-winning director spent a week testing the new model.",
        En,
        "award-winning",
        "a person",
    );
    assert_ignored(
        "Among the testers was a renowned film director from Seoul.",
        En,
        "renowned",
        "a person",
    );
    assert_ignored(
        "The cinematographer is brilliant, and he still prefers real cameras.",
        En,
        "brilliant",
        "a person",
    );
    assert_counts(
        "The new model is brilliant at keeping faces consistent.",
        En,
        "brilliant",
    );
    assert_ignored(
        "Der renommierte Regisseur hat das Modell eine Woche lang getestet.",
        De,
        "renommierte",
        "a person",
    );
    assert_ignored(
        "Eine preisgekrönte ukrainische Filmemacherin zeigte ihren Kurzfilm.",
        De,
        "preisgekrönte",
        "a person",
    );
    assert_counts(
        "Das neue Modell liefert beeindruckende Bilder.",
        De,
        "beeindruckende",
    );
}

#[test]
fn praise_of_a_film_or_work_does_not_count_unless_the_ai_made_it() {
    assert_ignored(
        "The acclaimed film from 1995 returns to cinemas this winter.",
        En,
        "acclaimed",
        "a film or other work",
    );
    assert_counts(
        "Kling produced a stunning film in one afternoon.",
        En,
        "stunning",
    );
    assert_ignored(
        "Der legendäre Weihnachtsspot aus den Neunzigern läuft wieder.",
        De,
        "legendäre",
        "a film or other work",
    );
    assert_counts(
        "Mit Sora entstand ein atemberaubender Film in nur einem Tag.",
        De,
        "atemberaubender",
    );
}

#[test]
fn praise_of_an_outlet_or_institution_does_not_count() {
    assert_ignored(
        "The short will premiere at the prestigious Cannes Film Festival.",
        En,
        "prestigious",
        "an outlet or institution",
    );
    assert_ignored(
        "Die Gewinner wurden beim renommierten Tribeca Film Festival gezeigt.",
        De,
        "renommierten",
        "an outlet or institution",
    );
}

#[test]
fn a_novelty_word_qualifying_a_harm_does_not_count() {
    assert_ignored(
        "Studios accuse the company of unprecedented copyright infringement.",
        En,
        "unprecedented",
        "a harm",
    );
    assert_counts(
        // Not "an unprecedented level of realism": that is a longer lexicon phrase.
        "The new model reaches unprecedented realism.",
        En,
        "unprecedented",
    );
    assert_ignored(
        "Die Verbände werfen dem Anbieter beispiellose Urheberrechtsverletzungen vor.",
        De,
        "beispiellose",
        "a harm",
    );
    assert_counts(
        "Das Modell erreicht einen beispiellosen Realismus.",
        De,
        "beispiellosen",
    );
}

#[test]
fn the_words_of_a_prompt_do_not_count() {
    assert_ignored(
        "Prompt: cinematic, breathtaking drone shot over a stunning sunset.",
        En,
        "stunning",
        "prompt",
    );
    assert_ignored(
        "We typed the prompt \"a stunning sunset over Tokyo\" and waited.",
        En,
        "stunning",
        "prompt",
    );
    assert_ignored(
        "Prompt: A rainy harbour at dusk. The camera glides past the boats. Gorgeous reflections shimmer on the water.",
        En,
        "Gorgeous",
        "prompt",
    );
    assert_counts(
        "The prompt was short, and the result was stunning.",
        En,
        "stunning",
    );
    assert_ignored(
        "Prompt: Eine atemberaubende Drohnenaufnahme über dem Hafen.",
        De,
        "atemberaubende",
        "prompt",
    );
    assert_ignored(
        "Bei der Eingabe „ein spektakulärer Sonnenuntergang am Meer“ rechnete das Modell lange.",
        De,
        "spektakulärer",
        "prompt",
    );
    assert_ignored(
        "Prompt: Ein verregneter Hafen in der Dämmerung. Die Kamera gleitet an den Booten vorbei. Atemberaubende Spiegelungen glitzern auf dem Wasser.",
        De,
        "Atemberaubende",
        "prompt",
    );
    assert_counts(
        "Die Eingabe war kurz, das Ergebnis ist atemberaubend.",
        De,
        "atemberaubend",
    );
}

#[test]
fn the_future_of_x_counts_only_with_a_change_predicate() {
    // The English lexicon lists "the future of X" only inside its change frames ("is the future
    // of", "will shape the future of"), so a plain topic use is not even a candidate.
    let (hits, ignored) = analyze(
        "The panel discussed questions about the future of cinema.",
        En,
    );
    assert!(
        hits.is_empty() && ignored.is_empty(),
        "{hits:?} {ignored:?}"
    );
    assert_counts(
        "Make no mistake: this model is the future of cinema.",
        En,
        "is the future of cinema",
    );
    assert_counts(
        "This demo is a glimpse into the future of filmmaking.",
        En,
        "glimpse into the future of filmmaking",
    );
    assert_ignored(
        "Auf dem Podium ging es um die Zukunft des Kinos.",
        De,
        "die Zukunft des Kinos",
        "change predicate",
    );
    assert_counts(
        "Dieses Modell ist die Zukunft des Kinos.",
        De,
        "die Zukunft des Kinos",
    );
    assert_counts(
        "Solche Werkzeuge prägen die Zukunft des Films.",
        De,
        "die Zukunft des Films",
    );
}

#[test]
fn non_evaluative_senses_do_not_count() {
    assert_ignored(
        "I had the impression that the clips were longer.",
        En,
        "impression",
        "non-evaluative",
    );
    assert_counts("The clips are impressive.", En, "impressive");
    assert_ignored(
        "The team needed weeks to perfect the motion of the hands.",
        En,
        "perfect",
        "non-evaluative",
    );
    assert_counts("The lip sync is perfect.", En, "perfect");
    assert_ignored(
        "The best way to test it is a long, detailed prompt.",
        En,
        "The best",
        "non-evaluative",
    );
    assert_counts("This is the best model on the market.", En, "the best");
    assert_ignored(
        "Die beste Methode, das zu testen, ist ein langer Prompt.",
        De,
        "Die beste",
        "non-evaluative",
    );
    assert_counts("Das ist die beste Videomaschine am Markt.", De, "die beste");
    assert_ignored(
        "Seit Montag ist die Übernahme des Studios perfekt.",
        De,
        "perfekt",
        "non-evaluative",
    );
    assert_counts("Die Lippensynchronisation ist perfekt.", De, "perfekt");
    assert_ignored(
        "Es gab so viele Einreichungen wie nie zuvor.",
        De,
        "wie nie zuvor",
        "non-evaluative",
    );
    assert_ignored(
        "Selbst wenn die besten Clips überzeugen, bleibt vieles offen.",
        De,
        "die besten",
        "non-evaluative",
    );
    assert_ignored(
        "Im Video tut der Moderator gerade etwas Unglaubliches.",
        De,
        "Unglaubliches",
        "non-evaluative",
    );
    assert_ignored(
        "Regulators want to balance innovation with protections for actors.",
        En,
        "innovation",
        "non-evaluative",
    );
    assert_ignored(
        "Which Video Model Has Sound? (The Ultimate 2026 Guide)",
        En,
        "The Ultimate",
        "non-evaluative",
    );
}
