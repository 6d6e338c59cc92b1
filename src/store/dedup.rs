//! Near-duplicate detection for syndicated copies: SimHash over word shingles, plus an exact
//! content hash.
//!
//! Text is lowercased and split into alphanumeric words; each run of [`SHINGLE`] words is
//! hashed (FNV-1a, then a 64-bit mixer) and the 64 bit positions are voted on. Two texts whose
//! fingerprints differ in at most [`DEFAULT_MAX_DISTANCE`] bits are near-duplicates. Texts
//! shorter than [`MIN_WORDS`] words get no SimHash (too little signal); only the exact content
//! hash applies to them.
use sha2::{Digest, Sha256};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Texts with fewer words get no SimHash.
pub const MIN_WORDS: usize = 40;
/// Default Hamming distance threshold (of 64 bits) for near-duplicates.
pub const DEFAULT_MAX_DISTANCE: u32 = 6;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// SimHash fingerprint of a text, or `None` when it is shorter than [`MIN_WORDS`] words.
pub fn simhash(text: &str) -> Option<u64> {
    let w = words(text);
    if w.len() < MIN_WORDS {
        return None;
    }
    let mut votes = [0i64; 64];
    for sh in w.windows(SHINGLE) {
        let h = mix(fnv1a(sh.join(" ").as_bytes()));
        for (i, v) in votes.iter_mut().enumerate() {
            if h >> i & 1 == 1 {
                *v += 1;
            } else {
                *v -= 1;
            }
        }
    }
    let mut out = 0u64;
    for (i, v) in votes.iter().enumerate() {
        if *v > 0 {
            out |= 1 << i;
        }
    }
    Some(out)
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// SHA-256 (hex) of the text with whitespace collapsed and lowercased: equal for exact copies.
pub fn content_hash(text: &str) -> String {
    let norm = words(text).join(" ");
    let digest = Sha256::digest(norm.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "OpenAI hat Sora 2 vorgestellt, ein neues Videomodell, das aus kurzen \
        Textbeschreibungen realistische Clips mit Ton erzeugt. Das Unternehmen verspricht \
        bessere Physik, konsistente Figuren und eine eigene App, in der Nutzer Videos teilen \
        können. Kritiker warnen vor Deepfakes und fordern klare Kennzeichnung der erzeugten \
        Inhalte. Google kontert mit Veo 3.1, Kuaishou mit Kling 2.5, und Runway legt mit \
        Gen-4 nach. Fachleute bezweifeln, dass die Modelle schon für lange Filme taugen.";

    #[test]
    fn near_duplicate_is_close_and_other_text_is_far() {
        let a = simhash(BASE).unwrap();
        let copy = format!("{BASE} (dpa)");
        let b = simhash(&copy).unwrap();
        assert!(
            hamming(a, b) <= DEFAULT_MAX_DISTANCE,
            "distance {}",
            hamming(a, b)
        );
        let other = "Die Bundesregierung hat am Mittwoch den Haushalt für das kommende Jahr \
            beschlossen. Der Finanzminister sprach von einem soliden Entwurf, die Opposition \
            kritisierte fehlende Investitionen in Schulen, Brücken und die Bahn. Die Länder \
            fordern mehr Geld für die Kommunen, die unter steigenden Sozialausgaben leiden. \
            Der Bundestag berät den Entwurf im Herbst in erster Lesung und stimmt im Dezember \
            ab, nachdem die Ausschüsse ihn geprüft haben.";
        let c = simhash(other).unwrap();
        assert!(hamming(a, c) > 10, "distance {}", hamming(a, c));
    }

    #[test]
    fn short_text_has_no_simhash() {
        assert_eq!(simhash("Sora 2 ist da."), None);
    }

    #[test]
    fn content_hash_ignores_whitespace_and_case() {
        assert_eq!(content_hash("Hallo  Welt\n"), content_hash("hallo welt"));
        assert_ne!(content_hash("Hallo Welt"), content_hash("Hallo Welten"));
    }
}
