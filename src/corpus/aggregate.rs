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
use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::analysis::{Counts, Quote};
use super::stream::{Line, ResultLine};

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

/// Verdicts of the author's claims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdicts {
    /// Supported by the data as of the article's date.
    pub supported: u64,
    /// Contradicted.
    pub contradicted: u64,
    /// No data for that model and dimension.
    pub unverifiable: u64,
}

impl Verdicts {
    fn add_verdict(&mut self, v: &str) {
        match v {
            "supported" => self.supported += 1,
            "contradicted" => self.contradicted += 1,
            _ => self.unverifiable += 1,
        }
    }

    fn add(&mut self, o: &Verdicts) {
        self.supported += o.supported;
        self.contradicted += o.contradicted;
        self.unverifiable += o.unverifiable;
    }
}

/// Sums of one week × model × outlet × language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The model's family (model cells only, else empty).
    pub family: String,
    /// Counted articles.
    pub articles: u64,
    /// Their words.
    pub words: u64,
    /// Σ max(words, 100), the denominator of the Hype Index.
    pub floored_words: u64,
    /// Σ counted (endorsed and hedged) weight, in millionths.
    pub endorsed_micro: i64,
    /// Σ hype discourse weight, in millionths.
    pub discourse_micro: i64,
    /// Mentions of the model (model cells only).
    pub mentions: u64,
    /// Hits per stance.
    pub stances: Counts,
    /// Hits per category and stance.
    pub categories: BTreeMap<String, Counts>,
    /// Verdicts of the author's claims about the model (the `*` cell: about any model).
    /// Claims count in every article that is not a copy or a paywall teaser, as in the
    /// report over the SQLite corpus, so a cell may hold claims and no article.
    pub claims: Verdicts,
    /// Articles per Hype Index bin ([`HIST_BINS`] bins of 5 points).
    pub hype_hist: Vec<u64>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            family: String::new(),
            articles: 0,
            words: 0,
            floored_words: 0,
            endorsed_micro: 0,
            discourse_micro: 0,
            mentions: 0,
            stances: Counts::default(),
            categories: BTreeMap::new(),
            claims: Verdicts::default(),
            hype_hist: vec![0; HIST_BINS],
        }
    }
}

fn min_label(a: &mut String, b: &str) {
    if a.is_empty() || (!b.is_empty() && b < a.as_str()) {
        b.clone_into(a);
    }
}

impl Cell {
    fn add_article(&mut self, r: &ResultLine) {
        let Some(a) = &r.analysis else { return };
        self.articles += 1;
        self.words += a.words;
        self.floored_words += crate::analyze::score::floored_words(a.words);
        self.endorsed_micro += micro(a.endorsed_weight);
        self.discourse_micro += micro(a.discourse_weight);
        self.stances.add(&a.counts);
        for t in &a.terms {
            self.categories
                .entry(t.category.clone())
                .or_default()
                .add_stance(t.stance, t.n);
        }
        let bin = ((a.hype_index / 5.0).floor().max(0.0) as usize).min(HIST_BINS - 1);
        self.hype_hist[bin] += 1;
    }

    fn merge(&mut self, o: &Cell) {
        min_label(&mut self.family, &o.family);
        self.articles += o.articles;
        self.words += o.words;
        self.floored_words += o.floored_words;
        self.endorsed_micro += o.endorsed_micro;
        self.discourse_micro += o.discourse_micro;
        self.mentions += o.mentions;
        self.stances.add(&o.stances);
        for (k, c) in &o.categories {
            self.categories.entry(k.clone()).or_default().add(c);
        }
        self.claims.add(&o.claims);
        for (i, n) in o.hype_hist.iter().enumerate() {
            if let Some(slot) = self.hype_hist.get_mut(i) {
                *slot += n;
            }
        }
    }
}

/// Sums of one term in one week and language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermCell {
    /// The term's hype category.
    pub category: String,
    /// Hits per stance.
    pub stances: Counts,
    /// Σ counted weight, in millionths.
    pub counted_micro: i64,
}

/// A most-hyped article of a week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopEntry {
    /// The document's id.
    pub id: String,
    /// Publication date (`YYYY-MM-DD`).
    pub date: String,
    /// Outlet.
    pub outlet: String,
    /// Language.
    pub lang: String,
    /// Headline.
    pub title: String,
    /// Address.
    pub url: String,
    /// Words.
    pub words: u64,
    /// Hype Index.
    pub hype_index: f64,
    /// Counted weight in millionths (breaks ties of the index).
    pub endorsed_micro: i64,
    /// Discourse index.
    pub discourse_index: f64,
    /// Counted hits.
    pub counted_hits: u64,
    /// Models mentioned.
    pub models: Vec<String>,
    /// The most hyped sentences.
    pub worst: Vec<Quote>,
}

/// Numeric ids in numeric order (as the SQLite report ranks row ids), before other ids.
fn id_order(a: &str, b: &str) -> Ordering {
    match (a.parse::<i64>(), b.parse::<i64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// Most hyped first: Hype Index, then counted weight, then the lower id; any remaining tie
/// by the entry's JSON, so the order is total and a merge does not depend on input order.
pub fn rank(a: &TopEntry, b: &TopEntry) -> Ordering {
    b.hype_index
        .total_cmp(&a.hype_index)
        .then(b.endorsed_micro.cmp(&a.endorsed_micro))
        .then_with(|| id_order(&a.id, &b.id))
        .then_with(|| {
            let ja = serde_json::to_string(a).unwrap_or_default();
            let jb = serde_json::to_string(b).unwrap_or_default();
            ja.cmp(&jb)
        })
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

// The file format: rows instead of maps with composite keys.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    format: String,
    version: u32,
    lexicon_hash: String,
    hist_bins: usize,
    input: InputCounts,
    cells: Vec<WireCell>,
    excluded: Vec<WireExcluded>,
    terms: Vec<WireTerm>,
    top: Vec<WireTop>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireCell {
    week: String,
    model: String,
    outlet: String,
    lang: String,
    sums: Cell,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireExcluded {
    week: String,
    why: String,
    n: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireTerm {
    week: String,
    lang: String,
    term: String,
    sums: TermCell,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireTop {
    week: String,
    articles: Vec<TopEntry>,
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

    /// The aggregate as one line of JSON (no newline): the same aggregate always gives the
    /// same bytes.
    pub fn to_json(&self) -> String {
        let wire = Wire {
            format: FORMAT.to_owned(),
            version: VERSION,
            lexicon_hash: self.lexicon_hash.clone(),
            hist_bins: HIST_BINS,
            input: self.input.clone(),
            cells: self
                .cells
                .iter()
                .map(|(k, c)| WireCell {
                    week: k.week.clone(),
                    model: k.model.clone(),
                    outlet: k.outlet.clone(),
                    lang: k.lang.clone(),
                    sums: c.clone(),
                })
                .collect(),
            excluded: self
                .excluded
                .iter()
                .map(|((week, why), n)| WireExcluded {
                    week: week.clone(),
                    why: why.clone(),
                    n: *n,
                })
                .collect(),
            terms: self
                .terms
                .iter()
                .map(|((week, lang, term), t)| WireTerm {
                    week: week.clone(),
                    lang: lang.clone(),
                    term: term.clone(),
                    sums: t.clone(),
                })
                .collect(),
            top: self
                .top
                .iter()
                .map(|(w, l)| WireTop {
                    week: w.clone(),
                    articles: l.clone(),
                })
                .collect(),
        };
        // Plain data with string keys: encoding cannot fail.
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Reads one aggregate line; `Err` says what is wrong.
    pub fn from_json(s: &str) -> Result<Aggregate, String> {
        let w: Wire = serde_json::from_str(s).map_err(|e| e.to_string())?;
        if w.format != FORMAT {
            return Err(format!("format is `{}`, not `{FORMAT}`", w.format));
        }
        if w.version != VERSION {
            return Err(format!(
                "version {} (this hypecheck reads version {VERSION})",
                w.version
            ));
        }
        if w.hist_bins != HIST_BINS {
            return Err(format!("{} histogram bins, not {HIST_BINS}", w.hist_bins));
        }
        let mut a = Aggregate {
            lexicon_hash: w.lexicon_hash,
            input: w.input,
            ..Aggregate::default()
        };
        for c in w.cells {
            if c.sums.hype_hist.len() != HIST_BINS {
                return Err(format!(
                    "cell {} {} {} {}: histogram has {} bins",
                    c.week,
                    c.model,
                    c.outlet,
                    c.lang,
                    c.sums.hype_hist.len()
                ));
            }
            let key = CellKey {
                week: c.week,
                model: c.model,
                outlet: c.outlet,
                lang: c.lang,
            };
            a.cells.entry(key).or_default().merge(&c.sums);
        }
        for e in w.excluded {
            *a.excluded.entry((e.week, e.why)).or_default() += e.n;
        }
        for t in w.terms {
            let mine = a.terms.entry((t.week, t.lang, t.term)).or_default();
            min_label(&mut mine.category, &t.sums.category);
            mine.stances.add(&t.sums.stances);
            mine.counted_micro += t.sums.counted_micro;
        }
        for t in w.top {
            let mine = a.top.entry(t.week).or_default();
            for e in t.articles {
                insert_top(mine, e);
            }
        }
        Ok(a)
    }
}

fn insert_top(list: &mut Vec<TopEntry>, e: TopEntry) {
    if list.len() >= TOP_PER_WEEK && list.last().is_some_and(|l| rank(&e, l) != Ordering::Less) {
        return;
    }
    let at = list.partition_point(|x| rank(x, &e) == Ordering::Less);
    list.insert(at, e);
    list.truncate(TOP_PER_WEEK);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, hi: f64) -> TopEntry {
        TopEntry {
            id: id.into(),
            date: "2026-11-18".into(),
            outlet: "o".into(),
            lang: "en".into(),
            title: "t".into(),
            url: "u".into(),
            words: 100,
            hype_index: hi,
            endorsed_micro: 1,
            discourse_index: 0.0,
            counted_hits: 1,
            models: vec![],
            worst: vec![],
        }
    }

    #[test]
    fn the_top_list_keeps_the_most_hyped_in_a_total_order() {
        let mut l = Vec::new();
        for i in 0..30 {
            insert_top(&mut l, entry(&i.to_string(), f64::from(i % 7)));
        }
        assert_eq!(l.len(), TOP_PER_WEEK);
        assert_eq!(l[0].hype_index, 6.0);
        // Ties by the lower numeric id: 6, 13, 20, 27 all have index 6.
        let ids: Vec<&str> = l.iter().take(4).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["6", "13", "20", "27"]);
        let mut rev = Vec::new();
        for i in (0..30).rev() {
            insert_top(&mut rev, entry(&i.to_string(), f64::from(i % 7)));
        }
        assert_eq!(l, rev);
    }

    #[test]
    fn a_foreign_or_newer_file_is_refused() {
        let a = Aggregate::default().to_json();
        assert!(Aggregate::from_json(&a).is_ok());
        let newer = a.replace("\"version\":1", "\"version\":2");
        assert!(Aggregate::from_json(&newer)
            .unwrap_err()
            .contains("version 2"));
        assert!(Aggregate::from_json("{}").is_err());
    }
}
