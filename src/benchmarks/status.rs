//! How fresh the measurements are: per model family, the newest measurement known at a date.
//!
//! Takes the validated rows and the registry (for each model's family); hands on one
//! [`FamilyStatus`] per registry family, in registry order, with the newest measurement date,
//! the pool or benchmark it came from, how many of the family's models and which benchmarks
//! were measured, and whether the newest date is older than the allowed age. Facts (prices,
//! release dates) do not count: they say nothing about how a model compares today.
//! `benchmarks status` renders it; editors read it as "judged on data from August".

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Benchmarks, Kind, Row};
use crate::models::{EntryKind, Registry};

/// The freshness of one model family's measurements as of a date.
#[derive(Debug, Clone, Serialize)]
pub struct FamilyStatus {
    /// Registry id of the family.
    pub family: String,
    /// The family's display name.
    pub name: String,
    /// The newest measurement dated on or before the as-of date (pool snapshot or row date).
    pub newest: Option<NaiveDate>,
    /// Where the newest measurement stands: its pool, else its benchmark.
    pub newest_in: Option<String>,
    /// Days from `newest` to the as-of date.
    pub age_days: Option<i64>,
    /// True when there is no measurement or the newest is older than the allowed age.
    pub stale: bool,
    /// The family's models with at least one measurement by then.
    pub models_measured: usize,
    /// The family's models in the registry.
    pub models: usize,
    /// Benchmarks that measured the family by then, sorted.
    pub benchmarks: Vec<String>,
}

impl Benchmarks {
    /// Per registry family, the newest measurement dated on or before `as_of`, and whether it
    /// is older than `max_age_days`.
    pub fn status(
        &self,
        registry: &Registry,
        as_of: NaiveDate,
        max_age_days: u32,
    ) -> Vec<FamilyStatus> {
        let mut by_family: HashMap<&str, Vec<&Row>> = HashMap::new();
        for r in &self.rows {
            if r.kind != Kind::Measurement || !r.known_by(as_of) {
                continue;
            }
            if let Some(m) = registry.model(&r.model) {
                by_family.entry(m.family.as_str()).or_default().push(r);
            }
        }
        let mut models_in: HashMap<&str, usize> = HashMap::new();
        for m in registry.entries() {
            if m.kind == EntryKind::Model {
                *models_in.entry(m.family.as_str()).or_default() += 1;
            }
        }
        registry
            .entries()
            .iter()
            .filter(|f| f.kind == EntryKind::Family)
            .map(|f| {
                let rows = by_family.get(f.id.as_str()).map_or(&[][..], Vec::as_slice);
                let newest_row = rows
                    .iter()
                    .filter_map(|r| r.date.effective.map(|d| (d, *r)))
                    .max_by_key(|(d, r)| (*d, std::cmp::Reverse(r.line)));
                let newest = newest_row.map(|(d, _)| d);
                let age_days = newest.map(|d| (as_of - d).num_days());
                let mut measured: Vec<&str> = rows.iter().map(|r| r.model.as_str()).collect();
                measured.sort_unstable();
                measured.dedup();
                let mut benchmarks: Vec<String> =
                    rows.iter().map(|r| r.benchmark.clone()).collect();
                benchmarks.sort();
                benchmarks.dedup();
                FamilyStatus {
                    family: f.id.clone(),
                    name: f.name.clone(),
                    newest,
                    newest_in: newest_row
                        .map(|(_, r)| r.pool.clone().unwrap_or_else(|| r.benchmark.clone())),
                    age_days,
                    stale: age_days.is_none_or(|a| a > i64::from(max_age_days)),
                    models_measured: measured.len(),
                    models: models_in.get(f.id.as_str()).copied().unwrap_or(0),
                    benchmarks,
                }
            })
            .collect()
    }
}
