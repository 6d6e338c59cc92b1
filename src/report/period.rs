//! Report periods: ISO weeks, date ranges and runs of weeks.
//!
//! A week is an ISO 8601 week (Monday to Sunday) named `2026-W47`. An article belongs to the
//! week of the calendar date it was published on, as the outlet wrote it (the first ten
//! characters of `published`), so a late-evening story is not moved to the next day by a
//! time-zone conversion.
use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};
use serde::Serialize;

use super::ReportError;

/// What the report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `week`, `range` or `trend`.
    pub kind: &'static str,
    /// Directory name and title: `2026-W47`, `2026-09-01_2026-11-30`, `2026-W36_2026-W47`.
    pub label: String,
    /// First day (inclusive).
    pub since: NaiveDate,
    /// Last day (inclusive).
    pub until: NaiveDate,
    /// Mondays of the weeks shown in the trend, oldest first (always ends with the week of
    /// `until`).
    pub trend: Vec<NaiveDate>,
}

/// Default number of weeks in the trend of a weekly report.
pub const DEFAULT_TREND_WEEKS: u32 = 8;

/// Parses `2026-W47` (also `2026-w47`, `2026W47`).
pub fn parse_week(s: &str) -> Result<NaiveDate, ReportError> {
    let bad = || ReportError::Period(format!("`{s}` is not an ISO week like 2026-W47"));
    let t = s.trim().to_ascii_uppercase();
    let (y, w) = t.split_once('W').ok_or_else(bad)?;
    let y: i32 = y.trim_end_matches('-').parse().map_err(|_| bad())?;
    let w: u32 = w.parse().map_err(|_| bad())?;
    NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(bad)
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<NaiveDate, ReportError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| ReportError::Period(format!("`{s}` is not a date like 2026-11-23")))
}

/// Monday of the week holding `d`.
pub fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// `2026-W47` for any day of that week.
pub fn week_name(d: NaiveDate) -> String {
    let w: IsoWeek = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

fn weeks_ending(last_monday: NaiveDate, n: u32) -> Vec<NaiveDate> {
    (0..n.max(1))
        .rev()
        .map(|k| last_monday - Duration::weeks(i64::from(k)))
        .collect()
}

impl Period {
    /// One ISO week, with `trend_weeks` weeks of trend ending with it.
    pub fn week(monday_of: NaiveDate, trend_weeks: u32) -> Period {
        let m = monday(monday_of);
        Period {
            kind: "week",
            label: week_name(m),
            since: m,
            until: m + Duration::days(6),
            trend: weeks_ending(m, trend_weeks),
        }
    }

    /// A date range; the trend covers its weeks (at least `min_trend_weeks`).
    pub fn range(
        since: NaiveDate,
        until: NaiveDate,
        min_trend_weeks: u32,
    ) -> Result<Period, ReportError> {
        if until < since {
            return Err(ReportError::Period(format!(
                "--until {until} is before --since {since}"
            )));
        }
        let span = ((monday(until) - monday(since)).num_weeks() + 1) as u32;
        Ok(Period {
            kind: "range",
            label: format!("{since}_{until}"),
            since,
            until,
            trend: weeks_ending(monday(until), span.max(min_trend_weeks)),
        })
    }

    /// The `n` weeks ending with the week holding `last`: a trend report.
    pub fn weeks(last: NaiveDate, n: u32) -> Period {
        let trend = weeks_ending(monday(last), n);
        let since = trend[0];
        let until = monday(last) + Duration::days(6);
        Period {
            kind: "trend",
            label: format!("{}_{}", week_name(since), week_name(until)),
            since,
            until,
            trend,
        }
    }

    /// First day the report reads (start of the trend or of the period).
    pub fn read_from(&self) -> NaiveDate {
        self.trend
            .first()
            .copied()
            .unwrap_or(self.since)
            .min(self.since)
    }

    /// Index of the trend week holding `d`.
    pub fn trend_index(&self, d: NaiveDate) -> Option<usize> {
        let m = monday(d);
        let first = *self.trend.first()?;
        if m < first {
            return None;
        }
        let i = (m - first).num_weeks() as usize;
        (i < self.trend.len()).then_some(i)
    }

    /// Whether `d` lies in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.since <= d && d <= self.until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_parse_and_name() {
        let m = parse_week("2026-W47").unwrap();
        assert_eq!(m, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(week_name(m + Duration::days(6)), "2026-W47");
        assert!(parse_week("2026-W60").is_err());
        let p = Period::week(m, 4);
        assert_eq!(p.trend.len(), 4);
        assert_eq!(p.trend_index(m), Some(3));
        assert_eq!(p.trend_index(m - Duration::weeks(4)), None);
        let t = Period::weeks(m, 12);
        assert_eq!(t.label, "2026-W36_2026-W47");
        assert!(Period::range(m, m - Duration::days(1), 1).is_err());
    }
}
