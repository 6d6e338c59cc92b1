//! The sums of one week × model × outlet × language ([`Cell`], with its claim
//! [`Verdicts`]) and of one term ([`TermCell`]), and how one article adds to a cell and two
//! cells merge.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{micro, HIST_BINS};
use crate::analyze::StanceCounts;
use crate::corpus::stream::ResultLine;

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
    pub(super) fn add_verdict(&mut self, v: &str) {
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
    pub stances: StanceCounts,
    /// Hits per category and stance.
    pub categories: BTreeMap<String, StanceCounts>,
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
            stances: StanceCounts::default(),
            categories: BTreeMap::new(),
            claims: Verdicts::default(),
            hype_hist: vec![0; HIST_BINS],
        }
    }
}

pub(super) fn min_label(a: &mut String, b: &str) {
    if a.is_empty() || (!b.is_empty() && b < a.as_str()) {
        b.clone_into(a);
    }
}

impl Cell {
    pub(super) fn add_article(&mut self, r: &ResultLine) {
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

    pub(super) fn merge(&mut self, o: &Cell) {
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
    pub stances: StanceCounts,
    /// Σ counted weight, in millionths.
    pub counted_micro: i64,
}
