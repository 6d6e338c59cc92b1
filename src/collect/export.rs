//! `export`: every stored article as JSON Lines or CSV.
//!
//! Columns (CSV header, JSON keys): `id, url, canonical_url, source, outlet, lang, title,
//! authors, published, modified, fetched_at, paywalled, kept_reason, duplicate_of,
//! content_hash, text`. In JSONL `authors` is an array; in CSV the names are joined with
//! `"; "`, `paywalled` is `true`/`false`, missing values are empty, and a cell a spreadsheet
//! would run as a formula gets a leading `'` ([`crate::output::csv::safe_cell`]).
use std::io::Write;

use crate::output::csv::safe_record;
use crate::store::{Store, StoreError, StoredArticle};

/// Export columns, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "url",
    "canonical_url",
    "source",
    "outlet",
    "lang",
    "title",
    "authors",
    "published",
    "modified",
    "fetched_at",
    "paywalled",
    "kept_reason",
    "duplicate_of",
    "content_hash",
    "text",
];

/// Output format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// Export errors.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The reader closed the pipe (`hypecheck export | head`): not a failure.
    #[error("output closed by the reader")]
    Closed,
    /// Writing failed.
    #[error("{target}: write failed: {message}")]
    Write {
        /// Output name (`stdout` or the file).
        target: String,
        /// Message.
        message: String,
    },
}

fn json_record(a: &StoredArticle) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "source": a.source,
        "outlet": a.outlet,
        "lang": a.lang,
        "title": a.title,
        "authors": a.authors,
        "published": a.published,
        "modified": a.modified,
        "fetched_at": a.fetched_at,
        "paywalled": a.paywalled,
        "kept_reason": a.kept_reason,
        "duplicate_of": a.duplicate_of,
        "content_hash": a.content_hash,
        "text": a.text,
    })
}

fn csv_record(a: &StoredArticle) -> Vec<String> {
    vec![
        a.id.to_string(),
        a.url.clone(),
        a.canonical_url.clone(),
        a.source.clone(),
        a.outlet.clone(),
        a.lang.clone(),
        a.title.clone().unwrap_or_default(),
        a.authors.join("; "),
        a.published.clone().unwrap_or_default(),
        a.modified.clone().unwrap_or_default(),
        a.fetched_at.clone(),
        a.paywalled.to_string(),
        a.kept_reason.clone(),
        a.duplicate_of.map(|d| d.to_string()).unwrap_or_default(),
        a.content_hash.clone(),
        a.text.clone(),
    ]
}

/// Writes all articles to `out`; `target` names the output in errors. Returns the count.
pub fn export(
    store: &Store,
    format: ExportFormat,
    out: &mut dyn Write,
    target: &str,
) -> Result<usize, ExportError> {
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            ExportError::Closed
        } else {
            ExportError::Write {
                target: target.to_owned(),
                message: e.to_string(),
            }
        }
    };
    let werr = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => ExportError::Write {
            target: target.to_owned(),
            message: format!("{other:?}"),
        },
    };
    let mut n = 0usize;
    match format {
        ExportFormat::Jsonl => {
            store.for_each_article(|a| {
                n += 1;
                let line = json_record(&a).to_string();
                writeln!(out, "{line}").map_err(io)
            })??;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(COLUMNS).map_err(werr)?;
            store.for_each_article(|a| {
                n += 1;
                w.write_record(safe_record(csv_record(&a))).map_err(werr)
            })??;
            w.flush().map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    Ok(n)
}
