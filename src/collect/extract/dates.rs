//! Date normalisation: the many date spellings found in pages and URLs → ISO 8601.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use regex::Regex;
use std::sync::LazyLock;

/// Accepted year range; dates outside are almost always parse accidents.
const MIN_YEAR: i32 = 1995;
const MAX_YEAR: i32 = 2100;

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|\.|$)")
        .expect("static regex")
});
static URL_DATE_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[/_.-]")
        .expect("static regex")
});
static ISO_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?",
    )
    .expect("static regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b(?:,?\s*(\d{1,2}):(\d{2}))?")
        .expect("static regex")
});
static DAY_MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})\.?\s+([a-zäöü]{3,10})\.?,?\s+(\d{4})\b").expect("static regex")
});
static MONTH_NAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-zäöü]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("static regex")
});
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b").expect("static regex"));

/// English and German month names and abbreviations → month number.
fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let key: String = lower.chars().take(3).collect();
    let m = match key.as_str() {
        "jan" | "jän" => 1,
        "feb" => 2,
        "mar" | "mär" | "mrz" => 3,
        "apr" => 4,
        "may" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" | "okt" => 10,
        "nov" => 11,
        "dec" | "dez" => 12,
        _ => return None,
    };
    Some(m)
}

fn valid_date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Normalises a date string to ISO 8601: `2026-10-02`, `2026-10-02T09:30:00` or
/// `2026-10-02T09:30:00+02:00`. Returns `None` when no plausible date is found.
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        if (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(&dt)) {
            return Some(dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if let Some(c) = ISO_PREFIX.captures(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let y = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok())?;
        let date = valid_date(y, num(2)?, num(3)?)?;
        let Some(hour) = num(4) else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let time = chrono::NaiveTime::from_hms_opt(hour, num(5)?, num(6).unwrap_or(0))?;
        let naive = NaiveDateTime::new(date, time);
        let base = naive.format("%Y-%m-%dT%H:%M:%S").to_string();
        return Some(match c.get(7).map(|m| m.as_str()) {
            None => base,
            Some("Z" | "z" | "UTC" | "GMT") => format!("{base}+00:00"),
            Some(off) => {
                let digits: String = off[1..].chars().filter(char::is_ascii_digit).collect();
                let (hh, mm) = match digits.len() {
                    2 => (&digits[..2], "00"),
                    4 => (&digits[..2], &digits[2..]),
                    _ => return Some(base),
                };
                format!("{base}{}{hh}:{mm}", &off[..1])
            }
        });
    }
    if let Some(c) = SLASHED.captures(s) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = valid_date(n(1)? as i32, n(2)?, n(3)?)?;
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = DOTTED.captures(s) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = valid_date(n(3)? as i32, n(2)?, n(1)?)?;
        if let (Some(h), Some(mi)) = (n(4), n(5)) {
            if let Some(t) = chrono::NaiveTime::from_hms_opt(h, mi, 0) {
                return Some(
                    NaiveDateTime::new(date, t)
                        .format("%Y-%m-%dT%H:%M:%S")
                        .to_string(),
                );
            }
        }
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = DAY_MONTH_NAME.captures(s) {
        let d = c.get(1)?.as_str().parse().ok()?;
        let m = month_number(c.get(2)?.as_str())?;
        let y = c.get(3)?.as_str().parse().ok()?;
        return valid_date(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = MONTH_NAME_DAY.captures(s) {
        let m = month_number(c.get(1)?.as_str())?;
        let d = c.get(2)?.as_str().parse().ok()?;
        let y = c.get(3)?.as_str().parse().ok()?;
        return valid_date(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    }
    None
}

/// Reads a date from URL patterns like `/2026/10/02/` or `/2026-10-02-`.
pub(crate) fn from_url(url: &str) -> Option<String> {
    let to_date = |c: regex::Captures<'_>| {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        valid_date(n(1)? as i32, n(2)?, n(3)?).map(|d| d.format("%Y-%m-%d").to_string())
    };
    URL_DATE
        .captures(url)
        .and_then(to_date)
        .or_else(|| URL_DATE_COMPACT.captures(url).and_then(to_date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let cases = [
            ("2026-10-02T09:30:00+02:00", "2026-10-02T09:30:00+02:00"),
            ("2026-10-02T07:30:00Z", "2026-10-02T07:30:00+00:00"),
            ("2026-10-02T07:30:00.000Z", "2026-10-02T07:30:00+00:00"),
            ("2026-10-02 07:30", "2026-10-02T07:30:00"),
            ("2026-10-02T07:30:00+0200", "2026-10-02T07:30:00+02:00"),
            ("20261002", "2026-10-02"),
            ("2026-10-02", "2026-10-02"),
            ("02.10.2026, 09:30 Uhr", "2026-10-02T09:30:00"),
            ("2. Oktober 2026", "2026-10-02"),
            ("October 2, 2026", "2026-10-02"),
            ("Oct. 2nd, 2026", "2026-10-02"),
            (
                "Fri, 02 Oct 2026 09:30:00 +0200",
                "2026-10-02T09:30:00+02:00",
            ),
            ("2026/10/02", "2026-10-02"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_deref(), Some(want), "{raw}");
        }
        for bad in ["", "yesterday", "2026-13-45", "0000-00-00", "1200-01-01"] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }

    #[test]
    fn url_patterns() {
        assert_eq!(
            from_url("https://x.test/news/2026/10/02/sora-2").as_deref(),
            Some("2026-10-02")
        );
        assert_eq!(
            from_url("https://x.test/2026-10-02-veo/").as_deref(),
            Some("2026-10-02")
        );
        assert_eq!(
            from_url("https://x.test/a/20261002_kling.html").as_deref(),
            Some("2026-10-02")
        );
        assert_eq!(from_url("https://x.test/item/123456"), None);
    }
}
