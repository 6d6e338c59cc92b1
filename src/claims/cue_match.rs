//! Cue matching over the words of a sentence: matches the compiled [`Cues`](super::Cues)
//! against them and adds the superlatives found by rule (German -ste/-sten after an article,
//! English -est after "the").

use crate::benchmarks::Dimension;
use crate::text::Lang;

use super::cues::{head, CueKind, LangCues, Pat, MAX_GAP};
use super::words::Word;
use super::Polarity;

/// A cue matched over words `first..=last` of a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct CueHit {
    pub(super) cue: usize,
    pub(super) kind: CueKind,
    pub(super) dimension: Option<Dimension>,
    pub(super) polarity: Polarity,
    pub(super) first: usize,
    pub(super) last: usize,
}

pub(super) fn match_cues(lc: &LangCues, ws: &[Word]) -> Vec<CueHit> {
    let mut hits = Vec::new();
    let try_cue = |idx: usize, i: usize, hits: &mut Vec<CueHit>| {
        let cue = &lc.cues[idx];
        if let Some(last) = match_pats(&cue.pats, ws, i) {
            hits.push(CueHit {
                cue: idx,
                kind: cue.kind,
                dimension: cue.dimension,
                polarity: cue.polarity,
                first: i,
                last,
            });
        }
    };
    for (i, w) in ws.iter().enumerate() {
        // Most words start no cue: a bit test each instead of a hash look-up.
        if lc.exact_starts.may_hold(w.norm) {
            if let Some(ids) = lc.by_first.get(w.norm) {
                for &idx in ids {
                    try_cue(idx, i, &mut hits);
                }
            }
        }
        if !lc.prefix_starts.may_hold(w.norm) {
            continue;
        }
        if let Some(ids) = lc.prefixed.get(head(w.norm)) {
            for &idx in ids {
                if lc.cues[idx].pats[0].matches(w.norm) {
                    try_cue(idx, i, &mut hits);
                }
            }
        }
    }
    hits
}

/// Matches `pats` at word `i`; returns the last word matched.
pub(super) fn match_pats(pats: &[Pat], ws: &[Word], i: usize) -> Option<usize> {
    if !pats.first()?.matches(ws.get(i)?.norm) {
        return None;
    }
    let mut pos = i;
    let mut k = 1;
    while k < pats.len() {
        if pats[k] == Pat::Gap {
            let next = pats.get(k + 1)?;
            let found = (pos + 1..=(pos + 1 + MAX_GAP).min(ws.len().saturating_sub(1)))
                .find(|&j| next.matches(ws[j].norm))?;
            pos = found;
            k += 2;
        } else {
            let w = ws.get(pos + 1)?;
            if !pats[k].matches(w.norm) {
                return None;
            }
            pos += 1;
            k += 1;
        }
    }
    Some(pos)
}

pub(super) const DE_ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "am", "ihre", "seine", "ihr", "sein",
];
pub(super) const DE_SUPERLATIVE_ENDINGS: &[&str] = &["ste", "sten", "stes", "ster", "stem"];

/// Superlatives by rule: German adjectives in -ste/-sten/... after an article (up to two words
/// between, "die stabilsten, optisch schönsten"); English words in -est after "the", and "the
/// most" + word.
pub(super) fn rule_superlatives(lc: &LangCues, lang: Lang, ws: &[Word], hits: &mut Vec<CueHit>) {
    let covered = |i: usize, hits: &[CueHit]| {
        hits.iter()
            .any(|h| h.kind == CueKind::Superlative && h.first <= i && i <= h.last)
    };
    for i in 0..ws.len() {
        let w = &ws[i];
        if !w.lower {
            continue;
        }
        let chars = w.norm.chars().count();
        let is_sup = match lang {
            Lang::De => {
                chars >= 6
                    && DE_SUPERLATIVE_ENDINGS.iter().any(|e| w.norm.ends_with(e))
                    && (1..=3).any(|back| {
                        i >= back
                            && DE_ARTICLES.contains(&ws[i - back].norm)
                            && (i - back + 1..i).all(|k| ws[k].lower)
                    })
            }
            Lang::En => {
                (chars >= 6 && w.norm.ends_with("est") && i >= 1 && ws[i - 1].norm == "the")
                    || (i >= 2 && ws[i - 1].norm == "most" && ws[i - 2].norm == "the")
            }
        };
        // The cheap tests on the word's form first: few words are superlatives.
        if is_sup && !lc.not_superlative.contains(w.norm) && !covered(i, hits) {
            let first = if lang == Lang::En && ws[i - 1].norm == "most" {
                i - 1
            } else {
                i
            };
            hits.push(CueHit {
                cue: usize::MAX,
                kind: CueKind::Superlative,
                dimension: None,
                polarity: Polarity::Positive,
                first,
                last: i,
            });
        }
    }
}

/// Drops a relation cue that lies inside a longer cue of the same kind ("behind" inside "lags
/// behind").
pub(super) fn drop_nested(hits: &mut Vec<CueHit>) {
    let copy = hits.clone();
    hits.retain(|h| {
        !copy.iter().any(|o| {
            o.kind == h.kind
                && o.cue != h.cue
                && o.first <= h.first
                && h.last <= o.last
                && (o.last - o.first) > (h.last - h.first)
        })
    });
}

#[cfg(test)]
mod tests {
    use super::super::cues::compile;
    use super::super::words::{words, words_at};
    use super::*;

    #[test]
    fn words_keep_versions_and_split_hyphens() {
        let ws: Vec<String> = words("Veo 3.1 ist das beste KI-Videomodell, 1080p");
        assert_eq!(
            ws,
            [
                "veo",
                "3.1",
                "ist",
                "das",
                "beste",
                "ki",
                "videomodell",
                "1080p"
            ]
        );
    }

    #[test]
    fn gaps_match_within_six_words() {
        let pats = compile("fällt ... ab");
        let mut buf = String::new();
        let ws = words_at("Sora 2 fällt qualitativ sichtbar ab", 0, &mut buf);
        assert_eq!(match_pats(&pats, &ws, 2), Some(5));
    }
}
