//! The server's state and the one piece of work it does: check a draft and render the
//! `check --format json` document, on a pooled analyzer.
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Data, Limits};
use crate::analyze::Analyzer;
use crate::check::{self, ClaimOptions, FileReport};
use crate::claims::Checker;
use crate::output::{self, FileError, Run};
use crate::text::{Format, Lang};

/// The label drafts carry as `path` in the JSON document.
pub(crate) const DRAFT_PATH: &str = "draft";

/// The body of `POST /api/check`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The draft.
    pub text: String,
    /// `de`, `en` or `auto` (default: detected).
    #[serde(default)]
    pub lang: Option<String>,
    /// Input format: `text`, `markdown` or `html` (default: sniffed from the text).
    #[serde(default)]
    pub format: Option<String>,
    /// Judge claims as of this date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`; default: the draft's
    /// own date, else today).
    #[serde(default)]
    pub date: Option<String>,
    /// Also list quoted, negated and questioned hits and others' claims.
    #[serde(default)]
    pub show_all: bool,
}

/// A request the server cannot check: which field is wrong and why.
#[derive(Debug, PartialEq)]
pub(crate) struct BadField(pub(crate) String);

/// The parsed, validated request.
pub(crate) struct Job {
    text: String,
    lang: Option<Lang>,
    format: Format,
    date: Option<NaiveDate>,
    show_all: bool,
}

impl CheckRequest {
    pub(crate) fn validate(self) -> Result<Job, BadField> {
        let lang = match self.lang.as_deref().map(str::trim) {
            None | Some("" | "auto") => None,
            Some(l) => Some(match l.to_ascii_lowercase().as_str() {
                "de" => Lang::De,
                "en" => Lang::En,
                _ => {
                    return Err(BadField(format!(
                        "`lang`: expected \"de\", \"en\" or \"auto\", got {l:?}"
                    )))
                }
            }),
        };
        let format = match self.format.as_deref().map(str::trim) {
            None | Some("" | "auto") => Format::sniff(prefix(&self.text, 4096)),
            Some("text" | "txt") => Format::Text,
            Some("markdown" | "md") => Format::Markdown,
            Some("html") => Format::Html,
            Some(f) => {
                return Err(BadField(format!(
                    "`format`: expected \"text\", \"markdown\", \"html\" or \"auto\", got {f:?}"
                )))
            }
        };
        let date = match self.date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(
                crate::dates::parse_cli_date(d).map_err(|e| BadField(format!("`date`: {e}")))?,
            ),
        };
        Ok(Job {
            text: self.text,
            lang,
            format,
            date,
            show_all: self.show_all,
        })
    }
}

fn prefix(s: &str, max: usize) -> &str {
    let end = crate::text::position::floor_char_boundary(s, max.min(s.len()));
    &s[..end]
}

/// Shared by all requests.
pub(crate) struct State {
    pub(crate) data: Data,
    pub(crate) token: Option<String>,
    pub(crate) limits: Limits,
    /// Accept only loopback `Host` names (loopback address without a token).
    pub(crate) loopback_only: bool,
    pub(crate) slots: Arc<tokio::sync::Semaphore>,
    analyzers: Mutex<Vec<Analyzer>>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("limits", &self.limits)
            .field("token", &self.token.as_ref().map(|_| "…"))
            .finish()
    }
}

impl State {
    pub(crate) fn new(
        data: Data,
        token: Option<String>,
        limits: Limits,
        loopback_only: bool,
    ) -> Self {
        State {
            data,
            token,
            limits,
            loopback_only,
            slots: Arc::new(tokio::sync::Semaphore::new(limits.concurrency)),
            analyzers: Mutex::new(Vec::new()),
        }
    }

    fn take_analyzer(&self) -> Analyzer {
        let pooled = self.analyzers.lock().ok().and_then(|mut p| p.pop());
        pooled.unwrap_or_else(|| {
            let mut a = Analyzer::new(self.data.lexicons.clone());
            a.set_disabled_categories(self.data.disabled_categories.clone());
            a
        })
    }

    fn give_back(&self, analyzer: Analyzer) {
        if let Ok(mut p) = self.analyzers.lock() {
            if p.len() < self.limits.concurrency {
                p.push(analyzer);
            }
        }
    }

    /// Checks one draft and renders the JSON document. A draft that cannot be analyzed
    /// (binary data) is reported in the document's `errors`, as `check` does; the flag says so.
    pub(crate) fn check(&self, job: &Job, today: NaiveDate) -> (Vec<u8>, bool) {
        let checker = Checker::new(&self.data.registry, &self.data.benchmarks, &self.data.cues);
        let claims = ClaimOptions {
            checker: &checker,
            date: job.date,
            today,
        };
        let mut analyzer = self.take_analyzer();
        // Same data, same marks: a pooled analyzer keeps its marked word cache.
        analyzer.set_token_marks(Some(checker.token_marks()));
        let result = check::check_with_claims(
            &mut analyzer,
            DRAFT_PATH,
            job.text.as_bytes(),
            job.format,
            job.lang,
            Some(claims),
        );
        self.give_back(analyzer);
        let (reports, errors): (Vec<FileReport>, Vec<FileError>) = match result {
            Ok(r) => (vec![r], Vec::new()),
            Err(e) => (
                Vec::new(),
                vec![FileError {
                    path: DRAFT_PATH.to_owned(),
                    message: e.to_string(),
                }],
            ),
        };
        let run = Run {
            reports: &reports,
            errors: &errors,
            lexicons: &self.data.lexicons,
            show_all: job.show_all,
            fail_above: None,
        };
        let mut out = Vec::with_capacity(4096);
        // Writing into a Vec cannot fail; serialization of these plain types cannot either.
        let _ = output::json::render(&run, &mut out);
        (out, !errors.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(lang: Option<&str>, format: Option<&str>, date: Option<&str>) -> CheckRequest {
        CheckRequest {
            text: "Sora 2 ist ein Gamechanger.".to_owned(),
            lang: lang.map(str::to_owned),
            format: format.map(str::to_owned),
            date: date.map(str::to_owned),
            show_all: false,
        }
    }

    #[test]
    fn request_fields_are_validated_with_the_field_named() {
        let ok = req(Some("DE"), Some("markdown"), Some("2026-08"))
            .validate()
            .unwrap();
        assert_eq!(ok.lang, Some(Lang::De));
        assert_eq!(ok.format, Format::Markdown);
        // A month means its last day, as for `check --date`.
        assert_eq!(ok.date, NaiveDate::from_ymd_opt(2026, 8, 31));
        let auto = req(Some("auto"), None, Some("")).validate().unwrap();
        assert_eq!(
            (auto.lang, auto.format, auto.date),
            (None, Format::Text, None)
        );
        for (r, field) in [
            (req(Some("fr"), None, None), "`lang`"),
            (req(None, Some("pdf"), None), "`format`"),
            (req(None, None, Some("yesterday")), "`date`"),
        ] {
            let e = r.validate().err().expect("rejected").0;
            assert!(e.starts_with(field), "{e}");
        }
    }

    #[test]
    fn format_sniffing_does_not_split_a_character() {
        let text = format!("{}<p>ä</p>", "ü".repeat(3000));
        let r = CheckRequest {
            text,
            ..CheckRequest::default()
        };
        assert!(r.validate().is_ok());
    }
}
