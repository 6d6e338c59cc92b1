//! RSS/Atom and sitemap parsing on any bytes: no panic, discovered URLs are absolute.
#![no_main]
use hypecheck::collect::feeds::{parse_feed, parse_sitemap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(items) = parse_feed(data, "https://example.org/feed.xml") {
        for d in items {
            assert!(d.url.starts_with("http"), "{}", d.url);
        }
    }
    let _ = parse_sitemap(data, "https://example.org/sitemap.xml", 1000);
});
