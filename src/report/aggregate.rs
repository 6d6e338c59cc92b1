//! Aggregation: one streaming pass over the stored articles and their analyses.
//!
//! Reads the articles published in the period (and in the trend weeks before it) with their
//! stored analysis, in one SQL query, row by row; keeps only running sums per week, model,
//! family, outlet, language and term, and the few most hyped articles. Memory does not grow
//! with the number of articles; every article is also handed to a row callback so
//! `articles.csv` is written during the same pass.
//!
//! **Aggregate Hype Index.** A week's, outlet's, language's or model's Hype Index is the index
//! of its summed counted weight over its summed (floored) word counts,
//! `HI = 100·(1 − exp(−D/30))`, `D = 1000·ΣW / Σ max(words, 100)`, not a mean of article
//! indices: a long sober article weighs more than a hyped one-liner, and a week of one article
//! has that article's index. A model's figures are taken over the articles that mention it
//! (the whole article counts, headline included).
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::period::Period;
use super::ReportError;
use crate::analyze::{score, StanceCounts};
use crate::corpus::analysis::{date_of, ArticleAnalysis, Quote, FORMAT_VERSION};
use crate::store::{PeriodArticle, Store};

/// How many most-hyped articles the report lists.
pub(crate) const TOP_ARTICLES: usize = 10;

/// Running sums of a group of articles.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Acc {
    pub(crate) articles: u64,
    pub(crate) words: u64,
    /// Σ max(words, 100): the denominator of the density.
    pub(crate) floored_words: u64,
    /// Σ counted weight in millionths: integer sums are exact, so the same articles give the
    /// same figures in any order, here and in mergeable aggregates ([`crate::corpus::aggregate`]).
    pub(crate) endorsed_micro: i64,
    /// Σ discourse weight in millionths.
    pub(crate) discourse_micro: i64,
    pub(crate) counts: StanceCounts,
}

impl Acc {
    pub(crate) fn add(&mut self, a: &ArticleAnalysis) {
        self.articles += 1;
        self.words += a.words;
        self.floored_words += score::floored_words(a.words);
        self.endorsed_micro += micro(a.endorsed_weight);
        self.discourse_micro += micro(a.discourse_weight);
        self.counts.add(&a.counts);
    }

    /// Adds another group's sums.
    pub(crate) fn merge(&mut self, o: &Acc) {
        self.articles += o.articles;
        self.words += o.words;
        self.floored_words += o.floored_words;
        self.endorsed_micro += o.endorsed_micro;
        self.discourse_micro += o.discourse_micro;
        self.counts.add(&o.counts);
    }

    /// The group's Hype Index; `None` for an empty group (a gap, not a zero).
    pub(crate) fn hype_index(&self) -> Option<f64> {
        (self.articles > 0).then(|| index_of(from_micro(self.endorsed_micro), self.floored_words))
    }

    /// The group's hype discourse index.
    pub(crate) fn discourse_index(&self) -> Option<f64> {
        (self.articles > 0).then(|| index_of(from_micro(self.discourse_micro), self.floored_words))
    }
}

/// `HI` for summed weight over summed floored words: the one multi-document rule, shared with
/// `hypecheck check a.md b.md`.
pub(crate) fn index_of(weight: f64, floored_words: u64) -> f64 {
    score::aggregate_index(weight, floored_words)
}

pub(crate) use crate::corpus::aggregate::{from_micro, micro};

/// Sums of one lexicon term.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermAcc {
    pub(crate) category: String,
    pub(crate) counts: StanceCounts,
    /// Σ counted weight in millionths.
    pub(crate) counted_micro: i64,
}

/// Sums of one outlet: its articles per language (its language is the one most of its
/// articles are in, the alphabetically first on a tie, whatever order they came in).
#[derive(Debug, Clone, Default)]
pub(crate) struct OutletAcc {
    pub(crate) acc: Acc,
    pub(crate) langs: BTreeMap<String, u64>,
}

impl OutletAcc {
    pub(crate) fn lang(&self) -> &str {
        let mut best: Option<(&String, u64)> = None;
        for (l, &n) in &self.langs {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((l, n));
            }
        }
        best.map_or("", |(l, _)| l.as_str())
    }
}

/// Sums of one model.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelAcc {
    pub(crate) family: String,
    pub(crate) acc: Acc,
    pub(crate) mentions: u64,
}

/// A candidate for the most-hyped list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopArticle {
    pub(crate) id: i64,
    pub(crate) date: NaiveDate,
    pub(crate) outlet: String,
    pub(crate) lang: String,
    pub(crate) title: String,
    pub(crate) url: String,
    /// `url` when it is safe to link (http, https or file), else `None`.
    pub(crate) link: Option<String>,
    pub(crate) words: u64,
    pub(crate) hype_index: f64,
    pub(crate) discourse_index: f64,
    pub(crate) counted_hits: u64,
    pub(crate) models: Vec<String>,
    pub(crate) worst: Vec<Quote>,
}

/// Why articles in the period were left out.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub(crate) struct Excluded {
    /// Copies of another stored article (syndication, reposts).
    pub(crate) duplicates: u64,
    /// Paywall teasers: only the first paragraphs were readable.
    pub(crate) paywalled: u64,
    /// Not about AI video generation by the topic filter (imports keep such pages).
    pub(crate) off_topic: u64,
    /// No analysis could be read (should not happen: the report analyzes first).
    pub(crate) unanalyzed: u64,
}

/// Status of one article row, as written to `articles.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Counted,
    Duplicate,
    Paywalled,
    OffTopic,
    Unanalyzed,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Counted => "counted",
            Status::Duplicate => "duplicate",
            Status::Paywalled => "paywalled",
            Status::OffTopic => "off-topic",
            Status::Unanalyzed => "unanalyzed",
        }
    }
}

/// One article of the period, as handed to the row callback.
pub(crate) struct ArticleRow<'a> {
    pub(crate) id: i64,
    pub(crate) date: NaiveDate,
    pub(crate) outlet: &'a str,
    pub(crate) lang: &'a str,
    pub(crate) title: &'a str,
    pub(crate) url: &'a str,
    pub(crate) status: Status,
    pub(crate) analysis: Option<&'a ArticleAnalysis>,
}

/// Everything the pass collects.
#[derive(Debug, Default)]
pub(crate) struct Totals {
    pub(crate) period: Acc,
    /// Per trend week.
    pub(crate) weeks: Vec<Acc>,
    /// Per (family, trend week).
    pub(crate) family_weeks: BTreeMap<String, Vec<Acc>>,
    pub(crate) models: BTreeMap<String, ModelAcc>,
    pub(crate) outlets: BTreeMap<String, OutletAcc>,
    pub(crate) languages: BTreeMap<String, Acc>,
    pub(crate) terms: HashMap<(String, String), TermAcc>,
    pub(crate) top: Vec<TopArticle>,
    pub(crate) excluded: Excluded,
    /// Articles in the period, all statuses.
    pub(crate) in_period: u64,
}

struct Ranked(f64, f64, Reverse<i64>, TopArticle);
impl PartialEq for Ranked {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == std::cmp::Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Ranked {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0
            .total_cmp(&o.0)
            .then(self.1.total_cmp(&o.1))
            .then(self.2.cmp(&o.2))
    }
}

/// Runs the pass. `on_article` sees every article of the period (not the trend-only weeks).
pub(crate) fn aggregate(
    store: &Store,
    lexicon_hash: &str,
    period: &Period,
    mut on_article: impl FnMut(&ArticleRow<'_>) -> Result<(), ReportError>,
) -> Result<Totals, ReportError> {
    let mut t = Totals {
        weeks: vec![Acc::default(); period.trend.len()],
        ..Totals::default()
    };
    let to = period.until + chrono::Duration::days(1);
    let mut heap: BinaryHeap<Reverse<Ranked>> = BinaryHeap::new();
    store.for_each_period_article(
        lexicon_hash,
        period.read_from(),
        to,
        |r: PeriodArticle<'_>| -> Result<(), ReportError> {
            let Some(date) = r.published.and_then(date_of) else {
                return Ok(());
            };
            let in_period = period.contains(date);
            let week = period.trend_index(date);
            if !in_period && week.is_none() {
                return Ok(());
            }
            let id = r.id;
            let analysis: Option<ArticleAnalysis> = r
                .analysis
                .and_then(|j| serde_json::from_str(j).ok())
                .filter(|a: &ArticleAnalysis| a.v == FORMAT_VERSION);
            let status = if r.duplicate_of.is_some() {
                Status::Duplicate
            } else if r.paywalled {
                Status::Paywalled
            } else {
                match &analysis {
                    None => Status::Unanalyzed,
                    Some(a) if !a.on_topic => Status::OffTopic,
                    Some(_) => Status::Counted,
                }
            };
            if in_period {
                t.in_period += 1;
                match status {
                    Status::Duplicate => t.excluded.duplicates += 1,
                    Status::Paywalled => t.excluded.paywalled += 1,
                    Status::OffTopic => t.excluded.off_topic += 1,
                    Status::Unanalyzed => t.excluded.unanalyzed += 1,
                    Status::Counted => {}
                }
            }
            let (Status::Counted, Some(a)) = (status, analysis.as_ref()) else {
                if in_period {
                    on_article(&article_row(&r, date, status, None))?;
                }
                return Ok(());
            };
            if let Some(w) = week {
                t.weeks[w].add(a);
                for f in families(a) {
                    t.family_weeks
                        .entry(f.to_owned())
                        .or_insert_with(|| vec![Acc::default(); period.trend.len()])[w]
                        .add(a);
                }
            }
            if !in_period {
                return Ok(());
            }
            let row = article_row(&r, date, status, Some(a));
            on_article(&row)?;
            t.period.add(a);
            for m in &a.models {
                let ma = t.models.entry(m.model.clone()).or_default();
                ma.family.clone_from(&m.family);
                ma.acc.add(a);
                ma.mentions += m.n;
            }
            let o = t.outlets.entry(row.outlet.to_owned()).or_default();
            o.acc.add(a);
            *o.langs.entry(a.lang.clone()).or_default() += 1;
            t.languages.entry(a.lang.clone()).or_default().add(a);
            for u in &a.terms {
                let ta = t.terms.entry((u.term.clone(), a.lang.clone())).or_default();
                if ta.category.is_empty() {
                    ta.category.clone_from(&u.category);
                }
                ta.counts.add_stance(u.stance, u.n);
                ta.counted_micro += micro(u.counted);
            }
            if a.counts.counted() > 0 {
                let key = (a.hype_index, a.endorsed_weight, Reverse(id));
                let beats = heap.len() < TOP_ARTICLES
                    || heap.peek().is_some_and(|Reverse(min)| {
                        Ranked(key.0, key.1, key.2, placeholder()) > *min
                    });
                if beats {
                    heap.push(Reverse(Ranked(
                        key.0,
                        key.1,
                        key.2,
                        TopArticle {
                            id,
                            date,
                            outlet: row.outlet.to_owned(),
                            lang: a.lang.clone(),
                            title: row.title.to_owned(),
                            url: row.url.to_owned(),
                            link: safe_link(row.url),
                            words: a.words,
                            hype_index: a.hype_index,
                            discourse_index: a.discourse_index,
                            counted_hits: a.counts.counted(),
                            models: a.models.iter().map(|m| m.model.clone()).collect(),
                            worst: a.worst.clone(),
                        },
                    )));
                    if heap.len() > TOP_ARTICLES {
                        heap.pop();
                    }
                }
            }
            Ok(())
        },
    )??;
    let mut top: Vec<Ranked> = heap.into_iter().map(|Reverse(r)| r).collect();
    top.sort_by(|a, b| b.cmp(a));
    t.top = top.into_iter().map(|r| r.3).collect();
    Ok(t)
}

fn placeholder() -> TopArticle {
    TopArticle {
        id: 0,
        date: NaiveDate::MIN,
        outlet: String::new(),
        lang: String::new(),
        title: String::new(),
        url: String::new(),
        link: None,
        words: 0,
        hype_index: 0.0,
        discourse_index: 0.0,
        counted_hits: 0,
        models: Vec::new(),
        worst: Vec::new(),
    }
}

/// Distinct families an article mentions.
fn families(a: &ArticleAnalysis) -> Vec<&str> {
    let mut f: Vec<&str> = a.models.iter().map(|m| m.family.as_str()).collect();
    f.sort_unstable();
    f.dedup();
    f
}

fn article_row<'a>(
    r: &PeriodArticle<'a>,
    date: NaiveDate,
    status: Status,
    analysis: Option<&'a ArticleAnalysis>,
) -> ArticleRow<'a> {
    ArticleRow {
        id: r.id,
        date,
        url: r.url,
        outlet: r.outlet,
        lang: r.lang,
        title: r.title,
        status,
        analysis,
    }
}

/// The URL if its scheme may be linked: `javascript:` and `data:` URLs from a scraped page
/// must never become a link.
pub(crate) fn safe_link(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    matches!(u.scheme(), "http" | "https" | "file").then(|| u.to_string())
}
