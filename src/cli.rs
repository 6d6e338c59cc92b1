//! Command-line interface: clap definitions and dispatch. Errors become exit code 2.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands;

/// Measures hype against reality in news about AI video generators.
#[derive(Debug, Parser)]
#[command(name = "hypecheck", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Collect(commands::collect::CollectCommand),
    #[command(flatten)]
    Data(commands::data::DataCommand),
}

/// Runs the CLI with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Collect(c) => commands::collect::run(c),
        Command::Data(c) => commands::data::run(c),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
