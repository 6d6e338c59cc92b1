//! Charset detection and decoding of raw page bytes.
//!
//! Order: HTTP header charset, byte-order mark, `<meta charset>` / `<meta http-equiv>` in the
//! first 4096 bytes, then UTF-8 (or windows-1252 when the bytes are not valid UTF-8).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How far into the page `<meta>` charset declarations are looked for (HTML spec prescan uses
/// 1024 bytes; real pages often put long `<head>` material first, so look a bit further).
const PRESCAN_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
        .expect("static regex")
});

/// Maps a charset label to an encoding usable for HTML. UTF-16 labels in `<meta>` cannot be
/// true (the meta tag itself was readable as ASCII), so they mean UTF-8, as the HTML spec says.
fn for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    let enc = Encoding::for_label(label.as_bytes())?;
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    if enc == encoding_rs::X_USER_DEFINED || enc == encoding_rs::REPLACEMENT {
        return Some(WINDOWS_1252);
    }
    Some(enc)
}

/// The header may truly say UTF-16 (unlike `<meta>`); unusable labels are ignored.
fn for_header_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    let enc = Encoding::for_label(label.as_bytes())?;
    if enc == encoding_rs::REPLACEMENT {
        return None;
    }
    if enc == encoding_rs::X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    Some(enc)
}

/// Finds the encoding declared in the page's first bytes, if any.
fn sniff_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let caps = META_CHARSET.captures(head)?;
    let label = std::str::from_utf8(caps.get(1)?.as_bytes()).ok()?;
    for_label(label)
}

/// Decodes `bytes` to text; returns the text and the encoding's lower-case name.
/// Invalid byte sequences become U+FFFD.
pub(crate) fn decode<'a>(bytes: &'a [u8], header_charset: Option<&str>) -> (Cow<'a, str>, String) {
    let (enc, bom_len) = if let Some(enc) = header_charset.and_then(for_header_label) {
        // A BOM of the same encoding is still not part of the text.
        let bom_len = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => len,
            _ => 0,
        };
        (enc, bom_len)
    } else if let Some((enc, len)) = Encoding::for_bom(bytes) {
        (enc, len)
    } else if let Some(enc) = sniff_meta(bytes) {
        (enc, 0)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, 0)
    } else {
        // Undeclared and not UTF-8: old German and English pages are almost always
        // Latin-1/windows-1252, which never fails to decode.
        (WINDOWS_1252, 0)
    };
    let body = &bytes[bom_len.min(bytes.len())..];
    let (text, _had_errors) = enc.decode_without_bom_handling(body);
    (text, enc.name().to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_wins_over_meta() {
        let page = b"<meta charset=utf-8><p>f\xfcr</p>";
        let (text, name) = decode(page, Some("ISO-8859-1"));
        assert_eq!(name, "windows-1252");
        assert!(text.contains("für"));
    }

    #[test]
    fn meta_http_equiv() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\xdcbersicht</p>";
        let (text, name) = decode(page, None);
        assert_eq!(name, "windows-1252");
        assert!(text.contains("Übersicht"));
    }

    #[test]
    fn utf16_header_is_honoured() {
        let page: Vec<u8> = "<p>Größe</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (text, name) = decode(&page, Some("utf-16le"));
        assert_eq!(name, "utf-16le");
        assert!(text.contains("Größe"));
    }

    #[test]
    fn bom_and_fallbacks() {
        let (text, name) = decode(b"\xef\xbb\xbfhi", None);
        assert_eq!((text.as_ref(), name.as_str()), ("hi", "utf-8"));
        let (_, name) = decode(b"plain \xe4", None);
        assert_eq!(name, "windows-1252");
        let (_, name) = decode(b"", Some("no-such-charset"));
        assert_eq!(name, "utf-8");
    }
}
