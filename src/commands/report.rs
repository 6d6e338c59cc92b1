//! `report`, `analyze` and `demo`: wire the store, the analysis engine, the measured outcomes
//! and the report writer to the command line.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use crate::benchmarks::Benchmarks;
use crate::report::{self, analysis, period, sample, Engine, Period};
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
    /// Output directory; the report goes to OUT/<period>/.
    #[arg(long, value_name = "DIR", default_value = "reports")]
    out: PathBuf,
}

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

/// Run the whole pipeline on the shipped sample corpus: no network, no setup.
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Output directory of the demo report.
    #[arg(long, value_name = "DIR", default_value = "reports/demo")]
    out: PathBuf,
    /// Database to write [default: a temporary file, removed afterwards].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Sample corpus directory [default: data/sample, else the one in the source tree].
    #[arg(long, value_name = "DIR")]
    sample: Option<PathBuf>,
}

fn period_of(args: &ReportArgs, store: &Store) -> anyhow::Result<Period> {
    let latest = || -> anyhow::Result<chrono::NaiveDate> {
        report::latest_date(store)?.with_context(|| {
            format!(
                "{}: no dated article stored; run `hypecheck scan` or `hypecheck import` first",
                store.path().display()
            )
        })
    };
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

fn load_benchmarks(engine: &Engine) -> anyhow::Result<Benchmarks> {
    Benchmarks::shipped(engine.registry()).context("loading the shipped data/benchmarks.csv")
}

pub(crate) fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!(
            "{}: no such database; run `hypecheck scan` or `hypecheck import` first, or `hypecheck demo`",
            args.db.display()
        );
    }
    let mut store = Store::open(&args.db)?;
    let period = period_of(&args, &store)?;
    let mut engine = Engine::shipped()?;
    let benchmarks = load_benchmarks(&engine)?;
    let dir = args.out.join(&period.label);
    let w = report::generate(&mut store, &mut engine, &benchmarks, period, &dir)?;
    print_written(&w);
    Ok(ExitCode::SUCCESS)
}

fn print_written(w: &report::Written) {
    let hi = w
        .hype_index
        .map_or_else(|| "—".to_owned(), |h| format!("{h:.1}"));
    if w.analyzed_now > 0 {
        println!("analyzed {} articles", w.analyzed_now);
    }
    println!("report: {} articles counted, Hype Index {hi}", w.articles);
    println!("wrote {}", w.dir.join("index.html").display());
    for f in &w.files {
        if f.file_name().is_some_and(|n| n != "index.html") {
            println!("      {}", f.display());
        }
    }
}

pub(crate) fn analyze(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("{}: no such database", args.db.display());
    }
    let mut store = Store::open(&args.db)?;
    let mut engine = Engine::shipped()?;
    let r = analysis::ensure_analyses(&mut store, &mut engine, args.force)?;
    println!(
        "analyzed {} articles ({} already current; lexicon hash {})",
        r.analyzed,
        r.current,
        engine.lexicon_hash()
    );
    Ok(ExitCode::SUCCESS)
}

fn sample_dir(given: Option<&Path>) -> PathBuf {
    if let Some(p) = given {
        return p.to_owned();
    }
    let local = PathBuf::from("data/sample");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// Removes the demo's temporary database (and its WAL files) when dropped.
struct TempDb(PathBuf);
impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

pub(crate) fn demo(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let dir = sample_dir(args.sample.as_deref());
    let pages = sample::pages(&dir)?;
    let (db, _guard) = match &args.db {
        Some(p) => {
            if p.exists() {
                bail!(
                    "{}: already exists; the demo writes a fresh database (give a new path)",
                    p.display()
                );
            }
            (p.clone(), None)
        }
        None => {
            let p = std::env::temp_dir().join(format!(
                "hypecheck-demo-{}-{}.db",
                std::process::id(),
                chrono::Utc::now().timestamp_millis()
            ));
            (p.clone(), Some(TempDb(p)))
        }
    };
    let mut store = Store::open(&db)?;
    let imported = sample::import_pages(&mut store, &pages)?;
    println!(
        "demo: imported {} sample pages from {} ({} stored, {} duplicates) into {}",
        imported.files,
        dir.display(),
        imported.stored,
        imported.duplicates,
        if args.db.is_some() {
            db.display().to_string()
        } else {
            format!("{} (temporary)", db.display())
        }
    );
    let mut engine = Engine::shipped()?;
    let benchmarks = load_benchmarks(&engine)?;
    let latest = report::latest_date(&store)?.context("the sample corpus has no dated article")?;
    let first: Option<String> = store
        .connection()
        .query_row(
            "SELECT min(substr(published, 1, 10)) FROM articles WHERE duplicate_of IS NULL",
            [],
            |r| r.get(0),
        )
        .context("reading the sample's first date")?;
    let first = first
        .as_deref()
        .and_then(analysis::date_of)
        .unwrap_or(latest);
    let span = ((period::monday(latest) - period::monday(first)).num_weeks() + 1).max(1) as u32;
    let week = Period::week(latest, span);
    let w = report::generate(&mut store, &mut engine, &benchmarks, week, &args.out)?;
    let trend = Period::weeks(latest, span);
    let t = report::generate(
        &mut store,
        &mut engine,
        &benchmarks,
        trend,
        &args.out.join("trend"),
    )?;
    println!(
        "weekly report ({}): {} articles, Hype Index {}",
        period::week_name(latest),
        w.articles,
        w.hype_index.map_or("—".to_owned(), |h| format!("{h:.1}"))
    );
    println!(
        "trend report ({span} weeks): {} articles, Hype Index {}",
        t.articles,
        t.hype_index.map_or("—".to_owned(), |h| format!("{h:.1}"))
    );
    println!("open {}", w.dir.join("index.html").display());
    println!("     {}", t.dir.join("index.html").display());
    Ok(ExitCode::SUCCESS)
}
