//! The analyzer: lexicon hits, their stance, and the scores of a document.
//!
//! Takes plain text (from [`crate::text::markup`]) and a compiled lexicon per language; hands
//! on an [`Analysis`]: every hit with term, category, weight, byte span, stance and the reason
//! for that stance, plus the Hype Index and hype discourse of the document.
//!
//! The pipeline is one linear pass to tokenize ([`crate::text::tokens`]), a cached look-up per
//! distinct word (stemming happens once per word form, not per occurrence), one longest-match
//! pass over the tokens, and stance rules only for the few tokens that hit something. That is
//! what makes it fast enough to run over months of news. The result is a pure function of
//! (text, lexicons): the cache changes speed, never results.
mod interview;
mod matching;
pub mod score;
pub mod sense;
pub mod stance;
mod words;

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::lexicon::{LexiconSet, Matcher, NegPosition};
use crate::text::tokens::{self, Tokens};
use crate::text::{lang, Lang};

use matching::{english_false_friend, find_matches, name_word};
pub use stance::Stance;
use words::{LangState, CACHE_CAP};

/// One lexicon hit in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Byte offset of the first byte in the analyzed text.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The lexicon term that matched (shared with the lexicon: a hit copies no text).
    pub term: Arc<str>,
    /// Its category.
    pub category: Arc<str>,
    /// Its lexicon weight.
    pub weight: f32,
    /// Booster factor applied (1.0 when none).
    pub boost: f32,
    /// Weight that counts toward the Hype Index (0 unless endorsed or hedged).
    pub counted: f32,
    /// Stance of the author toward it.
    pub stance: Stance,
    /// Why that stance (names the cue).
    pub reason: String,
    /// The sober alternative.
    pub suggestion: Arc<str>,
    /// Index of its sentence in [`Analysis::sentences`].
    pub sentence: usize,
}

/// Hits per stance, for one text or summed over many (an article, a report week, an aggregate
/// cell).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    /// Endorsed hits.
    pub endorsed: u64,
    /// Hedged hits.
    pub hedged: u64,
    /// Quoted or attributed hits.
    pub quoted: u64,
    /// Negated hits.
    pub negated: u64,
    /// Questioned hits.
    pub questioned: u64,
}

impl StanceCounts {
    /// Adds `n` hits of stance `s`.
    pub fn add_stance(&mut self, s: Stance, n: u64) {
        match s {
            Stance::Endorsed => self.endorsed += n,
            Stance::Hedged => self.hedged += n,
            Stance::Quoted => self.quoted += n,
            Stance::Negated => self.negated += n,
            Stance::Questioned => self.questioned += n,
        }
    }

    /// Adds another group's counts.
    pub fn add(&mut self, o: &StanceCounts) {
        self.endorsed += o.endorsed;
        self.hedged += o.hedged;
        self.quoted += o.quoted;
        self.negated += o.negated;
        self.questioned += o.questioned;
    }

    /// All hits.
    pub fn total(&self) -> u64 {
        self.endorsed + self.hedged + self.quoted + self.negated + self.questioned
    }

    /// Hits that count toward the Hype Index (endorsed and hedged).
    pub fn counted(&self) -> u64 {
        self.endorsed + self.hedged
    }

    /// Hits that are hype discourse (quoted, negated, questioned).
    pub fn discourse(&self) -> u64 {
        self.quoted + self.negated + self.questioned
    }
}

/// The analysis of one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Language used.
    pub lang: Lang,
    /// Number of words.
    pub words: usize,
    /// All hits, in text order.
    pub hits: Vec<Hit>,
    /// Sentence byte ranges.
    pub sentences: Vec<Range<usize>>,
    /// Sum of counted (endorsed + reduced hedged) weight.
    pub endorsed_weight: f64,
    /// Sum of the weight of quoted, negated and questioned hits.
    pub discourse_weight: f64,
    /// Hits per stance.
    pub counts: StanceCounts,
    /// Hits a sense or target check set aside ([`sense`]): their word is not praise of the AI
    /// here. Not counted anywhere; `reason` says why.
    pub ignored: Vec<Hit>,
    tokenized: Tokens,
    cues: Vec<CueAt>,
    quoted_regions: Vec<Range<usize>>,
    answer_regions: Vec<Range<usize>>,
    /// Per token, its [`stance::word_class`].
    classes: Vec<u32>,
    /// Per sentence, the union of its tokens' classes: a rule that scans a sentence for a
    /// class its sentence lacks is skipped.
    sentence_classes: Vec<u32>,
    /// [`TokenMarks::id`] of the marks in `classes` ([`MARK_SHIFT`]), 0 when none were asked for.
    token_marks: u64,
}

/// A token's word class holds the stance classes in its low 16 bits and the [`TokenMarks`] of
/// its word above them: `class >> MARK_SHIFT` are the marks.
pub const MARK_SHIFT: u32 = 16;

/// Marks a later stage asks the analyzer to compute per distinct word form, through the
/// analyzer's word cache, so that stage need not cut and look up every word of a text again.
/// Claim checking marks the words that can begin a model name or make a sentence a claim
/// ([`crate::claims::Checker::token_marks`]): it then reads only the sentences marked.
///
/// The marks sit in the upper half ([`MARK_SHIFT`]) of each token's class and of each
/// sentence's union of classes; an analysis carries the [`TokenMarks::id`] of the marks it was made with, and
/// its reader uses them only when the id is its own.
pub trait TokenMarks: Send + Sync {
    /// Identifies the function [`TokenMarks::marks`] (never 0): marks with the same id mark
    /// every word alike (a digest of the data they read), and marks of another id are never
    /// taken for these.
    fn id(&self) -> u64;
    /// The marks of one word as written (a token's bytes), 16 bits of the reader's choice.
    /// Must be a pure function of `surface`: the analyzer computes it once per distinct word
    /// form.
    fn marks(&self, surface: &str) -> u16;
}

impl Analysis {
    /// Endorsed hype per 1,000 words.
    pub fn density(&self) -> f64 {
        score::density(self.endorsed_weight, self.words)
    }

    /// The Hype Index (0–100).
    pub fn hype_index(&self) -> f64 {
        score::index(self.density())
    }

    /// Hype discourse (0–100): the same curve over quoted, negated and questioned hits.
    pub fn discourse_index(&self) -> f64 {
        score::index(score::density(self.discourse_weight, self.words))
    }

    /// Counted weight per sentence (only sentences with hits), as (sentence index, weight).
    pub fn sentence_scores(&self) -> Vec<(usize, f64)> {
        let mut out: Vec<(usize, f64)> = Vec::new();
        for h in &self.hits {
            match out.last_mut() {
                Some((s, w)) if *s == h.sentence => *w += f64::from(h.counted),
                _ => out.push((h.sentence, f64::from(h.counted))),
            }
        }
        out
    }

    /// The stance the author takes toward the words in byte range `span` (for claims): the
    /// same rules as for hits. `None` when the span holds no word.
    pub fn stance_for_span(&self, text: &str, span: Range<usize>) -> Option<SpanStance> {
        let toks = &self.tokenized.tokens;
        let a = toks.partition_point(|t| (t.end as usize) <= span.start);
        if a >= toks.len() || toks[a].start as usize >= span.end {
            return None;
        }
        let b = toks
            .partition_point(|t| (t.start as usize) < span.end)
            .saturating_sub(1)
            .max(a);
        let ctx = self.context(text);
        let r = stance::decide(&ctx, a, b, None);
        Some(SpanStance {
            stance: r.stance,
            reason: r.reason,
            cue: r
                .cue
                .map(|(f, l)| toks[f].start as usize..toks[l].end as usize),
        })
    }

    /// The word tokens and sentences the analyzer cut the text into (claims read them instead
    /// of scanning the text again).
    pub(crate) fn tokenized(&self) -> &Tokens {
        &self.tokenized
    }

    /// Per token and per sentence, the class bits, whose upper half ([`MARK_SHIFT`]) holds the
    /// marks of `id` ([`TokenMarks`]); `None` when this analysis was made without those marks.
    pub(crate) fn marked(&self, id: u64) -> Option<(&[u32], &[u32])> {
        (id != 0 && self.token_marks == id).then_some((&self.classes, &self.sentence_classes))
    }

    fn context<'a>(&'a self, text: &'a str) -> stance::Context<'a> {
        stance::Context {
            text,
            tokenized: &self.tokenized,
            cues: &self.cues,
            quoted_regions: &self.quoted_regions,
            answer_regions: &self.answer_regions,
            classes: &self.classes,
            sentence_classes: &self.sentence_classes,
        }
    }
}

/// The stance of a span of text ([`Analysis::stance_for_span`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SpanStance {
    /// The stance.
    pub stance: Stance,
    /// Why, for people: names the cue ("hedged by `könnte`").
    pub reason: String,
    /// Byte range of the cue word or phrase that decided it, when one did (`None` for
    /// "asserted by the author", "inside quotation marks", "in a question", …).
    pub cue: Option<Range<usize>>,
}

/// A cue (booster, hedge, negator, attribution, answer) found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueAt {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) booster: Option<f32>,
    pub(crate) hedge: Option<f32>,
    pub(crate) negator: Option<NegPosition>,
    pub(crate) attribution: Option<crate::lexicon::AttrKind>,
    pub(crate) answer: Option<bool>,
}

/// Analyzes documents. Holds the compiled lexicons and a per-word cache; reuse one analyzer
/// for many documents (it is cheap to keep, expensive to build).
pub struct Analyzer {
    lexicons: Arc<LexiconSet>,
    de: LangState,
    en: LangState,
    disabled: Vec<String>,
    key: String,
    /// The lexicon view per token of the document being analyzed, reused.
    infos: Vec<crate::lexicon::matcher::TokInfo>,
    /// The matching pass's reach per token ([`find_matches`]), reused: a vector allocated per
    /// document is fresh memory, and writing it missed the CPU caches about once per cache line.
    reach: Vec<(u64, u64)>,
    /// Marks asked for by a later stage ([`Analyzer::set_token_marks`]).
    token_marks: Option<Arc<dyn TokenMarks>>,
}

/// How many tokens ahead the word loop prefetches a word's cache slot. The look-up of a word
/// waits on memory more than on anything it computes: on the analyzer bench the English
/// short-word table holds some 17,000 forms in 2 MB, more than the core's 1 MiB L2 cache keeps
/// beside the text and the token buffers. Fetched eight words early, the slot is usually
/// there when the look-up needs it (+9 % throughput on that bench, median of alternating
/// runs, for +11 % instructions; see `docs/analyzer.md`, "Eighth round").
const PREFETCH_AHEAD: usize = 8;

/// The most token views (and reaches) [`Analyzer`] keeps allocated between documents (12 MB,
/// 16 MB).
const MAX_KEPT_INFOS: usize = 1 << 20;

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lexicons", &self.lexicons.origin)
            .finish()
    }
}

/// Options of one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force a language instead of detecting it.
    pub lang: Option<Lang>,
    /// Byte ranges the markup marks as quoted (block quotes).
    pub quoted_regions: Vec<Range<usize>>,
}

impl Analyzer {
    /// Compiles `lexicons`.
    pub fn new(lexicons: Arc<LexiconSet>) -> Analyzer {
        Analyzer {
            de: LangState::new(
                Matcher::new(&lexicons.de, Lang::De),
                sense::Senses::new(
                    Lang::De,
                    &lexicons.de.senses,
                    &lexicons.de.slots,
                    &lexicons.de.hype,
                ),
            ),
            en: LangState::new(
                Matcher::new(&lexicons.en, Lang::En),
                sense::Senses::new(
                    Lang::En,
                    &lexicons.en.senses,
                    &lexicons.en.slots,
                    &lexicons.en.hype,
                ),
            ),
            lexicons,
            disabled: Vec::new(),
            key: String::new(),
            infos: Vec::new(),
            reach: Vec::new(),
            token_marks: None,
        }
    }

    /// Computes these marks for every word from now on (`None`: no marks), once per distinct
    /// word form: the word cache is emptied, since its forms lack them (unless the marks have
    /// the id of those set before). Results of the analysis do not change; a reader of the marks ([`crate::claims::Checker`]) gets them
    /// with the analysis and reads less text.
    pub fn set_token_marks(&mut self, marks: Option<Arc<dyn TokenMarks>>) {
        // Marks of the same id are the same marks: the cache keeps them.
        let id = |m: &Option<Arc<dyn TokenMarks>>| m.as_ref().map_or(0, |m| m.id());
        if id(&marks) == id(&self.token_marks) {
            return;
        }
        self.de.clear();
        self.en.clear();
        self.de.token_marks.clone_from(&marks);
        self.en.token_marks.clone_from(&marks);
        self.token_marks = marks;
    }

    /// Drops hits of these categories (from configuration).
    pub fn set_disabled_categories(&mut self, categories: Vec<String>) {
        self.disabled = categories;
    }

    /// The lexicon set in use.
    pub fn lexicons(&self) -> &LexiconSet {
        &self.lexicons
    }

    /// Analyzes `text`.
    pub fn analyze(&mut self, text: &str, opts: &Options) -> Analysis {
        let sc = tokens::tokenize(text);
        let lang = opts
            .lang
            .or_else(|| lang::detect_tokens(text, &sc.tokens))
            .unwrap_or(Lang::En);
        let state = match lang {
            Lang::De => &mut self.de,
            Lang::En => &mut self.en,
        };
        if state.len() > CACHE_CAP {
            state.clear();
        }
        // Word look-up through the cache, from the last token to the first, and in the same
        // loop each token's reach for the matching pass ([`find_matches`]): the bits of the
        // words after it in its clause are known by then. The lexicon views and the reaches go
        // to buffers kept across documents (only the matching pass reads them); the classes
        // stay in the analysis. All three are sized first and written through slice
        // iterators: no capacity or bounds check per word.
        let n = sc.tokens.len();
        let mut infos = std::mem::take(&mut self.infos);
        infos.clear();
        // Zero bytes, as a block (the loop overwrites every view).
        infos.resize(n, crate::lexicon::matcher::TokInfo::ZEROED);
        let mut reach = std::mem::take(&mut self.reach);
        reach.clear();
        reach.resize(n, (0, 0));
        let mut classes = vec![0u32; n];
        let mut words = 0usize;
        let bytes = text.as_bytes();
        let key = &mut self.key;
        // What the token after the current one adds to its reach: (the bits of every word a
        // match may go on to, the bits of the next word).
        let mut after = (0u64, 0u64);
        // The packed keys of the next PREFETCH_AHEAD words to look up, by token index modulo
        // the ring's size: each word is packed once, when its slot is prefetched, and looked
        // up eight words later.
        let mut ring = [[0u64; 2]; PREFETCH_AHEAD];
        for j in n.saturating_sub(PREFETCH_AHEAD)..n {
            let t = &sc.tokens[j];
            ring[j % PREFETCH_AHEAD] = state.prefetch(bytes, t.start as usize, t.end as usize);
        }
        let mut index = n;
        let each = sc
            .tokens
            .iter()
            .zip(classes.iter_mut())
            .zip(infos.iter_mut())
            .zip(reach.iter_mut());
        for (((t, class), info), r) in each.rev() {
            index -= 1;
            let slot = index % PREFETCH_AHEAD;
            let packed = ring[slot];
            if let Some(a) = index.checked_sub(PREFETCH_AHEAD).map(|j| &sc.tokens[j]) {
                ring[slot] = state.prefetch(bytes, a.start as usize, a.end as usize);
            }
            let (start, end) = (t.start as usize, t.end as usize);
            if !bytes[start].is_ascii_digit() {
                words += 1;
            }
            // Keyed by the surface form, so the common case (a known word) costs one hash
            // look-up and no lowercasing; lowercasing and stemming happen once per form.
            *info = state.info(packed, text, start, end, key, class);
            // A clause boundary after the token (a sentence end is one too) stops a match.
            if !t.clause_end {
                *r = after;
            }
            let bits = info.bits();
            after = (bits | r.0, bits);
        }
        // A sentence's tokens are the range it names (the tokenizer numbers them so).
        debug_assert!(sc
            .sentences
            .iter()
            .enumerate()
            .all(|(i, s)| sc.tokens[s.tok_start as usize..s.tok_end as usize]
                .iter()
                .all(|t| t.sent as usize == i)));
        debug_assert!(sc
            .tokens
            .iter()
            .all(|t| (t.sent as usize) < sc.sentences.len()));
        let sentence_classes: Vec<u32> = sc
            .sentences
            .iter()
            .map(|s| {
                classes[s.tok_start as usize..s.tok_end as usize]
                    .iter()
                    .fold(0, |a, &c| a | c)
            })
            .collect();
        let matcher = &state.matcher;
        let senses = &state.senses;
        let (mut hype_matches, cues) = find_matches(matcher, &sc, &infos, &reach);
        // Kept for the next document unless a huge one made them large.
        if infos.capacity() <= MAX_KEPT_INFOS {
            self.infos = infos;
        }
        if reach.capacity() <= MAX_KEPT_INFOS {
            self.reach = reach;
        }
        let mut cues = cues;
        if lang == Lang::En {
            hype_matches.retain(|m| !english_false_friend(text, &sc, matcher, m));
        }
        cues.retain(|c| c.first != c.last || !name_word(text, &sc, lang, c.first));
        let mut quoted_regions = opts.quoted_regions.clone();
        quoted_regions.sort_by_key(|r| r.start);
        let mut analysis = Analysis {
            lang,
            words,
            hits: Vec::with_capacity(hype_matches.len()),
            sentences: sc
                .sentences
                .iter()
                .map(|s| s.start as usize..s.end as usize)
                .collect(),
            endorsed_weight: 0.0,
            discourse_weight: 0.0,
            counts: StanceCounts::default(),
            ignored: Vec::new(),
            tokenized: sc,
            cues,
            quoted_regions,
            answer_regions: interview::answer_regions(text),
            classes,
            sentence_classes,
            token_marks: self.token_marks.as_ref().map_or(0, |m| m.id()),
        };
        let mut hits = Vec::with_capacity(hype_matches.len());
        let mut ignored = Vec::new();
        {
            let mut words = sense::Words::new(text, &analysis.tokenized, senses, &mut state.forms);
            let ctx = stance::Context {
                text,
                tokenized: &analysis.tokenized,
                cues: &analysis.cues,
                quoted_regions: &analysis.quoted_regions,
                answer_regions: &analysis.answer_regions,
                classes: &analysis.classes,
                sentence_classes: &analysis.sentence_classes,
            };
            for m in &hype_matches {
                let Some(hi) = matcher.entry(m.entry).hype else {
                    continue;
                };
                let h = &matcher.hype[hi];
                let shared = &state.hype_text[hi];
                if self.disabled.iter().any(|d| d == &h.category) {
                    continue;
                }
                let r = stance::decide(&ctx, m.first, m.last, m.gap_negator);
                let boost = stance::boost(&ctx, m.first);
                let weight = h.weight;
                let counted = match r.stance {
                    Stance::Endorsed => weight * boost,
                    Stance::Hedged => weight * boost * r.hedge,
                    _ => 0.0,
                };
                let toks = &analysis.tokenized.tokens;
                let not_praise = if senses.is_empty() {
                    None
                } else {
                    let hr = sense::HitRef {
                        first: m.first,
                        last: m.last,
                        hype: hi,
                    };
                    senses.check(&mut words, &hr)
                };
                let hit = Hit {
                    start: toks[m.first].start as usize,
                    end: toks[m.last].end as usize,
                    term: shared.term.clone(),
                    category: shared.category.clone(),
                    weight,
                    boost,
                    counted,
                    stance: r.stance,
                    reason: r.reason,
                    suggestion: shared.alternative.clone(),
                    sentence: toks[m.first].sent as usize,
                };
                match not_praise {
                    Some(why) => ignored.push(Hit {
                        counted: 0.0,
                        reason: why,
                        ..hit
                    }),
                    None => hits.push(hit),
                }
            }
        }
        analysis.ignored = ignored;
        for h in &hits {
            analysis.counts.add_stance(h.stance, 1);
            match h.stance {
                Stance::Endorsed | Stance::Hedged => {
                    analysis.endorsed_weight += f64::from(h.counted)
                }
                _ => analysis.discourse_weight += f64::from(h.weight),
            }
        }
        analysis.hits = hits;
        analysis
    }
}
