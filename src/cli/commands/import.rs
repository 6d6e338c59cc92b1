//! `hypecheck import`: local HTML, TXT, Markdown or JSONL files into the corpus.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::cli::Invalid;
use crate::collect::import;
use crate::collect::sources::SourcesFile;
use crate::collect::topic::TopicFilter;
use crate::problem::Problem;
use crate::store::{Store, DEFAULT_DB};

/// Import local HTML, TXT, Markdown or JSONL files into the corpus.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// Files to import.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Corpus database.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Sources file (for its `[topic]` table, if present).
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: ImportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let topic = match &args.sources {
        Some(p) => SourcesFile::load(p)?.topic,
        None => Default::default(),
    };
    let filter = TopicFilter::from_config(&topic)?;
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let mut analyzer = load::corpus_analyzer(&settings, &data)?;
    let mut store = Store::open(&args.db)?;
    let r = import::import_paths(&mut store, &args.paths, &filter, "import", &mut analyzer)?;
    writeln!(
        out,
        "imported {} files, {} records: {} stored ({} duplicates), {} already stored{}",
        r.files,
        r.records,
        r.stored,
        r.duplicates,
        r.already_stored,
        if r.failed.is_empty() {
            String::new()
        } else {
            format!("; {} files failed", r.failed.len())
        }
    )?;
    if r.failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    // The articles of the other files are stored; each failed file is named with its reason.
    out.flush()?;
    Err(Invalid(
        r.failed
            .into_iter()
            .map(|f| Problem {
                file: f.path.display().to_string(),
                line: f.line,
                message: f.message,
            })
            .collect(),
    )
    .into())
}
