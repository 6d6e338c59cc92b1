//! Property tests: no input makes the analyzer panic, and every span is valid.
use hypecheck::analyze::Options;
use hypecheck::text::Format;
use proptest::prelude::*;

use crate::util::with_analyzer;

fn news_like() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Sora",
        "2",
        "ist",
        "kein",
        "nicht",
        "Gamechanger",
        "revolution",
        "„",
        "“",
        "\"",
        "'",
        "?",
        "!",
        ".",
        ",",
        "z. B.",
        "Veo 3.1",
        "könnte",
        "sogenannte",
        "says",
        "not just",
        "😀",
        "Ä",
        "\n",
        "\n\n",
        "-",
        "Hollywood",
        "kann",
        "einpacken",
        "never",
        "like",
        "before",
        "<b>",
        "</p>",
        "&amp;",
        "`",
        "> ",
        "# ",
        "…",
        "nein",
        "Absolutely",
        "—",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_analyzes_without_panic(s in any::<String>()) {
        let a = with_analyzer(|an| an.analyze(&s, &Options::default()));
        for h in &a.hits {
            prop_assert!(h.start < h.end && h.end <= s.len());
            prop_assert!(s.is_char_boundary(h.start) && s.is_char_boundary(h.end));
        }
    }

    #[test]
    fn news_like_text_gives_valid_spans_in_every_format(s in news_like()) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let r = with_analyzer(|an| hypecheck::check::check(an, "p", s.as_bytes(), format, None));
            let r = r.expect("text is checkable");
            let lines = s.split('\n').count();
            for f in &r.findings {
                prop_assert!(f.line >= 1 && f.line <= lines && f.column >= 1);
                prop_assert!(f.end_line >= f.line);
                let line_chars = s.split('\n').nth(f.line - 1).map_or(0, |l| l.chars().count());
                prop_assert!(f.column <= line_chars, "{:?} in {:?}", f, s);
            }
            prop_assert!((0.0..=100.0).contains(&r.hype_index));
        }
    }

    #[test]
    fn any_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        with_analyzer(|an| {
            let _ = hypecheck::check::check(an, "b", &b, Format::Html, None);
            let _ = hypecheck::check::check(an, "b", &b, Format::Markdown, None);
        });
    }
}
