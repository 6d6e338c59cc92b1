//! Lexicons: loading, validation and the compiled matcher.
//!
//! A lexicon set is a directory of plain TSV files (see `lexicons/README.md`): per language
//! `hype.tsv` (term, category, weight, sober alternative), `boosters.tsv`, `hedges.tsv`,
//! `negators.tsv`, `attribution.tsv`, `answers.tsv`; plus `categories.tsv` (rule docs) and
//! `VERSION`. The shipped set is embedded in the binary and used unless `--lexicons DIR` is
//! given. Validation collects every malformed line as `file:line: message` instead of stopping
//! at the first, so a lexicon author fixes them in one go.
//!
//! This module holds the data types; `load.rs` reads a set (embedded, from a directory or
//! from texts) and `parse.rs` parses and validates its files; [`matcher`] compiles a set for
//! the analyzer and [`pattern`] expands pattern terms.
mod load;
pub mod matcher;
mod parse;
pub mod pattern;

use std::path::PathBuf;

use crate::text::Lang;

// A problem in a lexicon file is the crate's one problem type (line 0: the whole file).
pub use crate::problem::Problem;
pub use load::{embedded, from_texts, load_dir};
pub use matcher::{EntryId, Matcher};

/// The hype categories every lexicon may use; `categories.tsv` documents each.
pub const CATEGORIES: &[&str] = &[
    "superlative",
    "revolution",
    "industry-killer",
    "awe",
    "novelty",
    "certainty",
    "puffery",
];

/// One hype term.
#[derive(Debug, Clone, PartialEq)]
pub struct HypeEntry {
    /// The term or phrase as written in the file.
    pub term: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// Hype weight (0.25–3.0).
    pub weight: f32,
    /// A sober alternative for editors.
    pub alternative: String,
}

/// Where a negator stands relative to the hit it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegPosition {
    /// Before the hit ("kein Gamechanger").
    Before,
    /// After the hit ("Revolution, nein.").
    After,
}

/// Kind of attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    /// Marks the next word as someone else's ("sogenannt", "so-called").
    Marker,
    /// Reported speech: the sentence reports someone's words ("says", "laut").
    Speech,
}

/// A cue term with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue<T> {
    /// The term or phrase.
    pub term: String,
    /// Its value (factor, position, kind, answer).
    pub value: T,
}

/// The lexicon of one language.
#[derive(Debug, Clone, Default)]
pub struct LangLexicon {
    /// Hype terms.
    pub hype: Vec<HypeEntry>,
    /// Boosters with their factor (> 1).
    pub boosters: Vec<Cue<f32>>,
    /// Hedges with their factor (< 1).
    pub hedges: Vec<Cue<f32>>,
    /// Negators.
    pub negators: Vec<Cue<NegPosition>>,
    /// Attribution and quotation cues.
    pub attribution: Vec<Cue<AttrKind>>,
    /// Short answers to a question: `true` = yes, `false` = no.
    pub answers: Vec<Cue<bool>>,
    /// Slot lists for patterns (`{INDUSTRY}` → Hollywood, Filmbranche, …), from `slots.tsv`.
    pub slots: std::collections::HashMap<String, Vec<String>>,
    /// Sense and target checks, from `senses.tsv`.
    pub senses: Vec<SenseRule>,
}

/// The checks a `senses.tsv` row can ask for (see `lexicons/README.md`).
pub const SENSE_CHECKS: &[&str] = &[
    "sense", "person", "work", "outlet", "harm", "prompt", "change",
];

/// One row of `senses.tsv`: a hype term (or a group of them) and a check with its cue.
#[derive(Debug, Clone, PartialEq)]
pub struct SenseRule {
    /// `*` (every praise term), `word*` (hype terms beginning with it) or one hype term.
    pub term: String,
    /// One of [`SENSE_CHECKS`].
    pub check: String,
    /// The cue: a phrase or pattern.
    pub cue: String,
}

/// Documentation of one hype category (from `categories.tsv`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryDoc {
    /// Category id.
    pub category: String,
    /// Short title.
    pub title: String,
    /// What it flags.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// German example.
    pub example_de: String,
    /// English example.
    pub example_en: String,
    /// Sober alternative advice.
    pub alternative: String,
}

/// A complete lexicon set.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    /// Where it came from: `embedded` or the directory.
    pub origin: String,
    /// The `VERSION` line.
    pub version: String,
    /// First 16 hex digits of the SHA-256 over all files.
    pub hash: String,
    /// German.
    pub de: LangLexicon,
    /// English.
    pub en: LangLexicon,
    /// Category docs.
    pub categories: Vec<CategoryDoc>,
}

impl LexiconSet {
    /// The lexicon of `lang`.
    pub fn lang(&self, lang: Lang) -> &LangLexicon {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    /// The documentation of `category`, if any.
    pub fn category_doc(&self, category: &str) -> Option<&CategoryDoc> {
        self.categories.iter().find(|c| c.category == category)
    }
}

/// Errors loading a lexicon set.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("could not read lexicon file `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The directory does not exist or is not a directory.
    #[error("lexicon directory `{0}` does not exist or is not a directory")]
    NotADirectory(PathBuf),
    /// Malformed entries.
    #[error("invalid lexicon in `{origin}`:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Where the set came from.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}
