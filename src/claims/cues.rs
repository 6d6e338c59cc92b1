//! The claim cue file (`data/claim-cues.tsv`) and its compiled form.
//!
//! Owns the cue vocabulary ([`CueKind`]: superlative, better, worse, …), the term syntax (`*`
//! for a prefix, `...` for a gap of up to six words) and [`Cues`], the cues of both languages
//! indexed by first word so that matching costs one hash look-up per word. The file is read by
//! [`crate::table::Table::tsv`]; every bad line is a `file:line: message` problem.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use crate::benchmarks::Dimension;
use crate::problem::Problems;
use crate::table::Table;
use crate::text::Lang;

use super::words::words;
use super::{ClaimsError, Polarity, Relation};

/// Columns of `claim-cues.tsv`, as its header line names them.
pub(super) const CUE_COLUMNS: [&str; 5] = ["lang", "kind", "dimension", "polarity", "term"];

/// What a cue word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueKind {
    Superlative,
    Better,
    Worse,
    Capability,
    Replacement,
    Dimension,
    All,
    Marker,
    Predecessor,
    Absolute,
    Region,
    DurationContext,
    NotSuperlative,
    /// A sentence-initial word that refers back to the model of the sentence before ("This
    /// is the most realistic model").
    Anaphor,
}

impl CueKind {
    /// The claim relation a cue of this kind states on its own; `None` for kinds that only
    /// modify or locate a claim (markers, dimension words, rivals, `absolute`, …).
    pub(super) fn relation(self) -> Option<Relation> {
        Some(match self {
            CueKind::Superlative => Relation::Superlative,
            CueKind::Better => Relation::BetterThan,
            CueKind::Worse => Relation::WorseThan,
            CueKind::Replacement => Relation::Replacement,
            CueKind::Capability => Relation::Capability,
            _ => return None,
        })
    }

    pub(super) fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "superlative" => CueKind::Superlative,
            "better" => CueKind::Better,
            "worse" => CueKind::Worse,
            "capability" => CueKind::Capability,
            "replacement" => CueKind::Replacement,
            "dimension" => CueKind::Dimension,
            "all" => CueKind::All,
            "marker" => CueKind::Marker,
            "predecessor" => CueKind::Predecessor,
            "absolute" => CueKind::Absolute,
            "region" => CueKind::Region,
            "duration-context" => CueKind::DurationContext,
            "not-superlative" => CueKind::NotSuperlative,
            "anaphor" => CueKind::Anaphor,
            _ => return None,
        })
    }
}

/// One word pattern of a cue term.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Pat {
    Exact(String),
    Prefix(String),
    /// Up to [`MAX_GAP`] words.
    Gap,
}

pub(super) const MAX_GAP: usize = 6;

impl Pat {
    pub(super) fn matches(&self, word: &str) -> bool {
        match self {
            Pat::Exact(w) => w == word,
            Pat::Prefix(p) => word.starts_with(p.as_str()),
            Pat::Gap => true,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) kind: CueKind,
    pub(super) dimension: Option<Dimension>,
    pub(super) polarity: Polarity,
    pub(super) pats: Vec<Pat>,
}

#[derive(Debug, Default)]
pub(super) struct LangCues {
    pub(super) cues: Vec<Cue>,
    /// Cues by their exact first word.
    pub(super) by_first: HashMap<String, Vec<usize>>,
    /// Cues whose first word is a prefix pattern, by the pattern's first two characters.
    pub(super) prefixed: HashMap<String, Vec<usize>>,
    pub(super) not_superlative: rustc_hash::FxHashSet<String>,
    pub(super) anaphors: rustc_hash::FxHashSet<String>,
    /// The first two bytes of every key of `by_first`: a word whose bytes are not here needs
    /// no look-up there.
    pub(super) exact_starts: Starts,
    /// The first two bytes of every prefix of `prefixed`.
    pub(super) prefix_starts: Starts,
}

/// A set of first two bytes of words, one bit each. A word equal to a cue's first word, or
/// starting with a prefix of at least two characters, starts with the same two bytes; most
/// words of a sentence start with none of them, and one bit test says so.
#[derive(Debug, Default)]
pub(super) struct Starts {
    bits: Vec<u64>,
}

impl Starts {
    /// The first two bytes of a word as a number (the second 0 for a one-byte word; words
    /// hold no NUL).
    fn key(w: &str) -> usize {
        let b = w.as_bytes();
        usize::from(b.first().copied().unwrap_or(0)) << 8
            | usize::from(b.get(1).copied().unwrap_or(0))
    }

    pub(super) fn insert(&mut self, w: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << 16) / 64];
        }
        let k = Self::key(w);
        self.bits[k >> 6] |= 1 << (k & 63);
    }

    /// False when no word of the set starts with the first two bytes of `w`.
    pub(super) fn may_hold(&self, w: &str) -> bool {
        let k = Self::key(w);
        self.bits
            .get(k >> 6)
            .is_some_and(|bits| bits >> (k & 63) & 1 == 1)
    }
}

/// The claim cue words of both languages, compiled for matching.
#[derive(Debug)]
pub struct Cues {
    de: LangCues,
    en: LangCues,
    pub(super) joint: Joint,
}

/// The first-word indexes of both languages in one: sentences are matched against the cues
/// of both, and one look-up per word then serves both. Each entry holds the cue numbers of
/// German (`[0]`) and English (`[1]`), in the order of the languages' own indexes.
#[derive(Debug, Default)]
pub(super) struct Joint {
    pub(super) by_first: HashMap<String, [Vec<usize>; 2]>,
    pub(super) prefixed: HashMap<String, [Vec<usize>; 2]>,
    pub(super) exact_starts: Starts,
    pub(super) prefix_starts: Starts,
}

impl Joint {
    fn new(de: &LangCues, en: &LangCues) -> Joint {
        let mut joint = Joint::default();
        for (side, lc) in [de, en].into_iter().enumerate() {
            for (w, ids) in &lc.by_first {
                joint.exact_starts.insert(w);
                joint.by_first.entry(w.clone()).or_default()[side].clone_from(ids);
            }
            for (h, ids) in &lc.prefixed {
                joint.prefix_starts.insert(h);
                joint.prefixed.entry(h.clone()).or_default()[side].clone_from(ids);
            }
        }
        joint
    }
}

impl Cues {
    /// The cues shipped with hypecheck.
    pub fn shipped() -> Result<Cues, ClaimsError> {
        Cues::parse(super::SHIPPED_CUES, super::SHIPPED_CUES_LABEL)
    }

    /// Reads a cue file.
    pub fn from_path(path: &Path) -> Result<Cues, ClaimsError> {
        let text = std::fs::read_to_string(path).map_err(|source| ClaimsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Cues::parse(&text, &path.display().to_string())
    }

    /// Parses a cue file: `#` comments, the header line `lang kind dimension polarity term`,
    /// then one cue per line, tab-separated.
    pub fn parse(text: &str, file: &str) -> Result<Cues, ClaimsError> {
        let mut cues = Cues {
            de: LangCues::default(),
            en: LangCues::default(),
            joint: Joint::default(),
        };
        let mut problems = Problems::new(file);
        let Some(table) = Table::tsv(text, &CUE_COLUMNS, &mut problems) else {
            return Err(ClaimsError::Invalid(problems.into_vec()));
        };
        for record in table.records() {
            let mut problem = |message: String| problems.add(record.line, message);
            let [lang, kind, dimension, polarity, term] = CUE_COLUMNS.map(|c| record.field(c));
            let lang = match lang {
                "de" => Lang::De,
                "en" => Lang::En,
                other => {
                    problem(format!("unknown language `{other}` (de or en)"));
                    continue;
                }
            };
            let Some(kind) = CueKind::parse(kind) else {
                problem(format!("unknown kind `{kind}`"));
                continue;
            };
            let dimension = match dimension {
                "-" | "" => None,
                d => match d.parse::<Dimension>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        problem(format!("unknown dimension `{d}`"));
                        continue;
                    }
                },
            };
            let polarity = match polarity {
                "+" => Polarity::Positive,
                "-" => Polarity::Negative,
                p => {
                    problem(format!("bad polarity `{p}` (+ or -)"));
                    continue;
                }
            };
            let pats = compile(term);
            let short_prefix =
                matches!(pats.first(), Some(Pat::Prefix(p)) if p.chars().count() < 2);
            if pats.is_empty()
                || short_prefix
                || pats.first() == Some(&Pat::Gap)
                || pats.last() == Some(&Pat::Gap)
            {
                problem(format!(
                    "bad term `{term}`: needs a word before and after any `...`, and two letters before a `*`"
                ));
                continue;
            }
            let lc = match lang {
                Lang::De => &mut cues.de,
                Lang::En => &mut cues.en,
            };
            if kind == CueKind::NotSuperlative {
                lc.not_superlative.insert(term.to_lowercase());
                continue;
            }
            if kind == CueKind::Anaphor {
                lc.anaphors.insert(term.to_lowercase());
                continue;
            }
            let idx = lc.cues.len();
            match &pats[0] {
                Pat::Exact(w) => {
                    lc.exact_starts.insert(w);
                    lc.by_first.entry(w.clone()).or_default().push(idx);
                }
                Pat::Prefix(p) => {
                    lc.prefix_starts.insert(p);
                    lc.prefixed.entry(head(p).to_owned()).or_default().push(idx);
                }
                Pat::Gap => {}
            }
            lc.cues.push(Cue {
                kind,
                dimension,
                polarity,
                pats,
            });
        }
        if problems.is_empty() {
            cues.joint = Joint::new(&cues.de, &cues.en);
            Ok(cues)
        } else {
            Err(ClaimsError::Invalid(problems.into_vec()))
        }
    }

    pub(super) fn lang(&self, lang: Lang) -> &LangCues {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// The first two characters of a word: the bucket of prefix cues it can start.
pub(super) fn head(w: &str) -> &str {
    let end = w.char_indices().nth(2).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// Splits a term into word patterns the same way text is split into words.
pub(super) fn compile(term: &str) -> Vec<Pat> {
    let mut pats = Vec::new();
    for part in term.split_whitespace() {
        if part == "..." {
            pats.push(Pat::Gap);
            continue;
        }
        let (body, prefix) = match part.strip_suffix('*') {
            Some(b) => (b, true),
            None => (part, false),
        };
        let words = words(body);
        let n = words.len();
        for (k, w) in words.into_iter().enumerate() {
            if prefix && k + 1 == n {
                pats.push(Pat::Prefix(w));
            } else {
                pats.push(Pat::Exact(w));
            }
        }
    }
    pats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_cues_parse() {
        assert!(Cues::shipped().is_ok());
    }

    #[test]
    fn bad_cue_line_names_file_and_line() {
        let err = Cues::parse(
            "# c\nlang\tkind\tdimension\tpolarity\tterm\nde\tsuperlative\t-\t+\tbeste\nxx\tbetter\t-\t+\tbesser\n",
            "c.tsv",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("c.tsv:4"), "{err}");
    }

    #[test]
    fn cue_file_without_header_is_refused() {
        let err = Cues::parse("de\tsuperlative\t-\t+\tbeste\n", "c.tsv")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("c.tsv:1: header must be"), "{err}");
    }
}
