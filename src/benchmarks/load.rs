//! Reading and validating `benchmarks.csv`.
//!
//! Takes the file text and the model [`Registry`]; hands on the valid [`Row`]s and records every
//! problem (per field, and across rows: duplicates, pools that mix units or directions) with
//! its file and line, so one run lists everything to fix.

use std::collections::HashMap;

use crate::dates::parse_row_date;
use crate::models::{EntryKind, Registry};
use crate::problem::{Problem, Problems};
use crate::table::{Table, Width};

use super::row::{parse_bool, parse_value, Kind, Row, Value};
use super::{LoadOptions, COLUMNS, OPTIONAL_COLUMNS};

pub(super) fn parse_rows(
    text: &str,
    file: &str,
    registry: &Registry,
    options: LoadOptions,
    problems: &mut Vec<Problem>,
) -> Vec<Row> {
    let mut found = Problems::new(file);
    let required = &COLUMNS[..COLUMNS.len() - OPTIONAL_COLUMNS];
    let Some(table) = Table::csv(text, required, Width::Exact, &mut found) else {
        problems.extend(found.into_vec());
        return Vec::new();
    };
    let mut push = |line: u64, message: String| found.add(line, message);
    let mut rows = Vec::new();
    for record in table.records() {
        let line = record.line;
        let get = |name: &str| record.get(name);
        let mut ok = true;
        let mut bad = |message: String| {
            ok = false;
            push(line, message);
        };
        let model_raw = get("model_raw");
        let mut model = get("model");
        if model.is_empty() && options.resolve_missing_models && !model_raw.is_empty() {
            match registry.resolve_name(&model_raw) {
                Some(m) => model = m.id.clone(),
                None => bad(format!(
                    "cannot map model `{model_raw}` to a registry id; fill in the `model` column"
                )),
            }
        } else if model.is_empty() {
            bad("missing model id".into());
        } else {
            match registry.get(&model) {
                Some(m) if m.kind == EntryKind::Model => {}
                Some(_) => bad(format!(
                    "`{model}` is a model family, not a model; name the version"
                )),
                None => bad(format!("unknown model id `{model}`")),
            }
        }
        let model_raw = if model_raw.is_empty() {
            model.clone()
        } else {
            model_raw
        };
        let benchmark = get("benchmark");
        if benchmark.is_empty() {
            bad("missing benchmark".into());
        }
        let unit = get("unit");
        let value_raw = get("value");
        let value = match parse_value(&value_raw, &unit) {
            Ok(v) => Some(v),
            Err(m) => {
                bad(m);
                None
            }
        };
        let hib_raw = get("higher_is_better");
        let higher_is_better = if hib_raw.is_empty() {
            None
        } else {
            match parse_bool(&hib_raw) {
                Some(b) => Some(b),
                None => {
                    bad(format!(
                        "bad boolean `{hib_raw}` in `higher_is_better`: expected true, false or empty"
                    ));
                    None
                }
            }
        };
        let date = match parse_row_date(&get("date")) {
            Ok(d) => Some(d),
            Err(m) => {
                bad(m);
                None
            }
        };
        let source = get("source");
        if source.is_empty() {
            bad("missing source: every figure needs the page it was read from".into());
        } else if let Err(m) = check_source(&source) {
            bad(m);
        }
        let kind = match get("kind").as_str() {
            "measurement" => Some(Kind::Measurement),
            "fact" => Some(Kind::Fact),
            other => {
                bad(format!(
                    "bad kind `{other}`: expected `measurement` or `fact`"
                ));
                None
            }
        };
        let secondary_raw = get("secondary");
        let secondary = if secondary_raw.is_empty() {
            false
        } else {
            match parse_bool(&secondary_raw) {
                Some(b) => b,
                None => {
                    bad(format!(
                        "bad boolean `{secondary_raw}` in `secondary`: expected true or false"
                    ));
                    false
                }
            }
        };
        let pool = Some(get("pool")).filter(|p| !p.is_empty());
        if pool.is_some() {
            let numeric = value.as_ref().and_then(Value::as_number).is_some();
            if !numeric || higher_is_better.is_none() {
                bad("a row in a pool needs a numeric value and `higher_is_better`".into());
            }
        }
        if let (true, Some(value), Some(date), Some(kind)) = (ok, value, date, kind) {
            rows.push(Row {
                line,
                model_raw,
                model,
                benchmark,
                metric: get("metric"),
                value_raw,
                value,
                unit,
                higher_is_better,
                date,
                source,
                kind,
                pool,
                secondary,
                note: match record.field("note") {
                    "" => get("notes"),
                    note => note.to_owned(),
                },
            });
        }
    }
    // Cross-row checks: duplicates, and pools that mix units or directions.
    let mut seen: HashMap<_, u64> = HashMap::new();
    let mut pools: HashMap<&str, &Row> = HashMap::new();
    for r in &rows {
        if let Some(first) = seen.insert(r.key(), r.line) {
            push(
                r.line,
                format!("duplicate of line {first} (same model, benchmark, metric and date)"),
            );
            seen.insert(r.key(), first);
        }
        if let Some(pool) = &r.pool {
            match pools.get(pool.as_str()) {
                Some(first)
                    if first.unit != r.unit || first.higher_is_better != r.higher_is_better =>
                {
                    push(
                        r.line,
                        format!(
                            "pool `{pool}` mixes unit `{}`/higher_is_better {:?} (line {}) with `{}`/{:?}",
                            first.unit, first.higher_is_better, first.line, r.unit, r.higher_is_better
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    pools.insert(pool, r);
                }
            }
        }
    }
    problems.extend(found.into_vec());
    rows
}

/// A source is one `http(s)://` URL and nothing else: how the figure was compiled belongs in
/// the `note` column, so that evidence can cite the source briefly.
pub(super) fn check_source(source: &str) -> Result<(), String> {
    let url = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"));
    match url {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !source.contains(char::is_whitespace) => Ok(()),
        _ => Err(format!(
            "source `{source}` is not one URL: put the page's http(s) address in `source` and how the figure was compiled in `note`"
        )),
    }
}
