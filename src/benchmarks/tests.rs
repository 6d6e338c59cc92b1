use super::*;
use crate::models::Registry;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    match parse_cli_date(s) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

fn registry() -> Registry {
    match Registry::shipped() {
        Ok(r) => r,
        Err(e) => panic!("shipped registry is invalid:\n{e}"),
    }
}

fn shipped(registry: &Registry) -> Benchmarks {
    match Benchmarks::shipped(registry) {
        Ok(b) => b,
        Err(e) => panic!("shipped benchmarks are invalid:\n{e}"),
    }
}

const HEADER: &str = "model_raw,model,benchmark,metric,value,unit,higher_is_better,date,source,kind,pool,secondary,note\n";

fn fixture(rows: &str, registry: &Registry) -> Benchmarks {
    let text = format!("{HEADER}{rows}");
    match Benchmarks::parse(
        &text,
        "fixture.csv",
        SHIPPED_DIMENSIONS,
        SHIPPED_DIMENSIONS_LABEL,
        registry,
        LoadOptions::default(),
    ) {
        Ok(b) => b,
        Err(e) => panic!("fixture invalid:\n{e}"),
    }
}

#[test]
fn reality_score_by_hand() {
    // Four models, higher is better: 1300 > 1200 = 1200 > 1100.
    // veo-3: 3 below, 0 tied → 3/3·100 = 100; rank 1.
    // sora-2, kling-3.0: 1 below, 1 tied → (1 + 0.5)/3·100 = 50; rank 2.
    // wan-2.2: 0 below → 0; rank 4.
    let r = registry();
    let b = fixture(
        "Veo 3,veo-3,Arena text-to-video,Elo,1300,Elo,true,2026-03-01,https://example.org/s,measurement,p,false,\n\
         Sora 2,sora-2,Arena text-to-video,Elo,1200,Elo,true,2026-03-01,https://example.org/s,measurement,p,false,\n\
         Kling 3.0,kling-3.0,Arena text-to-video,Elo,1200,Elo,true,2026-03-01,https://example.org/s,measurement,p,false,\n\
         Wan 2.2,wan-2.2,Arena text-to-video,Elo,1100,Elo,true,2026-03-01,https://example.org/s,measurement,p,false,\n",
        &r,
    );
    let dims = format!(
        "{}LMArena*,overall,direct,\nArena*,overall,direct,\n",
        "benchmark,dimension,strength,notes\n"
    );
    let b = Benchmarks {
        rows: b.rows,
        rules: parse_dimensions(&dims, "d.csv").unwrap_or_default(),
    };
    let date = day("2026-03-02");
    let score = |m: &str| {
        b.reality(m, date, Dimension::Overall)
            .map(|s| (s.percentile, s.standing.rank, s.standing.n))
    };
    assert_eq!(score("veo-3"), Some((100.0, 1, 4)));
    assert_eq!(score("sora-2"), Some((50.0, 2, 4)));
    assert_eq!(score("kling-3.0"), Some((50.0, 2, 4)));
    assert_eq!(score("wan-2.2"), Some((0.0, 4, 4)));
    // Before the snapshot nothing was known.
    assert!(b
        .reality("veo-3", day("2026-02-28"), Dimension::Overall)
        .is_none());
    let summary = b.reality_summary("sora-2", date);
    assert_eq!(summary.map(|s| s.overall), Some(50.0));
}

#[test]
fn lower_is_better_ranks_cheapest_first() {
    let r = registry();
    let b = shipped(&r);
    let s = b.rank_of("seedance-1.5", Dimension::Price, day("2026-02-01"));
    let s = s.map(|s| (s.pool, s.rank, s.n, s.percentile));
    assert_eq!(s, Some(("aa-price-per-min-2026-01", 1, 4, 100.0)));
}

#[test]
fn comparison_follows_the_snapshot_of_the_date() {
    let r = registry();
    let b = shipped(&r);
    let feb = b.compare(
        "kling-2.5-turbo",
        "veo-3.1-fast",
        Dimension::Overall,
        day("2026-02-15"),
    );
    let aug = b.compare(
        "kling-2.5-turbo",
        "veo-3.1-fast",
        Dimension::Overall,
        day("2026-08-10"),
    );
    let feb = feb.map(|c| (c.a.pool, c.winner));
    let aug = aug.map(|c| (c.a.pool, c.winner));
    assert_eq!(feb, Some(("aa-t2v-2026-01", Winner::A)));
    assert_eq!(aug, Some(("aa-t2v-2026-08-06", Winner::B)));
    assert!(b
        .compare(
            "kling-2.5-turbo",
            "veo-3.1-fast",
            Dimension::Overall,
            day("2025-12-31")
        )
        .is_none());
    let k = "kling-2.5-turbo";
    let v = "veo-3.1-fast";
    let later = b.changed_later(k, v, Dimension::Overall, day("2026-02-15"));
    assert_eq!(later.map(|c| c.winner), Some(Winner::B));
    assert!(b
        .changed_later(k, v, Dimension::Overall, day("2026-08-10"))
        .is_none());
}

#[test]
fn best_on_overall_is_the_leader_of_the_latest_snapshot() {
    let r = registry();
    let b = shipped(&r);
    assert_eq!(
        b.best_on(Dimension::Overall, day("2026-02-01"))
            .map(|s| s.model),
        Some("grok-imagine-video")
    );
    let realism = b.best_on(Dimension::Realism, day("2026-09-01"));
    assert_eq!(
        realism.map(|s| (s.model, s.strength)),
        Some(("gemini-omni-flash", Some(Strength::Proxy)))
    );
    assert_eq!(
        b.best_on(Dimension::Overall, day("2026-09-01"))
            .map(|s| s.model),
        Some("gemini-omni-flash")
    );
}

#[test]
fn physics_pool_accumulates_entries() {
    let r = registry();
    let b = shipped(&r);
    // 2025-02-19: Gen 3, VideoPoet, Lumiere, SVD, Pika, Sora (last).
    let early = b.rank_of("sora-1", Dimension::Physics, day("2025-03-01"));
    assert_eq!(early.map(|s| (s.rank, s.n)), Some((6, 6)));
    // + Magi-1, Magi-1 + WMReward, CogVideoX-5b, Sora 2 (+ WMReward), Wan 2.2 (+ WMReward).
    let late = b.rank_of("sora-1", Dimension::Physics, day("2026-05-01"));
    assert_eq!(late.map(|s| (s.rank, s.n)), Some((13, 13)));
}

#[test]
fn sora_2_access_ends_with_the_shutdown() {
    let r = registry();
    let b = shipped(&r);
    assert!(matches!(
        b.access("sora-2", day("2025-10-01")),
        Access::Unknown
    ));
    assert!(matches!(
        b.access("sora-2", day("2025-12-01")),
        Access::Available { .. }
    ));
    assert!(matches!(
        b.access("sora-2", day("2026-10-01")),
        Access::ShutDown { .. }
    ));
    assert!(matches!(
        b.access("veo-3.1", day("2026-10-01")),
        Access::Unknown
    ));
}

#[test]
fn facts_split_by_date() {
    let r = registry();
    let b = shipped(&r);
    let f = b.facts("sora-2", Dimension::Duration, day("2026-01-01"));
    assert!(f.known.is_empty());
    assert_eq!(f.undated.len(), 1);
    let audio = b.facts("veo-3", Dimension::Audio, day("2026-06-01"));
    assert_eq!(
        audio.known.first().map(|r| &r.value),
        Some(&Value::Bool(true))
    );
    let later = b.later(
        "kling-2.5-turbo",
        "Artificial Analysis Video Arena text-to-video",
        day("2026-02-01"),
    );
    assert_eq!(later.len(), 1);
}

#[test]
fn a_source_is_one_url_and_the_legacy_notes_column_is_read_as_note() {
    let r = registry();
    let bad = Benchmarks::parse(
        &format!("{HEADER}Veo 3,veo-3,Arena text-to-video,Elo,1300,Elo,true,2026-03-01,https://example.org/a (copied from a blog),measurement,p,false,\n"),
        "f.csv",
        SHIPPED_DIMENSIONS,
        SHIPPED_DIMENSIONS_LABEL,
        &r,
        LoadOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        bad.starts_with(
            "f.csv:2: source `https://example.org/a (copied from a blog)` is not one URL"
        ),
        "{bad}"
    );
    let legacy = HEADER.replace(",note\n", ",notes\n");
    let b = Benchmarks::parse(
        &format!("{legacy}Veo 3,veo-3,Arena text-to-video,Elo,1300,Elo,true,2026-03-01,https://example.org/a,measurement,p,false,copied from a blog\n"),
        "f.csv",
        SHIPPED_DIMENSIONS,
        SHIPPED_DIMENSIONS_LABEL,
        &r,
        LoadOptions::default(),
    )
    .expect("legacy header is valid");
    assert_eq!(b.rows()[0].note, "copied from a blog");
}
