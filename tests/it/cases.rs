//! CLI cases as data: every `tests/cmd/<case>.toml` names the arguments (and optionally
//! standard input) and the exit status; `<case>.stdout` and `<case>.stderr` beside it hold the
//! whole expected output (a missing `.stderr` means none). A reviewer sees what the user sees.
//!
//! After an intended output change, refresh the files with
//! `HYPECHECK_SNAPSHOTS=overwrite cargo test --test integration cases` and review the diff.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    args: Vec<String>,
    #[serde(default)]
    stdin: Option<String>,
    #[serde(default)]
    status: i32,
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd")
}

/// Runs one case; returns a description of every difference.
fn run_case(toml_path: &Path, overwrite: bool) -> Vec<String> {
    let name = toml_path
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let case: Case = toml::from_str(&std::fs::read_to_string(toml_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_hypecheck"))
        .args(&case.args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("RUST_BACKTRACE")
        .env_remove("HYPECHECK_TOKEN")
        .stdin(if case.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = &case.stdin {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let mut problems = Vec::new();
    let status = out.status.code().unwrap_or(-1);
    if status != case.status {
        problems.push(format!(
            "{name}: exit status {status}, expected {}\nstderr:\n{}",
            case.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    for (ext, got) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let path = toml_path.with_extension(ext);
        let got = String::from_utf8_lossy(got);
        if overwrite {
            if got.is_empty() {
                let _ = std::fs::remove_file(&path);
            } else {
                std::fs::write(&path, got.as_bytes()).unwrap();
            }
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            problems.push(format!(
                "{name}.{ext} differs (HYPECHECK_SNAPSHOTS=overwrite refreshes it)\n--- expected\n{want}\n--- got\n{got}"
            ));
        }
    }
    problems
}

#[test]
fn cli_cases_match_their_expected_output() {
    let overwrite = std::env::var("HYPECHECK_SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the CLI cases are in tests/cmd/");
    let problems: Vec<String> = paths.iter().flat_map(|p| run_case(p, overwrite)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
