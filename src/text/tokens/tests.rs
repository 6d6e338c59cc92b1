//! Differential tests: [`super::tokenize`] must return exactly what the straightforward
//! version in `reference.rs` returns, on hand-picked cases, on the fixtures, on generated text
//! written the way news is written (typographic quotes and apostrophes, soft hyphens,
//! zero-width characters, emoji, abbreviations, numbers, line breaks) and on long
//! pathological input (which also shows the pass stays linear).
use proptest::prelude::*;

use super::{reference, tokenize};

fn assert_same(text: &str) {
    let new = tokenize(text);
    let old = reference::tokenize(text);
    assert_eq!(new.tokens, old.tokens, "tokens of {text:?}");
    assert_eq!(new.sentences, old.sentences, "sentences of {text:?}");
    assert_eq!(new.quotes, old.quotes, "quotes of {text:?}");
    // The marks the pass records are those of every character.
    let at = |keep: fn(char) -> bool| -> Vec<u32> {
        text.char_indices()
            .filter(|&(_, c)| keep(c))
            .map(|(i, _)| i as u32)
            .collect()
    };
    assert_eq!(
        new.quote_marks,
        at(super::is_double_quote),
        "quote marks of {text:?}"
    );
    assert_eq!(new.newlines, at(|c| c == '\n'), "line breaks of {text:?}");
}

/// Pieces of real-world text; the generators glue them together with or without blanks.
const PIECES: &[&str] = &[
    "Sora",
    "OpenAI",
    "KI",
    "Revolution",
    "ist",
    "nicht",
    "the",
    "model",
    "Über",
    "über",
    "Ärger",
    "straße",
    "ẞ",
    "z",
    "B",
    "Dr",
    "e.g",
    "i.e",
    "ca",
    "Nr",
    "okt",
    "Okt",
    "o\u{212A}t",
    "ggü",
    "GGÜ",
    "Ggü",
    "approx",
    "APPROX",
    "usw",
    "U.S",
    "but",
    "But",
    "BUT",
    "aber",
    "however",
    "However",
    "jedoch",
    "while",
    "yet",
    "Yet",
    "obwohl",
    "allerdings",
    "wenngleich",
    "3",
    "3.1",
    "2,5",
    "1",
    "12",
    "123",
    "1234",
    "2025",
    "isn't",
    "OpenAI’s",
    "'s",
    "rock'n'roll",
    "KI-Revolution",
    "Game\u{ad}changer",
    "Ver\u{2010}such",
    "non\u{2011}stop",
    "R&D",
    "AT&T",
    ".",
    "..",
    "...",
    "…",
    "?",
    "!",
    "?!",
    "!?",
    ".\u{2026}",
    ",",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "–",
    "—",
    "-",
    "•",
    "*",
    "#",
    ">",
    "|",
    "&",
    "/",
    "„",
    "“",
    "”",
    "‚",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "‹",
    "›",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "😀",
    "👍🏽",
    "🇩🇪",
    "×",
    "÷",
    "İ",
    "Ω",
    "Привет",
    "日本",
    "\u{2028}",
    "\u{85}",
    "\u{3000}",
    "\u{0b}",
    "\u{0c}",
    "\0",
    "\u{7f}",
    "\u{a0}",
    "\u{202f}",
    "\r",
    "\u{0301}",
    "ﬁ",
];

const SEPARATORS: &[&str] = &[
    "", "", " ", " ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n", "\u{a0}", " - ", ". ",
    ", ", "\n- ", "\n1. ", "\n12) ",
];

fn pieces_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(SEPARATORS),
        ),
        0..80,
    )
    .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

/// Characters alone: marks next to marks, in every order.
fn chars_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = PIECES
        .iter()
        .chain(SEPARATORS)
        .flat_map(|p| p.chars())
        .chain("aAzZ09 \n\n  ".chars())
        .collect();
    prop::collection::vec(prop::sample::select(chars), 0..200).prop_map(String::from_iter)
}

/// Lines, short and long (the line-break rules look at both lines' ends and lengths).
fn lines_text() -> impl Strategy<Value = String> {
    let line = (
        prop::sample::select(vec![
            "", "", "- ", "* ", "• ", "# ", "> ", "| ", "1. ", "12) ", "123.", "1234. ", "1x. ",
            "  ", "\u{a0}",
        ]),
        prop::collection::vec(prop::sample::select(PIECES), 0..6),
        0..40usize,
        prop::sample::select(vec![
            "", "", ".", ",", ":", ";", "-", "(", "“", "»", "«", "\"", "!", "…", " ", "\r",
        ]),
    )
        .prop_map(|(head, words, repeat, tail)| {
            let body = words.join(" ");
            format!(
                "{head}{}{tail}",
                [body.as_str(); 2].join(" ").repeat(repeat / 8 + 1)
            )
        });
    prop::collection::vec(
        (
            line,
            prop::sample::select(vec!["\n", "\n", "\n\n", "\n \n"]),
        ),
        0..12,
    )
    .prop_map(|v| {
        v.into_iter()
            .flat_map(|(l, s)| [l, s.to_string()])
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_as_reference_on_lines(t in lines_text()) {
        assert_same(&t);
    }

    #[test]
    fn same_as_reference_on_news_like_text(t in pieces_text()) {
        assert_same(&t);
    }

    #[test]
    fn same_as_reference_on_mixed_characters(t in chars_text()) {
        assert_same(&t);
    }

    #[test]
    fn same_as_reference_on_any_string(t in any::<String>()) {
        assert_same(&t);
    }
}

#[test]
fn same_as_reference_on_hand_picked_cases() {
    for t in [
        "",
        " ",
        "a",
        ".",
        "…",
        "\n",
        "\n\n",
        "Ja. Nein.",
        "Er kam z. B. am 3. Oktober. Dann ging er.",
        "Veo 3.1 und 2,5 Mio. Euro. Dr. Müller sagt: „Das ist eine Revolution!“ Doch nein.",
        "He said \"wow.\" Then 'it's fine.' And OpenAI’s model’s ‘best’ «Bahn» ‹x› »y«.",
        "Titel\nText ohne Punkt\n- Punkt eins\n1. Punkt zwei\n12) drei\n1234. nein\n\nAbsatz",
        "a - b -- c – d — e; f: g (h) [i] but j aber k however l",
        "Ende...Anfang. Ende... Anfang. Ende?! Anfang. Ende… anfang.",
        "Sätze:\r\nzwei\r\n\r\nDrei.",
        "Wort.\u{a0}Wort. \u{2028}Wort.\u{3000}Ä.",
        "x.\u{0b}Y. z.\u{0c}\u{0c}A.",
        "Game\u{ad}changer Ver\u{2010}such non\u{2011}stop R&D AT&T a&",
        "o\u{212A}t. Ab. GGÜ. Ab. ggü. Ab. İ. Ab.",
        "„offen\n\nZu“ und ‚a‘ “b” ‘c’",
        "1.1.1.1. 2,,3 4.,5 6.a",
        "😀. 👍🏽! 🇩🇪? ×. ÷.",
        "a.\") B.\" C.) D.] E.’ F.» G.« H.",
    ] {
        assert_same(t);
    }
    // Line breaks after long lines: only the next line's start or the last mark decides.
    let long = "This is a long hard-wrapped line of English prose that goes on and on and on";
    for line in [
        long.to_string(),
        "ä".repeat(59),
        "ä".repeat(60),
        "😀".repeat(59),
        "😀".repeat(60),
        format!("{long},"),
        format!("{long}:"),
        format!("  {long} \r"),
    ] {
        for next in [
            "1234. x", "123. x", "12) x", "1x. x", "- x", "# x", "x", "Über", "  \r", "",
        ] {
            assert_same(&format!("{line}\n{next}\n{line}"));
        }
    }
}

/// Every file under `tests/fixtures` (the real articles and drafts among them).
#[test]
fn same_as_reference_on_fixtures() {
    fn walk(dir: &std::path::Path, n: &mut usize) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, n);
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                assert_same(&t);
                *n += 1;
            }
        }
    }
    let mut n = 0;
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut n,
    );
    assert!(n > 20, "only {n} fixture files");
}

/// Long runs of one construct: every part of the pass must stay linear.
#[test]
fn same_as_reference_on_long_pathological_input() {
    for unit in [
        "\n", " ", ".", "a.", "a", "1.", "1.1", "a-", "-", "„", "'", "’a", "\n \n", "x\n", "…",
        ". ", "\u{a0}", "Ab. ", "- \n", "ä", "(",
    ] {
        assert_same(&unit.repeat(200_000 / unit.len()));
    }
    let long_line = format!("{}\n{}\n", "wort ".repeat(50_000), "wort ".repeat(50_000));
    assert_same(&long_line.repeat(3));
}

#[test]
fn eight_byte_classifier_agrees_with_the_byte_test() {
    use super::tokenizer::ascii_word_run as run;
    for b in 0..=255u8 {
        for pos in 0..9 {
            let mut v = vec![b'a'; 12];
            if pos < v.len() {
                v[pos] = b;
            }
            let expect = v
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(v.len());
            assert_eq!(run(&v, 0), expect, "byte {b:#x} at {pos}");
        }
    }
}

#[test]
fn abbreviations_and_contrast_words_as_before() {
    use super::words::{is_abbreviation, is_contrast};
    let mut words: Vec<String> = PIECES.iter().map(|p| p.to_string()).collect();
    for w in super::words::ABBREVIATIONS
        .iter()
        .chain(super::words::CONTRAST)
    {
        words.push(w.to_string());
        words.push(w.to_uppercase());
        words.push(format!("{w}s"));
        words.push(format!("{w}\0"));
        let mut shorter = w.to_string();
        shorter.pop();
        words.push(shorter);
    }
    for w in [
        "1", "12", "123", "a1", "1a", "\u{212A}", "ß", "é", "ab", "approxi", "dr\0",
    ] {
        words.push(w.to_string());
    }
    for w in &words {
        if w.is_empty() {
            continue;
        }
        assert_eq!(
            is_abbreviation(w),
            reference::is_abbreviation(w),
            "abbreviation {w:?}"
        );
        let b = w.as_bytes();
        assert_eq!(
            is_contrast(b, 0, b.len()),
            reference::is_contrast(b, 0, b.len()),
            "contrast {w:?}"
        );
    }
}

/// [`super::load16_pair`] (masks from a table) against packing byte by byte, for every span
/// of up to 17 bytes of German and English text with umlauts, curly quotes and emoji, near
/// the end of the text (fewer than 16 bytes to read) and away from it.
#[test]
fn packed_words_hold_exactly_their_bytes() {
    let text = "Die „KI-Revolution“ ist’s nicht – Müller’s “game-changer” 🚀 isn't über-hyped.";
    let bytes = text.as_bytes();
    for start in 0..=bytes.len() {
        for end in start..=(start + 17).min(bytes.len()) {
            let simple = (end - start <= 16).then(|| {
                let mut k = [0u64; 2];
                for (i, &b) in bytes[start..end].iter().enumerate() {
                    k[i / 8] |= u64::from(b) << (8 * (i % 8));
                }
                k
            });
            assert_eq!(
                super::load16_pair(bytes, start, end),
                simple,
                "{start}..{end}"
            );
        }
    }
    assert_eq!(super::load16_pair(bytes, 5, 4), None);
}

/// The blanks after a terminal mark, measured by bytes when they are ASCII: every kind of
/// blank run and following character agrees with the reference (no-break and thin spaces,
/// vertical tab, paragraph breaks, curly quotes, umlauts, emoji, the end of the text).
#[test]
fn blanks_after_terminal_marks_as_before() {
    for blanks in [
        " ",
        "  ",
        "\n",
        "\n\n",
        " \n \n",
        "\t",
        "\u{0B}",
        "\u{0C}",
        "\r\n\r\n",
        "\u{A0}",
        " \u{A0}",
        "\u{2009}",
        " \u{2003} ",
        "",
    ] {
        for next in [
            "Der",
            "der",
            "Über",
            "über",
            "„Zitat“",
            "“Quote”",
            "\"Quote\"",
            "3 Tage",
            "🚀 Start",
            "- Punkt",
            "(Klammer)",
            "é",
            "",
        ] {
            for mark in [".", "!", "?", "...", "…", ".“", "?”", ".)"] {
                for word in ["Ende", "z. B", "Dr", "ca", "3", "ggü", "Müller"] {
                    assert_same(&format!(
                        "Ein Satz mit {word}{mark}{blanks}{next} und mehr."
                    ));
                }
            }
        }
    }
}
