//! Page metadata: title, authors, dates, language, canonical URL, outlet and paywall signals,
//! read from `<meta>`, `<link>`, JSON-LD (`@graph` included), `<time>` and the URL.
//!
//! This file holds [`Meta`], the text clean-up helpers, and [`read`], which picks each value
//! from the sources in order of trust; `walk` gathers the elements metadata is read from in
//! one pass over the page (paywall boxes included), `json_ld` reads the JSON-LD blocks.

use super::dates;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

mod json_ld;
mod walk;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

static AUTHOR_NODES: LazyLock<Selector> = LazyLock::new(|| {
    sel("[rel=author], [itemprop=author], .author-name, .byline__name, .byline-name, .author a, .byline a")
});

/// Metadata found in one page; merged into `Extracted` by the caller.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub(crate) title: Option<String>,
    pub(crate) authors: Vec<String>,
    pub(crate) published: Option<String>,
    pub(crate) modified: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) canonical_url: Option<String>,
    pub(crate) site_name: Option<String>,
    /// The page declares its article not free (JSON-LD `isAccessibleForFree`, paywall meta).
    pub(crate) paywall_declared: bool,
    /// The page has a paywall box with text (`.paywall`, `.plus-teaser`, ...).
    pub(crate) paywall_box: bool,
}

/// Characters that render as nothing: soft hyphen, zero-width space, non-joiner and joiner,
/// word joiner, byte-order mark. CMSs put soft hyphens into long German words
/// ("Bewegt\u{AD}bild\u{AD}generator") and zero-width spaces into URLs and headlines; left in,
/// they split words for the stemmer and the lexicons.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Appends `w` without invisible characters (see [`is_invisible`]).
pub(crate) fn push_visible(out: &mut String, w: &str) {
    if w.contains(is_invisible) {
        out.extend(w.chars().filter(|&c| !is_invisible(c)));
    } else {
        out.push_str(w);
    }
}

/// Collapses whitespace, drops invisible characters and trims; `None` when nothing is left.
pub(crate) fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        push_visible(&mut out, w);
    }
    let out = out.trim_end();
    (!out.is_empty()).then(|| out.to_owned())
}

/// Normalises a language tag (`de-DE`, `en_US`, `DE`) to its primary subtag.
pub(crate) fn normalize_lang(raw: &str) -> Option<String> {
    let first = raw.split([',', ';']).next()?.trim();
    let primary = first.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    ok.then_some(primary)
}

/// Resolves `href` against `base`; only http(s) results count.
pub(crate) fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let parsed = match url::Url::parse(href) {
        Ok(u) => u,
        Err(_) => url::Url::parse(base?).ok()?.join(href).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Strips a trailing ` | Outlet` / ` - Outlet` from a `<title>`.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let site_match = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            // Without a known site name, only drop short tails (outlet names are short).
            if site_match || (tail.split_whitespace().count() <= 4 && head.len() > tail.len()) {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Reads all metadata from a parsed page.
pub(crate) fn read(doc: &Html, url: Option<&str>) -> Meta {
    let mut m = Meta::default();
    let sc = walk::walk(doc);
    let ld = json_ld::parse_json_ld(&sc.scripts);

    // One pass over <meta>; first value per key wins.
    let mut og_title = None;
    let mut og_site = None;
    let mut og_locale = None;
    let mut og_url = None;
    let mut content_lang = None;
    let mut meta_published = None;
    let mut meta_modified = None;
    let mut meta_authors = Vec::new();
    let mut meta_paywall = false;
    let mut metered = false;
    for &e in &sc.metas {
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"))
            .or_else(|| e.attr("http-equiv"));
        let (Some(key), Some(content)) = (key, e.attr("content")) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let Some(content) = clean(content) else {
            continue;
        };
        match key.as_str() {
            "og:title" | "twitter:title" => {
                og_title.get_or_insert(content);
            }
            "og:site_name" => og_site = Some(content),
            "application-name" if og_site.is_none() => og_site = Some(content),
            "og:locale" => {
                og_locale.get_or_insert(content);
            }
            "og:url" => {
                og_url.get_or_insert(content);
            }
            "content-language" | "language" | "dc.language" | "dcterms.language" => {
                content_lang.get_or_insert(content);
            }
            "article:published_time"
            | "og:published_time"
            | "datepublished"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "dcterms.created"
            | "dcterms.issued"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published"
            | "published_time"
            | "release_date"
            | "cxenseparse:recs:publishtime"
            | "original-publish-date" => {
                meta_published.get_or_insert(content);
            }
            "article:modified_time"
            | "og:updated_time"
            | "datemodified"
            | "last-modified"
            | "dcterms.modified"
            | "article.updated"
            | "modified_time"
            | "lastmod" => {
                meta_modified.get_or_insert(content);
            }
            "author" | "article:author" | "dc.creator" | "sailthru.author" | "parsely-author"
            | "byl"
                if !content.starts_with("http") =>
            {
                meta_authors.push(content);
            }
            "paywall" | "article:content_tier" | "content_tier" => {
                let c = content.to_ascii_lowercase();
                // Metered pages carry the full text; only locked ones are teasers.
                if c == "metered" {
                    metered = true;
                } else if matches!(c.as_str(), "true" | "yes" | "1" | "locked" | "premium") {
                    meta_paywall = true;
                }
            }
            _ => {}
        }
    }

    // Site name.
    let plausible_site = |s: &String| !s.contains("://") && !s.starts_with("www.");
    m.site_name = og_site
        .filter(plausible_site)
        .or_else(|| ld.publisher.clone().filter(plausible_site));

    // Title.
    let site = m.site_name.clone();
    m.title = ld
        .headline
        .clone()
        .or_else(|| og_title.map(|t| strip_site_suffix(&t, site.as_deref())))
        .or_else(|| sc.h1.and_then(|h| clean(&h.text().collect::<String>())))
        .or_else(|| {
            sc.title
                .and_then(|t| clean(&t.text().collect::<String>()))
                .map(|t| strip_site_suffix(&t, site.as_deref()))
        });

    // Authors: JSON-LD, then meta, then byline markup.
    let mut authors = ld.authors.clone();
    if authors.is_empty() {
        authors = meta_authors;
    }
    if authors.is_empty() {
        for el in doc.select(&AUTHOR_NODES).take(10) {
            let t = el
                .value()
                .attr("content")
                .map(str::to_owned)
                .unwrap_or_else(|| el.text().collect::<String>());
            if let Some(t) = clean(&t) {
                authors.push(t);
            }
        }
    }
    for a in authors {
        let a = strip_byline(&a);
        let ok = !a.is_empty()
            && a.len() < 80
            && !a.contains("://")
            && !a.contains(".txt")
            && !a.contains(".html")
            && a.chars().any(char::is_alphabetic);
        if ok && !m.authors.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
            m.authors.push(a);
        }
    }

    // Dates.
    let itemprop_date = |want: &str| {
        sc.itemprop_dates
            .iter()
            .filter(|v| v.attr("itemprop") == Some(want))
            .find_map(|v| {
                v.attr("content")
                    .or_else(|| v.attr("datetime"))
                    .and_then(dates::normalize)
            })
    };
    m.published = ld
        .published
        .as_deref()
        .and_then(dates::normalize)
        .or_else(|| ld.any_published.as_deref().and_then(dates::normalize))
        .or_else(|| meta_published.as_deref().and_then(dates::normalize))
        .or_else(|| itemprop_date("datePublished"))
        .or_else(|| first_time(&sc.times))
        .or_else(|| url.and_then(dates::from_url))
        .or_else(|| visible_date(doc));
    m.modified = ld
        .modified
        .as_deref()
        .and_then(dates::normalize)
        .or_else(|| ld.any_modified.as_deref().and_then(dates::normalize))
        .or_else(|| meta_modified.as_deref().and_then(dates::normalize))
        .or_else(|| itemprop_date("dateModified"));

    // Language.
    let html_lang = doc
        .root_element()
        .value()
        .attr("lang")
        .or_else(|| doc.root_element().value().attr("xml:lang"));
    m.lang = html_lang
        .and_then(normalize_lang)
        .or_else(|| content_lang.as_deref().and_then(normalize_lang))
        .or_else(|| og_locale.as_deref().and_then(normalize_lang))
        .or_else(|| ld.language.as_deref().and_then(normalize_lang));

    // Canonical URL.
    m.canonical_url = sc
        .canonical
        .and_then(|c| absolute(c, url))
        .or_else(|| og_url.as_deref().and_then(|c| absolute(c, url)));

    // Paywall.
    m.paywall_declared = (ld.not_free && !metered) || meta_paywall;
    m.paywall_box = sc.paywall_box;
    m
}

/// The publication `<time datetime>`: one marked `pubdate` or with a "publish" class wins,
/// then the first inside `<article>`/`<main>` (sidebars and comments carry times too), then
/// the first in the page.
fn first_time(times: &[ElementRef<'_>]) -> Option<String> {
    let mut first = None;
    let mut in_article = None;
    for t in times {
        let v = t.value();
        let Some(norm) = v.attr("datetime").and_then(dates::normalize) else {
            continue;
        };
        let marked = v.attr("pubdate").is_some()
            || v.attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("publish") || c.contains("pubdate")
            });
        if marked {
            return Some(norm);
        }
        if in_article.is_none()
            && t.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "article" | "main"))
            })
        {
            in_article = Some(norm.clone());
        }
        if first.is_none() {
            first = Some(norm);
        }
    }
    in_article.or(first)
}

/// A short visible date in an element whose class/id says so (`post-date`, `article__datum`,
/// `published`): "November 19, 2019", "19.11.2019, 10:15 Uhr". Last resort.
fn visible_date(doc: &Html) -> Option<String> {
    doc.tree.nodes().take(50_000).find_map(|n| {
        let v = n.value().as_element()?;
        let named = [v.attr("class"), v.attr("id")]
            .into_iter()
            .flatten()
            .any(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("date")
                    || c.contains("datum")
                    || c.contains("publish")
                    || c.contains("dateline")
            });
        if !named {
            return None;
        }
        let text: String = ElementRef::wrap(n)?.text().take(8).collect();
        let text = clean(&text)?;
        if text.len() > 80 {
            return None;
        }
        dates::normalize(&text)
    })
}

/// Removes "By " / "Von " prefixes and what follows the name in byline markup
/// ("Jane Doe @jdoe Nov 19, 2019 • 2 min read" → "Jane Doe").
fn strip_byline(s: &str) -> String {
    let mut t = s.trim();
    if let Some(cut) = t.find(['@', '•', '|', '·']) {
        t = t[..cut].trim();
    }
    // A date after the name follows a space ("Jane Doe 19.11.2019"); user names such as
    // "rmb8090" keep their digits.
    let date_start = t
        .char_indices()
        .zip(t.chars().skip(1))
        .find(|((_, c), next)| c.is_whitespace() && next.is_ascii_digit())
        .map(|((i, _), _)| i);
    if let Some(cut) = date_start {
        t = t[..cut].trim();
    }
    for p in [
        "By ", "by ", "BY ", "Von ", "von ", "VON ", "Autor: ", "Author: ",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim();
        }
    }
    t.trim_end_matches([',', ';', '|']).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(normalize_lang("de-DE").as_deref(), Some("de"));
        assert_eq!(normalize_lang("en_US").as_deref(), Some("en"));
        assert_eq!(normalize_lang("DE").as_deref(), Some("de"));
        assert_eq!(normalize_lang("x1"), None);
    }

    #[test]
    fn graph_and_paywall() {
        let page = r#"<html lang="de-AT"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},
        {"@type":["NewsArticle"],"headline":"Veo 3.1 im Test","datePublished":"2026-10-02T09:30:00+02:00",
        "author":[{"@type":"Person","name":"Anna Beispiel"}],"isAccessibleForFree":"False",
        "publisher":{"@type":"Organization","name":"Beispielblatt"}}]}
        </script></head><body></body></html>"#;
        let doc = Html::parse_document(page);
        let m = read(&doc, Some("https://x.test/a"));
        assert_eq!(m.title.as_deref(), Some("Veo 3.1 im Test"));
        assert_eq!(m.published.as_deref(), Some("2026-10-02T09:30:00+02:00"));
        assert_eq!(m.authors, vec!["Anna Beispiel".to_owned()]);
        assert_eq!(m.site_name.as_deref(), Some("Beispielblatt"));
        assert_eq!(m.lang.as_deref(), Some("de"));
        assert!(m.paywall_declared);
    }

    #[test]
    fn paywall_boxes() {
        let teaser = r#"<html><body><article><p>Kurzer Anreißer zu Sora 2.</p>
            <div data-area="paywall"><p>Jetzt mit Plus weiterlesen und alle Artikel lesen.</p></div>
            </article></body></html>"#;
        assert!(read(&Html::parse_document(teaser), None).paywall_box);
        let flag_only = r#"<html><body class="f_piano_prod_on"><div id="piano-inline"></div>
            <p>Ein frei lesbarer Artikel über Veo 3.1 mit ausreichend Text.</p></body></html>"#;
        assert!(!read(&Html::parse_document(flag_only), None).paywall_box);
    }

    #[test]
    fn bylines() {
        assert_eq!(strip_byline("By Jane Doe @jdoe Nov 19, 2019"), "Jane Doe");
        assert_eq!(
            strip_byline("Von Anna Beispiel 19.11.2019"),
            "Anna Beispiel"
        );
        assert_eq!(strip_byline("rmb8090"), "rmb8090");
        assert_eq!(strip_byline("Lea Probe | Redaktion"), "Lea Probe");
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("Sora 2 ships | Tech Daily", None),
            "Sora 2 ships"
        );
        assert_eq!(
            strip_site_suffix("Kling 2.5 - what changed - Example", Some("Example")),
            "Kling 2.5 - what changed"
        );
    }
}
