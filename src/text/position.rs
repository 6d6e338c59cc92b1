//! Positions: plain-text byte offsets → original byte offsets → 1-based line and column.
//!
//! Columns count characters (Unicode scalar values), not bytes, so a hit after an umlaut or an
//! emoji gets the column an editor shows. Look-ups are incremental: findings come in text
//! order, so each one only counts the characters since the previous one, which keeps a 50 MB
//! single-line file linear instead of quadratic.

/// Maps byte offsets of the plain text back into the original source.
///
/// Stored as segments `(plain_start, orig_start)`: inside a segment, offsets advance together
/// (text copied verbatim); a segment for synthetic text (a decoded entity, an inserted
/// paragraph break) maps to the source position it came from. No segments means identity.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    segs: Vec<(usize, usize)>,
}

impl SourceMap {
    /// The identity map (plain text is the source).
    pub fn identity() -> Self {
        SourceMap { segs: Vec::new() }
    }

    pub(crate) fn push(&mut self, plain_start: usize, orig_start: usize) {
        if let Some(last) = self.segs.last_mut() {
            if last.0 == plain_start {
                *last = (plain_start, orig_start);
                return;
            }
            // Contiguous verbatim copy: extend the previous segment instead of adding one.
            if plain_start - last.0 == orig_start.wrapping_sub(last.1) {
                return;
            }
        }
        self.segs.push((plain_start, orig_start));
    }

    /// The original byte offset of plain-text byte offset `plain`.
    pub fn to_orig(&self, plain: usize) -> usize {
        if self.segs.is_empty() {
            return plain;
        }
        let i = self.segs.partition_point(|&(p, _)| p <= plain);
        if i == 0 {
            return plain;
        }
        let (p, o) = self.segs[i - 1];
        o + (plain - p)
    }
}

/// 1-based line and character column of byte offsets in one text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    cursor: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex {
            text,
            line_starts,
            cursor: (0, 0, 1),
        }
    }

    /// The 1-based line of byte offset `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// 1-based (line, column) of byte offset `offset`; the column counts characters.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line(offset);
        let line_start = self.line_starts[line - 1];
        let (c_off, c_line, c_col) = self.cursor;
        let col = if c_line == line && c_off <= offset {
            c_col + self.text[c_off..offset].chars().count()
        } else {
            1 + self.text[line_start..offset].chars().count()
        };
        self.cursor = (offset, line, col);
        (line, col)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self
            .line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Zeile eins\nÜber 😀 Gamechanger";
        let mut idx = LineIndex::new(text);
        let off = text.find("Gamechanger").unwrap();
        assert_eq!(idx.position(off), (2, 8));
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.line_text(2), "Über 😀 Gamechanger");
    }

    #[test]
    fn source_map_follows_segments() {
        let mut m = SourceMap::identity();
        m.push(0, 10);
        m.push(5, 20);
        assert_eq!(m.to_orig(3), 13);
        assert_eq!(m.to_orig(7), 22);
    }
}
