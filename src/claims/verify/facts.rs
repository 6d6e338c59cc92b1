//! Verdicts on facts: capability claims (native audio, clip length, resolution, price) and
//! access claims (API availability, shutdown), from the fact rows known at the date.

use chrono::NaiveDate;

use crate::benchmarks::{Access, Benchmarks, Dimension, Row, Value};

use super::super::{Claim, Polarity, Quantity};
use super::{rank_claim, unverifiable, Evidence, Outcome, Verdict};

pub(super) fn capability(
    claim: &Claim,
    data: &Benchmarks,
    subject: &str,
    date: NaiveDate,
) -> Outcome {
    let positive = claim.polarity == Polarity::Positive;
    let dim = claim.dimension;
    match dim {
        Dimension::Audio => {
            let facts = data.facts(subject, Dimension::Audio, date);
            let known = facts.known.iter().find_map(|r| match r.value {
                Value::Bool(b) => Some((b, *r)),
                _ => None,
            });
            match known {
                Some((has, row)) => Outcome {
                    verdict: if has == positive {
                        Verdict::Supported
                    } else {
                        Verdict::Contradicted
                    },
                    reason: format!(
                        "{subject} {} native audio ({}, {})",
                        if has { "has" } else { "has no" },
                        row.source,
                        row.date.raw
                    ),
                    evidence: vec![Evidence::of_row(row)],
                },
                None => no_fact(subject, dim, date, &facts.undated),
            }
        }
        Dimension::Duration | Dimension::Resolution => {
            let facts = data.facts(subject, dim, date);
            let best = facts
                .known
                .iter()
                .filter_map(|r| r.value.as_number().map(|v| (v, *r)))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let Some((max, row)) = best else {
                return no_fact(subject, dim, date, &facts.undated);
            };
            let claimed = match claim.quantity {
                Some(Quantity::Seconds(s)) => s,
                Some(Quantity::Lines(l)) => f64::from(l),
                None => {
                    return Outcome {
                        verdict: Verdict::Unverifiable,
                        reason: format!("the claim names no number to compare with {max}"),
                        evidence: vec![Evidence::of_row(row)],
                    }
                }
            };
            let unit = if dim == Dimension::Duration {
                "s"
            } else {
                "lines"
            };
            let holds = claimed <= max;
            Outcome {
                verdict: if holds == positive {
                    Verdict::Supported
                } else {
                    Verdict::Contradicted
                },
                reason: format!(
                    "claimed {claimed} {unit}; the most {subject} offers as of {date} is {max} {unit}"
                ),
                evidence: vec![Evidence::of_row(row)],
            }
        }
        Dimension::Access => access(claim, data, subject, date),
        Dimension::Price => {
            let Some(s) = data.rank_of(subject, Dimension::Price, date) else {
                return unverifiable(format!(
                    "no ranked price data for {subject} dated on or before {date}"
                ));
            };
            let cheap = s.percentile >= 50.0;
            Outcome {
                verdict: if cheap == positive {
                    Verdict::Supported
                } else {
                    Verdict::Contradicted
                },
                reason: format!(
                    "{subject} is {} of {} on price in {} ({} {}; cheaper half = percentile ≥ 50, here {:.0})",
                    if cheap { "in the cheaper half" } else { "in the dearer half" },
                    s.n,
                    s.pool,
                    s.value,
                    s.unit,
                    s.percentile
                ),
                evidence: vec![Evidence::of_standing(&s)],
            }
        }
        d if d.is_quality() && claim.absolute => {
            rank_claim(data, subject, d, date, Polarity::Positive, true)
        }
        _ => unverifiable(format!("no rule verifies a {dim} capability claim")),
    }
}

fn no_fact(subject: &str, dim: Dimension, date: NaiveDate, undated: &[&Row]) -> Outcome {
    let mut reason = format!("no {dim} fact for {subject} dated on or before {date}");
    if !undated.is_empty() {
        reason.push_str(" (undated rows exist but are not used for as-of judgments)");
    }
    Outcome {
        verdict: Verdict::Unverifiable,
        reason,
        evidence: undated.iter().map(|r| Evidence::of_row(r)).collect(),
    }
}

fn access(claim: &Claim, data: &Benchmarks, subject: &str, date: NaiveDate) -> Outcome {
    let positive = claim.polarity == Polarity::Positive;
    let (available, reason, row) = match data.access(subject, date) {
        Access::ShutDown { on, evidence } => (
            false,
            format!("{subject} was shut down on {on}"),
            Some(evidence),
        ),
        Access::Announced { since, evidence } => (
            false,
            format!("{subject} became available only on {since}"),
            Some(evidence),
        ),
        Access::Available { since, evidence } => (
            true,
            format!("{subject} is available through its API since {since}"),
            Some(evidence),
        ),
        Access::ShutdownAnnounced { on, evidence } => (
            true,
            format!("{subject} is available (shutdown announced for {on})"),
            Some(evidence),
        ),
        Access::Unknown => {
            return unverifiable(format!(
                "no access fact for {subject} dated on or before {date}"
            ))
        }
    };
    let evidence: Vec<Evidence> = row.into_iter().map(Evidence::of_row).collect();
    if let Some(region) = &claim.region {
        // The data knows availability, not where: only a shutdown settles a regional claim.
        if available {
            return Outcome {
                verdict: Verdict::Unverifiable,
                reason: format!("{reason}; the data has no availability by region ({region})"),
                evidence,
            };
        }
    }
    Outcome {
        verdict: if available == positive {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        },
        reason,
        evidence,
    }
}
