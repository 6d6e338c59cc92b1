//! Stance rules: is a hit the author's own hype, or negated, hedged, quoted, questioned?
//!
//! Rules are tried in this order; the first that applies decides (each has a test with a real
//! German and English sentence in `tests/it/stance.rs`):
//!
//! 1. **negated-inside**: a negator inside a discontinuous phrase ("Hollywood kann noch nicht
//!    einpacken").
//! 2. **negated-before**: a negator up to five words before the hit in the same clause
//!    ("kein Gamechanger", "not a revolution", "far from revolutionary"). A negator directly
//!    followed by `just/only/merely/nur/bloß` is contrastive, not negating ("Sora 2 isn't just
//!    a leap, it's a revolution": the revolution is endorsed). Commas and contrastive
//!    conjunctions end the scope.
//!    A negated verb of opinion ("I don't think", "Ich glaube nicht, dass") negates its own
//!    clause and the one after it.
//! 3. **negated-after**: a post-negator after the hit in its clause or closing the sentence
//!    ("Revolution, nein.", "Von einer Revolution kann keine Rede sein"), or a clause-final
//!    negator ("Das revolutioniert die Branche nicht.").
//! 4. **answered**: a question followed by a short answer ("Ein Gamechanger? Nein." → negated;
//!    "A game changer? Absolutely." → endorsed).
//! 5. **quoted**: inside quotation marks of either language or a block quote.
//! 6. **marked**: an attribution marker right before the hit ("sogenannter KI-Slop",
//!    "so-called game changer", "angeblich revolutionär").
//! 7. **questioned**: the sentence is a question ("Ist Sora 2 ein Gamechanger?").
//! 8. **attributed**: reported speech in the sentence ("OpenAI verspricht eine Revolution",
//!    "hailed as a breakthrough", "Altman says..."), unless spoken in the first person ("Wir
//!    sagen: ..."), or a previous sentence ending in a colon that introduces the speech.
//! 9. **hedged**: a hedge in the same segment ("könnte ein Gamechanger werden", "arguably the
//!    best"); the hit counts with the hedge's factor.
//! 10. otherwise **endorsed**.
//!
//! Boosters up to three words before a hit in its segment multiply its weight ("absolut
//! revolutionär", "truly groundbreaking"), capped at 2×; an exclamation mark adds 20 %.
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::CueAt;
use crate::lexicon::{AttrKind, NegPosition};
use crate::text::scan::Scan;

/// The author's stance toward a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The author asserts it.
    Endorsed,
    /// The author asserts it tentatively; counts reduced.
    Hedged,
    /// Quoted, attributed or marked as someone else's word.
    Quoted,
    /// Negated.
    Negated,
    /// Asked, not asserted.
    Questioned,
}

impl Stance {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Endorsed => "endorsed",
            Stance::Hedged => "hedged",
            Stance::Quoted => "quoted",
            Stance::Negated => "negated",
            Stance::Questioned => "questioned",
        }
    }

    /// Whether it counts toward the author's Hype Index.
    pub fn counts(self) -> bool {
        matches!(self, Stance::Endorsed | Stance::Hedged)
    }
}

impl std::fmt::Display for Stance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the rules need to see.
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) scan: &'a Scan,
    pub(crate) cues: &'a [CueAt],
    pub(crate) quoted_regions: &'a [Range<usize>],
    /// Interviewee answers in an interview layout (see [`super::interview`]).
    pub(crate) answer_regions: &'a [Range<usize>],
    /// Per token, its [`word_class`].
    pub(crate) classes: &'a [u8],
    /// Where the double quotation marks and line breaks are.
    pub(crate) marks: &'a QuoteMarks,
}

/// [`word_class`] bits: closed word lists the rules scan whole windows for, so a window costs
/// one byte test per word instead of a list comparison.
pub(crate) mod class {
    /// [`super::KONJUNKTIV_I`].
    pub(crate) const KONJ_I: u8 = 1;
    /// [`super::KONJUNKTIV_II`].
    pub(crate) const KONJ_II: u8 = 2;
    /// Begins with one of [`super::FRAMING`].
    pub(crate) const FRAMING: u8 = 4;
    /// [`super::FRAMING_FINAL`].
    pub(crate) const FRAMING_FINAL: u8 = 8;
    /// "als".
    pub(crate) const ALS: u8 = 16;
    /// "as", "als", "darin".
    pub(crate) const AS: u8 = 32;
    /// "so".
    pub(crate) const SO: u8 = 64;
}

/// The [`class`] bits of a word (lowercase lookup form).
pub(crate) fn word_class(lower: &str) -> u8 {
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
    if lower == "so" {
        c |= class::SO;
    }
    c
}

/// Byte offsets of the double quotation marks and of the line breaks of a text, so that
/// "is a quotation open here?" costs two binary searches instead of a scan per hit.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuoteMarks {
    quotes: Vec<usize>,
    newlines: Vec<usize>,
}

impl QuoteMarks {
    /// Indexes `text` in one pass: `"`, `“`, `”`, `„`, `«`, `»` and `\n`.
    pub(crate) fn new(text: &str) -> QuoteMarks {
        let b = text.as_bytes();
        let mut m = QuoteMarks::default();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'"' => m.quotes.push(i),
                b'\n' => m.newlines.push(i),
                0xE2 if b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0x9C..=0x9E)) =>
                {
                    m.quotes.push(i);
                    i += 2;
                }
                0xC2 if matches!(b.get(i + 1), Some(0xAB | 0xBB)) => {
                    m.quotes.push(i);
                    i += 1;
                }
                _ => {}
            }
            i += 1;
        }
        m
    }

    /// Number of marks in `lo..hi`.
    fn quotes_in(&self, lo: usize, hi: usize) -> usize {
        let a = self.quotes.partition_point(|&q| q < lo);
        let b = self.quotes.partition_point(|&q| q < hi);
        b.saturating_sub(a)
    }

    /// The last line break in `lo..hi`.
    fn last_newline_in(&self, lo: usize, hi: usize) -> Option<usize> {
        let b = self.newlines.partition_point(|&q| q < hi);
        let n = *self.newlines.get(b.checked_sub(1)?)?;
        (n >= lo).then_some(n)
    }
}

/// A stance decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decision {
    pub(crate) stance: Stance,
    pub(crate) reason: String,
    pub(crate) hedge: f32,
    /// The tokens of the cue that decided it (`first..=last`), when one word or phrase did.
    pub(crate) cue: Option<(usize, usize)>,
}

impl Decision {
    fn new(stance: Stance, reason: String) -> Self {
        Decision {
            stance,
            reason,
            hedge: 1.0,
            cue: None,
        }
    }
    /// The same decision, made by the cue over tokens `first..=last`.
    fn at(mut self, first: usize, last: usize) -> Self {
        self.cue = Some((first, last));
        self
    }
}

const CONTRASTIVE_AFTER_NEGATOR: &[&str] = &[
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
const FIRST_PERSON: &[&str] = &[
    "ich", "wir", "unser", "unsere", "unserer", "unseren", "unserem", "mein", "meine", "i", "we",
    "our", "my",
];
/// Verbs of opinion that raise a negation into the clause they introduce.
const NEG_RAISING: &[&str] = &[
    "think", "believe", "expect", "suppose", "imagine", "glaube", "glauben", "denke", "denken",
    "finde", "finden", "erwarte", "erwarten", "meine", "halte",
];
/// Single words whose stem equals that of a hedge but that hedge nothing ("likely" and "like",
/// "mostly" and "most", "possibly" and "possible", "comparatively" and "comparable").
const NOT_HEDGES: &[&str] = &[
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
const NOT_SPEECH: &[&str] = &[
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
const INTENT: &[&str] = &[
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
const INTENT_DE: &[&str] = &[
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
const FRAMING: &[&str] = &[
    "position",
    "describ",
    "envision",
    "sieht",
    "sehen",
    "positionier",
    "bezeichne",
];
/// Participles that close a German "als …" frame ("als Durchbruch präsentiert").
const FRAMING_FINAL: &[&str] = &[
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
/// How many words after an intention cue it reaches.
const INTENT_REACH: usize = 8;
/// German Konjunktiv I forms (3rd person) that mark reported speech on their own ("Das Modell
/// sei ein Meilenstein"): unambiguous in the third person; a nearby `ich`/`wir` makes them
/// indicative ("ich habe").
const KONJUNKTIV_I: &[&str] = &[
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
const KONJUNKTIV_II: &[&str] = &[
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
const SCENARIO: &[&[&str]] = &[
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
const CONCESSIVE: &[&str] = &[
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
const RELATIVE: &[&str] = &["that", "which", "who", "whose", "where"];
/// Determiner negators: their scope ends at the next article ("keines der Filme nutzte den
/// bemerkenswerten Modus").
const NEG_DETERMINERS: &[&str] = &[
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "no", "none",
];
const ARTICLES: &[&str] = &[
    "the", "a", "an", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem",
    "einer", "eines",
];
/// Subjects of a sentence-wide negation ("Keiner der Clips ist perfekt", "None of the clips is
/// flawless").
const NEG_SUBJECTS: &[&str] = &["keiner", "keines", "keine", "none", "niemand", "nobody"];
/// Sentence openers that give a crowd's view.
const CROWD_FRAMES: &[&[&str]] = &[
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
const ANSWER_FILLERS: &[&str] = &[
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
const ADOPTERS: &[&[&str]] = &[
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
const SPEECH_REACH: usize = 40;

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        let t = &self.scan.tokens[i];
        self.text.get(t.range()).unwrap_or("")
    }

    fn cue_text(&self, c: &CueAt) -> String {
        let toks = &self.scan.tokens;
        let r = toks[c.first].start as usize..toks[c.last].end as usize;
        self.text.get(r).unwrap_or("").to_owned()
    }

    /// Cues whose first token lies in `lo..=hi`.
    fn cues_in(&self, lo: usize, hi: usize) -> &[CueAt] {
        if hi < lo {
            return &[];
        }
        let a = self.cues.partition_point(|c| c.first < lo);
        let b = self.cues.partition_point(|c| c.first <= hi);
        &self.cues[a..b.max(a)]
    }

    fn in_quoted_region(&self, offset: usize) -> bool {
        let i = self.quoted_regions.partition_point(|r| r.start <= offset);
        self.quoted_regions[..i]
            .iter()
            .rev()
            .take(4)
            .any(|r| r.contains(&offset))
    }

    fn is_contrastive_negator(&self, c: &CueAt) -> bool {
        let next = c.last + 1;
        if next >= self.scan.tokens.len() {
            return false;
        }
        let w = self.word(next);
        CONTRASTIVE_AFTER_NEGATOR
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    /// Whether word `i`, lowercased, is `lower` (no allocation).
    fn word_is(&self, i: usize, lower: &str) -> bool {
        eq_lower(self.word(i), lower)
    }

    /// Whether word `i` has the [`class`] bit `bit`.
    fn has(&self, i: usize, bit: u8) -> bool {
        self.classes.get(i).is_some_and(|c| c & bit != 0)
    }

    fn word_in(&self, i: usize, list: &[&str]) -> bool {
        let w = self.word(i);
        list.iter().any(|x| eq_lower(w, x))
    }

    fn capitalized(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the words from token `i` on are `seq` (lowercase), within the sentence end `end`.
    fn seq_at(&self, i: usize, end: usize, seq: &[&str]) -> bool {
        i + seq.len() <= end && seq.iter().enumerate().all(|(k, w)| self.word_is(i + k, w))
    }

    fn in_answer(&self, offset: usize) -> bool {
        let i = self.answer_regions.partition_point(|r| r.start <= offset);
        i > 0 && self.answer_regions[i - 1].contains(&offset)
    }

    /// The quotation (byte range, marks excluded) around `offset`, if any.
    fn quotation_at(&self, offset: usize) -> Option<Range<usize>> {
        let q = &self.scan.quotes;
        let i = q.partition_point(|r| r.start <= offset);
        q[..i]
            .iter()
            .rev()
            .take(4)
            .find(|r| r.contains(&offset))
            .cloned()
    }

    /// A quotation opened before `offset` in its paragraph and never closed (a cut excerpt, or
    /// a quote running to the end of the paragraph): an odd number of double quotation marks
    /// between the paragraph start and the hit.
    fn unclosed_quote_before(&self, offset: usize) -> bool {
        let lo = offset.saturating_sub(3000);
        let para = self.marks.last_newline_in(lo, offset).map_or(lo, |p| p + 1);
        self.marks.quotes_in(para, offset) % 2 == 1
    }

    /// A reported-speech cue that applies to the hit `a..=b` in sentence `s0..s1`.
    fn speech_cue(&self, a: usize, b: usize, s0: usize, s1: usize) -> Option<Decision> {
        self.speech_reason(a, b, s0, s1).map(|(reason, cue)| {
            let d = Decision::new(Stance::Quoted, reason);
            match cue {
                Some((f, l)) => d.at(f, l),
                None => d,
            }
        })
    }

    /// [`Self::speech_cue`]'s reason and the cue's tokens.
    fn speech_reason(
        &self,
        a: usize,
        b: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(String, Option<(usize, usize)>)> {
        let toks = &self.scan.tokens;
        let lo = a.saturating_sub(SPEECH_REACH).max(s0);
        let hi = (b + SPEECH_REACH).min(s1.saturating_sub(1));
        for c in self.cues_in(lo, hi) {
            if c.attribution != Some(AttrKind::Speech) || self.first_person_before(c.first) {
                continue;
            }
            if c.first == c.last && self.word_in(c.first, NOT_SPEECH) {
                continue;
            }
            if self.speech_false_friend(c.first, s0, s1) {
                continue;
            }
            // "it boasts impressive depth": the product has it, nobody boasts.
            if starts_with_lower(self.word(c.first), "boast")
                && c.first > s0
                && self.word_in(c.first - 1, &["it", "which", "that", "also", "now"])
            {
                continue;
            }
            if self.word_in(c.first, INTENT) {
                let german = self.word_in(c.first, INTENT_DE);
                let reaches = (c.last < a
                    && a - c.last <= INTENT_REACH + if german { 2 } else { 0 }
                    && (toks[a].clause == toks[c.last].clause
                        || (toks[a].clause == toks[c.last].clause + 1
                            && toks[a].seg == toks[c.last].seg
                            && (german || toks[c.last].clause_end))))
                    // Verb-final: "…, das einen Wandel markieren soll".
                    || (german
                        && c.first > b
                        && c.first <= b + 6
                        && toks[c.first].clause == toks[b].clause);
                if !reaches {
                    continue;
                }
            }
            return Some((
                format!("attributed (`{}`)", self.cue_text(c)),
                Some((c.first, c.last)),
            ));
        }
        // A crowd as the sentence's frame: "Für viele Branchenkenner markiert dies …", "For
        // many insiders, this marks …".
        if let Some(f) = CROWD_FRAMES.iter().find(|q| self.seq_at(s0, s1, q)) {
            if s0 + f.len() <= a {
                return Some((
                    format!("attributed (`{}`)", f.join(" ")),
                    Some((s0, s0 + f.len() - 1)),
                ));
            }
        }
        // "positions the tool as …", "describes Sora as …", "sehen sie als Werkzeug".
        for k in lo..a {
            if self.has(k, class::FRAMING)
                && !self.first_person_before(k)
                && (k + 1..(k + 5).min(a)).any(|j| self.has(j, class::AS))
            {
                return Some((
                    format!("attributed (`{} … as`)", self.word(k)),
                    Some((k, k)),
                ));
            }
        }
        // Verb-final German framing: "als Meilenstein präsentiert", "als Revolution gesehen".
        for k in lo..=a.min(hi) {
            if !self.has(k, class::ALS) {
                continue;
            }
            if let Some(v) = (b + 1..(b + 4).min(s1)).find(|&j| self.has(j, class::FRAMING_FINAL)) {
                if (k..=a).all(|j| toks[j].clause == toks[a].clause) {
                    return Some((
                        format!("attributed (`als … {}`)", self.word(v)),
                        Some((v, v)),
                    ));
                }
            }
        }
        // Konjunktiv I: "Besonders bemerkenswert sei die Fähigkeit …".
        for k in lo..=hi {
            if !self.has(k, class::KONJ_I) || (k > s0 && self.capitalized(k)) {
                continue;
            }
            let near = k.saturating_sub(2).max(s0)..(k + 3).min(s1);
            if near
                .clone()
                .any(|j| self.word_in(j, &["ich", "wir", "du", "ihr", "denn"]))
                || (k + 1 < s1 && self.word_in(k, &["sei"]) && self.word_in(k + 1, &["es"]))
            {
                continue;
            }
            return Some((
                format!("reported speech (Konjunktiv I `{}`)", self.word(k)),
                Some((k, k)),
            ));
        }
        // Trailing German attribution ", so Reese," / ", so der Tenor.".
        for k in lo.max(s0 + 1)..=hi {
            if !toks[k - 1].clause_end || !self.has(k, class::SO) || k + 1 >= s1 {
                continue;
            }
            // "so Reese", "so der Tenor", "so Studio-Chef Müller": names, nouns and articles
            // up to the end of the clause.
            let end = (k + 1..(k + 5).min(s1)).find(|&j| toks[j].clause_end || j == s1 - 1);
            let first_ok =
                self.capitalized(k + 1) || self.word_in(k + 1, &["der", "die", "das", "des"]);
            if first_ok && end.is_some_and(|e| self.capitalized(e)) {
                return Some((
                    format!("attributed (`so {}`)", self.word(k + 1)),
                    Some((k, k + 1)),
                ));
            }
        }
        None
    }

    /// Speech words that do not report here: "That said", "sagen wir", "a new app called
    /// Sora", "called into question", "how stories can be told".
    fn speech_false_friend(&self, k: usize, s0: usize, s1: usize) -> bool {
        let prev = |w: &[&str]| k > s0 && self.word_in(k - 1, w);
        let next = |w: &[&str]| k + 1 < s1 && self.word_in(k + 1, w);
        match self.lower(k).as_str() {
            "said" => prev(&["that", "having"]),
            "sagen" => next(&["wir"]) || prev(&["ehrlich", "muss", "ich"]),
            "calls" | "call" => next(&["into", "to", "for", "on", "off", "up"]),
            "called" => {
                next(&["into", "to", "for", "on", "off", "up"])
                    || (k > s0
                        && k + 1 < s1
                        && self.capitalized(k + 1)
                        && !self.capitalized(k - 1)
                        && !prev(&["is", "was", "be", "it", "he", "she", "they"]))
            }
            "told" => prev(&["be", "been", "being"]),
            "willst" | "wollt" => true,
            _ => false,
        }
    }

    /// Whether a question mark ending the sentence covers the hit at `a`: it questions only its
    /// own segment ("It's a revolution: but for whom?"), unless that segment is an alternative
    /// ("Revolution – oder nur Hype?"); "Remember …?" reminds rather than asks.
    fn question_covers(&self, a: usize, s0: usize, s1: usize) -> bool {
        let toks = &self.scan.tokens;
        if s1 == 0
            || self.seq_at(s0, s1, &["remember"])
            || self.seq_at(s0, s1, &["erinnern", "sie", "sich"])
        {
            return false;
        }
        let last = s1 - 1;
        if toks[a].seg == toks[last].seg {
            return true;
        }
        // First word of the last segment.
        let mut f = last;
        while f > a && toks[f - 1].seg == toks[last].seg {
            f -= 1;
        }
        self.word_in(f, &["oder", "or"])
    }

    /// Whether the sentence after an imagined scenario says it is real now ("Genau das
    /// passiert jetzt.", "That's the reality today.").
    fn scenario_confirmed(&self, sent_idx: usize) -> bool {
        let Some(n) = self.scan.sentences.get(sent_idx + 1) else {
            return false;
        };
        let (n0, n1) = (n.tok_start as usize, n.tok_end as usize);
        let hi = n1.min(n0 + 6);
        self.seq_at(n0, n1, &["genau", "das"])
            || self.seq_at(n0, n1, &["genau", "dies"])
            || (n0..hi).any(|k| {
                self.word_in(
                    k,
                    &["exactly", "reality", "realität", "wirklichkeit", "längst"],
                )
            })
    }

    /// An adopting sentence right after the hit: "… calls it a revolution. That's not an
    /// exaggeration."
    fn adopted_after(&self, b: usize, sent_idx: usize) -> Option<String> {
        let s = self.scan.sentences[sent_idx];
        let mut ranges = vec![(b + 1, s.tok_end as usize)];
        if let Some(n) = self.scan.sentences.get(sent_idx + 1) {
            if n.tok_end - n.tok_start <= 10 {
                ranges.push((n.tok_start as usize, n.tok_end as usize));
            }
        }
        for (lo, hi) in ranges {
            for i in lo..hi.min(lo + 16) {
                if let Some(seq) = ADOPTERS.iter().find(|q| self.seq_at(i, hi, q)) {
                    return Some(seq.join(" "));
                }
            }
        }
        None
    }

    fn first_person_before(&self, i: usize) -> bool {
        let toks = &self.scan.tokens;
        let lo = i.saturating_sub(2);
        (lo..i).any(|k| {
            toks[k].sent == toks[i].sent
                && FIRST_PERSON
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(self.word(k)))
        })
    }
}

/// Whether `word` lowercased equals `lower` (already lowercase), without allocating.
fn eq_lower(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// Whether `word` lowercased begins with `prefix` (already lowercase), without allocating.
fn starts_with_lower(word: &str, prefix: &str) -> bool {
    let mut w = word.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| w.next() == Some(p))
}

/// Decides the stance of the hit over tokens `a..=b`.
pub(crate) fn decide(
    ctx: &Context<'_>,
    a: usize,
    b: usize,
    gap_negator: Option<usize>,
) -> Decision {
    let toks = &ctx.scan.tokens;
    let sent_idx = toks[a].sent as usize;
    let sent = ctx.scan.sentences[sent_idx];
    let (s0, s1) = (sent.tok_start as usize, sent.tok_end as usize);
    let mut d = decide_voice(ctx, a, b, gap_negator, sent_idx, s0, s1);
    // Voice first: a negation inside someone else's words is their rejection, reported
    // ("'This isn't magic,' wrote one user", "Sie betont, die KI sei kein Ersatz").
    if d.stance == Stance::Negated && gap_negator.is_none() {
        let real_quote = toks[a].quoted
            && ctx
                .quotation_at(toks[a].start as usize)
                .is_some_and(|q| q.len() > (toks[b].end - toks[a].start) as usize + 2);
        let other = real_quote
            || ctx.in_quoted_region(toks[a].start as usize)
            || ctx.in_answer(toks[a].start as usize)
            || (!toks[a].quoted && ctx.unclosed_quote_before(toks[a].start as usize));
        let speech = if other {
            None
        } else {
            ctx.speech_cue(a, b, s0, s1)
        };
        if other || speech.is_some() {
            let cue = d.cue;
            d = Decision::new(
                Stance::Quoted,
                format!(
                    "{} inside reported speech{}",
                    d.reason,
                    speech
                        .map(|s| format!(", {}", s.reason))
                        .unwrap_or_default()
                ),
            );
            d.cue = cue;
        }
    }
    // The author adopts a quoted or hedged claim: "… calls it a revolution. That's not an
    // exaggeration."
    if matches!(d.stance, Stance::Quoted | Stance::Hedged) {
        if let Some(m) = ctx.adopted_after(b, sent_idx) {
            return Decision::new(Stance::Endorsed, format!("adopted by the author (`{m}`)"));
        }
    }
    d
}

fn decide_voice(
    ctx: &Context<'_>,
    a: usize,
    b: usize,
    gap_negator: Option<usize>,
    sent_idx: usize,
    s0: usize,
    s1: usize,
) -> Decision {
    let toks = &ctx.scan.tokens;
    let question = ctx.scan.sentences[sent_idx].terminal == '?' && ctx.question_covers(a, s0, s1);

    // 1. A negator inside a discontinuous phrase.
    if let Some(g) = gap_negator {
        return Decision::new(
            Stance::Negated,
            format!("negated by `{}` inside the phrase", ctx.word(g)),
        )
        .at(g, g);
    }
    // 2. A negator before the hit, same clause, up to five words away. A determiner negator
    // ("kein", "no") reaches only its own noun phrase: an article in between ends it.
    if a > s0 {
        let lo = a.saturating_sub(5).max(s0);
        for c in ctx.cues_in(lo, a - 1).iter().rev() {
            if c.negator == Some(NegPosition::Before)
                && c.last < a
                && toks[c.last].clause == toks[a].clause
                && !ctx.is_contrastive_negator(c)
                && !(c.first == c.last
                    && ctx.word_in(c.first, NEG_DETERMINERS)
                    && (c.last + 1..a).any(|k| ctx.word_in(k, ARTICLES)))
            {
                return Decision::new(Stance::Negated, format!("negated by `{}`", ctx.cue_text(c)))
                    .at(c.first, c.last);
            }
        }
    }
    // 2b. Negation raised from a verb of opinion: "I don't think it is a game changer",
    // "Ich glaube nicht, dass Sora 2 ein Gamechanger ist".
    if a > s0 {
        let clause = toks[a].clause;
        for c in ctx
            .cues_in(a.saturating_sub(SPEECH_REACH).max(s0), a - 1)
            .iter()
            .rev()
        {
            if c.negator != Some(NegPosition::Before) || toks[c.last].clause + 1 < clause {
                continue;
            }
            let lo = c.first.saturating_sub(2).max(s0);
            let hi = (c.last + 2).min(a - 1);
            if let Some(v) = (lo..=hi).find(|&k| {
                NEG_RAISING
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(ctx.word(k)))
            }) {
                return Decision::new(
                    Stance::Negated,
                    format!("negated by `{}` … `{}`", ctx.cue_text(c), ctx.word(v)),
                )
                .at(c.first, c.last);
            }
        }
    }
    // 2c. A negated subject: "Keiner der Clips, die OpenAI zeigt, ist perfekt", "None of the
    // clips is flawless".
    if a > s0 + 1
        && !question
        && ctx.word_in(s0, NEG_SUBJECTS)
        && ctx.word_in(s0 + 1, &["der", "des", "von", "of"])
        && toks[a].seg == toks[s0].seg
        && !(a.saturating_sub(2).max(s0)..a).any(|k| ctx.word_in(k, ARTICLES))
    {
        return Decision::new(
            Stance::Negated,
            format!(
                "negated by the subject `{} {}`",
                ctx.word(s0),
                ctx.word(s0 + 1)
            ),
        );
    }
    // 3. A negator after the hit.
    if b + 1 < s1 {
        let hi = (b + 8).min(s1 - 1);
        for c in ctx.cues_in(b + 1, hi) {
            let same_clause = toks[c.first].clause == toks[b].clause;
            let closes_sentence = c.last == s1 - 1;
            match c.negator {
                Some(NegPosition::After)
                    if (same_clause && c.first <= b + 6)
                        || (closes_sentence && c.first <= b + 3) =>
                {
                    return Decision::new(
                        Stance::Negated,
                        format!("negated by `{}` after it", ctx.cue_text(c)),
                    )
                    .at(c.first, c.last);
                }
                Some(NegPosition::Before)
                    if !question
                        && ((same_clause && (toks[c.last].clause_end || closes_sentence))
                            || (closes_sentence && c.first <= b + 3))
                        && !ctx.is_contrastive_negator(c) =>
                {
                    return Decision::new(
                        Stance::Negated,
                        format!("negated by clause-final `{}`", ctx.cue_text(c)),
                    )
                    .at(c.first, c.last);
                }
                _ => {}
            }
        }
    }
    // 4. A question answered in the next sentence ("Ein Gamechanger? Leider nein.").
    if question {
        if let Some(next) = ctx.scan.sentences.get(sent_idx + 1) {
            let (n0, n1) = (next.tok_start as usize, next.tok_end as usize);
            if n1 - n0 <= 5 {
                let first = if n1 - n0 > 1 && ctx.word_in(n0, ANSWER_FILLERS) {
                    n0 + 1
                } else {
                    n0
                };
                let cue = ctx
                    .cues_in(n0, first)
                    .iter()
                    .rev()
                    .find(|c| c.first == first || (c.first == n0 && c.answer.is_some()));
                if let Some(c) = cue {
                    let answer = c.answer.or(c.negator.map(|_| false));
                    match answer {
                        Some(false) => {
                            return Decision::new(
                                Stance::Negated,
                                format!("question answered `{}`", ctx.cue_text(c)),
                            )
                            .at(c.first, c.last);
                        }
                        Some(true) if !toks[a].quoted => {
                            return Decision::new(
                                Stance::Endorsed,
                                format!("question answered `{}`", ctx.cue_text(c)),
                            )
                            .at(c.first, c.last);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // 5. Quotation marks, block quotes, interview answers, a quotation still open.
    if toks[a].quoted {
        return Decision::new(Stance::Quoted, "inside quotation marks".to_owned());
    }
    if ctx.in_quoted_region(toks[a].start as usize) {
        return Decision::new(Stance::Quoted, "inside a block quote".to_owned());
    }
    if ctx.in_answer(toks[a].start as usize) {
        return Decision::new(Stance::Quoted, "in an interviewee's answer".to_owned());
    }
    if ctx.unclosed_quote_before(toks[a].start as usize) {
        return Decision::new(Stance::Quoted, "after an opening quotation mark".to_owned());
    }
    // 6. An attribution marker right before the hit.
    if a > s0 {
        let lo = a.saturating_sub(3).max(s0);
        if let Some(c) = ctx
            .cues_in(lo, a - 1)
            .iter()
            .rev()
            .find(|c| c.attribution == Some(AttrKind::Marker) && c.last < a)
        {
            return Decision::new(
                Stance::Quoted,
                format!("marked as someone else's word by `{}`", ctx.cue_text(c)),
            )
            .at(c.first, c.last);
        }
    }
    // 7. A question; but reported speech right before the hit inside it is still reported
    // ("What is Sora 2, the model some say could end Hollywood?").
    if question {
        let lo = a.saturating_sub(4).max(s0);
        if let Some(c) = ctx.cues_in(lo, a.saturating_sub(1)).iter().find(|c| {
            c.attribution == Some(AttrKind::Speech)
                && c.last < a
                && toks[c.last].clause == toks[a].clause
                && !ctx.first_person_before(c.first)
        }) {
            return Decision::new(
                Stance::Quoted,
                format!("attributed (`{}`) inside a question", ctx.cue_text(c)),
            )
            .at(c.first, c.last);
        }
        return Decision::new(Stance::Questioned, "in a question".to_owned());
    }
    // 8. Reported speech in the sentence, or introduced by the previous one with a colon.
    if let Some(d) = ctx.speech_cue(a, b, s0, s1) {
        return d;
    }
    if sent_idx > 0 {
        let prev = ctx.scan.sentences[sent_idx - 1];
        let prev_text = ctx
            .text
            .get(prev.start as usize..prev.end as usize)
            .unwrap_or("");
        if prev_text.trim_end().ends_with(':') {
            let (p0, p1) = (prev.tok_start as usize, prev.tok_end as usize);
            if let Some(c) = ctx.cues_in(p0, p1.saturating_sub(1)).iter().find(|c| {
                c.attribution == Some(AttrKind::Speech)
                    && !ctx.first_person_before(c.first)
                    && !ctx.word_in(c.first, INTENT)
            }) {
                return Decision::new(
                    Stance::Quoted,
                    format!("attributed (`{}`, before the colon)", ctx.cue_text(c)),
                )
                .at(c.first, c.last);
            }
        }
    }
    // 9. A hedge in the same segment.
    let hi = (b + 6).min(s1.saturating_sub(1));
    let mut hedge: Option<Hedge> = None;
    for c in ctx.cues_in(a.saturating_sub(SPEECH_REACH).max(s0), hi) {
        let Some(f) = c.hedge else { continue };
        if c.first == c.last && ctx.word_in(c.first, NOT_HEDGES) {
            continue;
        }
        // "May 2025": the month.
        if ctx.word_in(c.first, &["may"])
            && c.first + 1 < s1
            && ctx
                .word(c.first + 1)
                .starts_with(|ch: char| ch.is_ascii_digit())
        {
            continue;
        }
        // "selbst wenn", "auch wenn", "even if": concessive, not conditional.
        if c.first > s0
            && ctx.word_in(c.first, &["wenn", "if"])
            && ctx.word_in(c.first - 1, &["selbst", "auch", "even"])
        {
            continue;
        }
        let before = c.last < a && toks[c.first].seg == toks[a].seg;
        // Strong epistemic hedges ("wird sich zeigen", "remains to be seen") reach back over
        // the whole segment.
        let after = c.first > b
            && (toks[c.first].clause == toks[b].clause
                || (f <= 0.4 && toks[c.first].seg == toks[b].seg));
        // A hedge in a concessive clause before the hit's clause stays there.
        if before && toks[c.first].clause != toks[a].clause {
            let mut f0 = c.first;
            while f0 > s0 && toks[f0 - 1].clause == toks[c.first].clause {
                f0 -= 1;
            }
            if ctx.word_in(f0, CONCESSIVE) {
                continue;
            }
        }
        // A hedge inside a relative clause after the hit.
        if after && (b + 1..c.first).any(|k| ctx.word_in(k, RELATIVE)) {
            continue;
        }
        if (before || after) && hedge.as_ref().is_none_or(|(g, _, _)| f < *g) {
            hedge = Some((
                f,
                format!("hedged by `{}`", ctx.cue_text(c)),
                Some((c.first, c.last)),
            ));
        }
    }
    // 9b. Konjunktiv II in the hit's segment, and imagined scenarios ("Stellen Sie sich vor,
    // …", "Imagine …", "Sollte das stimmen, …").
    if hedge.is_none() {
        let lo = a.saturating_sub(SPEECH_REACH).max(s0);
        if let Some(k) = (lo..=hi)
            .find(|&k| toks[k].seg == toks[a].seg && !toks[k].quoted && ctx.has(k, class::KONJ_II))
        {
            hedge = Some((
                0.6,
                format!("hedged by Konjunktiv II `{}`", ctx.word(k)),
                Some((k, k)),
            ));
        } else if let Some(seq) = SCENARIO.iter().find(|q| ctx.seq_at(s0, s1, q)) {
            if s0 + seq.len() <= a && !ctx.scenario_confirmed(sent_idx) {
                hedge = Some((
                    0.6,
                    format!("in an imagined scenario (`{}`)", seq.join(" ")),
                    Some((s0, s0 + seq.len() - 1)),
                ));
            }
        }
    }
    if let Some((f, reason, cue)) = hedge {
        return Decision {
            stance: Stance::Hedged,
            reason,
            hedge: f,
            cue,
        };
    }
    Decision::new(Stance::Endorsed, "asserted by the author".to_owned())
}

/// A hedge found for a hit: factor, reason and the cue's tokens.
type Hedge = (f32, String, Option<(usize, usize)>);

/// Booster factor for a hit starting at token `a`.
pub(crate) fn boost(ctx: &Context<'_>, a: usize) -> f32 {
    let toks = &ctx.scan.tokens;
    let mut f = 1.0f32;
    if a > 0 {
        let s0 = ctx.scan.sentences[toks[a].sent as usize].tok_start as usize;
        let lo = a.saturating_sub(3).max(s0);
        for c in ctx.cues_in(lo, a - 1) {
            if let Some(b) = c.booster {
                if c.last < a && toks[c.last].seg == toks[a].seg {
                    f *= b;
                }
            }
        }
    }
    if ctx.scan.sentences[toks[a].sent as usize].terminal == '!' {
        f *= 1.2;
    }
    f.min(2.0)
}

/// Documentation of each stance, for `hypecheck explain` and the report's method section.
pub const RULES: &[(&str, &str)] = &[
    (
        "endorsed",
        "The author asserts the hype in their own voice; it counts fully toward the Hype Index.\n\
         Example (de): Sora 2 ist ein echter Gamechanger.\n\
         Example (en): Sora 2 isn't just a leap, it's a revolution.",
    ),
    (
        "hedged",
        "A hedge in the same segment makes the hype tentative; it counts with the hedge's factor (e.g. 50 %).\n\
         Example (de): Sora 2 könnte ein Gamechanger werden.\n\
         Example (en): Veo 3.1 is arguably the best video model.",
    ),
    (
        "quoted",
        "Inside quotation marks or a block quote, marked as someone else's word (so-called), or in reported speech (says, according to, gilt als); not counted, reported as hype discourse.\n\
         Example (de): Kaum erscheint ein Update, überschlagen sich die Superlative: „Gamechanger!“\n\
         Example (en): OpenAI touted the model as a breakthrough for filmmakers.",
    ),
    (
        "negated",
        "A negator before it in the same clause, a post-negator after it, a clause-final negation, or a \"no\" answer; not counted, reported as hype discourse. \"not just X\" is not a negation.\n\
         Example (de): Fazit: Fortschritt, ja. Revolution, nein.\n\
         Example (en): Sora 2 is not a revolution.",
    ),
    (
        "questioned",
        "The sentence is a question (and not answered with yes right after); not counted, reported as hype discourse.\n\
         Example (de): Ist Sora 2 wirklich ein Gamechanger?\n\
         Example (en): Is Veo 3.1 the end of Hollywood?",
    ),
];
