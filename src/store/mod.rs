//! The corpus: a SQLite database (default `data/hypecheck.db`).
//!
//! Schema versions are tracked in `PRAGMA user_version` and applied in order, each in one
//! transaction. The database runs in WAL mode with a busy timeout; every write is one
//! transaction, so a process killed at any moment leaves a consistent file. Articles are unique
//! by canonical URL, which makes reruns idempotent. The crawl queue (`queue`) and feed validators
//! (`fetch_log`) are written in the same transaction as the data they guard, so an interrupted
//! scan is resumed by the next one without losing or duplicating articles.
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

pub mod analyses;
pub mod dedup;

pub use analyses::{AnalysisRecord, ArticleText, ClaimRecord, PeriodArticle};

/// Default database file.
pub const DEFAULT_DB: &str = "data/hypecheck.db";
/// Current schema version.
pub const SCHEMA_VERSION: i64 = 1;

const MIGRATIONS: &[&str] = &[
    // v1
    r#"
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    outlet TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    modified TEXT,
    fetched_at TEXT NOT NULL,
    text TEXT NOT NULL,
    paywalled INTEGER NOT NULL DEFAULT 0,
    kept_reason TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    simhash INTEGER,
    duplicate_of INTEGER REFERENCES articles(id),
    scan_run_id INTEGER REFERENCES scan_runs(id)
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    lang TEXT NOT NULL,
    homepage TEXT NOT NULL,
    feeds TEXT NOT NULL,
    sitemaps TEXT NOT NULL,
    country TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE fetch_log (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER,
    error TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    scan_run_id INTEGER REFERENCES scan_runs(id)
);
CREATE INDEX fetch_log_url ON fetch_log(url);
CREATE TABLE scan_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    counts TEXT
);
CREATE TABLE queue (
    url TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    discovered_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    outcome TEXT
);
CREATE INDEX queue_state ON queue(state);
CREATE TABLE analyses (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    lexicon_hash TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (article_id, lexicon_hash)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article_id);
"#,
];

/// Errors of the store; each names the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("{path}: database error: {source}")]
    Sqlite {
        /// Database file.
        path: PathBuf,
        /// SQLite error.
        source: rusqlite::Error,
    },
    /// Could not create the parent directory.
    #[error("{path}: cannot create directory: {source}")]
    Io {
        /// Directory.
        path: PathBuf,
        /// IO error.
        source: std::io::Error,
    },
    /// The file was written by a newer hypecheck.
    #[error(
        "{path}: schema version {found} is newer than this hypecheck supports ({SCHEMA_VERSION})"
    )]
    SchemaMismatch {
        /// Database file.
        path: PathBuf,
        /// Version found.
        found: i64,
    },
    /// A JSON column could not be read.
    #[error("{path}: bad JSON in column {column} of article {id}: {source}")]
    Json {
        /// Database file.
        path: PathBuf,
        /// Column.
        column: &'static str,
        /// Row id.
        id: i64,
        /// JSON error.
        source: serde_json::Error,
    },
}

/// An article ready to be stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewArticle {
    /// URL as fetched (after redirects) or imported.
    pub url: String,
    /// Canonical URL (unique key).
    pub canonical_url: String,
    /// Source name from the sources file (or `import`).
    pub source: String,
    /// Outlet name shown to users.
    pub outlet: String,
    /// `de` or `en`.
    pub lang: String,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Modification date, ISO 8601.
    pub modified: Option<String>,
    /// Main text.
    pub text: String,
    /// Paywall teaser only.
    pub paywalled: bool,
    /// Why the article was kept.
    pub kept_reason: String,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Row id.
    pub id: i64,
    /// URL as fetched.
    pub url: String,
    /// Canonical URL.
    pub canonical_url: String,
    /// Source name.
    pub source: String,
    /// Outlet.
    pub outlet: String,
    /// Language.
    pub lang: String,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Modification date.
    pub modified: Option<String>,
    /// When it was fetched/imported (UTC, RFC 3339).
    pub fetched_at: String,
    /// Main text.
    pub text: String,
    /// Paywall teaser only.
    pub paywalled: bool,
    /// Why it was kept.
    pub kept_reason: String,
    /// SHA-256 of the normalized text.
    pub content_hash: String,
    /// SimHash of the text (as signed 64-bit, SQLite has no unsigned integers).
    pub simhash: Option<i64>,
    /// Id of the article this one duplicates (syndicated copy), if any.
    pub duplicate_of: Option<i64>,
}

/// Result of [`Store::insert_article`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// New row; `duplicate_of` set when it is a near-duplicate of an earlier-published
    /// article. When it is itself the earliest-published of a group of copies already stored,
    /// `supersedes` names the former original, which now points to it.
    Inserted {
        /// New row id.
        id: i64,
        /// Original article, if this is a copy.
        duplicate_of: Option<i64>,
        /// Former original now marked as a copy of this one.
        supersedes: Option<i64>,
    },
    /// The canonical URL (or URL) was already stored; nothing written.
    AlreadyStored {
        /// Existing row id.
        id: i64,
    },
}

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

/// Now, UTC, RFC 3339 with seconds.
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An open corpus database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    max_distance: u32,
}

impl Store {
    /// Opens (creating if needed) the database and migrates it to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                    path: dir.to_owned(),
                    source,
                })?;
            }
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            max_distance: dedup::DEFAULT_MAX_DISTANCE,
        };
        store.init()?;
        Ok(store)
    }

    /// Opens an existing database read-only (for dry runs); no migration is run, and a file
    /// with another schema version is refused.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let e = |source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(e)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(e)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(e)?;
        if version != SCHEMA_VERSION {
            return Err(StoreError::SchemaMismatch {
                path: path.to_owned(),
                found: version,
            });
        }
        Ok(Store {
            conn,
            path: path.to_owned(),
            max_distance: dedup::DEFAULT_MAX_DISTANCE,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sets the SimHash Hamming distance threshold for near-duplicates.
    pub fn set_max_distance(&mut self, d: u32) {
        self.max_distance = d;
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn init(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(&e)?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(&e)?;
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(&e)?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(&e)?;
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(&e)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::SchemaMismatch {
                path: self.path.clone(),
                found: version,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let v = i as i64 + 1;
            if v <= version {
                continue;
            }
            let tx = self.conn.transaction().map_err(&e)?;
            tx.execute_batch(sql).map_err(&e)?;
            tx.pragma_update(None, "user_version", v).map_err(&e)?;
            tx.commit().map_err(&e)?;
        }
        Ok(())
    }

    /// Schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(self.err())
    }

    /// Id of an article stored under this URL or canonical URL.
    pub fn find_article(&self, url: &str, canonical: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE canonical_url = ?2 OR url = ?1 OR canonical_url = ?1 LIMIT 1",
                params![url, canonical],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())
    }

    /// Stores an article unless its canonical URL is known; detects exact and near-duplicate
    /// copies (`duplicate_of`). When `queue_url` is given, that queue entry is marked done in
    /// the same transaction.
    pub fn insert_article(
        &mut self,
        a: &NewArticle,
        scan_run: Option<i64>,
        queue_url: Option<&str>,
    ) -> Result<InsertOutcome, StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let max_distance = self.max_distance;
        let tx = self.conn.transaction().map_err(&e)?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM articles WHERE canonical_url = ?1 OR url = ?2 LIMIT 1",
                params![a.canonical_url, a.url],
                |r| r.get(0),
            )
            .optional()
            .map_err(&e)?;
        if let Some(id) = existing {
            if let Some(q) = queue_url {
                mark_queue(&tx, q, "done", "already stored").map_err(&e)?;
            }
            tx.commit().map_err(&e)?;
            return Ok(InsertOutcome::AlreadyStored { id });
        }
        let hash = dedup::content_hash(&a.text);
        let sim = dedup::simhash(&a.text);
        let mut duplicate_of: Option<i64> = tx
            .query_row(
                "SELECT COALESCE(duplicate_of, id) FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1",
                params![hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(&e)?;
        if duplicate_of.is_none() {
            if let Some(s) = sim {
                let mut stmt = tx
                    .prepare_cached(
                        "SELECT id, simhash FROM articles WHERE simhash IS NOT NULL AND duplicate_of IS NULL ORDER BY id",
                    )
                    .map_err(&e)?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                    .map_err(&e)?;
                let mut best: Option<(u32, i64)> = None;
                for row in rows {
                    let (id, other) = row.map_err(&e)?;
                    let d = dedup::hamming(s, other as u64);
                    if d <= max_distance && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, id));
                    }
                }
                duplicate_of = best.map(|(_, id)| id);
            }
        }
        // The original is the earliest published of the pair: when the new article predates
        // the one it matches, it becomes the original and the group is re-pointed to it.
        let mut supersedes = None;
        if let Some(orig) = duplicate_of {
            let orig_published: Option<String> = tx
                .query_row(
                    "SELECT published FROM articles WHERE id = ?1",
                    params![orig],
                    |r| r.get(0),
                )
                .map_err(&e)?;
            let parse = |p: Option<&str>| p.and_then(crate::dates::parse_timestamp);
            if let (Some(new_p), Some(old_p)) = (
                parse(a.published.as_deref()),
                parse(orig_published.as_deref()),
            ) {
                if new_p < old_p {
                    supersedes = Some(orig);
                    duplicate_of = None;
                }
            }
        }
        let authors = serde_json::to_string(&a.authors).unwrap_or_else(|_| "[]".to_owned());
        tx.execute(
            "INSERT INTO articles (url, canonical_url, source, outlet, lang, title, authors,
                published, modified, fetched_at, text, paywalled, kept_reason, content_hash,
                simhash, duplicate_of, scan_run_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                a.url,
                a.canonical_url,
                a.source,
                a.outlet,
                a.lang,
                a.title,
                authors,
                a.published,
                a.modified,
                now_utc(),
                a.text,
                a.paywalled,
                a.kept_reason,
                hash,
                sim.map(|s| s as i64),
                duplicate_of,
                scan_run,
            ],
        )
        .map_err(&e)?;
        let id = tx.last_insert_rowid();
        if let Some(orig) = supersedes {
            tx.execute(
                "UPDATE articles SET duplicate_of = ?1 WHERE id = ?2 OR duplicate_of = ?2",
                params![id, orig],
            )
            .map_err(&e)?;
        }
        if let Some(q) = queue_url {
            let outcome = if duplicate_of.is_some() || supersedes.is_some() {
                "stored (duplicate)"
            } else {
                "stored"
            };
            mark_queue(&tx, q, "done", outcome).map_err(&e)?;
        }
        tx.commit().map_err(&e)?;
        Ok(InsertOutcome::Inserted {
            id,
            duplicate_of,
            supersedes,
        })
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
            .map_err(self.err())
    }

    /// Calls `f` for every stored article, in id order.
    pub fn for_each_article<F, E>(&self, mut f: F) -> Result<Result<(), E>, StoreError>
    where
        F: FnMut(StoredArticle) -> Result<(), E>,
    {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, url, canonical_url, source, outlet, lang, title, authors, published,
                    modified, fetched_at, text, paywalled, kept_reason, content_hash, simhash,
                    duplicate_of FROM articles ORDER BY id",
            )
            .map_err(&e)?;
        let mut rows = stmt.query([]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let id: i64 = r.get(0).map_err(&e)?;
            let authors_json: String = r.get(7).map_err(&e)?;
            let authors: Vec<String> =
                serde_json::from_str(&authors_json).map_err(|source| StoreError::Json {
                    path: self.path.clone(),
                    column: "authors",
                    id,
                    source,
                })?;
            let a = StoredArticle {
                id,
                url: r.get(1).map_err(&e)?,
                canonical_url: r.get(2).map_err(&e)?,
                source: r.get(3).map_err(&e)?,
                outlet: r.get(4).map_err(&e)?,
                lang: r.get(5).map_err(&e)?,
                title: r.get(6).map_err(&e)?,
                authors,
                published: r.get(8).map_err(&e)?,
                modified: r.get(9).map_err(&e)?,
                fetched_at: r.get(10).map_err(&e)?,
                text: r.get(11).map_err(&e)?,
                paywalled: r.get(12).map_err(&e)?,
                kept_reason: r.get(13).map_err(&e)?,
                content_hash: r.get(14).map_err(&e)?,
                simhash: r.get(15).map_err(&e)?,
                duplicate_of: r.get(16).map_err(&e)?,
            };
            if let Err(err) = f(a) {
                return Ok(Err(err));
            }
        }
        Ok(Ok(()))
    }

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

fn mark_queue(tx: &Transaction<'_>, url: &str, state: &str, outcome: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE queue SET state = ?2, outcome = ?3 WHERE url = ?1",
        params![url, state, outcome],
    )
    .map(|_| ())
}

fn log_fetch(conn: &Connection, l: &FetchLogEntry, scan_run: Option<i64>) -> rusqlite::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(url: &str, text: &str) -> NewArticle {
        NewArticle {
            url: url.to_owned(),
            canonical_url: url.to_owned(),
            source: "Test".into(),
            outlet: "Test".into(),
            lang: "de".into(),
            text: text.to_owned(),
            kept_reason: "test".into(),
            ..NewArticle::default()
        }
    }

    #[test]
    fn migrate_insert_idempotent_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/c.db");
        let mut s = Store::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        let long = "Sora zwei erzeugt Videos mit Ton und die Konkurrenz schläft nicht. ".repeat(10);
        let a = s
            .insert_article(&article("https://a.de/1", &long), None, None)
            .unwrap();
        let InsertOutcome::Inserted {
            id,
            duplicate_of: None,
            ..
        } = a
        else {
            panic!("{a:?}")
        };
        let again = s
            .insert_article(&article("https://a.de/1", &long), None, None)
            .unwrap();
        assert_eq!(again, InsertOutcome::AlreadyStored { id });
        let copy = s
            .insert_article(
                &article("https://b.de/x", &format!("{long} (dpa)")),
                None,
                None,
            )
            .unwrap();
        assert!(matches!(copy, InsertOutcome::Inserted { duplicate_of: Some(d), .. } if d == id));
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.article_count().unwrap(), 2);
    }

    #[test]
    fn earlier_published_copy_becomes_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        let long = "Veo drei erzeugt Videos mit Ton und die Konkurrenz schläft nicht. ".repeat(10);
        let mut copy = article("https://b.de/copy", &format!("{long} (dpa)"));
        copy.published = Some("2026-10-03T10:00:00Z".into());
        let mut orig = article("https://a.de/orig", &long);
        orig.published = Some("2026-10-02".into());
        let InsertOutcome::Inserted { id: copy_id, .. } =
            s.insert_article(&copy, None, None).unwrap()
        else {
            panic!()
        };
        let r = s.insert_article(&orig, None, None).unwrap();
        let InsertOutcome::Inserted {
            id: orig_id,
            duplicate_of: None,
            supersedes: Some(old),
        } = r
        else {
            panic!("{r:?}")
        };
        assert_eq!(old, copy_id);
        let d: Option<i64> = s
            .conn
            .query_row(
                "SELECT duplicate_of FROM articles WHERE id = ?1",
                [copy_id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(d, Some(orig_id));
    }

    #[test]
    fn validators_roundtrip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("c.db")).unwrap();
        let log = FetchLogEntry {
            url: "https://a.de/feed".into(),
            status: Some(200),
            error: None,
            validators: Validators {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
        };
        let item = QueueItem {
            url: "https://a.de/1".into(),
            source: "A".into(),
            title: None,
            published: None,
            attempts: 0,
        };
        assert_eq!(
            s.enqueue_from_feed(std::slice::from_ref(&item), &log, None, str::to_owned)
                .unwrap(),
            1
        );
        assert_eq!(
            s.enqueue_from_feed(&[item], &log, None, str::to_owned)
                .unwrap(),
            0
        );
        assert_eq!(
            s.validators("https://a.de/feed").unwrap().etag.as_deref(),
            Some("\"v1\"")
        );
        assert_eq!(s.pending(&[]).unwrap().len(), 1);
        s.queue_failed("https://a.de/1", "boom", 2, None, None)
            .unwrap();
        assert_eq!(s.pending(&[]).unwrap().len(), 1);
        s.queue_failed("https://a.de/1", "boom", 2, None, None)
            .unwrap();
        assert_eq!(s.pending(&[]).unwrap().len(), 0);
    }
}
