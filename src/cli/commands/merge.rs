//! `hypecheck merge`: partial aggregates into one.
use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::cli::load;
use crate::corpus::aggregate::{merge_lines, Aggregate};

/// Merge partial aggregates (one JSON line each, from `aggregate` or `merge`) into one.
#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// Aggregate files, each with one or more aggregate lines (`-` = standard input)
    /// [default: standard input].
    #[arg(value_name = "FILE")]
    inputs: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<String>,
}

pub(crate) fn run(args: MergeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut agg = Aggregate::default();
    load::each_input(&args.inputs, |r, name| {
        merge_lines(r, name, &mut agg)?;
        Ok(())
    })?;
    load::write_aggregate(&agg, args.out.as_deref(), out)?;
    Ok(ExitCode::SUCCESS)
}
