//! Token marks for claim checking: which word forms can begin a model name, and which can
//! make a sentence a claim. The analyzer computes them once per distinct word form through its
//! word cache ([`crate::analyze::TokenMarks`]); claim checking then reads only the sentences
//! whose words carry them, instead of cutting every sentence that names a model into words.
//!
//! A mark is a promise in one direction only: a sentence without [`CLAIM`] (and without both
//! [`UNIT`] and [`DURATION`]) yields no claim, so skipping it changes nothing. Marked sentences
//! are read as before; most of them yield claims.

use rustc_hash::FxHashSet;

use crate::analyze::TokenMarks;
use crate::text::Lang;

use super::cue_match::DE_SUPERLATIVE_ENDINGS;
use super::cues::{CueKind, Cues, Pat, Starts};
use super::extract::{resolution_word, seconds_per};
use super::words::words_at;
use super::FirstWords;

/// The token holds a run of ASCII letters that is the first word of a model name.
pub(super) const NAME: u16 = 1;
/// The token holds a word that a claim needs: the anchor word of a cue that states a claim, a
/// superlative by rule, a resolution ("4K").
pub(super) const CLAIM: u16 = 2;
/// The token holds a unit of time ("Sekunden", "seconds").
pub(super) const UNIT: u16 = 4;
/// The token holds the anchor word of a duration-context cue ("bis zu", "up to").
pub(super) const DURATION: u16 = 8;

/// Cue kinds whose hit alone makes a sentence worth a claim (see `extract`).
pub(super) fn states_claim(kind: CueKind) -> bool {
    matches!(
        kind,
        CueKind::Superlative
            | CueKind::Better
            | CueKind::Worse
            | CueKind::Capability
            | CueKind::Replacement
            | CueKind::Absolute
    )
}

/// Words too common to be a cue's anchor when the cue has another word ("mit" in "mit Ton").
const COMMON: &[&str] = &[
    "a", "am", "an", "and", "are", "das", "dem", "den", "der", "des", "die", "ein", "eine", "from",
    "hat", "in", "is", "ist", "kein", "keinen", "liegt", "liegen", "mit", "more", "most", "nicht",
    "no", "not", "of", "ohne", "on", "the", "to", "up", "von", "with", "without", "zu",
];

/// Sets of words, exact and by prefix.
#[derive(Debug, Default)]
struct WordSet {
    exact: FxHashSet<String>,
    prefixes: Vec<String>,
    /// The first two bytes of every word and prefix: most words fail this one bit test.
    starts: Starts,
    /// A prefix of one byte (allowed after a cue's first word): the test above cannot serve.
    short_prefix: bool,
}

impl WordSet {
    fn insert(&mut self, pat: &Pat) {
        match pat {
            Pat::Exact(w) => {
                self.starts.insert(w);
                self.exact.insert(w.clone());
            }
            Pat::Prefix(p) => {
                self.short_prefix |= p.len() < 2;
                self.starts.insert(p);
                self.prefixes.push(p.clone());
            }
            Pat::Gap => {}
        }
    }

    fn holds(&self, w: &str) -> bool {
        (self.short_prefix || self.starts.may_hold(w))
            && (self.exact.contains(w) || self.prefixes.iter().any(|p| w.starts_with(p.as_str())))
    }
}

/// The word of a cue that every match of it contains and that text holds most rarely (a
/// guess: the longest word that is not a common one).
fn anchor(pats: &[Pat]) -> Option<&Pat> {
    let word = |p: &Pat| match p {
        Pat::Exact(w) | Pat::Prefix(w) => Some(w.clone()),
        Pat::Gap => None,
    };
    pats.iter()
        .filter_map(|p| word(p).map(|w| (p, w)))
        .max_by_key(|(_, w)| (!COMMON.contains(&w.as_str()), w.chars().count()))
        .map(|(p, _)| p)
}

/// The marks of claim checking, for one registry and one set of cues.
#[derive(Debug)]
pub(super) struct ClaimMarks {
    id: u64,
    /// First words of model names; `None` when some are not ASCII (no [`NAME`] marks then).
    firsts: Option<FirstWords>,
    /// Anchors of the cues that state a claim, both languages.
    anchors: WordSet,
    /// Anchors of the duration-context cues.
    durations: WordSet,
    /// Words each language's superlative rule leaves alone.
    not_superlative: [FxHashSet<String>; 2],
}

impl ClaimMarks {
    /// The marks for model names whose first words are `words` (compiled as `firsts`) and
    /// for `cues`.
    pub(super) fn new(words: &[String], firsts: Option<FirstWords>, cues: &Cues) -> ClaimMarks {
        let mut anchors = WordSet::default();
        let mut durations = WordSet::default();
        for lang in [Lang::De, Lang::En] {
            for cue in &cues.lang(lang).cues {
                let Some(a) = anchor(&cue.pats) else { continue };
                if states_claim(cue.kind) {
                    anchors.insert(a);
                } else if cue.kind == CueKind::DurationContext {
                    durations.insert(a);
                }
            }
        }
        let not_superlative = [Lang::De, Lang::En].map(|l| cues.lang(l).not_superlative.clone());
        let id = content_id(
            words,
            firsts.is_some(),
            &anchors,
            &durations,
            &not_superlative,
        );
        ClaimMarks {
            id,
            firsts,
            anchors,
            durations,
            not_superlative,
        }
    }

    /// Whether [`NAME`] marks are set (all first words are ASCII).
    pub(super) fn marks_names(&self) -> bool {
        self.firsts.is_some()
    }

    /// Whether the superlative rule of either language may fire on word `w` (or, for
    /// "the most X", on the word after it): the word's form only, not its neighbours.
    fn superlative_by_rule(&self, w: &str) -> bool {
        if w == "most" {
            return true;
        }
        // Six characters take at least six bytes.
        if w.len() < 6 {
            return false;
        }
        let long = || w.chars().count() >= 6;
        let de = DE_SUPERLATIVE_ENDINGS.iter().any(|e| w.ends_with(e))
            && long()
            && !self.not_superlative[0].contains(w);
        let en = w.ends_with("est") && long() && !self.not_superlative[1].contains(w);
        de || en
    }
}

impl TokenMarks for ClaimMarks {
    fn id(&self) -> u64 {
        self.id
    }

    fn marks(&self, surface: &str) -> u16 {
        let mut m = 0;
        if let Some(f) = &self.firsts {
            f.for_each(surface.as_bytes(), |_| m |= NAME);
        }
        // Most forms are one word of ASCII letters and digits: lower-cased on the stack, no
        // cutting and no allocation. This runs once per new word form, in the analyzer.
        let b = surface.as_bytes();
        if b.len() <= 32 && b.iter().all(u8::is_ascii_alphanumeric) {
            let mut lower = [0u8; 32];
            for (l, c) in lower.iter_mut().zip(b) {
                *l = c.to_ascii_lowercase();
            }
            return m | std::str::from_utf8(&lower[..b.len()]).map_or(0, |w| self.word_marks(w));
        }
        let mut buf = String::new();
        for w in words_at(surface, 0, &mut buf) {
            m |= self.word_marks(w.norm);
        }
        m
    }
}

impl ClaimMarks {
    /// The marks of one word of claims (lower-cased, as [`words_at`] cuts it).
    fn word_marks(&self, n: &str) -> u16 {
        let mut m = 0;
        if self.anchors.holds(n) || resolution_word(n).is_some() || self.superlative_by_rule(n) {
            m |= CLAIM;
        }
        if self.durations.holds(n) {
            m |= DURATION;
        }
        if seconds_per(n).is_some() {
            m |= UNIT;
        }
        m
    }
}

/// Whether a token's (or a sentence's) class holds `mark` ([`crate::analyze::MARK_SHIFT`]).
pub(super) fn has(class: u32, mark: u16) -> bool {
    class >> crate::analyze::MARK_SHIFT & u32::from(mark) != 0
}

/// The id of marks made from these words: a digest of everything [`ClaimMarks::marks`] reads,
/// so two checkers over the same registry and cues (a server builds one per request) share
/// marks, and an analyzer marked for one serves the other without re-marking its cache.
fn content_id(
    words: &[String],
    names: bool,
    anchors: &WordSet,
    durations: &WordSet,
    not_superlative: &[FxHashSet<String>; 2],
) -> u64 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut list = |label: &str, items: Vec<&String>| {
        let mut items = items;
        items.sort();
        h.update(label.as_bytes());
        for i in items {
            h.update(i.as_bytes());
            h.update([0]);
        }
        h.update([1]);
    };
    list(
        if names { "names" } else { "no names" },
        words.iter().collect(),
    );
    for (label, set) in [("anchors", anchors), ("durations", durations)] {
        list(label, set.exact.iter().collect());
        list(label, set.prefixes.iter().collect());
    }
    list("de", not_superlative[0].iter().collect());
    list("en", not_superlative[1].iter().collect());
    let digest = h.finalize();
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&digest[..8]);
    // Never 0, which means "no marks".
    u64::from_le_bytes(eight).max(1)
}

/// Whether a sentence whose tokens' classes unite to `class` can yield a claim. `sentence` is
/// its text: a character of U+0080..U+00BF that is a letter or digit (`²`, `µ`) is part of a
/// word for claims but not for the analyzer's tokens, so a word could straddle two tokens and
/// escape the marks; such sentences (any byte 0xC2) are always read.
pub(super) fn may_claim(class: u32, sentence: &str) -> bool {
    has(class, CLAIM)
        || (has(class, UNIT) && has(class, DURATION))
        || sentence.as_bytes().contains(&0xC2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> ClaimMarks {
        let registry = crate::models::Registry::shipped().expect("shipped registry");
        let cues = Cues::shipped().expect("shipped cues");
        let firsts = super::super::first_words(&registry);
        ClaimMarks::new(&firsts, FirstWords::new(&firsts), &cues)
    }

    #[test]
    fn marks_name_and_claim_words_in_both_languages() {
        let m = shipped();
        assert_eq!(m.marks("Sora") & NAME, NAME);
        assert_eq!(m.marks("Veo-3") & NAME, NAME);
        assert_eq!(m.marks("Sonntag") & NAME, 0);
        // "das beste Modell", "the best model"; comparatives; resolutions.
        for w in [
            "beste",
            "best",
            "besser",
            "outperforms",
            "4K",
            "1080p",
            "realistischste",
        ] {
            assert_eq!(m.marks(w) & CLAIM, CLAIM, "{w}");
        }
        // Superlatives by rule, in either language.
        for w in ["schnellsten", "fastest"] {
            assert_eq!(m.marks(w) & CLAIM, CLAIM, "{w}");
        }
        for w in ["Modell", "model", "Video", "heute", "today", "mit", "with"] {
            assert_eq!(m.marks(w) & CLAIM, 0, "{w}");
        }
        assert_eq!(m.marks("Sekunden") & UNIT, UNIT);
        // Forms of several words: each counts ("KI-Bestwert" holds no claim word, "4K-Video"
        // holds one); the fast path for one ASCII word agrees with cutting.
        assert_eq!(m.marks("4K-Video") & CLAIM, CLAIM);
        assert_eq!(m.marks("Sora-Nutzer") & NAME, NAME);
        assert_eq!(m.marks("Qualitäts-Spitzenreiter") & CLAIM, CLAIM);
        for w in ["Beste", "BEST", "Modell", "1080P", "Sekunden", "x2"] {
            let mut buf = String::new();
            let cut = words_at(w, 0, &mut buf)
                .iter()
                .fold(0, |a, x| a | m.word_marks(x.norm));
            assert_eq!(m.marks(w) & !NAME, cut, "{w}");
        }
        assert_eq!(m.marks("seconds") & UNIT, UNIT);
    }

    #[test]
    fn sentences_without_marks_are_skipped_unless_a_latin1_sign_could_join_words() {
        assert!(!may_claim(0, "Sora 2 ist heute erschienen."));
        assert!(!may_claim(
            u32::from(UNIT) << 16,
            "Sora 2 rendered 10 seconds."
        ));
        assert!(may_claim(
            u32::from(UNIT | DURATION) << 16,
            "Clips of up to 10 seconds."
        ));
        assert!(may_claim(
            u32::from(CLAIM) << 16,
            "Veo 3 ist das beste Modell."
        ));
        assert!(may_claim(0, "Veo 3 hat 10 m² Studiofläche."));
    }

    proptest::proptest! {
        /// The one-word fast path gives the marks that cutting the form into words gives.
        #[test]
        fn marks_of_a_form_are_the_marks_of_its_words(
            text in crate::models::tests::real_world_text(),
        ) {
            static MARKS: std::sync::LazyLock<ClaimMarks> = std::sync::LazyLock::new(shipped);
            let tokens = crate::text::tokens::tokenize(&text);
            for t in &tokens.tokens {
                let w = &text[t.range()];
                let mut buf = String::new();
                let cut = words_at(w, 0, &mut buf)
                    .iter()
                    .fold(0, |a, x| a | MARKS.word_marks(x.norm));
                proptest::prop_assert_eq!(MARKS.marks(w) & !NAME, cut, "{}", w);
            }
        }
    }

    #[test]
    fn a_one_letter_prefix_still_holds_its_words() {
        let mut set = WordSet::default();
        set.insert(&Pat::Prefix("x".into()));
        set.insert(&Pat::Exact("ton".into()));
        assert!(set.holds("xy") && set.holds("x") && set.holds("ton"));
        assert!(!set.holds("yx") && !set.holds("to"));
    }

    #[test]
    fn marks_of_the_same_data_share_an_id_and_other_data_gets_another() {
        let (a, b) = (shipped(), shipped());
        assert_eq!(a.id(), b.id());
        assert_ne!(a.id(), 0);
        let cues = Cues::parse(
            "lang\tkind\tdimension\tpolarity\tterm\nde\tsuperlative\t-\t+\tbeste\n",
            "test",
        )
        .expect("valid cues");
        let words = vec!["sora".to_owned()];
        let other = ClaimMarks::new(&words, FirstWords::new(&words), &cues);
        assert_ne!(other.id(), a.id());
    }
}
