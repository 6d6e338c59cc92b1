//! Discovery of one feed or sitemap: a conditional GET with the stored validators, the feed
//! or sitemap parsed, and the recent child sitemaps of an index followed.
use super::{log_err, log_ok, ScanOptions, UrlError};
use crate::collect::feeds::{self, Discovered, Sitemap};
use crate::collect::fetch::Fetcher;
use crate::store::FetchLogEntry;

pub(super) enum DiscoveryResult {
    Items {
        source: String,
        log: FetchLogEntry,
        items: Vec<Discovered>,
        sitemap: bool,
        errors: Vec<UrlError>,
    },
    NotModified {
        log: FetchLogEntry,
    },
    Failed {
        log: FetchLogEntry,
        error: String,
    },
}

pub(super) struct DiscoveryJob {
    pub(super) source: String,
    pub(super) url: String,
    pub(super) sitemap: bool,
    pub(super) validators: crate::store::Validators,
}

pub(super) fn discover(
    fetcher: &Fetcher,
    job: &DiscoveryJob,
    opts: &ScanOptions,
) -> DiscoveryResult {
    let validators = (!opts.dry_run && !job.sitemap).then_some(&job.validators);
    let fetched = match fetcher.fetch(&job.url, validators) {
        Ok(f) => f,
        Err(e) => {
            return DiscoveryResult::Failed {
                log: log_err(&job.url, &e),
                error: e.to_string(),
            }
        }
    };
    let mut log = log_ok(&job.url, &fetched);
    if fetched.not_modified() {
        if log.validators.etag.is_none() && log.validators.last_modified.is_none() {
            log.validators = job.validators.clone();
        }
        return DiscoveryResult::NotModified { log };
    }
    let cap = fetcher.config().max_bytes;
    if !job.sitemap {
        return match feeds::parse_feed(&fetched.body, fetched.final_url.as_str()) {
            Ok(items) => DiscoveryResult::Items {
                source: job.source.clone(),
                log,
                items,
                sitemap: false,
                errors: Vec::new(),
            },
            Err(e) => {
                log.error = Some(e.to_string());
                log.validators = Default::default();
                DiscoveryResult::Failed {
                    log,
                    error: e.to_string(),
                }
            }
        };
    }
    match feeds::parse_sitemap(&fetched.body, fetched.final_url.as_str(), cap) {
        Ok(Sitemap::Urls(items)) => DiscoveryResult::Items {
            source: job.source.clone(),
            log,
            items,
            sitemap: true,
            errors: Vec::new(),
        },
        Ok(Sitemap::Index(children)) => {
            let mut items = Vec::new();
            let mut errors = Vec::new();
            let recent = children
                .into_iter()
                .filter(|(_, d)| d.is_none_or(|d| d >= opts.since))
                .take(opts.max_child_sitemaps);
            for (child, _) in recent {
                match fetcher.fetch(&child, None) {
                    Ok(f) => match feeds::parse_sitemap(&f.body, f.final_url.as_str(), cap) {
                        Ok(Sitemap::Urls(v)) => items.extend(v),
                        Ok(Sitemap::Index(_)) => errors.push(UrlError {
                            url: child.clone(),
                            error: format!("{child}: nested sitemap index not followed"),
                        }),
                        Err(e) => errors.push(UrlError {
                            url: child.clone(),
                            error: e.to_string(),
                        }),
                    },
                    Err(e) => errors.push(UrlError {
                        url: child.clone(),
                        error: e.to_string(),
                    }),
                }
            }
            DiscoveryResult::Items {
                source: job.source.clone(),
                log,
                items,
                sitemap: true,
                errors,
            }
        }
        Err(e) => {
            log.error = Some(e.to_string());
            DiscoveryResult::Failed {
                log,
                error: e.to_string(),
            }
        }
    }
}
