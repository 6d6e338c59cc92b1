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
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::path::Path;

use crate::analyze::{Analysis, Stance};
use crate::benchmarks::Dimension;
use crate::models::{Mention, Registry};
use crate::problem::Problems;
use crate::table::Table;
use crate::text::Lang;

use super::{Claim, ClaimsError, ObjectsFrom, Polarity, Quantity, Relation, Subject};

/// Columns of `claim-cues.tsv`, as its header line names them.
const CUE_COLUMNS: [&str; 5] = ["lang", "kind", "dimension", "polarity", "term"];

/// What a cue word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Superlative,
    Better,
    Worse,
    Capability,
    Replacement,
    Dimension,
    All,
    Marker,
    Predecessor,
    Absolute,
    Region,
    DurationContext,
    NotSuperlative,
    /// A sentence-initial word that refers back to the model of the sentence before ("This
    /// is the most realistic model").
    Anaphor,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "superlative" => Kind::Superlative,
            "better" => Kind::Better,
            "worse" => Kind::Worse,
            "capability" => Kind::Capability,
            "replacement" => Kind::Replacement,
            "dimension" => Kind::Dimension,
            "all" => Kind::All,
            "marker" => Kind::Marker,
            "predecessor" => Kind::Predecessor,
            "absolute" => Kind::Absolute,
            "region" => Kind::Region,
            "duration-context" => Kind::DurationContext,
            "not-superlative" => Kind::NotSuperlative,
            "anaphor" => Kind::Anaphor,
            _ => return None,
        })
    }
}

/// One word pattern of a cue term.
#[derive(Debug, Clone, PartialEq)]
enum Pat {
    Exact(String),
    Prefix(String),
    /// Up to [`MAX_GAP`] words.
    Gap,
}

const MAX_GAP: usize = 6;

impl Pat {
    fn matches(&self, word: &str) -> bool {
        match self {
            Pat::Exact(w) => w == word,
            Pat::Prefix(p) => word.starts_with(p.as_str()),
            Pat::Gap => true,
        }
    }
}

#[derive(Debug, Clone)]
struct Cue {
    kind: Kind,
    dimension: Option<Dimension>,
    polarity: Polarity,
    pats: Vec<Pat>,
}

#[derive(Debug, Default)]
struct LangCues {
    cues: Vec<Cue>,
    /// Cues by their exact first word.
    by_first: HashMap<String, Vec<usize>>,
    /// Cues whose first word is a prefix pattern, by the pattern's first two characters.
    prefixed: HashMap<String, Vec<usize>>,
    not_superlative: rustc_hash::FxHashSet<String>,
    anaphors: rustc_hash::FxHashSet<String>,
}

/// The claim cue words of both languages, compiled for matching.
#[derive(Debug)]
pub struct Cues {
    de: LangCues,
    en: LangCues,
}

impl Cues {
    /// The cues shipped with hypecheck.
    pub fn shipped() -> Result<Cues, ClaimsError> {
        Cues::parse(super::SHIPPED_CUES, super::SHIPPED_CUES_LABEL)
    }

    /// Reads a cue file.
    pub fn from_path(path: &Path) -> Result<Cues, ClaimsError> {
        let text = std::fs::read_to_string(path).map_err(|source| ClaimsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Cues::parse(&text, &path.display().to_string())
    }

    /// Parses a cue file: `#` comments, the header line `lang kind dimension polarity term`,
    /// then one cue per line, tab-separated.
    pub fn parse(text: &str, file: &str) -> Result<Cues, ClaimsError> {
        let mut cues = Cues {
            de: LangCues::default(),
            en: LangCues::default(),
        };
        let mut problems = Problems::new(file);
        let Some(table) = Table::tsv(text, &CUE_COLUMNS, &mut problems) else {
            return Err(ClaimsError::Invalid(problems.into_vec()));
        };
        for record in table.records() {
            let mut problem = |message: String| problems.add(record.line, message);
            let [lang, kind, dimension, polarity, term] = CUE_COLUMNS.map(|c| record.field(c));
            let lang = match lang {
                "de" => Lang::De,
                "en" => Lang::En,
                other => {
                    problem(format!("unknown language `{other}` (de or en)"));
                    continue;
                }
            };
            let Some(kind) = Kind::parse(kind) else {
                problem(format!("unknown kind `{kind}`"));
                continue;
            };
            let dimension = match dimension {
                "-" | "" => None,
                d => match d.parse::<Dimension>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        problem(format!("unknown dimension `{d}`"));
                        continue;
                    }
                },
            };
            let polarity = match polarity {
                "+" => Polarity::Positive,
                "-" => Polarity::Negative,
                p => {
                    problem(format!("bad polarity `{p}` (+ or -)"));
                    continue;
                }
            };
            let pats = compile(term);
            let short_prefix =
                matches!(pats.first(), Some(Pat::Prefix(p)) if p.chars().count() < 2);
            if pats.is_empty()
                || short_prefix
                || pats.first() == Some(&Pat::Gap)
                || pats.last() == Some(&Pat::Gap)
            {
                problem(format!(
                    "bad term `{term}`: needs a word before and after any `...`, and two letters before a `*`"
                ));
                continue;
            }
            let lc = match lang {
                Lang::De => &mut cues.de,
                Lang::En => &mut cues.en,
            };
            if kind == Kind::NotSuperlative {
                lc.not_superlative.insert(term.to_lowercase());
                continue;
            }
            if kind == Kind::Anaphor {
                lc.anaphors.insert(term.to_lowercase());
                continue;
            }
            let idx = lc.cues.len();
            match &pats[0] {
                Pat::Exact(w) => lc.by_first.entry(w.clone()).or_default().push(idx),
                Pat::Prefix(p) => lc.prefixed.entry(head(p).to_owned()).or_default().push(idx),
                Pat::Gap => {}
            }
            lc.cues.push(Cue {
                kind,
                dimension,
                polarity,
                pats,
            });
        }
        if problems.is_empty() {
            Ok(cues)
        } else {
            Err(ClaimsError::Invalid(problems.into_vec()))
        }
    }

    fn lang(&self, lang: Lang) -> &LangCues {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// The first two characters of a word: the bucket of prefix cues it can start.
fn head(w: &str) -> &str {
    let end = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// Splits a term into word patterns the same way text is split into words.
fn compile(term: &str) -> Vec<Pat> {
    let mut pats = Vec::new();
    for part in term.split_whitespace() {
        if part == "..." {
            pats.push(Pat::Gap);
            continue;
        }
        let (body, prefix) = match part.strip_suffix('*') {
            Some(b) => (b, true),
            None => (part, false),
        };
        let words: Vec<Word> = words(body);
        let n = words.len();
        for (k, w) in words.into_iter().enumerate() {
            if prefix && k + 1 == n {
                pats.push(Pat::Prefix(w.norm));
            } else {
                pats.push(Pat::Exact(w.norm));
            }
        }
    }
    pats
}

/// A word of a sentence: lower-cased letters and digits ("3.1" and "1080p" stay whole).
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    norm: String,
    /// The word starts with a lower-case letter as written (German adjectives do, nouns don't).
    lower: bool,
}

fn words(s: &str) -> Vec<Word> {
    words_at(s, 0)
}

fn words_at(s: &str, base: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Option<(usize, String, bool)> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins_number = (c == '.' || c == ',')
            && cur
                .as_ref()
                .is_some_and(|(_, w, _)| w.chars().last().is_some_and(|l| l.is_ascii_digit()))
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || joins_number {
            match &mut cur {
                Some((_, w, _)) => w.extend(if c == ',' { '.' } else { c }.to_lowercase()),
                None => cur = Some((i, c.to_lowercase().collect(), c.is_lowercase())),
            }
        } else if let Some((start, norm, lower)) = cur.take() {
            out.push(Word {
                start: base + start,
                end: base + i,
                norm,
                lower,
            });
        }
    }
    if let Some((start, norm, lower)) = cur {
        out.push(Word {
            start: base + start,
            end: base + s.len(),
            norm,
            lower,
        });
    }
    out
}

/// The first word of `s`, lower-cased (without cutting the whole sentence into words).
fn first_word(s: &str) -> String {
    s.chars()
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cue matched over words `first..=last` of a sentence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    cue: usize,
    kind: Kind,
    dimension: Option<Dimension>,
    polarity: Polarity,
    first: usize,
    last: usize,
}

fn match_cues(lc: &LangCues, ws: &[Word]) -> Vec<Hit> {
    let mut hits = Vec::new();
    let try_cue = |idx: usize, i: usize, hits: &mut Vec<Hit>| {
        let cue = &lc.cues[idx];
        if let Some(last) = match_pats(&cue.pats, ws, i) {
            hits.push(Hit {
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
        if let Some(ids) = lc.by_first.get(&w.norm) {
            for &idx in ids {
                try_cue(idx, i, &mut hits);
            }
        }
        if let Some(ids) = lc.prefixed.get(head(&w.norm)) {
            for &idx in ids {
                if lc.cues[idx].pats[0].matches(&w.norm) {
                    try_cue(idx, i, &mut hits);
                }
            }
        }
    }
    hits
}

/// Matches `pats` at word `i`; returns the last word matched.
fn match_pats(pats: &[Pat], ws: &[Word], i: usize) -> Option<usize> {
    if !pats.first()?.matches(&ws.get(i)?.norm) {
        return None;
    }
    let mut pos = i;
    let mut k = 1;
    while k < pats.len() {
        if pats[k] == Pat::Gap {
            let next = pats.get(k + 1)?;
            let found = (pos + 1..=(pos + 1 + MAX_GAP).min(ws.len().saturating_sub(1)))
                .find(|&j| next.matches(&ws[j].norm))?;
            pos = found;
            k += 2;
        } else {
            let w = ws.get(pos + 1)?;
            if !pats[k].matches(&w.norm) {
                return None;
            }
            pos += 1;
            k += 1;
        }
    }
    Some(pos)
}

/// Longest sentence read for claims (bytes).
pub const MAX_SENTENCE_BYTES: usize = 4000;

const DE_ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "am", "ihre", "seine", "ihr", "sein",
];
const DE_SUPERLATIVE_ENDINGS: &[&str] = &["ste", "sten", "stes", "ster", "stem"];

/// Superlatives by rule: German adjectives in -ste/-sten/... after an article (up to two words
/// between, "die stabilsten, optisch schönsten"); English words in -est after "the", and "the
/// most" + word.
fn rule_superlatives(lc: &LangCues, lang: Lang, ws: &[Word], hits: &mut Vec<Hit>) {
    let covered = |i: usize, hits: &[Hit]| {
        hits.iter()
            .any(|h| h.kind == Kind::Superlative && h.first <= i && i <= h.last)
    };
    for i in 0..ws.len() {
        let w = &ws[i];
        if !w.lower || lc.not_superlative.contains(&w.norm) || covered(i, hits) {
            continue;
        }
        let chars = w.norm.chars().count();
        let is_sup = match lang {
            Lang::De => {
                chars >= 6
                    && DE_SUPERLATIVE_ENDINGS.iter().any(|e| w.norm.ends_with(e))
                    && (1..=3).any(|back| {
                        i >= back
                            && DE_ARTICLES.contains(&ws[i - back].norm.as_str())
                            && (i - back + 1..i).all(|k| ws[k].lower)
                    })
            }
            Lang::En => {
                (chars >= 6 && w.norm.ends_with("est") && i >= 1 && ws[i - 1].norm == "the")
                    || (i >= 2 && ws[i - 1].norm == "most" && ws[i - 2].norm == "the")
            }
        };
        if is_sup {
            let first = if lang == Lang::En && ws[i - 1].norm == "most" {
                i - 1
            } else {
                i
            };
            hits.push(Hit {
                cue: usize::MAX,
                kind: Kind::Superlative,
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
fn drop_nested(hits: &mut Vec<Hit>) {
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

/// Clip lengths ("bis zu 25 Sekunden", "up to 20 seconds") and resolutions ("in 4K", "1080p").
fn quantities(ws: &[Word], hits: &[Hit]) -> Vec<(usize, usize, Quantity)> {
    let mut out = Vec::new();
    let duration_context = hits.iter().any(|h| h.kind == Kind::DurationContext);
    for i in 0..ws.len() {
        let w = &ws[i].norm;
        if let Some(lines) = resolution_word(w) {
            out.push((i, i, Quantity::Lines(lines)));
            continue;
        }
        if !duration_context {
            continue;
        }
        let Ok(n) = w.parse::<f64>() else { continue };
        let Some(unit) = ws.get(i + 1) else { continue };
        let factor = match unit.norm.as_str() {
            "s" | "sek" | "sekunde" | "sekunden" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "min" | "minute" | "minuten" | "minutes" => 60.0,
            _ => continue,
        };
        if n > 0.0 && n.is_finite() {
            out.push((i, i + 1, Quantity::Seconds(n * factor)));
        }
    }
    out
}

fn resolution_word(w: &str) -> Option<u32> {
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
pub fn extract(
    cues: &Cues,
    registry: &Registry,
    text: &str,
    analysis: &Analysis,
    mentions: &[Mention],
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
        let anaphoric =
            first.is_some_and(|w| lc.anaphors.contains(&w) || other.anaphors.contains(&w));
        let last = range.end - 1;
        if anaphoric && mentions[last].model.is_some() {
            work.push((next, last..range.end, true));
        }
    }
    let mut claims = Vec::new();
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
        let ws = words_at(sentence, s.start);
        let mut hits = match_cues(lc, &ws);
        hits.extend(match_cues(other, &ws).into_iter().map(|mut h| {
            h.cue += lc.cues.len();
            h
        }));
        rule_superlatives(lc, analysis.lang, &ws, &mut hits);
        drop_nested(&mut hits);
        let quantities = quantities(&ws, &hits);
        if !hits.iter().any(|h| {
            matches!(
                h.kind,
                Kind::Superlative
                    | Kind::Better
                    | Kind::Worse
                    | Kind::Capability
                    | Kind::Replacement
                    | Kind::Absolute
            )
        }) && quantities.is_empty()
        {
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
            lc.anaphors.contains(&opening) || other.anaphors.contains(&opening);
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

struct Sentence<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    registry: &'a Registry,
    ws: &'a [Word],
    hits: &'a [Hit],
    mentions: &'a [Mention],
    context: &'a [&'a Mention],
    span: Range<usize>,
    /// The subject was named in the sentence before ("This is the best model").
    anaphoric: bool,
    /// The sentence opens with "Its"/"This"/"Das"...: with no model before the cue, the
    /// subject is the model of the sentence before, not a rival named later ("Is Kling 3.0
    /// unrivaled? Its arena score is the highest, but the lead over Seedance 2.0 is small.").
    opens_with_anaphor: bool,
}

impl Sentence<'_> {
    fn claims(&self, quantities: &[(usize, usize, Quantity)], out: &mut Vec<Claim>) {
        let mut groups: Vec<(Relation, Option<Dimension>, Polarity, Vec<Hit>)> = Vec::new();
        let push = |groups: &mut Vec<(Relation, Option<Dimension>, Polarity, Vec<Hit>)>,
                    rel: Relation,
                    dim: Option<Dimension>,
                    pol: Polarity,
                    h: Hit| {
            match groups
                .iter_mut()
                .find(|g| g.0 == rel && (rel != Relation::Capability || g.1 == dim))
            {
                Some(g) => g.3.push(h),
                None => groups.push((rel, dim, pol, vec![h])),
            }
        };
        let in_capability = |i: usize| {
            self.hits
                .iter()
                .any(|h| h.kind == Kind::Capability && h.first <= i && i <= h.last)
        };
        for h in self.hits {
            match h.kind {
                Kind::Superlative => push(
                    &mut groups,
                    Relation::Superlative,
                    h.dimension,
                    h.polarity,
                    *h,
                ),
                Kind::Better => push(
                    &mut groups,
                    Relation::BetterThan,
                    h.dimension,
                    h.polarity,
                    *h,
                ),
                Kind::Worse => push(
                    &mut groups,
                    Relation::WorseThan,
                    h.dimension,
                    h.polarity,
                    *h,
                ),
                Kind::Replacement => push(
                    &mut groups,
                    Relation::Replacement,
                    h.dimension,
                    h.polarity,
                    *h,
                ),
                Kind::Capability => push(
                    &mut groups,
                    Relation::Capability,
                    h.dimension,
                    h.polarity,
                    *h,
                ),
                Kind::Absolute => {
                    if let Some(d) = self
                        .nearest_dimension(h.first, &in_capability)
                        .filter(|d| d.is_quality())
                    {
                        push(&mut groups, Relation::Capability, Some(d), h.polarity, *h);
                    }
                }
                _ => {}
            }
        }
        for &(first, last, q) in quantities {
            let dim = match q {
                Quantity::Seconds(_) => Dimension::Duration,
                Quantity::Lines(_) => Dimension::Resolution,
            };
            let h = Hit {
                cue: usize::MAX,
                kind: Kind::Capability,
                dimension: Some(dim),
                polarity: Polarity::Positive,
                first,
                last,
            };
            push(
                &mut groups,
                Relation::Capability,
                Some(dim),
                Polarity::Positive,
                h,
            );
        }
        // A price superlative/comparison makes a "günstig" capability in the same sentence
        // redundant.
        let price_compared = groups.iter().any(|g| {
            g.0 != Relation::Capability && g.3.iter().any(|h| h.dimension == Some(Dimension::Price))
        });
        for (relation, dim, polarity, hs) in groups {
            if price_compared && relation == Relation::Capability && dim == Some(Dimension::Price) {
                continue;
            }
            if let Some(c) = self.claim(relation, dim, polarity, &hs, quantities) {
                out.push(c);
            }
        }
    }

    fn claim(
        &self,
        relation: Relation,
        dim: Option<Dimension>,
        polarity: Polarity,
        hs: &[Hit],
        quantities: &[(usize, usize, Quantity)],
    ) -> Option<Claim> {
        let first = hs[0];
        let ws = self.ws;
        let cue_span = ws[first.first].start..ws[first.last].end;
        let subject = self.subject(cue_span.start)?;
        let in_capability = |i: usize| {
            self.hits
                .iter()
                .any(|h| h.kind == Kind::Capability && h.first <= i && i <= h.last)
        };
        let dimension = dim
            .or_else(|| hs.iter().find_map(|h| h.dimension))
            .or_else(|| {
                if relation == Relation::Capability {
                    None
                } else {
                    self.nearest_dimension(first.first, &in_capability)
                }
            })
            .unwrap_or(Dimension::Overall);
        let subject_id = subject.model.clone();
        let (objects, objects_from) = match relation {
            Relation::Superlative => (vec!["all".to_owned()], ObjectsFrom::All),
            Relation::BetterThan | Relation::WorseThan => {
                self.rivals(subject, subject_id.as_deref())
            }
            Relation::Capability | Relation::Replacement => (Vec::new(), ObjectsFrom::None),
        };
        let (mut stance, mut reason) = self
            .analysis
            .stance_for_span(self.text, cue_span.clone())
            .unwrap_or((Stance::Endorsed, "asserted".to_owned()));
        // A cue word of the stance rules that is really a model's name ("Kling" read as the
        // hedge "klingt") says nothing about the author's stance.
        if stance != Stance::Endorsed {
            if let Some(word) = reason.split('`').nth(1) {
                let word = word.to_lowercase();
                if self
                    .mentions
                    .iter()
                    .any(|m| words(&m.text).iter().any(|w| w.norm == word))
                {
                    stance = Stance::Endorsed;
                    reason = format!(
                        "asserted by the author (`{word}` is a model name, not a {} cue)",
                        self_stance_word(&reason)
                    );
                }
            }
        }
        // A negation that is part of the cue ("nicht verfügbar", "ohne Ton") makes the claim
        // negative; it does not make it someone else's.
        if stance == Stance::Negated
            && polarity == Polarity::Negative
            && relation == Relation::Capability
        {
            stance = Stance::Endorsed;
            reason = "the negation is the claim (negative polarity)".to_owned();
        }
        let quantity = match dimension {
            Dimension::Duration | Dimension::Resolution => quantities
                .iter()
                .find(|(f, _, _)| hs.iter().any(|h| h.first == *f))
                .map(|q| q.2),
            _ => None,
        };
        let region = if dimension == Dimension::Access {
            self.hits
                .iter()
                .find(|h| h.kind == Kind::Region)
                .map(|h| self.text[ws[h.first].start..ws[h.last].end].to_owned())
        } else {
            None
        };
        let absolute = hs.iter().any(|h| h.kind == Kind::Absolute);
        let cue = hs
            .iter()
            .map(|h| collapse(&self.text[ws[h.first].start..ws[h.last].end]))
            .collect::<Vec<_>>()
            .join(", ");
        let span = if self.anaphoric {
            cue_span.clone()
        } else {
            subject.start.min(cue_span.start)..subject.end.max(cue_span.end)
        };
        Some(Claim {
            subject: Subject {
                id: subject_id,
                text: subject.text.clone(),
                resolution: subject.resolution,
                span: subject.start..subject.end,
            },
            objects,
            objects_from,
            relation,
            dimension,
            polarity: if matches!(relation, Relation::WorseThan) {
                Polarity::Negative
            } else {
                first.polarity
            },
            stance,
            reason,
            cue,
            quantity,
            region,
            absolute,
            sentence: self.span.clone(),
            span,
        })
    }

    /// True if the word right before byte `at` is a rival marker ("als", "than", "hinter").
    fn marked(&self, at: usize) -> bool {
        let Some(i) = self.ws.partition_point(|w| w.end <= at).checked_sub(1) else {
            return false;
        };
        self.hits
            .iter()
            .any(|h| h.kind == Kind::Marker && h.last == i)
    }

    /// The subject: the last unmarked mention before the cue, else the first unmarked one
    /// after it, else the first mention.
    fn subject(&self, cue_start: usize) -> Option<&Mention> {
        let before = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.end <= cue_start && !self.marked(m.start));
        if before.is_none() && self.opens_with_anaphor {
            if let Some(m) = self.context.first() {
                return Some(*m);
            }
        }
        before
            .or_else(|| {
                self.mentions
                    .iter()
                    .find(|m| m.start >= cue_start && !self.marked(m.start))
            })
            .or_else(|| self.mentions.first())
    }

    /// Rivals of a comparison: models named in the sentence, else "all others", the
    /// predecessor, or the models of the sentences before.
    fn rivals(&self, subject: &Mention, subject_id: Option<&str>) -> (Vec<String>, ObjectsFrom) {
        let mut ids: Vec<String> = Vec::new();
        for m in self.mentions {
            if m.start == subject.start {
                continue;
            }
            if let Some(id) = &m.model {
                if Some(id.as_str()) != subject_id && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        if !ids.is_empty() {
            return (ids, ObjectsFrom::Sentence);
        }
        if self.hits.iter().any(|h| h.kind == Kind::All) {
            return (vec!["all".to_owned()], ObjectsFrom::All);
        }
        if self.hits.iter().any(|h| h.kind == Kind::Predecessor) {
            if let Some(p) = subject_id.and_then(|id| predecessor(self.registry, id)) {
                return (vec![p], ObjectsFrom::Predecessor);
            }
            return (Vec::new(), ObjectsFrom::Predecessor);
        }
        for m in self.context {
            if let Some(id) = &m.model {
                if Some(id.as_str()) != subject_id && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        if ids.is_empty() {
            (ids, ObjectsFrom::None)
        } else {
            (ids, ObjectsFrom::Context)
        }
    }

    /// The dimension word nearest to word `at` (not one inside a capability cue).
    fn nearest_dimension(&self, at: usize, skip: &dyn Fn(usize) -> bool) -> Option<Dimension> {
        self.hits
            .iter()
            .filter(|h| h.kind == Kind::Dimension && !skip(h.first))
            .min_by_key(|h| (h.first.abs_diff(at), h.first))
            .and_then(|h| h.dimension)
    }
}

/// The family's base model released last before `id` (for "die Vorgängerversion").
fn predecessor(registry: &Registry, id: &str) -> Option<String> {
    let model = registry.model(id)?;
    let base = match &model.variant_of {
        Some(b) => registry.model(b)?,
        None => model,
    };
    let released = base.released?.pred_opt()?;
    registry
        .latest_in_family(&base.family, released)
        .filter(|p| p.id != base.id)
        .map(|p| p.id.clone())
}

fn self_stance_word(reason: &str) -> &str {
    reason.split_whitespace().next().unwrap_or("stance")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_cues_parse() {
        assert!(Cues::shipped().is_ok());
    }

    #[test]
    fn bad_cue_line_names_file_and_line() {
        let err = Cues::parse(
            "# c\nlang\tkind\tdimension\tpolarity\tterm\nde\tsuperlative\t-\t+\tbeste\nxx\tbetter\t-\t+\tbesser\n",
            "c.tsv",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("c.tsv:4"), "{err}");
    }

    #[test]
    fn cue_file_without_header_is_refused() {
        let err = Cues::parse("de\tsuperlative\t-\t+\tbeste\n", "c.tsv")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("c.tsv:1: header must be"), "{err}");
    }

    #[test]
    fn words_keep_versions_and_split_hyphens() {
        let ws: Vec<String> = words("Veo 3.1 ist das beste KI-Videomodell, 1080p")
            .into_iter()
            .map(|w| w.norm)
            .collect();
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
        let ws = words("Sora 2 fällt qualitativ sichtbar ab");
        assert_eq!(match_pats(&pats, &ws, 2), Some(5));
    }
}
