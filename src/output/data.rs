//! Renders the data commands' results (`benchmarks list|pools|compare|reality`,
//! `models list|find`) as an aligned table, JSON or CSV.
//!
//! Benchmark rows are written in the data file's own columns and values (no cell guard), so
//! `benchmarks list --format csv` stays a valid benchmarks file; the other CSV outputs pass
//! every cell through [`super::csv::safe_cell`].
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::csv::{csv_writer, safe_record};
use super::table::{trim_number, write_table};
use super::TableFormat;
use crate::benchmarks::merge::row_field;
use crate::benchmarks::{
    Comparison, Dimension, FamilyStatus, Pool, RealityScore, RealitySummary, Row, Winner, COLUMNS,
};
use crate::models::{EntryKind, Mention, Model};

fn json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// Measured outcomes (`benchmarks list`).
pub fn benchmark_rows(out: &mut dyn Write, rows: &[&Row], format: TableFormat) -> io::Result<()> {
    match format {
        TableFormat::Json => json(out, &rows),
        TableFormat::Csv => {
            let mut w = csv_writer(out, false);
            w.write_record(COLUMNS)?;
            for r in rows {
                w.write_record(COLUMNS.iter().map(|c| row_field(r, c)))?;
            }
            w.flush()
        }
        TableFormat::Table => {
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
            )
        }
    }
}

/// How fresh each family's measurements are as of `date` (`benchmarks status`).
pub fn status(
    out: &mut dyn Write,
    families: &[FamilyStatus],
    date: NaiveDate,
    max_age_days: u32,
    format: TableFormat,
) -> io::Result<()> {
    let opt = |d: Option<NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
    let age = |a: Option<i64>| a.map_or_else(String::new, |a| a.to_string());
    match format {
        TableFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                as_of: NaiveDate,
                max_age_days: u32,
                families: &'a [FamilyStatus],
            }
            json(
                out,
                &Doc {
                    as_of: date,
                    max_age_days,
                    families,
                },
            )
        }
        TableFormat::Csv => {
            let mut w = csv_writer(out, false);
            w.write_record([
                "family",
                "name",
                "newest",
                "newest_in",
                "age_days",
                "stale",
                "models_measured",
                "models",
                "benchmarks",
            ])?;
            for f in families {
                w.write_record(safe_record([
                    f.family.clone(),
                    f.name.clone(),
                    opt(f.newest),
                    f.newest_in.clone().unwrap_or_default(),
                    age(f.age_days),
                    f.stale.to_string(),
                    f.models_measured.to_string(),
                    f.models.to_string(),
                    f.benchmarks.join("|"),
                ]))?;
            }
            w.flush()
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = families
                .iter()
                .map(|f| {
                    vec![
                        f.family.clone(),
                        f.newest
                            .map_or_else(|| "no measurement".to_owned(), |d| d.to_string()),
                        age(f.age_days),
                        if f.stale { "stale" } else { "ok" }.to_owned(),
                        format!("{}/{}", f.models_measured, f.models),
                        f.benchmarks.len().to_string(),
                        f.newest_in.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            write_table(
                out,
                &[
                    "family",
                    "newest",
                    "age (days)",
                    "status",
                    "models measured",
                    "benchmarks",
                    "newest in",
                ],
                &rows,
            )?;
            let stale = families.iter().filter(|f| f.stale).count();
            writeln!(
                out,
                "as of {date}: {stale} of {} families stale (no measurement, or the newest older than {max_age_days} days)",
                families.len()
            )
        }
    }
}

/// Ranked pools as of `date` (`benchmarks pools`).
pub fn pools(
    out: &mut dyn Write,
    pools: &[Pool<'_>],
    date: NaiveDate,
    format: TableFormat,
) -> io::Result<()> {
    match format {
        TableFormat::Json => json(out, &pools),
        TableFormat::Csv => {
            let mut w = csv_writer(out, false);
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
            for p in pools {
                for s in &p.standings {
                    w.write_record(safe_record([
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
                    ]))?;
                }
            }
            w.flush()
        }
        TableFormat::Table => {
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
                    out,
                    &["rank", "model", "value", "percentile", "as listed"],
                    &rows,
                )?;
            }
            Ok(())
        }
    }
}

/// Two models compared on a dimension (`benchmarks compare`); `None`: no shared pool.
pub fn comparison(
    out: &mut dyn Write,
    (a, b): (&str, &str),
    dimension: Dimension,
    date: NaiveDate,
    comparison: Option<&Comparison<'_>>,
    format: TableFormat,
) -> io::Result<()> {
    match (format, comparison) {
        (TableFormat::Json, c) => json(out, &c),
        (_, None) => writeln!(
            out,
            "{a} vs {b} on {dimension} as of {date}: no pool measured both (unverifiable)"
        ),
        (_, Some(c)) => {
            let verdict = match c.winner {
                Winner::A => format!("{a} ranks higher"),
                Winner::B => format!("{b} ranks higher"),
                Winner::Tie => "tie".to_owned(),
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
                    s.strength.map_or("-".to_owned(), |x| x.to_string()),
                    s.evidence.line,
                    s.evidence.source
                )?;
            }
            Ok(())
        }
    }
}

/// A model's reality scores (`benchmarks reality`); tables and CSV share the text form.
pub fn reality(
    out: &mut dyn Write,
    model: &str,
    date: NaiveDate,
    summary: Option<&RealitySummary<'_>>,
    scores: &[RealityScore<'_>],
    format: TableFormat,
) -> io::Result<()> {
    if format == TableFormat::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            model: &'a str,
            date: NaiveDate,
            overall: Option<f64>,
            dimensions: &'a [RealityScore<'a>],
        }
        return json(
            out,
            &Out {
                model,
                date,
                overall: summary.map(|s| s.overall),
                dimensions: scores,
            },
        );
    }
    match summary {
        Some(s) => writeln!(
            out,
            "{model} as of {date}: reality {:.0} (mean over dimensions with direct evidence)",
            s.overall
        )?,
        None => writeln!(out, "{model} as of {date}: no direct evidence in any pool")?,
    }
    for s in scores {
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
                .map_or("-".to_owned(), |x| x.to_string()),
            s.standing.snapshot
        )?;
    }
    Ok(())
}

/// Columns of `models list --format csv`.
const MODEL_COLUMNS: [&str; 11] = [
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
];

/// The model registry (`models list`); the table leaves out prefixes and notes.
pub fn models(out: &mut dyn Write, entries: &[Model], format: TableFormat) -> io::Result<()> {
    let cells = |m: &Model| {
        vec![
            m.id.clone(),
            match m.kind {
                EntryKind::Family => "family".to_owned(),
                EntryKind::Model => "model".to_owned(),
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
        TableFormat::Json => json(out, &entries),
        TableFormat::Csv => {
            let mut w = csv_writer(out, false);
            w.write_record(MODEL_COLUMNS)?;
            for m in entries {
                w.write_record(safe_record(cells(m)))?;
            }
            w.flush()
        }
        TableFormat::Table => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|m| cells(m).into_iter().take(9).collect())
                .collect();
            write_table(out, &MODEL_COLUMNS[..9], &rows)
        }
    }
}

/// A model mention with its 1-based line and column (in characters).
#[derive(Debug, Serialize)]
pub struct Found<'a> {
    /// Line of the mention's first character.
    pub line: usize,
    /// Column of the mention's first character.
    pub column: usize,
    /// The mention.
    #[serde(flatten)]
    pub mention: &'a Mention,
}

/// Model mentions in a text (`models find`); `label` names the text in table lines.
pub fn mentions(
    out: &mut dyn Write,
    label: &str,
    found: &[Found<'_>],
    format: TableFormat,
) -> io::Result<()> {
    match format {
        TableFormat::Json => json(out, &found),
        TableFormat::Csv => {
            let mut w = csv_writer(out, false);
            w.write_record(["line", "column", "text", "family", "model", "resolution"])?;
            for f in found {
                w.write_record(safe_record([
                    f.line.to_string(),
                    f.column.to_string(),
                    f.mention.text.clone(),
                    f.mention.family.clone(),
                    f.mention.model.clone().unwrap_or_default(),
                    f.mention.resolution.to_string(),
                ]))?;
            }
            w.flush()
        }
        TableFormat::Table => {
            for f in found {
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
            Ok(())
        }
    }
}
