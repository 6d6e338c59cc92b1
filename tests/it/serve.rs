//! `hypecheck serve`: the real binary on 127.0.0.1 and a free port, called over HTTP; and
//! (feature `browser-tests`) the page driven in headless Chromium through WebDriver.
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::blocking::Client;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::util::{bin, fixture};

/// A running `hypecheck serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    #[track_caller]
    fn start(extra: &[&str]) -> Server {
        Server::start_env(extra, &[])
    }

    #[track_caller]
    fn start_env(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("hypecheck"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["serve", "--isolated", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env_remove("HYPECHECK_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("hypecheck serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reads the first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Server { child, url }
    }

    fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// JSON bodies without reqwest's `json` feature (the library does not need it).
trait SendJson {
    fn json(self, body: &Value) -> Self;
}

impl SendJson for reqwest::blocking::RequestBuilder {
    fn json(self, body: &Value) -> Self {
        self.header("content-type", "application/json")
            .body(body.to_string())
    }
}

trait ReadJson {
    fn json<T: serde::de::DeserializeOwned>(self) -> serde_json::Result<T>;
}

impl ReadJson for reqwest::blocking::Response {
    fn json<T: serde::de::DeserializeOwned>(self) -> serde_json::Result<T> {
        let bytes = self.bytes().map_err(serde::de::Error::custom)?;
        serde_json::from_slice(&bytes)
    }
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

#[track_caller]
fn post_json(s: &Server, body: &Value) -> (StatusCode, Value) {
    let res = client()
        .post(s.at("/api/check"))
        .json(body)
        .send()
        .expect("request");
    let status = res.status();
    (status, res.json().expect("JSON body"))
}

/// Every `"path"` value replaced, so documents about stdin and about a draft compare.
fn without_paths(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "path" {
                    *x = Value::from("-");
                } else {
                    without_paths(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(without_paths),
        _ => {}
    }
}

#[test]
fn api_check_answers_exactly_what_check_format_json_prints() {
    let s = Server::start(&[]);
    let article = std::fs::read_to_string(fixture("sora2-hype.de.txt")).unwrap();
    let (status, mut api) = post_json(
        &s,
        &json!({"text": article, "lang": "de", "date": "2026-10-15", "show_all": true}),
    );
    assert_eq!(status, StatusCode::OK, "{api}");
    let out = bin()
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--show-all",
            "--lang",
            "de",
            "--date",
            "2026-10-15",
            "-",
        ])
        .write_stdin(article.clone())
        .output()
        .expect("check runs");
    let mut cli: Value = serde_json::from_slice(&out.stdout).expect("check JSON");
    assert_eq!(api["files"][0]["path"], "draft");
    without_paths(&mut api);
    without_paths(&mut cli);
    assert_eq!(api, cli);

    // The founding article quotes „Gamechanger!“ to reject it: quoted, not endorsed.
    let game: Vec<&Value> = api["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["text"] == "Gamechanger")
        .collect();
    assert!(!game.is_empty());
    assert!(game.iter().all(|f| f["stance"] == "quoted"), "{game:?}");
    let hi = api["hype_index"].as_f64().unwrap();
    assert!(hi < 20.0, "a sober article: {hi}");

    // Without show_all only the author's own hype is listed, like `check` without it.
    let (_, plain) = post_json(&s, &json!({"text": article, "lang": "de"}));
    assert!(plain["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["stance"] == "endorsed" || f["stance"] == "hedged"));
}

#[test]
fn api_check_marks_an_endorsed_draft_and_judges_its_claims() {
    let s = Server::start(&[]);
    let draft = "---\ndate: 2026-10-15\n---\n# Sora 2\n\nSora 2 ist ein echter Gamechanger. \
                 Sora 2 ist das beste Videomodell der Welt und schlägt Veo 3.1.\n";
    let (status, doc) = post_json(&s, &json!({"text": draft, "format": "markdown"}));
    assert_eq!(status, StatusCode::OK, "{doc}");
    let f = &doc["findings"][0];
    assert_eq!(f["stance"], "endorsed");
    assert_eq!(f["text"], "Gamechanger");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(23))
    );
    assert!(!f["suggestion"].as_str().unwrap().is_empty());
    assert!(doc["hype_index"].as_f64().unwrap() > 30.0);
    assert_eq!(
        doc["files"][0]["date"], "2026-10-15",
        "the draft's own date"
    );
    assert!(!doc["claims"].as_array().unwrap().is_empty(), "{doc}");
    assert_eq!(doc["files"][0]["lang"], "de");
}

#[test]
fn api_errors_are_json_with_status() {
    let s = Server::start(&["--timeout", "5"]);
    let c = client();
    let big = "Sora 2 ist ein Gamechanger. ".repeat(80_000); // > 2 MB
    let cases: Vec<(reqwest::blocking::RequestBuilder, StatusCode, &str)> = vec![
        (
            c.post(s.at("/api/check"))
                .header("content-type", "application/json")
                .body(json!({ "text": big }).to_string()),
            StatusCode::PAYLOAD_TOO_LARGE,
            "larger than 2097152 bytes",
        ),
        (
            c.post(s.at("/api/check"))
                .header("content-type", "text/plain")
                .body("Sora 2 ist ein Gamechanger."),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type: application/json",
        ),
        (
            c.post(s.at("/api/check"))
                .header("content-type", "application/json")
                .body("{\"text\": \"unterminated"),
            StatusCode::BAD_REQUEST,
            "invalid request JSON",
        ),
        (
            c.post(s.at("/api/check"))
                .json(&json!({"txt": "typo in the field name"})),
            StatusCode::BAD_REQUEST,
            "unknown field `txt`",
        ),
        (
            c.post(s.at("/api/check"))
                .json(&json!({"text": "x", "lang": "fr"})),
            StatusCode::BAD_REQUEST,
            "`lang`",
        ),
        (
            c.post(s.at("/api/check"))
                .json(&json!({"text": "x", "date": "gestern"})),
            StatusCode::BAD_REQUEST,
            "`date`: bad date `gestern`",
        ),
        (
            c.get(s.at("/api/check")),
            StatusCode::METHOD_NOT_ALLOWED,
            "",
        ),
        (
            c.get(s.at("/api/explain/no-such-rule")),
            StatusCode::NOT_FOUND,
            "unknown rule",
        ),
        (
            c.get(s.at("/nowhere")),
            StatusCode::NOT_FOUND,
            "no such page",
        ),
        (
            c.get(s.at("/api/health")).header("host", "evil.example"),
            StatusCode::MISDIRECTED_REQUEST,
            "answers only to localhost",
        ),
    ];
    for (req, want, msg) in cases {
        let res = req.send().expect("request");
        assert_eq!(res.status(), want);
        if want == StatusCode::METHOD_NOT_ALLOWED {
            continue;
        }
        assert_eq!(res.headers()["content-type"], "application/json", "{want}");
        let body: Value = res.json().expect("JSON error");
        assert_eq!(body["status"], want.as_u16());
        let text = body["error"].as_str().unwrap();
        assert!(text.contains(msg), "{want}: {text}");
    }
    // A NUL byte is binary input: the document reports it in `errors`, as `check` does.
    let (status, doc) = post_json(&s, &json!({"text": "a\u{0}b"}));
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(doc["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("binary"));
    // The server still answers after all of that.
    let (status, _) = post_json(&s, &json!({"text": "Ein ruhiger Satz."}));
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn explain_health_and_version_answer() {
    let s = Server::start(&[]);
    let c = client();
    let get = |p: &str| -> Value { c.get(s.at(p)).send().unwrap().json().unwrap() };
    assert_eq!(get("/api/health"), json!({"status": "ok"}));
    let v = get("/api/version");
    assert_eq!(v["tool"]["name"], "hypecheck");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["lexicon"]["origin"], "embedded");
    assert_eq!(v["lexicon"]["hash"].as_str().unwrap().len(), 16);
    assert!(v["data"]["rows"].as_u64().unwrap() > 0);
    assert!(v["data"]["models"].as_u64().unwrap() > 0);
    let cat = get("/api/explain/revolution");
    assert_eq!(cat["kind"], "category");
    assert!(!cat["alternative"].as_str().unwrap().is_empty());
    assert_eq!(get("/api/explain/hedged")["kind"], "stance");
    assert_eq!(get("/api/explain/contradicted-claim")["kind"], "claim-rule");
}

#[test]
fn page_is_self_contained_with_a_strict_policy() {
    let s = Server::start(&[]);
    let c = client();
    let res = c.get(s.at("/")).send().unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(
        csp.contains("script-src 'self';") && !csp.contains("unsafe"),
        "{csp}"
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let html = res.text().unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |q: &str| scraper::Selector::parse(q).unwrap();
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].value().attr("src"), Some("/app.js"));
    assert!(
        scripts[0].text().all(|t| t.trim().is_empty()),
        "no inline script"
    );
    for e in doc.select(&sel("[src], [href]")) {
        for a in ["src", "href"] {
            if let Some(u) = e.value().attr(a) {
                assert!(u.starts_with('/') || u.starts_with('#'), "external {a}={u}");
            }
        }
    }
    assert!(
        doc.select(&sel("[style]")).next().is_none(),
        "no inline style"
    );
    for (path, ty) in [
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "text/css; charset=utf-8"),
    ] {
        let r = c.get(s.at(path)).send().unwrap();
        assert_eq!(r.headers()["content-type"], ty);
        let body = r.text().unwrap();
        for external in ["http://", "https://", "@import", "url("] {
            assert!(!body.contains(external), "{path} has {external}");
        }
    }
    // The draft only ever becomes text nodes: no HTML sinks in the script at all.
    let js = c.get(s.at("/app.js")).send().unwrap().text().unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
}

#[test]
fn hostile_draft_comes_back_as_data() {
    let s = Server::start(&[]);
    let text = "</textarea><script>alert(\"x\")</script> & \"Gamechanger\" &amp; <img src=x \
                onerror=alert(1)> Sora 2 ist ein echter Gamechanger.";
    let (status, doc) = post_json(
        &s,
        &json!({"text": text, "format": "text", "show_all": true}),
    );
    assert_eq!(status, StatusCode::OK);
    let found: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["sentence"].as_str())
        .collect();
    assert!(
        found.iter().any(|s| s.contains("Sora 2 ist ein echter")),
        "{found:?}"
    );
}

#[test]
fn token_guards_the_api_and_other_addresses_need_one() {
    let token = "s3cret-token-for-tests";
    let s = Server::start(&["--token", token]);
    let c = client();
    let body = json!({"text": "Sora 2 ist ein Gamechanger."});
    let res = c.post(s.at("/api/check")).json(&body).send().unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert!(res.json::<Value>().unwrap()["error"]
        .as_str()
        .unwrap()
        .contains("Authorization: Bearer"));
    let res = c
        .post(s.at("/api/check"))
        .bearer_auth("wrong-token-wrong-token")
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = c
        .post(s.at("/api/check"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        c.get(s.at("/api/health")).send().unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    // The page itself holds nothing secret; it asks for the token when the API wants one.
    assert_eq!(c.get(s.at("/")).send().unwrap().status(), StatusCode::OK);

    // HYPECHECK_TOKEN works like --token.
    let e = Server::start_env(&[], &[("HYPECHECK_TOKEN", token)]);
    let res = c.get(e.at("/api/health")).send().unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = c
        .get(e.at("/api/health"))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // Refused before binding: a non-loopback address without a token, a too short token.
    bin()
        .args(["serve", "--isolated", "--addr", "0.0.0.0:0"])
        .env_remove("HYPECHECK_TOKEN")
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("without a token"));
    bin()
        .args([
            "serve",
            "--isolated",
            "--addr",
            "127.0.0.1:0",
            "--token",
            "short",
        ])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("16 to 256"));
}

#[test]
fn concurrent_requests_get_their_own_answers() {
    let s = Server::start(&["--concurrency", "2"]);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..12)
            .map(|t| {
                let s = &s;
                scope.spawn(move || {
                    let c = client();
                    for k in 0..4 {
                        // Each draft has its own word count, so crossed answers would show.
                        let n = 1 + t * 4 + k;
                        let text = format!("{}Sora 2 ist ein Gamechanger.", "Wort ".repeat(n));
                        let res = c
                            .post(s.at("/api/check"))
                            .json(&json!({"text": text, "lang": "de"}))
                            .send()
                            .expect("request");
                        assert_eq!(res.status(), StatusCode::OK);
                        let doc: Value = res.json().unwrap();
                        assert_eq!(doc["words"].as_u64(), Some(n as u64 + 4), "{text}");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("client thread");
        }
    });
}

#[cfg(feature = "browser-tests")]
mod browser {
    //! The page in headless Chromium, driven over the W3C WebDriver protocol (JSON over
    //! HTTP to `chromedriver`, Debian package `chromium-driver`).
    use super::*;
    use std::time::Instant;

    struct Driver {
        child: Child,
        base: String,
        session: String,
        http: Client,
        _profile: tempfile::TempDir,
    }

    impl Drop for Driver {
        fn drop(&mut self) {
            let _ = self
                .http
                .delete(format!("{}/session/{}", self.base, self.session))
                .send();
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    impl Driver {
        fn start() -> Driver {
            let port = free_port();
            let child = Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver runs (apt-get install chromium-driver)");
            let base = format!("http://127.0.0.1:{port}");
            let http = client();
            let t0 = Instant::now();
            while http.get(format!("{base}/status")).send().is_err() {
                assert!(
                    t0.elapsed() < Duration::from_secs(20),
                    "chromedriver did not start"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
            let profile = tempfile::tempdir().unwrap();
            let caps = json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                        "--window-size=1440,1000",
                        format!("--user-data-dir={}", profile.path().display()),
                    ]
                }
            }}});
            let res: Value = http
                .post(format!("{base}/session"))
                .json(&caps)
                .send()
                .expect("new session")
                .json()
                .unwrap();
            let session = res["value"]["sessionId"]
                .as_str()
                .unwrap_or_else(|| panic!("no session: {res}"))
                .to_owned();
            Driver {
                child,
                base,
                session,
                http,
                _profile: profile,
            }
        }

        #[track_caller]
        fn cmd(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
            let url = format!("{}/session/{}{path}", self.base, self.session);
            let mut req = self.http.request(method, url);
            if let Some(b) = body {
                req = req.json(&b);
            }
            let res: Value = req.send().expect("webdriver").json().unwrap();
            if res["value"].get("error").is_some() {
                panic!("webdriver {path}: {}", res["value"]);
            }
            res["value"].clone()
        }

        #[track_caller]
        fn js(&self, script: &str, args: Value) -> Value {
            self.cmd(
                reqwest::Method::POST,
                "/execute/sync",
                Some(json!({"script": script, "args": args})),
            )
        }

        #[track_caller]
        fn wait(&self, what: &str, script: &str, args: Value) -> Value {
            let t0 = Instant::now();
            loop {
                let v = self.js(script, args.clone());
                if !(v.is_null() || v == json!(false)) {
                    return v;
                }
                assert!(t0.elapsed() < Duration::from_secs(20), "timed out: {what}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }

        #[track_caller]
        fn element(&self, css: &str) -> String {
            let v = self.cmd(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            );
            v.as_object()
                .and_then(|o| o.values().next())
                .and_then(Value::as_str)
                .expect("element id")
                .to_owned()
        }

        fn click(&self, element: &str) {
            self.cmd(
                reqwest::Method::POST,
                &format!("/element/{element}/click"),
                Some(json!({})),
            );
        }

        fn type_into(&self, element: &str, text: &str) {
            self.cmd(
                reqwest::Method::POST,
                &format!("/element/{element}/value"),
                Some(json!({ "text": text })),
            );
        }

        fn screenshot(&self, path: &std::path::Path) {
            let b64 = self.cmd(reqwest::Method::GET, "/screenshot", None);
            let png = base64_decode(b64.as_str().expect("base64"));
            assert!(png.starts_with(b"\x89PNG"), "a PNG");
            std::fs::write(path, png).unwrap();
        }

        fn window(&self, width: u32, height: u32) {
            self.cmd(
                reqwest::Method::POST,
                "/window/rect",
                Some(json!({"width": width, "height": height})),
            );
        }
    }

    fn base64_decode(s: &str) -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        };
        let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
        let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
        for chunk in bytes.chunks(4) {
            let v: Vec<u32> = chunk.iter().map(|&c| u32::from(val(c))).collect();
            let n = v
                .iter()
                .enumerate()
                .fold(0u32, |a, (i, x)| a | (x << (18 - 6 * i)));
            out.extend(n.to_be_bytes()[1..chunk.len()].iter().copied());
        }
        out
    }

    /// Stances of the marks whose whole text is `word`.
    const STANCES_OF: &str = "const word = arguments[0]; const by = new Map();
        for (const m of document.querySelectorAll('#view mark[data-finding]')) {
          const k = m.dataset.finding;
          by.set(k, {t: (by.get(k) || {t: ''}).t + m.textContent, s: m.dataset.stance});
        }
        return [...by.values()].filter(x => x.t === word).map(x => x.s);";

    const SET_DRAFT: &str = "const t = document.getElementById('draft'); t.value = arguments[0];
        t.dispatchEvent(new Event('input', {bubbles: true}));";

    /// The status line once the shown result is that of `arguments[0]`.
    const CHECKED: &str = "const s = document.getElementById('status').textContent;
        return s.startsWith('Checked')
          && document.getElementById('view').textContent === arguments[0] ? s : null;";

    /// A short draft in the spirit of the founding article, for the screenshots.
    const SHOWCASE: &str = "Sora 2 im Test: Fortschritt, kein Wunder\n\nKaum erschienen, \
        überschlagen sich die Superlative: „Gamechanger!“, „Hollywood kann einpacken!“ Doch ist \
        das wirklich eine Revolution? Die Clips wirken stabiler, und die neue Tonspur könnte die \
        Arbeit kleiner Studios revolutionieren.\n\nSora 2 ist das beste Videomodell der Welt \
        und schlägt Veo 3.1 deutlich. Für uns ist Sora 2 ein echter Gamechanger.";

    #[test]
    fn browser_marks_quoted_and_endorsed_hype_and_matches_the_api() {
        let s = Server::start(&[]);
        let d = Driver::start();
        d.cmd(
            reqwest::Method::POST,
            "/url",
            Some(json!({"url": s.at("/")})),
        );
        d.wait(
            "page script ran",
            "return document.getElementById('date').value !== '';",
            json!([]),
        );

        // Paste the founding article (a paste fires `input`, which re-checks).
        let article = std::fs::read_to_string(fixture("sora2-hype.de.txt")).unwrap();
        d.js(SET_DRAFT, json!([article]));
        d.wait("article checked", CHECKED, json!([article]));
        assert_eq!(
            d.js(STANCES_OF, json!(["Gamechanger"])),
            json!([]),
            "discourse hidden"
        );
        d.click(&d.element("#discourse"));
        let stances = d.js(STANCES_OF, json!(["Gamechanger"]));
        assert!(
            stances
                .as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(|s| s == "quoted")),
            "„Gamechanger!“ is quoted: {stances}"
        );

        // Type an endorsed sentence after it; the debounced re-check marks it.
        let area = d.element("#draft");
        d.type_into(&area, "\nSora 2 ist ein echter Gamechanger.");
        let typed = format!("{article}\nSora 2 ist ein echter Gamechanger.");
        d.wait("typed text checked", CHECKED, json!([typed]));
        let stances = d.js(STANCES_OF, json!(["Gamechanger"]));
        assert!(
            stances.as_array().unwrap().iter().any(|s| s == "endorsed"),
            "{stances}"
        );
        assert!(
            stances.as_array().unwrap().iter().any(|s| s == "quoted"),
            "{stances}"
        );
        let endorsed = d.element("#view mark[data-stance='endorsed'][data-finding][tabindex='0']");
        d.click(&endorsed);
        let pop = d.wait(
            "popover open",
            "const p = document.getElementById('popover'); return p.hidden ? null : p.textContent;",
            json!([]),
        );
        let pop = pop.as_str().unwrap().to_owned();

        // The page agrees with the API.
        let (_, api) = post_json(
            &s,
            &json!({"text": typed, "lang": "auto", "format": "auto", "show_all": true,
                    "date": d.js("return document.getElementById('date').value;", json!([]))}),
        );
        let endorsed_game = api["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["text"] == "Gamechanger" && f["stance"] == "endorsed")
            .expect("the API finds the endorsed one");
        let clicked = d.js(
            "return document.querySelector(\"#view mark[aria-expanded]\").dataset.finding;",
            json!([]),
        );
        let clicked = &api["findings"][clicked.as_str().unwrap().parse::<usize>().unwrap()];
        assert_eq!(clicked["stance"], "endorsed");
        let alt = endorsed_game["suggestion"].as_str().unwrap();
        assert!(pop.contains(alt), "alternative {alt:?} in popover {pop:?}");
        assert!(
            pop.contains("endorsed") && pop.contains("asserted by the author"),
            "{pop}"
        );
        let shown = d.js(
            "return document.getElementById('hype-index').textContent;",
            json!([]),
        );
        let shown: f64 = shown.as_str().unwrap().parse().unwrap();
        assert_eq!(shown, api["hype_index"].as_f64().unwrap());
        assert!(shown > 0.0);

        // Keyboard: focusing a mark opens its popover too.
        d.js(
            "document.getElementById('popover').hidden = true;
              document.querySelector('#view mark[data-stance=quoted][tabindex=\"0\"]').focus();",
            json!([]),
        );
        let pop = d.js(
            "const p = document.getElementById('popover'); return p.hidden ? null : p.textContent;",
            json!([]),
        );
        assert!(pop.as_str().is_some_and(|p| p.contains("quoted")), "{pop}");

        // Readable at 375 px: nothing wider than the window.
        d.window(375, 800);
        let overflow = d.js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            json!([]),
        );
        let wide = d.js(
            "const w = document.documentElement.clientWidth;
             return [w, window.innerWidth, [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > w + 1)
               .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '
                 + Math.round(e.getBoundingClientRect().right))];",
            json!([]),
        );
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "horizontal overflow {overflow}: {wide}"
        );
        d.window(1440, 1000);

        // A hostile draft stays text: no element is created from it.
        let hostile = "</textarea><script>window.pwned = 1</script> & \"x\" &amp; <img src=x \
                       onerror=\"window.pwned = 2\"> Sora 2 ist ein echter Gamechanger.";
        d.js(SET_DRAFT, json!([hostile]));
        d.wait("hostile draft checked", CHECKED, json!([hostile]));
        let safe = d.js(
            "const v = document.getElementById('view');
             return [v.textContent === arguments[0],
                     v.querySelectorAll('script, img, textarea').length,
                     typeof window.pwned];",
            json!([hostile]),
        );
        assert_eq!(safe, json!([true, 0, "undefined"]));

        // Screenshots of a short draft with the popover of its endorsed hype open, at 1,440
        // and 375 px (target/serve-screenshot*.png; docs/serve.png is a copy).
        d.js(SET_DRAFT, json!([SHOWCASE]));
        d.wait("showcase checked", CHECKED, json!([SHOWCASE]));
        let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        for (width, height, name) in [
            (1440, 1400, "serve-screenshot.png"),
            (375, 900, "serve-screenshot-375.png"),
        ] {
            d.window(width, height);
            d.click(&d.element("#view mark[data-stance='endorsed'][tabindex='0']"));
            d.wait(
                "popover open",
                "return !document.getElementById('popover').hidden;",
                json!([]),
            );
            // Wide: the whole page fits; narrow: the mark and its popover.
            d.js(
                "if (innerWidth > 800) { scrollTo(0, 0); } else {
                   document.querySelector('#view mark[aria-expanded]')
                     .scrollIntoView({block: 'start'}); }",
                json!([]),
            );
            d.screenshot(&target.join(name));
        }

        // Nothing was requested from anywhere but this server.
        let urls = d.js(
            "return performance.getEntries()
               .filter(e => e.entryType === 'navigation' || e.entryType === 'resource')
               .map(e => e.name);",
            json!([]),
        );
        let urls = urls.as_array().unwrap();
        assert!(
            urls.len() >= 3,
            "page, script and stylesheet at least: {urls:?}"
        );
        for u in urls {
            assert!(
                u.as_str().unwrap().starts_with(&s.url),
                "request outside: {u}"
            );
        }
    }
}
