//! Words of a sentence: cuts a sentence into lower-cased words (version numbers such as "3.1"
//! and "1080p" stay whole, hyphens split). Cue matching over them is in `cue_match`.

use std::borrow::Cow;

/// A word of a sentence: lower-cased letters and digits ("3.1" and "1080p" stay whole).
#[derive(Debug, Clone)]
pub(super) struct Word<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Borrowed from the sentence when it is written that way already (most words are).
    pub(super) norm: Cow<'a, str>,
    /// The word starts with a lower-case letter as written (German adjectives do, nouns don't).
    pub(super) lower: bool,
}

pub(super) fn words(s: &str) -> Vec<Word<'_>> {
    words_at(s, 0)
}

/// The word being read: where it starts, its normalized form once it differs from the
/// text (`None` while the text is already normal), whether it starts lower-case, whether
/// its last character is a digit (a following "." or "," may continue a number).
struct Cur {
    start: usize,
    owned: Option<String>,
    lower: bool,
    last_digit: bool,
}

pub(super) fn words_at(s: &str, base: usize) -> Vec<Word<'_>> {
    let bytes = s.as_bytes();
    let mut out: Vec<Word<'_>> = Vec::with_capacity(s.len() / 5 + 1);
    let mut cur: Option<Cur> = None;
    let finish = |c: Cur, end: usize| Word {
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
                    cur = Some(Cur {
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

/// The first word of `s`, lower-cased (without cutting the whole sentence into words).
pub(super) fn first_word(s: &str) -> String {
    s.chars()
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
