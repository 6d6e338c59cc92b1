//! The CSV helpers every CSV writer shares: one writer setup and one cell guard.
//!
//! [`safe_cell`] neutralises spreadsheet formula injection: a cell written from scraped or
//! user-supplied text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! read as a formula by Excel, LibreOffice and Google Sheets, so it gets a leading `'`
//! (OWASP's advice). Plain numbers such as `-3.5` are left alone: they are data, not
//! formulas, and R or pandas must still read them as numbers.
use std::borrow::Cow;
use std::io::Write;

/// A CSV writer on `w` with a header row; `crlf` picks `\r\n` line ends (RFC 4180, what the
/// corpus exports use) over `\n` (what the data tables use).
pub fn csv_writer<W: Write>(w: W, crlf: bool) -> csv::Writer<W> {
    let mut b = csv::WriterBuilder::new();
    if !crlf {
        b.terminator(csv::Terminator::Any(b'\n'));
    }
    b.from_writer(w)
}

/// `s`, with a leading `'` when a spreadsheet would run it as a formula (see the module doc).
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    let risky = s
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && s.parse::<f64>().map_or(true, |v| !v.is_finite()) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Every cell of a record passed through [`safe_cell`].
pub fn safe_record<I, T>(record: I) -> impl Iterator<Item = String>
where
    I: IntoIterator<Item = T>,
    T: AsRef<str>,
{
    record
        .into_iter()
        .map(|c| safe_cell(c.as_ref()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_leading_quote() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+1", "'+1+1"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-inf", "'-inf"),
            ("-", "'-"),
        ] {
            assert_eq!(safe_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn plain_text_and_numbers_stay_as_they_are() {
        for cell in [
            "Sora 2",
            "",
            "a=b",
            "-3.5",
            "+4",
            "1e3",
            "2026-10-05",
            "'quoted",
        ] {
            assert_eq!(safe_cell(cell), cell);
        }
    }

    #[test]
    fn records_round_trip_through_the_writer() {
        let mut w = csv_writer(Vec::new(), false);
        w.write_record(safe_record(["=1+1", "ok", "-1"])).unwrap();
        let bytes = w.into_inner().unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "'=1+1,ok,-1\n");
    }
}
