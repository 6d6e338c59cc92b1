//! Hostile input: generated pages and drafts that used to be quadratic or to panic.
//!
//! Slow paths are checked by growth, not by a wall-clock limit: the same shape at two sizes,
//! four times apart, must take well under the 16× a quadratic path needs.
use std::time::{Duration, Instant};

use hypecheck::collect::extract::extract;
use hypecheck::text::markup::{prepare, Format};

/// CPU time this thread has run so far, from Linux's `/proc/thread-self/schedstat` (first
/// field: nanoseconds on a CPU). CPU time, unlike wall-clock time, does not grow when other
/// processes compete for the cores. `None` elsewhere.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Time per run of `f`: in thread CPU time where the system reports it (the counter advances
/// in scheduler ticks, so `f` is repeated until 100 ms have accumulated), else the fastest of
/// five wall-clock runs.
fn fastest(f: &impl Fn()) -> Duration {
    if let Some(start) = thread_cpu_time() {
        let mut runs = 0u32;
        loop {
            f();
            runs += 1;
            let spent = thread_cpu_time().unwrap_or(start).saturating_sub(start);
            if spent >= Duration::from_millis(100) || runs >= 10_000 {
                return spent / runs;
            }
        }
    }
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Asserts that `run` on `large` (four times `small`) takes less than 10× as long as on
/// `small`: linear growth is 4×, quadratic 16× (the margin absorbs a busy machine).
#[track_caller]
fn assert_linear<T>(label: &str, small: &T, large: &T, run: impl Fn(&T)) {
    run(small); // warm up caches and lazy statics
    let a = fastest(&|| run(small));
    let b = fastest(&|| run(large));
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
    assert!(
        ratio < 10.0,
        "{label}: {a:?} at the small size, {b:?} at 4× the size (ratio {ratio:.1}; linear is 4)"
    );
}

fn page_with_attributes(n: usize) -> String {
    let attrs: String = (0..n).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    format!(
        "<html><body><div{attrs}><p>{}</p></div></body></html>",
        "Sora 2 text. ".repeat(20)
    )
}

#[test]
fn extraction_is_linear_in_distinct_attributes_on_one_element() {
    let (small, large) = (page_with_attributes(10_000), page_with_attributes(40_000));
    assert_linear("attributes", &small, &large, |p| {
        let got = extract(p.as_bytes(), None, None);
        assert!(got.text.contains("Sora 2 text."));
    });
}

fn page_with_body_tags(n: usize) -> String {
    let attrs: String = (0..200).map(|i| format!(" b{i}")).collect();
    let bodies: String = (0..n)
        .map(|k| format!("<body{}>", attrs.replace(" b", &format!(" k{k}b"))))
        .collect();
    format!(
        "<html><body><p>{}</p>{bodies}</html>",
        "Veo text here. ".repeat(20)
    )
}

#[test]
fn extraction_is_linear_in_repeated_body_tags() {
    let (small, large) = (page_with_body_tags(100), page_with_body_tags(400));
    assert_linear("body tags", &small, &large, |p| {
        let got = extract(p.as_bytes(), None, None);
        assert!(got.text.contains("Veo text here."));
    });
}

/// Unclosed constructs that made the markup scanner search to the end of the line (or file)
/// from every `<`, `[` or `]`.
#[test]
fn markup_scanner_is_linear_on_unclosed_constructs() {
    type Case = (&'static str, Format, fn(usize) -> String);
    let cases: [Case; 8] = [
        ("html `<a`", Format::Html, |n| "<a".repeat(n)),
        ("html `< ` before a late `>`", Format::Html, |n| {
            format!("{}>", "< ".repeat(n))
        }),
        ("markdown `<`", Format::Markdown, |n| "<".repeat(n)),
        ("markdown `<a ` before a late `>`", Format::Markdown, |n| {
            format!("{}>", "<a ".repeat(n))
        }),
        ("markdown `![`", Format::Markdown, |n| "![".repeat(n)),
        ("markdown `![x](`", Format::Markdown, |n| "![x](".repeat(n)),
        ("markdown `](`", Format::Markdown, |n| "[a](".repeat(n)),
        ("markdown backtick runs", Format::Markdown, |n| {
            (0..n)
                .map(|i| format!("{} a ", "`".repeat(i % 7 + 1)))
                .collect()
        }),
    ];
    for (label, format, make) in cases {
        let (small, large) = (make(100_000), make(400_000));
        assert_linear(label, &small, &large, |s| {
            let p = prepare(s, format);
            assert!(p.text.len() <= s.len() * 2);
        });
    }
}

const INVISIBLE: [char; 6] = [
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// `text` with an invisible character after every third character (cycling through them),
/// some as raw characters and some as HTML character references.
fn sprinkle(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        out.push(c);
        if i % 3 == 2 && c != ' ' {
            let inv = INVISIBLE[(i / 3) % INVISIBLE.len()];
            if i % 2 == 0 {
                out.push(inv);
            } else {
                out.push_str(&format!("&#x{:X};", u32::from(inv)));
            }
        }
    }
    out
}

#[test]
fn extraction_drops_soft_hyphens_and_zero_width_characters() {
    let paras = [
        "Der Bewegtbildgenerator erzeugt zehnsekündige Clips in hoher Auflösung, sagt die Firma.",
        "Die Bildwiederholrate bleibt stabil, auch wenn die Kamera schnell schwenkt und zoomt.",
        "Innovator’s dilemma: the rollout is slower than the announcement suggested last week.",
    ];
    let body: String = paras
        .iter()
        .map(|p| format!("<p>{}</p>", sprinkle(p)))
        .collect();
    let title = sprinkle("Videogeneratoren im Vergleich");
    let page = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}<p>Ein\u{AD}<span>\u{200B}</span>schub.</p></article></body></html>"
    );
    let got = extract(page.as_bytes(), None, None);
    assert_eq!(got.title.as_deref(), Some("Videogeneratoren im Vergleich"));
    for p in paras {
        assert!(got.text.contains(p), "{p:?} not in {:?}", got.text);
    }
    assert!(got.text.contains("Einschub."), "{:?}", got.text);
    assert!(!got.text.contains(INVISIBLE), "{:?}", got.text);
}

/// An endless reader of one byte: `/dev/zero` with `0`, an endless text stream otherwise.
struct Endless(u8, usize);

impl std::io::Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(self.0);
        self.1 += buf.len();
        Ok(buf.len())
    }
}

#[test]
fn binary_input_is_refused_after_a_bounded_prefix() {
    use hypecheck::check::{read_document, ReadError, SNIFF_LEN};
    let mut zero = Endless(0, 0);
    let e = read_document(&mut zero, 1 << 30).unwrap_err();
    assert!(matches!(e, ReadError::Binary(0)), "{e}");
    assert!(
        zero.1 <= SNIFF_LEN * 2,
        "read {} bytes of /dev/zero",
        zero.1
    );
    // An endless text stream stops at the cap.
    let mut text = Endless(b'a', 0);
    let e = read_document(&mut text, 100_000).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge(100_000)), "{e}");
    assert!(text.1 < 200_000);
    // Text (also exactly at the cap) is read whole; a NUL after the prefix is left to `check`.
    let doc = format!("{}\0", "Sora 2 ist da. ".repeat(2000));
    let got = read_document(doc.as_bytes(), doc.len() as u64).expect("text");
    assert_eq!(got, doc.as_bytes());
}

#[test]
fn check_dev_zero_is_refused_as_binary() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    // The timeout guards the test run against the old endless read; it is no speed limit.
    crate::util::bin()
        .args(["check", "/dev/zero"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("looks like a binary file"));
}

/// Paragraphs nested ever deeper in custom elements (which the depth cap does not track),
/// all inside a comment section: every candidate container is furniture, and each used to
/// be judged by walking all its ancestors.
fn deep_furniture(n: usize) -> String {
    let p = "<x-c><p>Ein Kommentar, lang genug für einen Absatz, mit Komma.</p>";
    format!(
        "<html><body><p>Der Artikel beginnt hier, kurz.</p><div class=comments>{}</div></body></html>",
        p.repeat(n)
    )
}

#[test]
fn extraction_is_linear_in_deeply_nested_furniture() {
    let (small, large) = (deep_furniture(2_000), deep_furniture(8_000));
    assert_linear("deep furniture", &small, &large, |p| {
        extract(p.as_bytes(), None, None);
    });
}

/// Many `<article>`s, each nested in the previous one.
fn nested_articles(n: usize) -> String {
    let a = "<article><p>Ein Absatz in einem Artikel, lang genug, mit Komma.</p>";
    format!("<html><body>{}</body></html>", a.repeat(n))
}

#[test]
fn extraction_is_linear_in_nested_articles() {
    // Above the sanitizer's depth cap (1000), where growth must be linear.
    let (small, large) = (nested_articles(2_000), nested_articles(8_000));
    assert_linear("nested articles", &small, &large, |p| {
        extract(p.as_bytes(), None, None);
    });
}

/// The work budget is a backstop, not a limit real pages meet: a large, busy page (3 MB,
/// 20,000 paragraphs among link lists and furniture) is extracted whole.
#[test]
fn large_pages_stay_within_the_work_budget() {
    let block = "<div class=\"teaser\"><a href=\"/a\">Ein Teaser</a></div><p>Ein Absatz über Videogeneratoren, lang genug, mit einem Komma, Nummer N.</p><div class=\"share\"><a href=\"/s\">Teilen</a></div>";
    let body: String = (0..20_000)
        .map(|i| block.replace("Nummer N", &format!("Nummer {i}")))
        .collect();
    let page = format!("<html><body><article><h1>T</h1>{body}</article></body></html>");
    assert!(page.len() > 3_000_000, "{}", page.len());
    let got = hypecheck::collect::extract::try_extract(page.as_bytes(), None, None)
        .expect("within the budget");
    assert!(got.text.contains("Nummer 0.") && got.text.contains("Nummer 19999."));
}
