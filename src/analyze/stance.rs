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
}

/// A stance decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decision {
    pub(crate) stance: Stance,
    pub(crate) reason: String,
    pub(crate) hedge: f32,
}

impl Decision {
    fn new(stance: Stance, reason: String) -> Self {
        Decision {
            stance,
            reason,
            hedge: 1.0,
        }
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
    let question = sent.terminal == '?';

    // 1. A negator inside a discontinuous phrase.
    if let Some(g) = gap_negator {
        return Decision::new(
            Stance::Negated,
            format!("negated by `{}` inside the phrase", ctx.word(g)),
        );
    }
    // 2. A negator before the hit, same clause, up to five words away.
    if a > s0 {
        let lo = a.saturating_sub(5).max(s0);
        for c in ctx.cues_in(lo, a - 1).iter().rev() {
            if c.negator == Some(NegPosition::Before)
                && c.last < a
                && toks[c.last].clause == toks[a].clause
                && !ctx.is_contrastive_negator(c)
            {
                return Decision::new(Stance::Negated, format!("negated by `{}`", ctx.cue_text(c)));
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
                );
            }
        }
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
                    );
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
                    );
                }
                _ => {}
            }
        }
    }
    // 4. A question answered in the next sentence.
    if question {
        if let Some(next) = ctx.scan.sentences.get(sent_idx + 1) {
            let (n0, n1) = (next.tok_start as usize, next.tok_end as usize);
            if n1 - n0 <= 5 {
                if let Some(c) = ctx.cues_in(n0, n0).first() {
                    let answer = c.answer.or(c.negator.map(|_| false));
                    match answer {
                        Some(false) => {
                            return Decision::new(
                                Stance::Negated,
                                format!("question answered `{}`", ctx.cue_text(c)),
                            );
                        }
                        Some(true) if !toks[a].quoted => {
                            return Decision::new(
                                Stance::Endorsed,
                                format!("question answered `{}`", ctx.cue_text(c)),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // 5. Quotation marks, block quotes.
    if toks[a].quoted {
        return Decision::new(Stance::Quoted, "inside quotation marks".to_owned());
    }
    if ctx.in_quoted_region(toks[a].start as usize) {
        return Decision::new(Stance::Quoted, "inside a block quote".to_owned());
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
            );
        }
    }
    // 7. A question.
    if question {
        return Decision::new(Stance::Questioned, "in a question".to_owned());
    }
    // 8. Reported speech in the sentence, or introduced by the previous one with a colon.
    let lo = a.saturating_sub(SPEECH_REACH).max(s0);
    let hi = (b + SPEECH_REACH).min(s1.saturating_sub(1));
    if let Some(c) = ctx
        .cues_in(lo, hi)
        .iter()
        .find(|c| c.attribution == Some(AttrKind::Speech) && !ctx.first_person_before(c.first))
    {
        return Decision::new(
            Stance::Quoted,
            format!("attributed (`{}`)", ctx.cue_text(c)),
        );
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
                c.attribution == Some(AttrKind::Speech) && !ctx.first_person_before(c.first)
            }) {
                return Decision::new(
                    Stance::Quoted,
                    format!("attributed (`{}`, before the colon)", ctx.cue_text(c)),
                );
            }
        }
    }
    // 9. A hedge in the same segment.
    let hi = (b + 6).min(s1.saturating_sub(1));
    let mut hedge: Option<(f32, &CueAt)> = None;
    for c in ctx.cues_in(a.saturating_sub(SPEECH_REACH).max(s0), hi) {
        let Some(f) = c.hedge else { continue };
        let before = c.last < a && toks[c.first].seg == toks[a].seg;
        let after = c.first > b && toks[c.first].clause == toks[b].clause;
        if (before || after) && hedge.is_none_or(|(g, _)| f < g) {
            hedge = Some((f, c));
        }
    }
    if let Some((f, c)) = hedge {
        return Decision {
            stance: Stance::Hedged,
            reason: format!("hedged by `{}`", ctx.cue_text(c)),
            hedge: f,
        };
    }
    Decision::new(Stance::Endorsed, "asserted by the author".to_owned())
}

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
