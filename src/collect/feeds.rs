//! Discovery: article links from feeds (RSS 2.0, Atom, JSON Feed via feed-rs) and sitemaps
//! (`urlset`, `sitemapindex`, Google News sitemaps; gzip-compressed ones too).
use std::io::Read;

use chrono::{DateTime, Utc};

/// An article link found in a feed or sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// Article URL (absolute).
    pub url: String,
    /// Title, when the feed gives one.
    pub title: Option<String>,
    /// Publication (or last modification) date.
    pub published: Option<DateTime<Utc>>,
}

/// A parsed sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// A `urlset`: article URLs.
    Urls(Vec<Discovered>),
    /// A `sitemapindex`: child sitemaps with their `lastmod`.
    Index(Vec<(String, Option<DateTime<Utc>>)>),
}

/// Discovery errors; each names the document URL.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The feed could not be parsed.
    #[error("{url}: malformed feed: {message}")]
    Feed {
        /// Feed URL.
        url: String,
        /// Parser message.
        message: String,
    },
    /// The sitemap could not be parsed.
    #[error("{url}: malformed sitemap: {message}")]
    Sitemap {
        /// Sitemap URL.
        url: String,
        /// Parser message.
        message: String,
    },
}

/// Parses a feed and returns its entries' links. Relative links are resolved against `url`.
pub fn parse_feed(bytes: &[u8], url: &str) -> Result<Vec<Discovered>, FeedError> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .build()
        .parse(bytes)
        .map_err(|e| FeedError::Feed {
            url: url.to_owned(),
            message: e.to_string(),
        })?;
    let base = url::Url::parse(url).ok();
    let mut out = Vec::new();
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.clone())
            .or_else(|| {
                // RSS items sometimes carry the link only in <guid isPermaLink="true">.
                entry.id.starts_with("http").then(|| entry.id.clone())
            });
        let Some(link) = link else { continue };
        // Only links the collector can fetch: an absolute http(s) URL after resolving
        // ("ersiohttps:/…" parses as a URL of an unknown scheme and is dropped).
        let joined = match &base {
            Some(b) => b.join(link.trim()),
            None => url::Url::parse(link.trim()),
        };
        let abs = match joined {
            Ok(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
            _ => continue,
        };
        out.push(Discovered {
            url: abs,
            title: entry.title.map(|t| t.content.trim().to_owned()),
            published: entry.published.or(entry.updated),
        });
    }
    Ok(out)
}
pub use crate::dates::parse_timestamp as parse_date;

fn gunzip_capped(bytes: &[u8], cap: u64, url: &str) -> Result<Vec<u8>, FeedError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| FeedError::Sitemap {
            url: url.to_owned(),
            message: format!("gzip: {e}"),
        })?;
    if out.len() as u64 > cap {
        return Err(FeedError::Sitemap {
            url: url.to_owned(),
            message: format!("uncompressed sitemap larger than {cap} bytes"),
        });
    }
    Ok(out)
}

/// Decodes XML bytes: UTF-8, or the encoding named in the XML declaration.
fn decode_xml(bytes: &[u8]) -> Result<String, String> {
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(t.to_owned());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
    let label = head
        .split("encoding=")
        .nth(1)
        .and_then(|rest| {
            let q = rest.chars().next()?;
            // The quotation mark may be any character here, U+FFFD from invalid bytes too.
            rest[q.len_utf8()..].split(q).next().map(str::to_owned)
        })
        .ok_or_else(|| "not UTF-8 and no encoding declared".to_owned())?;
    let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding {label:?}"))?;
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(format!("invalid bytes for encoding {label}"));
    }
    Ok(text.into_owned())
}

/// Parses a sitemap (gzip-compressed or plain); `cap` limits the uncompressed size.
pub fn parse_sitemap(bytes: &[u8], url: &str, cap: u64) -> Result<Sitemap, FeedError> {
    let owned;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        owned = gunzip_capped(bytes, cap, url)?;
        &owned[..]
    } else {
        bytes
    };
    let err = |message: String| FeedError::Sitemap {
        url: url.to_owned(),
        message,
    };
    let decoded = decode_xml(bytes).map_err(err)?;
    let text = decoded.trim_start_matches('\u{feff}');
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(text, opts).map_err(|e| err(e.to_string()))?;
    let root = doc.root_element();
    let child_text = |n: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        n.children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    match root.tag_name().name() {
        "sitemapindex" => {
            let mut out = Vec::new();
            for sm in root
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "sitemap")
            {
                if let Some(loc) = child_text(sm, "loc") {
                    out.push((loc, child_text(sm, "lastmod").and_then(|d| parse_date(&d))));
                }
            }
            Ok(Sitemap::Index(out))
        }
        "urlset" => {
            let mut out = Vec::new();
            for u in root
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "url")
            {
                let Some(loc) = child_text(u, "loc") else {
                    continue;
                };
                let news = u
                    .children()
                    .find(|c| c.is_element() && c.tag_name().name() == "news");
                let news_date = news
                    .and_then(|n| child_text(n, "publication_date"))
                    .and_then(|d| parse_date(&d));
                let title = news.and_then(|n| child_text(n, "title"));
                let lastmod = child_text(u, "lastmod").and_then(|d| parse_date(&d));
                out.push(Discovered {
                    url: loc,
                    title,
                    published: news_date.or(lastmod),
                });
            }
            Ok(Sitemap::Urls(out))
        }
        other => Err(err(format!(
            "root element <{other}> is neither <urlset> nor <sitemapindex>"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sitemap_and_index() {
        let sm = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://x.de/a</loc>
    <news:news><news:publication_date>2026-10-02T09:30:00+02:00</news:publication_date>
    <news:title>Sora 2</news:title></news:news></url>
  <url><loc>https://x.de/b</loc><lastmod>2026-10-01</lastmod></url>
</urlset>"#;
        let Sitemap::Urls(u) = parse_sitemap(sm.as_bytes(), "https://x.de/s.xml", 1 << 20).unwrap()
        else {
            panic!()
        };
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].title.as_deref(), Some("Sora 2"));
        assert_eq!(u[0].published, parse_date("2026-10-02T07:30:00Z"));
        assert!(u[1].published.is_some());
        let idx = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://x.de/s1.xml</loc><lastmod>2026-10-01</lastmod></sitemap></sitemapindex>"#;
        assert!(matches!(
            parse_sitemap(idx.as_bytes(), "u", 1 << 20).unwrap(),
            Sitemap::Index(v) if v.len() == 1
        ));
        assert!(parse_sitemap(b"<html/>", "u", 1 << 20).is_err());
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><urlset><url>\
<loc>https://x.de/\xe4</loc><lastmod>2026-10-01</lastmod></url></urlset>";
        let Sitemap::Urls(u) = parse_sitemap(latin, "u", 1 << 20).unwrap() else {
            panic!()
        };
        assert_eq!(u[0].url, "https://x.de/\u{e4}");
    }

    #[test]
    fn rss_relative_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>/a</link><pubDate>Thu, 01 Oct 2026 10:00:00 GMT</pubDate></item>
</channel></rss>"#;
        let v = parse_feed(rss.as_bytes(), "https://x.de/feed").unwrap();
        assert_eq!(v[0].url, "https://x.de/a");
        assert!(v[0].published.is_some());
        assert!(parse_feed(b"<rss><channel><item>", "https://x.de/feed").is_err());
    }
}
