//! Parsing and validating the TSV files of a set: each language's files and
//! `categories.tsv`. Every malformed line becomes a [`Problem`] (`file:line: message`) and
//! parsing goes on, so that one run lists everything to fix.

use super::{
    pattern, AttrKind, CategoryDoc, Cue, HypeEntry, LangLexicon, NegPosition, Problem, SenseRule,
    SENSE_CHECKS,
};

/// Checks one term for pattern syntax: `(file, line, term, problems)`; false (with a problem
/// added) when the term is a malformed pattern.
type PatternCheck<'a> = dyn Fn(&str, u64, &str, &mut Vec<Problem>) -> bool + 'a;

/// Data lines of a TSV file after its header: (1-based line, fields).
fn rows<'a>(
    file: &str,
    content: &'a str,
    header: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(u64, Vec<&'a str>)> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (line_no, raw) in (1u64..).zip(content.lines()) {
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
    line: u64,
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
    seen: &mut std::collections::HashMap<String, u64>,
    file: &str,
    line: u64,
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

pub(super) fn parse_lang(
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
    let pattern_ok = |file: &str, line: u64, term: &str, problems: &mut Vec<Problem>| {
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

pub(super) fn parse_categories(content: &str, problems: &mut Vec<Problem>) -> Vec<CategoryDoc> {
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
    use crate::lexicon::CATEGORIES;

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
