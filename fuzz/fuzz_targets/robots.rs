//! robots.txt handling on any bytes: no panic; a Crawl-delay is always capped.
#![no_main]
use std::time::Duration;

use hypecheck::collect::fetch::robots_verdict;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let max = Duration::from_secs(30);
    if let Ok((_, delay)) = robots_verdict(data, "/news/article.html", max) {
        assert!(delay.is_none_or(|d| d <= max));
    }
});
