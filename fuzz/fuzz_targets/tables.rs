//! The data tables (benchmarks CSV with dimensions, claim cues TSV) on any text: no panic;
//! errors name the file.
#![no_main]
use std::sync::OnceLock;

use hypecheck::benchmarks::{Benchmarks, LoadOptions};
use hypecheck::claims::Cues;
use hypecheck::models::Registry;
use libfuzzer_sys::fuzz_target;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::shipped().expect("shipped models"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = s.split_once('\u{c}').unwrap_or((s, ""));
    if let Err(e) = Benchmarks::parse(a, "b.csv", b, "d.tsv", registry(), LoadOptions::default())
    {
        let m = e.to_string();
        assert!(m.contains("b.csv") || m.contains("d.tsv"), "{m}");
    }
    if let Err(e) = Cues::parse(s, "cues.tsv") {
        assert!(e.to_string().contains("cues.tsv"), "{e}");
    }
});
