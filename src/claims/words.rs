//! Words of a sentence: cuts a sentence into lower-cased words (version numbers such as "3.1"
//! and "1080p" stay whole, hyphens split). Cue matching over them is in `cue_match`.

/// A word of a sentence: lower-cased letters and digits ("3.1" and "1080p" stay whole).
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) norm: String,
    /// The word starts with a lower-case letter as written (German adjectives do, nouns don't).
    pub(super) lower: bool,
}

pub(super) fn words(s: &str) -> Vec<Word> {
    words_at(s, 0)
}

pub(super) fn words_at(s: &str, base: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(s.len() / 5 + 1);
    let mut cur: Option<(usize, String, bool)> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins_number = (c == '.' || c == ',')
            && cur
                .as_ref()
                .is_some_and(|(_, w, _)| w.chars().last().is_some_and(|l| l.is_ascii_digit()))
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || joins_number {
            match &mut cur {
                Some((_, w, _)) if c.is_ascii() => {
                    w.push(if c == ',' {
                        '.'
                    } else {
                        c.to_ascii_lowercase()
                    });
                }
                Some((_, w, _)) => w.extend(c.to_lowercase()),
                None => {
                    let mut w = String::with_capacity(16);
                    w.extend(c.to_lowercase());
                    cur = Some((i, w, c.is_lowercase()));
                }
            }
        } else if let Some((start, norm, lower)) = cur.take() {
            out.push(Word {
                start: base + start,
                end: base + i,
                norm,
                lower,
            });
        }
    }
    if let Some((start, norm, lower)) = cur {
        out.push(Word {
            start: base + start,
            end: base + s.len(),
            norm,
            lower,
        });
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
