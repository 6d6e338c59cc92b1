//! Typed rows of `benchmarks.csv` and their values.
//!
//! Owns [`Row`] (one validated measurement or fact), its [`Kind`] and its [`Value`], typed by the
//! row's unit, and the parsing of single fields. The loader in `load` builds rows; everything
//! else reads them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::{parse_row_date, RowDate};

/// Whether a row is a benchmark measurement or a fact about the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A benchmark result: a score, rank, latency, memory use.
    Measurement,
    /// A fact about the model: release date, clip length, resolution, audio, price, API status.
    Fact,
}

/// A row's value, typed by its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Value {
    /// A number in the row's unit (Elo, %, USD/s, s, …).
    Number(f64),
    /// Unit `bool`: yes/no, true/false.
    Bool(bool),
    /// Unit `date`: a day.
    Date(NaiveDate),
    /// Vertical lines: `1080p` → 1080, `4K` → 2160, `1792x1024` → 1024.
    Resolution(u32),
    /// Unit `text`: kept as written.
    Text(String),
}

impl Value {
    /// The value as a number: numbers as they are, resolutions as vertical lines; `None` for
    /// booleans, dates and text.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Resolution(lines) => Some(f64::from(*lines)),
            _ => None,
        }
    }
}

/// Parses a value by its unit: `date`, `bool`, `pixels`/`resolution`, `text`, or a number for
/// any other unit.
pub(super) fn parse_value(raw: &str, unit: &str) -> Result<Value, String> {
    let raw = raw.trim();
    match unit {
        "date" => parse_row_date(raw)
            .ok()
            .and_then(|d| d.effective.filter(|_| raw.len() == 10))
            .map(Value::Date)
            .ok_or_else(|| format!("bad date value `{raw}`: unit `date` needs YYYY-MM-DD")),
        "bool" => parse_bool(raw)
            .map(Value::Bool)
            .ok_or_else(|| format!("bad boolean value `{raw}`: expected yes/no or true/false")),
        "pixels" | "resolution" => parse_resolution(raw)
            .map(Value::Resolution)
            .ok_or_else(|| format!("bad resolution `{raw}`: expected e.g. 1080p, 4K or 1280x720")),
        "text" => Ok(Value::Text(raw.to_string())),
        _ => raw
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Value::Number)
            .ok_or_else(|| format!("bad number `{raw}` for unit `{unit}`")),
    }
}

pub(super) fn parse_bool(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_resolution(raw: &str) -> Option<u32> {
    let lower = raw.to_ascii_lowercase();
    if let Some(n) = lower.strip_suffix('p') {
        return n.parse().ok();
    }
    if let Some(k) = lower.strip_suffix('k') {
        return k.parse::<u32>().ok().map(|k| match k {
            4 => 2160,
            8 => 4320,
            other => other * 540,
        });
    }
    let (w, h) = lower.split_once('x')?;
    Some(w.parse::<u32>().ok()?.min(h.parse::<u32>().ok()?))
}

/// One row of `benchmarks.csv`, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Line of the row in its file (the first line of a multi-line record).
    pub line: u64,
    /// The model as the source wrote it ("Kling 2.5 Turbo 1080p").
    pub model_raw: String,
    /// Registry id.
    pub model: String,
    /// The benchmark or kind of fact ("Artificial Analysis Video Arena text-to-video",
    /// "release date").
    pub benchmark: String,
    /// What was measured, as the source names it ("Elo", "rank").
    pub metric: String,
    /// The value as written in the file.
    pub value_raw: String,
    /// The value, typed by `unit`.
    pub value: Value,
    /// How to read the value: `date`, `bool`, `pixels`/`resolution`, `text`, or a number's unit
    /// (`Elo`, `%`, `USD/s`, `s`, …).
    pub unit: String,
    /// Whether a larger value is better; `None` for facts that are not ordered.
    pub higher_is_better: Option<bool>,
    /// When the figure was measured or published, and the day it counts as for as-of look-ups.
    pub date: RowDate,
    /// The one URL the figure was read from.
    pub source: String,
    /// Measurement or fact.
    pub kind: Kind,
    /// The pool of rows it may be ranked against (one leaderboard snapshot or fixed test set);
    /// `None`: never ranked.
    pub pool: Option<String>,
    /// True if the figure was read from a copy, not from the benchmark owner or vendor.
    pub secondary: bool,
    /// How the figure was compiled (copied from where, transcribed how) and other remarks.
    pub note: String,
}

impl Row {
    /// True if the row is dated on or before `date`.
    pub fn known_by(&self, date: NaiveDate) -> bool {
        self.date.effective.is_some_and(|d| d <= date)
    }

    /// The key that makes two rows duplicates: the same source model name, registry model,
    /// benchmark, metric and date.
    pub fn key(&self) -> (String, String, String, String, String) {
        (
            self.model_raw.to_lowercase(),
            self.model.clone(),
            self.benchmark.to_lowercase(),
            self.metric.to_lowercase(),
            self.date.raw.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolutions_parse_to_lines() {
        assert_eq!(parse_resolution("1080p"), Some(1080));
        assert_eq!(parse_resolution("4K"), Some(2160));
        assert_eq!(parse_resolution("1792x1024"), Some(1024));
        assert_eq!(parse_resolution("big"), None);
    }
}
