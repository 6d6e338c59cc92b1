//! Dates and times written in articles, feeds and sitemaps.
//!
//! Takes the strings outlets write (RFC 3339, RFC 2822, ISO dates with or without a time) and
//! hands on UTC times; the store compares publication dates with it, the collector reads feed
//! and sitemap dates with it.
use chrono::{DateTime, NaiveDate, Utc};

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
