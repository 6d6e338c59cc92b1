//! What a word is: byte classes, word characters and connectors, abbreviations that do not
//! end a sentence, contrastive conjunctions that end a clause, quotation mark pairs, and
//! short words packed into integers for fast comparison.
//!
//! The helpers the scanner calls for every word or character are `#[inline]`: they live in
//! another module (and so maybe another codegen unit) than their caller in the hot loop.

const ABBREVIATIONS: &[&str] = &[
    "z", "b", "u", "a", "d", "h", "s", "o", "v", "e", "g", "i", "dr", "nr", "ca", "bzw", "usw",
    "vgl", "etc", "inkl", "ggf", "sog", "evtl", "bspw", "zb", "mio", "mrd", "prof", "st", "vs",
    "mr", "mrs", "ms", "jr", "sr", "no", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "okt", "nov", "dec", "dez", "max", "min", "bd", "abs", "hrsg", "ggü",
    "al", "approx", "inc", "corp", "ltd", "co", "eng", "dt", "engl", "str", "tel",
];

const CONTRAST: &[&str] = &[
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

pub(super) fn is_abbreviation(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true;
    }
    if !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// The bytes `start..end` (at most 16) of `bytes` as a little-endian integer, zero padded:
/// one unaligned load and a mask where 16 bytes are available. Words hold no NUL bytes, so
/// equal integers mean equal words; comparing integers avoids a `memcmp` per word.
pub(crate) fn load16(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start)?;
    if len > 16 {
        return None;
    }
    let mask = if len == 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    if let Some(chunk) = bytes.get(start..start + 16) {
        let arr: [u8; 16] = chunk.try_into().ok()?;
        return Some(u128::from_le_bytes(arr) & mask);
    }
    let mut k = 0u128;
    for (i, &b) in bytes.get(start..end)?.iter().enumerate() {
        k |= u128::from(b) << (8 * i);
    }
    Some(k)
}

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
pub(crate) fn pack_lower(word: &[u8]) -> Option<u128> {
    load16(word, 0, word.len()).map(|k| fold16(k, word.len()))
}

#[inline]
pub(super) fn is_contrast(bytes: &[u8], start: usize, end: usize) -> bool {
    static PACKED: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
        CONTRAST
            .iter()
            .filter_map(|c| pack_lower(c.as_bytes()))
            .collect()
    });
    let len = end - start;
    // Cheap filter first: this runs for every word.
    // (length, last letter) of the words in CONTRAST.
    let last = bytes[end - 1] | 0x20;
    if !matches!(
        (len, last),
        (3, b't')
            | (4, b'r')
            | (5, b'e')
            | (6, b'h' | b'l')
            | (7, b'n' | b'r' | b's')
            | (8, b'h' | b'n')
            | (10, b's' | b'h')
    ) {
        return false;
    }
    load16(bytes, start, end).is_some_and(|k| PACKED.contains(&fold16(k, len)))
}

/// Byte classes for the hot loops: ASCII letters and digits, other ASCII, non-ASCII.
pub(super) const WORD: u8 = 0;
pub(super) const OTHER: u8 = 1;
const NON_ASCII: u8 = 2;
pub(super) static BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
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
