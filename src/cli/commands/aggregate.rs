//! `hypecheck aggregate`: result lines of `analyze --input` into one partial aggregate.
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

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
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_owned()]
    } else {
        args.inputs
    };
    for name in &inputs {
        if name == "-" {
            aggregate_lines(std::io::stdin().lock(), "-", &mut agg)?;
        } else {
            let f = std::fs::File::open(name).with_context(|| format!("{name}: cannot read"))?;
            aggregate_lines(std::io::BufReader::new(f), name, &mut agg)?;
        }
    }
    write_aggregate(&agg, args.out.as_deref(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the aggregate line to `--out` or `out`.
fn write_aggregate(agg: &Aggregate, to: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let json = agg.to_json();
    match to {
        Some(p) => {
            std::fs::write(p, format!("{json}\n")).with_context(|| format!("{p}: cannot write"))?
        }
        None => writeln!(out, "{json}")?,
    }
    Ok(())
}
