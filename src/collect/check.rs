//! `sources check`: fetch every feed and sitemap once and report which answer with a
//! parsable document. Nothing is stored.
use serde::Serialize;

use super::feeds;
use super::fetch::Fetcher;
use super::pool::{interleave_by_host, run_pool, url_host};
use super::sources::Source;

/// Reachability of one feed or sitemap (`sources check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlCheck {
    /// Source name.
    pub source: String,
    /// Feed or sitemap URL.
    pub url: String,
    /// HTTP status, if any.
    pub status: Option<u16>,
    /// Problem, if any (fetch error, or a body that does not parse as feed/sitemap).
    pub error: Option<String>,
}

/// Fetches every feed and sitemap of `sources` once and reports which answer with a parsable
/// document. Nothing is stored.
pub fn check_sources(fetcher: &Fetcher, sources: &[Source], concurrency: usize) -> Vec<UrlCheck> {
    let mut jobs = Vec::new();
    for s in sources {
        for u in &s.feeds {
            jobs.push((s.name.clone(), u.clone(), false));
        }
        for u in &s.sitemaps {
            jobs.push((s.name.clone(), u.clone(), true));
        }
    }
    let jobs = interleave_by_host(jobs, |j| url_host(&j.1));
    let mut out = Vec::new();
    let cap = fetcher.config().max_bytes;
    let _ = run_pool(
        jobs,
        concurrency,
        |(source, url, sitemap)| match fetcher.fetch(&url, None) {
            Err(e) => UrlCheck {
                source,
                status: e.status(),
                error: Some(e.to_string()),
                url,
            },
            Ok(f) => {
                let parsed = if sitemap {
                    feeds::parse_sitemap(&f.body, &url, cap).map(|_| ())
                } else {
                    feeds::parse_feed(&f.body, &url).map(|_| ())
                };
                UrlCheck {
                    source,
                    status: Some(f.status),
                    error: parsed.err().map(|e| e.to_string()),
                    url,
                }
            }
        },
        |r| -> Result<(), ()> {
            out.push(r);
            Ok(())
        },
    );
    out.sort_by(|a, b| (&a.source, &a.url).cmp(&(&b.source, &b.url)));
    out
}
