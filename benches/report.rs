//! Report speed over a large corpus: `cargo bench --bench report` (or `scripts/bench-report`).
//!
//! Builds a database of `HYPECHECK_BENCH_ARTICLES` (default 100,000) analyzed articles by
//! running `hypecheck demo` once and copying its analyzed sample articles, with their stored
//! analyses, under new URLs, outlets and dates spread over 26 weeks (texts padded to about
//! 3 KB, the size of a news article, so the rows are as large as real ones). Then runs
//! `hypecheck report` (a 26-week trend report over every article, and a weekly report) five
//! times each under `/usr/bin/time -v` and prints the median wall time and the peak RSS.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use rusqlite::{params, Connection};

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
    let mut c = Connection::open(db).expect("bench db");
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.pragma_update(None, "synchronous", "OFF").unwrap();
    #[allow(clippy::type_complexity)]
    let base: Vec<(
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
    )> = {
        let mut stmt = c
            .prepare(
                "SELECT a.canonical_url, a.outlet, a.lang, a.published, a.title, a.text,
                        n.lexicon_hash, n.result_json, a.kept_reason
                 FROM articles a JOIN analyses n ON n.article_id = a.id
                 WHERE a.duplicate_of IS NULL",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let have: usize = c
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    let tx = c.transaction().unwrap();
    {
        let mut ins = tx
            .prepare(
                "INSERT INTO articles (url, canonical_url, source, outlet, lang, title, authors,
                    published, fetched_at, text, paywalled, kept_reason, content_hash)
                 VALUES (?1, ?1, 'bench', ?2, ?3, ?4, '[]', ?5, '2026-11-25T00:00:00Z', ?6, 0, ?7, ?8)",
            )
            .unwrap();
        let mut ana = tx
            .prepare(
                "INSERT INTO analyses (article_id, lexicon_hash, result_json, created_at)
                 VALUES (?1, ?2, ?3, '2026-11-25T00:00:00Z')",
            )
            .unwrap();
        let mut k = 0usize;
        let mut made = have;
        while made < n {
            for (i, b) in base.iter().enumerate() {
                if made >= n {
                    break;
                }
                let day = chrono::NaiveDate::parse_from_str(&b.3[..10], "%Y-%m-%d").unwrap()
                    - chrono::Duration::weeks((k % 26) as i64 / 4 * 4)
                    - chrono::Duration::days((k % 7) as i64);
                let mut text = b.5.clone();
                while text.len() < 3000 {
                    text.push_str("\n\n");
                    text.push_str(&b.5);
                }
                ins.execute(params![
                    format!("{}?copy={k}", b.0),
                    format!("{} {}", b.1, k % 40),
                    b.2,
                    b.4,
                    format!("{day}T09:00:00+00:00"),
                    text,
                    b.8,
                    format!("bench-{k}-{i}"),
                ])
                .unwrap();
                let id = tx.last_insert_rowid();
                ana.execute(params![id, b.6, b.7]).unwrap();
                made += 1;
            }
            k += 1;
        }
    }
    tx.commit().unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .unwrap();
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
