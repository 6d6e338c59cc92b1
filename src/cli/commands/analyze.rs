//! `hypecheck analyze`: (re)analyze stored articles after a lexicon change, or, with
//! `--input`, stream documents through the analyzer on all cores (one JSON line each).
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::Args;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::corpus::ensure_analyses;
use crate::corpus::stream::{self, Input, InputFormat, StreamOptions, StreamSummary};
use crate::store::Store;

/// Analyze stored articles that have no analysis with the current lexicons, or stream
/// documents (`--input`) and write one JSON result per document.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// Corpus database.
    #[arg(long, value_name = "PATH", default_value = crate::store::DEFAULT_DB)]
    db: PathBuf,
    /// Re-analyze every article, also those with a current analysis.
    #[arg(long, conflicts_with = "input")]
    force: bool,
    /// Stream documents from FILE (`-` = standard input) or a directory (html-dir) instead
    /// of the database; results go to --output, one JSON line per document, in input order.
    #[arg(long, value_name = "FILE|-")]
    input: Option<String>,
    /// Format of --input [default: warc for *.warc and *.warc.gz, html-dir for a
    /// directory, else jsonl].
    #[arg(long, value_enum, value_name = "FORMAT", requires = "input")]
    input_format: Option<StreamFormat>,
    /// Where the results go (`-` = standard output).
    #[arg(long, value_name = "FILE|-", default_value = "-", requires = "input")]
    output: String,
    /// Worker threads [default: all cores].
    #[arg(long, value_name = "N", requires = "input",
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    jobs: Option<u16>,
    #[command(flatten)]
    common: CommonArgs,
}

/// Input format of the streaming mode.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum StreamFormat {
    /// JSON Lines in the `export --format jsonl` schema.
    Jsonl,
    /// WARC (gzip per record, or uncompressed): HTTP responses with HTML.
    Warc,
    /// A directory of saved HTML pages.
    HtmlDir,
}

pub(crate) fn run(args: AnalyzeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if let Some(input) = args.input.clone() {
        return run_stream(args, &input, out);
    }
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

fn run_stream(args: AnalyzeArgs, input: &str, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let source = if input == "-" {
        Input::Stdin
    } else {
        let p = PathBuf::from(input);
        if !p.exists() {
            bail!("{input}: no such file or directory");
        }
        Input::Path(p)
    };
    let format = match args.input_format {
        Some(StreamFormat::Jsonl) => InputFormat::Jsonl,
        Some(StreamFormat::Warc) => InputFormat::Warc,
        Some(StreamFormat::HtmlDir) => InputFormat::HtmlDir,
        None => match &source {
            Input::Path(p) if p.is_dir() => InputFormat::HtmlDir,
            Input::Path(_) if input.ends_with(".warc") || input.ends_with(".warc.gz") => {
                InputFormat::Warc
            }
            _ => InputFormat::Jsonl,
        },
    };
    if let Input::Path(p) = &source {
        if p.is_dir() != (format == InputFormat::HtmlDir) {
            bail!("{input}: --input-format html-dir takes a directory, jsonl and warc a file");
        }
    }
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let opts = StreamOptions { jobs, format };
    let factory = || {
        crate::corpus::CorpusAnalyzer::new(settings.lexicons.clone(), data.view(), load::today())
    };
    let summary = if args.output == "-" {
        stream::run(source, opts, factory, out)?
    } else {
        let f = std::fs::File::create(&args.output)
            .with_context(|| format!("{}: cannot create", args.output))?;
        let mut w = std::io::BufWriter::new(f);
        let s = stream::run(source, opts, factory, &mut w)
            .with_context(|| format!("{}: cannot write", args.output))?;
        w.flush()
            .with_context(|| format!("{}: cannot write", args.output))?;
        s
    };
    out.flush()?;
    report_summary(&summary, input);
    Ok(match summary.fatal {
        Some(_) => ExitCode::from(2),
        None => ExitCode::SUCCESS,
    })
}

/// The run's counts on standard error (standard output carries the results).
fn report_summary(s: &StreamSummary, input: &str) {
    let mut err = std::io::stderr().lock();
    let skipped: u64 = s.skipped.values().sum();
    let reasons: Vec<String> = s.skipped.iter().map(|(k, v)| format!("{v} {k}")).collect();
    let _ = writeln!(
        err,
        "{input}: {} documents ({} counted, {} errors), {} bytes read{}",
        s.documents,
        s.kept,
        s.errors,
        s.bytes,
        if skipped > 0 {
            format!("; skipped {skipped} records: {}", reasons.join(", "))
        } else {
            String::new()
        }
    );
    if let Some(f) = &s.fatal {
        let _ = writeln!(err, "error: {f}");
    }
}
