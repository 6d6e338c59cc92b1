//! Importers for the formats public leaderboards publish, turned into one dated pool.
//!
//! Takes the text of a leaderboard file (or an HTTP response body), the [`ImportSpec`] (format,
//! snapshot date, pool, benchmark name, source URL) and the model [`Registry`]; hands on the
//! rows as `benchmarks.csv` text ([`Imported::csv`]) that the caller validates and merges with
//! [`super::merge`], plus every entry whose model name the registry does not know
//! ([`Imported::unknown`]): unknown names are reported, never dropped in silence.
//!
//! Formats ([`LeaderboardFormat`]):
//! - `arena-csv`: a daily arena leaderboard CSV: a model column (`model`, `model_name`, `name`)
//!   and an Elo column (`elo`, `arena_score`, `score`, `rating`); optional `votes` /
//!   `num_battles` and `ci` / `95% ci` columns go into each row's note.
//! - `leaderboard-json`: a JSON leaderboard API response: an array of objects, at the top or
//!   under `data`, `models`, `leaderboard`, `results`, `items` or `entries`; each with a name
//!   (`name`, `model`, `model_name`, `display_name`, or `model.name`) and an Elo (`elo`,
//!   `arena_score`, `score`, `rating`).
//! - `vbench-table`: a VBench-style per-dimension score table (CSV, TSV or a Markdown pipe
//!   table): a model column and one column per dimension ("Total Score", "Dynamic Degree",
//!   ...). Each score column becomes its own benchmark (`VBench dynamic degree`) and pool
//!   (`<pool>-dynamic-degree`), because one pool ranks one measure.
//!
//! The output is a pure function of the inputs: importing the same file twice yields the same
//! rows, which the merge then skips as duplicates (same model name, model, benchmark, metric,
//! date), so re-importing changes nothing.
//!
//! This file holds the spec and outcome types, [`import`] (mapping entries to rows and
//! writing them as CSV) and the cell helpers the readers share; `arena` reads the
//! `arena-csv` and `leaderboard-json` formats, `table` the `vbench-table` format.

use std::collections::HashSet;

use super::merge::row_field;
use super::{Kind, Row, COLUMNS};
use crate::dates::{parse_row_date, RowDate};
use crate::models::Registry;
use crate::problem::{Problem, Problems};

mod arena;
mod table;

use arena::{arena_csv, leaderboard_json};
use table::vbench_table;

/// A leaderboard file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum LeaderboardFormat {
    /// Arena leaderboard CSV: model and Elo columns (votes and CI optional).
    ArenaCsv,
    /// JSON leaderboard API response: an array of {name, elo} objects.
    LeaderboardJson,
    /// VBench-style per-dimension score table (CSV, TSV or Markdown pipe table).
    VbenchTable,
}

impl LeaderboardFormat {
    /// The name used on the command line and in notes.
    pub fn as_str(self) -> &'static str {
        match self {
            LeaderboardFormat::ArenaCsv => "arena-csv",
            LeaderboardFormat::LeaderboardJson => "leaderboard-json",
            LeaderboardFormat::VbenchTable => "vbench-table",
        }
    }
}

/// What to import and how to label it.
#[derive(Debug, Clone)]
pub struct ImportSpec<'a> {
    /// The file's format.
    pub format: LeaderboardFormat,
    /// The snapshot date (`YYYY-MM-DD`, or `YYYY-MM` for a monthly file).
    pub snapshot: &'a str,
    /// Pool name; default: the benchmark's slug and the snapshot (`lmarena-text-to-video-2026-12-01`).
    pub pool: Option<&'a str>,
    /// Benchmark name (required for arena formats; `VBench` by default for tables). It decides
    /// which claim dimension the rows verify (`data/dimensions.csv`).
    pub benchmark: Option<&'a str>,
    /// The one URL the file was published at.
    pub source: &'a str,
    /// True if the file is a copy, not the leaderboard owner's own.
    pub secondary: bool,
    /// The file or URL, for messages.
    pub label: &'a str,
}

/// A leaderboard entry whose model the registry does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Line in the file (CSV/TSV/Markdown), 0 for JSON.
    pub line: u64,
    /// 1-based entry number (JSON), 0 for line-based formats.
    pub entry: usize,
    /// The name as the leaderboard wrote it.
    pub name: String,
}

impl Unknown {
    /// `file:12` or `file: entry 3`.
    pub fn at(&self, label: &str) -> String {
        if self.line > 0 {
            format!("{label}:{}", self.line)
        } else {
            format!("{label}: entry {}", self.entry)
        }
    }
}

/// The outcome of [`import`].
#[derive(Debug, Clone)]
pub struct Imported {
    /// The mapped rows as a `benchmarks.csv` text (header and rows).
    pub csv: String,
    /// How many rows `csv` holds.
    pub rows: usize,
    /// The pools written, in order.
    pub pools: Vec<String>,
    /// Entries whose model name the registry does not know (not in `csv`).
    pub unknown: Vec<Unknown>,
    /// Table columns skipped because they hold no scores (vbench-table).
    pub skipped_columns: Vec<String>,
}

/// One score read from a leaderboard.
struct Entry {
    line: u64,
    entry: usize,
    name: String,
    /// Column for tables (`Total Score`), empty for arena formats.
    measure: String,
    value: String,
    extra: Vec<String>,
}

/// Parses `text` in `spec.format` and maps every entry through `registry`. Problems with the
/// file itself (no model column, no score, malformed JSON, a bad snapshot date) are returned
/// as `file:line: message`.
pub fn import(
    text: &str,
    spec: &ImportSpec<'_>,
    registry: &Registry,
) -> Result<Imported, Vec<Problem>> {
    let mut problems = Problems::new(spec.label);
    let snapshot = match parse_row_date(spec.snapshot) {
        Ok(RowDate {
            effective: Some(_), ..
        }) if spec.snapshot.len() >= 7 => spec.snapshot.trim().to_owned(),
        _ => {
            problems.add(
                0,
                format!(
                    "bad snapshot date `{}`: expected YYYY-MM-DD (or YYYY-MM)",
                    spec.snapshot
                ),
            );
            return Err(problems.into_vec());
        }
    };
    if let Err(m) = super::load::check_source(spec.source) {
        problems.add(0, m);
        return Err(problems.into_vec());
    }
    let benchmark = match (spec.format, spec.benchmark) {
        (_, Some(b)) if !b.trim().is_empty() => b.trim().to_owned(),
        (LeaderboardFormat::VbenchTable, _) => "VBench".to_owned(),
        _ => {
            problems.add(
                0,
                format!(
                    "--format {} needs --benchmark NAME (e.g. \"LMArena text-to-video\"): the name decides which claims the rows can verify",
                    spec.format.as_str()
                ),
            );
            return Err(problems.into_vec());
        }
    };
    let mut skipped_columns = Vec::new();
    let entries = match spec.format {
        LeaderboardFormat::ArenaCsv => arena_csv(text, &mut problems),
        LeaderboardFormat::LeaderboardJson => leaderboard_json(text, &mut problems),
        LeaderboardFormat::VbenchTable => vbench_table(text, &mut problems, &mut skipped_columns),
    };
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    if entries.is_empty() {
        problems.add(0, "no leaderboard entries found".to_owned());
        return Err(problems.into_vec());
    }
    let pool_base = spec
        .pool
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{}-{snapshot}", slug(&benchmark)));
    let mut unknown = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut pools: Vec<String> = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    // A table column is a percentage when any of its cells says so or exceeds 1.
    let mut percent_measures: HashSet<&str> = HashSet::new();
    for e in &entries {
        if e.value.ends_with('%') || e.value.parse::<f64>().is_ok_and(|v| v > 1.0) {
            percent_measures.insert(e.measure.as_str());
        }
    }
    for e in &entries {
        let Some(model) = registry.resolve_name(&e.name) else {
            unknown.push(Unknown {
                line: e.line,
                entry: e.entry,
                name: e.name.clone(),
            });
            continue;
        };
        let key = (e.name.to_lowercase(), e.measure.to_lowercase());
        if !seen.insert(key) {
            problems.add(
                e.line,
                format!("`{}` is listed twice in this leaderboard", e.name),
            );
            continue;
        }
        let (bench, metric, unit, pool) = if e.measure.is_empty() {
            (
                benchmark.clone(),
                "Elo".to_owned(),
                "Elo".to_owned(),
                pool_base.clone(),
            )
        } else {
            let unit = if percent_measures.contains(e.measure.as_str()) {
                "%"
            } else {
                "score"
            };
            (
                format!("{benchmark} {}", e.measure.to_lowercase()),
                e.measure.clone(),
                unit.to_owned(),
                format!("{pool_base}-{}", slug(&e.measure)),
            )
        };
        if !pools.contains(&pool) {
            pools.push(pool.clone());
        }
        let mut note = format!("imported with --format {}", spec.format.as_str());
        if e.entry > 0 {
            note.push_str(&format!(", entry {}", e.entry));
        }
        for x in &e.extra {
            note.push_str("; ");
            note.push_str(x);
        }
        rows.push(Row {
            line: e.line,
            model_raw: e.name.clone(),
            model: model.id.clone(),
            benchmark: bench,
            metric,
            value_raw: e.value.trim_end_matches('%').trim().to_owned(),
            value: super::Value::Text(String::new()),
            unit,
            higher_is_better: Some(true),
            date: RowDate {
                raw: snapshot.clone(),
                effective: None,
            },
            source: spec.source.to_owned(),
            kind: Kind::Measurement,
            pool: Some(pool),
            secondary: spec.secondary,
            note,
        });
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let encode = |e: csv::Error| {
        vec![Problem {
            file: spec.label.to_owned(),
            line: 0,
            message: format!("could not encode the rows: {e}"),
        }]
    };
    w.write_record(COLUMNS).map_err(encode)?;
    for r in &rows {
        w.write_record(COLUMNS.iter().map(|c| row_field(r, c)))
            .map_err(encode)?;
    }
    let bytes = w.into_inner().map_err(|e| encode(e.into_error().into()))?;
    Ok(Imported {
        csv: String::from_utf8_lossy(&bytes).into_owned(),
        rows: rows.len(),
        pools,
        unknown,
        skipped_columns,
    })
}

/// `LMArena text-to-video` → `lmarena-text-to-video`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A number as a leaderboard writes it (`1,234.5`, `84.3%`), checked; `None` if it is not one.
fn number(raw: &str) -> Option<String> {
    let t = raw.trim().replace(',', "");
    let (digits, pct) = match t.strip_suffix('%') {
        Some(d) => (d.trim().to_owned(), true),
        None => (t.clone(), false),
    };
    let v: f64 = digits.parse().ok()?;
    v.is_finite()
        .then(|| if pct { format!("{digits}%") } else { digits })
}

/// Model names in tables are often links or bold: `[Kling 1.6](https://…)`, `**Veo 3**`.
fn clean_name(raw: &str) -> String {
    let mut s = raw.trim().trim_matches('*').trim().to_owned();
    if let (Some(open), Some(close)) = (s.find('['), s.find("](")) {
        if open < close {
            s = s[open + 1..close].to_owned();
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find_column(header: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| {
        header
            .iter()
            .position(|h| h.trim().trim_matches('*').eq_ignore_ascii_case(n))
    })
}

const MODEL_COLUMNS: &[&str] = &[
    "model",
    "model_name",
    "model name",
    "name",
    "model name (clickable)",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(format: LeaderboardFormat, benchmark: Option<&'static str>) -> ImportSpec<'static> {
        ImportSpec {
            format,
            snapshot: "2026-12-01",
            pool: None,
            benchmark,
            source: "https://example.org/leaderboard",
            secondary: false,
            label: "t",
        }
    }

    #[test]
    fn arena_csv_maps_names_and_reports_unknown_ones() {
        let registry = Registry::shipped().unwrap();
        let text = "rank,model,elo,votes\n1,Veo 3.1,1250,900\n2,Vidu Q9,1240,100\n3,Sora 2,\"1,210.5\",800\n";
        let got = import(
            text,
            &spec(LeaderboardFormat::ArenaCsv, Some("LMArena text-to-video")),
            &registry,
        )
        .unwrap();
        assert_eq!(got.rows, 2);
        assert_eq!(got.pools, ["lmarena-text-to-video-2026-12-01"]);
        assert_eq!(got.unknown.len(), 1);
        assert_eq!(got.unknown[0].name, "Vidu Q9");
        assert_eq!(got.unknown[0].at("t"), "t:3");
        assert!(got.csv.contains("Sora 2,sora-2,LMArena text-to-video,Elo,1210.5,Elo,true,2026-12-01,https://example.org/leaderboard,measurement,lmarena-text-to-video-2026-12-01,false,"), "{}", got.csv);
        assert!(got.csv.contains("votes 900"));
    }

    #[test]
    fn a_missing_elo_column_or_bad_number_is_a_problem_with_its_line() {
        let registry = Registry::shipped().unwrap();
        let s = spec(LeaderboardFormat::ArenaCsv, Some("LMArena text-to-video"));
        let e = import("model,votes\nVeo 3,1\n", &s, &registry).unwrap_err();
        assert!(
            e[0].to_string().starts_with("t:1: an arena CSV needs"),
            "{}",
            e[0]
        );
        let e = import("model,elo\nVeo 3,high\n", &s, &registry).unwrap_err();
        assert_eq!(e[0].to_string(), "t:2: `Veo 3`: Elo `high` is not a number");
        let e = import("model,elo\n", &s, &registry).unwrap_err();
        assert_eq!(e[0].to_string(), "t: no leaderboard entries found");
    }

    #[test]
    fn json_entries_under_data_are_read() {
        let registry = Registry::shipped().unwrap();
        let text = r#"{"data":[{"name":"Kling 2.5 Turbo","elo":1230,"ci95":"-6/+6"},{"model":{"name":"Nope 1"},"elo":1}]}"#;
        let got = import(
            text,
            &spec(
                LeaderboardFormat::LeaderboardJson,
                Some("LMArena text-to-video"),
            ),
            &registry,
        )
        .unwrap();
        assert_eq!(got.rows, 1);
        assert_eq!(got.unknown[0].at("t"), "t: entry 2");
        assert!(got.csv.contains("95% CI -6/+6"));
        let e = import(
            "{\"x\":1}",
            &spec(LeaderboardFormat::LeaderboardJson, Some("B")),
            &registry,
        )
        .unwrap_err();
        assert!(e[0].message.starts_with("no leaderboard array"));
        let e = import(
            "[1",
            &spec(LeaderboardFormat::LeaderboardJson, Some("B")),
            &registry,
        )
        .unwrap_err();
        assert!(e[0].message.starts_with("not valid JSON"));
    }

    #[test]
    fn vbench_markdown_table_gives_one_pool_per_column() {
        let registry = Registry::shipped().unwrap();
        let text = "| Model | Date | Total Score | Dynamic Degree |\n|---|---|---|---|\n| [Wan 2.1](https://x) | 2025-02 | 71.50% | 55.00% |\n| **HunyuanVideo 1.0** | 2024-12 | 70.25% | 45.50% |\n";
        let got = import(text, &spec(LeaderboardFormat::VbenchTable, None), &registry).unwrap();
        assert_eq!(got.rows, 4);
        assert_eq!(
            got.pools,
            [
                "vbench-2026-12-01-total-score",
                "vbench-2026-12-01-dynamic-degree"
            ]
        );
        assert_eq!(got.skipped_columns, ["Date"]);
        assert!(
            got.csv
                .contains("Wan 2.1,wan-2.1,VBench total score,Total Score,71.50,%,true"),
            "{}",
            got.csv
        );
    }

    #[test]
    fn arena_formats_need_a_benchmark_and_a_url_source() {
        let registry = Registry::shipped().unwrap();
        let e = import(
            "model,elo\n",
            &spec(LeaderboardFormat::ArenaCsv, None),
            &registry,
        )
        .unwrap_err();
        assert!(e[0].message.contains("needs --benchmark"));
        let mut s = spec(LeaderboardFormat::ArenaCsv, Some("B"));
        s.source = "a file I found";
        let e = import("model,elo\n", &s, &registry).unwrap_err();
        assert!(e[0].message.contains("is not one URL"));
        s.source = "https://example.org";
        s.snapshot = "soon";
        let e = import("model,elo\n", &s, &registry).unwrap_err();
        assert!(e[0].message.starts_with("bad snapshot date"));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("LMArena text-to-video"), "lmarena-text-to-video");
        assert_eq!(slug("Total Score (%)"), "total-score");
    }
}
