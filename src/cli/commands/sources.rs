//! `hypecheck sources check`: validate the sources file and see which feeds answer.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::args::HttpArgs;
use crate::cli::load;
use crate::collect::check;
use crate::collect::sources::{SourcesFile, DEFAULT_SOURCES};

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

pub(crate) fn run(cmd: SourcesCommand, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let SourcesCommand::Check {
        sources,
        offline,
        http,
    } = cmd;
    let file = SourcesFile::load(&sources)?;
    let urls: usize = file
        .sources
        .iter()
        .map(|s| s.feeds.len() + s.sitemaps.len())
        .sum();
    writeln!(
        out,
        "{}: {} sources, {} feeds/sitemaps: valid",
        sources.display(),
        file.sources.len(),
        urls
    )?;
    if offline {
        return Ok(ExitCode::SUCCESS);
    }
    let fetcher = load::fetcher(&http, &file)?;
    // What is known so far reaches a reader who is watching while the feeds are asked.
    out.flush()?;
    let concurrency = http.concurrency.or(file.crawler.concurrency).unwrap_or(4);
    let checks = check::check_sources(&fetcher, &file.sources, concurrency);
    let mut bad = 0;
    for c in &checks {
        match &c.error {
            None => writeln!(out, "ok    {}  {}", c.source, c.url)?,
            Some(e) => {
                bad += 1;
                writeln!(out, "FAIL  {}  {}", c.source, e)?;
            }
        }
    }
    writeln!(out, "{} of {} answered", checks.len() - bad, checks.len())?;
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
