//! Main-text extraction from one HTML page: bytes in, article text and metadata out.
//!
//! Owns charset decoding (`charset`), metadata (`meta`, `dates`), and the main-text
//! algorithm (`content`, `hints`). Pure: no I/O, no network, never panics on page data.

mod charset;
mod content;
mod dates;
mod hints;
mod meta;
mod sanitize;

/// Text length (bytes) above which a paywall box alone does not make a page a teaser.
const TEASER_MAX_LEN: usize = 2500;

/// What extraction finds in one page.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Extracted {
    /// Headline.
    pub title: Option<String>,
    /// Author names, in page order, without duplicates.
    pub authors: Vec<String>,
    /// Publication date/time, ISO 8601 (`2026-10-02` or `2026-10-02T09:30:00+02:00`).
    pub published: Option<String>,
    /// Last modification date/time, ISO 8601.
    pub modified: Option<String>,
    /// Language code (`de`, `en`) from markup, if the page declares one.
    pub lang: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`), absolute.
    pub canonical_url: Option<String>,
    /// Outlet name (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    /// Main text; paragraphs separated by a blank line (`\n\n`).
    pub text: String,
    /// The page is a paywall teaser, not the full article.
    pub paywalled: bool,
    /// The charset the bytes were decoded with (`utf-8`, `windows-1252`, ...).
    pub charset: String,
}

/// Extracts the main article from raw page bytes. `header_charset` is the charset from the
/// HTTP `Content-Type` header, if any; `url` is the page's address, used to resolve relative
/// links and to read dates from URL patterns.
pub fn extract(bytes: &[u8], header_charset: Option<&str>, url: Option<&str>) -> Extracted {
    let (html, charset) = charset::decode(bytes, header_charset);
    let doc = scraper::Html::parse_document(&sanitize::limit(&html));
    let m = meta::read(&doc, url);
    let mut paras = content::main_paragraphs(&doc);
    // The headline repeated as an `<h2>`/`<p>` at the top of the body is not body text.
    if let (Some(first), Some(title)) = (paras.first(), m.title.as_deref()) {
        if first.trim().eq_ignore_ascii_case(title.trim()) {
            paras.remove(0);
        }
    }
    let text = paras.join("\n\n");
    // A paywall box next to a long text is a leftover of a metered or logged-in page; a
    // teaser is short.
    let paywalled = m.paywall_declared || (m.paywall_box && text.len() < TEASER_MAX_LEN);
    Extracted {
        title: m.title,
        authors: m.authors,
        published: m.published,
        modified: m.modified,
        lang: m.lang,
        canonical_url: m.canonical_url,
        site_name: m.site_name,
        text,
        paywalled,
        charset,
    }
}
