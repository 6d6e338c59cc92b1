//! The lexicon's pattern language: one `term` that stands for a family of phrasings.
//!
//! Real coverage says "the game has changed" as often as "changes the game", "täuschend echt"
//! as "kaum von echten Aufnahmen zu unterscheiden" with a dozen variants. Listing every
//! variant as its own line is unmaintainable, so a term may be a small pattern:
//!
//! | syntax | meaning | example |
//! |---|---|---|
//! | `word` | the word, on its Snowball stem (all inflections) | `revolution` |
//! | `(a\|b c)` | alternatives; an alternative may be several words | `(changes\|has changed) the game` |
//! | `x?`, `(a\|b)?` | optional word or group | `(truly\|really)? next level` |
//! | `...` or `…` | a gap of up to four words in the same clause | `mischt ... auf` |
//! | `word*` | any word starting with `word` (German verb forms, compounds) | `unterscheid*`, `hollywood-*` |
//! | `*word` | any word ending with `word` (German compound heads) | `*revolution` |
//! | `{SLOT}` | any term of the slot list in `slots.tsv` | `{INDUSTRY} is cooked` |
//!
//! A pattern is expanded into plain word sequences when the lexicon is compiled, so matching
//! stays one longest-match pass over stems (see [`super::matcher`]). A pattern must begin and
//! end with a required word (not optional, not a gap), may not expand into more than
//! [`MAX_EXPANSIONS`] sequences, and prefixes/suffixes need at least three letters; the
//! validator reports a violation as `file:line: message` like any other problem.
use std::collections::HashMap;

/// Most word sequences one pattern may stand for.
pub const MAX_EXPANSIONS: usize = 4096;

/// Most words a `...` gap may skip.
pub const GAP_WORDS: u8 = 4;

/// One position of an expanded pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Atom {
    /// A word, matched on its stem.
    Word(String),
    /// Any word starting with this (lowercase, hyphens kept).
    Prefix(String),
    /// Any word ending with this (lowercase).
    Suffix(String),
}

/// One expansion: atoms and, for each atom after the first, how many words may stand
/// between it and the atom before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    /// The atoms in order.
    pub atoms: Vec<Atom>,
    /// `gaps[k]` = words allowed before `atoms[k]` (`gaps[0]` is always 0).
    pub gaps: Vec<u8>,
}

/// Whether `term` uses pattern syntax (otherwise it is a plain word or phrase).
pub fn is_pattern(term: &str) -> bool {
    term.contains(['(', ')', '|', '?', '*', '{', '}', '…']) || term.contains("...")
}

#[derive(Debug, Clone)]
enum Elem {
    /// Alternatives, each a sequence of atoms (or slot references).
    Alt {
        alts: Vec<Vec<Piece>>,
        optional: bool,
    },
    Gap,
}

#[derive(Debug, Clone)]
enum Piece {
    Atom(Atom),
    Slot(String),
}

fn piece(word: &str) -> Result<Piece, String> {
    if let Some(name) = word.strip_prefix('{') {
        let name = name
            .strip_suffix('}')
            .ok_or_else(|| format!("unclosed slot `{word}`"))?;
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            return Err(format!("slot name `{name}` must be UPPERCASE letters"));
        }
        return Ok(Piece::Slot(name.to_owned()));
    }
    if word.contains(['{', '}', '(', ')', '|', '?']) {
        return Err(format!("unexpected pattern character in `{word}`"));
    }
    let lower = word.to_lowercase();
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    match (lower.strip_prefix('*'), lower.strip_suffix('*')) {
        (Some(_), Some(_)) => Err(format!(
            "`{word}`: a word may not be both prefix and suffix"
        )),
        (Some(rest), None) => {
            if letters(rest) < 3 || rest.contains('*') {
                Err(format!("suffix `{word}` needs at least three letters"))
            } else {
                Ok(Piece::Atom(Atom::Suffix(rest.to_owned())))
            }
        }
        (None, Some(rest)) => {
            if letters(rest) < 3 || rest.contains('*') {
                Err(format!("prefix `{word}` needs at least three letters"))
            } else {
                Ok(Piece::Atom(Atom::Prefix(rest.to_owned())))
            }
        }
        (None, None) if word.contains('*') => {
            Err(format!("`*` only at the start or end of `{word}`"))
        }
        (None, None) => Ok(Piece::Atom(Atom::Word(word.to_owned()))),
    }
}

fn parse(term: &str) -> Result<Vec<Elem>, String> {
    // Put spaces around group punctuation so a plain split finds every token.
    let spaced = term
        .replace('…', " ... ")
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('|', " | ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        match t {
            "..." => out.push(Elem::Gap),
            "(" => {
                let mut alts = vec![Vec::new()];
                i += 1;
                loop {
                    let Some(&t) = toks.get(i) else {
                        return Err("unclosed `(`".to_owned());
                    };
                    match t {
                        ")" | ")?" => break,
                        "|" => alts.push(Vec::new()),
                        "(" => return Err("groups cannot be nested".to_owned()),
                        "..." => return Err("no `...` inside a group".to_owned()),
                        w => {
                            let p = piece(w)?;
                            if let Some(a) = alts.last_mut() {
                                a.push(p);
                            }
                        }
                    }
                    i += 1;
                }
                if alts.iter().any(Vec::is_empty) {
                    return Err("empty alternative in a group".to_owned());
                }
                // `)?` arrives as `)` followed by `?` after the spacing above.
                let optional = toks.get(i + 1) == Some(&"?");
                if optional {
                    i += 1;
                }
                out.push(Elem::Alt { alts, optional });
            }
            ")" | "|" => return Err(format!("unexpected `{t}`")),
            "?" => return Err("`?` must follow a word or a group".to_owned()),
            w => {
                let (w, optional) = match w.strip_suffix('?') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                out.push(Elem::Alt {
                    alts: vec![vec![piece(w)?]],
                    optional,
                });
            }
        }
        i += 1;
    }
    let required = |e: Option<&Elem>| {
        matches!(
            e,
            Some(Elem::Alt {
                optional: false,
                ..
            })
        )
    };
    if !required(out.first()) || !required(out.last()) {
        return Err(
            "a pattern must begin and end with a required word (not `?`, not `...`)".to_owned(),
        );
    }
    if out.windows(2).any(|w| matches!(w, [Elem::Gap, Elem::Gap])) {
        return Err("two gaps in a row".to_owned());
    }
    Ok(out)
}

/// Expands `term` (a pattern or a plain phrase) into word sequences, with slot lists from
/// `slots` (name → terms; a slot term may itself be several words or a prefix/suffix word).
pub fn expand(term: &str, slots: &HashMap<String, Vec<String>>) -> Result<Vec<Sequence>, String> {
    let elems = parse(term)?;
    let mut seqs = vec![Sequence {
        atoms: Vec::new(),
        gaps: Vec::new(),
    }];
    // Gap words allowed before the next atom, per partial sequence.
    let mut pending: Vec<u8> = vec![0];
    for e in &elems {
        match e {
            Elem::Gap => pending
                .iter_mut()
                .for_each(|g| *g = g.saturating_add(GAP_WORDS)),
            Elem::Alt { alts, optional } => {
                let mut options: Vec<Vec<Atom>> = Vec::new();
                for alt in alts {
                    let mut partial: Vec<Vec<Atom>> = vec![Vec::new()];
                    for p in alt {
                        let words: Vec<Vec<Atom>> = match p {
                            Piece::Atom(a) => vec![vec![a.clone()]],
                            Piece::Slot(name) => {
                                let list = slots
                                    .get(name)
                                    .ok_or_else(|| format!("unknown slot `{{{name}}}`"))?;
                                list.iter()
                                    .map(|t| {
                                        t.split_whitespace()
                                            .map(|w| match piece(w) {
                                                Ok(Piece::Atom(a)) => Ok(a),
                                                Ok(Piece::Slot(_)) => Err(format!(
                                                    "slot `{name}`: a slot term cannot name a slot"
                                                )),
                                                Err(e) => Err(format!("slot `{name}`: {e}")),
                                            })
                                            .collect::<Result<Vec<Atom>, String>>()
                                    })
                                    .collect::<Result<_, _>>()?
                            }
                        };
                        let mut next = Vec::with_capacity(partial.len() * words.len());
                        for pre in &partial {
                            for w in &words {
                                let mut v = pre.clone();
                                v.extend(w.iter().cloned());
                                next.push(v);
                            }
                        }
                        if next.len() > MAX_EXPANSIONS {
                            return Err(too_many());
                        }
                        partial = next;
                    }
                    options.extend(partial);
                }
                let mut next_seqs = Vec::new();
                let mut next_pending = Vec::new();
                for (s, &g) in seqs.iter().zip(&pending) {
                    for o in &options {
                        let mut n = s.clone();
                        for (k, a) in o.iter().enumerate() {
                            n.gaps
                                .push(if k == 0 && !n.atoms.is_empty() { g } else { 0 });
                            n.atoms.push(a.clone());
                        }
                        next_seqs.push(n);
                        next_pending.push(0);
                    }
                    if *optional {
                        next_seqs.push(s.clone());
                        next_pending.push(g);
                    }
                }
                if next_seqs.len() > MAX_EXPANSIONS {
                    return Err(too_many());
                }
                seqs = next_seqs;
                pending = next_pending;
            }
        }
    }
    for s in &mut seqs {
        if let Some(g) = s.gaps.first_mut() {
            *g = 0;
        }
    }
    seqs.retain(|s| !s.atoms.is_empty());
    // Optional words can make two routes produce the same sequence; keep one.
    let mut seen = std::collections::HashSet::new();
    seqs.retain(|s| seen.insert((s.atoms.clone(), s.gaps.clone())));
    Ok(seqs)
}

fn too_many() -> String {
    format!("the pattern stands for more than {MAX_EXPANSIONS} phrasings; split it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(term: &str) -> Vec<String> {
        let mut slots = HashMap::new();
        slots.insert(
            "INDUSTRY".to_owned(),
            vec!["Hollywood".to_owned(), "the film industry".to_owned()],
        );
        expand(term, &slots)
            .unwrap_or_else(|e| panic!("{term}: {e}"))
            .iter()
            .map(|s| {
                s.atoms
                    .iter()
                    .zip(&s.gaps)
                    .map(|(a, g)| {
                        let w = match a {
                            Atom::Word(w) => w.clone(),
                            Atom::Prefix(p) => format!("{p}*"),
                            Atom::Suffix(p) => format!("*{p}"),
                        };
                        if *g > 0 {
                            format!("…{w}")
                        } else {
                            w
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn plain_phrases_expand_to_themselves() {
        assert_eq!(words("game changer"), vec!["game changer"]);
        assert!(!is_pattern("game changer"));
        assert!(is_pattern("(the|this) game has changed"));
    }

    #[test]
    fn alternatives_optionals_and_gaps() {
        assert_eq!(
            words("(changes|has changed) the game"),
            vec!["changes the game", "has changed the game"]
        );
        assert_eq!(
            words("a (truly|really)? generational leap"),
            vec![
                "a truly generational leap",
                "a really generational leap",
                "a generational leap"
            ]
        );
        assert_eq!(words("mischt ... auf"), vec!["mischt …auf"]);
        assert_eq!(
            words("kaum ... (von|vom)? unterscheid*"),
            vec![
                "kaum …von unterscheid*",
                "kaum …vom unterscheid*",
                "kaum …unterscheid*"
            ]
        );
        assert_eq!(words("*revolution"), vec!["*revolution"]);
    }

    #[test]
    fn slots_expand_to_their_terms() {
        assert_eq!(
            words("{INDUSTRY} is cooked"),
            vec!["Hollywood is cooked", "the film industry is cooked"]
        );
    }

    #[test]
    fn malformed_patterns_are_explained() {
        let slots = HashMap::new();
        for (term, want) in [
            ("(a|b", "unclosed `(`"),
            ("a|b)", "unexpected `|`"),
            ("... a", "begin and end with a required word"),
            ("a b?", "begin and end with a required word"),
            ("{NOPE} a", "unknown slot `{NOPE}`"),
            ("ab* a", "at least three letters"),
            ("(a|) b", "empty alternative"),
            ("((a)) b", "nested"),
        ] {
            let e = expand(term, &slots).expect_err(term);
            assert!(e.contains(want), "{term}: {e}");
        }
        let huge =
            "(a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b|c|d|e|f|g|h) (a|b) x";
        assert!(expand(huge, &slots).unwrap_err().contains("more than"));
    }
}
