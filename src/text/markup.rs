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
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::SourceMap;

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

/// An inline suppression comment: `<!-- hypecheck: ignore -->` or
/// `<!-- hypecheck: ignore awe, superlative -->`, on the line before the findings it silences
/// (or on the same line).
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: usize,
    /// Categories it silences; empty means all.
    pub categories: Vec<String>,
}

static SUPPRESS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*hypecheck:\s*ignore\b([^>]*?)-->").expect("static regex is valid")
});

/// Finds suppression comments in the original source.
pub fn suppressions(source: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !source.contains("hypecheck:") {
        return out;
    }
    let index = super::LineIndex::new(source);
    for cap in SUPPRESS_RE.captures_iter(source) {
        let Some(whole) = cap.get(0) else { continue };
        let categories = cap
            .get(1)
            .map(|m| {
                m.as_str()
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        out.push(Suppression {
            line: index.line(whole.start()),
            categories,
        });
    }
    out
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
        Format::Markdown => markdown(source, &Work::for_len(source.len())),
        Format::Html => html(source, &Work::for_len(source.len())),
    }
}

/// Steps allowed per source byte, and for every document.
const WORK_PER_BYTE: u64 = 16;
const WORK_BASE: u64 = 1 << 16;

/// The scanners' work budget, in steps (a loop turn, a byte searched). Every path is linear,
/// so a document spends a few steps per byte; the budget is a backstop so that a draft
/// hitting a path nobody foresaw cannot stall `check`: the rest of the document is then
/// analyzed as plain text, with a warning.
struct Work {
    total: u64,
    left: std::cell::Cell<u64>,
}

impl Work {
    fn new(total: u64) -> Work {
        Work {
            total,
            left: std::cell::Cell::new(total),
        }
    }

    fn for_len(len: usize) -> Work {
        Work::new(
            WORK_PER_BYTE
                .saturating_mul(len as u64)
                .saturating_add(WORK_BASE),
        )
    }

    /// Spends `n` steps; `false` once the budget is used up.
    fn spend(&self, n: u64) -> bool {
        let left = self.left.get();
        self.left.set(left.saturating_sub(n));
        left >= n && left > 0
    }
}

struct Builder<'a> {
    src: &'a str,
    text: String,
    map: SourceMap,
    quoted: Vec<Range<usize>>,
    work: &'a Work,
    warnings: Vec<String>,
    /// Where a line scanner ran out of work.
    stopped_at: Option<usize>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, work: &'a Work) -> Self {
        Builder {
            src,
            text: String::with_capacity(src.len()),
            map: SourceMap::identity(),
            quoted: Vec::new(),
            work,
            warnings: Vec::new(),
            stopped_at: None,
        }
    }

    /// Out of work: the source from `from` on is copied as plain text, with a warning.
    fn give_up(&mut self, from: usize) {
        self.copy(from..self.src.len());
        self.warnings.push(format!(
            "markup scanning stopped at byte {from} after its work budget of {} steps; the rest is analyzed as plain text",
            self.work.total
        ));
    }

    fn copy(&mut self, r: Range<usize>) {
        if r.start >= r.end {
            return;
        }
        self.map.push(self.text.len(), r.start);
        self.text.push_str(&self.src[r]);
    }

    fn synth(&mut self, s: &str, orig: usize) {
        self.map.push(self.text.len(), orig);
        self.text.push_str(s);
    }

    fn finish(self) -> Prepared {
        Prepared {
            text: self.text,
            map: self.map,
            quoted: self.quoted,
            warnings: self.warnings,
        }
    }
}

fn line_ranges(src: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= src.len() {
            return None;
        }
        let end = src[start..].find('\n').map_or(src.len(), |i| start + i + 1);
        let r = start..end;
        start = end;
        Some(r)
    })
}

fn markdown(src: &str, work: &Work) -> Prepared {
    let mut b = Builder::new(src, work);
    let mut lines = line_ranges(src).peekable();
    // Front matter: a first line of `---` up to the closing `---`/`...`.
    if src.starts_with("---\n") || src.starts_with("---\r\n") {
        let mut consumed = Vec::new();
        let mut closed = false;
        for (i, r) in line_ranges(src).enumerate() {
            consumed.push(r.clone());
            let l = src[r].trim_end();
            if i > 0 && (l == "---" || l == "...") {
                closed = true;
                break;
            }
        }
        if closed {
            for _ in 0..consumed.len() {
                lines.next();
            }
        }
    }
    let mut fence: Option<String> = None;
    let mut in_comment = false;
    for r in lines {
        let line = &src[r.clone()];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            b.synth("\n", r.start);
            continue;
        }
        if !in_comment && indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
        {
            let marker: String = trimmed
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            fence = Some(marker);
            b.synth("\n", r.start);
            continue;
        }
        // Reference-style link definitions carry only a URL.
        if indent <= 3 && is_link_definition(trimmed) {
            b.synth("\n", r.start);
            continue;
        }
        let mut start = r.start;
        let mut quote = false;
        if !in_comment && indent <= 3 && trimmed.starts_with('>') {
            quote = true;
            start = r.start + indent;
            while src[start..r.end].starts_with('>') || src[start..r.end].starts_with(' ') {
                start += 1;
            }
        }
        let q_start = b.text.len();
        in_comment = markdown_inline(&mut b, start..r.end, in_comment);
        if quote {
            b.quoted.push(q_start..b.text.len());
        }
        if let Some(stopped) = b.stopped_at.take() {
            b.give_up(stopped);
            break;
        }
    }
    b.finish()
}

fn is_link_definition(t: &str) -> bool {
    t.starts_with('[') && t.contains("]:") && !t.starts_with("[^")
}

/// Copies one Markdown line, skipping inline code, link targets, images, comments, tags and
/// bare URLs. Returns whether an HTML comment is still open at the end of the line.
fn markdown_inline(b: &mut Builder<'_>, r: Range<usize>, mut in_comment: bool) -> bool {
    let src = b.src;
    let bytes = src.as_bytes();
    let mut i = r.start;
    let mut keep = r.start;
    let work = b.work;
    let (mut gt, mut space, mut eq, mut scheme) = (
        Next::new(">", work),
        Next::new(" ", work),
        Next::new("=", work),
        Next::new("://", work),
    );
    let (mut bracket_paren, mut paren) = (Next::new("](", work), Next::new(")", work));
    // Per run length of backticks: (searched from, result) of the last look-up.
    let mut tick_runs: rustc_hash::FxHashMap<usize, (usize, Option<usize>)> =
        rustc_hash::FxHashMap::default();
    while i < r.end {
        if !work.spend(1) {
            b.stopped_at = Some(keep);
            return in_comment;
        }
        if in_comment {
            match src[i..r.end].find("-->") {
                Some(j) => {
                    i += j + 3;
                    keep = i;
                    in_comment = false;
                    continue;
                }
                None => {
                    if src[r.clone()].ends_with('\n') {
                        b.synth("\n", r.end - 1);
                    }
                    return true;
                }
            }
        }
        let c = bytes[i];
        match c {
            b'`' => {
                let ticks = src[i..r.end].bytes().take_while(|&x| x == b'`').count();
                let pat = &src[i..i + ticks];
                let from = i + ticks;
                // Same forward-only reuse as `Next`, one slot per run length.
                let found = match tick_runs.get(&ticks) {
                    Some(&(f, None)) if f <= from => None,
                    Some(&(f, Some(p))) if f <= from && p >= from => Some(p),
                    _ => {
                        let found = src[from..r.end].find(pat).map(|j| from + j);
                        tick_runs.insert(ticks, (from, found));
                        found
                    }
                };
                if let Some(p) = found {
                    b.copy(keep..i);
                    b.synth(" ", i);
                    i = p + ticks;
                    keep = i;
                    continue;
                }
                i += ticks;
            }
            b'<' => {
                if src[i..r.end].starts_with("<!--") {
                    b.copy(keep..i);
                    b.synth(" ", i);
                    in_comment = true;
                    i += 4;
                    keep = i;
                    continue;
                }
                if let Some(close) = gt.find(src, i, r.end) {
                    let inner = &src[i + 1..close];
                    // "inner contains x" is "the next x comes before the `>`": the cached
                    // look-ups keep a line of `<a <a <a … >` linear.
                    let contains =
                        |n: &mut Next<'_>| n.find(src, i + 1, r.end).is_some_and(|p| p < close);
                    let looks_like_tag = inner
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '/')
                        && (inner.starts_with('/') || !contains(&mut space) || contains(&mut eq));
                    if looks_like_tag || contains(&mut scheme) {
                        b.copy(keep..i);
                        b.synth(" ", i);
                        i = close + 1;
                        keep = i;
                        continue;
                    }
                }
                i += 1;
            }
            b'!' if src[i..r.end].starts_with("![") => {
                if let Some(end) = link_end(src, i + 1, r.end, &mut bracket_paren, &mut paren) {
                    b.copy(keep..i);
                    b.synth(" ", i);
                    i = end;
                    keep = i;
                    continue;
                }
                i += 1;
            }
            b']' if src[i..r.end].starts_with("](") => {
                // `[text](target)`: keep the text, drop the target.
                if let Some(p) = paren.find(src, i + 2, r.end) {
                    b.copy(keep..i);
                    i = p + 1;
                    keep = i;
                    continue;
                }
                i += 1;
            }
            b'h' if src[i..r.end].starts_with("http://")
                || src[i..r.end].starts_with("https://") =>
            {
                let end = src[i..r.end]
                    .find(|ch: char| ch.is_whitespace() || ch == ')' || ch == '>')
                    .map_or(r.end, |j| i + j);
                b.copy(keep..i);
                b.synth(" ", i);
                i = end;
                keep = i;
            }
            _ => {
                i += utf8_len(c);
            }
        }
    }
    b.copy(keep..r.end.min(src.len()));
    in_comment
}

/// For `![alt](url)` starting at the `[` at `open`, the offset after the `)`.
fn link_end(
    src: &str,
    open: usize,
    limit: usize,
    bracket_paren: &mut Next<'_>,
    paren: &mut Next<'_>,
) -> Option<usize> {
    let close = bracket_paren.find(src, open, limit)?;
    Some(paren.find(src, close + 2, limit)? + 1)
}

/// The next occurrence of one needle, remembered between look-ups.
///
/// The scanners ask "where is the next `>` (or `](`, `)`, `-->`) from here?" at every `<`,
/// `[` or `]`; answering each from scratch makes a line of unclosed constructs (`<a<a<a…`)
/// quadratic. Look-ups move forward only, so an earlier answer that still lies ahead of the
/// new start is the answer again, and one that found nothing stays nothing: every byte is
/// searched at most once per needle and limit.
struct Next<'w> {
    needle: &'static str,
    /// (searched from, limit, result).
    last: Option<(usize, usize, Option<usize>)>,
    /// Charged with every byte searched.
    work: &'w Work,
}

impl<'w> Next<'w> {
    fn new(needle: &'static str, work: &'w Work) -> Self {
        Next {
            needle,
            last: None,
            work,
        }
    }

    /// The first occurrence of the needle in `src[from..limit]`, as an absolute offset.
    fn find(&mut self, src: &str, from: usize, limit: usize) -> Option<usize> {
        if let Some((f, l, found)) = self.last {
            if l == limit && f <= from {
                match found {
                    None => return None,
                    Some(p) if p >= from => return Some(p),
                    Some(_) => {}
                }
            }
        }
        let found = src
            .get(from..limit)
            .and_then(|s| s.find(self.needle))
            .map(|j| from + j);
        self.work
            .spend(found.unwrap_or(limit).saturating_sub(from) as u64);
        self.last = Some((from, limit, found));
        found
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

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

fn html(src: &str, work: &Work) -> Prepared {
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
    use super::*;

    fn orig_of(p: &Prepared, src: &str, needle: &str) -> usize {
        let at = p.text.find(needle).expect("needle in plain text");
        let o = p.map.to_orig(at);
        assert!(src[o..].starts_with(needle), "maps back to the same word");
        o
    }

    #[test]
    fn markdown_skips_code_links_front_matter_and_comments() {
        let src = "---\ntitle: Ein Gamechanger\n---\n# Sora 2\n\nDas ist `revolutionär` und [bahnbrechend](https://example.com/wow).\n```\nmind-blowing\n```\n<!-- atemberaubend -->\n> Ein Zitat\n";
        let p = prepare(src, Format::Markdown);
        assert!(!p.text.contains("Gamechanger"));
        assert!(!p.text.contains("revolutionär"));
        assert!(!p.text.contains("example.com"));
        assert!(!p.text.contains("mind-blowing"));
        assert!(!p.text.contains("atemberaubend"));
        assert!(p.text.contains("bahnbrechend"));
        orig_of(&p, src, "bahnbrechend");
        let z = p.text.find("Ein Zitat").unwrap();
        assert!(p.quoted.iter().any(|r| r.contains(&z)));
    }

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

    #[test]
    fn out_of_work_the_rest_is_plain_text_with_a_warning() {
        let src = "<p>Ein <b>revolutionärer</b> Schritt.</p>\n<p>Noch ein <i>Satz</i>.</p>";
        for (format, work) in [(Format::Html, 12), (Format::Markdown, 9)] {
            let p = match format {
                Format::Html => html(src, &Work::new(work)),
                _ => markdown(src, &Work::new(work)),
            };
            assert_eq!(p.warnings.len(), 1, "{format:?}: {p:?}");
            assert!(p.warnings[0].contains("work budget"), "{:?}", p.warnings);
            // Everything after the stop is there verbatim and maps back to the source.
            orig_of(&p, src, "<i>Satz</i>.</p>");
            let full = prepare(src, format);
            assert!(full.warnings.is_empty());
        }
    }

    #[test]
    fn finds_suppression_comments_with_categories() {
        let s = suppressions(
            "a\n<!-- hypecheck: ignore awe, superlative -->\nb <!-- hypecheck: ignore -->",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].line, 2);
        assert_eq!(s[0].categories, vec!["awe", "superlative"]);
        assert_eq!(s[1].line, 3);
        assert!(s[1].categories.is_empty());
    }
}
