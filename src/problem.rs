//! Problems found in data files, reported as `file:line: message`.
//!
//! Owns the one [`Problem`] type that every data-file validator hands on (lexicons, model
//! registry, benchmarks, dimension map, claim cues, the validation sample) and the `Problems`
//! collector they fill while they read. Validators collect every problem of a file instead of
//! stopping at the first, so that one run shows an editor of the data everything to fix. The
//! CLI prints each problem on its own line and exits with code 2. `lexicon::Problem` and
//! `validate::Problem` are re-exports of this type.

use std::fmt;

use serde::Serialize;

/// One problem found in a data file, with the file and line it is on (line 0: no position).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file as named to the user (a path, or the shipped label such as `data/models.csv`).
    pub file: String,
    /// 1-based line; 0 when the problem has no position.
    pub line: u64,
    /// What is wrong, in one sentence.
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

/// Joins problems one per line, as `file:line: message`.
pub(crate) fn join_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Problems found in one file, collected so that all of them are reported at once.
#[derive(Debug)]
pub(crate) struct Problems {
    file: String,
    pub(crate) list: Vec<Problem>,
}

impl Problems {
    pub(crate) fn new(file: &str) -> Self {
        Problems {
            file: file.to_string(),
            list: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, line: u64, message: String) {
        self.list.push(Problem {
            file: self.file.clone(),
            line,
            message,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The collected problems.
    pub(crate) fn into_vec(self) -> Vec<Problem> {
        self.list
    }
}
