//! HTML extraction on any bytes: no panic, and the title and text are valid, bounded strings.
#![no_main]
use hypecheck::collect::extract::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let e = extract(data, None, Some("https://example.org/news/article.html"));
    // The extractor never invents text: output is not larger than a small multiple of the input
    // (entities like `&lt;` shrink; nothing grows without bound).
    assert!(e.text.len() <= data.len().saturating_mul(4) + 64);
});
