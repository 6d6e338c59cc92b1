//! `hypecheck scan`: collect this week's articles from the sources' feeds and sitemaps.
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::{bail, Context};
use chrono::{DateTime, NaiveDate, Utc};

use crate::cli::args::{ClaimDataArgs, CommonArgs, HttpArgs};
use crate::cli::load;
use crate::collect::scan::{self, Progress, ScanOptions};
use crate::collect::sources::{SourcesFile, DEFAULT_SOURCES};
use crate::collect::topic::TopicFilter;
use crate::store::{Store, DEFAULT_DB};

/// Collect this week's articles from the sources' feeds and sitemaps into the corpus.
#[derive(Debug, clap::Args)]
pub(crate) struct ScanArgs {
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
    #[command(flatten)]
    common: CommonArgs,
}

/// Parses `7d`, `36h`, `90m`, `2w`, a date or an RFC 3339 time into the window start. A
/// window reaching before the calendar's start is an error, not a panic.
fn parse_since(s: &str, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    let s = s.trim();
    if let Some(unit) = s.chars().last().filter(char::is_ascii_alphabetic) {
        let num = &s[..s.len() - 1];
        if let Ok(n) = num.parse::<i64>() {
            let d = match unit {
                'm' => chrono::Duration::try_minutes(n),
                'h' => chrono::Duration::try_hours(n),
                'd' => chrono::Duration::try_days(n),
                'w' => chrono::Duration::try_weeks(n),
                _ => bail!("--since {s:?}: unknown unit {unit:?} (use m, h, d or w)"),
            };
            return d
                .filter(|d| *d >= chrono::Duration::zero())
                .and_then(|d| now.checked_sub_signed(d))
                .with_context(|| format!("--since {s:?}: window out of range"));
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

pub(crate) fn run(args: ScanArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let ScanArgs {
        sources: sources_path,
        db,
        since,
        source: only,
        dry_run,
        quiet,
        verbose,
        http,
        common,
    } = args;
    let since = parse_since(&since, Utc::now())?;
    let file = SourcesFile::load(&sources_path)?;
    let selected = file.select(&only);
    if selected.is_empty() {
        bail!(
            "{}: no source matches {}",
            sources_path.display(),
            only.join(", ")
        );
    }
    let filter = TopicFilter::from_config(&file.topic)
        .with_context(|| format!("{}: [topic]", sources_path.display()))?;
    let fetcher = load::fetcher(&http, &file)?;
    let settings = load::settings(&common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let mut analyzer = load::corpus_analyzer(&settings, &data)?;
    let opts = ScanOptions {
        since,
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
            Some(Store::open_read_only(&db)?)
        } else {
            None
        }
    } else {
        Some(Store::open(&db)?)
    };
    let bar = Bar {
        bar: Mutex::new(None),
        enabled: !quiet && std::io::stderr().is_terminal(),
    };
    let result = scan::scan(
        store.as_mut(),
        &selected,
        &filter,
        &fetcher,
        &opts,
        &bar,
        &mut analyzer,
    );
    bar.finish();
    let report = result?;
    if dry_run {
        writeln!(
            out,
            "dry run: {} feeds read, {} links in window",
            report.feeds_fetched, report.discovered
        )?;
        for c in &report.candidates {
            writeln!(out, "  {c}")?;
        }
    } else {
        writeln!(
            out,
            "scan finished{}: {} feeds fetched, {} not modified; {} links in window, {} newly queued",
            report.run_id.map(|i| format!(" (run {i})")).unwrap_or_default(),
            report.feeds_fetched,
            report.feeds_not_modified,
            report.discovered,
            report.queued
        )?;
        writeln!(
            out,
            "fetched {}, kept {} (duplicates {}), errors {}",
            report.fetched,
            report.kept,
            report.duplicates,
            report.errors.len()
        )?;
    }
    if !report.skipped.is_empty() {
        writeln!(out, "skipped:")?;
        for (reason, n) in &report.skipped {
            writeln!(out, "  {reason}: {n}")?;
        }
    }
    if verbose && !report.skipped_urls.is_empty() {
        writeln!(out, "skipped URLs:")?;
        for s in &report.skipped_urls {
            writeln!(out, "  {}: {}", s.url, s.error)?;
        }
    }
    if !report.errors.is_empty() {
        writeln!(out, "errors:")?;
        let limit = if verbose { usize::MAX } else { 20 };
        for e in report.errors.iter().take(limit) {
            writeln!(out, "  {}", e.error)?;
        }
        if report.errors.len() > limit {
            writeln!(out, "  ... {} more (use -v)", report.errors.len() - limit)?;
        }
    }
    Ok(ExitCode::SUCCESS)
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

    #[test]
    fn huge_or_negative_windows_are_errors_not_panics() {
        let now = Utc::now();
        for s in [
            "99999999999999d",
            "9223372036854775807w",
            "-5d",
            "999999999999m",
        ] {
            let e = parse_since(s, now).unwrap_err().to_string();
            assert!(e.contains("out of range"), "{s}: {e}");
        }
    }
}
