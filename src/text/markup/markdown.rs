//! Markdown → plain text: drops front matter, fenced and inline code, link targets, images,
//! HTML comments and tags and bare URLs; records block quotes as quoted regions.

use std::ops::Range;

use super::builder::{utf8_len, Builder, Next, Work};
use super::Prepared;

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

pub(super) fn markdown(src: &str, work: &Work) -> Prepared {
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

#[cfg(test)]
mod tests {
    use super::super::tests::orig_of;
    use super::super::{prepare, Format};

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
}
