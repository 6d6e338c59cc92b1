//! Configuration file: `hypecheck.toml` or `.hypecheck.toml`, searched from the working
//! directory upward (stopping at a `.git` root), `--config FILE` to name one, `--isolated` to
//! ignore them. Unknown keys are errors, so a typo does not silently do nothing.
//!
//! ```toml
//! lexicons = "my-lexicons"        # relative to the config file
//! lang = "de"                     # or "en"; default: detect per document
//! fail-above = 40                 # exit 1 when a document's Hype Index exceeds this
//! disabled-categories = ["puffery"]
//! show-all = false
//! max-evidence-age = 90           # days; older evidence gets a "judged on data from" note
//! ```
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// File names searched, in order, in each directory.
pub const FILE_NAMES: &[&str] = &["hypecheck.toml", ".hypecheck.toml"];

/// The contents of a configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Lexicon directory (relative paths are resolved against the file's directory).
    pub lexicons: Option<PathBuf>,
    /// Language code.
    pub lang: Option<String>,
    /// Threshold for exit code 1.
    pub fail_above: Option<f64>,
    /// Categories to ignore.
    #[serde(default)]
    pub disabled_categories: Vec<String>,
    /// List quoted, negated and questioned hits too.
    pub show_all: Option<bool>,
    /// Days after which the newest evidence behind a verdict counts as stale.
    pub max_evidence_age: Option<u32>,
}

/// Errors reading a configuration file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Unreadable.
    #[error("could not read config `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Not valid TOML or unknown keys.
    #[error("invalid config `{path}`: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Finds the nearest configuration file from `start` upward; stops after a directory that
/// holds `.git`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Reads and validates `path`; relative paths inside are resolved against its directory.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut cfg: Config = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
        path: path.to_owned(),
        message: e.to_string().trim().to_owned(),
    })?;
    if let Some(l) = &cfg.lang {
        if crate::text::Lang::parse(l).is_none() {
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                message: format!("lang `{l}` must be `de` or `en`"),
            });
        }
    }
    if let Some(lex) = &cfg.lexicons {
        if lex.is_relative() {
            let base = path.parent().unwrap_or(Path::new("."));
            cfg.lexicons = Some(base.join(lex));
        }
    }
    Ok(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_and_paths_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("hypecheck.toml");
        std::fs::write(&p, "lexicons = \"lex\"\nfail-above = 30\n").unwrap();
        let c = load(&p).unwrap();
        assert_eq!(c.lexicons, Some(dir.path().join("lex")));
        assert_eq!(c.fail_above, Some(30.0));
        std::fs::write(&p, "fail_above = 30\n").unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("unknown field"), "{e}");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(discover(&sub), Some(p));
    }
}
