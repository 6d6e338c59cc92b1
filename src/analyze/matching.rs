//! The longest-match pass over the tokens: hype hits and cues, and the English single-word
//! hits that are not hype in context.

use super::CueAt;
use crate::lexicon::matcher::TokInfo;
use crate::lexicon::{EntryId, Matcher, NegPosition};
use crate::text::tokens::{Token, Tokens};
use crate::text::Lang;

/// English single-word hits that are not hype in context, though their stem matches:
///
/// - **adverbs** of a hype adjective ("perfectly fine", "to be perfectly honest"): the
///   stemmer maps `perfectly` to `perfect`, but the adverb intensifies the next word;
/// - **proper names**: a capitalized hit inside a sentence followed by another capitalized
///   word ("Apple's Magic Keyboard", "the Perfect Corp app"), unless the sentence is a
///   title-case headline.
pub(super) fn english_false_friend(text: &str, sc: &Tokens, m: &Matcher, hit: &HypeMatch) -> bool {
    if hit.first != hit.last {
        return false;
    }
    let toks = &sc.tokens;
    let word = &text[toks[hit.first].range()];
    let term = m
        .entry(hit.entry)
        .hype
        .map_or("", |i| m.hype[i].term.as_str());
    // Compared as bytes: a word may end in a multi-byte character (`Innovator’s`), and a
    // string slice two bytes from the end would fall inside it.
    let lower_ends_ly =
        word.len() > 4 && word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(b"ly");
    if lower_ends_ly && !term.ends_with("ly") {
        return true;
    }
    let capitalized = |i: usize| capitalized(text, sc, i);
    let sent = &sc.sentences[toks[hit.first].sent as usize];
    let (s0, s1) = (sent.tok_start as usize, sent.tok_end as usize);
    if hit.first == s0
        || !capitalized(hit.first)
        || hit.first + 1 >= s1
        || !capitalized(hit.first + 1)
    {
        return false;
    }
    !title_case(text, sc, s0, s1)
}

/// Whether token `i` begins with a capital letter.
#[inline]
fn capitalized(text: &str, sc: &Tokens, i: usize) -> bool {
    let t = &sc.tokens[i];
    match text.as_bytes().get(t.start as usize) {
        // An ASCII first letter (most words) without slicing and decoding.
        Some(&b) if b < 0x80 && t.start < t.end => b.is_ascii_uppercase(),
        _ => text[t.range()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
    }
}

/// Whether the sentence over tokens `s0..s1` is in title case (most words capitalized).
fn title_case(text: &str, sc: &Tokens, s0: usize, s1: usize) -> bool {
    let caps = (s0..s1).filter(|&i| capitalized(text, sc, i)).count();
    caps * 2 >= s1 - s0
}

/// Whether the one-word cue at token `k` is part of a name rather than the function word it
/// spells: "released in May", "Will Smith", "Gravity Falls" are not the hedge "may", the
/// German "will" (wants to) or the hedge "falls".
///
/// - English: any capitalized word inside a sentence (function words are lowercase there).
/// - German, where nouns are capitalized too: a capitalized word inside a sentence, not
///   right after a colon or dash, next to another capitalized word, in a sentence that is not
///   in title case.
pub(super) fn name_word(text: &str, sc: &Tokens, lang: Lang, k: usize) -> bool {
    let toks = &sc.tokens;
    let capitalized = |i: usize| capitalized(text, sc, i);
    let sent = &sc.sentences[toks[k].sent as usize];
    let (s0, s1) = (sent.tok_start as usize, sent.tok_end as usize);
    if k <= s0 || !capitalized(k) {
        return false;
    }
    match lang {
        Lang::En => true,
        Lang::De => {
            if toks[k - 1].clause_end {
                return false;
            }
            let prev = k - 1 > s0 && !toks[k - 2].clause_end && capitalized(k - 1);
            let next = k + 1 < s1 && !toks[k].clause_end && capitalized(k + 1);
            (prev || next) && !title_case(text, sc, s0, s1)
        }
    }
}

/// A hype match over tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct HypeMatch {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) entry: EntryId,
    /// A negator standing inside a discontinuous phrase ("Hollywood kann noch nicht einpacken").
    pub(super) gap_negator: Option<usize>,
}

/// Longest-match pass: hype hits and cues, non-overlapping, in text order.
///
/// Before any entry is tried, each token has in `reach` (filled by the caller's word look-up,
/// see [`reaches`]) the [`TokInfo::bits`] of every word after it that a match starting there
/// could reach (the rest of its clause in its sentence, where [`match_at`] stops), and those of
/// the next word when a match may go on to it: an entry one of whose later words has no bit
/// there cannot match, and costs one test. Most tokens that begin some entry begin none that
/// matches, so this test decides most of them.
pub(super) fn find_matches(
    m: &Matcher,
    sc: &Tokens,
    infos: &[TokInfo],
    reach: &[(u64, u64)],
) -> (Vec<HypeMatch>, Vec<CueAt>) {
    let toks = &sc.tokens;
    let n = toks.len();
    // About one word in twenty is a cue or a hit: room for most texts without regrowing.
    let mut hype = Vec::with_capacity(n / 64);
    let mut cues = Vec::with_capacity(n / 16);
    if n == 0 {
        return (hype, cues);
    }
    // One slice length for the tokens, their views and `reach`: the loop below indexes all
    // three without bounds checks.
    let infos = &infos[..n];
    let reach = &reach[..n];
    debug_assert!(reach == reaches(toks, infos));
    let mut i = 0;
    while i < n {
        let info = infos[i];
        // Most words that begin some entry begin none that can match here (its lists need
        // a next word or a reach this place lacks): one summary test each, before the search.
        if info.starts && (may_match(m, info.stem, reach[i]) || may_match(m, info.affix, reach[i]))
        {
            let best = longest_at(m, sc, infos, reach[i], i);
            if let Some((id, _, last, gap_neg)) = best {
                let e = m.entry(id);
                {
                    if e.hype.is_some() {
                        hype.push(HypeMatch {
                            first: i,
                            last,
                            entry: id,
                            gap_negator: gap_neg,
                        });
                    }
                    let mut cue = CueAt {
                        first: i,
                        last,
                        booster: e.booster,
                        hedge: e.hedge,
                        negator: e.negator,
                        attribution: e.attribution,
                        answer: e.answer,
                    };
                    // A single word can be one entry on its stem and another on its written
                    // form ("absolute" / "absolutely*"): it is the cues of both.
                    if last == i {
                        for f in [info.stem, info.affix] {
                            // Longest first: the single words are at the end.
                            let singles = m.candidates(f).iter().rev().take_while(|c| c.len == 1);
                            for c in singles.filter(|c| c.id != id) {
                                let o = m.entry(c.id);
                                cue.booster = cue.booster.or(o.booster);
                                cue.hedge = cue.hedge.or(o.hedge);
                                cue.negator = cue.negator.or(o.negator);
                                cue.attribution = cue.attribution.or(o.attribution);
                                cue.answer = cue.answer.or(o.answer);
                            }
                        }
                    }
                    if cue.booster.is_some()
                        || cue.hedge.is_some()
                        || cue.negator.is_some()
                        || cue.attribution.is_some()
                        || cue.answer.is_some()
                    {
                        cues.push(cue);
                    }
                    i = last + 1;
                    continue;
                }
            }
        }
        if let Some(id) = info.compound() {
            hype.push(HypeMatch {
                first: i,
                last: i,
                entry: id,
                gap_negator: None,
            });
        } else if info.nt {
            cues.push(CueAt {
                first: i,
                last: i,

                booster: None,
                hedge: None,
                negator: Some(NegPosition::Before),
                attribution: None,
                answer: None,
            });
        }
        i += 1;
    }
    (hype, cues)
}

/// Every token's reach as [`find_matches`] reads it, computed on its own (debug checks and
/// tests): for token `i`, the union of the bits of the words after it up to the first clause
/// boundary or sentence end, and the bits of the next word when it lies before that boundary.
pub(super) fn reaches(toks: &[Token], infos: &[TokInfo]) -> Vec<(u64, u64)> {
    let mut out = vec![(0, 0); toks.len()];
    let mut after = (0u64, 0u64);
    for (i, pair) in toks.windows(2).enumerate().rev() {
        after = if pair[1].sent == pair[0].sent && !pair[0].clause_end {
            let bits = infos[i + 1].bits();
            (bits | after.0, bits)
        } else {
            (0, 0)
        };
        out[i] = after;
    }
    out
}

/// Whether some list of first word `f` (a stem or affix id, or [`NO_STEM`]) may hold an entry
/// that matches here: the tests [`longest_at`] makes before it tries a list.
///
/// [`NO_STEM`]: crate::lexicon::matcher::NO_STEM
#[inline]
fn may_match(m: &Matcher, f: u32, (reach, next_bits): (u64, u64)) -> bool {
    // `NO_STEM` has no summary.
    m.first_summary(f).is_some_and(|sum| {
        sum.pair_bits & next_bits != 0 || sum.single || sum.list_bits & reach != 0
    })
}

/// The longest entry starting at token `i` (id, length, last token, a negator inside it), by
/// the word's stem or by a pattern affix; `reach` and `next_bits` as in [`find_matches`].
#[inline]
fn longest_at(
    m: &Matcher,
    sc: &Tokens,
    infos: &[TokInfo],
    (reach, next_bits): (u64, u64),
    i: usize,
) -> Option<(EntryId, u32, usize, Option<usize>)> {
    let no = crate::lexicon::matcher::NO_STEM;
    // The next word, when a match may go on to it (its bits are known then): entries whose
    // second word follows directly are looked up by both words.
    let next = if next_bits != 0 {
        infos[i + 1]
    } else {
        TokInfo::NONE
    };
    let mut best: Option<(EntryId, u32, usize, Option<usize>)> = None;
    // Tries a list, longest first, unless an entry as long has already matched.
    let try_list = |list: &[crate::lexicon::matcher::Candidate],
                    best: &mut Option<(EntryId, u32, usize, Option<usize>)>| {
        for c in list {
            if best.is_some_and(|(_, len, _, _)| len >= c.len) {
                // A list is sorted longest first: the rest of it cannot win.
                return;
            }
            if c.need & !reach != 0 {
                continue;
            }
            let (words, gaps) = m.words_of(c);
            if let Some((last, gap_neg)) = match_at(m, sc, infos, i, words, gaps) {
                *best = Some((c.id, c.len, last, gap_neg));
                return;
            }
        }
    };
    let info = infos[i];
    for f in [info.stem, info.affix] {
        if f == no {
            continue;
        }
        let Some(sum) = m.first_summary(f) else {
            continue;
        };
        // Pair lists only when the next word may be a pair's second word; the other list
        // only when it has a single word or a second word may be reached. The lists in this
        // order, as ever.
        if sum.pair_bits & next_bits != 0 {
            if next.stem != no {
                try_list(m.pair_candidates(f, next.stem), &mut best);
            }
            if next.affix != no {
                try_list(m.pair_candidates(f, next.affix), &mut best);
            }
        }
        if sum.single || sum.list_bits & reach != 0 {
            try_list(m.candidates(f), &mut best);
        }
    }
    best
}

/// Matches an entry with these words and gaps ([`Matcher::words_of`]) starting at token `i`,
/// within one clause. Plain phrases of three or more
/// words may have up to three extra words inside in all (German word order: "Hollywood kann
/// jetzt einpacken"); patterns allow extra words only where they say so (`...`).
pub(super) fn match_at(
    m: &Matcher,
    sc: &Tokens,
    infos: &[TokInfo],
    i: usize,
    stems: &[u32],
    gaps: Option<&[u8]>,
) -> Option<(usize, Option<usize>)> {
    let toks = &sc.tokens;
    let mut pos = i;
    let mut gaps_left = if stems.len() >= 3 { 3 } else { 0 };
    let mut gap_negator = None;
    for (k_want, &want) in stems.iter().enumerate().skip(1) {
        let allowed = match gaps {
            Some(g) => usize::from(g[k_want]),
            None => gaps_left,
        };
        let mut found = None;
        let mut k = pos + 1;
        while k < toks.len() && k <= pos + 1 + allowed {
            if toks[k].sent != toks[i].sent || toks[k - 1].clause_end {
                return None;
            }
            if infos[k].is(want) {
                found = Some(k);
                break;
            }
            k += 1;
        }
        let f = found?;
        if let Some(g) = (pos + 1..f).find(|&g| is_negator(m, infos[g])) {
            gap_negator = Some(g);
        }
        if gaps.is_none() {
            gaps_left -= f - pos - 1;
        }
        pos = f;
    }
    Some((pos, gap_negator))
}

pub(super) fn is_negator(m: &Matcher, info: TokInfo) -> bool {
    info.nt
        || (info.starts
            && m.candidates(info.stem)
                .iter()
                .any(|c| c.len == 1 && m.entry(c.id).negator.is_some()))
}
