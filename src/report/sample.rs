//! The demo's sample corpus: the HTML pages in `data/sample/`.
//!
//! The demo imports them through the same path as any local file
//! (the collector's import, extraction included) and reports on them.
use std::path::{Path, PathBuf};

use super::ReportError;

/// The sample pages (`*.html`) in `dir`, sorted by name.
pub(crate) fn pages(dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let rd = std::fs::read_dir(dir).map_err(|e| ReportError::Sample {
        path: dir.to_owned(),
        message: format!("cannot read the sample directory: {e}"),
    })?;
    let mut out: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(ReportError::Sample {
            path: dir.to_owned(),
            message: "no .html sample pages found".to_owned(),
        });
    }
    Ok(out)
}
