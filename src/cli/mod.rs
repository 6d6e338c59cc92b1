//! Command-line interface: clap definitions, dispatch, and the one exit path.
//!
//! [`run`] parses an argument vector, runs one subcommand (one file per subcommand under
//! `commands/`, sharing only [`args`] and [`load`]) and turns the outcome into an exit code.
//! It is the only place that maps outcomes to codes:
//!
//! - 0 success; a closed pipe (`hypecheck … | head`) anywhere in the chain is success too;
//! - 1 a document's Hype Index is above `--fail-above`, or (with `--fail-on-contradicted`) the
//!   data contradicts an author's claim, or a source did not answer (`sources check`);
//! - 2 an error: bad arguments, unreadable or binary input, invalid lexicon or data files
//!   (validation problems are listed as `file:line: message`, then a count).
//!
//! Commands write to the `&mut dyn Write` they are given (a buffered, locked stdout) and
//! propagate write errors, so a closed pipe ends the command early and never panics.

pub(crate) mod args;
mod commands;
pub(crate) mod load;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::problem::Problem;

/// Measures hype against reality in news about AI video generators.
#[derive(Debug, Parser)]
#[command(name = "hypecheck", version, about, long_about = None)]
struct Cli {
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
    Explain(commands::explain::ExplainArgs),
    /// Validate or describe lexicons.
    #[command(subcommand)]
    Lexicon(commands::lexicon::LexiconCommand),
    /// Collect this week's articles from the sources' feeds and sitemaps into the corpus.
    Scan(commands::scan::ScanArgs),
    /// Import local HTML, TXT, Markdown or JSONL files into the corpus.
    Import(commands::import::ImportArgs),
    /// Extract the main text and metadata of saved HTML pages (one page, or many as JSON Lines).
    Extract(commands::extract::ExtractArgs),
    /// Export the stored articles as JSON Lines or CSV.
    Export(commands::export::ExportArgs),
    /// Sources file commands.
    Sources {
        #[command(subcommand)]
        cmd: commands::sources::SourcesCommand,
    },
    /// Measured outcomes (data/benchmarks.csv): validate, list, import, compare.
    #[command(subcommand)]
    Benchmarks(commands::benchmarks::BenchmarksCommand),
    /// Model registry (data/models.csv): list models, find mentions in text.
    #[command(subcommand)]
    Models(commands::models::ModelsCommand),
    /// Write the Hype Index report (HTML, Markdown, CSV, JSON) of a week or period.
    Report(commands::report::ReportArgs),
    /// Analyze stored articles that lack an analysis, or stream documents (--input) through
    /// the analyzer on all cores.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Sum result lines of `analyze --input` into a mergeable aggregate.
    Aggregate(commands::aggregate::AggregateArgs),
    /// Merge partial aggregates into one.
    Merge(commands::merge::MergeArgs),
    /// Run the whole pipeline on the shipped sample corpus and write reports/demo/.
    Demo(commands::demo::DemoArgs),
    /// Measure the analyzer against a hand-coded sample (docs/codebook.md).
    Validate(commands::validate::ValidateArgs),
    /// Serve the editors' web page and JSON API (paste a draft, see its hype marked).
    Serve(commands::serve::ServeArgs),
}

/// Validation failed: the problems are listed (one `file:line: message` per line, then a
/// count) and the exit code is 2. Commands return it instead of printing.
#[derive(Debug, thiserror::Error)]
#[error("{} problem{} found", .0.len(), if .0.len() == 1 { "" } else { "s" })]
pub(crate) struct Invalid(pub(crate) Vec<Problem>);

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the CLI with `args` (the first item is the program name) and returns the exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
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
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = dispatch(cli.command, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(err) => exit_for(&err),
    }
}

fn dispatch(command: Command, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(a) => commands::check::run(a, out),
        Command::Claims(a) => commands::claims::run(a, out),
        Command::Explain(a) => commands::explain::run(a, out),
        Command::Lexicon(c) => commands::lexicon::run(c, out),
        Command::Scan(a) => commands::scan::run(a, out),
        Command::Import(a) => commands::import::run(a, out),
        Command::Export(a) => commands::export::run(a, out),
        Command::Extract(a) => commands::extract::run(a, out),
        Command::Sources { cmd } => commands::sources::run(cmd, out),
        Command::Benchmarks(c) => commands::benchmarks::run(c, out),
        Command::Models(c) => commands::models::run(c, out),
        Command::Report(a) => commands::report::run(a, out),
        Command::Analyze(a) => commands::analyze::run(a, out),
        Command::Aggregate(a) => commands::aggregate::run(a, out),
        Command::Merge(a) => commands::merge::run(a, out),
        Command::Demo(a) => commands::demo::run(a, out),
        Command::Validate(a) => commands::validate::run(a, out),
        Command::Serve(a) => commands::serve::run(a, out),
    }
}

/// The exit code of a failed command, after telling the user why (nothing for a closed pipe).
fn exit_for(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    let mut stderr = io::stderr().lock();
    if let Some(Invalid(problems)) = err.downcast_ref::<Invalid>() {
        for p in problems {
            let _ = writeln!(stderr, "{p}");
        }
        let _ = writeln!(stderr, "{err}");
    } else {
        let _ = writeln!(stderr, "error: {err:#}");
    }
    ExitCode::from(2)
}

/// True if writing failed because the reader went away (`hypecheck … | head`), whichever
/// writer (plain, JSON, CSV, export) noticed it, however it was wrapped.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(closed_pipe)
}

fn closed_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = e.downcast_ref::<io::Error>() {
        // `io::Error::other(inner)` hides `inner` from `source()`; look inside.
        return io.kind() == io::ErrorKind::BrokenPipe
            || io.get_ref().is_some_and(|i| closed_pipe(i));
    }
    if let Some(j) = e.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
    }
    if let Some(c) = e.downcast_ref::<csv::Error>() {
        return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe);
    }
    matches!(
        e.downcast_ref::<crate::collect::export::ExportError>(),
        Some(crate::collect::export::ExportError::Closed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_through_context_and_writers() {
        let pipe = || io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        let plain = anyhow::Error::new(pipe()).context("could not write the output");
        assert!(is_broken_pipe(&plain));
        let json = anyhow::Error::new(serde_json::Error::io(pipe()));
        assert!(is_broken_pipe(&json));
        let csv = anyhow::Error::new(csv::Error::from(pipe()));
        assert!(is_broken_pipe(&csv));
        let wrapped = anyhow::Error::new(io::Error::other(serde_json::Error::io(pipe())));
        assert!(is_broken_pipe(&wrapped));
        let other = anyhow::anyhow!("no such file");
        assert!(!is_broken_pipe(&other));
    }
}
