//! Report outputs: `index.html`, `index.md`, the CSV files, `report.json` and the SVG charts.
//!
//! HTML and Markdown come from minijinja templates embedded at compile time
//! (`src/report/templates/`). The HTML template auto-escapes every value (minijinja escapes
//! by the `.html` name), so scraped titles and quotes cannot inject markup; only the chart SVG,
//! which this program draws, is marked safe. The Markdown template escapes scraped text with
//! the `md` filter. CSV files have one header row, ISO dates and UTF-8; columns are listed in
//! `docs/report.md`.
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use minijinja::{context, Environment, Value};

use super::aggregate::ArticleRow;
use super::{charts, ReportData, ReportError, TOP_TERMS};
use crate::output::csv::safe_record;

const HTML: &str = include_str!("templates/index.html");
const MD: &str = include_str!("templates/index.md");
const CSS: &str = include_str!("templates/style.css");

/// Columns of `articles.csv`.
pub(crate) const ARTICLE_COLUMNS: &[&str] = &[
    "id",
    "date",
    "week",
    "status",
    "outlet",
    "lang",
    "title",
    "url",
    "words",
    "hype_index",
    "discourse_index",
    "endorsed_weight",
    "discourse_weight",
    "endorsed",
    "hedged",
    "quoted",
    "negated",
    "questioned",
    "models",
];

/// Columns of `models.csv`.
pub(crate) const MODEL_COLUMNS: &[&str] = &[
    "model",
    "name",
    "family",
    "vendor",
    "articles",
    "mentions",
    "words",
    "hype_index",
    "discourse_index",
    "hype_percentile",
    "reality_percentile",
    "reality_date",
    "gap",
    "claims_supported",
    "claims_contradicted",
    "claims_unverifiable",
];

/// Columns of `terms.csv`.
pub(crate) const TERM_COLUMNS: &[&str] = &[
    "term",
    "lang",
    "category",
    "total",
    "endorsed",
    "hedged",
    "quoted",
    "negated",
    "questioned",
    "counted_weight",
];

/// Columns of `outlets.csv`.
pub(crate) const OUTLET_COLUMNS: &[&str] = &[
    "outlet",
    "lang",
    "articles",
    "words",
    "hype_index",
    "discourse_index",
    "counted_hits",
    "discourse_hits",
];

/// Columns of `claims.csv`.
pub(crate) const CLAIM_COLUMNS: &[&str] = &[
    "article_id",
    "date",
    "outlet",
    "model",
    "kind",
    "verdict",
    "text",
];

/// Columns of `weeks.csv`.
pub(crate) const WEEK_COLUMNS: &[&str] = &[
    "week",
    "since",
    "until",
    "articles",
    "hype_index",
    "discourse_index",
];

fn csv_writer(path: &Path) -> Result<csv::Writer<BufWriter<File>>, ReportError> {
    let f = File::create(path).map_err(|source| ReportError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(csv::Writer::from_writer(BufWriter::new(f)))
}

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> ReportError + '_ {
    move |source| ReportError::Csv {
        path: path.to_owned(),
        source,
    }
}

/// Writes one CSV file: the header, then one record per row.
fn write_csv(
    path: &Path,
    columns: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<PathBuf, ReportError> {
    let mut w = csv_writer(path)?;
    let e = csv_err(path);
    w.write_record(columns).map_err(&e)?;
    for row in rows {
        w.write_record(safe_record(&row)).map_err(&e)?;
    }
    w.flush().map_err(|source| ReportError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(path.to_owned())
}

fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// `articles.csv`, written row by row during aggregation.
pub(crate) struct ArticlesCsv {
    path: PathBuf,
    w: csv::Writer<BufWriter<File>>,
}

impl ArticlesCsv {
    pub(crate) fn create(path: &Path) -> Result<Self, ReportError> {
        let mut w = csv_writer(path)?;
        w.write_record(ARTICLE_COLUMNS).map_err(csv_err(path))?;
        Ok(ArticlesCsv {
            path: path.to_owned(),
            w,
        })
    }

    pub(crate) fn write(&mut self, r: &ArticleRow<'_>) -> Result<(), ReportError> {
        let a = r.analysis;
        let num = |f: &dyn Fn(&crate::corpus::analysis::ArticleAnalysis) -> String| {
            a.map(f).unwrap_or_default()
        };
        let rec = [
            r.id.to_string(),
            r.date.to_string(),
            super::period::week_name(r.date),
            r.status.as_str().to_owned(),
            r.outlet.to_owned(),
            r.lang.to_owned(),
            r.title.to_owned(),
            r.url.to_owned(),
            num(&|a| a.words.to_string()),
            num(&|a| a.hype_index.to_string()),
            num(&|a| a.discourse_index.to_string()),
            num(&|a| a.endorsed_weight.to_string()),
            num(&|a| a.discourse_weight.to_string()),
            num(&|a| a.counts.endorsed.to_string()),
            num(&|a| a.counts.hedged.to_string()),
            num(&|a| a.counts.quoted.to_string()),
            num(&|a| a.counts.negated.to_string()),
            num(&|a| a.counts.questioned.to_string()),
            num(&|a| {
                a.models
                    .iter()
                    .map(|m| m.model.as_str())
                    .collect::<Vec<_>>()
                    .join(";")
            }),
        ];
        self.w
            .write_record(safe_record(&rec))
            .map_err(csv_err(&self.path))
    }

    pub(crate) fn finish(mut self) -> Result<PathBuf, ReportError> {
        self.w.flush().map_err(|source| ReportError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(self.path)
    }
}

/// Escapes characters that Markdown would read as markup (and `<`, `>`, `&` for HTML in
/// Markdown), and folds line breaks, so scraped text stays literal text.
pub(crate) fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '>' | '<' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn fmt_num(v: Value) -> String {
    match f64::try_from(v.clone()) {
        Ok(x) if v.is_number() => format!("{x:.1}"),
        _ if v.is_none() || v.is_undefined() => "—".to_owned(),
        _ => v.to_string(),
    }
}

fn fmt_signed(v: Value) -> String {
    match f64::try_from(v.clone()) {
        Ok(x) if v.is_number() => format!("{x:+.1}"),
        _ => "—".to_owned(),
    }
}

fn environment() -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.add_filter("md", |s: Value| escape_md(&s.to_string()));
    env.add_filter("num", fmt_num);
    env.add_filter("signed", fmt_signed);
    let tpl = |name: &str| {
        let name = name.to_owned();
        move |source| ReportError::Template { name, source }
    };
    env.add_template("index.html", HTML)
        .map_err(tpl("index.html"))?;
    env.add_template("index.md", MD).map_err(tpl("index.md"))?;
    Ok(env)
}

/// Chart SVGs of a report.
pub(crate) struct Charts {
    pub(crate) scatter: String,
    pub(crate) trend: String,
    pub(crate) terms: String,
}

pub(crate) fn draw_charts(data: &ReportData) -> Result<Charts, ReportError> {
    Ok(Charts {
        scatter: charts::scatter(&data.models)?,
        trend: charts::trend(&data.weeks, &data.families, 5)?,
        terms: charts::terms(&data.terms, TOP_TERMS)?,
    })
}

/// Renders `index.html` or `index.md`.
pub(crate) fn render(
    data: &ReportData,
    charts: &Charts,
    name: &str,
) -> Result<String, ReportError> {
    let env = environment()?;
    let tpl = env
        .get_template(name)
        .map_err(|source| ReportError::Template {
            name: name.to_owned(),
            source,
        })?;
    let stances: Vec<Value> = charts::STANCE_FILLS
        .iter()
        .map(|(s, c)| context! { name => *s, color => format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2) })
        .collect();
    tpl.render(context! {
        r => to_value(&serde_json::to_value(data).unwrap_or_default()),
        top_terms => to_value(&serde_json::to_value(data.terms.iter().take(TOP_TERMS).collect::<Vec<_>>()).unwrap_or_default()),
        css => CSS,
        stance_fills => stances,
        chart_scatter => Value::from_safe_string(charts.scatter.clone()),
        chart_trend => Value::from_safe_string(charts.trend.clone()),
        chart_terms => Value::from_safe_string(charts.terms.clone()),
    })
    .map_err(|source| ReportError::Template {
        name: name.to_owned(),
        source,
    })
}

/// Converts JSON data to a template value (this minijinja build has no serde feature).
fn to_value(v: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::from(()),
        J::Bool(b) => Value::from(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::from(i),
            None => Value::from(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => Value::from(s.as_str()),
        J::Array(a) => Value::from(a.iter().map(to_value).collect::<Vec<_>>()),
        J::Object(o) => Value::from_pairs(o.iter().map(|(k, v)| (k.as_str(), to_value(v)))),
    }
}

fn write_file(path: &Path, text: &str) -> Result<PathBuf, ReportError> {
    std::fs::write(path, text).map_err(|source| ReportError::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(path.to_owned())
}

/// Writes every output except `articles.csv` into `dir`.
pub(crate) fn write_all(data: &ReportData, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let charts = draw_charts(data)?;
    let mut files = vec![
        write_file(
            &dir.join("index.html"),
            &render(data, &charts, "index.html")?,
        )?,
        write_file(&dir.join("index.md"), &render(data, &charts, "index.md")?)?,
        write_file(&dir.join("hype-vs-reality.svg"), &charts.scatter)?,
        write_file(&dir.join("trend.svg"), &charts.trend)?,
        write_file(&dir.join("terms.svg"), &charts.terms)?,
    ];
    let json = serde_json::to_string_pretty(data).unwrap_or_default();
    files.push(write_file(&dir.join("report.json"), &json)?);

    files.push(write_csv(
        &dir.join("models.csv"),
        MODEL_COLUMNS,
        data.models.iter().map(|m| {
            let c = |f: fn(&super::ClaimCounts) -> u64| {
                m.claims
                    .as_ref()
                    .map(|c| f(c).to_string())
                    .unwrap_or_default()
            };
            vec![
                m.model.clone(),
                m.name.clone(),
                m.family.clone(),
                m.vendor.clone(),
                m.articles.to_string(),
                m.mentions.to_string(),
                m.words.to_string(),
                m.hype_index.to_string(),
                m.discourse_index.to_string(),
                opt(m.hype_percentile),
                opt(m.reality_percentile),
                if m.reality_percentile.is_some() {
                    data.method.reality_date.to_string()
                } else {
                    String::new()
                },
                opt(m.gap),
                c(|c| c.supported),
                c(|c| c.contradicted),
                c(|c| c.unverifiable),
            ]
        }),
    )?);
    files.push(write_csv(
        &dir.join("terms.csv"),
        TERM_COLUMNS,
        data.terms.iter().map(|t| {
            vec![
                t.term.clone(),
                t.lang.clone(),
                t.category.clone(),
                t.total.to_string(),
                t.endorsed.to_string(),
                t.hedged.to_string(),
                t.quoted.to_string(),
                t.negated.to_string(),
                t.questioned.to_string(),
                t.counted_weight.to_string(),
            ]
        }),
    )?);
    files.push(write_csv(
        &dir.join("outlets.csv"),
        OUTLET_COLUMNS,
        data.outlets.iter().map(|o| {
            vec![
                o.name.clone(),
                o.lang.clone(),
                o.articles.to_string(),
                o.words.to_string(),
                o.hype_index.to_string(),
                o.discourse_index.to_string(),
                o.counted_hits.to_string(),
                o.discourse_hits.to_string(),
            ]
        }),
    )?);
    files.push(write_csv(
        &dir.join("claims.csv"),
        CLAIM_COLUMNS,
        data.claims.rows.iter().map(|c| {
            vec![
                c.article_id.to_string(),
                c.date.to_string(),
                c.outlet.clone(),
                c.model.clone(),
                c.kind.clone(),
                c.verdict.clone(),
                c.text.clone(),
            ]
        }),
    )?);
    files.push(write_csv(
        &dir.join("weeks.csv"),
        WEEK_COLUMNS,
        data.weeks.iter().map(|wk| {
            vec![
                wk.week.clone(),
                wk.since.to_string(),
                wk.until.to_string(),
                wk.articles.to_string(),
                opt(wk.hype_index),
                opt(wk.discourse_index),
            ]
        }),
    )?);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escape_keeps_text_literal() {
        assert_eq!(escape_md("*Sora* [x](y)"), "\\*Sora\\* \\[x\\]\\(y\\)");
        assert_eq!(escape_md("<b>\nA & B"), "\\<b\\> A &amp; B");
    }
}
