//! `hypecheck demo`: the whole pipeline on the shipped sample corpus, no network, no setup.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::collect::import;
use crate::collect::topic::{TopicConfig, TopicFilter};
use crate::report::{self, period, sample, Period};
use crate::store::Store;

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
    #[command(flatten)]
    common: CommonArgs,
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

pub(crate) fn run(args: DemoArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
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
    let settings = load::settings(&args.common)?;
    let data = load::claim_data(&ClaimDataArgs::default())?;
    let mut engine = load::corpus_analyzer(&settings, &data)?;
    let filter = TopicFilter::from_config(&TopicConfig::default())?;
    let mut store = Store::open(&db)?;
    let imported = import::import_paths(&mut store, &pages, &filter, "sample", &mut engine)?;
    if let Some(f) = imported.failed.first() {
        anyhow::bail!(
            "the shipped sample page {} could not be imported: {}",
            f.path.display(),
            f.message
        );
    }
    writeln!(
        out,
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
    )?;
    let benchmarks = &data.benchmarks;
    let latest = report::latest_date(&store)?.context("the sample corpus has no dated article")?;
    let first = store.first_published()?.unwrap_or(latest);
    let span = ((period::monday(latest) - period::monday(first)).num_weeks() + 1).max(1) as u32;
    let week = Period::week(latest, span);
    let w = report::generate(&mut store, &mut engine, benchmarks, week, &args.out)?;
    let trend = Period::weeks(latest, span);
    let t = report::generate(
        &mut store,
        &mut engine,
        benchmarks,
        trend,
        &args.out.join("trend"),
    )?;
    writeln!(
        out,
        "weekly report ({}): {} articles, Hype Index {}",
        period::week_name(latest),
        w.articles,
        w.hype_index.map_or("—".to_owned(), |h| format!("{h:.1}"))
    )?;
    writeln!(
        out,
        "trend report ({span} weeks): {} articles, Hype Index {}",
        t.articles,
        t.hype_index.map_or("—".to_owned(), |h| format!("{h:.1}"))
    )?;
    writeln!(out, "open {}", w.dir.join("index.html").display())?;
    writeln!(out, "     {}", t.dir.join("index.html").display())?;
    Ok(ExitCode::SUCCESS)
}
