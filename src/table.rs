//! Reading the data tables: CSV (`models.csv`, `benchmarks.csv`, `dimensions.csv`) and TSV
//! (`claim-cues.tsv`).
//!
//! Owns the header → column map, the per-record field access and the line numbers, so that each
//! data loader only says which columns it needs and what a field means. Takes the file text and
//! the column names; hands on a [`Table`] of [`Record`]s (each with the line it starts on) and
//! records every structural problem (unreadable header, missing column, malformed record,
//! wrong field count) in a [`Problems`] collector as `file:line: message`. Loaders then add
//! their own per-field problems to the same collector, so a file's problems come out together.
//!
//! CSV goes through the `csv` crate (quoted fields may span lines; a record's line is the line
//! it starts on). TSV is read line by line like the lexicon files: blank lines and lines
//! starting with `#` are skipped, the first other line must be the header, fields are split on
//! tabs and trimmed, and there is no quoting.

use rustc_hash::FxHashMap as HashMap;

use csv::StringRecord;

use crate::problem::Problems;

/// Whether every record must have as many fields as the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    /// A record with a different field count is a problem and is skipped.
    Exact,
    /// Missing trailing fields read as empty.
    Flexible,
}

/// A parsed table: the column map and the records in file order.
#[derive(Debug)]
pub(crate) struct Table {
    columns: HashMap<String, usize>,
    records: Vec<(u64, StringRecord)>,
}

/// One record of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'t> {
    /// 1-based line the record starts on.
    pub(crate) line: u64,
    fields: &'t StringRecord,
    columns: &'t HashMap<String, usize>,
}

impl<'t> Record<'t> {
    /// The trimmed field of column `name`; empty if the column or the field is absent.
    pub(crate) fn field(&self, name: &str) -> &'t str {
        self.columns
            .get(name)
            .and_then(|&i| self.fields.get(i))
            .unwrap_or("")
            .trim()
    }

    /// [`Record::field`] as an owned string.
    pub(crate) fn get(&self, name: &str) -> String {
        self.field(name).to_string()
    }
}

impl Table {
    /// The records in file order.
    pub(crate) fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.records.iter().map(|(line, fields)| Record {
            line: *line,
            fields,
            columns: &self.columns,
        })
    }

    /// Reads CSV text with a header line. `required` columns must be present (others are
    /// read if present). Returns `None` when the header is unreadable or a required column is
    /// missing; malformed records are recorded and skipped.
    pub(crate) fn csv(
        text: &str,
        required: &[&str],
        width: Width,
        problems: &mut Problems,
    ) -> Option<Table> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                problems.add(1, format!("cannot read header: {e}"));
                return None;
            }
        };
        let columns = column_map(header.iter());
        if !has_required(&columns, required, problems) {
            return None;
        }
        let mut records = Vec::new();
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
            if width == Width::Exact && record.len() != header.len() {
                problems.add(
                    line,
                    format!("expected {} fields, found {}", header.len(), record.len()),
                );
                continue;
            }
            records.push((line, record));
        }
        Some(Table { columns, records })
    }

    /// Reads TSV text whose first line that is neither blank nor a `#` comment is exactly
    /// `header`. Every record must have as many fields as the header. Returns `None` when the
    /// header is wrong or missing.
    pub(crate) fn tsv(text: &str, header: &[&str], problems: &mut Problems) -> Option<Table> {
        let mut records = Vec::new();
        let mut seen_header = false;
        for (i, raw) in text.lines().enumerate() {
            let line = i as u64 + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = raw.split('\t').map(str::trim).collect();
            if !seen_header {
                seen_header = true;
                if fields != header {
                    problems.add(
                        line,
                        format!(
                            "header must be `{}` (tab-separated), found `{}`",
                            header.join("\\t"),
                            raw.trim_end_matches('\r').replace('\t', "\\t")
                        ),
                    );
                    return None;
                }
                continue;
            }
            if fields.len() != header.len() {
                problems.add(
                    line,
                    format!(
                        "expected {} tab-separated columns ({}), found {}",
                        header.len(),
                        header.join(", "),
                        fields.len()
                    ),
                );
                continue;
            }
            records.push((line, StringRecord::from(fields)));
        }
        if !seen_header {
            problems.add(0, format!("no header line `{}`", header.join("\\t")));
            return None;
        }
        Some(Table {
            columns: column_map(header.iter().copied()),
            records,
        })
    }
}

fn column_map<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    // Of two equally named columns the last one wins.
    names
        .enumerate()
        .map(|(i, name)| (name.to_string(), i))
        .collect()
}

fn has_required(
    columns: &HashMap<String, usize>,
    required: &[&str],
    problems: &mut Problems,
) -> bool {
    let mut ok = true;
    for name in required {
        if !columns.contains_key(*name) {
            problems.add(1, format!("missing column `{name}`"));
            ok = false;
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_keep_their_start_line() {
        let mut problems = Problems::new("t.csv");
        let text = "a,b\n1,\"x\ny\"\n2,z\n";
        let table = Table::csv(text, &["a", "b"], Width::Exact, &mut problems);
        let Some(table) = table else {
            panic!("table expected: {:?}", problems.list)
        };
        let got: Vec<(u64, String)> = table.records().map(|r| (r.line, r.get("a"))).collect();
        assert_eq!(got, vec![(2, "1".into()), (4, "2".into())]);
        assert!(problems.is_empty());
    }

    #[test]
    fn csv_missing_columns_and_wrong_width_are_problems() {
        let mut problems = Problems::new("t.csv");
        assert!(Table::csv("a\n1\n", &["a", "b"], Width::Exact, &mut problems).is_none());
        assert_eq!(problems.list[0].to_string(), "t.csv:1: missing column `b`");
        let mut problems = Problems::new("t.csv");
        let table = Table::csv("a,b\n1\n1,2\n", &["a"], Width::Exact, &mut problems);
        assert_eq!(table.map(|t| t.records().count()), Some(1));
        assert_eq!(
            problems.list[0].to_string(),
            "t.csv:2: expected 2 fields, found 1"
        );
    }

    #[test]
    fn tsv_needs_its_header_after_comments() {
        let mut problems = Problems::new("t.tsv");
        let text = "# comment\n\nx\ty\n1\t 2 \n1\n";
        let table = Table::tsv(text, &["x", "y"], &mut problems);
        let Some(table) = table else {
            panic!("table expected: {:?}", problems.list)
        };
        let got: Vec<(u64, &str)> = table.records().map(|r| (r.line, r.field("y"))).collect();
        assert_eq!(got, vec![(4, "2")]);
        assert_eq!(
            problems.list[0].to_string(),
            "t.tsv:5: expected 2 tab-separated columns (x, y), found 1"
        );
        let mut problems = Problems::new("t.tsv");
        assert!(Table::tsv("1\t2\n", &["x", "y"], &mut problems).is_none());
        assert_eq!(
            problems.list[0].to_string(),
            "t.tsv:1: header must be `x\\ty` (tab-separated), found `1\\t2`"
        );
    }
}
