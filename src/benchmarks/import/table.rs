//! The `vbench-table` format: a per-dimension score table (CSV, TSV or a Markdown pipe
//! table) read into one entry per model and score column; columns that hold no scores are
//! skipped and reported.
use super::{clean_name, find_column, number, Entry, MODEL_COLUMNS};
use crate::problem::Problems;

/// Columns of a score table that are not scores.
fn is_meta_column(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "rank",
        "date",
        "url",
        "link",
        "param",
        "size",
        "vote",
        "sampled",
        "evaluated",
        "access",
        "license",
        "organization",
        "organisation",
        "vendor",
        "type",
        "source",
    ]
    .iter()
    .any(|m| n.contains(m))
}

/// The table as (line, cells) rows, header first: CSV, TSV or a Markdown pipe table.
fn table_rows(text: &str, problems: &mut Problems) -> Vec<(u64, Vec<String>)> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.trim_start().starts_with('|') {
        let mut rows = Vec::new();
        for (i, l) in text.lines().enumerate() {
            let t = l.trim();
            if !t.starts_with('|') {
                continue;
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect();
            // The separator row: `|---|:---:|`.
            if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            rows.push((i as u64 + 1, cells));
        }
        return rows;
    }
    let delimiter = if first.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push((
                r.position().map_or(0, |p| p.line()),
                r.iter().map(|c| c.trim().to_owned()).collect(),
            )),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.add(line, format!("malformed table row: {e}"));
            }
        }
    }
    rows
}

pub(super) fn vbench_table(
    text: &str,
    problems: &mut Problems,
    skipped: &mut Vec<String>,
) -> Vec<Entry> {
    let rows = table_rows(text, problems);
    let Some(((_, header), body)) = rows.split_first() else {
        problems.add(0, "empty table".to_owned());
        return Vec::new();
    };
    let header: Vec<String> = header.iter().map(|h| clean_name(h)).collect();
    let model = find_column(&header, MODEL_COLUMNS).unwrap_or(0);
    let mut score_columns = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if i == model || h.is_empty() {
            continue;
        }
        let numeric = body.iter().all(|(_, cells)| {
            let c = cells.get(i).map_or("", |c| c.trim());
            c.is_empty() || c == "-" || number(c).is_some()
        });
        if numeric && !is_meta_column(h) {
            score_columns.push(i);
        } else {
            skipped.push(h.clone());
        }
    }
    if score_columns.is_empty() {
        problems.add(
            1,
            format!(
                "no score columns: every column besides `{}` holds text",
                header[model]
            ),
        );
        return Vec::new();
    }
    let mut entries = Vec::new();
    for (line, cells) in body {
        let name = clean_name(cells.get(model).map_or("", String::as_str));
        if name.is_empty() {
            problems.add(*line, "empty model name".to_owned());
            continue;
        }
        for &i in &score_columns {
            let Some(value) = cells.get(i).and_then(|c| number(c)) else {
                continue;
            };
            entries.push(Entry {
                line: *line,
                entry: 0,
                name: name.clone(),
                measure: header[i].clone(),
                value,
                extra: Vec::new(),
            });
        }
    }
    entries
}
