//! `hypecheck benchmarks validate|list|import|pools|compare|status|reality`: the measured
//! outcomes.
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use chrono::NaiveDate;

use crate::benchmarks::merge::{self, MergeError, Target};
use crate::benchmarks::{parse_cli_date, Dimension, LoadOptions, Row, SHIPPED_BENCHMARKS_LABEL};
use crate::cli::args::{DataArgs, DataFiles};
use crate::cli::load;
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
    /// Merge new rows (e.g. a new leaderboard snapshot) into a benchmarks file. Validates
    /// first, skips and reports duplicates, writes atomically; on any error nothing changes.
    Import {
        /// CSV with the benchmarks columns; an empty `model` is filled from `model_raw`.
        file: PathBuf,
        /// The benchmarks file to merge into.
        #[arg(long, value_name = "FILE", default_value = "data/benchmarks.csv")]
        into: PathBuf,
        /// Report what would be added without writing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        files: DataFiles,
    },
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
        BenchmarksCommand::Import {
            file,
            into,
            dry_run,
            files,
        } => import(&file, &into, dry_run, &files, out)?,
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

/// `benchmarks import`: validate the new file and the target, skip duplicates, validate the
/// merged result, then write it through a temporary file and a rename.
fn import(
    file: &std::path::Path,
    into: &std::path::Path,
    dry_run: bool,
    files: &DataFiles,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let registry = load::registry(files.models.as_deref())?;
    let existing = load::benchmarks(Some(into), files, &registry, LoadOptions::default())?;
    let incoming = load::benchmarks(
        Some(file),
        files,
        &registry,
        LoadOptions {
            resolve_missing_models: true,
        },
    )?;
    let original = load::read_text(into)?;
    let (dims, dims_label) = load::dimensions(files)?;
    let label = into.display().to_string();
    let target = Target {
        text: &original,
        label: &label,
        dimensions: &dims,
        dimensions_label: &dims_label,
        registry: &registry,
    };
    let merged = match merge::merge(target, &existing, &incoming) {
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
        let _ = writeln!(
            err,
            "{}:{}: duplicate of {}:{} (same model, benchmark, metric and date), skipped{differs}",
            file.display(),
            d.incoming.line,
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
