//! `hypecheck validate`: exact figures on the invented coded sample in
//! `tests/fixtures/validate/` (hand-computed in the comments), the CSV tables, the filters, and
//! every problem in a coded sample reported as `file:line: message` with exit code 2.
//!
//! The sample is analyzed with the frozen fixture lexicon `tests/fixtures/validate/lexicons/`
//! so that growing the shipped lexicons does not change these figures.
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{bin, fixture};

fn sample_dir() -> PathBuf {
    fixture("validate")
}

/// The validate command on a sample directory (docs.tsv, spans.tsv, texts/, lexicons/).
fn validate(dir: &Path) -> assert_cmd::Command {
    let mut c = bin();
    c.arg("validate")
        .arg("--docs")
        .arg(dir.join("docs.tsv"))
        .arg("--spans")
        .arg(dir.join("spans.tsv"))
        .arg("--texts")
        .arg(dir.join("texts"))
        .arg("--lexicons")
        .arg(sample_dir().join("lexicons"));
    c
}

fn json(args: &[&str]) -> Value {
    let out = validate(&sample_dir())
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn group<'a>(v: &'a Value, lang: &str) -> &'a Value {
    v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["lang"] == lang)
        .unwrap_or_else(|| panic!("no group {lang}"))
}

fn row<'a>(rows: &'a Value, label: &str) -> &'a Value {
    rows.as_array()
        .expect("rows")
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

#[track_caller]
fn num(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((got - want).abs() < 1e-4, "got {got}, want {want}");
}

#[test]
fn validate_detection_figures_per_language() {
    let v = json(&[]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["split"], "all");
    let langs: Vec<&str> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["lang"].as_str().expect("lang"))
        .collect();
    assert_eq!(langs, ["de", "en", "all"]);

    // de: 8 coded spans, 7 found ("tanzen vor Energie" is the miss); 7 hits, all correct.
    let de = &group(&v, "de")["detection"];
    assert_eq!(
        (&de["spans"], &de["found"], &de["hits"], &de["correct"]),
        (
            &Value::from(8),
            &Value::from(7),
            &Value::from(7),
            &Value::from(7)
        )
    );
    num(&de["precision"], 1.0);
    num(&de["recall"], 0.875);
    num(&de["f1"], 0.9333); // 2 · 0.875 / 1.875
                            // en: 7 spans all found; 8 hits, "powerful" is the wrong hit.
    let en = &group(&v, "en")["detection"];
    num(&en["precision"], 0.875);
    num(&en["recall"], 1.0);
    num(&en["f1"], 0.9333);
    let all = &group(&v, "all")["detection"];
    assert_eq!(
        (&all["spans"], &all["hits"]),
        (&Value::from(15), &Value::from(15))
    );
    num(&all["precision"], 14.0 / 15.0);
    num(&all["recall"], 14.0 / 15.0);

    // By stance: recall over coded stance, precision over tool stance.
    let de_end = row(&group(&v, "de")["by_stance"], "endorsed");
    assert_eq!(
        (&de_end["spans"], &de_end["found"]),
        (&Value::from(3), &Value::from(2))
    );
    assert_eq!(
        (&de_end["hits"], &de_end["correct"]),
        (&Value::from(3), &Value::from(3))
    );
    num(&de_end["recall"], 0.6667);
    num(&de_end["f1"], 0.8);
    let de_quoted = row(&group(&v, "de")["by_stance"], "quoted");
    assert_eq!(
        (&de_quoted["spans"], &de_quoted["hits"]),
        (&Value::from(2), &Value::from(1))
    );
    // By category: no coded puffery in en, one puffery hit that is wrong.
    let puff = row(&group(&v, "en")["by_category"], "puffery");
    assert_eq!(
        (&puff["spans"], &puff["hits"]),
        (&Value::from(0), &Value::from(1))
    );
    num(&puff["precision"], 0.0);
    assert!(puff["recall"].is_null() && puff["f1"].is_null());
    let awe = row(&group(&v, "all")["by_category"], "awe");
    num(&awe["recall"], 0.8); // 4 of 5
    num(&awe["f1"], 0.8889);
}

#[test]
fn validate_stance_agreement_and_confusion() {
    let v = json(&[]);
    // de: 7 found spans, 6 agree (the second "bahnbrechend" is coded quoted, tool endorsed).
    // Coded E2 H1 Q2 N1 ?1, tool E3 H1 Q1 N1 ?1: pe = 11/49, κ = (6/7 − 11/49)/(38/49) = 31/38.
    // α: values E5 H2 Q3 N2 ?2 of n = 14, Σ_{c≠k} n_c n_k = 196 − 46 = 150, α = 1 − 13·2/150.
    let de = &group(&v, "de")["stance"];
    assert_eq!(
        (&de["matched"], &de["agree"]),
        (&Value::from(7), &Value::from(6))
    );
    num(&de["accuracy"], 0.8571);
    num(&de["kappa"], 0.8158);
    num(&de["alpha"], 0.8267);
    let en = &group(&v, "en")["stance"];
    num(&en["accuracy"], 1.0);
    num(&en["kappa"], 1.0);
    num(&en["alpha"], 1.0);
    // all: 13 of 14 agree. Coded E5 H2 Q3 N2 ?2, tool E6 H2 Q2 N2 ?2: pe = 48/196,
    // κ = (182 − 48)/(196 − 48) = 134/148; α = 1 − 27·2/(784 − 194) = 1 − 54/590.
    let all = &group(&v, "all")["stance"];
    num(&all["accuracy"], 0.9286);
    num(&all["kappa"], 0.9054);
    num(&all["alpha"], 0.9085);

    let c = &group(&v, "all")["confusion"];
    assert_eq!(
        c["rows"],
        serde_json::json!([
            "endorsed",
            "hedged",
            "quoted",
            "negated",
            "questioned",
            "wrong hit"
        ])
    );
    assert_eq!(
        c["columns"],
        serde_json::json!([
            "endorsed",
            "hedged",
            "quoted",
            "negated",
            "questioned",
            "missed"
        ])
    );
    assert_eq!(
        c["cells"],
        serde_json::json!([
            [5, 0, 0, 0, 0, 1],
            [0, 2, 0, 0, 0, 0],
            [1, 0, 2, 0, 0, 0],
            [0, 0, 0, 2, 0, 0],
            [0, 0, 0, 0, 2, 0],
            [1, 0, 0, 0, 0, 0]
        ])
    );
}

#[test]
fn validate_document_level_spearman_and_auc() {
    let v = json(&[]);
    // Rated: de01 3, de02 0, en01 4, en02 1 (en03 is `-`).
    // Hype Index 56.5, 41.3, 56.5, 37.3 → ranks 3.5, 2, 3.5, 1; ratings → 3, 1, 4, 2:
    // ρ = 3.5 / √(4.5 · 5) = 0.7379. Raw hits per 1,000 words 125, 185.2, 200, 150 → ranks
    // 1, 3, 4, 2: ρ = 1 / 5 = 0.2.
    let d = &group(&v, "all")["documents"];
    assert_eq!(
        (&d["rated"], &d["positives"], &d["negatives"]),
        (&Value::from(4), &Value::from(2), &Value::from(2))
    );
    num(&d["spearman_hype_index"], 0.7379);
    num(&d["spearman_raw_count"], 0.2);
    // AUC: positives (de01, en01) beat both negatives on the Hype Index; on the raw count
    // 125 loses to both negatives and 200 beats both: 2 of 4 pairs.
    num(&d["auc_hype_index"], 1.0);
    num(&d["auc_raw_count"], 0.5);
    // de alone: two rated documents, the raw count ranks them the wrong way round.
    let de = &group(&v, "de")["documents"];
    num(&de["spearman_hype_index"], 1.0);
    num(&de["spearman_raw_count"], -1.0);
    num(&de["auc_raw_count"], 0.0);

    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[0]["doc"], "de01");
    assert_eq!(docs[0]["words"], 16);
    num(&docs[0]["raw_per_1000"], 125.0);
    assert_eq!(docs[4]["rating"], Value::Null);
}

#[test]
fn validate_lists_misses_and_wrong_hits() {
    let v = json(&[]);
    assert_eq!(v["misses"]["total"], 1);
    let m = &v["misses"]["items"][0];
    assert_eq!(m["doc"], "de01");
    assert_eq!(m["expression"], "tanzen vor Energie");
    assert_eq!(m["stance"], "endorsed");
    assert_eq!(m["category"], "awe");
    assert_eq!(m["kind"], "metaphor");
    assert_eq!(m["sentence"], "Die Farben tanzen vor Energie.");
    assert_eq!(v["wrong_hits"]["total"], 1);
    let w = &v["wrong_hits"]["items"][0];
    assert_eq!(w["doc"], "en02");
    assert_eq!(w["text"], "powerful");
    assert_eq!(w["stance"], "endorsed");
    assert_eq!(w["category"], "puffery");
    assert_eq!(w["term"], "powerful");
    assert_eq!(
        w["sentence"],
        "The powerful storm delayed the launch event."
    );

    // The one found span whose stance the tool gets wrong, with the rule's reason.
    assert_eq!(v["disagreements"]["total"], 1);
    let d = &v["disagreements"]["items"][0];
    assert_eq!(d["doc"], "de02");
    assert_eq!(d["expression"], "bahnbrechend");
    assert_eq!(d["coded"], "quoted");
    assert_eq!(d["tool"], "endorsed");
    assert_eq!(d["reason"], "asserted by the author");
    assert_eq!(
        d["sentence"],
        "Viele Beobachter halten das Modell für bahnbrechend."
    );

    // --list 0 keeps the totals, drops the items.
    let v = json(&["--list", "0"]);
    assert_eq!(v["misses"]["total"], 1);
    assert_eq!(v["misses"]["items"], serde_json::json!([]));
    assert_eq!(v["disagreements"]["total"], 1);
    assert_eq!(v["disagreements"]["items"], serde_json::json!([]));
}

#[test]
fn validate_filters_by_split_and_language() {
    let v = json(&["--split", "holdout", "--lang", "en"]);
    assert_eq!(v["split"], "holdout");
    assert_eq!(v["lang"], "en");
    let groups = v["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 1);
    let en = &groups[0];
    assert_eq!(en["lang"], "en");
    assert_eq!(en["docs"], 1); // en02
    assert_eq!(en["detection"]["spans"], 2);
    assert_eq!(en["detection"]["hits"], 3);
    assert_eq!(v["misses"]["total"], 0);
    assert_eq!(v["wrong_hits"]["total"], 1);
}

#[test]
fn validate_text_report() {
    let out = validate(&sample_dir()).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for want in [
        "== de · 2 docs, 43 words, 8 coded spans, 7 tool hits ==",
        "Stance on 7 found spans: accuracy 0.857 (6 agree) · Cohen's κ 0.816 · Krippendorff's α 0.827",
        "Spearman ρ vs rating   Hype Index  0.738 · raw hit count  0.200",
        "de01 \"tanzen vor Energie\" · endorsed awe · metaphor",
        "en02 \"powerful\" · endorsed puffery · term \"powerful\"",
        "de02 \"bahnbrechend\" · coded quoted · tool endorsed (asserted by the author) · term \"bahnbrechend\"",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

/// A writable copy of the sample; `edit` changes one of its files.
fn copy_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = sample_dir();
    std::fs::create_dir(dir.path().join("texts")).expect("mkdir");
    for f in ["docs.tsv", "spans.tsv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).expect("copy");
    }
    for e in std::fs::read_dir(src.join("texts")).expect("texts") {
        let p = e.expect("entry").path();
        std::fs::copy(
            &p,
            dir.path().join("texts").join(p.file_name().expect("name")),
        )
        .expect("copy");
    }
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let s = std::fs::read_to_string(&p).expect("read");
    assert!(s.contains(from), "{from:?} not in {file}");
    std::fs::write(&p, s.replacen(from, to, 1)).expect("write");
}

#[test]
fn validate_csv_tables_with_formula_cells_neutralised() {
    let dir = copy_sample();
    // A coder's kind tag that a spreadsheet would run as a formula.
    edit(
        dir.path(),
        "spans.tsv",
        "tanzen vor Energie\t1\tendorsed\tawe\tmetaphor",
        "tanzen vor Energie\t1\tendorsed\tawe\t=HYPERLINK(\"x\")",
    );
    let out_dir = dir.path().join("out");
    validate(dir.path())
        .args(["--format", "csv", "--out"])
        .arg(&out_dir)
        .assert()
        .success();
    let read = |f: &str| std::fs::read_to_string(out_dir.join(f)).expect("csv written");
    let metrics = read("metrics.csv");
    assert!(metrics.starts_with("lang,section,label,metric,value\n"));
    assert!(metrics.contains("de,detection,overall,recall,0.875\n"));
    assert!(metrics.contains("all,agreement,stance,cohen_kappa,0.9054\n"));
    // A negative figure stays a number.
    assert!(metrics.contains("de,documents,raw_count,spearman,-1\n"));
    let confusion = read("confusion.csv");
    assert!(confusion.starts_with("lang,coded,endorsed,hedged,quoted,negated,questioned,missed\n"));
    assert!(confusion.contains("all,endorsed,5,0,0,0,0,1\n"));
    assert!(confusion.contains("all,wrong hit,1,0,0,0,0,\n"));
    let misses = read("misses.csv");
    assert!(misses.contains(
        "de01,de,tanzen vor Energie,1,endorsed,awe,\"'=HYPERLINK(\"\"x\"\")\",Die Farben tanzen vor Energie.\n"
    ), "{misses}");
    let disagreements = read("disagreements.csv");
    assert!(disagreements
        .starts_with("doc,lang,expression,occurrence,coded,tool,reason,term,sentence\n"));
    assert!(disagreements.contains(
        "de02,de,bahnbrechend,2,quoted,endorsed,asserted by the author,bahnbrechend,Viele Beobachter halten das Modell für bahnbrechend.\n"
    ), "{disagreements}");
    let wrong = read("wrong_hits.csv");
    assert!(wrong.contains(
        "en02,en,powerful,endorsed,puffery,powerful,The powerful storm delayed the launch event.\n"
    ));

    // Without --out all four tables go to standard output.
    let out = validate(dir.path())
        .args(["--format", "csv"])
        .output()
        .expect("runs");
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    for name in [
        "metrics.csv",
        "confusion.csv",
        "misses.csv",
        "wrong_hits.csv",
        "disagreements.csv",
    ] {
        assert!(s.contains(&format!("# {name}\n")), "{s}");
    }
}

/// Runs validate on an edited copy and returns stderr; asserts exit code 2.
fn problems(file: &str, from: &str, to: &str) -> (tempfile::TempDir, String) {
    let dir = copy_sample();
    edit(dir.path(), file, from, to);
    let out = validate(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    (dir, String::from_utf8(out.stderr).expect("UTF-8"))
}

#[test]
fn validate_error_expression_not_found() {
    let (dir, err) = problems(
        "spans.tsv",
        "de01\ttanzen vor Energie",
        "de01\ttanzt vor Energie",
    );
    let spans = dir.path().join("spans.tsv");
    assert!(
        err.contains(&format!(
            "{}:7: expression `tanzt vor Energie` not found in de01.txt",
            spans.display()
        )),
        "{err}"
    );
    // An occurrence beyond the last one.
    let (dir, err) = problems("spans.tsv", "de01\tRevolution\t1", "de01\tRevolution\t2");
    let spans = dir.path().join("spans.tsv");
    assert!(
        err.contains(&format!(
            "{}:5: expression `Revolution` occurs 1 time(s) in de01.txt, not 2",
            spans.display()
        )),
        "{err}"
    );
}

#[test]
fn validate_error_bad_stance_and_category() {
    let (dir, err) = problems(
        "spans.tsv",
        "Gamechanger\t1\tnegated\trevolution",
        "Gamechanger\t1\trejected\thype",
    );
    let spans = dir.path().join("spans.tsv").display().to_string();
    assert!(
        err.contains(&format!(
            "{spans}:8: stance must be one of endorsed, hedged, quoted, negated, questioned; got `rejected`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{spans}:8: category must be one of superlative, ")),
        "{err}"
    );
}

#[test]
fn validate_error_bad_rating_and_unknown_doc() {
    let (dir, err) = problems("docs.tsv", "de01\tde\tdev\t3", "de01\tde\tdev\t5");
    let docs = dir.path().join("docs.tsv").display().to_string();
    assert!(
        err.contains(&format!(
            "{docs}:3: rating must be an integer 0–4 or `-` (not rated), got `5`"
        )),
        "{err}"
    );
    let (dir, err) = problems("spans.tsv", "en03\tstunning", "en09\tstunning");
    let spans = dir.path().join("spans.tsv").display().to_string();
    assert!(
        err.contains(&format!("{spans}:19: doc `en09` is not in ")),
        "{err}"
    );
}

#[test]
fn validate_error_sha256_mismatch_names_the_text() {
    let dir = copy_sample();
    let text = dir.path().join("texts/de02.txt");
    std::fs::write(&text, "Veo 3 ist kein Gamechanger.\n").expect("write");
    let out = validate(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    let docs = dir.path().join("docs.tsv").display().to_string();
    assert!(
        err.contains(&format!("{docs}:4: sha256 of {} is ", text.display())),
        "{err}"
    );
    assert!(err.contains("docs file says f0c8862f"), "{err}");
}

#[test]
fn validate_error_missing_header_column() {
    let (dir, err) = problems(
        "docs.tsv",
        "doc\tlang\tsplit\trating",
        "doc\tlanguage\tsplit\trating",
    );
    let docs = dir.path().join("docs.tsv").display().to_string();
    assert!(
        err.contains(&format!("{docs}:2: header lacks column(s) lang")),
        "{err}"
    );
}
