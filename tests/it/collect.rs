//! Collector tests: `scan` against a loopback HTTP server, faults, robots.txt, kill and resume,
//! `import`, `export`, `sources check`. Nothing here touches the internet.
mod leaderboard;
mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use chrono::{Duration as CDuration, Utc};
use rusqlite::Connection;
use server::{Body, Req, Resp, Server};

const BIN: &str = env!("CARGO_BIN_EXE_hypecheck");

/// Deterministic filler words so that texts differ (and SimHashes are far apart).
fn filler(seed: u64, n: usize) -> String {
    const WORDS: &[&str] = &[
        "Studio",
        "Nutzer",
        "Kamera",
        "Szene",
        "Licht",
        "Ton",
        "Preis",
        "Abo",
        "Server",
        "Clip",
        "Sekunden",
        "Qualität",
        "Physik",
        "Figur",
        "Regie",
        "Schnitt",
        "Wasser",
        "Stadt",
        "Auto",
        "Hund",
        "Wolke",
        "Berg",
        "Musik",
        "Stimme",
        "Daten",
        "Training",
        "Rechte",
        "Lizenz",
        "Markt",
        "Kunde",
        "Agentur",
        "Werbung",
        "Film",
        "Serie",
        "Bühne",
        "Farbe",
        "Bewegung",
        "Hände",
        "Gesicht",
        "Text",
        "Eingabe",
        "Version",
        "Update",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push(WORDS[((x >> 33) as usize) % WORDS.len()]);
    }
    out.join(" ")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         </head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

fn on_topic(model: &str, seed: u64) -> String {
    format!(
        "{model} erzeugt neue Clips. Das Videomodell {model} wurde heute vorgestellt. {}",
        filler(seed, 150)
    )
}

fn off_topic(seed: u64) -> String {
    format!(
        "Das neue Smartphone hat einen größeren Akku und eine bessere Kamera. {}",
        filler(seed, 150).replace("Clip", "Foto")
    )
}

fn rfc2822(days_ago: i64) -> String {
    (Utc::now() - CDuration::days(days_ago)).to_rfc2822()
}

fn rfc3339(days_ago: i64) -> String {
    (Utc::now() - CDuration::days(days_ago)).to_rfc3339()
}

fn rss(base: &str, items: &[(&str, &str, i64)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Test</title><link>{base}/</link><description>t</description>"
    );
    for (path, title, age) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{u}</link><guid>{u}</guid>\
             <pubDate>{}</pubDate></item>",
            rfc2822(*age),
            u = format!("{base}{path}").replace('&', "&amp;")
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn write_sources(dir: &Path, body: &str) -> PathBuf {
    let p = dir.join("sources.toml");
    std::fs::write(&p, body).unwrap();
    p
}

fn source_toml(name: &str, base: &str, feeds: &[&str], sitemaps: &[&str]) -> String {
    let list = |v: &[&str]| {
        v.iter()
            .map(|p| format!("\"{base}{p}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "[[source]]\nname = \"{name}\"\nlang = \"de\"\nhomepage = \"{base}/\"\nfeeds = [{}]\nsitemaps = [{}]\n\n",
        list(feeds),
        list(sitemaps)
    )
}

/// Fast, loopback-friendly HTTP settings.
const FAST: &[&str] = &[
    "--delay",
    "0.02",
    "--connect-timeout",
    "1",
    "--backoff",
    "0.05",
    "--max-retry-wait",
    "2",
    "--quiet",
];

fn scan(sources: &Path, db: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("scan")
        .arg("--sources")
        .arg(sources)
        .arg("--db")
        .arg(db)
        .args(FAST)
        .args(extra)
        .args(if extra.contains(&"--timeout") {
            &[][..]
        } else {
            &["--timeout", "2"][..]
        })
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn show(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn db(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn integrity_ok(c: &Connection) {
    let s: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(s, "ok");
}

fn path_id(c: &Connection, suffix: &str) -> Option<i64> {
    c.query_row(
        "SELECT id FROM articles WHERE url LIKE '%' || ?1",
        [suffix],
        |r| r.get(0),
    )
    .ok()
}

#[test]
fn scan_feeds_and_sitemaps_filter_dedup_and_conditional_get() {
    let sora = on_topic("Sora 2", 1);
    let server = Server::start(move |req: &Req, _n| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        let p = req.path.as_str();
        match p {
            "/rss.xml" => {
                if req.header("if-none-match") == Some("\"rss-v1\"") {
                    return Resp::new(304, "application/rss+xml", "").header("ETag", "\"rss-v1\"");
                }
                Resp::new(
                    200,
                    "application/rss+xml",
                    rss(
                        &base,
                        &[
                            ("/a/sora.html", "Sora 2", 1),
                            ("/a/sora.html?utm_source=rss&utm_medium=feed", "Sora 2", 1),
                            ("/a/phone.html", "Neues Smartphone", 1),
                            ("/a/old.html", "Alter Artikel über Sora", 30),
                        ],
                    ),
                )
                .header("ETag", "\"rss-v1\"")
            }
            "/atom.xml" => {
                let lm = "Wed, 01 Oct 2025 10:00:00 GMT";
                if req.header("if-modified-since") == Some(lm) {
                    return Resp::new(304, "application/atom+xml", "");
                }
                let body = format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
                     <title>Atom</title><id>urn:t</id><updated>{u}</updated>\
                     <entry><title>Veo</title><link href=\"{base}/a/veo.html\"/><id>{base}/a/veo.html</id>\
                     <updated>{u}</updated></entry></feed>",
                    u = rfc3339(2)
                );
                Resp::new(200, "application/atom+xml", body).header("Last-Modified", lm)
            }
            "/feed.json" => {
                let body = serde_json::json!({
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": "JSON",
                    "items": [{"id": "k", "url": format!("{base}/a/kling.html"),
                               "title": "Kling", "date_published": rfc3339(1)}]
                });
                Resp::new(200, "application/feed+json", body.to_string())
            }
            "/sitemap_index.xml" => Resp::xml(format!(
                "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                 <sitemap><loc>{base}/news-sitemap.xml</loc><lastmod>{}</lastmod></sitemap></sitemapindex>",
                rfc3339(0)
            )),
            "/news-sitemap.xml" => Resp::xml(format!(
                "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
                 xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
                 <url><loc>{base}/b/sora-copy.html</loc><news:news><news:publication_date>{}</news:publication_date>\
                 <news:title>Sora 2</news:title></news:news></url>\
                 <url><loc>{base}/b/undated.html</loc></url></urlset>",
                rfc3339(0)
            )),
            "/a/sora.html" => Resp::html(page("Sora 2", &sora)),
            "/b/sora-copy.html" => Resp::html(page("Sora 2", &format!("{sora} Quelle: dpa"))),
            "/a/veo.html" => Resp::html(page("Veo 3.1", &on_topic("Veo 3.1", 2))),
            "/a/kling.html" => Resp::html(page("Kling", &on_topic("Kling 2.5", 3))),
            "/a/phone.html" => Resp::html(page("Smartphone", &off_topic(4))),
            _ => Resp::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let base = &server.base;
    let sources = write_sources(
        dir.path(),
        &format!(
            "{}{}",
            source_toml("Alpha", base, &["/rss.xml", "/atom.xml", "/feed.json"], &[]),
            source_toml("Beta", base, &[], &["/sitemap_index.xml"])
        ),
    );
    let dbp = dir.path().join("corpus.db");
    let out = scan(&sources, &dbp, &["--allow-private"]);
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    assert!(text.contains("kept 4 (duplicates 1)"), "{}", show(&out));
    assert!(text.contains("off topic: 1"), "{text}");
    assert!(text.contains("outside time window: 1"), "{text}");
    assert!(text.contains("undated sitemap entry: 1"), "{text}");

    let c = db(&dbp);
    integrity_ok(&c);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 4);
    let sora_id = path_id(&c, "/a/sora.html").expect("sora stored");
    let copy_dup: Option<i64> = c
        .query_row(
            "SELECT duplicate_of FROM articles WHERE url LIKE '%/b/sora-copy.html'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(copy_dup, Some(sora_id));
    assert!(path_id(&c, "/a/phone.html").is_none(), "off-topic stored");
    let reason: String = c
        .query_row(
            "SELECT kept_reason FROM articles WHERE id = ?1",
            [sora_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(reason.starts_with("mentions: Sora 2 ("), "{reason}");
    assert_eq!(
        server.hits("/a/sora.html"),
        1,
        "tracking variant fetched again"
    );
    assert_eq!(server.hits("/a/old.html"), 0);
    assert_eq!(server.hits("/b/undated.html"), 0);
    let ua = server.requests()[0]
        .header("user-agent")
        .unwrap_or("")
        .to_owned();
    assert!(ua.starts_with("hypecheck/") && ua.contains("(+"), "{ua}");

    // Rerun: idempotent, feeds answered 304, no article fetched again.
    let before = server.requests().len();
    let out = scan(&sources, &dbp, &["--allow-private"]);
    assert!(out.status.success(), "{}", show(&out));
    assert!(stdout(&out).contains("2 not modified"), "{}", show(&out));
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 4);
    let again: Vec<Req> = server.requests()[before..].to_vec();
    let rss_req = again.iter().find(|r| r.path == "/rss.xml").unwrap();
    assert_eq!(rss_req.header("if-none-match"), Some("\"rss-v1\""));
    let atom_req = again.iter().find(|r| r.path == "/atom.xml").unwrap();
    assert!(atom_req.header("if-modified-since").is_some());
    assert!(
        again.iter().all(|r| !r.path.starts_with("/a/")),
        "{again:?}"
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM fetch_log WHERE status = 304"),
        2
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM scan_runs WHERE status = 'completed'"
        ),
        2
    );

    // Dry run: lists links not stored yet, writes nothing, fetches no article.
    let before = server.requests().len();
    let out = scan(&sources, &dbp, &["--allow-private", "--dry-run"]);
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    assert!(text.contains("/a/phone.html"), "{text}");
    assert!(!text.contains("/a/sora.html"), "{text}");
    assert_eq!(count(&c, "SELECT COUNT(*) FROM scan_runs"), 2);
    assert!(server.requests()[before..]
        .iter()
        .all(|r| !r.path.starts_with("/a/") && !r.path.starts_with("/b/")));
}

#[test]
fn loopback_is_refused_without_allow_private() {
    let server = Server::start(|_req, _n| Resp::xml(rss("http://127.0.0.1", &[])));
    let dir = tempfile::tempdir().unwrap();
    let sources = write_sources(
        dir.path(),
        &source_toml("Alpha", &server.base, &["/rss.xml"], &[]),
    );
    let dbp = dir.path().join("c.db");
    let out = scan(&sources, &dbp, &[]);
    assert!(out.status.success(), "{}", show(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{}/rss.xml: refused", server.base)),
        "{text}"
    );
    assert!(text.contains("non-public address 127.0.0.1"), "{text}");
    assert!(server.requests().is_empty());
}

#[test]
fn robots_disallow_and_crawl_delay() {
    let server = Server::start(|req: &Req, _n| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path.as_str() {
            "/robots.txt" => Resp::new(
                200,
                "text/plain",
                "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n",
            ),
            "/rss.xml" => Resp::new(
                200,
                "application/rss+xml",
                rss(
                    &base,
                    &[
                        ("/pub/1.html", "A", 1),
                        ("/pub/2.html", "B", 1),
                        ("/pub/3.html", "C", 1),
                        ("/private/x.html", "D", 1),
                    ],
                ),
            ),
            p if p.starts_with("/pub/") || p.starts_with("/private/") => {
                let seed = p.len() as u64 + p.as_bytes()[5] as u64;
                Resp::html(page("Sora", &on_topic("Sora 2", seed)))
            }
            _ => Resp::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let sources = write_sources(
        dir.path(),
        &source_toml("Alpha", &server.base, &["/rss.xml"], &[]),
    );
    let dbp = dir.path().join("c.db");
    let out = scan(&sources, &dbp, &["--allow-private", "--concurrency", "4"]);
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        stdout(&out).contains("disallowed by robots.txt"),
        "{}",
        show(&out)
    );
    assert_eq!(server.hits("/private/x.html"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);
    let c = db(&dbp);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 3);
    // Requests after robots.txt are at least Crawl-delay apart (one at a time per host).
    let reqs: Vec<Req> = server
        .requests()
        .into_iter()
        .filter(|r| r.path != "/robots.txt")
        .collect();
    assert_eq!(reqs.len(), 4);
    for w in reqs.windows(2) {
        let gap = w[1].at.duration_since(w[0].at);
        assert!(
            gap >= Duration::from_millis(280),
            "gap {gap:?} between {} and {}",
            w[0].path,
            w[1].path
        );
    }
}

#[test]
fn faults_are_logged_and_the_scan_finishes() {
    let server = Server::start(|req: &Req, n| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path.as_str() {
            "/rss.xml" => Resp::new(
                200,
                "application/rss+xml",
                rss(
                    &base,
                    &[
                        ("/f/flaky.html", "Flaky", 1),
                        ("/f/busy.html", "Busy", 1),
                        ("/f/slow.html", "Slow", 1),
                        ("/f/loop.html", "Loop", 1),
                        ("/f/huge.html", "Huge", 1),
                        ("/f/doc.pdf", "PDF", 1),
                        ("/f/badbytes.html", "Bytes", 1),
                    ],
                ),
            ),
            "/broken.xml" => Resp::new(200, "application/rss+xml", "<rss><channel><item><title>x"),
            "/f/flaky.html" if n == 1 => Resp::new(500, "text/plain", "oops"),
            "/f/flaky.html" => Resp::html(page("Flaky", &on_topic("Kling", 11))),
            "/f/busy.html" if n == 1 => {
                Resp::new(429, "text/plain", "slow down").header("Retry-After", "1")
            }
            "/f/busy.html" => Resp::html(page("Busy", &on_topic("Veo 3", 12))),
            "/f/slow.html" => {
                Resp::html(page("Slow", &on_topic("Pika", 13))).delay(Duration::from_secs(4))
            }
            "/f/loop.html" => Resp::new(302, "text/plain", "").header("Location", "/f/loop2.html"),
            "/f/loop2.html" => Resp::new(302, "text/plain", "").header("Location", "/f/loop.html"),
            "/f/huge.html" => Resp {
                status: 200,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: Body::Stream(50 * 1024 * 1024),
                delay: Duration::ZERO,
            },
            "/f/doc.pdf" => Resp::new(200, "application/pdf", "%PDF-1.4 Sora 2 Sora 2"),
            "/f/badbytes.html" => {
                let html = page("Bytes", &on_topic("Runway Gen-4", 14));
                let at = html.find("<p>").map_or(0, |i| i + 3);
                let mut b = html.into_bytes();
                b.splice(at..at, [0xff, 0xfe, 0xc3, 0x28]);
                Resp::new(200, "text/html; charset=utf-8", b)
            }
            _ => Resp::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let sources = write_sources(
        dir.path(),
        &source_toml("Alpha", &server.base, &["/rss.xml", "/broken.xml"], &[]),
    );
    let dbp = dir.path().join("c.db");
    let started = Instant::now();
    let out = scan(
        &sources,
        &dbp,
        &[
            "--allow-private",
            "--max-bytes",
            "1000000",
            "--timeout",
            "1",
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", show(&out));
    assert!(started.elapsed() < Duration::from_secs(30));
    let text = stdout(&out);
    for needle in [
        "/broken.xml: malformed feed",
        "/f/slow.html: timed out",
        "redirect loop",
        "/f/huge.html: response larger than 1000000 bytes",
        "non-HTML content type: 1",
        "/f/doc.pdf: non-HTML content type",
    ] {
        assert!(
            text.contains(needle),
            "missing {needle:?} in\n{}",
            show(&out)
        );
    }
    let c = db(&dbp);
    integrity_ok(&c);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 3, "{text}");
    assert!(path_id(&c, "/f/flaky.html").is_some());
    assert!(path_id(&c, "/f/badbytes.html").is_some());
    assert_eq!(server.hits("/f/flaky.html"), 2);
    let busy: Vec<Req> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/f/busy.html")
        .collect();
    assert_eq!(busy.len(), 2);
    assert!(busy[1].at.duration_since(busy[0].at) >= Duration::from_millis(950));
    assert!(count(&c, "SELECT COUNT(*) FROM fetch_log WHERE error IS NOT NULL") >= 5);
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM queue WHERE state = 'pending'"),
        3
    );
}

#[test]
fn killed_scan_resumes_without_duplicates_or_losses() {
    const N: usize = 12;
    let server = Server::start(|req: &Req, _n| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        if req.path == "/rss.xml" {
            let paths: Vec<String> = (0..N).map(|i| format!("/k/{i}.html")).collect();
            let items: Vec<(&str, &str, i64)> =
                paths.iter().map(|p| (p.as_str(), "Sora", 1)).collect();
            return Resp::new(200, "application/rss+xml", rss(&base, &items));
        }
        if let Some(i) = req
            .path
            .strip_prefix("/k/")
            .and_then(|s| s.strip_suffix(".html"))
        {
            let seed: u64 = i.parse().unwrap_or(0) + 100;
            return Resp::html(page("Sora", &on_topic("Sora 2", seed)))
                .delay(Duration::from_millis(150));
        }
        Resp::not_found()
    });
    let dir = tempfile::tempdir().unwrap();
    let sources = write_sources(
        dir.path(),
        &source_toml("Alpha", &server.base, &["/rss.xml"], &[]),
    );
    let dbp = dir.path().join("c.db");
    let mut child = Command::new(BIN)
        .arg("scan")
        .arg("--sources")
        .arg(&sources)
        .arg("--db")
        .arg(&dbp)
        .args(FAST)
        .arg("--allow-private")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some articles are in, then SIGKILL.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let n = Connection::open(&dbp)
            .ok()
            .and_then(|c| {
                c.busy_timeout(Duration::from_secs(2)).ok()?;
                c.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
                    .ok()
            })
            .unwrap_or(0);
        if n >= 3 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let _ = child.wait();
    {
        let c = db(&dbp);
        integrity_ok(&c);
        let n = count(&c, "SELECT COUNT(*) FROM articles");
        assert!(n >= 3 && (n as usize) < N, "killed too late or early: {n}");
    }
    let out = scan(&sources, &dbp, &["--allow-private"]);
    assert!(out.status.success(), "{}", show(&out));
    let c = db(&dbp);
    integrity_ok(&c);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), N as i64);
    assert_eq!(
        count(&c, "SELECT COUNT(DISTINCT canonical_url) FROM articles"),
        N as i64
    );
    assert_eq!(
        count(&c, "SELECT COUNT(*) FROM queue WHERE state <> 'done'"),
        0
    );
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM scan_runs WHERE status = 'interrupted'"
        ),
        1
    );
    // No article page fetched more than twice (at most the one in flight at the kill).
    for i in 0..N {
        assert!(server.hits(&format!("/k/{i}.html")) <= 2);
    }
}

#[test]
fn fatal_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_sources(
        dir.path(),
        "[[source]]\nname = \"X\"\nlang = \"de\"\nhomepage = \"https://x.de/\"\nfeedz = []\n",
    );
    let out = scan(&bad, &dir.path().join("c.db"), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sources.toml") && err.contains("line 5"),
        "{err}"
    );

    let good = write_sources(
        dir.path(),
        &source_toml("A", "http://127.0.0.1:9", &["/f"], &[]),
    );
    // The database path is a directory: unwritable.
    let out = scan(&good, dir.path(), &["--allow-private"]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
}

#[test]
fn sources_check_offline_and_online() {
    let out = Command::new(BIN)
        .args(["sources", "check", "--offline", "--sources"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sources.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    assert!(stdout(&out).contains("valid"));

    let server = Server::start(|req: &Req, _n| match req.path.as_str() {
        "/rss.xml" => Resp::new(200, "application/rss+xml", rss("http://x", &[])),
        _ => Resp::not_found(),
    });
    let dir = tempfile::tempdir().unwrap();
    let sources = write_sources(
        dir.path(),
        &source_toml("A", &server.base, &["/rss.xml", "/missing.xml"], &[]),
    );
    let out = Command::new(BIN)
        .args([
            "sources",
            "check",
            "--allow-private",
            "--delay",
            "0.01",
            "--sources",
        ])
        .arg(&sources)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text.contains("ok    A"), "{text}");
    assert!(text.contains("/missing.xml: HTTP 404"), "{text}");
    assert!(text.contains("1 of 2 answered"), "{text}");
}

fn import(db: &Path, files: &[PathBuf]) -> Output {
    Command::new(BIN)
        .arg("import")
        .arg("--db")
        .arg(db)
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn import_and_export_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let html = d.join("a.html");
    std::fs::write(&html, page("Veo 3.1 im Test", &on_topic("Veo 3.1", 21))).unwrap();
    let txt = d.join("b.txt");
    std::fs::write(&txt, format!("Kling im Test\n\n{}", on_topic("Kling", 22))).unwrap();
    let md = d.join("c.md");
    std::fs::write(
        &md,
        format!("# Runway Gen-4\n\n{}", on_topic("Runway Gen-4", 23)),
    )
    .unwrap();
    let jsonl = d.join("d.jsonl");
    let recs = [
        serde_json::json!({"url": "https://example.com/news/sora-2?utm_source=x", "title": "Sora 2",
            "published": "2026-10-01", "text": on_topic("Sora 2", 24), "authors": ["A. Autor"],
            "lang": "de", "outlet": "Example"}),
        serde_json::json!({"url": "https://example.org/en/veo", "title": "Veo",
            "text": "Google released Veo 3.1, a new video model. The video generator is fast.",
            "extra_field": 1}),
    ];
    std::fs::write(
        &jsonl,
        recs.iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
    )
    .unwrap();
    let dbp = d.join("c.db");
    let files = vec![html.clone(), txt, md, jsonl.clone()];
    let out = import(&dbp, &files);
    assert!(out.status.success(), "{}", show(&out));
    assert!(stdout(&out).contains("5 stored"), "{}", show(&out));
    // Idempotent.
    let out = import(&dbp, &files);
    assert!(stdout(&out).contains("5 already stored"), "{}", show(&out));

    // A bad JSONL line: error names file:line, nothing stored, nothing lost.
    let bad = d.join("bad.jsonl");
    std::fs::write(
        &bad,
        format!(
            "{}\n{{\"url\": \"https://example.com/x\", \"text\": \n",
            serde_json::json!({"url": "https://example.com/new", "text": "Sora 2 news"})
        ),
    )
    .unwrap();
    let out = import(&dbp, &[bad]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:2:"),
        "{}",
        show(&out)
    );
    let missing = d.join("e.jsonl");
    std::fs::write(&missing, "{\"title\": \"no url\"}\n").unwrap();
    let out = import(&dbp, &[missing]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("e.jsonl:1:"),
        "{}",
        show(&out)
    );
    let c = db(&dbp);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 5);
    let (canon, authors): (String, String) = c
        .query_row(
            "SELECT canonical_url, authors FROM articles WHERE outlet = 'Example'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(canon, "https://example.com/news/sora-2");
    assert_eq!(authors, "[\"A. Autor\"]");

    // Export JSONL to stdout.
    let out = Command::new(BIN)
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&dbp)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    for key in [
        "url",
        "canonical_url",
        "outlet",
        "lang",
        "title",
        "authors",
        "published",
        "text",
        "paywalled",
        "kept_reason",
        "duplicate_of",
    ] {
        assert!(lines.iter().all(|l| l.get(key).is_some()), "missing {key}");
    }
    assert!(lines.iter().any(|l| l["kept_reason"]
        .as_str()
        .unwrap_or("")
        .starts_with("import; mentions: Veo 3.1")));

    // Export CSV to a file.
    let csv_path = d.join("out.csv");
    let out = Command::new(BIN)
        .args(["export", "--format", "csv", "--db"])
        .arg(&dbp)
        .arg("--out")
        .arg(&csv_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    let mut rdr = csv::Reader::from_path(&csv_path).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    for col in [
        "url",
        "canonical_url",
        "outlet",
        "lang",
        "title",
        "authors",
        "published",
        "text",
        "paywalled",
        "kept_reason",
        "duplicate_of",
    ] {
        assert!(headers.iter().any(|h| h == col), "missing column {col}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
}

/// A copy of the shipped lexicons with one extra German hype term.
fn lexicons_with(dir: &Path, term: &str) -> PathBuf {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let lex = dir.join("lexicons");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons"),
        &lex,
    );
    let hype = lex.join("de/hype.tsv");
    let mut text = std::fs::read_to_string(&hype).unwrap();
    text.push_str(&format!("{term}\trevolution\t2.0\tnüchtern beschreiben\n"));
    std::fs::write(&hype, text).unwrap();
    lex
}

/// Stored analyses (JSON) that use `term`.
fn analyses_with(db_path: &Path, term: &str) -> i64 {
    db(db_path)
        .query_row(
            "SELECT COUNT(*) FROM analyses WHERE result_json LIKE '%\"term\":\"' || ?1 || '\"%'",
            [term],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn scan_and_import_analyze_with_the_lexicons_given() {
    const TERM: &str = "zorbotastisch";
    let body = format!("{} Sora 2 ist {TERM}.", on_topic("Sora 2", 1));
    let page_body = body.clone();
    let server = Server::start(move |req: &Req, _n| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path.as_str() {
            "/rss.xml" => Resp::xml(rss(&base, &[("/a/sora.html", "Sora 2", 1)])),
            "/a/sora.html" => Resp::html(page("Sora 2", &page_body)),
            _ => Resp::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let lex = lexicons_with(dir.path(), TERM);
    let sources = write_sources(
        dir.path(),
        &source_toml("Alpha", &server.base, &["/rss.xml"], &[]),
    );
    let lex_arg = lex.to_str().unwrap();

    let shipped = dir.path().join("shipped.db");
    let o = scan(&sources, &shipped, &["--allow-private"]);
    assert!(o.status.success(), "{}", show(&o));
    assert_eq!(
        analyses_with(&shipped, TERM),
        0,
        "shipped lexicons lack the term"
    );

    let custom = dir.path().join("custom.db");
    let o = scan(
        &sources,
        &custom,
        &["--allow-private", "--lexicons", lex_arg],
    );
    assert!(o.status.success(), "{}", show(&o));
    assert_eq!(analyses_with(&custom, TERM), 1, "{}", show(&o));

    let file = dir.path().join("draft.txt");
    std::fs::write(&file, &body).unwrap();
    let imported = dir.path().join("imported.db");
    let o = Command::new(BIN)
        .args(["import", "--lexicons", lex_arg, "--db"])
        .arg(&imported)
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    assert_eq!(analyses_with(&imported, TERM), 1, "{}", show(&o));
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("f.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"url":"https://example.com/f","title":"=HYPERLINK(\"http://evil\")","#,
            r#""text":"-2+3 Sora 2 ist schnell.","outlet":"@Outlet","lang":"de","#,
            r#""published":"2026-11-18T08:00:00Z"}"#,
            "\n"
        ),
    )
    .unwrap();
    let db_path = dir.path().join("x.db");
    let o = Command::new(BIN)
        .args(["import", "--db"])
        .arg(&db_path)
        .arg(&jsonl)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    let o = Command::new(BIN)
        .args(["export", "--format", "csv", "--db"])
        .arg(&db_path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        let i = headers.iter().position(|h| h == name).unwrap();
        row[i].to_owned()
    };
    assert_eq!(cell("title"), "'=HYPERLINK(\"http://evil\")");
    assert_eq!(cell("outlet"), "'@Outlet");
    assert_eq!(cell("text"), "'-2+3 Sora 2 ist schnell.");
    assert_eq!(cell("id"), "1");

    let out = dir.path().join("reports");
    let o = Command::new(BIN)
        .args(["report", "--week", "2026-W47", "--db"])
        .arg(&db_path)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", show(&o));
    for file in ["articles.csv", "outlets.csv"] {
        let text = std::fs::read_to_string(out.join("2026-W47").join(file)).unwrap();
        assert!(
            !text.contains(",=") && !text.contains(",@"),
            "{file}:\n{text}"
        );
    }
    let articles = std::fs::read_to_string(out.join("2026-W47/articles.csv")).unwrap();
    assert!(articles.contains("'=HYPERLINK"), "{articles}");
}

/// One bad file among good ones: the good ones are stored, each bad one is named with its
/// reason, and the exit code says that something failed.
#[test]
fn import_stores_the_good_files_and_names_each_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.html");
    std::fs::write(&good, page("Veo 3 im Test", &on_topic("Veo 3", 7))).unwrap();
    let binary = dir.path().join("scan.html");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend([0u8, 159, 146, 150, 0, 1, 2]);
    std::fs::write(&binary, bytes).unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<html><body><nav>Home</nav></body></html>").unwrap();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "Sora 2 ist da. ".repeat(20_000)).unwrap();
    let db_path = dir.path().join("x.db");
    let o = Command::new(BIN)
        .args(["import", "--db"])
        .arg(&db_path)
        .args([&good, &binary, &empty, &long])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("{}: looks like a binary file", binary.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: no text found", empty.display())),
        "{err}"
    );
    assert!(!err.contains(&good.display().to_string()), "{err}");
    let c = db(&db_path);
    assert_eq!(count(&c, "SELECT COUNT(*) FROM articles"), 2);
    let longest_title = count(&c, "SELECT MAX(LENGTH(title)) FROM articles");
    assert!(longest_title <= 301, "title of {longest_title} characters");
}
