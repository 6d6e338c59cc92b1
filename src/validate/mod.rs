//! Validation of the analyzer against a coded sample (`hypecheck validate`).
//!
//! A research team codes a sample by hand (`docs/codebook.md`): document-level hype ratings
//! 0–4 and, per document, every hype expression with the author's stance and a category. This
//! module reads such a sample ([`sample`]), runs the analyzer on every text with the document's
//! language forced, matches tool hits to coded spans by byte overlap and computes the figures a
//! content analysis reports ([`metrics`]): hit-level precision, recall and F1, stance accuracy,
//! a confusion matrix, Cohen's κ and Krippendorff's α, and at document level Spearman's ρ and
//! AUC of the Hype Index (and of a raw hit count) against the ratings. [`render`] turns the
//! result into text, JSON or CSV.
//!
//! Matching: a coded span is *found* when at least one tool hit (any stance, any category)
//! overlaps its byte range; a tool hit is *correct* when it overlaps some coded span. The tool
//! stance of a found span is that of the overlapping hit with the largest overlap (the first
//! in text order on a tie).
pub mod metrics;
pub mod render;
pub mod sample;

use serde::Serialize;

use crate::analyze::{Analysis, Analyzer, Options, Stance};
use crate::lexicon::CATEGORIES;
use crate::text::Lang;

pub use sample::{load, CodedSpan, Doc, Problem, Sample, Split, STANCES};

/// What to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Only documents of this split (`None`: all).
    pub split: Option<Split>,
    /// Only documents of this language (`None`: both, reported per language and overall).
    pub lang: Option<Lang>,
    /// How many misses and wrong hits to list (`None`: all).
    pub list: Option<usize>,
}

/// Counts and rates of one row of the detection table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// Row label: `overall`, a stance or a category.
    pub label: String,
    /// Coded spans (of this coded stance/category).
    pub spans: usize,
    /// Of those, found by some tool hit.
    pub found: usize,
    /// Tool hits (of this tool stance/category).
    pub hits: usize,
    /// Of those, overlapping some coded span.
    pub correct: usize,
    /// correct / hits.
    pub precision: Option<f64>,
    /// found / spans.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

impl Detection {
    fn new(label: &str, spans: usize, found: usize, hits: usize, correct: usize) -> Self {
        let precision = metrics::ratio(correct, hits);
        let recall = metrics::ratio(found, spans);
        Detection {
            label: label.to_owned(),
            spans,
            found,
            hits,
            correct,
            precision: round(precision),
            recall: round(recall),
            f1: round(metrics::f1(precision, recall)),
        }
    }
}

/// Stance agreement on found spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceAgreement {
    /// Found spans (the units compared).
    pub matched: usize,
    /// Of those, the tool stance equals the coded stance.
    pub agree: usize,
    /// agree / matched.
    pub accuracy: Option<f64>,
    /// Cohen's κ, coders vs tool.
    pub kappa: Option<f64>,
    /// Krippendorff's α (nominal), coders vs tool.
    pub alpha: Option<f64>,
}

/// Coded stance × tool stance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    /// Row labels: the five coded stances, then `wrong hit` (tool hits overlapping no span).
    pub rows: Vec<String>,
    /// Column labels: the five tool stances, then `missed` (coded spans no hit overlaps).
    pub columns: Vec<String>,
    /// `cells[row][column]`; the `wrong hit` × `missed` cell is always 0.
    pub cells: Vec<Vec<usize>>,
}

/// Document-level agreement of scores with the ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentLevel {
    /// Rated documents.
    pub rated: usize,
    /// Rated 2 or higher.
    pub positives: usize,
    /// Rated 0 or 1.
    pub negatives: usize,
    /// Spearman's ρ of the Hype Index against the ratings.
    pub spearman_hype_index: Option<f64>,
    /// Spearman's ρ of the raw hit count per 1,000 words against the ratings.
    pub spearman_raw_count: Option<f64>,
    /// AUC of the Hype Index for rated ≥ 2 vs ≤ 1.
    pub auc_hype_index: Option<f64>,
    /// AUC of the raw hit count for rated ≥ 2 vs ≤ 1.
    pub auc_raw_count: Option<f64>,
}

/// All figures of one language (or `all`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// `de`, `en` or `all`.
    pub lang: String,
    /// Documents.
    pub docs: usize,
    /// Words in them.
    pub words: usize,
    /// Hit-level detection overall.
    pub detection: Detection,
    /// Rows per stance: recall over coded stance, precision over tool stance.
    pub by_stance: Vec<Detection>,
    /// Rows per category: recall over coded category, precision over tool category.
    pub by_category: Vec<Detection>,
    /// Stance agreement on found spans.
    pub stance: StanceAgreement,
    /// Confusion matrix.
    pub confusion: Confusion,
    /// Document level.
    pub documents: DocumentLevel,
}

/// Per-document figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocResult {
    /// Document id.
    pub doc: String,
    /// Language.
    pub lang: Lang,
    /// Split.
    pub split: Split,
    /// Rating, if rated.
    pub rating: Option<u8>,
    /// Words (as the analyzer counts them).
    pub words: usize,
    /// Hype Index.
    pub hype_index: f64,
    /// All tool hits (any stance) per 1,000 words.
    pub raw_per_1000: f64,
    /// Tool hits.
    pub hits: usize,
    /// Coded spans.
    pub spans: usize,
    /// Coded spans found.
    pub found: usize,
}

/// A coded span no tool hit overlaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Document id.
    pub doc: String,
    /// Language.
    pub lang: Lang,
    /// The coded expression.
    pub expression: String,
    /// Its occurrence number.
    pub occurrence: usize,
    /// Coded stance.
    pub stance: Stance,
    /// Coded category.
    pub category: String,
    /// Coder's family tag.
    pub kind: String,
    /// The sentence around it (whitespace collapsed).
    pub sentence: String,
    /// Line in the spans file.
    pub line: usize,
}

/// A tool hit that overlaps no coded span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongHit {
    /// Document id.
    pub doc: String,
    /// Language.
    pub lang: Lang,
    /// The matched text.
    pub text: String,
    /// Tool stance.
    pub stance: Stance,
    /// Lexicon category.
    pub category: String,
    /// Lexicon term.
    pub term: String,
    /// The sentence around it (whitespace collapsed).
    pub sentence: String,
    /// Byte offset in the text.
    pub start: usize,
}

/// A coded span the tool found with another stance than the coder's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// Document id.
    pub doc: String,
    /// Language.
    pub lang: Lang,
    /// The coded expression.
    pub expression: String,
    /// Its occurrence number.
    pub occurrence: usize,
    /// Coded stance.
    pub coded: Stance,
    /// The stance of the tool hit that overlaps it most.
    pub tool: Stance,
    /// Why the tool decided so (the stance rule's reason).
    pub reason: String,
    /// Lexicon term of that hit.
    pub term: String,
    /// The sentence around it (whitespace collapsed).
    pub sentence: String,
    /// Line in the spans file.
    pub line: usize,
}

/// A list cut to `--list N`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listed<T> {
    /// How many there are.
    pub total: usize,
    /// The first of them (all with `--list all`).
    pub items: Vec<T>,
}

/// The whole validation result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    /// `dev`, `holdout` or `all`.
    pub split: String,
    /// Per language (in order `de`, `en`), then `all` when both are evaluated.
    pub groups: Vec<Group>,
    /// Per document, in docs-file order.
    pub documents: Vec<DocResult>,
    /// Coded spans no hit overlaps.
    pub misses: Listed<Miss>,
    /// Hits overlapping no coded span.
    pub wrong_hits: Listed<WrongHit>,
    /// Coded spans found with another stance.
    pub disagreements: Listed<Disagreement>,
}

/// One coded span after matching.
struct SpanOut {
    lang: Lang,
    stance: Stance,
    category: String,
    tool: Option<Stance>,
}

/// One tool hit after matching.
struct HitOut {
    lang: Lang,
    stance: Stance,
    category: String,
    correct: bool,
}

/// Rounds to 4 decimals (figures are for reading; full precision would suggest accuracy the
/// sample does not have).
fn round(x: Option<f64>) -> Option<f64> {
    x.map(|v| (v * 1e4).round() / 1e4)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn sentence_of(text: &str, a: &Analysis, offset: usize) -> String {
    let i = a.sentences.partition_point(|s| s.end <= offset);
    let r = a
        .sentences
        .get(i)
        .filter(|s| s.start <= offset)
        .cloned()
        .unwrap_or(offset..offset);
    text[r].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs `analyzer` over the sample and computes every figure.
pub fn evaluate(sample: &Sample, analyzer: &mut Analyzer, settings: &Settings) -> Validation {
    let mut spans_out = Vec::new();
    let mut hits_out = Vec::new();
    let mut documents = Vec::new();
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    let mut disagree = Vec::new();
    for (di, doc) in sample.docs.iter().enumerate() {
        if settings.split.is_some_and(|s| s != doc.split)
            || settings.lang.is_some_and(|l| l != doc.lang)
        {
            continue;
        }
        let text = &doc.text;
        let a = analyzer.analyze(
            text,
            &Options {
                lang: Some(doc.lang),
                ..Options::default()
            },
        );
        let spans: Vec<&CodedSpan> = sample.spans.iter().filter(|s| s.doc == di).collect();
        let mut found = 0;
        for s in &spans {
            let mut best: Option<(usize, &crate::analyze::Hit)> = None;
            for h in &a.hits {
                let o = overlap((s.start, s.end), (h.start, h.end));
                if o > 0 && best.is_none_or(|(b, _)| o > b) {
                    best = Some((o, h));
                }
            }
            if let Some((_, h)) = best {
                found += 1;
                if h.stance != s.stance {
                    disagree.push(Disagreement {
                        doc: doc.id.clone(),
                        lang: doc.lang,
                        expression: s.expression.clone(),
                        occurrence: s.occurrence,
                        coded: s.stance,
                        tool: h.stance,
                        reason: h.reason.clone(),
                        term: h.term.to_string(),
                        sentence: sentence_of(text, &a, s.start),
                        line: s.line,
                    });
                }
            } else {
                misses.push(Miss {
                    doc: doc.id.clone(),
                    lang: doc.lang,
                    expression: s.expression.clone(),
                    occurrence: s.occurrence,
                    stance: s.stance,
                    category: s.category.clone(),
                    kind: s.kind.clone(),
                    sentence: sentence_of(text, &a, s.start),
                    line: s.line,
                });
            }
            spans_out.push(SpanOut {
                lang: doc.lang,
                stance: s.stance,
                category: s.category.clone(),
                tool: best.map(|(_, h)| h.stance),
            });
        }
        for h in &a.hits {
            let correct = spans
                .iter()
                .any(|s| overlap((s.start, s.end), (h.start, h.end)) > 0);
            if !correct {
                wrong.push(WrongHit {
                    doc: doc.id.clone(),
                    lang: doc.lang,
                    text: text[h.start..h.end].to_owned(),
                    stance: h.stance,
                    category: h.category.to_string(),
                    term: h.term.to_string(),
                    sentence: sentence_of(text, &a, h.start),
                    start: h.start,
                });
            }
            hits_out.push(HitOut {
                lang: doc.lang,
                stance: h.stance,
                category: h.category.to_string(),
                correct,
            });
        }
        let raw = if a.words == 0 {
            0.0
        } else {
            a.hits.len() as f64 * 1000.0 / a.words as f64
        };
        documents.push(DocResult {
            doc: doc.id.clone(),
            lang: doc.lang,
            split: doc.split,
            rating: doc.rating,
            words: a.words,
            hype_index: a.hype_index(),
            raw_per_1000: raw,
            hits: a.hits.len(),
            spans: spans.len(),
            found,
        });
    }
    let mut groups = Vec::new();
    let langs: Vec<Lang> = match settings.lang {
        Some(l) => vec![l],
        None => vec![Lang::De, Lang::En],
    };
    for &l in &langs {
        groups.push(group(l.code(), Some(l), &spans_out, &hits_out, &documents));
    }
    if langs.len() > 1 {
        groups.push(group("all", None, &spans_out, &hits_out, &documents));
    }
    let cut = |n: usize| settings.list.unwrap_or(n).min(n);
    let (nm, nw, nd) = (misses.len(), wrong.len(), disagree.len());
    misses.truncate(cut(nm));
    wrong.truncate(cut(nw));
    disagree.truncate(cut(nd));
    Validation {
        split: settings.split.map_or("all", Split::as_str).to_owned(),
        groups,
        documents,
        misses: Listed {
            total: nm,
            items: misses,
        },
        wrong_hits: Listed {
            total: nw,
            items: wrong,
        },
        disagreements: Listed {
            total: nd,
            items: disagree,
        },
    }
}

fn stance_index(s: Stance) -> usize {
    STANCES.iter().position(|&x| x == s).unwrap_or(0)
}

fn group(
    label: &str,
    lang: Option<Lang>,
    spans: &[SpanOut],
    hits: &[HitOut],
    docs: &[DocResult],
) -> Group {
    let keep = |l: Lang| lang.is_none_or(|x| x == l);
    let spans: Vec<&SpanOut> = spans.iter().filter(|s| keep(s.lang)).collect();
    let hits: Vec<&HitOut> = hits.iter().filter(|h| keep(h.lang)).collect();
    let docs: Vec<&DocResult> = docs.iter().filter(|d| keep(d.lang)).collect();

    let row = |label: &str, sp: &dyn Fn(&SpanOut) -> bool, hp: &dyn Fn(&HitOut) -> bool| {
        let s: Vec<&&SpanOut> = spans.iter().filter(|s| sp(s)).collect();
        let h: Vec<&&HitOut> = hits.iter().filter(|h| hp(h)).collect();
        Detection::new(
            label,
            s.len(),
            s.iter().filter(|s| s.tool.is_some()).count(),
            h.len(),
            h.iter().filter(|h| h.correct).count(),
        )
    };
    let detection = row("overall", &|_| true, &|_| true);
    let by_stance = STANCES
        .iter()
        .map(|&st| row(st.as_str(), &|s| s.stance == st, &|h| h.stance == st))
        .collect();
    let by_category = CATEGORIES
        .iter()
        .map(|&c| row(c, &|s| s.category == c, &|h| h.category == c))
        .collect();

    let pairs: Vec<(usize, usize)> = spans
        .iter()
        .filter_map(|s| s.tool.map(|t| (stance_index(s.stance), stance_index(t))))
        .collect();
    let agree = pairs.iter().filter(|(a, b)| a == b).count();
    let k = STANCES.len();
    let stance = StanceAgreement {
        matched: pairs.len(),
        agree,
        accuracy: round(metrics::ratio(agree, pairs.len())),
        kappa: round(metrics::cohen_kappa(&pairs, k)),
        alpha: round(metrics::krippendorff_alpha_nominal(&pairs, k)),
    };

    let mut cells = vec![vec![0usize; k + 1]; k + 1];
    for s in &spans {
        let r = stance_index(s.stance);
        let c = s.tool.map_or(k, stance_index);
        cells[r][c] += 1;
    }
    for h in hits.iter().filter(|h| !h.correct) {
        cells[k][stance_index(h.stance)] += 1;
    }
    let names = || STANCES.iter().map(|s| s.as_str().to_owned());
    let confusion = Confusion {
        rows: names().chain(["wrong hit".to_owned()]).collect(),
        columns: names().chain(["missed".to_owned()]).collect(),
        cells,
    };

    let rated: Vec<&&DocResult> = docs.iter().filter(|d| d.rating.is_some()).collect();
    let ratings: Vec<f64> = rated
        .iter()
        .map(|d| f64::from(d.rating.unwrap_or(0)))
        .collect();
    let hi: Vec<f64> = rated.iter().map(|d| d.hype_index).collect();
    let raw: Vec<f64> = rated.iter().map(|d| d.raw_per_1000).collect();
    let positive: Vec<bool> = rated.iter().map(|d| d.rating >= Some(2)).collect();
    let positives = positive.iter().filter(|&&p| p).count();
    let documents = DocumentLevel {
        rated: rated.len(),
        positives,
        negatives: rated.len() - positives,
        spearman_hype_index: round(metrics::spearman(&hi, &ratings)),
        spearman_raw_count: round(metrics::spearman(&raw, &ratings)),
        auc_hype_index: round(metrics::auc(&hi, &positive)),
        auc_raw_count: round(metrics::auc(&raw, &positive)),
    };

    Group {
        lang: label.to_owned(),
        docs: docs.len(),
        words: docs.iter().map(|d| d.words).sum(),
        detection,
        by_stance,
        by_category,
        stance,
        confusion,
        documents,
    }
}
