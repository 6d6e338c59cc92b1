//! Streaming analysis: documents in, one JSON result line per document out, in input order,
//! in constant memory, on all cores (`hypecheck analyze --input`).
//!
//! Takes a reader of JSON Lines (the `export --format jsonl` schema), WARC (gzip per record,
//! as web archives publish them) or a directory of saved HTML pages, and a factory of
//! [`CorpusAnalyzer`](super::CorpusAnalyzer)s (one per worker thread: analyzers keep caches
//! and are not shared). Hands on [`Line`]s, written as JSON Lines, and a [`StreamSummary`] of
//! what was read and skipped.
//!
//! **Order and memory.** One reader thread turns input into documents, `jobs` workers analyze
//! them, and the calling thread writes results in input order through a reorder buffer. A
//! document may only be read once a slot of a fixed window (`jobs × WINDOW_PER_JOB`) is free,
//! and a slot is freed when its result is written, so at most that many documents are in
//! flight or waiting for an earlier one, whatever the input size and however slow one
//! document is. A JSON line, a WARC record and an HTML file are each capped in size.
//!
//! **Bad input never aborts.** A line that is not a JSON object, a record that is not a valid
//! WARC record, a page that yields no text: each becomes an error line at its place in the
//! output (`{"n":…,"source":…,"error":…}`), and the run goes on. WARC records that are not
//! documents (requests, metadata, non-HTML responses, …) produce no line and are counted by
//! reason in [`StreamSummary::skipped`]. Only a failure to read the input itself (an I/O
//! error, a gzip stream that is cut off) ends the run early, after an error line saying so.
//!
//! This file holds the formats of the output lines and the types shared by the stages;
//! `read` owns the JSON Lines and HTML-directory readers, `warc_reader` the WARC reader,
//! `article` the documents' fields and their analysis into a result line, and `pipeline`
//! the ordered parallel run ([`run`]).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::analysis::{ArticleAnalysis, StoredClaim};
use super::CorpusError;

mod article;
mod pipeline;
mod read;
mod warc_reader;

pub(crate) use article::analyze_article;
pub use pipeline::{run, Input, StreamOptions};

/// Version of the result-line format (`v` in every line).
pub const RESULT_VERSION: u32 = 1;

/// Documents in flight per worker: the reorder window is `jobs × WINDOW_PER_JOB`.
pub const WINDOW_PER_JOB: usize = 8;

/// Claim judgments memoized per worker: enough for the claims of a few weeks, small enough
/// that memory stays flat over years of articles (each date is a different key).
pub const CLAIM_MEMO_PER_WORKER: usize = 4096;

/// Longest JSON line accepted, in bytes; a longer line becomes an error line.
pub const MAX_LINE: usize = 64 * 1024 * 1024;

/// Largest WARC record or HTML file accepted, in bytes.
pub const MAX_RECORD: u64 = 64 * 1024 * 1024;

/// Input formats of the streaming mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON Lines in the `export --format jsonl` schema (`text`, or `html` to extract).
    Jsonl,
    /// WARC, gzip per record or uncompressed; HTTP `response` records with HTML are analyzed.
    Warc,
    /// A directory of saved HTML pages (`.html`, `.htm`, `.xhtml`), walked in name order.
    HtmlDir,
}

/// Why an article is not counted (`why` of a result line); `counted` when it is.
pub mod why {
    /// Counted in aggregates and reports.
    pub const COUNTED: &str = "counted";
    /// A copy of another article (`duplicate_of` set in the input).
    pub const DUPLICATE: &str = "duplicate";
    /// A paywall teaser.
    pub const PAYWALLED: &str = "paywalled";
    /// Not about AI video generation.
    pub const OFF_TOPIC: &str = "off-topic";
    /// A crawled page (WARC, HTML) in neither English nor German.
    pub const OTHER_LANGUAGE: &str = "other-language";
}

/// One output line: a result or an error, at the place of its document in the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Line {
    /// A document was analyzed (or classified as not counted).
    Result(Box<ResultLine>),
    /// A document could not be read.
    Error(ErrorLine),
}

/// The result of one document. Documented in `docs/scale.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultLine {
    /// Format version ([`RESULT_VERSION`]).
    pub v: u32,
    /// 1-based position of the document in the input (line, record or file number).
    pub n: u64,
    /// The document's id: the export's `id`, the WARC-Record-ID, or the file path.
    pub id: String,
    /// Hash of the lexicons the document was analyzed with (aggregates of different
    /// lexicons do not merge).
    pub lexicon: String,
    /// Address.
    pub url: String,
    /// Outlet.
    pub outlet: String,
    /// Language (`de`, `en`).
    pub lang: String,
    /// Headline.
    pub title: String,
    /// Publication date as given.
    pub published: Option<String>,
    /// ISO week of the publication date (`2026-W47`); `None` when undated.
    pub week: Option<String>,
    /// Counted in aggregates and reports.
    pub kept: bool,
    /// [`why::COUNTED`] or why not.
    pub why: String,
    /// Hype Index (0 when not analyzed).
    pub hype_index: f64,
    /// Hype discourse index.
    pub discourse_index: f64,
    /// Counted hits per category and stance.
    pub categories: BTreeMap<String, crate::analyze::StanceCounts>,
    /// Endorsed and hedged terms, distinct, in lexicon order.
    pub endorsed_terms: Vec<String>,
    /// The stored summary of the analysis; `None` for duplicates, paywall teasers and pages
    /// the topic filter dropped before analysis.
    pub analysis: Option<ArticleAnalysis>,
    /// The author's claims with verdicts as of the article's date.
    pub claims: Vec<StoredClaim>,
}

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorLine {
    /// Format version.
    pub v: u32,
    /// 1-based position in the input.
    pub n: u64,
    /// Where: `file:line`, `file: record N`, or the file path.
    pub source: String,
    /// What is wrong.
    pub error: String,
}

/// What a streaming run read, wrote and skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StreamSummary {
    /// Documents (output lines).
    pub documents: u64,
    /// Of these, counted articles.
    pub kept: u64,
    /// Of these, error lines.
    pub errors: u64,
    /// Input bytes read (before gzip decoding).
    pub bytes: u64,
    /// Records or files skipped without a line, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Why the input could not be read to its end, if it could not.
    pub fatal: Option<String>,
}

/// Errors of a streaming run: only output failures and a worker that could not start.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Writing the output failed (a closed pipe included).
    #[error("could not write the results: {0}")]
    Write(#[from] std::io::Error),
    /// An analyzer could not be built.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
}

/// An article as read from the input, before analysis.
#[derive(Debug, Clone, Default)]
pub(crate) struct InputArticle {
    id: String,
    url: String,
    outlet: String,
    lang: String,
    title: Option<String>,
    published: Option<String>,
    text: String,
    paywalled: bool,
    duplicate: bool,
    /// Apply the collector's topic filter before analysis, as a scan does (WARC, HTML).
    prefilter: bool,
    /// A crawled page declared or detected as neither English nor German.
    other_language: bool,
}

/// One unit of work for a worker.
#[derive(Debug)]
struct Doc {
    /// Output order (set by the run, not the reader).
    seq: u64,
    n: u64,
    source: String,
    article: Result<InputArticle, String>,
}

/// What the reader hands on.
enum Item {
    Doc(Doc),
    Skip(&'static str),
    Fatal(Doc),
}

/// `2026-W47` for any day of that ISO week.
pub fn week_name(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn error_line(n: u64, source: String, error: String) -> Line {
    Line::Error(ErrorLine {
        v: RESULT_VERSION,
        n,
        source,
        error,
    })
}
