//! `collect` subcommands (placeholder).
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub(crate) enum CollectCommand {
    /// Placeholder, replaced when the collect commands land.
    #[command(hide = true)]
    CollectPlaceholder,
}

pub(crate) fn run(cmd: CollectCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CollectCommand::CollectPlaceholder => Ok(ExitCode::SUCCESS),
    }
}
