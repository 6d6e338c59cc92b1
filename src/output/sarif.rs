//! SARIF 2.1.0 output, so code-scanning UIs show findings. One rule per hype category (its
//! documentation from `categories.tsv`) and one per claim rule (`crate::claims::rules`, the
//! same ids as in text and JSON); levels: endorsed → `warning`, hedged → `note`, other
//! stances (with `--show-all`) → `none`. Columns are Unicode code points
//! (`columnKind: unicodeCodePoints`), the same as the text and JSON output.
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Value};

use super::Run;
use crate::analyze::Stance;
use crate::claims::rules as claim_rules;

/// Renders `run` as a SARIF log.
pub fn render(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    let mut categories: Vec<String> = crate::lexicon::CATEGORIES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for c in &run.lexicons.categories {
        if !categories.contains(&c.category) {
            categories.push(c.category.clone());
        }
    }
    let mut rules: Vec<Value> = categories
        .iter()
        .map(|c| {
            let doc = run.lexicons.category_doc(c);
            json!({
                "id": format!("hype/{c}"),
                "name": c,
                "shortDescription": {"text": doc.map_or_else(|| format!("Hype: {c}"), |d| d.title.clone())},
                "fullDescription": {"text": doc.map_or_else(String::new, |d| format!("{} {}", d.what, d.why))},
                "help": {"text": doc.map_or_else(String::new, |d| d.alternative.clone())},
                "defaultConfiguration": {"level": "warning"}
            })
        })
        .collect();
    let claim_rules_start = rules.len();
    for rule in &claim_rules::RULES {
        rules.push(json!({
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.what},
            "fullDescription": {"text": format!("{} {}", rule.what, rule.why)},
            "help": {"text": claim_rules::METHOD},
            "defaultConfiguration": {"level": rule.sarif_level()}
        }));
    }
    // Results are built and written one at a time: a long draft has tens of thousands of
    // findings, and a whole `Value` tree of them took hundreds of times the input in memory.
    let hype = run.reports.iter().flat_map(|r| {
        let categories = &categories;
        run.visible(r).map(move |f| hype_result(r, f, categories))
    });
    let claims = run.reports.iter().flat_map(|r| {
        run.visible_claims(r)
            .map(move |c| claim_result(r, c, claim_rules_start))
    });
    let results = Lazy(std::cell::RefCell::new(Some(hype.chain(claims))));
    let notifications: Vec<Value> = run
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", e.path, e.message)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}]
            })
        })
        .collect();
    // Keys in alphabetical order, as `json!` objects write theirs.
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [SarifRun {
            column_kind: "unicodeCodePoints",
            invocations: json!([{
                "executionSuccessful": run.errors.is_empty(),
                "toolExecutionNotifications": notifications
            }]),
            properties: json!({
                "hypeIndex": run.total_index(),
                "discourseIndex": run.total_discourse(),
                "lexiconVersion": run.lexicons.version,
                "lexiconHash": run.lexicons.hash,
                "files": run.reports.iter().map(|r| json!({
                    "path": r.path, "hypeIndex": r.hype_index, "words": r.words
                })).collect::<Vec<_>>()
            }),
            results,
            tool: json!({"driver": {
                "name": "hypecheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *w, &log).map_err(io::Error::other)?;
    writeln!(w)
}

fn hype_result(
    r: &crate::check::FileReport,
    f: &crate::check::Finding,
    categories: &[String],
) -> Value {
    let level = match f.stance {
        Stance::Endorsed => "warning",
        Stance::Hedged => "note",
        _ => "none",
    };
    let rule_index = categories
        .iter()
        .position(|c| c == &f.category)
        .unwrap_or(0);
    json!({
        "ruleId": format!("hype/{}", f.category),
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": super::message(f)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&r.path)},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "snippet": {"text": f.text}
                }
            }
        }],
        "properties": {
            "stance": f.stance,
            "reason": f.reason,
            "weight": f.weight,
            "counted": f.counted,
            "suggestion": f.suggestion
        }
    })
}

fn claim_result(
    r: &crate::check::FileReport,
    c: &crate::check::ClaimFinding,
    claim_rules_start: usize,
) -> Value {
    let rule = claim_rules::rule_for(c.verdict);
    let k = claim_rules::RULES
        .iter()
        .position(|r| r.id == rule.id)
        .unwrap_or(0);
    json!({
        "ruleId": rule.id,
        "ruleIndex": claim_rules_start + k,
        "level": if c.authors { rule.sarif_level() } else { "none" },
        "message": {"text": super::claim_message(c)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&r.path)},
                "region": {
                    "startLine": c.line,
                    "startColumn": c.column,
                    "endLine": c.end_line,
                    "endColumn": c.end_column,
                    "snippet": {"text": c.sentence}
                }
            }
        }],
        "properties": {
            "subject": c.subject,
            "objects": c.objects,
            "relation": c.relation,
            "dimension": c.dimension,
            "polarity": c.polarity,
            "stance": c.stance,
            "verdict": c.verdict,
            "date": c.date,
            "evidence": c.evidence,
            "later": c.later
        }
    })
}

#[derive(Serialize)]
struct Log<T: Serialize> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<T>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct SarifRun<T: Serialize> {
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    invocations: Value,
    properties: Value,
    results: T,
    tool: Value,
}

/// A sequence serialized from an iterator, item by item (serialized once).
struct Lazy<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Serialize for Lazy<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => s.collect_seq(items),
            None => s.collect_seq(std::iter::empty::<Value>()),
        }
    }
}

fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}
