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
use std::collections::HashMap;

use crate::lexicon::pattern::{self, Atom};
use crate::lexicon::SenseRule;
use crate::text::scan::Scan;
use crate::text::stem::{normalize_into, LangStemmer};
use crate::text::Lang;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Sense,
    Person,
    Work,
    Outlet,
    Harm,
    Prompt,
    Change,
}

impl Check {
    fn parse(s: &str) -> Option<Check> {
        Some(match s {
            "sense" => Check::Sense,
            "person" => Check::Person,
            "work" => Check::Work,
            "outlet" => Check::Outlet,
            "harm" => Check::Harm,
            "prompt" => Check::Prompt,
            "change" => Check::Change,
            _ => return None,
        })
    }

    fn is_target(self) -> bool {
        matches!(
            self,
            Check::Person | Check::Work | Check::Outlet | Check::Harm
        )
    }
}

#[derive(Debug)]
enum Selector {
    /// Every term of a praise category.
    Praise,
    /// Terms (or hit texts) beginning with this, lowercase.
    Prefix(String),
    /// One term, lowercase.
    Term(String),
}

#[derive(Debug)]
enum Word {
    /// A stem and its id in [`Senses::stem_ids`].
    Stem(String, u32),
    Prefix(String),
    Suffix(String),
}

#[derive(Debug)]
struct Cue {
    words: Vec<Word>,
    /// `gaps[k]`: words allowed before `words[k]`.
    gaps: Vec<u8>,
}

#[derive(Debug)]
struct Rule {
    sel: Selector,
    check: Check,
    cues: Vec<Cue>,
}

/// A word of the text as the checks see it.
struct Tok {
    /// Lowercase, hyphens kept.
    lower: String,
    /// Snowball stem (hyphens removed).
    stem: String,
    /// Id of the stem among the cue stems, or `u32::MAX`.
    sid: u32,
}

/// The compiled sense and target rules of one language.
pub(crate) struct Senses {
    lang: Lang,
    stemmer: LangStemmer,
    rules: Vec<Rule>,
    /// Indexes into `rules` by selector: praise rules, rules per term, prefix rules.
    praise_rules: Vec<usize>,
    term_rules: HashMap<String, Vec<usize>>,
    prefix_rules: Vec<usize>,
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
pub(crate) struct HitRef<'a> {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) term: &'a str,
    pub(crate) category: &'a str,
}

impl Senses {
    /// Compiles `rules` (already validated by the lexicon loader; a row that does not parse
    /// is skipped) with the `MODEL` slot as AI words.
    pub(crate) fn new(
        lang: Lang,
        rules: &[SenseRule],
        slots: &HashMap<String, Vec<String>>,
    ) -> Senses {
        let stemmer = LangStemmer::new(lang);
        let stem = |w: &str| {
            let mut n = String::new();
            normalize_into(w, &mut n);
            stemmer.stem(&n)
        };
        let mut out = Vec::new();
        let mut stem_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
        for r in rules {
            let Some(check) = Check::parse(&r.check) else {
                continue;
            };
            let Ok(seqs) = pattern::expand(&r.cue, &HashMap::new()) else {
                continue;
            };
            let cues = seqs
                .into_iter()
                .map(|s| Cue {
                    words: s
                        .atoms
                        .iter()
                        .map(|a| match a {
                            Atom::Word(w) => {
                                let st = stem(w);
                                let n = stem_ids.len() as u32;
                                let id = *stem_ids.entry(st.clone()).or_insert(n);
                                Word::Stem(st, id)
                            }
                            Atom::Prefix(p) => Word::Prefix(p.to_lowercase()),
                            Atom::Suffix(p) => Word::Suffix(p.to_lowercase()),
                        })
                        .collect(),
                    gaps: s.gaps,
                })
                .collect();
            let t = r.term.trim().to_lowercase();
            let sel = if t == "*" {
                Selector::Praise
            } else if let Some(p) = t.strip_suffix('*') {
                Selector::Prefix(p.to_owned())
            } else {
                Selector::Term(t)
            };
            out.push(Rule { sel, check, cues });
        }
        let mut ai_stems: Vec<String> = AI_WORDS.iter().map(|w| stem(w)).collect();
        let mut ai_prefixes = Vec::new();
        for m in slots.get("MODEL").into_iter().flatten() {
            // Model names ("Sora", "Gen-4*"); the slot's pronouns and phrases ("it", "the
            // model") are not names.
            let capital = m.chars().next().is_some_and(char::is_uppercase);
            if !capital || m.contains(' ') || m.starts_with('*') {
                continue;
            }
            match m.strip_suffix('*') {
                Some(p) => ai_prefixes.push(p.to_lowercase()),
                None => ai_stems.push(stem(m)),
            }
        }
        let (mut praise_rules, mut term_rules, mut prefix_rules) =
            (Vec::new(), HashMap::<String, Vec<usize>>::new(), Vec::new());
        for (i, r) in out.iter().enumerate() {
            match &r.sel {
                Selector::Praise => praise_rules.push(i),
                Selector::Term(t) => term_rules.entry(t.clone()).or_default().push(i),
                Selector::Prefix(_) => prefix_rules.push(i),
            }
        }
        Senses {
            lang,
            stemmer,
            rules: out,
            praise_rules,
            term_rules,
            prefix_rules,
            stem_ids,
            ai_stems,
            ai_prefixes,
        }
    }

    /// Whether there are any rules.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The reason the hit does not count, or `None` when it counts.
    pub(crate) fn check(&self, words: &mut Words<'_>, hit: &HitRef<'_>) -> Option<String> {
        let (text, sc) = (words.text, words.sc);
        let toks = &sc.tokens;
        let praise = PRAISE.contains(&hit.category);
        let term = lower_cow(hit.term);
        let hit_text = text
            .get(toks[hit.first].start as usize..toks[hit.last].end as usize)
            .unwrap_or("");
        let mut hit_lower: Option<String> = None;
        let mut idx: Vec<usize> = Vec::new();
        if praise {
            idx.extend_from_slice(&self.praise_rules);
        }
        if let Some(v) = self.term_rules.get(&*term) {
            idx.extend_from_slice(v);
        }
        for &i in &self.prefix_rules {
            let Selector::Prefix(p) = &self.rules[i].sel else {
                continue;
            };
            if term.starts_with(p.as_str())
                || hit_lower
                    .get_or_insert_with(|| hit_text.to_lowercase())
                    .starts_with(p.as_str())
            {
                idx.push(i);
            }
        }
        // In file order: within a check, the first rule that matches gives the reason.
        idx.sort_unstable();
        let rules: Vec<&Rule> = idx.iter().map(|&i| &self.rules[i]).collect();
        if rules.is_empty() {
            return None;
        }
        let sent = sc.sentences[toks[hit.first].sent as usize];
        let (s0, s1) = (sent.tok_start as usize, sent.tok_end as usize);
        // 1. Non-evaluative senses covering the hit.
        for r in rules.iter().filter(|r| r.check == Check::Sense) {
            for c in &r.cues {
                if let Some((a, b)) = words.covers(c, hit.first, hit.last, s0, s1) {
                    return Some(format!(
                        "not praise: `{}` is a non-evaluative sense",
                        words.span_text(a, b)
                    ));
                }
            }
        }

        // 2. The target of the praise.
        if rules.iter().any(|r| r.check.is_target()) {
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
        if rules.iter().any(|r| r.check == Check::Prompt) && self.in_prompt(words, &rules, hit) {
            return Some("not the author's praise: part of a prompt's text".to_owned());
        }

        // 4. A future-of term without a change predicate.
        let change: Vec<&&Rule> = rules.iter().filter(|r| r.check == Check::Change).collect();
        if !change.is_empty() {
            let lo = hit.first.saturating_sub(CHANGE_REACH).max(s0);
            let hi = (hit.last + CHANGE_REACH + 1).min(s1);
            let found = change.iter().any(|r| {
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
        rules: &[&Rule],
        hit: &HitRef<'_>,
        s0: usize,
        s1: usize,
    ) -> Option<(Check, usize, usize)> {
        let sc = words.sc;
        let toks = &sc.tokens;
        // Candidate head positions: the next words up to a stop word or clause end.
        let mut cands: Vec<usize> = Vec::new();
        let mut k = hit.last + 1;
        while k < s1 && k <= hit.last + TARGET_REACH {
            if toks[k - 1].clause_end {
                break;
            }
            let lower = words.tok(k).lower.clone();
            if NP_STOP.contains(&lower.as_str()) {
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
        let mut before: Vec<usize> = Vec::new();
        let lo = hit.first.saturating_sub(3).max(s0);
        if let Some(cop) = (lo..hit.first)
            .rev()
            .find(|&c| COPULA.contains(&words.tok(c).lower.as_str()))
        {
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
        for &k in &cands {
            if let Some(m) = self.target_at(words, rules, k, s0, s1) {
                found = Some(m);
            }
        }
        if found.is_none() {
            for &k in &before {
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

    fn target_at(
        &self,
        words: &mut Words<'_>,
        rules: &[&Rule],
        k: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(Check, usize, usize)> {
        for r in rules.iter().filter(|r| r.check.is_target()) {
            for c in &r.cues {
                if let Some(e) = words.match_from(c, k, s0, s1) {
                    return Some((r.check, k, e));
                }
                if self.lang == Lang::De && c.words.len() == 1 {
                    if let Word::Stem(s, _) = &c.words[0] {
                        if s.chars().count() >= 6 && words.tok(k).stem.ends_with(s.as_str()) {
                            return Some((r.check, k, k));
                        }
                    }
                }
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
        rules: &[&Rule],
        k: usize,
        hit: &HitRef<'_>,
    ) -> bool {
        let sc = words.sc;
        let toks = &sc.tokens;
        for r in rules.iter().filter(|r| r.check == Check::Prompt) {
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
    fn in_prompt(&self, words: &mut Words<'_>, rules: &[&Rule], hit: &HitRef<'_>) -> bool {
        let sc = words.sc;
        let text = words.text;
        let toks = &sc.tokens;
        let hit_start = toks[hit.first].start as usize;
        let line_start = text[..hit_start].rfind('\n').map_or(0, |p| p + 1);
        // A line that begins with a cue and a colon is a prompt to its end ("Prompt: ...",
        // over several sentences).
        let line_first = toks.partition_point(|t| (t.start as usize) < line_start);
        let lo = if line_first < hit.first && self.cue_then_colon(words, rules, line_first, hit) {
            return true;
        } else {
            hit.first.saturating_sub(PROMPT_REACH)
        };
        for k in (lo..hit.first).rev() {
            if (toks[k].start as usize) < line_start {
                break;
            }
            for r in rules.iter().filter(|r| r.check == Check::Prompt) {
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

/// Stems of the word forms the checks looked at (normalized form → Snowball stem), kept
/// across documents by the analyzer.
pub(crate) type StemCache = rustc_hash::FxHashMap<Box<str>, Box<str>>;

/// Cap on cached stems; past it the cache starts over, so memory stays flat.
const STEM_CACHE_CAP: usize = 100_000;

/// `s` lowercased, borrowed when it already is.
fn lower_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Lazily lowercased and stemmed words of one text, shared by the checks of all its hits.
pub(crate) struct Words<'a> {
    text: &'a str,
    sc: &'a Scan,
    stemmer: &'a LangStemmer,
    stem_ids: &'a rustc_hash::FxHashMap<String, u32>,
    stems: &'a mut StemCache,
    /// `slot[i]`: index of token `i` in `toks`, or `u32::MAX` before it is first needed.
    slot: Vec<u32>,
    toks: Vec<Tok>,
    buf: String,
}

impl<'a> Words<'a> {
    /// Words of `text` (scanned as `sc`), stemmed with the rules' stemmer.
    pub(crate) fn new(
        text: &'a str,
        sc: &'a Scan,
        senses: &'a Senses,
        stems: &'a mut StemCache,
    ) -> Self {
        if stems.len() > STEM_CACHE_CAP {
            stems.clear();
        }
        Words {
            text,
            sc,
            stemmer: &senses.stemmer,
            stem_ids: &senses.stem_ids,
            stems,
            slot: Vec::new(),
            toks: Vec::new(),
            buf: String::new(),
        }
    }

    fn tok(&mut self, i: usize) -> &Tok {
        if self.slot.is_empty() {
            self.slot = vec![u32::MAX; self.sc.tokens.len()];
        }
        let s = self.slot[i];
        if s != u32::MAX {
            return &self.toks[s as usize];
        }
        let w = self.text.get(self.sc.tokens[i].range()).unwrap_or("");
        let mut lower = String::with_capacity(w.len());
        if w.is_ascii() {
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            for c in w.chars() {
                match c {
                    '\u{00AD}' => {}
                    '\u{2019}' | '\u{02BC}' => lower.push('\''),
                    '\u{2010}' | '\u{2011}' => lower.push('-'),
                    c => lower.extend(c.to_lowercase()),
                }
            }
        }
        normalize_into(w, &mut self.buf);
        let stem = match self.stems.get(self.buf.as_str()) {
            Some(s) => String::from(&**s),
            None => {
                let s = self.stemmer.stem(&self.buf);
                self.stems
                    .insert(self.buf.as_str().into(), s.as_str().into());
                s
            }
        };
        self.slot[i] = self.toks.len() as u32;
        let sid = self.stem_ids.get(&stem).copied().unwrap_or(u32::MAX);
        self.toks.push(Tok { lower, stem, sid });
        &self.toks[self.toks.len() - 1]
    }

    fn capitalized(&self, i: usize) -> bool {
        self.text
            .get(self.sc.tokens[i].range())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    fn is(&mut self, w: &Word, i: usize) -> bool {
        let t = self.tok(i);
        match w {
            Word::Stem(_, id) => t.sid == *id,
            Word::Prefix(p) => t.lower.starts_with(p.as_str()),
            Word::Suffix(p) => t.lower.ends_with(p.as_str()),
        }
    }

    fn span_text(&self, a: usize, b: usize) -> String {
        let toks = &self.sc.tokens;
        self.text
            .get(toks[a].start as usize..toks[b].end as usize)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Matches cue `c` with its first word at token `k` (tokens `s0..s1` of one sentence);
    /// returns the last token.
    fn match_from(&mut self, c: &Cue, k: usize, s0: usize, s1: usize) -> Option<usize> {
        if k < s0 || k >= s1 || !self.is(&c.words[0], k) {
            return None;
        }
        let mut pos = k;
        for (w, &gap) in c.words.iter().zip(&c.gaps).skip(1) {
            let hi = (pos + 2 + usize::from(gap)).min(s1);
            pos = (pos + 1..hi).find(|&j| self.is(w, j))?;
        }
        Some(pos)
    }

    /// Matches cue `c` so that one of its words falls on a token of the hit `first..=last`;
    /// returns the matched token span.
    fn covers(
        &mut self,
        c: &Cue,
        first: usize,
        last: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(usize, usize)> {
        let n = c.words.len();
        for anchor in 0..n {
            for t in first..=last {
                if !self.is(&c.words[anchor], t) {
                    continue;
                }
                // Backwards to the first word.
                let mut start = Some(t);
                let mut pos = t;
                for q in (0..anchor).rev() {
                    let gap = usize::from(c.gaps[q + 1]);
                    let lo = pos.saturating_sub(1 + gap).max(s0);
                    match (lo..pos).rev().find(|&j| self.is(&c.words[q], j)) {
                        Some(j) => pos = j,
                        None => {
                            start = None;
                            break;
                        }
                    }
                }
                let Some(a) = start.map(|_| pos) else {
                    continue;
                };
                // Forwards to the last word.
                let mut pos = t;
                let mut ok = true;
                for q in anchor + 1..n {
                    let hi = (pos + 2 + usize::from(c.gaps[q])).min(s1);
                    match (pos + 1..hi).find(|&j| self.is(&c.words[q], j)) {
                        Some(j) => pos = j,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    return Some((a, pos));
                }
            }
        }
        None
    }
}
