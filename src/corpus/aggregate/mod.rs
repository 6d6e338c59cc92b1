//! Mergeable aggregates of streaming results (`hypecheck aggregate`, `hypecheck merge`,
//! `hypecheck report --from-aggregates`).
//!
//! Takes result lines ([`super::stream::Line`]) and keeps, per ISO week × model × outlet ×
//! language, integer sums: articles, words, floored words, counted and discourse weight in
//! millionths, hits per stance and per category, claim verdicts, mentions and a fixed-bin
//! histogram of the per-article Hype Index; per week × language × term the term's hits; per
//! week the most hyped articles; and per week the articles left out, by reason. Hands on an
//! [`Aggregate`] that serializes to one line of JSON (format documented in `docs/scale.md`).
//!
//! **Exactly mergeable.** Every sum is an integer (weights are stored rounded to thousandths,
//! so millionths are exact), every map is a `BTreeMap`, the top list is cut by a total order,
//! and the few labels kept (a model's family, a term's category) are chosen by a rule that
//! does not depend on order. So [`Aggregate::merge`] is associative and commutative, and the
//! JSON of a merge is byte-identical to the JSON of one pass over the same results, however
//! the input was split (tested by a property test in `tests/it/scale.rs`).
//!
//! This file holds the [`Aggregate`], its keys and the summing and merging of lines; `cell`
//! owns the sums of one cell and one term, `top` the most-hyped list and its total order,
//! and `wire` the one-line JSON file format.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::stream::{Line, ResultLine};

mod cell;
mod top;
mod wire;

use cell::min_label;
pub use cell::{Cell, TermCell, Verdicts};
use top::insert_top;
pub use top::{rank, TopEntry};

/// `format` of an aggregate file.
pub const FORMAT: &str = "hypecheck-aggregate";

/// `version` of the aggregate format.
pub const VERSION: u32 = 1;

/// Bins of the Hype Index histogram: bin `i` holds indices in `[5i, 5i+5)`, the last bin
/// also 100.
pub const HIST_BINS: usize = 20;

/// Most hyped articles kept per week.
pub const TOP_PER_WEEK: usize = 10;

/// The model key of the cell that holds every article of its week, outlet and language.
pub const ALL: &str = "*";

/// A weight in millionths (weights are stored rounded to thousandths, so this is exact).
pub fn micro(w: f64) -> i64 {
    (w * 1e6).round() as i64
}

/// Millionths back to a weight.
pub fn from_micro(m: i64) -> f64 {
    m as f64 / 1e6
}

/// Errors of aggregation and merging.
#[derive(Debug, thiserror::Error)]
pub enum AggregateError {
    /// A line is not a result line.
    #[error("{source_name}:{line}: not a result line of `hypecheck analyze --input`: {message}")]
    Line {
        /// Input name.
        source_name: String,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A partial aggregate is not valid.
    #[error("{source_name}:{line}: not a hypecheck aggregate: {message}")]
    Partial {
        /// Input name.
        source_name: String,
        /// 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Results of different lexicons cannot be summed.
    #[error("lexicons differ: {0} and {1}; aggregate results of one lexicon version together")]
    Lexicons(String, String),
}

/// Counts of the input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputCounts {
    /// Result lines (documents read).
    pub documents: u64,
    /// Of these, counted articles (dated or not).
    pub kept: u64,
    /// Of these, without a publication date (in no week).
    pub undated: u64,
    /// Error lines.
    pub errors: u64,
}

/// Key of a [`Cell`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellKey {
    /// ISO week, `2026-W47`.
    pub week: String,
    /// [`ALL`], `model:<id>` or `family:<id>`.
    pub model: String,
    /// Outlet.
    pub outlet: String,
    /// Language.
    pub lang: String,
}

/// A partial or complete aggregate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregate {
    /// Hash of the lexicons of every result summed (empty while nothing is summed).
    pub lexicon_hash: String,
    /// Input counts.
    pub input: InputCounts,
    /// Sums per week × model × outlet × language.
    pub cells: BTreeMap<CellKey, Cell>,
    /// Dated articles left out, per (week, reason).
    pub excluded: BTreeMap<(String, String), u64>,
    /// Term sums per (week, language, term).
    pub terms: BTreeMap<(String, String, String), TermCell>,
    /// Most hyped articles per week, most hyped first, at most [`TOP_PER_WEEK`].
    pub top: BTreeMap<String, Vec<TopEntry>>,
}

impl Aggregate {
    /// Adds one result or error line.
    pub fn add_line(&mut self, line: &Line) -> Result<(), AggregateError> {
        match line {
            Line::Error(_) => {
                self.input.errors += 1;
                Ok(())
            }
            Line::Result(r) => self.add_result(r),
        }
    }

    fn set_lexicon(&mut self, h: &str) -> Result<(), AggregateError> {
        if self.lexicon_hash.is_empty() {
            h.clone_into(&mut self.lexicon_hash);
        } else if !h.is_empty() && h != self.lexicon_hash {
            return Err(AggregateError::Lexicons(
                self.lexicon_hash.clone(),
                h.to_owned(),
            ));
        }
        Ok(())
    }

    /// Adds one result.
    pub fn add_result(&mut self, r: &ResultLine) -> Result<(), AggregateError> {
        self.set_lexicon(&r.lexicon)?;
        self.input.documents += 1;
        self.input.kept += u64::from(r.kept);
        let Some(week) = r.week.clone() else {
            self.input.undated += 1;
            return Ok(());
        };
        let lang = r
            .analysis
            .as_ref()
            .map_or_else(|| r.lang.clone(), |a| a.lang.clone());
        let key = |model: String| CellKey {
            week: week.clone(),
            model,
            outlet: r.outlet.clone(),
            lang: lang.clone(),
        };
        for c in &r.claims {
            for m in [ALL.to_owned(), format!("model:{}", c.subject)] {
                self.cells
                    .entry(key(m))
                    .or_default()
                    .claims
                    .add_verdict(&c.verdict);
            }
        }
        let analysis = match (&r.analysis, r.kept) {
            (Some(a), true) => a,
            _ => {
                *self.excluded.entry((week, r.why.clone())).or_default() += 1;
                return Ok(());
            }
        };
        self.cells
            .entry(key(ALL.to_owned()))
            .or_default()
            .add_article(r);
        let mut seen_models: Vec<&str> = Vec::new();
        for m in &analysis.models {
            let cell = self
                .cells
                .entry(key(format!("model:{}", m.model)))
                .or_default();
            cell.mentions += m.n;
            min_label(&mut cell.family, &m.family);
            if !seen_models.contains(&m.model.as_str()) {
                seen_models.push(&m.model);
                cell.add_article(r);
            }
        }
        let mut families: Vec<&str> = analysis.models.iter().map(|m| m.family.as_str()).collect();
        families.sort_unstable();
        families.dedup();
        for f in families {
            self.cells
                .entry(key(format!("family:{f}")))
                .or_default()
                .add_article(r);
        }
        for u in &analysis.terms {
            let t = self
                .terms
                .entry((week.clone(), lang.clone(), u.term.clone()))
                .or_default();
            min_label(&mut t.category, &u.category);
            t.stances.add_stance(u.stance, u.n);
            t.counted_micro += micro(u.counted);
        }
        if analysis.counts.counted() > 0 {
            let entry = TopEntry {
                id: r.id.clone(),
                date: r
                    .published
                    .as_deref()
                    .and_then(super::analysis::date_of)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                outlet: r.outlet.clone(),
                lang: analysis.lang.clone(),
                title: r.title.clone(),
                url: r.url.clone(),
                words: analysis.words,
                hype_index: analysis.hype_index,
                endorsed_micro: micro(analysis.endorsed_weight),
                discourse_index: analysis.discourse_index,
                counted_hits: analysis.counts.counted(),
                models: analysis.models.iter().map(|m| m.model.clone()).collect(),
                worst: analysis.worst.clone(),
            };
            let list = self.top.entry(week).or_default();
            insert_top(list, entry);
        }
        Ok(())
    }

    /// Adds another aggregate: associative and commutative.
    pub fn merge(&mut self, o: &Aggregate) -> Result<(), AggregateError> {
        self.set_lexicon(&o.lexicon_hash)?;
        self.input.documents += o.input.documents;
        self.input.kept += o.input.kept;
        self.input.undated += o.input.undated;
        self.input.errors += o.input.errors;
        for (k, c) in &o.cells {
            self.cells.entry(k.clone()).or_default().merge(c);
        }
        for (k, n) in &o.excluded {
            *self.excluded.entry(k.clone()).or_default() += n;
        }
        for (k, t) in &o.terms {
            let mine = self.terms.entry(k.clone()).or_default();
            min_label(&mut mine.category, &t.category);
            mine.stances.add(&t.stances);
            mine.counted_micro += t.counted_micro;
        }
        for (w, list) in &o.top {
            let mine = self.top.entry(w.clone()).or_default();
            for e in list {
                insert_top(mine, e.clone());
            }
        }
        Ok(())
    }
}

/// Sums result lines from a reader (`name` labels errors): error lines are counted, a line
/// that is not a result line at all is an error.
pub fn aggregate_lines(
    r: impl std::io::BufRead,
    name: &str,
    agg: &mut Aggregate,
) -> Result<u64, AggregateError> {
    let mut n = 0u64;
    for (i, line) in r.lines().enumerate() {
        let line_no = i as u64 + 1;
        let bad = |message: String| AggregateError::Line {
            source_name: name.to_owned(),
            line: line_no,
            message,
        };
        let line = line.map_err(|e| bad(format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        agg.add_line(&l)?;
        n += 1;
    }
    Ok(n)
}

/// Merges partial aggregates, one per line, from a reader into `agg`.
pub fn merge_lines(
    r: impl std::io::BufRead,
    name: &str,
    agg: &mut Aggregate,
) -> Result<u64, AggregateError> {
    let mut n = 0u64;
    for (i, line) in r.lines().enumerate() {
        let line_no = i as u64 + 1;
        let bad = |message: String| AggregateError::Partial {
            source_name: name.to_owned(),
            line: line_no,
            message,
        };
        let line = line.map_err(|e| bad(format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let part = Aggregate::from_json(&line).map_err(bad)?;
        agg.merge(&part)?;
        n += 1;
    }
    Ok(n)
}
