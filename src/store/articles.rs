//! Articles: insertion with exact and near-duplicate detection ([`super::dedup`]), look-ups
//! and iteration. Articles are unique by canonical URL, which makes reruns idempotent.
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::crawl::mark_queue;
use super::{dedup, now_utc, Store, StoreError};

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

impl Store {
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
}

/// An article for [`Store::bulk_load`]: stored as given, with an optional analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkArticle {
    /// The article.
    pub article: NewArticle,
    /// Stored as its content hash; must be unique when copies should not look like copies.
    pub content_key: String,
    /// `(lexicon hash, analysis JSON)` to store with it.
    pub analysis: Option<(String, String)>,
}

impl Store {
    /// Writes generated articles (benchmarks, tests) in one transaction, without duplicate
    /// detection: each row is stored as an original. Returns how many were written.
    pub fn bulk_load(&mut self, rows: &[BulkArticle]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let e = move |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(&e)?;
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO articles (url, canonical_url, source, outlet, lang, title,
                        authors, published, modified, fetched_at, text, paywalled, kept_reason,
                        content_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )
                .map_err(&e)?;
            let mut ana = tx
                .prepare(
                    "INSERT INTO analyses (article_id, lexicon_hash, result_json, created_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(&e)?;
            let now = now_utc();
            for r in rows {
                let a = &r.article;
                let authors = serde_json::to_string(&a.authors).unwrap_or_else(|_| "[]".into());
                ins.execute(params![
                    a.url,
                    a.canonical_url,
                    a.source,
                    a.outlet,
                    a.lang,
                    a.title,
                    authors,
                    a.published,
                    a.modified,
                    now,
                    a.text,
                    a.paywalled,
                    a.kept_reason,
                    r.content_key,
                ])
                .map_err(&e)?;
                if let Some((hash, json)) = &r.analysis {
                    ana.execute(params![tx.last_insert_rowid(), hash, json, now])
                        .map_err(&e)?;
                }
            }
        }
        tx.commit().map_err(&e)?;
        Ok(rows.len())
    }

    /// Checkpoints the write-ahead log and refreshes the query planner's statistics (after a
    /// large load).
    pub fn optimize(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .map_err(self.err())
    }
}
