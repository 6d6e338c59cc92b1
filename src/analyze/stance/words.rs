//! The closed word lists of the stance rules and their per-word class bits.

/// [`word_class`] bits: closed word lists the rules scan whole windows for, so a window costs
/// one bit test per word instead of a list comparison.
pub(crate) mod class {
    /// [`super::KONJUNKTIV_I`].
    pub(crate) const KONJ_I: u32 = 1;
    /// [`super::KONJUNKTIV_II`].
    pub(crate) const KONJ_II: u32 = 2;
    /// Begins with one of [`super::FRAMING`].
    pub(crate) const FRAMING: u32 = 4;
    /// [`super::FRAMING_FINAL`].
    pub(crate) const FRAMING_FINAL: u32 = 8;
    /// "als".
    pub(crate) const ALS: u32 = 16;
    /// "as", "als", "darin".
    pub(crate) const AS: u32 = 32;
    /// [`super::PAST_TIME`].
    pub(crate) const PAST: u32 = 64;
    /// [`super::CONCERN`].
    pub(crate) const CONCERN: u32 = 128;
    /// The word, lowercased, is in some list of the rules ([`super::listed`]): a word without
    /// this bit is in none, so most list tests end with one bit test.
    pub(crate) const LISTED: u32 = 256;
    /// The word, lowercased, begins one of the word sequences the rules look for
    /// ([`super::SCENARIO`], [`super::CROWD_FRAMES`], [`super::ADOPTERS`], [`super::SEQ_INLINE`]).
    pub(crate) const SEQ_START: u32 = 512;
    /// "so" (the trailing German attribution ", so Reese,").
    pub(crate) const SO: u32 = 1024;
    /// [`super::NOT_HEDGES`].
    pub(crate) const NOT_HEDGE: u32 = 2048;
    /// [`super::NEG_SUBJECTS`].
    pub(crate) const NEG_SUBJECT: u32 = 4096;
    /// [`super::OBJECT_PRONOUNS`].
    pub(crate) const OBJECT_PRONOUN: u32 = 8192;
}

/// The [`class`] bits of a word: `lower` is its lowercase lookup form, `surface` the word as
/// written (the list tests compare that, lowercased).
pub(crate) fn word_class(lower: &str, surface: &str) -> u32 {
    let mut c = 0;
    let is = |list: &[&str]| list.contains(&lower);
    if is(KONJUNKTIV_I) {
        c |= class::KONJ_I;
    }
    if is(KONJUNKTIV_II) {
        c |= class::KONJ_II;
    }
    if FRAMING.iter().any(|f| lower.starts_with(f)) {
        c |= class::FRAMING;
    }
    if is(FRAMING_FINAL) {
        c |= class::FRAMING_FINAL;
    }
    if lower == "als" {
        c |= class::ALS;
    }
    if is(&["as", "als", "darin"]) {
        c |= class::AS;
    }
    if is(PAST_TIME) {
        c |= class::PAST;
    }
    if is(CONCERN) {
        c |= class::CONCERN;
    }
    // The list tests compare the word as written, lowercased (not the lookup form).
    let surface = lowercase(surface);
    if listed(&surface) {
        c |= class::LISTED;
        let seqs = SCENARIO
            .iter()
            .chain(CROWD_FRAMES)
            .chain(ADOPTERS)
            .chain(SEQ_INLINE);
        if seqs
            .into_iter()
            .any(|q| q.first() == Some(&surface.as_str()))
        {
            c |= class::SEQ_START;
        }
        // Compared as the list tests compare it (`word_is(k, "so")`): the surface form.
        if surface == "so" {
            c |= class::SO;
        }
        for (list, bit) in [
            (NOT_HEDGES, class::NOT_HEDGE),
            (NEG_SUBJECTS, class::NEG_SUBJECT),
            (OBJECT_PRONOUNS, class::OBJECT_PRONOUN),
        ] {
            if list.contains(&surface.as_str()) {
                c |= bit;
            }
        }
    }
    c
}

/// Sequences the rules compare with in place rather than through a named list.
pub(super) const SEQ_INLINE: &[&[&str]] = &[
    &["remember"],
    &["erinnern", "sie", "sich"],
    &["genau", "das"],
    &["genau", "dies"],
];

/// `word` lowercased as the list tests lowercase it.
fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.chars().flat_map(char::to_lowercase).collect()
    }
}

/// Whether `lower` (a word lowercased as the list tests lowercase it, [`lowercase`]) is a word
/// of some list the rules compare words with. A superset is harmless (the list test itself still
/// decides); a word missing here would make a list test fail, which debug builds check on every
/// test ([`super::context`]'s `word_in`).
fn listed(lower: &str) -> bool {
    static ALL: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            let lists: &[&[&str]] = &[
                CONTRASTIVE_AFTER_NEGATOR,
                FIRST_PERSON,
                NEG_RAISING,
                NOT_HEDGES,
                NOT_SPEECH,
                INTENT,
                INTENT_DE,
                FRAMING,
                FRAMING_FINAL,
                PAST_TIME,
                KONJUNKTIV_I,
                KONJUNKTIV_II,
                CONCESSIVE,
                RELATIVE,
                RELATIVE_OPENERS,
                REL_PREPOSITIONS,
                CELEBRATE,
                FRAME_VERBS,
                NAMING,
                DETERMINERS,
                PRONOMINAL_ADVERBS,
                VERB_FINAL_AUX,
                POST_VERBAL,
                OBJECT_PRONOUNS,
                NEG_DETERMINERS,
                ARTICLES,
                NEG_SUBJECTS,
                ANSWER_FILLERS,
                CONCERN,
                CONCERN_LINKS,
                INLINE,
            ];
            let seqs = SCENARIO
                .iter()
                .chain(CROWD_FRAMES)
                .chain(ADOPTERS)
                .chain(SEQ_INLINE);
            lists
                .iter()
                .flat_map(|l| l.iter().copied())
                .chain(seqs.flat_map(|q| q.iter().copied()))
                .collect()
        });
    ALL.contains(lower)
}

/// Words the rules compare with in place rather than through a named list.
const INLINE: &[&str] = &[
    "als",
    "as",
    "außer",
    "mehr",
    "dafür",
    "für",
    "for",
    "dass",
    "that",
    "der",
    "des",
    "von",
    "of",
    "die",
    "das",
    "erinnern",
    "sie",
    "sich",
    "es",
    "genau",
    "dies",
    "ich",
    "wir",
    "du",
    "ihr",
    "denn",
    "if",
    "wenn",
    "falls",
    "ob",
    "it",
    "which",
    "also",
    "now",
    "jahren",
    "jahrzehnten",
    "may",
    "noch",
    "still",
    "anymore",
    "oder",
    "or",
    "remember",
    "sei",
    "selbst",
    "auch",
    "even",
    "sondern",
    "rather",
    "und",
    "and",
    "have",
    "man",
    "so",
    "vor",
    "warum",
    "wieso",
    "weshalb",
    "wozu",
    "wer",
    "wie",
    "why",
    "who",
    "how",
    "you",
    "you've",
    "you’ve",
    "you're",
    "you’re",
    "like",
    "than",
    "exactly",
    "reality",
    "realität",
    "wirklichkeit",
    "längst",
    "darin",
    "be",
    "been",
    "being",
    "having",
    "he",
    "she",
    "they",
    "is",
    "was",
    "into",
    "to",
    "on",
    "off",
    "up",
    "ehrlich",
    "muss",
];

pub(super) const CONTRASTIVE_AFTER_NEGATOR: &[&str] = &[
    "just",
    "only",
    "merely",
    "simply",
    "nur",
    "bloß",
    "bloss",
    "lediglich",
    "einfach",
];
pub(super) const FIRST_PERSON: &[&str] = &[
    "ich", "wir", "unser", "unsere", "unserer", "unseren", "unserem", "mein", "meine", "i", "we",
    "our", "my",
];
/// Verbs of opinion that raise a negation into the clause they introduce.
pub(super) const NEG_RAISING: &[&str] = &[
    "think", "believe", "expect", "suppose", "imagine", "glaube", "glauben", "denke", "denken",
    "finde", "finden", "erwarte", "erwarten", "meine", "halte",
];
/// Single words whose stem equals that of a hedge but that hedge nothing ("likely" and "like",
/// "mostly" and "most", "possibly" and "possible", "comparatively" and "comparable").
pub(super) const NOT_HEDGES: &[&str] = &[
    "like",
    "likes",
    "liked",
    "liking",
    "likeness",
    "likenesses",
    "most",
    "possible",
    "possibility",
    "possibilities",
    "potential",
    "potentials",
    "comparable",
    "compare",
    "compared",
    "comparing",
    "comparison",
    "near",
    "nearer",
    "nearest",
    "seem",
    "appear",
    "suggest",
    "indicate",
    "indicated",
];
/// Single words whose stem equals that of a reported-speech cue but that report nothing
/// ("believable" ~ "believes", "sprechen" ~ "Sprecher").
pub(super) const NOT_SPEECH: &[&str] = &[
    "believable",
    "believably",
    "unbelievable",
    "sprechen",
    "spricht",
    "sprach",
    "sprachen",
    "sprechende",
    "sprechenden",
    "sprechender",
];
/// Intention and promise cues: they attribute only what follows them ("This cutting-edge tool
/// aims to revolutionise editing": "cutting-edge" stays the author's, "revolutionise" is the
/// vendor's aim).
pub(super) const INTENT: &[&str] = &[
    "aims",
    "aim",
    "aimed",
    "aiming",
    "promises",
    "promise",
    "promised",
    "promising",
    "hopes",
    "hoped",
    "wants",
    "verspricht",
    "versprechen",
    "versprach",
    "versprachen",
    "soll",
    "sollen",
    "will",
    "wollte",
    "wollen",
    "wollten",
];
/// German intention and claim modals, which also reach back in verb-final clauses.
pub(super) const INTENT_DE: &[&str] = &[
    "verspricht",
    "versprechen",
    "versprach",
    "versprachen",
    "soll",
    "sollen",
    "will",
    "wollen",
];
/// Framing verbs that attribute what follows "as"/"als" ("positions it as", "describes it as",
/// "sehen sie als Werkzeug").
pub(super) const FRAMING: &[&str] = &[
    "position",
    "describ",
    "envision",
    "sieht",
    "sehen",
    "positionier",
    "bezeichne",
];
/// Participles that close a German "als …" frame ("als Durchbruch präsentiert").
pub(super) const FRAMING_FINAL: &[&str] = &[
    "präsentiert",
    "bezeichnet",
    "gehandelt",
    "eingestuft",
    "dargestellt",
    "gefeiert",
    "gesehen",
    "betrachtet",
    "vermarktet",
    "beworben",
];
/// Words that set a clause in the past: a Konjunktiv II or "would have" beside them is a
/// counterfactual past that asserts the present contrast ("Videos, die früher sechsstellige
/// Summen gekostet hätten", "clips that would have cost six figures a few years ago"), not a
/// hedge. "Jahren"/"years" count only after "vor" or before "ago".
pub(super) const PAST_TIME: &[&str] = &[
    "früher",
    "einst",
    "einstmals",
    "damals",
    "ehemals",
    "jahren",
    "jahrzehnten",
    "ago",
    "once",
    "previously",
    "formerly",
];
/// How many words after an intention cue it reaches.
pub(super) const INTENT_REACH: usize = 8;
/// German Konjunktiv I forms (3rd person) that mark reported speech on their own ("Das Modell
/// sei ein Meilenstein"): unambiguous in the third person; a nearby `ich`/`wir` makes them
/// indicative ("ich habe").
pub(super) const KONJUNKTIV_I: &[&str] = &[
    "sei",
    "seien",
    "habe",
    "werde",
    "könne",
    "müsse",
    "dürfe",
    "solle",
    "wolle",
    "gebe",
    "biete",
    "liefere",
    "erzeuge",
    "ermögliche",
    "verändere",
    "revolutioniere",
    "ersetze",
    "übertreffe",
    "vermische",
    "verstehe",
    "erreiche",
    "schaffe",
    "mache",
    "bringe",
    "stehe",
    "liege",
    "gehe",
    "komme",
    "zeige",
    "erlaube",
    "setze",
    "stelle",
    "sorge",
    "gelte",
    "markiere",
    "definiere",
    "eröffne",
    "verwandle",
    "arbeite",
    "entstehe",
    "brauche",
    "bleibe",
    "handle",
    "wirke",
    "sehe",
    "klinge",
    "funktioniere",
    "hebe",
    "spiele",
];
/// Konjunktiv II and conditional forms that make a claim hypothetical ("Hollywood wäre
/// überflüssig"); listed as surface forms because their stems equal the indicative's.
pub(super) const KONJUNKTIV_II: &[&str] = &[
    "wäre",
    "wären",
    "würde",
    "würden",
    "hätte",
    "hätten",
    "käme",
    "kämen",
    "bräuchte",
    "bräuchten",
    "gäbe",
    "ließe",
    "ließen",
];
/// Openers of an imagined scenario ("Stellen Sie sich vor, …", "Imagine …").
pub(super) const SCENARIO: &[&[&str]] = &[
    &["stellen", "sie", "sich", "vor"],
    &["stell", "dir", "vor"],
    &["stellt", "euch", "vor"],
    &["man", "stelle", "sich", "vor"],
    &["imagine"],
    &["picture", "this"],
    &["sollte"],
    &["sollten"],
];
/// Subordinators of a concessive or temporal clause: a hedge inside it ("While Sora may have
/// quirks, the results are stunning") does not reach the main clause.
pub(super) const CONCESSIVE: &[&str] = &[
    "while",
    "although",
    "though",
    "whereas",
    "whilst",
    "obwohl",
    "obgleich",
    "während",
    "wenngleich",
    "zwar",
];
/// Relative pronouns: a hedge after the hit but inside a relative clause ("a clip that could
/// pass for stock footage") hedges the relative clause, not the hit.
pub(super) const RELATIVE: &[&str] = &["that", "which", "who", "whose", "where"];

/// Words that open a relative clause, both languages (German articles after a comma are
/// relative pronouns).
pub(super) const RELATIVE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "der", "die", "das", "dem", "den", "denen",
    "deren", "dessen", "welche", "welcher", "welches", "welchem", "welchen", "wo",
];

/// Prepositions that may stand before a relative pronoun ("in denen", "with which").
pub(super) const REL_PREPOSITIONS: &[&str] = &[
    "in", "mit", "von", "bei", "auf", "an", "für", "über", "unter", "aus", "nach", "zu", "durch",
    "with", "by", "for", "of", "on", "from", "at",
];

/// Verbs of celebrating: reported speech only in the frame "feiert X als Y", "celebrated
/// as"; otherwise an event or a person celebrates something ("ein Festival, das die
/// Animationskunst feiert").
pub(super) const CELEBRATE: &[&str] = &[
    "feiert",
    "feierte",
    "feierten",
    "feiern",
    "gefeiert",
    "celebrates",
    "celebrated",
    "celebrate",
    "celebrating",
];

/// Passive frames without "als"/"as" in the cue: like "gilt als" and "hailed as" they
/// attribute only their complement, not their subject.
pub(super) const FRAME_VERBS: &[&str] = &["gilt", "galt", "gelten", "galten", "dubbed"];
/// Naming verbs: their object is the author's description, the name after it the namer's.
pub(super) const NAMING: &[&str] = &[
    "nennt", "nannte", "nannten", "nennen", "calls", "called", "call", "names", "named", "dubbed",
];
/// Determiners that open a noun phrase: articles, demonstratives, possessives.
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "its", "their", "his", "der", "die", "das", "den", "dem",
    "ein", "eine", "einen", "diese", "dieser", "diesen", "dieses", "ihr", "ihre", "ihren", "sein",
    "seine", "seinen",
];
/// Pronominal adverbs that stand for a following dass-clause ("liegt nicht darin, dass …").
pub(super) const PRONOMINAL_ADVERBS: &[&str] = &[
    "darin", "daran", "darauf", "davon", "dazu", "darum", "dabei",
];
/// Modals and auxiliaries that may follow the verb at the end of a German verb-final clause
/// ("…, die nicht die Kreativität ersetzen sollte").
pub(super) const VERB_FINAL_AUX: &[&str] = &[
    "soll", "sollte", "sollten", "sollen", "kann", "können", "könnte", "könnten", "muss", "müssen",
    "darf", "dürfen", "wird", "werden", "würde", "würden", "will", "wollen", "hat", "haben",
    "hatte", "ist", "sind", "war", "wurde", "wurden",
];
/// German negators that follow a finite verb to negate it: "Es ersetzt nicht die echte
/// Aufnahme".
pub(super) const POST_VERBAL: &[&str] = &["nicht", "keineswegs", "keinesfalls", "nie", "niemals"];

/// Object pronouns that may stand between a verb and its negator ("ersetzt sie nicht").
pub(super) const OBJECT_PRONOUNS: &[&str] = &[
    "es", "sie", "ihn", "ihm", "uns", "euch", "sich", "das", "dies", "mich", "dich",
];
/// Determiner negators: their scope ends at the next article ("keines der Filme nutzte den
/// bemerkenswerten Modus").
pub(super) const NEG_DETERMINERS: &[&str] = &[
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "no", "none",
];
pub(super) const ARTICLES: &[&str] = &[
    "the", "a", "an", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
    "einer", "eines",
];
/// Subjects of a sentence-wide negation ("Keiner der Clips ist perfekt", "None of the clips is
/// flawless").
pub(super) const NEG_SUBJECTS: &[&str] =
    &["keiner", "keines", "keine", "none", "niemand", "nobody"];
/// Sentence openers that give a crowd's view.
pub(super) const CROWD_FRAMES: &[&[&str]] = &[
    &["für", "viele"],
    &["für", "manche"],
    &["für", "einige"],
    &["for", "many"],
    &["for", "some"],
    &["to", "many"],
    &["andere", "sehen"],
    &["viele", "sehen"],
    &["kritiker", "sehen"],
];
/// Fillers that may stand before a short answer ("Leider nein.", "Well, no.").
pub(super) const ANSWER_FILLERS: &[&str] = &[
    "leider",
    "also",
    "na",
    "nun",
    "tja",
    "ehrlich",
    "well",
    "sadly",
    "unfortunately",
    "so",
    "honestly",
    "frankly",
];
/// Sentences by which the author adopts the claim just before it as their own ("That's not an
/// exaggeration.", "Das ist keine Übertreibung.").
pub(super) const ADOPTERS: &[&[&str]] = &[
    &["not", "an", "exaggeration"],
    &["no", "exaggeration"],
    &["not", "exaggerating"],
    &["keine", "übertreibung"],
    &["nicht", "übertrieben"],
    &["übertreibe", "nicht"],
    &["keineswegs", "übertrieben"],
    &["übertrieben", "nicht"],
    &["übertreiben", "nicht"],
    &["didn't", "exaggerate"],
    &["no", "hyperbole"],
];
/// How far (in words) reported-speech cues, hedges and raised negations reach within a
/// sentence; the bound also keeps a pathological one-sentence 50 MB file linear.
pub(super) const SPEECH_REACH: usize = 40;

/// Fears and concerns whose content is someone's view, not the author's claim: "aus Angst,
/// dass KI ihnen die Arbeit rauben wird", "worried that Sora could change the industry".
pub(super) const CONCERN: &[&str] = &[
    "angst",
    "ängste",
    "sorge",
    "sorgen",
    "befürchtung",
    "befürchtungen",
    "befürchten",
    "befürchtet",
    "fürchten",
    "fürchtet",
    "bedenken",
    "fear",
    "fears",
    "feared",
    "worried",
    "worries",
    "concern",
    "concerns",
    "concerned",
];

/// What links a concern to its content.
pub(super) const CONCERN_LINKS: &[&str] = &["dass", "darüber", "vor", "that", "about", "over"];
