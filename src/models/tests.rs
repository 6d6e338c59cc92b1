use super::*;

fn registry() -> Registry {
    match Registry::shipped() {
        Ok(r) => r,
        Err(e) => panic!("shipped registry is invalid:\n{e}"),
    }
}

fn ids(text: &str) -> Vec<(String, Option<String>, Resolution)> {
    registry()
        .find_mentions(text)
        .into_iter()
        .map(|m| (m.text, m.model, m.resolution))
        .collect()
}

fn one(text: &str) -> Option<String> {
    let found = registry().find_mentions(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found[0].model.clone()
}

#[test]
fn spelling_variants_of_sora_2() {
    for text in [
        "Sora 2",
        "Sora2",
        "Sora-2",
        "SORA 2",
        "OpenAIs Sora 2",
        "OpenAI's Sora 2",
        "OpenAI’s Sora 2 ist da",
    ] {
        assert_eq!(one(text).as_deref(), Some("sora-2"), "{text}");
    }
}

#[test]
fn longest_alias_wins() {
    assert_eq!(one("Sora 2 Pro").as_deref(), Some("sora-2-pro"));
    assert_eq!(one("Googles Veo 3.1 Fast").as_deref(), Some("veo-3.1-fast"));
    assert_eq!(one("Veo 3.1").as_deref(), Some("veo-3.1"));
    assert_eq!(one("Veo-3").as_deref(), Some("veo-3"));
}

#[test]
fn version_must_not_continue() {
    let m = registry().find_mentions("Veo 3.10 kommt");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].resolution, Resolution::UnknownVersion);
    assert_eq!(m[0].model, None);
    assert_eq!(m[0].text, "Veo 3.10");
}

#[test]
fn fillers_and_prefixes() {
    assert_eq!(
        one("Kling AI 2.5 Turbo").as_deref(),
        Some("kling-2.5-turbo")
    );
    assert_eq!(one("Kling AI 2.5").as_deref(), Some("kling-2.5-turbo"));
    assert_eq!(one("Runway Gen 4").as_deref(), Some("runway-gen-4"));
    assert_eq!(one("Gen-4.5").as_deref(), Some("runway-gen-4.5"));
    assert_eq!(one("Pika Labs 2.2").as_deref(), Some("pika-2.2"));
    assert_eq!(one("Wan2.2").as_deref(), Some("wan-2.2"));
    assert_eq!(one("Kling v2.1").as_deref(), Some("kling-2.1"));
}

#[test]
fn common_words_are_not_models() {
    assert!(ids("Wann kommt das? I want it. The runway show. A pika.").is_empty());
    assert!(ids("Swan 2.1 and Kinesora 2").is_empty());
    assert!(ids("X-Ray 2 and Next-Gen 4 consoles").is_empty());
}

#[test]
fn year_after_family_is_not_a_version() {
    let m = registry().find_mentions("Sora 2025");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text, "Sora");
}

#[test]
fn bare_family_resolves_nearby_then_latest() {
    let r = registry();
    let text = "Veo 3 war stark. Jetzt zeigt Sora, was geht. Veo überzeugt.";
    let date = NaiveDate::from_ymd_opt(2025, 11, 1);
    let m = r.find_mentions_at(text, date);
    let got: Vec<_> = m
        .iter()
        .map(|m| (m.text.as_str(), m.model.as_deref(), m.resolution))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Veo 3", Some("veo-3"), Resolution::Explicit),
            ("Sora", Some("sora-2"), Resolution::LatestAtDate),
            ("Veo", Some("veo-3"), Resolution::Nearby),
        ]
    );
}

#[test]
fn spans_are_byte_offsets() {
    let text = "Größer: Sora 2 Pro.";
    let m = registry().find_mentions(text);
    assert_eq!(&text[m[0].start..m[0].end], "Sora 2 Pro");
}

#[test]
fn resolve_raw_names() {
    let r = registry();
    let id = |raw: &str| r.resolve_name(raw).map(|m| m.id.clone());
    assert_eq!(
        id("Kling 2.5 Turbo 1080p").as_deref(),
        Some("kling-2.5-turbo")
    );
    assert_eq!(id("Sora 2 (October)").as_deref(), Some("sora-2"));
    assert_eq!(
        id("Dreamina Seedance 2.0 720p").as_deref(),
        Some("seedance-2.0")
    );
    assert_eq!(id("veo-3.1").as_deref(), Some("veo-3.1"));
    assert_eq!(id("nothing here"), None);
    assert_eq!(id("Sora 2 + WMReward (best-of-N reranking)"), None);
    assert_eq!(
        id("Sora 2 + WMReward (best-of-N)").as_deref(),
        Some("sora-2-wmreward")
    );
}

#[test]
fn registry_problems_name_lines() {
    let csv = "id,kind,name,vendor,family,version,variant_of,released,aliases,prefixes,notes\n\
               x,family,X,V,x,,,,X,,\n\
               x-1,model,X 1,V,nope,1,,2025-13-01,X 1,,\n\
               x-2,model,X 2,V,x,2,,,X 1,,\n";
    let Err(ModelsError::Invalid(p)) = Registry::from_csv_str(csv, "m.csv") else {
        panic!("expected problems");
    };
    let text = join_problems(&p);
    assert!(text.contains("m.csv:3: bad date"), "{text}");
    assert!(text.contains("m.csv:3: unknown family `nope`"), "{text}");
    assert!(text.contains("m.csv:4: alias `X 1`"), "{text}");
}
