//! Markup → plain text with a [`SourceMap`], quoted regions and suppression comments.
//!
//! Plain text passes through unchanged. Markdown loses front matter, fenced and inline code,
//! link targets, images, HTML comments and tags; HTML loses tags and the contents of `head`,
//! `script`, `style`, `nav`, `noscript`, `template`, `svg`, and gets entities decoded and block
//! elements turned into paragraph breaks. Markdown block quotes and HTML `<blockquote>`/`<q>`
//! are recorded as quoted regions: text the author quotes, not asserts.
//!
//! This is a scanner, not a full parser: it must keep exact offsets back into the file (which
//! `scraper`/html5ever do not give), and drafts are small and mostly well formed. Main-text
//! extraction of scraped pages is a different job and lives in `collect::extract`.
//!
//! `prepare` picks the scanner: `markdown.rs` and `html.rs` hold one each, `builder.rs` what
//! they share (the plain-text builder, the work budget, remembered look-ups), and
//! `suppress.rs` finds `<!-- hypecheck: ignore -->` comments in the source.
mod builder;
mod html;
mod markdown;
mod suppress;

use std::ops::Range;

use super::SourceMap;
use builder::Work;

pub use suppress::{suppressions, Suppression};

/// Input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown (CommonMark-ish).
    Markdown,
    /// HTML.
    Html,
}

impl Format {
    /// Picks the format from a file extension; `None` for unknown extensions.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// Guesses the format of text with no file name (stdin): HTML if it starts with a tag.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start();
        let lower: String = head
            .chars()
            .take(200)
            .flat_map(char::to_lowercase)
            .collect();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || (lower.starts_with('<') && (lower.contains("<p") || lower.contains("<div")))
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// A document ready for analysis.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The plain text that is analyzed.
    pub text: String,
    /// Plain-text offsets → source offsets.
    pub map: SourceMap,
    /// Byte ranges of the plain text that the document quotes (block quotes, `<q>`).
    pub quoted: Vec<Range<usize>>,
    /// Problems that did not stop the conversion (the work budget ran out).
    pub warnings: Vec<String>,
}

/// Turns `source` in `format` into plain text for analysis.
pub fn prepare(source: &str, format: Format) -> Prepared {
    match format {
        Format::Text => Prepared {
            text: source.to_owned(),
            map: SourceMap::identity(),
            quoted: Vec::new(),
            warnings: Vec::new(),
        },
        Format::Markdown => markdown::markdown(source, &Work::for_len(source.len())),
        Format::Html => html::html(source, &Work::for_len(source.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn orig_of(p: &Prepared, src: &str, needle: &str) -> usize {
        let at = p.text.find(needle).expect("needle in plain text");
        let o = p.map.to_orig(at);
        assert!(src[o..].starts_with(needle), "maps back to the same word");
        o
    }

    #[test]
    fn out_of_work_the_rest_is_plain_text_with_a_warning() {
        let src = "<p>Ein <b>revolutionärer</b> Schritt.</p>\n<p>Noch ein <i>Satz</i>.</p>";
        for (format, work) in [(Format::Html, 12), (Format::Markdown, 9)] {
            let p = match format {
                Format::Html => html::html(src, &Work::new(work)),
                _ => markdown::markdown(src, &Work::new(work)),
            };
            assert_eq!(p.warnings.len(), 1, "{format:?}: {p:?}");
            assert!(p.warnings[0].contains("work budget"), "{:?}", p.warnings);
            // Everything after the stop is there verbatim and maps back to the source.
            orig_of(&p, src, "<i>Satz</i>.</p>");
            let full = prepare(src, format);
            assert!(full.warnings.is_empty());
        }
    }
}
