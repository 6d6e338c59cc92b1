//! `hypecheck analyze`: (re)analyze stored articles after a lexicon change.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use crate::report::{analysis, Engine};
use crate::store::Store;

/// Analyze stored articles that have no analysis with the current lexicons.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// Corpus database.
    #[arg(long, value_name = "PATH", default_value = crate::store::DEFAULT_DB)]
    db: PathBuf,
    /// Re-analyze every article, also those with a current analysis.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: AnalyzeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("{}: no such database", args.db.display());
    }
    let mut store = Store::open(&args.db)?;
    let mut engine = Engine::shipped()?;
    let r = analysis::ensure_analyses(&mut store, &mut engine, args.force)?;
    writeln!(
        out,
        "analyzed {} articles ({} already current; lexicon hash {})",
        r.analyzed,
        r.current,
        engine.lexicon_hash()
    )?;
    Ok(ExitCode::SUCCESS)
}
