//! Reading a coded sample: `docs.tsv`, `spans.tsv` and one text file per document.
//!
//! Formats are documented in `docs/codebook.md`. Every problem is collected (not just the
//! first) and reported as `file:line: message`.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::analyze::Stance;
use crate::lexicon::CATEGORIES;
use crate::text::Lang;

/// The five stances in report order.
pub const STANCES: [Stance; 5] = [
    Stance::Endorsed,
    Stance::Hedged,
    Stance::Quoted,
    Stance::Negated,
    Stance::Questioned,
];

/// Parses a stance name as written in `spans.tsv` (lowercase).
pub fn parse_stance(s: &str) -> Option<Stance> {
    STANCES.into_iter().find(|st| st.as_str() == s)
}

pub use crate::problem::Problem;

/// Which part of the sample a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Development documents (used to tune lexicons and rules).
    Dev,
    /// Held-out documents (only for measuring).
    Holdout,
}

impl Split {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Holdout => "holdout",
        }
    }
}

/// One coded document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Document id; the text is `<id>.txt`.
    pub id: String,
    /// Language (forced when analyzing).
    pub lang: Lang,
    /// Split.
    pub split: Split,
    /// Document-level hype rating 0–4, `None` when not rated (`-`).
    pub rating: Option<u8>,
    /// Source URL (free text).
    pub url: String,
    /// Kind of source (free text).
    pub kind: String,
    /// The text.
    pub text: String,
    /// Line in `docs.tsv`.
    pub line: usize,
}

/// One coded span: a hype expression a coder marked.
#[derive(Debug, Clone)]
pub struct CodedSpan {
    /// Index into [`Sample::docs`].
    pub doc: usize,
    /// The expression as written in the text.
    pub expression: String,
    /// Which occurrence (1-based) of the expression is meant.
    pub occurrence: usize,
    /// The coded stance.
    pub stance: Stance,
    /// The coded category.
    pub category: String,
    /// The coder's family tag (free text).
    pub kind: String,
    /// Byte offset of the span in the doc's text.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
    /// Line in `spans.tsv`.
    pub line: usize,
}

/// A coded sample.
#[derive(Debug, Clone, Default)]
pub struct Sample {
    /// Documents, in file order.
    pub docs: Vec<Doc>,
    /// Coded spans, in file order.
    pub spans: Vec<CodedSpan>,
}

/// A tab-separated table with a header line; `#` lines and blank lines are skipped.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    fn get<'a>(&self, row: &'a [String], col: &str) -> Option<&'a str> {
        self.columns.get(col).map(|&i| row[i].as_str())
    }
}

fn read_table(path: &Path, required: &[&str], problems: &mut Vec<Problem>) -> Option<Table> {
    let file = path.display().to_string();
    let p = |line: usize, message: String| Problem {
        file: file.clone(),
        line: line as u64,
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            problems.push(p(0, format!("could not read file: {e}")));
            return None;
        }
    };
    let Ok(content) = String::from_utf8(bytes) else {
        problems.push(p(0, "not valid UTF-8".into()));
        return None;
    };
    // Column indices, the header's width and the fewest fields a row may have (trailing
    // optional columns may be left off).
    let mut header: Option<(HashMap<String, usize>, usize, usize)> = None;
    let mut rows = Vec::new();
    for (i, raw) in content.lines().enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let raw = if line == 1 {
            raw.trim_start_matches('\u{feff}')
        } else {
            raw
        };
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = raw.split('\t').map(|s| s.trim().to_owned()).collect();
        match &header {
            None => {
                let mut cols = HashMap::new();
                for (k, name) in fields.iter().enumerate() {
                    if cols.insert(name.clone(), k).is_some() {
                        problems.push(p(line, format!("column `{name}` appears twice")));
                    }
                }
                let missing: Vec<&str> = required
                    .iter()
                    .copied()
                    .filter(|c| !cols.contains_key(*c))
                    .collect();
                if !missing.is_empty() {
                    problems.push(p(
                        line,
                        format!(
                            "header lacks column(s) {} (expected: {})",
                            missing.join(", "),
                            required.join(" ")
                        ),
                    ));
                    return None;
                }
                let min = required
                    .iter()
                    .filter_map(|c| cols.get(*c))
                    .max()
                    .map_or(0, |i| i + 1);
                header = Some((cols, fields.len(), min));
            }
            Some((_, width, min)) => {
                if fields.len() > *width || fields.len() < *min {
                    problems.push(p(
                        line,
                        format!(
                            "expected {width} tab-separated fields, found {}",
                            fields.len()
                        ),
                    ));
                    continue;
                }
                let mut fields = fields;
                fields.resize(*width, String::new());
                rows.push((line, fields));
            }
        }
    }
    let Some((columns, _, _)) = header else {
        problems.push(p(0, "no header line".into()));
        return None;
    };
    Some(Table { columns, rows })
}

/// Reads `docs` (document list), `spans` (coded spans) and the texts in `texts`.
pub fn load(docs: &Path, spans: &Path, texts: &Path) -> Result<Sample, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut sample = Sample::default();
    let docs_file = docs.display().to_string();
    let spans_file = spans.display().to_string();
    // Doc id → (index into `sample.docs` when it loaded, its line).
    let mut by_id: HashMap<String, (Option<usize>, usize)> = HashMap::new();

    if let Some(t) = read_table(
        docs,
        &["doc", "lang", "split", "rating", "url", "kind"],
        &mut problems,
    ) {
        for (line, row) in &t.rows {
            let mut bad = |message: String| {
                problems.push(Problem {
                    file: docs_file.clone(),
                    line: *line as u64,
                    message,
                })
            };
            let get = |c: &str| t.get(row, c).unwrap_or("");
            let id = get("doc");
            if id.is_empty()
                || id.starts_with('.')
                || id.contains(['/', '\\'])
                || id.chars().any(char::is_control)
            {
                bad(format!(
                    "invalid doc id `{id}` (it names the file <doc>.txt)"
                ));
                continue;
            }
            if let Some(&(_, other)) = by_id.get(id) {
                bad(format!("doc `{id}` listed twice (also line {other})"));
                continue;
            }
            let lang = match get("lang") {
                "de" => Some(Lang::De),
                "en" => Some(Lang::En),
                other => {
                    bad(format!("lang must be de or en, got `{other}`"));
                    None
                }
            };
            let split = match get("split") {
                "dev" => Some(Split::Dev),
                "holdout" => Some(Split::Holdout),
                other => {
                    bad(format!("split must be dev or holdout, got `{other}`"));
                    None
                }
            };
            let rating = match get("rating") {
                "-" => Some(None),
                r => match r.parse::<u8>() {
                    Ok(v) if v <= 4 && !r.starts_with('+') => Some(Some(v)),
                    _ => {
                        bad(format!(
                            "rating must be an integer 0–4 or `-` (not rated), got `{r}`"
                        ));
                        None
                    }
                },
            };
            let path: PathBuf = texts.join(format!("{id}.txt"));
            let text = match std::fs::read(&path) {
                Err(e) => {
                    bad(format!("could not read {}: {e}", path.display()));
                    None
                }
                Ok(bytes) => {
                    let mut ok = true;
                    if let Some(want) = t.get(row, "sha256").filter(|s| !s.is_empty()) {
                        let got = hex(&Sha256::digest(&bytes));
                        if !want.eq_ignore_ascii_case(&got) {
                            bad(format!(
                                "sha256 of {} is {got}, docs file says {want} (text changed?)",
                                path.display()
                            ));
                            ok = false;
                        }
                    }
                    match String::from_utf8(bytes) {
                        Ok(s) if ok => Some(s),
                        Ok(_) => None,
                        Err(_) => {
                            bad(format!("{} is not valid UTF-8", path.display()));
                            None
                        }
                    }
                }
            };
            if let (Some(lang), Some(split), Some(rating), Some(text)) = (lang, split, rating, text)
            {
                by_id.insert(id.to_owned(), (Some(sample.docs.len()), *line));
                sample.docs.push(Doc {
                    id: id.to_owned(),
                    lang,
                    split,
                    rating,
                    url: get("url").to_owned(),
                    kind: get("kind").to_owned(),
                    text,
                    line: *line,
                });
            } else {
                // Remember the id so its spans are not reported as unknown.
                by_id.insert(id.to_owned(), (None, *line));
            }
        }
    }
    let mut seen: HashMap<(usize, String, usize), usize> = HashMap::new();
    if let Some(t) = read_table(
        spans,
        &[
            "doc",
            "expression",
            "occurrence",
            "stance",
            "category",
            "kind",
        ],
        &mut problems,
    ) {
        for (line, row) in &t.rows {
            let mut bad = |message: String| {
                problems.push(Problem {
                    file: spans_file.clone(),
                    line: *line as u64,
                    message,
                })
            };
            let get = |c: &str| t.get(row, c).unwrap_or("");
            let id = get("doc");
            let doc = match by_id.get(id) {
                None => {
                    bad(format!("doc `{id}` is not in {docs_file}"));
                    None
                }
                // A doc that failed to load: its problem is reported in the docs file.
                Some(&(d, _)) => d,
            };
            let expression = get("expression");
            if expression.is_empty() {
                bad("empty expression".into());
            }
            let occurrence = match get("occurrence").parse::<usize>() {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    bad(format!(
                        "occurrence must be a positive integer, got `{}`",
                        get("occurrence")
                    ));
                    None
                }
            };
            let stance = parse_stance(get("stance"));
            if stance.is_none() {
                bad(format!(
                    "stance must be one of endorsed, hedged, quoted, negated, questioned; got `{}`",
                    get("stance")
                ));
            }
            let category = get("category");
            if !CATEGORIES.contains(&category) {
                bad(format!(
                    "category must be one of {}; got `{category}`",
                    CATEGORIES.join(", ")
                ));
            }
            let (Some(d), Some(occ), Some(stance), false) =
                (doc, occurrence, stance, expression.is_empty())
            else {
                continue;
            };
            if !CATEGORIES.contains(&category) {
                continue;
            }
            let text = &sample.docs[d].text;
            let found = text.match_indices(expression).nth(occ - 1);
            let Some((start, _)) = found else {
                let n = text.match_indices(expression).count();
                bad(if n == 0 {
                    format!("expression `{expression}` not found in {id}.txt")
                } else {
                    format!("expression `{expression}` occurs {n} time(s) in {id}.txt, not {occ}")
                });
                continue;
            };
            let key = (d, expression.to_owned(), occ);
            if let Some(&other) = seen.get(&key) {
                bad(format!("the same span is coded twice (also line {other})"));
                continue;
            }
            seen.insert(key, *line);
            sample.spans.push(CodedSpan {
                doc: d,
                expression: expression.to_owned(),
                occurrence: occ,
                stance,
                category: category.to_owned(),
                kind: get("kind").to_owned(),
                start,
                end: start + expression.len(),
                line: *line,
            });
        }
    }
    if problems.is_empty() {
        Ok(sample)
    } else {
        Err(problems)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, s: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, s).expect("write");
        p
    }

    #[test]
    fn loads_comments_crlf_optional_columns_and_occurrences() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        write(d, "a.txt", "A stunning clip. Another stunning clip.\n");
        let docs = write(
            d,
            "docs.tsv",
            "# comment\r\ndoc\tlang\tsplit\trating\turl\tkind\tsha256\r\n\r\na\ten\tdev\t-\tu\tblog\r\n",
        );
        let spans = write(
            d,
            "spans.tsv",
            "doc\texpression\toccurrence\tstance\tcategory\tkind\tnotes\n\
             a\tstunning\t2\tquoted\tawe\theadword\tsecond one\n",
        );
        let s = load(&docs, &spans, d).expect("valid sample");
        assert_eq!(s.docs.len(), 1);
        assert_eq!(s.docs[0].rating, None);
        assert_eq!(s.docs[0].line, 4);
        let sp = &s.spans[0];
        assert_eq!((sp.start, sp.end), (25, 33));
        assert_eq!(&s.docs[0].text[sp.start..sp.end], "stunning");
        assert_eq!(sp.stance, Stance::Quoted);
    }

    #[test]
    fn collects_every_problem_with_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        write(d, "a.txt", "text\n");
        let docs = write(
            d,
            "docs.tsv",
            "doc\tlang\tsplit\trating\turl\tkind\na\tfr\tdev\t1\tu\tblog\nb\ten\ttest\t1.5\tu\tblog\na\ten\tdev\t0\tu\tblog\n../x\ten\tdev\t0\tu\tblog\n",
        );
        let spans = write(
            d,
            "spans.tsv",
            "doc\texpression\toccurrence\tstance\tcategory\tkind\na\ttext\t0\tendorsed\tawe\tx\n",
        );
        let problems = load(&docs, &spans, d).expect_err("invalid");
        let msgs: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let f = docs.display().to_string();
        assert!(msgs.contains(&format!("{f}:2: lang must be de or en, got `fr`")));
        assert!(msgs.contains(&format!("{f}:3: split must be dev or holdout, got `test`")));
        assert!(msgs.contains(&format!(
            "{f}:3: rating must be an integer 0–4 or `-` (not rated), got `1.5`"
        )));
        assert!(msgs.contains(&format!("{f}:4: doc `a` listed twice (also line 2)")));
        assert!(msgs
            .iter()
            .any(|m| m.starts_with(&format!("{f}:5: invalid doc id `../x`"))));
        let g = spans.display().to_string();
        assert!(msgs.contains(&format!(
            "{g}:2: occurrence must be a positive integer, got `0`"
        )));
    }
}
