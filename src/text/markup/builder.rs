//! What the Markdown and HTML scanners share: the plain-text `Builder` with its source map,
//! the `Work` budget, and `Next`, a needle look-up remembered between calls.
//!
//! `Work::spend` and `utf8_len` run for every byte and are `#[inline]`, as their callers are
//! in other modules.

use std::ops::Range;

use super::Prepared;
use crate::text::SourceMap;

/// Steps allowed per source byte, and for every document.
const WORK_PER_BYTE: u64 = 16;
const WORK_BASE: u64 = 1 << 16;

/// The scanners' work budget, in steps (a loop turn, a byte searched). Every path is linear,
/// so a document spends a few steps per byte; the budget is a backstop so that a draft
/// hitting a path nobody foresaw cannot stall `check`: the rest of the document is then
/// analyzed as plain text, with a warning.
pub(super) struct Work {
    total: u64,
    left: std::cell::Cell<u64>,
}

impl Work {
    pub(super) fn new(total: u64) -> Work {
        Work {
            total,
            left: std::cell::Cell::new(total),
        }
    }

    pub(super) fn for_len(len: usize) -> Work {
        Work::new(
            WORK_PER_BYTE
                .saturating_mul(len as u64)
                .saturating_add(WORK_BASE),
        )
    }

    /// Spends `n` steps; `false` once the budget is used up.
    #[inline]
    pub(super) fn spend(&self, n: u64) -> bool {
        let left = self.left.get();
        self.left.set(left.saturating_sub(n));
        left >= n && left > 0
    }
}

pub(super) struct Builder<'a> {
    pub(super) src: &'a str,
    pub(super) text: String,
    map: SourceMap,
    pub(super) quoted: Vec<Range<usize>>,
    pub(super) work: &'a Work,
    warnings: Vec<String>,
    /// Where a line scanner ran out of work.
    pub(super) stopped_at: Option<usize>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(src: &'a str, work: &'a Work) -> Self {
        Builder {
            src,
            text: String::with_capacity(src.len()),
            map: SourceMap::identity(),
            quoted: Vec::new(),
            work,
            warnings: Vec::new(),
            stopped_at: None,
        }
    }

    /// Out of work: the source from `from` on is copied as plain text, with a warning.
    pub(super) fn give_up(&mut self, from: usize) {
        self.copy(from..self.src.len());
        self.warnings.push(format!(
            "markup scanning stopped at byte {from} after its work budget of {} steps; the rest is analyzed as plain text",
            self.work.total
        ));
    }

    pub(super) fn copy(&mut self, r: Range<usize>) {
        if r.start >= r.end {
            return;
        }
        self.map.push(self.text.len(), r.start);
        self.text.push_str(&self.src[r]);
    }

    pub(super) fn synth(&mut self, s: &str, orig: usize) {
        self.map.push(self.text.len(), orig);
        self.text.push_str(s);
    }

    pub(super) fn finish(self) -> Prepared {
        Prepared {
            text: self.text,
            map: self.map,
            quoted: self.quoted,
            warnings: self.warnings,
        }
    }
}

/// The next occurrence of one needle, remembered between look-ups.
///
/// The scanners ask "where is the next `>` (or `](`, `)`, `-->`) from here?" at every `<`,
/// `[` or `]`; answering each from scratch makes a line of unclosed constructs (`<a<a<a…`)
/// quadratic. Look-ups move forward only, so an earlier answer that still lies ahead of the
/// new start is the answer again, and one that found nothing stays nothing: every byte is
/// searched at most once per needle and limit.
pub(super) struct Next<'w> {
    needle: &'static str,
    /// (searched from, limit, result).
    last: Option<(usize, usize, Option<usize>)>,
    /// Charged with every byte searched.
    work: &'w Work,
}

impl<'w> Next<'w> {
    pub(super) fn new(needle: &'static str, work: &'w Work) -> Self {
        Next {
            needle,
            last: None,
            work,
        }
    }

    /// The first occurrence of the needle in `src[from..limit]`, as an absolute offset.
    pub(super) fn find(&mut self, src: &str, from: usize, limit: usize) -> Option<usize> {
        if let Some((f, l, found)) = self.last {
            if l == limit && f <= from {
                match found {
                    None => return None,
                    Some(p) if p >= from => return Some(p),
                    Some(_) => {}
                }
            }
        }
        let found = src
            .get(from..limit)
            .and_then(|s| s.find(self.needle))
            .map(|j| from + j);
        self.work
            .spend(found.unwrap_or(limit).saturating_sub(from) as u64);
        self.last = Some((from, limit, found));
        found
    }
}

/// The length of the UTF-8 sequence that starts with byte `first`.
#[inline]
pub(super) fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}
