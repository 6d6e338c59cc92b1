//! One fetch: the public entry points ([`Fetcher::fetch`], [`Fetcher::fetch_with_header`]),
//! the redirect loop with its per-hop checks, retries with backoff and `Retry-After`, and one
//! GET with conditional headers, the size cap and the timeout; plus the response header helpers.
use std::collections::HashSet;
use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
    RETRY_AFTER,
};
use url::Url;

use super::address::{LookupFailed, NonPublic};
use super::{FetchError, Fetched, Fetcher};
use crate::collect::canon::host_of;
use crate::store::Validators;

/// An extra request header (an API key) and the one origin it may be sent to.
#[derive(Debug)]
pub(super) struct Auth {
    name: reqwest::header::HeaderName,
    value: reqwest::header::HeaderValue,
    origin: String,
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

    pub(super) fn fetch_inner(
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
