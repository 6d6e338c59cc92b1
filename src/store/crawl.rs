//! Crawl bookkeeping: the sources of a run, scan runs, the fetch log with feed validators,
//! and the crawl queue. Queue entries and validators are written in the same transaction as
//! the data they guard, so an interrupted scan is resumed by the next one.
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{now_utc, Store, StoreError};

/// A source of a scan run, as recorded in the `sources` table.
#[derive(Debug, Clone, Copy)]
pub struct SourceRecord<'a> {
    /// Name from the sources file.
    pub name: &'a str,
    /// Language.
    pub lang: &'a str,
    /// Homepage URL.
    pub homepage: &'a str,
    /// Feed URLs.
    pub feeds: &'a [String],
    /// Sitemap URLs.
    pub sitemaps: &'a [String],
    /// Country code.
    pub country: Option<&'a str>,
}

/// A URL waiting in the crawl queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    /// Article URL as found in the feed/sitemap.
    pub url: String,
    /// Source name.
    pub source: String,
    /// Title from the feed.
    pub title: Option<String>,
    /// Date from the feed/sitemap.
    pub published: Option<String>,
    /// Earlier failed attempts.
    pub attempts: i64,
}

/// Feed validators for conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
}

/// One line of `fetch_log`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchLogEntry {
    /// URL.
    pub url: String,
    /// HTTP status, if a response came.
    pub status: Option<u16>,
    /// Error text, if failed.
    pub error: Option<String>,
    /// Validators of the response.
    pub validators: Validators,
}

impl Store {
    /// Records (upserts) the sources of a run.
    pub fn upsert_sources(&mut self, sources: &[SourceRecord<'_>]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&e)?;
        let now = now_utc();
        for s in sources {
            tx.execute(
                "INSERT INTO sources (name, lang, homepage, feeds, sitemaps, country, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(name) DO UPDATE SET lang = excluded.lang, homepage = excluded.homepage,
                    feeds = excluded.feeds, sitemaps = excluded.sitemaps,
                    country = excluded.country, updated_at = excluded.updated_at",
                params![
                    s.name,
                    s.lang,
                    s.homepage,
                    serde_json::to_string(&s.feeds).unwrap_or_default(),
                    serde_json::to_string(&s.sitemaps).unwrap_or_default(),
                    s.country,
                    now
                ],
            )
            .map_err(&e)?;
        }
        tx.commit().map_err(&e)
    }

    /// Starts a scan run; earlier runs that never finished are marked `interrupted`.
    pub fn start_run(&mut self) -> Result<i64, StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&e)?;
        tx.execute(
            "UPDATE scan_runs SET status = 'interrupted' WHERE finished IS NULL AND status = 'running'",
            [],
        )
        .map_err(&e)?;
        tx.execute(
            "INSERT INTO scan_runs (started, status) VALUES (?1, 'running')",
            params![now_utc()],
        )
        .map_err(&e)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(&e)?;
        Ok(id)
    }

    /// Finishes a scan run with a status and counts (JSON).
    pub fn finish_run(&self, id: i64, status: &str, counts_json: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE scan_runs SET finished = ?2, status = ?3, counts = ?4 WHERE id = ?1",
                params![id, now_utc(), status, counts_json],
            )
            .map(|_| ())
            .map_err(self.err())
    }

    /// Latest validators stored for a URL.
    pub fn validators(&self, url: &str) -> Result<Validators, StoreError> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM fetch_log
                 WHERE url = ?1 AND (etag IS NOT NULL OR last_modified IS NOT NULL)
                   AND status IN (200, 304)
                 ORDER BY id DESC LIMIT 1",
                params![url],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(self.err())
    }

    /// Appends to `fetch_log`.
    pub fn log_fetch(
        &self,
        entry: &FetchLogEntry,
        scan_run: Option<i64>,
    ) -> Result<(), StoreError> {
        log_fetch(&self.conn, entry, scan_run).map_err(self.err())
    }

    /// Puts discovered article URLs into the queue (ones whose URL or canonical URL is already
    /// queued, in any state, are ignored; `canonical` maps a URL to its canonical form) and logs
    /// the feed
    /// fetch with its validators, in one transaction: the validators are only saved together
    /// with the items they cover. Returns how many items were new.
    pub fn enqueue_from_feed(
        &mut self,
        items: &[QueueItem],
        feed_log: &FetchLogEntry,
        scan_run: Option<i64>,
        canonical: impl Fn(&str) -> String,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&e)?;
        let now = now_utc();
        let mut added = 0;
        for it in items {
            let canonical = canonical(&it.url);
            added += tx
                .execute(
                    "INSERT OR IGNORE INTO queue (url, canonical_url, source, title, published,
                        discovered_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![it.url, canonical, it.source, it.title, it.published, now],
                )
                .map_err(&e)?;
        }
        log_fetch(&tx, feed_log, scan_run).map_err(&e)?;
        tx.commit().map_err(&e)?;
        Ok(added)
    }

    /// Pending queue items of the given sources (all when empty), oldest first.
    pub fn pending(&self, sources: &[String]) -> Result<Vec<QueueItem>, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, source, title, published, attempts FROM queue
                 WHERE state = 'pending' ORDER BY discovered_at, rowid",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(QueueItem {
                    url: r.get(0)?,
                    source: r.get(1)?,
                    title: r.get(2)?,
                    published: r.get(3)?,
                    attempts: r.get(4)?,
                })
            })
            .map_err(&e)?;
        let mut out = Vec::new();
        for row in rows {
            let it = row.map_err(&e)?;
            if sources.is_empty() || sources.iter().any(|s| s.eq_ignore_ascii_case(&it.source)) {
                out.push(it);
            }
        }
        Ok(out)
    }

    /// Marks a queue item finished without storing an article (skipped, off topic, ...), and
    /// logs the fetch, in one transaction.
    pub fn queue_done(
        &mut self,
        url: &str,
        outcome: &str,
        log: Option<&FetchLogEntry>,
        scan_run: Option<i64>,
    ) -> Result<(), StoreError> {
        self.queue_update(url, "done", outcome, log, scan_run, false)
    }

    /// Records a failed attempt; after `max_attempts` the item is given up (`failed`).
    pub fn queue_failed(
        &mut self,
        url: &str,
        error: &str,
        max_attempts: i64,
        log: Option<&FetchLogEntry>,
        scan_run: Option<i64>,
    ) -> Result<(), StoreError> {
        let attempts: i64 = self
            .conn
            .query_row(
                "SELECT attempts FROM queue WHERE url = ?1",
                params![url],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?
            .unwrap_or(0);
        let state = if attempts + 1 >= max_attempts {
            "failed"
        } else {
            "pending"
        };
        self.queue_update(url, state, error, log, scan_run, true)
    }

    fn queue_update(
        &mut self,
        url: &str,
        state: &str,
        outcome: &str,
        log: Option<&FetchLogEntry>,
        scan_run: Option<i64>,
        count_attempt: bool,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&e)?;
        tx.execute(
            "UPDATE queue SET state = ?2, outcome = ?3, attempts = attempts + ?4 WHERE url = ?1",
            params![url, state, outcome, i64::from(count_attempt)],
        )
        .map_err(&e)?;
        if let Some(l) = log {
            log_fetch(&tx, l, scan_run).map_err(&e)?;
        }
        tx.commit().map_err(&e)
    }
}

pub(super) fn mark_queue(
    tx: &Transaction<'_>,
    url: &str,
    state: &str,
    outcome: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE queue SET state = ?2, outcome = ?3 WHERE url = ?1",
        params![url, state, outcome],
    )
    .map(|_| ())
}

pub(super) fn log_fetch(
    conn: &Connection,
    l: &FetchLogEntry,
    scan_run: Option<i64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO fetch_log (url, status, error, etag, last_modified, fetched_at, scan_run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            l.url,
            l.status,
            l.error,
            l.validators.etag,
            l.validators.last_modified,
            now_utc(),
            scan_run
        ],
    )
    .map(|_| ())
}
