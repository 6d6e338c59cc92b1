//! `benchmarks import --format …`: published leaderboard formats (recorded-format fixtures in
//! `tests/fixtures/leaderboards/`), from files and from a loopback HTTP server, mapped through
//! the registry into a new dated pool; unknown names reported; re-import changes nothing.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::server::{Resp, Server};

const BIN: &str = env!("CARGO_BIN_EXE_hypecheck");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/leaderboards")
        .join(name)
}

/// An empty benchmarks file (header only) in a fresh directory.
fn target_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("benchmarks.csv");
    std::fs::write(
        &path,
        "model_raw,model,benchmark,metric,value,unit,higher_is_better,date,source,kind,pool,secondary,note\n",
    )
    .expect("write");
    (dir, path)
}

#[track_caller]
fn import(args: &[&str], into: &Path) -> Output {
    Command::new(BIN)
        .args(["benchmarks", "import"])
        .args(args)
        .arg("--into")
        .arg(into)
        .env_remove("HYPECHECK_TEST_KEY")
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn arena_csv_unknown_names_stop_the_import_unless_skipped_and_reimport_changes_nothing() {
    let (_dir, into) = target_file();
    let before = std::fs::read(&into).expect("read");
    let file = fixture("arena.csv");
    let file = file.to_str().expect("utf-8 path");
    let base = [
        "--format",
        "arena-csv",
        file,
        "--snapshot",
        "2026-12-01",
        "--benchmark",
        "LMArena text-to-video",
        "--source",
        "https://lmarena.ai/leaderboard/text-to-video",
    ];
    let strict = import(&base, &into);
    assert_eq!(strict.status.code(), Some(2), "{}", text(&strict.stderr));
    let err = text(&strict.stderr);
    assert!(
        err.contains("arena.csv:5: error: unknown model `Vidu Q2`"),
        "{err}"
    );
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(
        std::fs::read(&into).expect("read"),
        before,
        "file unchanged"
    );

    let mut args = base.to_vec();
    args.push("--skip-unknown");
    let first = import(&args, &into);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stderr).contains("arena.csv:5: warning: skipped model `Vidu Q2`"),
        "{}",
        text(&first.stderr)
    );
    let out = text(&first.stdout);
    assert!(out.contains("5 row(s) for 5 known model(s) in pool(s) lmarena-text-to-video-2026-12-01 (1 unknown skipped)"), "{out}");
    assert!(out.contains("added 5 row(s)"), "{out}");
    let written = std::fs::read_to_string(&into).expect("read");
    assert!(written.contains(
        "Kling 2.5 Turbo 1080p,kling-2.5-turbo,LMArena text-to-video,Elo,1037.0,Elo,true,2026-12-01,https://lmarena.ai/leaderboard/text-to-video,measurement,lmarena-text-to-video-2026-12-01,false,imported with --format arena-csv; votes 9120; 95% CI +7/-7\n"
    ), "{written}");

    let second = import(&args, &into);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(text(&second.stdout).contains("added 0 row(s)"));
    assert!(text(&second.stderr).contains("duplicate of"));
    assert_eq!(
        std::fs::read_to_string(&into).expect("read"),
        written,
        "a second import changes nothing"
    );

    // The pool ranks as a leaderboard: Veo 3.1 first of 5.
    let pools = Command::new(BIN)
        .args([
            "benchmarks",
            "pools",
            "--pool",
            "lmarena-text-to-video-2026-12-01",
        ])
        .arg("--data")
        .arg(&into)
        .output()
        .expect("runs");
    let pools = text(&pools.stdout);
    assert!(pools.contains("5 models"), "{pools}");
    assert!(
        pools
            .lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("veo-3.1")),
        "{pools}"
    );
}

#[test]
fn a_file_needs_a_source_url_and_bad_input_names_the_file() {
    let (_dir, into) = target_file();
    let file = fixture("arena.csv");
    let file = file.to_str().expect("utf-8 path");
    let out = import(
        &[
            "--format",
            "arena-csv",
            file,
            "--snapshot",
            "2026-12-01",
            "--benchmark",
            "X",
        ],
        &into,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("needs --source URL"),
        "{}",
        text(&out.stderr)
    );
    let json = fixture("leaderboard.json");
    let out = import(
        &[
            "--format",
            "arena-csv",
            json.to_str().expect("utf-8 path"),
            "--snapshot",
            "2026-12-01",
            "--benchmark",
            "X",
            "--source",
            "https://example.org/",
        ],
        &into,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("leaderboard.json:1: an arena CSV needs a model column"),
        "{}",
        text(&out.stderr)
    );
    let out = import(&["--format", "arena-csv", file], &into);
    assert_eq!(out.status.code(), Some(2), "--snapshot is required");
}

#[test]
fn leaderboard_json_over_http_sends_the_api_key_and_reimports_idempotently() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/api/v2/media/text-to-video" => {
            if req.header("x-api-key") == Some("s3cret") {
                Resp::new(
                    200,
                    "application/json",
                    std::fs::read(fixture("leaderboard.json")).expect("fixture"),
                )
            } else {
                Resp::new(401, "application/json", "{\"error\":\"missing key\"}")
            }
        }
        _ => Resp::not_found(),
    });
    let url = format!("{}/api/v2/media/text-to-video", server.base);
    let (_dir, into) = target_file();
    let run = |key: Option<&str>| {
        let mut cmd = Command::new(BIN);
        cmd.args(["benchmarks", "import", "--format", "leaderboard-json", &url])
            .args(["--snapshot", "2026-12-02", "--pool", "aa-t2v-2026-12-02"])
            .args([
                "--benchmark",
                "Artificial Analysis Video Arena text-to-video",
            ])
            .args(["--api-key-env", "HYPECHECK_TEST_KEY"])
            .args(["--allow-private", "--delay", "0", "--retries", "0"])
            .arg("--into")
            .arg(&into);
        match key {
            Some(k) => cmd.env("HYPECHECK_TEST_KEY", k),
            None => cmd.env_remove("HYPECHECK_TEST_KEY"),
        };
        cmd.output().expect("runs")
    };
    let unset = run(None);
    assert_eq!(unset.status.code(), Some(2));
    assert!(
        text(&unset.stderr).contains("HYPECHECK_TEST_KEY"),
        "{}",
        text(&unset.stderr)
    );
    let wrong = run(Some("nope"));
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr).contains("HTTP 401"),
        "{}",
        text(&wrong.stderr)
    );

    let first = run(Some("s3cret"));
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("added 4 row(s)"),
        "{}",
        text(&first.stdout)
    );
    let written = std::fs::read_to_string(&into).expect("read");
    assert!(written.contains(&format!(
        "Seedance 1.0,seedance-1.0,Artificial Analysis Video Arena text-to-video,Elo,1026,Elo,true,2026-12-02,{url},measurement,aa-t2v-2026-12-02,false,\"imported with --format leaderboard-json, entry 2; votes 11800; 95% CI -6/+6\""
    )), "{written}");
    let second = run(Some("s3cret"));
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(text(&second.stdout).contains("added 0 row(s)"));
    assert_eq!(std::fs::read_to_string(&into).expect("read"), written);
    // The key went to the leaderboard, not to robots.txt.
    let requests = server.requests();
    assert!(requests
        .iter()
        .filter(|r| r.path == "/robots.txt")
        .all(|r| r.header("x-api-key").is_none()));
    assert!(requests.iter().any(
        |r| r.path == "/api/v2/media/text-to-video" && r.header("x-api-key") == Some("s3cret")
    ));
}

#[test]
fn vbench_table_over_http_becomes_one_pool_per_dimension() {
    let server = Server::start(|req, _| match req.path.as_str() {
        "/leaderboard.md" => Resp::new(
            200,
            "text/markdown; charset=utf-8",
            std::fs::read(fixture("vbench.md")).expect("fixture"),
        ),
        _ => Resp::not_found(),
    });
    let url = format!("{}/leaderboard.md", server.base);
    let (_dir, into) = target_file();
    let out = import(
        &[
            "--format",
            "vbench-table",
            &url,
            "--snapshot",
            "2026-11",
            "--allow-private",
            "--delay",
            "0",
        ],
        &into,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("20 row(s) for 4 known model(s)"),
        "{stdout}"
    );
    assert!(stdout.contains("vbench-2026-11-total-score"), "{stdout}");
    assert!(
        stdout.contains("vbench-2026-11-motion-smoothness"),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains(
            "columns without scores skipped: Sampled by, Evaluated by, Accessibility, Date"
        ),
        "{}",
        text(&out.stderr)
    );
    let written = std::fs::read_to_string(&into).expect("read");
    assert!(written.contains("Runway Gen-3 Alpha,runway-gen-3-alpha,VBench total score,Total Score,69.75,%,true,2026-11,"), "{written}");
    // Judged as of the end of November, Wan 2.1 leads the total-score pool.
    let pools = Command::new(BIN)
        .args([
            "benchmarks",
            "pools",
            "--pool",
            "vbench-2026-11-total-score",
            "--as-of",
            "2026-11-30",
        ])
        .arg("--data")
        .arg(&into)
        .output()
        .expect("runs");
    let pools = text(&pools.stdout);
    assert!(
        pools
            .lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("wan-2.1")),
        "{pools}"
    );
}

#[test]
fn the_api_key_is_not_sent_to_a_redirect_on_another_origin() {
    let mirror = Server::start(|req, _| match req.path.as_str() {
        "/copy.json" => Resp::new(
            200,
            "application/json",
            std::fs::read(fixture("leaderboard.json")).expect("fixture"),
        ),
        _ => Resp::not_found(),
    });
    let target = format!("{}/copy.json", mirror.base);
    let origin = Server::start(move |req, _| match req.path.as_str() {
        "/api" => Resp::new(302, "text/plain", "moved").header("Location", &target),
        _ => Resp::not_found(),
    });
    let (_dir, into) = target_file();
    let out = Command::new(BIN)
        .args(["benchmarks", "import", "--format", "leaderboard-json"])
        .arg(format!("{}/api", origin.base))
        .args([
            "--snapshot",
            "2026-12-02",
            "--benchmark",
            "LMArena text-to-video",
        ])
        .args([
            "--api-key-env",
            "HYPECHECK_TEST_KEY",
            "--allow-private",
            "--delay",
            "0",
        ])
        .arg("--into")
        .arg(&into)
        .env("HYPECHECK_TEST_KEY", "s3cret")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(origin
        .requests()
        .iter()
        .any(|r| r.path == "/api" && r.header("x-api-key") == Some("s3cret")));
    let mirrored = mirror.requests();
    assert!(mirrored.iter().any(|r| r.path == "/copy.json"));
    assert!(mirrored.iter().all(|r| r.header("x-api-key").is_none()));
}
