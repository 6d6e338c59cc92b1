//! The scan: discover article URLs from feeds and sitemaps, fetch each once, extract, filter
//! by topic, dedup and store.
//!
//! Two phases. **Discovery** fetches every feed/sitemap (conditional GET with the validators
//! in `fetch_log`), keeps links inside the time window and puts new ones into the persistent
//! crawl queue, in the same transaction as the feed's new validators. **Fetching** works off
//! all pending queue entries of the selected sources (including those left by an interrupted
//! run), and finishes each entry in the same transaction that stores its article. Worker
//! threads fetch and extract; the calling thread alone writes to the database.
//!
//! This file holds the options, the report, the progress trait and [`scan`] itself, which
//! runs both phases and alone writes to the database; `discover` fetches and parses one feed
//! or sitemap, `article` fetches, extracts and filters one queued article.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::canon::canonicalize;
use super::fetch::{FetchError, Fetched, Fetcher};
use super::pool::{interleave_by_host, run_pool, url_host};
use super::sources::Source;
use super::topic::TopicFilter;
use crate::store::{FetchLogEntry, InsertOutcome, QueueItem, Store, StoreError};

mod article;
mod discover;

use article::{fetch_article, ArticleOutcome, ArticleResult};
use discover::{discover, DiscoveryJob, DiscoveryResult};

/// Scan settings.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Keep items published at or after this time.
    pub since: DateTime<Utc>,
    /// Discover only; fetch no articles, write nothing.
    pub dry_run: bool,
    /// Worker threads.
    pub concurrency: usize,
    /// Attempts per article URL (across runs) before it is given up.
    pub max_attempts: i64,
    /// Child sitemaps followed per sitemap index.
    pub max_child_sitemaps: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            since: Utc::now() - chrono::Duration::days(7),
            dry_run: false,
            concurrency: 4,
            max_attempts: 3,
            max_child_sitemaps: 20,
        }
    }
}

/// Fatal scan errors (per-URL problems are collected in [`ScanReport::errors`] instead).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Storing or analyzing a kept article failed.
    #[error(transparent)]
    Ingest(super::IngestError),
}

/// A per-URL problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlError {
    /// URL concerned.
    pub url: String,
    /// What failed.
    pub error: String,
}

/// Result of a scan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScanReport {
    /// Scan run id in the database (none for dry runs).
    pub run_id: Option<i64>,
    /// Feeds and sitemaps fetched with a new body.
    pub feeds_fetched: usize,
    /// Feeds answered 304 Not Modified.
    pub feeds_not_modified: usize,
    /// Links found in the time window.
    pub discovered: usize,
    /// Links newly queued.
    pub queued: usize,
    /// Article pages fetched.
    pub fetched: usize,
    /// Articles stored (originals and duplicates).
    pub kept: usize,
    /// Of `kept`, near-duplicates linked to an earlier article.
    pub duplicates: usize,
    /// Skipped items by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Skipped items: URL and reason.
    pub skipped_urls: Vec<UrlError>,
    /// Per-URL errors.
    pub errors: Vec<UrlError>,
    /// Dry run: the links that would be fetched.
    pub candidates: Vec<String>,
}

impl ScanReport {
    fn skip(&mut self, url: &str, reason: &str) {
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
        self.skipped_urls.push(UrlError {
            url: url.to_owned(),
            error: reason.to_owned(),
        });
    }
}

/// Progress callbacks (the CLI draws a bar; the library never prints).
pub trait Progress: Sync {
    /// A phase starts with `total` steps.
    fn phase(&self, _name: &str, _total: u64) {}
    /// One step done; `msg` describes it.
    fn step(&self, _msg: &str) {}
}

/// A progress sink that ignores everything.
#[derive(Debug, Default)]
pub struct NoProgress;
impl Progress for NoProgress {}

fn log_ok(url: &str, f: &Fetched) -> FetchLogEntry {
    FetchLogEntry {
        url: url.to_owned(),
        status: Some(f.status),
        error: None,
        validators: f.validators.clone(),
    }
}

fn log_err(url: &str, e: &FetchError) -> FetchLogEntry {
    FetchLogEntry {
        url: url.to_owned(),
        status: e.status(),
        error: Some(e.to_string()),
        validators: Default::default(),
    }
}

/// The canonical URL to store: the page's own canonical link when it stays on the same host
/// (a cross-host canonical marks syndication, handled by near-duplicate detection instead),
/// otherwise the normalized fetched URL.
/// The canonical form of a URL, or the URL itself when it has none.
fn canonical_or_raw(url: &str) -> String {
    canonicalize(url).unwrap_or_else(|_| url.to_owned())
}

/// The canonical URL of a fetched page: its declared canonical URL when that is on the same
/// site, else the fetched URL, both canonicalized.
pub fn canonical_for(final_url: &str, declared: Option<&str>) -> String {
    let own = canonicalize(final_url).unwrap_or_else(|_| final_url.to_owned());
    if let Some(d) = declared.and_then(|d| canonicalize(d).ok()) {
        if url_host(&d) == url_host(&own) {
            return d;
        }
    }
    own
}

/// Runs a scan over `sources`. `store` may be `None` only for dry runs; a dry run writes
/// nothing and uses a given store only to leave out links already stored.
pub fn scan(
    mut store: Option<&mut Store>,
    sources: &[Source],
    filter: &TopicFilter,
    fetcher: &Fetcher,
    opts: &ScanOptions,
    progress: &dyn Progress,
    ingest: &mut dyn super::Ingest,
) -> Result<ScanReport, ScanError> {
    let mut report = ScanReport::default();
    let by_name: HashMap<String, &Source> =
        sources.iter().map(|s| (s.name.to_lowercase(), s)).collect();
    for s in sources {
        if let Some(d) = s.delay_secs {
            let delay = std::time::Duration::from_secs_f64(d);
            for u in std::iter::once(&s.homepage)
                .chain(&s.feeds)
                .chain(&s.sitemaps)
            {
                let h = url_host(u);
                if !h.is_empty() {
                    fetcher.set_host_delay(&h, delay);
                }
            }
        }
    }
    let run_id = match store.as_deref_mut() {
        Some(st) if !opts.dry_run => {
            let records: Vec<crate::store::SourceRecord<'_>> = sources
                .iter()
                .map(|s| crate::store::SourceRecord {
                    name: &s.name,
                    lang: &s.lang,
                    homepage: &s.homepage,
                    feeds: &s.feeds,
                    sitemaps: &s.sitemaps,
                    country: s.country.as_deref(),
                })
                .collect();
            st.upsert_sources(&records)?;
            Some(st.start_run()?)
        }
        _ => None,
    };
    report.run_id = run_id;

    // Phase 1: discovery.
    let mut jobs = Vec::new();
    for s in sources {
        for (urls, sitemap) in [(&s.feeds, false), (&s.sitemaps, true)] {
            for u in urls {
                let validators = match store.as_deref() {
                    Some(st) if !sitemap && !opts.dry_run => st.validators(u)?,
                    _ => Default::default(),
                };
                jobs.push(DiscoveryJob {
                    source: s.name.clone(),
                    url: u.clone(),
                    sitemap,
                    validators,
                });
            }
        }
    }
    let jobs = interleave_by_host(jobs, |j| url_host(&j.url));
    progress.phase("feeds", jobs.len() as u64);
    let mut candidates_seen = std::collections::HashSet::new();
    run_pool(
        jobs,
        opts.concurrency,
        |job| discover(fetcher, &job, opts),
        |res| -> Result<(), ScanError> {
            match res {
                DiscoveryResult::Failed { log, error } => {
                    progress.step(&log.url);
                    report.errors.push(UrlError {
                        url: log.url.clone(),
                        error,
                    });
                    if let Some(st) = store.as_deref() {
                        if !opts.dry_run {
                            st.log_fetch(&log, run_id)?;
                        }
                    }
                }
                DiscoveryResult::NotModified { log } => {
                    progress.step(&log.url);
                    report.feeds_not_modified += 1;
                    if let Some(st) = store.as_deref_mut() {
                        if !opts.dry_run {
                            st.enqueue_from_feed(&[], &log, run_id, canonical_or_raw)?;
                        }
                    }
                }
                DiscoveryResult::Items {
                    source,
                    log,
                    items,
                    sitemap,
                    errors,
                } => {
                    progress.step(&log.url);
                    report.feeds_fetched += 1;
                    report.errors.extend(errors);
                    let mut queue = Vec::new();
                    for it in items {
                        match it.published {
                            Some(p) if p < opts.since => {
                                report.skip(&it.url, "outside time window");
                                continue;
                            }
                            None if sitemap => {
                                report.skip(&it.url, "undated sitemap entry");
                                continue;
                            }
                            _ => {}
                        }
                        let canonical = match canonicalize(&it.url) {
                            Ok(c) => c,
                            Err(e) => {
                                report.errors.push(UrlError {
                                    url: it.url.clone(),
                                    error: e.to_string(),
                                });
                                continue;
                            }
                        };
                        if !candidates_seen.insert(canonical.clone()) {
                            continue;
                        }
                        report.discovered += 1;
                        if let Some(st) = store.as_deref() {
                            if st.find_article(&it.url, &canonical)?.is_some() {
                                report.skip(&it.url, "already stored");
                                continue;
                            }
                        }
                        if opts.dry_run {
                            report.candidates.push(it.url.clone());
                            continue;
                        }
                        queue.push(QueueItem {
                            url: it.url,
                            source: source.clone(),
                            title: it.title,
                            published: it
                                .published
                                .map(|p| p.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                            attempts: 0,
                        });
                    }
                    if let Some(st) = store.as_deref_mut() {
                        if !opts.dry_run {
                            report.queued +=
                                st.enqueue_from_feed(&queue, &log, run_id, canonical_or_raw)?;
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    if opts.dry_run {
        return Ok(report);
    }
    let Some(st) = store else {
        return Ok(report);
    };

    // Phase 2: fetch queued articles.
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let pending: Vec<QueueItem> = st
        .pending(&names)?
        .into_iter()
        .filter(|q| by_name.contains_key(&q.source.to_lowercase()))
        .collect();
    let pending = interleave_by_host(pending, |q| url_host(&q.url));
    progress.phase("articles", pending.len() as u64);
    let since = opts.since;
    let max_attempts = opts.max_attempts;
    run_pool(
        pending,
        opts.concurrency,
        |item| {
            // The source exists: pending items were filtered by name above.
            match by_name.get(&item.source.to_lowercase()) {
                Some(src) => fetch_article(fetcher, filter, src, item, since),
                None => ArticleResult {
                    log: FetchLogEntry::default(),
                    outcome: ArticleOutcome::Skip("unknown source".to_owned()),
                    item,
                },
            }
        },
        |res| -> Result<(), ScanError> {
            progress.step(&res.item.url);
            match res.outcome {
                ArticleOutcome::Failed(e) => {
                    report.errors.push(UrlError {
                        url: res.item.url.clone(),
                        error: e.to_string(),
                    });
                    st.queue_failed(
                        &res.item.url,
                        &e.to_string(),
                        max_attempts,
                        Some(&res.log),
                        run_id,
                    )?;
                }
                ArticleOutcome::Skip(reason) => {
                    report.fetched += 1;
                    report.skip(&res.item.url, &reason);
                    st.queue_done(
                        &res.item.url,
                        &format!("skipped: {reason}"),
                        Some(&res.log),
                        run_id,
                    )?;
                }
                ArticleOutcome::Keep(article) => {
                    report.fetched += 1;
                    st.log_fetch(&res.log, run_id)?;
                    match ingest
                        .ingest(st, &article, run_id, Some(&res.item.url))
                        .map_err(ScanError::Ingest)?
                    {
                        InsertOutcome::Inserted {
                            id: _,
                            duplicate_of,
                            supersedes,
                        } => {
                            report.kept += 1;
                            if duplicate_of.is_some() || supersedes.is_some() {
                                report.duplicates += 1;
                            }
                        }
                        InsertOutcome::AlreadyStored { .. } => {
                            report.skip(&res.item.url, "already stored")
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    let counts = serde_json::json!({
        "feeds_fetched": report.feeds_fetched,
        "feeds_not_modified": report.feeds_not_modified,
        "discovered": report.discovered,
        "queued": report.queued,
        "fetched": report.fetched,
        "kept": report.kept,
        "duplicates": report.duplicates,
        "skipped": report.skipped,
        "errors": report.errors.len(),
    });
    if let Some(id) = run_id {
        st.finish_run(id, "completed", &counts.to_string())?;
    }
    Ok(report)
}
