//! The compiled form of the sense and target rules: checks, selectors, cue words, and
//! compiling a language's `senses.tsv` rows.

use std::collections::HashMap;

use super::{Senses, AI_WORDS};
use crate::lexicon::pattern::{self, Atom};
use crate::lexicon::SenseRule;
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
                .map(|s| Cue {
                    words: s
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
                        .collect(),
                    gaps: s.gaps,
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
        Senses {
            lang,
            stemmer,
            rules: out,
            praise_rules,
            term_rules,
            prefix_rules,
            stem_ids,
            ai_stems,
            ai_prefixes,
        }
    }
}
