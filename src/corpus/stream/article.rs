//! From a read document to an article and from an article to its result line: the JSONL
//! record and HTML page fields ([`InputArticle`]), the language fallback, and the
//! exclusions and analysis of one article ([`analyze_article`]).
use std::collections::BTreeMap;

use serde::Deserialize;

use super::{week_name, why, InputArticle, ResultLine, RESULT_VERSION};
use crate::analyze::Stance;
use crate::collect::extract;
use crate::corpus::analysis::{date_of, CorpusAnalyzer};

/// The JSONL record: the `export --format jsonl` schema; unknown keys are ignored.
#[derive(Debug, Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    paywalled: Option<bool>,
    #[serde(default)]
    duplicate_of: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

fn norm_lang(l: Option<&str>, text: &str) -> String {
    l.map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l == "de" || l == "en")
        .unwrap_or_else(|| {
            crate::text::lang::detect(text)
                .unwrap_or(crate::text::Lang::En)
                .code()
                .to_owned()
        })
}

pub(super) fn json_article(line: &str, n: u64) -> Result<InputArticle, String> {
    let rec: JsonRecord =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON record: {e}"))?;
    let (text, ex) = match (rec.text, rec.html) {
        (Some(t), _) if !t.trim().is_empty() => (t.trim().to_owned(), None),
        (_, Some(h)) => {
            let ex = extract::try_extract(h.as_bytes(), None, rec.url.as_deref())
                .map_err(|e| e.to_string())?;
            (ex.text.clone(), Some(ex))
        }
        (Some(_), None) => return Err("record has an empty text".to_owned()),
        (None, None) => return Err("record has neither \"text\" nor \"html\"".to_owned()),
    };
    if text.trim().is_empty() {
        return Err("record has an empty text".to_owned());
    }
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(x)) => x.to_string(),
        _ => n.to_string(),
    };
    let ex_lang = ex.as_ref().and_then(|e| e.lang.clone());
    let outlet = rec
        .outlet
        .or(rec.source)
        .or_else(|| ex.as_ref().and_then(|e| e.site_name.clone()))
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| "import".to_owned());
    Ok(InputArticle {
        id,
        url: rec.url.unwrap_or_default(),
        outlet,
        lang: norm_lang(rec.lang.as_deref().or(ex_lang.as_deref()), &text),
        title: rec
            .title
            .or_else(|| ex.as_ref().and_then(|e| e.title.clone())),
        published: rec
            .published
            .or_else(|| ex.as_ref().and_then(|e| e.published.clone())),
        paywalled: rec
            .paywalled
            .unwrap_or_else(|| ex.as_ref().is_some_and(|e| e.paywalled)),
        duplicate: rec.duplicate_of.is_some_and(|d| !d.is_null()),
        prefilter: false,
        other_language: false,
        text,
    })
}

pub(super) fn html_article(
    bytes: &[u8],
    charset: Option<&str>,
    id: String,
    url: &str,
) -> Result<InputArticle, String> {
    let ex = extract::try_extract(bytes, charset, Some(url)).map_err(|e| e.to_string())?;
    if ex.text.trim().is_empty() {
        return Err("no article text found".to_owned());
    }
    let outlet = ex
        .site_name
        .clone()
        .or_else(|| {
            url::Url::parse(url).ok().and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_start_matches("www.").to_owned())
            })
        })
        .unwrap_or_else(|| "import".to_owned());
    // A news crawl holds every language: a page that declares another language, or in which
    // the detector finds neither English nor German, is not analyzed as English.
    let declared = ex
        .lang
        .as_deref()
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase());
    let other_language = match declared.as_deref() {
        Some("de" | "en") => false,
        Some(_) => true,
        None => crate::text::lang::detect(&ex.text).is_none(),
    };
    Ok(InputArticle {
        id,
        other_language,
        url: url.to_owned(),
        outlet,
        lang: norm_lang(ex.lang.as_deref(), &ex.text),
        title: ex.title,
        published: ex.published,
        paywalled: ex.paywalled,
        duplicate: false,
        prefilter: true,
        text: ex.text,
    })
}

/// Analyzes one read document into its output line.
pub(crate) fn analyze_article(
    analyzer: &mut CorpusAnalyzer<'_>,
    n: u64,
    a: &InputArticle,
) -> ResultLine {
    let date = a.published.as_deref().and_then(date_of);
    let mut line = ResultLine {
        v: RESULT_VERSION,
        n,
        id: a.id.clone(),
        lexicon: analyzer.lexicon_hash().to_owned(),
        url: a.url.clone(),
        outlet: a.outlet.clone(),
        lang: a.lang.clone(),
        title: a.title.clone().unwrap_or_default(),
        published: a.published.clone(),
        week: date.map(week_name),
        kept: false,
        why: String::new(),
        hype_index: 0.0,
        discourse_index: 0.0,
        categories: BTreeMap::new(),
        endorsed_terms: Vec::new(),
        analysis: None,
        claims: Vec::new(),
    };
    // The same exclusions, in the same order, as the report over the SQLite corpus.
    if a.duplicate {
        line.why = why::DUPLICATE.to_owned();
        return line;
    }
    if a.paywalled {
        line.why = why::PAYWALLED.to_owned();
        return line;
    }
    if a.other_language {
        line.why = why::OTHER_LANGUAGE.to_owned();
        return line;
    }
    if a.prefilter {
        let topic_text = format!("{}\n\n{}", a.title.as_deref().unwrap_or(""), a.text);
        if !analyzer.classify_topic(&topic_text) {
            line.why = why::OFF_TOPIC.to_owned();
            return line;
        }
    }
    let (analysis, claims) =
        analyzer.analyze(a.title.as_deref(), &a.text, &a.lang, a.published.as_deref());
    line.lang.clone_from(&analysis.lang);
    line.hype_index = analysis.hype_index;
    line.discourse_index = analysis.discourse_index;
    for t in &analysis.terms {
        line.categories
            .entry(t.category.clone())
            .or_default()
            .add_stance(t.stance, t.n);
        if matches!(t.stance, Stance::Endorsed | Stance::Hedged)
            && !line.endorsed_terms.contains(&t.term)
        {
            line.endorsed_terms.push(t.term.clone());
        }
    }
    line.kept = analysis.on_topic;
    line.why = if analysis.on_topic {
        why::COUNTED
    } else {
        why::OFF_TOPIC
    }
    .to_owned();
    line.analysis = Some(analysis);
    line.claims = claims;
    line
}
