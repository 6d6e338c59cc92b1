//! Streaming analysis: documents in, one JSON result line per document out, in input order,
//! in constant memory, on all cores (`hypecheck analyze --input`).
//!
//! Takes a reader of JSON Lines (the `export --format jsonl` schema), WARC (gzip per record,
//! as web archives publish them) or a directory of saved HTML pages, and a factory of
//! [`CorpusAnalyzer`]s (one per worker thread: analyzers keep caches and are not shared).
//! Hands on [`Line`]s, written as JSON Lines, and a [`StreamSummary`] of what was read and
//! skipped.
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
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::analysis::{date_of, ArticleAnalysis, CorpusAnalyzer, StoredClaim};
use super::CorpusError;
use crate::analyze::Stance;
use crate::collect::extract;

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
    pub categories: BTreeMap<String, super::analysis::Counts>,
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

/// The JSONL record: the `export --format jsonl` schema; unknown keys are ignored.
#[derive(Debug, Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    paywalled: Option<bool>,
    #[serde(default)]
    duplicate_of: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

fn norm_lang(l: Option<&str>, text: &str) -> String {
    l.map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l == "de" || l == "en")
        .unwrap_or_else(|| {
            crate::text::lang::detect(text)
                .unwrap_or(crate::text::Lang::En)
                .code()
                .to_owned()
        })
}

fn json_article(line: &str, n: u64) -> Result<InputArticle, String> {
    let rec: JsonRecord =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON record: {e}"))?;
    let (text, ex) = match (rec.text, rec.html) {
        (Some(t), _) if !t.trim().is_empty() => (t.trim().to_owned(), None),
        (_, Some(h)) => {
            let ex = extract::try_extract(h.as_bytes(), None, rec.url.as_deref())
                .map_err(|e| e.to_string())?;
            (ex.text.clone(), Some(ex))
        }
        (Some(_), None) => return Err("record has an empty text".to_owned()),
        (None, None) => return Err("record has neither \"text\" nor \"html\"".to_owned()),
    };
    if text.trim().is_empty() {
        return Err("record has an empty text".to_owned());
    }
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(x)) => x.to_string(),
        _ => n.to_string(),
    };
    let ex_lang = ex.as_ref().and_then(|e| e.lang.clone());
    let outlet = rec
        .outlet
        .or(rec.source)
        .or_else(|| ex.as_ref().and_then(|e| e.site_name.clone()))
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| "import".to_owned());
    Ok(InputArticle {
        id,
        url: rec.url.unwrap_or_default(),
        outlet,
        lang: norm_lang(rec.lang.as_deref().or(ex_lang.as_deref()), &text),
        title: rec
            .title
            .or_else(|| ex.as_ref().and_then(|e| e.title.clone())),
        published: rec
            .published
            .or_else(|| ex.as_ref().and_then(|e| e.published.clone())),
        paywalled: rec
            .paywalled
            .unwrap_or_else(|| ex.as_ref().is_some_and(|e| e.paywalled)),
        duplicate: rec.duplicate_of.is_some_and(|d| !d.is_null()),
        prefilter: false,
        other_language: false,
        text,
    })
}

fn html_article(
    bytes: &[u8],
    charset: Option<&str>,
    id: String,
    url: &str,
) -> Result<InputArticle, String> {
    let ex = extract::try_extract(bytes, charset, Some(url)).map_err(|e| e.to_string())?;
    if ex.text.trim().is_empty() {
        return Err("no article text found".to_owned());
    }
    let outlet = ex
        .site_name
        .clone()
        .or_else(|| {
            url::Url::parse(url).ok().and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_start_matches("www.").to_owned())
            })
        })
        .unwrap_or_else(|| "import".to_owned());
    // A news crawl holds every language: a page that declares another language, or in which
    // the detector finds neither English nor German, is not analyzed as English.
    let declared = ex
        .lang
        .as_deref()
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase());
    let other_language = match declared.as_deref() {
        Some("de" | "en") => false,
        Some(_) => true,
        None => crate::text::lang::detect(&ex.text).is_none(),
    };
    Ok(InputArticle {
        id,
        other_language,
        url: url.to_owned(),
        outlet,
        lang: norm_lang(ex.lang.as_deref(), &ex.text),
        title: ex.title,
        published: ex.published,
        paywalled: ex.paywalled,
        duplicate: false,
        prefilter: true,
        text: ex.text,
    })
}

/// Analyzes one read document into its output line.
pub(crate) fn analyze_article(
    analyzer: &mut CorpusAnalyzer<'_>,
    n: u64,
    a: &InputArticle,
) -> ResultLine {
    let date = a.published.as_deref().and_then(date_of);
    let mut line = ResultLine {
        v: RESULT_VERSION,
        n,
        id: a.id.clone(),
        lexicon: analyzer.lexicon_hash().to_owned(),
        url: a.url.clone(),
        outlet: a.outlet.clone(),
        lang: a.lang.clone(),
        title: a.title.clone().unwrap_or_default(),
        published: a.published.clone(),
        week: date.map(week_name),
        kept: false,
        why: String::new(),
        hype_index: 0.0,
        discourse_index: 0.0,
        categories: BTreeMap::new(),
        endorsed_terms: Vec::new(),
        analysis: None,
        claims: Vec::new(),
    };
    // The same exclusions, in the same order, as the report over the SQLite corpus.
    if a.duplicate {
        line.why = why::DUPLICATE.to_owned();
        return line;
    }
    if a.paywalled {
        line.why = why::PAYWALLED.to_owned();
        return line;
    }
    if a.other_language {
        line.why = why::OTHER_LANGUAGE.to_owned();
        return line;
    }
    if a.prefilter {
        let topic_text = format!("{}\n\n{}", a.title.as_deref().unwrap_or(""), a.text);
        if !analyzer.classify_topic(&topic_text) {
            line.why = why::OFF_TOPIC.to_owned();
            return line;
        }
    }
    let (analysis, claims) =
        analyzer.analyze(a.title.as_deref(), &a.text, &a.lang, a.published.as_deref());
    line.lang.clone_from(&analysis.lang);
    line.hype_index = analysis.hype_index;
    line.discourse_index = analysis.discourse_index;
    for t in &analysis.terms {
        line.categories
            .entry(t.category.clone())
            .or_default()
            .add_stance(t.stance, t.n);
        if matches!(t.stance, Stance::Endorsed | Stance::Hedged)
            && !line.endorsed_terms.contains(&t.term)
        {
            line.endorsed_terms.push(t.term.clone());
        }
    }
    line.kept = analysis.on_topic;
    line.why = if analysis.on_topic {
        why::COUNTED
    } else {
        why::OFF_TOPIC
    }
    .to_owned();
    line.analysis = Some(analysis);
    line.claims = claims;
    line
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

// ---------------------------------------------------------------------------------------
// Readers

/// Counts bytes read from the raw input.
struct Counted<R> {
    inner: R,
    n: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n
            .fetch_add(k as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(k)
    }
}

/// Reads one line of at most `max` bytes (newline excluded) into `buf`. `Ok(None)` at the
/// end; `Ok(Some(false))` when the line was longer (the rest is skipped, `buf` is cut).
fn read_capped_line(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut fits = true;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(fits));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if fits {
            if buf.len() + take > max {
                fits = false;
                let room = max - buf.len();
                buf.extend_from_slice(&chunk[..room]);
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(Some(fits));
        }
    }
}

fn read_jsonl(input: impl Read, label: &str, emit: &mut dyn FnMut(Item) -> bool) {
    let mut r = std::io::BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        let fits = match read_capped_line(&mut r, &mut buf, MAX_LINE) {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n: n + 1,
                    source: format!("{label}:{}", n + 1),
                    article: Err(format!("cannot read: {e}")),
                }));
                return;
            }
        };
        n += 1;
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if fits && buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let article = if !fits {
            Err(format!("line longer than {MAX_LINE} bytes"))
        } else {
            match std::str::from_utf8(&buf) {
                Ok(s) => json_article(s, n),
                Err(e) => Err(format!(
                    "not valid UTF-8 (at byte {} of the line)",
                    e.valid_up_to()
                )),
            }
        };
        let doc = Doc {
            seq: 0,
            n,
            source: format!("{label}:{n}"),
            article,
        };
        if !emit(Item::Doc(doc)) {
            return;
        }
    }
}

fn is_html_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

fn read_html_dir(dir: &Path, emit: &mut dyn FnMut(Item) -> bool) {
    // Depth-first, each directory's entries in name order: only the open directories'
    // listings are held, not the whole tree.
    let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
    let mut n = 0u64;
    let list = |d: &Path| -> Result<std::vec::IntoIter<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| format!("cannot read directory: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v.into_iter())
    };
    match list(dir) {
        Ok(it) => stack.push(it),
        Err(e) => {
            emit(Item::Fatal(Doc {
                seq: 0,
                n: 1,
                source: dir.display().to_string(),
                article: Err(e),
            }));
            return;
        }
    }
    while let Some(top) = stack.last_mut() {
        let Some(p) = top.next() else {
            stack.pop();
            continue;
        };
        if p.is_dir() {
            match list(&p) {
                Ok(it) => stack.push(it),
                Err(_) => {
                    if !emit(Item::Skip("unreadable directory")) {
                        return;
                    }
                }
            }
            continue;
        }
        if !is_html_file(&p) {
            if !emit(Item::Skip("not an HTML file")) {
                return;
            }
            continue;
        }
        n += 1;
        let source = p.display().to_string();
        let article = std::fs::File::open(&p)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|f| {
                crate::check::read_document(f, MAX_RECORD).map_err(|e| match e {
                    crate::check::ReadError::Io(e) => format!("cannot read: {e}"),
                    other => other.to_string(),
                })
            })
            .and_then(|bytes| {
                let abs = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
                let url = url::Url::from_file_path(&abs)
                    .map(|u| u.to_string())
                    .unwrap_or_else(|_| format!("file://{}", abs.display()));
                html_article(&bytes, None, source.clone(), &url)
            });
        if !emit(Item::Doc(Doc {
            seq: 0,
            n,
            source,
            article,
        })) {
            return;
        }
    }
}

/// The HTTP message of a WARC response record, split.
struct HttpResponse<'a> {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
    body: &'a [u8],
}

fn parse_http(block: &[u8]) -> Result<HttpResponse<'_>, &'static str> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("no HTTP header")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err("not an HTTP response");
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no HTTP status")?;
    let mut r = HttpResponse {
        status,
        content_type: None,
        content_encoding: None,
        chunked: false,
        body: &block[end.1..],
    };
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => r.content_type = Some(v),
            "content-encoding" => r.content_encoding = Some(v),
            "transfer-encoding" => r.chunked = v.contains("chunked"),
            _ => {}
        }
    }
    Ok(r)
}

fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..nl]).ok()?;
        let size = usize::from_str_radix(size_line.trim().split(';').next()?.trim(), 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

fn decode_body(r: &HttpResponse<'_>) -> Result<Vec<u8>, &'static str> {
    let body = if r.chunked {
        dechunk(r.body).ok_or("bad chunked encoding")?
    } else {
        r.body.to_vec()
    };
    match r.content_encoding.as_deref() {
        None | Some("identity") | Some("") => Ok(body),
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&body[..])
                .take(MAX_RECORD)
                .read_to_end(&mut out)
                .map_err(|_| "bad gzip content encoding")?;
            Ok(out)
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_RECORD)
                .read_to_end(&mut out)
                .map_err(|_| "bad deflate content encoding")?;
            Ok(out)
        }
        Some(_) => Err("unsupported content encoding"),
    }
}

/// A WARC record's document, or the reason it is not one.
fn warc_document(record: &[u8], n: u64, source: &str) -> Result<Doc, &'static str> {
    let parsed = warc::WarcReader::new(record).iter_records().next();
    let rec = match parsed {
        None => return Err("empty record"),
        Some(Err(e)) => {
            return Ok(Doc {
                seq: 0,
                n,
                source: source.to_owned(),
                article: Err(format!("invalid WARC record: {e}")),
            })
        }
        Some(Ok(r)) => r,
    };
    if *rec.warc_type() != warc::RecordType::Response {
        return Err(match rec.warc_type() {
            warc::RecordType::WarcInfo => "warcinfo record",
            warc::RecordType::Request => "request record",
            warc::RecordType::Metadata => "metadata record",
            warc::RecordType::Revisit => "revisit record",
            _ => "other record type",
        });
    }
    let ct = rec
        .header(warc::WarcHeader::ContentType)
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    if !ct.starts_with("application/http") {
        return Err("response without an HTTP message");
    }
    let url = rec
        .header(warc::WarcHeader::TargetURI)
        .map(|u| u.into_owned())
        .unwrap_or_default();
    let id = rec
        .header(warc::WarcHeader::RecordID)
        .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned())
        .unwrap_or_else(|| n.to_string());
    let http = match parse_http(rec.body()) {
        Ok(h) => h,
        Err(e) => {
            return Ok(Doc {
                seq: 0,
                n,
                source: source.to_owned(),
                article: Err(format!("{url}: {e}")),
            })
        }
    };
    if !(200..300).contains(&http.status) {
        return Err("HTTP status not 2xx");
    }
    let html_type = http
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("text/html") || c.starts_with("application/xhtml"));
    if !html_type {
        return Err("not HTML");
    }
    let charset = http
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').find_map(|p| p.trim().strip_prefix("charset=")))
        .map(|c| c.trim_matches('"').to_owned());
    let article = decode_body(&http)
        .map_err(|e| format!("{url}: {e}"))
        .and_then(|body| {
            html_article(&body, charset.as_deref(), id, &url).map_err(|e| format!("{url}: {e}"))
        });
    Ok(Doc {
        seq: 0,
        n,
        source: source.to_owned(),
        article,
    })
}

fn read_warc(input: impl Read, label: &str, emit: &mut dyn FnMut(Item) -> bool) {
    let mut r = std::io::BufReader::with_capacity(1 << 16, input);
    let gzip = match r.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            emit(Item::Fatal(Doc {
                seq: 0,
                n: 1,
                source: label.to_owned(),
                article: Err(format!("cannot read: {e}")),
            }));
            return;
        }
    };
    let mut n = 0u64;
    let mut record = Vec::new();
    let handle = |n: u64, record: &[u8], emit: &mut dyn FnMut(Item) -> bool| -> bool {
        let source = format!("{label}: record {n}");
        match warc_document(record, n, &source) {
            Ok(doc) => emit(Item::Doc(doc)),
            Err(reason) => emit(Item::Skip(reason)),
        }
    };
    if gzip {
        // One gzip member per record: a bad record is skipped and the next member read.
        loop {
            match r.fill_buf() {
                Ok([]) => return,
                Ok(_) => {}
                Err(e) => {
                    emit(Item::Fatal(Doc {
                        seq: 0,
                        n: n + 1,
                        source: format!("{label}: record {}", n + 1),
                        article: Err(format!("cannot read: {e}")),
                    }));
                    return;
                }
            }
            n += 1;
            record.clear();
            let mut member = flate2::bufread::GzDecoder::new(&mut r).take(MAX_RECORD + 1);
            if let Err(e) = member.read_to_end(&mut record) {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n,
                    source: format!("{label}: record {n}"),
                    article: Err(format!("gzip stream broken, rest of the file unread: {e}")),
                }));
                return;
            }
            if record.len() as u64 > MAX_RECORD {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n,
                    source: format!("{label}: record {n}"),
                    article: Err(format!(
                        "record larger than {MAX_RECORD} bytes, rest of the file unread"
                    )),
                }));
                return;
            }
            if !handle(n, &record, emit) {
                return;
            }
        }
    } else {
        // Uncompressed: records follow each other; a record whose header cannot be parsed
        // leaves no way to find the next one.
        for rec in warc::WarcReader::new(r).iter_raw_records() {
            n += 1;
            match rec {
                Ok((header, body)) => {
                    record.clear();
                    let mut w = warc::WarcWriter::new(&mut record);
                    let ok = w.write_raw(header, &body).is_ok();
                    if !ok {
                        continue;
                    }
                    if !handle(n, &record, emit) {
                        return;
                    }
                }
                Err(e) => {
                    emit(Item::Fatal(Doc {
                        seq: 0,
                        n,
                        source: format!("{label}: record {n}"),
                        article: Err(format!("invalid WARC record, rest of the file unread: {e}")),
                    }));
                    return;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The ordered parallel run

/// Where the documents come from.
#[derive(Debug)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file (JSONL or WARC) or a directory (HTML).
    Path(PathBuf),
}

/// Options of a run.
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Input format.
    pub format: InputFormat,
}

/// Reads `input`, analyzes every document on `opts.jobs` workers (each with an analyzer from
/// `make`), and writes one JSON line per document to `out`, in input order.
pub fn run<'d, F>(
    input: Input,
    opts: StreamOptions,
    make: F,
    out: &mut dyn Write,
) -> Result<StreamSummary, StreamError>
where
    F: Fn() -> Result<CorpusAnalyzer<'d>, CorpusError> + Sync,
{
    let jobs = opts.jobs.max(1);
    let window = jobs * WINDOW_PER_JOB;
    // Build every analyzer before reading: a bad configuration fails before any output.
    let mut analyzers = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        let mut a = make()?;
        a.set_claim_memo_limit(CLAIM_MEMO_PER_WORKER);
        analyzers.push(a);
    }
    let bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let skipped: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());
    let fatal: Mutex<Option<String>> = Mutex::new(None);
    let (job_tx, job_rx) = sync_channel::<Doc>(window);
    let job_rx = Mutex::new(job_rx);
    let (res_tx, res_rx) = sync_channel::<(u64, String, bool, bool)>(window);
    let (tok_tx, tok_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        // The channel has exactly `window` slots.
        let _ = tok_tx.send(());
    }
    let mut summary = StreamSummary::default();
    std::thread::scope(|s| -> Result<(), StreamError> {
        // Reader.
        {
            let skipped = &skipped;
            let fatal = &fatal;
            let bytes = bytes.clone();
            s.spawn(move || {
                let mut seq = 0u64;
                let mut emit = |item: Item| -> bool {
                    let doc = match item {
                        Item::Skip(reason) => {
                            if let Ok(mut m) = skipped.lock() {
                                *m.entry(reason.to_owned()).or_default() += 1;
                            }
                            return true;
                        }
                        Item::Fatal(d) => {
                            if let (Ok(mut f), Err(e)) = (fatal.lock(), &d.article) {
                                *f = Some(format!("{}: {e}", d.source));
                            }
                            d
                        }
                        Item::Doc(d) => d,
                    };
                    if tok_rx.recv().is_err() {
                        return false;
                    }
                    seq += 1;
                    let mut d = doc;
                    // `n` stays the input position; the sequence number orders the output.
                    d.seq = seq;
                    job_tx.send(d).is_ok()
                };
                let label = match &input {
                    Input::Stdin => "-".to_owned(),
                    Input::Path(p) => p.display().to_string(),
                };
                let open = |p: &Path| {
                    std::fs::File::open(p).map(|f| Counted {
                        inner: f,
                        n: bytes.clone(),
                    })
                };
                match (&input, opts.format) {
                    (Input::Path(p), InputFormat::HtmlDir) => read_html_dir(p, &mut emit),
                    (Input::Stdin, InputFormat::HtmlDir) => {
                        emit(Item::Fatal(Doc {
                            seq: 0,
                            n: 1,
                            source: label,
                            article: Err("--input-format html-dir needs a directory".to_owned()),
                        }));
                    }
                    (Input::Stdin, f) => {
                        let stdin = Counted {
                            inner: std::io::stdin().lock(),
                            n: bytes.clone(),
                        };
                        if f == InputFormat::Warc {
                            read_warc(stdin, &label, &mut emit);
                        } else {
                            read_jsonl(stdin, &label, &mut emit);
                        }
                    }
                    (Input::Path(p), f) => match open(p) {
                        Ok(file) if f == InputFormat::Warc => read_warc(file, &label, &mut emit),
                        Ok(file) => read_jsonl(file, &label, &mut emit),
                        Err(e) => {
                            emit(Item::Fatal(Doc {
                                seq: 0,
                                n: 1,
                                source: label,
                                article: Err(format!("cannot open: {e}")),
                            }));
                        }
                    },
                }
                drop(job_tx);
            });
        }
        // Workers.
        for mut analyzer in analyzers.drain(..) {
            let job_rx = &job_rx;
            let res_tx: SyncSender<(u64, String, bool, bool)> = res_tx.clone();
            s.spawn(move || loop {
                let doc = {
                    let Ok(rx) = job_rx.lock() else { return };
                    match rx.recv() {
                        Ok(d) => d,
                        Err(_) => return,
                    }
                };
                let (seq, source) = (doc.seq, doc.source);
                let (line, kept, err) = match &doc.article {
                    Ok(a) => {
                        let r = analyze_article(&mut analyzer, doc.n, a);
                        let kept = r.kept;
                        (Line::Result(Box::new(r)), kept, false)
                    }
                    Err(e) => (error_line(doc.n, source, e.clone()), false, true),
                };
                let text = match serde_json::to_string(&line) {
                    Ok(t) => t,
                    Err(e) => serde_json::to_string(&error_line(
                        doc.n,
                        String::new(),
                        format!("could not encode the result: {e}"),
                    ))
                    .unwrap_or_default(),
                };
                if res_tx.send((seq, text, kept, err)).is_err() {
                    return;
                }
            });
        }
        drop(res_tx);
        // Writer: the calling thread.
        write_in_order(res_rx, tok_tx, out, &mut summary)
    })?;
    summary.bytes = bytes.load(std::sync::atomic::Ordering::Relaxed);
    summary.skipped = skipped.into_inner().unwrap_or_default();
    summary.fatal = fatal.into_inner().unwrap_or_default();
    Ok(summary)
}

fn write_in_order(
    res_rx: Receiver<(u64, String, bool, bool)>,
    tok_tx: SyncSender<()>,
    out: &mut dyn Write,
    summary: &mut StreamSummary,
) -> Result<(), StreamError> {
    let mut pending: BTreeMap<u64, (String, bool, bool)> = BTreeMap::new();
    let mut next = 1u64;
    for (seq, text, kept, err) in res_rx {
        pending.insert(seq, (text, kept, err));
        while let Some((text, kept, err)) = pending.remove(&next) {
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            summary.documents += 1;
            summary.kept += u64::from(kept);
            summary.errors += u64::from(err);
            next += 1;
            // The reader may go on: one more slot of the window is free.
            let _ = tok_tx.send(());
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines_are_cut_and_the_rest_skipped() {
        let mut r = std::io::BufReader::with_capacity(4, &b"abcdefgh\nxy\n\nz"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(false));
        assert_eq!(buf, b"abcde");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"xy");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"z");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), None);
    }

    #[test]
    fn chunked_bodies_are_joined_and_bad_ones_refused() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_none());
        assert!(dechunk(b"10\r\nabc").is_none());
    }

    #[test]
    fn http_heads_are_parsed() {
        let h = parse_http(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>x</p>",
        )
        .unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(h.body, b"<p>x</p>");
        assert!(parse_http(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_http(b"no header end").is_err());
    }
}
