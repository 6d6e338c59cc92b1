//! JSON output. The schema is stable and documented in `docs/json-schema.md`; the
//! integration tests pin it with `deny_unknown_fields` mirror structs.
use std::io::{self, Write};

use serde::Serialize;

use super::{FileError, Run};
use crate::analyze::StanceCounts;
use crate::check::{ClaimFinding, Finding};

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    tool: Tool,
    lexicon: Lexicon<'a>,
    hype_index: f64,
    discourse_index: f64,
    words: usize,
    findings: Vec<JsonFinding<'a>>,
    set_aside: Vec<JsonFinding<'a>>,
    claims: Vec<JsonClaim<'a>>,
    files: Vec<JsonFile<'a>>,
    errors: &'a [FileError],
}

/// The `tool` object of every JSON document hypecheck writes.
#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    pub(crate) const THIS: Tool = Tool {
        name: "hypecheck",
        version: env!("CARGO_PKG_VERSION"),
    };
}

/// The `lexicon` object of every JSON document hypecheck writes.
#[derive(Serialize)]
pub(crate) struct Lexicon<'a> {
    version: &'a str,
    hash: &'a str,
    origin: &'a str,
}

impl<'a> Lexicon<'a> {
    pub(crate) fn of(set: &'a crate::lexicon::LexiconSet) -> Self {
        Lexicon {
            version: &set.version,
            hash: &set.hash,
            origin: &set.origin,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    level: &'static str,
    #[serde(flatten)]
    finding: &'a Finding,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    path: &'a str,
    level: &'static str,
    rule: &'static str,
    #[serde(flatten)]
    claim: &'a ClaimFinding,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    lang: crate::text::Lang,
    words: usize,
    hype_index: f64,
    density: f64,
    discourse_index: f64,
    counts: StanceCounts,
    suppressed: usize,
    above_threshold: bool,
    warnings: &'a [String],
    /// As-of date of the claim verdicts (`null` when claims were not checked).
    date: Option<chrono::NaiveDate>,
}

/// Renders `run` as one JSON document.
pub fn render(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    let doc = Doc {
        schema_version: 2,
        tool: Tool::THIS,
        lexicon: Lexicon::of(run.lexicons),
        hype_index: run.total_index(),
        discourse_index: run.total_discourse(),
        words: run.total_words(),
        findings: run
            .reports
            .iter()
            .flat_map(|r| {
                run.visible(r).map(move |f| JsonFinding {
                    path: &r.path,
                    level: super::level(f),
                    finding: f,
                })
            })
            .collect(),
        set_aside: run
            .reports
            .iter()
            .flat_map(|r| {
                run.visible_set_aside(r).map(move |f| JsonFinding {
                    path: &r.path,
                    level: "info",
                    finding: f,
                })
            })
            .collect(),
        claims: run
            .reports
            .iter()
            .flat_map(|r| {
                run.visible_claims(r).map(move |c| JsonClaim {
                    path: &r.path,
                    level: super::claim_level(c),
                    rule: super::claim_rule(c),
                    claim: c,
                })
            })
            .collect(),
        files: run
            .reports
            .iter()
            .map(|r| JsonFile {
                path: &r.path,
                lang: r.lang,
                words: r.words,
                hype_index: r.hype_index,
                density: r.density,
                discourse_index: r.discourse_index,
                counts: r.counts,
                suppressed: r.suppressed,
                above_threshold: run.fail_above.is_some_and(|t| r.hype_index > t),
                warnings: &r.warnings,
                date: r.date,
            })
            .collect(),
        errors: run.errors,
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
    writeln!(w)
}
