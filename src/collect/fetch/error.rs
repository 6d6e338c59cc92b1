//! [`FetchError`]: every way a fetch can fail, each naming the URL, with a short kind for
//! summaries.

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
