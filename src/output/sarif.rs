//! SARIF 2.1.0 output, so code-scanning UIs show findings. One rule per hype category (its
//! documentation from `categories.tsv`) and one per claim rule (`crate::claims::rules`, the
//! same ids as in text and JSON); levels: endorsed → `warning`, hedged → `note`, other
//! stances (with `--show-all`) → `none`. Columns are Unicode code points
//! (`columnKind: unicodeCodePoints`), the same as the text and JSON output.
use std::io::{self, Write};

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
    let mut results = Vec::new();
    for r in run.reports {
        for f in run.visible(r) {
            let level = match f.stance {
                Stance::Endorsed => "warning",
                Stance::Hedged => "note",
                _ => "none",
            };
            let rule_index = categories
                .iter()
                .position(|c| c == &f.category)
                .unwrap_or(0);
            results.push(json!({
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
            }));
        }
    }
    for r in run.reports {
        for c in run.visible_claims(r) {
            let rule = claim_rules::rule_for(c.verdict);
            let k = claim_rules::RULES
                .iter()
                .position(|r| r.id == rule.id)
                .unwrap_or(0);
            results.push(json!({
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
            }));
        }
    }
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
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "hypecheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": run.errors.is_empty(),
                "toolExecutionNotifications": notifications
            }],
            "properties": {
                "hypeIndex": run.total_index(),
                "discourseIndex": run.total_discourse(),
                "lexiconVersion": run.lexicons.version,
                "lexiconHash": run.lexicons.hash,
                "files": run.reports.iter().map(|r| json!({
                    "path": r.path, "hypeIndex": r.hype_index, "words": r.words
                })).collect::<Vec<_>>()
            }
        }]
    });
    serde_json::to_writer_pretty(&mut *w, &log).map_err(io::Error::other)?;
    writeln!(w)
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
