//! `hypecheck extract`: the main text and metadata of saved HTML pages, as the collector sees
//! them. One page prints as text (or JSON); many pages or a directory stream as JSON Lines in
//! one process, one record per page, a failed page as a record with an `error` instead of text.
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use crate::check::{read_document, ReadError, MAX_DOCUMENT};
use crate::cli::Invalid;
use crate::collect::extract::{try_extract, Extracted};
use crate::problem::Problem;

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExtractFormat {
    /// Title, metadata lines, a blank line, then the text (one page only).
    Text,
    /// One JSON document (one page only).
    Json,
    /// One JSON record per line and page (the default for several pages or a directory).
    Jsonl,
}

/// Extract the main text and metadata of saved HTML pages.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractArgs {
    /// HTML files or directories (their `.html`, `.htm` and `.xhtml` files, recursively, in
    /// path order); `-` reads one page from standard input.
    #[arg(required = true, value_name = "PAGE")]
    paths: Vec<PathBuf>,
    /// The page's address: resolves relative links and dates in URL patterns (one page only).
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Output format (default: text for one page, jsonl for several).
    #[arg(long, value_enum)]
    format: Option<ExtractFormat>,
}

/// One page's result, as written in JSON and JSON Lines.
#[derive(Debug, Serialize)]
struct Record<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    page: Option<Extracted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub(crate) fn run(args: ExtractArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut pages = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            collect_pages(p, &mut pages)
                .with_context(|| format!("{}: cannot list the directory", p.display()))?;
        } else {
            pages.push(p.clone());
        }
    }
    let single = pages.len() == 1 && args.paths.iter().all(|p| !p.is_dir());
    let format = args.format.unwrap_or(if single {
        ExtractFormat::Text
    } else {
        ExtractFormat::Jsonl
    });
    if !single && format != ExtractFormat::Jsonl {
        anyhow::bail!("--format text and json take one page; use --format jsonl for several");
    }
    if !single && args.url.is_some() {
        anyhow::bail!("--url names one page's address; it cannot be used with several pages");
    }
    let mut failed = Vec::new();
    for path in &pages {
        let label = if path.as_os_str() == "-" {
            "<stdin>".to_owned()
        } else {
            path.display().to_string()
        };
        let result = read_page(path).and_then(|bytes| {
            try_extract(&bytes, None, args.url.as_deref()).map_err(|e| e.to_string())
        });
        match (format, result) {
            (ExtractFormat::Text, Ok(page)) => write_text(out, &page)?,
            (ExtractFormat::Json, Ok(page)) => {
                let rec = Record {
                    path: label,
                    url: args.url.as_deref(),
                    page: Some(page),
                    error: None,
                };
                serde_json::to_writer_pretty(&mut *out, &rec)?;
                writeln!(out)?;
            }
            (ExtractFormat::Jsonl, result) => {
                let (page, error) = match result {
                    Ok(p) => (Some(p), None),
                    Err(e) => {
                        failed.push(Problem {
                            file: label.clone(),
                            line: 0,
                            message: e.clone(),
                        });
                        (None, Some(e))
                    }
                };
                let rec = Record {
                    path: label,
                    url: args.url.as_deref(),
                    page,
                    error,
                };
                serde_json::to_writer(&mut *out, &rec)?;
                writeln!(out)?;
            }
            (_, Err(message)) => failed.push(Problem {
                file: label,
                line: 0,
                message,
            }),
        }
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        out.flush()?;
        Err(Invalid(failed).into())
    }
}

fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        if io::stdin().is_terminal() {
            return Err("standard input is a terminal (pipe a page in)".to_owned());
        }
        return read_document(io::stdin().lock(), MAX_DOCUMENT)
            .map_err(|e| e.describe("standard input"));
    }
    std::fs::File::open(path)
        .map_err(ReadError::from)
        .and_then(|f| read_document(f, MAX_DOCUMENT))
        .map_err(|e| e.describe("file"))
}

fn write_text(out: &mut dyn Write, page: &Extracted) -> io::Result<()> {
    let meta = [
        ("title", page.title.clone()),
        (
            "authors",
            Some(page.authors.join(", ")).filter(|a| !a.is_empty()),
        ),
        ("published", page.published.clone()),
        ("modified", page.modified.clone()),
        ("lang", page.lang.clone()),
        ("site", page.site_name.clone()),
        ("canonical", page.canonical_url.clone()),
        ("paywalled", page.paywalled.then(|| "yes".to_owned())),
    ];
    for (key, value) in meta {
        if let Some(v) = value {
            writeln!(out, "{key}: {v}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", page.text)
}

/// The HTML files under `dir`, recursively, sorted by path.
fn collect_pages(dir: &Path, pages: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && is_html(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    pages.extend(found);
    Ok(())
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}
