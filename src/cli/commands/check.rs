//! `hypecheck check`: findings like a linter and a Hype Index per file, for editors.
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::check::{self, FileReport};
use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::output::{self, CheckFormat, FileError, Run};
use crate::text::{Format, Lang};

/// Check drafts for hype: findings like a linter, a Hype Index per file.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files to check (`-` or none: standard input). Text, Markdown (.md) or HTML (.html).
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Exit with code 1 when a file's Hype Index exceeds N.
    #[arg(long, value_name = "N")]
    fail_above: Option<f64>,
    /// Also list quoted, negated and questioned hits (default: endorsed and hedged only).
    #[arg(long)]
    show_all: bool,
    /// Language of the documents (default: detected per document).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Input format (default: from the file extension; standard input: sniffed).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Judge claims about models as of this date (YYYY-MM-DD, YYYY-MM, YYYY) [default: each
    /// document's own date (front matter, HTML meta), else today]
    #[arg(long, value_name = "DATE", value_parser = crate::benchmarks::parse_cli_date)]
    date: Option<chrono::NaiveDate>,
    /// Do not look for claims about models (hype findings only).
    #[arg(long, conflicts_with = "fail_on_contradicted")]
    no_claims: bool,
    /// Exit with code 1 when an author's claim is contradicted by the data.
    #[arg(long)]
    fail_on_contradicted: bool,
    /// Text output: give each claim its full reason and every evidence row with its source
    /// URL (default: one line with the decisive figures and a short source).
    #[arg(long, short = 'v')]
    verbose: bool,
    #[command(flatten)]
    claim_data: ClaimDataArgs,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let settings = load::settings(&args.common)?;
    let cfg = &settings.config;
    let lang = settings.lang(args.lang);
    let fail_above = args.fail_above.or(cfg.fail_above);
    if let Some(t) = fail_above {
        anyhow::ensure!(
            t.is_finite() && (0.0..=100.0).contains(&t),
            "--fail-above must be between 0 and 100, got {t}"
        );
    }
    let show_all = args.show_all || cfg.show_all.unwrap_or(false);
    let mut analyzer = settings.analyzer();

    let loaded = if args.no_claims {
        None
    } else {
        Some(load::claim_data(&args.claim_data)?.with_config(cfg))
    };
    let checker = loaded.as_ref().map(load::ClaimData::checker);
    if let Some(c) = &checker {
        analyzer.set_token_marks(Some(c.token_marks()));
    }
    let claim_options = checker.as_ref().map(|checker| check::ClaimOptions {
        checker,
        date: args.date,
        today: load::today(),
    });
    let mut inputs = args.files.clone();
    if inputs.is_empty() {
        inputs.push(PathBuf::from("-"));
    }
    let mut reports: Vec<FileReport> = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    for path in &inputs {
        match load::check_input(&mut analyzer, path, args.input_format, lang, claim_options) {
            Ok(r) => reports.push(r),
            Err(message) => errors.push(FileError {
                path: path.display().to_string(),
                message,
            }),
        }
    }
    let run = Run {
        reports: &reports,
        errors: &errors,
        lexicons: &settings.lexicons,
        show_all,
        fail_above,
    };
    let mut err = io::stderr().lock();
    for r in &reports {
        for w in &r.warnings {
            let _ = writeln!(err, "warning: {}: {w}", r.path);
        }
    }
    for e in &errors {
        let _ = writeln!(err, "error: {}: {}", e.path, e.message);
    }
    match args.format {
        CheckFormat::Text => output::text::render_with(&run, args.verbose, out)?,
        format => output::render(format, &run, out)?,
    }
    if !errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    if let Some(t) = fail_above {
        if reports.iter().any(|r| r.hype_index > t) {
            return Ok(ExitCode::from(1));
        }
    }
    if args.fail_on_contradicted
        && reports.iter().any(|r| {
            r.claims
                .iter()
                .any(|c| c.authors && c.verdict == crate::claims::Verdict::Contradicted)
        })
    {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
