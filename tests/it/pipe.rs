//! A closed pipe (`hypecheck … | head`) is not an error: every command that writes to
//! standard output exits 0 without a panic message when the reader has gone away.
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs hypecheck with its standard output closed before it writes anything; asserts exit 0
/// and no panic.
#[track_caller]
fn closed_stdout(args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hypecheck"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // Close the read end at once: the command's first write fails with EPIPE.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("binary finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "hypecheck {args:?} panicked on a closed pipe:\n{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "hypecheck {args:?} on a closed pipe:\n{stderr}"
    );
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn sources_check_exits_0_on_a_closed_pipe() {
    closed_stdout(&[
        "sources",
        "check",
        "--offline",
        "--sources",
        "data/sources.toml",
    ]);
}

#[test]
fn scan_exits_0_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let sources = tmp.path().join("sources.toml");
    // Port 9 on loopback refuses at once: the scan ends quickly with an error line to print.
    std::fs::write(
        &sources,
        "[[source]]\nname = \"Closed\"\nlang = \"de\"\nhomepage = \"http://127.0.0.1:9/\"\n\
         feeds = [\"http://127.0.0.1:9/rss.xml\"]\nsitemaps = []\n",
    )
    .unwrap();
    closed_stdout(&[
        "scan",
        "--dry-run",
        "--quiet",
        "--allow-private",
        "--retries",
        "0",
        "--sources",
        s(&sources),
        "--db",
        s(&tmp.path().join("x.db")),
    ]);
}

#[test]
fn import_export_and_report_exit_0_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    closed_stdout(&["demo", "--db", s(&db), "--out", s(&tmp.path().join("demo"))]);
    closed_stdout(&["import", "--db", s(&db), "tests/fixtures/sora2-hype.de.txt"]);
    closed_stdout(&["export", "--db", s(&db), "--format", "csv"]);
    closed_stdout(&["export", "--db", s(&db)]);
    closed_stdout(&[
        "report",
        "--db",
        s(&db),
        "--out",
        s(&tmp.path().join("reports")),
    ]);
    closed_stdout(&["analyze", "--db", s(&db)]);
}

#[test]
fn check_claims_and_data_commands_exit_0_on_a_closed_pipe() {
    let draft = "tests/fixtures/sora2-hype.de.txt";
    for format in ["text", "json", "sarif"] {
        closed_stdout(&["check", "--format", format, draft]);
    }
    for format in ["table", "json", "csv"] {
        closed_stdout(&["claims", "--format", format, draft]);
        closed_stdout(&["benchmarks", "list", "--format", format]);
        closed_stdout(&["benchmarks", "pools", "--format", format]);
        closed_stdout(&["models", "list", "--format", format]);
        closed_stdout(&["models", "find", "--format", format, draft]);
    }
    closed_stdout(&["explain"]);
    closed_stdout(&["lexicon", "info"]);
    closed_stdout(&["benchmarks", "validate"]);
}

#[test]
fn huge_scan_windows_and_waits_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    for (flag, value, message) in [
        ("--since", "99999999999999d", "window out of range"),
        ("--backoff", "1e300", "--backoff 1e300: must be between 0"),
        ("--delay", "inf", "--delay inf: must be between 0"),
        (
            "--retries",
            "4000000000",
            "--retries 4000000000: must be at most",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_hypecheck"))
            .args([
                "scan",
                "--quiet",
                "--sources",
                "data/sources.toml",
                "--db",
                s(&db),
            ])
            .args([flag, value])
            .output()
            .expect("binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(stderr.contains(message), "{flag} {value}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
