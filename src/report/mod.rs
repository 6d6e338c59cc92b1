//! The Hype Index report: weekly (or any period) aggregation of the corpus and its outputs.
//!
//! Takes an open [`Store`], a [`CorpusAnalyzer`] (lexicons, model registry, topic filter,
//! claim checker), the measured outcomes ([`Benchmarks`]) and a [`Period`]. First makes sure every stored
//! original article has an analysis under the current lexicon hash (computing missing or
//! outdated ones), then aggregates in one streaming pass ([`aggregate`]), looks up each
//! model's reality score at the period's last day, and hands a [`ReportData`] to the renderers:
//! `index.html` (one self-contained file with inline CSS and SVG charts), `index.md`, CSV files
//! and `report.json`. The method section is part of the data, so every output states how its
//! numbers were made. Column and formula documentation: `docs/report.md`, `docs/method.md`.
pub(crate) mod aggregate;
pub(crate) mod charts;
pub(crate) mod data;
pub mod from_aggregate;
pub mod period;
pub(crate) mod render;
pub(crate) mod sample;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::analyze::score;
use crate::benchmarks::Benchmarks;
use crate::corpus::analysis::{date_of, StoredClaim};
use crate::corpus::{ensure_analyses, CorpusAnalyzer, CorpusError};
use crate::models::{EntryKind, Registry};
use crate::store::{Store, StoreError};

pub use period::Period;

use aggregate::{Acc, Totals};
pub(crate) use data::{
    ClaimCounts, ClaimRow, ClaimsInfo, Corpus, FamilyTrend, GroupRow, Method, ModelRow,
    RealityPart, ReportData, Snapshot, Summary, TermRow, WeekPoint,
};

/// Errors of the report; each names the file or database it concerns.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Analyzing the corpus failed.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// A stored claim could not be read.
    #[error("{path}: bad stored claim of article {article}: {source}")]
    Claim {
        /// Database file.
        path: PathBuf,
        /// Article row id.
        article: i64,
        /// JSON error.
        source: serde_json::Error,
    },
    /// Writing an output file failed.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// File or directory.
        path: PathBuf,
        /// IO error.
        source: std::io::Error,
    },
    /// Writing a CSV file failed.
    #[error("{path}: cannot write CSV: {source}")]
    Csv {
        /// File.
        path: PathBuf,
        /// CSV error.
        source: csv::Error,
    },
    /// A template failed to render.
    #[error("template {name}: {source}")]
    Template {
        /// Template name.
        name: String,
        /// minijinja error.
        source: minijinja::Error,
    },
    /// A chart failed to draw.
    #[error("chart {name}: {message}")]
    Chart {
        /// Chart name.
        name: &'static str,
        /// What failed.
        message: String,
    },
    /// Bad period arguments.
    #[error("{0}")]
    Period(String),
    /// The sample corpus could not be read.
    #[error("{path}: {message}")]
    Sample {
        /// File or directory.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

/// What [`generate`] wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// The directory written.
    pub dir: PathBuf,
    /// Every file written, `articles.csv` first.
    pub files: Vec<PathBuf>,
    /// Articles counted in the period.
    pub articles: u64,
    /// The period's Hype Index; `None` without counted articles.
    pub hype_index: Option<f64>,
    /// Articles analyzed while generating (missing or outdated analyses).
    pub analyzed_now: u64,
}

/// How many terms the report tables and charts show.
pub(crate) const TOP_TERMS: usize = 15;

/// Analyzes what is missing, aggregates `period` and writes the report into `dir`.
pub fn generate(
    store: &mut Store,
    engine: &mut CorpusAnalyzer<'_>,
    benchmarks: &Benchmarks,
    period: Period,
    dir: &Path,
) -> Result<Written, ReportError> {
    let ensured = ensure_analyses(store, engine, false)?;
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut articles_csv = render::ArticlesCsv::create(&dir.join("articles.csv"))?;
    let totals = aggregate::aggregate(store, engine.lexicon_hash(), &period, |row| {
        articles_csv.write(row)
    })?;
    let claims = read_claims(store, &period)?;
    let counts = CorpusCounts {
        stored: store.article_count()?.max(0) as u64,
        undated: store.undated_count()?.max(0) as u64,
        analyzed_now: ensured.analyzed,
    };
    let data = build(
        engine,
        benchmarks,
        period,
        totals,
        PeriodClaims::from_rows(claims),
        counts,
    )?;
    let mut files = vec![articles_csv.finish()?];
    files.extend(render::write_all(&data, dir)?);
    Ok(Written {
        dir: dir.to_owned(),
        files,
        articles: data.summary.articles,
        hype_index: data.summary.hype_index,
        analyzed_now: ensured.analyzed,
    })
}

/// Latest publication date of a stored original article.
pub fn latest_date(store: &Store) -> Result<Option<NaiveDate>, ReportError> {
    Ok(store.latest_published()?)
}

fn read_claims(store: &Store, period: &Period) -> Result<Vec<ClaimRow>, ReportError> {
    let to = period.until + chrono::Duration::days(1);
    let mut out = Vec::new();
    for r in store.claims_in(period.since, to)? {
        let Some(date) = date_of(&r.published) else {
            continue;
        };
        let c: StoredClaim =
            serde_json::from_str(&r.json).map_err(|source| ReportError::Claim {
                path: store.path().to_owned(),
                article: r.article_id,
                source,
            })?;
        out.push(ClaimRow {
            article_id: r.article_id,
            date,
            outlet: r.outlet,
            model: c.subject,
            kind: c.kind,
            verdict: c.verdict,
            text: c.text,
        });
    }
    Ok(out)
}

fn group_row(name: &str, lang: &str, acc: &Acc) -> GroupRow {
    GroupRow {
        name: name.to_owned(),
        lang: lang.to_owned(),
        articles: acc.articles,
        words: acc.words,
        hype_index: acc.hype_index().unwrap_or(0.0),
        discourse_index: acc.discourse_index().unwrap_or(0.0),
        counted_hits: acc.counts.counted(),
        discourse_hits: acc.counts.discourse(),
    }
}

/// Percentile of each value among `values` (the rule of benchmark pools: models strictly
/// below plus half the ties, over n − 1; 50 for a single value).
pub(crate) fn percentiles(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    values
        .iter()
        .map(|&v| {
            if n < 2 {
                return 50.0;
            }
            let below = values.iter().filter(|&&o| o < v).count();
            let above = values.iter().filter(|&&o| o > v).count();
            let tied = n - below - above - 1;
            (below as f64 + 0.5 * tied as f64) / (n - 1) as f64 * 100.0
        })
        .collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Claim verdicts of the period: the rows (from the SQLite corpus; none from aggregates),
/// counts per model and totals.
pub(crate) struct PeriodClaims {
    pub(crate) rows: Vec<ClaimRow>,
    pub(crate) by_model: BTreeMap<String, ClaimCounts>,
    pub(crate) totals: ClaimCounts,
}

impl PeriodClaims {
    fn from_rows(rows: Vec<ClaimRow>) -> Self {
        let mut by_model: BTreeMap<String, ClaimCounts> = BTreeMap::new();
        let mut totals = ClaimCounts::default();
        for c in &rows {
            let slot = by_model.entry(c.model.clone()).or_default();
            for counts in [slot, &mut totals] {
                match c.verdict.as_str() {
                    "supported" => counts.supported += 1,
                    "contradicted" => counts.contradicted += 1,
                    _ => counts.unverifiable += 1,
                }
            }
        }
        PeriodClaims {
            rows,
            by_model,
            totals,
        }
    }
}

/// Corpus counts of the method section that the period's aggregation does not give.
pub(crate) struct CorpusCounts {
    pub(crate) stored: u64,
    pub(crate) undated: u64,
    pub(crate) analyzed_now: u64,
}

fn build(
    engine: &CorpusAnalyzer<'_>,
    benchmarks: &Benchmarks,
    period: Period,
    t: Totals,
    claims: PeriodClaims,
    counts: CorpusCounts,
) -> Result<ReportData, ReportError> {
    let registry: &Registry = engine.registry();
    let CorpusCounts {
        stored,
        undated,
        analyzed_now,
    } = counts;
    // Claims per model: every analysis has extracted and judged the author's claims; the
    // analyzer cannot be built without the claim data, so claims are always available.
    let claims_available = true;
    let PeriodClaims {
        rows: claim_rows,
        by_model: claims_by_model,
        totals: claim_totals,
    } = claims;

    // Models: hype, reality at the period's end, gap.
    let mut models: Vec<ModelRow> = t
        .models
        .iter()
        .map(|(id, m)| {
            let entry = registry.get(id);
            let resolved = entry.is_some_and(|x| x.kind != EntryKind::Family);
            let name = match entry {
                Some(x) if resolved => x.name.clone(),
                Some(x) => format!("{} (version not named)", x.name),
                None => id.clone(),
            };
            let summary = if resolved {
                benchmarks.reality_summary(id, period.until)
            } else {
                None
            };
            let reality: Vec<RealityPart> = summary
                .as_ref()
                .map(|s| {
                    s.per_dimension
                        .iter()
                        .map(|d| RealityPart {
                            dimension: d.dimension.as_str().to_owned(),
                            percentile: round1(d.percentile),
                            benchmark: d.standing.evidence.benchmark.clone(),
                            pool: d.standing.pool.to_owned(),
                            snapshot: d.standing.snapshot,
                            rank: d.standing.rank,
                            n: d.standing.n,
                        })
                        .collect()
                })
                .unwrap_or_default();
            ModelRow {
                model: id.clone(),
                name,
                family: m.family.clone(),
                vendor: entry.map(|x| x.vendor.clone()).unwrap_or_default(),
                resolved,
                articles: m.acc.articles,
                mentions: m.mentions,
                words: m.acc.words,
                hype_index: m.acc.hype_index().unwrap_or(0.0),
                discourse_index: m.acc.discourse_index().unwrap_or(0.0),
                hype_percentile: None,
                reality_percentile: summary.as_ref().map(|s| round1(s.overall)),
                reality,
                gap: None,
                claims: claims_available
                    .then(|| claims_by_model.get(id).copied().unwrap_or_default()),
            }
        })
        .collect();
    let with_reality: Vec<usize> = (0..models.len())
        .filter(|&i| models[i].reality_percentile.is_some())
        .collect();
    let hype: Vec<f64> = with_reality.iter().map(|&i| models[i].hype_index).collect();
    for (k, p) in percentiles(&hype).into_iter().enumerate() {
        let m = &mut models[with_reality[k]];
        // No endorsed hype cannot be overhype, whatever the ties among such models would give.
        let p = if m.hype_index > 0.0 { p } else { 0.0 };
        m.hype_percentile = Some(round1(p));
        m.gap = m.reality_percentile.map(|r| round1(p - r));
    }
    models.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.hype_index.total_cmp(&a.hype_index))
            .then(a.model.cmp(&b.model))
    });

    // Benchmark snapshots behind the reality scores.
    let mut snapshots: Vec<Snapshot> = Vec::new();
    for m in &models {
        if let Some(s) = benchmarks.reality_summary(&m.model, period.until) {
            for d in &s.per_dimension {
                let snap = Snapshot {
                    benchmark: d.standing.evidence.benchmark.clone(),
                    pool: d.standing.pool.to_owned(),
                    date: d.standing.snapshot,
                    source: d.standing.evidence.source.clone(),
                };
                if !snapshots.contains(&snap) {
                    snapshots.push(snap);
                }
            }
        }
    }
    snapshots.sort();

    // Weeks and families.
    let weeks: Vec<WeekPoint> = period
        .trend
        .iter()
        .zip(&t.weeks)
        .map(|(m, acc)| week_point(*m, acc))
        .collect();
    let mut families: Vec<FamilyTrend> = t
        .family_weeks
        .iter()
        .map(|(f, accs)| FamilyTrend {
            family: f.clone(),
            name: registry.get(f).map(|x| x.name.clone()).unwrap_or(f.clone()),
            articles: accs.iter().map(|a| a.articles).sum(),
            points: accs.iter().map(Acc::hype_index).collect(),
        })
        .collect();
    families.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.family.cmp(&b.family)));

    // Change against the trend weeks before the period.
    let mut before = Acc::default();
    let mut previous_week = None;
    for (w, acc) in period.trend.iter().zip(&t.weeks) {
        if *w < period.since {
            before.merge(acc);
            previous_week = Some(week_point(*w, acc));
        }
    }
    let hype_index = t.period.hype_index();
    let previous_hype_index = before.hype_index();
    let summary = Summary {
        articles: t.period.articles,
        words: t.period.words,
        hype_index,
        discourse_index: t.period.discourse_index(),
        counted_hits: t.period.counts.counted(),
        discourse_hits: t.period.counts.discourse(),
        previous_hype_index,
        change: hype_index
            .zip(previous_hype_index)
            .map(|(a, b)| round1(a - b)),
        previous_week,
    };

    let mut terms: Vec<TermRow> = t
        .terms
        .iter()
        .map(|((term, lang), a)| TermRow {
            term: term.clone(),
            lang: lang.clone(),
            category: a.category.clone(),
            total: a.counts.total(),
            endorsed: a.counts.endorsed,
            hedged: a.counts.hedged,
            quoted: a.counts.quoted,
            negated: a.counts.negated,
            questioned: a.counts.questioned,
            counted_weight: (aggregate::from_micro(a.counted_micro) * 1000.0).round() / 1000.0,
        })
        .collect();
    terms.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then(a.term.cmp(&b.term))
            .then(a.lang.cmp(&b.lang))
    });
    let mut outlets: Vec<GroupRow> = t
        .outlets
        .iter()
        .map(|(name, o)| group_row(name, o.lang(), &o.acc))
        .collect();
    outlets.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
    let languages: Vec<GroupRow> = t
        .languages
        .iter()
        .map(|(l, acc)| group_row(l, l, acc))
        .collect();

    let lex = engine.lexicons();
    let note = if claims_available {
        "The author's claims about models (endorsed or hedged; quoted, negated and questioned claims do not count) extracted from each article and judged against data/benchmarks.csv as of the article's date: supported, contradicted, or unverifiable when the data has no measurement for that model and dimension. Rules: docs/claims.md.".to_owned()
    } else {
        "Not available: the claim data (model registry, benchmarks, claim cues) did not load, so claims were not judged. Claim columns are left empty, not zero.".to_owned()
    };
    let title = match period.kind {
        "week" => format!("Hype Index {}", period.label),
        "trend" => format!(
            "Hype Index trend, {} weeks to {}",
            period.trend.len(),
            period::week_name(period.until)
        ),
        _ => format!("Hype Index {} to {}", period.since, period.until),
    };
    Ok(ReportData {
        title,
        generated_at: crate::store::now_utc(),
        summary,
        weeks,
        families,
        models,
        top_articles: t.top,
        terms,
        outlets,
        languages,
        claims: ClaimsInfo {
            available: claims_available,
            note,
            totals: claims_available.then_some(claim_totals),
            rows: claim_rows,
        },
        method: Method {
            lexicon_version: lex.version.clone(),
            lexicon_hash: lex.hash.clone(),
            lexicon_origin: lex.origin.clone(),
            curve_k: score::CURVE_K,
            min_words: score::MIN_WORDS,
            reality_date: period.until,
            benchmarks_latest: benchmarks.latest_date(),
            snapshots,
            corpus: Corpus {
                stored,
                undated,
                in_period: t.in_period,
                counted: t.period.articles,
                excluded: t.excluded,
                analyzed_now,
            },
            hypecheck_version: env!("CARGO_PKG_VERSION"),
        },
        period,
    })
}

fn week_point(monday: NaiveDate, acc: &Acc) -> WeekPoint {
    WeekPoint {
        week: period::week_name(monday),
        since: monday,
        until: monday + chrono::Duration::days(6),
        articles: acc.articles,
        hype_index: acc.hype_index(),
        discourse_index: acc.discourse_index(),
    }
}
