//! The evidence a verdict cites: one benchmark row or a leaderboard standing, with its
//! figure, date and source.

use chrono::NaiveDate;
use serde::Serialize;

use crate::benchmarks::{Row, Standing, Strength};

/// One evidence row, as cited in a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Registry id of the model the row is about.
    pub model: String,
    /// The row's benchmark or kind of fact.
    pub benchmark: String,
    /// What was measured.
    pub metric: String,
    /// The value as written in the data.
    pub value: String,
    /// The unit of the value (`Elo`, `%`, `s`, `date`, …).
    pub unit: String,
    /// The row's date as written (`2026-01`, empty when undated).
    pub date: String,
    /// Pool (leaderboard snapshot) and the model's rank in it, for ranked evidence.
    pub pool: Option<String>,
    /// The model's rank in the pool (1 = best), for ranked evidence.
    pub rank: Option<usize>,
    /// Models in the pool, for ranked evidence.
    pub n: Option<usize>,
    /// The pool's snapshot date (its latest row on or before the date asked about).
    pub snapshot: Option<NaiveDate>,
    /// `direct` or `proxy` for ranked evidence.
    pub strength: Option<Strength>,
    /// The URL the figure was read from.
    pub source: String,
    /// Read from a copy, not from the benchmark owner or vendor.
    pub secondary: bool,
    /// How the figure was compiled (the row's `note`).
    pub note: String,
    /// Line in the benchmarks file.
    pub line: u64,
}

impl Evidence {
    pub(super) fn of_row(r: &Row) -> Evidence {
        Evidence {
            model: r.model.clone(),
            benchmark: r.benchmark.clone(),
            metric: r.metric.clone(),
            value: r.value_raw.clone(),
            unit: r.unit.clone(),
            date: r.date.raw.clone(),
            pool: None,
            rank: None,
            n: None,
            snapshot: None,
            strength: None,
            source: r.source.clone(),
            secondary: r.secondary,
            note: r.note.clone(),
            line: r.line,
        }
    }

    pub(super) fn of_standing(s: &Standing<'_>) -> Evidence {
        Evidence {
            pool: Some(s.pool.to_owned()),
            rank: Some(s.rank),
            n: Some(s.n),
            snapshot: Some(s.snapshot),
            strength: s.strength,
            ..Evidence::of_row(s.evidence)
        }
    }

    /// The date the figure stands for: the pool's snapshot, else the row's effective date.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.snapshot
            .or_else(|| crate::dates::parse_row_date(&self.date).ok()?.effective)
    }

    /// The source's host without `www.` (`artificialanalysis.ai`): a short reference for
    /// one-line output; the full URL stays in JSON, SARIF and verbose output.
    pub fn source_domain(&self) -> &str {
        short_domain(&self.source)
    }

    /// The decisive figure in a few words: `sora-2 1167.5 Elo, rank 19/34`.
    pub fn figure(&self) -> String {
        let mut s = format!("{} {}", self.model, self.value);
        if !self.unit.is_empty() && self.unit != "text" {
            s.push(' ');
            s.push_str(&self.unit);
        }
        if let (Some(rank), Some(n)) = (self.rank, self.n) {
            s.push_str(&format!(", rank {rank}/{n}"));
        }
        s
    }

    /// A one-line citation: `veo-3.1 1212.5 Elo (rank 5/34, aa-t2v-2026-08-06, 2026-08-06)`.
    pub fn cite(&self) -> String {
        let mut s = format!("{} {} {}", self.model, self.value, self.unit);
        match (&self.pool, self.rank, self.n) {
            (Some(pool), Some(rank), Some(n)) => {
                s.push_str(&format!(" (rank {rank}/{n}, {pool}"));
                if let Some(d) = self.snapshot {
                    s.push_str(&format!(", {d}"));
                }
                s.push(')');
            }
            _ => {
                s.push_str(&format!(" ({}", self.benchmark));
                if !self.date.is_empty() {
                    s.push_str(&format!(", {}", self.date));
                } else {
                    s.push_str(", undated");
                }
                s.push(')');
            }
        }
        s
    }
}

/// The host of a URL without `www.`; the text itself when it is not a URL.
pub fn short_domain(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.strip_prefix("www.").unwrap_or(host)
}
