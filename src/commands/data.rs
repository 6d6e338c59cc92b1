//! `data` subcommands (placeholder).
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub(crate) enum DataCommand {
    /// Placeholder, replaced when the data commands land.
    #[command(hide = true)]
    DataPlaceholder,
}

pub(crate) fn run(cmd: DataCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DataCommand::DataPlaceholder => Ok(ExitCode::SUCCESS),
    }
}
