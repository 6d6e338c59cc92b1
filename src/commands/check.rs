//! `hypecheck check`, `hypecheck explain`, `hypecheck lexicon`: the editor's commands.
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;

use crate::analyze::Analyzer;
use crate::check::{self, FileReport};
use crate::config::{self, Config};
use crate::lexicon::{self, LexiconSet};
use crate::output::{self, FileError, OutputFormat, Run};
use crate::text::{Format, Lang};

/// Options shared by commands that load lexicons and configuration.
#[derive(Debug, Clone, Args)]
pub(crate) struct CommonArgs {
    /// Lexicon directory (default: the shipped lexicons, embedded in the binary).
    #[arg(long, value_name = "DIR")]
    pub(crate) lexicons: Option<PathBuf>,
    /// Configuration file (default: hypecheck.toml or .hypecheck.toml, searched upward).
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub(crate) isolated: bool,
}

/// Check drafts for hype: findings like a linter, a Hype Index per file.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Files to check (`-` or none: standard input). Text, Markdown (.md) or HTML (.html).
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Exit with code 1 when a file's Hype Index exceeds N.
    #[arg(long, value_name = "N")]
    fail_above: Option<f64>,
    /// Also list quoted, negated and questioned hits (default: endorsed and hedged only).
    #[arg(long)]
    show_all: bool,
    /// Language of the documents (default: detected per document).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Input format (default: from the file extension; standard input: sniffed).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Judge claims about models as of this date (YYYY-MM-DD, YYYY-MM, YYYY) [default: each
    /// document's own date (front matter, HTML meta), else today]
    #[arg(long, value_name = "DATE", value_parser = crate::benchmarks::parse_cli_date)]
    date: Option<chrono::NaiveDate>,
    /// Do not look for claims about models (hype findings only).
    #[arg(long, conflicts_with = "fail_on_contradicted")]
    no_claims: bool,
    /// Exit with code 1 when an author's claim is contradicted by the data.
    #[arg(long)]
    fail_on_contradicted: bool,
    #[command(flatten)]
    claim_data: super::claims::ClaimData,
    #[command(flatten)]
    common: CommonArgs,
}

/// Settings resolved from flags and configuration.
pub(crate) struct Settings {
    pub(crate) lexicons: Arc<LexiconSet>,
    pub(crate) config: Config,
}

/// Loads configuration and lexicons (flags win over the config file).
pub(crate) fn resolve(common: &CommonArgs) -> anyhow::Result<Settings> {
    let config = if common.isolated {
        Config::default()
    } else if let Some(p) = &common.config {
        config::load(p)?
    } else {
        let cwd = std::env::current_dir().context("could not read the working directory")?;
        match config::discover(&cwd) {
            Some(p) => config::load(&p)?,
            None => Config::default(),
        }
    };
    let dir = common.lexicons.clone().or_else(|| config.lexicons.clone());
    let set = match dir {
        Some(d) => lexicon::load_dir(&d)?,
        None => lexicon::embedded()?,
    };
    Ok(Settings {
        lexicons: Arc::new(set),
        config,
    })
}

pub(crate) fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let settings = resolve(&args.common)?;
    let cfg = &settings.config;
    let lang = args
        .lang
        .or_else(|| cfg.lang.as_deref().and_then(Lang::parse));
    let fail_above = args.fail_above.or(cfg.fail_above);
    if let Some(t) = fail_above {
        anyhow::ensure!(
            t.is_finite() && (0.0..=100.0).contains(&t),
            "--fail-above must be between 0 and 100, got {t}"
        );
    }
    let show_all = args.show_all || cfg.show_all.unwrap_or(false);
    let mut analyzer = Analyzer::new(settings.lexicons.clone());
    analyzer.set_disabled_categories(cfg.disabled_categories.clone());

    let loaded = if args.no_claims {
        None
    } else {
        match args.claim_data.load()? {
            Ok(l) => Some(l),
            Err(code) => return Ok(code),
        }
    };
    let checker = loaded.as_ref().map(super::claims::Loaded::checker);
    let claim_options = checker.as_ref().map(|checker| check::ClaimOptions {
        checker,
        date: args.date,
    });
    let mut inputs = args.files.clone();
    if inputs.is_empty() {
        inputs.push(PathBuf::from("-"));
    }
    let mut reports: Vec<FileReport> = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    for path in &inputs {
        match check_one(&mut analyzer, path, args.input_format, lang, claim_options) {
            Ok(r) => reports.push(r),
            Err(message) => errors.push(FileError {
                path: path.display().to_string(),
                message,
            }),
        }
    }
    let run = Run {
        reports: &reports,
        errors: &errors,
        lexicons: &settings.lexicons,
        show_all,
        fail_above,
    };
    let mut err = io::stderr().lock();
    for r in &reports {
        for w in &r.warnings {
            let _ = writeln!(err, "warning: {}: {w}", r.path);
        }
    }
    for e in &errors {
        let _ = writeln!(err, "error: {}: {}", e.path, e.message);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = output::render(args.format, &run, &mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(e).context("could not write the output");
        }
    }
    if !errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    if let Some(t) = fail_above {
        if reports.iter().any(|r| r.hype_index > t) {
            return Ok(ExitCode::from(1));
        }
    }
    if args.fail_on_contradicted
        && reports.iter().any(|r| {
            r.claims
                .iter()
                .any(|c| c.authors && c.verdict == crate::claims::Verdict::Contradicted)
        })
    {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn check_one(
    analyzer: &mut Analyzer,
    path: &Path,
    input_format: Option<Format>,
    lang: Option<Lang>,
    claims: Option<check::ClaimOptions<'_>>,
) -> Result<FileReport, String> {
    let (label, bytes) = if path.as_os_str() == "-" {
        if io::stdin().is_terminal() {
            return Err(
                "no files given and standard input is a terminal (pass FILES or pipe text in)"
                    .to_owned(),
            );
        }
        let buf = check::read_document(io::stdin().lock(), check::MAX_DOCUMENT)
            .map_err(|e| e.describe("standard input"))?;
        ("<stdin>".to_owned(), buf)
    } else {
        if path.is_dir() {
            return Err("is a directory (pass the files inside it, e.g. DIR/*.md)".to_owned());
        }
        let bytes = std::fs::File::open(path)
            .map_err(check::ReadError::from)
            .and_then(|f| check::read_document(f, check::MAX_DOCUMENT))
            .map_err(|e| e.describe("file"))?;
        (path.display().to_string(), bytes)
    };
    let format = input_format.unwrap_or_else(|| {
        if label == "<stdin>" {
            Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]))
        } else {
            Format::from_path(path).unwrap_or(Format::Text)
        }
    });
    check::check_with_claims(analyzer, &label, &bytes, format, lang, claims)
        .map_err(|e| e.to_string())
}

/// Explain a hype category or a stance rule.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A category (`revolution`, `awe`, ...) or stance (`negated`, `quoted`, ...); none lists all.
    rule: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn explain(args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let settings = resolve(&args.common)?;
    let set = &settings.lexicons;
    let mut out = io::stdout().lock();
    let stances = crate::analyze::stance::RULES;
    let result: io::Result<()> = (|| match args.rule.as_deref() {
        None => {
            writeln!(out, "Hype categories:")?;
            for c in &set.categories {
                writeln!(out, "  {:<16} {}", c.category, c.title)?;
            }
            writeln!(out, "Stances:")?;
            for (name, text) in stances {
                writeln!(out, "  {:<16} {}", name, text.lines().next().unwrap_or(""))?;
            }
            Ok(())
        }
        Some(rule) => {
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
                return Ok(());
            }
            if let Some((name, text)) = stances.iter().find(|(n, _)| *n == rule) {
                writeln!(out, "{name}\n\n{text}")?;
                return Ok(());
            }
            Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("unknown rule `{rule}`: run `hypecheck explain` for the list"),
            ))
        }
    })();
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(anyhow::anyhow!(e.to_string())),
        Err(e) => Err(e.into()),
    }
}

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

pub(crate) fn lexicon(cmd: LexiconCommand) -> anyhow::Result<ExitCode> {
    let (LexiconCommand::Validate { common } | LexiconCommand::Info { common }) = &cmd;
    let settings = resolve(common)?;
    let set = &settings.lexicons;
    let mut out = io::stdout().lock();
    let _ = writeln!(
        out,
        "lexicons: {} (version {}, hash {})",
        set.origin, set.version, set.hash
    );
    for (lang, l) in [("de", &set.de), ("en", &set.en)] {
        let _ = writeln!(
            out,
            "  {lang}: {} hype terms, {} boosters, {} hedges, {} negators, {} attribution cues, {} answers",
            l.hype.len(),
            l.boosters.len(),
            l.hedges.len(),
            l.negators.len(),
            l.attribution.len(),
            l.answers.len()
        );
    }
    if matches!(cmd, LexiconCommand::Validate { .. }) {
        let _ = writeln!(out, "valid");
    }
    Ok(ExitCode::SUCCESS)
}
