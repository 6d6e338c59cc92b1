//! Merging new measured outcomes (a leaderboard snapshot) into a benchmarks file, and
//! writing the result so that a failure never leaves a half-written file.
//!
//! Takes the target file's text and both files loaded and validated; skips incoming rows
//! whose key (model, benchmark, metric, date, …) the target already has, appends the rest in
//! the target's own column order, and validates the merged text again before anyone writes
//! it. `benchmarks import` is the user; the tests below pin the rules.
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Benchmarks, BenchmarksError, Kind, LoadOptions, Row};
use crate::models::Registry;

/// An incoming row the target already has (same key).
#[derive(Debug, Clone, Copy)]
pub struct Duplicate<'a> {
    /// The row in the incoming file.
    pub incoming: &'a Row,
    /// The row with the same key in the target.
    pub existing: &'a Row,
}

impl Duplicate<'_> {
    /// Whether the two rows disagree on the value.
    pub fn value_differs(&self) -> bool {
        self.existing.value_raw != self.incoming.value_raw
    }
}

/// The outcome of [`merge`]: the rows added, the duplicates skipped, the merged file text.
#[derive(Debug)]
pub struct Merge<'a> {
    /// Incoming rows appended, in incoming order.
    pub added: Vec<&'a Row>,
    /// Incoming rows skipped.
    pub duplicates: Vec<Duplicate<'a>>,
    /// The target's text with the added rows appended (validated).
    pub text: String,
}

/// Errors of [`merge`] and [`write_atomically`].
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The target's header could not be read.
    #[error("could not read the header of `{file}`: {source}")]
    Header {
        /// The target file.
        file: String,
        /// CSV error.
        source: csv::Error,
    },
    /// The new rows could not be encoded.
    #[error("could not encode the new rows: {0}")]
    Encode(String),
    /// The merged file does not validate.
    #[error(transparent)]
    Invalid(#[from] BenchmarksError),
    /// Writing the file failed.
    #[error("could not {action} `{}`: {source}", .path.display())]
    Write {
        /// What failed: create, write, sync, rename to ….
        action: String,
        /// The file.
        path: PathBuf,
        /// IO error.
        source: std::io::Error,
    },
}

/// The target file and what it is validated against.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The target's text as read.
    pub text: &'a str,
    /// The target's name in messages.
    pub label: &'a str,
    /// The dimension map's text.
    pub dimensions: &'a str,
    /// The dimension map's name in messages.
    pub dimensions_label: &'a str,
    /// The registry model ids are checked against.
    pub registry: &'a Registry,
}

/// Merges `incoming` into `existing` (loaded from `target.text`): duplicates by key are
/// skipped, the other rows appended in the target's column order; the merged text is
/// validated as a whole (`label (after merge)` in its problems).
pub fn merge<'a>(
    target: Target<'_>,
    existing: &'a Benchmarks,
    incoming: &'a Benchmarks,
) -> Result<Merge<'a>, MergeError> {
    let keys: std::collections::HashMap<_, &Row> =
        existing.rows().iter().map(|r| (r.key(), r)).collect();
    let mut added = Vec::new();
    let mut duplicates = Vec::new();
    for r in incoming.rows() {
        match keys.get(&r.key()) {
            Some(old) => duplicates.push(Duplicate {
                incoming: r,
                existing: old,
            }),
            None => added.push(r),
        }
    }
    let header: Vec<String> = csv::Reader::from_reader(target.text.as_bytes())
        .headers()
        .map_err(|source| MergeError::Header {
            file: target.label.to_owned(),
            source,
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut text = target.text.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in &added {
        writer
            .write_record(header.iter().map(|h| row_field(r, h)))
            .map_err(|e| MergeError::Encode(e.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| MergeError::Encode(e.to_string()))?;
    text.push_str(&String::from_utf8(bytes).map_err(|e| MergeError::Encode(e.to_string()))?);
    Benchmarks::parse(
        &text,
        &format!("{} (after merge)", target.label),
        target.dimensions,
        target.dimensions_label,
        target.registry,
        LoadOptions::default(),
    )?;
    Ok(Merge {
        added,
        duplicates,
        text,
    })
}

/// A row's field by column name, as written in the file (empty for unknown columns).
pub fn row_field(r: &Row, column: &str) -> String {
    let bool_text = |b: Option<bool>| b.map_or(String::new(), |b| b.to_string());
    match column {
        "model_raw" => r.model_raw.clone(),
        "model" => r.model.clone(),
        "benchmark" => r.benchmark.clone(),
        "metric" => r.metric.clone(),
        "value" => r.value_raw.clone(),
        "unit" => r.unit.clone(),
        "higher_is_better" => bool_text(r.higher_is_better),
        "date" => r.date.raw.clone(),
        "source" => r.source.clone(),
        "kind" => match r.kind {
            Kind::Measurement => "measurement".into(),
            Kind::Fact => "fact".into(),
        },
        "pool" => r.pool.clone().unwrap_or_default(),
        "secondary" => r.secondary.to_string(),
        "note" | "notes" => r.note.clone(),
        _ => String::new(),
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`, so
/// a failure never leaves a half-written file (the temporary file is removed on failure).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), MergeError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "benchmarks.csv".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let fail = |action: &str, p: &Path| {
        let p = p.to_owned();
        let action = action.to_owned();
        move |source| MergeError::Write {
            action,
            path: p,
            source,
        }
    };
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(fail("create", &tmp))?;
        f.write_all(bytes).map_err(fail("write", &tmp))?;
        f.sync_all().map_err(fail("sync", &tmp))?;
        std::fs::rename(&tmp, path).map_err(fail(&format!("rename to `{}`", path.display()), &tmp))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmarks::{SHIPPED_DIMENSIONS, SHIPPED_DIMENSIONS_LABEL};

    fn load(text: &str, registry: &Registry) -> Benchmarks {
        Benchmarks::parse(
            text,
            "t.csv",
            SHIPPED_DIMENSIONS,
            SHIPPED_DIMENSIONS_LABEL,
            registry,
            LoadOptions::default(),
        )
        .expect("test data is valid")
    }

    fn target<'a>(text: &'a str, registry: &'a Registry) -> Target<'a> {
        Target {
            text,
            label: "t.csv",
            dimensions: SHIPPED_DIMENSIONS,
            dimensions_label: SHIPPED_DIMENSIONS_LABEL,
            registry,
        }
    }

    fn shipped_rows(n: usize) -> Vec<String> {
        let registry = Registry::shipped().expect("shipped registry is valid");
        let all = Benchmarks::shipped(&registry).expect("shipped data is valid");
        all.rows()
            .iter()
            .take(n)
            .map(|r| {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(Vec::new());
                w.write_record(super::super::COLUMNS.iter().map(|c| row_field(r, c)))
                    .unwrap();
                String::from_utf8(w.into_inner().unwrap()).unwrap()
            })
            .collect()
    }

    #[test]
    fn duplicates_are_skipped_and_new_rows_appended() {
        let registry = Registry::shipped().unwrap();
        let rows = shipped_rows(3);
        let header: String = super::super::COLUMNS.join(",") + "\n";
        let existing_text = format!("{header}{}{}", rows[0], rows[1]);
        let incoming_text = format!("{header}{}{}", rows[1], rows[2]);
        let existing = load(&existing_text, &registry);
        let incoming = load(&incoming_text, &registry);
        let m = merge(target(&existing_text, &registry), &existing, &incoming).unwrap();
        assert_eq!(m.added.len(), 1);
        assert_eq!(m.duplicates.len(), 1);
        assert!(!m.duplicates[0].value_differs());
        assert_eq!(m.text, format!("{existing_text}{}", rows[2]));
        assert_eq!(load(&m.text, &registry).rows().len(), 3);
    }

    #[test]
    fn a_missing_final_newline_is_added_before_appending() {
        let registry = Registry::shipped().unwrap();
        let rows = shipped_rows(2);
        let header: String = super::super::COLUMNS.join(",") + "\n";
        let existing_text = format!("{header}{}", rows[0].trim_end());
        let incoming_text = format!("{header}{}", rows[1]);
        let existing = load(&existing_text, &registry);
        let incoming = load(&incoming_text, &registry);
        let m = merge(target(&existing_text, &registry), &existing, &incoming).unwrap();
        assert_eq!(m.text, format!("{header}{}{}", rows[0], rows[1]));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn atomic_write_failure_names_the_file_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("b.csv");
        let e = write_atomically(&path, b"new").unwrap_err().to_string();
        assert!(e.starts_with("could not create"), "{e}");
        assert!(e.contains("missing-dir"), "{e}");
    }
}
