//! Collector: sources, feeds and sitemaps, polite fetching, main-text extraction, import.
//!
//! Takes `data/sources.toml` (or local files), hands each kept article to an [`Ingest`]
//! implementation the caller chooses: the corpus pipeline stores and analyzes it; [`StoreOnly`]
//! only stores it. The collector itself never analyzes, so it depends on the store, not on the
//! corpus pipeline or the report.
pub mod canon;
pub mod check;
pub mod export;
pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod import;
mod pool;
pub mod scan;
pub mod sources;
pub mod topic;

use crate::store::{InsertOutcome, NewArticle, Store};

/// An error of an [`Ingest`] implementation.
pub type IngestError = Box<dyn std::error::Error + Send + Sync>;

/// Where collected articles go: stored (with dedup) and whatever else the caller's pipeline
/// does with a new article, in one step.
pub trait Ingest {
    /// Stores `article`; `scan_run` and `queue_url` as in [`Store::insert_article`].
    fn ingest(
        &mut self,
        store: &mut Store,
        article: &NewArticle,
        scan_run: Option<i64>,
        queue_url: Option<&str>,
    ) -> Result<InsertOutcome, IngestError>;
}

/// Stores articles and does nothing else (no analysis).
#[derive(Debug, Default, Clone, Copy)]
pub struct StoreOnly;

impl Ingest for StoreOnly {
    fn ingest(
        &mut self,
        store: &mut Store,
        article: &NewArticle,
        scan_run: Option<i64>,
        queue_url: Option<&str>,
    ) -> Result<InsertOutcome, IngestError> {
        Ok(store.insert_article(article, scan_run, queue_url)?)
    }
}
