//! The sources file (`data/sources.toml`): outlets with their feeds and sitemaps, plus optional
//! `[crawler]` and `[topic]` tables.
//!
//! ```toml
//! [[source]]
//! name = "Heise online"
//! lang = "de"
//! homepage = "https://www.heise.de/"
//! feeds = ["https://www.heise.de/rss/heise-atom.xml"]
//! sitemaps = []
//! # optional: country = "DE", delay_secs = 2.0
//! ```
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::canon::parse_http_url;
use super::topic::TopicConfig;

/// Default sources file.
pub const DEFAULT_SOURCES: &str = "data/sources.toml";

/// One outlet.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Outlet name, unique in the file.
    pub name: String,
    /// Language code: `de` or `en`.
    pub lang: String,
    /// Homepage URL.
    pub homepage: String,
    /// Feed URLs (RSS 2.0, Atom, JSON Feed).
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Sitemap URLs (urlset, sitemap index, Google News sitemaps).
    #[serde(default)]
    pub sitemaps: Vec<String>,
    /// Optional ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// Optional per-host delay in seconds for this outlet (overrides the default).
    #[serde(default)]
    pub delay_secs: Option<f64>,
}

/// Optional `[crawler]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CrawlerConfig {
    /// Contact URL put into the User-Agent.
    pub contact: Option<String>,
    /// Default per-host delay in seconds.
    pub delay_secs: Option<f64>,
    /// Number of worker threads.
    pub concurrency: Option<usize>,
    /// Response size cap in bytes.
    pub max_bytes: Option<u64>,
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    /// Outlets.
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
    /// Crawler settings.
    #[serde(default)]
    pub crawler: CrawlerConfig,
    /// Topic filter settings.
    #[serde(default)]
    pub topic: TopicConfig,
}

/// Errors reading or validating the sources file.
#[derive(Debug, thiserror::Error)]
pub enum SourcesError {
    /// File unreadable.
    #[error("{path}: cannot read sources file: {source}")]
    Read {
        /// File.
        path: PathBuf,
        /// IO error.
        source: std::io::Error,
    },
    /// TOML syntax or schema error (the message carries line and column).
    #[error("{path}: {message}")]
    Parse {
        /// File.
        path: PathBuf,
        /// toml's message, with line/column and a snippet.
        message: String,
    },
    /// Semantic problems, one per line.
    #[error("{path}: invalid sources:\n{}", problems.join("\n"))]
    Invalid {
        /// File.
        path: PathBuf,
        /// Problems found.
        problems: Vec<String>,
    },
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

impl SourcesFile {
    /// Reads, parses and validates a sources file.
    pub fn load(path: &Path) -> Result<Self, SourcesError> {
        let text = std::fs::read_to_string(path).map_err(|source| SourcesError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses and validates sources text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, SourcesError> {
        let file: SourcesFile = toml::from_str(text).map_err(|e| SourcesError::Parse {
            path: path.to_owned(),
            message: e.to_string().trim_end().to_owned(),
        })?;
        let problems = file.problems(text);
        if problems.is_empty() {
            Ok(file)
        } else {
            Err(SourcesError::Invalid {
                path: path.to_owned(),
                problems,
            })
        }
    }

    fn problems(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut names = std::collections::HashSet::new();
        for s in &self.sources {
            let at = |needle: &str| match line_of(text, needle) {
                Some(l) => format!("line {l}: "),
                None => String::new(),
            };
            let name_at = at(&format!("\"{}\"", s.name));
            if s.name.trim().is_empty() {
                out.push(format!("{name_at}source with an empty name"));
            }
            if !names.insert(s.name.to_lowercase()) {
                out.push(format!("{name_at}duplicate source name {:?}", s.name));
            }
            if s.lang != "de" && s.lang != "en" {
                out.push(format!(
                    "{name_at}source {:?}: lang must be \"de\" or \"en\", not {:?}",
                    s.name, s.lang
                ));
            }
            for u in std::iter::once(&s.homepage)
                .chain(&s.feeds)
                .chain(&s.sitemaps)
            {
                if let Err(e) = parse_http_url(u) {
                    out.push(format!("{}source {:?}: {e}", at(u), s.name));
                }
            }
            if s.feeds.is_empty() && s.sitemaps.is_empty() {
                out.push(format!(
                    "{name_at}source {:?} has neither feeds nor sitemaps",
                    s.name
                ));
            }
            if let Some(d) = s.delay_secs {
                if !(0.0..=600.0).contains(&d) {
                    out.push(format!(
                        "{name_at}source {:?}: delay_secs must be between 0 and 600",
                        s.name
                    ));
                }
            }
        }
        out
    }

    /// Sources whose name matches one of `names` (case-insensitive); all when `names` is empty.
    pub fn select(&self, names: &[String]) -> Vec<Source> {
        if names.is_empty() {
            return self.sources.clone();
        }
        self.sources
            .iter()
            .filter(|s| names.iter().any(|n| n.eq_ignore_ascii_case(&s.name)))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documented_form() {
        let t = r#"
[[source]]
name = "Heise online"
lang = "de"
homepage = "https://www.heise.de/"
feeds = ["https://www.heise.de/rss/heise-atom.xml"]
sitemaps = []
"#;
        let f = SourcesFile::parse(t, Path::new("s.toml")).unwrap();
        assert_eq!(f.sources.len(), 1);
        assert_eq!(f.sources[0].lang, "de");
    }

    #[test]
    fn unknown_key_reports_line() {
        let t =
            "[[source]]\nname = \"X\"\nlang = \"de\"\nhomepage = \"https://x.de/\"\nfeedz = []\n";
        let e = SourcesFile::parse(t, Path::new("s.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("s.toml"), "{e}");
        assert!(e.contains("line 5"), "{e}");
    }

    #[test]
    fn semantic_problems() {
        let t = "[[source]]\nname = \"X\"\nlang = \"fr\"\nhomepage = \"ftp://x.de/\"\nfeeds = []\n";
        let e = SourcesFile::parse(t, Path::new("s.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("lang must be"), "{e}");
        assert!(e.contains("line 4"), "{e}");
        assert!(e.contains("neither feeds nor sitemaps"), "{e}");
    }

    #[test]
    fn shipped_sources_file_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_SOURCES);
        let f = SourcesFile::load(&path).unwrap();
        assert!(f.sources.len() >= 20);
        assert!(f.sources.iter().any(|s| s.lang == "de"));
        assert!(f.sources.iter().any(|s| s.lang == "en"));
    }
}
