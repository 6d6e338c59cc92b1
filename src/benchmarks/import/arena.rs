//! The arena formats: `arena-csv` (model and Elo columns, votes and CI optional) and
//! `leaderboard-json` (an array of {name, elo} objects, at the top or under a known key),
//! each read into leaderboard entries.
use serde_json::Value as Json;

use super::{clean_name, find_column, number, Entry, MODEL_COLUMNS};
use crate::problem::Problems;

const ELO_COLUMNS: &[&str] = &[
    "elo",
    "arena_score",
    "arena score",
    "score",
    "rating",
    "elo score",
];
const VOTE_COLUMNS: &[&str] = &["votes", "num_battles", "battles", "appearances"];
const CI_COLUMNS: &[&str] = &["ci", "95% ci", "ci95", "95% ci (±)", "confidence_interval"];

pub(super) fn arena_csv(text: &str, problems: &mut Problems) -> Vec<Entry> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            problems.add(1, format!("cannot read header: {e}"));
            return Vec::new();
        }
    };
    let (Some(model), Some(elo)) = (
        find_column(&header, MODEL_COLUMNS),
        find_column(&header, ELO_COLUMNS),
    ) else {
        problems.add(
            1,
            format!(
                "an arena CSV needs a model column ({}) and an Elo column ({}); found `{}`",
                MODEL_COLUMNS.join(", "),
                ELO_COLUMNS.join(", "),
                header.join(",")
            ),
        );
        return Vec::new();
    };
    let votes = find_column(&header, VOTE_COLUMNS);
    let ci = find_column(&header, CI_COLUMNS);
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.add(line, format!("malformed CSV: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let name = clean_name(get(model));
        if name.is_empty() {
            problems.add(line, "empty model name".to_owned());
            continue;
        }
        let Some(value) = number(get(elo)) else {
            problems.add(
                line,
                format!("`{name}`: Elo `{}` is not a number", get(elo)),
            );
            continue;
        };
        let mut extra = Vec::new();
        if let Some(v) = votes.map(get).filter(|v| !v.is_empty()) {
            extra.push(format!("votes {v}"));
        }
        if let Some(c) = ci.map(get).filter(|c| !c.is_empty()) {
            extra.push(format!("95% CI {c}"));
        }
        entries.push(Entry {
            line,
            entry: 0,
            name,
            measure: String::new(),
            value,
            extra,
        });
    }
    entries
}

pub(super) fn leaderboard_json(text: &str, problems: &mut Problems) -> Vec<Entry> {
    let doc: Json = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            problems.add(
                u64::try_from(e.line()).unwrap_or(0),
                format!("not valid JSON: {e}"),
            );
            return Vec::new();
        }
    };
    let list = match &doc {
        Json::Array(a) => Some(a),
        Json::Object(o) => [
            "data",
            "models",
            "leaderboard",
            "results",
            "items",
            "entries",
        ]
        .iter()
        .find_map(|k| o.get(*k).and_then(Json::as_array)),
        _ => None,
    };
    let Some(list) = list else {
        problems.add(
            0,
            "no leaderboard array: expected a JSON array, or one under `data`, `models`, `leaderboard`, `results`, `items` or `entries`".to_owned(),
        );
        return Vec::new();
    };
    let text_of = |v: &Json| match v {
        Json::String(s) => Some(s.trim().to_owned()),
        Json::Number(n) => Some(n.to_string()),
        Json::Object(o) => o
            .get("name")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_owned()),
        _ => None,
    };
    let mut entries = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let entry = i + 1;
        let Some(obj) = item.as_object() else {
            problems.add(0, format!("entry {entry}: not an object"));
            continue;
        };
        let name = ["name", "model", "model_name", "display_name", "slug"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of))
            .map(|n| clean_name(&n))
            .unwrap_or_default();
        if name.is_empty() {
            problems.add(
                0,
                format!("entry {entry}: no model name (`name`, `model`, `model_name`)"),
            );
            continue;
        }
        let raw = ["elo", "arena_score", "score", "rating"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of));
        let Some(value) = raw.as_deref().and_then(number) else {
            problems.add(
                0,
                format!("entry {entry} (`{name}`): no numeric Elo (`elo`, `arena_score`, `score`, `rating`)"),
            );
            continue;
        };
        let mut extra = Vec::new();
        if let Some(v) = ["votes", "appearances", "num_battles"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of))
        {
            extra.push(format!("votes {v}"));
        }
        if let Some(c) = ["ci95", "ci", "confidence_interval"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(text_of))
        {
            extra.push(format!("95% CI {c}"));
        }
        entries.push(Entry {
            line: 0,
            entry,
            name,
            measure: String::new(),
            value,
            extra,
        });
    }
    entries
}
