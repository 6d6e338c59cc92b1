//! Input limits applied before parsing, so hostile or broken pages stay cheap.
//!
//! html5ever's tree builder scans the stack of open elements for many start tags, which makes
//! deeply nested blocks (`<div>` × 400 000) quadratic. Real pages nest these tags a few dozen
//! levels deep, so start tags beyond [`MAX_DEPTH`] are dropped (their text is kept).

use std::borrow::Cow;

/// Nesting depth of the tracked tags above which further start tags are dropped.
const MAX_DEPTH: usize = 1000;

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

/// Reads the tag at `bytes[i] == b'<'`: (is_end, lowercase name, index after the name).
fn tag_at(bytes: &[u8], i: usize) -> Option<(bool, [u8; 12], usize, usize)> {
    let mut j = i + 1;
    let end = bytes.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    let start = j;
    let mut name = [0u8; 12];
    while let Some(&b) = bytes.get(j) {
        if !b.is_ascii_alphanumeric() {
            break;
        }
        if j - start < name.len() {
            name[j - start] = b.to_ascii_lowercase();
        }
        j += 1;
    }
    let len = j - start;
    (len > 0 && len <= name.len()).then_some((end, name, len, j))
}

/// Drops start tags nested deeper than [`MAX_DEPTH`] and cuts pages above [`MAX_LEN`].
pub(crate) fn limit(html: &str) -> Cow<'_, str> {
    let mut cut = html.len().min(MAX_LEN);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    let html = &html[..cut];
    let bytes = html.as_bytes();
    // First pass: is the limit exceeded at all? (Almost never; then nothing is copied.)
    let mut depth = 0usize;
    let mut exceeded = false;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        if let Some((end, name, len, next)) = tag_at(bytes, i) {
            if tracked(&name[..len]) {
                if end {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        exceeded = true;
                        break;
                    }
                }
            }
            i = next;
        } else {
            i += 1;
        }
    }
    if !exceeded {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        let Some((end, name, len, next)) = tag_at(bytes, i) else {
            i += 1;
            continue;
        };
        if !tracked(&name[..len]) {
            i = next;
            continue;
        }
        if end {
            depth = depth.saturating_sub(1);
            i = next;
            continue;
        }
        depth += 1;
        if depth <= MAX_DEPTH {
            i = next;
            continue;
        }
        // Drop this start tag: copy up to it, skip to its closing '>'.
        depth -= 1;
        out.push_str(&html[copied..i]);
        let close = bytes[next..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| next + p + 1);
        copied = close;
        i = close;
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
}
