//! Interview layout: "Name: answer" turns, so the interviewee's answers are not read as the
//! author's voice.
//!
//! A line that starts with a short speaker label and a colon ("salto.music: …",
//! "Regisseurin K.: …", "Q: …", "Frage: …") is a turn. The layout counts as an interview when at
//! least two different labels each start two or more lines, and one of them (the interviewer)
//! mostly asks (its turns end with `?`). The lines of the other labels are the answers; their
//! text (after the label) is returned as byte ranges. One linear pass over the lines.
use std::ops::Range;

/// The longest label, in bytes ("Matthias Vitti", "Interviewer", "salto.music").
const MAX_LABEL_BYTES: usize = 40;
/// The most words a label may have.
const MAX_LABEL_WORDS: usize = 4;

/// A turn: its label and the byte range of the text after the colon.
struct Turn<'a> {
    label: &'a str,
    text: Range<usize>,
    asks: bool,
}

/// The speaker label at the start of `line`, and the byte offset just after its colon.
fn label(line: &str) -> Option<(&str, usize)> {
    let colon = line.get(..line.len().min(MAX_LABEL_BYTES + 1))?.find(':')?;
    let l = line[..colon].trim();
    if l.is_empty() || l.split_whitespace().count() > MAX_LABEL_WORDS {
        return None;
    }
    // Names and roles only: letters, digits, spaces, dots, hyphens, apostrophes; no sentence
    // punctuation, and the text after the colon must start on the same line.
    if !l
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '&'))
        || !l.chars().next().is_some_and(char::is_alphanumeric)
        || l.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let rest = &line[colon + 1..];
    if rest.trim().is_empty() || rest.starts_with("//") {
        return None;
    }
    Some((l, colon + 1))
}

/// The turns of `text`. Only lines holding a colon can be turns: each is found from its first
/// colon and read once; lines without one are never looked at.
fn turns(text: &str) -> Vec<Turn<'_>> {
    let bytes = text.as_bytes();
    let mut turns = Vec::new();
    let mut line_end = 0usize;
    // The line start of the last colon read, and how far back from there no line break
    // is: each byte is searched once, however many colons a long line holds.
    let (mut start, mut searched) = (0usize, 0usize);
    for colon in memchr::memchr_iter(b':', bytes) {
        if colon < line_end {
            continue;
        }
        if let Some(p) = memchr::memrchr(b'\n', &bytes[searched..colon]) {
            start = searched + p + 1;
        }
        searched = colon;
        line_end = memchr::memchr(b'\n', &bytes[colon..]).map_or(bytes.len(), |p| colon + p);
        turns.extend(turn(text, start, line_end));
    }
    turns
}

/// The turn on the line `start..end` of `text` (no line break inside), if it is one.
fn turn(text: &str, start: usize, end: usize) -> Option<Turn<'_>> {
    let line = &text[start..end];
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    // Markdown bold labels: "**Q:** …"
    let plain = trimmed.trim_start_matches('*');
    let lead = lead + (trimmed.len() - plain.len());
    let (l, after) = label(plain)?;
    let body = plain[after..].trim_end();
    Some(Turn {
        label: l.trim_end_matches('*'),
        text: start + lead + after..start + lead + after + plain[after..].len(),
        asks: body.ends_with('?'),
    })
}

/// Byte ranges of interviewee answers in `text` (empty when the text is no interview).
pub(crate) fn answer_regions(text: &str) -> Vec<Range<usize>> {
    // Four turns need four colons: most texts are ruled out by one vectorized count.
    if memchr::memchr_iter(b':', text.as_bytes()).nth(3).is_none() {
        return Vec::new();
    }
    let turns = turns(text);
    if turns.len() < 4 {
        return Vec::new();
    }
    // Per label: (turns, questions). Few distinct labels, so a small vector is enough.
    let mut stats: Vec<(&str, usize, usize)> = Vec::new();
    for t in &turns {
        if let Some(s) = stats.iter_mut().find(|s| s.0 == t.label) {
            s.1 += 1;
            s.2 += usize::from(t.asks);
        } else if stats.len() < 64 {
            stats.push((t.label, 1, usize::from(t.asks)));
        }
    }
    let repeated: Vec<&(&str, usize, usize)> = stats.iter().filter(|s| s.1 >= 2).collect();
    if repeated.len() < 2 {
        return Vec::new();
    }
    let asking = |s: &(&str, usize, usize)| s.2 * 2 > s.1;
    if !repeated.iter().any(|s| asking(s)) || repeated.iter().all(|s| asking(s)) {
        return Vec::new();
    }
    turns
        .into_iter()
        .filter(|t| {
            stats
                .iter()
                .find(|s| s.0 == t.label)
                .is_some_and(|s| s.1 >= 2 && !asking(s))
        })
        .map(|t| t.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{answer_regions, turn, turns};
    use proptest::prelude::*;

    /// The turns found by reading every line, as before colons picked the lines.
    fn every_line(text: &str) -> Vec<(String, std::ops::Range<usize>, bool)> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            if let Some(t) = turn(text, start, start + line.len()) {
                out.push((t.label.to_owned(), t.text, t.asks));
            }
            start += line.len() + 1;
        }
        out
    }

    fn by_colons(text: &str) -> Vec<(String, std::ops::Range<usize>, bool)> {
        turns(text)
            .into_iter()
            .map(|t| (t.label.to_owned(), t.text, t.asks))
            .collect()
    }

    #[test]
    fn colons_find_the_same_turns_as_every_line() {
        for t in [
            "",
            ":",
            "::\n:",
            "Q: eins?\r\nA: zwei: drei\n\n**Q:** vier?\n  A: fünf\nkein Label hier, aber: später",
            "Ein sehr langer Satz ohne Doppelpunkt am Anfang, der erst hier einen hat: so.\nQ: Ja?",
            "Q:\nA: \u{201E}Zitat\u{201C}: weiter\u{00AD}\u{200B} 🎬\nQ: ok?",
        ] {
            assert_eq!(by_colons(t), every_line(t), "{t:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Generated interview-like text: labels, colons at any place, CRLF and LF, curly
        /// quotes, soft hyphens, zero-width characters and emoji.
        #[test]
        fn colons_find_the_same_turns_on_generated_text(parts in proptest::collection::vec(
            prop_oneof![
                Just("Q:"), Just("A:"), Just("Anna B.:"), Just("**Frage:**"), Just(":"),
                Just("\n"), Just("\r\n"), Just(" "), Just("  "), Just("?"), Just("Sora 2"),
                Just("„Revolution“"), Just("it’s"), Just("\u{00AD}"), Just("\u{200B}"),
                Just("🎬"), Just("12:30 Uhr"), Just("https://example.org/x"), Just("ein Wort"),
            ],
            0..60,
        )) {
            let t: String = parts.concat();
            prop_assert_eq!(by_colons(&t), every_line(&t));
        }
    }

    #[test]
    fn finds_the_interviewees_answers() {
        let t = "Intro.\nMagazin: Was hat dich zur KI gebracht?\nAnna B.: Die Bilder sind ein Quantensprung.\nMagazin: Und jetzt?\nAnna B.: Weiter so.\n";
        let r = answer_regions(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], " Die Bilder sind ein Quantensprung.");
    }

    #[test]
    fn feature_lists_are_no_interview() {
        let t = "Pro: schnell\nContra: teuer\nPro: günstig\nContra: langsam\n";
        assert!(answer_regions(t).is_empty());
        assert!(answer_regions("Fazit: gut.\nUpdate: 12:30 Uhr").is_empty());
    }
}
