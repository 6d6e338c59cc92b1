//! SARIF 2.1.0 output, so code-scanning UIs show findings. One rule per hype category (its
//! documentation from `categories.tsv`); levels: endorsed → `warning`, hedged → `note`, other
//! stances (with `--show-all`) → `none`. Columns are Unicode code points
//! (`columnKind: unicodeCodePoints`), the same as the text and JSON output.
use std::io::{self, Write};

use serde_json::{json, Value};

use super::Run;
use crate::analyze::Stance;

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
    for (id, level, text) in CLAIM_RULES {
        rules.push(json!({
            "id": id,
            "name": id.replace('/', "-"),
            "shortDescription": {"text": text},
            "fullDescription": {"text": format!("{text} Verdicts use only benchmark rows dated on or before the as-of date; arena gaps within ±10 Elo are too close to call.")},
            "help": {"text": "Run `hypecheck claims FILE --date DATE` for the evidence; see docs/claims.md."},
            "defaultConfiguration": {"level": level}
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
            let k = match c.verdict {
                crate::claims::Verdict::Contradicted => 0,
                crate::claims::Verdict::Supported => 1,
                crate::claims::Verdict::Unverifiable => 2,
            };
            let (id, level, _) = CLAIM_RULES[k];
            results.push(json!({
                "ruleId": id,
                "ruleIndex": claim_rules_start + k,
                "level": if c.authors { level } else { "none" },
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

/// Claim rules: id, default level, short description.
const CLAIM_RULES: [(&str, &str, &str); 3] = [
    (
        "claim/contradicted",
        "error",
        "A claim about a model that the benchmark data known at the date contradicts.",
    ),
    (
        "claim/supported",
        "note",
        "A claim about a model that the benchmark data known at the date supports.",
    ),
    (
        "claim/unverifiable",
        "note",
        "A claim about a model that the data cannot settle (no data, or too close to call).",
    ),
];

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
