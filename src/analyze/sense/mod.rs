//! Sense and target checks: a lexicon hit whose word is used in a sense that is not praise of
//! the AI does not count.
//!
//! The rules are data (`lexicons/<lang>/senses.tsv`, documented in `lexicons/README.md`); each
//! row names a hype term (or `*` for every praise term, or `word*` for the terms beginning with
//! it), a check and a cue. The checks, tried in this order:
//!
//! 1. **sense**: a listed non-evaluative use that covers the hit ("I had the *impression*",
//!    "to *perfect* the motion", "*the best* way to test it", "hope for *the best*").
//! 2. **person**, **work**, **outlet**, **harm** (the *target* of the praise): the noun the
//!    praise word modifies — the head of the next few words ("the *award-winning* director",
//!    "der *renommierte* Regisseur", "the *acclaimed* Cannes Film Festival") — or the subject it
//!    is predicated of ("the director is *renowned*") is a cue of that check. A work ("film",
//!    "Spot") is not taken for a non-AI target when an AI word (AI, KI, a model name from the
//!    `MODEL` slot, "generated") stands in the same clause: an AI film is the AI's output.
//! 3. **prompt**: the hit stands in a prompt's own text: after a cue ("Prompt:", "the prompt
//!    “…”", `--prompt "…`) followed by a colon or an opening quotation mark on the same line.
//! 4. **change**: a term with `change` rows ("the future of X", "die Zukunft des X") counts only
//!    when one of their cues (a change predicate: "is", "belongs to", "shapes", "gehört",
//!    "prägt" …) stands within six words of it in its sentence; otherwise it is a plain topic
//!    ("questions about the future of cinema").
//!
//! Cue words match like lexicon terms: a plain word on its Snowball stem, `word*` any word
//! beginning with it, `*word` any word ending with it (both on the lowercase word form, so
//! `impressio*` tells "impression" from "impressive", which share a stem). For target checks a
//! German cue of six or more stem letters also matches as the head of a closed compound
//! (`Regisseur` in "Filmregisseur"). Only hits are checked, a few words around each, so the
//! checks cost nothing measurable on long texts.

use crate::text::stem::LangStemmer;
use crate::text::tokens::Token;
use crate::text::Lang;

mod compile;
mod words;

use compile::{stem_bit, Check, Rule, Selector};
pub(crate) use words::{FormCache, Words};

#[cfg(test)]
mod tests;

/// Categories whose terms are praise (the `*` selector).
const PRAISE: &[&str] = &["awe", "puffery", "superlative", "novelty", "certainty"];

/// How many words after a praise word may hold the noun it modifies.
const TARGET_REACH: usize = 3;
/// How many words a change predicate may stand from a `change` term.
const CHANGE_REACH: usize = 6;
/// How many words before a hit a prompt cue may stand.
const PROMPT_REACH: usize = 16;

/// Words that end the noun phrase after a praise word (prepositions, articles, verbs).
const NP_STOP: &[&str] = &[
    "of", "for", "with", "by", "in", "on", "at", "to", "from", "that", "which", "who", "is", "are",
    "was", "were", "be", "been", "the", "a", "an", "this", "its", "their", "than", "as", "like",
    "von", "vom", "für", "mit", "durch", "in", "im", "auf", "an", "am", "aus", "bei", "zu", "zum",
    "zur", "ist", "sind", "war", "waren", "wird", "werden", "der", "die", "das", "des", "dem",
    "den", "ein", "eine", "einen", "einem", "einer", "eines", "als", "wie", "dass",
];

/// Copulas: "the director is renowned", "der Regisseur ist renommiert".
const COPULA: &[&str] = &[
    "is", "are", "was", "were", "seems", "seem", "looks", "look", "remains", "ist", "sind", "war",
    "waren", "wirkt", "wirken", "scheint", "bleibt", "gilt",
];

/// Words that make a work the AI's own output.
const AI_WORDS: &[&str] = &[
    "ai",
    "ki",
    "a.i",
    "generated",
    "generative",
    "generierte",
    "generierten",
    "generiert",
    "generativ",
    "synthetic",
    "synthetisch",
    "model",
    "models",
    "modell",
    "modelle",
];

/// Opening quotation marks (a prompt's text follows).
const OPEN_QUOTES: &[char] = &['"', '“', '„', '»', '«', '‘', '‚', '\''];
/// Closing quotation marks.
const CLOSE_QUOTES: &[char] = &['"', '”', '“', '«', '»', '’', '‘', '\''];

/// The compiled sense and target rules of one language.
pub(crate) struct Senses {
    lang: Lang,
    stemmer: LangStemmer,
    rules: Vec<Rule>,
    /// Per hype entry (index into the lexicon's hype list): the indexes of the rules its
    /// category and term select, ascending (file order).
    by_hype: Vec<Selected>,
    /// Per hype entry: the prefix rules its term does not begin with, tested against the
    /// hit's own text ("Gamechanger-Moment" under `gamechanger*`).
    prefix_rest: Vec<Box<[u32]>>,
    /// Target cues (rule, cue) by the stem id of their first word.
    target_by_sid: rustc_hash::FxHashMap<u32, Vec<(u32, u32)>>,
    /// Target cues whose first word is a prefix or suffix.
    target_affix: Vec<(u32, u32)>,
    /// German one-word target cues of six or more stem letters, which also match as the head
    /// of a closed compound: (stem, rule, cue).
    pub(super) target_heads: Vec<(String, u32, u32)>,
    /// Stem ids of the first words of all prompt cues; `None` when one begins with an affix.
    prompt_firsts: Option<Vec<u32>>,
    /// The most words a prompt cue spans after its first word (with its gaps).
    prompt_span: usize,
    /// Ids of the cue stems, so a cue word is matched by an integer compare.
    stem_ids: rustc_hash::FxHashMap<String, u32>,
    /// Stems (and prefixes) of words that mark a work as AI output.
    ai_stems: Vec<String>,
    ai_prefixes: Vec<String>,
}

impl std::fmt::Debug for Senses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Senses")
            .field("lang", &self.lang)
            .field("rules", &self.rules.len())
            .finish()
    }
}

/// What a hit is, for the checks.
pub(crate) struct HitRef {
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// Index of the hit's entry in the lexicon's hype list.
    pub(crate) hype: usize,
}

impl Senses {
    /// Whether there are any rules.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The reason the hit does not count, or `None` when it counts.
    pub(crate) fn check(&self, words: &mut Words<'_>, hit: &HitRef) -> Option<String> {
        let (text, sc) = (words.text, words.sc);
        let toks = &sc.tokens;
        let base = self.by_hype.get(hit.hype)?;
        let rest = &self.prefix_rest[hit.hype];
        // Prefix rules the term does not begin with may still select the hit by its text.
        let mut extra: Vec<u32> = Vec::new();
        if !rest.is_empty() {
            let hit_text = text
                .get(toks[hit.first].start as usize..toks[hit.last].end as usize)
                .unwrap_or("");
            for &i in rest.iter() {
                if let Selector::Prefix(p) = &self.rules[i as usize].sel {
                    if starts_with_lower(hit_text, p) {
                        extra.push(i);
                    }
                }
            }
        }
        let own;
        let sel = if extra.is_empty() {
            base
        } else {
            extra.extend_from_slice(&base.idx);
            own = Selected::new(&self.rules, extra);
            &own
        };
        if sel.idx.is_empty() {
            return None;
        }
        let rules = Rules {
            all: &self.rules,
            sel,
        };
        let sent = sc.sentences[toks[hit.first].sent as usize];
        let (s0, s1) = (sent.tok_start as usize, sent.tok_end as usize);
        // 1. Non-evaluative senses covering the hit. A cue covers it only if one of its words
        // is one of the hit's words: a cue of stems none of which the hit has is passed over.
        let mut hit_sids = [u32::MAX; 4];
        let wide = hit.last - hit.first >= hit_sids.len();
        let mut near = Near::new(hit, s0, s1);
        if !sel.sense_cues.is_empty() {
            for t in hit.first..=hit.last {
                let sid = words.tok(t).sid;
                if let Some(s) = hit_sids.get_mut(t - hit.first) {
                    *s = sid;
                }
                near.mask |= stem_bit(sid);
            }
            near.hit_mask = near.mask;
        }
        for sc in sel.sense_cues.iter() {
            // Most cues have no stem among the hit's words (the check below, by bits).
            if !wide && !sc.affix && sc.stems & near.hit_mask == 0 {
                continue;
            }
            let c = &self.rules[sc.rule as usize].cues[sc.cue as usize];
            let may_cover = wide
                || c.words.iter().any(|w| match w {
                    compile::Word::Stem(_, id) => hit_sids.contains(id),
                    _ => true,
                });
            if !may_cover {
                continue;
            }
            // A match has all its stems within its span of the hit.
            if c.stems & !near.mask(words, c.span) != 0 {
                continue;
            }
            if let Some((a, b)) = words.covers(c, hit.first, hit.last, s0, s1) {
                return Some(format!(
                    "not praise: `{}` is a non-evaluative sense",
                    words.span_text(a, b)
                ));
            }
        }

        // 2. The target of the praise.
        if sel.target {
            if let Some((check, a, b)) = self.target(words, &rules, hit, s0, s1) {
                let what = match check {
                    Check::Person => "a person",
                    Check::Work => "a film or other work",
                    Check::Outlet => "an outlet or institution",
                    _ => "a harm",
                };
                let verb = if check == Check::Harm {
                    "describes"
                } else {
                    "praises"
                };
                return Some(format!(
                    "not about the AI: {verb} {what} (`{}`)",
                    words.span_text(a, b)
                ));
            }
        }

        // 3. The text of a prompt.
        if !sel.prompt.is_empty() && self.in_prompt(words, &rules, hit) {
            return Some("not the author's praise: part of a prompt's text".to_owned());
        }

        // 4. A future-of term without a change predicate.
        if !sel.change.is_empty() {
            let lo = hit.first.saturating_sub(CHANGE_REACH).max(s0);
            let hi = (hit.last + CHANGE_REACH + 1).min(s1);
            let found = rules.of(&sel.change).any(|r| {
                r.cues.iter().any(|c| {
                    (lo..hi)
                        .filter(|&k| k < hit.first || k > hit.last)
                        .any(|k| words.match_from(c, k, s0, s1).is_some_and(|e| e < hi))
                })
            });
            if !found {
                return Some(format!(
                    "not a claim: `{}` names a topic, no change predicate",
                    words.span_text(hit.first, hit.last)
                ));
            }
        }
        None
    }

    /// The target check that applies: the head noun after the hit or the subject before a
    /// copula. Returns the check and the cue's token span.
    fn target(
        &self,
        words: &mut Words<'_>,
        rules: &Rules<'_>,
        hit: &HitRef,
        s0: usize,
        s1: usize,
    ) -> Option<(Check, usize, usize)> {
        let sc = words.sc;
        let toks = &sc.tokens;
        // Candidate head positions: the next words up to a stop word or clause end.
        let mut cands: SmallList = SmallList::default();
        let mut k = hit.last + 1;
        while k < s1 && k <= hit.last + TARGET_REACH {
            if toks[k - 1].clause_end {
                break;
            }
            if words.tok(k).np_stop {
                break;
            }
            cands.push(k);
            // German: a capitalized word is a noun, the head, unless a name goes on.
            if self.lang == Lang::De
                && words.capitalized(k)
                && !(k + 1 < s1 && words.capitalized(k + 1))
            {
                break;
            }
            k += 1;
        }
        // The subject of a copula right before the hit ("the director is renowned").
        let mut before: SmallList = SmallList::default();
        let lo = hit.first.saturating_sub(3).max(s0);
        if let Some(cop) = (lo..hit.first).rev().find(|&c| words.copula(c)) {
            if (cop + 1..hit.first).all(|j| !toks[j - 1].clause_end)
                && (cop == 0 || !toks[cop - 1].clause_end)
            {
                let lo = cop.saturating_sub(3).max(s0);
                for j in (lo..cop).rev() {
                    if toks[j].clause_end {
                        break;
                    }
                    before.push(j);
                }
            }
        }
        // The last matching word after the hit is the head ("renowned film director"); before
        // a copula, the nearest.
        let mut found: Option<(Check, usize, usize)> = None;
        for &k in cands.as_slice() {
            if let Some(m) = self.target_at(words, rules, k, s0, s1) {
                found = Some(m);
            }
        }
        if found.is_none() {
            for &k in before.as_slice() {
                if let Some(m) = self.target_at(words, rules, k, s0, s1) {
                    found = Some(m);
                    break;
                }
            }
        }
        let (check, a, b) = found?;
        if check == Check::Work && self.ai_in_clause(words, hit.first, s0, s1) {
            return None;
        }
        Some((check, a, b))
    }

    /// The first target rule (in file order) with a cue that starts at token `k`, or, in
    /// German, a one-word cue that is the head of the compound at `k`.
    fn target_at(
        &self,
        words: &mut Words<'_>,
        rules: &Rules<'_>,
        k: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(Check, usize, usize)> {
        // Only the cues that word `k` can start, worked out once per form.
        let n = words.tok(k).targets.len();
        let mut found = None;
        for j in 0..n {
            let ts = words.tok(k).targets[j];
            if !rules.contains(ts.rule) {
                continue;
            }
            let rule = &self.rules[ts.rule as usize];
            if ts.first && k >= s0 && k < s1 {
                let cue = &rule.cues[ts.cue as usize];
                if let Some(e) = words.match_rest(cue, k, s1) {
                    found = Some((rule.check, k, e));
                    break;
                }
            }
            if ts.head {
                found = Some((rule.check, k, k));
                break;
            }
        }
        #[cfg(debug_assertions)]
        debug_assert_eq!(found, self.target_at_oracle(words, rules, k, s0, s1));
        found
    }

    /// [`Senses::target_at`] as it was before the per-form cue lists: every cue filtered by
    /// the selection for each word. Debug builds check the two agree.
    #[cfg(debug_assertions)]
    fn target_at_oracle(
        &self,
        words: &mut Words<'_>,
        rules: &Rules<'_>,
        k: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(Check, usize, usize)> {
        let t = words.tok(k);
        let heads: Vec<(u32, u32)> = self
            .target_heads
            .iter()
            .filter(|(h, _, _)| t.stem.ends_with(h.as_str()))
            .map(|&(_, r, c)| (r, c))
            .collect();
        let mut cands: Vec<(u32, u32)> = Vec::new();
        if t.sid != u32::MAX {
            if let Some(v) = self.target_by_sid.get(&t.sid) {
                cands.extend(v.iter().copied().filter(|&(r, _)| rules.contains(r)));
            }
        }
        cands.extend(
            self.target_affix
                .iter()
                .copied()
                .filter(|&(r, _)| rules.contains(r)),
        );
        cands.extend(heads.iter().copied().filter(|&(r, _)| rules.contains(r)));
        cands.sort_unstable();
        cands.dedup();
        for &(r, c) in &cands {
            let rule = &self.rules[r as usize];
            let cue = &rule.cues[c as usize];
            if let Some(e) = words.match_from(cue, k, s0, s1) {
                return Some((rule.check, k, e));
            }
            if heads.contains(&(r, c)) {
                return Some((rule.check, k, k));
            }
        }
        None
    }

    /// An AI word in the clause of token `i`.
    fn ai_in_clause(&self, words: &mut Words<'_>, i: usize, s0: usize, s1: usize) -> bool {
        let sc = words.sc;
        let clause = sc.tokens[i].clause;
        (s0..s1)
            .filter(|&k| sc.tokens[k].clause == clause)
            .any(|k| {
                let t = words.tok(k);
                self.ai_stems.contains(&t.stem)
                    || self
                        .ai_prefixes
                        .iter()
                        .any(|p| t.lower.starts_with(p.as_str()))
                    || t.lower.starts_with("ai-")
                    || t.lower.starts_with("ki-")
                    || t.lower.ends_with("-generated")
            })
    }

    /// Whether a prompt cue starts at token `k` and a colon follows it within three words,
    /// before the hit.
    fn cue_then_colon(
        &self,
        words: &mut Words<'_>,
        rules: &Rules<'_>,
        k: usize,
        hit: &HitRef,
    ) -> bool {
        let sc = words.sc;
        let toks = &sc.tokens;
        for r in rules.of(&rules.sel.prompt) {
            for c in &r.cues {
                let Some(e) = words.match_from(c, k, 0, toks.len()) else {
                    continue;
                };
                if e >= hit.first {
                    continue;
                }
                let upto = (e + 3).min(hit.first);
                let between = words
                    .text
                    .get(toks[e].end as usize..toks[upto].start as usize)
                    .unwrap_or("");
                if between.contains(':') {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the hit stands in a prompt's text.
    fn in_prompt(&self, words: &mut Words<'_>, rules: &Rules<'_>, hit: &HitRef) -> bool {
        let toks = &words.sc.tokens;
        let hit_start = toks[hit.first].start as usize;
        let line_start = words.line_start(hit_start);
        let line_first = toks.partition_point(|t| (t.start as usize) < line_start);
        // Most hits have no colon or open quotation before them on their line: then no
        // prompt, and the words before them need not be looked at; otherwise only the words
        // shortly before a mark.
        let marks = prompt_marks(words.text, toks, hit.first, line_first, self.prompt_span);
        let found =
            !marks.none() && self.in_prompt_scan(words, rules, hit, line_first, Some(&marks));
        debug_assert_eq!(
            found,
            self.in_prompt_scan(words, rules, hit, line_first, None),
            "the prompt marks changed the outcome"
        );
        found
    }

    /// Whether the hit stands in a prompt's text, its line's tokens beginning at `line_first`:
    /// the words before it tried as cues, all of them or (with `marks`) those a mark follows
    /// closely enough.
    fn in_prompt_scan(
        &self,
        words: &mut Words<'_>,
        rules: &Rules<'_>,
        hit: &HitRef,
        line_first: usize,
        marks: Option<&PromptMarks>,
    ) -> bool {
        let sc = words.sc;
        let text = words.text;
        let toks = &sc.tokens;
        let hit_start = toks[hit.first].start as usize;
        // A line that begins with a cue and a colon is a prompt to its end ("Prompt: ...",
        // over several sentences).
        if line_first < hit.first
            && marks.is_none_or(|m| m.opening_colon)
            && self.cue_then_colon(words, rules, line_first, hit)
        {
            return true;
        }
        let lo = hit.first.saturating_sub(PROMPT_REACH);
        for k in (lo.max(line_first)..hit.first).rev() {
            if marks.is_some_and(|m| !m.near(toks, k, hit.first, self.prompt_span)) {
                continue;
            }
            // Most words start no prompt cue: one look-up rules them out.
            if let Some(firsts) = &self.prompt_firsts {
                if !firsts.contains(&words.tok(k).sid) {
                    continue;
                }
            }
            for r in rules.of(&rules.sel.prompt) {
                for c in &r.cues {
                    let Some(e) = words.match_from(c, k, 0, toks.len()) else {
                        continue;
                    };
                    if e >= hit.first {
                        continue;
                    }
                    // A colon or an opening quote within three words after the cue.
                    let upto = (e + 3).min(hit.first);
                    let after = toks[e].end as usize;
                    let window_end = toks[upto].start as usize;
                    let between = &text[after..window_end.max(after)];
                    let Some(p) = between.find(|ch: char| ch == ':' || OPEN_QUOTES.contains(&ch))
                    else {
                        continue;
                    };
                    let mark = between[p..].chars().next().unwrap_or(':');
                    if mark == ':' {
                        return true;
                    }
                    // A quotation: the hit must come before it closes.
                    let open = after + p + mark.len_utf8();
                    let inside = &text[open..hit_start];
                    if !inside.contains(CLOSE_QUOTES) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The words around a hit whose stems a sense cue can match, as a stem mask
/// ([`compile::stem_bit`]), grown outwards as cues with longer spans ask.
struct Near {
    /// The stems of the hit's words.
    hit_mask: u64,
    /// The stems of the hit's words and of `left` words before and `right` words after it.
    mask: u64,
    left: usize,
    right: usize,
    first: usize,
    last: usize,
    s0: usize,
    s1: usize,
}

impl Near {
    fn new(hit: &HitRef, s0: usize, s1: usize) -> Near {
        Near {
            hit_mask: 0,
            mask: 0,
            left: 0,
            right: 0,
            first: hit.first,
            last: hit.last,
            s0,
            s1,
        }
    }

    /// The stems of the words within `span` of the hit, in its sentence (and maybe more).
    fn mask(&mut self, words: &mut Words<'_>, span: usize) -> u64 {
        while self.left < span && self.first > self.s0 + self.left {
            self.left += 1;
            self.mask |= stem_bit(words.tok(self.first - self.left).sid);
        }
        while self.right < span && self.last + self.right + 1 < self.s1 {
            self.right += 1;
            self.mask |= stem_bit(words.tok(self.last + self.right).sid);
        }
        self.mask
    }
}

/// The marks before a hit that can open a prompt's text ([`Senses::in_prompt_scan`]): a
/// colon, or an opening quotation mark not closed before the hit. A cue's mark stands within
/// three words after it, so a word that no mark follows that closely starts no prompt cue.
struct PromptMarks {
    /// A colon within the words after the line's first word that a cue opening the line
    /// and three more words reach.
    opening_colon: bool,
    /// Byte offsets of the colons within [`PROMPT_REACH`] words before the hit on its line.
    colons: SmallMarks,
    /// Byte offsets of the opening quotation marks there that nothing closes before the hit.
    opens: SmallMarks,
    /// Too many marks, or text that could not be sliced: every word may start a cue.
    all: bool,
}

impl PromptMarks {
    /// No word before the hit can start a prompt cue.
    fn none(&self) -> bool {
        !self.all && !self.opening_colon && self.colons.len == 0 && self.opens.len == 0
    }

    /// Whether a mark stands where a cue starting at token `k` (of at most `span` words
    /// after its first) would look for it: after the word, within `span` + 3 words, before
    /// the hit at token `first`.
    fn near(&self, toks: &[Token], k: usize, first: usize, span: usize) -> bool {
        if self.all {
            return true;
        }
        let lo = toks[k].end as usize;
        let hi = toks[k.saturating_add(span).saturating_add(3).min(first)].start as usize;
        let within = |x: &usize| (lo..hi).contains(x);
        self.colons.as_slice().iter().any(within) || self.opens.as_slice().iter().any(within)
    }
}

/// Up to eight byte offsets; more set `overflow`.
#[derive(Default)]
struct SmallMarks {
    at: [usize; 8],
    len: usize,
    overflow: bool,
}

impl SmallMarks {
    fn push(&mut self, x: usize) {
        match self.at.get_mut(self.len) {
            Some(slot) => {
                *slot = x;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    fn as_slice(&self) -> &[usize] {
        &self.at[..self.len]
    }
}

/// The prompt marks before the hit at token `first`, its line's tokens beginning at
/// `line_first`, for prompt cues of at most `span` words after their first. Looks only at
/// the text the scan would search for a mark: up to `span` + 3 words after the line's
/// first word, and the words within [`PROMPT_REACH`] before the hit on its line.
fn prompt_marks(
    text: &str,
    toks: &[Token],
    first: usize,
    line_first: usize,
    span: usize,
) -> PromptMarks {
    let mut m = PromptMarks {
        opening_colon: false,
        colons: SmallMarks::default(),
        opens: SmallMarks::default(),
        all: false,
    };
    let Some(hit) = toks.get(first) else {
        m.all = true;
        m.opening_colon = true;
        return m;
    };
    // (The line begins before the hit exactly when some word is within reach.)
    let lo = first.saturating_sub(PROMPT_REACH).max(line_first);
    if lo >= first {
        return m;
    }
    let from = toks[lo].end as usize;
    let Some(w) = text.get(from..hit.start as usize) else {
        m.all = true;
        m.opening_colon = true;
        return m;
    };
    let b = w.as_bytes();
    // From the hit backwards: every colon, and the opening quotation marks up to the first
    // closing one (which closes every quotation opened before it). A mark is ':', '"',
    // '\'' or a character that begins with 0xC2 (« ») or 0xE2 (“ „ ‘ ‚ ” ’). Each search
    // goes on from where its last one stopped, so the text is read once.
    let mut end = b.len();
    let mut quoting = true;
    let mut ascii = memchr::memrchr3(b':', b'"', b'\'', b);
    let mut lead = memchr::memrchr2(0xC2, 0xE2, b);
    loop {
        if ascii.is_some_and(|x| x >= end) {
            ascii = if quoting {
                memchr::memrchr3(b':', b'"', b'\'', &b[..end])
            } else {
                memchr::memrchr(b':', &b[..end])
            };
        }
        if quoting && lead.is_some_and(|x| x >= end) {
            lead = memchr::memrchr2(0xC2, 0xE2, &b[..end]);
        }
        let Some(i) = ascii.max(if quoting { lead } else { None }) else {
            break;
        };
        end = i;
        if b[i] == b':' {
            m.colons.push(from + i);
            continue;
        }
        if !quoting {
            continue;
        }
        let Some(ch) = w.get(i..).and_then(|r| r.chars().next()) else {
            continue;
        };
        if OPEN_QUOTES.contains(&ch) {
            m.opens.push(from + i);
        }
        if CLOSE_QUOTES.contains(&ch) {
            quoting = false;
            ascii = memchr::memrchr(b':', &b[..end]);
        }
    }
    let hi = line_first.saturating_add(span).saturating_add(3).min(first);
    let opening = toks[line_first].end as usize..toks[hi].start as usize;
    m.opening_colon = if lo == line_first && !m.colons.overflow {
        // The stretch after the line's first word is part of `w`.
        m.colons.as_slice().iter().any(|x| opening.contains(x))
    } else {
        text.get(opening)
            .is_none_or(|o| memchr::memchr(b':', o.as_bytes()).is_some())
    };
    m.all = m.colons.overflow || m.opens.overflow;
    m
}

/// Up to four token positions, without allocating: the head candidates after a praise word
/// ([`TARGET_REACH`]) or the subject words before a copula (three). Pushes past four would be
/// dropped; the loops that fill it stop earlier.
#[derive(Default)]
struct SmallList {
    items: [usize; 4],
    len: usize,
}

impl SmallList {
    fn push(&mut self, k: usize) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = k;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[usize] {
        &self.items[..self.len]
    }
}

/// The rules a hit's term and category select: their indexes, ascending (file order), and
/// the same split by check.
#[derive(Debug, Default)]
struct Selected {
    idx: Box<[u32]>,
    /// The cues of the sense rules, in file order, with what rules most of them out for a
    /// hit at a glance.
    sense_cues: Box<[SenseCue]>,
    /// `idx` as a bit set over the rules.
    mask: Box<[u64]>,
    /// Any target rule (person, work, outlet, harm).
    target: bool,
    prompt: Box<[u32]>,
    change: Box<[u32]>,
}

impl Selected {
    /// The selection of rules `idx` (in any order, duplicates allowed).
    fn new(rules: &[Rule], mut idx: Vec<u32>) -> Selected {
        idx.sort_unstable();
        idx.dedup();
        let of = |check: Check| -> Box<[u32]> {
            idx.iter()
                .copied()
                .filter(|&i| rules[i as usize].check == check)
                .collect()
        };
        let mut mask = vec![0u64; rules.len().div_ceil(64)];
        for &i in &idx {
            if let Some(m) = mask.get_mut(i as usize / 64) {
                *m |= 1 << (i % 64);
            }
        }
        let sense_cues = idx
            .iter()
            .filter(|&&i| rules[i as usize].check == Check::Sense)
            .flat_map(|&rule| {
                (0u32..)
                    .zip(&rules[rule as usize].cues)
                    .map(move |(cue, c)| SenseCue {
                        stems: c.stems,
                        affix: c.affix,
                        rule,
                        cue,
                    })
            })
            .collect();
        Selected {
            sense_cues,
            mask: mask.into_boxed_slice(),
            target: idx.iter().any(|&i| rules[i as usize].check.is_target()),
            prompt: of(Check::Prompt),
            change: of(Check::Change),
            idx: idx.into_boxed_slice(),
        }
    }
}

/// A sense cue of a selection: its rule and index there, and its [`compile::Cue::stems`]
/// and [`compile::Cue::affix`].
#[derive(Debug, Clone, Copy)]
struct SenseCue {
    stems: u64,
    affix: bool,
    rule: u32,
    cue: u32,
}

/// The rules selected for one hit.
struct Rules<'a> {
    all: &'a [Rule],
    sel: &'a Selected,
}

impl Rules<'_> {
    /// The rules with these indexes.
    fn of<'b>(&'b self, idx: &'b [u32]) -> impl Iterator<Item = &'b Rule> + 'b {
        idx.iter().map(|&i| &self.all[i as usize])
    }

    fn contains(&self, rule: u32) -> bool {
        self.sel
            .mask
            .get(rule as usize / 64)
            .is_some_and(|m| m >> (rule % 64) & 1 == 1)
    }
}

/// Whether `text`, lowercased, begins with `prefix` (lowercase), without allocating.
fn starts_with_lower(text: &str, prefix: &str) -> bool {
    // Every hit's text is tested against every prefix rule: byte by byte while both are
    // ASCII (each byte then lowercases to one character), so a mismatch costs one compare.
    let t = text.as_bytes();
    for (i, &pc) in prefix.as_bytes().iter().enumerate() {
        let Some(&tc) = t.get(i) else {
            return false;
        };
        if !tc.is_ascii() || !pc.is_ascii() {
            return starts_with_lower_chars(text, prefix);
        }
        if tc.to_ascii_lowercase() != pc {
            return false;
        }
    }
    true
}

/// [`starts_with_lower`] character by character.
fn starts_with_lower_chars(text: &str, prefix: &str) -> bool {
    let mut lower = text.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| lower.next() == Some(p))
}
