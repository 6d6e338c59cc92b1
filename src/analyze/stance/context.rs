//! What the rules look up around a hit: words, cues, quotation marks, reported speech,
//! scenarios and adoption by the author.

use std::ops::Range;

use super::words::*;
use super::{class, Context, Decision, Stance};
use crate::analyze::CueAt;
use crate::lexicon::AttrKind;

/// Byte offsets of the double quotation marks and of the line breaks of a text, so that
/// "is a quotation open here?" costs two binary searches instead of a scan per hit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuoteMarks<'a> {
    quotes: &'a [u32],
    newlines: &'a [u32],
}

impl<'a> QuoteMarks<'a> {
    /// The marks the tokenizer recorded on its pass ([`Tokens::quote_marks`],
    /// [`Tokens::newlines`]), where a scan of the text for them cost about 4,000 instructions
    /// per news article.
    ///
    /// [`Tokens::quote_marks`]: crate::text::tokens::Tokens::quote_marks
    /// [`Tokens::newlines`]: crate::text::tokens::Tokens::newlines
    pub(crate) fn of(tokens: &'a crate::text::tokens::Tokens) -> QuoteMarks<'a> {
        QuoteMarks {
            quotes: &tokens.quote_marks,
            newlines: &tokens.newlines,
        }
    }

    /// Number of marks in `lo..hi`.
    pub(super) fn quotes_in(&self, lo: usize, hi: usize) -> usize {
        let a = self.quotes.partition_point(|&q| (q as usize) < lo);
        let b = self.quotes.partition_point(|&q| (q as usize) < hi);
        b.saturating_sub(a)
    }

    /// Byte offset where the line holding byte `at` begins.
    pub(crate) fn line_start(&self, at: usize) -> usize {
        let i = self.newlines.partition_point(|&q| (q as usize) < at);
        i.checked_sub(1)
            .map_or(0, |i| self.newlines[i] as usize + 1)
    }

    /// The last line break in `lo..hi`.
    pub(super) fn last_newline_in(&self, lo: usize, hi: usize) -> Option<usize> {
        let b = self.newlines.partition_point(|&q| (q as usize) < hi);
        let n = *self.newlines.get(b.checked_sub(1)?)? as usize;
        (n >= lo).then_some(n)
    }
}

impl Context<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        let t = &self.tokenized.tokens[i];
        self.text.get(t.range()).unwrap_or("")
    }

    pub(super) fn cue_text(&self, c: &CueAt) -> String {
        let toks = &self.tokenized.tokens;
        let r = toks[c.first].start as usize..toks[c.last].end as usize;
        self.text.get(r).unwrap_or("").to_owned()
    }

    /// Cues whose first token lies in `lo..=hi`.
    pub(super) fn cues_in(&self, lo: usize, hi: usize) -> &[CueAt] {
        if hi < lo {
            return &[];
        }
        let a = self.cues.partition_point(|c| c.first < lo);
        // A window holds few cues: counted from the first rather than searched for.
        let n = self.cues[a..].iter().take_while(|c| c.first <= hi).count();
        &self.cues[a..a + n]
    }

    pub(super) fn in_quoted_region(&self, offset: usize) -> bool {
        let i = self.quoted_regions.partition_point(|r| r.start <= offset);
        self.quoted_regions[..i]
            .iter()
            .rev()
            .take(4)
            .any(|r| r.contains(&offset))
    }

    pub(super) fn is_contrastive_negator(&self, c: &CueAt) -> bool {
        let next = c.last + 1;
        if next >= self.tokenized.tokens.len() || !self.listed(next) {
            return false;
        }
        let w = self.word(next);
        CONTRASTIVE_AFTER_NEGATOR
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
    }

    /// Whether word `i`, lowercased, is `lower` (no allocation).
    pub(super) fn word_is(&self, i: usize, lower: &str) -> bool {
        self.word_in(i, &[lower])
    }

    /// Whether word `i` has the [`class`] bit `bit`.
    pub(super) fn has(&self, i: usize, bit: u32) -> bool {
        self.classes.get(i).is_some_and(|c| c & bit != 0)
    }

    /// Whether some word of token `i`'s sentence has the [`class`] bit `bit`: when not, a scan
    /// of the sentence (or of a window inside it) for that bit finds nothing.
    pub(super) fn sentence_has(&self, i: usize, bit: u32) -> bool {
        let s = self
            .tokenized
            .tokens
            .get(i)
            .map_or(usize::MAX, |t| t.sent as usize);
        self.sentence_classes.get(s).is_none_or(|c| c & bit != 0)
    }

    /// The first of `seqs` that the words from token `i` on are ([`Self::seq_at`]); most words
    /// begin none, which one bit test tells (inlined at the call).
    #[inline]
    pub(super) fn seq_among<'s>(
        &self,
        i: usize,
        end: usize,
        seqs: &'s [&'s [&'s str]],
    ) -> Option<&'s [&'s str]> {
        // Debug builds go on to `seq_at`, which checks the bit against the full comparison.
        if !self.has(i, class::SEQ_START) && !cfg!(debug_assertions) {
            return None;
        }
        self.seq_among_from(i, end, seqs)
    }

    /// [`Self::seq_among`] past the bit test.
    #[inline(never)]
    fn seq_among_from<'s>(
        &self,
        i: usize,
        end: usize,
        seqs: &'s [&'s [&'s str]],
    ) -> Option<&'s [&'s str]> {
        // No word there: no sequence begins there (`seq_at` finds none either).
        if i >= self.tokenized.tokens.len() {
            return None;
        }
        // The first word compared once per sequence here, the word lowercased once; the
        // sequences it begins are then compared in full.
        let first = LowerWord::new(self.word(i));
        seqs.iter()
            .copied()
            .find(|q| q.first().is_none_or(|f| first.is(f)) && self.seq_at(i, end, q))
    }

    /// Whether word `i` is in some word list of the rules ([`class::LISTED`]); when not, no
    /// list test can succeed on it.
    pub(super) fn listed(&self, i: usize) -> bool {
        self.has(i, class::LISTED)
    }

    /// Whether word `i` is in `list`, a list with its own [`class`] bit `bit`: one bit test
    /// (debug builds check it against the list).
    #[inline]
    pub(super) fn in_class(&self, i: usize, bit: u32, list: &[&str]) -> bool {
        let found = self.has(i, bit);
        debug_assert_eq!(
            found,
            i < self.classes.len() && self.word_in(i, list),
            "class bit {bit} of `{}`",
            self.tokenized.tokens.get(i).map_or("", |_| self.word(i))
        );
        found
    }

    /// Whether word `i`, lowercased, is in `list` (lowercase).
    ///
    /// Inlined: most words tested are in no list, and that answer is one bit test at the call
    /// (debug builds always go on to the comparison, which checks the bit).
    #[inline]
    pub(super) fn word_in(&self, i: usize, list: &[&str]) -> bool {
        if !self.listed(i) && !cfg!(debug_assertions) {
            return false;
        }
        self.listed_word_in(i, list)
    }

    /// [`Self::word_in`] past the bit test.
    #[inline(never)]
    fn listed_word_in(&self, i: usize, list: &[&str]) -> bool {
        let w = self.word(i);
        // The word is prepared once, not once per list entry (`eq_lower` tests for ASCII and,
        // for other words, lowercases them character by character).
        let found = self.listed(i) && {
            let lower = LowerWord::new(w);
            list.iter().any(|x| lower.is(x))
        };
        // The fast reject relies on `listed` knowing every list word.
        debug_assert!(
            found || self.classes.get(i).is_none() || !list.iter().any(|x| eq_lower(w, x)),
            "`{w}` is in a stance list but not in `words::listed`"
        );
        found
    }

    /// Whether token `k` stands in a relative clause: its clause begins with a relative word,
    /// or a preposition and one ("in denen", "with which").
    pub(super) fn in_relative_clause(&self, k: usize, s0: usize) -> bool {
        let f = self.clause_start(k, s0);
        if f == s0 {
            return false;
        }
        self.word_in(f, RELATIVE_OPENERS)
            || (f < k && self.word_in(f, REL_PREPOSITIONS) && self.word_in(f + 1, RELATIVE_OPENERS))
    }

    /// Whether the sentence `s0..s1` is a rhetorical question: a why/who/how question with
    /// "noch", "still" or "anymore" ("Warum sollte man noch einen Kameramann bezahlen?", "Wie
    /// soll man da noch Fälschungen erkennen?", "Who needs a film crew anymore?").
    pub(super) fn rhetorical_question(&self, s0: usize, s1: usize) -> bool {
        s1 > s0 + 2
            && self.word_in(
                s0,
                &[
                    "warum", "wieso", "weshalb", "wozu", "wer", "wie", "why", "who", "how",
                ],
            )
            && (s0 + 1..s1).any(|k| self.word_in(k, &["noch", "still", "anymore"]))
    }

    /// Whether the conditional at token `k` ("if", "wenn", "falls") has the reader as its
    /// subject: "if you", "if you've", "wenn du", "wenn ihr", "wenn Sie".
    pub(super) fn reader_conditional(&self, k: usize, s1: usize) -> bool {
        if k + 1 >= s1 || !self.word_in(k, &["if", "wenn", "falls"]) {
            return false;
        }
        self.word_in(
            k + 1,
            &["you", "you've", "you’ve", "you're", "you’re", "du", "ihr"],
        ) || self.word(k + 1) == "Sie"
    }

    /// Whether token `k` stands in a comparison clause: one that begins with "als", "wie",
    /// "as", "like" or "than" ("…, als hätte ein Filmteam es gedreht").
    pub(super) fn in_comparison_clause(&self, k: usize, s0: usize) -> bool {
        self.word_in(
            self.clause_start(k, s0),
            &["als", "wie", "as", "like", "than"],
        )
    }

    /// Whether the Konjunktiv II or conditional at token `k` is a counterfactual past: its
    /// clause names a past time ("früher", "vor wenigen Jahren", "years ago", "once"), so it
    /// asserts the contrast with today ("Videos, die früher sechsstellige Summen gekostet
    /// hätten"). An English conditional must be perfect ("would have", "could once have").
    pub(super) fn counterfactual_past(&self, k: usize, s0: usize, s1: usize) -> bool {
        let toks = &self.tokenized.tokens;
        if !self.has(k, class::KONJ_II)
            && !(k + 1..(k + 3).min(s1)).any(|j| self.word_is(j, "have"))
        {
            return false;
        }
        let lo = k.saturating_sub(SPEECH_REACH).max(s0);
        let hi = (k + SPEECH_REACH).min(s1);
        (lo..hi)
            .filter(|&j| toks[j].clause == toks[k].clause)
            .any(|j| {
                self.has(j, class::PAST)
                    && (!self.word_in(j, &["jahren", "jahrzehnten"])
                        || (j.saturating_sub(3).max(lo)..j).any(|i| self.word_is(i, "vor")))
            })
    }

    /// Whether token `b` ends its clause, alone or before one modal or auxiliary ("ersetzen
    /// sollte"): the verb of a German verb-final clause.
    pub(super) fn verb_final_end(&self, b: usize, s1: usize) -> bool {
        let toks = &self.tokenized.tokens;
        let ends = |k: usize| toks[k].clause_end || k + 1 == s1;
        ends(b)
            || (b + 1 < s1
                && toks[b + 1].clause == toks[b].clause
                && self.word_in(b + 1, VERB_FINAL_AUX)
                && ends(b + 1))
    }

    /// The first token of token `k`'s clause (not before the sentence start `s0`).
    pub(super) fn clause_start(&self, k: usize, s0: usize) -> usize {
        let toks = &self.tokenized.tokens;
        let mut f = k;
        while f > s0 && toks[f - 1].clause == toks[k].clause {
            f -= 1;
        }
        f
    }

    pub(super) fn capitalized(&self, i: usize) -> bool {
        let t = &self.tokenized.tokens[i];
        let (start, end) = (t.start as usize, t.end as usize);
        // An ASCII first letter (most words) without decoding; the same answer as below for
        // a word `word` can slice.
        match self.text.as_bytes().get(start) {
            Some(&b) if b < 0x80 && start < end && self.text.is_char_boundary(end) => {
                b.is_ascii_uppercase()
            }
            _ => self.word(i).chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Whether the words from token `i` on are `seq` (lowercase), within the sentence end `end`.
    pub(super) fn seq_at(&self, i: usize, end: usize, seq: &[&str]) -> bool {
        let at = |i: usize| {
            i + seq.len() <= end && seq.iter().enumerate().all(|(k, w)| self.word_is(i + k, w))
        };
        // Most words begin no sequence: one bit test ([`class::SEQ_START`]).
        let found = self.has(i, class::SEQ_START) && at(i);
        debug_assert!(
            found || i >= self.classes.len() || !at(i),
            "{seq:?} is not in the sequences `words::word_class` knows"
        );
        found
    }

    pub(super) fn in_answer(&self, offset: usize) -> bool {
        let i = self.answer_regions.partition_point(|r| r.start <= offset);
        i > 0 && self.answer_regions[i - 1].contains(&offset)
    }

    /// The quotation (byte range, marks excluded) around `offset`, if any.
    pub(super) fn quotation_at(&self, offset: usize) -> Option<Range<usize>> {
        let q = &self.tokenized.quotes;
        let i = q.partition_point(|r| r.start <= offset);
        q[..i]
            .iter()
            .rev()
            .take(4)
            .find(|r| r.contains(&offset))
            .cloned()
    }

    /// A quotation opened before `offset` in its paragraph and never closed (a cut excerpt, or
    /// a quote running to the end of the paragraph): an odd number of double quotation marks
    /// between the paragraph start and the hit.
    pub(super) fn unclosed_quote_before(&self, offset: usize) -> bool {
        let lo = offset.saturating_sub(3000);
        let marks = QuoteMarks::of(self.tokenized);
        let para = marks.last_newline_in(lo, offset).map_or(lo, |p| p + 1);
        marks.quotes_in(para, offset) % 2 == 1
    }

    /// A reported-speech cue that applies to the hit `a..=b` in sentence `s0..s1`.
    pub(super) fn speech_cue(&self, a: usize, b: usize, s0: usize, s1: usize) -> Option<Decision> {
        self.speech_reason(a, b, s0, s1).map(|(reason, cue)| {
            let d = Decision::new(Stance::Quoted, reason);
            match cue {
                Some((f, l)) => d.at(f, l),
                None => d,
            }
        })
    }

    /// [`Self::speech_cue`]'s reason and the cue's tokens.
    pub(super) fn speech_reason(
        &self,
        a: usize,
        b: usize,
        s0: usize,
        s1: usize,
    ) -> Option<(String, Option<(usize, usize)>)> {
        let toks = &self.tokenized.tokens;
        let lo = a.saturating_sub(SPEECH_REACH).max(s0);
        let hi = (b + SPEECH_REACH).min(s1.saturating_sub(1));
        for c in self.cues_in(lo, hi) {
            if c.attribution != Some(AttrKind::Speech) || self.first_person_before(c.first) {
                continue;
            }
            if c.first == c.last && self.word_in(c.first, NOT_SPEECH) {
                continue;
            }
            if self.speech_false_friend(c.first, s0, s1) {
                continue;
            }
            // A speech verb in a relative clause after the hit reports nothing about it:
            // "…täuschend echte Videos, in denen Personen Dinge sagen, …".
            if c.first > b
                && toks[c.first].clause != toks[b].clause
                && self.in_relative_clause(c.first, s0)
            {
                continue;
            }
            // "feiert" reports in the frame "feiert X als Y" / "celebrated as", or of its own
            // object ("Das Studio feiert eine Weltpremiere"); an event celebrating something
            // else reports nothing ("ein Festival, das die Animationskunst feiert, …").
            if c.first == c.last && self.word_in(c.first, CELEBRATE) {
                let frame = (lo..=hi)
                    .any(|k| toks[k].clause == toks[c.first].clause && self.has(k, class::AS));
                let object = a > c.last
                    && toks[a].clause == toks[c.last].clause
                    && !(c.last + 1..a).any(|k| self.word_in(k, &["und", "and"]));
                if !frame && !object {
                    continue;
                }
            }
            // "it boasts impressive depth": the product has it, nobody boasts.
            if starts_with_lower(self.word(c.first), "boast")
                && c.first > s0
                && self.word_in(c.first - 1, &["it", "which", "that", "also", "now"])
            {
                continue;
            }
            // A passive frame attributes its complement, not its subject: in "Das täuschend
            // echte Klonen von Stimmen gilt als nächster großer Schritt" the subject is the
            // author's description ("… is hailed as a milestone"). The complement may stand
            // before a verb-final frame: "…, das als der größte Sprung gilt".
            if c.last >= a
                && (self.has(c.last, class::AS)
                    || (c.first == c.last && self.word_in(c.first, FRAME_VERBS)))
                && !(a.saturating_sub(3).max(s0)..=a)
                    .any(|j| self.has(j, class::AS) && toks[j].clause == toks[a].clause)
            {
                continue;
            }
            // A naming verb's object is the author's description, the name its complement:
            // "Sie nennt diese revolutionäre Software Sora", "calls this groundbreaking model
            // Veo".
            if c.first == c.last
                && self.word_in(c.first, NAMING)
                && self.naming_object(c.last, a, b, s1)
            {
                continue;
            }
            if self.word_in(c.first, INTENT) {
                let german = self.word_in(c.first, INTENT_DE);
                let reaches = (c.last < a
                    && a - c.last <= INTENT_REACH + if german { 2 } else { 0 }
                    && (toks[a].clause == toks[c.last].clause
                        || (toks[a].clause == toks[c.last].clause + 1
                            && toks[a].seg == toks[c.last].seg
                            && (german || toks[c.last].clause_end))))
                    // Verb-final: "…, das einen Wandel markieren soll". Final means last in
                    // its clause: in "Die photorealistische Figur soll künftig …" the modal is
                    // the second word, and the subject before it is the author's.
                    || (german
                        && c.first > b
                        && c.first <= b + 6
                        && toks[c.first].clause == toks[b].clause
                        && (toks[c.last].clause_end || c.last + 1 == s1));
                // "Wie soll man da noch …?": a modal of the generic "man" asks what one can
                // do; nobody's claim is reported.
                let generic = c.last + 1 < s1 && self.word_is(c.last + 1, "man");
                if !reaches || generic {
                    continue;
                }
            }
            return Some((
                format!("attributed (`{}`)", self.cue_text(c)),
                Some((c.first, c.last)),
            ));
        }
        // A fear or concern and its content: "empörten sich aus Angst, dass KI … rauben
        // wird", "He is worried that Sora could change the film industry".
        if self.sentence_has(a, class::CONCERN) {
            for k in lo..a {
                if self.has(k, class::CONCERN)
                    && !self.first_person_before(k)
                    && !(k + 1 < a && self.word_in(k + 1, &["dafür", "für", "for"]))
                    // "wird dafür sorgen, dass …": the verb "ensure", not a concern.
                    && (k == s0 || !self.word_is(k - 1, "dafür"))
                    && (k + 1..(k + 4).min(a)).any(|j| self.word_in(j, CONCERN_LINKS))
                {
                    return Some((format!("a concern (`{}`)", self.word(k)), Some((k, k))));
                }
            }
        }
        // A crowd as the sentence's frame: "Für viele Branchenkenner markiert dies …", "For
        // many insiders, this marks …".
        if let Some(f) = self.seq_among(s0, s1, CROWD_FRAMES) {
            if s0 + f.len() <= a {
                return Some((
                    format!("attributed (`{}`)", f.join(" ")),
                    Some((s0, s0 + f.len() - 1)),
                ));
            }
        }
        // "positions the tool as …", "describes Sora as …", "sehen sie als Werkzeug".
        if self.sentence_has(a, class::FRAMING) {
            for k in lo..a {
                if self.has(k, class::FRAMING)
                    && !self.first_person_before(k)
                    && (k + 1..(k + 5).min(a)).any(|j| self.has(j, class::AS))
                {
                    return Some((
                        format!("attributed (`{} … as`)", self.word(k)),
                        Some((k, k)),
                    ));
                }
            }
        }
        // Verb-final German framing: "als Meilenstein präsentiert", "als Revolution gesehen".
        let als = self.sentence_has(a, class::ALS) && self.sentence_has(a, class::FRAMING_FINAL);
        if als {
            for k in lo..=a.min(hi) {
                if !self.has(k, class::ALS) {
                    continue;
                }
                if let Some(v) =
                    (b + 1..(b + 4).min(s1)).find(|&j| self.has(j, class::FRAMING_FINAL))
                {
                    if (k..=a).all(|j| toks[j].clause == toks[a].clause) {
                        return Some((
                            format!("attributed (`als … {}`)", self.word(v)),
                            Some((v, v)),
                        ));
                    }
                }
            }
        }
        // Konjunktiv I: "Besonders bemerkenswert sei die Fähigkeit …".
        if self.sentence_has(a, class::KONJ_I) {
            for k in lo..=hi {
                if !self.has(k, class::KONJ_I) || (k > s0 && self.capitalized(k)) {
                    continue;
                }
                let near = k.saturating_sub(2).max(s0)..(k + 3).min(s1);
                if near
                    .clone()
                    .any(|j| self.word_in(j, &["ich", "wir", "du", "ihr", "denn"]))
                    || (k + 1 < s1 && self.word_in(k, &["sei"]) && self.word_in(k + 1, &["es"]))
                {
                    continue;
                }
                return Some((
                    format!("reported speech (Konjunktiv I `{}`)", self.word(k)),
                    Some((k, k)),
                ));
            }
        }
        // Trailing German attribution ", so Reese," / ", so der Tenor.". Only in a sentence
        // with a "so" ([`class::SO`]); debug builds look everywhere and check the bit.
        if self.sentence_has(a, class::SO) || cfg!(debug_assertions) {
            for k in lo.max(s0 + 1)..=hi {
                let so = self.has(k, class::SO);
                debug_assert_eq!(so, self.word_is(k, "so"), "class::SO of `{}`", self.word(k));
                if !toks[k - 1].clause_end || !so || k + 1 >= s1 {
                    continue;
                }
                // "so Reese", "so der Tenor", "so Studio-Chef Müller": names, nouns and
                // articles up to the end of the clause.
                let end = (k + 1..(k + 5).min(s1)).find(|&j| toks[j].clause_end || j == s1 - 1);
                let first_ok =
                    self.capitalized(k + 1) || self.word_in(k + 1, &["der", "die", "das", "des"]);
                if first_ok && end.is_some_and(|e| self.capitalized(e)) {
                    return Some((
                        format!("attributed (`so {}`)", self.word(k + 1)),
                        Some((k, k + 1)),
                    ));
                }
            }
        }
        None
    }

    /// Whether the hit `a..=b` is the object of the naming verb at `v`: it begins right after
    /// the verb with a determiner ("nennt diese revolutionäre Software Sora") and a capitalized
    /// word (the name) follows it within three words of the same clause.
    fn naming_object(&self, v: usize, a: usize, b: usize, s1: usize) -> bool {
        let toks = &self.tokenized.tokens;
        let det = if a == v + 1 {
            a
        } else if a == v + 2 {
            v + 1
        } else {
            return false;
        };
        self.word_in(det, DETERMINERS)
            && (b + 1..(b + 4).min(s1))
                .take_while(|&j| toks[j].clause == toks[b].clause)
                .any(|j| self.capitalized(j))
    }

    /// Speech words that do not report here: "That said", "sagen wir", "a new app called
    /// Sora", "called into question", "how stories can be told".
    pub(super) fn speech_false_friend(&self, k: usize, s0: usize, s1: usize) -> bool {
        let prev = |w: &[&str]| k > s0 && self.word_in(k - 1, w);
        let next = |w: &[&str]| k + 1 < s1 && self.word_in(k + 1, w);
        // Every form below is ASCII of at most six letters. Only such a word lowercases to
        // one: of the non-ASCII characters only the Kelvin sign lowercases to an ASCII letter
        // (`k`), which none of them has. So the word is lowercased on the stack, or not at all.
        let w = self.word(k).as_bytes();
        if w.len() > 6 || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 6];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w);
        lower.make_ascii_lowercase();
        match &*lower {
            b"said" => prev(&["that", "having"]),
            b"sagen" => next(&["wir"]) || prev(&["ehrlich", "muss", "ich"]),
            b"calls" | b"call" => next(&["into", "to", "for", "on", "off", "up"]),
            b"called" => {
                next(&["into", "to", "for", "on", "off", "up"])
                    || (k > s0
                        && k + 1 < s1
                        && self.capitalized(k + 1)
                        && !self.capitalized(k - 1)
                        && !prev(&["is", "was", "be", "it", "he", "she", "they"]))
            }
            b"told" => prev(&["be", "been", "being"]),
            b"willst" | b"wollt" => true,
            _ => false,
        }
    }

    /// Whether a question mark ending the sentence covers the hit at `a`: it questions only its
    /// own segment ("It's a revolution: but for whom?"), unless that segment is an alternative
    /// ("Revolution – oder nur Hype?"); "Remember …?" reminds rather than asks.
    pub(super) fn question_covers(&self, a: usize, s0: usize, s1: usize) -> bool {
        let toks = &self.tokenized.tokens;
        if s1 == 0
            || self.seq_at(s0, s1, &["remember"])
            || self.seq_at(s0, s1, &["erinnern", "sie", "sich"])
        {
            return false;
        }
        let last = s1 - 1;
        if toks[a].seg == toks[last].seg {
            return true;
        }
        // First word of the last segment.
        let mut f = last;
        while f > a && toks[f - 1].seg == toks[last].seg {
            f -= 1;
        }
        self.word_in(f, &["oder", "or"])
    }

    /// Whether the sentence after an imagined scenario says it is real now ("Genau das
    /// passiert jetzt.", "That's the reality today.").
    pub(super) fn scenario_confirmed(&self, sent_idx: usize) -> bool {
        let Some(n) = self.tokenized.sentences.get(sent_idx + 1) else {
            return false;
        };
        let (n0, n1) = (n.tok_start as usize, n.tok_end as usize);
        let hi = n1.min(n0 + 6);
        self.seq_at(n0, n1, &["genau", "das"])
            || self.seq_at(n0, n1, &["genau", "dies"])
            || (n0..hi).any(|k| {
                self.word_in(
                    k,
                    &["exactly", "reality", "realität", "wirklichkeit", "längst"],
                )
            })
    }

    /// An adopting sentence right after the hit: "… calls it a revolution. That's not an
    /// exaggeration."
    pub(super) fn adopted_after(&self, b: usize, sent_idx: usize) -> Option<String> {
        let s = self.tokenized.sentences[sent_idx];
        let mut ranges = vec![(b + 1, s.tok_end as usize)];
        if let Some(n) = self.tokenized.sentences.get(sent_idx + 1) {
            if n.tok_end - n.tok_start <= 10 {
                ranges.push((n.tok_start as usize, n.tok_end as usize));
            }
        }
        for (lo, hi) in ranges {
            for i in lo..hi.min(lo + 16) {
                if let Some(seq) = self.seq_among(i, hi, ADOPTERS) {
                    return Some(seq.join(" "));
                }
            }
        }
        None
    }

    pub(super) fn first_person_before(&self, i: usize) -> bool {
        let toks = &self.tokenized.tokens;
        let lo = i.saturating_sub(2);
        (lo..i).any(|k| {
            toks[k].sent == toks[i].sent
                && self.listed(k)
                && FIRST_PERSON
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(self.word(k)))
        })
    }
}

/// Whether `word` lowercased equals `lower` (already lowercase), without allocating.
pub(super) fn eq_lower(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// A word prepared for comparison with lowercase list entries, as [`eq_lower`] compares: ASCII
/// ignoring case, other words through their lowercase form, computed once (on the stack).
pub(super) enum LowerWord<'a> {
    /// An ASCII word as written.
    Ascii(&'a str),
    /// A non-ASCII word's lowercase form: its first `len` bytes.
    Lower { bytes: [u8; 64], len: usize },
    /// A non-ASCII word whose lowercase form is too long for the buffer (no list word is).
    Long(&'a str),
}

impl<'a> LowerWord<'a> {
    #[inline]
    pub(super) fn new(word: &'a str) -> Self {
        if word.is_ascii() {
            LowerWord::Ascii(word)
        } else {
            Self::lowered(word)
        }
    }

    /// A non-ASCII word, lowercased.
    #[inline(never)]
    fn lowered(word: &'a str) -> Self {
        let mut bytes = [0u8; 64];
        let mut len = 0;
        for c in word.chars() {
            // ASCII characters (most of a German word) without the Unicode tables.
            if c.is_ascii() {
                let Some(slot) = bytes.get_mut(len) else {
                    return LowerWord::Long(word);
                };
                *slot = c.to_ascii_lowercase() as u8;
                len += 1;
                continue;
            }
            for l in c.to_lowercase() {
                let n = l.len_utf8();
                let Some(slot) = bytes.get_mut(len..len + n) else {
                    return LowerWord::Long(word);
                };
                l.encode_utf8(slot);
                len += n;
            }
        }
        LowerWord::Lower { bytes, len }
    }

    /// Whether the word lowercased is `lower` (the same answer as [`eq_lower`]).
    #[inline(always)]
    pub(super) fn is(&self, lower: &str) -> bool {
        match self {
            LowerWord::Ascii(w) => w.eq_ignore_ascii_case(lower),
            LowerWord::Lower { bytes, len } => bytes.get(..*len) == Some(lower.as_bytes()),
            LowerWord::Long(w) => eq_lower(w, lower),
        }
    }
}

/// Whether `word` lowercased begins with `prefix` (already lowercase), without allocating.
pub(super) fn starts_with_lower(word: &str, prefix: &str) -> bool {
    let mut w = word.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| w.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::{eq_lower, LowerWord, QuoteMarks};

    /// The marks of `text` as the analyzer gets them (from the tokenizer's pass), as offsets.
    fn marks_of(text: &str) -> (Vec<usize>, Vec<usize>) {
        let tokens = crate::text::tokens::tokenize(text);
        let m = QuoteMarks::of(&tokens);
        let wide = |v: &[u32]| v.iter().map(|&q| q as usize).collect();
        (wide(m.quotes), wide(m.newlines))
    }

    /// A quotation opened in a paragraph and never closed holds the rest of the paragraph, in a
    /// document without any hype hit too: claims ask for the stance of their words there.
    /// (The quote index was built only for documents with hits, so such a claim read as the
    /// author's own.)
    #[test]
    fn unclosed_quotation_counts_in_a_document_without_hits() {
        use crate::analyze::{Analyzer, Options, Stance};
        use crate::text::Lang;
        let mut analyzer = Analyzer::new(std::sync::Arc::new(
            crate::lexicon::embedded().expect("shipped lexicons are valid"),
        ));
        for (lang, text, words) in [
            (
                Lang::De,
                "Die Sprecherin sagte: „Das Modell erzeugt jetzt Clips von zehn Sekunden. Es \
                 läuft auf allen Geräten.\n\nDanach ging es um Preise.",
                "läuft auf allen Geräten",
            ),
            (
                Lang::En,
                "The spokeswoman said: “The model now makes clips of ten seconds. It runs on \
                 every device.\n\nThen the talk turned to prices.",
                "runs on every device",
            ),
        ] {
            let opts = Options {
                lang: Some(lang),
                ..Options::default()
            };
            let a = analyzer.analyze(text, &opts);
            assert!(a.hits.is_empty(), "{text}: {:?}", a.hits);
            let at = text.find(words).expect("words in text");
            let s = a
                .stance_for_span(text, at..at + words.len())
                .expect("a stance");
            assert_eq!(s.stance, Stance::Quoted, "{text}: {}", s.reason);
        }
    }

    proptest::proptest! {
        /// The marks the tokenizer records are those found by reading every character.
        #[test]
        fn quote_marks_are_the_marks_of_every_character(
            text in crate::models::tests::real_world_text(),
        ) {
            proptest::prop_assert_eq!(marks_of(&text), reference(&text));
        }
    }

    #[test]
    fn quote_marks_of_german_and_english_text() {
        let text = "Er sagt: „Das ist Über-KI“ – und “this isn’t” «so» \"neu\".\nÜbrigens…";
        let (quotes, newlines) = marks_of(text);
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        assert_eq!(
            quotes,
            [
                at("„"),
                at("“ –"),
                at("“this"),
                at("”"),
                at("«"),
                at("»"),
                at("\"neu"),
                at("\".")
            ]
        );
        assert_eq!(newlines, [at("\n")]);
    }

    #[test]
    fn lower_word_compares_as_eq_lower() {
        let words = [
            "Für",
            "für",
            "FÜR",
            "so",
            "So",
            "SO",
            "außer",
            "Außer",
            "AUSSER",
            "Ängste",
            "ängste",
            "İstanbul",
            "\u{212A}ein",
            "kein",
            "’s",
            "don’t",
            "Gamechanger",
            "🎬",
            "Straße",
            "ÉCLAT",
            "éclat",
            "",
        ];
        let long = "Ü".repeat(40);
        let lists = [
            "für",
            "so",
            "außer",
            "ausser",
            "ängste",
            "i̇stanbul",
            "kein",
            "’s",
            "don’t",
            "gamechanger",
            "🎬",
            "straße",
            "éclat",
            "",
            "fü",
            "fürs",
        ];
        for w in words.iter().copied().chain([long.as_str()]) {
            let lw = LowerWord::new(w);
            for x in lists.iter().copied().chain([long.to_lowercase().as_str()]) {
                assert_eq!(lw.is(x), eq_lower(w, x), "{w} / {x}");
            }
        }
    }

    /// The marks a plain character scan finds.
    fn reference(text: &str) -> (Vec<usize>, Vec<usize>) {
        let quotes = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'))
            .map(|(i, _)| i)
            .collect();
        let newlines = text
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i)
            .collect();
        (quotes, newlines)
    }

    #[test]
    fn quote_marks_are_found_in_offset_order() {
        let texts = [
            "Er sagt: „Das ist ein Gamechanger“ – und «Sora» ist ‚neu‘.\n\"Yes\" – «wow» “real” …\n",
            "» « „ “ ” \" \n\n’ ‘ – — … © ® ±",
            "",
            "no marks at all",
        ];
        for t in texts {
            assert_eq!(marks_of(t), reference(t), "{t}");
        }
    }
}
