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

/// Real-world text for property tests: model names as news writes them ("Veo 3.1", "Gen-4
/// Turbo", "Kling v2.1"), typographic quotes and apostrophes, soft hyphens, zero-width
/// characters, emoji, numbers with units and percent, case that changes length when lowered,
/// and any character at all.
pub(crate) fn real_world_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const FRAGMENTS: &[&str] = &[
        "Veo 3.1",
        "Veo 3.10",
        "Gen-4 Turbo",
        "Gen-4.5",
        "Sora2",
        "Sora-2",
        "SORA 2 Pro",
        "Kling v2.1",
        "Kling AI 2.5 Turbo",
        "Hv2",
        "V3",
        "v",
        "Wan 2.2",
        "Pika Labs 2.2",
        "Runway",
        "Seedance 2.0",
        "„",
        "“",
        "”",
        "‚",
        "‘",
        "’",
        "'",
        "\"",
        "»",
        "«",
        "\u{AD}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{A0}",
        "\u{2011}",
        "😀",
        "👍🏽",
        "25 Sekunden",
        "20 seconds",
        "1080p",
        "4K",
        "30 %",
        "12,5",
        "3.",
        ".5",
        "2025",
        "ÜBER",
        "Straße",
        "İstanbul",
        "ẞ",
        "ª",
        "²",
        "½",
        "١٢",
        "Ǆ",
        "ﬁ",
        "-",
        "–",
        ".",
        ",",
        " ",
        "  ",
        "\n",
        "\n\n",
        "besser als",
        "das beste",
        "die stabilsten",
        "the best",
        "the most",
        "ist",
        "Modell",
        "KI-Videomodell",
        "x",
        "!",
        "?",
        "OpenAI’s",
        "Googles",
        "nicht",
        "ohne Ton",
        "bis zu",
        "Europa",
        "Das",
        "This",
    ];
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..48,
    )
    .prop_map(|parts| parts.concat())
}

/// The mention tokenizer as it was before it kept lower-cased forms in one buffer: the oracle
/// for [`mentions::tokenize`].
#[derive(Debug, Clone)]
struct OldToken<'a> {
    norm: std::borrow::Cow<'a, str>,
    start: usize,
    end: usize,
    numeric: bool,
}

fn old_tokenize(text: &str) -> Vec<OldToken<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = i + 1;
                    chars.next();
                } else if d == '.' && text[i + 1..].starts_with(|n: char| n.is_ascii_digit()) {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            }
            let lone_v = tokens.last().is_some_and(|t: &OldToken| {
                t.end == start && !t.numeric && t.norm == "v" && t.end - t.start == 1
            });
            let begin = if lone_v {
                let v_start = tokens.pop().map_or(start, |t| t.start);
                let glued = text[..v_start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if glued {
                    // "Hv2" is not a version marker; keep the letter token.
                    tokens.push(OldToken {
                        norm: std::borrow::Cow::Borrowed("v"),
                        start: v_start,
                        end: start,
                        numeric: false,
                    });
                    start
                } else {
                    v_start
                }
            } else {
                start
            };
            tokens.push(OldToken {
                norm: std::borrow::Cow::Borrowed(&text[start..end]),
                start: begin,
                end,
                numeric: true,
            });
        } else if c.is_alphabetic() {
            let mut end = start;
            let mut lower_ascii = true;
            while let Some(&(i, a)) = chars.peek() {
                if a.is_alphabetic() {
                    lower_ascii &= a.is_ascii_lowercase();
                    end = i + a.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let run = &text[start..end];
            let norm = if lower_ascii {
                std::borrow::Cow::Borrowed(run)
            } else {
                let mut norm = String::with_capacity(run.len());
                norm.extend(run.chars().flat_map(char::to_lowercase));
                std::borrow::Cow::Owned(norm)
            };
            tokens.push(OldToken {
                norm,
                start,
                end,
                numeric: false,
            });
        } else {
            chars.next();
        }
    }
    tokens
}

proptest::proptest! {
    #[test]
    fn tokenize_matches_the_old_tokenizer(text in real_world_text()) {
        let mut buf = String::new();
        let new: Vec<(&str, usize, usize, bool)> = mentions::tokenize(&text, &mut buf)
            .into_iter()
            .map(|t| (t.norm, t.start, t.end, t.numeric))
            .collect();
        let old = old_tokenize(&text);
        let old: Vec<(&str, usize, usize, bool)> =
            old.iter().map(|t| (&*t.norm, t.start, t.end, t.numeric)).collect();
        proptest::prop_assert_eq!(new, old);
    }
}

fn shipped_registry() -> &'static Registry {
    static REGISTRY: std::sync::LazyLock<Registry> = std::sync::LazyLock::new(registry);
    &REGISTRY
}

/// Real-world text with more of what mention finding trips on: fillers (repeated too), names
/// glued to letters on either side (ASCII and not), hyphenated compounds, versions with `v`.
fn mention_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const FRAGMENTS: &[&str] = &[
        "Kling AI 2.5 Turbo",
        "Kling AI AI AI 2.1",
        "Kling Labs AI",
        "ai",
        "AI",
        "Labs",
        " ",
        "-",
        "_",
        "\u{A0}",
        "\u{2011}",
        "Luma Ray 2",
        "X-Ray 2",
        "Next-Gen 2",
        "Gen-3 Alpha Turbo",
        "Gen 4",
        "éSora",
        "Soraé",
        "Sora",
        "sora",
        "OpenAI Sora",
        "Veo3",
        "Veo 3.1 Fast",
        "Veo v3",
        "v2",
        "V",
        "Hailuo 02",
        "MiniMax Hailuo",
        "Wan2.1",
        "Wan 2.2",
        "Seedance 1.0 Pro",
        "Pika",
        "2",
        "3.1",
        "Runway Gen-4",
        "Midjourney",
        "Google Veo",
        "ß",
        "ﬁ",
        "ǅ",
    ];
    proptest::collection::vec(
        prop_oneof![
            2 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
            2 => real_world_text(),
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat().replace('\u{212A}', "K"))
}

/// No character but the Kelvin sign lower-cases to ASCII letters only: a token made of ASCII
/// letters after lower-casing is written in ASCII letters, or holds a Kelvin sign.
#[test]
fn only_the_kelvin_sign_lowercases_to_ascii_letters() {
    for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
        let lower: String = c.to_lowercase().collect();
        if c.is_alphabetic() && lower.bytes().all(|b| b.is_ascii_alphabetic()) {
            assert_eq!(c, '\u{212A}', "{c:?} lower-cases to {lower:?}");
        }
    }
}

#[test]
fn the_shipped_registry_finds_mentions_from_candidates() {
    assert!(shipped_registry().candidates.is_some());
}

#[test]
fn a_kelvin_sign_still_names_kling() {
    let found = registry().find_mentions("Der \u{212A}ling 2.5 Turbo überzeugt.");
    assert_eq!(found.len(), 1, "{found:?}");
}

proptest::proptest! {
    #[test]
    fn mentions_from_candidates_match_reading_every_token(text in mention_text()) {
        let r = shipped_registry();
        let c = r.candidates.as_ref().unwrap_or_else(|| panic!("shipped aliases are ASCII"));
        proptest::prop_assert_eq!(r.raw_mentions_at_candidates(c, &text), r.raw_mentions(&text));
    }

    /// Reading tokens from any token's start gives the tokens of the whole text from there.
    #[test]
    fn tokens_read_from_a_token_start_are_the_suffix(text in mention_text()) {
        let mut buf = String::new();
        let all: Vec<(String, usize, usize, bool)> = mentions::tokenize(&text, &mut buf)
            .into_iter()
            .map(|t| (t.norm.to_owned(), t.start, t.end, t.numeric))
            .collect();
        for (k, t) in all.iter().enumerate() {
            let mut buf = String::new();
            let from: Vec<(String, usize, usize, bool)> = mentions::tokenize_from(&text, t.1, &mut buf)
                .into_iter()
                .map(|t| (t.norm.to_owned(), t.start, t.end, t.numeric))
                .collect();
            proptest::prop_assert_eq!(&from[..], &all[k..]);
        }
    }
}

/// The gap rule as first written, over characters: the oracle for the ASCII shortcut.
fn joinable_gap_by_chars(gap: &str) -> bool {
    gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '-' || c == '_' || c == '\u{2011}')
}

#[test]
fn joinable_gaps_match_the_rule_over_characters() {
    let gaps = [
        "",
        " ",
        "  ",
        "   ",
        "    ",
        "-",
        " - ",
        "_",
        "__-_",
        ", ",
        ".",
        "\n\n",
        "\u{a0}",
        " \u{a0} ",
        "\u{a0}\u{a0}\u{a0}\u{a0}",
        "\u{2011}",
        "–",
        " — ",
        "é",
        "🎬",
        "\u{201c}",
    ];
    for gap in gaps {
        let text = format!("Sora{gap}2");
        let found = mentions::joinable_gap(&text, 4, 4 + gap.len());
        assert_eq!(found, joinable_gap_by_chars(gap), "{gap:?}");
    }
}

/// The word key read from the text is the packed normal form of the token.
fn assert_word_keys(text: &str) {
    let mut buf = String::new();
    for t in mentions::tokenize(text, &mut buf) {
        let span = mentions::Span {
            start: t.start,
            end: t.end,
            numeric: t.numeric,
        };
        assert_eq!(
            mentions::word_key(text, span),
            mentions::pack_word(t.norm.as_bytes()),
            "{:?} in {text:?}",
            t.norm
        );
    }
}

#[test]
fn word_keys_are_the_packed_normal_forms() {
    for text in [
        "Laut OpenAI schlägt „Sora 2 Pro“ Veo 3.1 – und KLING v2.1 überzeugt 🎬.",
        "“Runway Gen-4” beats Kling AI 2.5 Turbo; Übersicht: Wan2.2, V3, Hv2, Seedance 1.0.",
        "Straße ÄÖÜ äöü İstanbul ǅemal ß Ωmega aaaaaaaaaaaaaaaaa 12345678901234567.8",
    ] {
        assert_word_keys(text);
    }
}

proptest::proptest! {
    #[test]
    fn word_keys_match_the_normal_forms(text in mention_text()) {
        assert_word_keys(&text);
    }
}

/// The version table of the candidate walk answers as `Registry::by_version` does, for every
/// family and every version spelling of the registry, with and without ".0".
#[test]
fn version_table_matches_by_version() {
    let r = shipped_registry();
    let c = r.candidates.as_ref().expect("shipped aliases are ASCII");
    let mut versions: Vec<String> = [
        "1",
        "2",
        "2.0",
        "3.10",
        "10",
        "99",
        "1.0.0",
        "12345678901234567",
    ]
    .iter()
    .map(|v| (*v).to_owned())
    .collect();
    for m in r.entries() {
        versions.push(m.version.clone());
        versions.push(format!("{}.0", m.version));
        versions.extend(m.version.strip_suffix(".0").map(str::to_owned));
    }
    for (family, f) in r.entries().iter().enumerate() {
        if f.kind != EntryKind::Family {
            continue;
        }
        for v in &versions {
            let expected = r
                .by_version(&f.id, v)
                .and_then(|m| r.by_id.get(&m.id).copied());
            assert_eq!(c.by_version(r, family, v), expected, "{} {v}", f.id);
        }
    }
}

/// The rule for a name glued to what comes before, over characters: the oracle for the ASCII
/// shortcut of `glued_before`.
fn glued_before_by_chars(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-') => before.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

#[test]
fn glued_before_matches_the_rule_over_characters() {
    for text in [
        "Sora",
        " Sora",
        "XSora",
        "9Sora",
        "-Sora",
        "X-Sora",
        " -Sora",
        "é-Sora",
        "ä Sora",
        "äSora",
        "„Sora",
        "🎬-Sora",
        "—Sora",
        "Next-Gen",
        "\u{a0}-Sora",
        "ß-Sora",
    ] {
        let at = text.len() - "Sora".len().min(text.len());
        let at = if text.ends_with("Gen") {
            text.len() - 3
        } else {
            at
        };
        assert_eq!(
            mentions::glued_before(text, at),
            glued_before_by_chars(text, at),
            "{text:?}"
        );
    }
}
