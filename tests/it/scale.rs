//! Scale-out: `analyze --input` streaming (JSONL, WARC, HTML directory; order with --jobs;
//! error lines), `aggregate` / `merge` (exact, order-free merging, a property test), `report
//! --from-aggregates` against the SQLite report, and (feature `spark-tests`) the Spark job.
use std::io::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use hypecheck::corpus::aggregate::Aggregate;
use hypecheck::corpus::stream::{Line, ResultLine};
use predicates::prelude::*;
use proptest::prelude::*;
use serde_json::Value;

use crate::util::bin;

/// Invented articles, deterministic: `n` JSONL records in the export schema.
fn corpus(n: usize) -> String {
    let models = ["Sora 2", "Veo 3.1", "Kling 2.5 Turbo", "Runway Gen-4"];
    let outlets = [
        ("Tech Ledger", "en"),
        ("KI-Kompass", "de"),
        ("Pixel Courier", "en"),
    ];
    let en = [
        "{m} is a true game changer for video.",
        "{m} is not a revolution, but a solid step.",
        "Is {m} really a game changer?",
        "The vendor called {m} \"a revolution\".",
        "{m} is more realistic than Sora 2.",
        "Editors tested clips of ten seconds at 1080p.",
        "Longer shots still show flickering hands.",
    ];
    let de = [
        "{m} ist ein echter Gamechanger für Video.",
        "{m} ist keine Revolution, aber ein Fortschritt.",
        "Ist {m} wirklich ein Gamechanger?",
        "Die Redaktion hat Clips von zehn Sekunden getestet.",
        "Längere Einstellungen zeigen noch flackernde Hände.",
    ];
    let mut out = String::new();
    let mut x: u64 = 12345;
    let mut next = |k: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((x >> 33) as usize) % k
    };
    for i in 1..=n {
        let (outlet, lang) = outlets[next(outlets.len())];
        let m = models[next(models.len())];
        let pool: &[&str] = if lang == "en" { &en } else { &de };
        let text: Vec<String> = (0..6 + next(10))
            .map(|_| pool[next(pool.len())].replace("{m}", m))
            .collect();
        let day = 1 + next(27);
        let month = 9 + next(3);
        let rec = serde_json::json!({
            "id": i,
            "url": format!("https://news.example/a{i}"),
            "outlet": outlet,
            "lang": lang,
            "title": format!("{m} im Test / under test {i}"),
            "published": format!("2026-{month:02}-{day:02}T10:00:00+00:00"),
            "paywalled": i % 17 == 0,
            "duplicate_of": if i % 23 == 0 { Value::from(i - 1) } else { Value::Null },
            "text": text.join(" "),
        });
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

fn run_analyze(input: &Path, jobs: &str) -> String {
    let out = bin()
        .args(["analyze", "--isolated", "--jobs", jobs, "--input"])
        .arg(input)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 results")
}

fn lines(s: &str) -> Vec<Line> {
    s.lines()
        .map(|l| serde_json::from_str::<Line>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn result(l: &Line) -> &ResultLine {
    match l {
        Line::Result(r) => r,
        Line::Error(e) => panic!("expected a result, got {e:?}"),
    }
}

#[test]
fn jsonl_streams_one_result_per_line_with_error_lines_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    writeln!(f, "{}", serde_json::json!({"id": 7, "url": "https://x.example/1", "outlet": "Tech Ledger", "lang": "en", "published": "2026-11-18", "title": "Sora 2 under test", "text": "Sora 2 is a true game changer. Sora 2 is a revolution for video. Veo 3.1 is more realistic than Sora 2."})).unwrap();
    writeln!(f, "not json at all").unwrap();
    f.write_all(b"{\"text\": \"caf\xff\"}\n").unwrap();
    writeln!(f).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": 9, "url": "u", "text": "   "})
    )
    .unwrap();
    writeln!(f, "{}", serde_json::json!({"id": 10, "url": "https://x.example/2", "outlet": "KI-Kompass", "text": "Sora 2 ist keine Revolution. Sora 2 und Veo 3 im Test.", "duplicate_of": 7})).unwrap();
    writeln!(f, "{}", serde_json::json!({"id": 11, "url": "https://x.example/3", "text": "The council approved a budget for parks and roads."})).unwrap();
    drop(f);
    let out = run_analyze(&input, "2");
    let ls = lines(&out);
    assert_eq!(ls.len(), 6, "one line per non-empty input line:\n{out}");
    let r = result(&ls[0]);
    assert_eq!((r.n, r.id.as_str(), r.kept), (1, "7", true));
    assert_eq!(r.week.as_deref(), Some("2026-W47"));
    assert!(r.hype_index > 0.0, "{r:?}");
    assert!(r.endorsed_terms.iter().any(|t| t.contains("game")), "{r:?}");
    assert!(
        !r.claims.is_empty(),
        "the comparative claim is judged: {r:?}"
    );
    assert!(
        r.claims.iter().all(|c| c.date == "2026-11-18"),
        "as of the article's date"
    );
    for (i, want) in [(1, "invalid JSON"), (2, "UTF-8"), (3, "empty text")] {
        match &ls[i] {
            Line::Error(e) => {
                assert!(e.error.contains(want), "{e:?}");
                assert!(e.source.ends_with(&format!(":{}", e.n)), "{e:?}");
            }
            other => panic!("line {i}: expected an error, got {other:?}"),
        }
    }
    let dup = result(&ls[4]);
    assert_eq!((dup.kept, dup.why.as_str(), dup.n), (false, "duplicate", 6));
    assert!(dup.analysis.is_none());
    let off = result(&ls[5]);
    assert_eq!((off.kept, off.why.as_str()), (false, "off-topic"));
    assert_eq!(off.lang, "en", "language detected when not given");
}

#[test]
fn output_keeps_input_order_with_two_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    std::fs::write(&input, corpus(300)).unwrap();
    let one = run_analyze(&input, "1");
    let two = run_analyze(&input, "2");
    assert_eq!(one, two, "--jobs does not change the output");
    let ns: Vec<u64> = lines(&two).iter().map(|l| result(l).n).collect();
    assert_eq!(ns, (1..=300).collect::<Vec<u64>>());
}

#[test]
fn missing_input_and_wrong_format_are_errors() {
    bin()
        .args(["analyze", "--input", "no/such.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such.jsonl: no such file"));
    let tmp = tempfile::tempdir().unwrap();
    bin()
        .args(["analyze", "--input-format", "jsonl", "--input"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("html-dir takes a directory"));
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nWARC-Date: 2026-11-18T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        payload.len() as u32 ^ 0x5a5a,
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    gz(&r)
}

fn http_html(title: &str, paras: &[&str]) -> Vec<u8> {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
    let page = format!("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><meta property=\"og:site_name\" content=\"Tech Ledger\"><meta property=\"article:published_time\" content=\"2026-11-17T08:00:00Z\"></head><body><article><h1>{title}</h1>{body}</article></body></html>");
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        page.len()
    )
    .into_bytes();
    r.extend_from_slice(page.as_bytes());
    r
}

#[test]
fn warc_responses_with_html_are_analyzed_and_the_rest_counted() {
    let on_topic = [
        "Sora 2 is a true game changer for every video editor we spoke to this week.",
        "Veo 3.1 and Sora 2 were tested side by side on twenty prompts in our newsroom.",
        "Kling 2.5 Turbo renders smoother motion than the previous version did.",
    ];
    let mut w = Vec::new();
    w.extend(warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    ));
    w.extend(warc_record(
        "request",
        "https://a.example/1",
        "application/http;msgtype=request",
        b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
    ));
    w.extend(warc_record(
        "response",
        "https://a.example/1",
        "application/http;msgtype=response",
        &http_html("Sora 2 under test", &on_topic),
    ));
    w.extend(warc_record(
        "response",
        "https://a.example/1.jpg",
        "application/http;msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff",
    ));
    // A gzip member that holds no WARC record: an error line, and reading goes on.
    w.extend(gz(b"this is not a WARC record\r\n\r\n"));
    w.extend(warc_record(
        "response",
        "https://a.example/2",
        "application/http;msgtype=response",
        &http_html(
            "Parks budget",
            &["The council approved a new budget for public parks and roads this week."],
        ),
    ));
    let french = String::from_utf8(http_html(
        "Sora 2",
        &["Sora 2 est une révolution pour la vidéo."],
    ))
    .unwrap()
    .replace("lang=\"en\"", "lang=\"fr\"");
    w.extend(warc_record(
        "response",
        "https://a.example/fr",
        "application/http;msgtype=response",
        french.as_bytes(),
    ));
    w.extend(warc_record(
        "metadata",
        "https://a.example/2",
        "application/warc-fields",
        b"x: y\r\n",
    ));
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("crawl.warc.gz");
    std::fs::write(&input, &w).unwrap();
    let out = bin()
        .args(["analyze", "--isolated", "--input"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ls = lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(ls.len(), 4, "{ls:?}");
    let r = result(&ls[0]);
    assert_eq!(
        (r.n, r.url.as_str(), r.outlet.as_str()),
        (3, "https://a.example/1", "Tech Ledger")
    );
    assert!(r.kept && r.hype_index > 0.0, "{r:?}");
    assert_eq!(r.published.as_deref().map(|p| &p[..10]), Some("2026-11-17"));
    assert!(r.id.starts_with("urn:uuid:"), "{}", r.id);
    assert!(
        matches!(&ls[1], Line::Error(e) if e.n == 5 && e.error.contains("WARC")),
        "{:?}",
        ls[1]
    );
    let off = result(&ls[2]);
    assert_eq!((off.kept, off.why.as_str()), (false, "off-topic"));
    let fr = result(&ls[3]);
    assert_eq!((fr.kept, fr.why.as_str()), (false, "other-language"));
    assert!(fr.analysis.is_none());
    let err = String::from_utf8_lossy(&out.stderr);
    for reason in [
        "1 warcinfo record",
        "1 request record",
        "1 not HTML",
        "1 metadata record",
    ] {
        assert!(err.contains(reason), "summary names `{reason}`: {err}");
    }
}

#[test]
fn a_directory_of_html_pages_streams_in_name_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pages");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let page = |t: &str| {
        let h = http_html(
            t,
            &["Sora 2 is a true game changer, and Veo 3.1 follows Sora 2 closely."],
        );
        let at = h.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        h[at..].to_vec()
    };
    std::fs::write(dir.join("b.html"), page("B")).unwrap();
    std::fs::write(dir.join("a.html"), page("A")).unwrap();
    std::fs::write(dir.join("sub/c.htm"), page("C")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a page").unwrap();
    let out = run_analyze(&dir, "2");
    let titles: Vec<String> = lines(&out)
        .iter()
        .map(|l| result(l).title.clone())
        .collect();
    assert_eq!(titles, ["A", "B", "C"]);
}

fn shared_results() -> &'static str {
    static R: OnceLock<String> = OnceLock::new();
    R.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in.jsonl");
        std::fs::write(&input, corpus(120)).unwrap();
        run_analyze(&input, "2")
    })
}

fn aggregate_of(lines: &[&str]) -> Aggregate {
    let mut a = Aggregate::default();
    for l in lines {
        let line: Line = serde_json::from_str(l).unwrap();
        a.add_line(&line).unwrap();
    }
    a
}

#[test]
fn aggregate_and_merge_commands_equal_one_pass() {
    let results = shared_results();
    let tmp = tempfile::tempdir().unwrap();
    let all: Vec<&str> = results.lines().collect();
    let mut parts = Vec::new();
    for (i, chunk) in all.chunks(50).enumerate() {
        let p = tmp.path().join(format!("part{i}.jsonl"));
        std::fs::write(&p, chunk.join("\n") + "\n").unwrap();
        let out = bin().arg("aggregate").arg(&p).output().unwrap();
        assert!(out.status.success());
        let a = tmp.path().join(format!("part{i}.agg"));
        std::fs::write(&a, &out.stdout).unwrap();
        parts.push(a);
    }
    let whole = bin()
        .arg("aggregate")
        .write_stdin(results)
        .output()
        .unwrap();
    parts.reverse();
    let merged = bin().arg("merge").args(&parts).output().unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        String::from_utf8(whole.stdout.clone()).unwrap()
    );
    let v: Value = serde_json::from_slice(&whole.stdout).unwrap();
    assert_eq!(v["format"], "hypecheck-aggregate");
    assert_eq!(v["version"], 1);
    assert_eq!(v["input"]["documents"], 120);
    // A bad partial is an error naming the file and line.
    let bad = tmp.path().join("bad.agg");
    std::fs::write(&bad, "{\"format\":\"other\"}\n").unwrap();
    bin()
        .arg("merge")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad.agg:1: not a hypecheck aggregate",
        ));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Split the results at random into parts, aggregate each, merge them in a random order
    /// and grouping: the JSON is byte-identical to one pass.
    #[test]
    fn merging_random_splits_in_any_order_is_byte_identical(
        cuts in prop::collection::vec(0usize..120, 0..8),
        order in prop::collection::vec(any::<u32>(), 9),
        grouping in prop::collection::vec(any::<bool>(), 9),
    ) {
        let all: Vec<&str> = shared_results().lines().collect();
        let one = aggregate_of(&all).to_json();
        let mut cuts = cuts;
        cuts.push(0);
        cuts.push(all.len());
        cuts.sort_unstable();
        let mut parts: Vec<Aggregate> = cuts
            .windows(2)
            .map(|w| aggregate_of(&all[w[0]..w[1]]))
            .collect();
        // Shuffle by the random keys.
        let mut keyed: Vec<(u32, Aggregate)> =
            parts.drain(..).enumerate().map(|(i, a)| (order[i % order.len()], a)).collect();
        keyed.sort_by_key(|(k, _)| *k);
        let mut parts: Vec<Aggregate> = keyed.into_iter().map(|(_, a)| a).collect();
        // Merge in a random grouping: pairwise from the front or the back, through JSON.
        let mut step = 0;
        while parts.len() > 1 {
            let from_back = grouping[step % grouping.len()];
            step += 1;
            let (a, b) = if from_back {
                let b = parts.pop().unwrap();
                (parts.pop().unwrap(), b)
            } else {
                (parts.remove(0), parts.remove(0))
            };
            let mut m = Aggregate::from_json(&b.to_json()).unwrap();
            m.merge(&a).unwrap();
            if from_back { parts.push(m) } else { parts.insert(0, m) }
        }
        prop_assert_eq!(parts[0].to_json(), one);
    }
}

fn report_json(dir: &Path) -> Value {
    let file = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .expect("a period directory")
        .join("report.json");
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

#[test]
fn report_from_aggregates_gives_the_numbers_of_the_sqlite_report() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let db = t.join("c.db");
    bin()
        .args(["demo", "--isolated", "--out"])
        .arg(t.join("demo"))
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    // More articles, spread over weeks, in the same store.
    let extra = t.join("extra.jsonl");
    std::fs::write(&extra, corpus(150)).unwrap();
    bin()
        .arg("import")
        .arg("--db")
        .arg(&db)
        .arg(&extra)
        .assert()
        .success();
    let export = bin().args(["export", "--db"]).arg(&db).output().unwrap();
    let exported = t.join("export.jsonl");
    std::fs::write(&exported, &export.stdout).unwrap();
    let results = run_analyze(&exported, "2");
    let agg = bin()
        .arg("aggregate")
        .write_stdin(results)
        .output()
        .unwrap();
    let agg_path = t.join("all.agg");
    std::fs::write(&agg_path, &agg.stdout).unwrap();
    for period in [["--weeks", "12"], ["--week", "2026-W40"]] {
        let (a, b) = (
            t.join(format!("sql{}", period[1])),
            t.join(format!("agg{}", period[1])),
        );
        bin()
            .args(["report", "--isolated", "--db"])
            .arg(&db)
            .args(period)
            .arg("--out")
            .arg(&a)
            .assert()
            .success();
        bin()
            .args(["report", "--isolated", "--from-aggregates"])
            .arg(&agg_path)
            .args(period)
            .arg("--out")
            .arg(&b)
            .assert()
            .success();
        let (mut x, mut y) = (report_json(&a), report_json(&b));
        assert!(
            x["summary"]["articles"].as_u64().unwrap() > 10,
            "{}",
            x["summary"]
        );
        assert!(!x["models"].as_array().unwrap().is_empty());
        // What aggregates do not keep: the claim sentences; and the time of writing.
        for v in [&mut x, &mut y] {
            v["claims"]["rows"] = Value::Null;
            v["generated_at"] = Value::Null;
        }
        assert_eq!(
            x, y,
            "report --from-aggregates {period:?} equals the SQLite report"
        );
    }
    bin()
        .args(["report", "--isolated", "--from-aggregates"])
        .arg(&agg_path)
        .args(["--since", "2026-10-01", "--until", "2026-10-09"])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("whole ISO weeks").or(predicates::str::contains("Monday")),
        );
}

/// Apache Spark in local mode over a generated corpus of 20,000 articles in 8 partitions:
/// the merged aggregate equals the single-process `analyze | aggregate`, byte for byte.
/// Needs Java 17 and `target/spark-venv` with pyspark (`.ci/run` sets both up).
#[cfg(feature = "spark-tests")]
#[test]
fn spark_local_mode_aggregate_equals_the_single_process() {
    use std::path::PathBuf;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let venv = root.join("target/spark-venv/bin");
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let input = t.join("corpus.jsonl");
    let gen = std::process::Command::new("python3")
        .arg(root.join("scripts/spark/gen_corpus.py"))
        .args(["--articles", "20000", "--seed", "11", "--out"])
        .arg(&input)
        .status()
        .unwrap();
    assert!(gen.success());
    let results = run_analyze(&input, "2");
    assert_eq!(results.lines().count(), 20_000);
    let single = bin()
        .arg("aggregate")
        .write_stdin(results)
        .output()
        .unwrap();
    assert!(single.status.success());
    let hypecheck = assert_cmd::cargo::cargo_bin("hypecheck");
    let out = t.join("spark.agg");
    let status = std::process::Command::new(venv.join("spark-submit"))
        .env(
            "PATH",
            format!(
                "{}:{}",
                venv.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("PYSPARK_PYTHON", venv.join("python"))
        .env("PYSPARK_DRIVER_PYTHON", venv.join("python"))
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .args([
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
        ])
        .args(["--conf", "spark.ui.enabled=false", "--files"])
        .arg(&hypecheck)
        .arg(root.join("scripts/spark/hypecheck_job.py"))
        .arg("--input")
        .arg(&input)
        .args(["--partitions", "8", "--aggregate-out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "spark-submit failed");
    let spark = std::fs::read_to_string(&out).unwrap();
    let single = String::from_utf8(single.stdout).unwrap();
    assert!(predicate::str::contains("\"documents\":20000").eval(&single));
    assert_eq!(
        spark, single,
        "Spark's merged aggregate equals the single process"
    );
}
