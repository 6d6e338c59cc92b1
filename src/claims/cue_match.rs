//! Cue matching over the words of a sentence: matches the compiled [`Cues`](super::Cues)
//! against them and adds the superlatives found by rule (German -ste/-sten after an article,
//! English -est after "the").

use crate::benchmarks::Dimension;
use crate::text::Lang;

use super::cues::{head, CueKind, Cues, LangCues, Pat, MAX_GAP};
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

/// The cues of both languages matched over `ws`: those of `lang` first (numbered as in its
/// [`LangCues`]), then those of the other language (numbered after them), each in word order.
/// The same hits as [`match_cues`] for `lang` followed by it for the other language, with
/// one look-up in the joint index per word instead of one per language.
pub(super) fn match_both(cues: &Cues, lang: Lang, ws: &[Word]) -> Vec<CueHit> {
    let (side, other_lang) = match lang {
        Lang::De => (0, Lang::En),
        Lang::En => (1, Lang::De),
    };
    let sides = [(side, cues.lang(lang)), (1 - side, cues.lang(other_lang))];
    let offset = sides[0].1.cues.len();
    let mut hits = Vec::new();
    let mut other_hits = Vec::new();
    let try_cue = |lc: &LangCues, idx: usize, i: usize, hits: &mut Vec<CueHit>, shift: usize| {
        let cue = &lc.cues[idx];
        if let Some(last) = match_pats(&cue.pats, ws, i) {
            hits.push(CueHit {
                cue: idx + shift,
                kind: cue.kind,
                dimension: cue.dimension,
                polarity: cue.polarity,
                first: i,
                last,
            });
        }
    };
    let joint = &cues.joint;
    for (i, w) in ws.iter().enumerate() {
        // Most words start no cue: a bit test each instead of a hash look-up.
        let exact = if joint.exact_starts.may_hold(w.norm) {
            joint.by_first.get(w.norm)
        } else {
            None
        };
        let prefixed = if joint.prefix_starts.may_hold(w.norm) {
            joint.prefixed.get(head(w.norm))
        } else {
            None
        };
        for (k, (s, lc)) in sides.iter().enumerate() {
            let (out, shift) = if k == 0 {
                (&mut hits, 0)
            } else {
                (&mut other_hits, offset)
            };
            if let Some(ids) = exact {
                for &idx in &ids[*s] {
                    try_cue(lc, idx, i, out, shift);
                }
            }
            if let Some(ids) = prefixed {
                for &idx in &ids[*s] {
                    if lc.cues[idx].pats[0].matches(w.norm) {
                        try_cue(lc, idx, i, out, shift);
                    }
                }
            }
        }
    }
    hits.append(&mut other_hits);
    hits
}

/// The cues of one language matched over `ws`, in word order: the oracle for [`match_both`].
#[cfg(test)]
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
        // The length in characters is counted only for a word with a superlative's ending
        // (few are): counting is a pass over the word's bytes.
        let long = || w.norm.len() >= 6 && w.norm.chars().count() >= 6;
        let is_sup = match lang {
            Lang::De => {
                DE_SUPERLATIVE_ENDINGS.iter().any(|e| w.norm.ends_with(e))
                    && long()
                    && (1..=3).any(|back| {
                        i >= back
                            && DE_ARTICLES.contains(&ws[i - back].norm)
                            && (i - back + 1..i).all(|k| ws[k].lower)
                    })
            }
            Lang::En => {
                (w.norm.ends_with("est") && i >= 1 && ws[i - 1].norm == "the" && long())
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
    // One hit lies inside no other (most sentences): no copy needed.
    if hits.len() < 2 {
        return;
    }
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

    fn shipped_cues() -> &'static Cues {
        static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
        CUES.get_or_init(|| Cues::shipped().expect("shipped cues parse"))
    }

    proptest::proptest! {
        #[test]
        fn joint_matching_equals_matching_each_language(
            text in crate::models::tests::real_world_text(),
            de in proptest::bool::ANY,
        ) {
            let cues = shipped_cues();
            let (lang, other) = if de { (Lang::De, Lang::En) } else { (Lang::En, Lang::De) };
            let mut buf = String::new();
            let ws = words_at(&text, 0, &mut buf);
            let key = |h: &CueHit| (h.cue, h.kind, h.dimension, h.polarity, h.first, h.last);
            let joint: Vec<_> = match_both(cues, lang, &ws).iter().map(key).collect();
            let lc = cues.lang(lang);
            let mut each: Vec<_> = match_cues(lc, &ws).iter().map(key).collect();
            each.extend(
                match_cues(cues.lang(other), &ws)
                    .iter()
                    .map(|h| (h.cue + lc.cues.len(), h.kind, h.dimension, h.polarity, h.first, h.last)),
            );
            proptest::prop_assert_eq!(joint, each);
        }
    }

    /// Cue words in a sentence: the generated text above rarely holds any.
    #[test]
    fn joint_matching_finds_cues_of_both_languages() {
        let cues = shipped_cues();
        let mut buf = String::new();
        let ws = words_at(
            "Veo 3 ist das beste Modell, better than Sora, fällt sichtbar ab, the most realistic",
            0,
            &mut buf,
        );
        for lang in [Lang::De, Lang::En] {
            let other = if lang == Lang::De { Lang::En } else { Lang::De };
            let lc = cues.lang(lang);
            let mut each = match_cues(lc, &ws);
            each.extend(match_cues(cues.lang(other), &ws).into_iter().map(|mut h| {
                h.cue += lc.cues.len();
                h
            }));
            let key = |h: &CueHit| (h.cue, h.first, h.last);
            let joint: Vec<_> = match_both(cues, lang, &ws).iter().map(key).collect();
            assert!(joint.len() >= 2);
            assert_eq!(joint, each.iter().map(key).collect::<Vec<_>>());
        }
    }
}
