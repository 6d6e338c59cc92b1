//! HTML → plain text: drops tags and the contents of `head`, `script`, `style`, `nav` and the
//! like, turns block elements into paragraph breaks, decodes character references, and
//! records `<blockquote>` and `<q>` as quoted regions.

use super::builder::{utf8_len, Builder, Next, Work};
use super::Prepared;

const SKIP_ELEMENTS: &[&str] = &[
    "head", "script", "style", "nav", "noscript", "template", "svg", "iframe", "object",
];
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "hr",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "pre",
    "main",
    "aside",
    "title",
    "body",
    "html",
];

pub(super) fn html(src: &str, work: &Work) -> Prepared {
    let mut b = Builder::new(src, work);
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut keep = 0;
    let mut quote_stack: Vec<usize> = Vec::new();
    let (mut gt, mut comment_end) = (Next::new(">", work), Next::new("-->", work));
    while i < src.len() {
        if !work.spend(1) {
            b.give_up(keep);
            return b.finish();
        }
        match bytes[i] {
            b'<' => {
                b.copy(keep..i);
                let rest = &src[i..];
                if rest.starts_with("<!--") {
                    i = comment_end
                        .find(src, i, src.len())
                        .map_or(src.len(), |j| j + 3);
                    keep = i;
                    continue;
                }
                if rest.starts_with("<!") || rest.starts_with("<?") {
                    i = gt.find(src, i, src.len()).map_or(src.len(), |j| j + 1);
                    keep = i;
                    continue;
                }
                let Some(end) = gt.find(src, i, src.len()).map(|j| j - i) else {
                    // A stray `<` with no tag after it is text.
                    b.copy(i..i + 1);
                    i += 1;
                    keep = i;
                    continue;
                };
                let inner = &rest[1..end];
                let closing = inner.starts_with('/');
                let name: String = inner
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if name.is_empty() {
                    b.copy(i..i + 1);
                    i += 1;
                    keep = i;
                    continue;
                }
                let tag_end = i + end + 1;
                if !closing && SKIP_ELEMENTS.contains(&name.as_str()) && !inner.ends_with('/') {
                    let close = format!("</{name}");
                    let lower_rest = &src[tag_end..];
                    i = find_ci(lower_rest, &close)
                        .and_then(|j| lower_rest[j..].find('>').map(|k| tag_end + j + k + 1))
                        .unwrap_or(src.len());
                    b.synth("\n\n", tag_end.min(src.len()) - 1);
                    keep = i;
                    continue;
                }
                if BLOCK_ELEMENTS.contains(&name.as_str()) {
                    b.synth("\n\n", i);
                }
                if name == "blockquote" || name == "q" {
                    if closing {
                        if let Some(s) = quote_stack.pop() {
                            b.quoted.push(s..b.text.len());
                        }
                    } else {
                        quote_stack.push(b.text.len());
                    }
                }
                i = tag_end;
                keep = i;
            }
            b'&' => {
                if let Some((decoded, len)) = decode_entity(&src[i..]) {
                    b.copy(keep..i);
                    b.synth(&decoded, i);
                    i += len;
                    keep = i;
                } else {
                    i += 1;
                }
            }
            c => i += utf8_len(c),
        }
    }
    b.copy(keep..src.len());
    b.finish()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    let hb = hay.as_bytes();
    (0..hb.len().saturating_sub(n - 1))
        .find(|&j| hb[j..j + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// Decodes one character reference at the start of `s`: (text, bytes consumed).
fn decode_entity(s: &str) -> Option<(String, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        char::from_u32(code).unwrap_or('\u{FFFD}').to_string()
    } else {
        let c = match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => " ",
            "auml" => "ä",
            "ouml" => "ö",
            "uuml" => "ü",
            "Auml" => "Ä",
            "Ouml" => "Ö",
            "Uuml" => "Ü",
            "szlig" => "ß",
            "bdquo" => "„",
            "ldquo" => "“",
            "rdquo" => "”",
            "sbquo" => "‚",
            "lsquo" => "‘",
            "rsquo" => "’",
            "laquo" => "«",
            "raquo" => "»",
            "lsaquo" => "‹",
            "rsaquo" => "›",
            "ndash" => "–",
            "mdash" => "—",
            "hellip" => "…",
            "shy" => "\u{00AD}",
            "eacute" => "é",
            "egrave" => "è",
            "aacute" => "á",
            "agrave" => "à",
            "ccedil" => "ç",
            "euro" => "€",
            "copy" => "©",
            "reg" => "®",
            "trade" => "™",
            "middot" => "·",
            "bull" => "•",
            _ => return None,
        };
        c.to_owned()
    };
    Some((ch, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::super::tests::orig_of;
    use super::super::{prepare, Format};

    #[test]
    fn html_strips_tags_scripts_and_decodes_entities() {
        let src = "<html><head><title>x</title><script>var revolution=1;</script></head><body><nav>Game changer</nav><p>F&uuml;r viele ist das <b>atemberaubend</b>.</p><blockquote>Eine Revolution</blockquote></body></html>";
        let p = prepare(src, Format::Html);
        assert!(!p.text.contains("var revolution"));
        assert!(!p.text.contains("Game changer"));
        assert!(p.text.contains("Für viele ist das atemberaubend."));
        orig_of(&p, src, "atemberaubend");
        let z = p.text.find("Eine Revolution").unwrap();
        assert!(p.quoted.iter().any(|r| r.contains(&z)));
    }
}
