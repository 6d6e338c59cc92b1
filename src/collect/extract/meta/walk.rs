//! The one flat pass over a parsed page that gathers the elements metadata is read from
//! (`<meta>`, canonical `<link>`, JSON-LD scripts, `<title>`, `<h1>`, `<time>`, `itemprop`
//! dates) and detects a paywall box that holds text ([`MetaWalk`]).
use scraper::node::Element;
use scraper::{ElementRef, Html};
use std::sync::LazyLock;

/// The elements metadata is read from, gathered in one flat pass over the parsed nodes
/// (cheaper than one selector walk per kind).
pub(super) struct MetaWalk<'a> {
    pub(super) metas: Vec<&'a Element>,
    pub(super) canonical: Option<&'a str>,
    pub(super) scripts: Vec<ElementRef<'a>>,
    pub(super) title: Option<ElementRef<'a>>,
    pub(super) h1: Option<ElementRef<'a>>,
    pub(super) times: Vec<ElementRef<'a>>,
    pub(super) itemprop_dates: Vec<&'a Element>,
    pub(super) paywall_box: bool,
}

pub(super) fn walk(doc: &Html) -> MetaWalk<'_> {
    let mut s = MetaWalk {
        metas: Vec::new(),
        canonical: None,
        scripts: Vec::new(),
        title: None,
        h1: None,
        times: Vec::new(),
        itemprop_dates: Vec::new(),
        paywall_box: false,
    };
    let mut marker_cache: rustc_hash::FxHashMap<&str, bool> = rustc_hash::FxHashMap::default();
    for n in doc.tree.nodes() {
        let Some(v) = n.value().as_element() else {
            continue;
        };
        match v.name() {
            "meta" => s.metas.push(v),
            "link" if s.canonical.is_none() => {
                let is_canonical = v.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if is_canonical {
                    s.canonical = v.attr("href");
                }
            }
            "script" => {
                let is_ld = v
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    s.scripts.extend(ElementRef::wrap(n));
                }
            }
            "title" if s.title.is_none() => s.title = ElementRef::wrap(n),
            "h1" if s.h1.is_none() => s.h1 = ElementRef::wrap(n),
            "time" if v.attr("datetime").is_some() => s.times.extend(ElementRef::wrap(n)),
            // Page-level classes (`f_piano_prod_on` on <body>) only say a paywall script is
            // loaded.
            "html" | "body" => continue,
            _ => {}
        }
        // One walk over the attributes (this runs for every element of the page).
        let mut marked = false;
        for (key, value) in v.attrs() {
            match key {
                "itemprop" if value == "datePublished" || value == "dateModified" => {
                    s.itemprop_dates.push(v);
                }
                "class" | "id" | "data-area" | "data-component" | "data-testid"
                    if !s.paywall_box && !marked =>
                {
                    // Class values repeat across a page; each distinct one is tested once.
                    marked = *marker_cache
                        .entry(value)
                        .or_insert_with(|| is_paywall_marker(value));
                }
                _ => {}
            }
        }
        // A paywall box that holds text; empty placeholders for paywall scripts also appear
        // on free articles and do not count.
        if marked {
            s.paywall_box = ElementRef::wrap(n)
                .is_some_and(|el| el.text().map(|t| t.trim().len()).sum::<usize>() >= 20);
        }
    }
    s
}

/// Classes/ids of paywall containers. Generic names used by many CMS and paywall vendors.
static PAYWALL_MARKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    // Plain literals only, so the regex engine can use its fast literal prefilter: this runs
    // on the class/id of every element.
    regex::Regex::new(
        r"(?i)paywall|pay-wall|plus-teaser|premium-teaser|subscribers?-only|paid-content|regwall|piano",
    )
    .expect("static regex")
});

fn is_paywall_marker(s: &str) -> bool {
    PAYWALL_MARKER.find(s).is_some_and(|m| {
        // `piano` counts only as a class word of its own or a `piano-*` prefix (not
        // `f_piano_prod_on`-style flags).
        if !m.as_str().eq_ignore_ascii_case("piano") {
            return true;
        }
        s.split_ascii_whitespace().any(|w| {
            let w = w.as_bytes();
            w.len() >= 5 && w[..5].eq_ignore_ascii_case(b"piano") && (w.len() == 5 || w[5] == b'-')
        })
    })
}
