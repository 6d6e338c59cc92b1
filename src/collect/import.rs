//! `import`: local HTML, TXT, Markdown and JSONL files into the corpus, through the same
//! extraction (HTML) and storage path as the scan.
//!
//! All files are read and validated first; only when every file is valid is anything stored,
//! so a bad input stores nothing and loses nothing. JSONL records are objects with at least
//! `url` and `text` (or `html`); optional `title`, `published`, `modified`, `authors`, `lang`,
//! `outlet`, `source`, `paywalled`. Unknown keys are ignored.
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::canon::canonicalize;
use super::extract;
use super::scan::canonical_for;
use super::topic::TopicFilter;
use crate::store::{InsertOutcome, NewArticle, Store, StoreError};

/// Import errors; each names the file (and line for JSONL).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// File unreadable.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// File.
        path: PathBuf,
        /// IO error.
        source: std::io::Error,
    },
    /// A JSONL line is invalid.
    #[error("{path}:{line}: {message}")]
    Line {
        /// File.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file yields no article (binary data, too large, extraction gave up).
    #[error("{path}: {message}")]
    File {
        /// File.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A text file is not valid UTF-8.
    #[error("{path}: not valid UTF-8 text")]
    Utf8 {
        /// File.
        path: PathBuf,
    },
    /// Unknown file type.
    #[error("{path}: unsupported file type (use .html, .htm, .txt, .md, .markdown or .jsonl)")]
    Unsupported {
        /// File.
        path: PathBuf,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Storing or analyzing an article failed.
    #[error(transparent)]
    Ingest(super::IngestError),
}

/// Counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// Files read.
    pub files: usize,
    /// Records read.
    pub records: usize,
    /// Articles stored.
    pub stored: usize,
    /// Of `stored`, near-duplicates.
    pub duplicates: usize,
    /// Records whose URL was already stored.
    pub already_stored: usize,
    /// Files that could not be imported, each with the reason; the other files are stored.
    pub failed: Vec<ImportFailure>,
}

/// A file that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportFailure {
    /// The file as given.
    pub path: PathBuf,
    /// 1-based line of a JSON Lines file; 0 for the whole file.
    pub line: u64,
    /// Why.
    pub message: String,
}

impl ImportFailure {
    fn new(path: &Path, e: &ImportError) -> Self {
        let (line, message) = match e {
            ImportError::Line { line, message, .. } => (*line as u64, message.clone()),
            ImportError::File { message, .. } => (0, message.clone()),
            ImportError::Read { source, .. } => (0, format!("cannot read: {source}")),
            ImportError::Utf8 { .. } => (0, "not valid UTF-8 text".to_owned()),
            ImportError::Unsupported { .. } => (
                0,
                "unsupported file type (use .html, .htm, .txt, .md, .markdown or .jsonl)"
                    .to_owned(),
            ),
            other => (0, other.to_string()),
        };
        ImportFailure {
            path: path.to_owned(),
            line,
            message,
        }
    }
}

#[derive(Debug, Deserialize)]
struct JsonRecord {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    modified: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    authors: Option<Vec<String>>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    paywalled: Option<bool>,
}

/// `de` or `en` by [`crate::text::lang::detect`], the detector `check` uses; English when
/// the text has no function words of either language.
fn guess_lang(text: &str) -> &'static str {
    crate::text::lang::detect(text)
        .unwrap_or(crate::text::Lang::En)
        .code()
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    url::Url::from_file_path(&abs)
        .map(|u| u.to_string())
        .unwrap_or_else(|_| format!("file://{}", abs.display()))
}

fn norm_lang(l: Option<&str>, text: &str) -> String {
    l.map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l == "de" || l == "en")
        .unwrap_or_else(|| guess_lang(text).to_owned())
}

fn from_html(bytes: &[u8], url: &str, file_url_fallback: bool) -> Result<NewArticle, String> {
    let ex = extract::try_extract(bytes, None, Some(url)).map_err(|e| e.to_string())?;
    let canonical = if file_url_fallback {
        ex.canonical_url
            .as_deref()
            .and_then(|c| canonicalize(c).ok())
            .unwrap_or_else(|| url.to_owned())
    } else {
        canonical_for(url, ex.canonical_url.as_deref())
    };
    let lang = norm_lang(ex.lang.as_deref(), &ex.text);
    Ok(NewArticle {
        url: url.to_owned(),
        canonical_url: canonical,
        source: "import".to_owned(),
        outlet: ex.site_name.clone().unwrap_or_else(|| "import".to_owned()),
        lang,
        title: ex.title,
        authors: ex.authors,
        published: ex.published,
        modified: ex.modified,
        text: ex.text,
        paywalled: ex.paywalled,
        kept_reason: String::new(),
    })
}

/// Longest title taken from the first line of a plain-text file, in characters: a file that is
/// one long line (a dump without line breaks) must not turn into a megabyte-long title.
const MAX_TITLE_CHARS: usize = 300;

fn short_title(line: &str) -> String {
    match line.char_indices().nth(MAX_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_owned(),
    }
}

fn from_plain(text: &str, url: &str, markdown: bool) -> NewArticle {
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| {
            if markdown {
                short_title(l.trim_start_matches('#').trim())
            } else {
                short_title(l)
            }
        });
    NewArticle {
        url: url.to_owned(),
        canonical_url: url.to_owned(),
        source: "import".to_owned(),
        outlet: "import".to_owned(),
        lang: guess_lang(text).to_owned(),
        title,
        text: text.trim().to_owned(),
        ..NewArticle::default()
    }
}

fn parse_jsonl(path: &Path, text: &str) -> Result<Vec<NewArticle>, ImportError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| ImportError::Line {
            path: path.to_owned(),
            line: line_no,
            message,
        };
        let rec: JsonRecord =
            serde_json::from_str(line).map_err(|e| bad(format!("invalid JSON record: {e}")))?;
        let canonical = canonicalize(&rec.url).map_err(|e| bad(e.to_string()))?;
        let mut a = match (&rec.text, &rec.html) {
            (Some(t), _) if !t.trim().is_empty() => NewArticle {
                url: rec.url.clone(),
                canonical_url: canonical,
                lang: norm_lang(rec.lang.as_deref(), t),
                text: t.trim().to_owned(),
                ..NewArticle::default()
            },
            (_, Some(h)) => from_html(h.as_bytes(), &rec.url, false).map_err(bad)?,
            _ => return Err(bad("record has neither \"text\" nor \"html\"".to_owned())),
        };
        if a.text.trim().is_empty() {
            return Err(bad("record has an empty text".to_owned()));
        }
        if let Some(l) = rec.lang.as_deref() {
            a.lang = norm_lang(Some(l), &a.text);
        }
        a.title = rec.title.or(a.title);
        a.published = rec.published.or(a.published);
        a.modified = rec.modified.or(a.modified);
        if let Some(au) = rec.authors {
            a.authors = au;
        }
        a.source = rec.source.clone().unwrap_or_else(|| "import".to_owned());
        a.outlet = rec
            .outlet
            .or(rec.source)
            .unwrap_or_else(|| a.outlet.clone())
            .trim()
            .to_owned();
        if a.outlet.is_empty() {
            a.outlet = "import".to_owned();
        }
        if let Some(p) = rec.paywalled {
            a.paywalled = p;
        }
        out.push(a);
    }
    Ok(out)
}

/// Reads one file into articles (nothing stored).
pub fn read_file(path: &Path) -> Result<Vec<NewArticle>, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let read_err = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let bytes = if matches!(ext.as_str(), "jsonl" | "ndjson") {
        // A JSON Lines export may be much larger than one article; it is read as a whole.
        std::fs::read(path).map_err(read_err)?
    } else {
        // One article: refuse binary data (a `.pdf` renamed `.html`) and endless files.
        let file = std::fs::File::open(path).map_err(read_err)?;
        match crate::check::read_document(file, crate::check::MAX_DOCUMENT) {
            Ok(b) => b,
            Err(crate::check::ReadError::Io(e)) => return Err(read_err(e)),
            Err(e) => {
                return Err(ImportError::File {
                    path: path.to_owned(),
                    message: e.to_string(),
                })
            }
        }
    };
    let text = || {
        String::from_utf8(bytes.clone()).map_err(|_| ImportError::Utf8 {
            path: path.to_owned(),
        })
    };
    let url = file_url(path);
    let out = match ext.as_str() {
        "html" | "htm" | "xhtml" => {
            vec![
                from_html(&bytes, &url, true).map_err(|message| ImportError::File {
                    path: path.to_owned(),
                    message,
                })?,
            ]
        }
        "txt" | "text" => vec![from_plain(&text()?, &url, false)],
        "md" | "markdown" => vec![from_plain(&text()?, &url, true)],
        "jsonl" | "ndjson" => parse_jsonl(path, &text()?)?,
        _ => {
            return Err(ImportError::Unsupported {
                path: path.to_owned(),
            })
        }
    };
    for a in &out {
        if a.text.trim().is_empty() && ext != "jsonl" {
            return Err(ImportError::File {
                path: path.to_owned(),
                message: "no text found".to_owned(),
            });
        }
    }
    Ok(out)
}

/// Imports files: reads each, then hands each article to `ingest` (which stores it; dedup
/// applies). A file that cannot be read or yields no article is listed in
/// [`ImportReport::failed`] and the others are still stored. The topic filter does not reject
/// imported articles; its reason is recorded in `kept_reason` after `label` (`import`, or
/// `sample` for the demo).
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    filter: &TopicFilter,
    label: &str,
    ingest: &mut dyn super::Ingest,
) -> Result<ImportReport, ImportError> {
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for p in paths {
        match read_file(p) {
            Ok(articles) => all.extend(articles),
            Err(e @ ImportError::Store(_)) | Err(e @ ImportError::Ingest(_)) => return Err(e),
            Err(e) => failed.push(ImportFailure::new(p, &e)),
        }
    }
    let mut report = ImportReport {
        files: paths.len(),
        records: all.len(),
        failed,
        ..ImportReport::default()
    };
    for mut a in all {
        let topic_text = format!("{}\n\n{}", a.title.as_deref().unwrap_or(""), a.text);
        a.kept_reason = format!("{label}; {}", filter.classify(&topic_text).reason);
        match ingest
            .ingest(store, &a, None, None)
            .map_err(ImportError::Ingest)?
        {
            InsertOutcome::Inserted {
                id: _,
                duplicate_of,
                supersedes,
            } => {
                report.stored += 1;
                if duplicate_of.is_some() || supersedes.is_some() {
                    report.duplicates += 1;
                }
            }
            InsertOutcome::AlreadyStored { .. } => report.already_stored += 1,
        }
    }
    Ok(report)
}
