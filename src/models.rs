//! Model registry and mention finding.
//!
//! Owns `data/models.csv`: the canonical ids of AI video models, grouped into families ("sora",
//! "veo", "kling", ...), with vendor, version, release date and the spellings used in news text.
//! Takes the CSV text (the shipped file is embedded, a path can override it) and hands on a
//! [`Registry`] that the benchmarks loader uses to check model ids and that claim extraction
//! uses to find model [`Mention`]s with byte spans.
//!
//! Mention finding works on a token stream, not on a regex per alias: text is cut into
//! lower-cased letter runs and version numbers (`3.1`, `02`), so "Sora 2", "Sora2", "Sora-2",
//! "SORA 2" and "Kling v2.1" all become the same token sequence. Aliases are compiled once into
//! a trie over tokens; at every token the longest alias wins ("Sora 2 Pro" over "Sora 2"), and
//! because `3.1` and `3.10` are whole tokens "Veo 3.1" is never read as "Veo 3". A match must
//! not be glued to letters or digits on either side, so "wann" and "want" never match "Wan".
//! The work is linear in the text length (times the longest alias, a handful of tokens).
//!
//! Each row is either a `family` (its aliases are bare names like "Sora"; its `prefixes` are
//! names that count only when a version follows, like "Wan" or "Gen") or a `model`. A bare
//! family name resolves to the version discussed earlier in the same text, else to the latest
//! base model released on or before the text's date; the [`Resolution`] says which.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::problem::{join_problems, Problem, Problems};
use crate::table::{Table, Width};

/// The registry shipped with hypecheck (`data/models.csv`), embedded at compile time.
pub const SHIPPED_MODELS: &str = include_str!("../data/models.csv");
/// The label used in messages about the shipped registry.
pub const SHIPPED_MODELS_LABEL: &str = "data/models.csv";

/// Tokens that may sit between a family name and its version without being part of the
/// alias: "Kling AI 2.5 Turbo", "Pika Labs 2.2".
const FILLERS: &[&str] = &["ai", "labs"];

/// Errors of the model registry.
#[derive(Debug, thiserror::Error)]
pub enum ModelsError {
    #[error("could not read model registry `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

/// Whether a registry row names a family or one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Family,
    Model,
}

/// One row of the registry.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub id: String,
    pub kind: EntryKind,
    pub name: String,
    pub vendor: String,
    pub family: String,
    pub version: String,
    /// The base model a variant (Pro, Fast, Lite, Master, a size) belongs to.
    pub variant_of: Option<String>,
    pub released: Option<NaiveDate>,
    pub aliases: Vec<String>,
    pub prefixes: Vec<String>,
    pub notes: String,
    /// Line in the registry file.
    #[serde(skip)]
    pub line: u64,
}

impl Model {
    /// True for a model that is not a variant of another one.
    pub fn is_base(&self) -> bool {
        self.kind == EntryKind::Model && self.variant_of.is_none()
    }
}

/// How a mention was tied to a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The text names the model ("Sora 2 Pro", "Kling AI 2.5").
    Explicit,
    /// A bare family name ("Sora") read as the version of that family named earlier in the
    /// text. `model` is `None` if that earlier mention was an unknown version.
    Nearby,
    /// A bare family name read as the family's latest base model released on or before the
    /// text's date.
    LatestAtDate,
    /// A family with a version the registry does not know ("Veo 4", "Veo 3.10").
    UnknownVersion,
    /// A bare family name with no earlier version and no date to resolve it by.
    Unresolved,
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Resolution::Explicit => "explicit",
            Resolution::Nearby => "nearby",
            Resolution::LatestAtDate => "latest-at-date",
            Resolution::UnknownVersion => "unknown-version",
            Resolution::Unresolved => "unresolved",
        })
    }
}

/// A model named in a text: byte span, the family, and the model it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// The matched text, as written.
    pub text: String,
    /// Registry id of the family.
    pub family: String,
    /// Registry id of the model, if resolved.
    pub model: Option<String>,
    pub resolution: Resolution,
}

/// A token of text: a lower-cased letter run or a version-like number, with its byte span.
#[derive(Debug, Clone)]
struct Token {
    norm: String,
    start: usize,
    end: usize,
    numeric: bool,
}

/// Cuts text into letter runs and numbers (`3.1`, `2.5`, `02`). A lone `v` glued to a number
/// ("v2.1") is folded into the number, so "Kling v2.1" reads as "Kling 2.1".
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = i + 1;
                    chars.next();
                } else if d == '.' && text[i + 1..].starts_with(|n: char| n.is_ascii_digit()) {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            }
            let lone_v = tokens.last().is_some_and(|t: &Token| {
                t.end == start && !t.numeric && t.norm == "v" && t.end - t.start == 1
            });
            let begin = if lone_v {
                let v_start = tokens.pop().map_or(start, |t| t.start);
                let glued = text[..v_start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if glued {
                    // "Hv2" is not a version marker; keep the letter token.
                    tokens.push(Token {
                        norm: "v".into(),
                        start: v_start,
                        end: start,
                        numeric: false,
                    });
                    start
                } else {
                    v_start
                }
            } else {
                start
            };
            tokens.push(Token {
                norm: text[start..end].to_string(),
                start: begin,
                end,
                numeric: true,
            });
        } else if c.is_alphabetic() {
            let mut end = start;
            let mut norm = String::new();
            while let Some(&(i, a)) = chars.peek() {
                if a.is_alphabetic() {
                    norm.extend(a.to_lowercase());
                    end = i + a.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token {
                norm,
                start,
                end,
                numeric: false,
            });
        } else {
            chars.next();
        }
    }
    tokens
}

/// Token sequence of an alias, for the trie and for conflict checks.
fn alias_key(alias: &str) -> Vec<String> {
    tokenize(alias).into_iter().map(|t| t.norm).collect()
}

/// What an alias in the trie stands for.
#[derive(Debug, Clone, Copy, Default)]
struct Terminal {
    /// Entry whose alias ends here (a model, or a family for a bare name).
    alias_of: Option<usize>,
    /// Family whose version prefix ends here ("Wan", "Gen").
    prefix_of: Option<usize>,
}

#[derive(Debug, Default)]
struct TrieNode {
    children: HashMap<String, usize>,
    terminal: Terminal,
}

/// The model registry: rows of `data/models.csv` plus the compiled alias matcher.
#[derive(Debug)]
pub struct Registry {
    entries: Vec<Model>,
    by_id: HashMap<String, usize>,
    trie: Vec<TrieNode>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// Columns of `models.csv`, in the order files are written; all are required.
pub const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "name",
    "vendor",
    "family",
    "version",
    "variant_of",
    "released",
    "aliases",
    "prefixes",
    "notes",
];

impl Registry {
    /// The registry shipped with hypecheck.
    pub fn shipped() -> Result<Self, ModelsError> {
        Self::from_csv_str(SHIPPED_MODELS, SHIPPED_MODELS_LABEL)
    }

    /// Reads and validates a registry file.
    pub fn from_path(path: &Path) -> Result<Self, ModelsError> {
        let text = std::fs::read_to_string(path).map_err(|source| ModelsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_csv_str(&text, &path.display().to_string())
    }

    /// Parses and validates registry CSV text; `file` names it in problems. All problems are
    /// collected, not only the first.
    pub fn from_csv_str(text: &str, file: &str) -> Result<Self, ModelsError> {
        let mut problems = Problems::new(file);
        let Some(table) = Table::csv(text, COLUMNS, Width::Exact, &mut problems) else {
            return Err(ModelsError::Invalid(problems.into_vec()));
        };
        let mut entries: Vec<Model> = Vec::new();
        let mut by_id = HashMap::default();
        for record in table.records() {
            let line = record.line;
            let get = |name: &str| record.get(name);
            let id = get("id");
            if id.is_empty() {
                problems.add(line, "missing id".into());
                continue;
            }
            let kind = match get("kind").as_str() {
                "family" => EntryKind::Family,
                "model" => EntryKind::Model,
                other => {
                    problems.add(
                        line,
                        format!("bad kind `{other}`: expected `family` or `model`"),
                    );
                    continue;
                }
            };
            let released_raw = get("released");
            let released = if released_raw.is_empty() {
                None
            } else if let Some(d) = parse_date(&released_raw) {
                Some(d)
            } else {
                problems.add(
                    line,
                    format!("bad date `{released_raw}` in `released`: expected YYYY-MM-DD"),
                );
                None
            };
            let variant_of = Some(get("variant_of")).filter(|v| !v.is_empty());
            let name = get("name");
            if name.is_empty() {
                problems.add(line, format!("`{id}` has no name"));
            }
            let family = get("family");
            if family.is_empty() {
                problems.add(line, format!("`{id}` has no family"));
            }
            if by_id.insert(id.clone(), entries.len()).is_some() {
                problems.add(line, format!("duplicate id `{id}`"));
            }
            entries.push(Model {
                id,
                kind,
                name,
                vendor: get("vendor"),
                family,
                version: get("version"),
                variant_of,
                released,
                aliases: split_list(&get("aliases")),
                prefixes: split_list(&get("prefixes")),
                notes: get("notes"),
                line,
            });
        }
        // Cross-row checks: families and bases exist, aliases are unambiguous.
        for m in &entries {
            match by_id.get(&m.family).map(|&i| &entries[i]) {
                Some(f) if f.kind == EntryKind::Family => {}
                Some(_) => problems.add(
                    m.line,
                    format!("family `{}` of `{}` is not a family row", m.family, m.id),
                ),
                None => problems.add(
                    m.line,
                    format!("unknown family `{}` for `{}`", m.family, m.id),
                ),
            }
            if m.kind == EntryKind::Family && m.family != m.id {
                problems.add(
                    m.line,
                    format!("family row `{}` must name itself as family", m.id),
                );
            }
            if let Some(base) = &m.variant_of {
                match by_id.get(base).map(|&i| &entries[i]) {
                    Some(b) if b.kind == EntryKind::Model && b.family == m.family => {}
                    _ => problems.add(
                        m.line,
                        format!(
                            "`variant_of` of `{}` must be a model of family `{}`, found `{base}`",
                            m.id, m.family
                        ),
                    ),
                }
            }
            if m.kind == EntryKind::Model && !m.prefixes.is_empty() {
                problems.add(
                    m.line,
                    format!("`{}`: only family rows have prefixes", m.id),
                );
            }
        }
        let mut trie = vec![TrieNode::default()];
        let mut seen: HashMap<(Vec<String>, bool), (usize, u64)> = HashMap::default();
        for (index, m) in entries.iter().enumerate() {
            let lists = [(&m.aliases, false), (&m.prefixes, true)];
            for (list, is_prefix) in lists {
                for alias in list {
                    let key = alias_key(alias);
                    if key.is_empty() {
                        problems.add(m.line, format!("alias `{alias}` has no letters or digits"));
                        continue;
                    }
                    if let Some(&(other, other_line)) = seen.get(&(key.clone(), is_prefix)) {
                        if other != index {
                            problems.add(
                                m.line,
                                format!(
                                    "alias `{alias}` of `{}` is also an alias of `{}` (line {other_line})",
                                    m.id, entries[other].id
                                ),
                            );
                        }
                        continue;
                    }
                    seen.insert((key.clone(), is_prefix), (index, m.line));
                    let mut node = 0;
                    for token in key {
                        node = match trie[node].children.get(&token) {
                            Some(&n) => n,
                            None => {
                                trie.push(TrieNode::default());
                                let n = trie.len() - 1;
                                trie[node].children.insert(token, n);
                                n
                            }
                        };
                    }
                    if is_prefix {
                        trie[node].terminal.prefix_of = Some(index);
                    } else {
                        trie[node].terminal.alias_of = Some(index);
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(Registry {
                entries,
                by_id,
                trie,
            })
        } else {
            Err(ModelsError::Invalid(problems.list))
        }
    }

    /// All rows, families and models, in file order.
    pub fn entries(&self) -> &[Model] {
        &self.entries
    }

    /// The models (not families), in file order.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.entries.iter().filter(|m| m.kind == EntryKind::Model)
    }

    /// A row by id (model or family).
    pub fn get(&self, id: &str) -> Option<&Model> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// A model (not a family) by id.
    pub fn model(&self, id: &str) -> Option<&Model> {
        self.get(id).filter(|m| m.kind == EntryKind::Model)
    }

    /// The family's latest base model released on or before `date` (ties: file order).
    pub fn latest_in_family(&self, family: &str, date: NaiveDate) -> Option<&Model> {
        let mut best: Option<&Model> = None;
        for m in self.models() {
            if m.family != family || !m.is_base() {
                continue;
            }
            let Some(released) = m.released.filter(|r| *r <= date) else {
                continue;
            };
            if best.is_none_or(|b| b.released.is_some_and(|br| released > br)) {
                best = Some(m);
            }
        }
        best
    }

    /// The base model of a family with this version ("2.5" → Kling 2.5 Turbo); "2" and "2.0"
    /// are the same version.
    fn by_version(&self, family: &str, version: &str) -> Option<&Model> {
        let same = |a: &str, b: &str| a == b || format!("{a}.0") == b || format!("{b}.0") == a;
        self.models()
            .find(|m| m.family == family && m.is_base() && same(&m.version, version))
    }

    /// Maps a raw model name from a data source ("Kling 2.5 Turbo 1080p", "Sora 2 (October)")
    /// to a model: an id, a name or an alias as written, else the first explicit mention in it
    /// (not for names with a `+`, which stack a method on a model).
    pub fn resolve_name(&self, raw: &str) -> Option<&Model> {
        let raw = raw.trim();
        if let Some(m) = self.model(raw) {
            return Some(m);
        }
        let key = alias_key(raw);
        if let Some(m) = self
            .models()
            .find(|m| alias_key(&m.name) == key || m.aliases.iter().any(|a| alias_key(a) == key))
        {
            return Some(m);
        }
        // "Sora 2 + WMReward" is a method stacked on a model, not the model: only an exact
        // name or alias may map it.
        if raw.contains('+') {
            return None;
        }
        self.find_mentions(raw)
            .into_iter()
            .find(|m| m.resolution == Resolution::Explicit)
            .and_then(|m| m.model)
            .and_then(|id| self.model(&id))
    }

    /// Finds model mentions in `text` without a date: bare family names resolve only to a
    /// version named earlier in the text.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        self.find_mentions_at(text, None)
    }

    /// Finds model mentions in `text` written on `date`: a bare family name with no earlier
    /// version resolves to the family's latest base model released by then.
    pub fn find_mentions_at(&self, text: &str, date: Option<NaiveDate>) -> Vec<Mention> {
        let tokens = tokenize(text);
        let mut raw: Vec<(usize, usize, usize, Option<usize>, Resolution)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if glued_before(text, tokens[i].start) {
                i += 1;
                continue;
            }
            match self.match_at(text, &tokens, i) {
                Some((last, family, model, resolution)) => {
                    raw.push((tokens[i].start, tokens[last].end, family, model, resolution));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        let mut last_in_family: HashMap<usize, Option<usize>> = HashMap::default();
        let mut mentions = Vec::with_capacity(raw.len());
        for (start, end, family, model, resolution) in raw {
            let (model, resolution) = match resolution {
                Resolution::Explicit | Resolution::UnknownVersion => {
                    last_in_family.insert(family, model);
                    (model, resolution)
                }
                _ => match last_in_family.get(&family) {
                    Some(&earlier) => (earlier, Resolution::Nearby),
                    None => {
                        let latest = date.and_then(|d| {
                            self.latest_in_family(&self.entries[family].id, d)
                                .and_then(|m| self.by_id.get(&m.id).copied())
                        });
                        match latest {
                            Some(m) => (Some(m), Resolution::LatestAtDate),
                            None => (None, Resolution::Unresolved),
                        }
                    }
                },
            };
            mentions.push(Mention {
                start,
                end,
                text: text[start..end].to_string(),
                family: self.entries[family].id.clone(),
                model: model.map(|m| self.entries[m].id.clone()),
                resolution,
            });
        }
        mentions
    }

    /// The longest mention starting at token `i`: (last token, family, model, resolution).
    /// Bare family mentions come back as `Unresolved`; resolution happens in a second pass.
    fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> Option<(usize, usize, Option<usize>, Resolution)> {
        // Most tokens start no alias: leave before allocating anything.
        if !self.trie[0].children.contains_key(&tokens[i].norm) {
            return None;
        }
        // Depth-first walk; fillers ("AI", "Labs") may be skipped after the first token.
        let mut found: Vec<(usize, Terminal)> = Vec::new();
        let mut stack = vec![(0usize, i)];
        while let Some((node, j)) = stack.pop() {
            if j >= tokens.len() || (j > i && !joinable(text, &tokens[j - 1], &tokens[j])) {
                continue;
            }
            let token = &tokens[j];
            if let Some(&child) = self.trie[node].children.get(&token.norm) {
                let t = self.trie[child].terminal;
                if (t.alias_of.is_some() || t.prefix_of.is_some()) && !glued_after(text, token.end)
                {
                    found.push((j, t));
                }
                stack.push((child, j + 1));
            }
            if j > i && FILLERS.contains(&token.norm.as_str()) {
                stack.push((node, j + 1));
            }
        }
        // Longest first; among equal ends a model alias beats a family name.
        found.sort_by_key(|&(j, t)| {
            let is_model = t
                .alias_of
                .is_some_and(|e| self.entries[e].kind == EntryKind::Model);
            std::cmp::Reverse((j, is_model))
        });
        for (j, t) in found {
            if let Some(e) = t.alias_of {
                if self.entries[e].kind == EntryKind::Model {
                    let fam = self.by_id.get(&self.entries[e].family).copied()?;
                    return Some((j, fam, Some(e), Resolution::Explicit));
                }
            }
            let family = t.alias_of.or(t.prefix_of)?;
            if let Some(v) = self.version_after(text, tokens, j) {
                let fam_id = &self.entries[family].id;
                let model = self
                    .by_version(fam_id, &tokens[v].norm)
                    .and_then(|m| self.by_id.get(&m.id).copied());
                let resolution = if model.is_some() {
                    Resolution::Explicit
                } else {
                    Resolution::UnknownVersion
                };
                return Some((v, family, model, resolution));
            }
            if t.alias_of.is_some() {
                return Some((j, family, None, Resolution::Unresolved));
            }
        }
        None
    }

    /// Index of a version-like number token following token `j` (skipping fillers), if any.
    fn version_after(&self, text: &str, tokens: &[Token], j: usize) -> Option<usize> {
        let mut k = j + 1;
        while k < tokens.len() && joinable(text, &tokens[k - 1], &tokens[k]) {
            let t = &tokens[k];
            if t.numeric {
                let major = t.norm.split('.').next().unwrap_or("");
                // "Sora 2025" names a year, not a version.
                let versionish = major.len() <= 2;
                return (versionish && !glued_after(text, t.end)).then_some(k);
            }
            if !FILLERS.contains(&t.norm.as_str()) {
                return None;
            }
            k += 1;
        }
        None
    }
}

/// True if the character before byte `at` is a letter or digit, or a hyphen joining the
/// mention to a word before it ("X-Ray 2", "Next-Gen 2" are not Luma Ray 2 or a Runway Gen).
fn glued_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-') => before.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// True if the character at byte `at` is a letter or digit.
fn glued_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Two tokens may be parts of one name if only a short run of spaces, hyphens or underscores
/// separates them (or nothing, as in "Sora2"); punctuation and paragraph breaks end a name.
fn joinable(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= 3
        && gap
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '-' || c == '_' || c == '\u{2011}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        match Registry::shipped() {
            Ok(r) => r,
            Err(e) => panic!("shipped registry is invalid:\n{e}"),
        }
    }

    fn ids(text: &str) -> Vec<(String, Option<String>, Resolution)> {
        registry()
            .find_mentions(text)
            .into_iter()
            .map(|m| (m.text, m.model, m.resolution))
            .collect()
    }

    fn one(text: &str) -> Option<String> {
        let found = registry().find_mentions(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].model.clone()
    }

    #[test]
    fn spelling_variants_of_sora_2() {
        for text in [
            "Sora 2",
            "Sora2",
            "Sora-2",
            "SORA 2",
            "OpenAIs Sora 2",
            "OpenAI's Sora 2",
            "OpenAI’s Sora 2 ist da",
        ] {
            assert_eq!(one(text).as_deref(), Some("sora-2"), "{text}");
        }
    }

    #[test]
    fn longest_alias_wins() {
        assert_eq!(one("Sora 2 Pro").as_deref(), Some("sora-2-pro"));
        assert_eq!(one("Googles Veo 3.1 Fast").as_deref(), Some("veo-3.1-fast"));
        assert_eq!(one("Veo 3.1").as_deref(), Some("veo-3.1"));
        assert_eq!(one("Veo-3").as_deref(), Some("veo-3"));
    }

    #[test]
    fn version_must_not_continue() {
        let m = registry().find_mentions("Veo 3.10 kommt");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].resolution, Resolution::UnknownVersion);
        assert_eq!(m[0].model, None);
        assert_eq!(m[0].text, "Veo 3.10");
    }

    #[test]
    fn fillers_and_prefixes() {
        assert_eq!(
            one("Kling AI 2.5 Turbo").as_deref(),
            Some("kling-2.5-turbo")
        );
        assert_eq!(one("Kling AI 2.5").as_deref(), Some("kling-2.5-turbo"));
        assert_eq!(one("Runway Gen 4").as_deref(), Some("runway-gen-4"));
        assert_eq!(one("Gen-4.5").as_deref(), Some("runway-gen-4.5"));
        assert_eq!(one("Pika Labs 2.2").as_deref(), Some("pika-2.2"));
        assert_eq!(one("Wan2.2").as_deref(), Some("wan-2.2"));
        assert_eq!(one("Kling v2.1").as_deref(), Some("kling-2.1"));
    }

    #[test]
    fn common_words_are_not_models() {
        assert!(ids("Wann kommt das? I want it. The runway show. A pika.").is_empty());
        assert!(ids("Swan 2.1 and Kinesora 2").is_empty());
        assert!(ids("X-Ray 2 and Next-Gen 4 consoles").is_empty());
    }

    #[test]
    fn year_after_family_is_not_a_version() {
        let m = registry().find_mentions("Sora 2025");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "Sora");
    }

    #[test]
    fn bare_family_resolves_nearby_then_latest() {
        let r = registry();
        let text = "Veo 3 war stark. Jetzt zeigt Sora, was geht. Veo überzeugt.";
        let date = NaiveDate::from_ymd_opt(2025, 11, 1);
        let m = r.find_mentions_at(text, date);
        let got: Vec<_> = m
            .iter()
            .map(|m| (m.text.as_str(), m.model.as_deref(), m.resolution))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Veo 3", Some("veo-3"), Resolution::Explicit),
                ("Sora", Some("sora-2"), Resolution::LatestAtDate),
                ("Veo", Some("veo-3"), Resolution::Nearby),
            ]
        );
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "Größer: Sora 2 Pro.";
        let m = registry().find_mentions(text);
        assert_eq!(&text[m[0].start..m[0].end], "Sora 2 Pro");
    }

    #[test]
    fn resolve_raw_names() {
        let r = registry();
        let id = |raw: &str| r.resolve_name(raw).map(|m| m.id.clone());
        assert_eq!(
            id("Kling 2.5 Turbo 1080p").as_deref(),
            Some("kling-2.5-turbo")
        );
        assert_eq!(id("Sora 2 (October)").as_deref(), Some("sora-2"));
        assert_eq!(
            id("Dreamina Seedance 2.0 720p").as_deref(),
            Some("seedance-2.0")
        );
        assert_eq!(id("veo-3.1").as_deref(), Some("veo-3.1"));
        assert_eq!(id("nothing here"), None);
        assert_eq!(id("Sora 2 + WMReward (best-of-N reranking)"), None);
        assert_eq!(
            id("Sora 2 + WMReward (best-of-N)").as_deref(),
            Some("sora-2-wmreward")
        );
    }

    #[test]
    fn registry_problems_name_lines() {
        let csv = "id,kind,name,vendor,family,version,variant_of,released,aliases,prefixes,notes\n\
                   x,family,X,V,x,,,,X,,\n\
                   x-1,model,X 1,V,nope,1,,2025-13-01,X 1,,\n\
                   x-2,model,X 2,V,x,2,,,X 1,,\n";
        let Err(ModelsError::Invalid(p)) = Registry::from_csv_str(csv, "m.csv") else {
            panic!("expected problems");
        };
        let text = join_problems(&p);
        assert!(text.contains("m.csv:3: bad date"), "{text}");
        assert!(text.contains("m.csv:3: unknown family `nope`"), "{text}");
        assert!(text.contains("m.csv:4: alias `X 1`"), "{text}");
    }
}
