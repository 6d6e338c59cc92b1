//! Inputs the fuzz targets (`fuzz/`) found, replayed through the same entry points with the
//! same invariants, so a fixed crash stays fixed on a machine without nightly Rust.
//!
//! `tests/fixtures/fuzz/<target>/<name>` holds one input each; the first byte of a `check`
//! input selects format and language exactly as in `fuzz/fuzz_targets/check.rs`.
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hypecheck::analyze::Analyzer;
use hypecheck::check::{check_with_claims, ClaimOptions};
use hypecheck::text::markup::{prepare, Format};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_file() {
                out.push((
                    p.display().to_string(),
                    std::fs::read(&p).expect("readable fixture"),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn markup_inputs_map_back_onto_the_source() {
    for (name, data) in inputs("markup") {
        let Ok(source) = std::str::from_utf8(&data) else {
            continue;
        };
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let p = prepare(source, format);
            let mut last = 0;
            for (i, _) in p.text.char_indices() {
                let o = p.map.to_orig(i);
                assert!(o <= source.len() && source.is_char_boundary(o), "{name}");
                assert!(o >= last, "{name}: offsets go backwards");
                last = o;
            }
        }
    }
}

#[test]
fn check_inputs_give_positions_inside_the_document() {
    let registry = hypecheck::models::Registry::shipped().expect("models");
    let benchmarks = hypecheck::benchmarks::Benchmarks::shipped(&registry).expect("benchmarks");
    let cues = hypecheck::claims::Cues::shipped().expect("cues");
    let checker = hypecheck::claims::Checker::new(&registry, &benchmarks, &cues);
    let lexicons = Arc::new(hypecheck::lexicon::embedded().expect("lexicons"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
    for (name, input) in inputs("check") {
        let Some((&sel, bytes)) = input.split_first() else {
            continue;
        };
        let format = [Format::Text, Format::Markdown, Format::Html][usize::from(sel % 3)];
        let lang = [
            None,
            Some(hypecheck::text::Lang::De),
            Some(hypecheck::text::Lang::En),
        ][usize::from(sel / 3 % 3)];
        let mut analyzer = Analyzer::new(Arc::clone(&lexicons));
        let Ok(r) = check_with_claims(
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
            continue;
        };
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        for f in r.findings.iter().chain(&r.set_aside) {
            assert!(
                f.line >= 1 && f.line <= f.end_line && f.end_line <= lines,
                "{name}"
            );
        }
        assert!((0.0..=100.0).contains(&r.hype_index), "{name}");
    }
}

#[test]
fn extract_feed_and_robots_inputs_do_not_panic() {
    for (_, data) in inputs("extract") {
        let e = hypecheck::collect::extract::extract(&data, None, Some("https://example.org/a"));
        assert!(e.text.len() <= data.len() * 4 + 64);
    }
    for (name, data) in inputs("feeds") {
        if let Ok(items) =
            hypecheck::collect::feeds::parse_feed(&data, "https://example.org/feed.xml")
        {
            for d in items {
                assert!(d.url.starts_with("http"), "{name}: {}", d.url);
            }
        }
        let _ = hypecheck::collect::feeds::parse_sitemap(&data, "https://example.org/s.xml", 1000);
    }
    let max = Duration::from_secs(30);
    for (name, data) in inputs("robots") {
        if let Ok((_, d)) = hypecheck::collect::fetch::robots_verdict(&data, "/a", max) {
            assert!(d.is_none_or(|d| d <= max), "{name}");
        }
    }
}

#[test]
fn lexicon_and_table_inputs_give_errors_not_panics() {
    let registry = hypecheck::models::Registry::shipped().expect("models");
    for (_, data) in inputs("lexicon") {
        let Ok(s) = std::str::from_utf8(&data) else {
            continue;
        };
        let mut parts = s.splitn(3, '\u{c}');
        let (hype, slots, senses) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        let files = [
            ("de", "hype.tsv", hype),
            ("en", "hype.tsv", hype),
            ("de", "slots.tsv", slots),
            ("en", "slots.tsv", slots),
            ("de", "senses.tsv", senses),
            ("en", "senses.tsv", senses),
        ];
        if let Ok(set) = hypecheck::lexicon::from_texts("fuzz", &files) {
            let mut a = Analyzer::new(Arc::new(set));
            let _ = a.analyze(hype, &hypecheck::analyze::Options::default());
        }
    }
    for (_, data) in inputs("tables") {
        let Ok(s) = std::str::from_utf8(&data) else {
            continue;
        };
        let (a, b) = s.split_once('\u{c}').unwrap_or((s, ""));
        let _ = hypecheck::benchmarks::Benchmarks::parse(
            a,
            "b.csv",
            b,
            "d.tsv",
            &registry,
            hypecheck::benchmarks::LoadOptions::default(),
        );
        let _ = hypecheck::claims::Cues::parse(s, "cues.tsv");
    }
}

#[test]
fn a_lexicon_from_texts_reports_the_bad_line() {
    let bad = "term\tcategory\tweight\talternative\n(unclosed\tawe\t1.0\tx\n";
    for lang in ["de", "en"] {
        let files = [(lang, "hype.tsv", bad)];
        let other = if lang == "de" { "en" } else { "de" };
        let ok = "term\tcategory\tweight\talternative\nfine\tawe\t1.0\tx\n";
        let all = [files[0], (other, "hype.tsv", ok)];
        let e = hypecheck::lexicon::from_texts("mem", &all).expect_err("malformed pattern");
        assert!(e.to_string().contains("hype.tsv"), "{e}");
    }
}
