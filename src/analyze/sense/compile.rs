//! The compiled form of the sense and target rules: checks, selectors, cue words, and
//! compiling a language's `senses.tsv` rows.

use std::collections::HashMap;

use super::{Selected, Senses, AI_WORDS};
use crate::lexicon::pattern::{self, Atom};
use crate::lexicon::{HypeEntry, SenseRule};
use crate::text::stem::{normalize_into, LangStemmer};
use crate::text::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    Sense,
    Person,
    Work,
    Outlet,
    Harm,
    Prompt,
    Change,
}

impl Check {
    pub(super) fn parse(s: &str) -> Option<Check> {
        Some(match s {
            "sense" => Check::Sense,
            "person" => Check::Person,
            "work" => Check::Work,
            "outlet" => Check::Outlet,
            "harm" => Check::Harm,
            "prompt" => Check::Prompt,
            "change" => Check::Change,
            _ => return None,
        })
    }

    pub(super) fn is_target(self) -> bool {
        matches!(
            self,
            Check::Person | Check::Work | Check::Outlet | Check::Harm
        )
    }
}

#[derive(Debug)]
pub(super) enum Selector {
    /// Every term of a praise category.
    Praise,
    /// Terms (or hit texts) beginning with this, lowercase.
    Prefix(String),
    /// One term, lowercase.
    Term(String),
}

#[derive(Debug)]
pub(super) enum Word {
    /// A stem and its id in [`Senses::stem_ids`].
    Stem(String, u32),
    Prefix(String),
    Suffix(String),
}

#[derive(Debug)]
pub(super) struct Cue {
    pub(super) words: Vec<Word>,
    /// `gaps[k]`: words allowed before `words[k]`.
    pub(super) gaps: Vec<u8>,
    /// The most tokens from its first word to its last (with the gaps): every word of a
    /// match stands within this many tokens of every other.
    pub(super) span: usize,
    /// Bit `id % 64` for the stem id of each of its stem words: a match needs every bit
    /// among the words around it ([`stem_bit`]).
    pub(super) stems: u64,
    /// Some word is a prefix or a suffix.
    pub(super) affix: bool,
}

/// The bit of stem id `sid` in a stem mask (none for a word that is no cue stem).
pub(super) fn stem_bit(sid: u32) -> u64 {
    if sid == u32::MAX {
        0
    } else {
        1 << (sid % 64)
    }
}

impl Cue {
    fn new(words: Vec<Word>, gaps: Vec<u8>) -> Cue {
        let span = words
            .iter()
            .zip(&gaps)
            .skip(1)
            .map(|(_, &g)| 1 + usize::from(g))
            .sum();
        let stems = words
            .iter()
            .map(|w| match w {
                Word::Stem(_, id) => stem_bit(*id),
                _ => 0,
            })
            .fold(0, |a, b| a | b);
        let affix = words.iter().any(|w| !matches!(w, Word::Stem(..)));
        Cue {
            words,
            gaps,
            span,
            stems,
            affix,
        }
    }
}

#[derive(Debug)]
pub(super) struct Rule {
    pub(super) sel: Selector,
    pub(super) check: Check,
    pub(super) cues: Vec<Cue>,
}

impl Senses {
    /// Compiles `rules` (already validated by the lexicon loader; a row that does not parse
    /// is skipped) with the `MODEL` slot as AI words.
    pub(crate) fn new(
        lang: Lang,
        rules: &[SenseRule],
        slots: &HashMap<String, Vec<String>>,
        hype: &[HypeEntry],
    ) -> Senses {
        let stemmer = LangStemmer::new(lang);
        let stem = |w: &str| {
            let mut n = String::new();
            normalize_into(w, &mut n);
            stemmer.stem(&n)
        };
        let mut out = Vec::new();
        let mut stem_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
        for r in rules {
            let Some(check) = Check::parse(&r.check) else {
                continue;
            };
            let Ok(seqs) = pattern::expand(&r.cue, &HashMap::new()) else {
                continue;
            };
            let cues = seqs
                .into_iter()
                .map(|s| {
                    let words = s
                        .atoms
                        .iter()
                        .map(|a| match a {
                            Atom::Word(w) => {
                                let st = stem(w);
                                let n = stem_ids.len() as u32;
                                let id = *stem_ids.entry(st.clone()).or_insert(n);
                                Word::Stem(st, id)
                            }
                            Atom::Prefix(p) => Word::Prefix(p.to_lowercase()),
                            Atom::Suffix(p) => Word::Suffix(p.to_lowercase()),
                        })
                        .collect();
                    Cue::new(words, s.gaps)
                })
                .collect();
            let t = r.term.trim().to_lowercase();
            let sel = if t == "*" {
                Selector::Praise
            } else if let Some(p) = t.strip_suffix('*') {
                Selector::Prefix(p.to_owned())
            } else {
                Selector::Term(t)
            };
            out.push(Rule { sel, check, cues });
        }
        let mut ai_stems: Vec<String> = AI_WORDS.iter().map(|w| stem(w)).collect();
        let mut ai_prefixes = Vec::new();
        for m in slots.get("MODEL").into_iter().flatten() {
            // Model names ("Sora", "Gen-4*"); the slot's pronouns and phrases ("it", "the
            // model") are not names.
            let capital = m.chars().next().is_some_and(char::is_uppercase);
            if !capital || m.contains(' ') || m.starts_with('*') {
                continue;
            }
            match m.strip_suffix('*') {
                Some(p) => ai_prefixes.push(p.to_lowercase()),
                None => ai_stems.push(stem(m)),
            }
        }
        let (mut praise_rules, mut term_rules, mut prefix_rules) =
            (Vec::new(), HashMap::<String, Vec<usize>>::new(), Vec::new());
        for (i, r) in out.iter().enumerate() {
            match &r.sel {
                Selector::Praise => praise_rules.push(i),
                Selector::Term(t) => term_rules.entry(t.clone()).or_default().push(i),
                Selector::Prefix(_) => prefix_rules.push(i),
            }
        }
        // Per hype entry: the rules its category and term select (file order), and the
        // prefix rules left to test against the hit's own text.
        let mut by_hype = Vec::with_capacity(hype.len());
        let mut prefix_rest = Vec::with_capacity(hype.len());
        for h in hype {
            let term = h.term.to_lowercase();
            let mut sel: Vec<u32> = Vec::new();
            let mut rest: Vec<u32> = Vec::new();
            if super::PRAISE.contains(&h.category.as_str()) {
                sel.extend(praise_rules.iter().map(|&i| i as u32));
            }
            if let Some(v) = term_rules.get(&term) {
                sel.extend(v.iter().map(|&i| i as u32));
            }
            for &i in &prefix_rules {
                if let Selector::Prefix(p) = &out[i].sel {
                    if term.starts_with(p.as_str()) {
                        sel.push(i as u32);
                    } else {
                        rest.push(i as u32);
                    }
                }
            }
            by_hype.push(Selected::new(&out, sel));
            prefix_rest.push(rest.into_boxed_slice());
        }
        // Target cues by their first word, so a candidate head word is tried only against
        // the cues it can start.
        let mut target_by_sid: rustc_hash::FxHashMap<u32, Vec<(u32, u32)>> = Default::default();
        let mut target_affix = Vec::new();
        let mut target_heads = Vec::new();
        for (ri, r) in out.iter().enumerate() {
            if !r.check.is_target() {
                continue;
            }
            for (ci, c) in r.cues.iter().enumerate() {
                let pair = (ri as u32, ci as u32);
                match c.words.first() {
                    None => {}
                    Some(Word::Stem(s, id)) => {
                        target_by_sid.entry(*id).or_default().push(pair);
                        if lang == Lang::De && c.words.len() == 1 && s.chars().count() >= 6 {
                            target_heads.push((s.clone(), ri as u32, ci as u32));
                        }
                    }
                    Some(Word::Prefix(_) | Word::Suffix(_)) => target_affix.push(pair),
                }
            }
        }
        let mut prompt_firsts = Some(Vec::new());
        for c in out
            .iter()
            .filter(|r| r.check == Check::Prompt)
            .flat_map(|r| &r.cues)
        {
            match (c.words.first(), prompt_firsts.as_mut()) {
                (Some(Word::Stem(_, id)), Some(v)) => v.push(*id),
                _ => prompt_firsts = None,
            }
        }
        let prompt_span = out
            .iter()
            .filter(|r| r.check == Check::Prompt)
            .flat_map(|r| &r.cues)
            .map(|c| c.span)
            .max()
            .unwrap_or(0);
        Senses {
            lang,
            stemmer,
            prompt_firsts,
            prompt_span,
            rules: out,
            by_hype,
            prefix_rest,
            target_by_sid,
            target_affix,
            target_heads,
            stem_ids,
            ai_stems,
            ai_prefixes,
        }
    }
}
