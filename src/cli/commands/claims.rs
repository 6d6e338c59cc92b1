//! `hypecheck claims`: list the claims a text makes about models, with verdicts from the
//! benchmark data.
//!
//! Holds no claim logic: it loads the registry, measured outcomes and cue words (the shipped,
//! compiled-in files unless paths are given), runs the same per-document pipeline as `check`
//! ([`crate::check::check_with_claims`]) and renders the claims with [`crate::output::claims`].
//! Invalid data files are listed as `file:line: message` with exit code 2: the tool refuses
//! to judge claims against data it cannot trust.
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use crate::analyze::Analyzer;
use crate::benchmarks::parse_cli_date;
use crate::check::ClaimFinding;
use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::output::TableFormat;
use crate::text::{Format, Lang};

/// List the claims a text makes about models, with verdicts from the benchmark data.
#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// File to read (`-`: standard input). Text, Markdown (.md) or HTML (.html).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Judge as of this date (YYYY-MM-DD, YYYY-MM, YYYY) [default: the document's own date
    /// (front matter, HTML meta), else today]
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    date: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
    /// Language of the document (default: detected).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Input format (default: from the file extension; standard input: sniffed).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Only the author's claims (endorsed or hedged), not quoted, negated or questioned ones.
    #[arg(long)]
    authors_only: bool,
    /// Table output: add each claim's reason and every evidence row with its source URL and
    /// note (default: one line per claim with the decisive figures and a short source).
    #[arg(long, short = 'v')]
    verbose: bool,
    #[command(flatten)]
    claim_data: ClaimDataArgs,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: ClaimsArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let settings = load::settings(&args.common)?;
    let loaded = load::claim_data(&args.claim_data)?.with_config(&settings.config);
    let checker = loaded.checker();
    let mut analyzer = Analyzer::new(settings.lexicons.clone());
    analyzer.set_token_marks(Some(checker.token_marks()));
    let lang = settings.lang(args.lang);
    let report = load::check_input(
        &mut analyzer,
        &args.file,
        args.input_format,
        lang,
        Some(crate::check::ClaimOptions {
            checker: &checker,
            date: args.date,
            today: load::today(),
        }),
    )
    .map_err(|m| anyhow::anyhow!("{}: {m}", args.file.display()))?;
    let mut err = io::stderr().lock();
    for w in &report.warnings {
        let _ = writeln!(err, "warning: {}: {w}", report.path);
    }
    let claims: Vec<&ClaimFinding> = report
        .claims
        .iter()
        .filter(|c| !args.authors_only || c.authors)
        .collect();
    crate::output::claims::render(
        args.format,
        &report.path,
        report.date,
        &claims,
        args.verbose,
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}
