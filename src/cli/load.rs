//! Turns raw argument groups into loaded values: configuration and lexicons, the model
//! registry, measured outcomes, claim data, and command inputs (files or standard input).
//!
//! Invalid data files become [`Invalid`] (their problems, listed once by [`super::run`]);
//! everything else that fails becomes an `anyhow` error naming the file.
use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::NaiveDate;

use super::args::{ClaimDataArgs, CommonArgs, DataFiles};
use super::Invalid;
use crate::analyze::Analyzer;
use crate::benchmarks::{
    Benchmarks, BenchmarksError, LoadOptions, SHIPPED_BENCHMARKS, SHIPPED_BENCHMARKS_LABEL,
    SHIPPED_DIMENSIONS, SHIPPED_DIMENSIONS_LABEL,
};
use crate::check::{self, FileReport};
use crate::claims::{Checker, ClaimsError, Cues};
use crate::config::{self, Config};
use crate::corpus::CorpusAnalyzer;
use crate::lexicon::{self, LexiconSet};
use crate::models::{ModelsError, Registry};
use crate::text::{Format, Lang};

/// Settings resolved from flags and configuration.
pub(crate) struct Settings {
    pub(crate) lexicons: Arc<LexiconSet>,
    pub(crate) config: Config,
}

impl Settings {
    /// `--lang`, else the configured language.
    pub(crate) fn lang(&self, flag: Option<Lang>) -> Option<Lang> {
        flag.or_else(|| self.config.lang.as_deref().and_then(Lang::parse))
    }

    /// An analyzer over the lexicons, with the configured categories disabled.
    pub(crate) fn analyzer(&self) -> Analyzer {
        let mut analyzer = Analyzer::new(self.lexicons.clone());
        analyzer.set_disabled_categories(self.config.disabled_categories.clone());
        analyzer
    }
}

/// Loads configuration and lexicons (flags win over the config file).
pub(crate) fn settings(common: &CommonArgs) -> anyhow::Result<Settings> {
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

/// Reads a text file, naming it in the error.
pub(crate) fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read `{}`", path.display()))
}

/// The registry from `path`, else the shipped one.
pub(crate) fn registry(path: Option<&Path>) -> anyhow::Result<Registry> {
    let loaded = match path {
        Some(p) => Registry::from_path(p),
        None => Registry::shipped(),
    };
    match loaded {
        Ok(r) => Ok(r),
        Err(ModelsError::Invalid(problems)) => Err(Invalid(problems).into()),
        Err(e) => Err(e.into()),
    }
}

/// Measured outcomes from `data` (else the shipped file), with the dimension map of `files`.
pub(crate) fn benchmarks(
    data: Option<&Path>,
    files: &DataFiles,
    registry: &Registry,
    options: LoadOptions,
) -> anyhow::Result<Benchmarks> {
    let (text, label) = match data {
        Some(p) => (read_text(p)?, p.display().to_string()),
        None => (
            SHIPPED_BENCHMARKS.to_owned(),
            SHIPPED_BENCHMARKS_LABEL.to_owned(),
        ),
    };
    let (dims, dims_label) = dimensions(files)?;
    invalid_benchmarks(Benchmarks::parse(
        &text,
        &label,
        &dims,
        &dims_label,
        registry,
        options,
    ))
}

/// The dimension map's text and label.
pub(crate) fn dimensions(files: &DataFiles) -> anyhow::Result<(String, String)> {
    Ok(match &files.dimensions {
        Some(p) => (read_text(p)?, p.display().to_string()),
        None => (
            SHIPPED_DIMENSIONS.to_owned(),
            SHIPPED_DIMENSIONS_LABEL.to_owned(),
        ),
    })
}

/// Maps [`BenchmarksError::Invalid`] to [`Invalid`].
pub(crate) fn invalid_benchmarks<T>(r: Result<T, BenchmarksError>) -> anyhow::Result<T> {
    match r {
        Ok(b) => Ok(b),
        Err(BenchmarksError::Invalid(p)) => Err(Invalid(p).into()),
        Err(e) => Err(e.into()),
    }
}

/// Registry and measured outcomes of a `benchmarks` subcommand.
pub(crate) fn data(
    data: Option<&Path>,
    files: &DataFiles,
    options: LoadOptions,
) -> anyhow::Result<(Registry, Benchmarks)> {
    let registry = registry(files.models.as_deref())?;
    let bench = benchmarks(data, files, &registry, options)?;
    Ok((registry, bench))
}

/// `--as-of`, else the latest date in the data.
pub(crate) fn as_of_or_latest(
    as_of: Option<NaiveDate>,
    bench: &Benchmarks,
) -> anyhow::Result<NaiveDate> {
    as_of
        .or(bench.latest_date())
        .context("the data has no dated rows")
}

/// Loaded, validated claim data.
pub(crate) struct ClaimData {
    pub(crate) registry: Registry,
    pub(crate) benchmarks: Benchmarks,
    pub(crate) cues: Cues,
    /// `--max-evidence-age`; `None` leaves the choice to the configuration, else the default.
    pub(crate) max_evidence_age: Option<u32>,
}

impl ClaimData {
    pub(crate) fn checker(&self) -> Checker<'_> {
        Checker::new(&self.registry, &self.benchmarks, &self.cues).with_max_evidence_age(
            self.max_evidence_age
                .unwrap_or(crate::claims::DEFAULT_MAX_EVIDENCE_AGE),
        )
    }

    /// The flag wins over the configuration's `max-evidence-age`.
    pub(crate) fn with_config(mut self, config: &Config) -> Self {
        self.max_evidence_age = self.max_evidence_age.or(config.max_evidence_age);
        self
    }

    /// The same data, borrowed for a [`CorpusAnalyzer`].
    pub(crate) fn view(&self) -> crate::corpus::ClaimDataRef<'_> {
        crate::corpus::ClaimDataRef {
            registry: &self.registry,
            benchmarks: &self.benchmarks,
            cues: &self.cues,
        }
    }
}

/// Today's date (UTC): the date claims of undated documents are judged as of.
pub(crate) fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The corpus analyzer of `scan`, `import`, `analyze`, `report` and `demo`: the lexicons of
/// `--lexicons` or the configuration (the shipped ones by default) and the shipped claim data.
/// Disabled categories are not applied: stored analyses are keyed by the lexicon hash alone.
pub(crate) fn corpus_analyzer<'d>(
    settings: &Settings,
    data: &'d ClaimData,
) -> anyhow::Result<CorpusAnalyzer<'d>> {
    Ok(CorpusAnalyzer::new(
        settings.lexicons.clone(),
        data.view(),
        today(),
    )?)
}

/// Loads registry, measured outcomes and cue words (the shipped files unless paths are given).
pub(crate) fn claim_data(args: &ClaimDataArgs) -> anyhow::Result<ClaimData> {
    let registry = registry(args.files.models.as_deref())?;
    let benchmarks = benchmarks(
        args.data.as_deref(),
        &args.files,
        &registry,
        LoadOptions::default(),
    )?;
    let cues = match args.cues.as_deref() {
        Some(p) => Cues::from_path(p),
        None => Cues::shipped(),
    };
    let cues = match cues {
        Ok(c) => c,
        Err(ClaimsError::Invalid(p)) => return Err(Invalid(p).into()),
        Err(e) => return Err(e.into()),
    };
    Ok(ClaimData {
        registry,
        benchmarks,
        cues,
        max_evidence_age: args.max_evidence_age,
    })
}

/// Reads one input (`-`: standard input) as `(label, bytes)`; the error is a message for
/// `label: message`.
pub(crate) fn read_input(path: &Path) -> Result<(String, Vec<u8>), String> {
    if path.as_os_str() == "-" {
        if io::stdin().is_terminal() {
            return Err(
                "no files given and standard input is a terminal (pass FILES or pipe text in)"
                    .to_owned(),
            );
        }
        let buf = crate::check::read_document(io::stdin().lock(), crate::check::MAX_DOCUMENT)
            .map_err(|e| e.describe("standard input"))?;
        Ok(("<stdin>".to_owned(), buf))
    } else {
        if path.is_dir() {
            return Err("is a directory (pass the files inside it, e.g. DIR/*.md)".to_owned());
        }
        let bytes = std::fs::File::open(path)
            .map_err(crate::check::ReadError::from)
            .and_then(|f| crate::check::read_document(f, crate::check::MAX_DOCUMENT))
            .map_err(|e| e.describe("file"))?;
        Ok((path.display().to_string(), bytes))
    }
}

/// Reads and checks one input document (format from `--input-format`, the extension, or
/// sniffed on standard input).
pub(crate) fn check_input(
    analyzer: &mut Analyzer,
    path: &Path,
    input_format: Option<Format>,
    lang: Option<Lang>,
    claims: Option<check::ClaimOptions<'_>>,
) -> Result<FileReport, String> {
    let (label, bytes) = read_input(path)?;
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

/// The polite HTTP client for `scan` and `sources check`: flags win over the sources file's
/// `[crawler]` table; every duration and the retry count are range-checked first.
pub(crate) fn fetcher(
    http: &super::args::HttpArgs,
    file: &crate::collect::sources::SourcesFile,
) -> anyhow::Result<crate::collect::fetch::Fetcher> {
    polite_fetcher(
        http,
        file.crawler.contact.as_deref(),
        file.crawler.max_bytes,
        file.crawler.delay_secs,
    )
}

/// The polite HTTP client with no sources file (`benchmarks import URL`).
pub(crate) fn http_fetcher(
    http: &super::args::HttpArgs,
) -> anyhow::Result<crate::collect::fetch::Fetcher> {
    polite_fetcher(http, None, None, None)
}

fn polite_fetcher(
    http: &super::args::HttpArgs,
    contact: Option<&str>,
    max_bytes: Option<u64>,
    delay_secs: Option<f64>,
) -> anyhow::Result<crate::collect::fetch::Fetcher> {
    use super::args::{retries, secs};
    use crate::collect::fetch::{user_agent, FetchConfig, Fetcher};
    let defaults = FetchConfig::default();
    let cfg = FetchConfig {
        user_agent: user_agent(contact),
        connect_timeout: secs(http.connect_timeout, "connect-timeout")?,
        timeout: secs(http.timeout, "timeout")?,
        max_bytes: http.max_bytes.or(max_bytes).unwrap_or(defaults.max_bytes),
        max_redirects: defaults.max_redirects,
        retries: retries(http.retries)?,
        backoff: secs(http.backoff, "backoff")?,
        max_retry_wait: secs(http.max_retry_wait, "max-retry-wait")?,
        delay: secs(http.delay.or(delay_secs).unwrap_or(1.0), "delay")?,
        max_crawl_delay: secs(http.max_crawl_delay, "max-crawl-delay")?,
        allow_private: http.allow_private,
    };
    Fetcher::new(cfg).context("cannot set up the HTTP client")
}

/// Feeds each of `inputs` (`-` = standard input; none = standard input) to `f` as a buffered
/// reader with its name, in order.
pub(crate) fn each_input(
    inputs: &[String],
    mut f: impl FnMut(&mut dyn io::BufRead, &str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let stdin = ["-".to_owned()];
    let names = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    for name in names {
        if name == "-" {
            f(&mut io::stdin().lock(), "-")?;
        } else {
            let file = std::fs::File::open(name).with_context(|| format!("{name}: cannot read"))?;
            f(&mut io::BufReader::new(file), name)?;
        }
    }
    Ok(())
}

/// Writes an aggregate as one JSON line to the file `to`, or to `out`.
pub(crate) fn write_aggregate(
    agg: &crate::corpus::aggregate::Aggregate,
    to: Option<&str>,
    out: &mut dyn io::Write,
) -> anyhow::Result<()> {
    let json = agg.to_json();
    match to {
        Some(p) => {
            std::fs::write(p, format!("{json}\n")).with_context(|| format!("{p}: cannot write"))?
        }
        None => writeln!(out, "{json}")?,
    }
    Ok(())
}
