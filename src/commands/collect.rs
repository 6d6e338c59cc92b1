//! Collector commands: `scan`, `import`, `export`, `sources check`.
#![allow(clippy::print_stdout, clippy::print_stderr)]
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{bail, Context};
use chrono::{DateTime, NaiveDate, Utc};

use crate::collect::export::{self, Format};
use crate::collect::fetch::{user_agent, FetchConfig, Fetcher};
use crate::collect::import;
use crate::collect::scan::{self, Progress, ScanOptions};
use crate::collect::sources::{SourcesFile, DEFAULT_SOURCES};
use crate::collect::topic::TopicFilter;
use crate::store::{Store, DEFAULT_DB};

/// HTTP settings shared by `scan` and `sources check`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct HttpArgs {
    /// Permit hosts that resolve to loopback/private/link-local addresses (for tests).
    #[arg(long)]
    allow_private: bool,
    /// Delay between two requests to the same host, in seconds (default: sources file
    /// `[crawler] delay_secs`, else 1). robots.txt Crawl-delay can only raise it.
    #[arg(long, value_name = "SECS")]
    delay: Option<f64>,
    /// Worker threads (requests in flight overall).
    #[arg(long, value_name = "N")]
    concurrency: Option<usize>,
    /// Total timeout per request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Connect timeout, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    connect_timeout: f64,
    /// Response size cap in bytes (default 10 MB).
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<u64>,
    /// Retries for 429/5xx answers.
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
    /// First retry backoff in seconds (doubles per retry).
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    backoff: f64,
    /// Cap on any retry wait, Retry-After included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    max_retry_wait: f64,
    /// Cap on robots.txt Crawl-delay, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    max_crawl_delay: f64,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum CollectCommand {
    /// Collect this week's articles from the sources' feeds and sitemaps into the corpus.
    Scan {
        /// Sources file.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_SOURCES)]
        sources: PathBuf,
        /// Corpus database.
        #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
        db: PathBuf,
        /// Time window: `7d`, `36h`, `2w`, or a date `2026-10-01` / RFC 3339 time.
        #[arg(long, value_name = "WINDOW", default_value = "7d")]
        since: String,
        /// Only this source (by name; repeatable).
        #[arg(long = "source", value_name = "NAME")]
        source: Vec<String>,
        /// Read feeds and list what would be fetched; fetch no articles, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// List every per-URL error and skip.
        #[arg(long, short)]
        verbose: bool,
        #[command(flatten)]
        http: HttpArgs,
    },
    /// Import local HTML, TXT, Markdown or JSONL files into the corpus.
    Import {
        /// Files to import.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Corpus database.
        #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
        db: PathBuf,
        /// Sources file (for its `[topic]` table, if present).
        #[arg(long, value_name = "FILE")]
        sources: Option<PathBuf>,
    },
    /// Export the stored articles as JSON Lines or CSV.
    Export {
        /// Corpus database.
        #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Sources file commands.
    Sources {
        #[command(subcommand)]
        cmd: SourcesCommand,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum SourcesCommand {
    /// Validate the sources file and (unless --offline) report which feeds answer.
    Check {
        /// Sources file.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_SOURCES)]
        sources: PathBuf,
        /// Validate only; no network.
        #[arg(long)]
        offline: bool,
        #[command(flatten)]
        http: HttpArgs,
    },
}

pub(crate) fn run(cmd: CollectCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CollectCommand::Scan {
            sources,
            db,
            since,
            source,
            dry_run,
            quiet,
            verbose,
            http,
        } => run_scan(
            &sources, &db, &since, &source, dry_run, quiet, verbose, &http,
        ),
        CollectCommand::Import { paths, db, sources } => {
            run_import(&paths, &db, sources.as_deref())
        }
        CollectCommand::Export { db, format, out } => run_export(&db, format, out.as_deref()),
        CollectCommand::Sources {
            cmd:
                SourcesCommand::Check {
                    sources,
                    offline,
                    http,
                },
        } => run_check(&sources, offline, &http),
    }
}

/// Parses `7d`, `36h`, `90m`, `2w`, a date or an RFC 3339 time into the window start.
fn parse_since(s: &str, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    let s = s.trim();
    if let Some(unit) = s.chars().last().filter(char::is_ascii_alphabetic) {
        let num = &s[..s.len() - 1];
        if let Ok(n) = num.parse::<i64>() {
            let d = match unit {
                'm' => chrono::Duration::minutes(n),
                'h' => chrono::Duration::hours(n),
                'd' => chrono::Duration::days(n),
                'w' => chrono::Duration::weeks(n),
                _ => bail!("--since {s:?}: unknown unit {unit:?} (use m, h, d or w)"),
            };
            return Ok(now - d);
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            return Ok(t.and_utc());
        }
    }
    bail!("--since {s:?}: expected e.g. 7d, 36h, 2w, 2026-10-01 or an RFC 3339 time")
}

fn secs(v: f64, name: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(v).with_context(|| format!("--{name} {v}: not a valid duration"))
}

fn fetcher_for(http: &HttpArgs, file: &SourcesFile) -> anyhow::Result<Fetcher> {
    let defaults = FetchConfig::default();
    let cfg = FetchConfig {
        user_agent: user_agent(file.crawler.contact.as_deref()),
        connect_timeout: secs(http.connect_timeout, "connect-timeout")?,
        timeout: secs(http.timeout, "timeout")?,
        max_bytes: http
            .max_bytes
            .or(file.crawler.max_bytes)
            .unwrap_or(defaults.max_bytes),
        max_redirects: defaults.max_redirects,
        retries: http.retries,
        backoff: secs(http.backoff, "backoff")?,
        max_retry_wait: secs(http.max_retry_wait, "max-retry-wait")?,
        delay: secs(
            http.delay.or(file.crawler.delay_secs).unwrap_or(1.0),
            "delay",
        )?,
        max_crawl_delay: secs(http.max_crawl_delay, "max-crawl-delay")?,
        allow_private: http.allow_private,
    };
    Fetcher::new(cfg).context("cannot set up the HTTP client")
}

struct Bar {
    bar: Mutex<Option<indicatif::ProgressBar>>,
    enabled: bool,
}

impl Progress for Bar {
    fn phase(&self, name: &str, total: u64) {
        if !self.enabled {
            return;
        }
        let pb = indicatif::ProgressBar::new(total);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            pb.set_style(style.progress_chars("=> "));
        }
        pb.set_prefix(name.to_owned());
        let mut g = self.bar.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = g.take() {
            old.finish_and_clear();
        }
        *g = Some(pb);
    }
    fn step(&self, msg: &str) {
        let g = self.bar.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(pb) = g.as_ref() {
            pb.set_message(msg.to_owned());
            pb.inc(1);
        }
    }
}

impl Bar {
    fn finish(&self) {
        let mut g = self.bar.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(pb) = g.take() {
            pb.finish_and_clear();
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_scan(
    sources_path: &Path,
    db: &Path,
    since: &str,
    only: &[String],
    dry_run: bool,
    quiet: bool,
    verbose: bool,
    http: &HttpArgs,
) -> anyhow::Result<ExitCode> {
    let file = SourcesFile::load(sources_path)?;
    let selected = file.select(only);
    if selected.is_empty() {
        bail!(
            "{}: no source matches {}",
            sources_path.display(),
            only.join(", ")
        );
    }
    let filter = TopicFilter::from_config(&file.topic)
        .with_context(|| format!("{}: [topic]", sources_path.display()))?;
    let fetcher = fetcher_for(http, &file)?;
    let opts = ScanOptions {
        since: parse_since(since, Utc::now())?,
        dry_run,
        concurrency: http
            .concurrency
            .or(file.crawler.concurrency)
            .unwrap_or(4)
            .max(1),
        ..ScanOptions::default()
    };
    let mut store = if dry_run {
        if db.exists() {
            Some(Store::open_read_only(db)?)
        } else {
            None
        }
    } else {
        Some(Store::open(db)?)
    };
    let bar = Bar {
        bar: Mutex::new(None),
        enabled: !quiet && std::io::stderr().is_terminal(),
    };
    let result = scan::scan(store.as_mut(), &selected, &filter, &fetcher, &opts, &bar);
    bar.finish();
    let report = result?;
    if dry_run {
        println!(
            "dry run: {} feeds read, {} links in window",
            report.feeds_fetched, report.discovered
        );
        for c in &report.candidates {
            println!("  {c}");
        }
    } else {
        println!(
            "scan finished{}: {} feeds fetched, {} not modified; {} links in window, {} newly queued",
            report.run_id.map(|i| format!(" (run {i})")).unwrap_or_default(),
            report.feeds_fetched,
            report.feeds_not_modified,
            report.discovered,
            report.queued
        );
        println!(
            "fetched {}, kept {} (duplicates {}), errors {}",
            report.fetched,
            report.kept,
            report.duplicates,
            report.errors.len()
        );
    }
    if !report.skipped.is_empty() {
        println!("skipped:");
        for (reason, n) in &report.skipped {
            println!("  {reason}: {n}");
        }
    }
    if verbose && !report.skipped_urls.is_empty() {
        println!("skipped URLs:");
        for s in &report.skipped_urls {
            println!("  {}: {}", s.url, s.error);
        }
    }
    if !report.errors.is_empty() {
        println!("errors:");
        let limit = if verbose { usize::MAX } else { 20 };
        for e in report.errors.iter().take(limit) {
            println!("  {}", e.error);
        }
        if report.errors.len() > limit {
            println!("  ... {} more (use -v)", report.errors.len() - limit);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_import(paths: &[PathBuf], db: &Path, sources: Option<&Path>) -> anyhow::Result<ExitCode> {
    let topic = match sources {
        Some(p) => SourcesFile::load(p)?.topic,
        None => Default::default(),
    };
    let filter = TopicFilter::from_config(&topic)?;
    let mut store = Store::open(db)?;
    let r = import::import_paths(&mut store, paths, &filter)?;
    println!(
        "imported {} files, {} records: {} stored ({} duplicates), {} already stored",
        r.files, r.records, r.stored, r.duplicates, r.already_stored
    );
    Ok(ExitCode::SUCCESS)
}

fn run_export(db: &Path, format: ExportFormat, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    if !db.exists() {
        bail!("{}: database not found", db.display());
    }
    let store = Store::open(db)?;
    let format = match format {
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Csv => Format::Csv,
    };
    match out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
            let mut w = std::io::BufWriter::new(f);
            export::export(&store, format, &mut w, &p.display().to_string())?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            match export::export(&store, format, &mut w, "stdout") {
                Ok(_) | Err(export::ExportError::Closed) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_check(sources_path: &Path, offline: bool, http: &HttpArgs) -> anyhow::Result<ExitCode> {
    let file = SourcesFile::load(sources_path)?;
    let urls: usize = file
        .sources
        .iter()
        .map(|s| s.feeds.len() + s.sitemaps.len())
        .sum();
    println!(
        "{}: {} sources, {} feeds/sitemaps: valid",
        sources_path.display(),
        file.sources.len(),
        urls
    );
    if offline {
        return Ok(ExitCode::SUCCESS);
    }
    let fetcher = fetcher_for(http, &file)?;
    let concurrency = http.concurrency.or(file.crawler.concurrency).unwrap_or(4);
    let checks = scan::check_sources(&fetcher, &file.sources, concurrency);
    let mut bad = 0;
    for c in &checks {
        match &c.error {
            None => println!("ok    {}  {}", c.source, c.url),
            Some(e) => {
                bad += 1;
                println!("FAIL  {}  {}", c.source, e);
            }
        }
    }
    println!("{} of {} answered", checks.len() - bad, checks.len());
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_forms() {
        let now = Utc::now();
        assert_eq!(
            parse_since("7d", now).unwrap(),
            now - chrono::Duration::days(7)
        );
        assert_eq!(
            parse_since("36h", now).unwrap(),
            now - chrono::Duration::hours(36)
        );
        assert!(parse_since("2026-10-01", now).is_ok());
        assert!(parse_since("7x", now).is_err());
        assert!(parse_since("soon", now).is_err());
    }
}
