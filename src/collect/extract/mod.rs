//! Main-text extraction from one HTML page: bytes in, article text and metadata out.
//!
//! Owns charset decoding (`charset`), metadata (`meta`, `dates`), and the main-text
//! algorithm (`content`, `hints`). Pure: no I/O, no network, never panics on page data.
//!
//! Every pass is linear in the page size (`sanitize` removes what would make html5ever
//! superlinear); on top of that, the main-text passes run on a work budget proportional to
//! the page size, so a page that hits an unforeseen slow path fails with a reason
//! ([`ExtractError::Budget`]) instead of stalling a scan.

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

/// Why a page yielded no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The main-text passes used up the page's work budget.
    #[error("extraction stopped: the work budget of {steps} steps for a page of {bytes} bytes was used up")]
    Budget {
        /// The budget, in steps (nodes visited, ancestors looked at).
        steps: u64,
        /// Decoded page size.
        bytes: usize,
    },
}

/// Extracts the main article from raw page bytes, or says why it could not: see [`extract`].
/// Scans and imports record the error as the page's failure reason.
pub fn try_extract(
    bytes: &[u8],
    header_charset: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, ExtractError> {
    extract_within(bytes, header_charset, url, None)
}

/// [`try_extract`] with a given budget (`None`: the one for the page's size).
pub(crate) fn extract_within(
    bytes: &[u8],
    header_charset: Option<&str>,
    url: Option<&str>,
    budget: Option<u64>,
) -> Result<Extracted, ExtractError> {
    let ex = extract_inner(bytes, header_charset, url, budget);
    match ex.1 {
        Some(e) => Err(e),
        None => Ok(ex.0),
    }
}

/// Extracts the main article from raw page bytes. A page whose work budget runs out gets
/// its metadata and an empty text ([`try_extract`] says why). `header_charset` is the charset from the
/// HTTP `Content-Type` header, if any; `url` is the page's address, used to resolve relative
/// links and to read dates from URL patterns.
pub fn extract(bytes: &[u8], header_charset: Option<&str>, url: Option<&str>) -> Extracted {
    extract_inner(bytes, header_charset, url, None).0
}

fn extract_inner(
    bytes: &[u8],
    header_charset: Option<&str>,
    url: Option<&str>,
    budget: Option<u64>,
) -> (Extracted, Option<ExtractError>) {
    let (html, charset) = charset::decode(bytes, header_charset);
    let page = sanitize::limit(&html);
    let budget = budget.map_or_else(
        || content::Budget::for_len(page.len()),
        content::Budget::new,
    );
    let doc = scraper::Html::parse_document(&page);
    let m = meta::read(&doc, url);
    let mut paras = content::main_paragraphs(&doc, &budget);
    let failed = budget.exhausted().then(|| ExtractError::Budget {
        steps: budget.total(),
        bytes: page.len(),
    });
    if failed.is_some() {
        // A text cut off somewhere in the middle is worse than none.
        paras.clear();
    }
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
    let ex = Extracted {
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
    };
    (ex, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_used_up_budget_is_an_error_with_a_reason() {
        let page = format!(
            "<html><head><title>T</title></head><body>{}</body></html>",
            "<div><p>Ein Absatz mit genug Text, um zu zählen.</p></div>".repeat(50)
        );
        let e = extract_within(page.as_bytes(), None, None, Some(100)).unwrap_err();
        assert!(matches!(e, ExtractError::Budget { steps: 100, .. }), "{e}");
        assert!(e.to_string().contains("work budget"), "{e}");
        // The default budget is far above what a page needs.
        let ok = try_extract(page.as_bytes(), None, None).expect("within budget");
        assert!(ok.text.contains("Ein Absatz"));
        assert_eq!(extract(page.as_bytes(), None, None), ok);
    }
}
