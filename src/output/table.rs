//! Aligned plain-text tables for the data commands.
use std::io::{self, Write};

/// Longest cell shown, in characters; longer cells are cut with an ellipsis.
const MAX: usize = 48;

/// Writes `header` and `rows` as aligned columns (two spaces apart, no trailing blanks).
pub fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let cut = |s: &str| {
        if s.chars().count() > MAX {
            let mut t: String = s.chars().take(MAX - 1).collect();
            t.push('…');
            t
        } else {
            s.to_owned()
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            s.push_str(c);
            if i + 1 != cells.len() {
                s.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        s.trim_end().to_owned()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// A number with at most three decimals and no trailing zeros (`2.500` → `2.5`).
pub fn trim_number(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_long_cells_are_cut() {
        let mut out = Vec::new();
        let long = "x".repeat(60);
        write_table(
            &mut out,
            &["id", "name"],
            &[vec!["a".into(), "Sora".into()], vec!["bbb".into(), long]],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "id   name");
        assert_eq!(lines[1], "a    Sora");
        assert!(lines[2].ends_with('…'));
        assert_eq!(lines[2].chars().count(), 5 + MAX);
    }

    #[test]
    fn numbers_lose_trailing_zeros() {
        assert_eq!(trim_number(2.5), "2.5");
        assert_eq!(trim_number(3.0), "3");
        assert_eq!(trim_number(0.1234), "0.123");
    }
}
