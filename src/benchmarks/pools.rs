//! As-of views and pools: which rows were knowable on a date, and how models rank within a
//! pool of comparable rows.
//!
//! A [`View`] holds the rows dated on or before its date; [`View::pools`] groups them into
//! ranked [`Pool`]s, each model counted once with its best row, and a [`Standing`] is one
//! model's place in one pool.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Benchmarks, Dimension, Row, Strength};

/// The rows knowable on a date, with pool standings.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub(super) data: &'a Benchmarks,
    pub(super) date: NaiveDate,
    pub(super) rows: Vec<&'a Row>,
}

impl<'a> View<'a> {
    /// The date the view is as of.
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
    /// The pool's name (the `pool` column).
    pub name: &'a str,
    /// The latest row date in the pool as of the view's date.
    pub snapshot: NaiveDate,
    /// One per model, best rank first (ties: in file order).
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
    /// Registry id of the model.
    pub model: &'a str,
    /// The pool's name.
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
    /// The model's best value in the pool, in `unit` (resolutions in vertical lines).
    pub value: f64,
    /// The unit of `value` (`Elo`, `%`, `USD/s`, …).
    pub unit: &'a str,
    /// Whether a larger value ranks higher (`false` for prices and latency).
    pub higher_is_better: bool,
    /// 100 = best of the pool, 0 = worst.
    pub percentile: f64,
    /// The row that decided the standing.
    pub evidence: &'a Row,
}

/// Orders standings by pool recency, then pool size, then primary over secondary sources,
/// then pool name (so the choice is deterministic).
pub(super) fn newer_pool(a: &Standing<'_>, b: &Standing<'_>) -> std::cmp::Ordering {
    a.snapshot
        .cmp(&b.snapshot)
        .then(a.n.cmp(&b.n))
        .then(b.evidence.secondary.cmp(&a.evidence.secondary))
        .then(b.pool.cmp(a.pool))
}
