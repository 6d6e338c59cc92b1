//! Whose voice a hit is in: the ordered stance rules (negation, answer, quotation, marker,
//! question, attribution, hedge) and the booster factor.

use super::words::*;
use super::{class, Context, Decision, Stance};
use crate::lexicon::{AttrKind, NegPosition};

pub(super) fn decide_voice(
    ctx: &Context<'_>,
    a: usize,
    b: usize,
    gap_negator: Option<usize>,
    sent_idx: usize,
    s0: usize,
    s1: usize,
) -> Decision {
    let toks = &ctx.tokenized.tokens;
    // A rhetorical question asserts its answer ("Warum sollte man noch einen Kameramann
    // bezahlen?", "Who needs a film crew anymore?"): not a question for the stance.
    let question = ctx.tokenized.sentences[sent_idx].terminal == '?'
        && ctx.question_covers(a, s0, s1)
        && !ctx.rhetorical_question(s0, s1);

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
                ctx.listed(k)
                    && NEG_RAISING
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
    // 2d. A negated dass-clause, directly or through a pronominal adverb: "Die Kraft liegt
    // nicht darin, dass sie kreative Arbeit ersetzen", "The point is not that they will one day
    // replace camera crews".
    if a > s0 {
        for c in ctx
            .cues_in(a.saturating_sub(SPEECH_REACH).max(s0), a - 1)
            .iter()
            .rev()
        {
            if c.negator != Some(NegPosition::Before) || c.last + 2 > a {
                continue;
            }
            let k = if ctx.word_in(c.last + 1, PRONOMINAL_ADVERBS) {
                c.last + 2
            } else {
                c.last + 1
            };
            if k < a && ctx.word_in(k, &["dass", "that"]) && toks[k].clause == toks[a].clause {
                return Decision::new(
                    Stance::Negated,
                    format!("negated by `{}` … `{}`", ctx.cue_text(c), ctx.word(k)),
                )
                .at(c.first, c.last);
            }
        }
    }
    // 2e. German verb-final clauses: a "nicht" anywhere before the clause-final verb negates
    // it ("…, die jedoch nicht die menschliche Kreativität und den Sinn für Emotionen ersetzen
    // sollte"). Not "nicht mehr" (the hyped change itself: "…, dass man nicht mehr …") and not
    // "nicht X, sondern Y".
    if !question && a > s0 && !ctx.capitalized(b) && ctx.verb_final_end(b, s1) {
        let lo = a.saturating_sub(SPEECH_REACH).max(s0);
        for c in ctx.cues_in(lo, a - 1).iter().rev() {
            if c.negator == Some(NegPosition::Before)
                && c.first == c.last
                && ctx.word_in(c.first, POST_VERBAL)
                && toks[c.first].clause == toks[a].clause
                && !ctx.is_contrastive_negator(c)
                && !ctx.word_in(c.last + 1, &["mehr", "als", "außer"])
                && !(c.last + 1..s1.min(b + SPEECH_REACH))
                    .take_while(|&j| toks[j].clause == toks[a].clause)
                    .any(|j| ctx.word_in(j, &["sondern"]))
            {
                return Decision::new(
                    Stance::Negated,
                    format!(
                        "negated by `{}` before the clause-final verb",
                        ctx.cue_text(c)
                    ),
                )
                .at(c.first, c.last);
            }
        }
    }
    // 2c. A negated subject: "Keiner der Clips, die OpenAI zeigt, ist perfekt", "None of the
    // clips is flawless".
    if a > s0 + 1
        && !question
        && ctx.in_class(s0, class::NEG_SUBJECT, NEG_SUBJECTS)
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
    // 3b. German verb-second: a negator right after a verb (lowercase: nouns are capitalized),
    // or after a pronoun object: "Es ersetzt nicht die echte Aufnahme", "ersetzt sie nicht".
    // Not "nicht nur", "nicht mehr als", and not "nicht X, sondern Y" (the verb stands, with
    // another object). English puts its negator before the verb (rule 2).
    if !question && b + 1 < s1 && !ctx.capitalized(b) {
        let k = if b + 2 < s1 && ctx.in_class(b + 1, class::OBJECT_PRONOUN, OBJECT_PRONOUNS) {
            b + 2
        } else {
            b + 1
        };
        if toks[k].clause == toks[b].clause
            && ctx.word_in(k, POST_VERBAL)
            && !(k + 1 < s1
                && (ctx.word_in(k + 1, CONTRASTIVE_AFTER_NEGATOR)
                    || ctx.word_in(k + 1, &["als", "außer"])
                    || (k + 2 < s1
                        && ctx.word_in(k + 1, &["mehr"])
                        && ctx.word_in(k + 2, &["als"]))))
            && !(k + 1..s1).any(|j| ctx.word_in(j, &["sondern", "rather"]))
        {
            return Decision::new(
                Stance::Negated,
                format!("negated by `{}` after the verb", ctx.word(k)),
            )
            .at(k, k);
        }
    }
    // 4. A question answered in the next sentence ("Ein Gamechanger? Leider nein.").
    if question {
        if let Some(next) = ctx.tokenized.sentences.get(sent_idx + 1) {
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
        let prev = ctx.tokenized.sentences[sent_idx - 1];
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
        // `NOT_HEDGES` by its class bit: the list is long, and hedge cues are many.
        if c.first == c.last && ctx.in_class(c.first, class::NOT_HEDGE, NOT_HEDGES) {
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
        // "als ob", "als wenn", "as if": a comparison, not a condition.
        if c.first > s0
            && ctx.word_in(c.first, &["wenn", "ob", "if"])
            && ctx.word_in(c.first - 1, &["als", "as"])
        {
            continue;
        }
        // A conditional addressed to the reader ("If you've seen these clips, …", "Wenn ihr
        // euch die Videos anseht, …") is a relevance conditional: the main clause holds either
        // way.
        if ctx.reader_conditional(c.first, s1) {
            continue;
        }
        // A hedge in a comparison clause of its own ("As a real camera would, …").
        if toks[c.first].clause != toks[a].clause && ctx.in_comparison_clause(c.first, s0) {
            continue;
        }
        // A counterfactual past ("clips that would have cost six figures a few years ago").
        if ctx.counterfactual_past(c.first, s0, s1) {
            continue;
        }
        let before = c.last < a && toks[c.first].seg == toks[a].seg;
        // Strong epistemic hedges ("wird sich zeigen", "remains to be seen") reach back over
        // the whole segment.
        let after = c.first > b
            && (toks[c.first].clause == toks[b].clause
                || (f <= 0.4 && toks[c.first].seg == toks[b].seg));
        // A hedge in a concessive clause before the hit's clause stays there.
        if before
            && toks[c.first].clause != toks[a].clause
            && ctx.word_in(ctx.clause_start(c.first, s0), CONCESSIVE)
        {
            continue;
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
        // Not a Konjunktiv II inside the hype expression itself ("was früher Wochen gedauert
        // hätte"), nor in a comparison clause of its own ("…, als hätte ein Filmteam es
        // gedreht", "…, wie es im echten Leben passieren würde"), nor a counterfactual past
        // ("Videos, die früher sechsstellige Summen gekostet hätten").
        // Only when the sentence has a Konjunktiv II at all.
        let end = if ctx.sentence_has(a, class::KONJ_II) {
            hi + 1
        } else {
            lo
        };
        if let Some(k) = (lo..end).find(|&k| {
            toks[k].seg == toks[a].seg
                && !toks[k].quoted
                && ctx.has(k, class::KONJ_II)
                && !(a..=b).contains(&k)
                && (toks[k].clause == toks[a].clause || !ctx.in_comparison_clause(k, s0))
                && !ctx.counterfactual_past(k, s0, s1)
        }) {
            hedge = Some((
                0.6,
                format!("hedged by Konjunktiv II `{}`", ctx.word(k)),
                Some((k, k)),
            ));
        } else if let Some(seq) = ctx.seq_among(s0, s1, SCENARIO) {
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
pub(super) type Hedge = (f32, String, Option<(usize, usize)>);

/// Booster factor for a hit starting at token `a`.
pub(crate) fn boost(ctx: &Context<'_>, a: usize) -> f32 {
    let toks = &ctx.tokenized.tokens;
    let mut f = 1.0f32;
    if a > 0 {
        let s0 = ctx.tokenized.sentences[toks[a].sent as usize].tok_start as usize;
        let lo = a.saturating_sub(3).max(s0);
        for c in ctx.cues_in(lo, a - 1) {
            if let Some(b) = c.booster {
                if c.last < a && toks[c.last].seg == toks[a].seg {
                    f *= b;
                }
            }
        }
    }
    if ctx.tokenized.sentences[toks[a].sent as usize].terminal == '!' {
        f *= 1.2;
    }
    f.min(2.0)
}
