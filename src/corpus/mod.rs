//! The corpus pipeline: what happens to an article between the collector and the report.
//!
//! Owns article analysis ([`analysis`]: the stored summary and claims of one article, and
//! [`analysis::ensure_analyses`] for a whole store) and ingest ([`ingest()`]: store an article,
//! detect copies, analyze originals). Takes a [`CorpusAnalyzer`] built by the caller from
//! explicit lexicons, claim data and today's date, so a scan, an import and the report all
//! analyze with the lexicons the user chose; hands on rows in the [`crate::store`]. Scan and
//! import reach [`ingest()`] through the [`crate::collect::Ingest`] trait, so the collector
//! does not depend on this module.
pub mod aggregate;
pub mod analysis;
pub mod stream;

use crate::collect::Ingest;
use crate::store::{InsertOutcome, NewArticle, Store, StoreError};

pub use analysis::{ensure_analyses, ClaimDataRef, CorpusAnalyzer, EnsureReport};

/// Errors of the corpus pipeline.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The built-in topic filter could not be built.
    #[error("topic filter: {0}")]
    Topic(#[from] crate::collect::topic::TopicError),
    /// An analysis could not be encoded.
    #[error("could not encode an analysis: {0}")]
    Json(#[from] serde_json::Error),
}

/// Stores `article` (dedup applies; `scan_run` and `queue_url` as in
/// [`Store::insert_article`]) and, when it is a new original, analyzes it and stores the
/// analysis. Copies are not analyzed: they never count in a report.
pub fn ingest(
    store: &mut Store,
    analyzer: &mut CorpusAnalyzer<'_>,
    article: &NewArticle,
    scan_run: Option<i64>,
    queue_url: Option<&str>,
) -> Result<InsertOutcome, CorpusError> {
    let outcome = store.insert_article(article, scan_run, queue_url)?;
    if let InsertOutcome::Inserted {
        id,
        duplicate_of: None,
        ..
    } = outcome
    {
        analyzer.store_analysis(store, id, article)?;
    }
    Ok(outcome)
}

impl Ingest for CorpusAnalyzer<'_> {
    fn ingest(
        &mut self,
        store: &mut Store,
        article: &NewArticle,
        scan_run: Option<i64>,
        queue_url: Option<&str>,
    ) -> Result<InsertOutcome, crate::collect::IngestError> {
        Ok(ingest(store, self, article, scan_run, queue_url)?)
    }
}
