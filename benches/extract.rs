//! Extraction speed over the invented fixture pages (no harness: plain timing, one thread).
//! `cargo bench --bench extract`; for the public benchmark use `scripts/eval-extract`.
#![allow(clippy::print_stdout)]

use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "html") {
                if let Ok(b) = std::fs::read(&p) {
                    pages.push(b);
                }
            }
        }
    }
    if pages.is_empty() {
        println!("no fixture pages in {}", dir.display());
        return;
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let rounds = 50;
    let mut best = f64::MAX;
    let mut sink = 0usize;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..rounds {
            for p in &pages {
                sink += hypecheck::collect::extract::extract(std::hint::black_box(p), None, None)
                    .text
                    .len();
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let n = (pages.len() * rounds) as f64;
    println!(
        "extract: {} pages x {rounds}: {:.0} pages/s, {:.1} MB/s (best of 5; checksum {sink})",
        pages.len(),
        n / best,
        (bytes * rounds) as f64 / best / 1e6
    );
}
