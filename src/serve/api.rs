//! Routes, handlers and the layers every response passes: security headers, the loopback
//! `Host` check and the bearer token. Every error is a JSON object `{"error", "status"}`.
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::json;

use super::engine::{CheckRequest, State as Shared};
use crate::output::json::{Lexicon, Tool};

type St = State<Arc<Shared>>;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// No inline script or style, nothing from elsewhere: the page loads its own script and
/// stylesheet and talks only to this server.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; \
                   frame-ancestors 'none'";

pub(crate) fn router(state: Arc<Shared>) -> Router {
    let max_body = state.limits.max_body;
    let api = Router::new()
        .route("/api/check", post(check))
        .route("/api/explain/{rule}", get(explain))
        .route("/api/health", get(health))
        .route("/api/version", get(version))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token));
    Router::new()
        .route("/", get(|| asset("text/html; charset=utf-8", INDEX_HTML)))
        .route(
            "/app.js",
            get(|| asset("text/javascript; charset=utf-8", APP_JS)),
        )
        .route(
            "/app.css",
            get(|| asset("text/css; charset=utf-8", APP_CSS)),
        )
        .merge(api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// A JSON error response.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({"error": message.into(), "status": status.as_u16()});
    (status, Json(body)).into_response()
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such page or endpoint")
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Drafts and their results are not kept anywhere, browser caches included.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// On loopback without a token, a request must name a loopback host: a page elsewhere that
/// rebinds its own domain name to 127.0.0.1 sends its own name and is turned away.
async fn check_host(State(st): St, req: Request, next: Next) -> Response {
    if st.loopback_only {
        if let Some(host) = req.headers().get(header::HOST) {
            if !host.to_str().is_ok_and(is_loopback_host) {
                return error(
                    StatusCode::MISDIRECTED_REQUEST,
                    "this server answers only to localhost, 127.0.0.1 or [::1]",
                );
            }
        }
    }
    next.run(req).await
}

fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn require_token(State(st): St, req: Request, next: Next) -> Response {
    if let Some(token) = &st.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
            let mut res = error(
                StatusCode::UNAUTHORIZED,
                "missing or wrong token: send `Authorization: Bearer TOKEN`",
            );
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return res;
        }
    }
    next.run(req).await
}

/// Compares in time independent of where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn check(State(st): St, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the draft as JSON with `Content-Type: application/json`",
        );
    }
    let body = match body {
        Ok(b) => b,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "request body larger than {} bytes; check a draft, not an archive",
                    st.limits.max_body
                ),
            )
        }
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    let request: CheckRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("invalid request JSON: {e} (expected {{\"text\": \"…\"}})"),
            )
        }
    };
    let job = match request.validate() {
        Ok(j) => j,
        Err(bad) => return error(StatusCode::BAD_REQUEST, bad.0),
    };
    let timeout = st.limits.timeout;
    let work = async {
        let permit = st.slots.clone().acquire_owned().await;
        let shared = st.clone();
        tokio::task::spawn_blocking(move || {
            let _slot = permit;
            shared.check(&job, chrono::Utc::now().date_naive())
        })
        .await
    };
    match tokio::time::timeout(timeout, work).await {
        Err(_) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the check took longer than {} s (server busy or draft too long); try again",
                timeout.as_secs_f64()
            ),
        ),
        Ok(Err(_)) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the analysis failed on this draft",
        ),
        Ok(Ok((body, failed))) => {
            let status = if failed {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
    }
}

/// What `GET /api/explain/{rule}` answers: the same texts as `hypecheck explain RULE`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Explanation<'a> {
    Category {
        id: &'a str,
        title: &'a str,
        what: &'a str,
        why: &'a str,
        example_de: &'a str,
        example_en: &'a str,
        alternative: &'a str,
    },
    Stance {
        id: &'a str,
        text: &'a str,
    },
    ClaimRule {
        id: &'a str,
        level: &'a str,
        what: &'a str,
        why: &'a str,
        example: &'a str,
        method: &'a str,
    },
}

async fn explain(State(st): St, Path(rule): Path<String>) -> Response {
    let set = &st.data.lexicons;
    let found = if let Some(c) = set.category_doc(&rule) {
        Explanation::Category {
            id: &c.category,
            title: &c.title,
            what: &c.what,
            why: &c.why,
            example_de: &c.example_de,
            example_en: &c.example_en,
            alternative: &c.alternative,
        }
    } else if let Some((id, text)) = crate::analyze::stance::RULES
        .iter()
        .find(|(n, _)| *n == rule)
    {
        Explanation::Stance { id, text }
    } else if let Some(r) = crate::claims::rules::find(&rule) {
        Explanation::ClaimRule {
            id: r.id,
            level: r.level,
            what: r.what,
            why: r.why,
            example: r.example,
            method: crate::claims::rules::METHOD,
        }
    } else {
        return error(
            StatusCode::NOT_FOUND,
            "unknown rule: `hypecheck explain` lists the categories, stances and claim rules",
        );
    };
    Json(found).into_response()
}

async fn health() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

async fn version(State(st): St) -> Response {
    #[derive(Serialize)]
    struct Version<'a> {
        tool: Tool,
        lexicon: Lexicon<'a>,
        data: Data<'a>,
    }
    #[derive(Serialize)]
    struct Data<'a> {
        benchmarks: &'a str,
        rows: usize,
        latest_date: Option<chrono::NaiveDate>,
        models: usize,
    }
    let d = &st.data;
    Json(Version {
        tool: Tool::THIS,
        lexicon: Lexicon::of(&d.lexicons),
        data: Data {
            benchmarks: &d.data_label,
            rows: d.benchmarks.rows().len(),
            latest_date: d.benchmarks.latest_date(),
            models: d.registry.entries().len(),
        },
    })
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_host_names() {
        for ok in [
            "localhost",
            "localhost:8790",
            "127.0.0.1:8790",
            "127.0.0.1",
            "[::1]:8790",
            "[::1]",
            "LOCALHOST:1",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:8790",
            "192.168.1.2",
            "localhost.evil.example",
            "[::2]:1",
            "",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn token_comparison() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
    }
}
