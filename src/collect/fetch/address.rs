//! Which addresses may be fetched: the non-public address test, the host name lookup, the
//! HTTP client's DNS resolver that hands the connector only public addresses
//! ([`PublicResolver`]), and the fetcher's check of a URL's scheme and host before a request.
use std::future::Future;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use url::Url;

use super::{FetchError, Fetcher};

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

pub(super) fn system_lookup() -> Lookup {
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
pub(super) struct NonPublic {
    host: String,
    pub(super) addr: IpAddr,
}

/// A failed lookup, found again in the error's source chain to report
/// [`FetchError::Resolve`].
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct LookupFailed(pub(super) std::io::Error);

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
pub(super) struct PublicResolver {
    pub(super) lookup: Lookup,
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

impl Fetcher {
    pub(super) fn check_address(&self, url: &Url) -> Result<(), FetchError> {
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
}
