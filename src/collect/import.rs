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

fn from_html(bytes: &[u8], url: &str, file_url_fallback: bool) -> NewArticle {
    let ex = extract::extract(bytes, None, Some(url));
    let canonical = if file_url_fallback {
        ex.canonical_url
            .as_deref()
            .and_then(|c| canonicalize(c).ok())
            .unwrap_or_else(|| url.to_owned())
    } else {
        canonical_for(url, ex.canonical_url.as_deref())
    };
    let lang = norm_lang(ex.lang.as_deref(), &ex.text);
    NewArticle {
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
    }
}

fn from_plain(text: &str, url: &str, markdown: bool) -> NewArticle {
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| {
            if markdown {
                l.trim_start_matches('#').trim().to_owned()
            } else {
                l.to_owned()
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
            (_, Some(h)) => from_html(h.as_bytes(), &rec.url, false),
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
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let text = || {
        String::from_utf8(bytes.clone()).map_err(|_| ImportError::Utf8 {
            path: path.to_owned(),
        })
    };
    let url = file_url(path);
    let out = match ext.as_str() {
        "html" | "htm" | "xhtml" => vec![from_html(&bytes, &url, true)],
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
            return Err(ImportError::Line {
                path: path.to_owned(),
                line: 1,
                message: "no text found".to_owned(),
            });
        }
    }
    Ok(out)
}

/// Imports files: validates all, then hands each article to `ingest` (which stores it; dedup
/// applies). The topic filter does not reject imported articles; its reason is recorded in
/// `kept_reason` after `label` (`import`, or `sample` for the demo).
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    filter: &TopicFilter,
    label: &str,
    ingest: &mut dyn super::Ingest,
) -> Result<ImportReport, ImportError> {
    let mut all = Vec::new();
    for p in paths {
        all.extend(read_file(p)?);
    }
    let mut report = ImportReport {
        files: paths.len(),
        records: all.len(),
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
