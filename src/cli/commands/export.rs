//! `hypecheck export`: every stored article as JSON Lines or CSV.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _};

use crate::collect::export::{self, ExportFormat};
use crate::store::{Store, DEFAULT_DB};

/// Export the stored articles as JSON Lines or CSV.
#[derive(Debug, clap::Args)]
pub(crate) struct ExportArgs {
    /// Corpus database.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: ExportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("{}: database not found", args.db.display());
    }
    let store = Store::open(&args.db)?;
    let format = args.format;
    match &args.out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create", p.display()))?;
            let mut w = std::io::BufWriter::new(f);
            export::export(&store, format, &mut w, &p.display().to_string())?;
        }
        None => {
            export::export(&store, format, out, "stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
