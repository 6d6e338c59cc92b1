//! The data of one report: every figure the renderers show, serialized as `report.json`
//! (columns and keys documented in `docs/report.md`).
use chrono::NaiveDate;
use serde::Serialize;

use super::aggregate::{Excluded, TopArticle};
use super::Period;

/// A week of the trend.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WeekPoint {
    pub(crate) week: String,
    pub(crate) since: NaiveDate,
    pub(crate) until: NaiveDate,
    pub(crate) articles: u64,
    /// `None`: no articles that week (a gap, not a zero).
    pub(crate) hype_index: Option<f64>,
    pub(crate) discourse_index: Option<f64>,
}

/// One model family's weekly Hype Index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FamilyTrend {
    pub(crate) family: String,
    pub(crate) name: String,
    pub(crate) articles: u64,
    pub(crate) points: Vec<Option<f64>>,
}

/// Claim verdict counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub(crate) struct ClaimCounts {
    pub(crate) supported: u64,
    pub(crate) contradicted: u64,
    pub(crate) unverifiable: u64,
}

/// One benchmark dimension behind a reality score.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RealityPart {
    pub(crate) dimension: String,
    pub(crate) percentile: f64,
    pub(crate) benchmark: String,
    pub(crate) pool: String,
    pub(crate) snapshot: NaiveDate,
    pub(crate) rank: usize,
    pub(crate) n: usize,
}

/// A model's row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ModelRow {
    pub(crate) model: String,
    pub(crate) name: String,
    pub(crate) family: String,
    pub(crate) vendor: String,
    /// `false` when only the family was named and no version could be resolved.
    pub(crate) resolved: bool,
    pub(crate) articles: u64,
    pub(crate) mentions: u64,
    pub(crate) words: u64,
    pub(crate) hype_index: f64,
    pub(crate) discourse_index: f64,
    pub(crate) hype_percentile: Option<f64>,
    pub(crate) reality_percentile: Option<f64>,
    pub(crate) reality: Vec<RealityPart>,
    /// Hype percentile minus reality percentile; positive: overhyped.
    pub(crate) gap: Option<f64>,
    /// `None` while claims are not available.
    pub(crate) claims: Option<ClaimCounts>,
}

/// A group's row (outlet or language).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupRow {
    pub(crate) name: String,
    pub(crate) lang: String,
    pub(crate) articles: u64,
    pub(crate) words: u64,
    pub(crate) hype_index: f64,
    pub(crate) discourse_index: f64,
    pub(crate) counted_hits: u64,
    pub(crate) discourse_hits: u64,
}

/// A term's row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermRow {
    pub(crate) term: String,
    pub(crate) lang: String,
    pub(crate) category: String,
    pub(crate) total: u64,
    pub(crate) endorsed: u64,
    pub(crate) hedged: u64,
    pub(crate) quoted: u64,
    pub(crate) negated: u64,
    pub(crate) questioned: u64,
    pub(crate) counted_weight: f64,
}

/// A verified claim, as listed in `claims.csv`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClaimRow {
    pub(crate) article_id: i64,
    pub(crate) date: NaiveDate,
    pub(crate) outlet: String,
    pub(crate) model: String,
    pub(crate) kind: String,
    pub(crate) verdict: String,
    pub(crate) text: String,
}

/// Claims of the period.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClaimsInfo {
    pub(crate) available: bool,
    pub(crate) note: String,
    pub(crate) totals: Option<ClaimCounts>,
    pub(crate) rows: Vec<ClaimRow>,
}

/// Headline figures of the period.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary {
    pub(crate) articles: u64,
    pub(crate) words: u64,
    pub(crate) hype_index: Option<f64>,
    pub(crate) discourse_index: Option<f64>,
    pub(crate) counted_hits: u64,
    pub(crate) discourse_hits: u64,
    /// The pooled index of the trend weeks before the period (weeks with data only).
    pub(crate) previous_hype_index: Option<f64>,
    /// Index minus the previous weeks' pooled index.
    pub(crate) change: Option<f64>,
    /// The week before the period.
    pub(crate) previous_week: Option<WeekPoint>,
}

/// A benchmark snapshot used for reality scores.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Snapshot {
    pub(crate) benchmark: String,
    pub(crate) pool: String,
    pub(crate) date: NaiveDate,
    pub(crate) source: String,
}

/// Corpus counts for the method section.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Corpus {
    pub(crate) stored: u64,
    pub(crate) undated: u64,
    pub(crate) in_period: u64,
    pub(crate) counted: u64,
    pub(crate) excluded: Excluded,
    pub(crate) analyzed_now: u64,
}

/// The method section.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Method {
    pub(crate) lexicon_version: String,
    pub(crate) lexicon_hash: String,
    pub(crate) lexicon_origin: String,
    pub(crate) curve_k: f64,
    pub(crate) min_words: usize,
    pub(crate) reality_date: NaiveDate,
    pub(crate) benchmarks_latest: Option<NaiveDate>,
    pub(crate) snapshots: Vec<Snapshot>,
    pub(crate) corpus: Corpus,
    pub(crate) hypecheck_version: &'static str,
}

/// Everything a report shows; serialized as `report.json`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReportData {
    pub(crate) title: String,
    pub(crate) period: Period,
    pub(crate) generated_at: String,
    pub(crate) summary: Summary,
    pub(crate) weeks: Vec<WeekPoint>,
    pub(crate) families: Vec<FamilyTrend>,
    pub(crate) models: Vec<ModelRow>,
    pub(crate) top_articles: Vec<TopArticle>,
    pub(crate) terms: Vec<TermRow>,
    pub(crate) outlets: Vec<GroupRow>,
    pub(crate) languages: Vec<GroupRow>,
    pub(crate) claims: ClaimsInfo,
    pub(crate) method: Method,
}
