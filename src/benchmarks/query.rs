//! The look-ups claim verification and the data commands ask of [`Benchmarks`]: what changed
//! later, rank and reality score on a dimension, head-to-head comparison, the best model,
//! facts and access, each as of a date, and their result types.

use chrono::NaiveDate;
use serde::Serialize;

use super::pools::newer_pool;
use super::{Benchmarks, Dimension, Kind, Row, Standing, Strength, Value};

impl Benchmarks {
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

/// The reality score of a model on one dimension at a date: its percentile in the latest pool
/// that measured it on that dimension, with the standing as evidence.
#[derive(Debug, Clone, Serialize)]
pub struct RealityScore<'a> {
    /// The dimension scored.
    pub dimension: Dimension,
    /// The model's percentile in that pool: 100 = best, 0 = worst.
    pub percentile: f64,
    /// The standing the score comes from.
    pub standing: Standing<'a>,
}

/// Reality scores of a model on every dimension with data, and the overall score.
#[derive(Debug, Clone, Serialize)]
pub struct RealitySummary<'a> {
    /// Registry id of the model.
    pub model: String,
    /// The as-of date.
    pub date: NaiveDate,
    /// Mean percentile over the quality dimensions backed by direct evidence (proxy evidence
    /// is left out so one arena does not count three times; price is left out because it is a
    /// trade-off, not quality).
    pub overall: f64,
    /// One score per dimension with data, in [`Dimension::ALL`] order.
    pub per_dimension: Vec<RealityScore<'a>>,
}

/// Which side of a comparison ranks higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Winner {
    /// The first model (`a`) ranks higher.
    A,
    /// The second model (`b`) ranks higher.
    B,
    /// Equal values.
    Tie,
}

/// Two models measured in the same pool.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'a> {
    /// The dimension compared on.
    pub dimension: Dimension,
    /// The as-of date asked about.
    pub date: NaiveDate,
    /// The first model's standing in the pool that decides.
    pub a: Standing<'a>,
    /// The second model's standing in the same pool.
    pub b: Standing<'a>,
    /// Which of the two ranks higher.
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
    /// Available on the date.
    Available {
        /// The earliest known start date, on or before the date.
        since: NaiveDate,
        /// The fact that gives the start date.
        evidence: &'a Row,
    },
    /// A start date is known but lies after the date.
    Announced {
        /// The announced start date.
        since: NaiveDate,
        /// The fact that gives it.
        evidence: &'a Row,
    },
    /// Shut down on or before the date.
    ShutDown {
        /// The day it was shut down.
        on: NaiveDate,
        /// The fact that gives the shutdown date.
        evidence: &'a Row,
    },
    /// A shutdown is known but lies after the date.
    ShutdownAnnounced {
        /// The announced shutdown date.
        on: NaiveDate,
        /// The fact that gives it.
        evidence: &'a Row,
    },
    /// No dated access fact known by the date.
    Unknown,
}
