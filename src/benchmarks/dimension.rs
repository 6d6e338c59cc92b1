//! Claim dimensions and `dimensions.csv`, the data-only map from benchmarks to the dimensions
//! they can verify.
//!
//! Owns [`Dimension`] (what a claim is about), [`Strength`] (how directly a benchmark speaks to
//! a dimension) and the [`DimensionRule`]s read from `dimensions.csv`. Claims, check, the report
//! and the CLI all name dimensions through this type.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::problem::Problems;
use crate::table::{Table, Width};

use super::BenchmarksError;

/// Columns of `dimensions.csv`; `notes` may be missing.
const DIMENSION_COLUMNS: &[&str] = &["benchmark", "dimension", "strength"];

/// What a claim can be about, and what a benchmark can verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// Overall quality ("the best video model").
    Overall,
    /// How real the pictures look.
    Realism,
    /// Physically plausible motion and interaction (gravity, collisions, fluids).
    Physics,
    /// Quality and amount of motion.
    Motion,
    /// Sound: native audio, its quality.
    Audio,
    /// Following the prompt, including rendering text.
    PromptAdherence,
    /// Clip length (seconds).
    Duration,
    /// Output resolution (vertical lines).
    Resolution,
    /// What generating costs.
    Price,
    /// Who can use the model, where and since or until when (launch, shutdown).
    Access,
    /// When the model was released (being first, being new).
    Release,
}

impl Dimension {
    /// Every dimension, in declaration order.
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

    /// The name used in data files and output (`prompt-adherence`).
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

/// One rule of `dimensions.csv`: a benchmark name (exact, or a prefix when it ends in `*`).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionRule {
    /// Benchmark name as in `benchmarks.csv`; a trailing `*` makes it a prefix.
    pub benchmark: String,
    /// The dimension the benchmark can verify.
    pub dimension: Dimension,
    /// How directly it does.
    pub strength: Strength,
    /// Why the benchmark speaks to the dimension, and its caveats.
    pub notes: String,
    /// Line of the rule in its file.
    pub line: u64,
}

impl DimensionRule {
    /// True if the rule covers `benchmark` (equal name, or starting with the prefix).
    pub fn matches(&self, benchmark: &str) -> bool {
        match self.benchmark.strip_suffix('*') {
            Some(prefix) => benchmark.starts_with(prefix),
            None => benchmark == self.benchmark,
        }
    }
}

/// Parses `dimensions.csv`, collecting problems.
pub fn parse_dimensions(text: &str, file: &str) -> Result<Vec<DimensionRule>, BenchmarksError> {
    let mut problems = Problems::new(file);
    let Some(table) = Table::csv(text, DIMENSION_COLUMNS, Width::Flexible, &mut problems) else {
        return Err(BenchmarksError::Invalid(problems.into_vec()));
    };
    let mut rules = Vec::new();
    for record in table.records() {
        let line = record.line;
        let get = |name: &str| record.get(name);
        let mut problem = |message: String| problems.add(line, message);
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
        Err(BenchmarksError::Invalid(problems.into_vec()))
    }
}
