//! `hypecheck explain`: what a hype category, a stance rule or a claim rule means.
use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::cli::args::CommonArgs;
use crate::cli::load;

/// Explain a hype category or a stance rule.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A category (`revolution`, `awe`, ...) or stance (`negated`, `quoted`, ...); none lists all.
    rule: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: ExplainArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let settings = load::settings(&args.common)?;
    let set = &settings.lexicons;
    let stances = crate::analyze::stance::RULES;
    let Some(rule) = args.rule.as_deref() else {
        writeln!(out, "Hype categories:")?;
        for c in &set.categories {
            writeln!(out, "  {:<16} {}", c.category, c.title)?;
        }
        writeln!(out, "Stances:")?;
        for (name, text) in stances {
            writeln!(out, "  {:<16} {}", name, text.lines().next().unwrap_or(""))?;
        }
        writeln!(out, "Claim rules:")?;
        for r in &crate::claims::rules::RULES {
            writeln!(out, "  {:<18} {}", r.id, r.what)?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(c) = set.category_doc(rule) {
        writeln!(out, "{} — {}\n", c.category, c.title)?;
        writeln!(out, "What it flags: {}", c.what)?;
        writeln!(out, "Why: {}", c.why)?;
        writeln!(out, "Example (de): {}", c.example_de)?;
        writeln!(out, "Example (en): {}", c.example_en)?;
        writeln!(out, "Sober alternative: {}", c.alternative)?;
        let n_de = set.de.hype.iter().filter(|h| h.category == rule).count();
        let n_en = set.en.hype.iter().filter(|h| h.category == rule).count();
        writeln!(out, "Lexicon entries: {n_de} German, {n_en} English")?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some((name, text)) = stances.iter().find(|(n, _)| *n == rule) {
        writeln!(out, "{name}\n\n{text}")?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(r) = crate::claims::rules::find(rule) {
        writeln!(out, "{} — {}\n", r.id, r.level)?;
        writeln!(out, "What it flags: {}", r.what)?;
        writeln!(out, "Why: {}", r.why)?;
        writeln!(out, "Example: {}", r.example)?;
        writeln!(out, "How: {}", crate::claims::rules::METHOD)?;
        return Ok(ExitCode::SUCCESS);
    }
    anyhow::bail!("unknown rule `{rule}`: run `hypecheck explain` for the list")
}
