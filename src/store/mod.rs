//! The corpus: a SQLite database (default `data/hypecheck.db`).
//!
//! Schema versions are tracked in `PRAGMA user_version` and applied in order, each in one
//! transaction. The database runs in WAL mode with a busy timeout; every write is one
//! transaction, so a process killed at any moment leaves a consistent file. Articles are unique
//! by canonical URL, which makes reruns idempotent. The crawl queue (`queue`) and feed validators
//! (`fetch_log`) are written in the same transaction as the data they guard, so an interrupted
//! scan is resumed by the next one without losing or duplicating articles.
//!
//! Every SQL statement of hypecheck is in this module: [`schema`] (migrations), [`articles`]
//! (insertion with [`dedup`], iteration), [`crawl`] (sources, runs, fetch log, queue) and
//! [`analyses`] (stored analyses and claims, and the read queries of the corpus analysis and the
//! report). Other modules call typed functions; no connection is handed out.
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub mod analyses;
pub mod articles;
pub mod crawl;
pub mod dedup;
mod schema;

pub use analyses::{AnalysisRecord, ArticleText, ClaimRecord, PeriodArticle};
pub use articles::{BulkArticle, InsertOutcome, NewArticle, StoredArticle};
pub use crawl::{FetchLogEntry, QueueItem, SourceRecord, Validators};

/// Default database file.
pub const DEFAULT_DB: &str = "data/hypecheck.db";
/// Current schema version.
pub const SCHEMA_VERSION: i64 = 1;

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
        for (i, sql) in schema::MIGRATIONS.iter().enumerate() {
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
