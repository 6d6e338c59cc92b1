//! Argument groups shared by several subcommands, flattened into their clap structs.
//!
//! Raw flags only: [`super::load`] turns them into loaded lexicons, registries and data.
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

/// Options shared by commands that load lexicons and configuration.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct CommonArgs {
    /// Lexicon directory (default: the shipped lexicons, embedded in the binary).
    #[arg(long, value_name = "DIR")]
    pub(crate) lexicons: Option<PathBuf>,
    /// Configuration file (default: hypecheck.toml or .hypecheck.toml, searched upward).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub(crate) isolated: bool,
}

/// Registry and dimension files to use instead of the shipped ones.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct DataFiles {
    /// Model registry CSV [default: the shipped data/models.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) models: Option<PathBuf>,
    /// Dimension map CSV [default: the shipped data/dimensions.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) dimensions: Option<PathBuf>,
}

/// Measured outcomes plus registry and dimensions (the `benchmarks` subcommands).
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct DataArgs {
    /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) data: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) files: DataFiles,
}

/// Data files for claim verification (default: the shipped, compiled-in files).
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct ClaimDataArgs {
    /// Measured outcomes CSV [default: the shipped data/benchmarks.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) data: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) files: DataFiles,
    /// Claim cue words TSV [default: the shipped data/claim-cues.tsv]
    #[arg(long, value_name = "FILE")]
    pub(crate) cues: Option<PathBuf>,
    /// Note verdicts whose newest evidence is more than DAYS older than the date judged
    /// [default: config `max-evidence-age`, else 90]
    #[arg(long, value_name = "DAYS")]
    pub(crate) max_evidence_age: Option<u32>,
}

/// Longest wait any seconds flag accepts (one day): larger values would overflow the
/// clock arithmetic of the fetcher, and no polite crawl needs them.
pub(crate) const MAX_SECS: f64 = 86_400.0;

/// Most retries accepted: the backoff doubles per retry.
pub(crate) const MAX_RETRIES: u32 = 20;

/// HTTP settings shared by `scan` and `sources check`.
#[derive(Debug, Clone, Args)]
pub(crate) struct HttpArgs {
    /// Permit hosts that resolve to loopback/private/link-local addresses (for tests).
    #[arg(long)]
    pub(crate) allow_private: bool,
    /// Delay between two requests to the same host, in seconds (default: sources file
    /// `[crawler] delay_secs`, else 1). robots.txt Crawl-delay can only raise it.
    #[arg(long, value_name = "SECS")]
    pub(crate) delay: Option<f64>,
    /// Worker threads (requests in flight overall).
    #[arg(long, value_name = "N")]
    pub(crate) concurrency: Option<usize>,
    /// Total timeout per request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub(crate) timeout: f64,
    /// Connect timeout, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub(crate) connect_timeout: f64,
    /// Response size cap in bytes (default 10 MB).
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_bytes: Option<u64>,
    /// Retries for 429/5xx answers.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) retries: u32,
    /// First retry backoff in seconds (doubles per retry).
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub(crate) backoff: f64,
    /// Cap on any retry wait, Retry-After included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub(crate) max_retry_wait: f64,
    /// Cap on robots.txt Crawl-delay, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub(crate) max_crawl_delay: f64,
}

/// A seconds flag as a duration: finite, not negative, at most [`MAX_SECS`].
pub(crate) fn secs(v: f64, name: &str) -> anyhow::Result<Duration> {
    if !(v.is_finite() && (0.0..=MAX_SECS).contains(&v)) {
        let shown = if v.abs() < 1e9 {
            v.to_string()
        } else {
            format!("{v:e}")
        };
        anyhow::bail!("--{name} {shown}: must be between 0 and {MAX_SECS} seconds");
    }
    Duration::try_from_secs_f64(v)
        .map_err(|_| anyhow::anyhow!("--{name} {v}: not a valid duration"))
}

/// `--retries` checked against [`MAX_RETRIES`].
pub(crate) fn retries(n: u32) -> anyhow::Result<u32> {
    if n > MAX_RETRIES {
        anyhow::bail!("--retries {n}: must be at most {MAX_RETRIES}");
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_flags_are_range_checked() {
        assert_eq!(secs(1.5, "backoff").unwrap(), Duration::from_millis(1500));
        assert_eq!(secs(0.0, "delay").unwrap(), Duration::ZERO);
        for bad in [-1.0, f64::NAN, f64::INFINITY, 1e300, MAX_SECS + 1.0] {
            let e = secs(bad, "backoff").unwrap_err().to_string();
            assert!(e.starts_with("--backoff"), "{e}");
        }
        assert_eq!(retries(3).unwrap(), 3);
        assert!(retries(u32::MAX).is_err());
    }
}
