//! Canonical URL normalization, the key for URL-level deduplication.
//!
//! Rules: only `http`/`https`; `http` becomes `https` (news sites serve the same article on
//! both); host lowercased, `www.` kept (some outlets differ), an `amp.` subdomain dropped;
//! default ports dropped; fragment dropped; tracking parameters (`utm_*`, `fbclid`, `gclid`,
//! `ref`, ...) and AMP switches (`amp=1`, `outputType=amp`) removed; remaining query
//! parameters sorted; AMP path variants (`/amp/`, trailing `/amp`, `.amp.html`) folded; a
//! trailing slash removed from non-root paths.
use url::Url;

/// Query parameters that only track where a click came from.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "source",
    "cmpid",
    "wt_mc",
    "wt.mc_id",
    "icid",
    "ncid",
    "sr_share",
    "smid",
    "share",
    "via",
    "yclid",
    "_ga",
    "_gl",
    "xtor",
    "at_medium",
    "at_campaign",
    "at_custom1",
    "at_custom2",
    "at_custom3",
    "at_custom4",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "amp",
    "outputtype",
];

/// Query parameter prefixes that only track.
const TRACKING_PREFIXES: &[&str] = &["utm_", "hsa_", "pk_", "mtm_", "at_", "wt_"];

/// Errors of URL normalization.
#[derive(Debug, thiserror::Error)]
pub enum CanonError {
    /// The text is not an absolute URL.
    #[error("{url}: not a valid absolute URL: {source}")]
    Parse {
        /// The offending text.
        url: String,
        /// Parser error.
        source: url::ParseError,
    },
    /// Scheme other than http/https.
    #[error("{url}: only http and https URLs are supported")]
    Scheme {
        /// The offending URL.
        url: String,
    },
}

fn is_tracking(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    TRACKING_PARAMS.contains(&k.as_str()) || TRACKING_PREFIXES.iter().any(|p| k.starts_with(p))
}

/// Parses `raw` and checks that it is an absolute http(s) URL.
pub fn parse_http_url(raw: &str) -> Result<Url, CanonError> {
    let url = Url::parse(raw.trim()).map_err(|source| CanonError::Parse {
        url: raw.to_owned(),
        source,
    })?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        _ => Err(CanonError::Scheme {
            url: raw.to_owned(),
        }),
    }
}

/// Returns the canonical form of an http(s) URL (see the module docs for the rules).
pub fn canonicalize(raw: &str) -> Result<String, CanonError> {
    let mut url = parse_http_url(raw)?;
    url.set_fragment(None);
    if url.scheme() == "http" {
        // Cannot fail: http and https are both special schemes.
        let _ = url.set_scheme("https");
    }
    if url.port() == Some(443) || url.port() == Some(80) {
        let _ = url.set_port(None);
    }
    if let Some(host) = url.host_str().map(str::to_ascii_lowercase) {
        let host = host.trim_end_matches('.').to_owned();
        let host = match host.strip_prefix("amp.") {
            Some(rest) if rest.contains('.') => rest.to_owned(),
            _ => host,
        };
        let _ = url.set_host(Some(&host));
    }
    // Path: AMP variants and trailing slash.
    let mut path = url.path().to_owned();
    if let Some(stripped) = path.strip_suffix(".amp.html") {
        path = format!("{stripped}.html");
    }
    if let Some(stripped) = path.strip_suffix(".amp") {
        path = stripped.to_owned();
    }
    while let Some(pos) = path.find("/amp/") {
        path.replace_range(pos..pos + 4, "");
    }
    if let Some(stripped) = path.strip_suffix("/amp") {
        path = stripped.to_owned();
    }
    if path.starts_with("/amp/") || path == "/amp" {
        path = path[4..].to_owned();
    }
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    if path.is_empty() {
        path.push('/');
    }
    url.set_path(&path);
    // Query: drop tracking, sort the rest.
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Ok(url.to_string())
}

/// The host of a URL in lower case, or an empty string.
pub fn host_of(url: &Url) -> String {
    url.host_str().unwrap_or_default().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(u: &str) -> String {
        canonicalize(u).unwrap()
    }

    #[test]
    fn scheme_host_port_fragment() {
        assert_eq!(
            c("HTTP://WWW.Heise.DE:80/a/b#x"),
            "https://www.heise.de/a/b"
        );
        assert_eq!(c("https://example.com:443/"), "https://example.com/");
        assert_eq!(
            c("https://example.com:8443/x"),
            "https://example.com:8443/x"
        );
        assert_eq!(c("https://example.com"), "https://example.com/");
    }

    #[test]
    fn trailing_slash_and_tracking() {
        assert_eq!(
            c("https://example.com/news/sora-2/?utm_source=x&utm_medium=y&fbclid=1&gclid=2&ref=hn"),
            "https://example.com/news/sora-2"
        );
        assert_eq!(
            c("https://example.com/a?z=1&b=2&utm_campaign=k"),
            "https://example.com/a?b=2&z=1"
        );
    }

    #[test]
    fn amp_variants() {
        let plain = "https://example.com/2026/10/veo-3";
        assert_eq!(c("https://example.com/2026/10/veo-3/amp/"), plain);
        assert_eq!(c("https://example.com/amp/2026/10/veo-3"), plain);
        assert_eq!(c("https://example.com/2026/10/veo-3?amp=1"), plain);
        assert_eq!(c("https://amp.example.com/2026/10/veo-3"), plain);
        assert_eq!(
            c("https://example.com/2026/veo-3.amp.html"),
            "https://example.com/2026/veo-3.html"
        );
    }

    #[test]
    fn rejects_other_schemes() {
        assert!(canonicalize("ftp://example.com/x").is_err());
        assert!(canonicalize("file:///etc/passwd").is_err());
        assert!(canonicalize("not a url").is_err());
    }

    #[test]
    fn idempotent() {
        for u in [
            "https://www.golem.de/news/kling-ai-2610-1.html?utm_source=rss#top",
            "http://Example.com/x/amp/?b=1&a=2",
        ] {
            let once = c(u);
            assert_eq!(c(&once), once);
        }
    }

    proptest::proptest! {
        #[test]
        fn canonicalize_is_idempotent_and_drops_tracking(
            host in "[a-zA-Z]{1,8}\\.(de|com)",
            segs in proptest::collection::vec("[a-z0-9-]{1,6}", 0..4),
            slash in proptest::bool::ANY,
            q in proptest::collection::vec(("[a-z]{1,4}", "[a-z0-9]{0,4}"), 0..4),
        ) {
            let mut u = format!("http://{host}/{}", segs.join("/"));
            if slash { u.push('/'); }
            u.push_str("?utm_source=x");
            for (k, v) in &q { u.push_str(&format!("&{k}={v}")); }
            let once = canonicalize(&u).unwrap();
            proptest::prop_assert_eq!(canonicalize(&once).unwrap(), once.clone());
            proptest::prop_assert!(!once.contains("utm_"));
            proptest::prop_assert!(once.starts_with("https://"));
        }
    }
}
