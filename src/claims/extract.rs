//! Claim extraction: which sentences about a model make a claim, and what claim.
//!
//! Takes the analyzed text, the document's model mentions and the cue words of
//! `data/claim-cues.tsv`; hands on [`Claim`]s in text order. Works only on sentences with a
//! mention: each is cut into lower-cased words, the cues are matched (one hash look-up per
//! word), and a small grammar picks the subject (the model before the cue, not after a rival
//! marker such as "als" or "than"), the rivals (other models named, "all others", the
//! predecessor, or the models of the sentences just before), and the dimension (the cue's own,
//! else the nearest dimension word, else overall). The stance is the analyzer's, applied to
//! the cue, so "Sora 2 ist nicht das beste Modell" is a negated claim, not the author's.
//!
//! The work is split: `cues` reads the cue file, `words` cuts sentences into words and matches
//! cues, `grammar` turns one sentence's cue matches into claims; this file walks the document
//! (sentences with a mention, anaphora, quantities).
use std::ops::Range;

use crate::analyze::Analysis;
use crate::models::{Mention, Registry};
use crate::text::Lang;

use super::cue_match::{drop_nested, match_both, rule_superlatives, CueHit};
use super::cues::{CueKind, Cues};
use super::grammar::Sentence;
use super::marks;
use super::words::{first_word, words_at, Word};
use super::{Claim, Quantity};

/// Longest sentence read for claims (bytes).
pub const MAX_SENTENCE_BYTES: usize = 4000;

/// Clip lengths ("bis zu 25 Sekunden", "up to 20 seconds") and resolutions ("in 4K", "1080p").
fn quantities(ws: &[Word], hits: &[CueHit]) -> Vec<(usize, usize, Quantity)> {
    let mut out = Vec::new();
    let duration_context = hits.iter().any(|h| h.kind == CueKind::DurationContext);
    for i in 0..ws.len() {
        let w = ws[i].norm;
        if let Some(lines) = resolution_word(w) {
            out.push((i, i, Quantity::Lines(lines)));
            continue;
        }
        if !duration_context {
            continue;
        }
        let Ok(n) = w.parse::<f64>() else { continue };
        let Some(unit) = ws.get(i + 1) else { continue };
        let Some(factor) = seconds_per(unit.norm) else {
            continue;
        };
        if n > 0.0 && n.is_finite() {
            out.push((i, i + 1, Quantity::Seconds(n * factor)));
        }
    }
    out
}

/// Seconds per unit, for the units of time a clip length is given in.
pub(super) fn seconds_per(unit: &str) -> Option<f64> {
    match unit {
        "s" | "sek" | "sekunde" | "sekunden" | "sec" | "secs" | "second" | "seconds" => Some(1.0),
        "min" | "minute" | "minuten" | "minutes" => Some(60.0),
        _ => None,
    }
}

pub(super) fn resolution_word(w: &str) -> Option<u32> {
    match w {
        "4k" | "uhd" | "2160p" => Some(2160),
        "8k" => Some(4320),
        "1440p" => Some(1440),
        "1080p" => Some(1080),
        "720p" => Some(720),
        "480p" => Some(480),
        _ => None,
    }
}

/// Finds the claims of a document. `mentions` are all model mentions of `text`, in text order.
/// `marked`: per sentence, the union of its tokens' classes with the claim marks of
/// [`super::marks`] when the analysis has them; sentences they rule out are not read.
pub fn extract(
    cues: &Cues,
    registry: &Registry,
    text: &str,
    analysis: &Analysis,
    mentions: &[Mention],
    marked: Option<&[u32]>,
) -> Vec<Claim> {
    // Cues of both languages are matched: drafts mix them, and the language detector can
    // miss on a one-sentence text. The suffix rules only fire after an article of their own
    // language, so they stay apart.
    let lc = cues.lang(analysis.lang);
    let other = cues.lang(match analysis.lang {
        Lang::De => Lang::En,
        Lang::En => Lang::De,
    });
    let sentences = &analysis.sentences;
    // Mentions per sentence (both are in text order: one merge pass).
    let mut per_sentence: Vec<(usize, Range<usize>)> = Vec::new();
    let mut m = 0;
    for (si, s) in sentences.iter().enumerate() {
        while m < mentions.len() && mentions[m].start < s.start {
            m += 1;
        }
        let first = m;
        while m < mentions.len() && mentions[m].start < s.end {
            m += 1;
        }
        if m > first {
            per_sentence.push((si, first..m));
        }
    }
    // A sentence right after a mention that opens with "This"/"Das"/"It" speaks about the last
    // model named: read it too, with that mention as its subject.
    let mut work: Vec<(usize, Range<usize>, bool)> = Vec::new();
    for (k, (si, range)) in per_sentence.iter().enumerate() {
        work.push((*si, range.clone(), false));
        let next = si + 1;
        let has_own = per_sentence.get(k + 1).is_some_and(|(sj, _)| *sj == next);
        if has_own {
            continue;
        }
        let Some(ns) = sentences.get(next) else {
            continue;
        };
        let first = text.get(ns.clone()).map(first_word);
        let anaphoric = first.is_some_and(|w| {
            lc.anaphors.contains(w.as_ref()) || other.anaphors.contains(w.as_ref())
        });
        let last = range.end - 1;
        if anaphoric && mentions[last].model.is_some() {
            work.push((next, last..range.end, true));
        }
    }
    let mut claims = Vec::new();
    // The lower-cased forms of one sentence's words, reused from sentence to sentence.
    let mut norms = String::new();
    for (k, (si, range, anaphoric)) in work.iter().enumerate() {
        let s = &sentences[*si];
        // A "sentence" this long is text without sentence ends (a table, a run-on dump); the
        // grammar below assumes a sentence and would cost quadratic time on it.
        if s.len() > MAX_SENTENCE_BYTES {
            continue;
        }
        let Some(sentence) = text.get(s.clone()) else {
            continue;
        };
        // Most sentences that name a model hold no claim word: their marks say so.
        if marked
            .is_some_and(|m| !marks::may_claim(m.get(*si).copied().unwrap_or(u32::MAX), sentence))
        {
            continue;
        }
        let ws = words_at(sentence, s.start, &mut norms);
        let mut hits = match_both(cues, analysis.lang, &ws);
        rule_superlatives(lc, analysis.lang, &ws, &mut hits);
        drop_nested(&mut hits);
        let quantities = quantities(&ws, &hits);
        // The test the marks anticipate ([`marks::may_claim`]).
        if !hits.iter().any(|h| marks::states_claim(h.kind)) && quantities.is_empty() {
            continue;
        }
        // Context: models of the up to three sentences before this one.
        let context: Vec<&Mention> = work[..k]
            .iter()
            .rev()
            .filter(|(_, _, a)| !a)
            .take_while(|(sj, _, _)| si - sj <= 3)
            .flat_map(|(_, r, _)| mentions[r.clone()].iter())
            .collect();
        let opening = first_word(sentence);
        let opens_with_anaphor =
            lc.anaphors.contains(opening.as_ref()) || other.anaphors.contains(opening.as_ref());
        let ctx = Sentence {
            text,
            analysis,
            registry,
            ws: &ws,
            hits: &hits,
            mentions: &mentions[range.clone()],
            context: &context,
            span: s.clone(),
            anaphoric: *anaphoric,
            opens_with_anaphor,
        };
        ctx.claims(&quantities, &mut claims);
    }
    claims
}
