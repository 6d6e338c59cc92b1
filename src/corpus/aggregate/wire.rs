//! The aggregate file format: one line of JSON with rows instead of maps with composite
//! keys ([`Aggregate::to_json`], [`Aggregate::from_json`]), checked for format, version and
//! histogram bins on reading.
use serde::{Deserialize, Serialize};

use super::{
    insert_top, min_label, Aggregate, Cell, CellKey, InputCounts, TermCell, TopEntry, FORMAT,
    HIST_BINS, VERSION,
};

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

#[cfg(test)]
mod tests {
    use super::*;

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
