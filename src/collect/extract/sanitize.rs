//! Input limits applied before parsing, so hostile or broken pages stay cheap.
//!
//! html5ever has three superlinear paths that real pages never need:
//! - its tree builder scans the stack of open elements for many start tags, which makes deeply
//!   nested elements (`<div>` × 400 000, or custom `<x-c>` × 8 000 with a `<p>` in each)
//!   quadratic. Real pages nest elements a few dozen levels deep, so start tags beyond
//!   [`MAX_DEPTH`] open elements are dropped (their text is kept);
//! - its tokenizer checks every attribute of a tag against all earlier ones for duplicates, so
//!   one tag with a million distinct attributes is quadratic (minutes). Real tags carry a few
//!   dozen; attributes beyond [`MAX_ATTRS`] are dropped;
//! - every further `<html>`/`<body>` start tag merges its attributes into the first one, again
//!   checking each against all present, so thousands of `<body a1 … a256>` grow one element's
//!   attribute list quadratically. Only the first of each is kept.
//!
//! The scan follows the tokenizer closely enough (quoted attribute values, comments, raw-text
//! elements such as `<script>`) that a `<` inside a script or an attribute value is not taken
//! for a tag.

use std::borrow::Cow;
use std::ops::Range;

/// Nesting depth of the tracked tags above which further start tags are dropped.
const MAX_DEPTH: usize = 1000;

/// Attributes kept on one tag.
pub(crate) const MAX_ATTRS: usize = 256;

/// Upper bound on the decoded page size; beyond it the tail is cut (at a char boundary).
/// News articles are far smaller; this caps parse time and memory on runaway inputs.
pub(crate) const MAX_LEN: usize = 16 * 1024 * 1024;

/// Tags that nest (they are not auto-closed by a sibling of the same name) and whose start
/// tags make the tree builder walk the open-element stack.
fn tracked(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"section"
            | b"article"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"main"
            | b"blockquote"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"fieldset"
            | b"figure"
            | b"form"
            | b"center"
            | b"details"
            | b"table"
            | b"pre"
            | b"address"
            | b"hgroup"
            | b"menu"
            | b"dir"
            | b"summary"
            | b"search"
            | b"dialog"
            | b"listing"
            | b"b"
            | b"i"
            | b"u"
            | b"s"
            | b"em"
            | b"strong"
            | b"font"
            | b"big"
            | b"small"
            | b"tt"
            | b"nobr"
            | b"code"
            | b"strike"
            | b"span"
    )
}

/// Reads the tag name at `bytes[i] == b'<'`: (is_end, lowercase name, name length, index
/// after the name). Names longer than the buffer are returned cut; `None` if no tag starts here.
fn tag_at(bytes: &[u8], i: usize) -> Option<(bool, [u8; 12], usize, usize)> {
    let mut j = i + 1;
    let end = bytes.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    if !bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let start = j;
    let mut name = [0u8; 12];
    while let Some(&b) = bytes.get(j) {
        if is_space(b) || b == b'/' || b == b'>' {
            break;
        }
        if j - start < name.len() {
            name[j - start] = b.to_ascii_lowercase();
        }
        j += 1;
    }
    Some((end, name, (j - start).min(name.len() + 1), j))
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Walks the attributes of a tag whose name ends at `j`, as the tokenizer does. Returns the
/// index after the closing `>` (or the input length) and where attribute `MAX_ATTRS + 1`
/// starts, if there is one.
fn scan_attrs(b: &[u8], mut j: usize) -> (usize, Option<usize>) {
    let len = b.len();
    let mut count = 0usize;
    let mut cut = None;
    loop {
        while j < len && (is_space(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= len {
            return (len, cut);
        }
        if b[j] == b'>' {
            return (j + 1, cut);
        }
        count += 1;
        if count == MAX_ATTRS + 1 {
            cut = Some(j);
        }
        // The name (a leading `=` belongs to it).
        j += 1;
        while j < len && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        while j < len && is_space(b[j]) {
            j += 1;
        }
        if j < len && b[j] == b'=' {
            j += 1;
            while j < len && is_space(b[j]) {
                j += 1;
            }
            if j < len && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                j = memchr::memchr(q, &b[j + 1..]).map_or(len, |p| j + 1 + p + 1);
            } else {
                while j < len && !is_space(b[j]) && b[j] != b'>' {
                    j += 1;
                }
            }
        }
    }
}

/// Start tags that open no element to count: void elements, elements the tree builder closes
/// by itself when a sibling starts (`p`, `li`, `td`, …; `a` through the adoption agency),
/// and the document skeleton. Every other start tag, including custom and unknown ones
/// (`<x-card>`), opens an element that stays open until its end tag; each adds a step to the
/// tree builder's scope searches, which is why deep nesting of any of them is quadratic.
fn opens_nothing(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"image"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"a"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"caption"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"button"
            | b"html"
            | b"head"
            | b"body"
            | b"frameset"
    )
}

/// Whether a start tag opens an element counted for the depth cap. `tracked` names always
/// do; others unless [`opens_nothing`]; `<x/>` does not inside SVG and MathML, where the
/// slash closes the element.
fn counts(name: &[u8], long_name: bool, self_closing: bool, foreign: bool) -> bool {
    if long_name {
        return !(self_closing && foreign);
    }
    tracked(name) || !(opens_nothing(name) || raw_text(name) || (self_closing && foreign))
}

/// Elements whose content the tokenizer reads as text up to the matching end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
    )
}

/// Index of the next `</name` (ASCII case-insensitive) at or after `from`, or the length.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        let n = &bytes[i + 1..];
        if n.first() == Some(&b'/')
            && n.len() > name.len()
            && n[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Byte ranges to leave out so that html5ever stays linear: start tags nested deeper than
/// [`MAX_DEPTH`], attributes beyond [`MAX_ATTRS`], repeated `<html>`/`<body>` start tags.
fn edits(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let (mut seen_html, mut seen_body) = (false, false);
    // Inside `<svg>`/`<math>`: `<x/>` closes itself there.
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        if bytes[i..].starts_with(b"<!--") {
            i = memchr::memmem::find(&bytes[i + 4..], b"-->")
                .map_or(bytes.len(), |p| i + 4 + p + 3);
            continue;
        }
        let Some((end, name, len, next)) = tag_at(bytes, i) else {
            i += 1;
            continue;
        };
        let name = &name[..len.min(name.len())];
        let long_name = len > name.len();
        let (tag_end, cut) = scan_attrs(bytes, next);
        let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/' && bytes[tag_end - 1] == b'>';
        if !long_name && (name == b"svg" || name == b"math") {
            if end {
                foreign = foreign.saturating_sub(1);
            } else if !self_closing {
                foreign += 1;
            }
        }
        let drop_tag = if end {
            false
        } else if name == b"html" && !long_name {
            std::mem::replace(&mut seen_html, true)
        } else if name == b"body" && !long_name {
            std::mem::replace(&mut seen_body, true)
        } else if counts(name, long_name, self_closing, foreign > 0) {
            depth += 1;
            if depth > MAX_DEPTH {
                depth -= 1;
                true
            } else {
                false
            }
        } else {
            false
        };
        if end && counts(name, long_name, false, false) {
            depth = depth.saturating_sub(1);
        }
        if drop_tag {
            out.push(i..tag_end);
        } else if let Some(cut) = cut {
            let keep_gt = usize::from(bytes.get(tag_end - 1) == Some(&b'>') && tag_end > cut);
            out.push(cut..tag_end - keep_gt);
        }
        i = tag_end;
        if !end && !long_name && raw_text(name) {
            i = find_end_tag(bytes, i, name);
        }
    }
    out
}

/// Cuts pages above [`MAX_LEN`] and leaves out what would make parsing superlinear (see the
/// module documentation). Pages that need no change are returned as they are.
pub(crate) fn limit(html: &str) -> Cow<'_, str> {
    let mut cut = html.len().min(MAX_LEN);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let html = &html[..cut];
    let drop = edits(html);
    if drop.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for r in drop {
        // Every range starts at `<` or at an ASCII attribute-name byte and ends at `>`, a
        // space or the end, so both ends are char boundaries.
        out.push_str(&html[copied..r.start]);
        copied = r.end;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = format!("{}x{}", "<div class=a>".repeat(5000), "</div>".repeat(5000));
        let out = limit(&deep);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert!(out.contains('x'));
        let normal = "<div><p>a</p></div>";
        assert!(matches!(limit(normal), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_beyond_the_cap_are_dropped() {
        let attrs: String = (0..1000).map(|i| format!(" a{i}=\"x>y\"")).collect();
        let page = format!("<p id=k{attrs}>Text</p><div title='<div>'>z</div>");
        let out = limit(&page);
        assert_eq!(out.matches("=\"x>y\"").count(), MAX_ATTRS - 1);
        assert!(out.contains(">Text</p><div title='<div>'>z</div>"), "{out}");
    }

    #[test]
    fn custom_elements_count_svg_shapes_do_not() {
        let deep = format!("{}x", "<x-card><p>t".repeat(3000));
        assert_eq!(limit(&deep).matches("<x-card>").count(), MAX_DEPTH);
        let icons = format!("<svg>{}</svg><div>x</div>", "<path d='M0 0'/>".repeat(3000));
        assert!(matches!(limit(&icons), Cow::Borrowed(_)));
        let anchors = format!("{}<div>x</div>", "<a name=n>".repeat(3000));
        assert!(matches!(limit(&anchors), Cow::Borrowed(_)));
    }

    #[test]
    fn repeated_body_tags_are_dropped() {
        let page = "<body class=a><p>x</p><body b=1><body c=2><p>y</p>";
        assert_eq!(limit(page), "<body class=a><p>x</p><p>y</p>");
    }

    #[test]
    fn script_and_comment_content_is_not_taken_for_tags() {
        let script = format!("<script>{}</script>", "if (a<div) {}".repeat(2000));
        let comment = format!("<!--{}-->", "<div>".repeat(2000));
        let page = format!("{script}{comment}<div>x</div>");
        assert!(matches!(limit(&page), Cow::Borrowed(_)));
    }
}
