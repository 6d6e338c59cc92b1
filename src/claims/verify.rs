//! Verification: a verdict for a claim from the measured outcomes known at a date.
//!
//! Takes a [`Claim`], the [`Benchmarks`] and the date the text speaks from; hands on a
//! [`Judgment`]: `supported`, `contradicted` or `unverifiable`, the reason in one sentence, the
//! evidence rows that decided it (benchmark, metric, value, rank, snapshot, source, file line),
//! and — when the data dated after the text judges differently — what the latest data says.
//!
//! Rules (also in `docs/claims.md`):
//! - Only rows dated on or before the date count; rows without a date never do.
//! - Rankings come from one pool (one leaderboard snapshot): "A is the best on D" is supported
//!   when A ranks first in the latest pool that measured A on D, contradicted when a measured
//!   rival ranks above A; "A beats B" needs A and B in the same pool.
//! - Arena ratings (unit `Elo` or `arena score`) within [`ARENA_MARGIN`] points are a tie:
//!   too close to call, so `unverifiable`. Other units tie only when equal.
//! - Evidence from a proxy pool (the arena standing in for realism or motion) decides, but the
//!   reason says it is proxy evidence.
//! - Evidence is listed once per row: a row that decides two comparisons is cited once.
//! - Staleness: when the newest evidence behind a verdict is more than `max_age` days older
//!   than the date judged (default [`DEFAULT_MAX_EVIDENCE_AGE`]), the judgment carries a
//!   [`Stale`] note ("judged on data from 2026-08-06"): the field changes monthly.
//! - Facts: native audio yes/no, the longest clip and the highest resolution offered, API
//!   availability and shutdown. No data for the model and dimension: `unverifiable`, never a
//!   guess. Replacement claims are always `unverifiable`: no benchmark measures them.
use chrono::NaiveDate;
use serde::Serialize;

use crate::benchmarks::{Benchmarks, Comparison, Dimension, Standing, Strength, Winner};

use super::{Claim, ObjectsFrom, Polarity, Relation};

mod evidence;
mod facts;

pub use evidence::{short_domain, Evidence};

use facts::capability;

/// Arena rating gap (Elo points) within which two models count as tied: about the width of
/// the arenas' 95 % confidence intervals.
pub const ARENA_MARGIN: f64 = 10.0;

/// Evidence older than this many days (before the date judged) makes a verdict stale.
pub const DEFAULT_MAX_EVIDENCE_AGE: u32 = 90;

/// The verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The data as of the date agrees with the claim.
    Supported,
    /// The data as of the date disagrees with the claim.
    Contradicted,
    /// No data as of the date can judge the claim.
    Unverifiable,
}

impl Verdict {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// The note on a verdict whose newest evidence is older than the allowed age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stale {
    /// The date of the newest evidence row (snapshot or row date).
    pub newest: NaiveDate,
    /// Days between that date and the date judged.
    pub age_days: i64,
    /// The allowed age in days.
    pub max_age_days: u32,
}

impl Stale {
    /// `judged on data from 2026-08-06 (126 days old; limit 90)`.
    pub fn describe(&self) -> String {
        format!(
            "judged on data from {} ({} days old; limit {})",
            self.newest, self.age_days, self.max_age_days
        )
    }
}

/// What the latest data says, when it differs from the verdict at the text's date.
#[derive(Debug, Clone, Serialize)]
pub struct Later {
    /// The date of the latest data.
    pub date: NaiveDate,
    /// The verdict on that data.
    pub verdict: Verdict,
    /// One sentence: why that verdict.
    pub reason: String,
    /// The rows it rests on.
    pub evidence: Vec<Evidence>,
}

/// A verdict with its reason and evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Judgment {
    /// The verdict as of the date.
    pub verdict: Verdict,
    /// The as-of date used.
    pub date: NaiveDate,
    /// One sentence: why this verdict.
    pub reason: String,
    /// The rows the verdict rests on.
    pub evidence: Vec<Evidence>,
    /// Set when the latest data judges the claim differently.
    pub later: Option<Later>,
    /// Set when the newest evidence is older than the allowed age.
    pub stale: Option<Stale>,
}

struct Outcome {
    verdict: Verdict,
    reason: String,
    evidence: Vec<Evidence>,
}

fn unverifiable(reason: String) -> Outcome {
    Outcome {
        verdict: Verdict::Unverifiable,
        reason,
        evidence: Vec::new(),
    }
}

/// Judges `claim` against the data known on `date`, and against the latest data; evidence
/// older than [`DEFAULT_MAX_EVIDENCE_AGE`] days is flagged as stale.
pub fn verify(claim: &Claim, data: &Benchmarks, date: NaiveDate) -> Judgment {
    verify_with_age(claim, data, date, DEFAULT_MAX_EVIDENCE_AGE)
}

/// [`verify`] with another allowed evidence age in days.
pub fn verify_with_age(
    claim: &Claim,
    data: &Benchmarks,
    date: NaiveDate,
    max_age_days: u32,
) -> Judgment {
    let mut now = judge(claim, data, date);
    dedup_evidence(&mut now.evidence);
    let stale = staleness(&now.evidence, date, max_age_days);
    let later = data
        .latest_date()
        .filter(|latest| *latest > date)
        .map(|latest| (latest, judge(claim, data, latest)))
        .filter(|(_, o)| o.verdict != now.verdict)
        .map(|(latest, mut o)| {
            dedup_evidence(&mut o.evidence);
            Later {
                date: latest,
                verdict: o.verdict,
                reason: o.reason,
                evidence: o.evidence,
            }
        });
    Judgment {
        verdict: now.verdict,
        date,
        reason: now.reason,
        evidence: now.evidence,
        later,
        stale,
    }
}

/// Keeps the first citation of each row (same file line and pool): "A beats B and C" cites A
/// once, not once per rival. Linear in the evidence (a handful of rows per verdict).
fn dedup_evidence(evidence: &mut Vec<Evidence>) {
    let mut seen: Vec<(u64, Option<String>)> = Vec::with_capacity(evidence.len());
    evidence.retain(|e| {
        let key = (e.line, e.pool.clone());
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// A [`Stale`] note when the newest evidence is more than `max_age_days` before `date`.
fn staleness(evidence: &[Evidence], date: NaiveDate, max_age_days: u32) -> Option<Stale> {
    let newest = evidence.iter().filter_map(Evidence::as_of).max()?;
    let age_days = (date - newest).num_days();
    (age_days > i64::from(max_age_days)).then_some(Stale {
        newest,
        age_days,
        max_age_days,
    })
}

/// Gap within which two values of `unit` count as tied.
pub fn margin(unit: &str) -> f64 {
    match unit {
        "Elo" | "arena score" => ARENA_MARGIN,
        _ => 0.0,
    }
}

fn judge(claim: &Claim, data: &Benchmarks, date: NaiveDate) -> Outcome {
    let Some(subject) = claim.subject.id.as_deref() else {
        return unverifiable(format!(
            "`{}` names no model the registry knows ({})",
            claim.subject.text, claim.subject.resolution
        ));
    };
    let dim = claim.dimension;
    match claim.relation {
        Relation::Superlative => rank_claim(data, subject, dim, date, claim.polarity, false),
        Relation::BetterThan | Relation::WorseThan => {
            let better = claim.relation == Relation::BetterThan;
            if claim.objects.iter().any(|o| o == "all") {
                let polarity = if better {
                    Polarity::Positive
                } else {
                    Polarity::Negative
                };
                return rank_claim(data, subject, dim, date, polarity, false);
            }
            if claim.objects.is_empty() {
                return unverifiable(match claim.objects_from {
                    ObjectsFrom::Predecessor => format!("{subject} has no known predecessor"),
                    _ => "the comparison names no rival model".to_owned(),
                });
            }
            compare_claim(data, subject, &claim.objects, dim, date, better)
        }
        Relation::Capability => capability(claim, data, subject, date),
        Relation::Replacement => {
            let mut o = unverifiable(
                "no benchmark measures whether a model replaces film production".to_owned(),
            );
            if let Some(s) = data.rank_of(subject, Dimension::Overall, date) {
                o.reason.push_str(&format!(
                    "; for context: {subject} ranks {}/{} overall",
                    s.rank, s.n
                ));
                o.evidence.push(Evidence::of_standing(&s));
            }
            o
        }
    }
}

fn proxy_note(s: &Standing<'_>, dim: Dimension) -> String {
    if s.strength == Some(Strength::Proxy) {
        format!(
            " (proxy evidence: {} does not score {dim} on its own)",
            s.pool
        )
    } else {
        String::new()
    }
}

/// "Best" (positive) or "worst" (negative) of its pool; `absolute` for "perfect" claims,
/// which a first place cannot prove.
fn rank_claim(
    data: &Benchmarks,
    subject: &str,
    dim: Dimension,
    date: NaiveDate,
    polarity: Polarity,
    absolute: bool,
) -> Outcome {
    let Some(s) = data.rank_of(subject, dim, date) else {
        return unverifiable(format!(
            "no ranked {dim} data for {subject} dated on or before {date}"
        ));
    };
    let strength = s.strength.unwrap_or(Strength::Direct);
    let pool = data
        .as_of(date)
        .pools_for(dim, strength)
        .into_iter()
        .find(|p| p.name == s.pool);
    let Some(pool) = pool else {
        return unverifiable(format!("pool {} not found for {dim}", s.pool));
    };
    let rivals: Vec<&Standing<'_>> = pool
        .standings
        .iter()
        .filter(|x| x.model != subject)
        .collect();
    let m = margin(s.unit);
    let note = proxy_note(&s, dim);
    let (want, place) = match polarity {
        Polarity::Positive => ("best", rivals.first()),
        Polarity::Negative => ("worst", rivals.last()),
    };
    let Some(rival) = place else {
        return unverifiable(format!("{subject} is alone in {}", s.pool));
    };
    let mut evidence = vec![Evidence::of_standing(&s), Evidence::of_standing(rival)];
    let gap = (s.value - rival.value).abs();
    let rival_ahead = match polarity {
        Polarity::Positive => rival.rank < s.rank,
        Polarity::Negative => rival.rank > s.rank,
    };
    let (verdict, reason) = if gap <= m {
        (
            Verdict::Unverifiable,
            format!(
                "too close to call: {subject} {} vs {} {} {} (gap {gap:.1} within ±{m}){note}",
                s.value, rival.model, rival.value, s.unit
            ),
        )
    } else if rival_ahead {
        let dir = if want == "best" { "above" } else { "below" };
        (
            Verdict::Contradicted,
            format!(
                "{} ranks {dir} {subject} on {dim} as of {date}: {} vs {} {} (rank {}/{}){note}",
                rival.model, rival.value, s.value, s.unit, s.rank, s.n
            ),
        )
    } else if absolute {
        (
            Verdict::Unverifiable,
            format!(
                "{subject} ranks first on {dim} ({}/{}), but no benchmark measures perfection{note}",
                s.rank, s.n
            ),
        )
    } else {
        (
            Verdict::Supported,
            format!(
                "{subject} ranks {} on {dim} as of {date}: rank {}/{} in {}, {gap:.1} {} ahead of {}{note}",
                if want == "best" { "first" } else { "last" },
                s.rank,
                s.n,
                s.pool,
                s.unit,
                rival.model
            ),
        )
    };
    if verdict == Verdict::Unverifiable && absolute {
        evidence.truncate(1);
    }
    Outcome {
        verdict,
        reason,
        evidence,
    }
}

fn compare_claim(
    data: &Benchmarks,
    subject: &str,
    objects: &[String],
    dim: Dimension,
    date: NaiveDate,
    better: bool,
) -> Outcome {
    let mut evidence = Vec::new();
    let mut parts = Vec::new();
    let (mut supported, mut contradicted, mut open) = (0, 0, 0);
    for obj in objects {
        let Some(c) = data.compare(subject, obj, dim, date) else {
            open += 1;
            parts.push(format!(
                "no pool measured {subject} and {obj} on {dim} by {date}"
            ));
            continue;
        };
        evidence.push(Evidence::of_standing(&c.a));
        evidence.push(Evidence::of_standing(&c.b));
        parts.push(describe(
            &c,
            better,
            &mut supported,
            &mut contradicted,
            &mut open,
        ));
    }
    let verdict = if contradicted > 0 {
        Verdict::Contradicted
    } else if open == 0 && supported > 0 {
        Verdict::Supported
    } else {
        Verdict::Unverifiable
    };
    Outcome {
        verdict,
        reason: parts.join("; "),
        evidence,
    }
}

fn describe(
    c: &Comparison<'_>,
    better: bool,
    supported: &mut usize,
    contradicted: &mut usize,
    open: &mut usize,
) -> String {
    let m = margin(c.a.unit);
    let note = proxy_note(&c.a, c.dimension);
    let values = format!(
        "{} {} vs {} {} {} in {} ({})",
        c.a.model, c.a.value, c.b.model, c.b.value, c.a.unit, c.a.pool, c.a.snapshot
    );
    if c.gap <= m || c.winner == Winner::Tie {
        *open += 1;
        return format!(
            "too close to call: {values}, gap {:.1} within ±{m}{note}",
            c.gap
        );
    }
    let a_wins = c.winner == Winner::A;
    if a_wins == better {
        *supported += 1;
        format!(
            "{} ranks {} {}: {values}{note}",
            c.a.model,
            if better { "above" } else { "below" },
            c.b.model
        )
    } else {
        *contradicted += 1;
        format!(
            "{} ranks {} {}: {values}{note}",
            c.a.model,
            if a_wins { "above" } else { "below" },
            c.b.model
        )
    }
}
