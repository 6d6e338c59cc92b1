//! The claim rules: one table that the text, JSON and SARIF output and `hypecheck explain`
//! all draw from.
//!
//! A claim finding's rule follows from its [`Verdict`]. Each rule has one id
//! (`contradicted-claim`, `supported-claim`, `unverifiable-claim`) used in every output format,
//! a default level, and the "what it flags / why / example" text that `hypecheck explain RULE`
//! prints (STYLE §10: rule docs live with the rule).

use super::Verdict;

/// One claim rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimRule {
    /// The id in every output format (`contradicted-claim`).
    pub id: &'static str,
    /// The verdict that raises it.
    pub verdict: Verdict,
    /// Level in text and JSON output: `error`, `note` or `info`. SARIF has no `info` and uses
    /// [`ClaimRule::sarif_level`].
    pub level: &'static str,
    /// One sentence: what the rule flags.
    pub what: &'static str,
    /// Why it matters to an editor.
    pub why: &'static str,
    /// An example sentence and its verdict.
    pub example: &'static str,
}

impl ClaimRule {
    /// The SARIF level: SARIF 2.1.0 knows `error`, `warning`, `note` and `none`, so `info` is
    /// reported as `note`.
    pub fn sarif_level(&self) -> &'static str {
        match self.level {
            "info" => "note",
            other => other,
        }
    }
}

/// The claim rules, in the order SARIF lists them.
pub const RULES: [ClaimRule; 3] = [
    ClaimRule {
        id: "contradicted-claim",
        verdict: Verdict::Contradicted,
        level: "error",
        what: "A claim about a model that the benchmark data known at the date contradicts.",
        why: "The text tells readers something about a model that the measurements available \
              when it was written show to be false.",
        example: "\"Sora 2 schlägt Veo 3.1 und Kling 2.5 Turbo\" as of 2026-08-10: Sora 2 ranks \
                  below both in the arena snapshot of 2026-08-06.",
    },
    ClaimRule {
        id: "supported-claim",
        verdict: Verdict::Supported,
        level: "note",
        what: "A claim about a model that the benchmark data known at the date supports.",
        why: "Shown so an editor sees the evidence behind a claim that holds, and can cite it.",
        example: "\"Veo 3.1 is ahead of Sora 2 on overall quality\" as of 2026-08-10: Veo 3.1 \
                  ranks above Sora 2 in the arena snapshot of 2026-08-06.",
    },
    ClaimRule {
        id: "unverifiable-claim",
        verdict: Verdict::Unverifiable,
        level: "info",
        what: "A claim about a model that the data cannot settle (no data, or too close to call).",
        why: "A claim without evidence is an opinion; the editor decides whether to keep it, \
              source it or soften it.",
        example: "\"Kling has the most realistic motion\" with no motion benchmark dated by then, \
                  or two models within ±10 Elo in the same arena snapshot.",
    },
];

/// The rule a verdict raises.
pub fn rule_for(verdict: Verdict) -> &'static ClaimRule {
    match verdict {
        Verdict::Contradicted => &RULES[0],
        Verdict::Supported => &RULES[1],
        Verdict::Unverifiable => &RULES[2],
    }
}

/// A rule by its id.
pub fn find(id: &str) -> Option<&'static ClaimRule> {
    RULES.iter().find(|r| r.id == id)
}

/// What verdicts rest on, the same for every claim rule.
pub const METHOD: &str = "Verdicts use only benchmark rows dated on or before the as-of date; \
                          arena gaps within ±10 Elo are too close to call. Run `hypecheck claims \
                          FILE --date DATE` for the evidence; see docs/claims.md.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_has_its_rule() {
        for v in [
            Verdict::Contradicted,
            Verdict::Supported,
            Verdict::Unverifiable,
        ] {
            let rule = rule_for(v);
            assert_eq!(rule.verdict, v);
            assert_eq!(rule.id, format!("{}-claim", v.as_str()));
            assert_eq!(find(rule.id), Some(rule));
        }
    }
}
