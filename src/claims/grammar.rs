//! The sentence grammar of claim extraction.
//!
//! A [`Sentence`] holds one sentence's words, cue matches and model mentions; its methods pick
//! the subject (the model before the cue, not after a rival marker such as "als" or "than"),
//! the rivals (other models named, "all others", the predecessor, or the models of the sentences
//! just before), the dimension (the cue's own, else the nearest dimension word, else overall)
//! and the stance (the analyzer's, applied to the cue) of each claim.

use std::ops::Range;

use crate::analyze::{Analysis, Stance};
use crate::benchmarks::Dimension;
use crate::models::{Mention, Registry};

use super::cue_match::CueHit;
use super::cues::CueKind;
use super::words::{words, Word};
use super::{Claim, ObjectsFrom, Polarity, Quantity, Relation, Subject};

pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) analysis: &'a Analysis,
    pub(super) registry: &'a Registry,
    pub(super) ws: &'a [Word<'a>],
    pub(super) hits: &'a [CueHit],
    pub(super) mentions: &'a [Mention],
    pub(super) context: &'a [&'a Mention],
    pub(super) span: Range<usize>,
    /// The subject was named in the sentence before ("This is the best model").
    pub(super) anaphoric: bool,
    /// The sentence opens with "Its"/"This"/"Das"...: with no model before the cue, the
    /// subject is the model of the sentence before, not a rival named later ("Is Kling 3.0
    /// unrivaled? Its arena score is the highest, but the lead over Seedance 2.0 is small.").
    pub(super) opens_with_anaphor: bool,
}

impl Sentence<'_> {
    pub(super) fn claims(&self, quantities: &[(usize, usize, Quantity)], out: &mut Vec<Claim>) {
        let mut groups: Vec<(Relation, Option<Dimension>, Polarity, Vec<CueHit>)> = Vec::new();
        let push = |groups: &mut Vec<(Relation, Option<Dimension>, Polarity, Vec<CueHit>)>,
                    rel: Relation,
                    dim: Option<Dimension>,
                    pol: Polarity,
                    h: CueHit| {
            match groups
                .iter_mut()
                .find(|g| g.0 == rel && (rel != Relation::Capability || g.1 == dim))
            {
                Some(g) => g.3.push(h),
                None => groups.push((rel, dim, pol, vec![h])),
            }
        };
        let in_capability = |i: usize| {
            self.hits
                .iter()
                .any(|h| h.kind == CueKind::Capability && h.first <= i && i <= h.last)
        };
        for h in self.hits {
            if let Some(rel) = h.kind.relation() {
                push(&mut groups, rel, h.dimension, h.polarity, *h);
                continue;
            }
            // "absolute" cues ("die Physik ist perfekt") state a capability on the nearest quality
            // dimension.
            if h.kind == CueKind::Absolute {
                if let Some(d) = self
                    .nearest_dimension(h.first, &in_capability)
                    .filter(|d| d.is_quality())
                {
                    push(&mut groups, Relation::Capability, Some(d), h.polarity, *h);
                }
            }
        }
        for &(first, last, q) in quantities {
            let dim = match q {
                Quantity::Seconds(_) => Dimension::Duration,
                Quantity::Lines(_) => Dimension::Resolution,
            };
            let h = CueHit {
                cue: usize::MAX,
                kind: CueKind::Capability,
                dimension: Some(dim),
                polarity: Polarity::Positive,
                first,
                last,
            };
            push(
                &mut groups,
                Relation::Capability,
                Some(dim),
                Polarity::Positive,
                h,
            );
        }
        // A price superlative/comparison makes a "günstig" capability in the same sentence
        // redundant.
        let price_compared = groups.iter().any(|g| {
            g.0 != Relation::Capability && g.3.iter().any(|h| h.dimension == Some(Dimension::Price))
        });
        for (relation, dim, polarity, hs) in groups {
            if price_compared && relation == Relation::Capability && dim == Some(Dimension::Price) {
                continue;
            }
            if let Some(c) = self.claim(relation, dim, polarity, &hs, quantities) {
                out.push(c);
            }
        }
    }

    pub(super) fn claim(
        &self,
        relation: Relation,
        dim: Option<Dimension>,
        polarity: Polarity,
        hs: &[CueHit],
        quantities: &[(usize, usize, Quantity)],
    ) -> Option<Claim> {
        let first = hs[0];
        let ws = self.ws;
        let cue_span = ws[first.first].start..ws[first.last].end;
        let subject = self.subject(cue_span.start)?;
        let in_capability = |i: usize| {
            self.hits
                .iter()
                .any(|h| h.kind == CueKind::Capability && h.first <= i && i <= h.last)
        };
        let dimension = dim
            .or_else(|| hs.iter().find_map(|h| h.dimension))
            .or_else(|| {
                if relation == Relation::Capability {
                    None
                } else {
                    self.nearest_dimension(first.first, &in_capability)
                }
            })
            .unwrap_or(Dimension::Overall);
        let subject_id = subject.model.clone();
        let (objects, objects_from) = match relation {
            Relation::Superlative => (vec!["all".to_owned()], ObjectsFrom::All),
            Relation::BetterThan | Relation::WorseThan => {
                self.rivals(subject, subject_id.as_deref())
            }
            Relation::Capability | Relation::Replacement => (Vec::new(), ObjectsFrom::None),
        };
        let decided = self.analysis.stance_for_span(self.text, cue_span.clone());
        let (mut stance, mut reason) = decided
            .as_ref()
            .map_or((Stance::Endorsed, "asserted".to_owned()), |d| {
                (d.stance, d.reason.clone())
            });
        // A cue word of the stance rules that is really a model's name ("Kling" read as the
        // hedge "klingt") says nothing about the author's stance.
        let cue_word = decided
            .and_then(|d| d.cue)
            .and_then(|r| self.text.get(r))
            .map(str::to_lowercase);
        if let (true, Some(word)) = (stance != Stance::Endorsed, cue_word) {
            if self.mentions.iter().any(|m| words(&m.text).contains(&word)) {
                reason = format!(
                    "asserted by the author (`{word}` is a model name, not a {} cue)",
                    stance.as_str()
                );
                stance = Stance::Endorsed;
            }
        }
        // A negation that is part of the cue ("nicht verfügbar", "ohne Ton") makes the claim
        // negative; it does not make it someone else's.
        if stance == Stance::Negated
            && polarity == Polarity::Negative
            && relation == Relation::Capability
        {
            stance = Stance::Endorsed;
            reason = "the negation is the claim (negative polarity)".to_owned();
        }
        let quantity = match dimension {
            Dimension::Duration | Dimension::Resolution => quantities
                .iter()
                .find(|(f, _, _)| hs.iter().any(|h| h.first == *f))
                .map(|q| q.2),
            _ => None,
        };
        let region = if dimension == Dimension::Access {
            self.hits
                .iter()
                .find(|h| h.kind == CueKind::Region)
                .map(|h| self.text[ws[h.first].start..ws[h.last].end].to_owned())
        } else {
            None
        };
        let absolute = hs.iter().any(|h| h.kind == CueKind::Absolute);
        let cue = hs
            .iter()
            .map(|h| collapse(&self.text[ws[h.first].start..ws[h.last].end]))
            .collect::<Vec<_>>()
            .join(", ");
        let span = if self.anaphoric {
            cue_span.clone()
        } else {
            subject.start.min(cue_span.start)..subject.end.max(cue_span.end)
        };
        Some(Claim {
            subject: Subject {
                id: subject_id,
                text: subject.text.clone(),
                resolution: subject.resolution,
                span: subject.start..subject.end,
            },
            objects,
            objects_from,
            relation,
            dimension,
            polarity: if matches!(relation, Relation::WorseThan) {
                Polarity::Negative
            } else {
                first.polarity
            },
            stance,
            reason,
            cue,
            quantity,
            region,
            absolute,
            sentence: self.span.clone(),
            span,
        })
    }

    /// True if the word right before byte `at` is a rival marker ("als", "than", "hinter").
    pub(super) fn marked(&self, at: usize) -> bool {
        let Some(i) = self.ws.partition_point(|w| w.end <= at).checked_sub(1) else {
            return false;
        };
        self.hits
            .iter()
            .any(|h| h.kind == CueKind::Marker && h.last == i)
    }

    /// The subject: the last unmarked mention before the cue, else the first unmarked one
    /// after it, else the first mention.
    pub(super) fn subject(&self, cue_start: usize) -> Option<&Mention> {
        let before = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.end <= cue_start && !self.marked(m.start));
        if before.is_none() && self.opens_with_anaphor {
            if let Some(m) = self.context.first() {
                return Some(*m);
            }
        }
        before
            .or_else(|| {
                self.mentions
                    .iter()
                    .find(|m| m.start >= cue_start && !self.marked(m.start))
            })
            .or_else(|| self.mentions.first())
    }

    /// Rivals of a comparison: models named in the sentence, else "all others", the
    /// predecessor, or the models of the sentences before.
    pub(super) fn rivals(
        &self,
        subject: &Mention,
        subject_id: Option<&str>,
    ) -> (Vec<String>, ObjectsFrom) {
        let mut ids: Vec<String> = Vec::new();
        for m in self.mentions {
            if m.start == subject.start {
                continue;
            }
            if let Some(id) = &m.model {
                if Some(id.as_str()) != subject_id && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        if !ids.is_empty() {
            return (ids, ObjectsFrom::Sentence);
        }
        if self.hits.iter().any(|h| h.kind == CueKind::All) {
            return (vec!["all".to_owned()], ObjectsFrom::All);
        }
        if self.hits.iter().any(|h| h.kind == CueKind::Predecessor) {
            if let Some(p) = subject_id.and_then(|id| predecessor(self.registry, id)) {
                return (vec![p], ObjectsFrom::Predecessor);
            }
            return (Vec::new(), ObjectsFrom::Predecessor);
        }
        for m in self.context {
            if let Some(id) = &m.model {
                if Some(id.as_str()) != subject_id && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        if ids.is_empty() {
            (ids, ObjectsFrom::None)
        } else {
            (ids, ObjectsFrom::Context)
        }
    }

    /// The dimension word nearest to word `at` (not one inside a capability cue).
    pub(super) fn nearest_dimension(
        &self,
        at: usize,
        skip: &dyn Fn(usize) -> bool,
    ) -> Option<Dimension> {
        self.hits
            .iter()
            .filter(|h| h.kind == CueKind::Dimension && !skip(h.first))
            .min_by_key(|h| (h.first.abs_diff(at), h.first))
            .and_then(|h| h.dimension)
    }
}

/// The family's base model released last before `id` (for "die Vorgängerversion").
pub(super) fn predecessor(registry: &Registry, id: &str) -> Option<String> {
    let model = registry.model(id)?;
    let base = match &model.variant_of {
        Some(b) => registry.model(b)?,
        None => model,
    };
    let released = base.released?.pred_opt()?;
    registry
        .latest_in_family(&base.family, released)
        .filter(|p| p.id != base.id)
        .map(|p| p.id.clone())
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
