//! `hypecheck lexicon validate|info`: check a lexicon directory, show its counts.
use std::io::Write;
use std::process::ExitCode;

use crate::cli::args::CommonArgs;
use crate::cli::load;

/// Lexicon tools.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum LexiconCommand {
    /// Validate a lexicon directory (every malformed line as file:line: message).
    Validate {
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Print version, hash and entry counts.
    Info {
        #[command(flatten)]
        common: CommonArgs,
    },
}

pub(crate) fn run(cmd: LexiconCommand, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let (LexiconCommand::Validate { common } | LexiconCommand::Info { common }) = &cmd;
    let settings = load::settings(common)?;
    let set = &settings.lexicons;
    writeln!(
        out,
        "lexicons: {} (version {}, hash {})",
        set.origin, set.version, set.hash
    )?;
    for (lang, l) in [("de", &set.de), ("en", &set.en)] {
        writeln!(
            out,
            "  {lang}: {} hype terms, {} boosters, {} hedges, {} negators, {} attribution cues, {} answers",
            l.hype.len(),
            l.boosters.len(),
            l.hedges.len(),
            l.negators.len(),
            l.attribution.len(),
            l.answers.len()
        )?;
    }
    if matches!(cmd, LexiconCommand::Validate { .. }) {
        writeln!(out, "valid")?;
    }
    Ok(ExitCode::SUCCESS)
}
