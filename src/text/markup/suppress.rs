//! Inline suppression comments (`<!-- hypecheck: ignore … -->`) in the original source.

use std::sync::LazyLock;

use regex::Regex;

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
    let index = crate::text::LineIndex::new(source);
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

#[cfg(test)]
mod tests {
    use super::*;

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
