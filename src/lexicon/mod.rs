//! Lexicons: loading, validation and the compiled matcher.
//!
//! A lexicon set is a directory of plain TSV files (see `lexicons/README.md`): per language
//! `hype.tsv` (term, category, weight, sober alternative), `boosters.tsv`, `hedges.tsv`,
//! `negators.tsv`, `attribution.tsv`, `answers.tsv`; plus `categories.tsv` (rule docs) and
//! `VERSION`. The shipped set is embedded in the binary and used unless `--lexicons DIR` is
//! given. Validation collects every malformed line as `file:line: message` instead of stopping
//! at the first, so a lexicon author fixes them in one go.
pub mod matcher;
pub mod pattern;

use std::fmt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::text::Lang;

pub use matcher::{EntryId, Matcher};

/// The hype categories every lexicon may use; `categories.tsv` documents each.
pub const CATEGORIES: &[&str] = &[
    "superlative",
    "revolution",
    "industry-killer",
    "awe",
    "novelty",
    "certainty",
    "puffery",
];

/// One hype term.
#[derive(Debug, Clone, PartialEq)]
pub struct HypeEntry {
    /// The term or phrase as written in the file.
    pub term: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// Hype weight (0.25–3.0).
    pub weight: f32,
    /// A sober alternative for editors.
    pub alternative: String,
}

/// Where a negator stands relative to the hit it negates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NegPosition {
    /// Before the hit ("kein Gamechanger").
    Before,
    /// After the hit ("Revolution, nein.").
    After,
}

/// Kind of attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    /// Marks the next word as someone else's ("sogenannt", "so-called").
    Marker,
    /// Reported speech: the sentence reports someone's words ("says", "laut").
    Speech,
}

/// A cue term with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue<T> {
    /// The term or phrase.
    pub term: String,
    /// Its value (factor, position, kind, answer).
    pub value: T,
}

/// The lexicon of one language.
#[derive(Debug, Clone, Default)]
pub struct LangLexicon {
    /// Hype terms.
    pub hype: Vec<HypeEntry>,
    /// Boosters with their factor (> 1).
    pub boosters: Vec<Cue<f32>>,
    /// Hedges with their factor (< 1).
    pub hedges: Vec<Cue<f32>>,
    /// Negators.
    pub negators: Vec<Cue<NegPosition>>,
    /// Attribution and quotation cues.
    pub attribution: Vec<Cue<AttrKind>>,
    /// Short answers to a question: `true` = yes, `false` = no.
    pub answers: Vec<Cue<bool>>,
    /// Slot lists for patterns (`{INDUSTRY}` → Hollywood, Filmbranche, …), from `slots.tsv`.
    pub slots: std::collections::HashMap<String, Vec<String>>,
    /// Sense and target checks, from `senses.tsv`.
    pub senses: Vec<SenseRule>,
}

/// The checks a `senses.tsv` row can ask for (see `lexicons/README.md`).
pub const SENSE_CHECKS: &[&str] = &[
    "sense", "person", "work", "outlet", "harm", "prompt", "change",
];

/// One row of `senses.tsv`: a hype term (or a group of them) and a check with its cue.
#[derive(Debug, Clone, PartialEq)]
pub struct SenseRule {
    /// `*` (every praise term), `word*` (hype terms beginning with it) or one hype term.
    pub term: String,
    /// One of [`SENSE_CHECKS`].
    pub check: String,
    /// The cue: a phrase or pattern.
    pub cue: String,
}

/// Documentation of one hype category (from `categories.tsv`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CategoryDoc {
    /// Category id.
    pub category: String,
    /// Short title.
    pub title: String,
    /// What it flags.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// German example.
    pub example_de: String,
    /// English example.
    pub example_en: String,
    /// Sober alternative advice.
    pub alternative: String,
}

/// A complete lexicon set.
#[derive(Debug, Clone)]
pub struct LexiconSet {
    /// Where it came from: `embedded` or the directory.
    pub origin: String,
    /// The `VERSION` line.
    pub version: String,
    /// First 16 hex digits of the SHA-256 over all files.
    pub hash: String,
    /// German.
    pub de: LangLexicon,
    /// English.
    pub en: LangLexicon,
    /// Category docs.
    pub categories: Vec<CategoryDoc>,
}

impl LexiconSet {
    /// The lexicon of `lang`.
    pub fn lang(&self, lang: Lang) -> &LangLexicon {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    /// The documentation of `category`, if any.
    pub fn category_doc(&self, category: &str) -> Option<&CategoryDoc> {
        self.categories.iter().find(|c| c.category == category)
    }
}

/// One problem in a lexicon file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// File (relative to the lexicon directory).
    pub file: String,
    /// 1-based line; 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// Errors loading a lexicon set.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("could not read lexicon file `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The directory does not exist or is not a directory.
    #[error("lexicon directory `{0}` does not exist or is not a directory")]
    NotADirectory(PathBuf),
    /// Malformed entries.
    #[error("invalid lexicon in `{origin}`:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Where the set came from.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

const LANG_FILES: &[&str] = &[
    "hype.tsv",
    "boosters.tsv",
    "hedges.tsv",
    "negators.tsv",
    "attribution.tsv",
    "answers.tsv",
    "slots.tsv",
    "senses.tsv",
];

macro_rules! embedded_lang {
    ($lang:literal) => {
        [
            include_str!(concat!("../../lexicons/", $lang, "/hype.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/boosters.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/hedges.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/negators.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/attribution.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/answers.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/slots.tsv")),
            include_str!(concat!("../../lexicons/", $lang, "/senses.tsv")),
        ]
    };
}

const EMBEDDED_DE: [&str; 8] = embedded_lang!("de");
const EMBEDDED_EN: [&str; 8] = embedded_lang!("en");
const EMBEDDED_CATEGORIES: &str = include_str!("../../lexicons/categories.tsv");
const EMBEDDED_VERSION: &str = include_str!("../../lexicons/VERSION");

/// File contents of a set, in a fixed order, before parsing.
struct Sources {
    origin: String,
    de: Vec<Option<String>>,
    en: Vec<Option<String>>,
    categories: Option<String>,
    version: Option<String>,
}

/// The shipped lexicon set, embedded in the binary.
pub fn embedded() -> Result<LexiconSet, LexiconError> {
    let own = |a: [&str; 8]| a.iter().map(|s| Some((*s).to_owned())).collect();
    parse_sources(Sources {
        origin: "embedded".to_owned(),
        de: own(EMBEDDED_DE),
        en: own(EMBEDDED_EN),
        categories: Some(EMBEDDED_CATEGORIES.to_owned()),
        version: Some(EMBEDDED_VERSION.to_owned()),
    })
}

/// Loads a lexicon set from `dir` (`dir/de/*.tsv`, `dir/en/*.tsv`, `dir/categories.tsv`,
/// `dir/VERSION`). Each language needs `hype.tsv`; the cue files, `slots.tsv` and `senses.tsv` are
/// optional.
pub fn load_dir(dir: &Path) -> Result<LexiconSet, LexiconError> {
    if !dir.is_dir() {
        return Err(LexiconError::NotADirectory(dir.to_owned()));
    }
    let read_opt = |p: PathBuf| -> Result<Option<String>, LexiconError> {
        match std::fs::read(&p) {
            Ok(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|e| LexiconError::Io {
                    path: p.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(LexiconError::Io { path: p, source: e }),
        }
    };
    let mut de = Vec::new();
    let mut en = Vec::new();
    for f in LANG_FILES {
        de.push(read_opt(dir.join("de").join(f))?);
        en.push(read_opt(dir.join("en").join(f))?);
    }
    parse_sources(Sources {
        origin: dir.display().to_string(),
        de,
        en,
        categories: read_opt(dir.join("categories.tsv"))?,
        version: read_opt(dir.join("VERSION"))?,
    })
}

/// Builds a lexicon set from file contents given as `(lang, file name, content)`, e.g.
/// `("de", "hype.tsv", "…")`; files not given are absent (each language needs `hype.tsv`).
/// `categories.tsv` and `VERSION` are given with lang `""`. Validation is the same as
/// [`load_dir`]'s, with `origin` in place of the directory in messages.
pub fn from_texts(origin: &str, files: &[(&str, &str, &str)]) -> Result<LexiconSet, LexiconError> {
    let find = |lang: &str, name: &str| {
        files
            .iter()
            .find(|(l, n, _)| *l == lang && *n == name)
            .map(|(_, _, c)| (*c).to_owned())
    };
    parse_sources(Sources {
        origin: origin.to_owned(),
        de: LANG_FILES.iter().map(|f| find("de", f)).collect(),
        en: LANG_FILES.iter().map(|f| find("en", f)).collect(),
        categories: find("", "categories.tsv"),
        version: find("", "VERSION"),
    })
}

/// Checks one term for pattern syntax: `(file, line, term, problems)`; false (with a problem
/// added) when the term is a malformed pattern.
type PatternCheck<'a> = dyn Fn(&str, usize, &str, &mut Vec<Problem>) -> bool + 'a;

fn parse_sources(src: Sources) -> Result<LexiconSet, LexiconError> {
    let mut problems = Vec::new();
    let mut hasher = Sha256::new();
    for (lang, files) in [("de", &src.de), ("en", &src.en)] {
        for (name, content) in LANG_FILES.iter().zip(files.iter()) {
            if let Some(c) = content {
                hasher.update(format!("{lang}/{name}\0").as_bytes());
                hasher.update(c.as_bytes());
            }
        }
    }
    if let Some(c) = &src.categories {
        hasher.update(b"categories.tsv\0");
        hasher.update(c.as_bytes());
    }
    let digest = hasher.finalize();
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();

    let categories = match &src.categories {
        Some(c) => parse_categories(c, &mut problems),
        None => Vec::new(),
    };
    let known: Vec<&str> = if categories.is_empty() {
        CATEGORIES.to_vec()
    } else {
        categories.iter().map(|c| c.category.as_str()).collect()
    };
    let de = parse_lang("de", &src.de, &known, &mut problems);
    let en = parse_lang("en", &src.en, &known, &mut problems);
    if !problems.is_empty() {
        return Err(LexiconError::Invalid {
            origin: src.origin,
            problems,
        });
    }
    Ok(LexiconSet {
        origin: src.origin,
        version: src
            .version
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "unversioned".to_owned()),
        hash,
        de,
        en,
        categories,
    })
}

/// Data lines of a TSV file after its header: (1-based line, fields).
fn rows<'a>(
    file: &str,
    content: &'a str,
    header: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(usize, Vec<&'a str>)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, raw) in content.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !seen_header {
            seen_header = true;
            if fields != header {
                problems.push(Problem {
                    file: file.to_owned(),
                    line: line_no,
                    message: format!(
                        "header must be `{}` (tab-separated), found `{}`",
                        header.join("\\t"),
                        line.replace('\t', "\\t")
                    ),
                });
                return out;
            }
            continue;
        }
        if fields.len() != header.len() {
            problems.push(Problem {
                file: file.to_owned(),
                line: line_no,
                message: format!(
                    "expected {} tab-separated fields ({}), found {}",
                    header.len(),
                    header.join(", "),
                    fields.len()
                ),
            });
            continue;
        }
        if let Some((k, _)) = fields.iter().enumerate().find(|(_, f)| f.trim().is_empty()) {
            problems.push(Problem {
                file: file.to_owned(),
                line: line_no,
                message: format!("field `{}` is empty", header[k]),
            });
            continue;
        }
        out.push((line_no, fields.iter().map(|f| f.trim()).collect()));
    }
    if !seen_header {
        problems.push(Problem {
            file: file.to_owned(),
            line: 0,
            message: format!("no header line `{}`", header.join("\\t")),
        });
    }
    out
}

fn number(
    file: &str,
    line: usize,
    field: &str,
    value: &str,
    range: (f32, f32),
    problems: &mut Vec<Problem>,
) -> Option<f32> {
    match value.parse::<f32>() {
        Ok(v) if v.is_finite() && v >= range.0 && v <= range.1 => Some(v),
        Ok(v) => {
            problems.push(Problem {
                file: file.to_owned(),
                line,
                message: format!("{field} `{v}` is outside {}–{}", range.0, range.1),
            });
            None
        }
        Err(_) => {
            problems.push(Problem {
                file: file.to_owned(),
                line,
                message: format!("{field} `{value}` is not a number"),
            });
            None
        }
    }
}

fn check_duplicate(
    seen: &mut std::collections::HashMap<String, usize>,
    file: &str,
    line: usize,
    term: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    let key: String = term
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if let Some(first) = seen.get(&key) {
        problems.push(Problem {
            file: file.to_owned(),
            line,
            message: format!("duplicate term `{term}` (first on line {first})"),
        });
        return false;
    }
    seen.insert(key, line);
    true
}

fn parse_lang(
    lang: &str,
    files: &[Option<String>],
    known: &[&str],
    problems: &mut Vec<Problem>,
) -> LangLexicon {
    let first_problem = problems.len();
    let mut lex = LangLexicon::default();
    let get = |i: usize| files.get(i).and_then(|f| f.as_deref());
    let path = |name: &str| format!("{lang}/{name}");
    if let Some(c) = get(6) {
        let file = path("slots.tsv");
        for (line, f) in rows(&file, c, &["slot", "term"], problems) {
            if !f[0].chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!("slot name `{}` must be UPPERCASE letters", f[0]),
                });
                continue;
            }
            if f[1].contains(['(', ')', '|', '?', '{', '}', '…']) || f[1].contains("...") {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!(
                        "slot term `{}` may only hold words (and `word*`/`*word`)",
                        f[1]
                    ),
                });
                continue;
            }
            let list = lex.slots.entry(f[0].to_owned()).or_default();
            if list.iter().any(|t| t.eq_ignore_ascii_case(f[1])) {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!("duplicate term `{}` in slot `{}`", f[1], f[0]),
                });
                continue;
            }
            list.push(f[1].to_owned());
        }
    }
    let slots = lex.slots.clone();
    // A term with pattern syntax must expand; the problem names its line like any other.
    let pattern_ok = |file: &str, line: usize, term: &str, problems: &mut Vec<Problem>| {
        if !pattern::is_pattern(term) {
            return true;
        }
        match pattern::expand(term, &slots) {
            Ok(_) => true,
            Err(e) => {
                problems.push(Problem {
                    file: file.to_owned(),
                    line,
                    message: format!("pattern `{term}`: {e}"),
                });
                false
            }
        }
    };

    match get(0) {
        None => problems.push(Problem {
            file: path("hype.tsv"),
            line: 0,
            message: "missing: every language needs a hype.tsv".to_owned(),
        }),
        Some(c) => {
            let file = path("hype.tsv");
            let mut seen = std::collections::HashMap::new();
            for (line, f) in rows(
                &file,
                c,
                &["term", "category", "weight", "alternative"],
                problems,
            ) {
                if !known.contains(&f[1]) {
                    problems.push(Problem {
                        file: file.clone(),
                        line,
                        message: format!(
                            "unknown category `{}` (known: {})",
                            f[1],
                            known.join(", ")
                        ),
                    });
                    continue;
                }
                let Some(weight) = number(&file, line, "weight", f[2], (0.05, 5.0), problems)
                else {
                    continue;
                };
                if !check_duplicate(&mut seen, &file, line, f[0], problems)
                    || !pattern_ok(&file, line, f[0], problems)
                {
                    continue;
                }
                lex.hype.push(HypeEntry {
                    term: f[0].to_owned(),
                    category: f[1].to_owned(),
                    weight,
                    alternative: f[3].to_owned(),
                });
            }
        }
    }
    let mut factor_file = |idx: usize, name: &str, range: (f32, f32), out: &mut Vec<Cue<f32>>| {
        if let Some(c) = get(idx) {
            let file = path(name);
            let mut seen = std::collections::HashMap::new();
            for (line, f) in rows(&file, c, &["term", "factor"], problems) {
                if let Some(v) = number(&file, line, "factor", f[1], range, problems) {
                    if check_duplicate(&mut seen, &file, line, f[0], problems)
                        && pattern_ok(&file, line, f[0], problems)
                    {
                        out.push(Cue {
                            term: f[0].to_owned(),
                            value: v,
                        });
                    }
                }
            }
        }
    };
    factor_file(1, "boosters.tsv", (1.0, 3.0), &mut lex.boosters);
    factor_file(2, "hedges.tsv", (0.05, 1.0), &mut lex.hedges);

    #[allow(clippy::type_complexity)]
    fn keyword_file<T: Copy>(
        content: Option<&str>,
        file: String,
        header: &[&str],
        values: &[(&str, T)],
        problems: &mut Vec<Problem>,
        out: &mut Vec<Cue<T>>,
        pattern_ok: &PatternCheck<'_>,
    ) {
        let Some(c) = content else { return };
        let mut seen = std::collections::HashMap::new();
        for (line, f) in rows(&file, c, header, problems) {
            match values.iter().find(|(k, _)| *k == f[1]) {
                Some(&(_, v)) => {
                    if check_duplicate(&mut seen, &file, line, f[0], problems)
                        && pattern_ok(&file, line, f[0], problems)
                    {
                        out.push(Cue {
                            term: f[0].to_owned(),
                            value: v,
                        });
                    }
                }
                None => problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!(
                        "{} `{}` must be one of: {}",
                        header[1],
                        f[1],
                        values
                            .iter()
                            .map(|(k, _)| *k)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
            }
        }
    }
    keyword_file(
        get(3),
        path("negators.tsv"),
        &["term", "position"],
        &[
            ("before", NegPosition::Before),
            ("after", NegPosition::After),
        ],
        problems,
        &mut lex.negators,
        &pattern_ok,
    );
    keyword_file(
        get(4),
        path("attribution.tsv"),
        &["term", "kind"],
        &[("marker", AttrKind::Marker), ("speech", AttrKind::Speech)],
        problems,
        &mut lex.attribution,
        &pattern_ok,
    );
    keyword_file(
        get(5),
        path("answers.tsv"),
        &["term", "answer"],
        &[("yes", true), ("no", false)],
        problems,
        &mut lex.answers,
        &pattern_ok,
    );
    if let Some(c) = get(7) {
        let file = path("senses.tsv");
        let mut seen = std::collections::HashMap::new();
        for (line, f) in rows(&file, c, &["term", "check", "cue"], problems) {
            if !SENSE_CHECKS.contains(&f[1]) {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!(
                        "check `{}` must be one of: {}",
                        f[1],
                        SENSE_CHECKS.join(", ")
                    ),
                });
                continue;
            }
            if let Err(e) = pattern::expand(f[2], &std::collections::HashMap::new()) {
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    message: format!("cue `{}`: {e}", f[2]),
                });
                continue;
            }
            let key = format!("{} · {} · {}", f[0], f[1], f[2]);
            if check_duplicate(&mut seen, &file, line, &key, problems) {
                lex.senses.push(SenseRule {
                    term: f[0].to_owned(),
                    check: f[1].to_owned(),
                    cue: f[2].to_owned(),
                });
            }
        }
    }
    problems[first_problem..].sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    lex
}

fn parse_categories(content: &str, problems: &mut Vec<Problem>) -> Vec<CategoryDoc> {
    let header = [
        "category",
        "title",
        "what",
        "why",
        "example_de",
        "example_en",
        "alternative",
    ];
    rows("categories.tsv", content, &header, problems)
        .into_iter()
        .map(|(_, f)| CategoryDoc {
            category: f[0].to_owned(),
            title: f[1].to_owned(),
            what: f[2].to_owned(),
            why: f[3].to_owned(),
            example_de: f[4].to_owned(),
            example_en: f[5].to_owned(),
            alternative: f[6].to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicons_are_valid() {
        let set = embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(!set.de.hype.is_empty());
        assert!(!set.en.hype.is_empty());
        assert_eq!(set.hash.len(), 16);
    }

    #[test]
    fn malformed_lines_are_reported_with_file_and_line() {
        let mut problems = Vec::new();
        let hype = "# comment\nterm\tcategory\tweight\talternative\nRevolution\trevolution\tx\tFortschritt\nGamechanger\tunknown\t1\tVerbesserung\nMeilenstein\trevolution\t1\nRevolution\trevolution\t1\tb\nrevolution\trevolution\t1\tc\n";
        let files = vec![Some(hype.to_owned())];
        parse_lang("de", &files, CATEGORIES, &mut problems);
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                "de/hype.tsv:3: weight `x` is not a number",
                "de/hype.tsv:4: unknown category `unknown` (known: superlative, revolution, industry-killer, awe, novelty, certainty, puffery)",
                "de/hype.tsv:5: expected 4 tab-separated fields (term, category, weight, alternative), found 3",
                "de/hype.tsv:7: duplicate term `revolution` (first on line 6)",
            ]
        );
    }
}
