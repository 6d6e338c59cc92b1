//! Polite HTTP fetching.
//!
//! - Only `http`/`https`; by default hosts that resolve to loopback, private, link-local or
//!   otherwise non-public addresses are refused (`allow_private` lifts that, for tests). The
//!   check runs inside the HTTP client's DNS resolver ([`PublicResolver`]), on the very
//!   addresses the connection then uses: a name cannot answer with a public address for the
//!   check and a private one for the connection (DNS rebinding).
//! - `robots.txt` is fetched once per origin and obeyed (agent token `hypecheck`), including
//!   `Crawl-delay` (capped at `max_crawl_delay`). A robots.txt that answers 4xx allows
//!   everything; one that fails (5xx, network) disallows the origin for this run (RFC 9309).
//! - At most one request at a time per host, with a delay between the end of one request and
//!   the start of the next ([`HostGate`]).
//! - Redirects are followed by hand (at most `max_redirects`), each hop checked again for
//!   scheme, private address and robots.
//! - Connect and total timeouts; a response size cap enforced while streaming; gzip/brotli.
//! - 429 and 5xx are retried with exponential backoff, honouring `Retry-After` (capped).
//! - Conditional GET with stored validators (`If-None-Match`, `If-Modified-Since`).
//!
//! This file holds the settings ([`FetchConfig`]), the response ([`Fetched`]) and the
//! [`Fetcher`] itself; `address` owns the non-public address check and the DNS resolver,
//! `robots` robots.txt, `gate` the per-host gate, `request` the redirect, retry and GET loop,
//! and `error` [`FetchError`].
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use url::Url;

use crate::store::Validators;

mod address;
mod error;
mod gate;
mod request;
mod robots;

pub use address::is_non_public;
pub(crate) use address::Lookup;
use address::{system_lookup, PublicResolver};
pub use error::FetchError;
pub use gate::{GateGuard, HostGate};
pub use robots::robots_verdict;
use robots::RobotsRule;

/// Default contact URL in the User-Agent.
pub const DEFAULT_CONTACT: &str = "https://github.com/hypecheck/hypecheck";
/// Robots agent token.
pub const AGENT_TOKEN: &str = "hypecheck";

/// User-Agent string: `hypecheck/<version> (+<contact>)`.
pub fn user_agent(contact: Option<&str>) -> String {
    format!(
        "hypecheck/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        contact.unwrap_or(DEFAULT_CONTACT)
    )
}

/// Fetcher settings.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// User-Agent header.
    pub user_agent: String,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Total timeout of one request, body included.
    pub timeout: Duration,
    /// Response size cap in bytes.
    pub max_bytes: u64,
    /// Redirect hops followed.
    pub max_redirects: usize,
    /// Retries for 429/5xx.
    pub retries: u32,
    /// First backoff wait; doubled each retry.
    pub backoff: Duration,
    /// Cap on any retry wait (Retry-After included).
    pub max_retry_wait: Duration,
    /// Default delay between requests to one host.
    pub delay: Duration,
    /// Cap on robots.txt Crawl-delay.
    pub max_crawl_delay: Duration,
    /// Allow loopback/private addresses.
    pub allow_private: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            user_agent: user_agent(None),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(1),
            max_retry_wait: Duration::from_secs(60),
            delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            allow_private: false,
        }
    }
}

/// A fetched response.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// URL after redirects.
    pub final_url: Url,
    /// Status (200..300, or 304).
    pub status: u16,
    /// `Content-Type` media type, lowercased, without parameters.
    pub media_type: Option<String>,
    /// `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
    /// Body (empty for 304).
    pub body: Vec<u8>,
    /// Validators of the response.
    pub validators: Validators,
}

impl Fetched {
    /// The server answered 304 Not Modified.
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }
}

/// The polite fetcher, shared by all worker threads.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::blocking::Client,
    cfg: FetchConfig,
    gate: HostGate,
    robots: Mutex<HashMap<String, Arc<RobotsRule>>>,
    host_delay: Mutex<HashMap<String, Duration>>,
    /// For the check before a request (the resolver checks again at connect time).
    lookup: LookupFn,
}

/// [`Lookup`] with a `Debug` for [`Fetcher`].
struct LookupFn(Lookup);

impl std::fmt::Debug for LookupFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookup")
    }
}

impl Fetcher {
    /// Builds a fetcher.
    pub fn new(cfg: FetchConfig) -> Result<Self, FetchError> {
        Self::with_lookup(cfg, system_lookup())
    }

    /// Builds a fetcher that resolves host names with `lookup`.
    pub(crate) fn with_lookup(cfg: FetchConfig, lookup: Lookup) -> Result<Self, FetchError> {
        let mut builder = reqwest::blocking::Client::builder();
        if !cfg.allow_private {
            builder = builder.dns_resolver(Arc::new(PublicResolver {
                lookup: Arc::clone(&lookup),
            }));
        }
        let client = builder
            .user_agent(cfg.user_agent.clone())
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| FetchError::Network {
                url: "(client)".to_owned(),
                message: e.to_string(),
            })?;
        Ok(Self {
            client,
            cfg,
            gate: HostGate::default(),
            robots: Mutex::new(HashMap::new()),
            host_delay: Mutex::new(HashMap::new()),
            lookup: LookupFn(lookup),
        })
    }

    /// Settings in use.
    pub fn config(&self) -> &FetchConfig {
        &self.cfg
    }

    /// Sets the delay for one host (e.g. from a source's `delay_secs`); robots Crawl-delay can
    /// only raise it.
    pub fn set_host_delay(&self, host: &str, delay: Duration) {
        let mut m = self.host_delay.lock().unwrap_or_else(|p| p.into_inner());
        m.insert(host.to_ascii_lowercase(), delay);
    }

    fn delay_for(&self, host: &str) -> Duration {
        let m = self.host_delay.lock().unwrap_or_else(|p| p.into_inner());
        m.get(host).copied().unwrap_or(self.cfg.delay)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::net::IpAddr;

    use super::*;

    #[test]
    fn refuses_loopback_by_default() {
        let f = Fetcher::new(FetchConfig::default()).unwrap();
        let e = f.fetch("http://127.0.0.1:9/x", None).unwrap_err();
        assert!(matches!(e, FetchError::Private { .. }), "{e}");
        assert!(e.to_string().contains("http://127.0.0.1:9/x"));
        let e = f.fetch("ftp://example.com/x", None).unwrap_err();
        assert!(matches!(e, FetchError::BadUrl { .. }), "{e}");
    }

    /// A loopback HTTP server answering every request with `body`; counts connections.
    fn serve(body: &'static str) -> (u16, Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&hits);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { return };
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut buf = [0u8; 4096];
                let _ = conn.read(&mut buf);
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        (port, hits)
    }

    #[test]
    fn rebinding_name_is_refused_at_connect_time() {
        let (port, hits) = serve("User-agent: *\nAllow: /\n");
        // The name answers publicly to the check before the request and with loopback when
        // the connection resolves it (on the resolver's own thread): a rebinding attack.
        let lookup: Lookup = Arc::new(|_host: &str| {
            let connecting = std::thread::current().name() == Some("hypecheck-dns");
            Ok(vec![if connecting {
                IpAddr::from([127, 0, 0, 1])
            } else {
                "93.184.216.34".parse().unwrap()
            }])
        });
        let f = Fetcher::with_lookup(FetchConfig::default(), lookup).unwrap();
        let e = f
            .fetch(&format!("http://rebind.test:{port}/a"), None)
            .unwrap_err();
        assert!(
            matches!(e, FetchError::Private { ref addr, .. } if addr == "127.0.0.1"),
            "{e}"
        );
        assert_eq!(
            hits.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "no connection made"
        );
    }

    #[test]
    fn private_names_are_allowed_with_allow_private() {
        let (port, hits) = serve("User-agent: *\nAllow: /\n");
        let cfg = FetchConfig {
            allow_private: true,
            delay: Duration::ZERO,
            ..FetchConfig::default()
        };
        let f = Fetcher::new(cfg).unwrap();
        let got = f
            .fetch(&format!("http://localhost:{port}/a"), None)
            .unwrap();
        assert_eq!(got.status, 200);
        assert!(hits.load(std::sync::atomic::Ordering::SeqCst) >= 1);
    }

    #[test]
    fn failed_lookup_is_a_dns_error() {
        let lookup: Lookup = Arc::new(|_h: &str| Err(std::io::Error::other("no such host")));
        let f = Fetcher::with_lookup(FetchConfig::default(), lookup).unwrap();
        let e = f.fetch("http://nowhere.test/a", None).unwrap_err();
        assert!(matches!(e, FetchError::Resolve { .. }), "{e}");
    }

    #[test]
    fn user_agent_format() {
        assert!(user_agent(Some("https://x.org")).starts_with("hypecheck/"));
        assert!(user_agent(Some("https://x.org")).ends_with("(+https://x.org)"));
    }
}
