//! Claims: extraction from real sentences (German and English), verdicts against the shipped
//! benchmark data at different dates, the `claims` command, and claims in `check`.
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use hypecheck::analyze::{Options, Stance};
use hypecheck::benchmarks::{Benchmarks, Dimension};
use hypecheck::claims::{Checker, Cues, Judged, ObjectsFrom, Polarity, Relation, Verdict};
use hypecheck::models::Registry;
use hypecheck::text::Lang;

use crate::cli::ClaimRow;
use crate::util::{analyzer, bin, fixture};

struct Data {
    registry: Registry,
    benchmarks: Benchmarks,
    cues: Cues,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let registry = Registry::shipped().expect("shipped registry is valid");
        let benchmarks = Benchmarks::shipped(&registry).expect("shipped benchmarks are valid");
        let cues = Cues::shipped().expect("shipped claim cues are valid");
        Data {
            registry,
            benchmarks,
            cues,
        }
    })
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// All claims of `text` (analyzed as `lang`) judged as of `date`.
#[track_caller]
fn claims(text: &str, lang: Lang, date: &str) -> Vec<Judged> {
    let d = data();
    let checker = Checker::new(&d.registry, &d.benchmarks, &d.cues);
    let analysis = analyzer().analyze(
        text,
        &Options {
            lang: Some(lang),
            ..Options::default()
        },
    );
    checker.check(text, &analysis, day(date))
}

/// The one claim of `text` with `relation`.
#[track_caller]
fn only(text: &str, lang: Lang, date: &str, relation: Relation) -> Judged {
    let all = claims(text, lang, date);
    let mut found: Vec<Judged> = all
        .iter()
        .filter(|j| j.claim.relation == relation)
        .cloned()
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {relation:?} claim in {text:?}, got {:#?}",
        all.iter()
            .map(|j| (&j.claim.relation, &j.claim.cue, &j.claim.subject.id))
            .collect::<Vec<_>>()
    );
    found.remove(0)
}

fn founding_article() -> String {
    std::fs::read_to_string(fixture("sora2-hype.de.txt")).expect("fixture exists")
}

/// The claim of the founding article whose sentence contains `needle`.
#[track_caller]
fn article_claim<'a>(all: &'a [Judged], needle: &str, relation: Relation) -> &'a Judged {
    let text = founding_article();
    all.iter()
        .find(|j| j.claim.relation == relation && text[j.claim.sentence.clone()].contains(needle))
        .unwrap_or_else(|| panic!("no {relation:?} claim in the sentence with {needle:?}"))
}

#[track_caller]
fn assert_judged(j: &Judged) {
    assert!(
        j.judgment.verdict == Verdict::Unverifiable || !j.judgment.evidence.is_empty(),
        "a supported or contradicted claim cites evidence: {j:#?}"
    );
}

#[test]
fn founding_article_claims_at_its_date_are_honestly_unverifiable() {
    let text = founding_article();
    let all = claims(&text, Lang::De, "2025-10-20");

    let better = article_claim(
        &all,
        "besser als die Vorgängerversion",
        Relation::BetterThan,
    );
    assert_eq!(better.claim.subject.id.as_deref(), Some("sora-2"));
    assert_eq!(better.claim.polarity, Polarity::Positive);
    assert_eq!(better.claim.objects_from, ObjectsFrom::Predecessor);
    assert_eq!(better.claim.objects, ["sora-1"]);
    assert_eq!(better.claim.stance, Stance::Endorsed);
    // No arena had both models by October 2025; the August 2026 snapshot has.
    assert_eq!(better.judgment.verdict, Verdict::Unverifiable);
    let later = better.judgment.later.as_ref().expect("later data decides");
    assert_eq!(later.verdict, Verdict::Supported);

    let kling = article_claim(&all, "stabilsten", Relation::Superlative);
    assert_eq!(kling.claim.subject.id.as_deref(), Some("kling-2.5-turbo"));
    assert_eq!(kling.claim.polarity, Polarity::Positive);
    assert_eq!(kling.claim.objects, ["all"]);
    assert!(kling.claim.is_authors(), "{:?}", kling.claim.reason);
    assert_eq!(kling.judgment.verdict, Verdict::Unverifiable);

    let veo = article_claim(&all, "Textverständlichkeit", Relation::BetterThan);
    assert_eq!(veo.claim.subject.id.as_deref(), Some("veo-3.1"));
    assert_eq!(veo.claim.polarity, Polarity::Positive);
    assert_eq!(veo.claim.dimension, Dimension::PromptAdherence);
    assert_eq!(veo.claim.objects_from, ObjectsFrom::Context);
    assert_eq!(veo.judgment.verdict, Verdict::Unverifiable);

    let sora = article_claim(&all, "fällt qualitativ sichtbar ab", Relation::WorseThan);
    assert_eq!(sora.claim.subject.id.as_deref(), Some("sora-2"));
    assert_eq!(sora.claim.polarity, Polarity::Negative);
    assert_eq!(sora.claim.dimension, Dimension::Overall);
    assert!(sora.claim.objects.contains(&"veo-3.1".to_owned()));
    assert!(sora.claim.objects.contains(&"kling-2.5-turbo".to_owned()));
    assert_eq!(sora.judgment.verdict, Verdict::Unverifiable);

    // "Sora ist kein „Hollywood-Ersatz“": a replacement claim the author rejects.
    let hollywood = article_claim(&all, "Hollywood-Ersatz", Relation::Replacement);
    assert!(!hollywood.claim.is_authors());

    for j in &all {
        assert_judged(j);
    }
}

#[test]
fn founding_article_claims_at_a_later_date_get_data_verdicts() {
    let text = founding_article();
    let all = claims(&text, Lang::De, "2026-09-01");

    let better = article_claim(
        &all,
        "besser als die Vorgängerversion",
        Relation::BetterThan,
    );
    assert_eq!(better.judgment.verdict, Verdict::Supported);

    let kling = article_claim(&all, "stabilsten", Relation::Superlative);
    assert_eq!(kling.judgment.verdict, Verdict::Contradicted);
    let cited: Vec<&str> = kling
        .judgment
        .evidence
        .iter()
        .map(|e| e.model.as_str())
        .collect();
    assert!(cited.contains(&"kling-2.5-turbo"), "{cited:?}");
    assert!(
        kling
            .judgment
            .evidence
            .iter()
            .all(|e| e.rank.is_some() && e.pool.as_deref() == Some("aa-t2v-2026-08-06")),
        "{:#?}",
        kling.judgment.evidence
    );

    let sora = article_claim(&all, "fällt qualitativ sichtbar ab", Relation::WorseThan);
    assert_eq!(sora.judgment.verdict, Verdict::Supported);

    // No prompt-adherence data for Veo 3.1 at any date: never guessed.
    let veo = article_claim(&all, "Textverständlichkeit", Relation::BetterThan);
    assert_eq!(veo.judgment.verdict, Verdict::Unverifiable);
    for j in &all {
        assert_judged(j);
    }
}

#[test]
fn the_same_comparison_follows_each_dates_leaderboard() {
    let s = "Kling 2.5 Turbo schlägt Veo 3.1 Fast.";
    // January 2026 snapshot: 1227 vs 1226 Elo, within the ±10 margin.
    let jan = only(s, Lang::De, "2026-02-01", Relation::BetterThan);
    assert_eq!(jan.claim.objects, ["veo-3.1-fast"]);
    assert_eq!(jan.judgment.verdict, Verdict::Unverifiable);
    assert!(
        jan.judgment.reason.contains("too close to call"),
        "{}",
        jan.judgment.reason
    );
    assert!(
        jan.judgment.reason.contains("aa-t2v-2026-01"),
        "{}",
        jan.judgment.reason
    );
    // August 2026 snapshot: 1197.8 vs 1209.7 — Veo 3.1 Fast ranks above.
    let aug = only(s, Lang::De, "2026-08-10", Relation::BetterThan);
    assert_eq!(aug.judgment.verdict, Verdict::Contradicted);
    assert!(
        aug.judgment.reason.contains("aa-t2v-2026-08-06"),
        "{}",
        aug.judgment.reason
    );
    // At the model's launch there was no snapshot at all.
    let oct = only(s, Lang::De, "2025-10-20", Relation::BetterThan);
    assert_eq!(oct.judgment.verdict, Verdict::Unverifiable);
    assert_eq!(
        oct.judgment.later.as_ref().map(|l| l.verdict),
        Some(Verdict::Contradicted)
    );

    // And the other way round: a clear lead in January, a tie by August.
    let s = "Kling 2.6 beats Wan 2.6 in the arena.";
    let jan = only(s, Lang::En, "2026-02-01", Relation::BetterThan);
    assert_eq!(jan.judgment.verdict, Verdict::Supported);
    let aug = only(s, Lang::En, "2026-08-10", Relation::BetterThan);
    assert_eq!(aug.judgment.verdict, Verdict::Unverifiable);
}

/// (sentence, language, subject, relation, polarity, dimension)
const PATTERNS: &[(&str, Lang, &str, Relation, Polarity, Dimension)] = &[
    // superlative
    (
        "Veo 3.1 ist das beste KI-Videomodell.",
        Lang::De,
        "veo-3.1",
        Relation::Superlative,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Veo 3.1 is the best video model on the market.",
        Lang::En,
        "veo-3.1",
        Relation::Superlative,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Runway Gen-4.5 delivers the most realistic clips we have seen.",
        Lang::En,
        "runway-gen-4.5",
        Relation::Superlative,
        Polarity::Positive,
        Dimension::Realism,
    ),
    (
        "Kling 2.5 liefert die stabilsten, optisch schönsten Ergebnisse.",
        Lang::De,
        "kling-2.5-turbo",
        Relation::Superlative,
        Polarity::Positive,
        Dimension::Motion,
    ),
    (
        "Seedance 2.0 is simply unmatched.",
        Lang::En,
        "seedance-2.0",
        Relation::Superlative,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Luma Ray 2 ist das schwächste Modell im Test.",
        Lang::De,
        "ray-2",
        Relation::Superlative,
        Polarity::Negative,
        Dimension::Overall,
    ),
    // better
    (
        "Sora 2 ist besser als Veo 3.1.",
        Lang::De,
        "sora-2",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Sora 2 is better than Veo 3.1.",
        Lang::En,
        "sora-2",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Kling 3.0 schlägt Veo 3.1 bei der Bewegung.",
        Lang::De,
        "kling-3.0",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Motion,
    ),
    (
        "Wan 2.2 outperforms Sora 2 on physics.",
        Lang::En,
        "wan-2.2",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Physics,
    ),
    (
        "Veo 3.1 liegt vor Sora 2.",
        Lang::De,
        "veo-3.1",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Kling 3.0 beats Veo 3.1.",
        Lang::En,
        "kling-3.0",
        Relation::BetterThan,
        Polarity::Positive,
        Dimension::Overall,
    ),
    // worse
    (
        "Gegenüber Veo 3.1 fällt Sora 2 deutlich ab.",
        Lang::De,
        "sora-2",
        Relation::WorseThan,
        Polarity::Negative,
        Dimension::Overall,
    ),
    (
        "Sora 2 liegt hinter Veo 3.1.",
        Lang::De,
        "sora-2",
        Relation::WorseThan,
        Polarity::Negative,
        Dimension::Overall,
    ),
    (
        "Sora 2 trails Veo 3.1 in the arena.",
        Lang::En,
        "sora-2",
        Relation::WorseThan,
        Polarity::Negative,
        Dimension::Overall,
    ),
    (
        "Kling 3.0 lags behind Seedance 2.0.",
        Lang::En,
        "kling-3.0",
        Relation::WorseThan,
        Polarity::Negative,
        Dimension::Overall,
    ),
    // capability
    (
        "Bei Sora 2 ist die Physik perfekt.",
        Lang::De,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Physics,
    ),
    (
        "Sora 2 generates native audio.",
        Lang::En,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Audio,
    ),
    (
        "Veo 3 erzeugt synchronen Ton gleich mit.",
        Lang::De,
        "veo-3",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Audio,
    ),
    (
        "Sora 2 erzeugt Clips bis zu 25 Sekunden.",
        Lang::De,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Duration,
    ),
    (
        "Veo 3 renders clips up to 20 seconds long.",
        Lang::En,
        "veo-3",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Duration,
    ),
    (
        "Veo 3.1 now renders in 4K.",
        Lang::En,
        "veo-3.1",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Resolution,
    ),
    (
        "Sora 2 liefert Videos in 4K.",
        Lang::De,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Resolution,
    ),
    (
        "Sora 2 ist jetzt in Europa verfügbar.",
        Lang::De,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Access,
    ),
    (
        "Sora 2 is now available in the EU.",
        Lang::En,
        "sora-2",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Access,
    ),
    (
        "Veo 3.1 Lite ist erstaunlich günstig.",
        Lang::De,
        "veo-3.1-lite",
        Relation::Capability,
        Polarity::Positive,
        Dimension::Price,
    ),
    // replacement
    (
        "Hollywood kann einpacken, denn Veo 3.1 ist da.",
        Lang::De,
        "veo-3.1",
        Relation::Replacement,
        Polarity::Positive,
        Dimension::Overall,
    ),
    (
        "Runway Gen-4.5 replaces film crews.",
        Lang::En,
        "runway-gen-4.5",
        Relation::Replacement,
        Polarity::Positive,
        Dimension::Overall,
    ),
];

#[test]
fn every_pattern_is_found_in_german_and_english() {
    for &(s, lang, subject, relation, polarity, dimension) in PATTERNS {
        let j = only(s, lang, "2026-08-10", relation);
        assert_eq!(
            j.claim.subject.id.as_deref(),
            Some(subject),
            "subject in {s:?}"
        );
        assert_eq!(j.claim.polarity, polarity, "polarity in {s:?}");
        assert_eq!(j.claim.dimension, dimension, "dimension in {s:?}");
        assert!(
            j.claim.is_authors(),
            "{s:?}: {:?} {}",
            j.claim.stance,
            j.claim.reason
        );
        assert_judged(&j);
    }
}

#[test]
fn rivals_come_from_the_sentence() {
    let j = only(
        "Sora 2 schlägt Veo 3.1 und Kling 2.5 in jeder Disziplin.",
        Lang::De,
        "2026-08-10",
        Relation::BetterThan,
    );
    assert_eq!(j.claim.objects, ["veo-3.1", "kling-2.5-turbo"]);
    assert_eq!(j.claim.objects_from, ObjectsFrom::Sentence);
    assert_eq!(j.judgment.verdict, Verdict::Contradicted);
    let j = only(
        "Gegenüber Veo 3.1 fällt Sora 2 deutlich ab.",
        Lang::De,
        "2026-08-10",
        Relation::WorseThan,
    );
    assert_eq!(j.claim.objects, ["veo-3.1"]);
    assert_eq!(j.judgment.verdict, Verdict::Supported);
}

#[test]
fn negated_quoted_and_questioned_claims_are_not_the_authors() {
    for (s, lang, want) in [
        (
            "Sora 2 ist nicht das beste Modell.",
            Lang::De,
            Stance::Negated,
        ),
        (
            "Sora 2 is not the best video model.",
            Lang::En,
            Stance::Negated,
        ),
        (
            "Ist Sora 2 das beste Videomodell?",
            Lang::De,
            Stance::Questioned,
        ),
        (
            "Is Sora 2 the best video model?",
            Lang::En,
            Stance::Questioned,
        ),
        (
            "„Sora 2 ist das beste Videomodell“, sagt der Hersteller.",
            Lang::De,
            Stance::Quoted,
        ),
    ] {
        let j = only(s, lang, "2026-08-10", Relation::Superlative);
        assert_eq!(j.claim.stance, want, "{s:?}: {}", j.claim.reason);
        assert!(!j.claim.is_authors(), "{s:?}");
    }
}

#[test]
fn the_name_kling_is_not_a_hedge() {
    // The German hedge "klingt" shares its stem with the model name.
    let j = only(
        "Kling 2.5 liefert die stabilsten Ergebnisse.",
        Lang::De,
        "2026-08-10",
        Relation::Superlative,
    );
    assert_eq!(j.claim.stance, Stance::Endorsed, "{}", j.claim.reason);
}

#[test]
fn facts_decide_capability_claims() {
    // Sora 2 was available through its API from 2025-10-07 and shut down on 2026-09-24.
    let s = "Sora 2 is available to everyone.";
    assert_eq!(
        only(s, Lang::En, "2026-08-10", Relation::Capability)
            .judgment
            .verdict,
        Verdict::Supported
    );
    let after = only(s, Lang::En, "2026-10-01", Relation::Capability);
    assert_eq!(after.judgment.verdict, Verdict::Contradicted);
    assert!(
        after.judgment.reason.contains("2026-09-24"),
        "{}",
        after.judgment.reason
    );
    // A regional claim: the data knows no regions, so only the shutdown settles it.
    let eu = "Sora 2 ist jetzt in Europa verfügbar.";
    assert_eq!(
        only(eu, Lang::De, "2026-08-10", Relation::Capability)
            .judgment
            .verdict,
        Verdict::Unverifiable
    );
    assert_eq!(
        only(eu, Lang::De, "2026-10-01", Relation::Capability)
            .judgment
            .verdict,
        Verdict::Contradicted
    );
    // 4K against a 1280x720 maximum.
    let j = only(
        "Sora 2 liefert Videos in 4K.",
        Lang::De,
        "2026-08-10",
        Relation::Capability,
    );
    assert_eq!(j.judgment.verdict, Verdict::Contradicted);
    assert_eq!(j.judgment.evidence[0].value, "1280x720");
    // Veo 3: native audio and 8-second clips, both dated 2026-05.
    let audio = only(
        "Veo 3 generates native audio.",
        Lang::En,
        "2026-06-01",
        Relation::Capability,
    );
    assert_eq!(audio.judgment.verdict, Verdict::Supported);
    let long = only(
        "Veo 3 renders clips up to 20 seconds long.",
        Lang::En,
        "2026-06-01",
        Relation::Capability,
    );
    assert_eq!(long.judgment.verdict, Verdict::Contradicted);
    // Kling 2.5 Turbo's audio row is undated: not usable for an as-of verdict.
    let undated = only(
        "Kling 2.5 Turbo generates native audio.",
        Lang::En,
        "2026-08-10",
        Relation::Capability,
    );
    assert_eq!(undated.judgment.verdict, Verdict::Unverifiable);
    // "Perfect physics" against Physics-IQ Verified, where three models score higher.
    let physics = only(
        "Bei Sora 2 ist die Physik perfekt.",
        Lang::De,
        "2026-08-10",
        Relation::Capability,
    );
    assert_eq!(physics.judgment.verdict, Verdict::Contradicted);
    // Replacement: no benchmark measures it.
    let r = only(
        "Runway Gen-4.5 replaces film crews.",
        Lang::En,
        "2026-08-10",
        Relation::Replacement,
    );
    assert_eq!(r.judgment.verdict, Verdict::Unverifiable);
}

#[test]
fn sentences_without_models_or_cues_make_no_claims() {
    assert!(claims(
        "Das beste Werkzeug ist immer noch die Kamera.",
        Lang::De,
        "2026-08-10"
    )
    .is_empty());
    assert!(claims("Sora 2 erschien im Herbst 2025.", Lang::De, "2026-08-10").is_empty());
    assert!(claims(
        "Sora 2 ist in vielerlei Hinsicht ein beeindruckender Sprung nach vorn.",
        Lang::De,
        "2026-08-10"
    )
    .is_empty());
}

// --- the CLI -------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ClaimsDoc {
    path: String,
    date: Option<String>,
    claims: Vec<ClaimRow>,
}

#[track_caller]
fn claims_json(args: &[&str]) -> ClaimsDoc {
    let out = bin().arg("claims").args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON parses: {e}\n{}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn claims_command_prints_json_with_verdicts_and_positions() {
    let doc = claims_json(&[
        "tests/fixtures/sora2-hype.de.txt",
        "--date",
        "2026-09-01",
        "--format",
        "json",
    ]);
    assert_eq!(doc.date.as_deref(), Some("2026-09-01"));
    let worse = doc
        .claims
        .iter()
        .find(|c| c.relation == "worse-than")
        .expect("the worse-than claim");
    assert_eq!(worse.subject.as_deref(), Some("sora-2"));
    assert_eq!(worse.polarity, "negative");
    assert_eq!(worse.stance, "endorsed");
    assert_eq!(worse.verdict, "supported");
    assert_eq!((worse.line, worse.column), (17, 3));
    assert!(worse
        .evidence
        .iter()
        .any(|e| e.source.contains("artificialanalysis")));
    assert!(worse
        .evidence
        .iter()
        .all(|e| e.snapshot.as_deref() == Some("2026-08-06")));
}

#[test]
fn claims_command_formats_table_and_csv() {
    bin()
        .args([
            "claims",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "tests/fixtures/claims/draft.md:3:1: \"schlägt\"",
        ))
        .stdout(predicates::str::contains("— contradicted as of 2026-08-10"))
        .stdout(predicates::str::contains("aa-t2v-2026-08-06"));
    let out = bin()
        .args([
            "claims",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
            "--format",
            "csv",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap_or("")
        .starts_with("path,line,column,subject,objects,relation"));
    assert!(
        lines.next().unwrap_or("").contains(
            ",sora-2,veo-3.1|kling-2.5-turbo,better-than,overall,positive,endorsed,contradicted,"
        ),
        "{text}"
    );
}

#[test]
fn the_documents_own_date_is_used_without_date_flag() {
    let doc = claims_json(&["tests/fixtures/claims/dated.md", "--format", "json"]);
    assert_eq!(doc.date.as_deref(), Some("2026-02-01"));
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(doc.claims[0].verdict, "supported");
    assert_eq!(doc.claims[0].line, 6);
    // --date wins over the front matter.
    let doc = claims_json(&[
        "tests/fixtures/claims/dated.md",
        "--format",
        "json",
        "--date",
        "2026-08-10",
    ]);
    assert_eq!(doc.claims[0].verdict, "unverifiable");
}

#[test]
fn an_invalid_benchmarks_file_is_refused_not_guessed() {
    for cmd in ["claims", "check"] {
        bin()
            .args([
                cmd,
                "tests/fixtures/claims/draft.md",
                "--date",
                "2026-08-10",
            ])
            .args(["--data", "tests/fixtures/data/bad.csv"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains("tests/fixtures/data/bad.csv:2:"))
            .stderr(predicates::str::contains("tests/fixtures/data/bad.csv:3:"));
    }
    // A broken cue file too.
    let dir = tempfile::tempdir().expect("temp dir");
    let cues = dir.path().join("cues.tsv");
    std::fs::write(
        &cues,
        "lang\tkind\tdimension\tpolarity\tterm\nde\tsuperlative\t-\t+\tbeste\nde\tbogus\t-\t+\tx\n",
    )
    .expect("write");
    bin()
        .args(["claims", "tests/fixtures/claims/draft.md", "--cues"])
        .arg(&cues)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cues.tsv:3: unknown kind `bogus`",
        ));
}

#[test]
fn check_reports_contradicted_claims_with_evidence() {
    // The done-when case of the issue.
    let out = bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("error[contradicted-claim]"))
        .unwrap_or_else(|| panic!("a contradicted claim in:\n{text}"));
    assert!(
        line.starts_with("tests/fixtures/claims/draft.md:3:1: error[contradicted-claim]: "),
        "{line}"
    );
    for want in [
        "sora-2 better-than veo-3.1, kling-2.5-turbo",
        "1167.5",
        "1212.5",
        "aa-t2v-2026-08-06",
        "rank 19/34",
        "artificialanalysis.ai]",
    ] {
        assert!(line.contains(want), "{want:?} missing in {line}");
    }
    // One readable line: a short source, each evidence row once, no provenance notes.
    assert_eq!(line.matches("sora-2 1167.5").count(), 1, "{line}");
    assert!(!line.contains("https://"), "{line}");
    assert!(!line.contains("compiled by"), "{line}");
    let verbose = bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
            "--verbose",
        ])
        .output()
        .expect("runs");
    let verbose = String::from_utf8_lossy(&verbose.stdout);
    assert!(
        verbose.contains("[https://artificialanalysis.ai/video/leaderboard/text-to-video]"),
        "{verbose}"
    );
    bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .arg("--fail-on-contradicted")
        .assert()
        .code(1);
    bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .arg("--no-claims")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("contradicted-claim").not());
}

#[test]
fn check_shows_negated_claims_only_with_show_all() {
    let draft = "Sora 2 ist nicht das beste Modell.\n";
    let plain = bin()
        .args(["check", "-", "--date", "2026-08-10", "--lang", "de"])
        .write_stdin(draft)
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("-claim]"));
    let all = bin()
        .args([
            "check",
            "-",
            "--date",
            "2026-08-10",
            "--lang",
            "de",
            "--show-all",
        ])
        .write_stdin(draft)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&all.stdout);
    assert!(text.contains("not the author's claim (negated)"), "{text}");
}

#[test]
fn check_json_and_sarif_carry_claims() {
    let out = bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let claim = &doc["claims"][0];
    assert_eq!(claim["rule"], "contradicted-claim");
    assert_eq!(claim["level"], "error");
    assert_eq!(claim["verdict"], "contradicted");
    assert_eq!(doc["files"][0]["date"], "2026-08-10");
    let out = bin()
        .args([
            "check",
            "tests/fixtures/claims/draft.md",
            "--date",
            "2026-08-10",
        ])
        .args(["--format", "sarif"])
        .output()
        .expect("runs");
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "contradicted-claim")
        .expect("a claim result");
    assert_eq!(r["level"], "error");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let index = r["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "contradicted-claim");
}

use predicates::prelude::PredicateBooleanExt as _;

#[test]
fn a_sentence_opening_with_this_speaks_about_the_model_before() {
    let text = "Google just dropped Veo 3.1, and honestly, it is a total game changer. This is the most realistic AI video model ever made.";
    let j = only(text, Lang::En, "2026-08-10", Relation::Superlative);
    assert_eq!(j.claim.subject.id.as_deref(), Some("veo-3.1"));
    assert_eq!(j.claim.dimension, Dimension::Realism);
    assert_eq!(j.judgment.verdict, Verdict::Contradicted);
    let de = "Veo 3.1 ist da. Das ist das beste KI-Videomodell.";
    let j = only(de, Lang::De, "2026-08-10", Relation::Superlative);
    assert_eq!(j.claim.subject.id.as_deref(), Some("veo-3.1"));
    // Not two sentences on: the referent is too far.
    let far = "Veo 3.1 ist da. Wir haben es getestet. Das ist das beste Modell.";
    assert!(claims(far, Lang::De, "2026-08-10").is_empty());
}

#[test]
fn verdicts_on_old_evidence_carry_a_stale_note() {
    let json = |extra: &[&str]| -> serde_json::Value {
        let out = bin()
            .args([
                "claims",
                "tests/fixtures/claims/draft.md",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let fresh = json(&["--isolated", "--date", "2026-08-10"]);
    assert!(fresh["claims"][0]["stale"].is_null());
    let old = json(&["--isolated", "--date", "2026-12-10"]);
    let stale = &old["claims"][0]["stale"];
    assert_eq!(stale["newest"], "2026-08-06");
    assert_eq!(stale["age_days"], 126);
    assert_eq!(stale["max_age_days"], 90);
    let allowed = json(&[
        "--isolated",
        "--date",
        "2026-12-10",
        "--max-evidence-age",
        "200",
    ]);
    assert!(allowed["claims"][0]["stale"].is_null());
    // The configuration key sets the age when the flag does not.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("hypecheck.toml");
    std::fs::write(&config, "max-evidence-age = 365\n").expect("write");
    let configured = json(&[
        "--config",
        config.to_str().expect("utf-8 path"),
        "--date",
        "2026-12-10",
    ]);
    assert!(configured["claims"][0]["stale"].is_null());
    let text = bin()
        .args(["claims", "tests/fixtures/claims/draft.md", "--isolated"])
        .args(["--date", "2026-12-10"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("judged on data from 2026-08-06 (126 days old; limit 90)"),
        "{text}"
    );
}
