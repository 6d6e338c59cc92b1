//! Command-line interface: clap definitions and dispatch.
//!
//! Exit codes: 0 success; 1 a document's Hype Index is above `--fail-above`, or (with
//! `--fail-on-contradicted`) the data contradicts an author's claim; 2 an error (bad
//! arguments, unreadable or binary input, invalid lexicon or data files). A closed pipe
//! (`hypecheck check … | head`) is not an error.
use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// Measures hype against reality in news about AI video generators.
#[derive(Debug, Parser)]
#[command(name = "hypecheck", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check drafts for hype: linter-style findings and a Hype Index.
    Check(commands::check::CheckArgs),
    /// List the claims a text makes about models, with verdicts from benchmark data.
    Claims(commands::claims::ClaimsArgs),
    /// Explain a hype category or stance rule.
    Explain(commands::check::ExplainArgs),
    /// Validate or describe lexicons.
    #[command(subcommand)]
    Lexicon(commands::check::LexiconCommand),
    #[command(flatten)]
    Collect(commands::collect::CollectCommand),
    #[command(flatten)]
    Data(commands::data::DataCommand),
    /// Write the Hype Index report (HTML, Markdown, CSV, JSON) of a week or period.
    Report(commands::report::ReportArgs),
    /// Analyze stored articles that lack an analysis with the current lexicons.
    Analyze(commands::report::AnalyzeArgs),
    /// Run the whole pipeline on the shipped sample corpus and write reports/demo/.
    Demo(commands::report::DemoArgs),
    /// Measure the analyzer against a hand-coded sample (docs/codebook.md).
    Validate(commands::validate::ValidateArgs),
}

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Check(a) => commands::check::run(a),
        Command::Claims(a) => commands::claims::run(a),
        Command::Explain(a) => commands::check::explain(a),
        Command::Lexicon(c) => commands::check::lexicon(c),
        Command::Collect(c) => commands::collect::run(c),
        Command::Data(c) => commands::data::run(c),
        Command::Report(a) => commands::report::run(a),
        Command::Analyze(a) => commands::report::analyze(a),
        Command::Demo(a) => commands::report::demo(a),
        Command::Validate(a) => commands::validate::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(2)
        }
    }
}
