//! Dates in data files, on the command line, and written in articles, feeds and sitemaps.
//!
//! Owns the date forms hypecheck accepts in its data (`YYYY-MM-DD`; `YYYY-MM` and `YYYY`
//! meaning the last day of the month or year, because a figure published then was surely known
//! by that day) and on the command line (`--date`, `--as-of`: the same forms and meaning).
//! Takes strings, hands on [`NaiveDate`]s; errors are messages ready to put after `file:line:`.
//! [`parse_timestamp`] reads the times outlets write (RFC 3339, RFC 2822, ISO dates with or
//! without a time) as UTC; the store and the collector use it for publication dates.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

/// Parses exactly `YYYY-MM-DD` (the registry's `released`, the date at the start of a
/// document's front matter value).
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A row's date: the text as written and the day it counts as for as-of look-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDate {
    /// The date as written in the file.
    pub raw: String,
    /// `None` for an empty date: not usable for as-of judgments.
    pub effective: Option<NaiveDate>,
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` (last day of the month), `YYYY` (last day of the year) or
/// empty. `Err` for anything else.
pub fn parse_row_date(raw: &str) -> Result<RowDate, String> {
    let raw = raw.trim();
    let bad = || format!("bad date `{raw}`: expected YYYY-MM-DD, YYYY-MM, YYYY or empty");
    let effective = if raw.is_empty() {
        None
    } else {
        let parts: Vec<&str> = raw.split('-').collect();
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let date = match parts.as_slice() {
            [y, m, d] => match (num(y, 4), num(m, 2), num(d, 2)) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            },
            [y, m] => match (num(y, 4), num(m, 2)) {
                (Some(y), Some(m)) => last_day_of_month(y as i32, m),
                _ => None,
            },
            [y] => num(y, 4).and_then(|y| NaiveDate::from_ymd_opt(y as i32, 12, 31)),
            _ => None,
        };
        Some(date.ok_or_else(bad)?)
    };
    Ok(RowDate {
        raw: raw.to_string(),
        effective,
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?;
    first_next.and_then(|d| d.pred_opt())
}

/// Parses a date given on the command line, with the same forms and meaning as row dates.
pub fn parse_cli_date(s: &str) -> Result<NaiveDate, String> {
    parse_row_date(s)?
        .effective
        .filter(|d| d.year() > 0)
        .ok_or_else(|| format!("bad date `{s}`: expected YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// Parses an RFC 3339, RFC 2822 or W3C/ISO date as used in feeds and sitemaps (`2026-10-02`, `2026-10-02T09:30:00+02:00`).
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(d.and_utc());
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_mean_the_last_day_of_their_period() {
        assert_eq!(
            parse_row_date("2026-01").ok().and_then(|d| d.effective),
            NaiveDate::from_ymd_opt(2026, 1, 31)
        );
        assert_eq!(
            parse_row_date("2024-02").ok().and_then(|d| d.effective),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            parse_row_date("2026").ok().and_then(|d| d.effective),
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
        assert_eq!(parse_row_date("").ok().and_then(|d| d.effective), None);
        assert!(parse_row_date("2026-13").is_err());
        assert!(parse_row_date("26-01-01").is_err());
        assert!(parse_row_date("2026-02-30").is_err());
    }

    #[test]
    fn cli_dates_take_the_same_forms() {
        assert_eq!(
            parse_cli_date("2026-08"),
            Ok(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or_default())
        );
        assert!(parse_cli_date("").is_err());
        assert_eq!(
            parse_ymd("2026-08-10"),
            NaiveDate::from_ymd_opt(2026, 8, 10)
        );
        assert_eq!(parse_ymd("2026-08"), None);
    }
}
