//! Renders a [`Validation`] as a readable text report, as JSON (`docs/json-schema.md`) or as
//! CSV tables.
use std::io::{self, Write};

use serde::Serialize;

use crate::output::json::{Lexicon, Tool};

use super::{Detection, Group, Validation};
use crate::lexicon::LexiconSet;

fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
}

fn write_detection(w: &mut dyn Write, d: &Detection, indent: &str) -> io::Result<()> {
    writeln!(
        w,
        "{indent}{:<18} {:>5} {:>5} {:>7} {:>5} {:>7} {:>9} {:>6}",
        d.label,
        d.spans,
        d.found,
        num(d.recall, 3),
        d.hits,
        d.correct,
        num(d.precision, 3),
        num(d.f1, 3),
    )
}

fn write_group(w: &mut dyn Write, g: &Group) -> io::Result<()> {
    let d = &g.detection;
    writeln!(
        w,
        "== {} · {} docs, {} words, {} coded spans, {} tool hits ==",
        g.lang, g.docs, g.words, d.spans, d.hits
    )?;
    writeln!(
        w,
        "Detection            spans found  recall  hits correct precision     F1"
    )?;
    write_detection(w, d, "  ")?;
    writeln!(
        w,
        "  by stance (recall: coded stance; precision: tool stance)"
    )?;
    for r in g.by_stance.iter().filter(|r| r.spans + r.hits > 0) {
        write_detection(w, r, "    ")?;
    }
    writeln!(
        w,
        "  by category (recall: coded; precision: lexicon category)"
    )?;
    for r in g.by_category.iter().filter(|r| r.spans + r.hits > 0) {
        write_detection(w, r, "    ")?;
    }
    let s = &g.stance;
    writeln!(
        w,
        "Stance on {} found spans: accuracy {} ({} agree) · Cohen's κ {} · Krippendorff's α {}",
        s.matched,
        num(s.accuracy, 3),
        s.agree,
        num(s.kappa, 3),
        num(s.alpha, 3)
    )?;
    writeln!(w, "Confusion (rows: coded stance; columns: tool stance)")?;
    let c = &g.confusion;
    write!(w, "  {:<11}", "")?;
    for col in &c.columns {
        write!(w, " {col:>10}")?;
    }
    writeln!(w)?;
    for (label, cells) in c.rows.iter().zip(&c.cells) {
        write!(w, "  {label:<11}")?;
        for (j, v) in cells.iter().enumerate() {
            // The wrong-hit × missed cell does not exist.
            if label == "wrong hit" && j + 1 == cells.len() {
                write!(w, " {:>10}", "")?;
            } else {
                write!(w, " {v:>10}")?;
            }
        }
        writeln!(w)?;
    }
    let dl = &g.documents;
    writeln!(
        w,
        "Documents: {} rated ({} rated ≥2, {} rated ≤1)",
        dl.rated, dl.positives, dl.negatives
    )?;
    writeln!(
        w,
        "  Spearman ρ vs rating   Hype Index {:>6} · raw hit count {:>6}",
        num(dl.spearman_hype_index, 3),
        num(dl.spearman_raw_count, 3)
    )?;
    writeln!(
        w,
        "  AUC ≥2 vs ≤1           Hype Index {:>6} · raw hit count {:>6}",
        num(dl.auc_hype_index, 3),
        num(dl.auc_raw_count, 3)
    )?;
    writeln!(w)
}

/// The readable report.
pub fn text(v: &Validation, lexicons: &LexiconSet, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "hypecheck validate · split {} · lexicons {} ({})",
        v.split, lexicons.version, lexicons.origin
    )?;
    writeln!(w)?;
    for g in &v.groups {
        write_group(w, g)?;
    }
    writeln!(w, "Documents")?;
    writeln!(
        w,
        "  {:<12} {:<4} {:<8} {:>6} {:>6} {:>6} {:>8} {:>5} {:>5}",
        "doc", "lang", "split", "rating", "words", "HI", "raw/1k", "spans", "found"
    )?;
    for d in &v.documents {
        writeln!(
            w,
            "  {:<12} {:<4} {:<8} {:>6} {:>6} {:>6.1} {:>8.1} {:>5} {:>5}",
            d.doc,
            d.lang.code(),
            d.split.as_str(),
            d.rating.map_or_else(|| "-".to_owned(), |r| r.to_string()),
            d.words,
            d.hype_index,
            d.raw_per_1000,
            d.spans,
            d.found
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "Misses: coded spans no hit overlaps ({} of {})",
        v.misses.items.len(),
        v.misses.total
    )?;
    for m in &v.misses.items {
        writeln!(
            w,
            "  {} \"{}\" · {} {} · {}\n      {}",
            m.doc, m.expression, m.stance, m.category, m.kind, m.sentence
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "Wrong hits: tool hits overlapping no coded span ({} of {})",
        v.wrong_hits.items.len(),
        v.wrong_hits.total
    )?;
    for h in &v.wrong_hits.items {
        writeln!(
            w,
            "  {} \"{}\" · {} {} · term \"{}\"\n      {}",
            h.doc, h.text, h.stance, h.category, h.term, h.sentence
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "Stance disagreements: coded spans found with another stance ({} of {})",
        v.disagreements.items.len(),
        v.disagreements.total
    )?;
    for d in &v.disagreements.items {
        writeln!(
            w,
            "  {} \"{}\" · coded {} · tool {} ({}) · term \"{}\"\n      {}",
            d.doc, d.expression, d.coded, d.tool, d.reason, d.term, d.sentence
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Json<'a> {
    schema_version: u32,
    tool: Tool,
    lexicon: Lexicon<'a>,
    lang: Option<&'static str>,
    #[serde(flatten)]
    validation: &'a Validation,
}

/// The JSON document (schema in `docs/json-schema.md`). `lang` is the `--lang` filter.
pub fn json(
    v: &Validation,
    lexicons: &LexiconSet,
    lang: Option<crate::text::Lang>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let doc = Json {
        schema_version: 1,
        tool: Tool::THIS,
        lexicon: Lexicon::of(lexicons),
        lang: lang.map(crate::text::Lang::code),
        validation: v,
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(|e| match e.io_error_kind() {
        // Keep the kind, so a closed pipe stays recognisable to the caller.
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(w)
}

/// A cell safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` so it is not run as a formula. Numbers are left alone.
pub fn cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn table(columns: &[&str], rows: Vec<Vec<String>>) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record(columns).map_err(err)?;
    for r in rows {
        w.write_record(r.iter().map(|c| cell(c))).map_err(err)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// The CSV tables as (file name, contents): `metrics.csv`, `confusion.csv`, `misses.csv`,
/// `wrong_hits.csv`, `disagreements.csv`. Columns are documented in `docs/codebook.md`.
pub fn csv(v: &Validation) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    let mut metrics = Vec::new();
    let mut confusion = Vec::new();
    for g in &v.groups {
        let mut push = |section: &str, label: &str, metric: &str, value: String| {
            metrics.push(vec![
                g.lang.clone(),
                section.to_owned(),
                label.to_owned(),
                metric.to_owned(),
                value,
            ]);
        };
        for (section, rows) in [
            ("detection", std::slice::from_ref(&g.detection)),
            ("stance", &g.by_stance[..]),
            ("category", &g.by_category[..]),
        ] {
            for d in rows {
                push(section, &d.label, "spans", d.spans.to_string());
                push(section, &d.label, "found", d.found.to_string());
                push(section, &d.label, "hits", d.hits.to_string());
                push(section, &d.label, "correct", d.correct.to_string());
                push(section, &d.label, "precision", opt(d.precision));
                push(section, &d.label, "recall", opt(d.recall));
                push(section, &d.label, "f1", opt(d.f1));
            }
        }
        let s = &g.stance;
        push("agreement", "stance", "matched", s.matched.to_string());
        push("agreement", "stance", "agree", s.agree.to_string());
        push("agreement", "stance", "accuracy", opt(s.accuracy));
        push("agreement", "stance", "cohen_kappa", opt(s.kappa));
        push("agreement", "stance", "krippendorff_alpha", opt(s.alpha));
        let d = &g.documents;
        push("documents", "rating", "rated", d.rated.to_string());
        push("documents", "rating", "positives", d.positives.to_string());
        push("documents", "rating", "negatives", d.negatives.to_string());
        push(
            "documents",
            "hype_index",
            "spearman",
            opt(d.spearman_hype_index),
        );
        push(
            "documents",
            "raw_count",
            "spearman",
            opt(d.spearman_raw_count),
        );
        push("documents", "hype_index", "auc", opt(d.auc_hype_index));
        push("documents", "raw_count", "auc", opt(d.auc_raw_count));
        for (label, cells) in g.confusion.rows.iter().zip(&g.confusion.cells) {
            let mut row = vec![g.lang.clone(), label.clone()];
            row.extend(cells.iter().map(ToString::to_string));
            if label == "wrong hit" {
                if let Some(last) = row.last_mut() {
                    last.clear();
                }
            }
            confusion.push(row);
        }
    }
    let mut conf_cols = vec!["lang", "coded"];
    if let Some(g) = v.groups.first() {
        conf_cols.extend(g.confusion.columns.iter().map(String::as_str));
    }
    let misses = v
        .misses
        .items
        .iter()
        .map(|m| {
            vec![
                m.doc.clone(),
                m.lang.code().to_owned(),
                m.expression.clone(),
                m.occurrence.to_string(),
                m.stance.as_str().to_owned(),
                m.category.clone(),
                m.kind.clone(),
                m.sentence.clone(),
            ]
        })
        .collect();
    let wrong = v
        .wrong_hits
        .items
        .iter()
        .map(|h| {
            vec![
                h.doc.clone(),
                h.lang.code().to_owned(),
                h.text.clone(),
                h.stance.as_str().to_owned(),
                h.category.clone(),
                h.term.clone(),
                h.sentence.clone(),
            ]
        })
        .collect();
    let disagreements = v
        .disagreements
        .items
        .iter()
        .map(|d| {
            vec![
                d.doc.clone(),
                d.lang.code().to_owned(),
                d.expression.clone(),
                d.occurrence.to_string(),
                d.coded.as_str().to_owned(),
                d.tool.as_str().to_owned(),
                d.reason.clone(),
                d.term.clone(),
                d.sentence.clone(),
            ]
        })
        .collect();
    Ok(vec![
        (
            "metrics.csv",
            table(&["lang", "section", "label", "metric", "value"], metrics)?,
        ),
        ("confusion.csv", table(&conf_cols, confusion)?),
        (
            "misses.csv",
            table(
                &[
                    "doc",
                    "lang",
                    "expression",
                    "occurrence",
                    "stance",
                    "category",
                    "kind",
                    "sentence",
                ],
                misses,
            )?,
        ),
        (
            "wrong_hits.csv",
            table(
                &[
                    "doc", "lang", "text", "stance", "category", "term", "sentence",
                ],
                wrong,
            )?,
        ),
        (
            "disagreements.csv",
            table(
                &[
                    "doc",
                    "lang",
                    "expression",
                    "occurrence",
                    "coded",
                    "tool",
                    "reason",
                    "term",
                    "sentence",
                ],
                disagreements,
            )?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+1+2 hype"), "'+1+2 hype");
        assert_eq!(cell("-foo"), "'-foo");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("-0.25"), "-0.25");
        assert_eq!(cell("plain"), "plain");
    }
}
