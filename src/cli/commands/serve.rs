//! `hypecheck serve`: the editors' web page and JSON API on a local address.
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::cli::args::{ClaimDataArgs, CommonArgs};
use crate::cli::load;
use crate::serve::{self, Data, Limits, Options};

/// Serve a web page where editors paste a draft and see its hype marked, plus a JSON API.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (port 0: any free port). Anything but loopback needs --token.
    #[arg(long, value_name = "ADDR", default_value = serve::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Bearer token that guards the API (default: the HYPECHECK_TOKEN environment variable).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Longest time one check may take, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    timeout: f64,
    /// Checks running at the same time [default: the number of CPUs]
    #[arg(long, value_name = "N")]
    concurrency: Option<usize>,
    #[command(flatten)]
    claim_data: ClaimDataArgs,
    #[command(flatten)]
    common: CommonArgs,
}

pub(crate) fn run(args: ServeArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let settings = load::settings(&args.common)?;
    let claims = load::claim_data(&args.claim_data)?;
    let token = match args.token {
        Some(t) => Some(t),
        None => std::env::var("HYPECHECK_TOKEN")
            .ok()
            .filter(|t| !t.is_empty()),
    };
    let defaults = Limits::default();
    let concurrency = args.concurrency.unwrap_or(defaults.concurrency);
    anyhow::ensure!(
        (1..=256).contains(&concurrency),
        "--concurrency must be between 1 and 256, got {concurrency}"
    );
    let limits = Limits {
        timeout: crate::cli::args::secs(args.timeout, "timeout")?,
        concurrency,
        ..defaults
    };
    anyhow::ensure!(!limits.timeout.is_zero(), "--timeout must be above 0");
    let data = Data {
        lexicons: settings.lexicons.clone(),
        disabled_categories: settings.config.disabled_categories.clone(),
        data_label: args.claim_data.data.as_ref().map_or_else(
            || crate::benchmarks::SHIPPED_BENCHMARKS_LABEL.to_owned(),
            |p| p.display().to_string(),
        ),
        registry: claims.registry,
        benchmarks: claims.benchmarks,
        cues: claims.cues,
    };
    let server = serve::bind(
        Options {
            addr: args.addr,
            token,
            limits,
        },
        data,
    )?;
    let addr = server.local_addr()?;
    let url = format!("http://{addr}/");
    // The first line is the address, for scripts and tests that pass port 0.
    writeln!(out, "hypecheck serve: listening on {url} (Ctrl-C stops)")?;
    out.flush()?;
    if args.open {
        open_browser(&url);
    }
    server.run().context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// Best effort: a missing opener only means the user opens the address by hand.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        // Reap it so it does not linger as a zombie while the server runs.
        std::thread::spawn(move || child.wait());
    }
}
