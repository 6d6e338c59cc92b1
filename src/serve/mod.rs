//! `hypecheck serve`: the editors' web page and the JSON API behind it.
//!
//! Owns the HTTP side of checking drafts: one self-contained page (HTML, CSS and JS embedded
//! in the binary, no CDN, works offline) and `POST /api/check`, `GET /api/explain/{rule}`,
//! `GET /api/health`, `GET /api/version` (documented in `docs/api.md`). It takes the loaded
//! lexicons and claim data ([`Data`]) and the listening options ([`Options`]); it hands on
//! exactly the JSON document of `check --format json`, rendered by [`crate::output::json`].
//!
//! Why it is built this way:
//! - analysis is CPU work on an `&mut Analyzer`, so it runs on tokio's blocking pool, one
//!   analyzer per job taken from a small pool (building one costs more than a short draft's
//!   analysis), at most [`Limits::concurrency`] jobs at a time, each bounded by
//!   [`Limits::timeout`] (waiting for a slot included);
//! - safe by default: the server refuses a non-loopback address without a bearer token,
//!   limits bodies to [`Limits::max_body`], answers every error as JSON, sends a strict
//!   Content-Security-Policy, and on loopback without a token accepts only loopback `Host`
//!   names (so a web page elsewhere cannot reach it by DNS rebinding);
//! - drafts are neither logged nor stored: a draft lives in memory for one request.
mod api;
mod engine;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use crate::benchmarks::Benchmarks;
use crate::claims::Cues;
use crate::lexicon::LexiconSet;
use crate::models::Registry;

pub use engine::CheckRequest;

/// How long requests in flight may take to finish after Ctrl-C or SIGTERM.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// The default address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8790";

/// What drafts are checked with.
#[derive(Debug)]
pub struct Data {
    /// The lexicons.
    pub lexicons: Arc<LexiconSet>,
    /// Categories that are not reported (from the configuration).
    pub disabled_categories: Vec<String>,
    /// The model registry.
    pub registry: Registry,
    /// Measured outcomes.
    pub benchmarks: Benchmarks,
    /// Claim cue words.
    pub cues: Cues,
    /// Where the measured outcomes came from (a path, or the shipped file's label).
    pub data_label: String,
}

/// Resource bounds of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body in bytes (larger: 413).
    pub max_body: usize,
    /// Longest time one check may take, waiting for a slot included (longer: 503).
    pub timeout: Duration,
    /// Checks running at the same time; more wait for a slot.
    pub concurrency: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 2 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            concurrency: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(1, 16),
        }
    }
}

/// Where and how to listen.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to bind (port 0: any free port, see [`Server::local_addr`]).
    pub addr: SocketAddr,
    /// Bearer token that guards the API; required for a non-loopback address.
    pub token: Option<String>,
    /// Resource bounds.
    pub limits: Limits,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A non-loopback address without a token.
    #[error(
        "refusing to listen on {0} without a token: anyone who can reach it could use the API; \
         pass --token TOKEN (or set HYPECHECK_TOKEN), or listen on 127.0.0.1"
    )]
    NeedsToken(SocketAddr),
    /// An empty or unusable token.
    #[error("the token must be 16 to 256 visible ASCII characters (no spaces)")]
    BadToken,
    /// Bad limits.
    #[error("{0}")]
    BadLimits(&'static str),
    /// Binding failed.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The runtime or the listener failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// A bound, not yet running server.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    state: Arc<engine::State>,
}

/// Binds the listening socket (so the caller learns the actual port before serving), after
/// checking that a non-loopback address comes with a token.
pub fn bind(options: Options, data: Data) -> Result<Server, ServeError> {
    if let Some(t) = &options.token {
        if !(16..=256).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ServeError::BadToken);
        }
    } else if !options.addr.ip().is_loopback() {
        return Err(ServeError::NeedsToken(options.addr));
    }
    let l = options.limits;
    if l.concurrency == 0 || l.max_body == 0 || l.timeout.is_zero() {
        return Err(ServeError::BadLimits(
            "concurrency, body limit and timeout must be above zero",
        ));
    }
    let listener = TcpListener::bind(options.addr).map_err(|source| ServeError::Bind {
        addr: options.addr,
        source,
    })?;
    listener.set_nonblocking(true)?;
    let loopback_only = options.addr.ip().is_loopback() && options.token.is_none();
    Ok(Server {
        listener,
        state: Arc::new(engine::State::new(data, options.token, l, loopback_only)),
    })
}

impl Server {
    /// The address actually bound (the free port chosen for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until Ctrl-C (SIGINT) or SIGTERM, on a runtime of its own.
    pub fn run(self) -> Result<(), ServeError> {
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(1, 8);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .max_blocking_threads(self.state.limits.concurrency + 4)
            .enable_io()
            .enable_time()
            .build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let app = api::router(self.state);
            let (stopping, mut stopped) = tokio::sync::watch::channel(false);
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                shutdown().await;
                let _ = stopping.send(true);
            });
            // Requests in flight get a few seconds to finish; a client that keeps its
            // connection busy does not keep the server alive after Ctrl-C.
            let deadline = async move {
                let _ = stopped.wait_for(|s| *s).await;
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            };
            tokio::select! {
                r = serve => r,
                () = deadline => Ok(()),
            }
        })?;
        // Checks still running on the blocking pool are not waited for.
        runtime.shutdown_background();
        Ok(())
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
