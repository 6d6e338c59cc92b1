//! `hypecheck validate`: measure the analyzer against a hand-coded sample. Logic lives in
//! [`crate::validate`]; this file only parses flags and writes the output.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use crate::analyze::Analyzer;
use crate::cli::Invalid;
use crate::lexicon;
use crate::text::Lang;
use crate::validate::{self, render, Settings, Split};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SplitArg {
    Dev,
    Holdout,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
    Csv,
}

/// Measure hit-level precision/recall, stance agreement and document-level rank agreement of
/// the analyzer against a coded sample (format: docs/codebook.md).
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Document list (TSV: doc lang split rating url kind [sha256]).
    #[arg(long, value_name = "FILE")]
    docs: PathBuf,
    /// Coded spans (TSV: doc expression occurrence stance category kind).
    #[arg(long, value_name = "FILE")]
    spans: PathBuf,
    /// Directory with one `<doc>.txt` (UTF-8 plain text) per document.
    #[arg(long, value_name = "DIR")]
    texts: PathBuf,
    /// Which documents to evaluate.
    #[arg(long, value_enum, default_value_t = SplitArg::All)]
    split: SplitArg,
    /// Only this language (default: both, reported per language and overall).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    format: ValidateFormat,
    /// Lexicon directory (default: the shipped lexicons).
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
    /// How many misses, wrong hits and stance disagreements to list: a number or `all`.
    #[arg(long, value_name = "N|all", default_value = "50", value_parser = parse_list)]
    list: ListArg,
    /// With `--format csv`: write metrics.csv, confusion.csv, misses.csv, wrong_hits.csv and
    /// disagreements.csv
    /// into DIR (default: all four to standard output, each after a `# file` line).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy)]
struct ListArg(Option<usize>);

fn parse_list(s: &str) -> Result<ListArg, String> {
    if s == "all" {
        return Ok(ListArg(None));
    }
    s.parse::<usize>()
        .map(|n| ListArg(Some(n)))
        .map_err(|_| format!("expected a number or `all`, got `{s}`"))
}

pub(crate) fn run(args: ValidateArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    if args.out.is_some() && args.format != ValidateFormat::Csv {
        anyhow::bail!("--out is only used with --format csv");
    }
    let sample = validate::load(&args.docs, &args.spans, &args.texts).map_err(Invalid)?;
    let set = match &args.lexicons {
        Some(d) => lexicon::load_dir(d)?,
        None => lexicon::embedded()?,
    };
    let set = Arc::new(set);
    let mut analyzer = Analyzer::new(set.clone());
    let settings = Settings {
        split: match args.split {
            SplitArg::Dev => Some(Split::Dev),
            SplitArg::Holdout => Some(Split::Holdout),
            SplitArg::All => None,
        },
        lang: args.lang,
        list: args.list.0,
    };
    let v = validate::evaluate(&sample, &mut analyzer, &settings);
    match args.format {
        ValidateFormat::Text => render::text(&v, &set, out)?,
        ValidateFormat::Json => render::json(&v, &set, args.lang, out)?,
        ValidateFormat::Csv => {
            let tables = render::csv(&v)?;
            if let Some(dir) = &args.out {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("could not create {}", dir.display()))?;
                for (name, bytes) in &tables {
                    let p = dir.join(name);
                    std::fs::write(&p, bytes)
                        .with_context(|| format!("could not write {}", p.display()))?;
                }
            } else {
                for (i, (name, bytes)) in tables.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "# {name}")?;
                    out.write_all(bytes)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
