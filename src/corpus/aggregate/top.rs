//! The most hyped articles of a week: [`TopEntry`], the total order [`rank`] that makes
//! merging independent of input order, and the insertion that keeps at most
//! [`TOP_PER_WEEK`] entries.
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::TOP_PER_WEEK;
use crate::corpus::analysis::Quote;

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

pub(super) fn insert_top(list: &mut Vec<TopEntry>, e: TopEntry) {
    if list.len() >= TOP_PER_WEEK && list.last().is_some_and(|l| rank(&e, l) != Ordering::Less) {
        return;
    }
    let at = list.partition_point(|x| rank(x, &e) == Ordering::Less);
    list.insert(at, e);
    list.truncate(TOP_PER_WEEK);
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
}
