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
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
    RETRY_AFTER,
};
use url::Url;

use super::canon::host_of;
use crate::store::Validators;

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

/// Fetch errors; each names the URL.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    /// Not an http(s) URL.
    #[error("{url}: unsupported or invalid URL")]
    BadUrl {
        /// URL.
        url: String,
    },
    /// Host resolves to a non-public address.
    #[error("{url}: refused: host resolves to non-public address {addr} (use --allow-private to permit)")]
    Private {
        /// URL.
        url: String,
        /// Address.
        addr: String,
    },
    /// DNS failed.
    #[error("{url}: cannot resolve host: {message}")]
    Resolve {
        /// URL.
        url: String,
        /// Resolver message.
        message: String,
    },
    /// robots.txt disallows the URL.
    #[error("{url}: disallowed by robots.txt")]
    Robots {
        /// URL.
        url: String,
    },
    /// robots.txt could not be fetched (5xx/network): origin treated as disallowed.
    #[error("{url}: robots.txt unavailable ({message}), origin skipped")]
    RobotsUnavailable {
        /// URL.
        url: String,
        /// What failed.
        message: String,
    },
    /// Non-success HTTP status (after retries).
    #[error("{url}: HTTP {status}")]
    Status {
        /// URL.
        url: String,
        /// Status code.
        status: u16,
    },
    /// Body larger than the cap.
    #[error("{url}: response larger than {cap} bytes, cut off")]
    TooLarge {
        /// URL.
        url: String,
        /// Cap.
        cap: u64,
    },
    /// Timed out.
    #[error("{url}: timed out")]
    Timeout {
        /// URL.
        url: String,
    },
    /// Too many redirects or a loop.
    #[error("{url}: {message}")]
    Redirect {
        /// URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// Other network error.
    #[error("{url}: {message}")]
    Network {
        /// URL.
        url: String,
        /// Message.
        message: String,
    },
}

impl FetchError {
    /// Short machine-friendly kind, used in summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::BadUrl { .. } => "bad url",
            FetchError::Private { .. } => "private address",
            FetchError::Resolve { .. } => "dns",
            FetchError::Robots { .. } => "robots.txt",
            FetchError::RobotsUnavailable { .. } => "robots.txt unavailable",
            FetchError::Status { .. } => "http status",
            FetchError::TooLarge { .. } => "too large",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Redirect { .. } => "redirect",
            FetchError::Network { .. } => "network",
        }
    }

    /// HTTP status, if the error is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
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

/// An extra request header (an API key) and the one origin it may be sent to.
#[derive(Debug)]
struct Auth {
    name: reqwest::header::HeaderName,
    value: reqwest::header::HeaderValue,
    origin: String,
}

#[derive(Debug)]
struct HostSlot {
    busy: bool,
    next: Instant,
}

/// At most one request per host at a time, with a pause between requests.
#[derive(Debug, Default)]
pub struct HostGate {
    slots: Mutex<HashMap<String, HostSlot>>,
    cv: Condvar,
}

/// Held while a request to a host runs; releasing it starts the host's delay.
#[derive(Debug)]
pub struct GateGuard<'a> {
    gate: &'a HostGate,
    host: String,
    delay: Duration,
}

impl HostGate {
    /// Waits until `host` is free and its delay has passed, then takes it.
    pub fn acquire(&self, host: &str, delay: Duration) -> GateGuard<'_> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            let slot = slots.entry(host.to_owned()).or_insert(HostSlot {
                busy: false,
                next: now,
            });
            if !slot.busy && slot.next <= now {
                slot.busy = true;
                break;
            }
            let wait = if slot.busy {
                Duration::from_millis(200)
            } else {
                slot.next - now
            };
            slots = match self.cv.wait_timeout(slots, wait) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        GateGuard {
            gate: self,
            host: host.to_owned(),
            delay,
        }
    }
}

impl GateGuard<'_> {
    /// Makes the host wait at least `d` after this request (e.g. for Retry-After).
    pub fn extend_delay(&mut self, d: Duration) {
        self.delay = self.delay.max(d);
    }
}

impl Drop for GateGuard<'_> {
    fn drop(&mut self) {
        let mut slots = self.gate.slots.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(slot) = slots.get_mut(&self.host) {
            slot.busy = false;
            slot.next = Instant::now() + self.delay;
        }
        self.gate.cv.notify_all();
    }
}

#[derive(Debug)]
enum RobotsRule {
    AllowAll,
    DisallowAll(String),
    /// The origin's host does not resolve, or only to non-public addresses: every URL of
    /// the origin fails the same way.
    Unreachable(FetchError),
    Rules(Box<texting_robots::Robot>),
}

/// Whether an address is loopback, private, link-local or otherwise not public.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_non_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

/// A host name lookup: name → addresses. The system resolver in production; tests pass their
/// own.
pub(crate) type Lookup = Arc<dyn Fn(&str) -> std::io::Result<Vec<IpAddr>> + Send + Sync>;

fn system_lookup() -> Lookup {
    Arc::new(|host: &str| {
        (host, 0)
            .to_socket_addrs()
            .map(|a| a.map(|sa| sa.ip()).collect())
    })
}

/// A resolver answer with no public address; found again in the error's source chain to
/// report [`FetchError::Private`].
#[derive(Debug, thiserror::Error)]
#[error("host {host} resolves to non-public address {addr}")]
struct NonPublic {
    host: String,
    addr: IpAddr,
}

/// A failed lookup, found again in the error's source chain to report
/// [`FetchError::Resolve`].
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct LookupFailed(std::io::Error);

/// The public addresses among `addrs`; an error naming the first non-public one when none is
/// public. Mixed answers keep only their public addresses, so the connection never reaches
/// a private one.
fn public_only(host: &str, addrs: Vec<IpAddr>) -> Result<Vec<IpAddr>, NonPublic> {
    let first_private = addrs.iter().copied().find(|ip| is_non_public(*ip));
    let public: Vec<IpAddr> = addrs.into_iter().filter(|ip| !is_non_public(*ip)).collect();
    match (public.is_empty(), first_private) {
        (true, Some(addr)) => Err(NonPublic {
            host: host.to_owned(),
            addr,
        }),
        _ => Ok(public),
    }
}

/// The HTTP client's DNS resolver: looks names up (on a thread of its own, as the lookup
/// blocks) and hands the connector only public addresses.
struct PublicResolver {
    lookup: Lookup,
}

/// The result slot of a lookup running on its own thread.
type Slot = Arc<Mutex<(Option<Result<reqwest::dns::Addrs, BoxError>>, Option<Waker>)>>;
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A future completed by the lookup thread.
struct Pending(Slot);

impl Future for Pending {
    type Output = Result<reqwest::dns::Addrs, BoxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match slot.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        let lookup = Arc::clone(&self.lookup);
        let slot: Slot = Arc::new(Mutex::new((None, None)));
        let for_thread = Arc::clone(&slot);
        let spawned = std::thread::Builder::new()
            .name("hypecheck-dns".to_owned())
            .spawn(move || {
                let result = lookup(&host)
                    .map_err(|e| Box::new(LookupFailed(e)) as BoxError)
                    .and_then(|addrs| {
                        public_only(&host, addrs).map_err(|e| Box::new(e) as BoxError)
                    })
                    .map(|addrs| {
                        // The connector sets the port from the URL.
                        Box::new(addrs.into_iter().map(|ip| SocketAddr::new(ip, 0)))
                            as reqwest::dns::Addrs
                    });
                let mut slot = for_thread.lock().unwrap_or_else(|p| p.into_inner());
                slot.0 = Some(result);
                if let Some(w) = slot.1.take() {
                    w.wake();
                }
            });
        if let Err(e) = spawned {
            let mut s = slot.lock().unwrap_or_else(|p| p.into_inner());
            s.0 = Some(Err(Box::new(e)));
        }
        Box::pin(Pending(slot))
    }
}

/// The wait a robots.txt `Crawl-delay` of `secs` seconds asks for, capped at `max`
/// (`--max-crawl-delay`, default 30 s). Values too large for a [`Duration`] (`1e30`) or for
/// the parser's f32 (`1e39`, read as infinity) get the cap too, never a panic; zero, negative
/// and NaN ask for no delay.
pub(crate) fn crawl_delay(secs: f32, max: Duration) -> Option<Duration> {
    if secs.is_nan() || secs <= 0.0 {
        return None;
    }
    if f64::from(secs) >= max.as_secs_f64() {
        return Some(max);
    }
    Some(Duration::try_from_secs_f32(secs).map_or(max, |d| d.min(max)))
}

/// What a robots.txt body says for hypecheck: `Err` when it does not parse (the fetcher then
/// allows everything), else whether `path` may be fetched and the capped `Crawl-delay`.
/// The fetcher applies the same parser and cap; this entry point lets tests and fuzzers feed
/// it any bytes.
pub fn robots_verdict(
    body: &[u8],
    path: &str,
    max_delay: Duration,
) -> Result<(bool, Option<Duration>), String> {
    let r = texting_robots::Robot::new(AGENT_TOKEN, body).map_err(|e| e.to_string())?;
    Ok((
        r.allowed(path),
        r.delay.and_then(|d| crawl_delay(d, max_delay)),
    ))
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

fn map_reqwest(url: &Url, e: &reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Timeout {
            url: url.to_string(),
        };
    }
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(np) = s.downcast_ref::<NonPublic>() {
            return FetchError::Private {
                url: url.to_string(),
                addr: np.addr.to_string(),
            };
        }
        if let Some(LookupFailed(io)) = s.downcast_ref::<LookupFailed>() {
            return FetchError::Resolve {
                url: url.to_string(),
                message: io.to_string(),
            };
        }
        src = s.source();
    }
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    FetchError::Network {
        url: url.to_string(),
        message: msg,
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().to_owned();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(&v).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

fn parse_content_type(headers: &HeaderMap) -> (Option<String>, Option<String>) {
    let Some(v) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return (None, None);
    };
    let mut parts = v.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, val) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| val.trim().trim_matches('"').to_ascii_lowercase())
    });
    (media, charset)
}

fn header_string(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
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

    fn check_address(&self, url: &Url) -> Result<(), FetchError> {
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(FetchError::BadUrl {
                url: url.to_string(),
            });
        }
        let Some(host) = url.host_str() else {
            return Err(FetchError::BadUrl {
                url: url.to_string(),
            });
        };
        if self.cfg.allow_private {
            return Ok(());
        }
        // Literal addresses never reach the resolver, so they are checked here. Names are
        // checked here too — behind an HTTP proxy the proxy resolves them, and this is the
        // only check — and again in the resolver, on the addresses actually connected to.
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let addrs = match host.parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            Err(_) => (self.lookup.0)(host).map_err(|e| FetchError::Resolve {
                url: url.to_string(),
                message: e.to_string(),
            })?,
        };
        match addrs.into_iter().find(|ip| is_non_public(*ip)) {
            Some(ip) => Err(FetchError::Private {
                url: url.to_string(),
                addr: ip.to_string(),
            }),
            None => Ok(()),
        }
    }

    fn robots_for(&self, url: &Url) -> Arc<RobotsRule> {
        let origin = url.origin().ascii_serialization();
        {
            let m = self.robots.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(r) = m.get(&origin) {
                return Arc::clone(r);
            }
        }
        let robots_url = format!("{origin}/robots.txt");
        let rule = match Url::parse(&robots_url) {
            Err(e) => RobotsRule::DisallowAll(e.to_string()),
            Ok(ru) => match self.fetch_inner(&ru, None, false, None) {
                Ok(f) => match texting_robots::Robot::new(AGENT_TOKEN, &f.body) {
                    Ok(r) => RobotsRule::Rules(Box::new(r)),
                    Err(_) => RobotsRule::AllowAll,
                },
                Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                    RobotsRule::AllowAll
                }
                Err(e @ (FetchError::Private { .. } | FetchError::Resolve { .. })) => {
                    RobotsRule::Unreachable(e)
                }
                Err(e) => RobotsRule::DisallowAll(e.to_string()),
            },
        };
        if let RobotsRule::Rules(r) = &rule {
            if let Some(crawl) = r
                .delay
                .and_then(|d| crawl_delay(d, self.cfg.max_crawl_delay))
            {
                let host = host_of(url);
                let cur = self.delay_for(&host);
                self.set_host_delay(&host, cur.max(crawl));
            }
        }
        let rule = Arc::new(rule);
        let mut m = self.robots.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(m.entry(origin).or_insert(rule))
    }

    fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        match &*self.robots_for(url) {
            RobotsRule::AllowAll => Ok(()),
            RobotsRule::DisallowAll(msg) => Err(FetchError::RobotsUnavailable {
                url: url.to_string(),
                message: msg.clone(),
            }),
            RobotsRule::Unreachable(e) => Err(match e.clone() {
                FetchError::Private { addr, .. } => FetchError::Private {
                    url: url.to_string(),
                    addr,
                },
                FetchError::Resolve { message, .. } => FetchError::Resolve {
                    url: url.to_string(),
                    message,
                },
                other => other,
            }),
            RobotsRule::Rules(r) => {
                if r.allowed(url.as_str()) {
                    Ok(())
                } else {
                    Err(FetchError::Robots {
                        url: url.to_string(),
                    })
                }
            }
        }
    }

    /// GETs a URL politely (robots, per-host gate, redirects, retries, cap). With
    /// `validators`, sends a conditional request; a 304 comes back as `Ok` with status 304.
    pub fn fetch(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::BadUrl {
            url: url.to_owned(),
        })?;
        self.fetch_inner(&parsed, validators, true, None)
    }

    /// [`Fetcher::fetch`] with one extra request header (an API key), sent only to the
    /// origin of `url`: a redirect to another host does not receive it.
    pub fn fetch_with_header(
        &self,
        url: &str,
        name: &str,
        value: &str,
    ) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::BadUrl {
            url: url.to_owned(),
        })?;
        let bad = |what: &str| FetchError::Network {
            url: url.to_owned(),
            message: format!("invalid {what} for the extra header `{name}`"),
        };
        let mut value = reqwest::header::HeaderValue::from_str(value).map_err(|_| bad("value"))?;
        value.set_sensitive(true);
        let auth = Auth {
            name: reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| bad("name"))?,
            value,
            origin: parsed.origin().ascii_serialization(),
        };
        self.fetch_inner(&parsed, None, true, Some(&auth))
    }

    fn fetch_inner(
        &self,
        start: &Url,
        validators: Option<&Validators>,
        robots: bool,
        auth: Option<&Auth>,
    ) -> Result<Fetched, FetchError> {
        let mut current = start.clone();
        let mut seen = HashSet::new();
        for _hop in 0..=self.cfg.max_redirects {
            self.check_address(&current)?;
            if robots {
                self.check_robots(&current)?;
            }
            if !seen.insert(current.to_string()) {
                return Err(FetchError::Redirect {
                    url: start.to_string(),
                    message: format!("redirect loop at {current}"),
                });
            }
            let (status, headers, body) = self.get_with_retries(&current, validators, auth)?;
            if (300..400).contains(&status) && status != 304 {
                let Some(loc) = header_string(&headers, LOCATION) else {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status,
                    });
                };
                current = current.join(&loc).map_err(|_| FetchError::Redirect {
                    url: current.to_string(),
                    message: format!("bad redirect location {loc:?}"),
                })?;
                continue;
            }
            if !(200..300).contains(&status) && status != 304 {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status,
                });
            }
            let (media_type, charset) = parse_content_type(&headers);
            return Ok(Fetched {
                final_url: current,
                status,
                media_type,
                charset,
                body,
                validators: Validators {
                    etag: header_string(&headers, ETAG),
                    last_modified: header_string(&headers, LAST_MODIFIED),
                },
            });
        }
        Err(FetchError::Redirect {
            url: start.to_string(),
            message: format!("more than {} redirects", self.cfg.max_redirects),
        })
    }

    fn get_with_retries(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        auth: Option<&Auth>,
    ) -> Result<(u16, HeaderMap, Vec<u8>), FetchError> {
        let host = host_of(url);
        let mut attempt = 0u32;
        loop {
            let delay = self.delay_for(&host);
            let mut guard = self.gate.acquire(&host, delay);
            let (status, headers, body) = self.get_once(url, validators, auth)?;
            let retryable = status == 429 || (500..600).contains(&status);
            if retryable && attempt < self.cfg.retries {
                let backoff = self.cfg.backoff * 2u32.saturating_pow(attempt);
                let wait = retry_after(&headers)
                    .unwrap_or(backoff)
                    .min(self.cfg.max_retry_wait);
                guard.extend_delay(wait);
                drop(guard);
                attempt += 1;
                continue;
            }
            return Ok((status, headers, body));
        }
    }

    fn get_once(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        auth: Option<&Auth>,
    ) -> Result<(u16, HeaderMap, Vec<u8>), FetchError> {
        let started = Instant::now();
        let mut req = self.client.get(url.clone());
        if let Some(a) = auth.filter(|a| a.origin == url.origin().ascii_serialization()) {
            req = req.header(a.name.clone(), a.value.clone());
        }
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header(IF_NONE_MATCH, e);
            }
            if let Some(l) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, l);
            }
        }
        let mut resp = req.send().map_err(|e| map_reqwest(url, &e))?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let cap = self.cfg.max_bytes;
        if (300..400).contains(&status) {
            return Ok((status, headers, Vec::new()));
        }
        if resp.content_length().is_some_and(|l| l > cap) {
            return Err(FetchError::TooLarge {
                url: url.to_string(),
                cap,
            });
        }
        let mut body = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
                        || started.elapsed() >= self.cfg.timeout
                        || e.to_string().contains("timed out");
                    return Err(if timed_out {
                        FetchError::Timeout {
                            url: url.to_string(),
                        }
                    } else {
                        FetchError::Network {
                            url: url.to_string(),
                            message: format!("reading body: {e}"),
                        }
                    });
                }
            };
            if body.len() as u64 + n as u64 > cap {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    cap,
                });
            }
            body.extend_from_slice(&buf[..n]);
            if started.elapsed() > self.cfg.timeout {
                return Err(FetchError::Timeout {
                    url: url.to_string(),
                });
            }
        }
        Ok((status, headers, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.5",
            "169.254.1.1",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_non_public(a.parse().unwrap()), "{a}");
        }
        for a in ["93.184.216.34", "2a00:1450:4001:80b::200e"] {
            assert!(!is_non_public(a.parse().unwrap()), "{a}");
        }
    }

    #[test]
    fn refuses_loopback_by_default() {
        let f = Fetcher::new(FetchConfig::default()).unwrap();
        let e = f.fetch("http://127.0.0.1:9/x", None).unwrap_err();
        assert!(matches!(e, FetchError::Private { .. }), "{e}");
        assert!(e.to_string().contains("http://127.0.0.1:9/x"));
        let e = f.fetch("ftp://example.com/x", None).unwrap_err();
        assert!(matches!(e, FetchError::BadUrl { .. }), "{e}");
    }

    #[test]
    fn host_gate_serializes_and_spaces_requests() {
        let gate = HostGate::default();
        let log = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| {
                    let _g = gate.acquire("a.de", Duration::from_millis(50));
                    let start = Instant::now();
                    std::thread::sleep(Duration::from_millis(10));
                    log.lock().unwrap().push((start, Instant::now()));
                });
            }
        });
        let mut v = log.into_inner().unwrap();
        v.sort();
        for w in v.windows(2) {
            // Next start is at least the delay after the previous end.
            assert!(w[1].0.duration_since(w[0].1) >= Duration::from_millis(45));
        }
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
    fn mixed_answers_keep_only_public_addresses() {
        let public: IpAddr = "93.184.216.34".parse().unwrap();
        let private = IpAddr::from([10, 0, 0, 1]);
        assert_eq!(
            public_only("h", vec![private, public]).unwrap(),
            vec![public]
        );
        let e = public_only("h", vec![private]).unwrap_err();
        assert_eq!(e.addr, private);
        assert!(public_only("h", Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn huge_crawl_delays_are_capped_not_a_panic() {
        let max = Duration::from_secs(30);
        for huge in ["1e30", "1e39", "inf", "3.4e38", "99999999999"] {
            let robots = format!("User-agent: *\nCrawl-delay: {huge}\nDisallow: /x\n");
            let r = texting_robots::Robot::new(AGENT_TOKEN, robots.as_bytes()).unwrap();
            let d = r.delay.expect("parsed");
            assert_eq!(crawl_delay(d, max), Some(max), "{huge}");
        }
        assert_eq!(crawl_delay(2.5, max), Some(Duration::from_millis(2500)));
        assert_eq!(crawl_delay(0.0, max), None);
        assert_eq!(crawl_delay(f32::NAN, max), None);
        assert_eq!(crawl_delay(-1.0, max), None);
        assert_eq!(crawl_delay(f32::MAX, Duration::MAX), Some(Duration::MAX));
    }

    #[test]
    fn user_agent_format() {
        assert!(user_agent(Some("https://x.org")).starts_with("hypecheck/"));
        assert!(user_agent(Some("https://x.org")).ends_with("(+https://x.org)"));
    }
}
