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
//!
//! The module is split along its seams: `dimension` (the claim dimensions and the
//! `dimensions.csv` map), `row` (typed rows and values), `load` (reading and validating
//! `benchmarks.csv`), `pools` (as-of views and pool standings), `query` (the look-ups claim
//! verification asks), `status` (how fresh each family's measurements are) and `import`
//! (public leaderboard formats turned into dated pools). Dates are parsed by [`crate::dates`].

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::models::Registry;
use crate::problem::{join_problems, Problem};

mod dimension;
pub mod import;
mod load;
pub mod merge;
mod pools;
mod query;
mod row;
mod status;
#[cfg(test)]
mod tests;

pub use crate::dates::{parse_cli_date, parse_row_date, RowDate};
pub use dimension::{parse_dimensions, Dimension, DimensionRule, Strength};
pub use pools::{Pool, Standing, View};
pub use query::{Access, Comparison, Facts, RealityScore, RealitySummary, Winner};
pub use row::{Kind, Row, Value};
pub use status::FamilyStatus;

/// The measured outcomes shipped with hypecheck, embedded at compile time.
pub const SHIPPED_BENCHMARKS: &str = include_str!("../../data/benchmarks.csv");
/// The label used in messages about the shipped measured outcomes.
pub const SHIPPED_BENCHMARKS_LABEL: &str = "data/benchmarks.csv";
/// The dimension map shipped with hypecheck, embedded at compile time.
pub const SHIPPED_DIMENSIONS: &str = include_str!("../../data/dimensions.csv");
/// The label used in messages about the shipped dimension map.
pub const SHIPPED_DIMENSIONS_LABEL: &str = "data/dimensions.csv";

/// Columns of `benchmarks.csv`, in the order files are written. The last
/// [`OPTIONAL_COLUMNS`] may be missing from a file; the others are required.
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
    "note",
];

/// How many of the last [`COLUMNS`] (`pool`, `secondary`, `note`) a file may leave out. A
/// file written before the column was renamed may call the last one `notes`; it is read the same.
pub const OPTIONAL_COLUMNS: usize = 3;

/// Errors of the benchmarks module.
#[derive(Debug, thiserror::Error)]
pub enum BenchmarksError {
    /// A file could not be read.
    #[error("could not read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Malformed rows: every problem found, as `file:line: message`.
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
        let rows = load::parse_rows(text, file, registry, options, &mut problems);
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
}
