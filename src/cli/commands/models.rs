//! `hypecheck models list|find`: the model registry and model mentions in a text.
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::benchmarks::parse_cli_date;
use crate::cli::load;
use crate::output::data::{self as render, Found};
use crate::output::TableFormat;
use crate::text::position::LineIndex;

#[derive(Debug, clap::Subcommand)]
pub(crate) enum ModelsCommand {
    /// List the model registry.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        /// Model registry CSV [default: the shipped data/models.csv]
        #[arg(long, value_name = "FILE")]
        models: Option<PathBuf>,
    },
    /// Find model mentions in a text file (or `-` for stdin); prints line:col and how each
    /// mention was resolved.
    Find {
        /// Text file, or `-` for standard input.
        input: String,
        /// Date the text was written: bare family names ("Sora") resolve to the latest model
        /// released by then.
        #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
        date: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
        /// Model registry CSV [default: the shipped data/models.csv]
        #[arg(long, value_name = "FILE")]
        models: Option<PathBuf>,
    },
}

pub(crate) fn run(cmd: ModelsCommand, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match cmd {
        ModelsCommand::List { format, models } => {
            let registry = load::registry(models.as_deref())?;
            render::models(out, registry.entries(), format)?;
        }
        ModelsCommand::Find {
            input,
            date,
            format,
            models,
        } => {
            let registry = load::registry(models.as_deref())?;
            let (text, label) = if input == "-" {
                let mut s = String::new();
                io::stdin()
                    .read_to_string(&mut s)
                    .context("could not read standard input")?;
                (s, "<stdin>".to_owned())
            } else {
                (load::read_text(Path::new(&input))?, input.clone())
            };
            let mentions = registry.find_mentions_at(&text, date);
            // Mentions come in text order, so the index advances incrementally.
            let mut index = LineIndex::new(&text);
            let found: Vec<Found<'_>> = mentions
                .iter()
                .map(|m| {
                    let (line, column) = index.position(m.start);
                    Found {
                        line,
                        column,
                        mention: m,
                    }
                })
                .collect();
            render::mentions(out, &label, &found, format)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
