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

/// Writes the claims found in `path` (judged as of `date`) in `format`.
pub fn render(
    format: TableFormat,
    path: &str,
    date: Option<NaiveDate>,
    claims: &[&ClaimFinding],
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
                    &c.sentence,
                ]))?;
            }
            csv.flush()
        }
        TableFormat::Table => {
            for c in claims {
                writeln!(
                    w,
                    "{path}:{}:{}: {} — {} ({} stance)",
                    c.line,
                    c.column,
                    c.verdict.as_str(),
                    super::claim_summary(c),
                    c.stance
                )?;
                writeln!(w, "    {}", c.reason)?;
                if !c.evidence.is_empty() {
                    writeln!(w, "    evidence: {}", evidence_line(c))?;
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

fn later_line(c: &ClaimFinding) -> String {
    c.later.as_ref().map_or_else(String::new, |l| {
        format!("as of {}: {} — {}", l.date, l.verdict.as_str(), l.reason)
    })
}
