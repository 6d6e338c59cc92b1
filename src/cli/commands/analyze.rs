//! `hypecheck analyze`: (re)analyze stored articles after a lexicon change.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::corpus::ensure_analyses;
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
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: AnalyzeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("{}: no such database", args.db.display());
    }
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let mut engine = load::corpus_analyzer(&settings, &data)?;
    let mut store = Store::open(&args.db)?;
    let r = ensure_analyses(&mut store, &mut engine, args.force)?;
    writeln!(
        out,
        "analyzed {} articles ({} already current; lexicon hash {})",
        r.analyzed,
        r.current,
        engine.lexicon_hash()
    )?;
    Ok(ExitCode::SUCCESS)
}
