//! Main-text extraction from one HTML page (placeholder until the extractor lands).

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
    let _ = (header_charset, url);
    Extracted {
        text: String::from_utf8_lossy(bytes).into_owned(),
        charset: "utf-8".to_owned(),
        ..Extracted::default()
    }
}
