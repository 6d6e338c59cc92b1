//! JSON-LD: the `application/ld+json` blocks of a page parsed (with the two frequent syntax
//! errors repaired) and walked (`@graph`, `mainEntity`, `hasPart` included) for the
//! article's headline, dates, authors, publisher, language and paywall flag ([`JsonLd`]).
use scraper::ElementRef;
use serde_json::Value;
use std::sync::LazyLock;

use super::clean;

static TRAILING_COMMA: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r",(\s*[\]}])").expect("static regex"));

/// What JSON-LD blocks say about the article.
#[derive(Debug, Default)]
pub(super) struct JsonLd {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) authors: Vec<String>,
    pub(super) publisher: Option<String>,
    pub(super) language: Option<String>,
    pub(super) not_free: bool,
    /// `datePublished`/`dateModified` of any other object (ClaimReview, VideoObject, ...).
    pub(super) any_published: Option<String>,
    pub(super) any_modified: Option<String>,
    /// True when an article-like object was found (its values beat page-level ones).
    article: bool,
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit('/').next().unwrap_or(t);
    t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report" || t == "Review"
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(_) => str_of(v?.get("name")).or_else(|| str_of(v?.get("@value"))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn is_false(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("false"),
        _ => false,
    }
}

fn names(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => {
            if let Some(n) = clean(s) {
                out.push(n);
            }
        }
        Some(Value::Array(a)) => a.iter().for_each(|x| names(Some(x), out)),
        Some(obj @ Value::Object(_)) => {
            if let Some(n) = str_of(obj.get("name")) {
                out.push(n);
            }
        }
        _ => {}
    }
}

impl JsonLd {
    fn visit(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(a) => a.iter().for_each(|x| self.visit(x, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.visit(g, depth + 1);
                }
                let ts = types(v);
                let article = ts.iter().any(|t| is_article_type(t));
                let page = ts.iter().any(|t| t.ends_with("WebPage"));
                if article && !self.article {
                    self.article = true;
                    self.headline = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
                    self.published = str_of(o.get("datePublished")).or(self.published.take());
                    self.modified = str_of(o.get("dateModified")).or(self.modified.take());
                    names(o.get("author"), &mut self.authors);
                    if let Some(p) = o.get("publisher").and_then(|p| str_of(p.get("name"))) {
                        self.publisher = Some(p);
                    }
                    if let Some(l) = str_of(o.get("inLanguage")) {
                        self.language = Some(l);
                    }
                } else if page && !self.article {
                    // WebPage objects carry dates too; article values override them later.
                    if self.published.is_none() {
                        self.published = str_of(o.get("datePublished"));
                    }
                    if self.modified.is_none() {
                        self.modified = str_of(o.get("dateModified"));
                    }
                }
                let person_or_org = ts
                    .iter()
                    .any(|t| matches!(*t, "Person" | "Organization" | "NewsMediaOrganization"));
                if !article && !page && !person_or_org {
                    if self.any_published.is_none() {
                        self.any_published = str_of(o.get("datePublished"));
                    }
                    if self.any_modified.is_none() {
                        self.any_modified = str_of(o.get("dateModified"));
                    }
                }
                if (article || page) && is_false(o.get("isAccessibleForFree")) {
                    self.not_free = true;
                }
                if let Some(parts) = o.get("hasPart") {
                    let parts: Vec<&Value> = match parts {
                        Value::Array(a) => a.iter().collect(),
                        other => vec![other],
                    };
                    if parts.iter().any(|p| is_false(p.get("isAccessibleForFree"))) {
                        self.not_free = true;
                    }
                }
                let org = ts.contains(&"Organization") || ts.contains(&"NewsMediaOrganization");
                if org && self.publisher.is_none() {
                    self.publisher = str_of(o.get("name"));
                }
                if !article {
                    if let Some(main) = o.get("mainEntity") {
                        self.visit(main, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

pub(super) fn parse_json_ld(scripts: &[ElementRef<'_>]) -> JsonLd {
    let mut ld = JsonLd::default();
    for script in scripts {
        let raw: String = script.text().collect();
        let trimmed = raw
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim();
        let parsed = serde_json::from_str::<Value>(trimmed).or_else(|_| {
            // Raw newlines/tabs inside strings are a frequent JSON-LD error; they are
            // whitespace anywhere else, so blanking them is safe.
            let fixed: String = trimmed
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            serde_json::from_str::<Value>(&fixed).or_else(|_| {
                // Trailing commas (`["a", "b", ]`) are the other frequent error.
                serde_json::from_str::<Value>(&TRAILING_COMMA.replace_all(&fixed, "$1"))
            })
        });
        if let Ok(v) = parsed {
            ld.visit(&v, 0);
        }
    }
    ld
}
