//! `POST /api/check` latency and load on loopback (issue 11).
//!
//! Run: `scripts/bench-serve` (or `cargo bench --bench serve`). Starts the server in process on
//! 127.0.0.1 and a free port (it never listens elsewhere), then:
//! 1. one client, one request at a time, on a 2,000-word German draft (the founding article
//!    and the draft fixtures, paragraph by paragraph, repeated): median, p90 and p99 latency;
//! 2. 50 concurrent clients (one thread each, the same draft) for 30 s
//!    (`HYPECHECK_BENCH_SECS=N` changes it): requests, throughput, median and p99 latency,
//!    and errors (anything but a 200 with a JSON document, or a failed connection).
//!
//! Under `cargo test --all-targets` (no `--bench` argument) it makes a short smoke run: 10
//! sequential requests and 8 clients for 1 s.
//!
//! The client is a plain HTTP/1.1 writer over `TcpStream` (keep-alive, `Content-Length`),
//! so client overhead stays small next to the server's work.
#![allow(clippy::print_stdout)]
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hypecheck::benchmarks::Benchmarks;
use hypecheck::claims::Cues;
use hypecheck::models::Registry;
use hypecheck::serve::{self, Data, Limits, Options};

fn draft(words: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paragraphs = Vec::new();
    for f in [
        "sora2-hype.de.txt",
        "drafts/hyped.de.md",
        "drafts/hedged.de.md",
    ] {
        let text = std::fs::read_to_string(root.join(f)).expect("fixture");
        paragraphs.extend(
            text.lines()
                // Prose lines only: no front matter, headings or list stubs.
                .filter(|l| l.split_whitespace().count() >= 6)
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        );
    }
    let mut out = String::new();
    let mut n = 0;
    'outer: loop {
        for p in &paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
            n += p.split_whitespace().count();
            if n >= words {
                break 'outer;
            }
        }
    }
    out
}

struct Conn {
    reader: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            reader: BufReader::new(s),
            addr,
        })
    }

    /// One POST; the status and the body.
    fn post(&mut self, body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        let head = format!(
            "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        let s = self.reader.get_mut();
        s.write_all(head.as_bytes())?;
        s.write_all(body)?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut len = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut buf = vec![0; len];
        self.reader.read_exact(&mut buf)?;
        Ok((status, buf))
    }
}

fn ok(res: &std::io::Result<(u16, Vec<u8>)>) -> bool {
    matches!(res, Ok((200, b)) if b.starts_with(b"{") && b.windows(11).any(|w| w == b"hype_index\""))
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

fn main() {
    let registry = Registry::shipped().expect("shipped registry");
    let benchmarks = Benchmarks::shipped(&registry).expect("shipped benchmarks");
    let data = Data {
        lexicons: Arc::new(hypecheck::lexicon::embedded().expect("shipped lexicons")),
        disabled_categories: Vec::new(),
        registry,
        benchmarks,
        cues: Cues::shipped().expect("shipped cues"),
        data_label: "shipped".to_owned(),
    };
    let server = serve::bind(
        Options {
            addr: "127.0.0.1:0".parse().expect("address"),
            token: None,
            limits: Limits::default(),
        },
        data,
    )
    .expect("binds on loopback");
    let addr = server.local_addr().expect("address");
    std::thread::spawn(move || server.run());

    let text = draft(2000);
    let words = text.split_whitespace().count();
    let body = serde_json::to_vec(&serde_json::json!({"text": text, "lang": "de"})).unwrap();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "POST /api/check on {addr}: {words}-word German draft ({} bytes), {cores} CPUs, \
         {} concurrent checks",
        body.len(),
        Limits::default().concurrency
    );

    // 1. Latency, one request at a time.
    let mut conn = Conn::open(addr).expect("connects");
    for _ in 0..5 {
        assert!(ok(&conn.post(&body)), "warm-up request failed");
    }
    // `cargo test --all-targets` runs this binary without `--bench`: a short smoke run.
    let under_test = !std::env::args().any(|a| a == "--bench");
    let sequential = if under_test { 10 } else { 200 };
    let mut lat = Vec::new();
    for _ in 0..sequential {
        let t = Instant::now();
        let res = conn.post(&body);
        lat.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(ok(&res), "sequential request failed");
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "sequential, {sequential} requests: median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms",
        pct(&lat, 0.5),
        pct(&lat, 0.9),
        pct(&lat, 0.99)
    );

    // 2. Load: 50 clients for the whole period.
    let secs: u64 = std::env::var("HYPECHECK_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if under_test { 1 } else { 30 });
    // The smoke run (an unoptimized build) keeps well inside the 10 s per-request limit.
    let clients = if under_test { 8 } else { 50 };
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicUsize::new(0));
    let body = Arc::new(body);
    let start = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (stop, errors, body) = (stop.clone(), errors.clone(), body.clone());
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut conn = Conn::open(addr);
                while !stop.load(Ordering::Relaxed) {
                    let Ok(c) = conn.as_mut() else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        std::thread::sleep(Duration::from_millis(50));
                        conn = Conn::open(addr);
                        continue;
                    };
                    let t = Instant::now();
                    let res = c.post(&body);
                    if ok(&res) {
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        conn = Conn::open(addr);
                    }
                }
                lat
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(secs));
    stop.store(true, Ordering::Relaxed);
    let mut all: Vec<f64> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("client thread"))
        .collect();
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    println!(
        "{clients} concurrent clients for {elapsed:.1} s: {} requests ({:.1}/s), median {:.1} ms, \
         p99 {:.1} ms, max {:.1} ms, errors {}",
        all.len(),
        all.len() as f64 / elapsed,
        pct(&all, 0.5),
        pct(&all, 0.99),
        all.last().copied().unwrap_or(f64::NAN),
        errors.load(Ordering::Relaxed)
    );
    if errors.load(Ordering::Relaxed) > 0 {
        std::process::exit(1);
    }
}
