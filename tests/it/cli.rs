//! The `hypecheck` binary: formats, exit codes, stdin, several files, bad input, config.
use std::io::Read;
use std::process::{Command, Stdio};

use predicates::prelude::*;
use serde::Deserialize;

use crate::util::{bin, fixture};

// Mirror of the JSON schema (docs/json-schema.md); unknown fields fail the test.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonDoc {
    schema_version: u32,
    tool: JsonTool,
    lexicon: JsonLexicon,
    hype_index: f64,
    discourse_index: f64,
    words: usize,
    findings: Vec<JsonFinding>,
    set_aside: Vec<JsonFinding>,
    claims: Vec<JsonClaim>,
    files: Vec<JsonFile>,
    errors: Vec<JsonError>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct JsonClaim {
    pub(crate) path: String,
    pub(crate) level: String,
    pub(crate) rule: String,
    #[serde(flatten)]
    pub(crate) claim: ClaimRow,
}
/// One claim as `hypecheck claims --format json` and `check --format json` print it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct ClaimRow {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
    pub(crate) subject: Option<String>,
    pub(crate) subject_text: String,
    pub(crate) resolution: String,
    pub(crate) objects: Vec<String>,
    pub(crate) objects_from: String,
    pub(crate) relation: String,
    pub(crate) dimension: String,
    pub(crate) polarity: String,
    pub(crate) stance: String,
    pub(crate) stance_reason: String,
    pub(crate) authors: bool,
    pub(crate) cue: String,
    pub(crate) quantity: Option<serde_json::Value>,
    pub(crate) region: Option<String>,
    pub(crate) verdict: String,
    pub(crate) reason: String,
    pub(crate) date: String,
    pub(crate) evidence: Vec<EvidenceRow>,
    pub(crate) later: Option<LaterRow>,
    pub(crate) stale: Option<StaleRow>,
    pub(crate) sentence: String,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct EvidenceRow {
    pub(crate) model: String,
    pub(crate) benchmark: String,
    pub(crate) metric: String,
    pub(crate) value: String,
    pub(crate) unit: String,
    pub(crate) date: String,
    pub(crate) pool: Option<String>,
    pub(crate) rank: Option<usize>,
    pub(crate) n: Option<usize>,
    pub(crate) snapshot: Option<String>,
    pub(crate) strength: Option<String>,
    pub(crate) source: String,
    pub(crate) secondary: bool,
    pub(crate) note: String,
    pub(crate) line: u64,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct StaleRow {
    pub(crate) newest: String,
    pub(crate) age_days: i64,
    pub(crate) max_age_days: u32,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct LaterRow {
    pub(crate) date: String,
    pub(crate) verdict: String,
    pub(crate) reason: String,
    pub(crate) evidence: Vec<EvidenceRow>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonTool {
    name: String,
    version: String,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonLexicon {
    version: String,
    hash: String,
    origin: String,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonFinding {
    path: String,
    level: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: String,
    term: String,
    category: String,
    stance: String,
    reason: String,
    weight: f64,
    counted: f64,
    sentence: String,
    suggestion: String,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonFile {
    path: String,
    lang: String,
    words: usize,
    hype_index: f64,
    density: f64,
    discourse_index: f64,
    counts: JsonCounts,
    suppressed: usize,
    above_threshold: bool,
    warnings: Vec<String>,
    date: Option<String>,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonCounts {
    endorsed: usize,
    hedged: usize,
    quoted: usize,
    negated: usize,
    questioned: usize,
}
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonError {
    path: String,
    message: String,
}

fn json_of(args: &[&str]) -> (JsonDoc, i32) {
    let out = bin().args(args).output().expect("runs");
    let doc: JsonDoc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON parses: {e}\n{}", String::from_utf8_lossy(&out.stdout)));
    (doc, out.status.code().unwrap_or(-1))
}

#[test]
fn text_output_is_compiler_style_with_a_summary() {
    bin()
        .args(["check", "tests/fixtures/drafts/hyped.de.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "tests/fixtures/drafts/hyped.de.md:1:11: warning[industry-killer]: \"Hollywood kann einpacken\" is endorsed hype — consider",
        ))
        .stdout(predicate::str::contains("tests/fixtures/drafts/hyped.de.md: Hype Index"));
}

#[test]
fn json_output_matches_the_documented_schema() {
    let (doc, code) = json_of(&[
        "check",
        "--format",
        "json",
        "--show-all",
        "tests/fixtures/sora2-hype.de.txt",
    ]);
    assert_eq!(code, 0);
    assert_eq!(doc.schema_version, 2);
    assert_eq!(doc.tool.name, "hypecheck");
    assert_eq!(doc.files.len(), 1);
    assert_eq!(doc.hype_index, doc.files[0].hype_index);
    assert!(doc.hype_index < 15.0);
    let g = doc
        .findings
        .iter()
        .find(|f| f.text == "Gamechanger")
        .expect("quoted hit listed with --show-all");
    assert_eq!(
        (g.line, g.column, g.stance.as_str(), g.level.as_str()),
        (1, 138, "quoted", "info")
    );
    // Without --show-all only endorsed and hedged findings are listed.
    let (doc, _) = json_of(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/sora2-hype.de.txt",
    ]);
    assert!(doc
        .findings
        .iter()
        .all(|f| f.stance == "endorsed" || f.stance == "hedged"));
}

#[test]
fn set_aside_hits_are_listed_with_show_all_and_never_counted() {
    // Praise of a person is not praise of the AI: the sense check sets it aside.
    for (lang, text, word) in [
        (
            "de",
            "Die preisgekrönte Regisseurin testete Sora 2 eine Woche lang.\n",
            "preisgekrönte",
        ),
        (
            "en",
            "The award-winning director tested Sora 2 for a week.\n",
            "award-winning",
        ),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(format!("draft.{lang}.txt"));
        std::fs::write(&path, text).expect("write");
        let p = path.to_str().expect("utf-8 path");
        let (doc, code) = json_of(&["check", "--format", "json", "--show-all", p]);
        assert_eq!(code, 0);
        let f = doc
            .set_aside
            .iter()
            .find(|f| f.text == word)
            .unwrap_or_else(|| panic!("{lang}: {word} set aside in {:?}", doc.set_aside));
        assert_eq!(f.level, "info");
        assert!(f.reason.contains("person"), "{lang}: {}", f.reason);
        assert_eq!(f.counted, 0.0);
        assert_eq!(doc.hype_index, 0.0);
        assert!(doc.findings.iter().all(|g| g.text != word));
        // Not listed without --show-all.
        let (doc, _) = json_of(&["check", "--format", "json", p]);
        assert!(doc.set_aside.is_empty());
        // Text output names the reason.
        let out = bin()
            .args(["check", "--show-all", p])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("info[set-aside]") && stdout.contains(word),
            "{lang}: {stdout}"
        );
    }
}

#[test]
fn sarif_output_has_the_required_fields() {
    let out = bin()
        .args([
            "check",
            "--format",
            "sarif",
            "tests/fixtures/drafts/hyped.en.md",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "hypecheck");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().all(|r| r["id"].is_string()));
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 10);
    for r in results {
        assert!(r["message"]["text"].is_string());
        let id = r["ruleId"].as_str().expect("ruleId");
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], id);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().expect("startLine") >= 1);
        assert!(region["startColumn"].as_u64().expect("startColumn") >= 1);
        // `error` is a contradicted claim (the draft calls Veo 3.1 "the most realistic").
        assert!(["error", "warning", "note", "none"].contains(&r["level"].as_str().expect("level")));
        assert!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }
}

#[test]
fn fail_above_sets_exit_code_one() {
    bin()
        .args([
            "check",
            "--fail-above",
            "40",
            "tests/fixtures/drafts/hyped.en.md",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("above the threshold 40"));
    bin()
        .args([
            "check",
            "--fail-above",
            "40",
            "tests/fixtures/drafts/sober.en.md",
        ])
        .assert()
        .code(0);
    bin()
        .args([
            "check",
            "--fail-above",
            "abc",
            "tests/fixtures/drafts/sober.en.md",
        ])
        .assert()
        .code(2);
}

#[test]
fn reads_standard_input() {
    bin()
        .args(["check", "-"])
        .write_stdin("Sora 2 ist ein echter Gamechanger.")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<stdin>:1:23: warning[revolution]",
        ));
    bin()
        .args(["check", "--format", "json"])
        .write_stdin("<html><body><p>A truly <b>groundbreaking</b> model.</p></body></html>")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"column\": 27"));
}

#[test]
fn several_files_and_a_missing_one() {
    let (doc, code) = json_of(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/drafts/hyped.de.md",
        "tests/fixtures/does-not-exist.md",
        "tests/fixtures/drafts/sober.en.md",
    ]);
    assert_eq!(code, 2, "a missing file is an error");
    assert_eq!(doc.files.len(), 2, "the other files are still checked");
    assert_eq!(doc.errors.len(), 1);
    assert!(doc.errors[0].path.ends_with("does-not-exist.md"));
    assert!(doc.errors[0].message.contains("could not read file"));
    bin()
        .args(["check", "tests/fixtures/does-not-exist.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/does-not-exist.md: could not read file",
        ));
}

#[test]
fn bad_input_gets_clear_messages_and_no_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = |n: &str| dir.path().join(n);
    std::fs::write(p("binary.txt"), b"\x7fELF\x02\x01\x00\x00\x00\x00garbage").expect("write");
    std::fs::write(
        p("latin1.txt"),
        b"Das Modell ist atemberaubend und f\xfcr alle da.",
    )
    .expect("write");
    std::fs::write(p("empty.md"), b"").expect("write");
    let dir_arg = dir.path().to_str().expect("utf-8 path");

    bin()
        .args(["check", dir_arg])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    bin()
        .args(["check", p("binary.txt").to_str().expect("path")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "binary.txt: looks like a binary file",
        ));
    bin()
        .args(["check", p("latin1.txt").to_str().expect("path")])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "invalid UTF-8 at byte 34; decoded lossily",
        ))
        .stdout(predicate::str::contains(
            "\"atemberaubend\" is endorsed hype",
        ));
    bin()
        .args(["check", p("empty.md").to_str().expect("path")])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("empty file"))
        .stdout(predicate::str::contains("Hype Index 0.0"));
}

#[test]
fn a_50_mb_single_line_file_is_analyzed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    // One long line with no sentence end, a hit every few hundred bytes.
    let unit = "Sora 2 ist kein Gamechanger, und Veo 3.1 liefert in unseren Tests saubere Clips mit acht Sekunden Laenge und stabilen Szenen, die Haende bleiben meist intakt, der Ton passt zum Bild und die Kamera folgt den Anweisungen im Prompt recht genau, waehrend Kling 2.5 bei Bewegungen etwas ruhiger wirkt und laengere Szenen erlaubt ";
    let mut s = String::with_capacity(50 * 1024 * 1024 + unit.len());
    while s.len() < 50 * 1024 * 1024 {
        s.push_str(unit);
    }
    std::fs::write(&path, &s).expect("write");
    let out = bin()
        .args([
            "check",
            "--format",
            "json",
            "--show-all",
            path.to_str().expect("path"),
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: JsonDoc = serde_json::from_slice(&out.stdout).expect("json");
    assert!(doc.words > 5_000_000);
    let last = doc.findings.last().expect("findings");
    assert_eq!(last.line, 1);
    assert!(
        last.column > 50_000_000,
        "columns keep counting on one long line"
    );
}

#[test]
fn suppression_comment_silences_the_next_line_and_unused_ones_warn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.md");
    std::fs::write(
        &path,
        "<!-- hypecheck: ignore -->\nDer Titel lautet bewusst: Ein Gamechanger.\n\nDas ist atemberaubend.\n\n<!-- hypecheck: ignore awe -->\nNichts Besonderes hier.\n",
    )
    .expect("write");
    let (doc, _) = json_of(&["check", "--format", "json", path.to_str().expect("path")]);
    let f = &doc.files[0];
    assert_eq!(f.suppressed, 1);
    assert_eq!(doc.findings.len(), 1);
    assert_eq!(doc.findings[0].text, "atemberaubend");
    assert_eq!(
        f.warnings,
        vec!["line 6: unused suppression comment (no hype on this or the next line)"]
    );
}

#[test]
fn config_file_is_found_upward_and_validated() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
    std::fs::write(
        dir.path().join("hypecheck.toml"),
        "fail-above = 30\ndisabled-categories = [\"awe\"]\nlang = \"de\"\n",
    )
    .expect("write");
    let sub = dir.path().join("drafts");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(
        sub.join("a.txt"),
        "Das ist atemberaubend. Ein echter Gamechanger.",
    )
    .expect("write");
    let exe = assert_cmd::cargo::cargo_bin("hypecheck");
    let out = Command::new(&exe)
        .args(["check", "a.txt"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "threshold from the config: {stdout}"
    );
    assert!(
        !stdout.contains("atemberaubend"),
        "awe is disabled: {stdout}"
    );
    let out = Command::new(&exe)
        .args(["check", "--isolated", "a.txt"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("atemberaubend"));
    std::fs::write(dir.path().join("hypecheck.toml"), "fail_above = 30\n").expect("write");
    let out = Command::new(&exe)
        .args(["check", "a.txt"])
        .current_dir(&sub)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hypecheck.toml"));
}

#[test]
fn invalid_lexicon_directory_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for lang in ["de", "en"] {
        std::fs::create_dir(dir.path().join(lang)).expect("mkdir");
        std::fs::write(
            dir.path().join(lang).join("hype.tsv"),
            "term\tcategory\tweight\talternative\nRevolution\trevolution\tviel\tFortschritt\n",
        )
        .expect("write");
    }
    let d = dir.path().to_str().expect("path");
    bin()
        .args(["lexicon", "validate", "--lexicons", d])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "de/hype.tsv:2: weight `viel` is not a number",
        ))
        .stderr(predicate::str::contains(
            "en/hype.tsv:2: weight `viel` is not a number",
        ));
    bin()
        .args([
            "check",
            "--lexicons",
            d,
            "tests/fixtures/drafts/sober.en.md",
        ])
        .assert()
        .code(2);
    bin()
        .args(["lexicon", "validate"])
        .assert()
        .success()
        .stdout(predicate::str::contains("valid"));
}

#[test]
fn explain_prints_rule_docs() {
    bin()
        .args(["explain", "revolution"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sober alternative"));
    bin()
        .args(["explain", "negated"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Revolution, nein"));
    bin().args(["explain", "nonsense"]).assert().code(2);
}

#[test]
fn explain_knows_the_claim_rules_by_their_output_ids() {
    for id in [
        "contradicted-claim",
        "supported-claim",
        "unverifiable-claim",
    ] {
        bin()
            .args(["explain", id])
            .assert()
            .success()
            .stdout(predicate::str::contains(id))
            .stdout(predicate::str::contains("What it flags"));
    }
    bin()
        .arg("explain")
        .assert()
        .success()
        .stdout(predicate::str::contains("Claim rules:"))
        .stdout(predicate::str::contains("contradicted-claim"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let exe = assert_cmd::cargo::cargo_bin("hypecheck");
    let mut child = Command::new(exe)
        .args([
            "check",
            "--show-all",
            "tests/fixtures/drafts/hyped.en.md",
            "tests/fixtures/drafts/hyped.de.md",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = [0u8; 1];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("reads a byte");
    let status = child.wait().expect("exits");
    assert_eq!(status.code(), Some(0));
    let _ = fixture("x");
}
