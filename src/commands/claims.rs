//! `hypecheck claims`: list the claims a text makes about models, with verdicts from the
//! benchmark data; and the data loading that `check` shares.
//!
//! Holds no claim logic: it loads the registry, measured outcomes and cue words (the shipped,
//! compiled-in files unless paths are given), runs the same per-document pipeline as `check`
//! ([`crate::check::check_with_claims`]) and renders the claims as a table, JSON or CSV.
//! Invalid data files are listed as `file:line: message` on stderr with exit code 2: the tool
//! refuses to judge claims against data it cannot trust.
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use crate::analyze::Analyzer;
use crate::benchmarks::{parse_cli_date, Benchmarks, BenchmarksError, LoadOptions};
use crate::check::ClaimFinding;
use crate::claims::{Checker, ClaimsError, Cues};
use crate::models::{ModelsError, Registry};
use crate::text::{Format, Lang};

use super::check::CommonArgs;
use super::data::{report_problems, Format as TableFormat};

/// Data files for claim verification (default: the shipped, compiled-in files).
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct ClaimData {
    /// Measured outcomes CSV [default: the shipped data/benchmarks.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) data: Option<PathBuf>,
    /// Model registry CSV [default: the shipped data/models.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) models: Option<PathBuf>,
    /// Dimension map CSV [default: the shipped data/dimensions.csv]
    #[arg(long, value_name = "FILE")]
    pub(crate) dimensions: Option<PathBuf>,
    /// Claim cue words TSV [default: the shipped data/claim-cues.tsv]
    #[arg(long, value_name = "FILE")]
    pub(crate) cues: Option<PathBuf>,
}

/// Loaded, validated claim data.
pub(crate) struct Loaded {
    pub(crate) registry: Registry,
    pub(crate) benchmarks: Benchmarks,
    pub(crate) cues: Cues,
}

impl Loaded {
    pub(crate) fn checker(&self) -> Checker<'_> {
        Checker::new(&self.registry, &self.benchmarks, &self.cues)
    }
}

impl ClaimData {
    /// Loads all files; `Err(code)` after listing validation problems on stderr.
    pub(crate) fn load(&self) -> anyhow::Result<Result<Loaded, ExitCode>> {
        let registry = match self.models.as_deref() {
            Some(p) => Registry::from_path(p),
            None => Registry::shipped(),
        };
        let registry = match registry {
            Ok(r) => r,
            Err(ModelsError::Invalid(p)) => return Ok(Err(report_problems(&p))),
            Err(e) => return Err(e.into()),
        };
        let benchmarks = match (&self.data, &self.dimensions) {
            (None, None) => Benchmarks::shipped(&registry),
            (Some(d), dims) => {
                Benchmarks::from_paths(d, dims.as_deref(), &registry, LoadOptions::default())
            }
            (None, Some(dims)) => {
                let text = std::fs::read_to_string(dims)
                    .with_context(|| format!("could not read `{}`", dims.display()))?;
                Benchmarks::parse(
                    crate::benchmarks::SHIPPED_BENCHMARKS,
                    crate::benchmarks::SHIPPED_BENCHMARKS_LABEL,
                    &text,
                    &dims.display().to_string(),
                    &registry,
                    LoadOptions::default(),
                )
            }
        };
        let benchmarks = match benchmarks {
            Ok(b) => b,
            Err(BenchmarksError::Invalid(p)) => return Ok(Err(report_problems(&p))),
            Err(e) => return Err(e.into()),
        };
        let cues = match self.cues.as_deref() {
            Some(p) => Cues::from_path(p),
            None => Cues::shipped(),
        };
        let cues = match cues {
            Ok(c) => c,
            Err(ClaimsError::Invalid(p)) => return Ok(Err(report_problems(&p))),
            Err(e) => return Err(e.into()),
        };
        Ok(Ok(Loaded {
            registry,
            benchmarks,
            cues,
        }))
    }
}

/// List the claims a text makes about models, with verdicts from the benchmark data.
#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// File to read (`-`: standard input). Text, Markdown (.md) or HTML (.html).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Judge as of this date (YYYY-MM-DD, YYYY-MM, YYYY) [default: the document's own date
    /// (front matter, HTML meta), else today]
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    date: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: TableFormat,
    /// Language of the document (default: detected).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Input format (default: from the file extension; standard input: sniffed).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Only the author's claims (endorsed or hedged), not quoted, negated or questioned ones.
    #[arg(long)]
    authors_only: bool,
    #[command(flatten)]
    claim_data: ClaimData,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Serialize)]
struct Doc<'a> {
    path: &'a str,
    date: Option<NaiveDate>,
    claims: Vec<&'a ClaimFinding>,
}

pub(crate) fn run(args: ClaimsArgs) -> anyhow::Result<ExitCode> {
    let settings = super::check::resolve(&args.common)?;
    let loaded = match args.claim_data.load()? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let checker = loaded.checker();
    let mut analyzer = Analyzer::new(settings.lexicons.clone());
    let lang = args
        .lang
        .or_else(|| settings.config.lang.as_deref().and_then(Lang::parse));
    let report = super::check::check_one(
        &mut analyzer,
        &args.file,
        args.input_format,
        lang,
        Some(crate::check::ClaimOptions {
            checker: &checker,
            date: args.date,
        }),
    )
    .map_err(|m| anyhow::anyhow!("{}: {m}", args.file.display()))?;
    let mut err = io::stderr().lock();
    for w in &report.warnings {
        let _ = writeln!(err, "warning: {}: {w}", report.path);
    }
    let claims: Vec<&ClaimFinding> = report
        .claims
        .iter()
        .filter(|c| !args.authors_only || c.authors)
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = render(args.format, &report.path, report.date, &claims, &mut out)
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(e).context("could not write the output")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn render(
    format: TableFormat,
    path: &str,
    date: Option<NaiveDate>,
    claims: &[&ClaimFinding],
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TableFormat::Json => {
            let doc = Doc {
                path,
                date,
                claims: claims.to_vec(),
            };
            serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::other)?;
            writeln!(w)
        }
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(w);
            csv.write_record([
                "path",
                "line",
                "column",
                "subject",
                "objects",
                "relation",
                "dimension",
                "polarity",
                "stance",
                "verdict",
                "date",
                "reason",
                "evidence",
                "later",
                "sentence",
            ])
            .map_err(io::Error::other)?;
            for c in claims {
                csv.write_record([
                    path,
                    &c.line.to_string(),
                    &c.column.to_string(),
                    c.subject.as_deref().unwrap_or(""),
                    &c.objects.join("|"),
                    c.relation.as_str(),
                    c.dimension.as_str(),
                    c.polarity.as_str(),
                    c.stance.as_str(),
                    c.verdict.as_str(),
                    &c.date.to_string(),
                    &c.reason,
                    &evidence_line(c),
                    &later_line(c),
                    &c.sentence,
                ])
                .map_err(io::Error::other)?;
            }
            csv.flush()
        }
        TableFormat::Table => {
            for c in claims {
                writeln!(
                    w,
                    "{path}:{}:{}: {} — {} ({} stance)",
                    c.line,
                    c.column,
                    c.verdict.as_str(),
                    crate::output::claim_summary(c),
                    c.stance
                )?;
                writeln!(w, "    {}", c.reason)?;
                if !c.evidence.is_empty() {
                    writeln!(w, "    evidence: {}", evidence_line(c))?;
                }
                if c.later.is_some() {
                    writeln!(w, "    later: {}", later_line(c))?;
                }
            }
            writeln!(
                w,
                "{path}: {} claim{} as of {}",
                claims.len(),
                if claims.len() == 1 { "" } else { "s" },
                date.map_or_else(|| "-".to_owned(), |d| d.to_string())
            )
        }
    }
}

fn evidence_line(c: &ClaimFinding) -> String {
    c.evidence
        .iter()
        .map(|e| format!("{} [{}]", e.cite(), e.source))
        .collect::<Vec<_>>()
        .join("; ")
}

fn later_line(c: &ClaimFinding) -> String {
    c.later.as_ref().map_or_else(String::new, |l| {
        format!("as of {}: {} — {}", l.date, l.verdict.as_str(), l.reason)
    })
}
