//! Renderers for `check` results: text (compiler style), JSON, SARIF 2.1.0.
//!
//! Each renderer writes to `&mut dyn Write`, so tests render into a `Vec<u8>`. They share
//! [`Run`], the data of one invocation; which findings appear is decided once, in
//! [`Run::visible`], so the three formats always agree.
pub mod claims;
pub mod csv;
pub mod data;
pub mod json;
pub mod sarif;
pub mod table;
pub mod text;

use std::io::{self, Write};

use crate::analyze::score;
use crate::check::{ClaimFinding, FileReport, Finding};
use crate::lexicon::LexiconSet;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum CheckFormat {
    /// Compiler-style lines `path:line:col: level[category]: message`, then a summary.
    Text,
    /// One JSON document (schema in `docs/json-schema.md`).
    Json,
    /// SARIF 2.1.0 for code-scanning UIs.
    Sarif,
}

/// Output format of the claims and data commands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum TableFormat {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// JSON, for programs.
    Json,
    /// CSV with the columns of the data file.
    Csv,
}

/// A file that could not be analyzed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileError {
    /// The path as given.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// Everything one `check` run produced.
#[derive(Debug)]
pub struct Run<'a> {
    /// Analyzed files.
    pub reports: &'a [FileReport],
    /// Files that could not be analyzed.
    pub errors: &'a [FileError],
    /// Lexicons used.
    pub lexicons: &'a LexiconSet,
    /// Show quoted, negated and questioned hits too.
    pub show_all: bool,
    /// Threshold given with `--fail-above`.
    pub fail_above: Option<f64>,
}

/// Severity of a claim finding: contradicted → `error`, supported → `note`, unverifiable →
/// `info`.
pub fn claim_level(c: &ClaimFinding) -> &'static str {
    crate::claims::rules::rule_for(c.verdict).level
}

/// The rule id of a claim finding (`contradicted-claim`, ...), the same in every format.
pub fn claim_rule(c: &ClaimFinding) -> &'static str {
    crate::claims::rules::rule_for(c.verdict).id
}

/// What a claim says, in a few words: `sora-2 better-than veo-3.1, kling-2.5-turbo on
/// overall`.
pub fn claim_summary(c: &ClaimFinding) -> String {
    let subject = c.subject.as_deref().unwrap_or(c.subject_text.as_str());
    let mut s = format!("\"{}\": {subject} {}", c.cue, c.relation.as_str());
    if !c.objects.is_empty() {
        s.push(' ');
        s.push_str(&c.objects.join(", "));
    }
    s.push_str(&format!(" on {}", c.dimension));
    if c.polarity == crate::claims::Polarity::Negative {
        s.push_str(" (negative)");
    }
    s
}

/// The short form of a claim finding for text output: the claim, the verdict and the decisive
/// figures (model, value, rank) grouped by snapshot with a short source reference, then the
/// stale-data and later-data notes:
/// `"beste": sora-2 superlative all on overall — contradicted as of 2026-08-10: sora-2 1167.5
/// Elo, rank 19/34; gemini-omni-flash 1322.3 Elo, rank 1/34 [aa-t2v-2026-08-06, 2026-08-06,
/// artificialanalysis.ai]`. The full reason and sources are in [`claim_message`].
pub fn claim_line(c: &ClaimFinding) -> String {
    let mut s = format!(
        "{} — {} as of {}: ",
        claim_summary(c),
        c.verdict.as_str(),
        c.date
    );
    if c.evidence.is_empty() {
        s.push_str(&c.reason);
    } else {
        if c.verdict == crate::claims::Verdict::Unverifiable {
            // Figures alone do not say why nothing was decided ("too close to call").
            let why = c.reason.split([':', ';']).next().unwrap_or(&c.reason);
            s.push_str(why.trim());
            s.push_str("; ");
        }
        s.push_str(&figures(&c.evidence));
    }
    if let Some(st) = &c.stale {
        s.push_str(" · ");
        s.push_str(&st.describe());
    }
    if let Some(l) = &c.later {
        s.push_str(&format!(
            " · later data ({}): {}",
            l.date,
            l.verdict.as_str()
        ));
    }
    if !c.authors {
        s.push_str(&format!(" · not the author's claim ({})", c.stance));
    }
    s
}

/// Evidence figures grouped by where they stand (pool and snapshot, else benchmark and date),
/// each group closed by `[pool, snapshot, source domain]`.
pub fn figures(evidence: &[crate::claims::Evidence]) -> String {
    let mut groups: Vec<(String, Vec<String>, Vec<&str>)> = Vec::new();
    for e in evidence {
        let key = match (&e.pool, e.snapshot) {
            (Some(pool), Some(d)) => format!("{pool}, {d}"),
            (Some(pool), None) => pool.clone(),
            _ if e.date.is_empty() => format!("{}, undated", e.benchmark),
            _ => format!("{}, {}", e.benchmark, e.date),
        };
        let at = match groups.iter().position(|(k, _, _)| *k == key) {
            Some(i) => i,
            None => {
                groups.push((key, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let (_, figs, domains) = &mut groups[at];
        figs.push(e.figure());
        let d = e.source_domain();
        if !domains.contains(&d) {
            domains.push(d);
        }
    }
    groups
        .into_iter()
        .map(|(key, figs, domains)| format!("{} [{key}, {}]", figs.join("; "), domains.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The full message of a claim finding (SARIF, `--verbose`): the claim, the reason, every
/// evidence row with its source URL, what changed later, whether the data is stale.
pub fn claim_message(c: &ClaimFinding) -> String {
    let mut s = format!(
        "{} is {} as of {}: {}",
        claim_summary(c),
        c.verdict.as_str(),
        c.date,
        c.reason
    );
    if !c.evidence.is_empty() {
        s.push_str(" · evidence: ");
        let cites: Vec<String> = c
            .evidence
            .iter()
            .map(|e| format!("{} [{}]", e.cite(), e.source))
            .collect();
        s.push_str(&cites.join("; "));
    }
    if let Some(l) = &c.later {
        s.push_str(&format!(
            " · later data ({}): {} — {}",
            l.date,
            l.verdict.as_str(),
            l.reason
        ));
    }
    if let Some(st) = &c.stale {
        s.push_str(" · ");
        s.push_str(&st.describe());
    }
    if !c.authors {
        s.push_str(&format!(" · not the author's claim ({})", c.stance));
    }
    s
}

impl Run<'_> {
    /// Findings shown: endorsed and hedged, or all with `--show-all`.
    pub fn visible<'r>(&self, report: &'r FileReport) -> impl Iterator<Item = &'r Finding> + 'r {
        let all = self.show_all;
        report
            .findings
            .iter()
            .filter(move |f| all || f.stance.counts())
    }

    /// Hits set aside by sense and target checks: shown only with `--show-all`.
    pub fn visible_set_aside<'r>(
        &self,
        report: &'r FileReport,
    ) -> impl Iterator<Item = &'r Finding> + 'r {
        let all = self.show_all;
        report.set_aside.iter().filter(move |_| all)
    }

    /// Claims shown: the author's (endorsed, hedged), or all with `--show-all`.
    pub fn visible_claims<'r>(
        &self,
        report: &'r FileReport,
    ) -> impl Iterator<Item = &'r ClaimFinding> + 'r {
        let all = self.show_all;
        report.claims.iter().filter(move |c| all || c.authors)
    }

    /// Total words over all reports.
    pub fn total_words(&self) -> usize {
        self.reports.iter().map(|r| r.words).sum()
    }

    /// Σ of each report's floored word count: the denominator of the total indices.
    fn floored_words(&self) -> u64 {
        self.reports
            .iter()
            .map(|r| score::floored_words(r.words as u64))
            .sum()
    }

    /// Hype Index over all reports together, by the same rule as the report's weekly index
    /// ([`score::aggregate_index`]).
    pub fn total_index(&self) -> f64 {
        let w: f64 = self.reports.iter().map(|r| r.endorsed_weight).sum();
        score::aggregate_index(w, self.floored_words())
    }

    /// Hype discourse over all reports together.
    pub fn total_discourse(&self) -> f64 {
        let w: f64 = self.reports.iter().map(|r| r.discourse_weight).sum();
        score::aggregate_index(w, self.floored_words())
    }
}

/// Renders `run` in `format`.
pub fn render(format: CheckFormat, run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    match format {
        CheckFormat::Text => text::render(run, w),
        CheckFormat::Json => json::render(run, w),
        CheckFormat::Sarif => sarif::render(run, w),
    }
}

/// Severity of a finding: `warning` for endorsed, `note` for hedged, `info` otherwise.
pub fn level(f: &Finding) -> &'static str {
    match f.stance {
        crate::analyze::Stance::Endorsed => "warning",
        crate::analyze::Stance::Hedged => "note",
        _ => "info",
    }
}

/// The one-line message of a finding.
pub fn message(f: &Finding) -> String {
    use crate::analyze::Stance::*;
    match f.stance {
        Endorsed => format!(
            "\"{}\" is endorsed hype — consider \"{}\"",
            f.text, f.suggestion
        ),
        Hedged => format!(
            "\"{}\" is hedged hype ({}; counts {:.0} %) — consider \"{}\"",
            f.text,
            f.reason,
            if f.weight > 0.0 {
                100.0 * f.counted / f.weight
            } else {
                0.0
            },
            f.suggestion
        ),
        Quoted => format!("\"{}\" is quoted hype ({}), not counted", f.text, f.reason),
        Negated => format!("\"{}\" is negated hype ({}), not counted", f.text, f.reason),
        Questioned => format!(
            "\"{}\" is questioned hype ({}), not counted",
            f.text, f.reason
        ),
    }
}
