//! `hypecheck merge`: partial aggregates into one.
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

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
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_owned()]
    } else {
        args.inputs
    };
    for name in &inputs {
        if name == "-" {
            merge_lines(std::io::stdin().lock(), "-", &mut agg)?;
        } else {
            let f = std::fs::File::open(name).with_context(|| format!("{name}: cannot read"))?;
            merge_lines(std::io::BufReader::new(f), name, &mut agg)?;
        }
    }
    let json = agg.to_json();
    match args.out.as_deref() {
        Some(p) => {
            std::fs::write(p, format!("{json}\n")).with_context(|| format!("{p}: cannot write"))?
        }
        None => writeln!(out, "{json}")?,
    }
    Ok(ExitCode::SUCCESS)
}
