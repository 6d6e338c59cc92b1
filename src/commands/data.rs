//! `benchmarks` and `models` subcommands: wire the model registry and the measured outcomes
//! to the command line.
//!
//! Holds no data logic: it loads files (the shipped, compiled-in data unless a path is
//! given), calls `models` / `benchmarks`, and renders the result as a table, JSON or CSV.
//! Validation problems are listed one per line as `file:line: message` on stderr with exit
//! code 2; everything else that fails becomes an `anyhow` error (also exit code 2).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashSet;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use serde::Serialize;

use crate::benchmarks::{
    parse_cli_date, Benchmarks, BenchmarksError, Dimension, LoadOptions, Row, Winner, COLUMNS,
    SHIPPED_BENCHMARKS, SHIPPED_BENCHMARKS_LABEL, SHIPPED_DIMENSIONS, SHIPPED_DIMENSIONS_LABEL,
};
use crate::models::{EntryKind, Registry};
use crate::problem::Problem;

#[derive(Debug, clap::Subcommand)]
pub(crate) enum DataCommand {
    /// Measured outcomes (data/benchmarks.csv): validate, list, import, compare.
    #[command(subcommand)]
    Benchmarks(BenchmarksCommand),
    /// Model registry (data/models.csv): list models, find mentions in text.
    #[command(subcommand)]
    Models(ModelsCommand),
}

/// Data files to use instead of the shipped ones.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct DataFiles {
    /// Model registry CSV [default: the shipped data/models.csv]
    #[arg(long, value_name = "FILE")]
    models: Option<PathBuf>,
    /// Dimension map CSV [default: the shipped data/dimensions.csv]
    #[arg(long, value_name = "FILE")]
    dimensions: Option<PathBuf>,
}

/// Output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// JSON, for programs.
    Json,
    /// CSV with the columns of the data file.
    Csv,
}

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
        format: Format,
        /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        #[command(flatten)]
        files: DataFiles,
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
        format: Format,
        /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        #[command(flatten)]
        files: DataFiles,
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
        format: Format,
        /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        #[command(flatten)]
        files: DataFiles,
    },
    /// Reality score of a model as of a date: its percentile per dimension and overall.
    Reality {
        model: String,
        /// Date of the score [default: the latest date in the data]
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Benchmarks CSV [default: the shipped data/benchmarks.csv]
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        #[command(flatten)]
        files: DataFiles,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum ModelsCommand {
    /// List the model registry.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Model registry CSV [default: the shipped data/models.csv]
        #[arg(long, value_name = "FILE")]
        models: Option<PathBuf>,
    },
    /// Find model mentions in a text file (or `-` for stdin); prints line:col and how each
    /// mention was resolved.
    Find {
        /// Text file, or `-` for standard input.
        input: String,
        /// Date the text was written: bare family names ("Sora") resolve to the latest model
        /// released by then.
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        date: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Model registry CSV [default: the shipped data/models.csv]
        #[arg(long, value_name = "FILE")]
        models: Option<PathBuf>,
    },
}

fn parse_dimension(s: &str) -> Result<Dimension, String> {
    s.parse()
}

pub(crate) fn run(cmd: DataCommand) -> anyhow::Result<ExitCode> {
    let result = match cmd {
        DataCommand::Benchmarks(c) => run_benchmarks(c),
        DataCommand::Models(c) => run_models(c),
    };
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

/// True if writing to stdout failed because the reader went away (`hypecheck ... | head`),
/// whichever writer (plain, JSON, CSV) noticed it.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().map(io::Error::kind) == pipe
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == pipe
            || c.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            }) == pipe
    })
}

/// Prints validation problems and returns exit code 2.
pub(crate) fn report_problems(problems: &[Problem]) -> ExitCode {
    for p in problems {
        eprintln!("{p}");
    }
    eprintln!(
        "{} problem{} found",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    ExitCode::from(2)
}

/// Loads the registry; `Err(code)` after printing its problems.
fn load_registry(path: Option<&Path>) -> anyhow::Result<Result<Registry, ExitCode>> {
    let loaded = match path {
        Some(p) => Registry::from_path(p),
        None => Registry::shipped(),
    };
    match loaded {
        Ok(r) => Ok(Ok(r)),
        Err(crate::models::ModelsError::Invalid(problems)) => Ok(Err(report_problems(&problems))),
        Err(e) => Err(e.into()),
    }
}

fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read `{}`", path.display()))
}

/// Loads benchmarks (a file, or the shipped data); `Err(code)` after printing problems.
fn load_benchmarks(
    data: Option<&Path>,
    files: &DataFiles,
    registry: &Registry,
    options: LoadOptions,
) -> anyhow::Result<Result<Benchmarks, ExitCode>> {
    let (text, label) = match data {
        Some(p) => (read_text(p)?, p.display().to_string()),
        None => (
            SHIPPED_BENCHMARKS.to_string(),
            SHIPPED_BENCHMARKS_LABEL.to_string(),
        ),
    };
    let (dims, dims_label) = match &files.dimensions {
        Some(p) => (read_text(p)?, p.display().to_string()),
        None => (
            SHIPPED_DIMENSIONS.to_string(),
            SHIPPED_DIMENSIONS_LABEL.to_string(),
        ),
    };
    match Benchmarks::parse(&text, &label, &dims, &dims_label, registry, options) {
        Ok(b) => Ok(Ok(b)),
        Err(BenchmarksError::Invalid(p)) => Ok(Err(report_problems(&p))),
        Err(e) => Err(e.into()),
    }
}

macro_rules! try_load {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(code) => return Ok(code),
        }
    };
}

fn resolve_model(registry: &Registry, name: &str) -> anyhow::Result<String> {
    match registry.resolve_name(name) {
        Some(m) => Ok(m.id.clone()),
        None => bail!("unknown model `{name}`: see `hypecheck models list`"),
    }
}

fn run_benchmarks(cmd: BenchmarksCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BenchmarksCommand::Validate { file, files } => {
            let registry = try_load!(load_registry(files.models.as_deref()));
            let data = try_load!(load_benchmarks(
                file.as_deref(),
                &files,
                &registry,
                LoadOptions::default()
            ));
            let models: HashSet<&str> = data.rows().iter().map(|r| r.model.as_str()).collect();
            let pools: HashSet<&str> = data
                .rows()
                .iter()
                .filter_map(|r| r.pool.as_deref())
                .collect();
            let label = file
                .as_ref()
                .map_or(SHIPPED_BENCHMARKS_LABEL.to_string(), |p| {
                    p.display().to_string()
                });
            writeln!(
                io::stdout(),
                "{label}: ok ({} rows, {} models, {} pools)",
                data.rows().len(),
                models.len(),
                pools.len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        BenchmarksCommand::List {
            model,
            as_of,
            format,
            data,
            files,
        } => {
            let registry = try_load!(load_registry(files.models.as_deref()));
            let bench = try_load!(load_benchmarks(
                data.as_deref(),
                &files,
                &registry,
                LoadOptions::default()
            ));
            let model = model.map(|m| resolve_model(&registry, &m)).transpose()?;
            let rows: Vec<&Row> = bench
                .rows()
                .iter()
                .filter(|r| model.as_ref().is_none_or(|m| &r.model == m))
                .filter(|r| as_of.is_none_or(|d| r.known_by(d)))
                .collect();
            let mut out = io::stdout().lock();
            write_rows(&mut out, &rows, format)?;
            Ok(ExitCode::SUCCESS)
        }
        BenchmarksCommand::Import {
            file,
            into,
            dry_run,
            files,
        } => import(&file, &into, dry_run, &files),
        BenchmarksCommand::Pools {
            pool,
            as_of,
            format,
            data,
            files,
        } => {
            let registry = try_load!(load_registry(files.models.as_deref()));
            let bench = try_load!(load_benchmarks(
                data.as_deref(),
                &files,
                &registry,
                LoadOptions::default()
            ));
            let date = as_of
                .or(bench.latest_date())
                .context("the data has no dated rows")?;
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
            let mut out = io::stdout().lock();
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &pools)?;
                    writeln!(out)?;
                }
                Format::Csv => {
                    let mut w = csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(&mut out);
                    w.write_record([
                        "pool",
                        "snapshot",
                        "rank",
                        "n",
                        "model",
                        "model_raw",
                        "value",
                        "unit",
                        "percentile",
                        "line",
                    ])?;
                    for p in &pools {
                        for s in &p.standings {
                            w.write_record([
                                p.name.to_string(),
                                p.snapshot.to_string(),
                                s.rank.to_string(),
                                s.n.to_string(),
                                s.model.to_string(),
                                s.evidence.model_raw.clone(),
                                trim_number(s.value),
                                s.unit.to_string(),
                                format!("{:.1}", s.percentile),
                                s.evidence.line.to_string(),
                            ])?;
                        }
                    }
                    w.flush()?;
                }
                Format::Table => {
                    for (i, p) in pools.iter().enumerate() {
                        if i > 0 {
                            writeln!(out)?;
                        }
                        writeln!(
                            out,
                            "{} (as of {date}: snapshot {}, {} model{})",
                            p.name,
                            p.snapshot,
                            p.n(),
                            if p.n() == 1 { "" } else { "s" }
                        )?;
                        let rows: Vec<Vec<String>> = p
                            .standings
                            .iter()
                            .map(|s| {
                                vec![
                                    s.rank.to_string(),
                                    s.model.to_string(),
                                    format!("{} {}", trim_number(s.value), s.unit),
                                    format!("{:.1}", s.percentile),
                                    s.evidence.model_raw.clone(),
                                ]
                            })
                            .collect();
                        write_table(
                            &mut out,
                            &["rank", "model", "value", "percentile", "as listed"],
                            &rows,
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        BenchmarksCommand::Compare {
            a,
            b,
            dimension,
            as_of,
            format,
            data,
            files,
        } => {
            let registry = try_load!(load_registry(files.models.as_deref()));
            let bench = try_load!(load_benchmarks(
                data.as_deref(),
                &files,
                &registry,
                LoadOptions::default()
            ));
            let (a, b) = (resolve_model(&registry, &a)?, resolve_model(&registry, &b)?);
            let date = as_of
                .or(bench.latest_date())
                .context("the data has no dated rows")?;
            let comparison = bench.compare(&a, &b, dimension, date);
            let mut out = io::stdout().lock();
            match (format, comparison) {
                (Format::Json, c) => {
                    serde_json::to_writer_pretty(&mut out, &c)?;
                    writeln!(out)?;
                }
                (_, None) => writeln!(
                    out,
                    "{a} vs {b} on {dimension} as of {date}: no pool measured both (unverifiable)"
                )?,
                (_, Some(c)) => {
                    let verdict = match c.winner {
                        Winner::A => format!("{a} ranks higher"),
                        Winner::B => format!("{b} ranks higher"),
                        Winner::Tie => "tie".to_string(),
                    };
                    writeln!(
                        out,
                        "{a} vs {b} on {dimension} as of {date}: {verdict} (gap {} {})",
                        trim_number(c.gap),
                        c.a.unit
                    )?;
                    for s in [&c.a, &c.b] {
                        writeln!(
                            out,
                            "  {}: rank {}/{} value {} {} in pool {} (snapshot {}, {}) source line {}: {}",
                            s.model,
                            s.rank,
                            s.n,
                            trim_number(s.value),
                            s.unit,
                            s.pool,
                            s.snapshot,
                            s.strength.map_or("-".to_string(), |x| x.to_string()),
                            s.evidence.line,
                            s.evidence.source
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        BenchmarksCommand::Reality {
            model,
            as_of,
            format,
            data,
            files,
        } => {
            let registry = try_load!(load_registry(files.models.as_deref()));
            let bench = try_load!(load_benchmarks(
                data.as_deref(),
                &files,
                &registry,
                LoadOptions::default()
            ));
            let model = resolve_model(&registry, &model)?;
            let date = as_of
                .or(bench.latest_date())
                .context("the data has no dated rows")?;
            let summary = bench.reality_summary(&model, date);
            let scores: Vec<_> = Dimension::ALL
                .into_iter()
                .filter_map(|d| bench.reality(&model, date, d))
                .collect();
            let mut out = io::stdout().lock();
            if format == Format::Json {
                #[derive(Serialize)]
                struct Out<'a> {
                    model: &'a str,
                    date: NaiveDate,
                    overall: Option<f64>,
                    dimensions: &'a [crate::benchmarks::RealityScore<'a>],
                }
                let o = Out {
                    model: &model,
                    date,
                    overall: summary.as_ref().map(|s| s.overall),
                    dimensions: &scores,
                };
                serde_json::to_writer_pretty(&mut out, &o)?;
                writeln!(out)?;
            } else {
                match &summary {
                    Some(s) => writeln!(
                        out,
                        "{model} as of {date}: reality {:.0} (mean over dimensions with direct evidence)",
                        s.overall
                    )?,
                    None => writeln!(out, "{model} as of {date}: no direct evidence in any pool")?,
                }
                for s in &scores {
                    writeln!(
                        out,
                        "  {:<17} {:>5.1}  rank {}/{} in {} ({}, snapshot {})",
                        s.dimension.as_str(),
                        s.percentile,
                        s.standing.rank,
                        s.standing.n,
                        s.standing.pool,
                        s.standing
                            .strength
                            .map_or("-".to_string(), |x| x.to_string()),
                        s.standing.snapshot
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `benchmarks import`: validate the new file and the target, skip duplicates, validate the
/// merged result, then write it through a temporary file and a rename.
fn import(file: &Path, into: &Path, dry_run: bool, files: &DataFiles) -> anyhow::Result<ExitCode> {
    let registry = try_load!(load_registry(files.models.as_deref()));
    let existing = try_load!(load_benchmarks(
        Some(into),
        files,
        &registry,
        LoadOptions::default()
    ));
    let incoming = try_load!(load_benchmarks(
        Some(file),
        files,
        &registry,
        LoadOptions {
            resolve_missing_models: true
        }
    ));
    let mut keys = std::collections::HashMap::new();
    for r in existing.rows() {
        keys.insert(r.key(), r);
    }
    let mut new_rows = Vec::new();
    let mut duplicates = 0usize;
    for r in incoming.rows() {
        if let Some(old) = keys.get(&r.key()) {
            duplicates += 1;
            let differs = if old.value_raw == r.value_raw {
                String::new()
            } else {
                format!(
                    "; value differs: `{}` there, `{}` here",
                    old.value_raw, r.value_raw
                )
            };
            eprintln!("{}:{}: duplicate of {}:{} (same model, benchmark, metric and date), skipped{differs}",
                file.display(),
                r.line,
                into.display(),
                old.line
            );
            continue;
        }
        new_rows.push(r);
    }
    let original = read_text(into)?;
    let header: Vec<String> = csv::Reader::from_reader(original.as_bytes())
        .headers()
        .with_context(|| format!("could not read the header of `{}`", into.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut merged = original.clone();
    if !merged.is_empty() && !merged.ends_with('\n') {
        merged.push('\n');
    }
    {
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for r in &new_rows {
            writer.write_record(header.iter().map(|h| row_field(r, h)))?;
        }
        let bytes = writer
            .into_inner()
            .context("could not encode the new rows")?;
        merged.push_str(&String::from_utf8(bytes)?);
    }
    let merged_label = format!("{} (after merge)", into.display());
    let dims = match &files.dimensions {
        Some(p) => read_text(p)?,
        None => SHIPPED_DIMENSIONS.to_string(),
    };
    if let Err(e) = Benchmarks::parse(
        &merged,
        &merged_label,
        &dims,
        SHIPPED_DIMENSIONS_LABEL,
        &registry,
        LoadOptions::default(),
    ) {
        return match e {
            BenchmarksError::Invalid(p) => Ok(report_problems(&p)),
            other => Err(other.into()),
        };
    }
    if dry_run {
        writeln!(
            io::stdout(),
            "would add {} row(s) to {} ({duplicates} duplicate(s) skipped)",
            new_rows.len(),
            into.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if !new_rows.is_empty() {
        write_atomically(into, merged.as_bytes())?;
    }
    writeln!(
        io::stdout(),
        "added {} row(s) to {} ({duplicates} duplicate(s) skipped)",
        new_rows.len(),
        into.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`, so a
/// failure never leaves a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "benchmarks.csv".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let mut f = std::fs::File::create(&tmp)
            .with_context(|| format!("could not create `{}`", tmp.display()))?;
        f.write_all(bytes)
            .with_context(|| format!("could not write `{}`", tmp.display()))?;
        f.sync_all()
            .with_context(|| format!("could not sync `{}`", tmp.display()))?;
        std::fs::rename(&tmp, path).with_context(|| {
            format!(
                "could not rename `{}` to `{}`",
                tmp.display(),
                path.display()
            )
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A row's field by column name, as written in the file.
fn row_field(r: &Row, column: &str) -> String {
    let bool_text = |b: Option<bool>| b.map_or(String::new(), |b| b.to_string());
    match column {
        "model_raw" => r.model_raw.clone(),
        "model" => r.model.clone(),
        "benchmark" => r.benchmark.clone(),
        "metric" => r.metric.clone(),
        "value" => r.value_raw.clone(),
        "unit" => r.unit.clone(),
        "higher_is_better" => bool_text(r.higher_is_better),
        "date" => r.date.raw.clone(),
        "source" => r.source.clone(),
        "kind" => match r.kind {
            crate::benchmarks::Kind::Measurement => "measurement".into(),
            crate::benchmarks::Kind::Fact => "fact".into(),
        },
        "pool" => r.pool.clone().unwrap_or_default(),
        "secondary" => r.secondary.to_string(),
        "notes" => r.notes.clone(),
        _ => String::new(),
    }
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn write_rows(out: &mut impl Write, rows: &[&Row], format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut *out);
            w.write_record(COLUMNS)?;
            for r in rows {
                w.write_record(COLUMNS.iter().map(|c| row_field(r, c)))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.model.clone(),
                        r.benchmark.clone(),
                        format!("{} {}", r.value_raw, r.unit),
                        r.date.raw.clone(),
                        row_field(r, "kind"),
                        r.pool.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            write_table(
                out,
                &["model", "benchmark", "value", "date", "kind", "pool"],
                &table,
            )?;
        }
    }
    Ok(())
}

/// Writes aligned columns; cells longer than 48 characters are cut with an ellipsis.
fn write_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    const MAX: usize = 48;
    let cut = |s: &str| {
        if s.chars().count() > MAX {
            let mut t: String = s.chars().take(MAX - 1).collect();
            t.push('…');
            t
        } else {
            s.to_string()
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

fn run_models(cmd: ModelsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ModelsCommand::List { format, models } => {
            let registry = try_load!(load_registry(models.as_deref()));
            let mut out = io::stdout().lock();
            let cells = |m: &crate::models::Model| {
                vec![
                    m.id.clone(),
                    match m.kind {
                        EntryKind::Family => "family".to_string(),
                        EntryKind::Model => "model".to_string(),
                    },
                    m.name.clone(),
                    m.vendor.clone(),
                    m.family.clone(),
                    m.version.clone(),
                    m.variant_of.clone().unwrap_or_default(),
                    m.released.map(|d| d.to_string()).unwrap_or_default(),
                    m.aliases.join("|"),
                    m.prefixes.join("|"),
                    m.notes.clone(),
                ]
            };
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, registry.entries())?;
                    writeln!(out)?;
                }
                Format::Csv => {
                    let mut w = csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(&mut out);
                    w.write_record([
                        "id",
                        "kind",
                        "name",
                        "vendor",
                        "family",
                        "version",
                        "variant_of",
                        "released",
                        "aliases",
                        "prefixes",
                        "notes",
                    ])?;
                    for m in registry.entries() {
                        w.write_record(cells(m))?;
                    }
                    w.flush()?;
                }
                Format::Table => {
                    let rows: Vec<Vec<String>> = registry
                        .entries()
                        .iter()
                        .map(|m| cells(m).into_iter().take(9).collect())
                        .collect();
                    write_table(
                        &mut out,
                        &[
                            "id",
                            "kind",
                            "name",
                            "vendor",
                            "family",
                            "version",
                            "variant_of",
                            "released",
                            "aliases",
                        ],
                        &rows,
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        ModelsCommand::Find {
            input,
            date,
            format,
            models,
        } => {
            let registry = try_load!(load_registry(models.as_deref()));
            let (text, label) = if input == "-" {
                let mut s = String::new();
                io::stdin()
                    .read_to_string(&mut s)
                    .context("could not read standard input")?;
                (s, "<stdin>".to_string())
            } else {
                (read_text(Path::new(&input))?, input.clone())
            };
            let mentions = registry.find_mentions_at(&text, date);
            // Mentions come in text order, so line and column advance incrementally (a long
            // single-line text stays linear).
            let mut cursor = (0usize, 1usize, 1usize); // byte, line, column
            let mut position = |byte: usize| {
                let (from, mut line, mut column) = cursor;
                for c in text[from..byte].chars() {
                    if c == '\n' {
                        line += 1;
                        column = 1;
                    } else {
                        column += 1;
                    }
                }
                cursor = (byte, line, column);
                (line, column)
            };
            #[derive(Serialize)]
            struct Found<'a> {
                line: usize,
                column: usize,
                #[serde(flatten)]
                mention: &'a crate::models::Mention,
            }
            let found: Vec<Found<'_>> = mentions
                .iter()
                .map(|m| {
                    let (line, column) = position(m.start);
                    Found {
                        line,
                        column,
                        mention: m,
                    }
                })
                .collect();
            let mut out = io::stdout().lock();
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &found)?;
                    writeln!(out)?;
                }
                Format::Csv => {
                    let mut w = csv::WriterBuilder::new()
                        .terminator(csv::Terminator::Any(b'\n'))
                        .from_writer(&mut out);
                    w.write_record(["line", "column", "text", "family", "model", "resolution"])?;
                    for f in &found {
                        w.write_record([
                            f.line.to_string(),
                            f.column.to_string(),
                            f.mention.text.clone(),
                            f.mention.family.clone(),
                            f.mention.model.clone().unwrap_or_default(),
                            f.mention.resolution.to_string(),
                        ])?;
                    }
                    w.flush()?;
                }
                Format::Table => {
                    for f in &found {
                        let target = match &f.mention.model {
                            Some(m) => m.clone(),
                            None => format!("family {}", f.mention.family),
                        };
                        writeln!(
                            out,
                            "{label}:{}:{}: {} -> {target} ({})",
                            f.line, f.column, f.mention.text, f.mention.resolution
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
