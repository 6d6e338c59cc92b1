//! One queued article: fetched, checked for HTML, extracted, held against the time window
//! and the topic filter, and turned into the article to store or the reason to skip it.
use chrono::{DateTime, Utc};

use super::{canonical_for, log_err, log_ok};
use crate::collect::extract;
use crate::collect::feeds;
use crate::collect::fetch::{FetchError, Fetcher};
use crate::collect::sources::Source;
use crate::collect::topic::TopicFilter;
use crate::store::{FetchLogEntry, NewArticle, QueueItem};

pub(super) enum ArticleOutcome {
    Keep(Box<NewArticle>),
    Skip(String),
    Failed(FetchError),
}

pub(super) struct ArticleResult {
    pub(super) item: QueueItem,
    pub(super) log: FetchLogEntry,
    pub(super) outcome: ArticleOutcome,
}

fn is_html(media: Option<&str>) -> bool {
    match media {
        None => true,
        Some(m) => m == "text/html" || m == "application/xhtml+xml",
    }
}

pub(super) fn fetch_article(
    fetcher: &Fetcher,
    filter: &TopicFilter,
    source: &Source,
    item: QueueItem,
    since: DateTime<Utc>,
) -> ArticleResult {
    let fetched = match fetcher.fetch(&item.url, None) {
        Ok(f) => f,
        Err(e) => {
            return ArticleResult {
                log: log_err(&item.url, &e),
                item,
                outcome: ArticleOutcome::Failed(e),
            }
        }
    };
    let mut log = log_ok(&item.url, &fetched);
    let skip = |log: FetchLogEntry, item: QueueItem, reason: String| ArticleResult {
        log,
        item,
        outcome: ArticleOutcome::Skip(reason),
    };
    if !is_html(fetched.media_type.as_deref()) {
        let media = fetched.media_type.clone().unwrap_or_default();
        log.error = Some(format!("{}: non-HTML content type {media}", item.url));
        return skip(log, item, "non-HTML content type".to_owned());
    }
    let final_url = fetched.final_url.to_string();
    let ex = match extract::try_extract(&fetched.body, fetched.charset.as_deref(), Some(&final_url))
    {
        Ok(ex) => ex,
        Err(e) => {
            log.error = Some(format!("{}: {e}", item.url));
            return skip(log, item, e.to_string());
        }
    };
    if ex.text.trim().is_empty() {
        return skip(log, item, "no text extracted".to_owned());
    }
    let published = ex.published.clone().or_else(|| item.published.clone());
    if let Some(p) = published.as_deref().and_then(feeds::parse_date) {
        if p < since {
            return skip(log, item, "outside time window".to_owned());
        }
    }
    let title = ex.title.clone().or_else(|| item.title.clone());
    let topic_text = format!("{}\n\n{}", title.as_deref().unwrap_or(""), ex.text);
    let topic = filter.classify(&topic_text);
    if !topic.keep {
        return skip(log, item, "off topic".to_owned());
    }
    let canonical = canonical_for(&final_url, ex.canonical_url.as_deref());
    let lang = ex
        .lang
        .as_deref()
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .filter(|l| l == "de" || l == "en")
        .unwrap_or_else(|| source.lang.clone());
    let article = NewArticle {
        url: final_url,
        canonical_url: canonical,
        source: source.name.clone(),
        outlet: source.name.clone(),
        lang,
        title,
        authors: ex.authors.clone(),
        published,
        modified: ex.modified.clone(),
        text: ex.text,
        paywalled: ex.paywalled,
        kept_reason: topic.reason,
    };
    ArticleResult {
        log,
        item,
        outcome: ArticleOutcome::Keep(Box::new(article)),
    }
}
