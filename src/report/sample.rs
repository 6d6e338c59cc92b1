//! The demo: the sample corpus in `data/sample/` run through import, analysis and report.
//!
//! Sample pages are HTML files read by [`crate::collect::import::read_file`], the same
//! extraction path as scraped pages. While this build's extractor is the placeholder that
//! returns the raw page (the real one is developed separately), the few fields the demo needs
//! are read from the page's own metadata here (`og:title`, `og:site_name`,
//! `article:published_time`, `author`, `<html lang>`, the `<p>`s of `<article>`, a `paywall`
//! class). This fallback only fills what extraction left empty, so with the real extractor it
//! does nothing.
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use super::ReportError;
use crate::collect::import;
use crate::collect::topic::{TopicConfig, TopicFilter};
use crate::store::{InsertOutcome, NewArticle, Store};

/// Counts of a sample import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SampleImport {
    pub(crate) files: usize,
    pub(crate) stored: usize,
    pub(crate) duplicates: usize,
    pub(crate) already_stored: usize,
}

/// The sample pages (`*.html`) in `dir`, sorted by name.
pub(crate) fn pages(dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let rd = std::fs::read_dir(dir).map_err(|e| ReportError::Sample {
        path: dir.to_owned(),
        message: format!("cannot read the sample directory: {e}"),
    })?;
    let mut out: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(ReportError::Sample {
            path: dir.to_owned(),
            message: "no .html sample pages found".to_owned(),
        });
    }
    Ok(out)
}

/// Imports the sample pages into `store` and analyzes each stored article.
pub(crate) fn import_pages(
    store: &mut Store,
    paths: &[PathBuf],
) -> Result<SampleImport, ReportError> {
    let filter = TopicFilter::from_config(&TopicConfig::default())
        .map_err(|e| ReportError::Setup(format!("topic filter: {e}")))?;
    let mut articles = Vec::new();
    for p in paths {
        let found = import::read_file(p).map_err(|e| ReportError::Sample {
            path: p.clone(),
            message: e.to_string(),
        })?;
        let bytes = std::fs::read(p).map_err(|e| ReportError::Sample {
            path: p.clone(),
            message: e.to_string(),
        })?;
        for mut a in found {
            fill_from_page(&mut a, &String::from_utf8_lossy(&bytes));
            articles.push(a);
        }
    }
    let mut out = SampleImport {
        files: paths.len(),
        ..SampleImport::default()
    };
    for mut a in articles {
        let topic_text = format!("{}\n\n{}", a.title.as_deref().unwrap_or(""), a.text);
        a.kept_reason = format!("sample; {}", filter.classify(&topic_text).reason);
        match store.insert_article(&a, None, None)? {
            InsertOutcome::Inserted {
                id,
                duplicate_of,
                supersedes,
            } => {
                out.stored += 1;
                if duplicate_of.is_some() || supersedes.is_some() {
                    out.duplicates += 1;
                }
                super::analyze_on_store(store, id, &a)?;
            }
            InsertOutcome::AlreadyStored { .. } => out.already_stored += 1,
        }
    }
    Ok(out)
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// Fills the fields extraction left empty from the page's own metadata (see the module doc).
fn fill_from_page(a: &mut NewArticle, page: &str) {
    let raw_page = a.text.trim_start().starts_with('<');
    let needs = raw_page || a.title.is_none() || a.published.is_none() || a.outlet == "import";
    if !needs {
        return;
    }
    let doc = Html::parse_document(page);
    let meta = |key: &str| -> Option<String> {
        let s = sel(&format!("meta[property=\"{key}\"], meta[name=\"{key}\"]"))?;
        doc.select(&s)
            .find_map(|e| e.value().attr("content"))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
    };
    if a.title.is_none() {
        a.title = meta("og:title").or_else(|| {
            let s = sel("title")?;
            doc.select(&s)
                .next()
                .map(|e| e.text().collect::<String>().trim().to_owned())
        });
    }
    if a.published.is_none() {
        a.published = meta("article:published_time");
    }
    if a.authors.is_empty() {
        a.authors = meta("author").into_iter().collect();
    }
    if a.outlet == "import" {
        if let Some(site) = meta("og:site_name") {
            a.outlet = site;
        }
    }
    if let Some(lang) = sel("html")
        .and_then(|s| doc.select(&s).next())
        .and_then(|e| e.value().attr("lang"))
    {
        let l = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
        if l == "de" || l == "en" {
            a.lang = l;
        }
    }
    if raw_page {
        if let Some(s) = sel("article p:not(.byline), article blockquote") {
            let paras: Vec<String> = doc
                .select(&s)
                .map(|e| e.text().collect::<Vec<_>>().join(" "))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
                .collect();
            a.text = paras.join("\n\n");
        }
        if let Some(s) = sel("[class*=paywall]") {
            a.paywalled = doc.select(&s).next().is_some();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_metadata_fills_what_extraction_left_empty() {
        let page = r#"<!DOCTYPE html><html lang="de"><head><meta property="og:title" content="Sora &amp; Veo">
<meta property="og:site_name" content="Beispiel"><meta property="article:published_time" content="2026-10-05T08:00:00+02:00"></head>
<body><article><h1>Sora &amp; Veo</h1><p>Erster   Absatz.</p><p>Zweiter.</p></article></body></html>"#;
        let mut a = NewArticle {
            text: page.to_owned(),
            outlet: "import".to_owned(),
            lang: "en".to_owned(),
            ..NewArticle::default()
        };
        fill_from_page(&mut a, page);
        assert_eq!(a.title.as_deref(), Some("Sora & Veo"));
        assert_eq!(a.outlet, "Beispiel");
        assert_eq!(a.lang, "de");
        assert_eq!(a.published.as_deref(), Some("2026-10-05T08:00:00+02:00"));
        assert_eq!(a.text, "Erster Absatz.\n\nZweiter.");
    }
}
