//! Analyses and claims in the store, and the read queries the corpus analysis and the report
//! need: which articles lack a current analysis, an article's text, one batch of results
//! written in one transaction, the articles of a period with their analysis, the claims of a
//! period, and the dates and counts the report's method section states.
//!
//! Results are stored as JSON text (`analyses.result_json`, `claims.json`); the store does not
//! read them, so their types live with the corpus analysis that writes them.
use chrono::NaiveDate;
use rusqlite::params;

use super::{now_utc, Store, StoreError};

/// Title, text, language and date of a stored article: what analysis reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// Headline.
    pub title: Option<String>,
    /// Main text.
    pub text: String,
    /// Language code.
    pub lang: String,
    /// Publication date as stored.
    pub published: Option<String>,
}

/// One article's analysis result and claims, to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisRecord {
    /// Article row id.
    pub article_id: i64,
    /// The analysis summary (JSON).
    pub json: String,
    /// The article's claims, one JSON object each (they replace the stored ones).
    pub claims: Vec<String>,
}

/// An article of a period with its analysis under one lexicon hash, borrowed from the row.
#[derive(Debug, Clone, Copy)]
pub struct PeriodArticle<'a> {
    /// Row id.
    pub id: i64,
    /// URL.
    pub url: &'a str,
    /// Outlet.
    pub outlet: &'a str,
    /// Language code.
    pub lang: &'a str,
    /// Headline (empty when none).
    pub title: &'a str,
    /// Publication date as stored.
    pub published: Option<&'a str>,
    /// Paywall teaser only.
    pub paywalled: bool,
    /// The original, when this is a copy.
    pub duplicate_of: Option<i64>,
    /// The stored analysis (JSON), if any.
    pub analysis: Option<&'a str>,
}

/// A stored claim of an original, non-paywalled article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Article row id.
    pub article_id: i64,
    /// The claim (JSON).
    pub json: String,
    /// The article's publication date as stored.
    pub published: String,
    /// The article's outlet.
    pub outlet: String,
}

/// The calendar date at the start of an ISO 8601 date or date-time.
fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Stored publication dates that start with a `YYYY-MM-DD` date.
const DATED: &str = "published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'";

impl Store {
    /// Stores an analysis result for an article (replacing one with the same lexicon hash).
    pub fn put_analysis(
        &self,
        article_id: i64,
        lexicon_hash: &str,
        result_json: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO analyses (article_id, lexicon_hash, result_json, created_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(article_id, lexicon_hash) DO UPDATE SET
                    result_json = excluded.result_json, created_at = excluded.created_at",
                params![article_id, lexicon_hash, result_json, now_utc()],
            )
            .map(|_| ())
            .map_err(self.err())
    }

    /// Stores an analysis and replaces the article's claims, in one transaction.
    pub fn put_analysis_and_claims(
        &self,
        article_id: i64,
        lexicon_hash: &str,
        result_json: &str,
        claims_json: &[String],
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(self.err())?;
        self.put_analysis(article_id, lexicon_hash, result_json)?;
        self.replace_claims(article_id, claims_json)?;
        tx.commit().map_err(self.err())
    }

    /// Writes a batch of analyses and claims under `lexicon_hash` in one transaction: all
    /// of them or none.
    pub fn write_analyses(
        &self,
        lexicon_hash: &str,
        batch: &[AnalysisRecord],
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(self.err())?;
        for r in batch {
            self.put_analysis(r.article_id, lexicon_hash, &r.json)?;
            self.replace_claims(r.article_id, &r.claims)?;
        }
        tx.commit().map_err(self.err())
    }

    /// Replaces the claims of an article without a transaction of its own: for callers that
    /// already hold one (see [`Store::put_claims`] for the standalone form).
    pub fn replace_claims(
        &self,
        article_id: i64,
        claims_json: &[String],
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM claims WHERE article_id = ?1",
                params![article_id],
            )
            .map_err(self.err())?;
        let now = now_utc();
        for c in claims_json {
            self.conn
                .execute(
                    "INSERT INTO claims (article_id, json, created_at) VALUES (?1, ?2, ?3)",
                    params![article_id, c, now],
                )
                .map_err(self.err())?;
        }
        Ok(())
    }

    /// Replaces the claims of an article, in a transaction of its own.
    pub fn put_claims(
        &mut self,
        article_id: i64,
        claims_json: &[String],
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(self.err())?;
        self.replace_claims(article_id, claims_json)?;
        tx.commit().map_err(self.err())
    }

    /// Every original article (not a copy), in id order, with whether it has an analysis
    /// under `lexicon_hash` whose JSON has format version `version`. The version check runs
    /// inside SQLite (`json_extract`), so a corpus whose analyses are all current costs one
    /// index walk, not a JSON parse per article.
    pub fn analysis_status(
        &self,
        lexicon_hash: &str,
        version: u32,
    ) -> Result<Vec<(i64, bool)>, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, CASE WHEN n.id IS NULL THEN 0
                                   WHEN json_valid(n.result_json)
                                     THEN json_extract(n.result_json, '$.v') = ?2
                                   ELSE 0 END
                 FROM articles a
                 LEFT JOIN analyses n ON n.article_id = a.id AND n.lexicon_hash = ?1
                 WHERE a.duplicate_of IS NULL ORDER BY a.id",
            )
            .map_err(&e)?;
        let mut rows = stmt.query(params![lexicon_hash, version]).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let id: i64 = r.get(0).map_err(&e)?;
            let current: bool = r.get::<_, Option<bool>>(1).map_err(&e)?.unwrap_or(false);
            out.push((id, current));
        }
        Ok(out)
    }

    /// Every stored analysis of article `id`, as `(lexicon hash, JSON)`.
    pub fn analyses_of(&self, id: i64) -> Result<Vec<(String, String)>, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT lexicon_hash, result_json FROM analyses WHERE article_id = ?1 ORDER BY id",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// What analysis reads of article `id`.
    pub fn article_text(&self, id: i64) -> Result<ArticleText, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT title, text, lang, published FROM articles WHERE id = ?1")
            .map_err(&e)?;
        stmt.query_row([id], |r| {
            Ok(ArticleText {
                title: r.get(0)?,
                text: r.get(1)?,
                lang: r.get(2)?,
                published: r.get(3)?,
            })
        })
        .map_err(&e)
    }

    /// Calls `f` for every article published on or after `from` and before `to` (ISO dates),
    /// in publication order, with its analysis under `lexicon_hash`. Rows are streamed, so
    /// memory does not grow with the corpus.
    pub fn for_each_period_article<E>(
        &self,
        lexicon_hash: &str,
        from: NaiveDate,
        to: NaiveDate,
        mut f: impl FnMut(PeriodArticle<'_>) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.url, a.outlet, a.lang, a.title, a.published, a.paywalled,
                        a.duplicate_of, n.result_json
                 FROM articles a
                 LEFT JOIN analyses n ON n.article_id = a.id AND n.lexicon_hash = ?1
                 WHERE a.published >= ?2 AND a.published < ?3
                 ORDER BY a.published, a.id",
            )
            .map_err(&e)?;
        let mut rows = stmt
            .query(params![lexicon_hash, from.to_string(), to.to_string()])
            .map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let text = |i: usize| -> Result<Option<&str>, StoreError> {
                match r.get_ref(i).map_err(&e)? {
                    rusqlite::types::ValueRef::Text(b) => Ok(std::str::from_utf8(b).ok()),
                    _ => Ok(None),
                }
            };
            let row = PeriodArticle {
                id: r.get(0).map_err(&e)?,
                url: text(1)?.unwrap_or(""),
                outlet: text(2)?.unwrap_or(""),
                lang: text(3)?.unwrap_or(""),
                title: text(4)?.unwrap_or(""),
                published: text(5)?,
                paywalled: r.get(6).map_err(&e)?,
                duplicate_of: r.get(7).map_err(&e)?,
                analysis: text(8)?,
            };
            if let Err(err) = f(row) {
                return Ok(Err(err));
            }
        }
        Ok(Ok(()))
    }

    /// Claims of original, non-paywalled articles published on or after `from` and before
    /// `to`, in publication order.
    pub fn claims_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ClaimRecord>, StoreError> {
        let e = self.err();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.article_id, c.json, a.published, a.outlet FROM claims c
                 JOIN articles a ON a.id = c.article_id
                 WHERE a.duplicate_of IS NULL AND a.paywalled = 0
                   AND a.published >= ?1 AND a.published < ?2
                 ORDER BY a.published, c.article_id, c.id",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok(ClaimRecord {
                    article_id: r.get(0)?,
                    json: r.get(1)?,
                    published: r.get(2)?,
                    outlet: r.get(3)?,
                })
            })
            .map_err(&e)?;
        rows.collect::<Result<_, _>>().map_err(&e)
    }

    /// Whether any claim is stored.
    pub fn has_claims(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM claims)", [], |r| r.get(0))
            .map_err(self.err())
    }

    /// Articles without a `YYYY-MM-DD` publication date.
    pub fn undated_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT COUNT(*) FROM articles WHERE published IS NULL OR NOT {DATED}"),
                [],
                |r| r.get(0),
            )
            .map_err(self.err())
    }

    /// Publication date of the newest stored original article.
    pub fn latest_published(&self) -> Result<Option<NaiveDate>, StoreError> {
        let d: Option<String> = self
            .conn
            .query_row(
                &format!(
                    "SELECT max(substr(published, 1, 10)) FROM articles
                     WHERE duplicate_of IS NULL AND {DATED}"
                ),
                [],
                |r| r.get(0),
            )
            .map_err(self.err())?;
        Ok(d.as_deref().and_then(date_of))
    }

    /// Publication date of the oldest stored original article.
    pub fn first_published(&self) -> Result<Option<NaiveDate>, StoreError> {
        let d: Option<String> = self
            .conn
            .query_row(
                "SELECT min(substr(published, 1, 10)) FROM articles WHERE duplicate_of IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(self.err())?;
        Ok(d.as_deref().and_then(date_of))
    }
}
