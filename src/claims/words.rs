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

/// The word being read: where it starts, where its normalized form starts in the buffer once
/// it differs from the text (`None` while the text is already normal), whether it starts
/// lower-case, whether its last character is a digit (a following "." or "," may continue a
/// number).
struct Cur {
    start: usize,
    lowered: Option<usize>,
    lower: bool,
    last_digit: bool,
}

/// A finished word before its normal form is borrowed.
struct Raw {
    start: usize,
    end: usize,
    lowered: Option<(usize, usize)>,
    lower: bool,
}

/// Cuts `s` (which starts at byte `base` of the text) into words. A word is a run of
/// alphanumeric characters; a `.` or `,` between digits continues it (as `.`). Normal forms
/// that differ from the text are written to `buf` (cleared first).
pub(super) fn words_at<'a>(s: &'a str, base: usize, buf: &'a mut String) -> Vec<Word<'a>> {
    buf.clear();
    let bytes = s.as_bytes();
    let mut raw: Vec<Raw> = Vec::with_capacity(s.len() / 5 + 1);
    let mut cur: Option<Cur> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Fast paths for the common bytes. Inside a word, ASCII lower-case letters and digits
        // only extend it (copied as they are once the word is lower-cased into `buf`); outside
        // one, other ASCII bytes are skipped.
        if let Some(w) = &mut cur {
            let from = i;
            while i < bytes.len() && (bytes[i].is_ascii_lowercase() || bytes[i].is_ascii_digit()) {
                i += 1;
            }
            if i > from {
                if w.lowered.is_some() {
                    buf.push_str(&s[from..i]);
                }
                w.last_digit = bytes[i - 1].is_ascii_digit();
                if i == bytes.len() {
                    break;
                }
            }
        } else if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
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
                    if w.lowered.is_none() && !plain {
                        w.lowered = Some(buf.len());
                        buf.push_str(&s[w.start..i]);
                    }
                    if w.lowered.is_some() {
                        if c.is_ascii() {
                            buf.push(if c == ',' {
                                '.'
                            } else {
                                c.to_ascii_lowercase()
                            });
                        } else {
                            buf.extend(c.to_lowercase());
                        }
                    }
                    w.last_digit = c.is_ascii_digit();
                }
                None => {
                    let lowered = (!plain).then(|| {
                        let from = buf.len();
                        if c.is_ascii() {
                            buf.push(c.to_ascii_lowercase());
                        } else {
                            buf.extend(c.to_lowercase());
                        }
                        from
                    });
                    cur = Some(Cur {
                        start: i,
                        lowered,
                        lower: c.is_lowercase(),
                        last_digit: c.is_ascii_digit(),
                    });
                }
            }
        } else if let Some(w) = cur.take() {
            raw.push(finish(w, i, buf.len()));
        }
        i += len;
    }
    if let Some(w) = cur {
        raw.push(finish(w, s.len(), buf.len()));
    }
    let buf: &'a str = buf.as_str();
    raw.into_iter()
        .map(|w| Word {
            start: base + w.start,
            end: base + w.end,
            norm: match w.lowered {
                Some((a, z)) => &buf[a..z],
                None => &s[w.start..w.end],
            },
            lower: w.lower,
        })
        .collect()
}

fn finish(w: Cur, end: usize, buf_end: usize) -> Raw {
    Raw {
        start: w.start,
        end,
        lowered: w.lowered.map(|from| (from, buf_end)),
        lower: w.lower,
    }
}

/// The first word of `s`, lower-cased (without cutting the whole sentence into words).
pub(super) fn first_word(s: &str) -> String {
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
