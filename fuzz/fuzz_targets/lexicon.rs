//! Lexicon parsing (hype terms with patterns, slots, senses) on any text: no panic; a lexicon
//! that loads can analyze text.
#![no_main]
use std::sync::Arc;

use hypecheck::analyze::{Analyzer, Options};
use hypecheck::lexicon::from_texts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // One input feeds three files, split at form feeds: hype.tsv, slots.tsv, senses.tsv.
    let mut parts = s.splitn(3, '\u{c}');
    let hype = parts.next().unwrap_or("");
    let slots = parts.next().unwrap_or("");
    let senses = parts.next().unwrap_or("");
    let files = [
        ("de", "hype.tsv", hype),
        ("en", "hype.tsv", hype),
        ("de", "slots.tsv", slots),
        ("en", "slots.tsv", slots),
        ("de", "senses.tsv", senses),
        ("en", "senses.tsv", senses),
    ];
    if let Ok(set) = from_texts("fuzz", &files) {
        let mut a = Analyzer::new(Arc::new(set));
        let r = a.analyze(hype, &Options::default());
        for h in &r.hits {
            assert!(h.start <= h.end && h.end <= hype.len());
        }
    }
});
