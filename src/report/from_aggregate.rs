//! The report from mergeable aggregates (`hypecheck report --from-aggregates`) instead of the
//! SQLite corpus.
//!
//! Takes an [`Aggregate`] (weeks × model × outlet × language sums, see
//! [`crate::corpus::aggregate`]) and a [`Period`] of whole ISO weeks, turns the cells of the
//! period's and trend's weeks into the same [`Totals`] the SQLite pass makes, and hands them
//! to the same `build` and renderers. The figures are the same as over the SQLite corpus
//! that the results came from (tested in `tests/it/scale.rs`); what aggregates do not keep
//! is left out: `articles.csv` (the per-article results are the `analyze` output) and the
//! list of claim sentences (their counts are kept).
use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};

use super::aggregate::{Acc, Excluded, ModelAcc, TermAcc, TopArticle, Totals};
use super::{build, render, ClaimCounts, CorpusCounts, Period, PeriodClaims, ReportError, Written};
use crate::benchmarks::Benchmarks;
use crate::corpus::aggregate::{rank, Aggregate, Cell, Verdicts, ALL};
use crate::corpus::stream::why;
use crate::corpus::CorpusAnalyzer;

fn acc_of(c: &Cell) -> Acc {
    Acc {
        articles: c.articles,
        words: c.words,
        floored_words: c.floored_words,
        endorsed_micro: c.endorsed_micro,
        discourse_micro: c.discourse_micro,
        counts: c.stances,
    }
}

fn add_claims(c: &mut ClaimCounts, v: &Verdicts) {
    c.supported += v.supported;
    c.contradicted += v.contradicted;
    c.unverifiable += v.unverifiable;
}

/// The newest ISO week with a counted article, as its Monday.
pub fn latest_week(agg: &Aggregate) -> Option<NaiveDate> {
    agg.cells
        .iter()
        .filter(|(k, c)| k.model == ALL && c.articles > 0)
        .filter_map(|(k, _)| super::period::parse_week(&k.week).ok())
        .max()
}

/// Aggregates `period` from `agg` and writes the report into `dir`.
pub fn generate_from_aggregate(
    agg: &Aggregate,
    engine: &CorpusAnalyzer<'_>,
    benchmarks: &Benchmarks,
    period: Period,
    dir: &Path,
) -> Result<Written, ReportError> {
    if period.since.weekday() != Weekday::Mon || period.until.weekday() != Weekday::Sun {
        return Err(ReportError::Period(format!(
            "aggregates are kept per ISO week: a period from aggregates must start on a Monday and end on a Sunday, not {} to {}",
            period.since, period.until
        )));
    }
    if !agg.lexicon_hash.is_empty() && agg.lexicon_hash != engine.lexicon_hash() {
        return Err(ReportError::Period(format!(
            "the aggregate was made with lexicons {}, but lexicons {} are loaded; pass the same --lexicons",
            agg.lexicon_hash,
            engine.lexicon_hash()
        )));
    }
    let week_index: BTreeMap<String, usize> = period
        .trend
        .iter()
        .enumerate()
        .map(|(i, m)| (super::period::week_name(*m), i))
        .collect();
    let in_period = |week: &str| super::period::parse_week(week).is_ok_and(|m| period.contains(m));
    let mut t = Totals {
        weeks: vec![Acc::default(); period.trend.len()],
        ..Totals::default()
    };
    let mut claims = PeriodClaims {
        rows: Vec::new(),
        by_model: BTreeMap::new(),
        totals: ClaimCounts::default(),
    };
    for (k, c) in &agg.cells {
        let trend = week_index.get(&k.week).copied();
        let inside = in_period(&k.week);
        if trend.is_none() && !inside {
            continue;
        }
        let acc = acc_of(c);
        if k.model == ALL {
            if let Some(w) = trend {
                t.weeks[w].merge(&acc);
            }
            if inside {
                add_claims(&mut claims.totals, &c.claims);
                if c.articles > 0 {
                    t.period.merge(&acc);
                    let o = t.outlets.entry(k.outlet.clone()).or_default();
                    o.acc.merge(&acc);
                    *o.langs.entry(k.lang.clone()).or_default() += c.articles;
                    t.languages.entry(k.lang.clone()).or_default().merge(&acc);
                }
            }
        } else if let Some(f) = k.model.strip_prefix("family:") {
            if let (Some(w), true) = (trend, c.articles > 0) {
                t.family_weeks
                    .entry(f.to_owned())
                    .or_insert_with(|| vec![Acc::default(); period.trend.len()])[w]
                    .merge(&acc);
            }
        } else if let Some(m) = k.model.strip_prefix("model:") {
            if inside {
                if c.claims != Verdicts::default() {
                    add_claims(claims.by_model.entry(m.to_owned()).or_default(), &c.claims);
                }
                if c.articles > 0 {
                    let ma: &mut ModelAcc = t.models.entry(m.to_owned()).or_default();
                    if ma.family.is_empty() || (!c.family.is_empty() && c.family < ma.family) {
                        ma.family.clone_from(&c.family);
                    }
                    ma.acc.merge(&acc);
                    ma.mentions += c.mentions;
                }
            }
        }
    }
    for ((week, lang, term), s) in &agg.terms {
        if !in_period(week) {
            continue;
        }
        let ta: &mut TermAcc = t.terms.entry((term.clone(), lang.clone())).or_default();
        if ta.category.is_empty() {
            ta.category.clone_from(&s.category);
        }
        ta.counts.add(&s.stances);
        ta.counted_micro += s.counted_micro;
    }
    let mut excluded = Excluded::default();
    for ((week, reason), n) in &agg.excluded {
        if !in_period(week) {
            continue;
        }
        match reason.as_str() {
            why::DUPLICATE => excluded.duplicates += n,
            why::PAYWALLED => excluded.paywalled += n,
            // Off topic for this report: pages in other languages are off its topic too.
            why::OFF_TOPIC | why::OTHER_LANGUAGE => excluded.off_topic += n,
            _ => excluded.unanalyzed += n,
        }
    }
    t.excluded = excluded;
    t.in_period = t.period.articles
        + excluded.duplicates
        + excluded.paywalled
        + excluded.off_topic
        + excluded.unanalyzed;
    let mut top: Vec<_> = agg
        .top
        .iter()
        .filter(|(w, _)| in_period(w))
        .flat_map(|(_, l)| l.iter())
        .collect();
    top.sort_by(|a, b| rank(a, b));
    t.top = top
        .into_iter()
        .take(super::aggregate::TOP_ARTICLES)
        .map(|e| TopArticle {
            id: e.id.parse().unwrap_or(0),
            date: NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").unwrap_or(period.since),
            outlet: e.outlet.clone(),
            lang: e.lang.clone(),
            title: e.title.clone(),
            url: e.url.clone(),
            link: super::aggregate::safe_link(&e.url),
            words: e.words,
            hype_index: e.hype_index,
            discourse_index: e.discourse_index,
            counted_hits: e.counted_hits,
            models: e.models.clone(),
            worst: e.worst.clone(),
        })
        .collect();
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let counts = CorpusCounts {
        stored: agg.input.documents,
        undated: agg.input.undated,
        analyzed_now: 0,
    };
    let data = build(engine, benchmarks, period, t, claims, counts)?;
    let files = render::write_all(&data, dir)?;
    Ok(Written {
        dir: dir.to_owned(),
        files,
        articles: data.summary.articles,
        hype_index: data.summary.hype_index,
        analyzed_now: 0,
    })
}
