//! Model registry and mention finding.
//!
//! Owns `data/models.csv`: the canonical ids of AI video models, grouped into families ("sora",
//! "veo", "kling", ...), with vendor, version, release date and the spellings used in news text.
//! Takes the CSV text (the shipped file is embedded, a path can override it) and hands on a
//! [`Registry`] that the benchmarks loader uses to check model ids and that claim extraction
//! uses to find model [`Mention`]s with byte spans.
//!
//! Mention finding works on a token stream, not on a regex per alias: text is cut into
//! lower-cased letter runs and version numbers (`3.1`, `02`), so "Sora 2", "Sora2", "Sora-2",
//! "SORA 2" and "Kling v2.1" all become the same token sequence. Aliases are compiled once into
//! a trie over tokens; at every token the longest alias wins ("Sora 2 Pro" over "Sora 2"), and
//! because `3.1` and `3.10` are whole tokens "Veo 3.1" is never read as "Veo 3". A match must
//! not be glued to letters or digits on either side, so "wann" and "want" never match "Wan".
//! The work is linear in the text length (times the longest alias, a handful of tokens).
//!
//! Each row is either a `family` (its aliases are bare names like "Sora"; its `prefixes` are
//! names that count only when a version follows, like "Wan" or "Gen") or a `model`. A bare
//! family name resolves to the version discussed earlier in the same text, else to the latest
//! base model released on or before the text's date; the [`Resolution`] says which.
//!
//! Split along its seams: `load` validates `models.csv` and compiles the alias trie,
//! `mentions` cuts text into tokens and walks the trie; this file holds the types and the
//! look-ups by id and name.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::problem::{join_problems, Problem};

mod load;
mod mentions;
#[cfg(test)]
pub(crate) mod tests;

pub use load::COLUMNS;
use mentions::{alias_key, TrieNode};

/// The registry shipped with hypecheck (`data/models.csv`), embedded at compile time.
pub const SHIPPED_MODELS: &str = include_str!("../../data/models.csv");
/// The label used in messages about the shipped registry.
pub const SHIPPED_MODELS_LABEL: &str = "data/models.csv";

/// Errors of the model registry.
#[derive(Debug, thiserror::Error)]
pub enum ModelsError {
    /// The registry file could not be read.
    #[error("could not read model registry `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Malformed rows: every problem found, as `file:line: message`.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

/// Whether a registry row names a family or one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A family of models ("sora", "veo"): bare names, resolved to one of its models.
    Family,
    /// One model or model variant ("sora-2", "veo-3.1-fast").
    Model,
}

/// One row of the registry.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Canonical id (`sora-2`), used by the benchmarks and in output.
    pub id: String,
    /// Family row or model row.
    pub kind: EntryKind,
    /// Display name ("Sora 2").
    pub name: String,
    /// The company that makes it ("OpenAI").
    pub vendor: String,
    /// Id of its family row (a family row names itself).
    pub family: String,
    /// Version within the family as written in the registry ("2", "3.1"); empty for families.
    pub version: String,
    /// The base model a variant (Pro, Fast, Lite, Master, a size) belongs to.
    pub variant_of: Option<String>,
    /// Public release date, if known.
    pub released: Option<NaiveDate>,
    /// Spellings that name it in text ("Sora 2", "Sora 2.0").
    pub aliases: Vec<String>,
    /// For families: names that count only when a version follows ("Wan", "Gen").
    pub prefixes: Vec<String>,
    /// Free-text notes (sources, announcements); not used by the code.
    pub notes: String,
    /// Line in the registry file.
    #[serde(skip)]
    pub line: u64,
}

impl Model {
    /// True for a model that is not a variant of another one.
    pub fn is_base(&self) -> bool {
        self.kind == EntryKind::Model && self.variant_of.is_none()
    }
}

/// How a mention was tied to a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The text names the model ("Sora 2 Pro", "Kling AI 2.5").
    Explicit,
    /// A bare family name ("Sora") read as the version of that family named earlier in the
    /// text. `model` is `None` if that earlier mention was an unknown version.
    Nearby,
    /// A bare family name read as the family's latest base model released on or before the
    /// text's date.
    LatestAtDate,
    /// A family with a version the registry does not know ("Veo 4", "Veo 3.10").
    UnknownVersion,
    /// A bare family name with no earlier version and no date to resolve it by.
    Unresolved,
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Resolution::Explicit => "explicit",
            Resolution::Nearby => "nearby",
            Resolution::LatestAtDate => "latest-at-date",
            Resolution::UnknownVersion => "unknown-version",
            Resolution::Unresolved => "unresolved",
        })
    }
}

/// A model named in a text: byte span, the family, and the model it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The matched text, as written.
    pub text: String,
    /// Registry id of the family.
    pub family: String,
    /// Registry id of the model, if resolved.
    pub model: Option<String>,
    /// How the mention was tied to the model.
    pub resolution: Resolution,
}

/// The model registry: rows of `data/models.csv` plus the compiled alias matcher.
#[derive(Debug)]
pub struct Registry {
    entries: Vec<Model>,
    by_id: HashMap<String, usize>,
    trie: Vec<TrieNode>,
    /// The first tokens of all aliases ([`mentions::FirstTokens`]): a token not in it starts
    /// no mention, known without hashing it.
    firsts: mentions::FirstTokens,
    /// Set when every alias starts with ASCII letters: mentions are then found from their
    /// candidate first tokens, without cutting the whole text into tokens.
    candidates: Option<mentions::Candidates>,
}

impl Registry {
    /// The registry shipped with hypecheck.
    pub fn shipped() -> Result<Self, ModelsError> {
        Self::from_csv_str(SHIPPED_MODELS, SHIPPED_MODELS_LABEL)
    }

    /// Reads and validates a registry file.
    pub fn from_path(path: &Path) -> Result<Self, ModelsError> {
        let text = std::fs::read_to_string(path).map_err(|source| ModelsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_csv_str(&text, &path.display().to_string())
    }

    /// All rows, families and models, in file order.
    pub fn entries(&self) -> &[Model] {
        &self.entries
    }

    /// The models (not families), in file order.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.entries.iter().filter(|m| m.kind == EntryKind::Model)
    }

    /// A row by id (model or family).
    pub fn get(&self, id: &str) -> Option<&Model> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// A model (not a family) by id.
    pub fn model(&self, id: &str) -> Option<&Model> {
        self.get(id).filter(|m| m.kind == EntryKind::Model)
    }

    /// The family's latest base model released on or before `date` (ties: file order).
    pub fn latest_in_family(&self, family: &str, date: NaiveDate) -> Option<&Model> {
        let mut best: Option<&Model> = None;
        for m in self.models() {
            if m.family != family || !m.is_base() {
                continue;
            }
            let Some(released) = m.released.filter(|r| *r <= date) else {
                continue;
            };
            if best.is_none_or(|b| b.released.is_some_and(|br| released > br)) {
                best = Some(m);
            }
        }
        best
    }

    /// The base model of a family with this version ("2.5" → Kling 2.5 Turbo); "2" and "2.0"
    /// are the same version.
    fn by_version(&self, family: &str, version: &str) -> Option<&Model> {
        let same = |a: &str, b: &str| a == b || format!("{a}.0") == b || format!("{b}.0") == a;
        self.models()
            .find(|m| m.family == family && m.is_base() && same(&m.version, version))
    }

    /// Maps a raw model name from a data source ("Kling 2.5 Turbo 1080p", "Sora 2 (October)")
    /// to a model: an id, a name or an alias as written, else the first explicit mention in it
    /// (not for names with a `+`, which stack a method on a model).
    pub fn resolve_name(&self, raw: &str) -> Option<&Model> {
        let raw = raw.trim();
        if let Some(m) = self.model(raw) {
            return Some(m);
        }
        let key = alias_key(raw);
        if let Some(m) = self
            .models()
            .find(|m| alias_key(&m.name) == key || m.aliases.iter().any(|a| alias_key(a) == key))
        {
            return Some(m);
        }
        // "Sora 2 + WMReward" is a method stacked on a model, not the model: only an exact
        // name or alias may map it.
        if raw.contains('+') {
            return None;
        }
        self.find_mentions(raw)
            .into_iter()
            .find(|m| m.resolution == Resolution::Explicit)
            .and_then(|m| m.model)
            .and_then(|id| self.model(&id))
    }
}
