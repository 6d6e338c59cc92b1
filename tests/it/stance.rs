//! One test per stance rule and language, each with a sentence of the kind outlets publish.
//! Rule names follow the order in `src/analyze/stance/`.
use hypecheck::analyze::Stance::{self, *};
use hypecheck::text::Format;
use hypecheck::text::Lang::{De, En};

use crate::util::{assert_stance, check, hits};

#[test]
fn negated_inside_a_discontinuous_phrase() {
    assert_stance(
        "Hollywood kann noch lange nicht einpacken.",
        De,
        "Hollywood kann noch lange nicht einpacken",
        Negated,
    );
    assert_stance(
        "Hollywood is not dead yet, whatever the demos suggest.",
        En,
        "Hollywood is not dead",
        Negated,
    );
}

#[test]
fn negated_by_a_negator_before_in_the_clause() {
    assert_stance("Sora 2 ist kein Gamechanger.", De, "Gamechanger", Negated);
    assert_stance(
        "Das ist noch lange nicht revolutionär.",
        De,
        "revolutionär",
        Negated,
    );
    assert_stance("Sora 2 is not a revolution.", En, "revolution", Negated);
    assert_stance(
        "Runway's new model is far from revolutionary.",
        En,
        "revolutionary",
        Negated,
    );
    assert_stance(
        "Sora 2 isn't a game changer for newsrooms.",
        En,
        "game changer",
        Negated,
    );
}

#[test]
fn not_just_is_not_a_negation() {
    // The author claims more, not less: endorsed.
    assert_stance(
        "Sora 2 isn't just a leap, it's a revolution.",
        En,
        "revolution",
        Endorsed,
    );
    assert_stance(
        "This isn't just revolutionary, it changes the economics of advertising.",
        En,
        "revolutionary",
        Endorsed,
    );
    assert_stance(
        "Kling 2.5 ist nicht nur schnell, sondern bahnbrechend.",
        De,
        "bahnbrechend",
        Endorsed,
    );
}

#[test]
fn negation_does_not_cross_a_clause_boundary() {
    assert_stance(
        "Sora 2 ist kein Spielzeug, sondern ein Gamechanger.",
        De,
        "Gamechanger",
        Endorsed,
    );
    assert_stance(
        "It isn't cheap, but it is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
}

#[test]
fn negated_by_a_raised_negation_of_opinion() {
    assert_stance(
        "I don't think Sora 2 is a game changer.",
        En,
        "game changer",
        Negated,
    );
    assert_stance(
        "Ich glaube nicht, dass Sora 2 ein Gamechanger ist.",
        De,
        "Gamechanger",
        Negated,
    );
}

#[test]
fn negated_after_the_hit() {
    assert_stance(
        "Fazit: Fortschritt, ja. Revolution, nein.",
        De,
        "Revolution",
        Negated,
    );
    assert_stance(
        "Von einer Revolution kann keine Rede sein.",
        De,
        "Revolution",
        Negated,
    );
    assert_stance("A revolution? Not really.", En, "revolution", Negated);
    assert_stance("Progress, yes. Revolution, no.", En, "Revolution", Negated);
}

#[test]
fn negated_by_a_clause_final_negator() {
    assert_stance(
        "Das revolutioniert die Filmbranche nicht.",
        De,
        "revolutioniert",
        Negated,
    );
    assert_stance(
        "Ein Quantensprung ist das nicht.",
        De,
        "Quantensprung",
        Negated,
    );
    assert_stance("Revolutionary it is not.", En, "Revolutionary", Negated);
}

#[test]
fn question_answered_in_the_next_sentence() {
    assert_stance("Ein Gamechanger? Nein.", De, "Gamechanger", Negated);
    assert_stance(
        "Ist das ein Gamechanger? Absolut.",
        De,
        "Gamechanger",
        Endorsed,
    );
    assert_stance(
        "Is this a game changer? Absolutely.",
        En,
        "game changer",
        Endorsed,
    );
    assert_stance("A game changer? Hardly.", En, "game changer", Negated);
}

#[test]
fn quoted_in_quotation_marks_of_both_languages() {
    let seed = "Kaum erscheint ein neues KI-Update, überschlagen sich die Superlative: „Gamechanger!“, „Hollywood kann einpacken!“ Doch die Realität sieht (noch) anders aus.";
    assert_stance(seed, De, "Gamechanger", Quoted);
    assert_stance(seed, De, "Hollywood kann einpacken", Quoted);
    assert_stance(
        "Manche nennen das Modell schon »bahnbrechend«.",
        De,
        "bahnbrechend",
        Quoted,
    );
    assert_stance(
        "Fans on social media called the clips “mind-blowing” within hours.",
        En,
        "mind-blowing",
        Quoted,
    );
    assert_stance(
        "The company's \"revolutionary\" physics engine still drops objects.",
        En,
        "revolutionary",
        Quoted,
    );
}

#[test]
fn quoted_in_a_markdown_block_quote() {
    let r = check("Die Reaktionen:\n\n> Das ist ein Gamechanger für alle Kreativen.\n\nWir sehen das anders.\n", Format::Markdown);
    let f = r
        .findings
        .iter()
        .find(|f| f.text == "Gamechanger")
        .expect("hit");
    assert_eq!(f.stance, Quoted);
    let r = check(
        "Reactions:\n\n> This is a total game changer for creators.\n",
        Format::Markdown,
    );
    assert_eq!(r.findings[0].stance, Quoted);
}

#[test]
fn marked_as_someone_elses_word() {
    assert_stance(
        "Die sogenannte KI-Revolution lässt auf sich warten.",
        De,
        "KI-Revolution",
        Quoted,
    );
    assert_stance(
        "Die angeblich revolutionäre Physik scheitert an Treppen.",
        De,
        "revolutionäre",
        Quoted,
    );
    assert_stance(
        "The so-called game changer still struggles with hands.",
        En,
        "game changer",
        Quoted,
    );
    assert_stance(
        "The much-hyped breakthrough turned out to be a demo reel.",
        En,
        "breakthrough",
        Quoted,
    );
}

#[test]
fn questioned() {
    assert_stance(
        "Ist Sora 2 wirklich ein Gamechanger?",
        De,
        "Gamechanger",
        Questioned,
    );
    assert_stance(
        "Is Veo 3.1 the end of Hollywood?",
        En,
        "the end of Hollywood",
        Questioned,
    );
}

#[test]
fn attributed_by_reported_speech() {
    assert_stance(
        "OpenAI verspricht eine Revolution für Kreative.",
        De,
        "Revolution",
        Quoted,
    );
    assert_stance(
        "Jede neue Version einer KI wird reflexartig zur Revolution erklärt.",
        De,
        "Revolution",
        Quoted,
    );
    assert_stance(
        "Laut OpenAI ist Sora 2 das beste Videomodell der Welt.",
        De,
        "das beste Videomodell",
        Quoted,
    );
    assert_stance("Veo 3.1 gilt als bahnbrechend.", De, "bahnbrechend", Quoted);
    assert_stance(
        "OpenAI touted the model as a breakthrough for filmmakers.",
        En,
        "breakthrough",
        Quoted,
    );
    assert_stance(
        "According to Google, Veo 3.1 is unmatched in prompt adherence.",
        En,
        "unmatched",
        Quoted,
    );
    assert_stance(
        "Sora 2 is the most advanced video model ever built, Altman said on Tuesday.",
        En,
        "most advanced",
        Quoted,
    );
}

#[test]
fn first_person_speech_is_the_authors_own() {
    assert_stance(
        "Wir sagen es deutlich: Sora 2 ist ein Gamechanger.",
        De,
        "Gamechanger",
        Endorsed,
    );
    assert_stance(
        "We said it before and we say it again: this is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
}

#[test]
fn attributed_by_a_colon_introduction() {
    assert_stance(
        "Altman schrieb auf X:\nDas ist der Beginn einer neuen Ära.",
        De,
        "Beginn einer neuen Ära",
        Quoted,
    );
}

#[test]
fn hedged() {
    assert_stance(
        "Sora 2 könnte die Werbebranche revolutionieren.",
        De,
        "revolutionieren",
        Hedged,
    );
    assert_stance(
        "Die Bildqualität ist vielleicht das Beste, was es derzeit gibt.",
        De,
        "das Beste",
        Hedged,
    );
    assert_stance(
        "Veo 3.1 could be a game changer for advertising.",
        En,
        "game changer",
        Hedged,
    );
    assert_stance(
        "The model is arguably the best video generator available today.",
        En,
        "the best",
        Hedged,
    );
}

#[test]
fn hedge_does_not_reach_past_but() {
    assert_stance(
        "It may be slow, but the results are stunning.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "Es mag langsam sein, aber die Ergebnisse sind atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
}

#[test]
fn endorsed_by_the_author() {
    assert_stance(
        "Sora 2 ist ein echter Gamechanger.",
        De,
        "Gamechanger",
        Endorsed,
    );
    assert_stance(
        "Kling 2.5 delivers stunning, photorealistic results.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "There's no doubt Veo 3 is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
    assert_stance(
        "We've never seen anything like it.",
        En,
        "never seen anything like",
        Endorsed,
    );
}

#[test]
fn negation_words_inside_hype_phrases_do_not_negate() {
    assert_stance(
        "Veo 3.1 renders water like never before.",
        En,
        "like never before",
        Endorsed,
    );
    assert_stance(
        "Eine noch nie dagewesene Bildqualität.",
        De,
        "noch nie dagewesene",
        Endorsed,
    );
}

#[test]
fn compounds_match_their_hype_part() {
    assert_stance(
        "Das ist die nächste KI-Revolution.",
        De,
        "KI-Revolution",
        Endorsed,
    );
    assert_stance(
        "Das ist eine Videorevolution.",
        De,
        "Videorevolution",
        Endorsed,
    );
    assert_stance(
        "Ein echter Gamechanger-Moment für Kreative.",
        De,
        "Gamechanger-Moment",
        Endorsed,
    );
    assert_stance(
        "It's a real game-changer for indie studios.",
        En,
        "game-changer",
        Endorsed,
    );
}

#[test]
fn boosters_scale_and_exclamations_add_emphasis() {
    let a =
        crate::util::analyzer().analyze("Die Ergebnisse sind atemberaubend.", &Default::default());
    let b = crate::util::analyzer().analyze(
        "Die Ergebnisse sind absolut atemberaubend!",
        &Default::default(),
    );
    assert!(
        b.hits[0].counted > a.hits[0].counted * 1.3,
        "{} vs {}",
        b.hits[0].counted,
        a.hits[0].counted
    );
    let c = crate::util::analyzer().analyze("The results are truly stunning.", &Default::default());
    assert!(c.hits[0].boost > 1.0);
}

#[test]
fn sober_sentences_have_no_hits() {
    for (t, l) in [
        ("Google hat Veo 3.1 am 15. Oktober veröffentlicht; Clips sind bis zu acht Sekunden lang.", De),
        ("In 11 of 40 clips, objects passed through each other or changed shape.", En),
        ("Die App ist in Europa derzeit nicht verfügbar.", De),
        ("The model ranked behind Kling 2.5 Turbo in the January snapshot.", En),
    ] {
        assert_eq!(hits(t, l), Vec::<(String, Stance)>::new(), "{t}");
    }
}

#[test]
fn line_and_column_count_characters_after_umlauts_and_emoji() {
    let text = "Überblick 🚀\nFür Kreative ist Sora 2 🎬 ein Gamechanger.\n";
    let r = check(text, Format::Text);
    let f = r
        .findings
        .iter()
        .find(|f| f.text == "Gamechanger")
        .expect("hit");
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (2, 31, 2, 42));
    let text = "Vorab: Ä 😀 „Revolution“ gibt's nicht.\nSora 2 is a 🤯 game changer.";
    let r = check(text, Format::Text);
    let f = r
        .findings
        .iter()
        .find(|f| f.text == "game changer")
        .expect("hit");
    assert_eq!((f.line, f.column, f.end_column), (2, 15, 27));
    let q = r
        .findings
        .iter()
        .find(|f| f.text == "Revolution")
        .expect("hit");
    assert_eq!((q.line, q.column), (1, 13));
}

#[test]
fn positions_in_markdown_and_html_point_into_the_original_file() {
    let md = "---\ntitle: x\n---\n# Test\n\nSora 2 ist [bahnbrechend](https://example.com) und `code`.\n";
    let r = check(md, Format::Markdown);
    let f = &r.findings[0];
    assert_eq!((f.line, f.column), (6, 13));
    let html = "<html><body>\n<p>F&uuml;r uns ist das <b>atemberaubend</b>.</p></body></html>";
    let r = check(html, Format::Html);
    let f = &r.findings[0];
    assert_eq!((f.line, f.column), (2, 28));
}

#[test]
fn news_sentences_in_english() {
    for (text, word, want) in [
        (
            "OpenAI calls Sora 2 its most advanced video model yet.",
            "most advanced",
            Quoted,
        ),
        (
            "Critics have called the model a game changer.",
            "game changer",
            Quoted,
        ),
        (
            "While some have hailed it as a breakthrough, our tests show otherwise.",
            "breakthrough",
            Quoted,
        ),
        (
            "Is it the best model on the market? Not yet.",
            "the best",
            Negated,
        ),
        (
            "Sora 2 may not be perfect, but it's a remarkable leap.",
            "perfect",
            Negated,
        ),
        (
            "Sora 2 may not be perfect, but it's a remarkable leap.",
            "remarkable",
            Endorsed,
        ),
        (
            "Veo 3.1 is hardly the revolution Google promised.",
            "revolution",
            Negated,
        ),
        (
            "It's hard to overstate how impressive this is.",
            "impressive",
            Endorsed,
        ),
        (
            "Kling 2.5 is, by some measures, the best model available.",
            "the best",
            Hedged,
        ),
        (
            "No other model comes close to Veo 3.1 in prompt adherence.",
            "No other model",
            Endorsed,
        ),
        (
            "This is not a game changer, it's a gimmick.",
            "game changer",
            Negated,
        ),
        (
            "Whether Sora 2 is truly revolutionary remains to be seen.",
            "revolutionary",
            Hedged,
        ),
    ] {
        assert_stance(text, En, word, want);
    }
}

#[test]
fn news_sentences_in_german() {
    for (text, word, want) in [
        (
            "Laut Google setzt Veo 3.1 neue Maßstäbe.",
            "neue Maßstäbe",
            Quoted,
        ),
        (
            "OpenAI spricht von einem Meilenstein.",
            "Meilenstein",
            Quoted,
        ),
        (
            "Ob Sora 2 wirklich ein Gamechanger ist, wird sich zeigen.",
            "Gamechanger",
            Hedged,
        ),
        ("Ein Quantensprung? Eher nicht.", "Quantensprung", Negated),
        (
            "Die Bilder sind zweifellos beeindruckend.",
            "beeindruckend",
            Endorsed,
        ),
        (
            "Der angebliche Gamechanger enttäuscht im Test.",
            "Gamechanger",
            Quoted,
        ),
        (
            "Mit Veo 3.1 ist Google ein großer Wurf gelungen.",
            "großer Wurf",
            Endorsed,
        ),
        (
            "Kein anderes Modell kommt an Veo 3.1 heran.",
            "Kein anderes Modell",
            Endorsed,
        ),
        (
            "Das ist nicht nur ein Update, das ist eine Revolution.",
            "Revolution",
            Endorsed,
        ),
        (
            "Hollywood muss sich warm anziehen.",
            "muss sich warm anziehen",
            Endorsed,
        ),
    ] {
        assert_stance(text, De, word, want);
    }
}

#[test]
fn english_adverbs_and_proper_names_are_not_hype() {
    assert!(hits("To be perfectly honest, the update is fine.", En).is_empty());
    assert!(hits("That is perfectly safe for most users.", En).is_empty());
    assert!(hits(
        "The new keyboard is as quiet as Apple's Magic Keyboard from 2015.",
        En
    )
    .is_empty());
    // Still hype: the adjective itself, and a title-case headline.
    assert_stance(
        "The physics in this clip is perfect.",
        En,
        "perfect",
        Endorsed,
    );
    assert_stance(
        "Veo 3.1 Delivers Stunning Results In First Tests",
        En,
        "Stunning",
        Endorsed,
    );
}

#[test]
fn a_hype_word_before_a_curly_apostrophe_does_not_panic() {
    // The false-friend rule looked at the last two bytes of the word as a string slice; a
    // word ending in `’s` (three bytes + one) made that slice fall inside the apostrophe.
    for text in [
        "The Innovator\u{2019}s guide.",
        "Stunning\u{2019}s reach is wide.",
        "It\u{2019}s perfect\u{2019}.",
        "Die Revolution\u{2019}s sind \u{201E}perfekt\u{201C}.",
    ] {
        let _ = hits(text, En);
        let _ = hits(text, De);
    }
}

#[test]
fn novel_as_a_book_is_not_hype() {
    assert!(hits("She handed me a novel about a quest.", En).is_empty());
    assert_stance(
        "The model uses a novel approach to motion.",
        En,
        "novel approach",
        Endorsed,
    );
}

#[test]
fn nouns_and_names_that_look_like_hedges_do_not_hedge() {
    // "sound" (audio) is not the hedge "sounds like"; "May" (month) is not the hedge "may".
    assert_stance(
        "The realism is stunning and its sound is the best in the world.",
        En,
        "the best",
        Endorsed,
    );
    assert_stance(
        "In May, Google released the groundbreaking Veo 3.",
        En,
        "groundbreaking",
        Endorsed,
    );
    assert_stance(
        "The model may be groundbreaking.",
        En,
        "groundbreaking",
        Hedged,
    );
    assert_stance(
        "Kling 2.5 ist atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance("Das klingt atemberaubend.", De, "atemberaubend", Hedged);
}

// ---- Issue 8: stance cases seen in real coverage (all sentences invented) ----

#[test]
fn attributed_by_opinion_and_crowd_frames() {
    assert_stance(
        "Viele Kreative sind der Meinung, dass Kling 3 ein Meilenstein ist.",
        De,
        "Meilenstein",
        Quoted,
    );
    assert_stance(
        "Für viele Branchenkenner markiert dies einen Quantensprung.",
        De,
        "Quantensprung",
        Quoted,
    );
    assert_stance(
        "Das Modell wurde von Beobachtern als bahnbrechend eingestuft.",
        De,
        "bahnbrechend",
        Quoted,
    );
    assert_stance(
        "Der Clip wird in den Foren als Revolution gefeiert.",
        De,
        "Revolution",
        Quoted,
    );
    assert_stance(
        "Everyone seems dazzled by the stunning new clips.",
        En,
        "stunning",
        Quoted,
    );
    assert_stance(
        "For many studio veterans, this marks a paradigm shift.",
        En,
        "paradigm shift",
        Quoted,
    );
    assert_stance(
        "The new model is being hailed as a breakthrough.",
        En,
        "breakthrough",
        Quoted,
    );
    assert_stance(
        "The director argues that Veo 4 is a game changer.",
        En,
        "game changer",
        Quoted,
    );
}

#[test]
fn attributed_by_laut_so_and_says() {
    assert_stance(
        "Laut dem Hersteller ist das Tool ein Gamechanger.",
        De,
        "Gamechanger",
        Quoted,
    );
    assert_stance(
        "Die Clips seien revolutionär, so Studiochef Berger.",
        De,
        "revolutionär",
        Quoted,
    );
    assert_stance(
        "Das Tool ist revolutionär, so Berger, doch es bleibt teuer.",
        De,
        "revolutionär",
        Quoted,
    );
    assert_stance(
        "Kling says its new model is revolutionary.",
        En,
        "revolutionary",
        Quoted,
    );
    // "so" that is no attribution.
    assert_stance(
        "Die Clips sind spektakulär, so dass viele staunen.",
        De,
        "spektakulär",
        Endorsed,
    );
}

#[test]
fn konjunktiv_i_and_soll_report_a_claim() {
    assert_stance(
        "Das neue Modell sei ein Meilenstein für kleine Studios.",
        De,
        "Meilenstein",
        Quoted,
    );
    assert_stance(
        "Besonders bemerkenswert sei die Fähigkeit, Figuren konsistent zu halten.",
        De,
        "bemerkenswert",
        Quoted,
    );
    assert_stance(
        "Ich habe selten so atemberaubende Clips gesehen.",
        De,
        "atemberaubende",
        Endorsed,
    );
    assert_stance(
        "Die neue Video-KI soll den Markt revolutionieren.",
        De,
        "revolutionieren",
        Quoted,
    );
    assert_stance(
        "Das Modell gilt als Meilenstein der Videotechnik.",
        De,
        "Meilenstein",
        Quoted,
    );
}

#[test]
fn vendor_aims_and_promises_attribute_what_follows() {
    assert_stance(
        "This cutting-edge editor aims to revolutionize post-production.",
        En,
        "revolutionize",
        Quoted,
    );
    assert_stance(
        "This cutting-edge editor aims to revolutionize post-production.",
        En,
        "cutting-edge",
        Endorsed,
    );
    assert_stance(
        "The startup promises a revolution for indie filmmakers.",
        En,
        "revolution",
        Quoted,
    );
    assert_stance(
        "Das Start-up verspricht eine Revolution für kleine Studios.",
        De,
        "Revolution",
        Quoted,
    );
    assert_stance(
        "Google will mit dem Modell die Filmbranche revolutionieren.",
        De,
        "revolutionieren",
        Quoted,
    );
}

#[test]
fn interview_answers_are_the_interviewees_voice() {
    let de = "Ein Gespräch über KI-Videos.\n\
        Magazin: Wie bist du zur KI gekommen?\n\
        Lena Vogt: Durch Zufall. Die Ergebnisse waren atemberaubend.\n\
        Magazin: Und was sagst du Kritikern?\n\
        Lena Vogt: Dass es ein Quantensprung für kleine Teams ist.\n";
    assert_stance(de, De, "atemberaubend", Quoted);
    assert_stance(de, De, "Quantensprung", Quoted);
    let en = "We spoke with a director.\n\
        Q: Is this the end of Hollywood?\n\
        A: No. But the clips are stunning.\n\
        Q: What comes next?\n\
        A: A revolution for small crews.\n";
    assert_stance(en, En, "the end of Hollywood", Questioned);
    assert_stance(en, En, "stunning", Quoted);
    assert_stance(en, En, "revolution", Quoted);
}

#[test]
fn an_open_quotation_still_quotes() {
    assert_stance(
        "Der Produzent schrieb: „Das ist ein Gamechanger für uns",
        De,
        "Gamechanger",
        Quoted,
    );
    assert_stance(
        "The caption reads, “Our new state-of-the-art model",
        En,
        "state-of-the-art",
        Quoted,
    );
}

#[test]
fn scenarios_and_konjunktiv_ii_are_hedged() {
    assert_stance(
        "Stellen Sie sich vor, ein einziger Satz erzeugt einen atemberaubenden KI-Kurzfilm.",
        De,
        "atemberaubenden",
        Hedged,
    );
    assert_stance(
        "Mit diesem Modell wäre das ein Quantensprung.",
        De,
        "Quantensprung",
        Hedged,
    );
    assert_stance(
        "Imagine typing one sentence and getting a stunning AI short film.",
        En,
        "stunning",
        Hedged,
    );
    // A scenario the next sentence confirms is the author's claim.
    assert_stance(
        "Stell dir vor, eine App macht aus einem Satz einen atemberaubenden Clip. Genau das passiert jetzt.",
        De,
        "atemberaubenden",
        Endorsed,
    );
    assert_stance(
        "Imagine a stunning AI film made from one prompt. That is exactly what happens today.",
        En,
        "stunning",
        Endorsed,
    );
}

#[test]
fn nowhere_near_far_from_and_alles_andere_als_negate() {
    assert_stance(
        "The clips are nowhere near perfect.",
        En,
        "perfect",
        Negated,
    );
    assert_stance("The demo is far from flawless.", En, "flawless", Negated);
    assert_stance(
        "Die Clips sind alles andere als perfekt.",
        De,
        "perfekt",
        Negated,
    );
    assert_stance(
        "Von Perfektion ist das Modell weit entfernt.",
        De,
        "Perfektion",
        Negated,
    );
}

#[test]
fn set_to_whether_and_approximators_are_no_hedges() {
    assert_stance(
        "Veo 4 is set to revolutionize advertising.",
        En,
        "revolutionize",
        Endorsed,
    );
    assert_stance(
        "Whether you shoot ads or films, the results are stunning.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "Ob Werbung oder Spielfilm, die Ergebnisse sind atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "The clips are almost indistinguishable from real footage.",
        En,
        "indistinguishable from real footage",
        Endorsed,
    );
    assert_stance(
        "Die Clips wirken atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
}

#[test]
fn a_question_mark_questions_only_its_own_segment() {
    assert_stance(
        "It's a revolution: but for whom?",
        En,
        "revolution",
        Endorsed,
    );
    assert_stance(
        "Die Clips sind atemberaubend: Aber wer soll das bezahlen?",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "Ist das eine Revolution – oder nur ein Update?",
        De,
        "Revolution",
        Questioned,
    );
    assert_stance("Is this a revolution?", En, "revolution", Questioned);
}

#[test]
fn an_adopting_sentence_makes_a_quoted_claim_the_authors() {
    assert_stance(
        "Der Hersteller nennt es eine Revolution. Das ist keine Übertreibung.",
        De,
        "Revolution",
        Endorsed,
    );
    assert_stance(
        "OpenAI calls it a revolution. That's not an exaggeration.",
        En,
        "revolution",
        Endorsed,
    );
    assert_stance(
        "OpenAI calls it a revolution. That's an exaggeration.",
        En,
        "revolution",
        Quoted,
    );
}

#[test]
fn a_negation_in_someone_elses_words_is_reported() {
    assert_stance(
        "Die Regisseurin betont, die KI sei kein Hollywood-Ersatz.",
        De,
        "Hollywood-Ersatz",
        Quoted,
    );
    assert_stance(
        "The actress insists the avatar isn't meant to replace actors.",
        En,
        "replace actors",
        Quoted,
    );
    assert_stance(
        "One user wrote: “This isn't a revolution, it's a gimmick.”",
        En,
        "revolution",
        Quoted,
    );
    // Scare quotes around the hit alone stay a negation by the author.
    assert_stance("This is not a \"revolution\".", En, "revolution", Negated);
}

#[test]
fn hedge_scope_stops_at_concessive_and_relative_clauses() {
    assert_stance(
        "While the model may have quirks, the results are stunning.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "It creates a hyper-realistic clip that could pass for stock footage.",
        En,
        "hyper-realistic",
        Endorsed,
    );
    assert_stance(
        "Auch wenn die Clips spektakulär aussehen, bleibt die Physik ein Problem.",
        De,
        "spektakulär",
        Endorsed,
    );
    assert_stance(
        "It feels like a revolution, and its likeness to real footage is stunning.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "Wenn das stimmt, ist Sora 2 ein Gamechanger.",
        De,
        "Gamechanger",
        Hedged,
    );
}

#[test]
fn determiner_negation_ends_at_the_next_article() {
    assert_stance(
        "Keines der Teams nutzte den bahnbrechenden Modus.",
        De,
        "bahnbrechenden",
        Endorsed,
    );
    assert_stance(
        "Keiner der Clips, die der Hersteller zeigt, ist perfekt.",
        De,
        "perfekt",
        Negated,
    );
    assert_stance(
        "None of the clips the vendor showed was flawless.",
        En,
        "flawless",
        Negated,
    );
    assert_stance("Das ist kein Gamechanger.", De, "Gamechanger", Negated);
}

#[test]
fn a_short_answer_after_a_filler_answers() {
    assert_stance(
        "Effizient? Sicher. Aber auch bahnbrechend? Leider nein.",
        De,
        "bahnbrechend",
        Negated,
    );
    assert_stance("A revolution? Sadly, no.", En, "revolution", Negated);
}

#[test]
fn framing_verbs_and_verb_final_claims_attribute() {
    assert_stance(
        "The vendor describes Veo 4 as a breakthrough for studios.",
        En,
        "breakthrough",
        Quoted,
    );
    assert_stance(
        "Analysts are positioning the model as a game changer.",
        En,
        "game changer",
        Quoted,
    );
    assert_stance(
        "Das Modell wurde zunächst als Meilenstein präsentiert.",
        De,
        "Meilenstein",
        Quoted,
    );
    assert_stance(
        "Ein Projekt, das einen Quantensprung für das Kino markieren soll.",
        De,
        "Quantensprung",
        Quoted,
    );
    assert_stance(
        "Das Modell, das schon jetzt als Meilenstein gilt, startet im Mai.",
        De,
        "Meilenstein",
        Quoted,
    );
    assert_stance(
        "Die KI werde das Kino revolutionieren, so die kühne Prognose.",
        De,
        "revolutionieren",
        Quoted,
    );
}

#[test]
fn speech_words_that_report_nothing() {
    assert_stance(
        "That said, the results are stunning.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "OpenAI released a stunning app called Sora.",
        En,
        "stunning",
        Endorsed,
    );
    assert_stance(
        "Ich muss ehrlich sagen, die Clips sind atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "Die Clips sind atemberaubend, wenn du mich fragst, und du willst sie sehen.",
        De,
        "atemberaubend",
        Endorsed,
    );
}

#[test]
fn as_if_comparisons_are_not_conditions() {
    // "als ob", "as if" and a Konjunktiv II or hedge in a comparison clause of its own compare;
    // they do not hedge the claim.
    assert_stance(
        "Der Clip sieht atemberaubend aus, als ob ihn ein Kamerateam gedreht hätte.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "Der Ball prallt atemberaubend echt vom Brett ab, wie es im echten Leben passieren würde.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "It simulates light and motion in stunning detail, as if it were directing reality itself.",
        En,
        "stunning detail",
        Endorsed,
    );
    assert_stance(
        "As a real camera would, Sora 2 renders the splash in breathtaking detail.",
        En,
        "breathtaking detail",
        Endorsed,
    );
}

#[test]
fn a_konjunktiv_ii_inside_the_expression_does_not_hedge_it() {
    // The construction itself is counterfactual ("nobody would have expected"); it is not a
    // hedge on the claim.
    assert_stance(
        "Das hätte niemand erwartet: Sora 2 setzt neue Maßstäbe.",
        De,
        "hätte niemand erwartet",
        Endorsed,
    );
    // The English counterpart: "would" is a lexicon hedge, and a hedge is only ever looked for
    // outside the hit; inside a comparison it does not hedge either.
    assert_stance(
        "Clips like this would have cost a studio weeks, and Sora 2 is a game changer.",
        En,
        "game changer",
        Hedged,
    );
    assert_stance(
        "The splash looks real, as it would on film, and Sora 2 is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
}

#[test]
fn conditionals_addressed_to_the_reader_do_not_hedge() {
    // Relevance conditionals: the main clause holds whether or not the reader did it.
    assert_stance(
        "Wenn ihr euch diese Videos anseht, werdet ihr sehen: Sora 2 ist ein Gamechanger.",
        De,
        "Gamechanger",
        Endorsed,
    );
    assert_stance(
        "If you've seen these clips, you know Sora 2 is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
    // A real condition still hedges.
    assert_stance(
        "Wenn die Preise sinken, wird Sora 2 ein Gamechanger.",
        De,
        "Gamechanger",
        Hedged,
    );
    assert_stance(
        "If prices fall, Sora 2 will be a game changer.",
        En,
        "game changer",
        Hedged,
    );
}

#[test]
fn cue_words_inside_names_are_names() {
    // "Will Smith" is not "will" (wants to), "Sydney May" not "may".
    assert_stance(
        "Die Zeiten, in denen Will Smith krude Spaghetti aß, sind lange vorbei.",
        De,
        "sind lange vorbei",
        Endorsed,
    );
    assert_stance(
        "Der Schöpfer der Serie Gravity Falls nennt das Ergebnis atemberaubend.",
        De,
        "atemberaubend",
        Quoted,
    );
    assert_stance(
        "Sora 2 footage shared by Sydney May looks stunning.",
        En,
        "stunning",
        Endorsed,
    );
    // Sentence-initial words are not names.
    assert_stance(
        "Falls die Preise sinken, wird Sora 2 ein Gamechanger.",
        De,
        "Gamechanger",
        Hedged,
    );
    assert_stance(
        "Sora 2 may be the best video model.",
        En,
        "the best",
        Hedged,
    );
}

#[test]
fn cue_phrases_are_fixed_and_cue_adverbs_match_as_written() {
    // A cue phrase takes no words inside: "on the water's surface" is not "on the surface".
    assert_stance(
        "Reflections shimmered in stunning detail on the water's surface.",
        En,
        "stunning detail",
        Endorsed,
    );
    assert_stance(
        "Reflections shimmered in stunning detail on the surface.",
        En,
        "stunning detail",
        Hedged,
    );
    assert_stance(
        "Die Farben wirken auf den ersten, flüchtigen Blick atemberaubend.",
        De,
        "atemberaubend",
        Endorsed,
    );
    assert_stance(
        "Die Farben wirken auf den ersten Blick atemberaubend.",
        De,
        "atemberaubend",
        Hedged,
    );
    // "relatively" and "partly" hedge; "related" and "part" (same Snowball stems) do not.
    assert_stance(
        "The related demo is a game changer.",
        En,
        "game changer",
        Endorsed,
    );
    assert_stance(
        "It is relatively a game changer.",
        En,
        "game changer",
        Hedged,
    );
    assert_stance(
        "Sora 2 ist möglicherweise ein Gamechanger.",
        De,
        "Gamechanger",
        Hedged,
    );
}

#[test]
fn speech_verbs_in_a_later_relative_clause_report_nothing() {
    // The people in the video say things; nobody reports the author's praise.
    assert_stance(
        "Sora 2 erzeugt täuschend echte Videos, in denen Personen Dinge sagen, die nie passiert sind.",
        De,
        "täuschend echte",
        Endorsed,
    );
    assert_stance(
        "Sora 2 creates stunning clips, in which actors say lines they never recorded.",
        En,
        "stunning",
        Endorsed,
    );
    // A speech verb governing the sentence still reports.
    assert_stance(
        "Sora 2 ist ein Durchbruch, sagt Altman.",
        De,
        "Durchbruch",
        Quoted,
    );
    assert_stance(
        "Sora 2 is a breakthrough, Altman says.",
        En,
        "breakthrough",
        Quoted,
    );
}

#[test]
fn celebrating_reports_only_in_the_celebrated_as_frame() {
    assert_stance(
        "Kritiker feiern Sora 2 als Durchbruch.",
        De,
        "Durchbruch",
        Quoted,
    );
    assert_stance(
        "Critics celebrated Sora 2 as a breakthrough.",
        En,
        "breakthrough",
        Quoted,
    );
    // An event that celebrates something reports nobody's words.
    assert_stance(
        "Das Festival, das die Animationskunst feiert, zeigt atemberaubende Clips.",
        De,
        "atemberaubende",
        Endorsed,
    );
    assert_stance(
        "The festival celebrates animation and shows stunning clips.",
        En,
        "stunning",
        Endorsed,
    );
}

#[test]
fn a_german_negator_after_the_verb_negates_it() {
    // Verb-second: the finite verb comes before its "nicht".
    assert_stance(
        "Sora 2 revolutioniert nicht die Filmbranche.",
        De,
        "revolutioniert",
        Negated,
    );
    assert_stance("Es ersetzt sie nicht.", De, "ersetzt", Negated);
    // "nicht nur" and "nicht X, sondern Y" keep the verb.
    assert_stance(
        "Sora 2 revolutioniert nicht nur die Filmbranche.",
        De,
        "revolutioniert",
        Endorsed,
    );
    assert_stance(
        "Sora 2 revolutioniert nicht die Filmbranche, sondern die Werbung.",
        De,
        "revolutioniert",
        Endorsed,
    );
    // English negates before the verb; a negative word after a hype noun is its relative
    // clause, not a negation.
    assert_stance(
        "Sora 2 does not revolutionize filmmaking.",
        En,
        "revolutionize",
        Negated,
    );
    assert_stance(
        "Sora 2 is a revolution nobody saw coming.",
        En,
        "revolution",
        Endorsed,
    );
}

#[test]
fn rhetorical_questions_assert_their_answer() {
    // "Why would you still pay a camera operator?" means: nobody needs to.
    assert_stance(
        "Warum sollst du noch einen Kameramann bezahlen, wenn die KI das in Sekunden erledigt?",
        De,
        "Warum sollst du noch",
        Endorsed,
    );
    assert_stance(
        "Who needs a film crew anymore when Sora 2 is a game changer?",
        En,
        "game changer",
        Endorsed,
    );
    // A plain question stays a question.
    assert_stance(
        "Ist Sora 2 noch ein Gamechanger?",
        De,
        "Gamechanger",
        Questioned,
    );
    assert_stance(
        "Is Sora 2 still a game changer?",
        En,
        "game changer",
        Questioned,
    );
}

#[test]
fn a_reported_fear_is_someone_elses_view() {
    assert_stance(
        "Schauspieler empörten sich aus Angst, dass KI ihnen die Jobs rauben wird.",
        De,
        "Jobs rauben",
        Quoted,
    );
    assert_stance(
        "He is worried that Sora could change the film industry forever.",
        En,
        "change the film industry",
        Quoted,
    );
    // The author's own concern is the author's claim.
    assert_stance(
        "Meine Sorge ist, dass KI den Schauspielern die Jobs rauben wird.",
        De,
        "Jobs rauben",
        Endorsed,
    );
    assert_stance(
        "My concern is that Sora 2 will replace actors.",
        En,
        "will replace",
        Endorsed,
    );
}

#[test]
fn a_counterfactual_past_is_not_a_hedge() {
    // The irrealis states what it would have taken then; the author asserts the contrast now.
    assert_stance(
        "Vor wenigen Jahren hätte man für einen Clip in Hollywood-Qualität noch eine Filmcrew gebraucht.",
        De,
        "Hollywood-Qualität",
        Endorsed,
    );
    assert_stance(
        "Such stunning footage would have required a full film crew five years ago.",
        En,
        "stunning",
        Endorsed,
    );
    // Without a past time it stays a hedge.
    assert_stance(
        "Für einen Clip in Hollywood-Qualität hätte man eine Filmcrew gebraucht.",
        De,
        "Hollywood-Qualität",
        Hedged,
    );
    assert_stance(
        "Such stunning footage would require a full film crew.",
        En,
        "stunning",
        Hedged,
    );
}

#[test]
fn a_verb_final_intent_modal_stands_last_in_its_clause() {
    // "soll" as the second word attributes what follows it, not the subject before it.
    assert_stance(
        "Die photorealistische Figur soll im nächsten Jahr in Serien auftreten.",
        De,
        "photorealistische Figur",
        Endorsed,
    );
    assert_stance(
        "Ein Filmprojekt, das einen grundlegenden Wandel markieren soll, entsteht in Köln.",
        De,
        "grundlegenden Wandel",
        Quoted,
    );
    assert_stance(
        "The hyper-realistic AI avatar is meant to appear in ads next year.",
        En,
        "hyper-realistic",
        Endorsed,
    );
}

#[test]
fn a_modal_of_the_generic_man_reports_no_claim() {
    assert_stance(
        "Wie soll man da noch KI-Videos von realen Inhalten unterscheiden?",
        De,
        "realen Inhalten unterscheiden",
        Endorsed,
    );
    assert_stance(
        "How is one supposed to tell these stunning fakes from real footage anymore?",
        En,
        "stunning",
        Endorsed,
    );
}

#[test]
fn a_negated_dass_clause_is_negated() {
    assert_stance(
        "Die Stärke liegt nicht darin, dass die Tools eines Tages die Kameraleute ersetzen.",
        De,
        "ersetzen",
        Negated,
    );
    assert_stance(
        "The real strength of these tools is not that they will one day replace camera crews.",
        En,
        "replace camera",
        Negated,
    );
}

#[test]
fn a_nicht_before_a_verb_final_verb_negates_it() {
    assert_stance(
        "Der Bericht zeigt, dass die Software nicht die Arbeit der Cutter und das Gespür der Regie ersetzen kann.",
        De,
        "ersetzen",
        Negated,
    );
    // "nicht X, sondern Y": the verb stands.
    assert_stance(
        "Die Studie zeigt, dass die KI nicht die Kameraleute, sondern die Cutter ersetzen wird.",
        De,
        "ersetzen",
        Endorsed,
    );
    // English puts the negator before the verb (rule 2).
    assert_stance(
        "The report shows that the software should not replace human creativity and the director's instinct.",
        En,
        "replace human",
        Negated,
    );
}

#[test]
fn dafuer_sorgen_is_not_a_concern() {
    assert_stance(
        "KI-Werkzeuge werden dafür sorgen, dass viele Video-Jobs überflüssig werden.",
        De,
        "Video-Jobs überflüssig",
        Endorsed,
    );
    assert_stance(
        "AI will see to it that human editors become obsolete.",
        En,
        "obsolete",
        Endorsed,
    );
}

#[test]
fn a_passive_frame_attributes_its_complement_not_its_subject() {
    assert_stance(
        "Das verblüffend echte Klonen von Stimmen gilt als nächster großer Schritt.",
        De,
        "verblüffend echte",
        Endorsed,
    );
    assert_stance(
        "Das verblüffend echte Klonen von Stimmen gilt als nächster großer Schritt.",
        De,
        "nächster großer Schritt",
        Quoted,
    );
    assert_stance(
        "Das Modell, das schon jetzt als der größte Sprung seit Jahren gilt, ist da.",
        De,
        "größte Sprung",
        Quoted,
    );
    assert_stance(
        "Stunning voice cloning is hailed as the next big step.",
        En,
        "Stunning",
        Endorsed,
    );
    assert_stance(
        "Stunning voice cloning is hailed as the next big step.",
        En,
        "big step",
        Quoted,
    );
}

#[test]
fn a_naming_verbs_object_is_the_authors_description() {
    assert_stance(
        "Der Konzern nennt dieses bahnbrechende Modell Veo.",
        De,
        "bahnbrechende",
        Endorsed,
    );
    assert_stance(
        "The company calls this groundbreaking model Veo.",
        En,
        "groundbreaking",
        Endorsed,
    );
    // The complement stays the namer's.
    assert_stance(
        "Critics call this model a game changer.",
        En,
        "game changer",
        Quoted,
    );
}
