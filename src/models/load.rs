//! Reading and validating `models.csv`, and compiling the aliases into the mention trie.
//!
//! Every problem (per row, across rows, ambiguous aliases) is collected with its line, so one
//! run lists everything to fix.

use rustc_hash::FxHashMap as HashMap;

use crate::dates::parse_ymd;
use crate::problem::Problems;
use crate::table::{Table, Width};

use super::mentions::{alias_key, Candidates, FirstTokens, TrieNode};
use super::{EntryKind, Model, ModelsError, Registry};

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
            } else if let Some(d) = parse_ymd(&released_raw) {
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
            let firsts = FirstTokens::new(trie[0].children.keys());
            let candidates = Candidates::new(&trie, &entries, &by_id);
            Ok(Registry {
                entries,
                by_id,
                trie,
                firsts,
                candidates,
            })
        } else {
            Err(ModelsError::Invalid(problems.list))
        }
    }
}
