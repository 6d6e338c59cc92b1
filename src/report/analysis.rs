//! The stored analysis of one article: what the report needs, computed once per article and
//! lexicon version and kept in `analyses.result_json`.
//!
//! Takes an article's headline, text and date; runs the analyzer ([`crate::analyze`]), the model
//! registry's mention finder and the topic filter over `headline + "\n\n" + text`, and keeps a
//! compact summary: word count, counted and discourse weight, hits grouped by (term, stance),
//! models mentioned, the sentences with the most counted hype. The report then aggregates these
//! summaries without reading article text again, which is what keeps a report over 100,000
//! articles fast.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analyze::{Analyzer, Options, Stance};
use crate::collect::topic::{TopicConfig, TopicFilter};
use crate::models::Registry;
use crate::store::{NewArticle, Store, StoreError};

use super::ReportError;

/// Version of the stored summary format; older summaries are recomputed.
pub(crate) const FORMAT_VERSION: u32 = 2;

/// Registry mentions that make an article on topic by themselves.
pub(crate) const MIN_REGISTRY_MENTIONS: u64 = 2;

/// How many of an article's most hyped sentences are kept.
const WORST_SENTENCES: usize = 2;

/// Longest sentence quote kept, in bytes (cut at a character boundary).
const MAX_QUOTE: usize = 320;

/// Hits per stance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Counts {
    pub(crate) endorsed: u64,
    pub(crate) hedged: u64,
    pub(crate) quoted: u64,
    pub(crate) negated: u64,
    pub(crate) questioned: u64,
}

impl Counts {
    pub(crate) fn add_stance(&mut self, s: Stance, n: u64) {
        match s {
            Stance::Endorsed => self.endorsed += n,
            Stance::Hedged => self.hedged += n,
            Stance::Quoted => self.quoted += n,
            Stance::Negated => self.negated += n,
            Stance::Questioned => self.questioned += n,
        }
    }

    pub(crate) fn add(&mut self, o: &Counts) {
        self.endorsed += o.endorsed;
        self.hedged += o.hedged;
        self.quoted += o.quoted;
        self.negated += o.negated;
        self.questioned += o.questioned;
    }

    pub(crate) fn total(&self) -> u64 {
        self.endorsed + self.hedged + self.quoted + self.negated + self.questioned
    }

    /// Hits that count toward the Hype Index (endorsed and hedged).
    pub(crate) fn counted(&self) -> u64 {
        self.endorsed + self.hedged
    }

    /// Hits that are hype discourse (quoted, negated, questioned).
    pub(crate) fn discourse(&self) -> u64 {
        self.quoted + self.negated + self.questioned
    }
}

/// Uses of one lexicon term with one stance in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct TermUse {
    pub(crate) term: String,
    pub(crate) category: String,
    pub(crate) stance: Stance,
    pub(crate) n: u64,
    /// Weight these hits add to the Hype Index.
    pub(crate) counted: f64,
}

/// Mentions of one model (or of a family whose version could not be resolved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ModelUse {
    /// Registry id of the model; the family id when unresolved.
    pub(crate) model: String,
    pub(crate) family: String,
    pub(crate) n: u64,
}

/// A sentence with counted hype, quoted in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Quote {
    pub(crate) text: String,
    pub(crate) counted: f64,
    pub(crate) terms: Vec<String>,
}

/// The stored summary of one article's analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ArticleAnalysis {
    pub(crate) v: u32,
    pub(crate) lang: String,
    pub(crate) words: u64,
    pub(crate) endorsed_weight: f64,
    pub(crate) discourse_weight: f64,
    pub(crate) hype_index: f64,
    pub(crate) discourse_index: f64,
    pub(crate) counts: Counts,
    pub(crate) terms: Vec<TermUse>,
    pub(crate) models: Vec<ModelUse>,
    pub(crate) worst: Vec<Quote>,
    /// About AI video generation: the collector's topic filter keeps it, or the model
    /// registry finds at least [`MIN_REGISTRY_MENTIONS`] mentions (the registry knows newer
    /// models than the filter's built-in names). Imports keep off-topic pages; reports skip them.
    pub(crate) on_topic: bool,
}

/// What analysis needs: compiled lexicons, the model registry, the topic filter, and the
/// claim checker (shipped registry, benchmarks and claim cues).
pub(crate) struct Engine {
    analyzer: Analyzer,
    registry: Registry,
    topic: TopicFilter,
    lexicon_hash: String,
    claims: Option<crate::claims::Checker<'static>>,
}

/// The shipped data claim checking reads, loaded once per process. `None` when it does not
/// load (the shipped files' own tests rule that out); reports then say claims are missing.
struct ClaimData {
    registry: Registry,
    benchmarks: crate::benchmarks::Benchmarks,
    cues: crate::claims::Cues,
}

fn claim_data() -> Option<&'static ClaimData> {
    static DATA: std::sync::OnceLock<Option<ClaimData>> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let registry = Registry::shipped().ok()?;
        let benchmarks = crate::benchmarks::Benchmarks::shipped(&registry).ok()?;
        let cues = crate::claims::Cues::shipped().ok()?;
        Some(ClaimData {
            registry,
            benchmarks,
            cues,
        })
    })
    .as_ref()
}

/// One stored claim: the author's claim about a model with its verdict, flat for the report
/// (`claims` table, one JSON object per row; documented in docs/report.md).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StoredClaim {
    pub(crate) subject: String,
    pub(crate) objects: Vec<String>,
    pub(crate) kind: String,
    pub(crate) dimension: String,
    pub(crate) polarity: String,
    pub(crate) stance: Stance,
    pub(crate) verdict: String,
    pub(crate) date: String,
    pub(crate) reason: String,
    pub(crate) evidence: Vec<String>,
    pub(crate) text: String,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("lexicon_hash", &self.lexicon_hash)
            .finish()
    }
}

impl Engine {
    /// The shipped lexicons, registry and topic terms.
    pub(crate) fn shipped() -> Result<Engine, ReportError> {
        let lexicons = crate::lexicon::embedded().map_err(ReportError::Lexicon)?;
        Self::new(
            Arc::new(lexicons),
            Registry::shipped().map_err(ReportError::Models)?,
        )
    }

    pub(crate) fn new(
        lexicons: Arc<crate::lexicon::LexiconSet>,
        registry: Registry,
    ) -> Result<Engine, ReportError> {
        let topic = TopicFilter::from_config(&TopicConfig::default())
            .map_err(|e| ReportError::Setup(format!("topic filter: {e}")))?;
        let lexicon_hash = lexicons.hash.clone();
        let claims =
            claim_data().map(|d| crate::claims::Checker::new(&d.registry, &d.benchmarks, &d.cues));
        Ok(Engine {
            analyzer: Analyzer::new(lexicons),
            registry,
            topic,
            lexicon_hash,
            claims,
        })
    }

    /// Whether claims are extracted and judged (the shipped claim data loaded).
    pub(crate) fn claims_enabled(&self) -> bool {
        self.claims.is_some()
    }

    /// The model registry.
    pub(crate) fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The lexicons.
    pub(crate) fn lexicons(&self) -> &crate::lexicon::LexiconSet {
        self.analyzer.lexicons()
    }

    /// The lexicon hash analyses are stored under.
    pub(crate) fn lexicon_hash(&self) -> &str {
        &self.lexicon_hash
    }

    /// Analyzes one article: the stored summary and the author's claims, judged as of the
    /// publication date (today when the article has none).
    pub(crate) fn analyze(
        &mut self,
        title: Option<&str>,
        text: &str,
        lang: &str,
        published: Option<&str>,
    ) -> (ArticleAnalysis, Vec<String>) {
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
        let mut counts = Counts::default();
        for h in &a.hits {
            counts.add_stance(h.stance, 1);
            let e = terms
                .entry((h.term.clone(), h.stance))
                .or_insert_with(|| TermUse {
                    term: h.term.clone(),
                    category: h.category.clone(),
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
                    .map(|h| h.term.clone())
                    .collect();
                t.dedup();
                Some(Quote {
                    text,
                    counted: round3(w),
                    terms: t,
                })
            })
            .collect();
        let claim_date = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let claims: Vec<String> = self
            .claims
            .as_ref()
            .map(|c| c.check(&full, &a, claim_date))
            .unwrap_or_default()
            .into_iter()
            .filter(|j| j.claim.is_authors())
            .filter_map(|j| {
                let stored = StoredClaim {
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
                };
                serde_json::to_string(&stored).ok()
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
pub(crate) fn date_of(s: &str) -> Option<NaiveDate> {
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

thread_local! {
    /// The engine used by [`analyze_new_article`]: built on first use, kept for the thread's
    /// life, because compiling lexicons costs far more than analyzing one article.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Analyzes a just-stored article with the shipped lexicons and stores the result. Copies
/// (`duplicate_of`) are skipped: they never count in a report. If the engine cannot be built
/// (which the shipped data's tests rule out), nothing is stored and the report analyzes the
/// article later, naming the problem.
pub(crate) fn analyze_new_article(
    store: &mut Store,
    article_id: i64,
    article: &NewArticle,
) -> Result<(), StoreError> {
    let duplicate: Option<i64> = store
        .connection()
        .query_row(
            "SELECT duplicate_of FROM articles WHERE id = ?1",
            [article_id],
            |r| r.get(0),
        )
        .map_err(|source| StoreError::Sqlite {
            path: store.path().to_owned(),
            source,
        })?;
    if duplicate.is_some() {
        return Ok(());
    }
    let result = ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Engine::shipped().ok();
        }
        slot.as_mut().map(|engine| {
            let a = engine.analyze(
                article.title.as_deref(),
                &article.text,
                &article.lang,
                article.published.as_deref(),
            );
            (engine.lexicon_hash().to_owned(), a)
        })
    });
    let Some((hash, (analysis, claims))) = result else {
        return Ok(());
    };
    let json = serde_json::to_string(&analysis).unwrap_or_default();
    store.put_analysis_and_claims(article_id, &hash, &json, &claims)
}

/// Counts of [`ensure_analyses`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct EnsureReport {
    /// Articles analyzed now (no analysis with the current lexicon hash and format).
    pub(crate) analyzed: u64,
    /// Articles whose analysis was already current.
    pub(crate) current: u64,
}

/// Analyzes every stored original article (not a copy) that has no analysis under the
/// engine's lexicon hash, or one in an older format; with `force`, all of them. Each batch of
/// results is written in one transaction.
pub(crate) fn ensure_analyses(
    store: &mut Store,
    engine: &mut Engine,
    force: bool,
) -> Result<EnsureReport, ReportError> {
    let path = store.path().to_owned();
    let e = |source| ReportError::Sqlite {
        path: path.clone(),
        source,
    };
    let hash = engine.lexicon_hash().to_owned();
    let mut todo: Vec<i64> = Vec::new();
    let mut report = EnsureReport::default();
    {
        // The version check runs inside SQLite (json_extract), so a corpus whose analyses are
        // all current costs one index walk, not a JSON parse per article.
        let mut stmt = store
            .connection()
            .prepare(
                "SELECT a.id, CASE WHEN n.id IS NULL THEN 0
                                   WHEN json_valid(n.result_json)
                                     THEN json_extract(n.result_json, '$.v') = ?2
                                   ELSE 0 END
                 FROM articles a
                 LEFT JOIN analyses n ON n.article_id = a.id AND n.lexicon_hash = ?1
                 WHERE a.duplicate_of IS NULL ORDER BY a.id",
            )
            .map_err(e)?;
        let mut rows = stmt
            .query(rusqlite::params![hash, FORMAT_VERSION])
            .map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let id: i64 = r.get(0).map_err(e)?;
            let current: bool = r.get::<_, Option<bool>>(1).map_err(e)?.unwrap_or(false);
            if current && !force {
                report.current += 1;
            } else {
                todo.push(id);
            }
        }
    }
    for chunk in todo.chunks(500) {
        let mut results = Vec::with_capacity(chunk.len());
        {
            let mut stmt = store
                .connection()
                .prepare_cached("SELECT title, text, lang, published FROM articles WHERE id = ?1")
                .map_err(e)?;
            for &id in chunk {
                let (title, text, lang, published): (
                    Option<String>,
                    String,
                    String,
                    Option<String>,
                ) = stmt
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .map_err(e)?;
                let (a, claims) =
                    engine.analyze(title.as_deref(), &text, &lang, published.as_deref());
                results.push((id, serde_json::to_string(&a).unwrap_or_default(), claims));
            }
        }
        let conn = store.connection();
        conn.execute_batch("BEGIN").map_err(e)?;
        for (id, json, claims) in &results {
            let written = store
                .put_analysis(*id, &hash, json)
                .and_then(|()| store.replace_claims(*id, claims));
            if let Err(err) = written {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(err.into());
            }
        }
        conn.execute_batch("COMMIT").map_err(e)?;
        report.analyzed += results.len() as u64;
    }
    Ok(report)
}
