//! Property tests that know the domain: hype terms from the shipped lexicons, cue words, model
//! names, typographic characters and markup fragments, glued together the way real drafts and
//! scraped pages glue them ("Innovator’s", „Gamechanger“, "revo\u{AD}lutionary").
//!
//! Invariants, for plain text, Markdown and HTML: no panic; every hit lies inside the
//! analyzed text on char boundaries; its start maps back to the same character in the source
//! (or to the `&` of the entity it was decoded from); findings stay inside the document; the
//! same input gives the same output. Pages built from the same material extract without
//! panic, within the work budget, deterministically and without invisible characters.
//!
//! Lexicon terms and cue words are read from `lexicons/*/*.tsv` when the tests run, so new
//! entries are covered without touching this file.
use std::path::Path;
use std::sync::OnceLock;

use hypecheck::analyze::{Analyzer, Options};
use hypecheck::text::markup::{prepare, Format};
use proptest::prelude::*;

use crate::util::{put_analyzer, take_analyzer};

struct Vocab {
    terms: Vec<String>,
    cues: Vec<String>,
    models: Vec<String>,
}

/// First column of every data line of a lexicon TSV file.
fn first_column(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1) // header
        .filter_map(|l| l.split('\t').next())
        .map(str::to_owned)
        .filter(|t| !t.is_empty())
        .collect()
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut terms = Vec::new();
        let mut cues = Vec::new();
        for lang in ["de", "en"] {
            let dir = root.join("lexicons").join(lang);
            terms.extend(first_column(&dir.join("hype.tsv")));
            for f in [
                "hedges.tsv",
                "negators.tsv",
                "attribution.tsv",
                "boosters.tsv",
                "answers.tsv",
            ] {
                cues.extend(first_column(&dir.join(f)));
            }
        }
        // Model names and aliases from the registry (`name` and `aliases` columns).
        let models_csv = std::fs::read_to_string(root.join("data/models.csv"))
            .expect("data/models.csv is readable");
        let mut models: Vec<String> = models_csv
            .lines()
            .skip(1)
            .flat_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                let mut names = vec![f.get(2).copied().unwrap_or("")];
                names.extend(f.get(8).map_or(Vec::new(), |a| a.split('|').collect()));
                names
            })
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        models.sort();
        models.dedup();
        assert!(terms.len() > 400, "lexicon terms: {}", terms.len());
        assert!(cues.len() > 100, "cue words: {}", cues.len());
        assert!(models.len() > 20, "model names: {}", models.len());
        Vocab {
            terms,
            cues,
            models,
        }
    })
}

/// Characters that real text carries and ASCII-minded code trips over.
const TYPOGRAPHIC: &[&str] = &[
    "’",
    "‘",
    "“",
    "”",
    "„",
    "‚",
    "»",
    "«",
    "›",
    "‹",
    "\"",
    "'",
    "’s",
    "'s",
    "\u{AD}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{A0}",
    "\u{202F}",
    "e\u{301}",
    "\u{308}",
    "\u{20DD}",
    "…",
    "–",
    "—",
    "🚀",
    "👍🏽",
    "🇩🇪",
    "👨‍👩‍👧",
    "😀",
    "مرحبا",
    "שלום",
    "\u{200F}",
    "\u{202E}",
    "\u{2066}",
    "ß",
    "İ",
    "ǅ",
    "ﬁ",
    "Ⅻ",
    "\u{1F3FB}",
];

/// Markup fragments of Markdown and HTML, closed and unclosed.
const MARKUP: &[&str] = &[
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<q>",
    "</q>",
    "<blockquote>",
    "</blockquote>",
    "<a href=\"https://x.example/a\">",
    "</a>",
    "<br>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<!-- hypecheck: ignore -->",
    "&amp;",
    "&shy;",
    "&rsquo;",
    "&#8217;",
    "&#x201C;",
    "&bdquo;",
    "&nbsp;",
    "&",
    "<",
    ">",
    "[",
    "]",
    "](https://x.example/)",
    "![Bild](b.png)",
    "`",
    "``",
    "> ",
    "# ",
    "* ",
    "_",
    "**",
    "---\n",
    "```\n",
];

/// Glue after a term: nothing, a possessive, a typographic mark.
const SUFFIXES: &[&str] = &[
    "", "", "", "", "’s", "'s", "’", "s", "ly", "\u{AD}", "\u{200B}", "“", "”", "«", "»", "!", "?",
    ",", ".", "\u{301}", "🚀",
];

/// Between tokens: mostly a space, sometimes nothing at all.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "", "", "\n", "\n\n", "\u{A0}", "\u{AD}", "\u{200B}", ". ", "? ",
];

const PLAIN: &[&str] = &[
    "Sora",
    "2",
    "ist",
    "kein",
    "nicht",
    "The",
    "is",
    "a",
    "der",
    "die",
    "das",
    "und",
    "sagt",
    "says",
    "A",
    "Das",
    "Der",
    "Guide",
    "Innovator",
    "Hollywood",
    "Studio",
];

fn term() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vocab().terms.clone()),
        0..4u8,
        prop::sample::select(SUFFIXES),
        prop::option::weighted(
            0.15,
            (
                any::<prop::sample::Index>(),
                prop::sample::select(&["\u{AD}", "\u{200B}", "\u{301}", "’"][..]),
            ),
        ),
    )
        .prop_map(|(t, case, suffix, inner)| {
            let mut t = match case {
                0 => t,
                1 => {
                    let mut c = t.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                2 => t.to_uppercase(),
                _ => t.to_lowercase(),
            };
            if let Some((at, ch)) = inner {
                let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
                if !bounds.is_empty() {
                    t.insert_str(bounds[at.index(bounds.len())], ch);
                }
            }
            t + suffix
        })
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => term(),
        2 => prop::sample::select(vocab().cues.clone()),
        1 => prop::sample::select(vocab().models.clone()),
        3 => prop::sample::select(TYPOGRAPHIC).prop_map(str::to_owned),
        2 => prop::sample::select(MARKUP).prop_map(str::to_owned),
        2 => prop::sample::select(PLAIN).prop_map(str::to_owned),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::sample::select(SEPARATORS)), 0..40).prop_map(|v| {
        v.into_iter().fold(String::new(), |mut s, (t, sep)| {
            s.push_str(&t);
            s.push_str(sep);
            s
        })
    })
}

/// The analyzer's hits on `text` lie inside it, on char boundaries.
fn check_spans(an: &mut Analyzer, text: &str) -> Result<Vec<(usize, usize)>, TestCaseError> {
    let a = an.analyze(text, &Options::default());
    let mut spans = Vec::new();
    for h in &a.hits {
        prop_assert!(h.start < h.end && h.end <= text.len(), "{h:?} in {text:?}");
        prop_assert!(
            text.is_char_boundary(h.start) && text.is_char_boundary(h.end),
            "{h:?} not on char boundaries of {text:?}"
        );
        spans.push((h.start, h.end));
    }
    Ok(spans)
}

proptest! {
    // Sized to run in a few seconds in a debug build; the curly-apostrophe panic shows up
    // in the first dozen cases, and the saved seeds in tests/proptest-regressions/ replay it.
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Plain text: valid spans, and the same spans again on a second run.
    #[test]
    fn domain_text_analyzes_with_valid_spans(doc in document()) {
        let mut an = take_analyzer();
        let first = check_spans(&mut an, &doc)?;
        let second = check_spans(&mut an, &doc)?;
        put_analyzer(an);
        prop_assert_eq!(first, second);
    }

    /// Markdown and HTML: every hit in the plain text maps back to the same character in the
    /// source (or to the `&` of the entity it was decoded from).
    #[test]
    fn domain_markup_offsets_map_back_to_the_source(doc in document()) {
        let mut an = take_analyzer();
        for format in [Format::Markdown, Format::Html] {
            let p = prepare(&doc, format);
            for (start, _) in check_spans(&mut an, &p.text)? {
                let orig = p.map.to_orig(start);
                prop_assert!(orig < doc.len() && doc.is_char_boundary(orig),
                    "{format:?}: plain {start} -> source {orig} in {doc:?}");
                let want = p.text[start..].chars().next();
                let got = doc[orig..].chars().next();
                prop_assert!(got == want || got == Some('&'),
                    "{format:?}: plain {start} {want:?} -> source {orig} {got:?} in {doc:?}");
            }
        }
        put_analyzer(an);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// `check` in every format: no panic, findings inside the document, same report twice.
    #[test]
    fn domain_check_is_deterministic_and_in_bounds(doc in document()) {
        let mut an = take_analyzer();
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let mut run = || hypecheck::check::check(&mut an, "p", doc.as_bytes(), format, None);
            let (Ok(a), Ok(b)) = (run(), run()) else {
                return Err(TestCaseError::fail(format!("not checkable: {doc:?}")));
            };
            let lines: Vec<&str> = doc.split('\n').collect();
            for f in &a.findings {
                prop_assert!(f.line >= 1 && f.line <= lines.len() && f.column >= 1, "{f:?}");
                prop_assert!(f.end_line >= f.line && f.end_line <= lines.len(), "{f:?}");
                prop_assert!(f.column <= lines[f.line - 1].chars().count(), "{f:?} in {doc:?}");
            }
            let json = |r: &hypecheck::check::FileReport| serde_json::to_string(r).expect("serializes");
            prop_assert_eq!(json(&a), json(&b));
        }
        put_analyzer(an);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Extraction of pages built from the same material: no panic, never over the work
    /// budget, same result twice, and no invisible characters (soft hyphens, zero-width
    /// characters) left in the text or the title.
    #[test]
    fn domain_pages_extract_deterministically_without_invisible_characters(
        title in document(),
        paras in prop::collection::vec(document(), 0..6),
    ) {
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        let page = format!(
            "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
        );
        let first = hypecheck::collect::extract::try_extract(page.as_bytes(), None, None);
        let second = hypecheck::collect::extract::try_extract(page.as_bytes(), None, None);
        prop_assert_eq!(&first, &second);
        let got = first.map_err(|e| TestCaseError::fail(format!("{e}: {page:?}")))?;
        let invisible = ['\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
        prop_assert!(!got.text.contains(invisible), "{:?}", got.text);
        prop_assert!(!got.title.unwrap_or_default().contains(invisible));
        prop_assert!(!got.text.contains("\n\n\n"), "{:?}", got.text);
    }
}
