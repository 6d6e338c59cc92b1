//! `hypecheck benchmarks validate|list|import|pools|compare|status|reality`: the measured
//! outcomes.
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;

use crate::benchmarks::import::{self as leaderboard, ImportSpec, LeaderboardFormat};
use crate::benchmarks::merge::{self, MergeError, Target};
use crate::benchmarks::{
    parse_cli_date, Benchmarks, Dimension, LoadOptions, Row, SHIPPED_BENCHMARKS_LABEL,
};
use crate::cli::args::{DataArgs, DataFiles, HttpArgs};
use crate::cli::{load, Invalid};
use crate::models::Registry;
use crate::output::{data as render, TableFormat};

#[derive(Debug, clap::Subcommand)]
pub(crate) enum BenchmarksCommand {
    /// Check a benchmarks file; list every problem as file:line: message (exit code 2).
    Validate {
        /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
        file: Option<PathBuf>,
        #[command(flatten)]
        files: DataFiles,
    },
    /// List measured outcomes, optionally for one model and as of a date.
    List {
        /// Only rows of this model (registry id or name).
        #[arg(long)]
        model: Option<String>,
        /// Only rows dated on or before this date (YYYY-MM-DD; YYYY-MM = the month's last day).
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Merge new rows into a benchmarks file: a CSV with the benchmarks columns, or (with
    /// --format) a published leaderboard file or URL as a new dated pool. Validates first,
    /// skips and reports duplicates (re-importing changes nothing), writes atomically; on any
    /// error nothing changes.
    Import(Box<ImportArgs>),
    /// Ranked pools (leaderboard snapshots) as of a date: rank, percentile, value per model.
    Pools {
        /// Only this pool.
        #[arg(long)]
        pool: Option<String>,
        /// Date of the view [default: the latest date in the data]
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Compare two models on a dimension as of a date, within one pool.
    Compare {
        a: String,
        b: String,
        #[arg(long, default_value = "overall", value_parser = parse_dimension)]
        dimension: Dimension,
        /// Date of the comparison [default: the latest date in the data]
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Per model family: the newest measurement as of a date and how stale it is.
    Status {
        /// Date to measure staleness from [default: today]
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        /// A family whose newest measurement is older than DAYS is stale.
        #[arg(long, value_name = "DAYS", default_value_t = crate::claims::DEFAULT_MAX_EVIDENCE_AGE)]
        max_age: u32,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Reality score of a model as of a date: its percentile per dimension and overall.
    Reality {
        model: String,
        /// Date of the score [default: the latest date in the data]
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `benchmarks import`: the arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// CSV with the benchmarks columns (an empty `model` is filled from `model_raw`); with
    /// --format, a leaderboard file or an http(s) URL to fetch.
    pub(crate) input: String,
    /// Read INPUT as a published leaderboard in this format.
    #[arg(long, value_enum, requires = "snapshot")]
    pub(crate) format: Option<LeaderboardFormat>,
    /// Date of the leaderboard snapshot (YYYY-MM-DD, or YYYY-MM for a monthly file).
    #[arg(long, value_name = "DATE", requires = "format")]
    pub(crate) snapshot: Option<String>,
    /// Pool name [default: the benchmark's slug and the snapshot date]
    #[arg(long, value_name = "NAME", requires = "format")]
    pub(crate) pool: Option<String>,
    /// Benchmark name, matched against data/dimensions.csv (e.g. "LMArena text-to-video");
    /// required for arena formats, "VBench" by default for tables.
    #[arg(long, value_name = "NAME", requires = "format")]
    pub(crate) benchmark: Option<String>,
    /// The URL the leaderboard was published at [default: INPUT when it is a URL]
    #[arg(long, value_name = "URL", requires = "format")]
    pub(crate) source: Option<String>,
    /// The file is a copy (a mirror, a transcription), not the leaderboard owner's own.
    #[arg(long, requires = "format")]
    pub(crate) secondary: bool,
    /// Import the entries the registry knows and warn about the others (default: unknown
    /// model names are an error and nothing is written).
    #[arg(long, requires = "format")]
    pub(crate) skip_unknown: bool,
    /// Environment variable holding an API key for the URL (sent only to its host).
    #[arg(long, value_name = "VAR", requires = "format")]
    pub(crate) api_key_env: Option<String>,
    /// Header the API key is sent in.
    #[arg(long, value_name = "NAME", default_value = "x-api-key")]
    pub(crate) api_key_header: String,
    /// The benchmarks file to merge into.
    #[arg(long, value_name = "FILE", default_value = "data/benchmarks.csv")]
    pub(crate) into: PathBuf,
    /// Report what would be added without writing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    #[command(flatten)]
    pub(crate) files: DataFiles,
    #[command(flatten)]
    pub(crate) http: HttpArgs,
}

fn parse_dimension(s: &str) -> Result<Dimension, String> {
    s.parse()
}

fn resolve_model(registry: &Registry, name: &str) -> anyhow::Result<String> {
    match registry.resolve_name(name) {
        Some(m) => Ok(m.id.clone()),
        None => bail!("unknown model `{name}`: see `hypecheck models list`"),
    }
}

pub(crate) fn run(cmd: BenchmarksCommand, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchmarksCommand::Validate { file, files } => {
            let (_, data) = load::data(file.as_deref(), &files, LoadOptions::default())?;
            let models: HashSet<&str> = data.rows().iter().map(|r| r.model.as_str()).collect();
            let pools: HashSet<&str> = data
                .rows()
                .iter()
                .filter_map(|r| r.pool.as_deref())
                .collect();
            let label = file
                .as_ref()
                .map_or(SHIPPED_BENCHMARKS_LABEL.to_owned(), |p| {
                    p.display().to_string()
                });
            writeln!(
                out,
                "{label}: ok ({} rows, {} models, {} pools)",
                data.rows().len(),
                models.len(),
                pools.len()
            )?;
        }
        BenchmarksCommand::List {
            model,
            as_of,
            format,
            data,
        } => {
            let (registry, bench) =
                load::data(data.data.as_deref(), &data.files, LoadOptions::default())?;
            let model = model.map(|m| resolve_model(&registry, &m)).transpose()?;
            let rows: Vec<&Row> = bench
                .rows()
                .iter()
                .filter(|r| model.as_ref().is_none_or(|m| &r.model == m))
                .filter(|r| as_of.is_none_or(|d| r.known_by(d)))
                .collect();
            render::benchmark_rows(out, &rows, format)?;
        }
        BenchmarksCommand::Import(args) => import(*args, out)?,
        BenchmarksCommand::Pools {
            pool,
            as_of,
            format,
            data,
        } => {
            let (_, bench) = load::data(data.data.as_deref(), &data.files, LoadOptions::default())?;
            let date = load::as_of_or_latest(as_of, &bench)?;
            let view = bench.as_of(date);
            let pools: Vec<_> = view
                .pools()
                .into_iter()
                .filter(|p| pool.as_ref().is_none_or(|name| p.name == name))
                .collect();
            if let Some(name) = &pool {
                if pools.is_empty() {
                    bail!("no pool `{name}` with rows dated on or before {date}");
                }
            }
            render::pools(out, &pools, date, format)?;
        }
        BenchmarksCommand::Compare {
            a,
            b,
            dimension,
            as_of,
            format,
            data,
        } => {
            let (registry, bench) =
                load::data(data.data.as_deref(), &data.files, LoadOptions::default())?;
            let (a, b) = (resolve_model(&registry, &a)?, resolve_model(&registry, &b)?);
            let date = load::as_of_or_latest(as_of, &bench)?;
            let comparison = bench.compare(&a, &b, dimension, date);
            render::comparison(out, (&a, &b), dimension, date, comparison.as_ref(), format)?;
        }
        BenchmarksCommand::Status {
            as_of,
            max_age,
            format,
            data,
        } => {
            let (registry, bench) =
                load::data(data.data.as_deref(), &data.files, LoadOptions::default())?;
            let date = as_of.unwrap_or_else(load::today);
            let families = bench.status(&registry, date, max_age);
            render::status(out, &families, date, max_age, format)?;
        }
        BenchmarksCommand::Reality {
            model,
            as_of,
            format,
            data,
        } => {
            let (registry, bench) =
                load::data(data.data.as_deref(), &data.files, LoadOptions::default())?;
            let model = resolve_model(&registry, &model)?;
            let date = load::as_of_or_latest(as_of, &bench)?;
            let summary = bench.reality_summary(&model, date);
            let scores: Vec<_> = Dimension::ALL
                .into_iter()
                .filter_map(|d| bench.reality(&model, date, d))
                .collect();
            render::reality(out, &model, date, summary.as_ref(), &scores, format)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `benchmarks import`: a benchmarks CSV, or (with `--format`) a published leaderboard file or
/// URL turned into a dated pool; then validated, merged and written atomically.
fn import(args: ImportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ImportArgs {
        input,
        format,
        snapshot,
        pool,
        benchmark,
        source,
        secondary,
        skip_unknown,
        api_key_env,
        api_key_header,
        into,
        dry_run,
        files,
        http,
    } = args;
    let Some(format) = format else {
        let file = PathBuf::from(&input);
        let registry = load::registry(files.models.as_deref())?;
        let incoming = load::benchmarks(
            Some(&file),
            &files,
            &registry,
            LoadOptions {
                resolve_missing_models: true,
            },
        )?;
        merge_into(
            &file.display().to_string(),
            true,
            &incoming,
            &registry,
            &into,
            dry_run,
            &files,
            out,
        )?;
        return Ok(());
    };
    let is_url = input.starts_with("http://") || input.starts_with("https://");
    let text = if is_url {
        fetch_text(&input, &http, api_key_env.as_deref(), &api_key_header)?
    } else {
        load::read_text(std::path::Path::new(&input))?
    };
    let Some(source) = source.or_else(|| is_url.then(|| input.clone())) else {
        bail!("{input}: a leaderboard file needs --source URL (the page it was published at)");
    };
    let registry = load::registry(files.models.as_deref())?;
    let spec = ImportSpec {
        format,
        snapshot: snapshot.as_deref().unwrap_or(""),
        pool: pool.as_deref(),
        benchmark: benchmark.as_deref(),
        source: &source,
        secondary,
        label: &input,
    };
    let imported = match leaderboard::import(&text, &spec, &registry) {
        Ok(i) => i,
        Err(problems) => return Err(Invalid(problems).into()),
    };
    let mut err = std::io::stderr().lock();
    for u in &imported.unknown {
        let _ = writeln!(
            err,
            "{}: {} model `{}`: not in the registry (add it or an alias to data/models.csv){}",
            u.at(&input),
            if skip_unknown {
                "warning: skipped"
            } else {
                "error: unknown"
            },
            u.name,
            if skip_unknown {
                ""
            } else {
                ", or pass --skip-unknown"
            }
        );
    }
    if !imported.unknown.is_empty() && !skip_unknown {
        bail!(
            "{}: {} unknown model name(s); nothing written",
            input,
            imported.unknown.len()
        );
    }
    if !imported.skipped_columns.is_empty() {
        let _ = writeln!(
            err,
            "{input}: columns without scores skipped: {}",
            imported.skipped_columns.join(", ")
        );
    }
    drop(err);
    let (dims, dims_label) = load::dimensions(&files)?;
    let label = format!("{input} (as {})", format.as_str());
    let incoming = load::invalid_benchmarks(Benchmarks::parse(
        &imported.csv,
        &label,
        &dims,
        &dims_label,
        &registry,
        LoadOptions::default(),
    ))?;
    writeln!(
        out,
        "{input}: {} row(s) for {} known model(s) in pool(s) {} ({} unknown skipped)",
        imported.rows,
        incoming
            .rows()
            .iter()
            .map(|r| r.model.as_str())
            .collect::<HashSet<_>>()
            .len(),
        imported.pools.join(", "),
        imported.unknown.len()
    )?;
    merge_into(
        &label, false, &incoming, &registry, &into, dry_run, &files, out,
    )?;
    Ok(())
}

/// Fetches a leaderboard with the polite HTTP client; the API key, when named, comes from
/// the environment and goes only to the URL's host.
fn fetch_text(
    url: &str,
    http: &HttpArgs,
    api_key_env: Option<&str>,
    api_key_header: &str,
) -> anyhow::Result<String> {
    let fetcher = load::http_fetcher(http)?;
    let fetched = match api_key_env {
        Some(var) => {
            let key = std::env::var(var).map_err(|_| {
                anyhow::anyhow!("--api-key-env {var}: the environment variable is not set")
            })?;
            fetcher.fetch_with_header(url, api_key_header, &key)?
        }
        None => fetcher.fetch(url, None)?,
    };
    String::from_utf8(fetched.body)
        .map_err(|_| anyhow::anyhow!("{url}: the response is not UTF-8 text"))
}

/// `benchmarks import`: validate the target, skip duplicates of `incoming`, validate the
/// merged result, then write it through a temporary file and a rename.
#[allow(clippy::too_many_arguments)]
fn merge_into(
    file: &str,
    by_line: bool,
    incoming: &Benchmarks,
    registry: &Registry,
    into: &std::path::Path,
    dry_run: bool,
    files: &DataFiles,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let existing = load::benchmarks(Some(into), files, registry, LoadOptions::default())?;
    let original = load::read_text(into)?;
    let (dims, dims_label) = load::dimensions(files)?;
    let label = into.display().to_string();
    let target = Target {
        text: &original,
        label: &label,
        dimensions: &dims,
        dimensions_label: &dims_label,
        registry,
    };
    let merged = match merge::merge(target, &existing, incoming) {
        Ok(m) => m,
        Err(MergeError::Invalid(e)) => return load::invalid_benchmarks(Err(e)),
        Err(e) => return Err(e.into()),
    };
    let mut err = std::io::stderr().lock();
    for d in &merged.duplicates {
        let differs = if d.value_differs() {
            format!(
                "; value differs: `{}` there, `{}` here",
                d.existing.value_raw, d.incoming.value_raw
            )
        } else {
            String::new()
        };
        // Rows made from a leaderboard have no line of their own file: name the entry.
        let at = if by_line {
            format!("{file}:{}", d.incoming.line)
        } else {
            format!(
                "{file}: `{}` ({})",
                d.incoming.model_raw, d.incoming.benchmark
            )
        };
        let _ = writeln!(
            err,
            "{at}: duplicate of {}:{} (same model, benchmark, metric and date), skipped{differs}",
            into.display(),
            d.existing.line
        );
    }
    let (added, duplicates) = (merged.added.len(), merged.duplicates.len());
    if dry_run {
        writeln!(
            out,
            "would add {added} row(s) to {} ({duplicates} duplicate(s) skipped)",
            into.display()
        )?;
        return Ok(());
    }
    if added > 0 {
        merge::write_atomically(into, merged.text.as_bytes())?;
    }
    writeln!(
        out,
        "added {added} row(s) to {} ({duplicates} duplicate(s) skipped)",
        into.display()
    )?;
    Ok(())
}
