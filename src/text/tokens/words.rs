//! What a word is: byte classes, word characters and connectors, abbreviations that do not
//! end a sentence, contrastive conjunctions that end a clause, quotation mark pairs, and
//! short words packed into integers for fast comparison.
//!
//! The helpers the scanner calls for every word or character are `#[inline]`: they live in
//! another module (and so maybe another codegen unit) than their caller in the hot loop.

pub(super) const ABBREVIATIONS: &[&str] = &[
    "z", "b", "u", "a", "d", "h", "s", "o", "v", "e", "g", "i", "dr", "nr", "ca", "bzw", "usw",
    "vgl", "etc", "inkl", "ggf", "sog", "evtl", "bspw", "zb", "mio", "mrd", "prof", "st", "vs",
    "mr", "mrs", "ms", "jr", "sr", "no", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "okt", "nov", "dec", "dez", "max", "min", "bd", "abs", "hrsg", "ggü",
    "al", "approx", "inc", "corp", "ltd", "co", "eng", "dt", "engl", "str", "tel",
];

pub(super) const CONTRAST: &[&str] = &[
    "but",
    "aber",
    "sondern",
    "however",
    "jedoch",
    "whereas",
    "yet",
    "allerdings",
    "although",
    "though",
    "obwohl",
    "wenngleich",
    "dagegen",
    "hingegen",
    "while",
];

/// Whether `word` (the word characters before a dot) is an abbreviation, a single letter or a
/// number of one or two digits: such a dot does not end a sentence.
pub(super) fn is_abbreviation(word: &str) -> bool {
    let bytes = word.as_bytes();
    if !bytes.is_ascii() {
        // Unicode lowercase (the list holds "ggü"; the Kelvin sign lowercases to `k`). It has
        // at least as many characters as the word, and no entry has more than `MAX_LEN`.
        const MAX_LEN: usize = {
            let (mut max, mut i) = (0, 0);
            while i < ABBREVIATIONS.len() {
                if ABBREVIATIONS[i].len() > max {
                    max = ABBREVIATIONS[i].len();
                }
                i += 1;
            }
            max
        };
        let chars = word.chars().count();
        if chars == 1 && word.chars().all(char::is_alphabetic) {
            return true;
        }
        return chars <= MAX_LEN && ABBREVIATIONS.contains(&word.to_lowercase().as_str());
    }
    match bytes {
        [b] => b.is_ascii_alphanumeric(),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => true,
        _ => ascii_key(bytes).is_some_and(|k| ABBREVIATION_KEYS.binary_search(&k).is_ok()),
    }
}

/// An ASCII word of at most seven bytes, lowercased, as an integer: the bytes little-endian
/// and the length in the top byte (so a trailing NUL byte still makes a different key).
pub(crate) const fn ascii_key(word: &[u8]) -> Option<u64> {
    if word.len() > 7 {
        return None;
    }
    let mut k = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        k |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    Some(k)
}

/// [`ABBREVIATIONS`] as sorted [`ascii_key`]s; entries that have none (non-ASCII, or over
/// seven bytes) become `u64::MAX`, which no word's key equals.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [u64::MAX; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        let word = ABBREVIATIONS[i].as_bytes();
        if word.is_ascii() {
            if let Some(k) = ascii_key(word) {
                keys[i] = k;
            }
        }
        i += 1;
    }
    // Insertion sort: a few dozen keys, once, at compile time.
    let mut i = 1;
    while i < keys.len() {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// The bytes `start..end` (at most 16) of `bytes` as a little-endian integer, zero padded:
/// one unaligned load and a mask where 16 bytes are available. Words hold no NUL bytes, so
/// equal integers mean equal words; comparing integers avoids a `memcmp` per word.
pub(crate) fn load16(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    load16_pair(bytes, start, end).map(|[lo, hi]| u128::from(lo) | u128::from(hi) << 64)
}

/// [`load16`] as two 8-byte halves (low bytes first), computed without 128-bit arithmetic: the
/// analyzer's word cache keys every word of every text by it.
/// Always inlined: the word-cache loop calls it per token, and whether the compiler inlined it
/// otherwise depended on how unrelated modules fell into codegen units (+30 M instructions per
/// bench pass when it did not).
#[inline(always)]
pub(crate) fn load16_pair(bytes: &[u8], start: usize, end: usize) -> Option<[u64; 2]> {
    let len = end.checked_sub(start)?;
    if len > 16 {
        return None;
    }
    if let Some(chunk) = bytes.get(start..start + 16) {
        let lo = u64::from_le_bytes(chunk[..8].try_into().ok()?);
        let hi = u64::from_le_bytes(chunk[8..].try_into().ok()?);
        // Keep the first `len` bytes: two masks from a table instead of computing them (this
        // runs for every word; `len <= 16` needs no bounds check).
        let [mlo, mhi] = LOW_BYTES16[len];
        return Some([lo & mlo, hi & mhi]);
    }
    let mut k = [0u64; 2];
    for (i, &b) in bytes.get(start..end)?.iter().enumerate() {
        k[i / 8] |= u64::from(b) << (8 * (i % 8));
    }
    Some(k)
}

/// Per length `n` of 0 to 16, the masks of the `n` low bytes of two `u64` halves.
static LOW_BYTES16: [[u64; 2]; 17] = {
    let mut t = [[0u64; 2]; 17];
    let mut n = 0;
    while n <= 16 {
        let mut i = 0;
        while i < n {
            t[n][i / 8] |= 0xFF << (8 * (i % 8));
            i += 1;
        }
        n += 1;
    }
    t
};

/// Folds ASCII letters of a [`load16`] integer to lowercase by setting bit 5 of every byte.
/// Digits, `-` and `'` already have that bit; other bytes may change, which is harmless for
/// comparing against ASCII letter words (no such word has them).
pub(crate) fn fold16(k: u128, len: usize) -> u128 {
    let mask = if len >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    k | (0x2020_2020_2020_2020_2020_2020_2020_2020u128 & mask)
}

/// A word packed as by [`load16`] and [`fold16`].
#[cfg(test)]
pub(crate) fn pack_lower(word: &[u8]) -> Option<u128> {
    load16(word, 0, word.len()).map(|k| fold16(k, word.len()))
}

/// [`CONTRAST`] packed as by [`pack_lower`] (the words are lowercase ASCII, so that is
/// their bytes as a little-endian integer).
static CONTRAST_PACKED: [u128; CONTRAST.len()] = {
    let mut packed = [0u128; CONTRAST.len()];
    let mut i = 0;
    while i < CONTRAST.len() {
        let word = CONTRAST[i].as_bytes();
        let mut j = 0;
        while j < word.len() {
            packed[i] |= (word[j] as u128) << (8 * j);
            j += 1;
        }
        i += 1;
    }
    packed
};

/// Filter for [`is_contrast`]: bit `last & 31` of entry `[len % 16][first & 31]` is set when
/// a word in [`CONTRAST`] has `len` bytes, starts with the letter `first` and ends in the
/// letter `last` (either case). Other words may pass too.
static CONTRAST_FILTER: [[u32; 32]; 16] = {
    let mut filter = [[0u32; 32]; 16];
    let mut i = 0;
    while i < CONTRAST.len() {
        let word = CONTRAST[i].as_bytes();
        filter[word.len() % 16][(word[0] & 31) as usize] |= 1 << (word[word.len() - 1] & 31);
        i += 1;
    }
    filter
};

/// Whether the word `start..end` of `bytes` is a contrastive conjunction (any case).
///
/// Always inlined: it runs for every word, and a change elsewhere in the crate once made the
/// compiler call it instead (+10 % instructions for the tokenizer).
#[inline(always)]
pub(super) fn is_contrast(bytes: &[u8], start: usize, end: usize) -> bool {
    // Cheap filter first: this runs for every word (one bounds check for the whole word;
    // words of one byte are never conjunctions).
    let Some(word @ [first, .., last]) = bytes.get(start..end) else {
        return false;
    };
    let len = word.len();
    if CONTRAST_FILTER[len % 16][usize::from(first & 31)] & (1 << (last & 31)) == 0 {
        return false;
    }
    load16(bytes, start, end).is_some_and(|k| CONTRAST_PACKED.contains(&fold16(k, len)))
}

/// Byte classes for the hot loop: ASCII letters and digits, blanks (space, tab, carriage
/// return), other ASCII, and the bytes of non-ASCII characters.
pub(super) const WORD: u8 = 0;
pub(super) const BLANK: u8 = 1;
const OTHER: u8 = 2;
pub(super) const NON_ASCII: u8 = 3;
pub(super) static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else if matches!(b as u8, b' ' | b'\t' | b'\r') {
            BLANK
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // C1 controls and Latin-1 punctuation: no-break space, «, », ·, ¿ …
        0x80..=0xBF => false,
        // Latin-1 letters (umlauts, accents) without the table look-up; × and ÷ are not.
        0xC0..=0xFF => c != '×' && c != '÷',
        // General punctuation: typographic quotes, dashes, ellipsis.
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

#[inline]
pub(super) fn is_connector(c: char) -> bool {
    matches!(
        c,
        '-' | '\'' | '\u{2019}' | '\u{00AD}' | '\u{2010}' | '\u{2011}' | '&'
    )
}

#[inline]
pub(super) fn closer_for(open: char) -> Option<char> {
    Some(match open {
        '„' => '“',
        '‚' => '‘',
        '“' => '”',
        '‘' => '’',
        '»' => '«',
        '«' => '»',
        '‹' => '›',
        '›' => '‹',
        '"' => '"',
        '\'' => '\'',
        _ => return None,
    })
}
