//! `hypecheck aggregate`: result lines of `analyze --input` into one partial aggregate.
use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::cli::load;
use crate::corpus::aggregate::{aggregate_lines, Aggregate};

/// Sum result lines of `analyze --input` into a mergeable aggregate (one JSON line).
#[derive(Debug, Args)]
pub(crate) struct AggregateArgs {
    /// Result files (`-` = standard input) [default: standard input].
    #[arg(value_name = "FILE")]
    inputs: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<String>,
}

pub(crate) fn run(args: AggregateArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut agg = Aggregate::default();
    load::each_input(&args.inputs, |r, name| {
        aggregate_lines(r, name, &mut agg)?;
        Ok(())
    })?;
    load::write_aggregate(&agg, args.out.as_deref(), out)?;
    Ok(ExitCode::SUCCESS)
}
