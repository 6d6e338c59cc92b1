//! robots.txt: fetched once per origin and obeyed, its `Crawl-delay` capped; a robots.txt
//! that answers 4xx allows everything, one that fails disallows the origin for this run.
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::{FetchError, Fetcher, AGENT_TOKEN};
use crate::collect::canon::host_of;

#[derive(Debug)]
pub(super) enum RobotsRule {
    AllowAll,
    DisallowAll(String),
    /// The origin's host does not resolve, or only to non-public addresses: every URL of
    /// the origin fails the same way.
    Unreachable(FetchError),
    Rules(Box<texting_robots::Robot>),
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

impl Fetcher {
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

    pub(super) fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
