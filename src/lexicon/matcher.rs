//! The compiled form of a language's lexicon: every term as a sequence of stem ids.
//!
//! Terms and text meet on Snowball stems of lowercased words with hyphens removed, so
//! `Revolutionen` meets `Revolution`, and `Game-Changer` meets `Gamechanger`. A multi-word
//! hype phrase is also compiled closed (`game changer` → `gamechanger`). All kinds of entries
//! (hype, booster, hedge, negator, attribution, answer) live in one table keyed by stem
//! sequence, so one longest-match pass finds them all and a negation word inside a hype
//! phrase ("like never before") is never read as a negator.
//!
//! Compounds: a hyphenated word whose part is a hype term (`KI-Revolution`,
//! `Gamechanger-Moment`) matches that term; in German, a closed compound ending in a hype noun
//! of six or more letters (`Videorevolution`) matches too.
//!
//! Patterns ([`super::pattern`]) are expanded into plain sequences here. Their prefix and
//! suffix words (`unterscheid*`, `*revolution`) become *affix ids* in the same id space as
//! stems: each distinct word form is checked once against the affix list (then cached by the
//! analyzer), and takes the id of the longest affix it matches.
use rustc_hash::FxHashMap;

use super::pattern::{self, Atom};
use super::{AttrKind, HypeEntry, LangLexicon, NegPosition};
use crate::text::stem::{normalize_into, LangStemmer};
use crate::text::Lang;

/// Index of an entry in a [`Matcher`].
pub type EntryId = u32;

/// Stem id of a word no entry uses.
pub const NO_STEM: u32 = u32::MAX;

/// One compiled entry: a stem sequence and what it means.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Stem (or affix) ids of its words.
    pub stems: Box<[u32]>,
    /// For patterns: how many words may stand before each word (`gaps[0]` = 0). `None` for
    /// plain phrases, which allow up to three extra words in all when three or more long.
    pub gaps: Option<Box<[u8]>>,
    /// Index into [`Matcher::hype`] if it is a hype term.
    pub hype: Option<usize>,
    /// Booster factor.
    pub booster: Option<f32>,
    /// Hedge factor.
    pub hedge: Option<f32>,
    /// Negator position.
    pub negator: Option<NegPosition>,
    /// Attribution kind.
    pub attribution: Option<AttrKind>,
    /// Answer: yes (`true`) or no (`false`).
    pub answer: Option<bool>,
}

impl Entry {
    /// Whether the entry is only a cue (no hype).
    pub fn is_cue(&self) -> bool {
        self.hype.is_none()
    }
}

/// What the lexicon knows about one distinct word (computed once, then cached).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokInfo {
    /// Stem id, or [`NO_STEM`].
    pub stem: u32,
    /// Id of the longest pattern prefix/suffix the word matches, or [`NO_STEM`].
    pub affix: u32,
    /// Some entry starts with this stem.
    pub starts: bool,
    /// An English contraction ending in `n't`: a negator.
    pub nt: bool,
    /// A single-word hype entry matched through a compound part, or [`NO_COMPOUND`]. Kept
    /// to 16 bits so the whole struct stays at 12 bytes: the word cache is the analyzer's
    /// largest table and its size decides how often a look-up misses the CPU cache.
    compound: u16,
}

/// [`TokInfo`] value for "no compound match".
const NO_COMPOUND: u16 = u16::MAX;

impl TokInfo {
    /// A word the lexicon knows nothing about.
    pub const NONE: TokInfo = TokInfo {
        stem: NO_STEM,
        affix: NO_STEM,
        starts: false,
        nt: false,
        compound: NO_COMPOUND,
    };

    /// All fields zero: a placeholder for a buffer whose every view is then written (filling
    /// with zero bytes is one block write; [`Self::NONE`] is not zero).
    pub const ZEROED: TokInfo = TokInfo {
        stem: 0,
        affix: 0,
        starts: false,
        nt: false,
        compound: 0,
    };

    /// The single-word hype entry this word matches as a compound part, if any.
    pub fn compound(&self) -> Option<EntryId> {
        (self.compound != NO_COMPOUND).then_some(EntryId::from(self.compound))
    }

    /// The [`id_bit`]s of its stem and affix ids: an entry word can fall on this word only if
    /// its bit is among them. [`NO_STEM`] has a bit too (that of the ids 64 k + 63): the bits
    /// only ever rule entries out, and an extra bit costs at most a list that is tried and
    /// does not match, where masking it out cost every word of every text five instructions.
    #[inline]
    pub fn bits(&self) -> u64 {
        id_bit(self.stem) | id_bit(self.affix)
    }

    /// Whether the word fills a pattern position with id `want` (a stem or an affix).
    #[inline]
    pub fn is(&self, want: u32) -> bool {
        self.stem == want || (self.affix == want && want != NO_STEM)
    }
}

/// A single-word cue that is an adverb derived by a suffix (English `-ly`, German `-weise`),
/// as a pattern matching that word form only: on its Snowball stem the adverb would also match
/// other words ("relatively" → `relat` → "related"; "partly" → "part").
fn derived_adverb(term: &str, lang: Lang) -> Option<String> {
    let suffix = match lang {
        Lang::En => "ly",
        Lang::De => "weise",
    };
    let single = !term.contains(char::is_whitespace);
    (single && term.len() > suffix.len() + 2 && term.to_lowercase().ends_with(suffix))
        .then(|| format!("{}*", term.to_lowercase()))
}

/// An entry in a candidate list, with what the longest-match pass tests before it touches the
/// entry itself: its length and its second word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// The entry.
    pub id: EntryId,
    /// Number of words.
    pub len: u32,
    /// Stem (or affix) id of its second word; [`NO_STEM`] for a single word.
    pub second: u32,
    /// Where its words (and, for patterns, its gaps) start in the matcher's flat arrays
    /// ([`Matcher::words_of`]): the entries of one list lie side by side there, so trying
    /// them touches neighbouring memory instead of one allocation per entry.
    pub at: u32,
    /// A pattern (its gaps are listed) rather than a plain phrase.
    pub gapped: bool,
    /// [`id_bit`]s of its words after the first: the entry cannot match where one of them is
    /// missing from the rest of the clause ([`TokInfo::bits`]).
    pub need: u64,
}

/// Where a first word's candidate lists lie in [`Matcher`]'s flat arrays.
#[derive(Debug, Clone, Copy, Default)]
struct FirstLists {
    /// Range in `pairs`.
    pairs: (u32, u32),
    /// Range in `cands`: entries whose second word may stand apart from the first.
    list: (u32, u32),
    /// [`id_bit`]s of the pairs' second words.
    pair_bits: u64,
    /// [`id_bit`]s of the second words of the entries in `list` (single words have none).
    list_bits: u64,
    /// `list` holds a single-word entry.
    list_single: bool,
}

/// The bit of stem or affix id `id` in a 64-bit set of ids: a filter (ids 64 apart share a
/// bit), so "none of these words can follow" costs one test.
#[inline]
pub fn id_bit(id: u32) -> u64 {
    1u64 << (id % 64)
}

/// What the longest-match pass may ask of a first word before it touches any list
/// ([`Matcher::first_summary`]).
#[derive(Debug, Clone, Copy)]
pub struct FirstSummary {
    /// [`id_bit`]s of the second words of the entries looked up by their first two words.
    pub pair_bits: u64,
    /// [`id_bit`]s of the second words of the other entries of two or more words.
    pub list_bits: u64,
    /// Some single-word entry starts with it.
    pub single: bool,
}

/// A language's compiled lexicon.
pub struct Matcher {
    /// The language.
    pub lang: Lang,
    stemmer: LangStemmer,
    interner: FxHashMap<String, u32>,
    entries: Vec<Entry>,
    /// Per stem or affix id (dense: ids are small integers), where its candidate lists lie:
    /// no hashing in the longest-match pass.
    firsts: Vec<FirstLists>,
    /// Pair lists: (second word, range in `cands`), sorted by second word within each first
    /// word's range ([`FirstLists::pairs`]). Entries whose second word must follow the first
    /// directly are listed by their first two words: a common first word (`the`, `it`, `der`)
    /// then costs one search among its second words, not one try per entry.
    pairs: Vec<(u32, u32, u32)>,
    /// All candidate lists, side by side.
    cands: Vec<Candidate>,
    /// The candidates' words and gaps, list by list ([`Candidate::at`]).
    flat_words: Vec<u32>,
    flat_gaps: Vec<u8>,
    single_hype: FxHashMap<u32, EntryId>,
    noun_heads: Vec<(String, EntryId)>,
    /// Pattern prefixes (`unterscheid`, `hollywood-`) with their affix ids and whether they
    /// hold a hyphen (then they are compared with the hyphenated word), and suffixes.
    prefixes: Vec<(String, u32, bool)>,
    suffixes: Vec<(String, u32)>,
    /// The hype entries, indexed by [`Entry::hype`].
    pub hype: Vec<HypeEntry>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("lang", &self.lang)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Matcher {
    /// Compiles `lex` for `lang`.
    pub fn new(lex: &LangLexicon, lang: Lang) -> Matcher {
        let mut m = Matcher {
            lang,
            stemmer: LangStemmer::new(lang),
            interner: FxHashMap::default(),
            entries: Vec::new(),
            firsts: Vec::new(),
            pairs: Vec::new(),
            cands: Vec::new(),
            flat_words: Vec::new(),
            flat_gaps: Vec::new(),
            single_hype: FxHashMap::default(),
            noun_heads: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            hype: lex.hype.clone(),
        };
        type Key = (Box<[u32]>, Option<Box<[u8]>>);
        let mut index: FxHashMap<Key, EntryId> = FxHashMap::default();
        let mut add_gapped = |m: &mut Matcher,
                              stems: Vec<u32>,
                              gaps: Option<Box<[u8]>>,
                              set: &dyn Fn(&mut Entry)|
         -> EntryId {
            let key: Box<[u32]> = stems.into_boxed_slice();
            let id = *index.entry((key.clone(), gaps.clone())).or_insert_with(|| {
                m.entries.push(Entry {
                    stems: key,
                    gaps,
                    ..Entry::default()
                });
                (m.entries.len() - 1) as EntryId
            });
            set(&mut m.entries[id as usize]);
            id
        };
        // Plain terms first, so single-word hype entries get small ids (compound matching
        // keeps them in 16 bits); patterns after them.
        for (i, h) in lex.hype.iter().enumerate() {
            if pattern::is_pattern(&h.term) {
                continue;
            }
            let words = m.term_words(&h.term);
            if words.is_empty() {
                continue;
            }
            let stems: Vec<u32> = words.iter().map(|w| m.intern_stem(w)).collect();
            let set_hype = |e: &mut Entry| {
                if e.hype.is_none() {
                    e.hype = Some(i);
                }
            };
            let id = add_gapped(&mut m, stems.clone(), None, &set_hype);
            if stems.len() == 1 {
                m.single_hype.entry(stems[0]).or_insert(id);
                let first_upper = h.term.chars().next().is_some_and(char::is_uppercase);
                if lang == Lang::De && first_upper && !h.term.contains(' ') {
                    let stem = m.stemmer.stem(&words[0]);
                    if stem.chars().count() >= 6 {
                        m.noun_heads.push((stem, id));
                    }
                }
            } else {
                let joined: String = words.concat();
                let s = m.intern_stem(&joined);
                add_gapped(&mut m, vec![s], None, &set_hype);
            }
        }
        for (i, h) in lex.hype.iter().enumerate() {
            if !pattern::is_pattern(&h.term) {
                continue;
            }
            let set_hype = |e: &mut Entry| {
                if e.hype.is_none() {
                    e.hype = Some(i);
                }
            };
            for (stems, gaps) in m.pattern_sequences(&h.term, &lex.slots) {
                add_gapped(&mut m, stems, Some(gaps), &set_hype);
            }
        }
        type Set = Box<dyn Fn(&mut Entry)>;
        let mut cues: Vec<(&str, Set)> = Vec::new();
        for c in &lex.boosters {
            let v = c.value;
            cues.push((&c.term, Box::new(move |e: &mut Entry| e.booster = Some(v))));
        }
        for c in &lex.hedges {
            let v = c.value;
            cues.push((&c.term, Box::new(move |e: &mut Entry| e.hedge = Some(v))));
        }
        for c in &lex.negators {
            let v = c.value;
            cues.push((&c.term, Box::new(move |e: &mut Entry| e.negator = Some(v))));
        }
        for c in &lex.attribution {
            let v = c.value;
            cues.push((
                &c.term,
                Box::new(move |e: &mut Entry| e.attribution = Some(v)),
            ));
        }
        for c in &lex.answers {
            let v = c.value;
            cues.push((&c.term, Box::new(move |e: &mut Entry| e.answer = Some(v))));
        }
        for (term, set) in &cues {
            if pattern::is_pattern(term) {
                for (stems, gaps) in m.pattern_sequences(term, &lex.slots) {
                    add_gapped(&mut m, stems, Some(gaps), set.as_ref());
                }
            } else if let Some(form) = derived_adverb(term, lang) {
                // On its stem, "relatively" would also match "related", "partly" "part":
                // the adverb is matched as written.
                for (stems, gaps) in m.pattern_sequences(&form, &lex.slots) {
                    add_gapped(&mut m, stems, Some(gaps), set.as_ref());
                }
            } else {
                // Cue phrases are fixed expressions: no words inside ("on the surface" is
                // not "on the water's surface"), unlike hype phrases of three or more words.
                let stems = m.term_stems(term);
                let gaps = (stems.len() >= 3).then(|| vec![0u8; stems.len()].into_boxed_slice());
                add_gapped(&mut m, stems, gaps, set.as_ref());
            }
        }
        m.entries.retain(|e| !e.stems.is_empty());
        let mut by_first: FxHashMap<u32, Vec<Candidate>> = FxHashMap::default();
        let mut by_pair: FxHashMap<(u32, u32), Vec<Candidate>> = FxHashMap::default();
        for (id, e) in m.entries.iter().enumerate() {
            let adjacent = match &e.gaps {
                Some(g) => e.stems.len() >= 2 && g.get(1) == Some(&0),
                None => e.stems.len() == 2,
            };
            let cand = Candidate {
                id: id as EntryId,
                len: e.stems.len() as u32,
                second: e.stems.get(1).copied().unwrap_or(NO_STEM),
                at: 0,
                gapped: e.gaps.is_some(),
                need: e.stems.iter().skip(1).fold(0, |b, &id| b | id_bit(id)),
            };
            if adjacent {
                by_pair
                    .entry((e.stems[0], e.stems[1]))
                    .or_default()
                    .push(cand);
            } else {
                by_first.entry(e.stems[0]).or_default().push(cand);
            }
        }
        // Longest first, so the longest match wins; hype before cues of the same length.
        let entries = &m.entries;
        let order = |c: &Candidate| {
            let e = &entries[c.id as usize];
            (std::cmp::Reverse(e.stems.len()), e.hype.is_none())
        };
        for list in by_first.values_mut() {
            list.sort_by_key(order);
        }
        for list in by_pair.values_mut() {
            list.sort_by_key(order);
        }
        // Lay the lists out side by side, first word by first word: its pair lists sorted by
        // second word, then its other list; and the candidates' words and gaps list by list.
        let mut pair_keys: Vec<(u32, u32)> = by_pair.keys().copied().collect();
        pair_keys.sort_unstable();
        let ids = m.interner.len();
        m.firsts = vec![FirstLists::default(); ids];
        let (mut words, mut gaps) = (Vec::new(), Vec::new());
        let mut push_list = |m: &mut Matcher, list: Vec<Candidate>| -> (u32, u32) {
            let start = m.cands.len() as u32;
            for mut c in list {
                let e = &m.entries[c.id as usize];
                c.at = words.len() as u32;
                words.extend_from_slice(&e.stems);
                if let Some(g) = &e.gaps {
                    gaps.extend_from_slice(&g[..g.len().min(e.stems.len())]);
                }
                gaps.resize(words.len(), 0);
                m.cands.push(c);
            }
            (start, m.cands.len() as u32)
        };
        let mut k = 0;
        for first in 0..ids as u32 {
            let p0 = m.pairs.len() as u32;
            while k < pair_keys.len() && pair_keys[k].0 == first {
                let second = pair_keys[k].1;
                let list = by_pair.remove(&(first, second)).unwrap_or_default();
                let (a, b) = push_list(&mut m, list);
                m.pairs.push((second, a, b));
                k += 1;
            }
            let pairs = (p0, m.pairs.len() as u32);
            let pair_bits = m.pairs[p0 as usize..]
                .iter()
                .fold(0, |b, p| b | id_bit(p.0));
            let list = by_first.remove(&first).unwrap_or_default();
            let list_single = list.iter().any(|c| c.len == 1);
            let list_bits = list
                .iter()
                .filter(|c| c.len >= 2)
                .fold(0, |b, c| b | id_bit(c.second));
            let list = push_list(&mut m, list);
            m.firsts[first as usize] = FirstLists {
                pairs,
                list,
                pair_bits,
                list_bits,
                list_single,
            };
        }
        debug_assert!(by_first.is_empty() && by_pair.is_empty());
        m.flat_words = words;
        m.flat_gaps = gaps;
        // Re-key single-word hype and noun heads after `retain` (ids may have shifted).
        m.single_hype = m
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.hype.is_some() && e.stems.len() == 1)
            .map(|(id, e)| (e.stems[0], id as EntryId))
            .collect();
        let heads: Vec<(String, EntryId)> = m
            .noun_heads
            .iter()
            .filter_map(|(stem, _)| {
                let sid = *m.interner.get(stem)?;
                Some((stem.clone(), *m.single_hype.get(&sid)?))
            })
            .collect();
        m.noun_heads = heads;
        m
    }

    fn term_words(&self, term: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for w in term.split_whitespace() {
            normalize_into(w, &mut buf);
            let t = buf.trim_matches(|c: char| !c.is_alphanumeric());
            if !t.is_empty() {
                out.push(t.to_owned());
            }
        }
        out
    }

    /// The sequences a pattern stands for, as (ids, gaps). A pattern that does not expand
    /// (the validator reports it) stands for nothing.
    fn pattern_sequences(
        &mut self,
        term: &str,
        slots: &std::collections::HashMap<String, Vec<String>>,
    ) -> Vec<(Vec<u32>, Box<[u8]>)> {
        let Ok(seqs) = pattern::expand(term, slots) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(seqs.len());
        let mut buf = String::new();
        'seq: for seq in seqs {
            let mut ids = Vec::with_capacity(seq.atoms.len());
            for a in &seq.atoms {
                let id = match a {
                    Atom::Word(w) => {
                        normalize_into(w, &mut buf);
                        let t = buf.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
                        if t.is_empty() {
                            continue 'seq;
                        }
                        self.intern_stem(&t)
                    }
                    Atom::Prefix(p) => self.intern_affix(p, true),
                    Atom::Suffix(p) => self.intern_affix(p, false),
                };
                ids.push(id);
            }
            out.push((ids, seq.gaps.into_boxed_slice()));
        }
        out
    }

    fn intern_affix(&mut self, affix: &str, prefix: bool) -> u32 {
        // A key no stem can have: stems never contain control characters.
        let key = format!("{}{affix}", if prefix { '\u{1}' } else { '\u{2}' });
        let next = self.interner.len() as u32;
        let id = *self.interner.entry(key).or_insert(next);
        if prefix {
            if !self.prefixes.iter().any(|(a, _, _)| a == affix) {
                self.prefixes
                    .push((affix.to_owned(), id, affix.contains('-')));
            }
        } else if !self.suffixes.iter().any(|(a, _)| a == affix) {
            self.suffixes.push((affix.to_owned(), id));
        }
        id
    }

    fn term_stems(&mut self, term: &str) -> Vec<u32> {
        let words = self.term_words(term);
        words.iter().map(|w| self.intern_stem(w)).collect()
    }

    fn intern_stem(&mut self, word: &str) -> u32 {
        let stem = self.stemmer.stem(word);
        let next = self.interner.len() as u32;
        *self.interner.entry(stem).or_insert(next)
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id as usize]
    }

    /// The id of the longest pattern prefix or suffix that word `key` (lowercase, hyphens
    /// kept; `joined` without them) matches, or [`NO_STEM`]. A prefix with a hyphen is
    /// compared with the hyphenated form, others with the joined form; the word must be longer
    /// than a suffix (a compound), and at least as long as a prefix.
    fn affix_of(&self, key: &str, joined: &str) -> u32 {
        let mut best: (usize, u32) = (0, NO_STEM);
        for (p, id, hyphen) in &self.prefixes {
            let w = if *hyphen { key } else { joined };
            if p.len() > best.0 && w.starts_with(p.as_str()) {
                best = (p.len(), *id);
            }
        }
        for (s, id) in &self.suffixes {
            if s.len() > best.0 && joined.len() > s.len() && joined.ends_with(s.as_str()) {
                best = (s.len(), *id);
            }
        }
        best.1
    }

    /// Entries starting with stem `stem` whose second word may stand apart from the first
    /// (single words, patterns with a gap, plain phrases of three or more words), longest first.
    #[inline]
    pub fn candidates(&self, stem: u32) -> &[Candidate] {
        match self.firsts.get(stem as usize) {
            Some(f) => &self.cands[f.list.0 as usize..f.list.1 as usize],
            None => &[],
        }
    }

    /// A candidate's words (stem or affix ids) and, for a pattern, how many words may stand
    /// before each (`gaps[0]` = 0): the same as its entry's [`Entry::stems`] and
    /// [`Entry::gaps`].
    #[inline]
    pub fn words_of(&self, c: &Candidate) -> (&[u32], Option<&[u8]>) {
        let r = c.at as usize..c.at as usize + c.len as usize;
        (
            &self.flat_words[r.clone()],
            c.gapped.then(|| &self.flat_gaps[r]),
        )
    }

    /// Entries starting with `first` directly followed by `second`, longest first.
    #[inline]
    pub fn pair_candidates(&self, first: u32, second: u32) -> &[Candidate] {
        let Some(f) = self.firsts.get(first as usize) else {
            return &[];
        };
        let pairs = &self.pairs[f.pairs.0 as usize..f.pairs.1 as usize];
        match pairs.binary_search_by_key(&second, |p| p.0) {
            Ok(i) => &self.cands[pairs[i].1 as usize..pairs[i].2 as usize],
            Err(_) => &[],
        }
    }

    /// What entries start with stem or affix `id`, in brief ([`FirstSummary`]).
    #[inline]
    pub fn first_summary(&self, id: u32) -> Option<FirstSummary> {
        self.firsts.get(id as usize).map(|f| FirstSummary {
            pair_bits: f.pair_bits,
            list_bits: f.list_bits,
            single: f.list_single,
        })
    }

    /// Whether some entry starts with stem or affix `id`.
    #[inline]
    fn starts_entry(&self, id: u32) -> bool {
        self.firsts
            .get(id as usize)
            .is_some_and(|f| f.pairs.0 < f.pairs.1 || f.list.0 < f.list.1)
    }

    /// Looks up one distinct word, given lowercase with hyphens kept (`ki-revolution`).
    pub fn token_info(&self, key: &str) -> TokInfo {
        let joined: String = key.chars().filter(|&c| c != '-').collect();
        let stem_str = self.stemmer.stem(&joined);
        let stem = self.interner.get(&stem_str).copied().unwrap_or(NO_STEM);
        let affix = self.affix_of(key, &joined);
        let starts = [stem, affix]
            .into_iter()
            .any(|k| k != NO_STEM && self.starts_entry(k));
        let mut compound = None;
        let direct_hype = starts && self.single_hype.contains_key(&stem);
        if !direct_hype {
            if key.contains('-') {
                // German compounds carry their head last; try the parts from the end.
                for part in key.rsplit('-').filter(|p| p.chars().count() >= 4) {
                    let s = self.stemmer.stem(part);
                    if let Some(&id) = self
                        .interner
                        .get(&s)
                        .and_then(|sid| self.single_hype.get(sid))
                    {
                        compound = Some(id);
                        break;
                    }
                }
            }
            if compound.is_none() && self.lang == Lang::De && stem_str.len() >= 8 {
                compound = self
                    .noun_heads
                    .iter()
                    .filter(|(head, _)| {
                        stem_str.len() >= head.len() + 3 && stem_str.ends_with(head.as_str())
                    })
                    .max_by_key(|(head, _)| head.len())
                    .map(|&(_, id)| id);
            }
        }
        TokInfo {
            stem,
            affix,
            starts,
            nt: key.ends_with("n't"),
            // Lexicons have far fewer than 65,535 entries; a larger one loses compound
            // matching for the excess entries rather than misreporting them.
            compound: compound
                .and_then(|id| u16::try_from(id).ok())
                .filter(|&id| id != NO_COMPOUND)
                .unwrap_or(NO_COMPOUND),
        }
    }
}
