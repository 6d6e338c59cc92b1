//! Words of a sentence: cuts a sentence into lower-cased words (version numbers such as "3.1"
//! and "1080p" stay whole, hyphens split). Cue matching over them is in `cue_match`.
//!
//! A word borrows its normal form from the sentence when the sentence writes it that way
//! already (most words do); the others are lower-cased into one buffer per sentence, so
//! cutting a sentence allocates nothing per word.

/// A word of a sentence: lower-cased letters and digits ("3.1" and "1080p" stay whole).
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Borrowed from the sentence when it is written that way already, else from the buffer
    /// handed to [`words_at`].
    pub(super) norm: &'a str,
    /// The word starts with a lower-case letter as written (German adjectives do, nouns don't).
    pub(super) lower: bool,
}

/// The normalized words of `s`, owned (for cue terms and model names: short and read rarely).
pub(super) fn words(s: &str) -> Vec<String> {
    let mut buf = String::new();
    words_at(s, 0, &mut buf)
        .into_iter()
        .map(|w| w.norm.to_owned())
        .collect()
}

/// A finished word before its normal form is borrowed: where its normal form lies in the
/// buffer when it differs from the text (`norm_start` is [`usize::MAX`] when it does not).
/// As large as a [`Word`], so turning one vector into the other reuses the allocation as is.
struct Raw {
    start: usize,
    end: usize,
    norm_start: usize,
    norm_end: usize,
    lower: bool,
}

/// Byte classes for [`words_at`]: separators, bytes that continue a word as written (ASCII
/// lower-case letters and digits), ASCII upper-case letters, `.` and `,` (which continue a
/// number), and bytes of characters beyond ASCII (decoded).
const SEP: u8 = 0;
const PLAIN: u8 = 1;
const UPPER: u8 = 2;
const POINT: u8 = 3;
const WIDE: u8 = 4;

const CLASS: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            PLAIN
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c == b'.' || c == b',' {
            POINT
        } else if !c.is_ascii() {
            WIDE
        } else {
            SEP
        };
        b += 1;
    }
    t
};

/// Cuts `s` (which starts at byte `base` of the text) into words. A word is a run of
/// alphanumeric characters; a `.` or `,` between digits continues it (as `.`). Normal forms
/// that differ from the text are written to `buf` (cleared first).
///
/// Reads word by word rather than character by character: separators are skipped a byte at a
/// time, a word's end is found first (ASCII bytes without decoding), and only a word that is
/// not written as it normalizes (an upper-case letter, a comma, anything not ASCII) is
/// lower-cased into `buf` afterwards. Most bytes of a text are thus looked at once, by a
/// byte comparison.
pub(super) fn words_at<'a>(s: &'a str, base: usize, buf: &'a mut String) -> Vec<Word<'a>> {
    buf.clear();
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut raw: Vec<Raw> = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        // Between words: ASCII separators are skipped without decoding.
        let b = bytes[i];
        let start = i;
        let lower;
        let mut plain;
        // Whether the word holds a character beyond ASCII, or a comma (between digits): such
        // words are lower-cased character by character below.
        let mut wide = false;
        let mut comma = false;
        match CLASS[usize::from(b)] {
            PLAIN => {
                lower = b.is_ascii_lowercase();
                plain = true;
                i += 1;
            }
            UPPER => {
                lower = false;
                plain = false;
                i += 1;
            }
            WIDE => {
                let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
                i += c.len_utf8();
                if !c.is_alphanumeric() {
                    continue;
                }
                lower = c.is_lowercase();
                plain = false;
                wide = true;
            }
            _ => {
                i += 1;
                continue;
            }
        }
        // Inside the word: find its end. `plain` stays true while it holds only ASCII
        // lower-case letters, digits and dots (written as it normalizes).
        while i < n {
            i += bytes[i..]
                .iter()
                .position(|&b| CLASS[usize::from(b)] != PLAIN)
                .unwrap_or(n - i);
            let Some(&b) = bytes.get(i) else { break };
            match CLASS[usize::from(b)] {
                UPPER => {
                    plain = false;
                    i += 1;
                }
                // A number continues over a dot or comma between digits ("3.1", "12,5"). The
                // byte before is the last of the word's last character: an ASCII digit only
                // when that character is one.
                POINT
                    if bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
                {
                    plain &= b == b'.';
                    comma |= b == b',';
                    i += 1;
                }
                WIDE => {
                    let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    plain = false;
                    wide = true;
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        let (norm_start, norm_end) = if plain {
            (usize::MAX, 0)
        } else {
            let from = buf.len();
            let word = &s[start..i];
            if !wide && !comma {
                // Most such words are capitalized ASCII words: copied and lower-cased at once.
                buf.push_str(word);
                buf[from..].make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    if c == ',' {
                        buf.push('.');
                    } else if c.is_ascii() {
                        buf.push(c.to_ascii_lowercase());
                    } else {
                        buf.extend(c.to_lowercase());
                    }
                }
            }
            (from, buf.len())
        };
        raw.push(Raw {
            start,
            end: i,
            norm_start,
            norm_end,
            lower,
        });
    }
    let buf: &'a str = buf.as_str();
    raw.into_iter()
        .map(|w| Word {
            start: base + w.start,
            end: base + w.end,
            norm: if w.norm_start == usize::MAX {
                &s[w.start..w.end]
            } else {
                &buf[w.norm_start..w.norm_end]
            },
            lower: w.lower,
        })
        .collect()
}

/// The first word of `s`, lower-cased (without cutting the whole sentence into words);
/// borrowed from `s` when it is written that way. An ASCII word is found by bytes, without
/// decoding.
pub(super) fn first_word(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let b = s.as_bytes();
    let Some(i) = b
        .iter()
        .position(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
    else {
        // Only ASCII separators: no word.
        return Cow::Borrowed("");
    };
    if b[i].is_ascii() {
        let end = b[i..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |n| i + n);
        // A character beyond ASCII right after may continue the word: decoded below.
        if b.get(end).is_none_or(u8::is_ascii) {
            let w = &s[i..end];
            return if w.bytes().any(|c| c.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            };
        }
    }
    Cow::Owned(first_word_decoded(s))
}

/// [`first_word`] character by character (any text; the reference for tests).
fn first_word_decoded(s: &str) -> String {
    s.chars()
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    proptest::proptest! {
        #[test]
        fn first_word_by_bytes_is_the_first_word_decoded(
            text in crate::models::tests::real_world_text(),
        ) {
            let (fast, decoded) = (first_word(&text), first_word_decoded(&text));
            proptest::prop_assert_eq!(fast.as_ref(), decoded.as_str());
        }
    }

    #[test]
    fn first_words_of_german_and_english_sentences() {
        for (s, w) in [
            ("Das ist neu.", "das"),
            ("„Dieses Modell“ ist neu.", "dieses"),
            ("Über Sora 2", "über"),
            ("This is new.", "this"),
            ("  \"It\" works", "it"),
            ("Sora2’s clip", "sora2"),
            ("Straße frei", "straße"),
            ("— …", ""),
        ] {
            assert_eq!(first_word(s), w, "{s}");
            assert_eq!(first_word_decoded(s), w, "{s}");
        }
    }

    /// The word cutter as it was before normal forms went into one buffer: the oracle for
    /// [`words_at`].
    #[derive(Debug, Clone)]
    struct OldWord<'a> {
        start: usize,
        end: usize,
        norm: Cow<'a, str>,
        lower: bool,
    }

    /// The word being read: where it starts, its normalized form once it differs from the
    /// text (`None` while the text is already normal), whether it starts lower-case, whether
    /// its last character is a digit (a following "." or "," may continue a number).
    struct OldCur {
        start: usize,
        owned: Option<String>,
        lower: bool,
        last_digit: bool,
    }

    fn old_words_at(s: &str, base: usize) -> Vec<OldWord<'_>> {
        let bytes = s.as_bytes();
        let mut out: Vec<OldWord<'_>> = Vec::with_capacity(s.len() / 5 + 1);
        let mut cur: Option<OldCur> = None;
        let finish = |c: OldCur, end: usize| OldWord {
            start: base + c.start,
            end: base + end,
            norm: match c.owned {
                Some(w) => Cow::Owned(w),
                None => Cow::Borrowed(&s[c.start..end]),
            },
            lower: c.lower,
        };
        let mut i = 0;
        while i < bytes.len() {
            // ASCII byte by byte; other characters decoded (`i` stays on a character boundary).
            let (c, len) = if bytes[i].is_ascii() {
                (char::from(bytes[i]), 1)
            } else {
                let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
                (c, c.len_utf8())
            };
            let joins_number = (c == '.' || c == ',')
                && cur.as_ref().is_some_and(|w| w.last_digit)
                && bytes.get(i + len).is_some_and(u8::is_ascii_digit);
            if c.is_alphanumeric() || joins_number {
                // Written as it normalizes: an ASCII lower-case letter, digit or dot.
                let plain = c.is_ascii() && c != ',' && !c.is_ascii_uppercase();
                match &mut cur {
                    Some(w) => {
                        if w.owned.is_none() && !plain {
                            w.owned = Some(s[w.start..i].to_owned());
                        }
                        if let Some(o) = &mut w.owned {
                            if c.is_ascii() {
                                o.push(if c == ',' {
                                    '.'
                                } else {
                                    c.to_ascii_lowercase()
                                });
                            } else {
                                o.extend(c.to_lowercase());
                            }
                        }
                        w.last_digit = c.is_ascii_digit();
                    }
                    None => {
                        let owned = (!plain).then(|| {
                            let mut w = String::with_capacity(16);
                            w.extend(c.to_lowercase());
                            w
                        });
                        cur = Some(OldCur {
                            start: i,
                            owned,
                            lower: c.is_lowercase(),
                            last_digit: c.is_ascii_digit(),
                        });
                    }
                }
            } else if let Some(w) = cur.take() {
                out.push(finish(w, i));
            }
            i += len;
        }
        if let Some(w) = cur {
            out.push(finish(w, s.len()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_old_cutter(
            text in crate::models::tests::real_world_text(),
            base in 0usize..1000,
        ) {
            let mut buf = String::new();
            let new: Vec<(usize, usize, &str, bool)> = words_at(&text, base, &mut buf)
                .into_iter()
                .map(|w| (w.start, w.end, w.norm, w.lower))
                .collect();
            let old = old_words_at(&text, base);
            let old: Vec<(usize, usize, &str, bool)> =
                old.iter().map(|w| (w.start, w.end, &*w.norm, w.lower)).collect();
            proptest::prop_assert_eq!(new, old);
        }
    }
}
