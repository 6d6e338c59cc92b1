//! Renders the claims of one document (`hypecheck claims`) as a table, JSON or CSV.
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::csv::{csv_writer, safe_record};
use super::TableFormat;
use crate::check::ClaimFinding;

#[derive(Serialize)]
struct Doc<'a> {
    path: &'a str,
    date: Option<NaiveDate>,
    claims: Vec<&'a ClaimFinding>,
}

/// Writes the claims found in `path` (judged as of `date`) in `format`. The table gives each
/// claim one line (verdict, decisive figures, short source); `verbose` adds the reason and
/// every evidence row with its source URL and note. JSON and CSV always carry everything.
pub fn render(
    format: TableFormat,
    path: &str,
    date: Option<NaiveDate>,
    claims: &[&ClaimFinding],
    verbose: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TableFormat::Json => {
            let doc = Doc {
                path,
                date,
                claims: claims.to_vec(),
            };
            serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
            writeln!(w)
        }
        TableFormat::Csv => {
            let mut csv = csv_writer(w, true);
            csv.write_record([
                "path",
                "line",
                "column",
                "subject",
                "objects",
                "relation",
                "dimension",
                "polarity",
                "stance",
                "verdict",
                "date",
                "reason",
                "evidence",
                "later",
                "stale",
                "sentence",
            ])?;
            for c in claims {
                csv.write_record(safe_record([
                    path,
                    &c.line.to_string(),
                    &c.column.to_string(),
                    c.subject.as_deref().unwrap_or(""),
                    &c.objects.join("|"),
                    c.relation.as_str(),
                    c.dimension.as_str(),
                    c.polarity.as_str(),
                    c.stance.as_str(),
                    c.verdict.as_str(),
                    &c.date.to_string(),
                    &c.reason,
                    &evidence_line(c),
                    &later_line(c),
                    &c.stale.map(|s| s.describe()).unwrap_or_default(),
                    &c.sentence,
                ]))?;
            }
            csv.flush()
        }
        TableFormat::Table => {
            for c in claims {
                writeln!(
                    w,
                    "{path}:{}:{}: {} ({} stance)",
                    c.line,
                    c.column,
                    super::claim_line(c),
                    c.stance
                )?;
                if !verbose {
                    continue;
                }
                writeln!(w, "    {}", c.reason)?;
                for e in &c.evidence {
                    writeln!(w, "    evidence: {}", cite_full(e))?;
                }
                if c.later.is_some() {
                    writeln!(w, "    later: {}", later_line(c))?;
                }
            }
            writeln!(
                w,
                "{path}: {} claim{} as of {}",
                claims.len(),
                if claims.len() == 1 { "" } else { "s" },
                date.map_or_else(|| "-".to_owned(), |d| d.to_string())
            )
        }
    }
}

fn evidence_line(c: &ClaimFinding) -> String {
    c.evidence
        .iter()
        .map(|e| format!("{} [{}]", e.cite(), e.source))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One evidence row in full: the citation, source URL, whether secondary, the note.
fn cite_full(e: &crate::claims::Evidence) -> String {
    let mut s = format!("{} [{}]", e.cite(), e.source);
    if e.secondary {
        s.push_str(" (secondary)");
    }
    if !e.note.is_empty() {
        s.push_str(" — ");
        s.push_str(&e.note);
    }
    s
}

fn later_line(c: &ClaimFinding) -> String {
    c.later.as_ref().map_or_else(String::new, |l| {
        format!("as of {}: {} — {}", l.date, l.verdict.as_str(), l.reason)
    })
}
