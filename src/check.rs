//! `check`: analyze drafts and turn hits into located findings for editors.
//!
//! Takes raw bytes of a file (or stdin) and its format; decodes (lossily, with a warning, for
//! invalid UTF-8), refuses binary data, strips markup, analyzes, maps every hit back to a
//! 1-based line and character column of the original, and applies inline suppressions. Hands
//! on a [`FileReport`] that the renderers in `output` print.
use serde::Serialize;

use chrono::NaiveDate;

use crate::analyze::{Analyzer, Options, StanceCounts};
use crate::benchmarks::Dimension;
use crate::claims::{
    Checker, Evidence, Later, ObjectsFrom, Polarity, Quantity, Relation, Stale, Verdict,
};
use crate::models::Resolution;
use crate::text::markup::{self, Format, Suppression};
use crate::text::{Lang, LineIndex};

/// One located finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column (characters) of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column just after the last character.
    pub end_column: usize,
    /// The text as it appears in the document.
    pub text: String,
    /// The lexicon term that matched.
    pub term: String,
    /// Hype category.
    pub category: String,
    /// Stance.
    pub stance: crate::analyze::Stance,
    /// Why that stance.
    pub reason: String,
    /// Lexicon weight.
    pub weight: f32,
    /// Weight that counts toward the Hype Index.
    pub counted: f32,
    /// The sentence it stands in (whitespace collapsed).
    pub sentence: String,
    /// A sober alternative.
    pub suggestion: String,
}

/// The result of checking one document.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// Path as given (`-` or `<stdin>` for standard input).
    pub path: String,
    /// Language analyzed.
    pub lang: Lang,
    /// Input format used.
    #[serde(serialize_with = "ser_format")]
    pub format: Format,
    /// Word count.
    pub words: usize,
    /// Hype Index 0–100.
    pub hype_index: f64,
    /// Endorsed (and reduced hedged) weight per 1,000 words.
    pub density: f64,
    /// Hype discourse 0–100.
    pub discourse_index: f64,
    /// Counted weight.
    pub endorsed_weight: f64,
    /// Weight of quoted, negated and questioned hits.
    pub discourse_weight: f64,
    /// Hits per stance (suppressed hits excluded).
    pub counts: StanceCounts,
    /// All findings (every stance), in text order.
    pub findings: Vec<Finding>,
    /// Hits a sense or target check set aside (praise of a person or film, a prompt's text,
    /// a non-evaluative sense, "the future of X" as a topic): never counted; `reason` says
    /// why. Shown with `--show-all`.
    pub set_aside: Vec<Finding>,
    /// Hits silenced by suppression comments.
    pub suppressed: usize,
    /// Problems that did not stop the analysis (lossy decoding, empty file, unused suppressions).
    pub warnings: Vec<String>,
    /// Claims about models with their verdicts (empty when claims were not checked).
    pub claims: Vec<ClaimFinding>,
    /// The date claims were judged as of (`--date`, else the document's own date, else today).
    pub date: Option<NaiveDate>,
}

/// A located claim with its verdict: what `hypecheck claims` lists and `check` reports.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimFinding {
    /// 1-based line of the claim's first word (subject or cue, whichever comes first).
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column just after the last character.
    pub end_column: usize,
    /// Registry id of the subject model (`null` if the mention did not resolve).
    pub subject: Option<String>,
    /// The subject as written.
    pub subject_text: String,
    /// How the subject mention was tied to a model.
    pub resolution: Resolution,
    /// Registry ids of the rivals, or `["all"]`.
    pub objects: Vec<String>,
    /// Where the rivals came from.
    pub objects_from: ObjectsFrom,
    /// What kind of claim: superlative, comparative, capability, replacement.
    pub relation: Relation,
    /// The dimension the claim is about.
    pub dimension: Dimension,
    /// Positive or negative claim.
    pub polarity: Polarity,
    /// The author's stance toward the claim.
    pub stance: crate::analyze::Stance,
    /// Why that stance.
    pub stance_reason: String,
    /// True for endorsed and hedged claims: the author's own.
    pub authors: bool,
    /// The words that make it a claim.
    pub cue: String,
    /// A number the claim names (clip length in seconds, resolution in lines).
    pub quantity: Option<Quantity>,
    /// A region an access claim names.
    pub region: Option<String>,
    /// supported, contradicted or unverifiable.
    pub verdict: Verdict,
    /// Why that verdict, in one sentence.
    pub reason: String,
    /// The as-of date of the verdict.
    pub date: NaiveDate,
    /// The rows that decided it.
    pub evidence: Vec<Evidence>,
    /// What the latest data says, if it judges differently.
    pub later: Option<Later>,
    /// Set when the newest evidence is older than the allowed age ("judged on data from …").
    pub stale: Option<Stale>,
    /// The sentence (whitespace collapsed).
    pub sentence: String,
}

/// Claim checking for [`check_with_claims`]: the loaded data, the `--date` if given, and
/// today's date (claims of a document without a date of its own are judged as of `today`;
/// passed in, so checking stays a pure function of its inputs).
#[derive(Debug, Clone, Copy)]
pub struct ClaimOptions<'a> {
    /// The claim checker (registry, measured outcomes, cue words).
    pub checker: &'a Checker<'a>,
    /// Judge as of this date instead of the document's own date.
    pub date: Option<NaiveDate>,
    /// The date used when neither `date` nor the document gives one.
    pub today: NaiveDate,
}

fn ser_format<S: serde::Serializer>(f: &Format, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match f {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    })
}

/// Why a document could not be analyzed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CheckError {
    /// Binary data.
    #[error("looks like a binary file (NUL byte at offset {0}); only text, Markdown and HTML can be checked")]
    Binary(usize),
}

/// Bytes looked at for a NUL byte before a document counts as text.
pub const SNIFF_LEN: usize = 8192;

/// Largest document `check` reads (64 MiB): far above any draft, below what would exhaust
/// memory in the analysis (which keeps several copies and an offset map).
pub const MAX_DOCUMENT: u64 = 64 * 1024 * 1024;

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Binary data in the first [`SNIFF_LEN`] bytes.
    #[error("looks like a binary file (NUL byte at offset {0}); only text, Markdown and HTML can be checked")]
    Binary(usize),
    /// More than [`MAX_DOCUMENT`] bytes.
    #[error("larger than {0} bytes; only drafts and articles can be checked, not whole archives")]
    TooLarge(u64),
    /// The reader failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// The message for a document called `what` (`file`, `standard input`).
    pub fn describe(&self, what: &str) -> String {
        match self {
            ReadError::Io(e) => format!("could not read {what}: {e}"),
            other => other.to_string(),
        }
    }
}

/// Reads a document: first a prefix of [`SNIFF_LEN`] bytes, refused as binary if it holds a
/// NUL byte, and only then the rest, up to `max` bytes. `check /dev/zero` thus stops after
/// 8 KiB instead of reading forever, and an endless text stream stops at the cap.
pub fn read_document(r: impl std::io::Read, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut r = r.take(max.saturating_add(1));
    let mut buf = Vec::new();
    (&mut r).take(SNIFF_LEN as u64).read_to_end(&mut buf)?;
    if let Some(pos) = buf.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary(pos));
    }
    if buf.len() == SNIFF_LEN {
        r.read_to_end(&mut buf)?;
    }
    if buf.len() as u64 > max {
        return Err(ReadError::TooLarge(max));
    }
    Ok(buf)
}

/// Decodes bytes as UTF-8; invalid sequences are replaced and reported.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), CheckError> {
    if let Some(pos) = bytes.iter().take(SNIFF_LEN).position(|&b| b == 0) {
        return Err(CheckError::Binary(pos));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), None)),
        Err(e) => {
            let at = e.valid_up_to();
            Ok((
                String::from_utf8_lossy(bytes).into_owned(),
                Some(format!(
                    "invalid UTF-8 at byte {at}; decoded lossily (invalid bytes shown as U+FFFD)"
                )),
            ))
        }
    }
}

/// A hit as a finding located in the source (`index` walks the source forwards, so hits are
/// located in text order).
fn locate(
    h: &crate::analyze::Hit,
    source: &str,
    prepared: &markup::Prepared,
    analysis: &crate::analyze::Analysis,
    index: &mut LineIndex<'_>,
) -> Finding {
    let o_start = prepared.map.to_orig(h.start);
    let o_end = prepared
        .map
        .to_orig(h.end.saturating_sub(1))
        .saturating_add(1);
    let (line, column) = index.position(o_start);
    let last_char = crate::text::position::floor_char_boundary(source, o_end.saturating_sub(1));
    let (end_line, end_col_last) = index.position(last_char);
    Finding {
        line,
        column,
        end_line,
        end_column: end_col_last + 1,
        text: collapse_ws(prepared.text.get(h.start..h.end).unwrap_or("")),
        term: h.term.to_string(),
        category: h.category.to_string(),
        stance: h.stance,
        reason: h.reason.clone(),
        weight: h.weight,
        counted: h.counted,
        sentence: analysis
            .sentences
            .get(h.sentence)
            .and_then(|r| prepared.text.get(r.clone()))
            .map(collapse_ws)
            .unwrap_or_default(),
        suggestion: h.suggestion.to_string(),
    }
}

/// Checks one document for hype (no claims).
pub fn check(
    analyzer: &mut Analyzer,
    path: &str,
    bytes: &[u8],
    format: Format,
    lang: Option<Lang>,
) -> Result<FileReport, CheckError> {
    check_with_claims(analyzer, path, bytes, format, lang, None)
}

/// Checks one document for hype and, with `claims`, for claims about models judged against
/// the benchmark data as of `--date`, the document's own date, or today.
pub fn check_with_claims(
    analyzer: &mut Analyzer,
    path: &str,
    bytes: &[u8],
    format: Format,
    lang: Option<Lang>,
    claims: Option<ClaimOptions<'_>>,
) -> Result<FileReport, CheckError> {
    let (source, lossy) = decode(bytes)?;
    let mut warnings: Vec<String> = lossy.into_iter().collect();
    if source.trim().is_empty() {
        warnings.push("empty file: nothing to analyze".to_owned());
    }
    let prepared = markup::prepare(&source, format);
    warnings.extend(prepared.warnings.iter().cloned());
    let analysis = analyzer.analyze(
        &prepared.text,
        &Options {
            lang,
            quoted_regions: prepared.quoted.clone(),
        },
    );
    let suppressions = markup::suppressions(&source);
    let mut used = vec![false; suppressions.len()];
    let mut index = LineIndex::new(&source);
    let mut findings = Vec::with_capacity(analysis.hits.len());
    let mut counts = StanceCounts::default();
    let (mut endorsed_weight, mut discourse_weight) = (0.0f64, 0.0f64);
    let mut suppressed = 0;
    for h in &analysis.hits {
        let f = locate(h, &source, &prepared, &analysis, &mut index);
        if let Some(k) = suppressed_by(&suppressions, f.line, &h.category) {
            used[k] = true;
            suppressed += 1;
            continue;
        }
        match h.stance {
            crate::analyze::Stance::Endorsed | crate::analyze::Stance::Hedged => {
                endorsed_weight += f64::from(h.counted);
            }
            _ => discourse_weight += f64::from(h.weight),
        }
        counts.add_stance(h.stance, 1);
        findings.push(f);
    }
    // Hits a sense or target check set aside: shown with `--show-all`, never counted.
    let mut index = LineIndex::new(&source);
    let set_aside: Vec<Finding> = analysis
        .ignored
        .iter()
        .map(|h| Finding {
            counted: 0.0,
            ..locate(h, &source, &prepared, &analysis, &mut index)
        })
        .collect();
    for (s, u) in suppressions.iter().zip(&used) {
        if !u {
            warnings.push(format!(
                "line {}: unused suppression comment (no hype on this or the next line)",
                s.line
            ));
        }
    }
    let mut claim_findings = Vec::new();
    let mut date = None;
    if let Some(opts) = claims {
        let d = opts
            .date
            .or_else(|| crate::claims::document_date(&source))
            .unwrap_or(opts.today);
        date = Some(d);
        let mut index = LineIndex::new(&source);
        for j in opts.checker.check(&prepared.text, &analysis, d) {
            let c = &j.claim;
            // The checker shares judgments with its memo: this finding takes a copy.
            let judgment = std::sync::Arc::unwrap_or_clone(j.judgment);
            let o_start = prepared.map.to_orig(c.span.start);
            let o_end = prepared
                .map
                .to_orig(c.span.end.saturating_sub(1))
                .saturating_add(1);
            let (line, column) = index.position(o_start);
            let last_char =
                crate::text::position::floor_char_boundary(&source, o_end.saturating_sub(1));
            let (end_line, end_col_last) = index.position(last_char);
            claim_findings.push(ClaimFinding {
                line,
                column,
                end_line,
                end_column: end_col_last + 1,
                subject: c.subject.id.clone(),
                subject_text: c.subject.text.clone(),
                resolution: c.subject.resolution,
                objects: c.objects.clone(),
                objects_from: c.objects_from,
                relation: c.relation,
                dimension: c.dimension,
                polarity: c.polarity,
                stance: c.stance,
                stance_reason: c.reason.clone(),
                authors: c.is_authors(),
                cue: c.cue.clone(),
                quantity: c.quantity,
                region: c.region.clone(),
                verdict: judgment.verdict,
                reason: judgment.reason,
                date: judgment.date,
                evidence: judgment.evidence,
                later: judgment.later,
                stale: judgment.stale,
                sentence: prepared
                    .text
                    .get(c.sentence.clone())
                    .map(collapse_ws)
                    .unwrap_or_default(),
            });
        }
    }
    let density = crate::analyze::score::density(endorsed_weight, analysis.words);
    Ok(FileReport {
        path: path.to_owned(),
        lang: analysis.lang,
        format,
        words: analysis.words,
        hype_index: crate::analyze::score::index(density),
        density: (density * 100.0).round() / 100.0,
        discourse_index: crate::analyze::score::index(crate::analyze::score::density(
            discourse_weight,
            analysis.words,
        )),
        endorsed_weight: (endorsed_weight * 1000.0).round() / 1000.0,
        discourse_weight: (discourse_weight * 1000.0).round() / 1000.0,
        counts,
        findings,
        set_aside,
        suppressed,
        warnings,
        claims: claim_findings,
        date,
    })
}

fn suppressed_by(sups: &[Suppression], line: usize, category: &str) -> Option<usize> {
    sups.iter().position(|s| {
        (s.line == line || s.line + 1 == line)
            && (s.categories.is_empty() || s.categories.iter().any(|c| c == category))
    })
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(600));
    for (i, w) in s.split_whitespace().enumerate() {
        if out.len() > 500 {
            out.push_str(" …");
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
