//! Claims: what a text asserts about a model, and whether benchmark data bears it out.
//!
//! Owns claim extraction ([`extract`]) and verification ([`verify`]), and the claim cue words
//! (`data/claim-cues.tsv`, compiled in, overridable by path). Takes the analyzed text (the
//! analyzer's sentences and its stance rules), the model mentions of the whole document (found
//! once by [`Registry::find_mentions_at`]), the measured outcomes ([`Benchmarks`]) and the date
//! the text speaks from. Hands on [`Judged`] claims: subject, rivals, relation, dimension,
//! polarity, stance, and a verdict with the evidence rows that decided it.
//!
//! Only sentences that mention a model are looked at, so the cost follows the number of model
//! mentions, not the length of the text. The words are data; the grammar (who is the subject,
//! who the rival, which dimension) is code, because it is the same for every word.
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Serialize;

use crate::analyze::{Analysis, Stance};
use crate::benchmarks::{Benchmarks, Dimension};
use crate::models::{Mention, Registry, Resolution};
use crate::problem::{join_problems, Problem};
use crate::text::tokens::Token;

mod cue_match;
mod cues;
pub mod extract;
mod grammar;
mod marks;
pub mod rules;
pub mod verify;
mod words;

pub use cues::Cues;
pub use verify::{Evidence, Judgment, Later, Stale, Verdict, DEFAULT_MAX_EVIDENCE_AGE};

/// The claim cues shipped with hypecheck, embedded at compile time.
pub const SHIPPED_CUES: &str = include_str!("../../data/claim-cues.tsv");
/// The label used in messages about the shipped claim cues.
pub const SHIPPED_CUES_LABEL: &str = "data/claim-cues.tsv";

/// Errors of the claims module.
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    /// The cue file could not be read.
    #[error("could not read `{path}`: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The cue file has malformed lines.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

/// What a claim asserts about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The best (or worst) of all: "das beste KI-Videomodell", "unmatched".
    Superlative,
    /// Better than the rivals: "besser als Veo 3.1", "beats Kling".
    BetterThan,
    /// Worse than the rivals: "fällt … ab", "trails".
    WorseThan,
    /// Has a property: "native audio", "clips up to 25 seconds", "in 4K", "available in the EU".
    Capability,
    /// Replaces people or an industry: "Hollywood kann einpacken".
    Replacement,
}

impl Relation {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Superlative => "superlative",
            Relation::BetterThan => "better-than",
            Relation::WorseThan => "worse-than",
            Relation::Capability => "capability",
            Relation::Replacement => "replacement",
        }
    }
}

/// Whether the claim speaks for or against its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Favourable: best, better, has audio, cheap.
    Positive,
    /// Unfavourable: worst, worse, no audio, not available, expensive.
    Negative,
}

impl Polarity {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

/// Where the rivals of a comparison came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectsFrom {
    /// Named in the sentence.
    Sentence,
    /// "All others" ("besser als alle anderen", superlatives).
    All,
    /// "The predecessor": the family's previous base model.
    Predecessor,
    /// Not named in the sentence: the models of the up to three sentences before it
    /// ("Sora 2 dagegen fällt ab" after a list of rivals).
    Context,
    /// No rival (capabilities, replacements), or none could be found.
    None,
}

/// The quantity a capability claim names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "kebab-case")]
pub enum Quantity {
    /// Clip length in seconds.
    Seconds(f64),
    /// Vertical resolution in lines (4K = 2160).
    Lines(u32),
}

/// The model a claim is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// Registry id; `None` for an unknown version or an unresolved family.
    pub id: Option<String>,
    /// The name as written.
    pub text: String,
    /// How the mention was tied to the model.
    pub resolution: Resolution,
    /// Byte span of the mention in the analyzed text.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A claim found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The model the claim is about.
    pub subject: Subject,
    /// Registry ids of the rivals, or `["all"]`.
    pub objects: Vec<String>,
    /// Where the rivals came from.
    pub objects_from: ObjectsFrom,
    /// What the claim asserts (best, better than, can do, replaces).
    pub relation: Relation,
    /// What the claim is about (overall, physics, price, …).
    pub dimension: Dimension,
    /// For or against the subject.
    pub polarity: Polarity,
    /// The author's stance toward the claim (the analyzer's rules applied to the cue).
    pub stance: Stance,
    /// Why that stance.
    #[serde(rename = "stance_reason")]
    pub reason: String,
    /// The words that make it a claim ("besser als", "stabilsten", "native audio").
    pub cue: String,
    /// A number the claim names (clip length, resolution).
    pub quantity: Option<Quantity>,
    /// A region an access claim names ("Europa", "EU").
    pub region: Option<String>,
    /// An absolute quality word ("perfekt", "flawless").
    pub absolute: bool,
    /// Byte span of the sentence in the analyzed text.
    #[serde(skip)]
    pub sentence: Range<usize>,
    /// Byte span from the first to the last word of subject and cue.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Claim {
    /// True when the author makes the claim (endorsed or hedged), not someone quoted, negated
    /// or asked about.
    pub fn is_authors(&self) -> bool {
        self.stance.counts()
    }
}

/// A claim with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
    /// Its verdict, the reason and the evidence. Shared: news repeats the same claims, and
    /// the verdict memo hands out the judgment it keeps rather than a copy.
    #[serde(flatten)]
    pub judgment: Arc<Judgment>,
}

/// Everything claim checking needs, loaded once and reused for many documents.
#[derive(Debug)]
pub struct Checker<'a> {
    registry: &'a Registry,
    benchmarks: &'a Benchmarks,
    cues: &'a Cues,
    /// Matches the first word of every model name and prefix: sentences without a match cannot
    /// hold a mention, so mention finding runs only on the others.
    prefilter: Option<regex::bytes::Regex>,
    /// The same first words as a set, when all are ASCII: a loop over the letter runs of the
    /// analyzer's tokens finds the same candidates as the regex, several times faster.
    firsts: Option<FirstWords>,
    /// Verdicts by claim and date: news repeats the same claims, and a verdict is a pure
    /// function of them.
    memo: Mutex<HashMap<MemoKey, Arc<Judgment>>>,
    /// Evidence older than this many days before the date judged makes a verdict stale.
    max_evidence_age: u32,
    /// Judgments kept in `memo` before it is cleared.
    memo_limit: usize,
    /// The words that can begin a name or make a claim, marked by the analyzer when asked
    /// ([`Checker::token_marks`]).
    marks: Arc<marks::ClaimMarks>,
}

/// Judgments a [`Checker`] keeps by default before it clears its memo.
pub const DEFAULT_MEMO_LIMIT: usize = 100_000;

/// What a verdict depends on: the claim's fields that verification reads, and the date.
/// Built without formatting; quantities by their bits (equal bits, equal verdict).
#[derive(Debug, PartialEq, Eq, Hash)]
struct MemoKey {
    date: NaiveDate,
    id: Option<String>,
    text: String,
    objects: Vec<String>,
    relation: Relation,
    dimension: Dimension,
    polarity: Polarity,
    quantity: Option<(bool, u64)>,
    region: Option<String>,
    absolute: bool,
}

impl MemoKey {
    fn of(claim: &Claim, date: NaiveDate) -> MemoKey {
        MemoKey {
            date,
            id: claim.subject.id.clone(),
            text: claim.subject.text.clone(),
            objects: claim.objects.clone(),
            relation: claim.relation,
            dimension: claim.dimension,
            polarity: claim.polarity,
            quantity: claim.quantity.map(|q| match q {
                Quantity::Seconds(s) => (false, s.to_bits()),
                Quantity::Lines(l) => (true, u64::from(l)),
            }),
            region: claim.region.clone(),
            absolute: claim.absolute,
        }
    }
}

impl<'a> Checker<'a> {
    /// Prepares claim checking with these data.
    pub fn new(registry: &'a Registry, benchmarks: &'a Benchmarks, cues: &'a Cues) -> Self {
        let words = first_words(registry);
        let mut firsts = words.clone();
        firsts.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let alternation: Vec<String> = firsts.iter().map(|f| regex::escape(f)).collect();
        // A name's first letter run must stand alone: "Gen-4" and "Sora2" match, "generiert"
        // does not. ASCII classes only, so the regex runs as a DFA in one pass over the text.
        let prefilter =
            regex::bytes::Regex::new(&format!(r"(?i-u)(?:^|[^a-z])(?:{})", alternation.join("|")))
                .ok();
        let firsts = FirstWords::new(&firsts);
        let marks = Arc::new(marks::ClaimMarks::new(&words, firsts.clone(), cues));
        Checker {
            registry,
            benchmarks,
            cues,
            prefilter,
            firsts,
            marks,
            memo: Mutex::new(HashMap::default()),
            max_evidence_age: DEFAULT_MAX_EVIDENCE_AGE,
            memo_limit: DEFAULT_MEMO_LIMIT,
        }
    }

    /// Flags verdicts whose newest evidence is more than `days` older than the date judged
    /// (default [`DEFAULT_MAX_EVIDENCE_AGE`]).
    pub fn with_max_evidence_age(mut self, days: u32) -> Self {
        self.max_evidence_age = days;
        if let Ok(m) = self.memo.get_mut() {
            m.clear();
        }
        self
    }

    /// Keeps at most `n` judgments in the memo of (claim, date) → judgment. A long stream
    /// (`analyze --input`) sets a small limit per worker, so its memory stays flat however
    /// many dates and claims it meets; a report keeps the default.
    pub fn set_memo_limit(&mut self, n: usize) {
        self.memo_limit = n;
    }

    /// The marks to hand to the analyzer ([`crate::analyze::Analyzer::set_token_marks`]) whose
    /// analyses this checker reads: it then reads only the sentences whose words can begin a
    /// model name and make a claim, and finds them without reading the text again. Results
    /// are the same with or without.
    pub fn token_marks(&self) -> Arc<dyn crate::analyze::TokenMarks> {
        self.marks.clone()
    }

    /// Finds the claims in `text` (already analyzed as `analysis`) and judges each as of
    /// `date`. Model mentions are found once per document, in the sentences that can hold one.
    pub fn check(&self, text: &str, analysis: &Analysis, date: NaiveDate) -> Vec<Judged> {
        let mentions = self.mentions(text, analysis, date);
        if mentions.is_empty() {
            return Vec::new();
        }
        let marked = self.marked(text, analysis).map(|(_, sentences)| sentences);
        extract::extract(self.cues, self.registry, text, analysis, &mentions, marked)
            .into_iter()
            .map(|claim| {
                let key = MemoKey::of(&claim, date);
                let cached = self.memo.lock().ok().and_then(|m| m.get(&key).cloned());
                let judgment = cached.unwrap_or_else(|| {
                    let j = Arc::new(verify::verify_with_age(
                        &claim,
                        self.benchmarks,
                        date,
                        self.max_evidence_age,
                    ));
                    if let Ok(mut m) = self.memo.lock() {
                        if m.len() >= self.memo_limit {
                            m.clear();
                        }
                        m.insert(key, j.clone());
                    }
                    j
                });
                Judged { claim, judgment }
            })
            .collect()
    }

    /// The classes of `analysis` per token and per sentence when they hold this checker's
    /// marks ([`Checker::token_marks`]) for all of `text`.
    fn marked<'b>(&self, text: &str, analysis: &'b Analysis) -> Option<(&'b [u32], &'b [u32])> {
        analysis
            .marked(crate::analyze::TokenMarks::id(&*self.marks))
            // The analyzer's tokens stop at 4 GiB.
            .filter(|_| text.len() <= u32::MAX as usize)
    }

    /// Mentions in the sentences that can hold one (and are short enough to be read for
    /// claims), found in one pass over those sentences joined, so a bare "Sora" still resolves
    /// to the "Sora 2" named sentences before.
    fn mentions(&self, text: &str, analysis: &Analysis, date: NaiveDate) -> Vec<Mention> {
        self.mentions_with(text, analysis, date, true)
    }

    /// [`Checker::mentions`]; with `from_starts` false, mention finding reads every token of
    /// the joined sentences instead of starting from the prefilter's candidates (the oracle
    /// for tests).
    fn mentions_with(
        &self,
        text: &str,
        analysis: &Analysis,
        date: NaiveDate,
        from_starts: bool,
    ) -> Vec<Mention> {
        let Some(pre) = &self.prefilter else {
            return self.registry.find_mentions_at(text, Some(date));
        };
        // Sentences holding a candidate name: one pass over the whole text.
        let sentences = &analysis.sentences;
        let mut candidate = vec![false; sentences.len()];
        // Where the candidates start, when the fast scan found them (in text order).
        let mut starts: Option<Vec<usize>> = None;
        let mut mark = |at: usize| {
            let i = sentences.partition_point(|s| s.end <= at);
            if let Some(c) = candidate.get_mut(i) {
                *c |= sentences[i].start <= at;
            }
        };
        let tokenized = analysis.tokenized();
        let tokens = &tokenized.tokens;
        let marked = self
            .marked(text, analysis)
            .filter(|_| self.marks.marks_names());
        if let (Some(firsts), Some((classes, sentence_classes))) = (&self.firsts, marked) {
            // The analyzer marked the tokens holding a first word: only those are read.
            let mut at_starts = Vec::new();
            for (s, _) in tokenized
                .sentences
                .iter()
                .zip(sentence_classes)
                .filter(|(_, c)| marks::has(**c, marks::NAME))
            {
                let range = s.tok_start as usize..s.tok_end as usize;
                for (t, _) in tokens[range.clone()]
                    .iter()
                    .zip(&classes[range])
                    .filter(|(_, c)| marks::has(**c, marks::NAME))
                {
                    firsts.for_each_in_tokens(text.as_bytes(), std::slice::from_ref(t), |at| {
                        mark(at);
                        at_starts.push(at);
                    });
                }
            }
            starts = Some(at_starts);
        } else if let Some(firsts) = &self.firsts {
            if text.len() <= u32::MAX as usize {
                let mut at_starts = Vec::new();
                firsts.for_each_in_tokens(text.as_bytes(), tokens, |at| {
                    mark(at);
                    at_starts.push(at);
                });
                starts = Some(at_starts);
            } else {
                // The analyzer's tokens stop at 4 GiB.
                firsts.for_each(text.as_bytes(), &mut mark);
            }
        } else {
            for m in pre.find_iter(text.as_bytes()) {
                if text
                    .as_bytes()
                    .get(m.end())
                    .is_some_and(u8::is_ascii_alphabetic)
                {
                    continue;
                }
                let at = if text.as_bytes()[m.start()].is_ascii_alphabetic() {
                    m.start()
                } else {
                    m.start() + 1
                };
                mark(at);
            }
        }
        let mut joined = String::with_capacity(text.len().min(1 << 16));
        // Per sentence joined: where it starts in `joined`, and its range in `text`.
        let mut segs: Vec<(usize, Range<usize>)> = Vec::new();
        for (s, _) in sentences.iter().zip(&candidate).filter(|(_, c)| **c) {
            if s.len() > extract::MAX_SENTENCE_BYTES {
                continue;
            }
            let Some(sentence) = text.get(s.clone()) else {
                continue;
            };
            if !joined.is_empty() {
                joined.push_str("\n\n");
            }
            segs.push((joined.len(), s.clone()));
            joined.push_str(sentence);
        }
        if joined.is_empty() {
            return Vec::new();
        }
        let found = starts
            .filter(|_| from_starts)
            .and_then(|starts| joined_starts(text.as_bytes(), &segs, &starts))
            .and_then(|starts| {
                self.registry
                    .find_mentions_from(&joined, &starts, Some(date))
            });
        let mut mentions =
            found.unwrap_or_else(|| self.registry.find_mentions_at(&joined, Some(date)));
        for m in &mut mentions {
            let i = segs
                .partition_point(|(j, _)| *j <= m.start)
                .saturating_sub(1);
            let (j, orig) = (segs[i].0, segs[i].1.start);
            m.start = m.start - j + orig;
            m.end = m.end - j + orig;
        }
        mentions
    }
}

/// The candidate starts of `starts` (in `text`, ascending) that lie in the sentences joined
/// (`segs`: where each starts in the joined text, and its range in `text`), as offsets in the
/// joined text. A run of ASCII letters of the joined text is then a run of the text, found by
/// the prefilter when it is a name's first word: `None` when a sentence's edge cuts a run of
/// letters, and the runs could differ.
fn joined_starts(
    text: &[u8],
    segs: &[(usize, Range<usize>)],
    starts: &[usize],
) -> Option<Vec<usize>> {
    let letter = |i: usize| text.get(i).is_some_and(u8::is_ascii_alphabetic);
    let cuts = |at: usize| at > 0 && letter(at - 1) && letter(at);
    if segs.iter().any(|(_, r)| cuts(r.start) || cuts(r.end)) {
        return None;
    }
    let mut out = Vec::with_capacity(starts.len());
    let mut k = 0;
    for &at in starts {
        while k < segs.len() && segs[k].1.end <= at {
            k += 1;
        }
        let Some((j, r)) = segs.get(k) else { break };
        if r.start <= at {
            out.push(at - r.start + j);
        }
    }
    Some(out)
}

/// The first letter run of every model name, alias, prefix and id, lower-cased, each once.
fn first_words(registry: &Registry) -> Vec<String> {
    let mut firsts: Vec<String> = Vec::new();
    for m in registry.entries() {
        for name in m.aliases.iter().chain(&m.prefixes).chain([&m.name, &m.id]) {
            let first: String = name
                .chars()
                .skip_while(|c| !c.is_alphabetic())
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            if !first.is_empty() && !firsts.contains(&first) {
                firsts.push(first);
            }
        }
    }
    firsts
}

/// The first letter runs of all model names, all ASCII, lower-cased. A run of ASCII letters in
/// the text that equals one of them is a candidate: exactly what the prefilter regex finds (it
/// starts after a non-letter byte, takes the longest alternative and is dropped when a letter
/// follows), without running a DFA over every byte.
#[derive(Debug, Clone)]
struct FirstWords {
    /// First words by (first letter, length): slot `(b - b'a') * (max_len + 1) + len`.
    slots: Vec<Vec<Box<[u8]>>>,
    max_len: usize,
    /// One bit per [`FirstWords::head`] of a first word.
    heads: [u64; HEAD_WORDS],
    /// The first words of up to eight letters as little-endian integers (lower case).
    short: rustc_hash::FxHashSet<u64>,
}

impl FirstWords {
    fn new(firsts: &[String]) -> Option<FirstWords> {
        if firsts.is_empty()
            || firsts
                .iter()
                .any(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return None;
        }
        let max_len = firsts.iter().map(String::len).max().unwrap_or(0);
        let mut slots: Vec<Vec<Box<[u8]>>> = vec![Vec::new(); 26 * (max_len + 1)];
        let mut heads = [0u64; HEAD_WORDS];
        for f in firsts {
            let b = f.as_bytes();
            slots[usize::from(b[0] - b'a') * (max_len + 1) + b.len()].push(b.into());
            let k = Self::head(b);
            heads[k >> 6] |= 1 << (k & 63);
        }
        let short = firsts
            .iter()
            .filter(|f| f.len() <= 8)
            .map(|f| {
                let mut eight = [0u8; 8];
                eight[..f.len()].copy_from_slice(f.as_bytes());
                u64::from_le_bytes(eight)
            })
            .collect();
        Some(FirstWords {
            slots,
            max_len,
            heads,
            short,
        })
    }

    /// Calls `f` with the start of every run of ASCII letters that is a first word, reading
    /// only the bytes of `tokens` (the analyzer's word tokens of `b`). Every ASCII letter lies
    /// in a token, and a token ends only where a letter run ends, so the runs inside the tokens
    /// are the runs of the text: the same calls as [`FirstWords::for_each`], without stepping
    /// over spaces and punctuation. A run is compared with the first words only when its
    /// first two letters begin one.
    fn for_each_in_tokens(&self, b: &[u8], tokens: &[Token], mut f: impl FnMut(usize)) {
        for t in tokens {
            let (mut i, end) = (t.start as usize, (t.end as usize).min(b.len()));
            // Most tokens are one run of at most eight ASCII letters: read as one integer and
            // tested at once, the run is the token, and its head comes from the same integer.
            let len = end.wrapping_sub(i);
            if (1..=8).contains(&len) {
                if let Some(eight) = b.get(i..i + 8) {
                    let word = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
                    if ascii_letters(word, len) {
                        let k = Self::head_of_letters(word, len);
                        debug_assert_eq!(k, Self::head(&b[i..end]));
                        if self.heads[k >> 6] >> (k & 63) & 1 == 1 {
                            // Letters folded to lower case, the bytes after the token cleared.
                            let lower = (word | 0x2020_2020_2020_2020) & low_bytes(len);
                            let first = self.short.contains(&lower);
                            debug_assert_eq!(first, self.is_first(&b[i..end]));
                            if first {
                                f(i);
                            }
                        }
                        continue;
                    }
                }
            }
            while i < end {
                if !b[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                while i < end && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let run = &b[start..i];
                if self.may_start(run) && self.is_first(run) {
                    f(start);
                }
            }
        }
    }

    /// The first two letters of a run of ASCII letters (or its one letter), lower-cased, and
    /// its length (15 for any longer), as a number below `26 * 27 * 16`. The length sets
    /// "so" and "sora" apart, which share their first letters.
    fn head(run: &[u8]) -> usize {
        let letter = |b: u8| usize::from((b | 0x20).wrapping_sub(b'a')).min(25);
        let first = run.first().map_or(0, |&b| letter(b));
        let second = run.get(1).map_or(26, |&b| letter(b));
        (first * 27 + second) * 16 + run.len().min(15)
    }

    /// [`FirstWords::head`] of a run of `len` (1 to 8) ASCII letters read as one
    /// little-endian integer: no clamping, the bytes are known to be letters.
    fn head_of_letters(word: u64, len: usize) -> usize {
        let letter = |b: u64| ((b & 0xff) | 0x20) as usize - usize::from(b'a');
        let second = if len >= 2 { letter(word >> 8) } else { 26 };
        (letter(word) * 27 + second) * 16 + len
    }

    /// False when no first word begins with the first two letters of `run` and has its
    /// length: one bit test that most words of a text fail.
    fn may_start(&self, run: &[u8]) -> bool {
        let k = Self::head(run);
        self.heads[k >> 6] >> (k & 63) & 1 == 1
    }

    /// True when `run` (ASCII letters, at least one) is one of the first words.
    fn is_first(&self, run: &[u8]) -> bool {
        let len = run.len();
        if len > self.max_len {
            return false;
        }
        let slot = usize::from(run[0].to_ascii_lowercase() - b'a') * (self.max_len + 1) + len;
        self.slots[slot].iter().any(|w| w.eq_ignore_ascii_case(run))
    }

    /// Calls `f` with the start of every run of ASCII letters that is a first word.
    fn for_each(&self, b: &[u8], mut f: impl FnMut(usize)) {
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if self.is_first(&b[start..i]) {
                f(start);
            }
        }
    }
}

/// Words of the bit set of [`FirstWords::head`]s.
const HEAD_WORDS: usize = (26 * 27 * 16usize).div_ceil(64);

/// The low `len` bytes of a `u64` set (`len` is 1 to 8: the shift stays below 64).
fn low_bytes(len: usize) -> u64 {
    u64::MAX >> (64 - 8 * len.clamp(1, 8))
}

/// True when the first `len` bytes (1 to 8) of `word` (little-endian) are all ASCII letters:
/// every byte, folded to lower case, lies in `a..=z`. One test for all bytes at once; a byte's
/// low seven bits plus a constant stay below 256, so no byte carries into the next.
fn ascii_letters(word: u64, len: usize) -> bool {
    const BYTES: u64 = 0x0101_0101_0101_0101;
    let used = low_bytes(len);
    let high = (BYTES * 0x80) & used;
    let folded = word | (BYTES * 0x20);
    let low7 = folded & (BYTES * 0x7f);
    let at_least_a = (low7 + BYTES * (0x80 - u64::from(b'a'))) & high;
    let past_z = (low7 + BYTES * (0x80 - u64::from(b'z') - 1)) & high;
    let non_ascii = folded & high;
    at_least_a & !past_z & !non_ascii == high
}

/// The publication date a document states about itself: a `date:` / `published:` line in
/// Markdown front matter, or an HTML `article:published_time` / `datePublished` / `<time
/// datetime>` value. Looks at the first 8 KB only.
pub fn document_date(source: &str) -> Option<NaiveDate> {
    let head =
        &source[..crate::text::position::floor_char_boundary(source, source.len().min(8192))];
    if let Some(rest) = head.strip_prefix("---") {
        for line in rest.lines().skip(1) {
            let line = line.trim();
            if line == "---" {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if matches!(
                key.trim().to_ascii_lowercase().as_str(),
                "date" | "published" | "pubdate" | "datum"
            ) {
                if let Some(d) = date_prefix(value.trim().trim_matches(['"', '\''])) {
                    return Some(d);
                }
            }
        }
    }
    for key in [
        "article:published_time",
        "datePublished",
        "<time datetime=",
        "name=\"date\"",
    ] {
        let Some(at) = head.find(key) else { continue };
        let after = &head[at + key.len()..];
        let digits = after.find(|c: char| c.is_ascii_digit())?;
        if digits > 40 {
            continue;
        }
        if let Some(d) = date_prefix(&after[digits..]) {
            return Some(d);
        }
    }
    None
}

fn date_prefix(s: &str) -> Option<NaiveDate> {
    crate::dates::parse_ymd(s.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_first_words() -> &'static FirstWords {
        static FIRSTS: std::sync::LazyLock<FirstWords> = std::sync::LazyLock::new(|| {
            let registry = Registry::shipped().unwrap_or_else(|e| panic!("{e}"));
            FirstWords::new(&first_words(&registry))
                .unwrap_or_else(|| panic!("shipped first words are ASCII"))
        });
        &FIRSTS
    }

    #[test]
    fn ascii_letters_tests_every_byte() {
        let letters = |w: &str| {
            let mut eight = [b' '; 8];
            eight[..w.len()].copy_from_slice(w.as_bytes());
            ascii_letters(u64::from_le_bytes(eight), w.len())
        };
        for w in ["a", "Sora", "zZ", "ABCDEFGH", "abcdefgh"] {
            assert!(letters(w), "{w}");
        }
        for w in [
            "sora2", "@", "[", "`", "{", "über", "Gen-4", "a b", "abcdefg_", "\u{7f}",
        ] {
            assert!(!letters(w), "{w}");
        }
    }

    proptest::proptest! {
        /// Mentions found from the prefilter's candidates are the mentions found by reading
        /// every token of the sentences joined.
        #[test]
        fn mentions_from_starts_match_reading_every_token(
            parts in proptest::collection::vec(crate::models::tests::real_world_text(), 1..6),
        ) {
            type Data = (Registry, Benchmarks, Cues, std::sync::Arc<crate::lexicon::LexiconSet>);
            static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(|| {
                let registry = Registry::shipped().unwrap_or_else(|e| panic!("{e}"));
                let benchmarks = Benchmarks::shipped(&registry).unwrap_or_else(|e| panic!("{e}"));
                let cues = Cues::shipped().unwrap_or_else(|e| panic!("{e}"));
                let lex = crate::lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
                (registry, benchmarks, cues, std::sync::Arc::new(lex))
            });
            static CHECKER: std::sync::LazyLock<Checker<'static>> =
                std::sync::LazyLock::new(|| Checker::new(&DATA.0, &DATA.1, &DATA.2));
            let checker = &*CHECKER;
            // Sentences: the generated text has few sentence ends of its own.
            let text = parts.join(". ");
            static ANALYZER: std::sync::LazyLock<Mutex<crate::analyze::Analyzer>> =
                std::sync::LazyLock::new(|| Mutex::new(crate::analyze::Analyzer::new(DATA.3.clone())));
            let analysis = ANALYZER
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .analyze(&text, &crate::analyze::Options::default());
            let date = NaiveDate::from_ymd_opt(2026, 8, 10).unwrap_or_default();
            proptest::prop_assert_eq!(
                checker.mentions_with(&text, &analysis, date, true),
                checker.mentions_with(&text, &analysis, date, false)
            );
        }

        /// The claims of an analysis made with the checker's token marks (which let it skip
        /// sentences and tokens) are the claims of one made without them.
        #[test]
        fn claims_with_token_marks_match_claims_without(
            parts in proptest::collection::vec(crate::models::tests::real_world_text(), 1..6),
            de in proptest::bool::ANY,
        ) {
            let checker = &*marks_tests::CHECKER;
            let text = parts.join(". ");
            let opts = crate::analyze::Options {
                lang: Some(if de { crate::text::Lang::De } else { crate::text::Lang::En }),
                ..Default::default()
            };
            let date = NaiveDate::from_ymd_opt(2026, 8, 10).unwrap_or_default();
            let [plain, marked] = [&marks_tests::PLAIN, &marks_tests::MARKED].map(|a| {
                let a = a.lock().unwrap_or_else(std::sync::PoisonError::into_inner).analyze(&text, &opts);
                serde_json::to_string(&checker.check(&text, &a, date)).unwrap_or_default()
            });
            proptest::prop_assert_eq!(plain, marked);
        }

        /// The prefilter over the analyzer's tokens finds the same first words as the scan
        /// over all bytes.
        #[test]
        fn first_words_in_tokens_match_the_byte_scan(
            text in crate::models::tests::real_world_text(),
        ) {
            let firsts = shipped_first_words();
            let tokens = crate::text::tokens::tokenize(&text);
            let (mut by_tokens, mut by_bytes) = (Vec::new(), Vec::new());
            firsts.for_each_in_tokens(text.as_bytes(), &tokens.tokens, |at| by_tokens.push(at));
            firsts.for_each(text.as_bytes(), |at| by_bytes.push(at));
            proptest::prop_assert_eq!(by_tokens, by_bytes);
        }
    }

    /// A checker and two analyzers, one with its token marks and one without.
    mod marks_tests {
        use super::*;
        use crate::analyze::Analyzer;

        type Data = (Registry, Benchmarks, Cues, Arc<crate::lexicon::LexiconSet>);
        pub(super) static DATA: std::sync::LazyLock<Data> = std::sync::LazyLock::new(|| {
            let registry = Registry::shipped().unwrap_or_else(|e| panic!("{e}"));
            let benchmarks = Benchmarks::shipped(&registry).unwrap_or_else(|e| panic!("{e}"));
            let cues = Cues::shipped().unwrap_or_else(|e| panic!("{e}"));
            let lex = crate::lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
            (registry, benchmarks, cues, Arc::new(lex))
        });
        pub(super) static CHECKER: std::sync::LazyLock<Checker<'static>> =
            std::sync::LazyLock::new(|| Checker::new(&DATA.0, &DATA.1, &DATA.2));
        pub(super) static PLAIN: std::sync::LazyLock<Mutex<Analyzer>> =
            std::sync::LazyLock::new(|| Mutex::new(Analyzer::new(DATA.3.clone())));
        pub(super) static MARKED: std::sync::LazyLock<Mutex<Analyzer>> =
            std::sync::LazyLock::new(|| {
                let mut a = Analyzer::new(DATA.3.clone());
                a.set_token_marks(Some(CHECKER.token_marks()));
                Mutex::new(a)
            });

        fn claims(analyzer: &Mutex<Analyzer>, text: &str) -> Vec<String> {
            let a = analyzer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .analyze(text, &crate::analyze::Options::default());
            let date = NaiveDate::from_ymd_opt(2026, 8, 10).unwrap_or_default();
            CHECKER
                .check(text, &a, date)
                .iter()
                .map(|j| {
                    format!(
                        "{} {:?} {:?}",
                        j.claim.subject.text, j.claim.relation, j.claim.stance
                    )
                })
                .collect()
        }

        #[test]
        fn marks_keep_every_claim_in_both_languages() {
            for text in [
                "Sora 2 ist heute erschienen. Es ist das beste Modell. Veo 3 liefert Clips bis zu 8 Sekunden in 4K.",
                "Kling 2.1 kam gestern. Veo 3 schlägt Sora 2 bei der Physik, sagt der Hersteller.",
                "Sora 2 launched today. It is the most realistic model yet. Veo 3 makes clips of up to 8 seconds.",
                "Runway Gen-4 outperforms Pika 2.2, while Veo 3 has native audio. Wan 2.2 was released.",
                "Veo 3 ist das schnellste Modell; Sora 2 hat 10 m² Studiofläche ersetzt.",
            ] {
                let (plain, marked) = (claims(&PLAIN, text), claims(&MARKED, text));
                assert!(!plain.is_empty(), "{text}");
                assert_eq!(plain, marked, "{text}");
            }
        }

        #[test]
        fn analyses_of_other_marks_are_read_in_full() {
            // A checker with other cues has marks of its own: an analysis made with the first
            // one's is read without them, and yields the same claims.
            let cues = Cues::parse(
                "lang\tkind\tdimension\tpolarity\tterm\nde\tsuperlative\t-\t+\tbeste\n",
                "test",
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let other = Checker::new(&DATA.0, &DATA.1, &cues);
            let same = Checker::new(&DATA.0, &DATA.1, &DATA.2);
            let text = "Veo 3 ist das beste Modell.";
            let a = MARKED
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .analyze(text, &crate::analyze::Options::default());
            let id = crate::analyze::TokenMarks::id(&*other.marks);
            assert!(a.marked(id).is_none());
            let date = NaiveDate::from_ymd_opt(2026, 8, 10).unwrap_or_default();
            assert_eq!(
                other.check(text, &a, date).len(),
                CHECKER.check(text, &a, date).len()
            );
            // A checker over the same data reads the marks.
            assert!(a
                .marked(crate::analyze::TokenMarks::id(&*same.marks))
                .is_some());
        }
    }
}
