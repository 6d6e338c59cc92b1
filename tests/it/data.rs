//! Model registry, measured outcomes and the `benchmarks` / `models` commands.
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use hypecheck::benchmarks::{
    Access, Benchmarks, BenchmarksError, Dimension, LoadOptions, Winner, SHIPPED_DIMENSIONS,
};
use hypecheck::models::{Registry, Resolution};
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/data")
        .join(name)
}

#[track_caller]
fn day(s: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => d,
        Err(e) => panic!("bad test date {s}: {e}"),
    }
}

#[track_caller]
fn registry() -> Registry {
    match Registry::shipped() {
        Ok(r) => r,
        Err(e) => panic!("shipped registry is invalid:\n{e}"),
    }
}

#[track_caller]
fn shipped(registry: &Registry) -> Benchmarks {
    match Benchmarks::shipped(registry) {
        Ok(b) => b,
        Err(e) => panic!("shipped benchmarks are invalid:\n{e}"),
    }
}

#[track_caller]
fn fixture_data(registry: &Registry) -> Benchmarks {
    match Benchmarks::from_paths(
        &fixture("snapshot.csv"),
        Some(&fixture("dimensions.csv")),
        registry,
        LoadOptions::default(),
    ) {
        Ok(b) => b,
        Err(e) => panic!("fixture invalid:\n{e}"),
    }
}

fn hypecheck() -> Command {
    match Command::cargo_bin("hypecheck") {
        Ok(c) => c,
        Err(e) => panic!("binary not built: {e}"),
    }
}

// ---- shipped data ----

#[test]
fn shipped_data_validates() {
    let r = registry();
    let b = shipped(&r);
    assert!(b.rows().len() >= 128, "all shared rows are kept");
    for row in b.rows() {
        assert!(
            r.model(&row.model).is_some(),
            "line {}: {}",
            row.line,
            row.model
        );
        assert!(!row.model_raw.is_empty(), "line {}", row.line);
        assert!(
            !row.source.trim().is_empty(),
            "line {} has no source",
            row.line
        );
    }
    hypecheck()
        .args(["benchmarks", "validate"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"));
}

#[test]
fn shipped_files_on_disk_validate_through_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    hypecheck()
        .arg("benchmarks")
        .arg("validate")
        .arg(root.join("data/benchmarks.csv"))
        .arg("--models")
        .arg(root.join("data/models.csv"))
        .arg("--dimensions")
        .arg(root.join("data/dimensions.csv"))
        .assert()
        .success();
}

#[test]
fn every_shared_raw_model_name_is_kept_and_mapped() {
    let r = registry();
    let b = shipped(&r);
    let raws: std::collections::HashSet<&str> =
        b.rows().iter().map(|row| row.model_raw.as_str()).collect();
    for name in [
        "Sora 2 (October)",
        "Kling 2.5 Turbo 1080p",
        "Dreamina Seedance 2.0 720p",
    ] {
        assert!(raws.contains(name), "{name}");
    }
    // The raw names that name a release resolve to the mapped id.
    for row in b.rows() {
        if let Some(m) = r.resolve_name(&row.model_raw) {
            let base = r.model(&row.model).and_then(|x| x.variant_of.clone());
            assert!(
                m.id == row.model || Some(&m.id) == base.as_ref(),
                "line {}: `{}` resolves to {} but is mapped to {}",
                row.line,
                row.model_raw,
                m.id,
                row.model
            );
        }
    }
}

#[test]
fn every_benchmark_with_a_pool_maps_to_a_dimension() {
    let r = registry();
    let b = shipped(&r);
    for row in b.rows().iter().filter(|row| row.pool.is_some()) {
        assert!(
            !b.dimensions_of(&row.benchmark).is_empty(),
            "line {}: `{}` maps to no dimension",
            row.line,
            row.benchmark
        );
    }
}

// ---- validation errors ----

#[test]
fn bad_file_reports_every_problem_with_its_line() {
    let r = registry();
    let err = Benchmarks::from_paths(&fixture("bad.csv"), None, &r, LoadOptions::default()).err();
    let Some(BenchmarksError::Invalid(problems)) = err else {
        panic!("expected validation problems, got {err:?}");
    };
    let lines: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 5, "{lines:?}");
    assert!(problems[0].message.contains("unknown model id `sora-3`"));
    assert_eq!(problems[0].line, 2);
    assert!(problems[1].message.contains("bad number"));
    assert_eq!(problems[1].line, 3);
    assert!(problems[2].message.contains("bad date"));
    assert_eq!(problems[2].line, 4);
    assert!(problems[3].message.contains("missing source"));
    assert_eq!(problems[3].line, 5);
    assert!(problems[4].message.contains("bad boolean"));
    assert_eq!(problems[4].line, 6);
}

#[test]
fn validate_cli_lists_all_problems_and_exits_2() {
    let bad = fixture("bad.csv");
    let name = bad.display().to_string();
    hypecheck()
        .args(["benchmarks", "validate"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{name}:2: unknown model id"
        )))
        .stderr(predicate::str::contains(format!("{name}:3: bad number")))
        .stderr(predicate::str::contains(format!("{name}:4: bad date")))
        .stderr(predicate::str::contains(format!(
            "{name}:5: missing source"
        )))
        .stderr(predicate::str::contains(format!("{name}:6: bad boolean")))
        .stderr(predicate::str::contains("5 problems found"));
}

#[test]
fn unknown_dimension_in_the_map_is_an_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dims = dir.path().join("dims.csv");
    std::fs::write(
        &dims,
        "benchmark,dimension,strength,notes\nArena*,beauty,direct,\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    hypecheck()
        .args(["benchmarks", "validate"])
        .arg(fixture("snapshot.csv"))
        .arg("--dimensions")
        .arg(&dims)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "dims.csv:2: unknown dimension `beauty`",
        ));
}

// ---- mention finding ----

fn mentions(text: &str, date: Option<&str>) -> Vec<(String, Option<String>, Resolution)> {
    registry()
        .find_mentions_at(text, date.map(day))
        .into_iter()
        .map(|m| (m.text, m.model, m.resolution))
        .collect()
}

fn m(text: &str, model: &str, resolution: Resolution) -> (String, Option<String>, Resolution) {
    (text.to_string(), Some(model.to_string()), resolution)
}

#[test]
fn german_headline_with_possessive_vendors() {
    assert_eq!(
        mentions("OpenAIs Sora 2 schlägt Googles Veo 3.1", None),
        vec![
            m("Sora 2", "sora-2", Resolution::Explicit),
            m("Veo 3.1", "veo-3.1", Resolution::Explicit),
        ]
    );
    assert_eq!(
        mentions("OpenAI's Sora 2 vs. Google Veo 3.1", None),
        vec![
            m("Sora 2", "sora-2", Resolution::Explicit),
            // A vendor name that is part of an alias ("Google Veo") is part of the span.
            m("Google Veo 3.1", "veo-3.1", Resolution::Explicit),
        ]
    );
}

#[test]
fn kling_ai_with_version_and_variant() {
    assert_eq!(
        mentions("Kling AI 2.5 Turbo delivers cinematic motion.", None),
        vec![m(
            "Kling AI 2.5 Turbo",
            "kling-2.5-turbo",
            Resolution::Explicit
        )]
    );
    assert_eq!(
        mentions("Kling 2.5 Turbo", None),
        vec![m(
            "Kling 2.5 Turbo",
            "kling-2.5-turbo",
            Resolution::Explicit
        )]
    );
}

#[test]
fn glued_and_hyphenated_spellings() {
    for text in ["Sora2 ist da.", "Das Sora-2-Modell", "Sora 2 ist da."] {
        let found = mentions(text, None);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].1.as_deref(), Some("sora-2"), "{text}");
    }
    assert_eq!(
        mentions("Veo-3 und Runway Gen 4 und Gen-4", None),
        vec![
            m("Veo-3", "veo-3", Resolution::Explicit),
            m("Runway Gen 4", "runway-gen-4", Resolution::Explicit),
            m("Gen-4", "runway-gen-4", Resolution::Explicit),
        ]
    );
}

#[test]
fn longest_match_wins() {
    assert_eq!(
        mentions("Sora 2 Pro renders longer clips than Sora 2.", None),
        vec![
            m("Sora 2 Pro", "sora-2-pro", Resolution::Explicit),
            m("Sora 2", "sora-2", Resolution::Explicit),
        ]
    );
}

#[test]
fn veo_3_1_is_not_veo_3() {
    assert_eq!(
        mentions("Veo 3.1 ersetzt Veo 3.", None),
        vec![
            m("Veo 3.1", "veo-3.1", Resolution::Explicit),
            m("Veo 3", "veo-3", Resolution::Explicit),
        ]
    );
    let unknown = mentions("Veo 3.10 gibt es nicht.", None);
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].1, None);
    assert_eq!(unknown[0].2, Resolution::UnknownVersion);
}

#[test]
fn wann_and_want_are_not_wan() {
    assert!(mentions("Wann kommt das Update? I want it now.", None).is_empty());
    assert_eq!(
        mentions("Wann kommt Wan 2.5?", None),
        vec![m("Wan 2.5", "wan-2.5", Resolution::Explicit)]
    );
}

#[test]
fn bare_sora_resolves_nearby_or_latest_at_date() {
    // An earlier explicit version decides, whatever the date.
    assert_eq!(
        mentions(
            "Sora Turbo war 2024 neu. Heute kann Sora mehr.",
            Some("2025-11-01")
        ),
        vec![
            m("Sora Turbo", "sora-turbo", Resolution::Explicit),
            m("Sora", "sora-turbo", Resolution::Nearby),
        ]
    );
    // Without an earlier version, the text's date decides.
    assert_eq!(
        mentions("Sora kann jetzt Videos mit Ton.", Some("2025-03-01")),
        vec![m("Sora", "sora-1", Resolution::LatestAtDate)]
    );
    assert_eq!(
        mentions("Sora kann jetzt Videos mit Ton.", Some("2025-11-01")),
        vec![m("Sora", "sora-2", Resolution::LatestAtDate)]
    );
    // No date and no earlier version: unresolved, the family is still named.
    let found = registry().find_mentions("Sora kann jetzt Videos mit Ton.");
    assert_eq!(found[0].family, "sora");
    assert_eq!(found[0].resolution, Resolution::Unresolved);
}

#[test]
fn models_find_cli_prints_line_col_and_resolution() {
    hypecheck()
        .args(["models", "find"])
        .arg(fixture("article.de.txt"))
        .args(["--date", "2025-11-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            ":1:9: Sora 2 -> sora-2 (explicit)",
        ))
        .stdout(predicate::str::contains(
            ":2:1: Sora-2 -> sora-2 (explicit)",
        ))
        .stdout(predicate::str::contains(
            ":2:40: Sora 2 Pro -> sora-2-pro (explicit)",
        ))
        .stdout(predicate::str::contains(
            ":3:12: Wan 2.5 -> wan-2.5 (explicit)",
        ))
        .stdout(predicate::str::contains(
            "Kling AI 2.5 Turbo -> kling-2.5-turbo (explicit)",
        ))
        .stdout(predicate::str::contains("Sora -> sora-2-pro (nearby)"))
        .stdout(predicate::str::contains("Wann").not());
}

#[test]
fn models_list_json_has_every_entry() {
    let out = hypecheck()
        .args(["models", "list", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let n = v.as_array().map_or(0, Vec::len);
    assert_eq!(n, registry().entries().len());
}

// ---- as-of look-ups ----

#[test]
fn the_same_comparison_follows_each_dates_snapshot() {
    let r = registry();
    let b = shipped(&r);
    // January 2026 snapshot: Kling 2.5 Turbo 1227 vs Veo 3.1 Fast (Preview) 1226.
    let jan = b.compare(
        "kling-2.5-turbo",
        "veo-3.1-fast",
        Dimension::Overall,
        day("2026-03-01"),
    );
    let Some(jan) = jan else {
        panic!("no January comparison")
    };
    assert_eq!(jan.a.pool, "aa-t2v-2026-01");
    assert_eq!(jan.winner, Winner::A);
    // August 2026 snapshot: 1197.8 vs 1209.7.
    let aug = b.compare(
        "kling-2.5-turbo",
        "veo-3.1-fast",
        Dimension::Overall,
        day("2026-08-10"),
    );
    let Some(aug) = aug else {
        panic!("no August comparison")
    };
    assert_eq!(aug.a.pool, "aa-t2v-2026-08-06");
    assert_eq!(aug.winner, Winner::B);
    assert!((aug.gap - 11.9).abs() < 1e-6);
    // Nothing was measured before the January snapshot.
    assert!(b
        .compare(
            "kling-2.5-turbo",
            "veo-3.1-fast",
            Dimension::Overall,
            day("2025-12-31")
        )
        .is_none());
}

#[test]
fn fixture_comparison_changes_with_the_snapshot() {
    let r = registry();
    let b = fixture_data(&r);
    let march = b.compare("sora-2", "veo-3", Dimension::Overall, day("2026-04-01"));
    let june = b.compare("sora-2", "veo-3", Dimension::Overall, day("2026-07-01"));
    assert_eq!(march.map(|c| c.winner), Some(Winner::B));
    assert_eq!(june.map(|c| c.winner), Some(Winner::A));
    // A month date counts from the month's last day.
    assert!(b
        .compare("sora-2", "veo-3", Dimension::Overall, day("2026-06-15"))
        .is_some_and(|c| c.a.pool == "test-arena-2026-03-01"));
}

#[test]
fn reality_score_of_a_small_snapshot_by_hand() {
    // Pool test-arena-2026-03-01 as of 2026-04-01, higher is better, each model once with its
    // best row: veo-3 1300, sora-2 1200 (December beats October 1190), kling-3.0 1200,
    // wan-2.2 1100; n = 4.
    //   veo-3:     3 below, 0 tied → 3/3 · 100 = 100, rank 1
    //   sora-2:    1 below, 1 tied → 1.5/3 · 100 = 50, rank 2
    //   kling-3.0: same as sora-2
    //   wan-2.2:   0 below → 0, rank 4
    let r = registry();
    let b = fixture_data(&r);
    let date = day("2026-04-01");
    let score = |model: &str| {
        b.reality(model, date, Dimension::Overall)
            .map(|s| (s.percentile, s.standing.rank, s.standing.n))
    };
    assert_eq!(score("veo-3"), Some((100.0, 1, 4)));
    assert_eq!(score("sora-2"), Some((50.0, 2, 4)));
    assert_eq!(score("kling-3.0"), Some((50.0, 2, 4)));
    assert_eq!(score("wan-2.2"), Some((0.0, 4, 4)));
    let sora = b.reality("sora-2", date, Dimension::Overall);
    assert_eq!(
        sora.map(|s| s.standing.evidence.model_raw.clone())
            .as_deref(),
        Some("Sora 2 (December)")
    );
    // Only overall has a ranked pool, so the overall reality is the overall percentile.
    assert_eq!(
        b.reality_summary("sora-2", date).map(|s| s.overall),
        Some(50.0)
    );
    // In June a newer two-model snapshot decides.
    let june = b.reality("veo-3", day("2026-07-01"), Dimension::Overall);
    assert_eq!(
        june.map(|s| (s.percentile, s.standing.pool)),
        Some((0.0, "test-arena-2026-06"))
    );
}

#[test]
fn best_on_and_rank_of() {
    let r = registry();
    let b = fixture_data(&r);
    let best = b.best_on(Dimension::Overall, day("2026-04-01"));
    assert_eq!(best.map(|s| s.model), Some("veo-3"));
    let rank = b.rank_of("wan-2.2", Dimension::Overall, day("2026-04-01"));
    assert_eq!(rank.map(|s| (s.rank, s.n)), Some((4, 4)));
    assert!(b
        .rank_of("wan-2.2", Dimension::Physics, day("2026-04-01"))
        .is_none());
}

#[test]
fn facts_and_access_respect_the_date() {
    let r = registry();
    let b = fixture_data(&r);
    let before = b.facts("sora-2", Dimension::Duration, day("2026-01-01"));
    assert!(before.known.is_empty());
    assert_eq!(before.later.len(), 1);
    let after = b.facts("sora-2", Dimension::Duration, day("2026-02-01"));
    assert_eq!(after.known.len(), 1);
    assert!(matches!(
        b.access("sora-2", day("2026-09-01")),
        Access::Unknown
    ));
    assert!(matches!(
        b.access("sora-2", day("2026-09-24")),
        Access::ShutDown { .. }
    ));
    // The shipped data knows the real shutdown too.
    let shipped = shipped(&r);
    assert!(matches!(
        shipped.access("sora-2-pro", day("2026-10-01")),
        Access::ShutDown { .. }
    ));
}

#[test]
fn list_as_of_filters_by_date() {
    let out = hypecheck()
        .args([
            "benchmarks",
            "list",
            "--format",
            "json",
            "--as-of",
            "2026-04-01",
        ])
        .arg("--data")
        .arg(fixture("snapshot.csv"))
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v.as_array().map_or(0, Vec::len), 6);
}

// ---- import ----

fn copy_fixture_to(dir: &Path) -> PathBuf {
    let into = dir.join("benchmarks.csv");
    std::fs::copy(fixture("snapshot.csv"), &into).unwrap_or_else(|e| panic!("{e}"));
    into
}

#[test]
fn import_skips_and_reports_duplicates() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let into = copy_fixture_to(dir.path());
    let before = std::fs::read_to_string(&into).unwrap_or_else(|e| panic!("{e}"));
    hypecheck()
        .args(["benchmarks", "import"])
        .arg(fixture("import_new.csv"))
        .arg("--into")
        .arg(&into)
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .assert()
        .success()
        .stderr(predicate::str::contains("import_new.csv:2: duplicate of"))
        .stdout(predicate::str::contains("added 1 row(s)"));
    let after = std::fs::read_to_string(&into).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        after.starts_with(&before),
        "existing rows are kept byte for byte"
    );
    assert!(
        after.contains("Kling 3.0 1080p (Pro),kling-3.0,"),
        "{after}"
    );
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    // The merged file validates, and a second import adds nothing.
    hypecheck()
        .args(["benchmarks", "import"])
        .arg(fixture("import_new.csv"))
        .arg("--into")
        .arg(&into)
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("added 0 row(s)"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn invalid_import_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let into = copy_fixture_to(dir.path());
    let before = std::fs::read(&into).unwrap_or_else(|e| panic!("{e}"));
    hypecheck()
        .args(["benchmarks", "import"])
        .arg(fixture("import_bad.csv"))
        .arg("--into")
        .arg(&into)
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "import_bad.csv:3: bad number `n/a`",
        ));
    let after = std::fs::read(&into).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(before, after);
}

#[test]
fn import_that_breaks_a_pool_is_refused() {
    // Valid on its own, but the merged file would mix units in one pool.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let into = copy_fixture_to(dir.path());
    let new = dir.path().join("new.csv");
    std::fs::write(
        &new,
        "model_raw,model,benchmark,metric,value,unit,higher_is_better,date,source,kind,pool,secondary,notes\n\
         Wan 2.2,wan-2.2,Test Arena text-to-video,score,80,%,true,2026-06,https://example.org/x,measurement,test-arena-2026-06,false,\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&into).unwrap_or_else(|e| panic!("{e}"));
    hypecheck()
        .args(["benchmarks", "import"])
        .arg(&new)
        .arg("--into")
        .arg(&into)
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(after merge)"))
        .stderr(predicate::str::contains("mixes unit"));
    assert_eq!(
        before,
        std::fs::read(&into).unwrap_or_else(|e| panic!("{e}"))
    );
}

#[test]
fn dimension_map_is_data() {
    // Every rule in the shipped map names a known dimension (parsing would fail otherwise),
    // and price is lower-is-better wherever it is pooled.
    assert!(SHIPPED_DIMENSIONS.contains("price"));
    let r = registry();
    let b = shipped(&r);
    for row in b.rows() {
        if row.pool.is_some() && b.strength(row, Dimension::Price).is_some() {
            assert_eq!(row.higher_is_better, Some(false), "line {}", row.line);
        }
    }
}

// ---- output schema and robustness ----

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FoundJson {
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: String,
    family: String,
    model: Option<String>,
    resolution: String,
}

#[test]
fn models_find_json_schema_is_pinned() {
    let out = hypecheck()
        .args([
            "models",
            "find",
            "-",
            "--format",
            "json",
            "--date",
            "2026-01-01",
        ])
        .write_stdin("Veo ist gut.\nAber Sora 2 Pro?")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let found: Vec<FoundJson> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].line, found[0].column), (1, 1));
    assert_eq!(found[0].resolution, "latest-at-date");
    assert_eq!(found[0].model.as_deref(), Some("veo-3.1"));
    assert_eq!((found[1].line, found[1].column), (2, 6));
    assert_eq!(found[1].model.as_deref(), Some("sora-2-pro"));
}

proptest::proptest! {
    #[test]
    fn mentions_are_ordered_disjoint_char_boundary_spans(text in "\\PC{0,200}") {
        let r = registry();
        let found = r.find_mentions_at(&text, Some(day("2026-01-01")));
        let mut last_end = 0;
        for m in &found {
            proptest::prop_assert!(m.start >= last_end && m.start < m.end && m.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            proptest::prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            last_end = m.end;
        }
    }

    #[test]
    fn model_names_in_noise_are_found(prefix in "[a-z ,.]{0,20}", suffix in "[ ,.!?][a-z ,.]{0,20}") {
        let text = format!("{prefix} Sora 2 Pro{suffix}");
        let found = registry().find_mentions(&text);
        proptest::prop_assert!(found.iter().any(|m| m.model.as_deref() == Some("sora-2-pro")), "{:?}", found);
    }
}

#[test]
fn pools_cli_ranks_the_fixture_snapshot() {
    hypecheck()
        .args([
            "benchmarks",
            "pools",
            "--as-of",
            "2026-04-01",
            "--format",
            "csv",
        ])
        .arg("--data")
        .arg(fixture("snapshot.csv"))
        .arg("--dimensions")
        .arg(fixture("dimensions.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "test-arena-2026-03-01,2026-03-01,2,4,sora-2,Sora 2 (December),1200,Elo,50.0,",
        ))
        .stdout(predicate::str::contains("test-arena-2026-06").not());
}

#[test]
fn price_does_not_lift_the_overall_reality_score() {
    // Seedance 1.5 Pro, February 2026: rank 6/7 on the January arena (16.7) but the cheapest
    // of four on price (100). Overall reality stays the arena percentile.
    let r = registry();
    let b = shipped(&r);
    let date = day("2026-02-15");
    let price = b.reality("seedance-1.5", date, Dimension::Price);
    assert_eq!(price.map(|s| s.percentile), Some(100.0));
    let summary = b.reality_summary("seedance-1.5", date);
    let overall = summary.map(|s| (s.overall * 10.0).round() / 10.0);
    assert_eq!(overall, Some(16.7));
}
