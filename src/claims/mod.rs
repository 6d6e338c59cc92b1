//! Claims: what a text asserts about a model, and whether benchmark data bears it out.
//!
//! Owns claim extraction ([`extract`]) and verification ([`verify`]), and the claim cue words
//! (`data/claim-cues.tsv`, compiled in, overridable by path). Takes the analyzed text (the
//! analyzer's sentences and its stance rules), the model mentions of the whole document (found
//! once by [`Registry::find_mentions_at`]), the measured outcomes ([`Benchmarks`]) and the date
//! the text speaks from. Hands on [`Judged`] claims: subject, rivals, relation, dimension,
//! polarity, stance, and a verdict with the evidence rows that decided it.
//!
//! Only sentences that mention a model are looked at, so the cost follows the number of model
//! mentions, not the length of the text. The words are data; the grammar (who is the subject,
//! who the rival, which dimension) is code, because it is the same for every word.
use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::analyze::{Analysis, Stance};
use crate::benchmarks::{Benchmarks, Dimension};
use crate::models::{join_problems, Problem, Registry, Resolution};

pub mod extract;
pub mod verify;

pub use extract::Cues;
pub use verify::{Evidence, Judgment, Later, Verdict};

/// The claim cues shipped with hypecheck, embedded at compile time.
pub const SHIPPED_CUES: &str = include_str!("../../data/claim-cues.tsv");
/// The label used in messages about the shipped claim cues.
pub const SHIPPED_CUES_LABEL: &str = "data/claim-cues.tsv";

/// Errors of the claims module.
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    /// The cue file could not be read.
    #[error("could not read `{path}`: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The cue file has malformed lines.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

/// What a claim asserts about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The best (or worst) of all: "das beste KI-Videomodell", "unmatched".
    Superlative,
    /// Better than the rivals: "besser als Veo 3.1", "beats Kling".
    BetterThan,
    /// Worse than the rivals: "fällt … ab", "trails".
    WorseThan,
    /// Has a property: "native audio", "clips up to 25 seconds", "in 4K", "available in the EU".
    Capability,
    /// Replaces people or an industry: "Hollywood kann einpacken".
    Replacement,
}

impl Relation {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Superlative => "superlative",
            Relation::BetterThan => "better-than",
            Relation::WorseThan => "worse-than",
            Relation::Capability => "capability",
            Relation::Replacement => "replacement",
        }
    }
}

/// Whether the claim speaks for or against its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Favourable: best, better, has audio, cheap.
    Positive,
    /// Unfavourable: worst, worse, no audio, not available, expensive.
    Negative,
}

impl Polarity {
    /// Kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

/// Where the rivals of a comparison came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectsFrom {
    /// Named in the sentence.
    Sentence,
    /// "All others" ("besser als alle anderen", superlatives).
    All,
    /// "The predecessor": the family's previous base model.
    Predecessor,
    /// Not named in the sentence: the models of the up to three sentences before it
    /// ("Sora 2 dagegen fällt ab" after a list of rivals).
    Context,
    /// No rival (capabilities, replacements), or none could be found.
    None,
}

/// The quantity a capability claim names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "kebab-case")]
pub enum Quantity {
    /// Clip length in seconds.
    Seconds(f64),
    /// Vertical resolution in lines (4K = 2160).
    Lines(u32),
}

/// The model a claim is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subject {
    /// Registry id; `None` for an unknown version or an unresolved family.
    pub id: Option<String>,
    /// The name as written.
    pub text: String,
    /// How the mention was tied to the model.
    pub resolution: Resolution,
    /// Byte span of the mention in the analyzed text.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A claim found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub subject: Subject,
    /// Registry ids of the rivals, or `["all"]`.
    pub objects: Vec<String>,
    pub objects_from: ObjectsFrom,
    pub relation: Relation,
    pub dimension: Dimension,
    pub polarity: Polarity,
    /// The author's stance toward the claim (the analyzer's rules applied to the cue).
    pub stance: Stance,
    /// Why that stance.
    #[serde(rename = "stance_reason")]
    pub reason: String,
    /// The words that make it a claim ("besser als", "stabilsten", "native audio").
    pub cue: String,
    /// A number the claim names (clip length, resolution).
    pub quantity: Option<Quantity>,
    /// A region an access claim names ("Europa", "EU").
    pub region: Option<String>,
    /// An absolute quality word ("perfekt", "flawless").
    pub absolute: bool,
    /// Byte span of the sentence in the analyzed text.
    #[serde(skip)]
    pub sentence: Range<usize>,
    /// Byte span from the first to the last word of subject and cue.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Claim {
    /// True when the author makes the claim (endorsed or hedged), not someone quoted, negated
    /// or asked about.
    pub fn is_authors(&self) -> bool {
        self.stance.counts()
    }
}

/// A claim with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    #[serde(flatten)]
    pub claim: Claim,
    #[serde(flatten)]
    pub judgment: Judgment,
}

/// Everything claim checking needs, loaded once and reused for many documents.
#[derive(Debug)]
pub struct Checker<'a> {
    pub registry: &'a Registry,
    pub benchmarks: &'a Benchmarks,
    pub cues: &'a Cues,
}

impl Checker<'_> {
    /// Finds the claims in `text` (already analyzed as `analysis`) and judges each as of
    /// `date`. Model mentions are found once for the whole text.
    pub fn check(&self, text: &str, analysis: &Analysis, date: NaiveDate) -> Vec<Judged> {
        let mentions = self.registry.find_mentions_at(text, Some(date));
        if mentions.is_empty() {
            return Vec::new();
        }
        extract::extract(self.cues, self.registry, text, analysis, &mentions)
            .into_iter()
            .map(|claim| {
                let judgment = verify::verify(&claim, self.benchmarks, date);
                Judged { claim, judgment }
            })
            .collect()
    }
}

/// The publication date a document states about itself: a `date:` / `published:` line in
/// Markdown front matter, or an HTML `article:published_time` / `datePublished` / `<time
/// datetime>` value. Looks at the first 8 KB only.
pub fn document_date(source: &str) -> Option<NaiveDate> {
    let head =
        &source[..crate::text::position::floor_char_boundary(source, source.len().min(8192))];
    if let Some(rest) = head.strip_prefix("---") {
        for line in rest.lines().skip(1) {
            let line = line.trim();
            if line == "---" {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if matches!(
                key.trim().to_ascii_lowercase().as_str(),
                "date" | "published" | "pubdate" | "datum"
            ) {
                if let Some(d) = date_prefix(value.trim().trim_matches(['"', '\''])) {
                    return Some(d);
                }
            }
        }
    }
    for key in [
        "article:published_time",
        "datePublished",
        "<time datetime=",
        "name=\"date\"",
    ] {
        let Some(at) = head.find(key) else { continue };
        let after = &head[at + key.len()..];
        let digits = after.find(|c: char| c.is_ascii_digit())?;
        if digits > 40 {
            continue;
        }
        if let Some(d) = date_prefix(&after[digits..]) {
            return Some(d);
        }
    }
    None
}

fn date_prefix(s: &str) -> Option<NaiveDate> {
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}
