//! `hypecheck report`: the Hype Index report of a week, a date range or a run of weeks.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::corpus::aggregate::{merge_lines, Aggregate};
use crate::report::{self, period, Period};
use crate::store::Store;

/// Write the Hype Index report of a week, a date range or a run of weeks.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Corpus database.
    #[arg(long, value_name = "PATH", default_value = crate::store::DEFAULT_DB)]
    db: PathBuf,
    /// ISO week, e.g. 2026-W47 [default: the week of the newest stored article].
    #[arg(long, value_name = "WEEK", conflicts_with_all = ["since", "weeks"])]
    week: Option<String>,
    /// First day of a date range (YYYY-MM-DD); needs --until.
    #[arg(
        long,
        value_name = "DATE",
        requires = "until",
        conflicts_with = "weeks"
    )]
    since: Option<String>,
    /// Last day of a date range, or the day whose week ends a --weeks trend.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Trend report over the N weeks ending with --until's week (or the newest article's).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=520))]
    weeks: Option<u32>,
    /// Weeks of trend shown in a weekly or range report.
    #[arg(long, value_name = "N", default_value_t = period::DEFAULT_TREND_WEEKS,
          value_parser = clap::value_parser!(u32).range(1..=520))]
    trend_weeks: u32,
    /// Report from a mergeable aggregate (`hypecheck aggregate` / `merge`) instead of the
    /// database. Periods are whole ISO weeks; no articles.csv is written.
    #[arg(long, value_name = "PATH")]
    from_aggregates: Option<PathBuf>,
    /// Output directory; the report goes to OUT/<period>/.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
}

fn period_of(
    args: &ReportArgs,
    latest: impl Fn() -> anyhow::Result<chrono::NaiveDate>,
) -> anyhow::Result<Period> {
    let until = args.until.as_deref().map(period::parse_day).transpose()?;
    Ok(if let Some(w) = &args.week {
        Period::week(period::parse_week(w)?, args.trend_weeks)
    } else if let Some(s) = &args.since {
        let Some(u) = until else {
            bail!("--since needs --until")
        };
        Period::range(period::parse_day(s)?, u, args.trend_weeks)?
    } else if let Some(n) = args.weeks {
        Period::weeks(until.map_or_else(latest, Ok)?, n)
    } else if let Some(u) = until {
        Period::week(u, args.trend_weeks)
    } else {
        Period::week(latest()?, args.trend_weeks)
    })
}

pub(crate) fn run(args: ReportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.from_aggregates {
        return run_from_aggregates(&args, path, out);
    }
    if !args.db.exists() {
        bail!(
            "{}: no such database; run `hypecheck scan` or `hypecheck import` first, or `hypecheck demo`",
            args.db.display()
        );
    }
    let mut store = Store::open(&args.db)?;
    let latest = || -> anyhow::Result<chrono::NaiveDate> {
        report::latest_date(&store)?.with_context(|| {
            format!(
                "{}: no dated article stored; run `hypecheck scan` or `hypecheck import` first",
                store.path().display()
            )
        })
    };
    let period = period_of(&args, latest)?;
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let mut engine = load::corpus_analyzer(&settings, &data)?;
    let benchmarks = &data.benchmarks;
    let dir = args.out.join(&period.label);
    let w = report::generate(&mut store, &mut engine, benchmarks, period, &dir)?;
    print_written(&w, out)?;
    Ok(ExitCode::SUCCESS)
}

fn run_from_aggregates(
    args: &ReportArgs,
    path: &std::path::Path,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let f =
        std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut agg = Aggregate::default();
    let n = merge_lines(
        std::io::BufReader::new(f),
        &path.display().to_string(),
        &mut agg,
    )?;
    if n == 0 {
        bail!("{}: no aggregate in the file", path.display());
    }
    let latest = || -> anyhow::Result<chrono::NaiveDate> {
        report::from_aggregate::latest_week(&agg)
            .with_context(|| format!("{}: no counted article in the aggregate", path.display()))
    };
    let period = period_of(args, latest)?;
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let engine = load::corpus_analyzer(&settings, &data)?;
    let dir = args.out.join(&period.label);
    let w = report::from_aggregate::generate_from_aggregate(
        &agg,
        &engine,
        &data.benchmarks,
        period,
        &dir,
    )?;
    print_written(&w, out)?;
    Ok(ExitCode::SUCCESS)
}

fn print_written(w: &report::Written, out: &mut dyn Write) -> std::io::Result<()> {
    let hi = w
        .hype_index
        .map_or_else(|| "—".to_owned(), |h| format!("{h:.1}"));
    if w.analyzed_now > 0 {
        writeln!(out, "analyzed {} articles", w.analyzed_now)?;
    }
    writeln!(
        out,
        "report: {} articles counted, Hype Index {hi}",
        w.articles
    )?;
    writeln!(out, "wrote {}", w.dir.join("index.html").display())?;
    for f in &w.files {
        if f.file_name().is_some_and(|n| n != "index.html") {
            writeln!(out, "      {}", f.display())?;
        }
    }
    Ok(())
}
