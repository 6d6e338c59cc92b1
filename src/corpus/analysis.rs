//! The stored analysis of one article: what the report needs, computed once per article and
//! lexicon version and kept in `analyses.result_json`.
//!
//! Takes an article's headline, text and date; runs the analyzer ([`crate::analyze`]), the model
//! registry's mention finder and the topic filter over `headline + "\n\n" + text`, and keeps a
//! compact summary: word count, counted and discourse weight, hits grouped by (term, stance),
//! models mentioned, the sentences with the most counted hype. The report then aggregates these
//! summaries without reading article text again, which is what keeps a report over 100,000
//! articles fast.
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::CorpusError;
use crate::analyze::{Analyzer, Options, Stance, StanceCounts};
use crate::benchmarks::Benchmarks;
use crate::claims::{Checker, Cues};
use crate::collect::topic::{TopicConfig, TopicFilter};
use crate::lexicon::LexiconSet;
use crate::models::Registry;
use crate::store::{AnalysisRecord, NewArticle, Store};

/// Version of the stored summary format; older summaries are recomputed.
pub const FORMAT_VERSION: u32 = 2;

/// Registry mentions that make an article on topic by themselves.
pub const MIN_REGISTRY_MENTIONS: u64 = 2;

/// How many of an article's most hyped sentences are kept.
const WORST_SENTENCES: usize = 2;

/// Longest sentence quote kept, in bytes (cut at a character boundary).
const MAX_QUOTE: usize = 320;

/// Uses of one lexicon term with one stance in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermUse {
    /// The lexicon term.
    pub term: String,
    /// Its hype category.
    pub category: String,
    /// The stance of these uses.
    pub stance: Stance,
    /// How many uses.
    pub n: u64,
    /// Weight these hits add to the Hype Index.
    pub counted: f64,
}

/// Mentions of one model (or of a family whose version could not be resolved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelUse {
    /// Registry id of the model; the family id when unresolved.
    pub model: String,
    /// Registry id of the family.
    pub family: String,
    /// Mentions in the article.
    pub n: u64,
}

/// A sentence with counted hype, quoted in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The sentence, whitespace collapsed and cut.
    pub text: String,
    /// Its counted hype weight.
    pub counted: f64,
    /// The counted terms in it.
    pub terms: Vec<String>,
}

/// The stored summary of one article's analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    /// Format version ([`FORMAT_VERSION`]).
    pub v: u32,
    /// Language analyzed as.
    pub lang: String,
    /// Words (headline included).
    pub words: u64,
    /// Counted hype weight (endorsed and hedged).
    pub endorsed_weight: f64,
    /// Hype discourse weight (quoted, negated, questioned).
    pub discourse_weight: f64,
    /// The article's Hype Index.
    pub hype_index: f64,
    /// The article's hype discourse index.
    pub discourse_index: f64,
    /// Hits per stance.
    pub counts: StanceCounts,
    /// Hits grouped by term and stance.
    pub terms: Vec<TermUse>,
    /// Models mentioned.
    pub models: Vec<ModelUse>,
    /// The most hyped sentences.
    pub worst: Vec<Quote>,
    /// About AI video generation: the collector's topic filter keeps it, or the model
    /// registry finds at least [`MIN_REGISTRY_MENTIONS`] mentions (the registry knows newer
    /// models than the filter's built-in names). Imports keep off-topic pages; reports skip them.
    pub on_topic: bool,
}

/// The claim data (model registry, measured outcomes and claim cue words), borrowed: loaded
/// and validated by the caller, which owns it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimDataRef<'d> {
    /// The model registry (also used to find model mentions).
    pub registry: &'d Registry,
    /// Measured outcomes.
    pub benchmarks: &'d Benchmarks,
    /// Claim cue words.
    pub cues: &'d Cues,
}

/// Analyzes corpus articles: compiled lexicons, the model registry, the topic filter and the
/// claim checker, built once by the caller (the CLI builds it from `--lexicons` and the
/// configuration) and passed to scan, import, demo, `analyze` and the report.
pub struct CorpusAnalyzer<'d> {
    analyzer: Analyzer,
    registry: &'d Registry,
    topic: TopicFilter,
    lexicon_hash: String,
    claims: Checker<'d>,
    today: NaiveDate,
}

/// One stored claim: the author's claim about a model with its verdict, flat for the report
/// (`claims` table, one JSON object per row; documented in docs/report.md). The one type both
/// written by the analysis and read by the report. The report needs only `subject`, `kind`,
/// `verdict` and `text`; the judgment details may be missing from rows written by hand or by
/// other tools, and read as empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredClaim {
    /// Registry id of the model the claim is about (the text as written when unresolved).
    pub subject: String,
    /// Models it is compared with.
    #[serde(default)]
    pub objects: Vec<String>,
    /// Relation: superlative, comparative, capability, replacement.
    pub kind: String,
    /// Dimension the claim is about.
    #[serde(default)]
    pub dimension: String,
    /// Polarity (`positive` / `negative`).
    #[serde(default)]
    pub polarity: String,
    /// The author's stance toward the claim.
    #[serde(default = "endorsed")]
    pub stance: Stance,
    /// supported, contradicted or unverifiable.
    pub verdict: String,
    /// The date the claim was judged as of.
    #[serde(default)]
    pub date: String,
    /// Why the verdict.
    #[serde(default)]
    pub reason: String,
    /// Evidence rows, cited.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The sentence, whitespace collapsed and cut.
    pub text: String,
}

fn endorsed() -> Stance {
    Stance::Endorsed
}

impl std::fmt::Debug for CorpusAnalyzer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusAnalyzer")
            .field("lexicon_hash", &self.lexicon_hash)
            .field("today", &self.today)
            .finish()
    }
}

impl<'d> CorpusAnalyzer<'d> {
    /// An analyzer over `lexicons` that judges claims with `data`; `today` is the date claims
    /// of undated articles are judged as of.
    pub fn new(
        lexicons: Arc<LexiconSet>,
        data: ClaimDataRef<'d>,
        today: NaiveDate,
    ) -> Result<Self, CorpusError> {
        let topic = TopicFilter::from_config(&TopicConfig::default())?;
        let lexicon_hash = lexicons.hash.clone();
        let claims = Checker::new(data.registry, data.benchmarks, data.cues);
        let mut analyzer = Analyzer::new(lexicons);
        analyzer.set_token_marks(Some(claims.token_marks()));
        Ok(CorpusAnalyzer {
            analyzer,
            registry: data.registry,
            topic,
            lexicon_hash,
            claims,
            today,
        })
    }

    /// The model registry.
    pub fn registry(&self) -> &'d Registry {
        self.registry
    }

    /// The lexicons.
    pub fn lexicons(&self) -> &crate::lexicon::LexiconSet {
        self.analyzer.lexicons()
    }

    /// Keeps at most `n` claim judgments memoized ([`Checker::set_memo_limit`]).
    pub fn set_claim_memo_limit(&mut self, n: usize) {
        self.claims.set_memo_limit(n);
    }

    /// Whether the collector's topic filter keeps a text (headline and body), as a scan
    /// decides before storing a page.
    pub fn classify_topic(&self, text: &str) -> bool {
        self.topic.classify(text).keep
    }

    /// The lexicon hash analyses are stored under.
    pub fn lexicon_hash(&self) -> &str {
        &self.lexicon_hash
    }

    /// Analyzes one article: the stored summary and the author's claims (one JSON object
    /// each), judged as of the publication date (`today` when the article has none).
    pub fn analyze(
        &mut self,
        title: Option<&str>,
        text: &str,
        lang: &str,
        published: Option<&str>,
    ) -> (ArticleAnalysis, Vec<StoredClaim>) {
        let full = match title.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => format!("{t}\n\n{text}"),
            None => text.to_owned(),
        };
        let a = self.analyzer.analyze(
            &full,
            &Options {
                lang: crate::text::Lang::parse(lang),
                quoted_regions: Vec::new(),
            },
        );
        let mut terms: BTreeMap<(String, Stance), TermUse> = BTreeMap::new();
        let mut counts = StanceCounts::default();
        for h in &a.hits {
            counts.add_stance(h.stance, 1);
            let e = terms
                .entry((h.term.to_string(), h.stance))
                .or_insert_with(|| TermUse {
                    term: h.term.to_string(),
                    category: h.category.to_string(),
                    stance: h.stance,
                    n: 0,
                    counted: 0.0,
                });
            e.n += 1;
            e.counted += f64::from(h.counted);
        }
        let date = published.and_then(date_of);
        let mut models: BTreeMap<String, ModelUse> = BTreeMap::new();
        for m in self.registry.find_mentions_at(&full, date) {
            let id = m.model.clone().unwrap_or_else(|| m.family.clone());
            models
                .entry(id.clone())
                .or_insert_with(|| ModelUse {
                    model: id,
                    family: m.family.clone(),
                    n: 0,
                })
                .n += 1;
        }
        let mentions_total: u64 = models.values().map(|m| m.n).sum();
        let mut scored: Vec<(usize, f64)> = a
            .sentence_scores()
            .into_iter()
            .filter(|(_, w)| *w > 0.0)
            .collect();
        scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        let worst = scored
            .into_iter()
            .take(WORST_SENTENCES)
            .filter_map(|(i, w)| {
                let r = a.sentences.get(i)?;
                let text = quote(full.get(r.clone())?);
                let mut t: Vec<String> = a
                    .hits
                    .iter()
                    .filter(|h| h.sentence == i && h.counted > 0.0)
                    .map(|h| h.term.to_string())
                    .collect();
                t.dedup();
                Some(Quote {
                    text,
                    counted: round3(w),
                    terms: t,
                })
            })
            .collect();
        let claim_date = date.unwrap_or(self.today);
        let claims: Vec<StoredClaim> = self
            .claims
            .check(&full, &a, claim_date)
            .into_iter()
            .filter(|j| j.claim.is_authors())
            .map(|j| StoredClaim {
                subject: j
                    .claim
                    .subject
                    .id
                    .clone()
                    .unwrap_or_else(|| j.claim.subject.text.clone()),
                objects: j.claim.objects.clone(),
                kind: j.claim.relation.as_str().to_owned(),
                dimension: j.claim.dimension.to_string(),
                polarity: j.claim.polarity.as_str().to_owned(),
                stance: j.claim.stance,
                verdict: j.judgment.verdict.as_str().to_owned(),
                date: j.judgment.date.to_string(),
                reason: j.judgment.reason.clone(),
                evidence: j.judgment.evidence.iter().map(|e| e.cite()).collect(),
                text: quote(full.get(j.claim.sentence.clone()).unwrap_or("")),
            })
            .collect();
        let summary = ArticleAnalysis {
            v: FORMAT_VERSION,
            lang: a.lang.code().to_owned(),
            words: a.words as u64,
            endorsed_weight: round3(a.endorsed_weight),
            discourse_weight: round3(a.discourse_weight),
            hype_index: a.hype_index(),
            discourse_index: a.discourse_index(),
            counts,
            terms: terms.into_values().collect(),
            models: models.into_values().collect(),
            worst,
            on_topic: self.topic.classify(&full).keep || mentions_total >= MIN_REGISTRY_MENTIONS,
        };
        (summary, claims)
    }
}

/// The calendar date written in an ISO 8601 date or date-time (its first ten characters:
/// the date as the outlet gave it, in its own time zone).
pub fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Whitespace collapsed, cut to [`MAX_QUOTE`] bytes at a character boundary.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_QUOTE + 4));
    for w in s.split_whitespace() {
        if out.len() + w.len() + 1 > MAX_QUOTE {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

impl CorpusAnalyzer<'_> {
    /// Analyzes article `id` (just stored from `article`) and stores the summary and its
    /// claims in one transaction.
    pub fn store_analysis(
        &mut self,
        store: &Store,
        id: i64,
        article: &NewArticle,
    ) -> Result<(), CorpusError> {
        let record = self.record(
            id,
            article.title.as_deref(),
            &article.text,
            &article.lang,
            article.published.as_deref(),
        )?;
        store.write_analyses(&self.lexicon_hash, std::slice::from_ref(&record))?;
        Ok(())
    }

    fn record(
        &mut self,
        id: i64,
        title: Option<&str>,
        text: &str,
        lang: &str,
        published: Option<&str>,
    ) -> Result<AnalysisRecord, CorpusError> {
        let (a, claims) = self.analyze(title, text, lang, published);
        Ok(AnalysisRecord {
            article_id: id,
            json: serde_json::to_string(&a)?,
            claims: claims
                .iter()
                .map(serde_json::to_string)
                .collect::<Result<_, _>>()?,
        })
    }
}

/// StanceCounts of [`ensure_analyses`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EnsureReport {
    /// Articles analyzed now (no analysis with the current lexicon hash and format).
    pub analyzed: u64,
    /// Articles whose analysis was already current.
    pub current: u64,
}

/// Analyzes every stored original article (not a copy) that has no analysis under the
/// analyzer's lexicon hash, or one in an older format; with `force`, all of them. Each batch
/// of results is written in one transaction.
pub fn ensure_analyses(
    store: &mut Store,
    analyzer: &mut CorpusAnalyzer<'_>,
    force: bool,
) -> Result<EnsureReport, CorpusError> {
    let hash = analyzer.lexicon_hash().to_owned();
    let mut todo: Vec<i64> = Vec::new();
    let mut report = EnsureReport::default();
    for (id, current) in store.analysis_status(&hash, FORMAT_VERSION)? {
        if current && !force {
            report.current += 1;
        } else {
            todo.push(id);
        }
    }
    for chunk in todo.chunks(500) {
        let mut batch = Vec::with_capacity(chunk.len());
        for &id in chunk {
            let t = store.article_text(id)?;
            batch.push(analyzer.record(
                id,
                t.title.as_deref(),
                &t.text,
                &t.lang,
                t.published.as_deref(),
            )?);
        }
        store.write_analyses(&hash, &batch)?;
        report.analyzed += batch.len() as u64;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_claims_round_trip_through_one_type() {
        let c = StoredClaim {
            subject: "veo-3.1".into(),
            objects: vec!["sora-2".into()],
            kind: "comparative".into(),
            dimension: "realism".into(),
            polarity: "positive".into(),
            stance: Stance::Hedged,
            verdict: "contradicted".into(),
            date: "2026-11-18".into(),
            reason: "ranks lower".into(),
            evidence: vec!["arena 2026-11-01".into()],
            text: "Veo is more realistic than Sora.".into(),
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<StoredClaim>(&json).unwrap(), c);
        let err = serde_json::from_str::<StoredClaim>(r#"{"model":"x"}"#);
        assert!(err.is_err(), "unknown keys are errors, not guesses");
    }
}
