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
//!    clause and the one after it; a negator before "dass"/"that" ("nicht darin, dass …",
//!    "not that …") negates the dass-clause; in a German verb-final clause a "nicht" before
//!    the clause-final verb negates it at any distance ("…, die nicht die Kreativität und das
//!    Gespür ersetzen kann").
//! 3. **negated-after**: a post-negator after the hit in its clause or closing the sentence
//!    ("Revolution, nein.", "Von einer Revolution kann keine Rede sein"), or a clause-final
//!    negator ("Das revolutioniert die Branche nicht."), or a German negator right after the
//!    verb ("Es ersetzt nicht die echte Aufnahme").
//! 4. **answered**: a question followed by a short answer ("Ein Gamechanger? Nein." → negated;
//!    "A game changer? Absolutely." → endorsed).
//! 5. **quoted**: inside quotation marks of either language or a block quote.
//! 6. **marked**: an attribution marker right before the hit ("sogenannter KI-Slop",
//!    "so-called game changer", "angeblich revolutionär").
//! 7. **questioned**: the sentence is a question ("Ist Sora 2 ein Gamechanger?").
//! 8. **attributed**: reported speech in the sentence ("OpenAI verspricht eine Revolution",
//!    "hailed as a breakthrough", "Altman says..."), unless spoken in the first person ("Wir
//!    sagen: ..."), or a previous sentence ending in a colon that introduces the speech. A
//!    passive frame ("gilt als", "hailed as") attributes its complement, not its subject; a
//!    naming verb's object ("nennt dieses bahnbrechende Modell Veo") is the author's.
//! 9. **hedged**: a hedge in the same segment ("könnte ein Gamechanger werden", "arguably the
//!    best"); the hit counts with the hedge's factor. Not a hedge: "als ob" / "as if", a hedge
//!    or Konjunktiv II in a comparison clause of its own, a Konjunktiv II inside the hit, a
//!    conditional addressed to the reader ("If you've seen these clips, …"), a counterfactual
//!    past ("Videos, die früher sechsstellige Summen gekostet hätten").
//! 10. otherwise **endorsed**.
//!
//! Boosters up to three words before a hit in its segment multiply its weight ("absolut
//! revolutionär", "truly groundbreaking"), capped at 2×; an exclamation mark adds 20 %.
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::CueAt;
use crate::text::tokens::Tokens;

mod context;
mod voice;
mod words;

pub(crate) use context::QuoteMarks;
pub(crate) use voice::boost;
use voice::decide_voice;
pub(crate) use words::{class, word_class};

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
    pub(crate) tokenized: &'a Tokens,
    pub(crate) cues: &'a [CueAt],
    pub(crate) quoted_regions: &'a [Range<usize>],
    /// Interviewee answers in an interview layout (see [`super::interview`]).
    pub(crate) answer_regions: &'a [Range<usize>],
    /// Per token, its [`word_class`].
    pub(crate) classes: &'a [u32],
    /// Per sentence, the union of its tokens' classes.
    pub(crate) sentence_classes: &'a [u32],
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

/// Decides the stance of the hit over tokens `a..=b`.
pub(crate) fn decide(
    ctx: &Context<'_>,
    a: usize,
    b: usize,
    gap_negator: Option<usize>,
) -> Decision {
    let toks = &ctx.tokenized.tokens;
    let sent_idx = toks[a].sent as usize;
    let sent = ctx.tokenized.sentences[sent_idx];
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
