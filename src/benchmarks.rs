//! Measured outcomes: loading, validating and asking `data/benchmarks.csv` "as of" a date.
//!
//! Owns the evidence that claims are judged against: benchmark measurements (arena Elo,
//! Physics-IQ, ...) and facts (release dates, clip length, resolution, native audio, API
//! availability, prices), each with its source, and `data/dimensions.csv`, the data-only map
//! from benchmarks to the claim [`Dimension`] they can verify.
//!
//! Takes the CSV text of both files and a [`Registry`] (every row must name a registry model).
//! Validation collects every problem with its file and line instead of stopping at the first.
//! Hands on typed [`Row`]s and the look-ups claim verification needs: [`Benchmarks::as_of`]
//! (only rows dated on or before a date: what was knowable then), standings within a *pool*,
//! [`Benchmarks::compare`], [`Benchmarks::rank_of`], [`Benchmarks::best_on`],
//! [`Benchmarks::reality`], [`Benchmarks::facts`], [`Benchmarks::access`] and
//! [`Benchmarks::later`] (what changed after the date).
//!
//! A *pool* groups rows that may be compared with each other: one leaderboard snapshot (arena
//! Elo drifts, so each snapshot is its own pool) or one fixed-test-set leaderboard whose entries
//! accumulate over time (Physics-IQ; its as-of view holds the entries dated by then). Rows
//! without a pool are never ranked. Within a pool each model counts once, with its best row
//! (leaderboards list variants such as "Sora 2 (October)" and "(December)" separately).
//!
//! Dates: `YYYY-MM-DD`; `YYYY-MM` counts as the month's last day and `YYYY` as the year's last
//! day (the figure was surely known by then, perhaps earlier); an empty date means the row is
//! not usable for as-of judgments (it appears in listings and in [`Facts::undated`]).

pub mod merge;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::models::{join_problems, EntryKind, Problem, Registry};

/// The measured outcomes shipped with hypecheck, embedded at compile time.
pub const SHIPPED_BENCHMARKS: &str = include_str!("../data/benchmarks.csv");
/// The label used in messages about the shipped measured outcomes.
pub const SHIPPED_BENCHMARKS_LABEL: &str = "data/benchmarks.csv";
/// The dimension map shipped with hypecheck, embedded at compile time.
pub const SHIPPED_DIMENSIONS: &str = include_str!("../data/dimensions.csv");
/// The label used in messages about the shipped dimension map.
pub const SHIPPED_DIMENSIONS_LABEL: &str = "data/dimensions.csv";

/// Columns of `benchmarks.csv`, in the order files are written.
pub const COLUMNS: &[&str] = &[
    "model_raw",
    "model",
    "benchmark",
    "metric",
    "value",
    "unit",
    "higher_is_better",
    "date",
    "source",
    "kind",
    "pool",
    "secondary",
    "notes",
];

/// Errors of the benchmarks module.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarksError {
    #[error("could not read `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

impl BenchmarksError {
    /// The validation problems, if this is a validation error.
    pub fn problems(&self) -> &[Problem] {
        match self {
            BenchmarksError::Invalid(p) => p,
            BenchmarksError::Io { .. } => &[],
        }
    }
}

/// What a claim can be about, and what a benchmark can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    Overall,
    Realism,
    Physics,
    Motion,
    Audio,
    /// Following the prompt, including rendering text.
    PromptAdherence,
    Duration,
    Resolution,
    Price,
    Access,
    Release,
}

impl Dimension {
    pub const ALL: [Dimension; 11] = [
        Dimension::Overall,
        Dimension::Realism,
        Dimension::Physics,
        Dimension::Motion,
        Dimension::Audio,
        Dimension::PromptAdherence,
        Dimension::Duration,
        Dimension::Resolution,
        Dimension::Price,
        Dimension::Access,
        Dimension::Release,
    ];

    /// True for dimensions of output quality (overall, realism, physics, motion, audio,
    /// prompt adherence); false for specs and trade-offs (duration, resolution, price, access,
    /// release). Only quality dimensions enter the overall reality score.
    pub fn is_quality(self) -> bool {
        matches!(
            self,
            Dimension::Overall
                | Dimension::Realism
                | Dimension::Physics
                | Dimension::Motion
                | Dimension::Audio
                | Dimension::PromptAdherence
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Overall => "overall",
            Dimension::Realism => "realism",
            Dimension::Physics => "physics",
            Dimension::Motion => "motion",
            Dimension::Audio => "audio",
            Dimension::PromptAdherence => "prompt-adherence",
            Dimension::Duration => "duration",
            Dimension::Resolution => "resolution",
            Dimension::Price => "price",
            Dimension::Access => "access",
            Dimension::Release => "release",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Dimension {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Dimension::ALL.iter().map(|d| d.as_str()).collect();
                format!("unknown dimension `{s}` (known: {})", names.join(", "))
            })
    }
}

/// How directly a benchmark speaks to a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// The benchmark measures this dimension.
    Direct,
    /// The benchmark reflects this dimension only as part of something broader.
    Proxy,
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Strength::Direct => "direct",
            Strength::Proxy => "proxy",
        })
    }
}

/// Whether a row is a benchmark measurement or a fact about the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Measurement,
    Fact,
}

/// A row's date: the text as written and the day it counts as for as-of look-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDate {
    pub raw: String,
    /// `None` for an empty date: not usable for as-of judgments.
    pub effective: Option<NaiveDate>,
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` (last day of the month), `YYYY` (last day of the year) or
/// empty. `Err` for anything else.
pub fn parse_row_date(raw: &str) -> Result<RowDate, String> {
    let raw = raw.trim();
    let bad = || format!("bad date `{raw}`: expected YYYY-MM-DD, YYYY-MM, YYYY or empty");
    let effective = if raw.is_empty() {
        None
    } else {
        let parts: Vec<&str> = raw.split('-').collect();
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let date = match parts.as_slice() {
            [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            },
            [y, m] => match (num(y, 4), num(m, 2)) {
                (Some(y), Some(m)) => last_day_of_month(y as i32, m),
                _ => None,
            },
            [y] => num(y, 4).and_then(|y| NaiveDate::from_ymd_opt(y as i32, 12, 31)),
            _ => None,
        };
        Some(date.ok_or_else(bad)?)
    };
    Ok(RowDate {
        raw: raw.to_string(),
        effective,
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?;
    first_next.and_then(|d| d.pred_opt())
}

/// A row's value, typed by its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Value {
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    /// Vertical lines: `1080p` → 1080, `4K` → 2160, `1792x1024` → 1024.
    Resolution(u32),
    Text(String),
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Resolution(lines) => Some(f64::from(*lines)),
            _ => None,
        }
    }
}

/// Parses a value by its unit: `date`, `bool`, `pixels`/`resolution`, `text`, or a number for
/// any other unit.
fn parse_value(raw: &str, unit: &str) -> Result<Value, String> {
    let raw = raw.trim();
    match unit {
        "date" => parse_row_date(raw)
            .ok()
            .and_then(|d| d.effective.filter(|_| raw.len() == 10))
            .map(Value::Date)
            .ok_or_else(|| format!("bad date value `{raw}`: unit `date` needs YYYY-MM-DD")),
        "bool" => parse_bool(raw)
            .map(Value::Bool)
            .ok_or_else(|| format!("bad boolean value `{raw}`: expected yes/no or true/false")),
        "pixels" | "resolution" => parse_resolution(raw)
            .map(Value::Resolution)
            .ok_or_else(|| format!("bad resolution `{raw}`: expected e.g. 1080p, 4K or 1280x720")),
        "text" => Ok(Value::Text(raw.to_string())),
        _ => raw
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Value::Number)
            .ok_or_else(|| format!("bad number `{raw}` for unit `{unit}`")),
    }
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

fn parse_resolution(raw: &str) -> Option<u32> {
    let lower = raw.to_ascii_lowercase();
    if let Some(n) = lower.strip_suffix('p') {
        return n.parse().ok();
    }
    if let Some(k) = lower.strip_suffix('k') {
        return k.parse::<u32>().ok().map(|k| match k {
            4 => 2160,
            8 => 4320,
            other => other * 540,
        });
    }
    let (w, h) = lower.split_once('x')?;
    Some(w.parse::<u32>().ok()?.min(h.parse::<u32>().ok()?))
}

/// One row of `benchmarks.csv`, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Line of the row in its file (the first line of a multi-line record).
    pub line: u64,
    /// The model as the source wrote it ("Kling 2.5 Turbo 1080p").
    pub model_raw: String,
    /// Registry id.
    pub model: String,
    pub benchmark: String,
    pub metric: String,
    pub value_raw: String,
    pub value: Value,
    pub unit: String,
    pub higher_is_better: Option<bool>,
    pub date: RowDate,
    pub source: String,
    pub kind: Kind,
    pub pool: Option<String>,
    /// True if the figure was read from a copy, not from the benchmark owner or vendor.
    pub secondary: bool,
    pub notes: String,
}

impl Row {
    /// True if the row is dated on or before `date`.
    pub fn known_by(&self, date: NaiveDate) -> bool {
        self.date.effective.is_some_and(|d| d <= date)
    }

    /// The key that makes two rows duplicates: the same source model name, registry model,
    /// benchmark, metric and date.
    pub fn key(&self) -> (String, String, String, String, String) {
        (
            self.model_raw.to_lowercase(),
            self.model.clone(),
            self.benchmark.to_lowercase(),
            self.metric.to_lowercase(),
            self.date.raw.clone(),
        )
    }
}

/// One rule of `dimensions.csv`: a benchmark name (exact, or a prefix when it ends in `*`).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionRule {
    pub benchmark: String,
    pub dimension: Dimension,
    pub strength: Strength,
    pub notes: String,
    pub line: u64,
}

impl DimensionRule {
    pub fn matches(&self, benchmark: &str) -> bool {
        match self.benchmark.strip_suffix('*') {
            Some(prefix) => benchmark.starts_with(prefix),
            None => benchmark == self.benchmark,
        }
    }
}

/// Options for [`Benchmarks::parse`].
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Fill an empty `model` column from `model_raw` through [`Registry::resolve_name`]
    /// (used when importing a leaderboard copied from elsewhere).
    pub resolve_missing_models: bool,
}

/// Validated measured outcomes plus the dimension map.
#[derive(Debug, Clone)]
pub struct Benchmarks {
    rows: Vec<Row>,
    rules: Vec<DimensionRule>,
}

/// Parses `dimensions.csv`, collecting problems.
pub fn parse_dimensions(text: &str, file: &str) -> Result<Vec<DimensionRule>, BenchmarksError> {
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(BenchmarksError::Invalid(vec![Problem {
                file: file.into(),
                line: 1,
                message: format!("cannot read header: {e}"),
            }]))
        }
    };
    let col: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h, i)).collect();
    for required in ["benchmark", "dimension", "strength"] {
        if !col.contains_key(required) {
            problems.push(Problem {
                file: file.into(),
                line: 1,
                message: format!("missing column `{required}`"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(BenchmarksError::Invalid(problems));
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    file: file.into(),
                    line: e.position().map_or(0, |p| p.line()),
                    message: format!("malformed CSV: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| {
            col.get(name)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let mut problem = |message: String| {
            problems.push(Problem {
                file: file.into(),
                line,
                message,
            })
        };
        let benchmark = get("benchmark");
        if benchmark.is_empty() {
            problem("missing benchmark".into());
        }
        let dimension = get("dimension").parse::<Dimension>().map_err(&mut problem);
        let strength = match get("strength").as_str() {
            "direct" => Some(Strength::Direct),
            "proxy" => Some(Strength::Proxy),
            other => {
                problem(format!(
                    "bad strength `{other}`: expected `direct` or `proxy`"
                ));
                None
            }
        };
        if let (Ok(dimension), Some(strength)) = (dimension, strength) {
            rules.push(DimensionRule {
                benchmark,
                dimension,
                strength,
                notes: get("notes"),
                line,
            });
        }
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(BenchmarksError::Invalid(problems))
    }
}

fn read(path: &Path) -> Result<String, BenchmarksError> {
    std::fs::read_to_string(path).map_err(|source| BenchmarksError::Io {
        path: path.to_path_buf(),
        source,
    })
}

impl Benchmarks {
    /// The shipped measured outcomes and dimension map, checked against `registry`.
    pub fn shipped(registry: &Registry) -> Result<Self, BenchmarksError> {
        Self::parse(
            SHIPPED_BENCHMARKS,
            SHIPPED_BENCHMARKS_LABEL,
            SHIPPED_DIMENSIONS,
            SHIPPED_DIMENSIONS_LABEL,
            registry,
            LoadOptions::default(),
        )
    }

    /// Reads a benchmarks file and a dimensions file (the shipped one if `None`).
    pub fn from_paths(
        benchmarks: &Path,
        dimensions: Option<&Path>,
        registry: &Registry,
        options: LoadOptions,
    ) -> Result<Self, BenchmarksError> {
        let text = read(benchmarks)?;
        let (dims, dims_label) = match dimensions {
            Some(p) => (read(p)?, p.display().to_string()),
            None => (
                SHIPPED_DIMENSIONS.to_string(),
                SHIPPED_DIMENSIONS_LABEL.to_string(),
            ),
        };
        Self::parse(
            &text,
            &benchmarks.display().to_string(),
            &dims,
            &dims_label,
            registry,
            options,
        )
    }

    /// Parses and validates both files; every problem is reported with its file and line.
    pub fn parse(
        text: &str,
        file: &str,
        dimensions: &str,
        dimensions_file: &str,
        registry: &Registry,
        options: LoadOptions,
    ) -> Result<Self, BenchmarksError> {
        let (rules, mut problems) = match parse_dimensions(dimensions, dimensions_file) {
            Ok(r) => (r, Vec::new()),
            Err(e) => (Vec::new(), e.problems().to_vec()),
        };
        let rows = parse_rows(text, file, registry, options, &mut problems);
        if problems.is_empty() {
            Ok(Benchmarks { rows, rules })
        } else {
            Err(BenchmarksError::Invalid(problems))
        }
    }

    /// All rows in file order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The dimension rules in file order.
    pub fn rules(&self) -> &[DimensionRule] {
        &self.rules
    }

    /// The dimensions a benchmark can verify, with how directly.
    pub fn dimensions_of(&self, benchmark: &str) -> Vec<(Dimension, Strength)> {
        let mut out: Vec<(Dimension, Strength)> = Vec::new();
        for r in self.rules.iter().filter(|r| r.matches(benchmark)) {
            match out.iter_mut().find(|(d, _)| *d == r.dimension) {
                Some(existing) => existing.1 = existing.1.min(r.strength),
                None => out.push((r.dimension, r.strength)),
            }
        }
        out
    }

    /// How directly a row speaks to a dimension, if at all.
    pub fn strength(&self, row: &Row, dimension: Dimension) -> Option<Strength> {
        self.dimensions_of(&row.benchmark)
            .into_iter()
            .find(|(d, _)| *d == dimension)
            .map(|(_, s)| s)
    }

    /// The latest effective date of any row.
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.rows.iter().filter_map(|r| r.date.effective).max()
    }

    /// What was knowable on `date`: rows dated on or before it.
    pub fn as_of(&self, date: NaiveDate) -> View<'_> {
        View {
            data: self,
            date,
            rows: self.rows.iter().filter(|r| r.known_by(date)).collect(),
        }
    }

    /// Rows for `model` on `benchmark` dated after `date`: what changed later.
    pub fn later(&self, model: &str, benchmark: &str, date: NaiveDate) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| {
                r.model == model
                    && r.benchmark == benchmark
                    && r.date.effective.is_some_and(|d| d > date)
            })
            .collect()
    }

    /// Rows for `model` that speak to `dimension` dated after `date`.
    pub fn later_on(&self, model: &str, dimension: Dimension, date: NaiveDate) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| {
                r.model == model
                    && r.date.effective.is_some_and(|d| d > date)
                    && self.strength(r, dimension).is_some()
            })
            .collect()
    }

    /// The standing of `model` on `dimension` as of `date`: its rank in the latest pool
    /// (at or before the date) that maps to the dimension, contains the model and has at least
    /// two models. Direct pools are preferred; proxy pools are used only if no direct pool has
    /// the model.
    pub fn rank_of(
        &self,
        model: &str,
        dimension: Dimension,
        date: NaiveDate,
    ) -> Option<Standing<'_>> {
        let view = self.as_of(date);
        let pick = |strength: Strength| {
            view.pools_for(dimension, strength)
                .into_iter()
                .filter(|p| p.n() >= 2)
                .filter_map(|p| p.standing(model))
                .max_by(|a, b| newer_pool(a, b))
        };
        pick(Strength::Direct).or_else(|| pick(Strength::Proxy))
    }

    /// The reality score of `model` on one dimension as of `date` (see [`RealityScore`]).
    pub fn reality(
        &self,
        model: &str,
        date: NaiveDate,
        dimension: Dimension,
    ) -> Option<RealityScore<'_>> {
        self.rank_of(model, dimension, date).map(|s| RealityScore {
            dimension,
            percentile: s.percentile,
            standing: s,
        })
    }

    /// Reality scores of `model` on every dimension with data as of `date`, and their mean over
    /// the quality dimensions backed by direct evidence (price is a trade-off, not quality: a
    /// cheap weak model should not look strong). `None` if there is no such dimension.
    pub fn reality_summary(&self, model: &str, date: NaiveDate) -> Option<RealitySummary<'_>> {
        let per_dimension: Vec<RealityScore<'_>> = Dimension::ALL
            .into_iter()
            .filter_map(|d| self.reality(model, date, d))
            .collect();
        let direct: Vec<f64> = per_dimension
            .iter()
            .filter(|s| s.dimension.is_quality() && s.standing.strength == Some(Strength::Direct))
            .map(|s| s.percentile)
            .collect();
        if direct.is_empty() {
            return None;
        }
        Some(RealitySummary {
            model: model.to_string(),
            date,
            overall: direct.iter().sum::<f64>() / direct.len() as f64,
            per_dimension,
        })
    }

    /// Compares two models on `dimension` as of `date`, within the latest pool (at or before
    /// the date) that holds both; direct pools first, proxy pools only if no direct pool
    /// holds both. `None` if no pool measured both.
    pub fn compare(
        &self,
        a: &str,
        b: &str,
        dimension: Dimension,
        date: NaiveDate,
    ) -> Option<Comparison<'_>> {
        let view = self.as_of(date);
        let pick = |strength: Strength| {
            view.pools_for(dimension, strength)
                .into_iter()
                .filter_map(|p| Some((p.standing(a)?, p.standing(b)?)))
                .max_by(|x, y| newer_pool(&x.0, &y.0))
        };
        let (sa, sb) = pick(Strength::Direct).or_else(|| pick(Strength::Proxy))?;
        let better = if sa.higher_is_better {
            sa.value.partial_cmp(&sb.value)
        } else {
            sb.value.partial_cmp(&sa.value)
        };
        let winner = match better {
            Some(std::cmp::Ordering::Greater) => Winner::A,
            Some(std::cmp::Ordering::Less) => Winner::B,
            _ => Winner::Tie,
        };
        Some(Comparison {
            dimension,
            date,
            gap: (sa.value - sb.value).abs(),
            winner,
            a: sa,
            b: sb,
        })
    }

    /// The comparison on all data, if it differs from the one as of `date`: another pool
    /// decides and its winner differs, or the models were not compared by then but are now.
    /// Lets a verdict say "later data changed the picture".
    pub fn changed_later(
        &self,
        a: &str,
        b: &str,
        dimension: Dimension,
        date: NaiveDate,
    ) -> Option<Comparison<'_>> {
        let latest = self.compare(a, b, dimension, self.latest_date()?)?;
        match self.compare(a, b, dimension, date) {
            Some(then) if then.a.pool == latest.a.pool || then.winner == latest.winner => None,
            _ => Some(latest),
        }
    }

    /// The top model on `dimension` as of `date`: the leader of the latest pool with at least
    /// two models (ties: first in rank order). Direct pools first; proxy pools only if no
    /// direct pool has two models (the standing's `strength` says which).
    pub fn best_on(&self, dimension: Dimension, date: NaiveDate) -> Option<Standing<'_>> {
        let view = self.as_of(date);
        let pick = |strength: Strength| {
            view.pools_for(dimension, strength)
                .into_iter()
                .filter(|p| p.n() >= 2)
                .filter_map(|p| p.standings.into_iter().next())
                .max_by(newer_pool)
        };
        pick(Strength::Direct).or_else(|| pick(Strength::Proxy))
    }

    /// Facts about `model` on `dimension`: those dated by `date` (newest first), undated ones,
    /// and those dated later.
    pub fn facts(&self, model: &str, dimension: Dimension, date: NaiveDate) -> Facts<'_> {
        let mut facts = Facts::default();
        for r in &self.rows {
            if r.model != model || r.kind != Kind::Fact || self.strength(r, dimension).is_none() {
                continue;
            }
            match r.date.effective {
                Some(d) if d <= date => facts.known.push(r),
                Some(_) => facts.later.push(r),
                None => facts.undated.push(r),
            }
        }
        facts
            .known
            .sort_by_key(|r| std::cmp::Reverse(r.date.effective));
        facts.later.sort_by_key(|r| r.date.effective);
        facts
    }

    /// Whether `model` was available (through an API) on `date`, from the access facts known
    /// by then. A fact whose benchmark says "shutdown" or "discontinued" ends availability on
    /// its date value; other dated access facts start it.
    pub fn access(&self, model: &str, date: NaiveDate) -> Access<'_> {
        let facts = self.facts(model, Dimension::Access, date);
        let mut start: Option<(NaiveDate, &Row)> = None;
        let mut end: Option<(NaiveDate, &Row)> = None;
        for r in facts.known {
            let Value::Date(d) = r.value else { continue };
            let b = r.benchmark.to_lowercase();
            if b.contains("shutdown") || b.contains("discontinued") {
                if end.is_none_or(|(e, _)| d < e) {
                    end = Some((d, r));
                }
            } else if start.is_none_or(|(s, _)| d < s) {
                start = Some((d, r));
            }
        }
        match (end, start) {
            (Some((on, evidence)), _) if on <= date => Access::ShutDown { on, evidence },
            (Some((on, evidence)), _) => Access::ShutdownAnnounced { on, evidence },
            (None, Some((since, evidence))) if since <= date => {
                Access::Available { since, evidence }
            }
            (None, Some((since, evidence))) => Access::Announced { since, evidence },
            (None, None) => Access::Unknown,
        }
    }
}

/// Orders standings by pool recency, then pool size, then primary over secondary sources,
/// then pool name (so the choice is deterministic).
fn newer_pool(a: &Standing<'_>, b: &Standing<'_>) -> std::cmp::Ordering {
    a.snapshot
        .cmp(&b.snapshot)
        .then(a.n.cmp(&b.n))
        .then(b.evidence.secondary.cmp(&a.evidence.secondary))
        .then(b.pool.cmp(a.pool))
}

fn parse_rows(
    text: &str,
    file: &str,
    registry: &Registry,
    options: LoadOptions,
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    let mut push = |line: u64, message: String| {
        problems.push(Problem {
            file: file.to_string(),
            line,
            message,
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            push(1, format!("cannot read header: {e}"));
            return Vec::new();
        }
    };
    let col: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h, i)).collect();
    let required = [
        "model_raw",
        "model",
        "benchmark",
        "metric",
        "value",
        "unit",
        "higher_is_better",
        "date",
        "source",
        "kind",
    ];
    let mut missing = false;
    for name in required {
        if !col.contains_key(name) {
            push(1, format!("missing column `{name}`"));
            missing = true;
        }
    }
    if missing {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                push(
                    e.position().map_or(0, |p| p.line()),
                    format!("malformed CSV: {e}"),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            push(
                line,
                format!("expected {} fields, found {}", header.len(), record.len()),
            );
            continue;
        }
        let get = |name: &str| {
            col.get(name)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let mut ok = true;
        let mut bad = |message: String| {
            ok = false;
            push(line, message);
        };
        let model_raw = get("model_raw");
        let mut model = get("model");
        if model.is_empty() && options.resolve_missing_models && !model_raw.is_empty() {
            match registry.resolve_name(&model_raw) {
                Some(m) => model = m.id.clone(),
                None => bad(format!(
                    "cannot map model `{model_raw}` to a registry id; fill in the `model` column"
                )),
            }
        } else if model.is_empty() {
            bad("missing model id".into());
        } else {
            match registry.get(&model) {
                Some(m) if m.kind == EntryKind::Model => {}
                Some(_) => bad(format!(
                    "`{model}` is a model family, not a model; name the version"
                )),
                None => bad(format!("unknown model id `{model}`")),
            }
        }
        let model_raw = if model_raw.is_empty() {
            model.clone()
        } else {
            model_raw
        };
        let benchmark = get("benchmark");
        if benchmark.is_empty() {
            bad("missing benchmark".into());
        }
        let unit = get("unit");
        let value_raw = get("value");
        let value = match parse_value(&value_raw, &unit) {
            Ok(v) => Some(v),
            Err(m) => {
                bad(m);
                None
            }
        };
        let hib_raw = get("higher_is_better");
        let higher_is_better = if hib_raw.is_empty() {
            None
        } else {
            match parse_bool(&hib_raw) {
                Some(b) => Some(b),
                None => {
                    bad(format!(
                        "bad boolean `{hib_raw}` in `higher_is_better`: expected true, false or empty"
                    ));
                    None
                }
            }
        };
        let date = match parse_row_date(&get("date")) {
            Ok(d) => Some(d),
            Err(m) => {
                bad(m);
                None
            }
        };
        let source = get("source");
        if source.is_empty() {
            bad("missing source: every figure needs the page it was read from".into());
        }
        let kind = match get("kind").as_str() {
            "measurement" => Some(Kind::Measurement),
            "fact" => Some(Kind::Fact),
            other => {
                bad(format!(
                    "bad kind `{other}`: expected `measurement` or `fact`"
                ));
                None
            }
        };
        let secondary_raw = get("secondary");
        let secondary = if secondary_raw.is_empty() {
            false
        } else {
            match parse_bool(&secondary_raw) {
                Some(b) => b,
                None => {
                    bad(format!(
                        "bad boolean `{secondary_raw}` in `secondary`: expected true or false"
                    ));
                    false
                }
            }
        };
        let pool = Some(get("pool")).filter(|p| !p.is_empty());
        if pool.is_some() {
            let numeric = value.as_ref().and_then(Value::as_number).is_some();
            if !numeric || higher_is_better.is_none() {
                bad("a row in a pool needs a numeric value and `higher_is_better`".into());
            }
        }
        if let (true, Some(value), Some(date), Some(kind)) = (ok, value, date, kind) {
            rows.push(Row {
                line,
                model_raw,
                model,
                benchmark,
                metric: get("metric"),
                value_raw,
                value,
                unit,
                higher_is_better,
                date,
                source,
                kind,
                pool,
                secondary,
                notes: get("notes"),
            });
        }
    }
    // Cross-row checks: duplicates, and pools that mix units or directions.
    let mut seen: HashMap<_, u64> = HashMap::new();
    let mut pools: HashMap<&str, &Row> = HashMap::new();
    for r in &rows {
        if let Some(first) = seen.insert(r.key(), r.line) {
            push(
                r.line,
                format!("duplicate of line {first} (same model, benchmark, metric and date)"),
            );
            seen.insert(r.key(), first);
        }
        if let Some(pool) = &r.pool {
            match pools.get(pool.as_str()) {
                Some(first)
                    if first.unit != r.unit || first.higher_is_better != r.higher_is_better =>
                {
                    push(
                        r.line,
                        format!(
                            "pool `{pool}` mixes unit `{}`/higher_is_better {:?} (line {}) with `{}`/{:?}",
                            first.unit, first.higher_is_better, first.line, r.unit, r.higher_is_better
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    pools.insert(pool, r);
                }
            }
        }
    }
    rows
}

/// The rows knowable on a date, with pool standings.
#[derive(Debug, Clone)]
pub struct View<'a> {
    data: &'a Benchmarks,
    date: NaiveDate,
    rows: Vec<&'a Row>,
}

impl<'a> View<'a> {
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Rows dated on or before the view's date.
    pub fn rows(&self) -> &[&'a Row] {
        &self.rows
    }

    /// Every pool with rows in this view, ranked, in pool-name order.
    pub fn pools(&self) -> Vec<Pool<'a>> {
        let mut by_pool: BTreeMap<&'a str, Vec<&'a Row>> = BTreeMap::new();
        for r in &self.rows {
            if let Some(p) = &r.pool {
                by_pool.entry(p.as_str()).or_default().push(r);
            }
        }
        by_pool
            .into_iter()
            .filter_map(|(name, rows)| Pool::rank(name, &rows, None))
            .collect()
    }

    /// Pools whose benchmark maps to `dimension` with exactly `strength`, ranked.
    pub fn pools_for(&self, dimension: Dimension, strength: Strength) -> Vec<Pool<'a>> {
        let mut by_pool: BTreeMap<&'a str, Vec<&'a Row>> = BTreeMap::new();
        for r in &self.rows {
            let Some(p) = &r.pool else { continue };
            if self.data.strength(r, dimension) == Some(strength) {
                by_pool.entry(p.as_str()).or_default().push(r);
            }
        }
        by_pool
            .into_iter()
            .filter_map(|(name, rows)| Pool::rank(name, &rows, Some(strength)))
            .collect()
    }
}

/// A pool as of a date: its models ranked by their best value.
#[derive(Debug, Clone, Serialize)]
pub struct Pool<'a> {
    pub name: &'a str,
    /// The latest row date in the pool as of the view's date.
    pub snapshot: NaiveDate,
    pub standings: Vec<Standing<'a>>,
}

impl<'a> Pool<'a> {
    /// Ranks the rows of one pool. Each model counts once, with its best row (ties: first
    /// line). Rank = 1 + number of models strictly better; percentile = (models strictly worse
    /// + half the other models tied) / (n - 1) * 100, or 50 when the pool has one model.
    fn rank(name: &'a str, rows: &[&'a Row], strength: Option<Strength>) -> Option<Pool<'a>> {
        let first = rows.first()?;
        let higher = first.higher_is_better.unwrap_or(true);
        let better = |x: f64, y: f64| if higher { x > y } else { x < y };
        let mut best: Vec<(&'a Row, f64)> = Vec::new();
        for r in rows {
            let Some(v) = r.value.as_number() else {
                continue;
            };
            match best.iter_mut().find(|(b, _)| b.model == r.model) {
                Some(entry) => {
                    if better(v, entry.1) {
                        *entry = (r, v);
                    }
                }
                None => best.push((r, v)),
            }
        }
        let snapshot = rows.iter().filter_map(|r| r.date.effective).max()?;
        let n = best.len();
        let mut standings: Vec<Standing<'a>> = best
            .iter()
            .map(|&(row, v)| {
                let above = best.iter().filter(|(_, o)| better(*o, v)).count();
                let below = best.iter().filter(|(_, o)| better(v, *o)).count();
                let tied = n - above - below - 1;
                let percentile = if n > 1 {
                    (below as f64 + 0.5 * tied as f64) / (n - 1) as f64 * 100.0
                } else {
                    50.0
                };
                Standing {
                    model: &row.model,
                    pool: name,
                    snapshot,
                    strength,
                    rank: above + 1,
                    n,
                    value: v,
                    unit: &row.unit,
                    higher_is_better: higher,
                    percentile,
                    evidence: row,
                }
            })
            .collect();
        standings.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then(a.evidence.line.cmp(&b.evidence.line))
        });
        Some(Pool {
            name,
            snapshot,
            standings,
        })
    }

    /// Number of models in the pool.
    pub fn n(&self) -> usize {
        self.standings.len()
    }

    /// The standing of one model, if the pool has it.
    pub fn standing(&self, model: &str) -> Option<Standing<'a>> {
        self.standings.iter().find(|s| s.model == model).cloned()
    }
}

/// A model's place in one pool.
#[derive(Debug, Clone, Serialize)]
pub struct Standing<'a> {
    pub model: &'a str,
    pub pool: &'a str,
    /// The latest row date in the pool as of the date asked about.
    pub snapshot: NaiveDate,
    /// How the pool speaks to the dimension asked about; `None` in listings made without a
    /// dimension ([`View::pools`]).
    pub strength: Option<Strength>,
    /// 1 = best; tied models share a rank.
    pub rank: usize,
    /// Models in the pool.
    pub n: usize,
    pub value: f64,
    pub unit: &'a str,
    pub higher_is_better: bool,
    /// 100 = best of the pool, 0 = worst.
    pub percentile: f64,
    /// The row that decided the standing.
    pub evidence: &'a Row,
}

/// The reality score of a model on one dimension at a date: its percentile in the latest pool
/// that measured it on that dimension, with the standing as evidence.
#[derive(Debug, Clone, Serialize)]
pub struct RealityScore<'a> {
    pub dimension: Dimension,
    pub percentile: f64,
    pub standing: Standing<'a>,
}

/// Reality scores of a model on every dimension with data, and the overall score.
#[derive(Debug, Clone, Serialize)]
pub struct RealitySummary<'a> {
    pub model: String,
    pub date: NaiveDate,
    /// Mean percentile over the quality dimensions backed by direct evidence (proxy evidence
    /// is left out so one arena does not count three times; price is left out because it is a
    /// trade-off, not quality).
    pub overall: f64,
    pub per_dimension: Vec<RealityScore<'a>>,
}

/// Which side of a comparison ranks higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Winner {
    A,
    B,
    Tie,
}

/// Two models measured in the same pool.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'a> {
    pub dimension: Dimension,
    /// The as-of date asked about.
    pub date: NaiveDate,
    pub a: Standing<'a>,
    pub b: Standing<'a>,
    pub winner: Winner,
    /// Absolute difference of the values, in the pool's unit. A small gap (an arena Elo gap
    /// within the confidence interval, about ±10) is not a meaningful difference.
    pub gap: f64,
}

/// Facts about one model on one dimension, split by the as-of date.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts<'a> {
    /// Dated on or before the date, newest first.
    pub known: Vec<&'a Row>,
    /// No date: not usable for as-of judgments, shown as context.
    pub undated: Vec<&'a Row>,
    /// Dated after the date, oldest first.
    pub later: Vec<&'a Row>,
}

/// Availability of a model at a date, from the access facts known by then.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Access<'a> {
    Available {
        since: NaiveDate,
        evidence: &'a Row,
    },
    /// A start date is known but lies after the date.
    Announced {
        since: NaiveDate,
        evidence: &'a Row,
    },
    ShutDown {
        on: NaiveDate,
        evidence: &'a Row,
    },
    /// A shutdown is known but lies after the date.
    ShutdownAnnounced {
        on: NaiveDate,
        evidence: &'a Row,
    },
    Unknown,
}

/// Parses a date given on the command line, with the same forms and meaning as row dates.
pub fn parse_cli_date(s: &str) -> Result<NaiveDate, String> {
    parse_row_date(s)?
        .effective
        .filter(|d| d.year() > 0)
        .ok_or_else(|| format!("bad date `{s}`: expected YYYY-MM-DD, YYYY-MM or YYYY"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        match parse_cli_date(s) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn registry() -> Registry {
        match Registry::shipped() {
            Ok(r) => r,
            Err(e) => panic!("shipped registry is invalid:\n{e}"),
        }
    }

    fn shipped(registry: &Registry) -> Benchmarks {
        match Benchmarks::shipped(registry) {
            Ok(b) => b,
            Err(e) => panic!("shipped benchmarks are invalid:\n{e}"),
        }
    }

    const HEADER: &str = "model_raw,model,benchmark,metric,value,unit,higher_is_better,date,source,kind,pool,secondary,notes\n";

    fn fixture(rows: &str, registry: &Registry) -> Benchmarks {
        let text = format!("{HEADER}{rows}");
        match Benchmarks::parse(
            &text,
            "fixture.csv",
            SHIPPED_DIMENSIONS,
            SHIPPED_DIMENSIONS_LABEL,
            registry,
            LoadOptions::default(),
        ) {
            Ok(b) => b,
            Err(e) => panic!("fixture invalid:\n{e}"),
        }
    }

    #[test]
    fn dates_mean_the_last_day_of_their_period() {
        assert_eq!(
            parse_row_date("2026-01").ok().and_then(|d| d.effective),
            Some(day("2026-01-31"))
        );
        assert_eq!(
            parse_row_date("2024-02").ok().and_then(|d| d.effective),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            parse_row_date("2026").ok().and_then(|d| d.effective),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(parse_row_date("").ok().and_then(|d| d.effective), None);
        assert!(parse_row_date("2026-13").is_err());
        assert!(parse_row_date("26-01-01").is_err());
        assert!(parse_row_date("2026-02-30").is_err());
    }

    #[test]
    fn resolutions_parse_to_lines() {
        assert_eq!(parse_resolution("1080p"), Some(1080));
        assert_eq!(parse_resolution("4K"), Some(2160));
        assert_eq!(parse_resolution("1792x1024"), Some(1024));
        assert_eq!(parse_resolution("big"), None);
    }

    #[test]
    fn reality_score_by_hand() {
        // Four models, higher is better: 1300 > 1200 = 1200 > 1100.
        // veo-3: 3 below, 0 tied → 3/3·100 = 100; rank 1.
        // sora-2, kling-3.0: 1 below, 1 tied → (1 + 0.5)/3·100 = 50; rank 2.
        // wan-2.2: 0 below → 0; rank 4.
        let r = registry();
        let b = fixture(
            "Veo 3,veo-3,Arena text-to-video,Elo,1300,Elo,true,2026-03-01,s,measurement,p,false,\n\
             Sora 2,sora-2,Arena text-to-video,Elo,1200,Elo,true,2026-03-01,s,measurement,p,false,\n\
             Kling 3.0,kling-3.0,Arena text-to-video,Elo,1200,Elo,true,2026-03-01,s,measurement,p,false,\n\
             Wan 2.2,wan-2.2,Arena text-to-video,Elo,1100,Elo,true,2026-03-01,s,measurement,p,false,\n",
            &r,
        );
        let dims = format!(
            "{}LMArena*,overall,direct,\nArena*,overall,direct,\n",
            "benchmark,dimension,strength,notes\n"
        );
        let b = Benchmarks {
            rows: b.rows,
            rules: parse_dimensions(&dims, "d.csv").unwrap_or_default(),
        };
        let date = day("2026-03-02");
        let score = |m: &str| {
            b.reality(m, date, Dimension::Overall)
                .map(|s| (s.percentile, s.standing.rank, s.standing.n))
        };
        assert_eq!(score("veo-3"), Some((100.0, 1, 4)));
        assert_eq!(score("sora-2"), Some((50.0, 2, 4)));
        assert_eq!(score("kling-3.0"), Some((50.0, 2, 4)));
        assert_eq!(score("wan-2.2"), Some((0.0, 4, 4)));
        // Before the snapshot nothing was known.
        assert!(b
            .reality("veo-3", day("2026-02-28"), Dimension::Overall)
            .is_none());
        let summary = b.reality_summary("sora-2", date);
        assert_eq!(summary.map(|s| s.overall), Some(50.0));
    }

    #[test]
    fn lower_is_better_ranks_cheapest_first() {
        let r = registry();
        let b = shipped(&r);
        let s = b.rank_of("seedance-1.5", Dimension::Price, day("2026-02-01"));
        let s = s.map(|s| (s.pool, s.rank, s.n, s.percentile));
        assert_eq!(s, Some(("aa-price-per-min-2026-01", 1, 4, 100.0)));
    }

    #[test]
    fn comparison_follows_the_snapshot_of_the_date() {
        let r = registry();
        let b = shipped(&r);
        let feb = b.compare(
            "kling-2.5-turbo",
            "veo-3.1-fast",
            Dimension::Overall,
            day("2026-02-15"),
        );
        let aug = b.compare(
            "kling-2.5-turbo",
            "veo-3.1-fast",
            Dimension::Overall,
            day("2026-08-10"),
        );
        let feb = feb.map(|c| (c.a.pool, c.winner));
        let aug = aug.map(|c| (c.a.pool, c.winner));
        assert_eq!(feb, Some(("aa-t2v-2026-01", Winner::A)));
        assert_eq!(aug, Some(("aa-t2v-2026-08-06", Winner::B)));
        assert!(b
            .compare(
                "kling-2.5-turbo",
                "veo-3.1-fast",
                Dimension::Overall,
                day("2025-12-31")
            )
            .is_none());
        let k = "kling-2.5-turbo";
        let v = "veo-3.1-fast";
        let later = b.changed_later(k, v, Dimension::Overall, day("2026-02-15"));
        assert_eq!(later.map(|c| c.winner), Some(Winner::B));
        assert!(b
            .changed_later(k, v, Dimension::Overall, day("2026-08-10"))
            .is_none());
    }

    #[test]
    fn best_on_overall_is_the_leader_of_the_latest_snapshot() {
        let r = registry();
        let b = shipped(&r);
        assert_eq!(
            b.best_on(Dimension::Overall, day("2026-02-01"))
                .map(|s| s.model),
            Some("grok-imagine-video")
        );
        let realism = b.best_on(Dimension::Realism, day("2026-09-01"));
        assert_eq!(
            realism.map(|s| (s.model, s.strength)),
            Some(("gemini-omni-flash", Some(Strength::Proxy)))
        );
        assert_eq!(
            b.best_on(Dimension::Overall, day("2026-09-01"))
                .map(|s| s.model),
            Some("gemini-omni-flash")
        );
    }

    #[test]
    fn physics_pool_accumulates_entries() {
        let r = registry();
        let b = shipped(&r);
        let early = b.rank_of("sora-1", Dimension::Physics, day("2025-03-01"));
        assert_eq!(early.map(|s| (s.rank, s.n)), Some((4, 4)));
        let late = b.rank_of("sora-1", Dimension::Physics, day("2026-05-01"));
        assert_eq!(late.map(|s| (s.rank, s.n)), Some((8, 8)));
    }

    #[test]
    fn sora_2_access_ends_with_the_shutdown() {
        let r = registry();
        let b = shipped(&r);
        assert!(matches!(
            b.access("sora-2", day("2025-10-01")),
            Access::Unknown
        ));
        assert!(matches!(
            b.access("sora-2", day("2025-12-01")),
            Access::Available { .. }
        ));
        assert!(matches!(
            b.access("sora-2", day("2026-10-01")),
            Access::ShutDown { .. }
        ));
        assert!(matches!(
            b.access("veo-3.1", day("2026-10-01")),
            Access::Unknown
        ));
    }

    #[test]
    fn facts_split_by_date() {
        let r = registry();
        let b = shipped(&r);
        let f = b.facts("sora-2", Dimension::Duration, day("2026-01-01"));
        assert!(f.known.is_empty());
        assert_eq!(f.undated.len(), 1);
        let audio = b.facts("veo-3", Dimension::Audio, day("2026-06-01"));
        assert_eq!(
            audio.known.first().map(|r| &r.value),
            Some(&Value::Bool(true))
        );
        let later = b.later(
            "kling-2.5-turbo",
            "Artificial Analysis Video Arena text-to-video",
            day("2026-02-01"),
        );
        assert_eq!(later.len(), 1);
    }
}
