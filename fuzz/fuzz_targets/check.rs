//! `check` on any bytes, with claims: no panic; every finding's position lies inside the
//! document; the Hype Index is a number in 0..=100.
#![no_main]
use std::sync::{Arc, Mutex, OnceLock};

use hypecheck::analyze::Analyzer;
use hypecheck::benchmarks::Benchmarks;
use hypecheck::check::{check_with_claims, ClaimOptions};
use hypecheck::claims::{Checker, Cues};
use hypecheck::models::Registry;
use hypecheck::text::markup::Format;
use libfuzzer_sys::fuzz_target;

struct Data {
    lexicons: Arc<hypecheck::lexicon::LexiconSet>,
    registry: Registry,
    benchmarks: Benchmarks,
    cues: Cues,
}

fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let registry = Registry::shipped().expect("shipped models");
        let benchmarks = Benchmarks::shipped(&registry).expect("shipped benchmarks");
        Data {
            lexicons: Arc::new(hypecheck::lexicon::embedded().expect("embedded lexicons")),
            registry,
            benchmarks,
            cues: Cues::shipped().expect("shipped cues"),
        }
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&sel, bytes)) = input.split_first() else {
        return;
    };
    let d = data();
    let format = [Format::Text, Format::Markdown, Format::Html][usize::from(sel % 3)];
    let lang = [None, Some(hypecheck::text::Lang::De), Some(hypecheck::text::Lang::En)]
        [usize::from(sel / 3 % 3)];
    let checker = Checker::new(&d.registry, &d.benchmarks, &d.cues);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    // One analyzer for all runs, as a long scan uses it (building one compiles the lexicons).
    static A: OnceLock<Mutex<Analyzer>> = OnceLock::new();
    let mut analyzer = A
        .get_or_init(|| Mutex::new(Analyzer::new(Arc::clone(&d.lexicons))))
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let Ok(report) = check_with_claims(
        &mut analyzer,
        "fuzz",
        bytes,
        format,
        lang,
        Some(ClaimOptions {
            checker: &checker,
            date: None,
            today,
        }),
    ) else {
        return;
    };
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for f in report.findings.iter().chain(&report.set_aside) {
        assert!(f.line >= 1 && f.line <= f.end_line && f.end_line <= lines);
        assert!(f.column >= 1);
    }
    assert!((0.0..=100.0).contains(&report.hype_index));
    assert!((0.0..=100.0).contains(&report.discourse_index));
});
