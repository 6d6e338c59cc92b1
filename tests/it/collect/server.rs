//! A tiny HTTP/1.1 server on 127.0.0.1 for collector tests: canned responses per path,
//! a request log with arrival times, and bounded behaviour (every wait is capped).
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(super) struct Req {
    /// Path with query.
    pub(super) path: String,
    /// Headers, names lowercased.
    pub(super) headers: Vec<(String, String)>,
    /// Arrival time.
    pub(super) at: Instant,
}

impl Req {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(super) enum Body {
    Bytes(Vec<u8>),
    /// Streamed without Content-Length, `n` bytes of filler.
    Stream(usize),
}

pub(super) struct Resp {
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Body,
    pub(super) delay: Duration,
}

impl Resp {
    pub(super) fn new(status: u16, ctype: &str, body: impl Into<Vec<u8>>) -> Self {
        Resp {
            status,
            headers: vec![("Content-Type".into(), ctype.into())],
            body: Body::Bytes(body.into()),
            delay: Duration::ZERO,
        }
    }
    pub(super) fn html(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body)
    }
    pub(super) fn xml(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, "application/xml", body)
    }
    pub(super) fn not_found() -> Self {
        Self::new(404, "text/plain", "not found")
    }
    pub(super) fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub(super) fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

type Handler = dyn Fn(&Req, usize) -> Resp + Send + Sync;

pub(super) struct Server {
    pub(super) base: String,
    log: Arc<Mutex<Vec<Req>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

fn handle(
    stream: TcpStream,
    handler: &Handler,
    log: &Mutex<Vec<Req>>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let at = Instant::now();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let req = Req { path, headers, at };
    let n = {
        let mut m = hits.lock().unwrap();
        let c = m.entry(req.path.clone()).or_insert(0);
        *c += 1;
        *c
    };
    log.lock().unwrap().push(req.clone());
    let resp = handler(&req, n);
    std::thread::sleep(resp.delay.min(Duration::from_secs(5)));
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nConnection: close\r\n",
        resp.status,
        reason(resp.status)
    );
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    match resp.body {
        Body::Bytes(b) => {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", b.len()));
            let _ = out.write_all(head.as_bytes());
            let _ = out.write_all(&b);
        }
        Body::Stream(total) => {
            head.push_str("\r\n");
            if out.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                if out.write_all(&chunk).is_err() {
                    return;
                }
                sent += chunk.len();
            }
        }
    }
    let _ = out.flush();
}

impl Server {
    pub(super) fn start(handler: impl Fn(&Req, usize) -> Resp + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        listener.set_nonblocking(true).unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let (log2, stop2) = (Arc::clone(&log), Arc::clone(&stop));
        let accept = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !stop2.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((s, _)) => {
                        let _ = s.set_nonblocking(false);
                        let (h, l, hi) =
                            (Arc::clone(&handler), Arc::clone(&log2), Arc::clone(&hits));
                        std::thread::spawn(move || handle(s, &*h, &l, &hi));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            base,
            log,
            stop,
            accept: Some(accept),
        }
    }

    pub(super) fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }

    pub(super) fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}
