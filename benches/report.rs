//! Report speed over a large corpus: `cargo bench --bench report` (or `scripts/bench-report`).
//!
//! Builds a database of `HYPECHECK_BENCH_ARTICLES` (default 100,000) analyzed articles by
//! running `hypecheck demo` once and copying its analyzed sample articles, with their stored
//! analyses, under new URLs, outlets and dates spread over 26 weeks (texts padded to about
//! 3 KB, the size of a news article, so the rows are as large as real ones) through the
//! store's typed API ([`Store::bulk_load`]: no SQL here, no dedup for the copies). Then runs
//! `hypecheck report` (a 26-week trend report over every article, and a weekly report) five
//! times each under `/usr/bin/time -v` and prints the median wall time and the peak RSS.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use hypecheck::store::{BulkArticle, NewArticle, Store};

const RUNS: usize = 5;

fn main() {
    let n: usize = std::env::var("HYPECHECK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        // `cargo test --all-targets` runs this binary without `--bench`: a small smoke run.
        .unwrap_or(if std::env::args().any(|a| a == "--bench") {
            100_000
        } else {
            300
        });
    let exe = env!("CARGO_BIN_EXE_hypecheck");
    let tmp = std::env::temp_dir().join(format!("hypecheck-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let db = tmp.join("bench.db");
    let t = Instant::now();
    let st = Command::new(exe)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("demo")
        .arg("--out")
        .arg(tmp.join("demo"))
        .arg("--db")
        .arg(&db)
        .output()
        .expect("hypecheck demo runs");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    fill(&db, n);
    println!(
        "filled {} with {n} analyzed articles in {:.1} s ({:.0} MB)",
        db.display(),
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
    for (label, args) in [
        (
            "trend report, 26 weeks, all articles",
            vec!["--weeks", "26", "--until", "2026-11-22"],
        ),
        ("weekly report 2026-W47", vec!["--week", "2026-W47"]),
    ] {
        let mut times = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..RUNS {
            let out = Command::new("/usr/bin/time")
                .arg("-v")
                .arg(exe)
                .arg("report")
                .arg("--db")
                .arg(&db)
                .arg("--out")
                .arg(tmp.join("reports"))
                .args(&args)
                .output()
                .expect("/usr/bin/time runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            times.push(elapsed(&err));
            rss.push(max_rss_kb(&err));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label}: median {:.2} s (min {:.2}, max {:.2}) over {RUNS} runs; peak RSS {:.0} MB",
            times[RUNS / 2],
            times[0],
            times[RUNS - 1],
            rss.iter().copied().max().unwrap_or(0) as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Copies the demo's analyzed originals until the database holds `n` articles.
fn fill(db: &Path, n: usize) {
    let mut store = Store::open(db).expect("bench db");
    let mut base: Vec<(NewArticle, (String, String))> = Vec::new();
    store
        .for_each_article(|a| -> Result<(), ()> {
            if a.duplicate_of.is_none() && a.published.is_some() {
                let analyses = store.analyses_of(a.id).expect("analyses of the demo");
                if let Some(analysis) = analyses.into_iter().next() {
                    let article = NewArticle {
                        url: a.canonical_url.clone(),
                        canonical_url: a.canonical_url,
                        source: "bench".into(),
                        outlet: a.outlet,
                        lang: a.lang,
                        title: a.title,
                        authors: Vec::new(),
                        published: a.published,
                        modified: None,
                        text: a.text,
                        paywalled: false,
                        kept_reason: a.kept_reason,
                    };
                    base.push((article, analysis));
                }
            }
            Ok(())
        })
        .expect("demo db")
        .expect("reading the demo articles");
    let have = store.article_count().expect("count") as usize;
    let mut rows = Vec::new();
    let mut k = 0usize;
    let mut made = have;
    while made < n {
        for (i, (b, analysis)) in base.iter().enumerate() {
            if made >= n {
                break;
            }
            let published = b.published.as_deref().unwrap_or("2026-11-20");
            let day = chrono::NaiveDate::parse_from_str(&published[..10], "%Y-%m-%d").unwrap()
                - chrono::Duration::weeks((k % 26) as i64 / 4 * 4)
                - chrono::Duration::days((k % 7) as i64);
            let mut text = b.text.clone();
            while text.len() < 3000 {
                text.push_str("\n\n");
                text.push_str(&b.text);
            }
            let url = format!("{}?copy={k}", b.canonical_url);
            rows.push(BulkArticle {
                article: NewArticle {
                    url: url.clone(),
                    canonical_url: url,
                    outlet: format!("{} {}", b.outlet, k % 40),
                    published: Some(format!("{day}T09:00:00+00:00")),
                    text,
                    ..b.clone()
                },
                content_key: format!("bench-{k}-{i}"),
                analysis: Some(analysis.clone()),
            });
            made += 1;
        }
        k += 1;
    }
    store.bulk_load(&rows).expect("bulk load");
    store.optimize().expect("checkpoint and ANALYZE");
}

fn elapsed(time_v: &str) -> f64 {
    let line = time_v
        .lines()
        .find(|l| l.contains("Elapsed (wall clock)"))
        .unwrap_or("");
    let v = line.rsplit(": ").next().unwrap_or("0").trim();
    let parts: Vec<f64> = v.split(':').filter_map(|p| p.parse().ok()).collect();
    parts.iter().fold(0.0, |acc, p| acc * 60.0 + p)
}

fn max_rss_kb(time_v: &str) -> u64 {
    time_v
        .lines()
        .find(|l| l.contains("Maximum resident set size"))
        .and_then(|l| l.rsplit(": ").next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}
